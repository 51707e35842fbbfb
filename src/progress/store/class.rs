//! What an instructor sees of the class: one row per learner (lessons done per pack, stars,
//! time, last active, and whether they are stuck right now), one learner's lessons and hardest
//! steps, and the class's trouble spots — the steps where learners most often needed the hint
//! or the pointer, with the wrong answers they gave. The per-lesson figures come from
//! `lesson_stats`, kept with every event, so a class of ten thousand opens at once; trouble
//! spots read the events of the chosen days through the index on time.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter};

use super::learners::{LEARNER_COLUMNS, row_to_learner};
use super::roster::{GROUP_NAMES, group_names};
use super::{Store, StoreError};
use crate::progress::event::Learner;
use crate::progress::name_order::sort_by_learner;
use crate::progress::review::REVIEW_LESSON;

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
    /// The learner's own wrong answers to the step (as recorded), most often given first.
    pub wrong_answers: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerDetail {
    pub learner: Learner,
    pub lessons: Vec<LessonFigures>,
    /// The steps that took most tries, most first.
    pub hardest: Vec<StepTries>,
    /// Times the learner opened help (求助次数), over the whole record.
    pub help: u64,
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

/// A learner not seen for a while, or never: who is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub learner: Learner,
    /// Names of their groups, in name order.
    pub groups: Vec<String>,
    /// Their latest answer or lesson (stored time), or `None` if they never started a lesson.
    pub last_seen: Option<String>,
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
    /// One row per learner (not archived) in `group` (or everyone), in class-list order
    /// (`name_order`).
    /// A handful of whole-table reads, joined here: no query per learner.
    pub fn class(&self, group: Option<&str>, now: &str) -> Result<Vec<ClassRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LEARNER_COLUMNS} FROM learners
              WHERE archived_at IS NULL
                AND (?1 IS NULL OR id IN (SELECT learner_id FROM learner_groups WHERE group_id = ?1))"
        ))?;
        let mut rows: Vec<ClassRow> = stmt
            .query_map([group], |r| {
                Ok(ClassRow {
                    learner: row_to_learner(r)?,
                    groups: Vec::new(),
                    done: HashMap::new(),
                    lessons_done: 0,
                    stars: 0,
                    time_ms: 0,
                    last_active: None,
                    stuck: None,
                })
            })?
            .collect::<Result<_, _>>()?;
        sort_by_learner(&mut rows, |r| &r.learner);
        let index: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| (row.learner.id.clone(), i))
            .collect();
        let mut names = self.conn.prepare(
            "SELECT lg.learner_id, g.name FROM learner_groups lg JOIN groups g ON g.id = lg.group_id
              ORDER BY g.name COLLATE PINYIN",
        )?;
        let mut q = names.query([])?;
        while let Some(r) = q.next()? {
            if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
                rows[i].groups.push(r.get(1)?);
            }
        }
        // Reviews (`_review`) count for time and last active, not as lessons done or stars.
        let mut figures = self.conn.prepare(
            "SELECT learner_id, pack_id,
                    SUM(completions > 0 AND lesson_id <> ?1),
                    SUM(CASE WHEN lesson_id = ?1 THEN 0 ELSE MIN(completions, 3) END),
                    SUM(time_ms), MAX(last_at)
               FROM lesson_stats GROUP BY learner_id, pack_id",
        )?;
        let mut q = figures.query([REVIEW_LESSON])?;
        while let Some(r) = q.next()? {
            let Some(&i) = index.get(&r.get::<_, String>(0)?) else {
                continue;
            };
            let row = &mut rows[i];
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
        let mut stuck = self.conn.prepare(
            "SELECT l.id, e.pack_id, e.lesson_id, e.step_id, e.attempt
               FROM events e JOIN learners l ON e.seq = l.last_seq
              WHERE e.at >= ?1 AND e.verb = 'answered' AND e.outcome = 'wrong'",
        )?;
        let mut q = stuck.query([since])?;
        while let Some(r) = q.next()? {
            if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
                rows[i].stuck = Some(Stuck {
                    pack_id: r.get(1)?,
                    lesson_id: r.get(2)?,
                    step_id: r.get(3)?,
                    wrong: r.get(4)?,
                });
            }
        }
        Ok(rows)
    }

    /// Learners (not archived) in `group` (or everyone) not seen since `since` (a stored
    /// time), in class-list order, including those on the roster who never started a lesson.
    /// When each was last seen comes from `lesson_stats`, kept with every event.
    pub fn missing(&self, group: Option<&str>, since: &str) -> Result<Vec<Missing>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT * FROM (
                SELECT {LEARNER_COLUMNS},
                       (SELECT MAX(last_at) FROM lesson_stats s WHERE s.learner_id = learners.id)
                           AS seen,
                       {GROUP_NAMES}
                  FROM learners
                 WHERE archived_at IS NULL
                   AND (?1 IS NULL OR id IN
                        (SELECT learner_id FROM learner_groups WHERE group_id = ?1)))
              WHERE seen IS NULL OR seen < ?2"
        ))?;
        let rows = stmt.query_map(params![group, since], |r| {
            let groups: Option<String> = r.get(5)?;
            Ok(Missing {
                learner: row_to_learner(r)?,
                last_seen: r.get(4)?,
                groups: group_names(groups),
            })
        })?;
        let mut rows: Vec<Missing> = rows.collect::<Result<_, _>>()?;
        sort_by_learner(&mut rows, |r| &r.learner);
        Ok(rows)
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
                    wrong_answers: Vec::new(),
                })
            })?
            .collect::<Result<Vec<StepTries>, _>>()?;
        let mut answers = self.conn.prepare(
            "SELECT COALESCE(response, ''), COUNT(*) AS n FROM events
              WHERE learner_id = ?1 AND verb = 'answered' AND outcome = 'wrong'
                AND pack_id = ?2 AND lesson_id = ?3 AND step_id = ?4
              GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3",
        )?;
        let hardest = hardest
            .into_iter()
            .map(|mut s| {
                s.wrong_answers = answers
                    .query_map(params![id, s.pack_id, s.lesson_id, s.step_id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect::<Result<_, _>>()?;
                Ok(s)
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(LearnerDetail {
            help: self.help_count(&learner.id)?,
            learner,
            lessons,
            hardest,
        })
    }

    /// The steps where learners most often needed help, for a group and a span of days: one
    /// pass over the answers of those days (found through the index on time), counted here.
    pub fn trouble_spots(&self, filter: &Filter) -> Result<Vec<TroubleSpot>, StoreError> {
        if *filter == Filter::default() {
            return self.trouble_spots_all_time();
        }
        self.trouble_spots_from_events(filter)
    }

    /// Everyone over all time, from the figures kept with every answer (`step_totals`, one row
    /// per step, and `step_wrong_answers`): no answer is read, however many there are.
    fn trouble_spots_all_time(&self) -> Result<Vec<TroubleSpot>, StoreError> {
        let mut spots: Vec<TroubleSpot> = self
            .conn
            .prepare(
                "SELECT pack_id, lesson_id, step_id, learners, hint, pointer
                   FROM step_totals WHERE hint > 0",
            )?
            .query_map([], |r| {
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
        worst_first(&mut spots);
        let mut answers = self.conn.prepare(
            "SELECT response, times FROM step_wrong_answers
              WHERE pack_id = ?1 AND lesson_id = ?2 AND step_id = ?3
              ORDER BY times DESC, response LIMIT 3",
        )?;
        for spot in &mut spots {
            spot.wrong_answers = answers
                .query_map(params![spot.pack_id, spot.lesson_id, spot.step_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(spots)
    }

    /// A group or a span of days: one pass over those answers, counted here.
    fn trouble_spots_from_events(&self, filter: &Filter) -> Result<Vec<TroubleSpot>, StoreError> {
        type StepKey = (String, String, String);
        #[derive(Default)]
        struct Counts {
            learners: HashMap<String, u32>,
            wrong_answers: HashMap<String, u32>,
        }
        let (cond, params) = filter.events_condition();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.learner_id, e.registration, e.pack_id, e.lesson_id, e.step_id,
                    e.outcome = 'wrong', e.response
               FROM events e WHERE e.verb = 'answered' AND {cond}"
        ))?;
        let mut steps: HashMap<StepKey, Counts> = HashMap::new();
        // Wrong answers per learner, run and step: one is the hint, two the pointer.
        let mut runs: HashMap<(String, String, StepKey), u32> = HashMap::new();
        let mut q = stmt.query(params_from_iter(params.iter()))?;
        while let Some(r) = q.next()? {
            let key: StepKey = (r.get(2)?, r.get(3)?, r.get(4)?);
            let learner: String = r.get(0)?;
            let wrong: bool = r.get(5)?;
            let counts = steps.entry(key.clone()).or_default();
            counts.learners.entry(learner.clone()).or_insert(0);
            if wrong {
                let response: Option<String> = r.get(6)?;
                *counts
                    .wrong_answers
                    .entry(response.unwrap_or_default())
                    .or_default() += 1;
                let n = runs.entry((learner.clone(), r.get(1)?, key)).or_default();
                *n += 1;
            }
        }
        for ((learner, _, key), wrong) in runs {
            if let Some(best) = steps
                .get_mut(&key)
                .and_then(|c| c.learners.get_mut(&learner))
            {
                *best = (*best).max(wrong);
            }
        }
        let mut spots: Vec<TroubleSpot> = steps
            .into_iter()
            .filter_map(|((pack_id, lesson_id, step_id), counts)| {
                let hint = counts.learners.values().filter(|&&w| w >= 1).count() as u32;
                if hint == 0 {
                    return None;
                }
                let mut wrong_answers: Vec<(String, u32)> =
                    counts.wrong_answers.into_iter().collect();
                wrong_answers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                wrong_answers.truncate(3);
                Some(TroubleSpot {
                    pack_id,
                    lesson_id,
                    step_id,
                    learners: counts.learners.len() as u32,
                    hint,
                    pointer: counts.learners.values().filter(|&&w| w >= 2).count() as u32,
                    wrong_answers,
                })
            })
            .collect();
        worst_first(&mut spots);
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

/// The 30 worst spots, worst share first, then most learners, then in course order for a
/// stable list.
fn worst_first(spots: &mut Vec<TroubleSpot>) {
    spots.sort_by(|a, b| {
        let share = |s: &TroubleSpot| u64::from(s.hint) * 1_000_000 / u64::from(s.learners);
        share(b)
            .cmp(&share(a))
            .then_with(|| b.hint.cmp(&a.hint))
            .then_with(|| {
                (&a.pack_id, &a.lesson_id, &a.step_id).cmp(&(&b.pack_id, &b.lesson_id, &b.step_id))
            })
    });
    spots.truncate(30);
}
