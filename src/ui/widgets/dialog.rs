//! A box in the middle of the screen with some words and a few big answers: the quit
//! question, the help page, a failed save. One thing at a time: the screen behind is cleared,
//! and nothing under the box can be tapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::ViewCx;
use crate::ui::draw::{centered, fill, frame};
use crate::ui::hits::Hits;
use crate::ui::textblock::{self, TextBlock};
use crate::ui::widgets::menu::{self, Entry};

/// Draws the dialog; entry `i` is chosen with `Action::Select(i)`.
pub fn render(
    cx: &ViewCx,
    buf: &mut Buffer,
    area: Rect,
    hits: &mut Hits,
    text: &TextBlock,
    entries: &[Entry],
    cursor: usize,
) {
    let theme = &cx.theme;
    fill(buf, area, theme.base());
    hits.cover(area);
    let bw = area.width.saturating_sub(2).min(60);
    let text_w = bw.saturating_sub(4);
    let entry_h = if area.height >= 16 { 3 } else { 1 };
    let menu_rows = entry_h * entries.len() as u16;
    // Border (2) and the gap between text and answers (1).
    let text_room = area.height.saturating_sub(menu_rows + 3);
    let fitted = text.fit(text_w, text_room, cx.size);
    let bh = (fitted.height() + menu_rows + 3).min(area.height);
    let rect = centered(area, bw, bh);
    fill(buf, rect, theme.base());
    let inner = frame(buf, rect, false, theme);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let used = textblock::draw(cx, buf, inner, &fitted);
    let m = Rect::new(
        inner.x,
        inner.y + used + 1,
        inner.width,
        inner.height.saturating_sub(used + 1),
    );
    menu::render(buf, m, entries, Some(cursor), cx.kiosk, theme, hits);
}
