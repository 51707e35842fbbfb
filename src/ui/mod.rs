//! Drawing: `draw(app, lib, area, buf)` paints the current screen, a notice if there is one and
//! the overlays on top, and returns the `Hits` — what each tap and number key means on the
//! screen just drawn. The screens themselves live in `crate::screens` and `crate::overlays`;
//! here are the pieces they share: the render context, the theme, the words, text wrapping and
//! big text, and the widgets.

pub mod bigtext;
pub mod context;
pub mod draw;
pub mod figures;
pub mod hits;
pub mod text;
pub mod textblock;
pub mod theme;
pub mod widgets;
pub mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Notice};
use crate::content::Library;
pub use context::ViewCx;
pub use hits::Hits;
use theme::Role;
use words::fill as fill_in;

/// The smallest terminal every screen is designed for (a kiosk with a 60–70 pt font).
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(app: &App, lib: &Library, area: Rect, buf: &mut Buffer) -> Hits {
    let cx = ViewCx::new(app, lib);
    let mut hits = Hits::default();
    let area = area.intersection(buf.area);
    draw::fill(buf, area, cx.theme.base());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(&cx, area, buf);
        hits.too_small = true;
        return hits;
    }
    app.screen.layer().render(&cx, area, buf, &mut hits);
    if app.saving_slowly {
        draw_notice(&cx, cx.words.saving, area, buf);
    } else if let Some(notice) = &app.notice {
        draw_notice(&cx, &notice_text(&cx, notice), area, buf);
    }
    for overlay in app.overlays() {
        overlay.layer().render(&cx, area, buf, &mut hits);
    }
    hits
}

/// The words of a notice.
pub fn notice_text(cx: &ViewCx, notice: &Notice) -> String {
    match notice {
        Notice::SpeechMissing { program } => {
            fill_in(cx.words.speech_missing, &[("program", program)])
        }
        Notice::SpeechFailed { reason } => fill_in(cx.words.speech_failed, &[("reason", reason)]),
    }
}

/// A notice sits on the rows just above the footer, over whatever the screen drew there.
fn draw_notice(cx: &ViewCx, notice: &str, area: Rect, buf: &mut Buffer) {
    let page = widgets::page::page_area(area, cx.size);
    let lines = text::wrap(notice, page.width.saturating_sub(2) as usize);
    let bottom = page.bottom() - widgets::page::footer_height(page);
    let top = bottom.saturating_sub(lines.len() as u16).max(page.y + 1);
    let rows = Rect::new(page.x, top, page.width, bottom - top);
    draw::fill(buf, rows, cx.style(Role::NotYet));
    for (i, line) in lines.iter().enumerate() {
        draw::put(
            buf,
            rows,
            page.x + 1,
            top + i as u16,
            line,
            cx.style(Role::NotYet),
        );
    }
}

/// Below 40×12 nothing is usable: say so in both languages, as large as the window allows.
fn too_small(cx: &ViewCx, area: Rect, buf: &mut Buffer) {
    let first = cx.words.enlarge;
    let second = words::words(cx.lang.toggled()).enlarge;
    let lines = [first, second, cx.words.too_small_keys];
    let top = area.y + area.height.saturating_sub(2) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let t = text::center(line, area.width as usize);
        draw::put(buf, area, area.x, y, &t, cx.style(Role::Strong));
    }
}
