//! The one text-measuring and wrapping module. ratatui's Paragraph wraps only at spaces, which
//! leaves a Chinese sentence as one unbreakable word; here every width is measured with
//! unicode-width, lines break between any two CJK characters, Latin words stay whole where they
//! fit, and closing punctuation never starts a line (避头尾).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Characters that must not begin a line.
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕”’,.;:?!)]}%…·—".contains(c)
}

/// Characters that must not end a line.
fn is_opening(c: char) -> bool {
    "（《「『【〔“‘([{".contains(c)
}

/// Splits text into unbreakable pieces: a Latin word (with its trailing spaces), a single CJK
/// character, with closing punctuation glued to the piece before and opening punctuation to the
/// piece after.
fn pieces(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_open = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if is_opening(c) {
            pending_open.push(c);
            continue;
        }
        if is_closing(c)
            && pending_open.is_empty()
            && let Some(last) = out.last_mut()
        {
            last.push(c);
            continue;
        }
        let mut piece = std::mem::take(&mut pending_open);
        piece.push(c);
        if c.is_ascii_alphanumeric() || (c != ' ' && char_width(c) == 1 && !is_closing(c)) {
            while let Some(&n) = chars.peek() {
                if n != ' ' && char_width(n) == 1 && !is_opening(n) && !is_closing(n) {
                    piece.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
        }
        if c != ' ' {
            while chars.peek() == Some(&' ') {
                piece.push(' ');
                chars.next();
            }
        }
        out.push(piece);
    }
    if !pending_open.is_empty() {
        out.push(pending_open);
    }
    out
}

/// Wraps `text` to lines of at most `max` columns. Explicit newlines are kept; a piece wider than
/// a whole line is cut by character. Never returns an empty vector for non-empty text.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut para = wrap_paragraph(paragraph, max);
        // Avoid a lonely last line ("子。"): if a slightly narrower wrap gives the same number
        // of lines with a fuller last one, use it.
        let lonely = |l: &[String]| l.len() >= 2 && l.last().is_some_and(|last| width(last) <= 4);
        if lonely(&para) {
            for narrower in [2, 4, 6].map(|d| max.saturating_sub(d)) {
                if narrower < max * 3 / 4 {
                    break;
                }
                let alt = wrap_paragraph(paragraph, narrower);
                if alt.len() == para.len() && !lonely(&alt) {
                    para = alt;
                    break;
                }
            }
        }
        lines.append(&mut para);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for piece in pieces(paragraph) {
        let trimmed_w = width(piece.trim_end());
        let piece_w = width(&piece);
        if line_w + trimmed_w > max && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
            line_w = 0;
        }
        if trimmed_w > max {
            for c in piece.trim_end().chars() {
                let w = char_width(c);
                if line_w + w > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(c);
                line_w += w;
            }
            continue;
        }
        line.push_str(&piece);
        line_w += piece_w;
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// Cuts `s` to at most `max` columns, ending with "…" when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces on both sides to `w` columns (cutting it first if needed).
pub fn center(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let left = (w - width(&s)) / 2;
    let right = w - width(&s) - left;
    format!("{}{}{}", " ".repeat(left), s, " ".repeat(right))
}

/// A drawn buffer as text, one string per row, each wide character once (for tests, and for
/// `zhulao check`, which reads back what a learner would see).
pub fn buffer_rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.x..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
                row.push_str(s);
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_within_the_width() {
        let lines = wrap("在桌面上找到微信读书，点一下打开它。", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), "在桌面上找到微信读书，点一下打开它。");
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // A piece is at most a character and two punctuation marks (6 columns) wide.
        for w in 6..20 {
            for line in wrap("点一下“微信读书”，打开它。再找一找：它下面写着字。", w)
            {
                let first = line.chars().next().unwrap_or(' ');
                assert!(
                    !is_closing(first),
                    "width {w}: line starts with {first}: {line}"
                );
            }
        }
    }

    #[test]
    fn english_words_stay_whole() {
        let lines = wrap("Find WeChat Reading and tap it.", 12);
        assert_eq!(lines, vec!["Find WeChat", "Reading and", "tap it."]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let lines = wrap("abcdefghij", 4);
        assert_eq!(lines, vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn a_last_line_is_not_left_with_one_lonely_character() {
        let text = "银行和警察都不会要验证码，要的就是骗子。";
        let plain = wrap_paragraph(text, 36);
        assert_eq!(plain.last().map(String::as_str), Some("子。"), "{plain:?}");
        let lines = wrap(text, 36);
        assert_eq!(lines.len(), 2);
        assert!(width(lines.last().unwrap()) > 4, "{lines:?}");
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn newlines_make_paragraphs() {
        assert_eq!(wrap("一\n二", 10), vec!["一", "二"]);
    }

    #[test]
    fn truncate_measures_columns_and_marks_the_cut() {
        assert_eq!(truncate("微信读书", 5), "微信…");
        assert_eq!(truncate("微信", 4), "微信");
        assert!(width(&truncate("微信读书", 1)) <= 1);
    }

    #[test]
    fn wrapping_never_panics_on_tiny_widths() {
        for w in 0..4 {
            let _ = wrap("“微信读书”Hello，世界", w);
        }
    }
}
