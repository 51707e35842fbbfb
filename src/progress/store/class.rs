//! What an instructor sees of the class: one row per learner (lessons done per pack, stars,
//! time, last active, and whether they are stuck right now), one learner's lessons and hardest
//! steps, and the class's trouble spots — the steps where learners most often needed the hint
//! or the pointer, with the wrong answers they gave. The per-lesson figures come from
//! `lesson_stats`, kept with every event, so a class of ten thousand opens at once; trouble
//! spots read the events of the chosen days through the index on time.

use std::collections::HashMap;

use rusqlite::params_from_iter;

use super::learners::{LEARNER_COLUMNS, row_to_learner};
use super::{Store, StoreError};
use crate::progress::event::Learner;

/// The learner is stuck if their last answer was wrong and came within this many minutes.
pub const STUCK_MINUTES: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow {
    pub learner: Learner,
    pub groups: Vec<String>,
    /// Lessons completed, per pack id.
    pub done: HashMap<String, u32>,
    pub lessons_done: u32,
    pub stars: u32,
    pub time_ms: u64,
    pub last_active: Option<String>,
    /// The step the learner is stuck on now, if they are.
    pub stuck: Option<Stuck>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stuck {
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
    /// Wrong answers on it in this run.
    pub wrong: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonFigures {
    pub pack_id: String,
    pub lesson_id: String,
    pub runs: u32,
    pub completions: u32,
    pub answers: u32,
    pub wrong: u32,
    pub time_ms: u64,
    pub first_at: String,
    pub last_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTries {
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
    pub answers: u32,
    pub wrong: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerDetail {
    pub learner: Learner,
    pub lessons: Vec<LessonFigures>,
    /// The steps that took most tries, most first.
    pub hardest: Vec<StepTries>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TroubleSpot {
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
    /// Learners who answered the step in the chosen days.
    pub learners: u32,
    /// Of them, those who needed the hint (a wrong answer) …
    pub hint: u32,
    /// … and those who needed the pointer (two wrong answers in one run).
    pub pointer: u32,
    /// The wrong answers given, most common first, with how often.
    pub wrong_answers: Vec<(String, u32)>,
}

/// Which learners and which days a view is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A group's id; `None` for everyone.
    pub group: Option<String>,
    /// Times as stored (RFC 3339 UTC); `since` inclusive, `until` exclusive.
    pub since: Option<String>,
    pub until: Option<String>,
}

impl Filter {
    /// The SQL condition on `events` (aliased `e`) and its parameters.
    fn events_condition(&self) -> (String, Vec<String>) {
        let mut sql = String::from("1");
        let mut params = Vec::new();
        if let Some(since) = &self.since {
            sql.push_str(" AND e.at >= ?");
            params.push(since.clone());
        }
        if let Some(until) = &self.until {
            sql.push_str(" AND e.at < ?");
            params.push(until.clone());
        }
        if let Some(group) = &self.group {
            sql.push_str(
                " AND e.learner_id IN (SELECT learner_id FROM learner_groups WHERE group_id = ?)",
            );
            params.push(group.clone());
        }
        (sql, params)
    }
}

impl Store {
    /// One row per learner (not archived) in `group` (or everyone), by seat, number and name.
    pub fn class(&self, group: Option<&str>, now: &str) -> Result<Vec<ClassRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LEARNER_COLUMNS},
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT g.name FROM learner_groups lg JOIN groups g ON g.id = lg.group_id
                          WHERE lg.learner_id = learners.id ORDER BY g.name)),
                    last_seq
               FROM learners
              WHERE archived_at IS NULL
                AND (?1 IS NULL OR id IN (SELECT learner_id FROM learner_groups WHERE group_id = ?1))
              ORDER BY seat IS NULL, seat, number IS NULL, number, name_key"
        ))?;
        let mut rows: Vec<(ClassRow, i64)> = stmt
            .query_map([group], |r| {
                let groups: Option<String> = r.get(4)?;
                Ok((
                    ClassRow {
                        learner: row_to_learner(r)?,
                        groups: groups
                            .map(|g| g.split('\u{1f}').map(str::to_string).collect())
                            .unwrap_or_default(),
                        done: HashMap::new(),
                        lessons_done: 0,
                        stars: 0,
                        time_ms: 0,
                        last_active: None,
                        stuck: None,
                    },
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let index: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, (row, _))| (row.learner.id.clone(), i))
            .collect();
        let mut figures = self.conn.prepare(
            "SELECT learner_id, pack_id, SUM(completions > 0), SUM(MIN(completions, 3)),
                    SUM(time_ms), MAX(last_at)
               FROM lesson_stats GROUP BY learner_id, pack_id",
        )?;
        let mut q = figures.query([])?;
        while let Some(r) = q.next()? {
            let id: String = r.get(0)?;
            let Some(&i) = index.get(&id) else { continue };
            let row = &mut rows[i].0;
            let done: u32 = r.get(2)?;
            row.done.insert(r.get(1)?, done);
            row.lessons_done += done;
            row.stars += r.get::<_, u32>(3)?;
            row.time_ms += r.get::<_, i64>(4)?.max(0) as u64;
            let last: String = r.get(5)?;
            if row.last_active.as_ref().is_none_or(|l| *l < last) {
                row.last_active = Some(last);
            }
        }
        // Stuck: the learner's latest event is a wrong answer from the last few minutes.
        let since = super::parse_time(now)
            .map(|t| super::format_time(t - time::Duration::minutes(STUCK_MINUTES)))
            .unwrap_or_default();
        let mut last = self.conn.prepare(
            "SELECT pack_id, lesson_id, step_id, attempt FROM events
              WHERE seq = ?1 AND verb = 'answered' AND outcome = 'wrong' AND at >= ?2",
        )?;
        for (row, seq) in &mut rows {
            if *seq == 0 {
                continue;
            }
            row.stuck = last
                .query_map(rusqlite::params![*seq, since], |r| {
                    Ok(Stuck {
                        pack_id: r.get(0)?,
                        lesson_id: r.get(1)?,
                        step_id: r.get(2)?,
                        wrong: r.get(3)?,
                    })
                })?
                .next()
                .transpose()?;
        }
        Ok(rows.into_iter().map(|(row, _)| row).collect())
    }

    /// One learner's lessons and the steps that took them most tries.
    pub fn learner_detail(&self, id: &str) -> Result<LearnerDetail, StoreError> {
        let learner = self.conn.query_row(
            &format!("SELECT {LEARNER_COLUMNS} FROM learners WHERE id = ?1"),
            [id],
            row_to_learner,
        )?;
        let lessons = self
            .conn
            .prepare(
                "SELECT pack_id, lesson_id, runs, completions, answers, wrong, time_ms,
                        first_at, last_at
                   FROM lesson_stats WHERE learner_id = ?1 ORDER BY first_at",
            )?
            .query_map([id], |r| {
                Ok(LessonFigures {
                    pack_id: r.get(0)?,
                    lesson_id: r.get(1)?,
                    runs: r.get(2)?,
                    completions: r.get(3)?,
                    answers: r.get(4)?,
                    wrong: r.get(5)?,
                    time_ms: r.get::<_, i64>(6)?.max(0) as u64,
                    first_at: r.get(7)?,
                    last_at: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let hardest = self
            .conn
            .prepare(
                "SELECT pack_id, lesson_id, step_id, COUNT(*), SUM(outcome = 'wrong') AS w
                   FROM events WHERE learner_id = ?1 AND verb = 'answered'
                  GROUP BY pack_id, lesson_id, step_id
                 HAVING w > 0 ORDER BY w DESC, COUNT(*) DESC LIMIT 5",
            )?
            .query_map([id], |r| {
                Ok(StepTries {
                    pack_id: r.get(0)?,
                    lesson_id: r.get(1)?,
                    step_id: r.get(2)?,
                    answers: r.get(3)?,
                    wrong: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(LearnerDetail {
            learner,
            lessons,
            hardest,
        })
    }

    /// The steps where learners most often needed help, for a group and a span of days.
    pub fn trouble_spots(&self, filter: &Filter) -> Result<Vec<TroubleSpot>, StoreError> {
        let (cond, params) = filter.events_condition();
        let mut spots: Vec<TroubleSpot> = self
            .conn
            .prepare(&format!(
                "WITH runs AS (
                    SELECT e.learner_id, e.pack_id, e.lesson_id, e.step_id,
                           SUM(e.outcome = 'wrong') AS w
                      FROM events e
                     WHERE e.verb = 'answered' AND {cond}
                     GROUP BY e.learner_id, e.registration, e.pack_id, e.lesson_id, e.step_id)
                 SELECT pack_id, lesson_id, step_id, COUNT(DISTINCT learner_id),
                        COUNT(DISTINCT CASE WHEN w >= 1 THEN learner_id END) AS hint,
                        COUNT(DISTINCT CASE WHEN w >= 2 THEN learner_id END)
                   FROM runs GROUP BY pack_id, lesson_id, step_id
                 HAVING hint > 0
                  ORDER BY hint * 1.0 / COUNT(DISTINCT learner_id) DESC, hint DESC
                  LIMIT 30"
            ))?
            .query_map(params_from_iter(params.iter()), |r| {
                Ok(TroubleSpot {
                    pack_id: r.get(0)?,
                    lesson_id: r.get(1)?,
                    step_id: r.get(2)?,
                    learners: r.get(3)?,
                    hint: r.get(4)?,
                    pointer: r.get(5)?,
                    wrong_answers: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut wrong = self.conn.prepare(&format!(
            "SELECT e.response, COUNT(*) FROM events e
              WHERE e.verb = 'answered' AND e.outcome = 'wrong' AND {cond}
                AND e.pack_id = ? AND e.lesson_id = ? AND e.step_id = ?
              GROUP BY e.response ORDER BY COUNT(*) DESC LIMIT 3"
        ))?;
        for spot in &mut spots {
            let mut all = params.clone();
            all.extend([
                spot.pack_id.clone(),
                spot.lesson_id.clone(),
                spot.step_id.clone(),
            ]);
            spot.wrong_answers = wrong
                .query_map(params_from_iter(all.iter()), |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        r.get(1)?,
                    ))
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(spots)
    }

    /// A number that changes whenever another connection (another zhulao window) commits:
    /// the instructor's screens reload when it does.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
