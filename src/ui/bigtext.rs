//! Big pixel text drawn with half-block characters from GNU Unifont bitmaps.
//!
//! Why this exists: on the classroom PCs the terminal's font size cannot be
//! changed (locked-down settings, no admin rights), yet our readers need
//! characters several times larger than the console font. So we draw each
//! character ourselves, one Unifont pixel per half cell, using only `▀`, `▄`,
//! `█` and space — characters every terminal font has and that ratatui counts
//! as one column each.
//!
//! Layout refuses (returns `None`) rather than guessing whenever the result
//! would be wrong: a character Unifont cannot draw, or a word that cannot fit.
//! The caller then falls back to ordinary-size text, which is always better
//! than a half-drawn or cut-up instruction.

use unicode_width::UnicodeWidthChar;

/// GNU Unifont's licence notice, shipped with the glyphs (`zhulao licences` prints it).
pub const NOTICE: &str = include_str!("UNIFONT-NOTICE.txt");

/// How much each Unifont pixel is magnified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// One pixel is one half cell: a 16×16 glyph takes 16 columns × 8 rows.
    X1,
    /// Each pixel doubled both ways: a 16×16 glyph takes 32 columns × 16 rows.
    X2,
}

impl Scale {
    /// Terminal columns per glyph pixel.
    const fn cols_per_pixel(self) -> u16 {
        match self {
            Scale::X1 => 1,
            Scale::X2 => 2,
        }
    }

    /// Terminal rows taken by one line of big text (every line is the same
    /// height so that lines sit on a regular grid).
    pub const fn line_height(self) -> u16 {
        match self {
            // 16 pixel rows, two per cell.
            Scale::X1 => GLYPH_PIXEL_HEIGHT / 2,
            // 16 pixel rows doubled = 32 half cells.
            Scale::X2 => GLYPH_PIXEL_HEIGHT,
        }
    }
}

/// Every Unifont glyph in the `unifont` crate is 16 pixels tall.
const GLYPH_PIXEL_HEIGHT: u16 = 16;

/// The result of [`layout`]: rows of block characters ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigText {
    rows: Vec<String>,
    texts: Vec<String>,
    width: u16,
    lines: u16,
    scale: Scale,
}

impl BigText {
    /// All rows, top to bottom; each is made only of ' ', '▀', '▄', '█'.
    /// Rows are not padded to a common width, so each text line can be
    /// centred on its own.
    pub fn rows(&self) -> &[String] {
        &self.rows
    }

    /// Gives the rows away without copying (e.g. into ratatui `Line`s).
    pub fn into_rows(self) -> Vec<String> {
        self.rows
    }

    /// The rows belonging to text line `index` (0-based), if it exists.
    pub fn line_rows(&self, index: usize) -> Option<&[String]> {
        let h = usize::from(self.scale.line_height());
        self.rows.get(index * h..(index + 1) * h)
    }

    /// The characters on each text line, as wrapped (spaces dropped at line
    /// ends). Lets a caller log or read out exactly what is on screen.
    pub fn line_texts(&self) -> &[String] {
        &self.texts
    }

    /// Widest row, in terminal columns.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Number of terminal rows.
    pub fn height(&self) -> u16 {
        // Fits: `layout` refuses text taller than u16::MAX rows.
        self.rows.len() as u16
    }

    /// Number of text lines (each `scale().line_height()` rows tall).
    pub fn lines(&self) -> u16 {
        self.lines
    }

    pub fn scale(&self) -> Scale {
        self.scale
    }
}

/// Columns that `c` takes when drawn big, or `None` when it cannot be drawn:
/// no Unifont glyph (e.g. emoji outside the BMP), or a control / zero-width
/// character, for which Unifont only has a "dashed box" placeholder picture
/// that would mislead a reader.
pub fn glyph_width(c: char, scale: Scale) -> Option<u16> {
    glyph(c).map(|g| pixel_width(g) * scale.cols_per_pixel())
}

fn glyph(c: char) -> Option<&'static unifont::Glyph> {
    // `width()` is None for control characters and Some(0) for combining
    // marks, joiners, variation selectors and other invisible characters.
    match c.width() {
        None | Some(0) => None,
        Some(_) => unifont::get_glyph(c),
    }
}

fn pixel_width(g: &unifont::Glyph) -> u16 {
    // Only 8 or 16.
    g.get_width() as u16
}

/// Wraps `text` into lines no wider than `max_cols` and renders it.
///
/// Returns `None` when the text is empty or blank, when any character has no
/// glyph (see [`glyph_width`]), or when an unbreakable piece (a Latin word, or
/// a character glued to its punctuation) is wider than `max_cols`.
pub fn layout(text: &str, scale: Scale, max_cols: u16) -> Option<BigText> {
    let lines = wrap(text, scale, max_cols)?;
    render(&lines, scale)
}

/// Terminal rows that `layout(text, scale, max_cols)` would take.
pub fn height_for(text: &str, scale: Scale, max_cols: u16) -> Option<u16> {
    let lines = wrap(text, scale, max_cols)?;
    u16::try_from(lines.len())
        .ok()?
        .checked_mul(scale.line_height())
}

/// One character placed on a line.
#[derive(Clone, Copy, Debug)]
struct Placed {
    c: char,
    glyph: &'static unifont::Glyph,
    cols: u16,
}

type WrappedLine = Vec<Placed>;

/// Characters that may not start a line (they belong to what precedes them).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '〕'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Characters that may not end a line (they belong to what follows them).
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '【'
            | '〈'
            | '〔'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Spaces where a line may break; they vanish at line ends.
fn is_break_space(c: char) -> bool {
    // U+3000 is the full-width space used in Chinese text. No-break spaces
    // (U+00A0 etc.) are deliberately not here: they glue.
    c == ' ' || c == '\u{3000}'
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// May a line break between `a` and `b` (with or without spaces between)?
fn may_break_between(a: char, b: char, spaces_between: bool) -> bool {
    if is_opening(a) || is_closing(b) || is_no_break_space(a) || is_no_break_space(b) {
        return false;
    }
    // Latin text only breaks at spaces, so "WeChat", "3.5", "12:30" and
    // "Wi-Fi" stay whole.
    spaces_between || !(a.is_ascii_graphic() && b.is_ascii_graphic())
}

/// An unbreakable run of characters plus the break spaces that preceded it.
struct Chunk {
    lead_spaces: Vec<Placed>,
    lead_cols: u32,
    body: Vec<Placed>,
    body_cols: u32,
}

fn wrap(text: &str, scale: Scale, max_cols: u16) -> Option<Vec<WrappedLine>> {
    let max = u32::from(max_cols);
    let mut out = Vec::new();
    let mut any_ink = false;
    for para in text.split('\n') {
        // Tolerate Windows line endings from text files.
        let para = para.strip_suffix('\r').unwrap_or(para);
        let chunks = chunk(para, scale)?;
        any_ink |= !chunks.is_empty();
        wrap_paragraph(chunks, max, &mut out)?;
    }
    if !any_ink || out.len() * usize::from(scale.line_height()) > usize::from(u16::MAX) {
        return None;
    }
    Some(out)
}

fn chunk(para: &str, scale: Scale) -> Option<Vec<Chunk>> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut spaces: Vec<Placed> = Vec::new();
    let mut prev: Option<char> = None;
    for c in para.chars() {
        let glyph = glyph(c)?;
        let placed = Placed {
            c,
            glyph,
            cols: pixel_width(glyph) * scale.cols_per_pixel(),
        };
        if is_break_space(c) {
            spaces.push(placed);
            continue;
        }
        let spaced = !spaces.is_empty();
        let glue = match (prev, chunks.last_mut()) {
            (Some(p), Some(last)) if !may_break_between(p, c, spaced) => Some(last),
            _ => None,
        };
        match glue {
            Some(last) => {
                // Spaces inside a glued run are kept as ordinary glyphs.
                last.body_cols += cols_of(&spaces) + u32::from(placed.cols);
                last.body.append(&mut spaces);
                last.body.push(placed);
            }
            None => chunks.push(Chunk {
                lead_cols: cols_of(&spaces),
                lead_spaces: std::mem::take(&mut spaces),
                body_cols: u32::from(placed.cols),
                body: vec![placed],
            }),
        }
        prev = Some(c);
    }
    // Trailing spaces of a paragraph are dropped, as at any line end.
    Some(chunks)
}

fn cols_of(items: &[Placed]) -> u32 {
    items.iter().map(|p| u32::from(p.cols)).sum()
}

fn wrap_paragraph(chunks: Vec<Chunk>, max: u32, out: &mut Vec<WrappedLine>) -> Option<()> {
    let mut line: WrappedLine = Vec::new();
    let mut used = 0u32;
    let mut first_line = true;
    for mut ch in chunks {
        if ch.body_cols > max {
            return None;
        }
        // Greedy fill: CJK reading does not benefit from balanced lines the
        // way justified Latin prose does, and greedy is predictable.
        if !line.is_empty() && used + ch.lead_cols + ch.body_cols > max {
            out.push(std::mem::take(&mut line));
            used = 0;
            first_line = false;
        }
        // Leading spaces survive only where the author put them (paragraph
        // start, mid-line), never at the start of a wrapped line.
        let keep_lead =
            (!line.is_empty() || first_line) && used + ch.lead_cols + ch.body_cols <= max;
        if keep_lead {
            used += ch.lead_cols;
            line.append(&mut ch.lead_spaces);
        }
        used += ch.body_cols;
        line.append(&mut ch.body);
    }
    // An empty paragraph (e.g. "a\n\nb") is a deliberate blank line.
    out.push(line);
    Some(())
}

fn render(lines: &[WrappedLine], scale: Scale) -> Option<BigText> {
    let line_height = usize::from(scale.line_height());
    let mut rows = Vec::with_capacity(lines.len() * line_height);
    let mut width = 0u16;
    for line in lines {
        let cols: u16 = line.iter().map(|p| p.cols).sum();
        width = width.max(cols);
        for r in 0..line_height {
            // Block characters are 3 bytes each in UTF-8.
            let mut row = String::with_capacity(usize::from(cols) * 3);
            for p in line {
                push_glyph_row(&mut row, p.glyph, r, scale);
            }
            rows.push(row);
        }
    }
    Some(BigText {
        rows,
        texts: lines
            .iter()
            .map(|l| l.iter().map(|p| p.c).collect())
            .collect(),
        width,
        lines: u16::try_from(lines.len()).ok()?,
        scale,
    })
}

fn push_glyph_row(row: &mut String, g: &unifont::Glyph, r: usize, scale: Scale) {
    let w = g.get_width();
    match scale {
        Scale::X1 => {
            let (top, bottom) = (2 * r, 2 * r + 1);
            for x in 0..w {
                row.push(match (g.get_pixel(x, top), g.get_pixel(x, bottom)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
        }
        Scale::X2 => {
            // A doubled pixel fills both halves of its cells, so only full
            // blocks and spaces occur.
            for x in 0..w {
                let c = if g.get_pixel(x, r) { '█' } else { ' ' };
                row.push(c);
                row.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    const SAMPLE: &str = "找到“微信读书”，点一下打开它。";

    /// The characters of each wrapped line, so tests can talk about text.
    fn wrapped(text: &str, scale: Scale, max: u16) -> Vec<String> {
        layout(text, scale, max)
            .expect("should lay out")
            .line_texts()
            .to_vec()
    }

    fn row_widths_ok(bt: &BigText) -> bool {
        bt.rows()
            .iter()
            .all(|r| r.width() == r.chars().count() && r.chars().all(|c| " ▀▄█".contains(c)))
    }

    #[test]
    fn a_chinese_character_is_16_columns_by_8_rows_at_x1() {
        assert_eq!(glyph_width('大', Scale::X1), Some(16));
        let bt = layout("大", Scale::X1, 80).unwrap();
        assert_eq!((bt.width(), bt.height(), bt.lines()), (16, 8, 1));
        assert!(bt.rows().iter().all(|r| r.chars().count() == 16));
    }

    #[test]
    fn digits_fit_where_they_should() {
        assert_eq!(glyph_width('2', Scale::X1), Some(8));
        assert_eq!(glyph_width('2', Scale::X2), Some(16));
        let bt = layout("200", Scale::X1, 24).unwrap();
        assert_eq!((bt.width(), bt.height()), (24, 8));
        assert_eq!(layout("200", Scale::X1, 23), None);
        let bt = layout("123456", Scale::X2, 96).unwrap();
        assert_eq!((bt.width(), bt.height(), bt.lines()), (96, 16, 1));
    }

    #[test]
    fn chinese_wraps_between_any_two_characters() {
        // Five 16-column characters fit in 80 columns, the sixth wraps.
        assert_eq!(
            wrapped("一二三四五六七", Scale::X1, 80),
            ["一二三四五", "六七"]
        );
        assert_eq!(height_for("一二三四五六七", Scale::X1, 80), Some(16));
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 。 would just fit on the second line alone; it must take 它 along.
        assert_eq!(
            wrapped("点一下打开它。", Scale::X1, 96),
            ["点一下打开", "它。"]
        );
        // A run of closers (” then ，) goes with the character before them.
        for max in 16..=256 {
            if let Some(lines) = wrap(SAMPLE, Scale::X1, max) {
                for line in &lines[1..] {
                    assert!(!is_closing(line[0].c), "max {max}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        // "找到“" is exactly 40 columns; “ must move down with 微.
        assert_eq!(wrapped("找到“微信", Scale::X1, 40), ["找到", "“微信"]);
        for max in 16..=256 {
            if let Some(lines) = wrap(SAMPLE, Scale::X1, max) {
                for line in &lines {
                    assert!(!is_opening(line.last().unwrap().c), "max {max}");
                }
            }
        }
    }

    #[test]
    fn the_sample_instruction_wraps_within_every_width() {
        for max in 40..=300 {
            let bt = layout(SAMPLE, Scale::X1, max).unwrap();
            assert!(bt.width() <= max);
            assert_eq!(bt.height(), bt.lines() * 8);
            assert_eq!(height_for(SAMPLE, Scale::X1, max), Some(bt.height()));
            assert!(row_widths_ok(&bt));
        }
        // Curly quotes are halfwidth in Unifont: 14 CJK × 16 + 2 quotes × 8.
        let one_line = layout(SAMPLE, Scale::X1, 500).unwrap();
        assert_eq!(one_line.width(), 14 * 16 + 2 * 8);
    }

    #[test]
    fn curly_quotes_use_unifonts_own_halfwidth() {
        assert_eq!(glyph_width('“', Scale::X1), Some(8));
        assert_eq!(glyph_width('”', Scale::X2), Some(16));
        assert_eq!(glyph_width('，', Scale::X1), Some(16));
    }

    #[test]
    fn a_latin_word_moves_whole_to_the_next_line() {
        // "点击 WeChat" = 16+16+8+48 = 88 columns; at 80 the word wraps whole
        // and the space before it disappears.
        assert_eq!(wrapped("点击 WeChat", Scale::X1, 80), ["点击", "WeChat"]);
        assert_eq!(wrapped("12:30 OK", Scale::X1, 48), ["12:30", "OK"]);
    }

    #[test]
    fn spaces_at_line_ends_are_dropped() {
        let lines = wrapped("ab   cd  ", Scale::X1, 32);
        assert_eq!(lines, ["ab", "cd"]);
        // Spaces between words on one line are kept.
        assert_eq!(wrapped("ab cd", Scale::X1, 40), ["ab cd"]);
    }

    #[test]
    fn newline_starts_a_new_line_even_with_room_left() {
        let bt = layout("一\n二", Scale::X1, 200).unwrap();
        assert_eq!((bt.lines(), bt.height(), bt.width()), (2, 16, 16));
        assert_eq!(wrapped("一\r\n\n二", Scale::X1, 200), ["一", "", "二"]);
        // The blank line is rendered as empty rows, not missing rows.
        let bt = layout("一\n\n二", Scale::X1, 200).unwrap();
        assert_eq!(bt.height(), 24);
        assert!(bt.line_rows(1).unwrap().iter().all(String::is_empty));
    }

    #[test]
    fn text_with_a_missing_glyph_is_refused_so_the_caller_falls_back() {
        // Emoji are outside Unifont's BMP table.
        assert_eq!(glyph_width('😀', Scale::X1), None);
        assert_eq!(layout("打开😀", Scale::X1, 200), None);
        assert_eq!(height_for("打开😀", Scale::X1, 200), None);
        // Unifont has placeholder boxes for these; drawing them would mislead.
        for c in ['\t', '\u{7}', '\u{200B}', '\u{0301}', '\u{FEFF}'] {
            assert_eq!(glyph_width(c, Scale::X1), None, "{c:?}");
        }
        assert_eq!(layout("a\tb", Scale::X1, 200), None);
    }

    #[test]
    fn empty_or_blank_text_is_refused() {
        assert_eq!(layout("", Scale::X1, 80), None);
        assert_eq!(layout("  \n ", Scale::X1, 80), None);
        assert_eq!(height_for("", Scale::X2, 80), None);
    }

    #[test]
    fn a_word_wider_than_the_window_is_refused_not_cut() {
        assert_eq!(layout("123456", Scale::X1, 47), None);
        assert!(layout("123456", Scale::X1, 48).is_some());
        // A character glued to its punctuation is also one piece: "它。" is
        // 32 columns, so 16 cannot hold it.
        assert_eq!(layout("它。", Scale::X1, 16), None);
        assert_eq!(layout("大", Scale::X2, 31), None);
    }

    #[test]
    fn x2_doubles_both_directions() {
        let x1 = layout("大2", Scale::X1, 100).unwrap();
        let x2 = layout("大2", Scale::X2, 100).unwrap();
        assert_eq!((x1.width(), x1.height()), (24, 8));
        assert_eq!((x2.width(), x2.height()), (48, 16));
        let g = unifont::get_glyph('大').unwrap();
        for (y, row) in x2.rows().iter().enumerate() {
            let cells: Vec<char> = row.chars().collect();
            for x in 0..16 {
                let want = if g.get_pixel(x, y) { '█' } else { ' ' };
                assert_eq!((cells[2 * x], cells[2 * x + 1]), (want, want));
            }
        }
        assert!(row_widths_ok(&x2));
    }

    #[test]
    fn da_at_x1_matches_unifonts_pixels() {
        let g = unifont::get_glyph('大').unwrap();
        assert!(g.is_fullwidth());
        let bt = layout("大", Scale::X1, 16).unwrap();
        // Unifont's 大 starts with a single vertical stroke at x = 7 on pixel
        // rows 0 and 1, so the top cell row is one full block there.
        assert_eq!(bt.rows()[0], format!("{}█{}", " ".repeat(7), " ".repeat(8)));
        // And every cell agrees with the two pixels it stands for.
        for (r, row) in bt.rows().iter().enumerate() {
            for (x, cell) in row.chars().enumerate() {
                let want = match (g.get_pixel(x, 2 * r), g.get_pixel(x, 2 * r + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                };
                assert_eq!(cell, want, "row {r} col {x}");
            }
        }
        // The horizontal stroke of 大 (pixel row 5, the bottom half of cell
        // row 2) spans almost the full width.
        assert!(bt.rows()[2].matches('▄').count() >= 14);
    }

    #[test]
    fn rows_are_one_column_per_char_for_ratatui() {
        let bt = layout("123456 点一下打开它。", Scale::X1, 120).unwrap();
        assert!(row_widths_ok(&bt));
        assert_eq!(
            bt.width() as usize,
            bt.rows().iter().map(|r| r.width()).max().unwrap()
        );
    }

    #[test]
    fn layout_of_a_40_character_instruction_is_fast() {
        let text: String = SAMPLE.chars().cycle().take(40).collect();
        let n = 2000;
        let start = std::time::Instant::now();
        let mut total = 0usize;
        for _ in 0..n {
            total += layout(&text, Scale::X2, 200).unwrap().rows().len();
        }
        let per = start.elapsed() / n;
        println!("layout of 40 chars at X2, 200 cols: {per:?} per call");
        assert!(total > 0);
    }
}
