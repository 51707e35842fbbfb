//! Editing one learner: rename, seat number, groups, archive or restore. Each change is saved at
//! once and the learner's line shown as it now is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::entry::{Entry as EntryScreen, Purpose};
use super::groups::Groups;
use super::name;
use super::roster::Roster;
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, RosterCommand, menu_choice};
use crate::progress::store::roster::{Group, RosterEntry};
use crate::screens::common::MenuPage;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::{Hits, ViewCx};

pub const RENAME: usize = 0;
pub const SEAT: usize = 1;
pub const GROUPS: usize = 2;
pub const ARCHIVE: usize = 3;
const ENTRIES: usize = 5;

#[derive(Debug, Clone)]
pub struct Edit {
    pub entry: RosterEntry,
    pub groups: Vec<Group>,
    pub cursor: usize,
}

impl Edit {
    pub fn new(entry: RosterEntry, groups: Vec<Group>) -> Edit {
        Edit {
            entry,
            groups,
            cursor: 0,
        }
    }

    /// The learner as the latest roster shows them.
    pub fn refreshed(mut self, entries: &[RosterEntry], groups: Vec<Group>) -> Edit {
        if let Some(e) = entries
            .iter()
            .find(|e| e.learner.id == self.entry.learner.id)
        {
            self.entry = e.clone();
        }
        self.groups = groups;
        self
    }
}

impl Layer for Edit {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if let Action::Answer(Answer::Roster {
            entries, groups, ..
        }) = &action
        {
            *self = self.clone().refreshed(entries, groups.clone());
            return Outcome::none();
        }
        if action == Action::Back {
            return Roster::open(self.entry.archived);
        }
        let id = self.entry.learner.id.clone();
        match menu_choice(&mut self.cursor, ENTRIES, &action) {
            Some(RENAME) => Outcome::go(EntryScreen::new(Purpose::Rename, self.clone())),
            Some(SEAT) => Outcome::go(EntryScreen::new(Purpose::Seat, self.clone())),
            Some(GROUPS) => Outcome::go(Groups::new(self.clone())),
            Some(ARCHIVE) => Outcome::effect(Effect::Roster(RosterCommand::Archive {
                id,
                archived: !self.entry.archived,
            })),
            Some(_) => Roster::open(self.entry.archived),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let t = cx.words.teacher;
        let e = &self.entry;
        let seat = e
            .learner
            .seat
            .map_or_else(|| t.seat_none.to_string(), |s| s.to_string());
        let entries = [
            Entry::new(t.edit_rename, name(cx, &e.learner)),
            Entry::new(t.edit_seat, seat),
            Entry::new(t.edit_groups, e.groups.join("、")),
            Entry::new(
                if e.archived {
                    t.edit_restore
                } else {
                    t.edit_archive
                },
                "",
            ),
            Entry::new(t.edit_done, ""),
        ];
        let mut intro = TextBlock::new();
        if e.archived {
            intro.push(
                format!("({})", t.roster_archived),
                Role::Dim,
                Priority::Keep,
            );
        }
        let header = name(cx, &e.learner);
        MenuPage::new(&header, &entries, self.cursor)
            .intro(intro)
            .render(cx, buf, area, hits);
    }
}
