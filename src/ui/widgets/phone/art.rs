//! Pictures drawn with block characters: a QR code, a barcode, the 扫一扫 viewfinder's corners
//! and the round frame of a face check. A code must look like a code, not like text: a QR code
//! has its three finder squares and a scatter of modules, two modules to a cell (▀ ▄ █), and a
//! barcode is bars of different widths. The patterns are fixed for a screen (from its id), so a
//! screen looks the same every time and in every test.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::draw::put;

/// A small deterministic generator (splitmix64): the pattern of a code from its screen's id.
fn bits(seed: &str) -> impl Iterator<Item = bool> {
    let mut state = seed.bytes().fold(0x9E37_79B9_7F4A_7C15_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    std::iter::from_fn(move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Some((z ^ (z >> 31)) & 1 == 1)
    })
}

/// The modules of a QR-like code `n` wide and high: finder squares (7×7, or 5×5 when small) in
/// three corners, and a scatter elsewhere.
fn qr_modules(n: usize, seed: &str) -> Vec<Vec<bool>> {
    let f = if n >= 17 { 7 } else { 5 };
    let mut noise = bits(seed);
    let mut grid = vec![vec![false; n]; n];
    for (y, row) in grid.iter_mut().enumerate() {
        for (x, cell) in row.iter_mut().enumerate() {
            let finder = |ox: usize, oy: usize| {
                let (dx, dy) = (x.wrapping_sub(ox), y.wrapping_sub(oy));
                if dx >= f || dy >= f {
                    return None;
                }
                let edge = dx == 0 || dy == 0 || dx == f - 1 || dy == f - 1;
                let core = dx >= 2 && dy >= 2 && dx <= f - 3 && dy <= f - 3;
                Some(edge || core)
            };
            let near = |ox: usize, oy: usize| x.wrapping_sub(ox) <= f && y.wrapping_sub(oy) <= f;
            *cell = finder(0, 0)
                .or_else(|| finder(n - f, 0))
                .or_else(|| finder(0, n - f))
                .unwrap_or_else(|| {
                    // A quiet ring around each finder, as real codes have.
                    let quiet =
                        near(0, 0) || (x + 1 >= n - f && y <= f) || (x <= f && y + 1 >= n - f);
                    !quiet && noise.next().unwrap_or(false)
                });
        }
    }
    grid
}

/// The size (cells wide, rows high) of the QR code that fits `w × h`, or none below 10 × 5.
pub fn qr_size(w: u16, h: u16) -> Option<(u16, u16)> {
    // Two modules to a cell row, one to a cell column: a square code is n wide, n/2 high.
    let n = (w.min(21)).min(h.saturating_mul(2).min(22));
    let n = n - n % 2;
    // Under 14 modules the three finder squares (7 each) run into each other: not a code.
    (n >= 14).then_some((n, n / 2))
}

/// Draws a QR code filling `area` (see `qr_size`).
pub fn qr(buf: &mut Buffer, area: Rect, seed: &str, style: Style) {
    let n = area.width.min(area.height * 2) as usize;
    if n < 14 {
        return;
    }
    let grid = qr_modules(n, seed);
    for row in 0..n / 2 {
        let line: String = (0..n)
            .map(|x| match (grid[2 * row][x], grid[2 * row + 1][x]) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        put(buf, area, area.x, area.y + row as u16, &line, style);
    }
}

/// A barcode `w` wide: bars of one, two and three widths (▌ █ ▐) and gaps, as a 付款码 has
/// above its QR code.
pub fn barcode(buf: &mut Buffer, area: Rect, seed: &str, style: Style) {
    let mut noise = bits(seed);
    let line: String = (0..area.width)
        .map(|_| match (noise.next(), noise.next()) {
            (Some(true), Some(true)) => '█',
            (Some(true), _) => '▌',
            (Some(false), Some(true)) => '▐',
            _ => ' ',
        })
        .collect();
    for y in area.y..area.bottom() {
        put(buf, area, area.x, y, &line, style);
    }
}

/// The viewfinder's four corners around `area` (inside it).
pub fn corners(buf: &mut Buffer, area: Rect, style: Style) {
    if area.width < 4 || area.height < 2 {
        return;
    }
    let (l, r, t, b) = (area.x, area.right() - 2, area.y, area.bottom() - 1);
    put(buf, area, l, t, "┏━", style);
    put(buf, area, r, t, "━┓", style);
    put(buf, area, l, b, "┗━", style);
    put(buf, area, r, b, "━┛", style);
    if area.height >= 4 {
        put(buf, area, l, t + 1, "┃", style);
        put(buf, area, area.right() - 1, t + 1, "┃", style);
        put(buf, area, l, b - 1, "┃", style);
        put(buf, area, area.right() - 1, b - 1, "┃", style);
    }
}

/// The round frame of a face check, `area` wide and high: an oval of ( ) and arcs, with a
/// face's outline inside when there is room.
pub fn face_frame(buf: &mut Buffer, area: Rect, style: Style) {
    let (w, h) = (area.width, area.height);
    if w < 8 || h < 3 {
        return;
    }
    let top = format!("╭{}╮", "─".repeat(w as usize - 2));
    let bottom = format!("╰{}╯", "─".repeat(w as usize - 2));
    put(buf, area, area.x, area.y, &top, style);
    put(buf, area, area.x, area.bottom() - 1, &bottom, style);
    for y in area.y + 1..area.bottom() - 1 {
        put(buf, area, area.x, y, "(", style);
        put(buf, area, area.right() - 1, y, ")", style);
    }
    if h >= 5 && w >= 10 {
        let mid = area.y + h / 2;
        let x = area.x + (w - 5) / 2;
        put(buf, area, x, mid - 1, "◦ ◦", style);
        put(buf, area, x + 1, mid, "‿", style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_has_its_finder_squares_and_looks_the_same_each_time() {
        let a = qr_modules(20, "pay-code");
        assert_eq!(a, qr_modules(20, "pay-code"));
        assert_ne!(
            a,
            qr_modules(20, "group-code"),
            "another screen, another code"
        );
        // The top-left finder: a ring of 7 with a 3×3 core.
        #[allow(clippy::needless_range_loop)]
        for i in 0..7 {
            assert!(a[0][i] && a[i][0] && a[6][i] && a[i][6]);
        }
        assert!(a[3][3] && !a[1][1] && !a[1][3]);
        // Modules outside the finders, about half of them set: a scatter, not a block.
        let set = (8..20)
            .flat_map(|y| (8..20).map(move |x| (x, y)))
            .filter(|&(x, y)| a[y][x])
            .count();
        assert!((30..=114).contains(&set), "{set}");
    }

    #[test]
    fn a_qr_code_fits_where_it_is_drawn_or_is_left_out() {
        assert_eq!(qr_size(30, 20), Some((20, 10)));
        assert_eq!(qr_size(14, 20), Some((14, 7)));
        assert_eq!(qr_size(30, 7), Some((14, 7)));
        // Smaller, the three finder squares would run into each other.
        assert_eq!(qr_size(30, 6), None);
        assert_eq!(qr_size(13, 20), None);
    }
}
