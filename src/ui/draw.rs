//! Small drawing helpers shared by every screen: clipped text, filled boxes, buttons. They take
//! the theme so that no helper ever picks a colour of its own.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::{center, truncate, width};
use super::theme::{FOCUS, Role, Theme};

/// Writes `s` at (x, y), cut to the area's right edge. Returns the columns used. Text that
/// reaches here was checked when it came in (packs, names); `inert` is the last guard, so that
/// nothing drawn can ever be a terminal command.
pub fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, s: &str, style: Style) -> u16 {
    if y < area.y || y >= area.bottom() || x >= area.right() || x < area.x {
        return 0;
    }
    let max = (area.right() - x) as usize;
    let s = truncate(&crate::inert::inert(s), max);
    buf.set_stringn(x, y, &s, max, style);
    width(&s) as u16
}

pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// A bordered box; a focused one gets a thick border and the focus colours, so focus shows in
/// shape as well as colour.
pub fn frame(buf: &mut Buffer, area: Rect, focused: bool, theme: &Theme) -> Rect {
    let area = area.intersection(buf.area);
    let (style, kind) = if focused {
        (theme.style(Role::Focus), BorderType::Thick)
    } else {
        (theme.base(), BorderType::Plain)
    };
    let block = Block::bordered().border_type(kind).style(style);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A button: boxed when it is 3 rows tall, a single bracketed row otherwise. The label is
/// centred; focus adds » and the focus colours.
pub fn button(buf: &mut Buffer, area: Rect, label: &str, focused: bool, theme: &Theme) {
    tinted_button(buf, area, label, focused, theme, None);
}

/// A button in a colour of its own (a green 接听); focus still wins, so it always shows.
pub fn tinted_button(
    buf: &mut Buffer,
    area: Rect,
    label: &str,
    focused: bool,
    theme: &Theme,
    tint: Option<Style>,
) {
    let area = area.intersection(buf.area);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let style = match tint {
        Some(t) if !focused => t,
        _ => theme.style(if focused { Role::Focus } else { Role::Strong }),
    };
    // The » of the highlight where it fits (the thick border and colour show it too): the
    // words are never cut for it.
    // (Two columns: a frame's sides, or the brackets of a one-row button.)
    let label = if focused && width(label) + width(FOCUS) + 2 <= area.width as usize {
        format!("{FOCUS}{label}")
    } else {
        label.to_string()
    };
    if area.height >= 3 && area.width >= 4 {
        fill(buf, area, if focused { style } else { theme.base() });
        let inner = match tint {
            // A coloured button's border is in its colour too.
            Some(t) if !focused => {
                let block = Block::bordered().border_type(BorderType::Plain).style(t);
                let inner = block.inner(area);
                block.render(area, buf);
                inner
            }
            _ => frame(buf, area, focused, theme),
        };
        let y = inner.y + inner.height.saturating_sub(1) / 2;
        let text = center(&label, inner.width as usize);
        put(buf, inner, inner.x, y, &text, style);
    } else {
        fill(buf, area, style);
        let w = area.width as usize;
        let text = if w >= 4 {
            format!("[{}]", center(&label, w - 2))
        } else {
            truncate(&label, w)
        };
        put(buf, area, area.x, area.y, &text, style);
    }
}

/// Centre `w × h` inside `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
