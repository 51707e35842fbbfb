//! The on-screen number pad of a digits exercise: 1–9, 0, delete and OK, every key tappable,
//! laid out like a phone's so the learner practises the real thing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Action;
use crate::ui::ViewCx;
use crate::ui::draw::button;
use crate::ui::hits::Hits;

pub const ROWS: u16 = 4;

pub fn render(cx: &ViewCx, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let area = area.intersection(buf.area);
    if area.width < 9 || area.height < ROWS {
        return;
    }
    let (del, ok) = (cx.words.pad_delete, cx.words.pad_ok);
    let keys: [(String, Action); 12] = [
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
    let row_h = (area.height / ROWS).min(3);
    let key_w = (area.width / 3).min(12);
    let left = area.x + (area.width - key_w * 3) / 2;
    for (n, (label, action)) in keys.into_iter().enumerate() {
        let rect = Rect::new(
            left + (n % 3) as u16 * key_w,
            area.y + (n / 3) as u16 * row_h,
            key_w,
            row_h,
        );
        button(buf, rect, &label, false, &cx.theme);
        hits.add(rect, action);
    }
    for d in 0..=9u8 {
        hits.key(d as usize, Action::Digit(d));
    }
}
