//! The simulated phone: a rounded frame with a status bar and the parts of a real app screen —
//! a notification banner, the top bar (back arrow, title, an action at the right), the body
//! (app icons in a grid; or rows of buttons, fields, list rows, toggles, tick boxes, sliders,
//! chat bubbles and voice messages, with a payment or QR code on top; or a call; or the 扫一扫
//! viewfinder; or a face check), a bar fixed at the bottom (a chat's input row, 立即购买), the
//! tab bar under it, the phone's side buttons at its
//! right edge, and a bottom sheet or a pop-up over it all. It resembles the real screen so that
//! what is learned here carries over, and so that a hint saying "左下角" or "绿色的" is true.
//!
//! Parts are boxes (three rows, a finger's height) when there is room and single rows when not.
//! A body longer than the phone scrolls: it follows the highlight, or is shown from where the
//! learner moved it (`scroll`), with "下面还有" / "上面还有" on the frame. Number keys are the
//! tappable things in order; on a screen with more than nine, the ones shown at the moment.
//!
//! The drawing is in three passes: the parts' heights, then the body's layout (what shows),
//! then the numbers and the drawing itself — so the number printed on a thing is its key.
//! `parts` draws the bars, the side buttons and what covers the screen; `call` a call in each of
//! its states; `art` the codes, the viewfinder and the face frame.

mod art;
mod body;
mod call;
mod parts;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::Action;
use crate::content::{Item, Layout, Place, Screen};
use crate::lang::Lang;
use crate::ui::draw::{fill, put};
use crate::ui::hits::{Hits, Scroller};
use crate::ui::text::{center, width};
use crate::ui::theme::{Role, Theme};

pub struct Phone<'a> {
    pub screen: &'a Screen,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The highlighted item (an index into `screen.items`), if the learner is choosing.
    pub cursor: Option<usize>,
    /// Number the tappable items and make them tappable (a tap or hold exercise).
    pub interactive: bool,
    /// What the step asks of the finger on this phone.
    pub asks: Asks,
    /// The body's first row, when the learner moved a long screen (else it follows `cursor`).
    pub scroll: Option<u16>,
}

/// What a step asks the learner to do on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Asks {
    /// Tap something, or nothing at all (a phone shown to look at).
    #[default]
    Tap,
    /// Swipe across it (a drag anywhere on it).
    Swipe,
    /// Press and hold something (a long press; Space on the highlighted one).
    Hold,
    /// Move the slider `item` (shown at `level`) along its track.
    Slide { item: usize, level: u8 },
}

/// The narrowest phone that still shows two icons side by side.
pub const MIN_WIDTH: u16 = 20;

/// Phone screens at least this tall (inside the frame) get boxed top bars, tab bars and call
/// buttons: three rows each, the least a finger should have to hit.
const ROOMY: u16 = 16;

/// Key number (1-based) of an item when every tappable thing has one (nine at most); `None`
/// when the numbers follow a scrolled list (see `Screen::keys_follow_scroll`).
pub fn key_of(screen: &Screen, item: usize) -> Option<usize> {
    if screen.keys_follow_scroll() {
        return None;
    }
    screen
        .tappable()
        .iter()
        .position(|&i| i == item)
        .map(|p| p + 1)
}

/// The phone while it is drawn: what it shows, and the number of each tappable item.
struct Drawing<'a> {
    phone: &'a Phone<'a>,
    keys: Vec<Option<usize>>,
    roomy: bool,
}

impl Drawing<'_> {
    fn screen(&self) -> &Screen {
        self.phone.screen
    }

    fn item(&self, i: usize) -> &Item {
        &self.phone.screen.items[i]
    }

    fn focused(&self, i: usize) -> bool {
        self.phone.cursor == Some(i)
    }

    /// Makes item `i` tappable at `rect` if it can be tapped now; returns its number key.
    fn tappable_at(&self, i: usize, rect: Rect, hits: &mut Hits) -> Option<usize> {
        if !self.phone.interactive || !self.screen().tappable().contains(&i) {
            return None;
        }
        hits.add(rect, Action::Select(i));
        self.keys[i]
    }

    /// An item's words as drawn: its icon first; a countdown's seconds put in; without colours,
    /// its colour said in words (a greyed button is grey).
    fn label(&self, item: &Item) -> String {
        let phone = self.phone;
        let mut label = item.words(phone.lang);
        if let Some(icon) = &item.icon {
            label = format!("{icon} {label}");
        }
        let color = item
            .color
            .or_else(|| (!item.works(phone.screen)).then_some(crate::content::Color::Grey));
        if let Some(color) = color
            && phone.theme.tint(color).is_none()
        {
            let word = color.word();
            label = match phone.lang {
                Lang::Zh => format!("{label}({})", word.zh),
                Lang::En => format!("{label} ({})", word.en),
            };
        }
        label
    }

    /// A button-like element: a box (or a one-row button), numbered when it can be tapped, in
    /// its own colour if it has one, dim when it does nothing.
    fn button(&self, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
        let item = self.item(i);
        let theme = self.phone.theme;
        let key = self.tappable_at(i, rect, hits);
        let number = key.map_or(String::new(), |k| format!("{k} "));
        let mut text = format!("{number}{}", self.label(item));
        if item.place == Place::Back && width(&text) as u16 + 2 > rect.width {
            // A narrow top bar shows the arrow alone, as most apps do anyway.
            text = format!("{number}‹");
        }
        let tint = if !item.works(self.screen()) {
            theme.tint(crate::content::Color::Grey)
        } else {
            item.color.and_then(|c| theme.tint(c))
        };
        let tint = if item.on && tint.is_none() {
            // The open tab: drawn as the title is, so it stands out.
            Some(theme.style(Role::Title))
        } else {
            tint
        };
        crate::ui::draw::tinted_button(buf, rect, &text, self.focused(i), theme, tint);
        if !item.works(self.screen()) {
            dashed(buf, rect);
        }
    }
}

/// A button that does nothing yet (greyed until a box is ticked, or counting down) gets a
/// dashed edge: grey is not the only sign of it.
fn dashed(buf: &mut Buffer, rect: Rect) {
    let rect = rect.intersection(buf.area);
    for y in rect.top()..rect.bottom() {
        for x in rect.left()..rect.right() {
            let edge = y == rect.top()
                || y + 1 == rect.bottom()
                || x == rect.left()
                || x + 1 == rect.right();
            if !edge {
                continue;
            }
            let cell = &mut buf[(x, y)];
            let dashed = match cell.symbol() {
                "─" => "╌",
                "│" | "[" | "]" => "╎",
                _ => continue,
            };
            cell.set_symbol(dashed);
        }
    }
}

/// Numbers each tappable item: all of them in order, or on a screen with more than nine, the
/// ones shown (`shown`) in order, up to nine.
fn numbers(screen: &Screen, shown: &[bool]) -> Vec<Option<usize>> {
    let mut keys = vec![None; screen.items.len()];
    let tappable = screen.tappable();
    if screen.keys_follow_scroll() {
        let mut k = 0;
        for i in tappable {
            if shown[i] && k < crate::content::problems::MAX_TAPPABLE {
                k += 1;
                keys[i] = Some(k);
            }
        }
    } else {
        for (k, i) in tappable.into_iter().enumerate() {
            keys[i] = Some(k + 1);
        }
    }
    keys
}

/// Draws the phone's body: rounded frame, status bar (when tall enough) and the app's title
/// bar. Returns the screen area below them. (For a keypad step; `render` draws a whole screen.)
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> Rect {
    let Some(inner) = shell(buf, area, theme) else {
        return Rect::new(area.x, area.y, 0, 0);
    };
    let mut top = status_bar(buf, inner, theme);
    if !title.is_empty() {
        let rest = Rect::new(inner.x, top, inner.width, inner.bottom() - top);
        let h = plain_title_height(rest);
        top += plain_title(buf, Rect { height: h, ..rest }, title, theme);
    }
    Rect::new(
        inner.x,
        top,
        inner.width,
        inner.bottom().saturating_sub(top),
    )
}

/// The rounded outline; returns the glass inside it (with a column of margin each side).
fn shell(buf: &mut Buffer, area: Rect, theme: &Theme) -> Option<Rect> {
    let area = area.intersection(buf.area);
    if area.width < 8 || area.height < 3 {
        return None;
    }
    fill(buf, area, theme.base());
    let outer = Block::bordered()
        .border_type(BorderType::Rounded)
        .style(theme.base());
    let inner = outer.inner(area);
    outer.render(area, buf);
    Some(Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    ))
}

/// "9:41 … 4G 85%" when the phone is tall enough; returns the first row below it.
fn status_bar(buf: &mut Buffer, inner: Rect, theme: &Theme) -> u16 {
    if inner.height < 9 {
        return inner.y;
    }
    put(buf, inner, inner.x, inner.y, "9:41", theme.style(Role::Dim));
    let right = "4G 85%";
    put(
        buf,
        inner,
        inner.right().saturating_sub(width(right) as u16),
        inner.y,
        right,
        theme.style(Role::Dim),
    );
    inner.y + 1
}

/// The title alone, centred, with a rule under it when `area` has a second row (see
/// `plain_title_height`); returns the rows used. (No "‹" here: a back arrow is drawn only when
/// the screen has one to tap — `back = true`.)
fn plain_title(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> u16 {
    let h = area.height.min(2);
    if h == 0 {
        return 0;
    }
    let line = center(title, area.width as usize);
    put(buf, area, area.x, area.y, &line, theme.style(Role::Title));
    if h == 2 {
        let rule = "─".repeat(area.width as usize);
        put(buf, area, area.x, area.y + 1, &rule, theme.style(Role::Dim));
    }
    h
}

/// The rows a plain title takes at the top of `area`, the rest of the phone: a rule under it
/// on a tall phone.
fn plain_title_height(area: Rect) -> u16 {
    match area.height {
        0 => 0,
        h if h >= 10 => 2,
        _ => 1,
    }
}

pub fn render(buf: &mut Buffer, area: Rect, phone: &Phone, hits: &mut Hits) {
    let area = area.intersection(buf.area);
    let screen = phone.screen;
    // The side buttons stand out at the phone's right edge, as on a real one.
    let (area, side) = parts::side_strip(area, phone);
    let Some(inner) = shell(buf, area, phone.theme) else {
        return;
    };
    let roomy = inner.height >= ROOMY;
    let mut top = status_bar(buf, inner, phone.theme);
    let mut bottom = inner.bottom();

    // The parts' heights first: the body is what is left.
    let banner = screen.placed(Place::Banner).next().map(|(i, _)| {
        (
            i,
            parts::banner_height(
                Rect::new(inner.x, top, inner.width, bottom - top),
                phone,
                i,
                roomy,
            ),
        )
    });
    let banner_rect = banner.map(|(_, h)| Rect::new(inner.x, top, inner.width, h));
    top += banner.map_or(0, |(_, h)| h);
    let bar_rect = Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top));
    let bar_h = parts::top_bar_height(bar_rect, phone, roomy);
    top += bar_h;
    let bottom_h = if screen.layout == Layout::Call {
        call::buttons_height(screen, roomy).min(bottom.saturating_sub(top))
    } else if screen.has(Place::Tab) {
        (if roomy { 3 } else { 1 }).min(bottom.saturating_sub(top))
    } else {
        0
    };
    bottom -= bottom_h;
    // A bottom bar sits above the tabs, and stays while the list moves.
    let fixed_h = if screen.has(Place::Bar) && screen.layout == Layout::List {
        (if roomy { 3 } else { 1 }).min(bottom.saturating_sub(top))
    } else {
        0
    };
    bottom -= fixed_h;
    let body_rect = Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top));

    // What the body shows, then the numbers, then the drawing.
    let shown_body = body::layout(phone, body_rect, roomy);
    let mut shown = vec![true; screen.items.len()];
    for (i, item) in screen.items.iter().enumerate() {
        if item.place == Place::Body || item.place == Place::Scan {
            shown[i] = shown_body.shows(i);
        }
    }
    let d = Drawing {
        phone,
        keys: numbers(screen, &shown),
        roomy,
    };
    if phone.interactive {
        // A number key taps its item even while a long list shows another part of it.
        for (i, key) in d.keys.iter().enumerate() {
            if let Some(k) = key {
                hits.key(*k, Action::Select(i));
            }
        }
    }
    if let (Some((i, _)), Some(rect)) = (banner, banner_rect) {
        parts::banner(&d, buf, rect, i, hits);
    }
    parts::top_bar(
        &d,
        buf,
        Rect::new(inner.x, bar_rect.y, inner.width, bar_h),
        hits,
    );
    if body_rect.height > 0 && body_rect.width >= 4 {
        body::draw(&d, buf, area, body_rect, &shown_body, hits);
    }
    if fixed_h > 0 {
        let rect = Rect::new(inner.x, bottom, inner.width, fixed_h);
        parts::row_of_buttons(&d, buf, rect, Place::Bar, hits);
    }
    if bottom_h > 0 {
        let rect = Rect::new(inner.x, bottom + fixed_h, inner.width, bottom_h);
        if screen.layout == Layout::Call {
            call::buttons(&d, buf, rect, hits);
        } else {
            parts::row_of_buttons(&d, buf, rect, Place::Tab, hits);
        }
    }
    if let Some(strip) = side {
        parts::side_buttons(&d, buf, strip, hits);
    }
    let glass = Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top));
    if screen.sheet.is_some() {
        let top_bar = Rect::new(inner.x, bar_rect.y, inner.width, bar_h);
        parts::sheet(&d, buf, inner, top_bar, hits);
    }
    if let Some(popup) = &screen.popup {
        parts::pop_up(&d, buf, glass, inner, popup, hits);
    }
    // What a finger does here besides tapping.
    let scrolls = shown_body.total > body_rect.height;
    if scrolls {
        hits.scroller = Some(Scroller {
            area: body_rect,
            offset: shown_body.offset,
            max: shown_body.total - body_rect.height,
            page: body_rect.height.saturating_sub(1).max(1),
        });
    }
    let asks_gesture = matches!(phone.asks, Asks::Swipe | Asks::Hold);
    if asks_gesture || scrolls {
        hits.gesture = Some(inner);
        hits.swipes = phone.asks == Asks::Swipe;
        hits.holds = phone.asks == Asks::Hold && phone.interactive;
    }
    let _ = d.roomy;
}

#[cfg(test)]
mod tests;
