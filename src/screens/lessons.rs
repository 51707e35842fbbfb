//! The lessons of a pack: ✓ and stars for finished ones, the resume step for one under way.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, stars};
use super::packs::Packs;
use super::player::{self, LessonAt};
use crate::app::{Action, Ctx, Layer, Outcome, menu_choice};
use crate::content::Library;
use crate::progress::Progress;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Lessons {
    /// Index of the pack in the library.
    pub pack: usize,
    pub cursor: usize,
}

impl Lessons {
    /// The pack's lessons with the one to carry on highlighted: an unfinished run first, then
    /// the first lesson never finished.
    pub fn resume_point(lib: &Library, progress: &Progress, pack: usize) -> Lessons {
        let cursor = lib.packs.get(pack).map_or(0, |p| {
            let of = |l: &crate::content::Lesson| progress.lesson(&p.id, &l.id);
            p.lessons
                .iter()
                .position(|l| of(l).current.is_some())
                .or_else(|| p.lessons.iter().position(|l| !of(l).is_complete()))
                .unwrap_or(0)
        });
        Lessons { pack, cursor }
    }
}

impl Layer for Lessons {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => {
                return Outcome::go(Packs { cursor: self.pack });
            }
            Action::Recorded(event) => return player::started(cx, &event),
            _ => {}
        }
        let len = cx.lib.packs.get(self.pack).map_or(0, |p| p.lessons.len());
        match menu_choice(&mut self.cursor, len, &action) {
            Some(i) => player::open(
                cx,
                LessonAt {
                    pack: self.pack,
                    lesson: i,
                },
            ),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let Some(pack) = cx.lib.packs.get(self.pack) else {
            return;
        };
        let entries: Vec<Entry> = pack
            .lessons
            .iter()
            .map(|l| {
                let progress = cx.session.progress.lesson(&pack.id, &l.id);
                let detail = match (progress.resume_step(l), progress.is_complete()) {
                    (Some(step), _) => fill(
                        w.step_of,
                        &[
                            ("n", &(step + 1).min(l.steps.len()).to_string()),
                            ("total", &l.steps.len().to_string()),
                        ],
                    ),
                    (None, true) => format!("✓ {}", stars(progress.stars())),
                    (None, false) => w.not_started.to_string(),
                };
                Entry::new(l.title.get(cx.lang), detail)
            })
            .collect();
        let header = format!("{} › {}", pack.title.get(cx.lang), w.choose_lesson);
        MenuPage::new(&header, &entries, self.cursor)
            .heading(w.choose_lesson)
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(cx.words.choose_lesson.to_string())
    }
}
