//! The big-button list used by every choosing screen (learners, packs, lessons, the end of a
//! lesson, the quit question, a step's answers). Entries are 3-row boxes when there is room,
//! single rows when not; a label too long for one line takes two where they fit (an answer is
//! read whole, not guessed from its first half). The list scrolls to keep the highlight
//! visible, and the visible entries are numbered 1–9 so the number printed is the key that
//! picks it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::Action;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{truncate, width, wrap};
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
    let lines = |boxed: bool| -> Vec<Vec<String>> {
        // Single rows keep the last column for the ^ v marks.
        let iw = area.width.saturating_sub(if boxed { 2 } else { 1 }) as usize;
        entries.iter().map(|e| label_lines(e, iw)).collect()
    };
    let height = |lines: &[Vec<String>], boxed: bool| -> usize {
        lines
            .iter()
            .map(|l| l.len() + if boxed { 2 } else { 0 })
            .sum()
    };
    let (boxed_lines, row_lines) = (lines(true), lines(false));
    let all_fit_boxed = area.height as usize >= height(&boxed_lines, true);
    let touch_boxes = touch && area.height >= 3 && buf.area.height >= ROOMY_HEIGHT;
    let boxed = all_fit_boxed || area.height >= 15 || touch_boxes;
    let mut lines = if boxed { boxed_lines } else { row_lines };
    // Single rows that do not all fit with their second lines: one line each, as many as fit.
    if !boxed && height(&lines, false) > area.height as usize {
        for (l, e) in lines.iter_mut().zip(entries) {
            let iw = area.width.saturating_sub(1) as usize;
            *l = vec![one_line(e, iw)];
        }
    }
    let rows = |i: usize| (lines[i].len() + if boxed { 2 } else { 0 }) as u16;
    // From the first entry, or from where the highlighted one is the last that shows.
    let mut start = 0;
    if let Some(c) = cursor.filter(|&c| c < entries.len()) {
        while start < c && ((start..=c).map(rows).sum::<u16>() > area.height || c + 1 - start > 9) {
            start += 1;
        }
    }
    let mut end = start;
    let mut used = 0;
    while end < entries.len()
        && end - start < 9
        && (end == start || used + rows(end) <= area.height)
    {
        used += rows(end);
        end += 1;
    }
    let mut y = area.y;
    for (slot, i) in (start..end).enumerate() {
        let entry = &entries[i];
        let focused = cursor == Some(i);
        let rect = Rect::new(area.x, y, area.width, rows(i).min(area.bottom() - y));
        y += rect.height;
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
        let shown = &lines[i];
        let detail_inline = !entry.detail.is_empty()
            && shown.len() == 1
            && width(&head) + width(&entry.label) + 3 + width(&entry.detail) <= iw;
        let label_room = if detail_inline {
            iw.saturating_sub(width(&head) + width(&entry.detail) + 1)
        } else {
            iw.saturating_sub(width(&head))
        };
        if let Some(mut block) = block {
            if !detail_inline && !entry.detail.is_empty() {
                let d = truncate(&entry.detail, iw.saturating_sub(2));
                block = block.title_bottom(ratatui::text::Line::from(d).right_aligned());
            }
            block.render(rect, buf);
        }
        let y = inner.y + inner.height.saturating_sub(shown.len() as u16) / 2;
        let used = put(buf, inner, inner.x, y, &head, style);
        for (n, line) in shown.iter().enumerate() {
            let line = truncate(line, label_room);
            put(buf, inner, inner.x + used, y + n as u16, &line, style);
        }
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
            let last = y.saturating_sub(1);
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

/// The width of the number in front of a label ("»1 ").
const HEAD: usize = 3;

/// A label on one line, cut with "…" if it must be.
fn one_line(entry: &Entry, iw: usize) -> String {
    truncate(&entry.label, iw.saturating_sub(HEAD))
}

/// A label in an entry `iw` wide: one line if it fits (with its detail), else two, the second
/// cut with "…" if even two are not enough.
fn label_lines(entry: &Entry, iw: usize) -> Vec<String> {
    let room = iw.saturating_sub(HEAD);
    let detail = if entry.detail.is_empty() {
        0
    } else {
        width(&entry.detail) + 3
    };
    if width(&entry.label) + detail <= room || room < 8 {
        return vec![one_line(entry, iw)];
    }
    let mut lines = wrap(&entry.label, room);
    if lines.len() > 2 {
        let joiner = if entry.label.contains(' ') { " " } else { "" };
        let rest = lines[1..].join(joiner);
        lines.truncate(1);
        lines.push(truncate(&rest, room));
    }
    lines
}
