//! The simulated phone: a rounded frame with a status bar, the app's title bar and its elements
//! (app icons in a grid, or rows of buttons, fields and text). It resembles the real screen so
//! what is learned here carries over. Elements are boxes when there is room and single rows when
//! not; the content scrolls so the highlighted element is always in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::Action;
use crate::content::{ItemKind, Layout, Screen};
use crate::lang::Lang;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{center, truncate, width, wrap};
use crate::ui::theme::{FOCUS, MORE_ABOVE, MORE_BELOW, Role, Theme};

pub struct Phone<'a> {
    pub screen: &'a Screen,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The highlighted item (an index into `screen.items`), if the learner is choosing.
    pub cursor: Option<usize>,
    /// Number the tappable items and make them tappable (a tap exercise).
    pub interactive: bool,
}

/// The narrowest phone that still shows two icons side by side.
pub const MIN_WIDTH: u16 = 20;

struct Placed {
    item: usize,
    x: u16,
    y: u16,
    w: u16,
    h: u16,
}

/// Lays the items out on a virtual canvas `w` wide; returns the places and the total height.
fn layout(phone: &Phone, w: u16, tall: bool) -> (Vec<Placed>, u16) {
    let screen = phone.screen;
    let mut placed = Vec::new();
    let mut y = 0u16;
    match screen.layout {
        Layout::Grid => {
            let tile_w = (w.saturating_sub(1)) / 2;
            let h = if tall { 3 } else { 1 };
            for (n, i) in (0..screen.items.len()).enumerate() {
                let col = (n % 2) as u16;
                let row = (n / 2) as u16;
                placed.push(Placed {
                    item: i,
                    x: col * (tile_w + 1),
                    y: row * h,
                    w: tile_w,
                    h,
                });
                y = (row + 1) * h;
            }
        }
        Layout::List => {
            for (i, item) in screen.items.iter().enumerate() {
                let h = match item.kind {
                    ItemKind::Text => {
                        wrap(item.label.get(phone.lang), w as usize).len().max(1) as u16
                    }
                    _ if tall => 3,
                    _ => 1,
                };
                placed.push(Placed {
                    item: i,
                    x: 0,
                    y,
                    w,
                    h,
                });
                y += h;
            }
        }
    }
    (placed, y)
}

/// Key number (1-based) of each item, by position among the tappable ones.
pub fn key_of(screen: &Screen, item: usize) -> Option<usize> {
    screen
        .tappable()
        .iter()
        .position(|&i| i == item)
        .map(|p| p + 1)
}

/// Draws the phone's body: rounded frame, status bar (when tall enough) and the app's title
/// bar. Returns the screen area below them.
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> Rect {
    let area = area.intersection(buf.area);
    if area.width < 8 || area.height < 3 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    fill(buf, area, theme.base());
    let outer = Block::bordered()
        .border_type(BorderType::Rounded)
        .style(theme.base());
    let inner = outer.inner(area);
    outer.render(area, buf);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut top = inner.y;
    if inner.height >= 9 {
        put(buf, inner, inner.x, top, "9:41", theme.style(Role::Dim));
        let right = "4G 85%";
        put(
            buf,
            inner,
            inner.right().saturating_sub(width(right) as u16),
            top,
            right,
            theme.style(Role::Dim),
        );
        top += 1;
    }
    if !title.is_empty() {
        let line = format!(
            "‹ {}",
            center(title, (inner.width as usize).saturating_sub(4))
        );
        put(buf, inner, inner.x, top, &line, theme.style(Role::Title));
        top += 1;
        if inner.height >= 12 {
            let rule = "─".repeat(inner.width as usize);
            put(buf, inner, inner.x, top, &rule, theme.style(Role::Dim));
            top += 1;
        }
    }
    Rect::new(
        inner.x,
        top,
        inner.width,
        inner.bottom().saturating_sub(top),
    )
}

pub fn render(buf: &mut Buffer, area: Rect, phone: &Phone, hits: &mut Hits) {
    let area = area.intersection(buf.area);
    if area.width < 8 || area.height < 3 {
        return;
    }
    let title = phone
        .screen
        .title
        .as_ref()
        .map(|t| t.get(phone.lang).to_string())
        .unwrap_or_default();
    let content = frame(buf, area, &title, phone.theme);
    if content.height == 0 || content.width < 4 {
        return;
    }
    let (tall_places, tall_h) = layout(phone, content.width, true);
    let (places, total) = if tall_h <= content.height || content.height >= 9 {
        (tall_places, tall_h)
    } else {
        layout(phone, content.width, false)
    };
    // Scroll so the highlighted item is fully visible.
    let mut offset = 0u16;
    if total > content.height
        && let Some(p) = phone
            .cursor
            .and_then(|c| places.iter().find(|p| p.item == c))
        && p.y + p.h > content.height
    {
        offset = (p.y + p.h - content.height).min(total - content.height);
    }
    for p in &places {
        if p.y < offset || p.y + p.h > offset + content.height {
            continue;
        }
        let rect = Rect::new(content.x + p.x, content.y + p.y - offset, p.w, p.h);
        draw_item(buf, rect, phone, p.item, hits);
    }
    if offset > 0 {
        put(
            buf,
            area,
            area.right() - 3,
            area.y,
            MORE_ABOVE,
            phone.theme.style(Role::Strong),
        );
    }
    if offset + content.height < total {
        put(
            buf,
            area,
            area.right() - 3,
            area.bottom() - 1,
            MORE_BELOW,
            phone.theme.style(Role::Strong),
        );
    }
}

fn draw_item(buf: &mut Buffer, rect: Rect, phone: &Phone, i: usize, hits: &mut Hits) {
    let item = &phone.screen.items[i];
    let label = item.label.get(phone.lang);
    let focused = phone.cursor == Some(i);
    let key = if phone.interactive {
        key_of(phone.screen, i)
    } else {
        None
    };
    if let Some(k) = key {
        hits.add(rect, Action::Select(i));
        hits.key(k, Action::Select(i));
    }
    match item.kind {
        ItemKind::Text => {
            for (n, line) in wrap(label, rect.width as usize).iter().enumerate() {
                put(
                    buf,
                    rect,
                    rect.x,
                    rect.y + n as u16,
                    line,
                    phone.theme.base(),
                );
            }
        }
        ItemKind::Button | ItemKind::Field => {
            let number = key.map_or(String::new(), |k| format!("{k} "));
            let text = match item.kind {
                ItemKind::Field => format!("{number}[{label}]"),
                _ => format!("{number}{label}"),
            };
            if phone.screen.layout == Layout::Grid || item.kind == ItemKind::Button {
                crate::ui::draw::button(buf, rect, &text, focused, phone.theme);
            } else {
                // A field: left-aligned, like a search box.
                let style = phone
                    .theme
                    .style(if focused { Role::Focus } else { Role::Base });
                fill(buf, rect, style);
                let inner = if rect.height >= 3 {
                    crate::ui::draw::frame(buf, rect, focused, phone.theme)
                } else {
                    rect
                };
                let marker = if focused { FOCUS } else { " " };
                let line = truncate(&format!("{marker}{text}"), inner.width as usize);
                put(
                    buf,
                    inner,
                    inner.x,
                    inner.y + inner.height.saturating_sub(1) / 2,
                    &line,
                    style,
                );
            }
        }
    }
}
