//! Read-only queries for the bureau's reports (`crate::report`): every learner with their seat,
//! groups and whether they are archived, and each learner's figures per lesson.
//!
//! Without a period the figures are those kept in `lesson_stats` (updated with every event, so
//! nothing is added up here). With a period they are added up from the events whose time falls
//! in it, through the `events_by_time` index: times are stored as UTC text to the millisecond,
//! so comparing text compares time. Everything is read in one transaction, so a report made
//! while a class is answering describes one moment.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::inert::normalise_name;

/// A learner as a report lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub id: String,
    pub name: Option<String>,
    pub number: Option<u32>,
    pub seat: Option<i64>,
    /// Archived learners are kept: their records still count.
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupEntry {
    pub id: String,
    pub name: String,
}

/// One learner's figures for one lesson, over the whole record or over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonFigures {
    pub learner_id: String,
    pub pack_id: String,
    pub lesson_id: String,
    /// Runs started (`attempted` events).
    pub runs: u64,
    /// Runs finished (`completed` events).
    pub completions: u64,
    /// Answers given to exercise steps, right or wrong.
    pub answers: u64,
    /// Wrong answers: each one showed the hint, or from the second on, pointed at the answer.
    pub wrong: u64,
    pub time_ms: u64,
    /// RFC 3339 UTC, as stored.
    pub first_at: String,
    pub last_at: String,
    /// Runs finished before the end of the period (ever, without one): what the learner's ✓
    /// and stars showed at that moment.
    pub completions_to_date: u64,
}

/// What a report reads. Times are RFC 3339 UTC text as stored (`format_time`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportQuery {
    /// Events at or after this time.
    pub from: Option<String>,
    /// Events before this time.
    pub before: Option<String>,
    /// Only this group's members.
    pub group_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportData {
    pub learners: Vec<RosterEntry>,
    /// Sorted by name.
    pub groups: Vec<GroupEntry>,
    /// (learner id, group id)
    pub memberships: Vec<(String, String)>,
    pub figures: Vec<LessonFigures>,
}

/// Above every stored time ("2026-…", digits first), so `at < NEVER` holds for all of them.
const NEVER: &str = "~";

impl Store {
    /// Every group, sorted by name.
    pub fn report_groups(&self) -> Result<Vec<GroupEntry>, StoreError> {
        read_groups(&self.conn)
    }

    /// The group with this name, compared as learner names are (spaces, full-width letters and
    /// case do not matter).
    pub fn report_group_by_name(&self, name: &str) -> Result<Option<GroupEntry>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name FROM groups WHERE name_key = ?1 OR name = ?2
                  ORDER BY name_key = ?1 DESC LIMIT 1",
                params![normalise_name(name), name],
                |r| {
                    Ok(GroupEntry {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Everything a report needs, read in one transaction.
    pub fn report_data(&self, query: &ReportQuery) -> Result<ReportData, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let learners = tx
            .prepare(
                "SELECT id, name, number, seat, archived_at IS NOT NULL FROM learners
                  WHERE ?1 IS NULL
                     OR id IN (SELECT learner_id FROM learner_groups WHERE group_id = ?1)",
            )?
            .query_map([&query.group_id], |r| {
                Ok(RosterEntry {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    number: r.get(2)?,
                    seat: r.get(3)?,
                    archived: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let groups = read_groups(&tx)?;
        let memberships = tx
            .prepare("SELECT learner_id, group_id FROM learner_groups")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let figures = match (&query.from, &query.before) {
            (None, None) => kept_figures(&tx, query.group_id.as_deref())?,
            (from, before) => period_figures(
                &tx,
                from.as_deref().unwrap_or(""),
                before.as_deref().unwrap_or(NEVER),
                query.group_id.as_deref(),
            )?,
        };
        tx.commit()?;
        Ok(ReportData {
            learners,
            groups,
            memberships,
            figures,
        })
    }
}

fn read_groups(conn: &rusqlite::Connection) -> Result<Vec<GroupEntry>, StoreError> {
    Ok(conn
        .prepare("SELECT id, name FROM groups ORDER BY name, id")?
        .query_map([], |r| {
            Ok(GroupEntry {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

fn count(r: &rusqlite::Row, column: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, Option<i64>>(column)?.unwrap_or(0).max(0) as u64)
}

fn row_to_figures(r: &rusqlite::Row) -> rusqlite::Result<LessonFigures> {
    Ok(LessonFigures {
        learner_id: r.get(0)?,
        pack_id: r.get(1)?,
        lesson_id: r.get(2)?,
        runs: count(r, 3)?,
        completions: count(r, 4)?,
        answers: count(r, 5)?,
        wrong: count(r, 6)?,
        time_ms: count(r, 7)?,
        first_at: r.get(8)?,
        last_at: r.get(9)?,
        completions_to_date: count(r, 10)?,
    })
}

/// The figures kept with every event.
fn kept_figures(
    tx: &rusqlite::Transaction,
    group_id: Option<&str>,
) -> Result<Vec<LessonFigures>, StoreError> {
    let sql = "SELECT learner_id, pack_id, lesson_id, runs, completions, answers, wrong, time_ms,
                      first_at, last_at, completions
                 FROM lesson_stats";
    let rows = match group_id {
        None => tx
            .prepare(sql)?
            .query_map([], row_to_figures)?
            .collect::<Result<Vec<_>, _>>()?,
        Some(group) => tx
            .prepare(&format!(
                "{sql} WHERE learner_id IN
                     (SELECT learner_id FROM learner_groups WHERE group_id = ?1)"
            ))?
            .query_map([group], row_to_figures)?
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(rows)
}

/// The same figures added up from the events in [from, before), as `insert_event` adds them to
/// `lesson_stats`; and the runs finished before `before`: all those kept less those after it.
fn period_figures(
    tx: &rusqlite::Transaction,
    from: &str,
    before: &str,
    group_id: Option<&str>,
) -> Result<Vec<LessonFigures>, StoreError> {
    let members = "AND (?3 IS NULL OR learner_id IN
                       (SELECT learner_id FROM learner_groups WHERE group_id = ?3))";
    let mut rows = tx
        .prepare(&format!(
            "SELECT p.*, s.completions
               FROM (SELECT learner_id, pack_id, lesson_id,
                            SUM(verb = 'attempted'), SUM(verb = 'completed'),
                            SUM(verb = 'answered'), SUM(outcome IS 'wrong'),
                            COALESCE(SUM(duration_ms), 0), MIN(at), MAX(at)
                       FROM events
                      WHERE at >= ?1 AND at < ?2 {members}
                      GROUP BY learner_id, pack_id, lesson_id) AS p
               LEFT JOIN lesson_stats AS s
                 ON s.learner_id = p.learner_id AND s.pack_id = p.pack_id
                AND s.lesson_id = p.lesson_id"
        ))?
        .query_map(params![from, before, group_id], row_to_figures)?
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() || before == NEVER {
        return Ok(rows);
    }
    // Few events come after a recent period: only those are read, not the whole record.
    let mut later: HashMap<(String, String, String), u64> = HashMap::new();
    let mut stmt = tx.prepare(&format!(
        "SELECT learner_id, pack_id, lesson_id, COUNT(*)
           FROM events
          WHERE at >= ?2 AND verb = 'completed' {members}
          GROUP BY learner_id, pack_id, lesson_id"
    ))?;
    let found = stmt.query_map(params![from, before, group_id], |r| {
        Ok(((r.get(0)?, r.get(1)?, r.get(2)?), count(r, 3)?))
    })?;
    for item in found {
        let (key, n) = item?;
        later.insert(key, n);
    }
    for row in &mut rows {
        let key = (
            row.learner_id.clone(),
            row.pack_id.clone(),
            row.lesson_id.clone(),
        );
        if let Some(after) = later.get(&key) {
            row.completions_to_date = row.completions_to_date.saturating_sub(*after);
        }
    }
    Ok(rows)
}
