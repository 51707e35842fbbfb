//! The class dashboard: one row per learner — seat, name, lessons done (per pack where the
//! window is wide), stars, time, last active, and whether they are stuck right now — sortable
//! (← →) and filtered by group (G). It keeps itself up to date: every two seconds it asks
//! whether another zhulao window has recorded anything (`PRAGMA data_version`, one cheap read)
//! and reloads only then.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::detail::Detail;
use super::{duration, lesson_name, name, step_number, when};
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Query, menu_choice};
use crate::progress::store::class::ClassRow;
use crate::progress::store::roster::Group;
use crate::ui::draw::put;
use crate::ui::theme::Role;
use crate::ui::widgets::page::{self, Key};
use crate::ui::widgets::table::{self, Column};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

/// How often the dashboard looks for other windows' answers.
pub const REFRESH: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Class-list order (`name_order`), as the store gives the rows.
    #[default]
    Name,
    Seat,
    Done,
    Stars,
    Time,
    Last,
    Stuck,
}

impl Sort {
    const ALL: [Sort; 7] = [
        Sort::Name,
        Sort::Seat,
        Sort::Done,
        Sort::Stars,
        Sort::Time,
        Sort::Last,
        Sort::Stuck,
    ];

    fn step(self, by: isize) -> Sort {
        let i = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        Sort::ALL[(i + by).rem_euclid(Sort::ALL.len() as isize) as usize]
    }
}

#[derive(Debug, Clone, Default)]
pub struct Class {
    pub rows: Vec<ClassRow>,
    pub groups: Vec<Group>,
    /// The group shown (its id), or everyone.
    pub group: Option<String>,
    pub sort: Sort,
    pub cursor: usize,
    pub loaded: bool,
}

impl Class {
    pub fn open(group: Option<String>) -> Outcome {
        let query = Query::Class {
            group: group.clone(),
        };
        Outcome::push(Class {
            group,
            ..Class::default()
        })
        .with(Effect::Query(query))
    }

    fn query(&self) -> Query {
        Query::Class {
            group: self.group.clone(),
        }
    }

    /// The rows in the chosen order: numbers and times largest first, names (in pinyin order)
    /// and seats from the start, the stuck at the top; ties in name order.
    pub fn sorted(&self) -> Vec<&ClassRow> {
        let mut rows: Vec<&ClassRow> = self.rows.iter().collect();
        match self.sort {
            // The store gives the rows in class-list order already (each name's pinyin worked
            // out once there, not at every comparison of every frame).
            Sort::Name => {}
            // Learners without a seat last, in name order (the sort keeps it).
            Sort::Seat => rows.sort_by_key(|r| (r.learner.seat.is_none(), r.learner.seat)),
            Sort::Done => rows.sort_by_key(|r| std::cmp::Reverse(r.lessons_done)),
            Sort::Stars => rows.sort_by_key(|r| std::cmp::Reverse(r.stars)),
            Sort::Time => rows.sort_by_key(|r| std::cmp::Reverse(r.time_ms)),
            Sort::Last => rows.sort_by(|a, b| b.last_active.cmp(&a.last_active)),
            Sort::Stuck => rows.sort_by_key(|r| r.stuck.is_none()),
        }
        rows
    }
}

impl Class {
    /// The courses shown as columns on a wide screen, with their widths: those someone in view
    /// has begun (a column for a course nobody takes is noise), each as wide as its title where
    /// the screen has room, or an equal share of it — never cut to a couple of characters
    /// while there is room.
    fn course_columns<'a>(
        &self,
        cx: &'a ViewCx,
        width: u16,
    ) -> Vec<(&'a crate::content::Pack, u16)> {
        let begun: Vec<&crate::content::Pack> = cx
            .lib
            .packs
            .iter()
            .filter(|p| self.rows.iter().any(|r| r.done.contains_key(&p.id)))
            .collect();
        if begun.is_empty() {
            return Vec::new();
        }
        // Seat, name, done, stars, time, last active and their gaps, and room for "now".
        let fixed: u16 = 5 + 13 + 5 + 5 + 11 + 12 + 1 + 16;
        let room = width.saturating_sub(fixed);
        let title = |p: &crate::content::Pack| {
            crate::ui::text::width(p.title.get(cx.lang)).clamp(5, 24) as u16
        };
        let whole: u16 = begun.iter().map(|p| title(p) + 1).sum();
        if whole <= room {
            return begun.into_iter().map(|p| (p, title(p))).collect();
        }
        let share = (room / begun.len() as u16).saturating_sub(1).max(6);
        begun
            .into_iter()
            .map(|p| (p, title(p).min(share)))
            .collect()
    }
}

fn sort_title(cx: &ViewCx, sort: Sort) -> &'static str {
    let t = cx.words.teacher;
    match sort {
        Sort::Seat => t.col_seat,
        Sort::Name => t.col_name,
        Sort::Done => t.col_done,
        Sort::Stars => t.col_stars,
        Sort::Time => t.col_time,
        Sort::Last => t.col_last,
        Sort::Stuck => t.col_now,
    }
}

impl Layer for Class {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Answer(Answer::Class { rows, groups }) => {
                self.rows = rows;
                self.groups = groups;
                self.loaded = true;
                self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
                Outcome::none()
            }
            Action::Tick => Outcome::effect(Effect::Refresh(self.query())),
            Action::Back => Outcome::back(),
            // Back from a learner's detail: read again, in case anything changed meanwhile.
            Action::Reply(_) => Outcome::effect(Effect::Refresh(self.query())),
            Action::Left => {
                self.sort = self.sort.step(-1);
                Outcome::none()
            }
            Action::Right | Action::Letter('s') => {
                self.sort = self.sort.step(1);
                Outcome::none()
            }
            Action::Letter('g') => {
                self.group = super::next_group(&self.groups, self.group.as_ref());
                self.cursor = 0;
                Outcome::effect(Effect::Query(self.query()))
            }
            // Who is missing, in the group shown.
            Action::Letter('m') => super::missing::MissingScreen::open(self.group.clone()),
            other => {
                let _ = cx;
                let len = self.rows.len();
                match menu_choice(&mut self.cursor, len, &other) {
                    Some(i) => {
                        let id = self.sorted()[i].learner.id.clone();
                        Detail::open(id)
                    }
                    None => Outcome::none(),
                }
            }
        }
    }

    fn tick_every(&self) -> Option<Duration> {
        Some(REFRESH)
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let t = w.teacher;
        let keys = page::with_paging(
            cx,
            vec![
                Key::new(w.key_enter, t.word_detail, Some(Action::Confirm)),
                Key::new(w.key_esc, w.word_back, Some(Action::Back)),
                Key::new(t.key_group, t.word_group, Some(Action::Letter('g'))),
                Key::new(t.key_sort, t.word_sort, Some(Action::Right)),
            ],
        );
        // Who is missing (M) is on the teacher's menu too: a touch kiosk's footer has no room
        // for a seventh button of a finger's size.
        let mut keys = keys;
        if !cx.kiosk {
            let m = crate::ui::words::roster::term(cx.lang);
            keys.push(Key::new(
                m.key_missing,
                m.word_missing,
                Some(Action::Letter('m')),
            ));
        }
        let right = format!(
            "{} · {}",
            super::group_name(cx, &self.groups, self.group.as_ref()),
            fill(t.sort_by, &[("col", sort_title(cx, self.sort))])
        );
        let body = page::render(cx, buf, area, t.class_title, &right, &keys, hits);
        if self.loaded && self.rows.is_empty() {
            put(
                buf,
                body,
                body.x,
                body.y,
                t.no_learners,
                cx.style(Role::Base),
            );
            return;
        }
        let now = cx.now;
        let wide = body.width >= 100;
        let mut columns = Vec::new();
        if body.width >= 60 {
            columns.push(Column::new(t.col_seat, 4, true));
        }
        columns.push(Column::new(t.col_name, 12, false));
        let packs = if wide {
            self.course_columns(cx, body.width)
        } else {
            vec![]
        };
        for (p, width) in &packs {
            columns.push(Column::new(p.title.get(cx.lang), *width, true));
        }
        columns.push(Column::new(t.col_done, 4, true));
        if body.width >= 60 {
            // As wide as the header ("Stars") and the widest time ("under 1 min").
            let under = crate::ui::text::width(cx.words.attendance.under_a_minute) as u16;
            columns.push(Column::new(t.col_stars, 5, true));
            columns.push(Column::new(t.col_time, under.max(10), true));
            columns.push(Column::new(t.col_last, 11, false));
        }
        let used: u16 = columns.iter().map(|c| c.width + 1).sum::<u16>() + 1;
        columns.push(Column::new(
            t.col_now,
            body.width.saturating_sub(used + 1),
            false,
        ));
        let rows: Vec<Vec<String>> = self
            .sorted()
            .iter()
            .map(|r| {
                let mut cells = Vec::new();
                if body.width >= 60 {
                    cells.push(r.learner.seat.map(|s| s.to_string()).unwrap_or_default());
                }
                cells.push(name(cx, &r.learner));
                for (p, _) in &packs {
                    let done = r.done.get(&p.id).copied().unwrap_or(0);
                    cells.push(format!("{done}/{}", p.lessons.len()));
                }
                cells.push(r.lessons_done.to_string());
                if body.width >= 60 {
                    cells.push(r.stars.to_string());
                    cells.push(duration(cx, r.time_ms));
                    cells.push(
                        r.last_active
                            .as_deref()
                            .map_or_else(|| t.never.to_string(), |at| when(cx, at, now)),
                    );
                }
                cells.push(r.stuck.as_ref().map_or_else(String::new, |s| {
                    format!(
                        "✗ {}",
                        fill(
                            t.stuck_at,
                            &[
                                (
                                    "lesson",
                                    &lesson_name(cx.lib, cx.lang, &s.pack_id, &s.lesson_id)
                                ),
                                (
                                    "step",
                                    &step_number(cx.lib, &s.pack_id, &s.lesson_id, &s.step_id)
                                ),
                            ],
                        )
                    )
                }));
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
