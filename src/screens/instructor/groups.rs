//! A learner's groups: every group with ✓ where the learner is in it; choosing one puts them in
//! or takes them out, and the last entry makes a new group (with them in it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::edit::{self, Edit};
use super::entry::{Entry as EntryScreen, Purpose};
use super::name;
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, RosterCommand, menu_choice};
use crate::screens::common::MenuPage;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone)]
pub struct Groups {
    edit: Edit,
    pub cursor: usize,
}

impl Groups {
    pub fn new(edit: Edit) -> Groups {
        Groups { edit, cursor: 0 }
    }
}

impl Layer for Groups {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if let Action::Answer(Answer::Roster {
            entries, groups, ..
        }) = &action
        {
            self.edit = self.edit.clone().refreshed(entries, groups.clone());
            return Outcome::none();
        }
        if action == Action::Back {
            let mut edit = self.edit.clone();
            edit.cursor = edit::GROUPS;
            return Outcome::go(edit);
        }
        let n = self.edit.groups.len();
        match menu_choice(&mut self.cursor, n + 1, &action) {
            Some(i) if i < n => {
                let group = &self.edit.groups[i];
                let member = self.edit.entry.groups.contains(&group.name);
                Outcome::effect(Effect::Roster(RosterCommand::Member {
                    learner_id: self.edit.entry.learner.id.clone(),
                    group_id: group.id.clone(),
                    member: !member,
                }))
            }
            Some(_) => Outcome::go(EntryScreen::new(Purpose::NewGroup, self.edit.clone())),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let t = cx.words.teacher;
        let mut entries: Vec<Entry> = self
            .edit
            .groups
            .iter()
            .map(|g| {
                let member = self.edit.entry.groups.contains(&g.name);
                Entry::new(g.name.clone(), if member { t.in_group } else { "" })
            })
            .collect();
        entries.push(Entry::new(format!("+ {}", t.roster_new_group), ""));
        let mut intro = TextBlock::new();
        intro.push(t.groups_help, Role::Base, Priority::Useful);
        let header = format!("{} › {}", name(cx, &self.edit.entry.learner), t.edit_groups);
        MenuPage::new(&header, &entries, self.cursor)
            .intro(intro)
            .render(cx, buf, area, hits);
    }
}
