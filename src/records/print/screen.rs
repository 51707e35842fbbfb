//! A drawn screen on paper: the cells of a ratatui `Buffer` — the app's own phone, drawn by
//! the app's own code — turned into an inline SVG picture with their colours. SVG rather than
//! HTML text, because every cell sits at its own place whatever fonts the printing computer
//! has: a Chinese character takes exactly its two cells, and the frame's lines (─ │ ╭ ┏ …),
//! which fonts draw at many different widths and heights, are drawn as lines that meet, as
//! terminals such as kitty and foot draw them. The words stay text in the picture, so a PDF
//! made from it can still be searched and read aloud.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::html::escape;
use crate::ui::theme::{Palette, Rgb};

/// A cell's width and height on paper, in points, for text of `FONT_PT`: a half-width cell is
/// 0.55 em, a row 1.15 em (room above and below the characters, as in a terminal). The
/// picture's units are points (its width in `pt` equals its `viewBox` width), so its text is
/// `FONT_PT` points on paper.
pub const FONT_PT: f32 = 18.0;
const CELL_W: f32 = FONT_PT * 0.55;
const CELL_H: f32 = FONT_PT * 1.15;
/// Where the characters' baseline sits in a row.
const BASELINE: f32 = CELL_H * 0.78;

/// The colours and weight a cell is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    bg: Rgb,
    bold: bool,
}

fn rgb(color: Color, default: Rgb) -> Rgb {
    match color {
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Black => Rgb(0, 0, 0),
        Color::White => Rgb(255, 255, 255),
        _ => default,
    }
}

fn look(cell: &Cell, palette: &Palette) -> Look {
    let fg = rgb(cell.fg, palette.text);
    let bg = rgb(cell.bg, palette.background);
    let (fg, bg) = if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    };
    Look {
        fg,
        bg,
        bold: cell.modifier.contains(Modifier::BOLD),
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The buffer as an SVG element, `FONT_PT` text, `label` its accessible name. Cells in the
/// palette's own background are left transparent, so the paper shows through.
pub fn svg(buf: &Buffer, palette: &Palette, label: &str) -> String {
    let area = buf.area;
    let (w, h) = (
        f32::from(area.width) * CELL_W,
        f32::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="screen" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{w:.1}pt" height="{h:.1}pt" viewBox="0 0 {w:.1} {h:.1}" font-size="{FONT_PT}">"#,
        escape(label)
    );
    for y in area.top()..area.bottom() {
        let row: Vec<(u16, &Cell, usize)> = cells(buf, y);
        backgrounds(&mut out, &row, y - area.y, palette, area.x);
        let top = f32::from(y - area.y) * CELL_H;
        let mut i = 0;
        while i < row.len() {
            let (x, cell, width) = row[i];
            let fg = look(cell, palette).fg;
            let left = f32::from(x - area.x) * CELL_W;
            // A run of plain horizontal lines (most of a frame) is one line.
            let run = if matches!(cell.symbol(), "─" | "━") {
                row[i..]
                    .iter()
                    .take_while(|(_, c, _)| {
                        c.symbol() == cell.symbol() && look(c, palette).fg == fg
                    })
                    .count()
            } else {
                0
            };
            if run > 1 {
                let weight = if cell.symbol() == "━" { 2 } else { 1 };
                let (_, _, last_w) = row[i + run - 1];
                let right =
                    f32::from(row[i + run - 1].0 - area.x) * CELL_W + CELL_W * last_w as f32;
                let cy = top + CELL_H / 2.0;
                let _ = write!(
                    out,
                    r#"<line x1="{left:.2}" y1="{cy:.2}" x2="{right:.2}" y2="{cy:.2}" stroke="{}" stroke-width="{:.1}"/>"#,
                    hex(fg),
                    stroke(weight)
                );
                i += run;
                continue;
            }
            shapes(&mut out, cell.symbol(), left, top, width, fg);
            i += 1;
        }
        texts(&mut out, &row, y - area.y, palette, area.x);
    }
    out.push_str("</svg>");
    out
}

/// A row's cells that show something, with their widths in cells (the cell after a wide
/// character is part of it).
fn cells(buf: &Buffer, y: u16) -> Vec<(u16, &Cell, usize)> {
    let area = buf.area;
    let mut row = Vec::new();
    let mut x = area.x;
    while x < area.right() {
        let cell = &buf[(x, y)];
        let width = UnicodeWidthStr::width(cell.symbol()).clamp(1, 2);
        row.push((x, cell, width));
        x += width as u16;
    }
    row
}

/// One rectangle for each run of cells with the same background that is not the paper's.
fn backgrounds(out: &mut String, row: &[(u16, &Cell, usize)], y: u16, palette: &Palette, x0: u16) {
    let mut i = 0;
    while i < row.len() {
        let bg = look(row[i].1, palette).bg;
        let start = row[i].0;
        let mut end = start + row[i].2 as u16;
        let mut j = i + 1;
        while j < row.len() && look(row[j].1, palette).bg == bg {
            end = row[j].0 + row[j].2 as u16;
            j += 1;
        }
        if bg != palette.background {
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                f32::from(start - x0) * CELL_W,
                f32::from(y) * CELL_H,
                f32::from(end - start) * CELL_W,
                CELL_H,
                hex(bg)
            );
        }
        i = j;
    }
}

/// The words of a row: one `<text>` for each run of characters in the same colour and weight,
/// each character placed at its own cell.
fn texts(out: &mut String, row: &[(u16, &Cell, usize)], y: u16, palette: &Palette, x0: u16) {
    let glyph = |cell: &Cell| {
        let s = cell.symbol();
        !s.trim().is_empty() && s.chars().next().is_some_and(|c| !is_drawn(c))
    };
    let mut i = 0;
    while i < row.len() {
        if !glyph(row[i].1) {
            i += 1;
            continue;
        }
        let first = look(row[i].1, palette);
        let mut xs = Vec::new();
        let mut text = String::new();
        let mut j = i;
        // A run goes on over single spaces, so that a label's words stay one piece of text.
        while j < row.len() {
            let (x, cell, width) = row[j];
            let same = look(cell, palette).fg == first.fg && look(cell, palette).bold == first.bold;
            let s = cell.symbol();
            if !(same && (glyph(cell) || (s == " " && j + 1 < row.len() && glyph(row[j + 1].1)))) {
                break;
            }
            // A wide character is centred on its two cells (its own advance is one em).
            let left = f32::from(x - x0) * CELL_W
                + if width == 2 {
                    (2.0 * CELL_W - FONT_PT) / 2.0
                } else {
                    0.0
                };
            for _ in s.chars() {
                xs.push(format!("{left:.1}"));
            }
            text.push_str(s);
            j += 1;
        }
        let weight = if first.bold {
            r#" font-weight="700""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{:.1}" fill="{}"{weight}>{}</text>"#,
            xs.join(" "),
            f32::from(y) * CELL_H + BASELINE,
            hex(first.fg),
            escape(&text)
        );
        i = j;
    }
}

/// Characters drawn as shapes rather than taken from a font: box lines and block elements.
fn is_drawn(c: char) -> bool {
    lines(c).is_some() || blocks(c).is_some()
}

/// A box-drawing character's arms (up, down, left, right: 0 none, 1 light, 2 heavy), whether
/// its corner is rounded, and whether it is dashed.
struct Arms {
    up: u8,
    down: u8,
    left: u8,
    right: u8,
    round: bool,
    dashed: bool,
}

fn lines(c: char) -> Option<Arms> {
    let arms = |up, down, left, right| Arms {
        up,
        down,
        left,
        right,
        round: false,
        dashed: false,
    };
    Some(match c {
        '─' => arms(0, 0, 1, 1),
        '━' => arms(0, 0, 2, 2),
        '│' => arms(1, 1, 0, 0),
        '┃' => arms(2, 2, 0, 0),
        '┌' => arms(0, 1, 0, 1),
        '┐' => arms(0, 1, 1, 0),
        '└' => arms(1, 0, 0, 1),
        '┘' => arms(1, 0, 1, 0),
        '┏' => arms(0, 2, 0, 2),
        '┓' => arms(0, 2, 2, 0),
        '┗' => arms(2, 0, 0, 2),
        '┛' => arms(2, 0, 2, 0),
        '├' => arms(1, 1, 0, 1),
        '┤' => arms(1, 1, 1, 0),
        '┬' => arms(0, 1, 1, 1),
        '┴' => arms(1, 0, 1, 1),
        '┼' => arms(1, 1, 1, 1),
        '┣' => arms(2, 2, 0, 2),
        '┫' => arms(2, 2, 2, 0),
        '┳' => arms(0, 2, 2, 2),
        '┻' => arms(2, 0, 2, 2),
        '╋' => arms(2, 2, 2, 2),
        '╭' | '╮' | '╯' | '╰' => {
            let (up, down, left, right) = match c {
                '╭' => (0, 1, 0, 1),
                '╮' => (0, 1, 1, 0),
                '╯' => (1, 0, 1, 0),
                _ => (1, 0, 0, 1),
            };
            Arms {
                round: true,
                ..arms(up, down, left, right)
            }
        }
        '╌' | '┄' | '┈' => Arms {
            dashed: true,
            ..arms(0, 0, 1, 1)
        },
        '╎' | '┆' | '┊' => Arms {
            dashed: true,
            ..arms(1, 1, 0, 0)
        },
        _ => return None,
    })
}

/// A block element as the part of its cell it fills: (left, top, width, height), in cells.
fn blocks(c: char) -> Option<(f32, f32, f32, f32)> {
    Some(match c {
        '█' => (0.0, 0.0, 1.0, 1.0),
        '▀' => (0.0, 0.0, 1.0, 0.5),
        '▄' => (0.0, 0.5, 1.0, 0.5),
        '▌' => (0.0, 0.0, 0.5, 1.0),
        '▐' => (0.5, 0.0, 0.5, 1.0),
        _ => return None,
    })
}

fn stroke(weight: u8) -> f32 {
    if weight >= 2 { 2.6 } else { 1.2 }
}

/// The lines or blocks of one cell at (`left`, `top`).
fn shapes(out: &mut String, symbol: &str, left: f32, top: f32, width: usize, fg: Rgb) {
    let Some(c) = symbol.chars().next() else {
        return;
    };
    let colour = hex(fg);
    let w = CELL_W * width as f32;
    if let Some((x, y, bw, bh)) = blocks(c) {
        // A hair wider than the cell, so neighbouring blocks print as one solid area.
        let _ = write!(
            out,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{colour}"/>"#,
            left + x * w - 0.05,
            top + y * CELL_H - 0.05,
            bw * w + 0.1,
            bh * CELL_H + 0.1
        );
        return;
    }
    let Some(a) = lines(c) else {
        return;
    };
    let (cx, cy) = (left + w / 2.0, top + CELL_H / 2.0);
    let (right, bottom) = (left + w, top + CELL_H);
    let dash = if a.dashed {
        r#" stroke-dasharray="3 2.4""#
    } else {
        ""
    };
    if a.round {
        // One curve from the arm's end through the centre's corner to the other arm's end.
        let (x_end, y_end) = (
            if a.left > 0 { left } else { right },
            if a.up > 0 { top } else { bottom },
        );
        let _ = write!(
            out,
            r#"<path d="M{x_end:.2} {cy:.2} Q{cx:.2} {cy:.2} {cx:.2} {y_end:.2}" fill="none" stroke="{colour}" stroke-width="{:.1}"/>"#,
            stroke(1)
        );
        return;
    }
    // Each arm from the centre to its edge; the heavier of two crossing arms covers the
    // centre, so corners meet without a notch.
    let half_v = stroke(a.left.max(a.right)) / 2.0;
    let half_h = stroke(a.up.max(a.down)) / 2.0;
    let mut arm = |weight: u8, x1: f32, y1: f32, x2: f32, y2: f32| {
        if weight > 0 {
            let _ = write!(
                out,
                r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{colour}" stroke-width="{:.1}"{dash}/>"#,
                stroke(weight)
            );
        }
    };
    arm(a.up, cx, top, cx, cy + half_v);
    arm(a.down, cx, cy - half_v, cx, bottom);
    arm(a.left, left, cy, cx + half_h, cy);
    arm(a.right, cx - half_h, cy, right, cy);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::LIGHT;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer(rows: &[&str]) -> Buffer {
        let lines: Vec<ratatui::text::Line> =
            rows.iter().map(|r| ratatui::text::Line::from(*r)).collect();
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, rows.len() as u16));
        for (y, line) in lines.iter().enumerate() {
            buf.set_line(0, y as u16, line, 12);
        }
        buf
    }

    #[test]
    fn a_chinese_label_is_one_text_with_each_character_centred_on_its_two_cells() {
        let buf = buffer(&["│ 1 微信 │"]);
        let svg = svg(&buf, &LIGHT, "手机");
        // "1 微信" is one piece of text; 微 starts in cell 4, 信 in cell 6.
        let text = svg.split("<text").nth(1).unwrap();
        assert!(text.contains(">1 微信</text>"), "{svg}");
        let x = |cell: f32| format!("{:.1}", cell * CELL_W + (2.0 * CELL_W - FONT_PT) / 2.0);
        assert!(text.contains(&format!("{} {}", x(4.0), x(6.0))), "{text}");
        // The frame's sides are lines, not characters of some font.
        assert!(!svg.contains('│'));
        assert_eq!(svg.matches("<line").count(), 4, "{svg}");
        // A run of horizontal lines is one line.
        let frame = super::svg(&buffer(&["╭──────────╮"]), &LIGHT, "x");
        assert_eq!(frame.matches("<line").count(), 1, "{frame}");
        assert_eq!(frame.matches("<path").count(), 2, "{frame}");
    }

    #[test]
    fn a_highlight_is_a_rectangle_in_its_colour_and_reversed_cells_swap_their_colours() {
        let mut buf = buffer(&["  ok  "]);
        let yellow = Style::new()
            .fg(Color::Rgb(0, 0, 0))
            .bg(Color::Rgb(0xff, 0xd7, 0x00));
        buf.set_style(Rect::new(1, 0, 4, 1), yellow);
        let svg = svg(&buf, &LIGHT, "x");
        assert!(
            svg.contains(r##"<rect x="9.9" y="0.0" width="39.6" height="20.7" fill="#ffd700"/>"##),
            "{svg}"
        );
        let mut buf = buffer(&["  ok  "]);
        buf.set_style(
            Rect::new(1, 0, 4, 1),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        );
        let reversed = super::svg(&buf, &LIGHT, "x");
        // Black text on white, reversed: white on black, bold.
        assert!(reversed.contains(r##"fill="#000000"/>"##), "{reversed}");
        assert!(
            reversed.contains(r##"fill="#ffffff" font-weight="700">ok</text>"##),
            "{reversed}"
        );
    }

    #[test]
    fn a_rounded_corner_is_a_curve_and_blocks_are_rectangles() {
        let buf = buffer(&["╭─╮█▀"]);
        let svg = svg(&buf, &LIGHT, "x");
        assert_eq!(svg.matches("<path").count(), 2, "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
        assert!(!svg.contains("<text"), "{svg}");
    }

    #[test]
    fn words_from_a_pack_cannot_break_out_of_the_picture() {
        let buf = buffer(&["<b>&\"x"]);
        let svg = svg(&buf, &LIGHT, "<script>");
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x"), "{svg}");
        assert!(!svg.contains("<script>") && !svg.contains("<b>"), "{svg}");
    }
}
