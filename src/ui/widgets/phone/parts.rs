//! The parts around and over the phone's body: the notification banner, the top bar, the tab
//! bar, the phone's side buttons, and what covers the screen — a bottom sheet (while it shows,
//! only its buttons can be tapped) or a pop-up dialog.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::{Drawing, MIN_WIDTH, Phone, plain_title, plain_title_height};
use crate::content::Place;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{center, width, wrap};
use crate::ui::theme::{FOCUS, Role};

/// The strip at the phone's right for its side buttons, when it has them and there is room:
/// (the phone's area, the strip).
pub(super) fn side_strip(area: Rect, phone: &Phone) -> (Rect, Option<Rect>) {
    if !phone.screen.side {
        return (area, None);
    }
    let widest = phone
        .screen
        .placed(Place::Side)
        .map(|(_, it)| width(it.label.get(phone.lang)) as u16)
        .max()
        .unwrap_or(0);
    // The join, the frame's two sides, the number key and a space: "┤│3 音量+│".
    let strip = widest + 5;
    if area.width < MIN_WIDTH + strip {
        return (area, None);
    }
    let phone_area = Rect::new(area.x, area.y, area.width - strip, area.height);
    let strip = Rect::new(phone_area.right(), area.y, strip, area.height);
    (phone_area, Some(strip))
}

/// The side buttons: 音量+ and 音量− high up, the power key under them, each joined to the
/// frame, as on the phone's edge.
pub(super) fn side_buttons(d: &Drawing, buf: &mut Buffer, strip: Rect, hits: &mut Hits) {
    let theme = d.phone.theme;
    let items: Vec<usize> = d.screen().placed(Place::Side).map(|(i, _)| i).collect();
    let h = if d.roomy && strip.height >= 14 { 3 } else { 1 };
    let mut y = strip.y + strip.height.min(14) / 5;
    for (n, i) in items.into_iter().enumerate() {
        if n == 2 {
            // The power key, a little apart.
            y += 1;
        }
        if y + h > strip.bottom() {
            return;
        }
        let rect = Rect::new(strip.x + 1, y, strip.width - 1, h);
        let key = d.tappable_at(i, rect, hits);
        let number = key.map_or(String::new(), |k| format!("{k}"));
        let focused = d.focused(i);
        let style = theme.style(if focused { Role::Focus } else { Role::Strong });
        fill(buf, rect, if focused { style } else { theme.base() });
        let label = d.item(i).label.get(d.phone.lang);
        let join_y = y + h / 2;
        put(buf, strip, strip.x, join_y, "┤", theme.base());
        if h == 3 {
            let inner = crate::ui::draw::frame(buf, rect, focused, theme);
            put(
                buf,
                inner,
                inner.x,
                inner.y,
                &format!("{number} {label}"),
                style,
            );
        } else {
            let marker = if focused { FOCUS } else { "" };
            put(
                buf,
                rect,
                rect.x,
                rect.y,
                &format!("{marker}{number} {label}"),
                style,
            );
        }
        y += h;
    }
}

/// The rows the banner takes in `area`.
pub(super) fn banner_height(area: Rect, phone: &Phone, i: usize, roomy: bool) -> u16 {
    let item = &phone.screen.items[i];
    let text = item.label.get(phone.lang);
    if roomy && area.height >= 5 {
        let lines = wrap(text, area.width.saturating_sub(2) as usize);
        let shown = lines.len().min(4) as u16;
        return (shown + 3).min(area.height.saturating_sub(2));
    }
    let from = item.detail.as_ref().map_or("", |t| t.get(phone.lang));
    let lines = wrap(&format!("✉ {from}：{text}"), area.width as usize);
    (lines.len() as u16).min(2).min(area.height)
}

/// The notification banner across the top: the sender, then the message, wrapped.
pub(super) fn banner(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let item = d.item(i);
    let lang = d.phone.lang;
    let from = item.detail.as_ref().map_or("", |t| t.get(lang));
    let text = item.label.get(lang);
    let theme = d.phone.theme;
    let focused = d.focused(i);
    let key = d.tappable_at(i, rect, hits);
    if rect.height >= 4 {
        let lines = wrap(text, rect.width.saturating_sub(2) as usize);
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
        return;
    }
    // One row at a time on a small phone: sender and message together, up to two rows.
    let lines = wrap(&format!("✉ {from}：{text}"), rect.width as usize);
    let style = theme.style(if focused { Role::Focus } else { Role::Strong });
    fill(buf, rect, style);
    for (n, l) in lines.iter().take(rect.height as usize).enumerate() {
        put(buf, rect, rect.x, rect.y + n as u16, l, style);
    }
}

/// The rows the top bar takes in `area`.
pub(super) fn top_bar_height(area: Rect, phone: &Phone, roomy: bool) -> u16 {
    let screen = phone.screen;
    let has_buttons = screen.has(Place::Back) || screen.has(Place::Action);
    if !has_buttons {
        return if screen.title.is_some() {
            plain_title_height(area)
        } else {
            0
        };
    }
    if area.height == 0 {
        return 0;
    }
    if roomy { 3.min(area.height) } else { 1 }
}

/// The top bar: a back arrow (a button when it can be tapped), the title, an action at the
/// right. Screens with only a title get the plain centred title.
pub(super) fn top_bar(d: &Drawing, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let screen = d.screen();
    let title = screen
        .title
        .as_ref()
        .map(|t| t.get(d.phone.lang).to_string())
        .unwrap_or_default();
    let back = screen.placed(Place::Back).next().map(|(i, _)| i);
    let action = screen.placed(Place::Action).next().map(|(i, _)| i);
    if area.height == 0 {
        return;
    }
    if back.is_none() && action.is_none() {
        if !title.is_empty() {
            plain_title(buf, area, &title, d.phone.theme);
        }
        return;
    }
    let h = area.height;
    // Both ends as wide as the wider one needs (so the title stays centred), but never more
    // than two fifths of the bar each.
    // A title that would not fit beside "‹ 返回" gets the room of the words: the back button
    // shows its arrow alone, as most apps do.
    let need = |i: usize| width(&d.label(d.item(i))) as u16 + 4;
    let action_need = action.map_or(0, need);
    let full = back.map_or(0, need).max(action_need);
    let short = back.map_or(0, |_| 8).max(action_need);
    let title_w = width(&title) as u16;
    let side = if area.width >= 2 * full + title_w + 2 {
        full
    } else {
        short
    };
    let side = side.min(area.width * 2 / 5);
    if let Some(i) = back {
        d.button(buf, Rect::new(area.x, area.y, side, h), i, hits);
    }
    if let Some(i) = action {
        d.button(
            buf,
            Rect::new(area.right() - side, area.y, side, h),
            i,
            hits,
        );
    }
    // (A column apart from the buttons where there is room, so the title does not run into
    // them.)
    let gap = u16::from(area.width >= 2 * side + width(&title) as u16 + 2);
    let middle = Rect::new(
        area.x + side + gap,
        area.y,
        area.width.saturating_sub(2 * side + 2 * gap),
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
            d.phone.theme.style(Role::Title),
        );
    }
}

/// Buttons side by side across a row, sharing its width: the tab bar, a pop-up's buttons.
pub(super) fn row_of_buttons(
    d: &Drawing,
    buf: &mut Buffer,
    area: Rect,
    place: Place,
    hits: &mut Hits,
) {
    let items: Vec<usize> = d.screen().placed(place).map(|(i, _)| i).collect();
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
            d.phone.theme.style(Role::Dim),
        );
    }
    // A one-row bar gives each button what its words need ("[7 通讯录]") and shares the rest,
    // so that short names do not cut long ones; a tall bar shares the width evenly.
    // (Its number key and a space, and a frame's sides or brackets; the » of the highlight too
    // where there is room; a finger's width at least.)
    let finger = if area.height >= 3 { 8 } else { 6 };
    let needs_with = |pad: u16, least: u16| -> Vec<u16> {
        items
            .iter()
            .map(|&i| (width(&d.label(d.item(i))) as u16 + pad).max(least))
            .collect()
    };
    let needs = [(5, finger), (4, finger), (4, 0)]
        .into_iter()
        .map(|(pad, least)| needs_with(pad, least))
        .find(|n| n.iter().sum::<u16>() <= room)
        .unwrap_or_else(|| needs_with(4, 0));
    let widths = if tabs && area.height >= 3 {
        shares(&vec![0; items.len()], room)
    } else {
        shares(&needs, room)
    };
    let mut x = area.x;
    for (i, w) in items.iter().zip(widths) {
        let rect = Rect::new(x, area.y, w, area.height);
        if tabs && area.height >= 3 {
            tab(d, buf, rect, *i, hits);
        } else {
            d.button(buf, rect, *i, hits);
        }
        x += w + gap;
    }
}

/// Splits `room` columns between parts that need `needs` each: if they all fit, each gets its
/// need plus an even share of what is left (the first ones take the remainder); if not, all
/// get the same.
pub(super) fn shares(needs: &[u16], room: u16) -> Vec<u16> {
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
fn tab(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let item = d.item(i);
    let theme = d.phone.theme;
    let key = d.tappable_at(i, rect, hits);
    let focused = d.focused(i);
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
    let mut name = item.label.get(d.phone.lang).to_string();
    if let Some(color) = item.color
        && theme.tint(color).is_none()
    {
        name = d.label(item);
    }
    put(buf, body, body.x, body.y + 1, &center(&name, w), style);
}

/// A bottom sheet over the lower part of the phone: its title, then its buttons one under
/// another (分享到…, 选择支付方式). What is behind it stays visible above it.
pub(super) fn sheet(d: &Drawing, buf: &mut Buffer, glass: Rect, top_bar: Rect, hits: &mut Hits) {
    let Some(sheet) = &d.screen().sheet else {
        return;
    };
    let theme = d.phone.theme;
    let items: Vec<usize> = d.screen().placed(Place::Sheet).map(|(i, _)| i).collect();
    let title = sheet.title.as_ref().map(|t| t.get(d.phone.lang));
    let n = items.len() as u16;
    let title_h = u16::from(title.is_some());
    // Boxes a finger's height if they fit, else one row each.
    let button_h = if 2 + title_h + 3 * n <= glass.height {
        3
    } else {
        1
    };
    let h = (2 + title_h + button_h * n).min(glass.height);
    if h < 3 || glass.width < 8 {
        return;
    }
    let rect = Rect::new(glass.x, glass.bottom() - h, glass.width, h);
    // A sheet tall enough to reach into the top bar covers what is left of it, not half a
    // button.
    if rect.y > top_bar.y && rect.y < top_bar.bottom() {
        fill(
            buf,
            Rect::new(top_bar.x, top_bar.y, top_bar.width, rect.y - top_bar.y),
            theme.base(),
        );
    }
    fill(buf, rect, theme.base());
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .style(theme.style(Role::Strong));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut y = inner.y;
    if let Some(t) = title {
        centred_title(buf, inner, y, t, theme);
        y += 1;
    }
    for i in items {
        if y + button_h > inner.bottom() {
            break;
        }
        d.button(buf, Rect::new(inner.x, y, inner.width, button_h), i, hits);
        y += button_h;
    }
}

/// A dialog over the screen: its title and words, then its buttons (the only things that can be
/// tapped while it shows). What is behind it stays visible above and below, as on a phone. When
/// the screen's body is too short it covers the whole phone (status bar and title too); when even
/// that is short, the buttons come first, then the title, then as many words as fit.
pub(super) fn pop_up(
    d: &Drawing,
    buf: &mut Buffer,
    body: Rect,
    whole: Rect,
    popup: &crate::content::Popup,
    hits: &mut Hits,
) {
    let theme = d.phone.theme;
    let lang = d.phone.lang;
    let title = popup.title.as_ref().map(|t| t.get(lang).to_string());
    let text_w = body.width.saturating_sub(4) as usize;
    let lines = wrap(popup.text.get(lang), text_w);
    let button_h: u16 = if d.roomy { 3 } else { 1 };
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
        centred_title(buf, inner, y, t, theme);
        y += 1;
        room -= 1;
    }
    for line in lines.iter().take(room as usize) {
        put(buf, inner, inner.x, y, line, theme.base());
        y += 1;
    }
    if bh > 0 {
        let row = Rect::new(inner.x, inner.bottom() - bh, inner.width, bh);
        row_of_buttons(d, buf, row, Place::Popup, hits);
    }
}

/// A pop-up's or a sheet's title, centred on its first row.
fn centred_title(
    buf: &mut Buffer,
    inner: Rect,
    y: u16,
    title: &str,
    theme: &crate::ui::theme::Theme,
) {
    put(
        buf,
        inner,
        inner.x,
        y,
        &center(title, inner.width as usize),
        theme.style(Role::Title),
    );
}
