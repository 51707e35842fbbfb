//! The list of lesson packs, each with how much of it is done.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use crate::app::App;
use crate::ui::hits::Hits;
use crate::ui::strings::words;
use crate::ui::widgets::menu::Entry;

pub fn packs(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries: Vec<Entry> = app
        .library
        .packs
        .iter()
        .map(|p| {
            let done = p
                .lessons
                .iter()
                .filter(|l| app.progress.lesson(&p.id, &l.id).is_complete())
                .count();
            let detail = if done == p.lessons.len() {
                format!("✓ {}", w.done)
            } else {
                format!("{done}/{}", p.lessons.len())
            };
            Entry::new(p.title.get(app.lang), detail)
        })
        .collect();
    let name = app
        .learner
        .as_ref()
        .map(|l| l.display_name(app.lang))
        .unwrap_or_default();
    let header = format!("{name} › {}", w.choose_pack);
    MenuPage::new(&header, &entries).render(app, buf, area, hits);
}
