//! The welcome screen (start, switch language) and the quit question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, dialog};
use crate::app::App;
use crate::ui::hits::Hits;
use crate::ui::strings::words;
use crate::ui::theme;
use crate::ui::widgets::menu::Entry;

pub fn welcome(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries = [Entry::new(w.start, ""), Entry::new(w.switch_language, "")];
    let intro = [(w.tagline.to_string(), theme::strong())];
    let header = if app.lang == crate::lang::Lang::Zh {
        "智慧助老".to_string()
    } else {
        "zhulao · Smart Aid for Seniors".to_string()
    };
    MenuPage::new(&header, &entries)
        .intro(&intro)
        .esc(w.word_quit)
        .render(app, buf, area, hits);
}

/// The quit question, drawn over whatever screen is showing.
pub fn quit_dialog(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries = [Entry::new(w.quit_yes, ""), Entry::new(w.quit_no, "")];
    dialog(buf, area, hits, w.quit_question, &entries, app.quit_cursor);
}
