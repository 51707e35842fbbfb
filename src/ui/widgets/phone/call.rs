//! A call as the phone shows it in each state: who, their number, and a line saying how far it
//! is (来电, 通话中 00:12, 邀请你视频通话); then its buttons where real phones put them — while it
//! rings 挂断 red at the left and 接听 green at the right; once it is going a row of 静音 / 免提 /
//! 拨号键盘 (or 转为语音 / 切换摄像头) and 挂断 red, centred at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Drawing;
use crate::content::{CallState, Place, Screen};
use crate::ui::draw::put;
use crate::ui::hits::Hits;
use crate::ui::text::center;
use crate::ui::theme::Role;

/// The caller's lines: name, number, the state line.
fn caller_lines(screen: &Screen, lang: crate::lang::Lang) -> Vec<(String, Role)> {
    let Some(call) = &screen.call else {
        return Vec::new();
    };
    let words = crate::ui::words::words(lang);
    let mut lines = vec![(call.from.get(lang).to_string(), Role::Title)];
    if let Some(n) = &call.number {
        lines.push((n.clone(), Role::Strong));
    }
    let time = call.time.clone().unwrap_or_default();
    let state = match call.state {
        CallState::Incoming => words.calling.to_string(),
        CallState::Talking if time.is_empty() => words.phone.talking.to_string(),
        CallState::Talking => time,
        CallState::Video => format!("{} {time}", words.phone.video).trim().to_string(),
        CallState::VideoIncoming => words.phone.video_invite.to_string(),
    };
    lines.push((state, Role::Dim));
    lines
}

pub(super) fn caller_height(screen: &Screen, _w: u16) -> u16 {
    // A row above and below the lines, when there is room for them (the body is shared with
    // the call's other words).
    caller_lines(screen, crate::lang::Lang::Zh).len() as u16 + 1
}

pub(super) fn caller(d: &Drawing, buf: &mut Buffer, body: Rect) {
    let lines = caller_lines(d.screen(), d.phone.lang);
    let theme = d.phone.theme;
    for (n, (line, role)) in lines.iter().enumerate() {
        let y = body.y + 1 + n as u16;
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

/// The rows a call's buttons take: one row of them while it rings, two once it is going.
pub(super) fn buttons_height(screen: &Screen, roomy: bool) -> u16 {
    let h = if roomy { 3 } else { 1 };
    match screen.call.as_ref().map(|c| c.state) {
        Some(CallState::Incoming) | None => h,
        Some(_) => 2 * h + u16::from(roomy),
    }
}

pub(super) fn buttons(d: &Drawing, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let screen = d.screen();
    let items: Vec<usize> = screen.placed(Place::Call).map(|(i, _)| i).collect();
    let find = |id: &str| items.iter().copied().find(|&i| screen.items[i].id == id);
    let state = screen
        .call
        .as_ref()
        .map_or(CallState::Incoming, |c| c.state);
    let h = if d.roomy { 3 } else { 1 }.min(area.height);
    let upper = Rect::new(area.x, area.y, area.width, h);
    let lower = Rect::new(area.x, area.bottom() - h, area.width, h);
    let pair = |buf: &mut Buffer, row: Rect, left: &str, right: &str, hits: &mut Hits| {
        let gap = u16::from(row.width >= 12);
        let w = (row.width - gap) / 2;
        if let Some(i) = find(left) {
            d.button(buf, Rect::new(row.x, row.y, w, row.height), i, hits);
        }
        if let Some(i) = find(right) {
            d.button(
                buf,
                Rect::new(row.right() - w, row.y, w, row.height),
                i,
                hits,
            );
        }
    };
    let middle = |buf: &mut Buffer, row: Rect, id: &str, share: u16, hits: &mut Hits| {
        if let Some(i) = find(id) {
            let w = (row.width * share / 3).max(row.width.min(8));
            d.button(
                buf,
                Rect::new(row.x + (row.width - w) / 2, row.y, w, row.height),
                i,
                hits,
            );
        }
    };
    match state {
        CallState::Incoming => pair(buf, area, "decline", "accept", hits),
        CallState::VideoIncoming => {
            middle(buf, upper, "voice", 3, hits);
            pair(buf, lower, "decline", "accept", hits);
        }
        CallState::Talking | CallState::Video => {
            let row: Vec<usize> = items
                .iter()
                .copied()
                .filter(|&i| screen.items[i].id != "hangup")
                .collect();
            let n = row.len() as u16;
            if let Some(w) = upper.width.checked_div(n) {
                for (k, i) in row.into_iter().enumerate() {
                    let x = upper.x + k as u16 * w;
                    let last = k as u16 == n - 1;
                    let width = if last { upper.right() - x } else { w };
                    d.button(buf, Rect::new(x, upper.y, width, upper.height), i, hits);
                }
            }
            middle(buf, lower, "hangup", 1, hits);
        }
    }
}
