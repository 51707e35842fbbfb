//! The roster: every learner with their seat and groups; Enter (or a tap) edits one. A shows the
//! archived learners too, so one can be restored. Adding many learners at once is done from a
//! spreadsheet: `zhulao roster import FILE` (see the README).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::edit::Edit;
use super::name;
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Query, Reply, menu_choice};
use crate::progress::store::roster::{Group, RosterEntry};
use crate::ui::widgets::page::{self, Key};
use crate::ui::widgets::table::{self, Column};
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
    pub groups: Vec<Group>,
    pub with_archived: bool,
    pub cursor: usize,
}

impl Roster {
    pub fn open(with_archived: bool) -> Outcome {
        Outcome::push(Roster {
            with_archived,
            ..Roster::default()
        })
        .with(Effect::Query(Query::Roster { with_archived }))
    }

    fn query(&self) -> Effect {
        Effect::Query(Query::Roster {
            with_archived: self.with_archived,
        })
    }

    fn show(&mut self, entries: Vec<RosterEntry>, groups: Vec<Group>) {
        self.entries = entries
            .into_iter()
            .filter(|e| self.with_archived || !e.archived)
            .collect();
        self.groups = groups;
        self.cursor = self.cursor.min(self.entries.len().saturating_sub(1));
    }
}

impl Layer for Roster {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Answer(Answer::Roster {
                entries, groups, ..
            })
            | Action::Reply(Reply::Roster(Answer::Roster {
                entries, groups, ..
            })) => {
                self.show(entries, groups);
                Outcome::none()
            }
            Action::Reply(_) => Outcome::none(),
            Action::Back => Outcome::back(),
            Action::Letter('a') => {
                self.with_archived = !self.with_archived;
                Outcome::effect(self.query())
            }
            other => {
                let len = self.entries.len();
                match menu_choice(&mut self.cursor, len, &other) {
                    Some(i) => {
                        Outcome::push(Edit::new(self.entries[i].clone(), self.groups.clone()))
                    }
                    None => Outcome::none(),
                }
            }
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let t = w.teacher;
        let keys = page::with_paging(
            cx,
            vec![
                Key::new(w.key_enter, t.word_edit, Some(Action::Confirm)),
                Key::new(w.key_esc, w.word_back, Some(Action::Back)),
                Key::new(t.key_archived, t.word_archived, Some(Action::Letter('a'))),
                Key::new(w.key_arrows, w.word_move, None),
            ],
        );
        let right = if self.with_archived {
            t.roster_hide_archived
        } else {
            ""
        };
        let body = page::render(cx, buf, area, t.roster_title, right, &keys, hits);
        let columns = [
            Column::new(t.col_seat, 4, true),
            Column::new(t.col_name, 12, false),
            Column::new(t.group, body.width.saturating_sub(22), false),
        ];
        let rows: Vec<Vec<String>> = self
            .entries
            .iter()
            .map(|e| {
                let mut groups = e.groups.join("、");
                if e.archived {
                    groups = format!("({}) {groups}", t.roster_archived);
                }
                vec![
                    e.learner.seat.map(|s| s.to_string()).unwrap_or_default(),
                    name(cx, &e.learner),
                    groups,
                ]
            })
            .collect();
        table::render(
            buf,
            body,
            &columns,
            &rows,
            self.cursor,
            cx.kiosk,
            &cx.theme,
            hits,
        );
    }
}
