//! "Who is learning?": big name buttons, then adding a learner by a typed name or by number.
//! Picking a name loads that learner's progress and settings before the course list shows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use super::find_learner::FindLearner;
use super::new_learner::NewLearner;
use super::packs;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::progress::{Learner, NewLearner as Added};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::{Hits, ViewCx};

/// The first entries, above the names: adding a learner and finding one by number come first so
/// that they are as near in a class of five hundred as in a class of five.
pub const NEW_NAMED: usize = 0;
pub const NEW_NUMBERED: usize = 1;
/// Shown once there is anyone to find.
pub const FIND: usize = 2;

#[derive(Debug, Clone, Default)]
pub struct Learners {
    pub cursor: usize,
    /// Learners on this machine, most recently active first (loaded when the screen opens).
    pub list: Vec<Learner>,
}

impl Learners {
    /// The screen as it opens: the list is on its way (`Effect::LoadLearners`).
    pub fn loading() -> Learners {
        Learners::default()
    }

    /// Entries before the first name.
    fn first_name(&self) -> usize {
        if self.list.is_empty() { 2 } else { 3 }
    }

    fn menu_len(&self) -> usize {
        self.first_name() + self.list.len()
    }

    fn entries(&self, cx: &ViewCx) -> Vec<Entry> {
        let w = cx.words;
        let mut entries = vec![
            Entry::new(format!("+ {}", w.new_named), ""),
            Entry::new(format!("+ {}", w.new_numbered), ""),
        ];
        if !self.list.is_empty() {
            entries.push(Entry::new(format!("# {}", w.find_number), ""));
        }
        entries.extend(self.list.iter().map(|l| Entry::new(cx.learner_name(l), "")));
        entries
    }

    fn page<'a>(&self, cx: &ViewCx, entries: &'a [Entry]) -> MenuPage<'a> {
        let w = cx.words;
        let mut intro = TextBlock::new();
        if self.list.is_empty() {
            intro.push(w.no_learners_yet, Role::Base, Priority::Keep);
        }
        MenuPage::new(w.who, entries, self.cursor)
            .heading(w.who)
            .intro(intro)
    }
}

/// A learner has been chosen or added: their course list, with their own settings.
impl Layer for Learners {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::LearnersLoaded(list) => {
                self.list = list;
                self.cursor = self.cursor.min(self.menu_len() - 1);
                return Outcome::none();
            }
            Action::LearnerAdded(learner) => {
                let packs =
                    packs::signed_in(cx, learner, Default::default(), Default::default(), None);
                return Outcome::push(packs);
            }
            Action::LearnerOpened {
                learner,
                progress,
                reviews,
                settings,
            } => return Outcome::push(packs::signed_in(cx, learner, progress, reviews, settings)),
            // Back from the course list (the learner signed out) or from typing a name: the
            // list is read again, for names added meanwhile in another window.
            Action::Reply(_) => return Outcome::effect(Effect::LoadLearners),
            Action::Back => return Outcome::back(),
            _ => {}
        }
        let first = self.first_name();
        let len = self.menu_len();
        match menu_choice(&mut self.cursor, len, &action) {
            Some(NEW_NAMED) => Outcome::push(NewLearner::new(self.list.clone())),
            Some(NEW_NUMBERED) => Outcome::effect(Effect::AddLearner(Added::Numbered)),
            Some(FIND) if first == 3 => Outcome::push(FindLearner::new(self.list.clone())),
            Some(i) => Outcome::effect(Effect::OpenLearner(self.list[i - first].clone())),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = self.entries(cx);
        self.page(cx, &entries).render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.page(cx, &[]).spoken())
    }
}
