//! The list of lesson packs, each with how much of it is done. Esc signs the learner out and
//! goes back to the list of names, where the next person starts from the machine's settings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use super::lessons::Lessons;
use crate::app::{Action, Ctx, Layer, Outcome, Reply, menu_choice};
use crate::content::Library;
use crate::progress::{Learner, Progress, Reviews};
use crate::settings::Settings;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::widgets::page::ROOMY_HEIGHT;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Packs {
    pub cursor: usize,
}

/// Signs a learner in: the course list, on the first course with questions to review, or else
/// the first they have not finished.
pub fn signed_in(
    cx: &mut Ctx,
    learner: Learner,
    progress: Progress,
    reviews: Reviews,
    settings: Option<Settings>,
) -> Packs {
    cx.session.sign_in(learner, progress, reviews, settings);
    let due = (0..cx.lib.packs.len()).find(|&i| !cx.session.reviews.due_in(cx.lib, i).is_empty());
    match due {
        Some(cursor) => Packs { cursor },
        None => Packs::first_unfinished(cx.lib, &cx.session.progress),
    }
}

impl Packs {
    /// The list with the first pack that still has an unfinished lesson highlighted.
    pub fn first_unfinished(lib: &Library, progress: &Progress) -> Packs {
        let cursor = lib
            .packs
            .iter()
            .position(|p| {
                p.lessons
                    .iter()
                    .any(|l| !progress.lesson(&p.id, &l.id).is_complete())
            })
            .unwrap_or(0);
        Packs { cursor }
    }

    fn entries(cx: &ViewCx) -> Vec<Entry> {
        let w = cx.words;
        let progress = &cx.session.progress;
        cx.lib
            .packs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let done = p
                    .lessons
                    .iter()
                    .filter(|l| progress.lesson(&p.id, &l.id).is_complete())
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
                let due = cx.session.reviews.due_in(cx.lib, i).len();
                let detail = if due > 0 {
                    let review = fill(w.review.pack_due, &[("n", &due.to_string())]);
                    format!("{detail} · {review}")
                } else {
                    detail
                };
                Entry::new(p.title.get(cx.lang), detail)
            })
            .collect()
    }

    fn header(cx: &ViewCx) -> String {
        let name = cx
            .session
            .learner
            .as_ref()
            .map(|l| cx.learner_name(l))
            .unwrap_or_default();
        format!("{name} › {}", cx.words.choose_pack)
    }
}

impl Layer for Packs {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        if action == Action::Back {
            cx.session.sign_out();
            return Outcome::back_with(Reply::SignedOut);
        }
        match menu_choice(&mut self.cursor, cx.lib.packs.len(), &action) {
            Some(i) => Outcome::push(Lessons::open(cx.lib, &cx.session.progress, i)),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = Self::entries(cx);
        let header = Self::header(cx);
        // On roomy screens, a line about the highlighted course.
        let mut about = TextBlock::new();
        // Questions to review today, said first: review is how it sticks.
        let due: usize = (0..cx.lib.packs.len())
            .map(|i| cx.session.reviews.due_in(cx.lib, i).len())
            .sum();
        if due > 0 {
            let line = fill(cx.words.review.today, &[("n", &due.to_string())]);
            about.push(&line, Role::Strong, Priority::Useful);
        }
        if let Some(pack) = cx.lib.packs.get(self.cursor)
            && area.height >= ROOMY_HEIGHT
        {
            about.push(pack.about.get(cx.lang), Role::Dim, Priority::Extra);
        }
        MenuPage::new(&header, &entries, self.cursor)
            .heading(cx.words.choose_pack)
            .intro(about)
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(cx.words.choose_pack.to_string())
    }
}
