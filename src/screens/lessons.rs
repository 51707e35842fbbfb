//! The lessons of a pack: ✓ and stars for finished ones, the resume step for one under way, and
//! first, when steps of the pack are due for review, "复习：N 题".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, stars};
use super::player;
use crate::app::{Action, Ctx, Layer, Outcome, Reply, Session, menu_choice};
use crate::content::{LessonAt, Library};
use crate::progress::Progress;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Lessons {
    /// Index of the pack in the library.
    pub pack: usize,
    /// The highlighted lesson (its index in the pack) …
    pub cursor: usize,
    /// … unless the review entry is highlighted (it is, while it is shown, until the learner
    /// moves off it).
    pub review: bool,
}

impl Lessons {
    /// The pack's lessons as a learner comes to them: the review highlighted when steps are due
    /// (what was hard last time comes first), else the lesson to carry on: an unfinished run
    /// first, then the first lesson never finished.
    pub fn open(lib: &Library, progress: &Progress, pack: usize) -> Lessons {
        let cursor = lib.packs.get(pack).map_or(0, |p| {
            let of = |l: &crate::content::Lesson| progress.lesson(&p.id, &l.id);
            p.lessons
                .iter()
                .position(|l| of(l).current.is_some())
                .or_else(|| p.lessons.iter().position(|l| !of(l).is_complete()))
                .unwrap_or(0)
        });
        Lessons {
            pack,
            cursor,
            review: true,
        }
    }

    /// The pack's lessons with lesson `lesson` highlighted.
    pub fn at(pack: usize, lesson: usize) -> Lessons {
        Lessons {
            pack,
            cursor: lesson,
            review: false,
        }
    }

    /// Steps due for review in this pack now (0: no review entry).
    fn due(&self, lib: &Library, session: &Session) -> usize {
        session.reviews.due_in(lib, self.pack).len()
    }

    /// The highlighted menu entry, when the review entry (if shown) is entry 0.
    fn entry(&self, due: usize) -> usize {
        match (due > 0, self.review) {
            (true, true) => 0,
            (true, false) => self.cursor + 1,
            (false, _) => self.cursor,
        }
    }
}

impl Layer for Lessons {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back | Action::Reply(Reply::CourseDone) => return Outcome::back(),
            // A lesson (or a review) this screen opened has started: the player.
            Action::Recorded(event) => return player::started(cx, &event),
            // From the end of a lesson: the next one, or the same again.
            Action::Reply(Reply::OpenLesson(at)) => {
                // The next lesson may be the first of the next pack: this list shows that pack.
                self.pack = at.pack;
                self.cursor = at.lesson;
                self.review = false;
                return player::open(cx, at);
            }
            Action::Reply(_) => return Outcome::none(),
            _ => {}
        }
        let lessons = cx.lib.packs.get(self.pack).map_or(0, |p| p.lessons.len());
        let due = self.due(cx.lib, cx.session);
        let first = usize::from(due > 0);
        let mut entry = self.entry(due);
        let chosen = menu_choice(&mut entry, lessons + first, &action);
        self.review = first == 1 && entry == 0;
        if !self.review {
            self.cursor = entry - first;
        }
        match chosen {
            Some(0) if first == 1 => player::review::start(cx, self.pack),
            Some(i) => player::open(
                cx,
                LessonAt {
                    pack: self.pack,
                    lesson: i - first,
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
        let due = self.due(cx.lib, cx.session);
        let mut entries: Vec<Entry> = Vec::new();
        let mut intro = TextBlock::new();
        if due > 0 {
            let n = due.to_string();
            entries.push(Entry::new(fill(w.review.entry, &[("n", &n)]), ""));
            intro.push(w.review.about, Role::Dim, Priority::Extra);
        }
        entries.extend(pack.lessons.iter().map(|l| {
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
        }));
        let header = format!("{} › {}", pack.title.get(cx.lang), w.choose_lesson);
        MenuPage::new(&header, &entries, self.entry(due))
            .heading(w.choose_lesson)
            .intro(intro)
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(cx.words.choose_lesson.to_string())
    }
}
