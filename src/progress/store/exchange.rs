//! What records that travel need from the database: every event in the order it was committed
//! (from a time on, if asked), the learners as a person knows them (name, number, seat), merging
//! events that another machine recorded, and what was already sent to which LRS.
//!
//! Groups travel as each learner's roster card (`RosterCard`): the groups they are in, and when
//! those last changed here (`learners.groups_at`, kept by the database's own triggers). A card
//! from elsewhere replaces this machine's groups for the learner only when it is newer, so the
//! latest change wins on every machine — a learner taken out of 周二 on one machine is taken
//! out on the others — and applying the same card again changes nothing.
//!
//! Help requests (`help::HelpRequest`) travel beside the events and merge the same way: by
//! their own id, idempotently, adding a learner this machine does not know.
//!
//! Merged events come in through `insert_event`, like every answer recorded here, so the
//! derived tables (`learners.last_seq`, `lesson_stats`) stay right. A merge runs in one
//! BEGIN IMMEDIATE transaction per batch: it is recorded whole or not at all.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::events::{EVENT_COLUMNS, insert_event, row_to_event};
use super::help::{HELP_COLUMNS, HelpRequest, row_to_help};
use super::{Store, StoreError, now_rfc3339, parse_time};
use crate::inert::normalise_name;
use crate::progress::event::Event;

/// A learner as a person in the class knows them. Travels with exported files (never to an LRS)
/// so that the machine importing them shows the same names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnerCard {
    pub name: Option<String>,
    pub number: Option<u32>,
    pub seat: Option<u32>,
}

/// One event arriving from another machine, with what its file says about the learner.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub event: Event,
    pub learner: Option<LearnerCard>,
}

/// One help request arriving from another machine, with what its file says about the learner.
#[derive(Debug, Clone)]
pub struct IncomingHelp {
    pub help: HelpRequest,
    pub learner: Option<LearnerCard>,
}

/// What became of one incoming event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    Added,
    /// The same event was already here (or earlier in the same batch).
    AlreadyThere,
    /// An event (or help request) with this id is here with different content; it was kept
    /// as it is. `stored`: the event here (none for a help request).
    Conflict {
        stored: Option<Box<Event>>,
        differs: Vec<&'static str>,
    },
}

/// A learner this machine did not know, added by a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedLearner {
    pub id: String,
    /// As added here (may carry a suffix, see `merge`).
    pub card: LearnerCard,
    /// What the file said, when it could not be used as it was.
    pub asked: Option<LearnerCard>,
}

#[derive(Debug, Default)]
pub struct MergeReport {
    /// One per incoming event, in the same order.
    pub outcomes: Vec<Merged>,
    pub learners_added: Vec<AddedLearner>,
}

/// A learner on the roster and their groups, as they travel between machines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterCard {
    pub learner_id: String,
    pub card: LearnerCard,
    /// Group names, sorted.
    pub groups: Vec<String>,
    /// When the groups last changed (or the learner was added): canonical UTC.
    pub at: String,
    /// The machine it comes from (device id).
    pub device_id: String,
}

/// What applying roster cards did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RosterApplied {
    /// Learners this machine did not know (on the roster elsewhere, perhaps never started).
    pub learners_added: Vec<AddedLearner>,
    /// Learners whose groups were replaced by a newer card.
    pub groups_changed: u64,
}

impl Store {
    /// Every learner's roster card (archived learners too: their groups still count in reports).
    pub fn roster_cards(&self) -> Result<Vec<RosterCard>, StoreError> {
        let device = self.device_id().to_string();
        let mut stmt = self.conn.prepare(
            "SELECT l.id, l.name, l.number, l.seat, COALESCE(l.groups_at, l.created_at),
                    (SELECT group_concat(name, char(10)) FROM (
                        SELECT g.name FROM learner_groups lg JOIN groups g ON g.id = lg.group_id
                         WHERE lg.learner_id = l.id ORDER BY g.name))
               FROM learners l ORDER BY l.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            let groups: Option<String> = r.get(5)?;
            let at: String = r.get(4)?;
            Ok(RosterCard {
                learner_id: r.get(0)?,
                card: LearnerCard {
                    name: r.get(1)?,
                    number: r.get(2)?,
                    seat: r.get(3)?,
                },
                groups: groups
                    .map(|g| g.split('\n').map(str::to_string).collect())
                    .unwrap_or_default(),
                at: parse_time(&at).map_or(at, super::format_time),
                device_id: device.clone(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies roster cards from another machine, in one transaction: an unknown learner is
    /// added (as `merge` adds one) with the card's groups; a known learner's groups are replaced
    /// when the card is newer than their last change here (or they never changed here). A learner known here only by a
    /// number (added from answers that carried no name) takes the card's name if it is free.
    pub fn apply_roster(&mut self, cards: &[RosterCard]) -> Result<RosterApplied, StoreError> {
        let tx = self.write()?;
        let mut applied = RosterApplied::default();
        let mut suffixes = Suffixes::default();
        for card in cards {
            // A learner whose groups never changed here (`groups_at` empty) takes any card.
            let here: Option<(Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT name, groups_at FROM learners WHERE id = ?1",
                    [&card.learner_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let newer = match &here {
                None => {
                    let added = add_learner_from(
                        &tx,
                        &card.learner_id,
                        &card.device_id,
                        Some(&card.card),
                        &mut suffixes,
                    )?;
                    applied.learners_added.push(added);
                    true
                }
                Some((name, at)) => {
                    if name.is_none()
                        && let Some(wanted) = &card.card.name
                    {
                        let key = normalise_name(wanted);
                        tx.execute(
                            "UPDATE learners SET name = ?2, name_key = ?3, number = NULL
                              WHERE id = ?1 AND NOT EXISTS
                                    (SELECT 1 FROM learners WHERE name_key = ?3)",
                            params![card.learner_id, wanted, key],
                        )?;
                    }
                    at.as_deref()
                        .is_none_or(|at| parse_time(&card.at) > parse_time(at))
                }
            };
            if !newer {
                continue;
            }
            let mut wanted = Vec::new();
            for name in &card.groups {
                wanted.push(group_id(&tx, name)?);
            }
            let current: Vec<String> = tx
                .prepare_cached("SELECT group_id FROM learner_groups WHERE learner_id = ?1")?
                .query_map([&card.learner_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut changed = false;
            for old in current.iter().filter(|g| !wanted.contains(g)) {
                tx.execute(
                    "DELETE FROM learner_groups WHERE learner_id = ?1 AND group_id = ?2",
                    params![card.learner_id, old],
                )?;
                changed = true;
            }
            for new in wanted.iter().filter(|g| !current.contains(g)) {
                tx.execute(
                    "INSERT OR IGNORE INTO learner_groups (learner_id, group_id) VALUES (?1, ?2)",
                    params![card.learner_id, new],
                )?;
                changed = true;
            }
            // The card's time, not the moment it arrived: the same change has the same time on
            // every machine, so its card is the same statement everywhere.
            tx.execute(
                "UPDATE learners SET groups_at = ?2 WHERE id = ?1",
                params![card.learner_id, card.at],
            )?;
            if changed && here.is_some() {
                applied.groups_changed += 1;
            }
        }
        tx.commit()?;
        Ok(applied)
    }

    /// Every learner by id, with their name, number and seat.
    pub fn learner_cards(&self) -> Result<HashMap<String, LearnerCard>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, number, seat FROM learners")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                LearnerCard {
                    name: r.get(1)?,
                    number: r.get(2)?,
                    seat: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `each` with every event in the order it was committed here, or only those at or
    /// after `since` (an RFC 3339 time, compared as stored: UTC to the millisecond). Events are
    /// read one at a time, so a million of them need no more memory than one.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        since: Option<&str>,
        mut each: impl FnMut(Event) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = match since {
            Some(_) => format!("SELECT {EVENT_COLUMNS} FROM events WHERE at >= ?1 ORDER BY seq"),
            None => format!("SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"),
        };
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = match since {
            Some(since) => stmt.query([since]),
            None => stmt.query([]),
        }
        .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(row_to_event(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Calls `each` with every help request in the order it was kept here, or only those at or
    /// after `since`, as `for_each_event` does.
    pub fn for_each_help<E: From<StoreError>>(
        &self,
        since: Option<&str>,
        mut each: impl FnMut(HelpRequest) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!("SELECT {HELP_COLUMNS} FROM help_requests WHERE at >= ?1 ORDER BY seq");
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt
            .query([since.unwrap_or("")])
            .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(row_to_help(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Up to `limit` help requests, in order after `after_seq`, never accepted by the LRS `lrs`,
    /// each with its `seq`, as `unsent_events` gives events.
    pub fn unsent_help(
        &self,
        lrs: &str,
        after_seq: i64,
        limit: usize,
    ) -> Result<Vec<(i64, HelpRequest)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HELP_COLUMNS}, seq FROM help_requests AS h
              WHERE seq > ?2
                AND NOT EXISTS (SELECT 1 FROM lrs_sent WHERE lrs = ?1 AND event_id = h.id)
              ORDER BY seq LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![lrs, after_seq, limit as i64], |r| {
            Ok((r.get("seq")?, row_to_help(r)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Merges help requests kept on another machine, all in one transaction, as `merge` merges
    /// events: one whose id is here already is the same (`AlreadyThere`) or reported as a
    /// conflict and the one here kept; a learner this machine does not know is added.
    pub fn merge_help(&mut self, batch: &[IncomingHelp]) -> Result<MergeReport, StoreError> {
        let tx = self.write()?;
        let mut report = MergeReport::default();
        let mut suffixes = Suffixes::default();
        for incoming in batch {
            let help = &incoming.help;
            let stored = tx
                .prepare_cached(&format!(
                    "SELECT {HELP_COLUMNS} FROM help_requests WHERE id = ?1"
                ))?
                .query_row([&help.id], row_to_help)
                .optional()?;
            let outcome = match stored {
                Some(stored) => {
                    let differs = help_differences(&stored, help);
                    if differs.is_empty() {
                        Merged::AlreadyThere
                    } else {
                        Merged::Conflict {
                            stored: None,
                            differs,
                        }
                    }
                }
                None => {
                    if let Some(added) = ensure_learner(
                        &tx,
                        &help.learner_id,
                        &help.device_id,
                        incoming.learner.as_ref(),
                        &mut suffixes,
                    )? {
                        report.learners_added.push(added);
                    }
                    tx.prepare_cached(
                        "INSERT INTO help_requests
                             (id, learner_id, registration, pack_id, lesson_id, step_id, at,
                              device_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        help.id,
                        help.learner_id,
                        help.registration,
                        help.pack_id,
                        help.lesson_id,
                        help.step_id,
                        help.at,
                        help.device_id
                    ])?;
                    Merged::Added
                }
            };
            report.outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(report)
    }

    /// Up to `limit` events, in commit order after `after_seq`, that were never accepted by the
    /// LRS `lrs`, each with its `seq` (pass the last one back to get the next batch).
    pub fn unsent_events(
        &self,
        lrs: &str,
        after_seq: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Event)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS}, seq FROM events AS e
              WHERE seq > ?2
                AND NOT EXISTS (SELECT 1 FROM lrs_sent WHERE lrs = ?1 AND event_id = e.id)
              ORDER BY seq LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![lrs, after_seq, limit as i64], |r| {
            Ok((r.get("seq")?, row_to_event(r)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Which of these statement ids the LRS `lrs` has accepted (or given) already.
    pub fn sent_among(&self, lrs: &str, ids: &[&str]) -> Result<Vec<bool>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM lrs_sent WHERE lrs = ?1 AND event_id = ?2)",
        )?;
        ids.iter()
            .map(|id| Ok(stmt.query_row(params![lrs, id], |r| r.get(0))?))
            .collect()
    }

    /// The time of a run: its answers' times added up, as `lesson_stats` counts them (answers
    /// timed from the step shown, from older records, count their longest per step).
    pub fn run_time_ms(&self, registration: &str) -> Result<u64, StoreError> {
        let ms: i64 = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(SUM(t), 0) FROM (
                 SELECT CASE WHEN MAX(timed IS NOT 'since-last') = 1 THEN MAX(duration_ms)
                             ELSE SUM(duration_ms) END AS t
                   FROM events WHERE registration = ?1 AND step_id IS NOT NULL
                  GROUP BY step_id)",
            )?
            .query_row([registration], |r| r.get(0))?;
        Ok(ms.max(0) as u64)
    }

    /// A value this machine keeps (such as how far `sync --pull` has read an LRS).
    pub fn meta_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        put_meta(&tx, key, value)?;
        tx.commit()?;
        Ok(())
    }

    /// Remembers that the LRS `lrs` accepted these events. Called only after it said so.
    pub fn mark_sent(&mut self, lrs: &str, event_ids: &[&str]) -> Result<(), StoreError> {
        let at = now_rfc3339();
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO lrs_sent (lrs, event_id, sent_at) VALUES (?1, ?2, ?3)",
            )?;
            for id in event_ids {
                stmt.execute(params![lrs, id, at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many events the LRS `lrs` has accepted from this machine.
    pub fn sent_count(&self, lrs: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM lrs_sent WHERE lrs = ?1", [lrs], |r| {
                r.get(0)
            })?)
    }

    /// Merges events recorded on another machine, all in one transaction.
    ///
    /// An event whose id is already here is compared with the stored one: the same is skipped,
    /// a different one is reported and the stored one kept (records are never rewritten). A
    /// learner this machine does not know is added with the id they have everywhere and, from
    /// their card, their name or number. A name that a different learner here already has gets
    /// the first free suffix " (2)", " (3)" …, so both people stay apart and each is shown
    /// distinctly; a number that is taken here becomes the next free number; a seat that is
    /// taken here is left empty. A learner without a usable name or number becomes the next
    /// numbered learner.
    pub fn merge(&mut self, batch: &[Incoming]) -> Result<MergeReport, StoreError> {
        let tx = self.write()?;
        let mut report = MergeReport::default();
        let mut suffixes = Suffixes::default();
        for incoming in batch {
            let event = &incoming.event;
            let stored = tx
                .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?
                .query_row([&event.id], row_to_event)
                .optional()?;
            let outcome = match stored {
                Some(stored) => {
                    let differs = differences(&stored, event);
                    if differs.is_empty() {
                        Merged::AlreadyThere
                    } else {
                        Merged::Conflict {
                            stored: Some(Box::new(stored)),
                            differs,
                        }
                    }
                }
                None => {
                    if let Some(added) = ensure_learner(
                        &tx,
                        &event.learner_id,
                        &event.device_id,
                        incoming.learner.as_ref(),
                        &mut suffixes,
                    )? {
                        report.learners_added.push(added);
                    }
                    insert_event(&tx, event)?;
                    Merged::Added
                }
            };
            report.outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(report)
    }
}

/// The fields in which two records of the same event id differ (none: the same record). Times
/// are compared as instants, so a record written before times were stamped to the millisecond
/// equals its exported copy.
pub fn differences(a: &Event, b: &Event) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, field: &'static str| {
        if !same {
            out.push(field);
        }
    };
    check(a.verb == b.verb, "verb");
    check(a.learner_id == b.learner_id, "learner");
    check(a.registration == b.registration, "registration");
    check(
        a.pack_id == b.pack_id && a.lesson_id == b.lesson_id,
        "lesson",
    );
    let (sa, sb) = (a.step.as_ref(), b.step.as_ref());
    check(
        sa.map(|s| (&s.step_id, s.step_kind)) == sb.map(|s| (&s.step_id, s.step_kind)),
        "step",
    );
    check(sa.map(|s| s.outcome) == sb.map(|s| s.outcome), "outcome");
    check(sa.map(|s| s.attempt) == sb.map(|s| s.attempt), "attempt");
    check(
        sa.map(|s| &s.response) == sb.map(|s| &s.response),
        "response",
    );
    check(
        sa.map(|s| s.duration_ms) == sb.map(|s| s.duration_ms),
        "duration",
    );
    check(sa.map(|s| s.timed) == sb.map(|s| s.timed), "timing");
    check(a.stars == b.stars, "stars");
    check(a.lang == b.lang, "language");
    check(
        a.at == b.at || (parse_time(&a.at).is_some() && parse_time(&a.at) == parse_time(&b.at)),
        "time",
    );
    check(a.device_id == b.device_id, "device");
    out
}

/// The fields in which two records of the same help request differ (none: the same record).
fn help_differences(a: &HelpRequest, b: &HelpRequest) -> Vec<&'static str> {
    let same_time =
        a.at == b.at || (parse_time(&a.at).is_some() && parse_time(&a.at) == parse_time(&b.at));
    [
        (a.learner_id == b.learner_id, "learner"),
        (a.registration == b.registration, "registration"),
        (
            a.pack_id == b.pack_id && a.lesson_id == b.lesson_id,
            "lesson",
        ),
        (a.step_id == b.step_id, "step"),
        (same_time, "time"),
        (a.device_id == b.device_id, "device"),
    ]
    .into_iter()
    .filter(|(same, _)| !same)
    .map(|(_, field)| field)
    .collect()
}

/// Which " (n)" suffixes each name has here (1: the name itself), read once per name and
/// batch — one query for all the learners called 王秀英, not one per number tried — and kept
/// up to date as the batch adds more.
#[derive(Default)]
struct Suffixes {
    /// Per name key: the suffixes taken, and the lowest that may be free (taken ones only grow
    /// in a batch, so the search never goes back: each name costs its number once in all).
    used: HashMap<String, (std::collections::HashSet<u32>, u32)>,
}

impl Suffixes {
    /// The first free suffix for the name with key `base`, taken.
    fn first_free(&mut self, tx: &Transaction, base: &str) -> rusqlite::Result<u32> {
        if !self.used.contains_key(base) {
            // The keys "base" and "base (…)": the range from "base (" up to "base )".
            let open = format!("{base} (");
            let close = format!("{base} )");
            let mut used = std::collections::HashSet::new();
            let mut stmt = tx.prepare_cached(
                "SELECT name_key FROM learners
                  WHERE name_key = ?1 OR (name_key >= ?2 AND name_key < ?3)",
            )?;
            let keys = stmt.query_map(params![base, open, close], |r| r.get::<_, String>(0))?;
            for key in keys {
                let key = key?;
                if key == base {
                    used.insert(1);
                } else if let Some(n) = key
                    .strip_prefix(&open)
                    .and_then(|rest| rest.strip_suffix(')'))
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    used.insert(n);
                }
            }
            self.used.insert(base.to_string(), (used, 1));
        }
        let (used, lowest) = self.used.get_mut(base).expect("just filled");
        while used.contains(lowest) {
            *lowest += 1;
        }
        used.insert(*lowest);
        Ok(*lowest)
    }
}

/// Sets a value in `meta`, replacing the one there.
pub(super) fn put_meta(tx: &Transaction, key: &str, value: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The id of the group with this name (compared as names are), made if there is none.
fn group_id(tx: &Transaction, name: &str) -> rusqlite::Result<String> {
    let key = normalise_name(name);
    if let Some(id) = tx
        .query_row("SELECT id FROM groups WHERE name_key = ?1", [&key], |r| {
            r.get(0)
        })
        .optional()?
    {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO groups (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, name, key, now_rfc3339()],
    )?;
    Ok(id)
}

/// Adds the learner `learner_id` (first seen on `device_id`) if this machine does not know
/// them; see `Store::merge`.
fn ensure_learner(
    tx: &Transaction,
    learner_id: &str,
    device_id: &str,
    card: Option<&LearnerCard>,
    suffixes: &mut Suffixes,
) -> rusqlite::Result<Option<AddedLearner>> {
    let known: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM learners WHERE id = ?1)")?
        .query_row([learner_id], |r| r.get(0))?;
    if known {
        return Ok(None);
    }
    add_learner_from(tx, learner_id, device_id, card, suffixes).map(Some)
}

/// Adds a learner known elsewhere by `learner_id`, named from their card as `Store::merge` says.
fn add_learner_from(
    tx: &Transaction,
    learner_id: &str,
    device_id: &str,
    card: Option<&LearnerCard>,
    suffixes: &mut Suffixes,
) -> rusqlite::Result<AddedLearner> {
    let asked = card.cloned().unwrap_or_default();
    let taken = |sql: &str, value: &dyn rusqlite::ToSql| -> rusqlite::Result<bool> {
        tx.query_row(sql, [value], |r| r.get(0))
    };
    let mut name = asked.name.clone();
    let mut key = None;
    if let Some(wanted) = &asked.name {
        let n = suffixes.first_free(tx, &normalise_name(wanted))?;
        let candidate = if n == 1 {
            wanted.clone()
        } else {
            format!("{wanted} ({n})")
        };
        key = Some(normalise_name(&candidate));
        name = Some(candidate);
    }
    let number = match (&name, asked.number) {
        (Some(_), _) => None,
        (None, Some(wanted))
            if !taken(
                "SELECT EXISTS (SELECT 1 FROM learners WHERE number = ?1)",
                &wanted,
            )? =>
        {
            Some(wanted)
        }
        (None, _) => Some(tx.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM learners",
            [],
            |r| r.get::<_, u32>(0),
        )?),
    };
    let seat = match asked.seat {
        Some(seat)
            if !taken(
                "SELECT EXISTS (SELECT 1 FROM learners WHERE seat = ?1)",
                &seat,
            )? =>
        {
            Some(seat)
        }
        _ => None,
    };
    tx.execute(
        "INSERT INTO learners (id, name, name_key, number, seat, created_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            learner_id,
            name,
            key,
            number,
            seat,
            now_rfc3339(),
            device_id
        ],
    )?;
    let card = LearnerCard { name, number, seat };
    let changed = card.name != asked.name
        || (card.name.is_none() && card.number != asked.number)
        || card.seat != asked.seat;
    Ok(AddedLearner {
        id: learner_id.to_string(),
        asked: changed.then_some(asked),
        card,
    })
}
