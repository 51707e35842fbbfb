//! A screen's words as paragraphs that know how important they are, so fitting them into a
//! window is a rule rather than a guess: the least important paragraphs go first (praise and
//! tips, then headlines such as "not quite"), the instruction, the hint and the pointer always
//! stay. At 大字 and 特大 the paragraphs marked `big` (the instruction, numbers to type,
//! headings) are drawn in pixel glyphs when they fit; a text too long for big glyphs at this
//! window size falls back to a smaller size, and finally to normal text, rather than being cut.
//! The same paragraphs give the words read aloud, so screen and speech never drift apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::settings::TextSize;

use super::bigtext::{self, Scale};
use super::context::ViewCx;
use super::draw::put;
use super::text::{width, wrap};
use super::theme::Role;

/// How much a paragraph matters when room is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// Never dropped: the instruction, the hint, the pointer, a question.
    Keep,
    /// Dropped second: headlines such as "not quite".
    Useful,
    /// Dropped first: praise and tips.
    Extra,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    pub role: Role,
    pub priority: Priority,
    /// Drawn in big glyphs at 大字 / 特大 when it fits.
    pub big: bool,
    /// Shown only in big glyphs (a heading that repeats the page title): left out at normal size.
    pub only_big: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextBlock {
    pub paras: Vec<Para>,
}

/// One terminal row of a fitted block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub text: String,
    pub role: Role,
}

/// A block fitted to an area: its rows, and how it was fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub rows: Vec<Row>,
    /// The size the big paragraphs were drawn at (`Normal` when they fell back).
    pub size: TextSize,
    /// Paragraphs left out for lack of room.
    pub dropped: usize,
    /// Even with every droppable paragraph gone, the rest did not fit and was cut at the bottom.
    pub clipped: bool,
}

impl Fitted {
    pub fn height(&self) -> u16 {
        self.rows.len() as u16
    }
}

impl TextBlock {
    pub fn new() -> TextBlock {
        TextBlock::default()
    }

    pub fn push(&mut self, text: impl Into<String>, role: Role, priority: Priority) -> &mut Self {
        self.paras.push(Para {
            text: text.into(),
            role,
            priority,
            big: false,
            only_big: false,
        });
        self
    }

    /// A paragraph that is drawn big at the larger text sizes.
    pub fn push_big(&mut self, text: impl Into<String>, role: Role) -> &mut Self {
        self.paras.push(Para {
            text: text.into(),
            role,
            priority: Priority::Keep,
            big: true,
            only_big: false,
        });
        self
    }

    /// A heading that is only worth showing big (at normal size the page header says it).
    pub fn push_heading(&mut self, text: impl Into<String>, role: Role) -> &mut Self {
        self.paras.push(Para {
            text: text.into(),
            role,
            priority: Priority::Keep,
            big: true,
            only_big: true,
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.paras.is_empty()
    }

    /// The words read aloud: every paragraph, in order, without the marks that only make sense
    /// to the eye (✓ ✗ »).
    pub fn spoken(&self) -> String {
        let mut out = String::new();
        for p in &self.paras {
            let clean: String = p
                .text
                .chars()
                .filter(|c| !matches!(c, '✓' | '✗' | '»' | '›' | '★' | '☆'))
                .collect();
            let clean = clean.trim();
            if clean.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(clean);
        }
        out
    }

    /// Fits the block into `cols × rows` at text size `size` (see the module doc for the order
    /// in which things give way). Each paragraph is wrapped, and laid out in big glyphs, at most
    /// once per size: the views call this on every key press.
    pub fn fit(&self, cols: u16, rows: u16, size: TextSize) -> Fitted {
        let sizes: &[TextSize] = match size {
            TextSize::Huge => &[TextSize::Huge, TextSize::Big, TextSize::Normal],
            TextSize::Big => &[TextSize::Big, TextSize::Normal],
            TextSize::Normal => &[TextSize::Normal],
        };
        let has_big = self.paras.iter().any(|p| p.big);
        let mut normal: Vec<Option<Vec<String>>> = vec![None; self.paras.len()];
        for &try_size in sizes {
            if try_size != TextSize::Normal && !has_big {
                continue;
            }
            let Some(pieces) = self.pieces(cols, try_size, &mut normal) else {
                continue;
            };
            for drop_from in [None, Some(Priority::Extra), Some(Priority::Useful)] {
                let (height, dropped) = measure(&pieces, drop_from);
                if height <= rows as usize {
                    return Fitted {
                        rows: assemble(pieces, drop_from),
                        size: try_size,
                        dropped,
                        clipped: false,
                    };
                }
            }
        }
        let pieces = self
            .pieces(cols, TextSize::Normal, &mut normal)
            .unwrap_or_default();
        let drop_from = Some(Priority::Useful);
        let dropped = measure(&pieces, drop_from).1;
        let mut rendered = assemble(pieces, drop_from);
        let clipped = rendered.len() > rows as usize;
        rendered.truncate(rows as usize);
        Fitted {
            rows: rendered,
            size: TextSize::Normal,
            dropped,
            clipped,
        }
    }

    /// Every paragraph's rows at one size. `None` when a big paragraph cannot be drawn big at
    /// this width (the caller tries a smaller size). Normal-size wrapping is kept in `normal`
    /// so that falling back does not wrap twice.
    fn pieces<'a>(
        &'a self,
        cols: u16,
        size: TextSize,
        normal: &mut [Option<Vec<String>>],
    ) -> Option<Vec<Piece<'a>>> {
        let scale = match size {
            TextSize::Normal => None,
            TextSize::Big => Some(Scale::X1),
            TextSize::Huge => Some(Scale::X2),
        };
        let mut out = Vec::with_capacity(self.paras.len());
        for (i, p) in self.paras.iter().enumerate() {
            if p.only_big && scale.is_none() {
                continue;
            }
            let lines = match scale {
                Some(scale) if p.big => {
                    let big = bigtext::layout(&p.text, scale, cols)?;
                    // Unifont glyphs fill their whole height: a blank row between lines keeps
                    // them from running into each other, and into the next paragraph.
                    let mut lines = Vec::with_capacity(usize::from(big.height() + big.lines()));
                    for line in 0..usize::from(big.lines()) {
                        if line > 0 {
                            lines.push(String::new());
                        }
                        lines.extend(big.line_rows(line).unwrap_or_default().iter().cloned());
                    }
                    (lines, true)
                }
                _ => (
                    normal[i]
                        .get_or_insert_with(|| wrap(&p.text, cols as usize))
                        .clone(),
                    false,
                ),
            };
            out.push(Piece {
                para: p,
                lines: lines.0,
                big: lines.1,
            });
        }
        Some(out)
    }
}

/// One paragraph's rows at one size.
struct Piece<'a> {
    para: &'a Para,
    lines: Vec<String>,
    big: bool,
}

fn kept(piece: &Piece, drop_from: Option<Priority>) -> bool {
    drop_from.is_none_or(|d| piece.para.priority < d)
}

/// (rows, paragraphs dropped) when paragraphs of priority `drop_from` and below are left out.
fn measure(pieces: &[Piece], drop_from: Option<Priority>) -> (usize, usize) {
    let kept_pieces: Vec<&Piece> = pieces.iter().filter(|p| kept(p, drop_from)).collect();
    let mut rows: usize = kept_pieces.iter().map(|p| p.lines.len()).sum();
    // A big paragraph is followed by a blank row unless it is the last.
    let n = kept_pieces.len();
    rows += kept_pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| p.big && i + 1 < n)
        .count();
    (rows, pieces.len() - n)
}

fn assemble(pieces: Vec<Piece>, drop_from: Option<Priority>) -> Vec<Row> {
    let kept_pieces: Vec<Piece> = pieces.into_iter().filter(|p| kept(p, drop_from)).collect();
    let n = kept_pieces.len();
    let mut rows = Vec::new();
    for (i, piece) in kept_pieces.into_iter().enumerate() {
        let role = piece.para.role;
        let big = piece.big;
        rows.extend(piece.lines.into_iter().map(|text| Row { text, role }));
        if big && i + 1 < n {
            rows.push(Row {
                text: String::new(),
                role,
            });
        }
    }
    rows
}

/// Draws fitted rows from the top of `area`; returns the rows used.
pub fn draw(cx: &ViewCx, buf: &mut Buffer, area: Rect, fitted: &Fitted) -> u16 {
    let mut y = area.y;
    for row in &fitted.rows {
        if y >= area.bottom() {
            break;
        }
        put(buf, area, area.x, y, &row.text, cx.style(row.role));
        y += 1;
    }
    y - area.y
}

/// Whether any row of the block is wider than `cols` (a word cut by character).
pub fn overflows(fitted: &Fitted, cols: u16) -> bool {
    fitted.rows.iter().any(|r| width(&r.text) > cols as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block() -> TextBlock {
        let mut b = TextBlock::new();
        b.push("✓ Well done!", Role::Right, Priority::Extra)
            .push_big("找到电话", Role::Strong)
            .push("✗ Not quite yet.", Role::NotYet, Priority::Useful)
            .push("» It is Phone. Press 1.", Role::NotYet, Priority::Keep);
        b
    }

    #[test]
    fn a_small_window_drops_praise_first_then_headlines_but_never_the_pointer() {
        let b = block();
        let all = b.fit(40, 10, TextSize::Normal);
        assert_eq!((all.rows.len(), all.dropped), (4, 0));
        let three = b.fit(40, 3, TextSize::Normal);
        assert_eq!(three.dropped, 1);
        assert!(three.rows.iter().all(|r| !r.text.contains("Well done")));
        let two = b.fit(40, 2, TextSize::Normal);
        let text: Vec<&str> = two.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, ["找到电话", "» It is Phone. Press 1."]);
        assert!(!two.clipped);
    }

    #[test]
    fn big_text_is_used_when_it_fits_and_falls_back_when_it_does_not() {
        let b = block();
        // Four CJK characters at 大字: 64 columns by 8 rows, plus a spacer and three lines.
        let roomy = b.fit(80, 20, TextSize::Big);
        assert_eq!(roomy.size, TextSize::Big);
        assert!(roomy.rows.iter().any(|r| r.text.contains('█')));
        // 40 columns fit only two big characters a line: 16 rows, too tall for 12.
        let small = b.fit(40, 12, TextSize::Big);
        assert_eq!(small.size, TextSize::Normal);
        assert!(small.rows.iter().all(|r| !r.text.contains('█')));
        assert_eq!(small.dropped, 0);
    }

    #[test]
    fn huge_falls_back_to_big_before_normal() {
        let b = block();
        // 特大 needs 128 columns for four characters; 大字 fits in 80.
        let fitted = b.fit(80, 20, TextSize::Huge);
        assert_eq!(fitted.size, TextSize::Big);
    }

    #[test]
    fn read_aloud_gets_the_same_words_without_the_marks() {
        assert_eq!(
            block().spoken(),
            "Well done!\n找到电话\nNot quite yet.\nIt is Phone. Press 1."
        );
    }
}
