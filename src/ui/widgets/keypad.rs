//! The on-screen number pad of a digits exercise: 1–9, 0, delete and OK, every key tappable,
//! laid out like a phone's so the learner practises the real thing. An amount's pad has a "."
//! and an ID number's an "X" at the bottom left, as real ones do (OK is then the footer's).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Action;
use crate::ui::ViewCx;
use crate::ui::draw::button;
use crate::ui::hits::Hits;

pub const ROWS: u16 = 4;

/// The key at the bottom left of a pad for a number with more than digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    Point,
    X,
}

pub fn render(cx: &ViewCx, buf: &mut Buffer, area: Rect, extra: Option<Extra>, hits: &mut Hits) {
    let area = area.intersection(buf.area);
    if area.width < 9 || area.height < ROWS {
        return;
    }
    let (del, ok) = (cx.words.pad_delete, cx.words.pad_ok);
    let mut keys: Vec<(String, Action)> = vec![
        ("1".into(), Action::Digit(1)),
        ("2".into(), Action::Digit(2)),
        ("3".into(), Action::Digit(3)),
        ("4".into(), Action::Digit(4)),
        ("5".into(), Action::Digit(5)),
        ("6".into(), Action::Digit(6)),
        ("7".into(), Action::Digit(7)),
        ("8".into(), Action::Digit(8)),
        ("9".into(), Action::Digit(9)),
        (del.into(), Action::Delete),
        ("0".into(), Action::Digit(0)),
        (ok.into(), Action::Confirm),
    ];
    // A number with more than digits: the bottom row is that key, 0, delete and OK.
    if let Some(extra) = extra {
        keys[9] = match extra {
            Extra::Point => (".".into(), Action::Point),
            Extra::X => ("X".into(), Action::Letter('x')),
        };
        keys[11] = (del.into(), Action::Delete);
        keys.push((ok.into(), Action::Confirm));
    }
    let row_h = (area.height / ROWS).min(3);
    let key_w = (area.width / 3).min(12);
    let left = area.x + (area.width - key_w * 3) / 2;
    let last_row = (keys.len() - 9) as u16;
    let last_w = key_w * 3 / last_row;
    for (n, (label, action)) in keys.into_iter().enumerate() {
        let (row, col) = (
            (n / 3).min(3) as u16,
            if n < 9 { n % 3 } else { n - 9 } as u16,
        );
        let (x, w) = if row < 3 {
            (left + col * key_w, key_w)
        } else if col + 1 == last_row {
            (left + col * last_w, key_w * 3 - col * last_w)
        } else {
            (left + col * last_w, last_w)
        };
        let rect = Rect::new(x, area.y + row * row_h, w, row_h);
        button(buf, rect, &label, false, &cx.theme);
        hits.add(rect, action);
    }
    for d in 0..=9u8 {
        hits.key(d as usize, Action::Digit(d));
    }
}
