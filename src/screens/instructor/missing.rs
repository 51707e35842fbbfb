//! Who is missing: the learners of a group (or everyone) not seen for 7, 14 or 30 days —
//! including those on the roster who never started a lesson, whom no other view shows — with
//! their group, seat and the day they were last seen (the machine's own date), so a volunteer
//! can ring them before the next class. Reached from the class dashboard (M); D changes the
//! days, G the group, Enter opens a learner's detail.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::detail::Detail;
use super::name;
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Query, menu_choice};
use crate::progress::store::class::Missing;
use crate::progress::store::roster::Group;
use crate::ui::draw::put;
use crate::ui::theme::Role;
use crate::ui::widgets::page::{self, Key};
use crate::ui::widgets::table::{self, Column};
use crate::ui::words::fill;
use crate::ui::words::roster::term;
use crate::ui::{Hits, ViewCx};

/// The spans a teacher chooses among, in days.
pub const SPANS: [u32; 3] = [7, 14, 30];

#[derive(Debug, Clone)]
pub struct MissingScreen {
    pub rows: Vec<Missing>,
    pub groups: Vec<Group>,
    /// The group shown (its id), or everyone.
    pub group: Option<String>,
    pub days: u32,
    pub cursor: usize,
    pub loaded: bool,
}

impl MissingScreen {
    pub fn open(group: Option<String>) -> Outcome {
        let screen = MissingScreen {
            rows: Vec::new(),
            groups: Vec::new(),
            group,
            days: SPANS[0],
            cursor: 0,
            loaded: false,
        };
        let query = screen.query();
        Outcome::push(screen).with(Effect::Query(query))
    }

    fn query(&self) -> Query {
        Query::Missing {
            group: self.group.clone(),
            days: self.days,
        }
    }
}

/// "2026-11-20（9 天前）" in the machine's time zone ("11-20（9 天前）" when `short`), or
/// "还没来过".
pub fn last_seen(cx: &ViewCx, at: Option<&str>, short: bool) -> String {
    let t = term(cx.lang);
    let Some(at) = at else {
        return t.never_came.to_string();
    };
    let Some(seen) = crate::progress::store::parse_time(at) else {
        return at.to_string();
    };
    let offset = time::UtcOffset::from_whole_seconds(cx.env.utc_offset_seconds)
        .unwrap_or(time::UtcOffset::UTC);
    let local = |t| crate::progress::store::to_local(t, offset).date();
    let (seen, today) = (local(seen), local(cx.now));
    fill(
        t.seen_days_ago,
        &[
            (
                "date",
                &if short {
                    format!("{:02}-{:02}", u8::from(seen.month()), seen.day())
                } else {
                    seen.to_string()
                },
            ),
            ("n", &(today - seen).whole_days().max(0).to_string()),
        ],
    )
}

impl Layer for MissingScreen {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Answer(Answer::Missing { rows, groups }) => {
                self.rows = rows;
                self.groups = groups;
                self.loaded = true;
                self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
                Outcome::none()
            }
            Action::Back => Outcome::back(),
            // Back from a learner's detail: read again.
            Action::Reply(_) => Outcome::effect(Effect::Refresh(self.query())),
            Action::Letter('d') => {
                let i = SPANS.iter().position(|d| *d == self.days).unwrap_or(0);
                self.days = SPANS[(i + 1) % SPANS.len()];
                self.cursor = 0;
                Outcome::effect(Effect::Query(self.query()))
            }
            Action::Letter('g') => {
                self.group = super::next_group(&self.groups, self.group.as_ref());
                self.cursor = 0;
                Outcome::effect(Effect::Query(self.query()))
            }
            other => match menu_choice(&mut self.cursor, self.rows.len(), &other) {
                Some(i) => Detail::open(self.rows[i].learner.id.clone()),
                None => Outcome::none(),
            },
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let t = w.teacher;
        let m = term(cx.lang);
        let keys = page::with_paging(
            cx,
            vec![
                Key::new(w.key_enter, t.word_detail, Some(Action::Confirm)),
                Key::new(w.key_esc, w.word_back, Some(Action::Back)),
                Key::new(m.key_days, m.word_days, Some(Action::Letter('d'))),
                Key::new(t.key_group, t.word_group, Some(Action::Letter('g'))),
            ],
        );
        let days = self.days.to_string();
        let right = format!(
            "{} · {}",
            super::group_name(cx, &self.groups, self.group.as_ref()),
            fill(m.missing_days, &[("n", &days)])
        );
        let body = page::render(cx, buf, area, m.missing_title, &right, &keys, hits);
        if self.loaded && self.rows.is_empty() {
            let none = fill(m.missing_none, &[("n", &days)]);
            put(buf, body, body.x, body.y, &none, cx.style(Role::Base));
            return;
        }
        let roomy = body.width >= 60;
        let mut columns = Vec::new();
        if roomy {
            columns.push(Column::new(t.col_seat, 4, true));
        }
        columns.push(Column::new(t.col_name, 12, false));
        if roomy {
            columns.push(Column::new(m.col_group, 14, false));
        }
        let used: u16 = columns.iter().map(|c| c.width + 1).sum::<u16>() + 1;
        columns.push(Column::new(
            m.col_last_seen,
            body.width.saturating_sub(used + 1),
            false,
        ));
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = Vec::new();
                if roomy {
                    cells.push(r.learner.seat.map(|s| s.to_string()).unwrap_or_default());
                }
                cells.push(name(cx, &r.learner));
                if roomy {
                    cells.push(r.groups.join("、"));
                }
                let seen = last_seen(cx, r.last_seen.as_deref(), !roomy);
                // Never came: marked with a sign as well as words, colour being no cue.
                cells.push(if r.last_seen.is_none() {
                    format!("✗ {seen}")
                } else {
                    seen
                });
                cells
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
