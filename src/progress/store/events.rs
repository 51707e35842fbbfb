//! The event record: every answer is one append-only row, committed before the app moves on.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now_rfc3339};
use crate::content::StepKind;
use crate::lang::Lang;
use crate::progress::event::*;

/// What an answer adds to the time spent on its step (see `Timed`): all of it when it is timed
/// from the answer before; for an older record timed from when the step was shown, only what
/// goes past the longest answer to that step in that run so far (the time is counted once).
fn step_time(tx: &rusqlite::Transaction, event: &Event, s: &StepAnswer) -> rusqlite::Result<i64> {
    let ms = s.duration_ms as i64;
    if s.timed == Timed::SinceLast {
        return Ok(ms);
    }
    let before: Option<i64> = tx
        .prepare_cached(
            "SELECT MAX(duration_ms) FROM events
              WHERE registration = ?1 AND step_id = ?2 AND timed IS NULL AND id <> ?3",
        )?
        .query_row(params![event.registration, s.step_id, event.id], |r| {
            r.get(0)
        })?;
    Ok((ms - before.unwrap_or(0)).max(0))
}

/// Writes one event and keeps what is derived from it alongside: the learner's latest event (for
/// the list of names) and the lesson's figures (for the instructor's dashboard). Every event,
/// recorded here or imported from another machine, comes in through this one function.
pub(super) fn insert_event(tx: &rusqlite::Transaction, event: &Event) -> rusqlite::Result<()> {
    let s = event.step.as_ref();
    tx.execute(
        "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id, step_id,
                             step_kind, outcome, attempt, response, duration_ms, stars, lang, at,
                             device_id, shown, timed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            event.id,
            event.verb.as_str(),
            event.learner_id,
            event.registration,
            event.pack_id,
            event.lesson_id,
            s.map(|s| &s.step_id),
            s.map(|s| s.step_kind.as_str()),
            s.and_then(|s| s.outcome).map(Outcome::as_str),
            s.map(|s| s.attempt),
            s.map(|s| &s.response),
            s.map(|s| s.duration_ms as i64),
            event.stars,
            event.lang.as_str(),
            event.at,
            event.device_id,
            s.and_then(|s| s.shown.as_deref()),
            s.map(|s| s.timed)
                .filter(|t| *t == Timed::SinceLast)
                .map(Timed::as_str),
        ],
    )?;
    tx.execute(
        "UPDATE learners SET last_seq = ?1 WHERE id = ?2",
        params![tx.last_insert_rowid(), event.learner_id],
    )?;
    let wrong = s.and_then(|s| s.outcome) == Some(Outcome::Wrong);
    let time = match s {
        None => 0,
        Some(s) => step_time(tx, event, s)?,
    };
    tx.execute(
        "INSERT INTO lesson_stats (learner_id, pack_id, lesson_id, runs, completions, answers,
                                   wrong, time_ms, first_at, last_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (learner_id, pack_id, lesson_id) DO UPDATE SET
             runs = runs + excluded.runs,
             completions = completions + excluded.completions,
             answers = answers + excluded.answers,
             wrong = wrong + excluded.wrong,
             time_ms = time_ms + excluded.time_ms,
             first_at = MIN(first_at, excluded.first_at),
             last_at = MAX(last_at, excluded.last_at)",
        params![
            event.learner_id,
            event.pack_id,
            event.lesson_id,
            i64::from(event.verb == Verb::Attempted),
            i64::from(event.verb == Verb::Completed),
            i64::from(event.verb == Verb::Answered),
            i64::from(wrong),
            time,
            event.at,
        ],
    )?;
    if event.verb == Verb::Answered
        && let Some(s) = s
    {
        keep_step_figures(tx, event, s, wrong)?;
    }
    Ok(())
}

/// The trouble spots' figures over all time (`step_stats`, `step_totals`,
/// `step_wrong_answers`), moved on by one answer: a learner counts once per step, for the hint
/// at their first wrong answer to it, for the pointer at their second in one run.
fn keep_step_figures(
    tx: &rusqlite::Transaction,
    event: &Event,
    s: &StepAnswer,
    wrong: bool,
) -> rusqlite::Result<()> {
    let before: Option<(i64, i64)> = tx
        .prepare_cached(
            "SELECT wrong, pointer FROM step_stats
              WHERE learner_id = ?1 AND pack_id = ?2 AND lesson_id = ?3 AND step_id = ?4",
        )?
        .query_row(
            params![event.learner_id, event.pack_id, event.lesson_id, s.step_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (wrong_before, pointer_before) = before.unwrap_or((0, 0));
    // Two wrong answers to this step in this run: the pointer was shown.
    let pointer = pointer_before > 0
        || (wrong
            && tx
                .prepare_cached(
                    "SELECT COUNT(*) FROM events
                      WHERE registration = ?1 AND step_id = ?2 AND outcome = 'wrong'
                        AND pack_id = ?3 AND lesson_id = ?4",
                )?
                .query_row(
                    params![
                        event.registration,
                        s.step_id,
                        event.pack_id,
                        event.lesson_id
                    ],
                    |r| r.get::<_, i64>(0),
                )?
                >= 2);
    tx.prepare_cached(
        "INSERT INTO step_stats (learner_id, pack_id, lesson_id, step_id, answers, wrong, pointer)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)
         ON CONFLICT (learner_id, pack_id, lesson_id, step_id) DO UPDATE SET
             answers = answers + 1, wrong = wrong + excluded.wrong, pointer = excluded.pointer",
    )?
    .execute(params![
        event.learner_id,
        event.pack_id,
        event.lesson_id,
        s.step_id,
        i64::from(wrong),
        i64::from(pointer)
    ])?;
    tx.prepare_cached(
        "INSERT INTO step_totals (pack_id, lesson_id, step_id, learners, hint, pointer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (pack_id, lesson_id, step_id) DO UPDATE SET
             learners = learners + excluded.learners, hint = hint + excluded.hint,
             pointer = pointer + excluded.pointer",
    )?
    .execute(params![
        event.pack_id,
        event.lesson_id,
        s.step_id,
        i64::from(before.is_none()),
        i64::from(wrong && wrong_before == 0),
        i64::from(pointer && pointer_before == 0)
    ])?;
    if wrong {
        tx.prepare_cached(
            "INSERT INTO step_wrong_answers (pack_id, lesson_id, step_id, response, times)
             VALUES (?1, ?2, ?3, ?4, 1)
             ON CONFLICT (pack_id, lesson_id, step_id, response) DO UPDATE SET times = times + 1",
        )?
        .execute(params![
            event.pack_id,
            event.lesson_id,
            s.step_id,
            s.response
        ])?;
    }
    Ok(())
}

impl Store {
    /// Commits one event and returns it as stored. When this returns, the event is on disk.
    pub fn record(&mut self, draft: &EventDraft) -> Result<Event, StoreError> {
        self.record_at(draft, &now_rfc3339())
    }

    /// As `record`, stamped with the time `at` (RFC 3339 UTC): for building a class's history
    /// in tests and benchmarks.
    pub fn record_at(&mut self, draft: &EventDraft, at: &str) -> Result<Event, StoreError> {
        let id = self.new_id();
        let event = Event {
            registration: draft.registration.clone().unwrap_or_else(|| id.clone()),
            id,
            verb: draft.verb,
            learner_id: draft.learner_id.clone(),
            pack_id: draft.pack_id.clone(),
            lesson_id: draft.lesson_id.clone(),
            step: draft.step.clone(),
            stars: draft.stars,
            lang: draft.lang,
            at: at.to_string(),
            device_id: self.device_id.clone(),
        };
        let tx = self.write()?;
        insert_event(&tx, &event)?;
        tx.commit()?;
        Ok(event)
    }

    /// Many events in one transaction, each stamped with its own time: for building a large
    /// history quickly (benchmarks); every one still goes through `insert_event`.
    pub fn record_batch(&mut self, events: &[(EventDraft, String)]) -> Result<(), StoreError> {
        let device_id = self.device_id.clone();
        let ids: Vec<String> = events.iter().map(|_| self.new_id()).collect();
        let tx = self.write()?;
        for ((draft, at), id) in events.iter().zip(ids) {
            let event = Event {
                registration: draft.registration.clone().unwrap_or_else(|| id.clone()),
                id,
                verb: draft.verb,
                learner_id: draft.learner_id.clone(),
                pack_id: draft.pack_id.clone(),
                lesson_id: draft.lesson_id.clone(),
                step: draft.step.clone(),
                stars: draft.stars,
                lang: draft.lang,
                at: at.clone(),
                device_id: device_id.clone(),
            };
            insert_event(&tx, &event)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A learner's events in the order they were committed here (imported ones come in the
    /// order they arrived; `Progress::from_events` folds them by time).
    pub fn events_for(&self, learner_id: &str) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE learner_id = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([learner_id], row_to_event)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn event_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }
}

/// Reads a stored word back as its enum, refusing (not defaulting) a word this zhulao does not
/// know: a record that cannot be read exactly is reported, never reinterpreted.
pub(super) fn word<T>(
    r: &rusqlite::Row,
    column: usize,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> rusqlite::Result<T> {
    let value: String = r.get(column)?;
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("the progress file holds an unknown {what} '{value}'").into(),
        )
    })
}

/// The columns `row_to_event` reads, in its order.
pub(super) const EVENT_COLUMNS: &str = "id, verb, learner_id, registration, pack_id, lesson_id,
    step_id, step_kind, outcome, attempt, response, duration_ms, stars, lang, at, device_id, shown,
    timed";

pub(super) fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<Event> {
    let step_id: Option<String> = r.get(6)?;
    let step = match step_id {
        Some(step_id) => Some(StepAnswer {
            step_id,
            step_kind: word(r, 7, StepKind::parse, "step kind")?,
            outcome: match r.get::<_, Option<String>>(8)? {
                None => None,
                Some(_) => Some(word(r, 8, Outcome::parse, "answer outcome")?),
            },
            attempt: r.get::<_, Option<u32>>(9)?.unwrap_or(1),
            response: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            duration_ms: r.get::<_, Option<i64>>(11)?.unwrap_or(0).max(0) as u64,
            // Rows from before answers were timed from the one before say nothing here.
            timed: match r.get::<_, Option<String>>(17)? {
                None => Timed::SinceShown,
                Some(_) => word(r, 17, Timed::parse, "how an answer is timed")?,
            },
            shown: r.get(16)?,
        }),
        None => None,
    };
    Ok(Event {
        id: r.get(0)?,
        verb: word(r, 1, Verb::parse, "verb")?,
        learner_id: r.get(2)?,
        registration: r.get(3)?,
        pack_id: r.get(4)?,
        lesson_id: r.get(5)?,
        step,
        stars: r.get(12)?,
        lang: word(r, 13, Lang::parse, "language")?,
        at: r.get(14)?,
        device_id: r.get(15)?,
    })
}
