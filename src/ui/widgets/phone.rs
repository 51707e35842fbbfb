//! The simulated phone: a rounded frame with a status bar and the parts of a real app screen —
//! a notification banner, the top bar (back arrow, title, an action at the right), the body
//! (app icons in a grid; or rows of buttons, fields, list rows, toggles, chat bubbles and text;
//! or an incoming call with 挂断 and 接听 at the bottom), the tab bar at the bottom, and a pop-up
//! over it all. It resembles the real screen so that what is learned here carries over, and so
//! that a hint saying "左下角" or "绿色的" is true. Parts are boxes (three rows, a finger's
//! height) when there is room and single rows when not; the body scrolls so the highlighted
//! element is always in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::Action;
use crate::content::{Item, ItemKind, Layout, Place, Screen};
use crate::lang::Lang;
use crate::ui::draw::{fill, put, tinted_button};
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

/// Phone screens at least this tall (inside the frame) get boxed top bars, tab bars and call
/// buttons: three rows each, the least a finger should have to hit.
const ROOMY: u16 = 16;

struct Placed {
    item: usize,
    x: u16,
    y: u16,
    w: u16,
    h: u16,
}

/// Lays the body's items out on a virtual canvas `w` wide; returns the places and the height.
fn layout(phone: &Phone, w: u16, tall: bool) -> (Vec<Placed>, u16) {
    let screen = phone.screen;
    let mut placed = Vec::new();
    let mut y = 0u16;
    let body: Vec<(usize, &Item)> = screen.placed(Place::Body).collect();
    match screen.layout {
        Layout::Grid => {
            let tile_w = (w.saturating_sub(1)) / 2;
            let h = if tall { 3 } else { 1 };
            for (n, (i, _)) in body.iter().enumerate() {
                let col = (n % 2) as u16;
                let row = (n / 2) as u16;
                placed.push(Placed {
                    item: *i,
                    x: col * (tile_w + 1),
                    y: row * h,
                    w: tile_w,
                    h,
                });
                y = (row + 1) * h;
            }
        }
        Layout::List | Layout::Call => {
            for (i, item) in body {
                let label = label_of(phone, item);
                let (x, iw, h) = match item.kind {
                    ItemKind::Text => (0, w, wrap(&label, w as usize).len().max(1) as u16),
                    ItemKind::Bubble => {
                        let bw = (w * 4 / 5).max(w.min(8));
                        let lines = wrap(&label, bw.saturating_sub(2) as usize).len().max(1) as u16;
                        (0, bw, if tall { lines + 2 } else { lines })
                    }
                    _ if tall => (0, w, 3),
                    _ => (0, w, 1),
                };
                placed.push(Placed {
                    item: i,
                    x,
                    y,
                    w: iw,
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

/// An item's words as drawn: its icon first; without colours, its colour said in words.
fn label_of(phone: &Phone, item: &Item) -> String {
    let mut label = item.label.get(phone.lang).to_string();
    if let Some(icon) = &item.icon {
        label = format!("{icon} {label}");
    }
    if let Some(color) = item.color
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

/// Draws the phone's body: rounded frame, status bar (when tall enough) and the app's title
/// bar. Returns the screen area below them. (For a keypad step; `render` draws a whole screen.)
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> Rect {
    let Some(inner) = shell(buf, area, theme) else {
        return Rect::new(area.x, area.y, 0, 0);
    };
    let mut top = status_bar(buf, inner, theme);
    if !title.is_empty() {
        top += plain_title(
            buf,
            Rect::new(inner.x, top, inner.width, inner.bottom() - top),
            title,
            theme,
        );
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

/// The title alone, centred, with a rule under it on a tall phone; returns the rows used. (No
/// "‹" here: a back arrow is drawn only when the screen has one to tap — `back = true`.)
fn plain_title(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> u16 {
    if area.height == 0 {
        return 0;
    }
    let line = center(title, area.width as usize);
    put(buf, area, area.x, area.y, &line, theme.style(Role::Title));
    if area.height >= 10 {
        let rule = "─".repeat(area.width as usize);
        put(buf, area, area.x, area.y + 1, &rule, theme.style(Role::Dim));
        return 2;
    }
    1
}

pub fn render(buf: &mut Buffer, area: Rect, phone: &Phone, hits: &mut Hits) {
    let Some(inner) = shell(buf, area.intersection(buf.area), phone.theme) else {
        return;
    };
    let screen = phone.screen;
    let roomy = inner.height >= ROOMY;
    let mut top = status_bar(buf, inner, phone.theme);
    let mut bottom = inner.bottom();

    if let Some((i, _)) = screen.placed(Place::Banner).next() {
        top += banner(
            buf,
            Rect::new(inner.x, top, inner.width, bottom - top),
            phone,
            i,
            roomy,
            hits,
        );
    }
    top += top_bar(
        buf,
        Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top)),
        phone,
        roomy,
        hits,
    );
    // The call's two buttons, or the tab bar, take the bottom rows.
    let bar = if screen.layout == Layout::Call {
        Some(Place::Call)
    } else {
        screen.has(Place::Tab).then_some(Place::Tab)
    };
    if let Some(place) = bar.filter(|_| bottom > top) {
        let h = if roomy { 3 } else { 1 }.min(bottom - top);
        bottom -= h;
        let row = Rect::new(inner.x, bottom, inner.width, h);
        row_of_buttons(buf, row, phone, place, hits);
    }
    let body = Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top));
    if body.height > 0 && body.width >= 4 {
        if let Some(call) = &screen.call {
            caller(buf, body, phone, call);
        }
        items(buf, area, body, phone, hits);
    }
    if let Some(popup) = &screen.popup {
        let body = Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top));
        pop_up(buf, body, inner, phone, popup, roomy, hits);
    }
}

/// The body's items, scrolled so the highlighted one is in view.
fn items(buf: &mut Buffer, area: Rect, content: Rect, phone: &Phone, hits: &mut Hits) {
    let (tall_places, tall_h) = layout(phone, content.width, true);
    let (places, total) = if tall_h <= content.height || content.height >= 9 {
        (tall_places, tall_h)
    } else {
        layout(phone, content.width, false)
    };
    // A call screen's caller sits above its items.
    let (content, total) = if phone.screen.call.is_some() {
        let shift = content.height.saturating_sub(total) / 2;
        (
            Rect::new(
                content.x,
                content.y + shift,
                content.width,
                content.height - shift,
            ),
            total,
        )
    } else {
        (content, total)
    };
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

/// Makes item `i` tappable at `rect` if it can be tapped now; returns its number key.
fn tappable_at(phone: &Phone, i: usize, rect: Rect, hits: &mut Hits) -> Option<usize> {
    if !phone.interactive {
        return None;
    }
    let key = key_of(phone.screen, i)?;
    hits.add(rect, Action::Select(i));
    hits.key(key, Action::Select(i));
    Some(key)
}

/// A button-like element: a box (or a one-row button), numbered when it can be tapped, in its
/// own colour if it has one.
fn button(buf: &mut Buffer, rect: Rect, phone: &Phone, i: usize, hits: &mut Hits) {
    let item = &phone.screen.items[i];
    let key = tappable_at(phone, i, rect, hits);
    let number = key.map_or(String::new(), |k| format!("{k} "));
    let text = format!("{number}{}", label_of(phone, item));
    let tint = item.color.and_then(|c| phone.theme.tint(c));
    let tint = if item.on && tint.is_none() {
        // The open tab: drawn as the title is, so it stands out.
        Some(phone.theme.style(Role::Title))
    } else {
        tint
    };
    tinted_button(buf, rect, &text, phone.cursor == Some(i), phone.theme, tint);
}

fn draw_item(buf: &mut Buffer, rect: Rect, phone: &Phone, i: usize, hits: &mut Hits) {
    let item = &phone.screen.items[i];
    let focused = phone.cursor == Some(i);
    let theme = phone.theme;
    match item.kind {
        ItemKind::Text => {
            let style = item
                .color
                .and_then(|c| theme.tint(c))
                .unwrap_or(theme.base());
            for (n, line) in wrap(&label_of(phone, item), rect.width as usize)
                .iter()
                .enumerate()
            {
                put(buf, rect, rect.x, rect.y + n as u16, line, style);
            }
        }
        ItemKind::Bubble => {
            let label = label_of(phone, item);
            let style = theme.style(Role::Strong);
            if rect.height >= 3 {
                let block = Block::bordered()
                    .border_type(BorderType::Rounded)
                    .style(theme.base());
                let inner = block.inner(rect);
                block.render(rect, buf);
                for (n, line) in wrap(&label, inner.width as usize).iter().enumerate() {
                    put(buf, inner, inner.x, inner.y + n as u16, line, style);
                }
            } else {
                for (n, line) in wrap(&label, rect.width as usize).iter().enumerate() {
                    put(buf, rect, rect.x, rect.y + n as u16, line, style);
                }
            }
        }
        ItemKind::Button if phone.screen.layout == Layout::Grid => {
            button(buf, rect, phone, i, hits)
        }
        ItemKind::Button => button(buf, rect, phone, i, hits),
        ItemKind::Field | ItemKind::Row | ItemKind::Toggle => {
            let key = tappable_at(phone, i, rect, hits);
            let number = key.map_or(String::new(), |k| format!("{k} "));
            let label = label_of(phone, item);
            let text = match item.kind {
                ItemKind::Field => format!("{number}[{label}]"),
                _ => format!("{number}{label}"),
            };
            let right = match item.kind {
                ItemKind::Row => {
                    let detail = item.detail.as_ref().map_or("", |d| d.get(phone.lang));
                    if detail.is_empty() {
                        "›".to_string()
                    } else {
                        format!("{detail} ›")
                    }
                }
                ItemKind::Toggle => switch(phone.lang, item.on),
                _ => String::new(),
            };
            let style = theme.style(if focused { Role::Focus } else { Role::Base });
            fill(buf, rect, style);
            let inner = if rect.height >= 3 {
                crate::ui::draw::frame(buf, rect, focused, theme)
            } else {
                rect
            };
            let marker = if focused { FOCUS } else { " " };
            let y = inner.y + inner.height.saturating_sub(1) / 2;
            let right_w = width(&right) as u16;
            let room = (inner.width as usize).saturating_sub(right_w as usize + 1);
            let line = truncate(&format!("{marker}{text}"), room);
            let label_style = match item.color.and_then(|c| theme.tint(c)) {
                Some(t) if !focused => t,
                _ => style,
            };
            put(buf, inner, inner.x, y, &line, label_style);
            if right_w > 0 && inner.width > right_w {
                let right_style = if item.kind == ItemKind::Toggle && item.on && !focused {
                    theme.style(Role::Right)
                } else {
                    style
                };
                put(buf, inner, inner.right() - right_w, y, &right, right_style);
            }
        }
    }
}

/// A toggle's state in words and shape (never colour alone): "[开]" or "[关]".
fn switch(lang: Lang, on: bool) -> String {
    let w = crate::ui::words::words(lang);
    format!("[{}]", if on { w.switch_on } else { w.switch_off })
}

/// The notification banner across the top: the sender, then the message, wrapped. Returns the
/// rows used.
fn banner(
    buf: &mut Buffer,
    area: Rect,
    phone: &Phone,
    i: usize,
    roomy: bool,
    hits: &mut Hits,
) -> u16 {
    let item = &phone.screen.items[i];
    let from = item.detail.as_ref().map_or("", |d| d.get(phone.lang));
    let text = item.label.get(phone.lang);
    let theme = phone.theme;
    let focused = phone.cursor == Some(i);
    if roomy && area.height >= 5 {
        let lines = wrap(text, area.width.saturating_sub(2) as usize);
        let shown = lines.len().min(4) as u16;
        let h = (shown + 3).min(area.height.saturating_sub(2));
        let rect = Rect::new(area.x, area.y, area.width, h);
        let key = tappable_at(phone, i, rect, hits);
        let style = theme.style(if focused { Role::Focus } else { Role::Base });
        fill(buf, rect, style);
        let kind = if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        };
        let block = Block::bordered().border_type(kind).style(style);
        let inner = block.inner(rect);
        block.render(rect, buf);
        let number = key.map_or(String::new(), |k| format!("{k} "));
        let head = format!("{}{number}✉ {from}", if focused { FOCUS } else { "" });
        put(
            buf,
            inner,
            inner.x,
            inner.y,
            &head,
            theme.style(if focused { Role::Focus } else { Role::Title }),
        );
        for (n, line) in lines
            .iter()
            .take(inner.height.saturating_sub(1) as usize)
            .enumerate()
        {
            put(buf, inner, inner.x, inner.y + 1 + n as u16, line, style);
        }
        return h;
    }
    // One row at a time on a small phone: sender and message together, up to two rows.
    let line = format!("✉ {from}：{text}");
    let lines = wrap(&line, area.width as usize);
    let h = (lines.len() as u16).min(2).min(area.height);
    let rect = Rect::new(area.x, area.y, area.width, h);
    tappable_at(phone, i, rect, hits);
    let style = theme.style(if focused { Role::Focus } else { Role::Strong });
    fill(buf, rect, style);
    for (n, l) in lines.iter().take(h as usize).enumerate() {
        put(buf, rect, rect.x, rect.y + n as u16, l, style);
    }
    h
}

/// The top bar: a back arrow (a button when it can be tapped), the title, an action at the
/// right. Screens with only a title get the plain centred title. Returns the rows used.
fn top_bar(buf: &mut Buffer, area: Rect, phone: &Phone, roomy: bool, hits: &mut Hits) -> u16 {
    let screen = phone.screen;
    let title = screen
        .title
        .as_ref()
        .map(|t| t.get(phone.lang).to_string())
        .unwrap_or_default();
    let back = screen.placed(Place::Back).next().map(|(i, _)| i);
    let action = screen.placed(Place::Action).next().map(|(i, _)| i);
    if back.is_none() && action.is_none() {
        return if title.is_empty() {
            0
        } else {
            plain_title(buf, area, &title, phone.theme)
        };
    }
    if area.height == 0 {
        return 0;
    }
    let h = if roomy { 3.min(area.height) } else { 1 };
    let side = 10.min(area.width / 3);
    if let Some(i) = back {
        button(buf, Rect::new(area.x, area.y, side, h), phone, i, hits);
    }
    if let Some(i) = action {
        button(
            buf,
            Rect::new(area.right() - side, area.y, side, h),
            phone,
            i,
            hits,
        );
    }
    let middle = Rect::new(
        area.x + side,
        area.y,
        area.width.saturating_sub(2 * side),
        h,
    );
    if middle.width > 2 {
        let y = middle.y + (h - 1) / 2;
        put(
            buf,
            middle,
            middle.x,
            y,
            &center(&title, middle.width as usize),
            phone.theme.style(Role::Title),
        );
    }
    h
}

/// Buttons side by side across a row, sharing its width: the tab bar, or a call's 挂断 and 接听
/// (red at the left, green at the right, as on real phones).
fn row_of_buttons(buf: &mut Buffer, area: Rect, phone: &Phone, place: Place, hits: &mut Hits) {
    let items: Vec<usize> = phone.screen.placed(place).map(|(i, _)| i).collect();
    if items.is_empty() || area.width == 0 {
        return;
    }
    let n = items.len() as u16;
    let tabs = place == Place::Tab;
    let gap = u16::from(!tabs && area.width >= n * 4 + n);
    let room = area.width.saturating_sub(gap * (n - 1));
    if tabs && area.height >= 3 {
        // A tab bar as on a phone: a rule above, then each tab's number (and icon) over its
        // name, the whole column of it tappable.
        let rule = "─".repeat(area.width as usize);
        put(
            buf,
            area,
            area.x,
            area.y,
            &rule,
            phone.theme.style(Role::Dim),
        );
    }
    // A one-row bar gives each button what its words need ("[7 通讯录]") and shares the rest,
    // so that short names do not cut long ones; a tall bar shares the width evenly.
    let needs: Vec<u16> = items
        .iter()
        .map(|&i| {
            let label = label_of(phone, &phone.screen.items[i]);
            unicode_width::UnicodeWidthStr::width(label.as_str()) as u16 + 4
        })
        .collect();
    let widths = if area.height >= 3 {
        shares(&vec![0; items.len()], room)
    } else {
        shares(&needs, room)
    };
    let mut x = area.x;
    for (i, w) in items.iter().zip(widths) {
        let rect = Rect::new(x, area.y, w, area.height);
        if tabs && area.height >= 3 {
            tab(buf, rect, phone, *i, hits);
        } else {
            button(buf, rect, phone, *i, hits);
        }
        x += w + gap;
    }
}

/// Splits `room` columns between parts that need `needs` each: if they all fit, each gets its
/// need plus an even share of what is left (the first ones take the remainder); if not, all
/// get the same.
fn shares(needs: &[u16], room: u16) -> Vec<u16> {
    let n = needs.len() as u16;
    if n == 0 {
        return Vec::new();
    }
    let total: u16 = needs.iter().sum();
    let base: Vec<u16> = if total <= room {
        needs.to_vec()
    } else {
        vec![0; needs.len()]
    };
    let left = room - base.iter().sum::<u16>();
    base.iter()
        .enumerate()
        .map(|(k, b)| b + left / n + u16::from((k as u16) < left % n))
        .collect()
}

/// One tab of a tall tab bar: its number and icon over its name; the open one under a thick bar
/// in the title's colour, the highlighted one in the focus colours with ».
fn tab(buf: &mut Buffer, rect: Rect, phone: &Phone, i: usize, hits: &mut Hits) {
    let item = &phone.screen.items[i];
    let theme = phone.theme;
    let key = tappable_at(phone, i, rect, hits);
    let focused = phone.cursor == Some(i);
    let style = if focused {
        theme.style(Role::Focus)
    } else if item.on {
        theme.style(Role::Title)
    } else {
        item.color
            .and_then(|c| theme.tint(c))
            .unwrap_or(theme.style(Role::Strong))
    };
    if item.on {
        // The open tab is marked by shape too (a thick bar above it), not by colour alone.
        let bar = "━".repeat(rect.width.saturating_sub(2) as usize);
        put(
            buf,
            rect,
            rect.x + 1,
            rect.y,
            &bar,
            theme.style(Role::Title),
        );
    }
    let body = Rect::new(rect.x, rect.y + 1, rect.width, rect.height - 1);
    fill(buf, body, if focused { style } else { theme.base() });
    let mut top = key.map_or(String::new(), |k| k.to_string());
    if let Some(icon) = &item.icon {
        top = format!("{top} {icon}").trim().to_string();
    }
    if focused {
        top = format!("{FOCUS}{top}");
    }
    let w = body.width as usize;
    put(buf, body, body.x, body.y, &center(&top, w), style);
    let mut name = item.label.get(phone.lang).to_string();
    if let Some(color) = item.color
        && theme.tint(color).is_none()
    {
        name = label_of(phone, item);
    }
    put(buf, body, body.x, body.y + 1, &center(&name, w), style);
}

/// An incoming call: who is calling, their number, and "来电" — above the two buttons.
fn caller(buf: &mut Buffer, body: Rect, phone: &Phone, call: &crate::content::Call) {
    let theme = phone.theme;
    let mut lines: Vec<(String, Role)> = vec![(call.from.get(phone.lang).to_string(), Role::Title)];
    if let Some(n) = &call.number {
        lines.push((n.clone(), Role::Strong));
    }
    lines.push((
        crate::ui::words::words(phone.lang).calling.to_string(),
        Role::Dim,
    ));
    let y0 = body.y + u16::from(body.height > lines.len() as u16 + 2);
    for (n, (line, role)) in lines.iter().enumerate() {
        let y = y0 + n as u16;
        put(
            buf,
            body,
            body.x,
            y,
            &center(line, body.width as usize),
            theme.style(*role),
        );
    }
}

/// A dialog over the screen: its title and words, then its buttons (the only things that can be
/// tapped while it shows). What is behind it stays visible above and below, as on a phone. When
/// the screen's body is too short it covers the whole phone (status bar and title too); when even
/// that is short, the buttons come first, then the title, then as many words as fit.
fn pop_up(
    buf: &mut Buffer,
    body: Rect,
    whole: Rect,
    phone: &Phone,
    popup: &crate::content::Popup,
    roomy: bool,
    hits: &mut Hits,
) {
    let theme = phone.theme;
    let title = popup.title.as_ref().map(|t| t.get(phone.lang).to_string());
    let text_w = body.width.saturating_sub(4) as usize;
    let lines = wrap(popup.text.get(phone.lang), text_w);
    let button_h: u16 = if roomy { 3 } else { 1 };
    let wanted = 2 + u16::from(title.is_some()) + lines.len() as u16 + button_h;
    let over = if body.height >= wanted { body } else { whole };
    if over.height == 0 || over.width < 8 {
        return;
    }
    let h = wanted.min(over.height);
    let rect = Rect::new(over.x, over.y + (over.height - h) / 2, over.width, h);
    fill(buf, rect, theme.base());
    let inner = if h >= 3 {
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .style(theme.style(Role::Strong));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        )
    } else {
        rect
    };
    // Buttons first, then the title, then the words.
    let bh = button_h.min(inner.height);
    let mut room = inner.height - bh;
    let mut y = inner.y;
    if let Some(t) = title.as_ref().filter(|_| room > 0) {
        let style = theme.style(Role::Title);
        put(
            buf,
            inner,
            inner.x,
            y,
            &center(t, inner.width as usize),
            style,
        );
        y += 1;
        room -= 1;
    }
    for line in lines.iter().take(room as usize) {
        put(buf, inner, inner.x, y, line, theme.base());
        y += 1;
    }
    if bh > 0 {
        let row = Rect::new(inner.x, inner.bottom() - bh, inner.width, bh);
        row_of_buttons(buf, row, phone, Place::Popup, hits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Call, Color, Item, Popup};
    use crate::lang::Text;

    fn t(zh: &str, en: &str) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    fn screen(items: Vec<Item>) -> Screen {
        Screen {
            id: "s".into(),
            title: Some(t("微信", "WeChat")),
            layout: Layout::List,
            items,
            popup: None,
            call: None,
            secure_pad: false,
        }
    }

    fn draw(screen: &Screen, w: u16, h: u16, theme: &Theme) -> (String, Hits) {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        let mut hits = Hits::default();
        let phone = Phone {
            screen,
            lang: Lang::Zh,
            theme,
            cursor: None,
            interactive: true,
        };
        let area = buf.area;
        render(&mut buf, area, &phone, &mut hits);
        let mut text = String::new();
        for row in crate::ui::text::buffer_rows(&buf) {
            text.push_str(&row);
            text.push('\n');
        }
        (text, hits)
    }

    #[test]
    fn tabs_sit_at_the_bottom_and_a_call_has_red_left_and_green_right() {
        let mut items = vec![Item::plain("a", t("张三", "Zhang"), ItemKind::Row)];
        for (id, zh) in [("chats", "微信"), ("contacts", "通讯录"), ("me", "我")] {
            let mut tab = Item::plain(id, t(zh, zh), ItemKind::Button);
            tab.place = Place::Tab;
            items.push(tab);
        }
        let s = screen(items);
        let (text, hits) = draw(&s, 36, 22, &Theme::default());
        let rows: Vec<&str> = text.lines().collect();
        // The tab bar is the last three rows inside the phone: a rule, the numbers, the names.
        assert!(rows[rows.len() - 4].contains("────"), "{text}");
        assert!(
            rows[rows.len() - 3]
                .trim_end_matches(['│', ' '])
                .ends_with('4'),
            "{text}"
        );
        assert!(
            rows[rows.len() - 2]
                .trim_end_matches(['│', ' '])
                .ends_with("我"),
            "{text}"
        );
        assert_eq!(hits.areas().len(), 4);
        let me = hits
            .areas()
            .iter()
            .find(|(_, a)| *a == Action::Select(3))
            .unwrap()
            .0;
        assert_eq!(me.height, 3, "a tab is a finger's height on a tall phone");
        assert!(me.x > 20, "the last tab is at the right");

        let mut call = screen(vec![]);
        call.layout = Layout::Call;
        call.call = Some(Call {
            from: t("儿子", "Son"),
            number: Some("138 0000 1234".into()),
        });
        for (id, zh, color) in [
            ("decline", "挂断", Color::Red),
            ("accept", "接听", Color::Green),
        ] {
            let mut b = Item::plain(id, t(zh, zh), ItemKind::Button);
            b.place = Place::Call;
            b.color = Some(color);
            call.items.push(b);
        }
        let (text, hits) = draw(&call, 36, 22, &Theme::default());
        assert!(
            text.contains("儿子") && text.contains("138 0000 1234"),
            "{text}"
        );
        let decline = hits.areas()[0].0;
        let accept = hits.areas()[1].0;
        assert!(
            decline.x < accept.x && decline.y == accept.y,
            "挂断 left, 接听 right"
        );
        // Without colours, the colour is said in words.
        let (mono, _) = draw(
            &call,
            36,
            22,
            &Theme::new(crate::settings::ThemeName::Dark, true),
        );
        assert!(mono.contains("接听(绿色)"), "{mono}");
    }

    #[test]
    fn while_a_pop_up_shows_only_its_buttons_can_be_tapped() {
        let mut s = screen(vec![Item::plain(
            "vip",
            t("开通会员", "Join"),
            ItemKind::Button,
        )]);
        for (id, zh) in [("no", "以后再说"), ("yes", "立即开通")] {
            let mut b = Item::plain(id, t(zh, zh), ItemKind::Button);
            b.place = Place::Popup;
            s.items.push(b);
        }
        s.popup = Some(Popup {
            title: Some(t("开通会员", "Membership")),
            text: t("首月只要 1 元", "1 yuan the first month"),
        });
        let (text, hits) = draw(&s, 36, 22, &Theme::default());
        assert!(text.contains("首月只要 1 元"), "{text}");
        let actions: Vec<&Action> = hits.areas().iter().map(|(_, a)| a).collect();
        assert_eq!(actions, [&Action::Select(1), &Action::Select(2)], "{text}");
        assert!(
            text.contains("1 以后再说") && text.contains("2 立即开通"),
            "{text}"
        );
    }
}
