//! Read-only queries for the bureau's reports (`crate::report`): every learner with their seat,
//! groups and whether they are archived, each learner's figures per lesson, their attendance
//! (days with any activity, latest activity) and the help they asked for, and the centre's
//! settings.
//!
//! Without a period the figures are those kept in `lesson_stats` (updated with every event, so
//! nothing is added up here). With a period they are added up from the events whose time falls
//! in it, through the `events_by_time` index: times are stored as UTC text to the millisecond,
//! so comparing text compares time. The index is named in the queries: grouping by learner
//! tempts SQLite's planner (once `ANALYZE` has run) to scan every event by `events_by_learner`
//! instead, twenty times slower on a year's record. Everything is read in one transaction, so a report made
//! while a class is answering describes one moment.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{DB_FILE, Found, SCHEMA_VERSION, Store, StoreError, inspect};
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
    /// The report's time zone, in seconds east of UTC: what makes a "day" for attendance.
    pub offset_seconds: i32,
}

/// A learner's attendance: the days with any activity (an event or help asked for), in the
/// report's time zone, within the period; and their latest activity up to the period's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub learner_id: String,
    /// Distinct local days ("2026-11-02") with any activity in the period, sorted.
    pub days: Vec<String>,
    /// RFC 3339 UTC as stored; `None`: no activity at all before the period's end.
    pub last_seen: Option<String>,
}

/// Times a learner opened help in one lesson, in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpFigures {
    pub learner_id: String,
    pub pack_id: String,
    pub lesson_id: String,
    pub help: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportData {
    pub learners: Vec<RosterEntry>,
    /// Sorted by name.
    pub groups: Vec<GroupEntry>,
    /// (learner id, group id)
    pub memberships: Vec<(String, String)>,
    pub figures: Vec<LessonFigures>,
    /// Every learner with any activity up to the period's end.
    pub attendance: Vec<Attendance>,
    pub help: Vec<HelpFigures>,
    /// The centre's name and class period.
    pub centre: crate::settings::CentreSettings,
}

/// Above every stored time ("2026-…", digits first), so `at < NEVER` holds for all of them.
const NEVER: &str = "~";

impl Store {
    /// Opens the progress file in `dir` for a report. As `open`, but a file that is zhulao's and
    /// of the current schema is not given the quick check for damaged pages, which on a big
    /// file takes its whole budget (400 ms): a report only reads, and a damaged page it reads
    /// is an error all the same. Anything else (no file, an older schema, a file that is not
    /// stamped as zhulao's) goes through `open`, which migrates or refuses it.
    pub fn open_for_report(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() > 0)
            || inspect(&path)? != Found::Ours
        {
            return Store::open(dir);
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        crate::progress::name_order::register_collation(&conn)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            drop(conn);
            return Store::open(dir);
        }
        let device_id =
            conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
                r.get(0)
            })?;
        Ok(Store {
            conn,
            path,
            device_id,
            ids: None,
            gave_way: std::cell::Cell::new(None),
        })
    }

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
        let from = query.from.as_deref().unwrap_or("");
        let before = query.before.as_deref().unwrap_or(NEVER);
        let attendance = attendance(&tx, from, before, query.offset_seconds)?;
        let help = help_figures(&tx, from, before)?;
        let centre = self.centre_settings()?;
        tx.commit()?;
        Ok(ReportData {
            learners,
            groups,
            memberships,
            figures,
            attendance,
            help,
            centre,
        })
    }
}

fn read_groups(conn: &rusqlite::Connection) -> Result<Vec<GroupEntry>, StoreError> {
    Ok(conn
        .prepare("SELECT id, name FROM groups ORDER BY name COLLATE PINYIN, id")?
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
/// The events are added up here rather than by SQL's GROUP BY, which sorts them first: reading
/// them in time order from the index and adding each to its row is about twice as fast.
fn period_figures(
    tx: &rusqlite::Transaction,
    from: &str,
    before: &str,
    group_id: Option<&str>,
) -> Result<Vec<LessonFigures>, StoreError> {
    let members = "AND (?3 IS NULL OR learner_id IN
                       (SELECT learner_id FROM learner_groups WHERE group_id = ?3))";
    let mut stmt = tx.prepare(&format!(
        "SELECT learner_id, pack_id, lesson_id, verb, outcome IS 'wrong', duration_ms, at,
                timed IS NULL AND step_id IS NOT NULL, registration, step_id
           FROM events INDEXED BY events_by_time
          WHERE at >= ?1 AND at < ?2 {members}
          ORDER BY at"
    ))?;
    let mut found = stmt.query(params![from, before, group_id])?;
    let mut figures: Vec<LessonFigures> = Vec::new();
    // learner, pack and lesson ids joined by NUL (which no id holds) → index in `figures`.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut key = String::new();
    // Older answers timed from when their step was shown (see `Timed`): a run's step → the
    // longest such answer so far, of which a later one adds only what goes past it.
    let mut longest: HashMap<String, u64> = HashMap::new();
    while let Some(r) = found.next()? {
        let text = |i: usize| -> rusqlite::Result<&str> {
            r.get_ref(i)?.as_str().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
            })
        };
        let (learner, pack, lesson, at) = (text(0)?, text(1)?, text(2)?, text(6)?);
        key.clear();
        for part in [learner, "\0", pack, "\0", lesson] {
            key.push_str(part);
        }
        let i = match index.get(key.as_str()) {
            Some(&i) => i,
            None => {
                figures.push(LessonFigures {
                    learner_id: learner.into(),
                    pack_id: pack.into(),
                    lesson_id: lesson.into(),
                    runs: 0,
                    completions: 0,
                    answers: 0,
                    wrong: 0,
                    time_ms: 0,
                    first_at: at.into(),
                    last_at: String::new(),
                    completions_to_date: 0,
                });
                index.insert(key.clone(), figures.len() - 1);
                figures.len() - 1
            }
        };
        let f = &mut figures[i];
        match text(3)? {
            "attempted" => f.runs += 1,
            "completed" => f.completions += 1,
            "answered" => f.answers += 1,
            _ => {}
        }
        f.wrong += u64::from(r.get::<_, bool>(4)?);
        let ms = r.get::<_, Option<i64>>(5)?.unwrap_or(0).max(0) as u64;
        f.time_ms += if r.get::<_, bool>(7)? {
            key.clear();
            for part in [text(8)?, "\0", text(9)?] {
                key.push_str(part);
            }
            let before = longest.entry(key.clone()).or_insert(0);
            let past = ms.saturating_sub(*before);
            *before = (*before).max(ms);
            past
        } else {
            ms
        };
        // In time order: the latest so far is this one.
        f.last_at.clear();
        f.last_at.push_str(at);
    }
    if figures.is_empty() {
        return Ok(figures);
    }
    // Runs finished by the end of the period: all those kept, less any after it (few, after a
    // recent period: only those events are read, not the whole record).
    let mut later: HashMap<(String, String, String), u64> = HashMap::new();
    if before != NEVER {
        let mut stmt = tx.prepare(&format!(
            "SELECT learner_id, pack_id, lesson_id, COUNT(*)
               FROM events INDEXED BY events_by_time
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
    }
    let mut kept = tx.prepare(
        "SELECT completions FROM lesson_stats
          WHERE learner_id = ?1 AND pack_id = ?2 AND lesson_id = ?3",
    )?;
    for f in &mut figures {
        let all = kept
            .query_row(params![f.learner_id, f.pack_id, f.lesson_id], |r| {
                count(r, 0)
            })
            .optional()?
            .unwrap_or(0);
        let key = (f.learner_id.clone(), f.pack_id.clone(), f.lesson_id.clone());
        f.completions_to_date = all.saturating_sub(later.get(&key).copied().unwrap_or(0));
    }
    Ok(figures)
}

/// Each learner's days with activity (events, help asked for) in [from, before) in the
/// report's time zone, and their latest activity before `before`.
///
/// The days: the store hands over each learner's distinct hours (minutes, in a zone not a whole
/// number of hours from UTC) with activity, read from the covering index `(learner_id, at)`
/// for the whole record or from `events_by_time` for a period; a few per lesson rather than every
/// answer. Those become local days here. The latest activity: from `lesson_stats` up to now, or
/// one index lookup per learner up to a day in the past.
fn attendance(
    tx: &rusqlite::Transaction,
    from: &str,
    before: &str,
    offset_seconds: i32,
) -> Result<Vec<Attendance>, StoreError> {
    let offset =
        time::UtcOffset::from_whole_seconds(offset_seconds).unwrap_or(time::UtcOffset::UTC);
    // "2026-11-02T15" or "2026-11-02T15:30".
    let bucket = if offset_seconds % 3600 == 0 { 13 } else { 16 };
    let index = if from.is_empty() && before == NEVER {
        "events_by_learner_time"
    } else {
        "events_by_time"
    };
    let mut days: HashMap<String, std::collections::BTreeSet<time::Date>> = HashMap::new();
    for sql in [
        format!(
            "SELECT DISTINCT learner_id, substr(at, 1, {bucket}) FROM events INDEXED BY {index}
              WHERE at >= ?1 AND at < ?2"
        ),
        format!(
            "SELECT DISTINCT learner_id, substr(at, 1, {bucket}) FROM help_requests
              WHERE at >= ?1 AND at < ?2"
        ),
    ] {
        let mut stmt = tx.prepare(&sql)?;
        let mut found = stmt.query(params![from, before])?;
        while let Some(r) = found.next()? {
            let learner: String = r.get(0)?;
            let at: String = r.get(1)?;
            if let Some(day) = local_day(&at, offset) {
                days.entry(learner).or_default().insert(day);
            }
        }
    }
    let mut last: HashMap<String, String> = HashMap::new();
    // Up to now, the latest of each learner's lessons kept in `lesson_stats` is their latest
    // event; up to a day in the past, one index lookup per learner finds it.
    let events_last = if before == NEVER {
        "SELECT learner_id, MAX(last_at) FROM lesson_stats WHERE ?1 = ?1 GROUP BY learner_id"
    } else {
        "SELECT id, (SELECT MAX(at) FROM events INDEXED BY events_by_learner_time
                      WHERE learner_id = learners.id AND at < ?1) FROM learners"
    };
    for sql in [
        events_last,
        "SELECT learner_id, MAX(at) FROM help_requests WHERE at < ?1 GROUP BY learner_id",
    ] {
        let mut stmt = tx.prepare(sql)?;
        let mut found = stmt.query(params![before])?;
        while let Some(r) = found.next()? {
            let (learner, at): (String, Option<String>) = (r.get(0)?, r.get(1)?);
            if let Some(at) = at {
                let kept = last.entry(learner).or_default();
                if at > *kept {
                    *kept = at;
                }
            }
        }
    }
    let mut list: Vec<Attendance> = last
        .into_iter()
        .map(|(learner_id, at)| Attendance {
            days: days
                .remove(&learner_id)
                .unwrap_or_default()
                .into_iter()
                .map(|d| d.to_string())
                .collect(),
            learner_id,
            last_seen: Some(at),
        })
        .collect();
    list.sort_by(|a, b| a.learner_id.cmp(&b.learner_id));
    Ok(list)
}

/// The local day of a stored time cut to its hour or minute ("2026-11-02T15", "…T15:30").
fn local_day(cut: &str, offset: time::UtcOffset) -> Option<time::Date> {
    let number = |range: std::ops::Range<usize>| cut.get(range)?.parse::<u8>().ok();
    let year: i32 = cut.get(0..4)?.parse().ok()?;
    let month = time::Month::try_from(number(5..7)?).ok()?;
    let date = time::Date::from_calendar_date(year, month, number(8..10)?).ok()?;
    let minute = if cut.len() >= 16 { number(14..16)? } else { 0 };
    let at = date.with_hms(number(11..13)?, minute, 0).ok()?.assume_utc();
    Some(crate::progress::store::local_date(at, offset))
}

/// Help asked for in [from, before), per learner and lesson.
fn help_figures(
    tx: &rusqlite::Transaction,
    from: &str,
    before: &str,
) -> Result<Vec<HelpFigures>, StoreError> {
    Ok(tx
        .prepare(
            "SELECT learner_id, pack_id, lesson_id, COUNT(*) FROM help_requests
              WHERE at >= ?1 AND at < ?2 GROUP BY learner_id, pack_id, lesson_id",
        )?
        .query_map(params![from, before], |r| {
            Ok(HelpFigures {
                learner_id: r.get(0)?,
                pack_id: r.get(1)?,
                lesson_id: r.get(2)?,
                help: count(r, 3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}
