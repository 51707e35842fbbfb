//! Drawing: `draw(app, area, buf)` paints the state and returns the `Hits` — what each tap and
//! number key means on the screen just drawn. Screens live in `screens/`, shared pieces in
//! `widgets/`, and all words in `strings`.

pub mod draw;
pub mod hits;
pub mod screens;
pub mod strings;
pub mod text;
pub mod theme;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Screen};
use crate::lang::Lang;
pub use hits::Hits;

/// The smallest terminal every screen is designed for (a kiosk with a 60–70 pt font).
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Hits {
    let mut hits = Hits::default();
    let area = area.intersection(buf.area);
    draw::fill(buf, area, theme::base());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app.lang, area, buf);
        hits.too_small = true;
        return hits;
    }
    screens::render(app, buf, area, &mut hits);
    if app.player.as_ref().is_some_and(|p| p.help_open) && app.screen == Screen::Player {
        screens::player::help_dialog(app, buf, area, &mut hits);
    }
    let w = strings::words(app.lang);
    if let Some((message, _)) = &app.failure {
        let entries = [
            widgets::menu::Entry::new(w.try_again, ""),
            widgets::menu::Entry::new(w.go_back, ""),
        ];
        let text = format!("{}\n{message}\n{}", w.save_failed, w.retry);
        screens::common::dialog(buf, area, &mut hits, &text, &entries, 0);
    } else if app.confirm_quit {
        screens::welcome::quit_dialog(app, buf, area, &mut hits);
    }
    hits
}

/// Below 40×12 nothing is usable: say so in both languages, as large as the window allows.
fn too_small(lang: Lang, area: Rect, buf: &mut Buffer) {
    let first = strings::words(lang).enlarge;
    let second = strings::words(lang.toggled()).enlarge;
    let lines = [first, second, "Ctrl+C: 退出 / leave"];
    let top = area.y + area.height.saturating_sub(2) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let t = text::center(line, area.width as usize);
        draw::put(buf, area, area.x, y, &t, theme::strong());
    }
}
