//! The frame around every screen: a header saying where the learner is, and a footer that
//! always shows the few keys that work here. Footer keys are buttons too, so a touchscreen
//! user can always go back or ask for help. On tall screens they are 3-row boxes (big enough to
//! tap); on small ones a single row, dropping the least important keys that do not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Action;
use crate::ui::draw::{fill, frame, put};
use crate::ui::hits::Hits;
use crate::ui::text::{truncate, width};
use crate::ui::theme::{Role, Theme};

pub struct Key {
    pub key: &'static str,
    pub word: &'static str,
    /// What a tap on this footer key does; `None` for keys that only explain (arrows).
    pub action: Option<Action>,
}

impl Key {
    pub fn new(key: &'static str, word: &'static str, action: Option<Action>) -> Key {
        Key { key, word, action }
    }
}

/// Screens at least this tall get a rule under the header and boxed footer keys.
pub const ROOMY_HEIGHT: u16 = 20;

/// Draws header and footer; returns the body area between them.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    right: &str,
    keys: &[Key],
    theme: &Theme,
    hits: &mut Hits,
) -> Rect {
    let area = page_area(area);
    let roomy = area.height >= ROOMY_HEIGHT;
    let w = area.width as usize;
    // Header: where you are, and (right) how far along.
    let right_w = width(right);
    let title_room = w.saturating_sub(right_w + 3);
    let t = truncate(title, title_room);
    put(buf, area, area.x + 1, area.y, &t, theme.style(Role::Title));
    if right_w + 2 <= w {
        put(
            buf,
            area,
            area.right() - right_w as u16 - 1,
            area.y,
            right,
            theme.style(Role::Strong),
        );
    }
    let mut top = area.y + 1;
    if roomy {
        put(
            buf,
            area,
            area.x,
            top,
            &"─".repeat(w),
            theme.style(Role::Dim),
        );
        top += 1;
    }
    let footer_h = footer_height(area);
    let footer = Rect::new(
        area.x,
        area.bottom().saturating_sub(footer_h),
        area.width,
        footer_h,
    );
    render_footer(buf, footer, keys, roomy, theme, hits);
    let margin = if area.width >= 50 { 2 } else { 1 };
    Rect::new(
        area.x + margin,
        top,
        area.width.saturating_sub(margin * 2),
        footer.y.saturating_sub(top),
    )
}

/// On big screens the page stays a readable width, centred, rather than stretching lines and
/// buttons across the whole window.
pub fn page_area(area: Rect) -> Rect {
    let page_w = area.width.min(MAX_PAGE_WIDTH);
    Rect::new(
        area.x + (area.width - page_w) / 2,
        area.y,
        page_w,
        area.height,
    )
}

/// Rows the footer takes: boxed keys on roomy screens, one row otherwise.
pub fn footer_height(page: Rect) -> u16 {
    if page.height >= ROOMY_HEIGHT { 3 } else { 1 }
}

/// The widest a page (header, body and footer) grows.
pub const MAX_PAGE_WIDTH: u16 = 104;

fn render_footer(
    buf: &mut Buffer,
    area: Rect,
    keys: &[Key],
    boxed: bool,
    theme: &Theme,
    hits: &mut Hits,
) {
    let mut x = area.x + 1;
    for k in keys {
        let text = format!("{} {}", k.key, k.word);
        let w = if boxed {
            (width(&text) as u16 + 4).max(8)
        } else {
            width(&text) as u16
        };
        if x + w > area.right() {
            break;
        }
        let rect = Rect::new(x, area.y, w, area.height);
        if boxed {
            fill(buf, rect, theme.base());
            let inner = frame(buf, rect, false, theme);
            let kx = inner.x + (inner.width.saturating_sub(width(&text) as u16)) / 2;
            let used = put(buf, inner, kx, inner.y, k.key, theme.style(Role::Key));
            put(
                buf,
                inner,
                kx + used,
                inner.y,
                &format!(" {}", k.word),
                theme.style(Role::Strong),
            );
        } else {
            let used = put(buf, area, x, area.y, k.key, theme.style(Role::Key));
            put(
                buf,
                area,
                x + used,
                area.y,
                &format!(" {}", k.word),
                theme.style(Role::Strong),
            );
        }
        if let Some(action) = &k.action {
            hits.add(rect, action.clone());
        }
        x += w + if boxed { 1 } else { 2 };
    }
}
