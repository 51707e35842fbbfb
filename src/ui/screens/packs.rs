//! The list of lesson packs, each with how much of it is done.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use crate::app::App;
use crate::ui::hits::Hits;
use crate::ui::strings::{fill, words};
use crate::ui::theme;
use crate::ui::widgets::menu::Entry;
use crate::ui::widgets::page::ROOMY_HEIGHT;

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
                fill(
                    w.lessons_done,
                    &[
                        ("done", &done.to_string()),
                        ("total", &p.lessons.len().to_string()),
                    ],
                )
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
    // On roomy screens, a line about the highlighted course.
    let about: Vec<(String, ratatui::style::Style)> = match app.library.packs.get(app.cursor) {
        Some(pack) if area.height >= ROOMY_HEIGHT => {
            vec![(pack.about.get(app.lang).to_string(), theme::dim())]
        }
        _ => vec![],
    };
    MenuPage::new(&header, &entries)
        .intro(&about)
        .render(app, buf, area, hits);
}
