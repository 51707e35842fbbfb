//! A table for the instructor's screens: a header row, one row per learner (or step), the
//! highlighted row marked with » and the focus colours, scrolling to keep it in view. Every
//! visible row can be tapped, and the first nine have number keys, like any menu. On a roomy
//! touchscreen (kiosk mode) each row is three rows tall — a finger's height — with the words on
//! the middle one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Action;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{truncate, width};
use crate::ui::theme::{FOCUS, MORE_ABOVE, MORE_BELOW, Role, Theme};
use crate::ui::widgets::page::ROOMY_HEIGHT;

pub struct Column {
    pub title: String,
    pub width: u16,
    /// Numbers read best right-aligned.
    pub right: bool,
}

impl Column {
    pub fn new(title: impl Into<String>, width: u16, right: bool) -> Column {
        Column {
            title: title.into(),
            width,
            right,
        }
    }
}

fn cell(text: &str, w: u16, right: bool) -> String {
    let t = truncate(text, w as usize);
    let pad = " ".repeat((w as usize).saturating_sub(width(&t)));
    if right {
        format!("{pad}{t}")
    } else {
        format!("{t}{pad}")
    }
}

/// Row `i` is chosen with `Action::Select(i)`. `touch`: a touchscreen (kiosk mode).
#[allow(clippy::too_many_arguments)]
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    columns: &[Column],
    rows: &[Vec<String>],
    cursor: usize,
    touch: bool,
    theme: &Theme,
    hits: &mut Hits,
) {
    let area = area.intersection(buf.area);
    if area.height < 2 || area.width < 4 {
        return;
    }
    let line = |cells: &dyn Fn(usize) -> String| -> String {
        let mut s = String::from(" ");
        for (i, c) in columns.iter().enumerate() {
            s.push_str(&cell(&cells(i), c.width, c.right));
            s.push(' ');
        }
        s
    };
    let header = line(&|i| columns[i].title.clone());
    put(buf, area, area.x, area.y, &header, theme.style(Role::Title));
    // The buffer is the whole window.
    let row_h: u16 = if touch && buf.area.height >= ROOMY_HEIGHT && area.height >= 4 {
        3
    } else {
        1
    };
    let visible = ((area.height - 1) / row_h).max(1) as usize;
    let start = if cursor < visible {
        0
    } else {
        cursor + 1 - visible
    };
    let end = (start + visible).min(rows.len());
    for (slot, i) in (start..end).enumerate() {
        let top = area.y + 1 + slot as u16 * row_h;
        let rect = Rect::new(area.x, top, area.width, row_h);
        let y = top + row_h / 2;
        let focused = i == cursor;
        let style = theme.style(if focused { Role::Focus } else { Role::Base });
        fill(buf, rect, style);
        let mut text = line(&|c| rows[i].get(c).cloned().unwrap_or_default());
        if focused {
            text.replace_range(0..1, FOCUS);
        }
        put(buf, rect, area.x, y, &text, style);
        if row_h > 1 && !focused {
            // A faint rule under each tall row, so the rows read as separate buttons.
            let rule = "┈".repeat(area.width as usize);
            put(
                buf,
                rect,
                area.x,
                rect.bottom() - 1,
                &rule,
                theme.style(Role::Dim),
            );
        }
        hits.add(rect, Action::Select(i));
        if slot < 9 {
            hits.key(slot + 1, Action::Select(i));
        }
    }
    let right = area.right() - 1;
    if start > 0 {
        put(
            buf,
            area,
            right,
            area.y + 1,
            MORE_ABOVE,
            theme.style(Role::Strong),
        );
    }
    if end < rows.len() {
        put(
            buf,
            area,
            right,
            area.bottom() - 1,
            MORE_BELOW,
            theme.style(Role::Strong),
        );
    }
}
