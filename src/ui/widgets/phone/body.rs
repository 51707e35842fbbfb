//! The phone's body: its pieces laid out on a canvas as wide as the glass and as long as they
//! need (app icons two to a row; rows, fields, toggles, tick boxes, sliders, bubbles and voice
//! messages one under another; a code to show on top; a call's caller; the viewfinder or the
//! face frame), then the part of it that shows drawn — from where the learner moved it, or so
//! the highlighted piece is in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::{Asks, Drawing, Phone, art, call};
use crate::app::Action;
use crate::content::{CodeKind, Item, ItemKind, Layout, Place};
use crate::lang::Lang;
use crate::ui::draw::{fill, put};
use crate::ui::hits::Hits;
use crate::ui::text::{center, truncate, width, wrap};
use crate::ui::theme::{FOCUS, Role};

/// What a piece of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    Item(usize),
    /// The sender's name over a chat bubble (the item).
    From(usize),
    /// A payment or QR code with its caption and note.
    Code,
    /// Who is calling, their number and how far the call is.
    Caller,
    /// The 扫一扫 frame with the code to aim at (the item) and its name.
    Viewfinder(usize),
    /// The face check's round frame.
    Face,
    /// Words under the viewfinder or the face frame.
    Words,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub piece: Piece,
    pub x: u16,
    pub y: u16,
    pub w: u16,
    pub h: u16,
}

/// The body as laid out, and the part of it shown.
pub(super) struct Shown {
    pub places: Vec<Placed>,
    /// Rows the whole body takes.
    pub total: u16,
    /// The first row shown.
    pub offset: u16,
    pub height: u16,
}

impl Shown {
    /// Whether item `i` is wholly on screen.
    pub fn shows(&self, i: usize) -> bool {
        self.places.iter().any(|p| {
            matches!(p.piece, Piece::Item(j) | Piece::Viewfinder(j) if j == i) && self.visible(p)
        })
    }

    fn visible(&self, p: &Placed) -> bool {
        p.y >= self.offset && p.y + p.h <= self.offset + self.height
    }
}

/// Lays the body out for `area`, and works out what part of it shows.
pub(super) fn layout(phone: &Phone, area: Rect, roomy: bool) -> Shown {
    let (_, tall_h) = pieces(phone, area.width, true, ART_ROWS[0]);
    let tall = tall_h <= area.height || area.height >= 9;
    // The code, viewfinder or face frame as big as fits whole (what is under it scrolls; a
    // picture cut in half would show nothing that helps).
    let mut sizes = ART_ROWS
        .iter()
        .filter(|&&rows| tall || rows <= 7)
        .peekable();
    let (places, total) = loop {
        let rows = *sizes.next().unwrap_or(&0);
        let (places, total) = pieces(phone, area.width, tall, rows);
        let art_end = places
            .iter()
            .find(|p| matches!(p.piece, Piece::Item(_) | Piece::From(_)))
            .map_or(total, |p| p.y);
        if total <= area.height || art_end <= area.height || sizes.peek().is_none() {
            break (places, total);
        }
    };
    let _ = roomy;
    let max = total.saturating_sub(area.height);
    let offset = match phone.scroll {
        Some(row) => row.min(max),
        None => phone
            .cursor
            .and_then(|c| places.iter().find(|p| p.piece == Piece::Item(c)))
            .filter(|p| p.y + p.h > area.height)
            .map_or(0, |p| (p.y + p.h - area.height).min(max)),
    };
    Shown {
        places,
        total,
        offset,
        height: area.height,
    }
}

/// The pieces of the body on a canvas `w` wide, tall (boxes a finger's height) or not; and the
/// rows they take.
/// The rows a code or a frame may take, biggest first: tall, then ever smaller, then none (a
/// frame with the name in it; a code's words without the picture).
const ART_ROWS: [u16; 4] = [8, 7, 2, 0];

fn pieces(phone: &Phone, w: u16, tall: bool, art: u16) -> (Vec<Placed>, u16) {
    let screen = phone.screen;
    let mut out = Vec::new();
    let mut y = 0u16;
    let push = |out: &mut Vec<Placed>, piece, x, w, h, y: &mut u16| {
        out.push(Placed {
            piece,
            x,
            y: *y,
            w,
            h,
        });
        *y += h;
    };
    let body: Vec<(usize, &Item)> = screen.placed(Place::Body).collect();
    match screen.layout {
        Layout::Grid => {
            let tile_w = (w.saturating_sub(1)) / 2;
            let h = if tall { 3 } else { 1 };
            for (n, (i, _)) in body.iter().enumerate() {
                let (col, row) = ((n % 2) as u16, (n / 2) as u16);
                out.push(Placed {
                    piece: Piece::Item(*i),
                    x: col * (tile_w + 1),
                    y: row * h,
                    w: tile_w,
                    h,
                });
                y = (row + 1) * h;
            }
            return (out, y);
        }
        Layout::Call => {
            let h = call::caller_height(screen, w);
            push(&mut out, Piece::Caller, 0, w, h, &mut y);
        }
        Layout::Scan => {
            if let Some((code, _)) = screen.placed(Place::Scan).next() {
                let h = viewfinder_height(w, art);
                push(&mut out, Piece::Viewfinder(code), 0, w, h, &mut y);
            }
            if let Some(scan) = &screen.scan {
                let h = wrap(scan.text.get(phone.lang), w as usize).len() as u16;
                push(&mut out, Piece::Words, 0, w, h, &mut y);
            }
        }
        Layout::Face => {
            let h = match art {
                8.. => 9,
                2.. => 5,
                _ => 3,
            };
            push(&mut out, Piece::Face, 0, w, h, &mut y);
            if let Some(words) = &screen.face {
                let h = wrap(words.get(phone.lang), w as usize).len() as u16;
                push(&mut out, Piece::Words, 0, w, h, &mut y);
            }
        }
        Layout::List => {
            if screen.code.is_some() {
                let h = code_height(phone, w, art);
                push(&mut out, Piece::Code, 0, w, h, &mut y);
            }
        }
    }
    for (i, item) in body {
        let label_w = |extra: u16| w.saturating_sub(extra) as usize;
        match item.kind {
            ItemKind::Text => {
                let h = wrap(&item.words(phone.lang), w as usize).len().max(1) as u16;
                push(&mut out, Piece::Item(i), 0, w, h, &mut y);
            }
            ItemKind::Bubble | ItemKind::Voice => {
                let bw = (w * 4 / 5).max(w.min(8));
                let text = bubble_text(phone, item);
                let lines = wrap(&text, bw.saturating_sub(2) as usize).len().max(1) as u16;
                let x = if item.mine { w - bw } else { 0 };
                if item.from.is_some() && !item.mine {
                    push(&mut out, Piece::From(i), 0, w, 1, &mut y);
                }
                let h = if tall { lines + 2 } else { lines };
                push(&mut out, Piece::Item(i), x, bw, h, &mut y);
            }
            ItemKind::Slider => {
                let h = if tall { 4 } else { 2 };
                push(&mut out, Piece::Item(i), 0, w, h, &mut y);
            }
            ItemKind::Check => {
                let lines = wrap(&item.words(phone.lang), label_w(10)).len().max(1) as u16;
                let h = if tall { lines + 2 } else { lines };
                push(&mut out, Piece::Item(i), 0, w, h, &mut y);
            }
            _ => {
                let h = if tall { 3 } else { 1 };
                push(&mut out, Piece::Item(i), 0, w, h, &mut y);
            }
        }
    }
    (out, y)
}

/// A chat bubble's words; a voice message as the real ones look (▶ 8″ and sound waves).
fn bubble_text(phone: &Phone, item: &Item) -> String {
    match item.kind {
        ItemKind::Voice => format!("▶ {} ((·))", item.words(phone.lang)),
        _ => item.words(phone.lang),
    }
}

fn viewfinder_height(w: u16, art: u16) -> u16 {
    // The code, its name under it, and the frame round both (or the name alone in the frame).
    match art::qr_size(w.saturating_sub(6), art) {
        Some((_, h)) => h + 3,
        None => 3,
    }
}

/// Caption, barcode (a payment code), QR code and note.
fn code_height(phone: &Phone, w: u16, art: u16) -> u16 {
    let Some(code) = &phone.screen.code else {
        return 0;
    };
    let lines = |t: &Option<crate::lang::Text>| {
        t.as_ref()
            .map_or(0, |t| wrap(t.get(phone.lang), w as usize).len() as u16)
    };
    let qr = art::qr_size(w, art).map_or(0, |(_, h)| h);
    let bar = match code.kind {
        CodeKind::Pay if art >= 8 => 3,
        CodeKind::Pay if art > 0 => 2,
        _ => 0,
    };
    lines(&code.caption) + bar + qr + lines(&code.note)
}

/// Draws what shows of the body, and the cues when there is more above or below.
pub(super) fn draw(
    d: &Drawing,
    buf: &mut Buffer,
    phone_area: Rect,
    area: Rect,
    shown: &Shown,
    hits: &mut Hits,
) {
    for p in &shown.places {
        if !shown.visible(p) {
            continue;
        }
        let rect = Rect::new(area.x + p.x, area.y + p.y - shown.offset, p.w, p.h);
        match p.piece {
            Piece::Item(i) => item(d, buf, rect, i, hits),
            Piece::From(i) => {
                let from = d.item(i).from.as_ref().map_or("", |f| f.get(d.phone.lang));
                put(
                    buf,
                    rect,
                    rect.x,
                    rect.y,
                    from,
                    d.phone.theme.style(Role::Dim),
                );
            }
            Piece::Code => code(d, buf, rect),
            Piece::Caller => call::caller(d, buf, rect),
            Piece::Viewfinder(i) => viewfinder(d, buf, rect, i, hits),
            Piece::Face => {
                let w = rect.width.min(18);
                let frame = Rect::new(rect.x + (rect.width - w) / 2, rect.y, w, rect.height);
                art::face_frame(buf, frame, d.phone.theme.style(Role::Strong));
            }
            Piece::Words => {
                let words = match (&d.screen().scan, &d.screen().face) {
                    (Some(scan), _) => scan.text.get(d.phone.lang).to_string(),
                    (_, Some(face)) => face.get(d.phone.lang).to_string(),
                    _ => String::new(),
                };
                for (n, line) in wrap(&words, rect.width as usize).iter().enumerate() {
                    let line = center(line, rect.width as usize);
                    put(
                        buf,
                        rect,
                        rect.x,
                        rect.y + n as u16,
                        &line,
                        d.phone.theme.style(Role::Strong),
                    );
                }
            }
        }
    }
    let words = crate::ui::words::words(d.phone.lang).phone;
    let style = d.phone.theme.style(Role::Strong);
    // On the frame, at the right: the screen goes on above, or below.
    let cue = |buf: &mut Buffer, y: u16, text: &str| {
        let w = width(text) as u16;
        if phone_area.width > w + 4 {
            put(buf, phone_area, phone_area.right() - w - 2, y, text, style);
        }
    };
    if shown.offset > 0 {
        cue(buf, phone_area.y, words.more_above);
    }
    if shown.offset + shown.height < shown.total {
        cue(buf, phone_area.bottom() - 1, words.more_below);
    }
}

/// The code to show: caption, barcode, QR code, note — shown, not tapped.
fn code(d: &Drawing, buf: &mut Buffer, rect: Rect) {
    let (phone, theme) = (d.phone, d.phone.theme);
    let Some(code) = &phone.screen.code else {
        return;
    };
    let mut y = rect.y;
    let w = rect.width as usize;
    let words = |buf: &mut Buffer, t: &Option<crate::lang::Text>, role: Role, y: &mut u16| {
        if let Some(t) = t {
            for line in wrap(t.get(phone.lang), w) {
                put(buf, rect, rect.x, *y, &center(&line, w), theme.style(role));
                *y += 1;
            }
        }
    };
    words(buf, &code.caption, Role::Title, &mut y);
    let note_lines = code
        .note
        .as_ref()
        .map_or(0, |t| wrap(t.get(phone.lang), w).len() as u16);
    // As laid out: the rows left between the caption and the note.
    let room = rect.bottom().saturating_sub(y + note_lines);
    let tall = room >= 11;
    let seed = &phone.screen.id;
    // Codes are drawn dark on light where the theme allows, as a screen shows them.
    let ink = theme.style(Role::Strong);
    if code.kind == CodeKind::Pay && room > 0 {
        let bar_h = if tall { 2 } else { 1 };
        let bw = rect.width.saturating_sub(4).min(30);
        art::barcode(
            buf,
            Rect::new(rect.x + (rect.width - bw) / 2, y, bw, bar_h),
            seed,
            ink,
        );
        y += bar_h + 1;
    }
    let remaining = rect.bottom().saturating_sub(y + note_lines);
    if let Some((qw, qh)) = art::qr_size(rect.width, remaining) {
        art::qr(
            buf,
            Rect::new(rect.x + (rect.width - qw) / 2, y, qw, qh),
            seed,
            ink,
        );
        y += qh;
    }
    words(buf, &code.note, Role::Dim, &mut y);
}

/// The viewfinder: corners round the code to aim at, its name under it; tapping the code is
/// aiming at it.
fn viewfinder(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let theme = d.phone.theme;
    let focused = d.focused(i);
    let frame_w = rect.width.min(28);
    let frame = Rect::new(
        rect.x + (rect.width - frame_w) / 2,
        rect.y,
        frame_w,
        rect.height,
    );
    let style = theme.style(if focused { Role::Focus } else { Role::Strong });
    art::corners(buf, frame, style);
    let key = d.tappable_at(i, frame, hits);
    let inside = Rect::new(
        frame.x + 3,
        frame.y + 1,
        frame.width.saturating_sub(6),
        frame.height.saturating_sub(3),
    );
    if let Some((qw, qh)) = art::qr_size(inside.width, inside.height) {
        art::qr(
            buf,
            Rect::new(inside.x + (inside.width - qw) / 2, inside.y, qw, qh),
            &d.screen().id,
            theme.style(Role::Strong),
        );
    }
    let number = key.map_or(String::new(), |k| format!("{k} "));
    let marker = if focused { FOCUS } else { "" };
    let name = format!("{marker}{number}{}", d.label(d.item(i)));
    let y = frame.bottom().saturating_sub(2);
    put(
        buf,
        frame,
        frame.x + 1,
        y,
        &center(&name, frame.width.saturating_sub(2) as usize),
        style,
    );
}

fn item(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let it = d.item(i);
    let focused = d.focused(i);
    let theme = d.phone.theme;
    match it.kind {
        ItemKind::Text => {
            let style = it.color.and_then(|c| theme.tint(c)).unwrap_or(theme.base());
            for (n, line) in wrap(&d.label(it), rect.width as usize).iter().enumerate() {
                put(buf, rect, rect.x, rect.y + n as u16, line, style);
            }
        }
        ItemKind::Bubble | ItemKind::Voice => bubble(d, buf, rect, i, hits),
        ItemKind::Button => d.button(buf, rect, i, hits),
        ItemKind::Slider => slider(d, buf, rect, i, hits),
        ItemKind::Check => check(d, buf, rect, i, hits),
        ItemKind::Field | ItemKind::Row | ItemKind::Toggle => {
            let key = d.tappable_at(i, rect, hits);
            let number = key.map_or(String::new(), |k| format!("{k} "));
            let label = d.label(it);
            let text = match it.kind {
                ItemKind::Field => format!("{number}[{label}]"),
                _ => format!("{number}{label}"),
            };
            let right = match it.kind {
                ItemKind::Row => {
                    let detail = it.detail.as_ref().map_or("", |t| t.get(d.phone.lang));
                    if detail.is_empty() {
                        "›".to_string()
                    } else {
                        format!("{detail} ›")
                    }
                }
                ItemKind::Toggle => switch(d.phone.lang, it.on),
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
            let label_style = match it.color.and_then(|c| theme.tint(c)) {
                Some(t) if !focused => t,
                _ => style,
            };
            put(buf, inner, inner.x, y, &line, label_style);
            if right_w > 0 && inner.width > right_w {
                let right_style = if it.kind == ItemKind::Toggle && it.on && !focused {
                    theme.style(Role::Right)
                } else {
                    style
                };
                put(buf, inner, inner.right() - right_w, y, &right, right_style);
            }
        }
    }
}

/// A chat bubble or a voice message: in a rounded box when there is room, at the right when it
/// is the learner's own. A voice message can be tapped (it plays).
fn bubble(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let it = d.item(i);
    let theme = d.phone.theme;
    let focused = d.focused(i);
    let key = d.tappable_at(i, rect, hits);
    let number = key.map_or(String::new(), |k| format!("{k} "));
    let marker = if focused { FOCUS } else { "" };
    let text = format!("{marker}{number}{}", bubble_text(d.phone, it));
    let style = theme.style(if focused { Role::Focus } else { Role::Strong });
    let inner = if rect.height >= 3 {
        let kind = if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        };
        let block =
            Block::bordered()
                .border_type(kind)
                .style(if focused { style } else { theme.base() });
        let inner = block.inner(rect);
        block.render(rect, buf);
        inner
    } else {
        rect
    };
    if focused {
        fill(buf, inner, style);
    }
    for (n, line) in wrap(&text, inner.width as usize).iter().enumerate() {
        put(buf, inner, inner.x, inner.y + n as u16, line, style);
    }
}

/// A slider: its name and level over a track with − and + at its ends, the knob ● where it
/// is. In a slide step, each place on the track (and − and +) can be tapped.
fn slider(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let it = d.item(i);
    let theme = d.phone.theme;
    let moving = match d.phone.asks {
        Asks::Slide { item, level } if item == i => Some(level),
        _ => None,
    };
    let level = moving.unwrap_or(it.level);
    let focused = d.focused(i) || moving.is_some();
    let style = theme.style(if focused { Role::Focus } else { Role::Base });
    let inner = if rect.height >= 4 {
        fill(buf, rect, theme.base());
        crate::ui::draw::frame(buf, rect, focused, theme)
    } else {
        rect
    };
    let key = d.tappable_at(i, rect, hits);
    let number = key.map_or(String::new(), |k| format!("{k} "));
    let marker = if focused { FOCUS } else { "" };
    let value = format!("{level}/{}", it.max);
    let room = (inner.width as usize).saturating_sub(width(&value) + 1);
    let name = truncate(&format!("{marker}{number}{}", d.label(it)), room);
    put(buf, inner, inner.x, inner.y, &name, style);
    put(
        buf,
        inner,
        inner.right().saturating_sub(width(&value) as u16),
        inner.y,
        &value,
        theme.style(Role::Strong),
    );
    // The track: − then one cell per level (━ up to the knob, ─ after), then +.
    let y = inner.y + 1;
    let track_w = inner.width.saturating_sub(4);
    if track_w < u16::from(it.max) + 1 || inner.height < 2 {
        return;
    }
    let cell = track_w / (u16::from(it.max) + 1);
    let x0 = inner.x + 2;
    let strong = theme.style(Role::Strong);
    put(buf, inner, inner.x, y, "−", strong);
    put(buf, inner, inner.right() - 1, y, "+", strong);
    for k in 0..=it.max {
        let x = x0 + u16::from(k) * cell;
        let mark = if k == level {
            "●".to_string()
        } else if k < level {
            "━".repeat(cell as usize)
        } else {
            "─".repeat(cell as usize)
        };
        let knob = if k == level {
            theme.style(Role::Title)
        } else {
            strong
        };
        put(buf, inner, x, y, &mark, knob);
        // A finger on the slider's box at a level's column puts the knob there: each level
        // is as tall as the box, as a finger is wide.
        if moving.is_some() {
            hits.add(
                Rect::new(x, rect.y, cell.max(1), rect.height),
                Action::Level(k),
            );
        }
    }
    if moving.is_some() {
        hits.add(
            Rect::new(rect.x, rect.y, x0 - rect.x, rect.height),
            Action::Level(level.saturating_sub(1)),
        );
        let end = x0 + (u16::from(it.max) + 1) * cell;
        hits.add(
            Rect::new(end, rect.y, rect.right().saturating_sub(end), rect.height),
            Action::Level(level.saturating_add(1).min(it.max)),
        );
    }
}

/// A tick box with its words (我已阅读并同意…): [✓] when ticked, [ ] when not — in shape, not
/// colour.
fn check(d: &Drawing, buf: &mut Buffer, rect: Rect, i: usize, hits: &mut Hits) {
    let it = d.item(i);
    let theme = d.phone.theme;
    let focused = d.focused(i);
    let key = d.tappable_at(i, rect, hits);
    let style = theme.style(if focused { Role::Focus } else { Role::Base });
    let inner = if rect.height >= 3 {
        fill(buf, rect, theme.base());
        crate::ui::draw::frame(buf, rect, focused, theme)
    } else {
        fill(buf, rect, style);
        rect
    };
    let number = key.map_or(String::new(), |k| format!("{k} "));
    let marker = if focused { FOCUS } else { "" };
    let tick = if it.on { "[✓]" } else { "[ ]" };
    let head = format!("{marker}{number}{tick} ");
    let indent = width(&head) as u16;
    put(buf, inner, inner.x, inner.y, &head, style);
    let lines = wrap(
        &it.words(d.phone.lang),
        inner.width.saturating_sub(indent) as usize,
    );
    for (n, line) in lines.iter().enumerate() {
        put(
            buf,
            inner,
            inner.x + indent,
            inner.y + n as u16,
            line,
            style,
        );
    }
}

/// A toggle's state in words and shape (never colour alone): "[开]" or "[关]".
fn switch(lang: Lang, on: bool) -> String {
    let w = crate::ui::words::words(lang);
    format!("[{}]", if on { w.switch_on } else { w.switch_off })
}
