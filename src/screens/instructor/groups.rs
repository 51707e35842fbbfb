//! A learner's groups: every group with ✓ where the learner is in it; choosing one puts them in
//! or takes them out, and the last entry makes a new group (with them in it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::entry::{Entry as EntryScreen, Purpose};
use super::{follow, name};
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Reply, RosterCommand, menu_choice};
use crate::progress::store::roster::{Group, RosterEntry};
use crate::screens::common::MenuPage;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone)]
pub struct Groups {
    /// The learner whose groups these are.
    entry: RosterEntry,
    groups: Vec<Group>,
    pub cursor: usize,
    /// The roster as it is after a change made here, for the screens underneath.
    changed: Option<Answer>,
}

impl Groups {
    pub fn new(entry: RosterEntry, groups: Vec<Group>) -> Groups {
        Groups {
            entry,
            groups,
            cursor: 0,
            changed: None,
        }
    }
}

impl Layer for Groups {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match &action {
            Action::Answer(answer) | Action::Reply(Reply::Roster(answer)) => {
                follow(answer, &mut self.entry, &mut self.groups, &mut self.changed);
                return Outcome::none();
            }
            Action::Reply(_) => return Outcome::none(),
            Action::Back => {
                return match self.changed.take() {
                    Some(answer) => Outcome::back_with(Reply::Roster(answer)),
                    None => Outcome::back(),
                };
            }
            _ => {}
        }
        let n = self.groups.len();
        match menu_choice(&mut self.cursor, n + 1, &action) {
            Some(i) if i < n => {
                let group = &self.groups[i];
                let member = self.entry.groups.contains(&group.name);
                Outcome::effect(Effect::Roster(RosterCommand::Member {
                    learner_id: self.entry.learner.id.clone(),
                    group_id: group.id.clone(),
                    member: !member,
                }))
            }
            Some(_) => Outcome::push(EntryScreen::new(
                Purpose::NewGroup,
                self.entry.learner.id.clone(),
            )),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let t = cx.words.teacher;
        let mut entries: Vec<Entry> = self
            .groups
            .iter()
            .map(|g| {
                let member = self.entry.groups.contains(&g.name);
                Entry::new(g.name.clone(), if member { t.in_group } else { "" })
            })
            .collect();
        entries.push(Entry::new(format!("+ {}", t.roster_new_group), ""));
        let mut intro = TextBlock::new();
        intro.push(t.groups_help, Role::Base, Priority::Useful);
        let header = format!("{} › {}", name(cx, &self.entry.learner), t.edit_groups);
        MenuPage::new(&header, &entries, self.cursor)
            .intro(intro)
            .render(cx, buf, area, hits);
    }
}
