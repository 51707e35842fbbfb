//! The lessons of a pack: ✓ and stars for finished ones, the resume step for one under way.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, stars};
use crate::app::App;
use crate::ui::hits::Hits;
use crate::ui::strings::{fill as fill_in, words};
use crate::ui::widgets::menu::Entry;

pub fn lessons(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let Some(pack) = app.current_pack() else {
        return;
    };
    let entries: Vec<Entry> = pack
        .lessons
        .iter()
        .map(|l| {
            let progress = app.progress.lesson(&pack.id, &l.id);
            let detail = match (progress.resume_step(l), progress.is_complete()) {
                (Some(step), _) => fill_in(
                    w.step_of,
                    &[
                        ("n", &(step + 1).min(l.steps.len()).to_string()),
                        ("total", &l.steps.len().to_string()),
                    ],
                ),
                (None, true) => format!("✓ {}", stars(progress.stars())),
                (None, false) => w.not_started.to_string(),
            };
            Entry::new(l.title.get(app.lang), detail)
        })
        .collect();
    let header = format!("{} › {}", pack.title.get(app.lang), w.choose_lesson);
    MenuPage::new(&header, &entries).render(app, buf, area, hits);
}
