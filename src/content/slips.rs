//! The slips a volunteer makes typing TOML, found before the TOML parser sees them. The parser
//! would stop at the first with "expected newline, `#`"; this names each one where it is and
//! says what to type instead:
//!
//! - Chinese punctuation typed where TOML needs its ASCII twin (“ ” ， ： ＝ 【】 and the
//!   full-width space) — around keys, `=`, braces, brackets, between entries, and the quotes
//!   that open and close a text. **Inside a text** these characters are the text itself, and
//!   right: a `say` may well quote “微信”, and a comma in it is `，`. So a text is skipped as a
//!   whole — also one opened with a Chinese quote, or typed without quotes at all — and only
//!   the marks around it are named.
//! - A text whose quotes do not pair up: the place a `"` is missing (after which words), a `"`
//!   used inside a text, a text with no quotes, a missing comma between two entries.
//!
//! Everything named here is certainly wrong TOML, so naming it never hides a good file.
//!
//! Also here: "did you mean `hint`?" for a misspelt field, kind, layout or colour.

use std::ops::Range;

use super::problems::Said;

/// A full-width character typed where TOML needs its ASCII twin: its Chinese name, the
/// character to type instead, and its English name.
fn slip(c: char) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match c {
        '“' | '”' | '＂' => ("中文引号", "\"", "a Chinese quote"),
        '‘' | '’' | '＇' => ("中文单引号", "'", "a Chinese single quote"),
        '，' => ("中文逗号", ",", "a full-width comma"),
        '：' => ("中文冒号", "=", "a full-width colon"),
        '＝' => ("全角等号", "=", "a full-width equals sign"),
        '【' | '［' => ("中文方括号", "[", "a full-width bracket"),
        '】' | '］' => ("中文方括号", "]", "a full-width bracket"),
        '｛' => ("全角花括号", "{", "a full-width brace"),
        '｝' => ("全角花括号", "}", "a full-width brace"),
        '。' => ("中文句号", ".", "a Chinese full stop"),
        '\u{3000}' => ("全角空格", " ", "a full-width space"),
        _ => return None,
    })
}

/// A Chinese quote, which can open or close a text typed with a Chinese input method.
fn is_chinese_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '＂' | '‘' | '’' | '＇')
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '\'' || is_chinese_quote(c)
}

/// What to say about a slip `c` (one `slip` knows).
fn slip_said(c: char) -> Said {
    let Some((zh, ascii, en)) = slip(c) else {
        return Said::new("", "");
    };
    if c == '\u{3000}' {
        return crate::said!(
            "这里有一个全角空格（中文空格），请换成普通的英文空格",
            "a full-width space here: type an ordinary space instead"
        );
    }
    if is_chinese_quote(c) {
        return crate::said!(
            "用了{zh} {c} ，请换成英文的 {ascii}（文字两头的引号要用英文的；文字里面的中文标点不用改）",
            "{en} {c}: type the English {ascii} instead (the quotes around a text must be English ones; Chinese punctuation inside the text is fine)"
        );
    }
    crate::said!(
        "用了{zh} {c} ，请换成英文的 {ascii}（切换到英文输入法再打）",
        "{en} {c}: type the English {ascii} instead"
    )
}

/// At most the last `n` characters of `s`, with "…" before them if cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().skip(count - n).collect();
        format!("…{cut}")
    }
}

/// At most the first `n` characters of `s`, with "…" after them if cut.
fn head(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n).collect();
        format!("{cut}…")
    }
}

/// The end of the line holding byte `i` (the offset of its '\n', or of the end).
fn line_end(src: &str, i: usize) -> usize {
    src[i..].find('\n').map_or(src.len(), |n| i + n)
}

/// The length of a bare key (`say`, `leads_to`) at the start of `s`, if `=` follows it.
fn key_then_equals(s: &str) -> Option<usize> {
    let key = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(s.len());
    if key == 0 {
        return None;
    }
    s[key..]
        .trim_start_matches([' ', '\t'])
        .starts_with(['=', '＝'])
        .then_some(key)
}

/// Where a value written from the start of `rest` most likely ends on its line: before a comma
/// followed by the next entry (`en = `, a quoted value, the end of the line), a closing brace
/// or bracket that ends the line or the entry, or a comment. Commas and brackets followed by
/// more words are the text's own.
fn value_end(rest: &str) -> usize {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after = line[i + c.len_utf8()..].trim_start_matches([' ', '\t']);
        let ends = match c {
            ',' | '，' => {
                after.is_empty()
                    || after.starts_with(['"', '\'', '{', '[', '#'])
                    || after.starts_with(|d: char| d.is_ascii_digit())
                    || key_then_equals(after).is_some()
            }
            '}' | ']' | '｝' | '】' | '］' => {
                after.is_empty() || after.starts_with([',', '，', '}', ']', '#'])
            }
            '#' => prev.is_none_or(|p| p == ' ' || p == '\t' || is_quote(p)),
            _ => false,
        };
        if ends {
            return i;
        }
        prev = Some(c);
    }
    line.len()
}

/// Where a string opened by `quote` at `open` closes on its line: the offset of the closing
/// quote, or None if the line ends first.
fn string_close(src: &str, open: usize, quote: char) -> Option<usize> {
    let mut chars = src[open + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => return None,
            '\\' if quote == '"' => {
                if let Some((_, '\n')) = chars.next() {
                    return None;
                }
            }
            c if c == quote => return Some(open + 1 + i),
            _ => {}
        }
    }
    None
}

/// Where a multi-line string opened at `open` (by three quotes) ends: just after its closing
/// three, or at the end of the file.
fn multi_line_end(src: &str, open: usize, quote: char) -> usize {
    let delimiter = if quote == '"' { "\"\"\"" } else { "'''" };
    let mut i = open + 3;
    while i < src.len() {
        let rest = &src[i..];
        if quote == '"' && rest.starts_with('\\') {
            i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if rest.starts_with(delimiter) {
            // Up to two quotes of the text itself may come just before the delimiter.
            let extra = rest[3..].chars().take_while(|&c| c == quote).count().min(2);
            return i + 3 + extra;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    src.len()
}

/// The scan of one file: every slip found, in order.
struct Scan<'a> {
    src: &'a str,
    found: Vec<(Range<usize>, Said)>,
}

impl Scan<'_> {
    fn at(&mut self, at: usize, len: usize, message: Said) {
        self.found.push((at..at + len, message));
    }

    fn slip(&mut self, at: usize, c: char) {
        self.at(at, c.len_utf8(), slip_said(c));
    }

    /// Scans the file. Strings are skipped (their words are theirs); what is outside them is
    /// looked at character by character.
    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        // Just after `=`: a value comes next.
        let mut after_equals = false;
        // Braces opened and not yet closed on this line (an inline table).
        let mut braces = 0usize;
        while let Some(c) = src[i..].chars().next() {
            let next = i + c.len_utf8();
            match c {
                '\n' => {
                    after_equals = false;
                    braces = 0;
                    i = next;
                }
                '#' => i = line_end(src, i),
                '"' | '\'' if src[i..].starts_with(if c == '"' { "\"\"\"" } else { "'''" }) => {
                    i = multi_line_end(src, i, c);
                    after_equals = false;
                }
                '"' | '\'' => {
                    after_equals = false;
                    match string_close(src, i, c) {
                        Some(close) => {
                            i = close + 1;
                            if self.after_text(close, braces, c) {
                                i = line_end(src, i);
                            }
                        }
                        None => {
                            self.unclosed(i, c);
                            i = line_end(src, i);
                        }
                    }
                }
                c if is_chinese_quote(c) => {
                    i = self.chinese_quoted(i, c);
                    after_equals = false;
                }
                ' ' | '\t' | '\r' => i = next,
                c if after_equals && c.is_alphabetic() => {
                    i = self.bare(i);
                    after_equals = false;
                }
                _ => {
                    if slip(c).is_some() {
                        self.slip(i, c);
                    }
                    match c {
                        '{' | '｛' => braces += 1,
                        '}' | '｝' => braces = braces.saturating_sub(1),
                        _ => {}
                    }
                    after_equals = matches!(c, '=' | '＝' | '：');
                    i = next;
                }
            }
        }
    }

    /// A text that opens with a Chinese quote at `open`: that quote is named, and the closing
    /// one if it is Chinese too; the words between are the text's own. Returns where to go on.
    fn chinese_quoted(&mut self, open: usize, quote: char) -> usize {
        let src = self.src;
        self.slip(open, quote);
        let start = open + quote.len_utf8();
        let end = start + value_end(&src[start..]);
        let words = src[start..end].trim_end();
        match words.chars().next_back() {
            Some(last) if is_quote(last) => {
                let at = start + words.len() - last.len_utf8();
                if is_chinese_quote(last) {
                    self.slip(at, last);
                }
                at + last.len_utf8()
            }
            _ => end,
        }
    }

    /// A value after `=` that starts with a letter at `at`: `true` and `false` are values; any
    /// other word is a text typed without its quotes. Returns where to go on.
    fn bare(&mut self, at: usize) -> usize {
        let src = self.src;
        let end = at + value_end(&src[at..]);
        let word = src[at..end].trim_end();
        if ["true", "false", "inf", "nan"].contains(&word) {
            return at + word.len();
        }
        let lower = word.to_ascii_lowercase();
        if lower == "true" || lower == "false" {
            self.at(
                at,
                word.len(),
                crate::said!(
                    "请写成小写的 {lower}（不加引号）",
                    "write it in small letters: {lower}"
                ),
            );
        } else if let Some(before) = word
            .strip_suffix('"')
            .filter(|w| !w.is_empty() && !w.contains('"'))
        {
            let before = head(before, 10);
            self.at(
                at,
                1,
                crate::said!(
                    "这一行的引号没有配对：在 “{before}” 前面补一个英文的 \"",
                    "the quotes on this line do not pair up: type an English \" before '{before}'"
                ),
            );
        } else {
            let shown = head(word, 12);
            self.at(
                at,
                1,
                crate::said!(
                    "文字两头要加英文引号：请写成 \"{shown}\"",
                    "a text needs English quotes around it: write \"{shown}\""
                ),
            );
        }
        end
    }

    /// A string opened by `quote` at `open` that its line ends inside: where a quote is missing.
    fn unclosed(&mut self, open: usize, quote: char) {
        let src = self.src;
        let start = open + 1;
        let end = start + value_end(&src[start..]);
        let words = src[start..end].trim_end();
        let line_start = src[..open].rfind('\n').map_or(0, |n| n + 1);
        if let Some(last) = words.chars().next_back().filter(|&c| is_chinese_quote(c)) {
            // "…” : closed with a Chinese quote.
            self.slip(start + words.len() - last.len_utf8(), last);
            return;
        }
        if !words.trim().is_empty() {
            self.missing_close(start + words.len(), words, quote);
            return;
        }
        // A quote at the end of a value: its opening one is missing — or it is a quote
        // inside a text whose own quotes closed it early.
        let before = &src[line_start..open];
        let value_start = before
            .rfind(['=', ',', '{', '[', '"', '\''])
            .map_or(0, |n| n + 1);
        let value = before[value_start..].trim();
        if value.is_empty() || before[..value_start].ends_with(['"', '\'']) {
            self.at(
                open,
                1,
                crate::said!(
                    "这个引号没有配对：文字里面的引号请用中文的 “ ”，英文的 {quote} 只放在一段文字的两头",
                    "this quote has no partner: inside a text use Chinese quotes “ ”; the English {quote} only goes at the two ends of a text"
                ),
            );
        } else {
            let gap = before[value_start..].len() - before[value_start..].trim_start().len();
            let value = head(value, 10);
            self.at(
                line_start + value_start + gap,
                1,
                crate::said!(
                    "这一行的引号没有配对：在 “{value}” 前面补一个英文的 {quote}",
                    "the quotes on this line do not pair up: type an English {quote} before '{value}'"
                ),
            );
        }
    }

    /// A text whose closing quote is missing at `at`, just after `words`.
    fn missing_close(&mut self, at: usize, words: &str, quote: char) {
        let last = tail(words, 8);
        self.at(
            at,
            1,
            crate::said!(
                "这一行的引号没有配对：在 “{last}” 后面补一个英文的 {quote}",
                "the quotes on this line do not pair up: type an English {quote} after '{last}'"
            ),
        );
    }

    /// After a text closed by the quote at `close`: words right after it mean its quotes are
    /// wrong (a quote missing, or one used inside the text) or a comma is missing. True if that
    /// was named (the rest of the line is then not looked at).
    fn after_text(&mut self, close: usize, braces: usize, quote: char) -> bool {
        let src = self.src;
        let after = close + 1;
        let line = &src[after..line_end(src, after)];
        let rest = line.trim_start_matches([' ', '\t']);
        let gap = line.len() - rest.len();
        if !rest.starts_with(|c: char| c.is_alphanumeric() || c == quote) {
            return false;
        }
        let open = src[..close].rfind(quote).unwrap_or(close);
        let words = &src[open + 1..close];
        // `zh = "读, en = "Read"`: the text ran on into the next entry.
        if let Some(comma) = words.rfind([',', '，'])
            && ran_into_next_entry(&words[comma..])
        {
            let text = words[..comma].trim_end();
            let at = open + 1 + text.len();
            match text.chars().next_back() {
                Some(last) if is_chinese_quote(last) => self.slip(at - last.len_utf8(), last),
                _ => self.missing_close(at, text, quote),
            }
            return true;
        }
        if let Some(key) = key_then_equals(rest) {
            let key = &rest[..key];
            let message = if braces > 0 {
                crate::said!(
                    "两项之间要用英文逗号 , 隔开：请在 `{key}` 前面加一个 ,",
                    "put an English comma , between two entries: add one before `{key}`"
                )
            } else {
                crate::said!(
                    "一行只能写一项：请把 `{key}` 那一项移到下一行",
                    "one entry per line: move `{key}` to a line of its own"
                )
            };
            self.at(after + gap, 1, message);
            return true;
        }
        if rest.contains(quote) {
            self.at(
                close,
                1,
                crate::said!(
                    "文字里面的引号请用中文的 “ ”：英文的 {quote} 只放在一段文字的两头",
                    "inside a text, use Chinese quotes “ ”: the English {quote} only goes at the two ends of a text"
                ),
            );
            return true;
        }
        false
    }
}

/// Whether the end of a text's words, from a comma on, is the start of the next entry
/// (`, en = `): its closing quote was left out.
fn ran_into_next_entry(from_comma: &str) -> bool {
    let next = from_comma
        .trim_start_matches([',', '，'])
        .trim_start_matches([' ', '\t']);
    key_then_equals(next).is_some_and(|key| {
        next[key..]
            .trim_start_matches([' ', '\t'])
            .trim_start_matches(['=', '＝'])
            .trim()
            .is_empty()
    })
}

/// Every slip outside strings and comments, in order: its byte span and what to say.
pub fn input_method_slips(source: &str) -> Vec<(Range<usize>, Said)> {
    let mut scan = Scan {
        src: source,
        found: Vec::new(),
    };
    scan.run();
    scan.found
}

/// The option closest to a misspelt `word` (at most two letters off, and not a wholly different
/// short word), for "did you mean …?".
pub fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
    .max(1);
    options
        .into_iter()
        .map(|o| (distance(word, o), o))
        .filter(|(d, o)| *d <= limit && *d < o.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Edit distance where swapping two neighbouring letters ("hnit") is one slip.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// "（是不是想写 `hint`？）" / " — did you mean `hint`?", or nothing in either language.
pub fn did_you_mean<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Said {
    nearest(word, options).map_or(Said::new("", ""), |o| {
        crate::said!("（是不是想写 `{o}`？）", " — did you mean `{o}`?")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_in_the_syntax_is_named_but_not_inside_strings_or_comments() {
        let src =
            "id = “a”\nsay = { zh = \"点“微信”，好\"， en = 'it’s' }\n# 注释：没关系\nx = [1，2]\n";
        let found = input_method_slips(src);
        let chars: Vec<&str> = found.iter().map(|(r, _)| &src[r.clone()]).collect();
        assert_eq!(chars, ["“", "”", "，", "，"]);
        assert!(found[0].1.zh.contains("中文引号") && found[0].1.zh.contains('"'));
        assert!(
            found[0].1.en.contains("a Chinese quote"),
            "{:?}",
            found[0].1
        );
        assert!(found[2].1.zh.contains("中文逗号") && found[2].1.en.contains("full-width comma"));
    }

    #[test]
    fn multi_line_strings_and_escapes_are_text() {
        let src = "a = \"\"\"\n“引号”，\n\"\"\"\nb = '''，'''\nc = \"\\\"，\"\nd = ：\n";
        let found = input_method_slips(src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&src[found[0].0.clone()], "：");
    }

    #[test]
    fn a_good_file_full_of_chinese_punctuation_has_no_slips() {
        let src = "# 说明：这是“注释”，没关系。\nid = \"a\"\nsay = { zh = \"点“微信”，再点【发现】：好。\", en = 'it’s “fine”' }\nlist = [\"一，二\", '三：四']\nmore = \"\"\"\n多行：“文字”，\n\"\"\"\nok = true # 对：\n";
        assert_eq!(input_method_slips(src), []);
    }

    #[test]
    fn a_text_in_chinese_quotes_keeps_its_own_punctuation() {
        let src = "say = { zh = “点“微信”，好”, en = \"x\" }\n";
        let found = input_method_slips(src);
        let at: Vec<usize> = found.iter().map(|(r, _)| r.start).collect();
        assert_eq!(at, [src.find('“').unwrap(), src.rfind('”').unwrap()]);
    }

    #[test]
    fn a_missing_quote_is_placed_after_or_before_the_words() {
        let found = input_method_slips("kind = \"read\nsay = 1\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.start, "kind = \"read".len());
        assert!(found[0].1.en.contains("after 'read'"), "{:?}", found[0].1);
        assert!(found[0].1.zh.contains("在 “read” 后面补一个英文的 \""));
        let found = input_method_slips("kind = read\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.zh.contains("请写成 \"read\""),
            "{:?}",
            found[0].1
        );
        assert!(found[0].1.en.contains("write \"read\""));
    }

    #[test]
    fn did_you_mean_is_said_in_both_languages() {
        let hint = did_you_mean("hnit", ["say", "hint"]);
        assert_eq!(hint.zh, "（是不是想写 `hint`？）");
        assert_eq!(hint.en, " — did you mean `hint`?");
        assert_eq!(did_you_mean("colour", ["say", "hint"]), Said::new("", ""));
    }

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let fields = [
            "id", "kind", "say", "hint", "why", "screen", "target", "choices",
        ];
        assert_eq!(nearest("hnit", fields), Some("hint"));
        assert_eq!(nearest("sreen", fields), Some("screen"));
        assert_eq!(nearest("choises", fields), Some("choices"));
        assert_eq!(nearest("colour", fields), None);
        assert_eq!(nearest("x", fields), None);
        assert_eq!(nearest("jduge", ["tap", "judge", "read"]), Some("judge"));
    }
}
