//! The frame around every screen: a header saying where the learner is, and a footer that
//! always shows the few keys that work here. Footer keys are buttons too, so a touchscreen
//! user can always go back or ask for help. On tall screens they are 3-row boxes (big enough to
//! tap); on small ones a single row, dropping the least important keys that do not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};

use crate::app::Action;
use crate::settings::TextSize;
use crate::ui::ViewCx;
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

/// The footer of a screen where something is typed: Enter keeps it, Esc goes back, Delete
/// takes the last character away.
pub fn typing_keys(w: &crate::ui::words::Words) -> [Key; 3] {
    [
        Key::new(w.key_enter, w.word_ok, Some(crate::app::Action::Confirm)),
        Key::new(w.key_esc, w.word_back, Some(crate::app::Action::Back)),
        Key::new(
            w.key_delete,
            w.word_delete,
            Some(crate::app::Action::Delete),
        ),
    ]
}

impl Key {
    pub fn new(key: &'static str, word: &'static str, action: Option<Action>) -> Key {
        Key { key, word, action }
    }
}

/// The footer keys of a long list or table: on a touchscreen, where there are no arrow keys,
/// buttons to page up and down come right after Esc.
pub fn with_paging(cx: &ViewCx, mut keys: Vec<Key>) -> Vec<Key> {
    if cx.kiosk {
        let at = keys
            .iter()
            .position(|k| k.action == Some(Action::Back))
            .map_or(keys.len(), |i| i + 1);
        let k = cx.words.kiosk;
        keys.insert(at, Key::new("▼", k.page_down, Some(Action::PageDown)));
        keys.insert(at, Key::new("▲", k.page_up, Some(Action::PageUp)));
    }
    keys
}

/// Screens at least this tall get a rule under the header and boxed footer keys.
pub const ROOMY_HEIGHT: u16 = 20;

/// Draws header and footer; returns the body area between them.
pub fn render(
    cx: &ViewCx,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    right: &str,
    keys: &[Key],
    hits: &mut Hits,
) -> Rect {
    let theme = &cx.theme;
    let area = page_area(area, cx.size);
    let roomy = area.height >= ROOMY_HEIGHT;
    // Header, rule, body, footer, top to bottom. (Plain sums, not ratatui's Layout: its solver
    // was most of the time a frame took to draw, for four rows that are simple to add up.)
    let row = |y: u16, h: u16| Rect::new(area.x, y, area.width, h);
    let header_h = area.height.min(1);
    let rule_h = u16::from(roomy).min(area.height - header_h);
    let footer_h = footer_height(area).min(area.height - header_h - rule_h);
    let header = row(area.y, header_h);
    let rule = row(header.bottom(), rule_h);
    let footer = row(area.bottom() - footer_h, footer_h);
    let body = row(rule.bottom(), footer.y - rule.bottom());
    // Header: where you are, and (right) how far along.
    let w = header.width as usize;
    let right_w = width(right);
    let t = truncate(title, w.saturating_sub(right_w + 3));
    put(
        buf,
        header,
        header.x + 1,
        header.y,
        &t,
        theme.style(Role::Title),
    );
    if right_w + 2 <= w {
        let x = header.right() - right_w as u16 - 1;
        put(buf, header, x, header.y, right, theme.style(Role::Strong));
    }
    if roomy {
        put(
            buf,
            rule,
            rule.x,
            rule.y,
            &"─".repeat(w),
            theme.style(Role::Dim),
        );
    }
    render_footer(buf, footer, keys, roomy, cx.kiosk, theme, hits);
    let margin = if area.width >= 50 { 2 } else { 1 };
    body.inner(Margin::new(margin, 0))
}

/// On big screens the page stays a readable width, centred, rather than stretching lines and
/// buttons across the whole window — except at 大字 and 特大, where the big glyphs need every
/// column they can get.
pub fn page_area(area: Rect, size: TextSize) -> Rect {
    let max = if size == TextSize::Normal {
        MAX_PAGE_WIDTH
    } else {
        area.width
    };
    let page_w = area.width.min(max);
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

/// The widest a stretched footer button grows on a touchscreen.
const MAX_BUTTON: u16 = 24;

/// On a touchscreen (kiosk mode) keys that only explain the keyboard (number keys, arrows) are
/// left out, and the buttons share the footer's width, so each is as easy to hit as the
/// phone's own buttons.
fn render_footer(
    buf: &mut Buffer,
    area: Rect,
    keys: &[Key],
    boxed: bool,
    touch: bool,
    theme: &Theme,
    hits: &mut Hits,
) {
    let keys: Vec<&Key> = keys
        .iter()
        .filter(|k| !touch || k.action.is_some())
        .collect();
    let stretched = if touch && boxed && !keys.is_empty() {
        let n = keys.len() as u16;
        (area.width.saturating_sub(1 + n) / n).min(MAX_BUTTON)
    } else {
        0
    };
    let mut x = area.x + 1;
    for k in keys {
        let text = format!("{} {}", k.key, k.word);
        let w = if boxed {
            (width(&text) as u16 + 4).max(8).max(stretched)
        } else if touch {
            // A finger needs six columns even where the words are shorter.
            (width(&text) as u16).max(6)
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
