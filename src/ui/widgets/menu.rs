//! The big-button list used by every choosing screen (learners, packs, lessons, the end of a
//! lesson, the quit question). Entries are 3-row boxes when there is room, single rows when not;
//! the list scrolls to keep the highlight visible, and the visible entries are numbered 1–9 so
//! the number printed is the key that picks it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::Action;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{truncate, width};
use crate::ui::theme::{FOCUS, MORE_ABOVE, MORE_BELOW, Role, Theme};
use crate::ui::widgets::page::ROOMY_HEIGHT;

pub struct Entry {
    pub label: String,
    /// Shown at the right (a progress note such as "1/4 ✓").
    pub detail: String,
}

impl Entry {
    pub fn new(label: impl Into<String>, detail: impl Into<String>) -> Entry {
        Entry {
            label: label.into(),
            detail: detail.into(),
        }
    }
}

/// Entry `i` is chosen with `Action::Select(i)`. `cursor`: the highlighted entry, if any.
/// `touch`: a touchscreen (kiosk mode), where targets are never smaller than a finger.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    entries: &[Entry],
    cursor: Option<usize>,
    touch: bool,
    theme: &Theme,
    hits: &mut Hits,
) {
    let area = area.intersection(buf.area);
    if area.width < 4 || area.height == 0 || entries.is_empty() {
        return;
    }
    // Boxes (big tap targets) when they all fit or there is room enough to scroll them;
    // otherwise single rows, so a short list is seen whole at 40×12. On a touchscreen (kiosk
    // mode), a roomy window (80×24 and up; the buffer is the whole window) always has boxes:
    // 3 rows is the least a finger should have to hit.
    let all_fit_boxed = area.height as usize >= entries.len() * 3;
    let touch_boxes = touch && area.height >= 3 && buf.area.height >= ROOMY_HEIGHT;
    let boxed = all_fit_boxed || area.height >= 15 || touch_boxes;
    let row_h: u16 = if boxed { 3 } else { 1 };
    let visible = ((area.height / row_h) as usize).clamp(1, 9);
    let start = match cursor {
        Some(c) if c >= visible => c + 1 - visible,
        _ => 0,
    };
    let end = (start + visible).min(entries.len());
    for (slot, i) in (start..end).enumerate() {
        let entry = &entries[i];
        let focused = cursor == Some(i);
        let rect = Rect::new(area.x, area.y + slot as u16 * row_h, area.width, row_h);
        let number = slot + 1;
        hits.add(rect, Action::Select(i));
        hits.key(number, Action::Select(i));
        let style = theme.style(if focused { Role::Focus } else { Role::Strong });
        let marker = if focused { FOCUS } else { " " };
        let head = format!("{marker}{number} ");
        let (inner, block) = if boxed {
            let kind = if focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            };
            let mut block = Block::bordered().border_type(kind).style(if focused {
                theme.style(Role::Focus)
            } else {
                theme.base()
            });
            if slot == 0 && start > 0 {
                block = block.title_top(ratatui::text::Line::from(MORE_ABOVE).right_aligned());
            }
            if slot + 1 == end - start && end < entries.len() {
                block = block.title_bottom(ratatui::text::Line::from(MORE_BELOW).left_aligned());
            }
            (block.inner(rect), Some(block))
        } else {
            (rect, None)
        };
        fill(buf, rect, if focused { style } else { theme.base() });
        let iw = inner.width as usize;
        let detail_inline = !entry.detail.is_empty()
            && width(&head) + width(&entry.label) + 3 + width(&entry.detail) <= iw;
        let label_room = if detail_inline {
            iw.saturating_sub(width(&head) + width(&entry.detail) + 1)
        } else {
            iw.saturating_sub(width(&head))
        };
        let label = truncate(&entry.label, label_room);
        if let Some(mut block) = block {
            if !detail_inline && !entry.detail.is_empty() {
                let d = truncate(&entry.detail, iw.saturating_sub(2));
                block = block.title_bottom(ratatui::text::Line::from(d).right_aligned());
            }
            block.render(rect, buf);
        }
        let y = inner.y + inner.height.saturating_sub(1) / 2;
        let used = put(buf, inner, inner.x, y, &head, style);
        put(buf, inner, inner.x + used, y, &label, style);
        if detail_inline {
            // Single rows keep the last column for the ^ v marks.
            let gap = if boxed { 1 } else { 2 };
            let dw = width(&entry.detail) as u16;
            put(
                buf,
                inner,
                inner.right() - dw - gap,
                y,
                &entry.detail,
                style,
            );
        }
    }
    if !boxed {
        // Single rows have no border to carry the arrows: put them at the right edge.
        let right = area.right() - 1;
        if start > 0 {
            put(
                buf,
                area,
                right,
                area.y,
                MORE_ABOVE,
                theme.style(Role::Strong),
            );
        }
        if end < entries.len() {
            let last = area.y + (end - start) as u16 - 1;
            put(
                buf,
                area,
                right,
                last,
                MORE_BELOW,
                theme.style(Role::Strong),
            );
        }
    }
}
