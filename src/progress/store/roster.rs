//! The class roster an instructor keeps: renaming, archiving and restoring learners, seat
//! numbers, and groups (such as 周二上午班), a learner being in one group or several. Archived
//! learners keep all their records. Names stay unique by their normalised form, and seats
//! unique, as the database enforces.

use rusqlite::{OptionalExtension, params};

use super::learners::{LEARNER_COLUMNS, row_to_learner};
use super::{Store, StoreError, now_rfc3339};
use crate::inert::normalise_name;
use crate::progress::event::Learner;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A learner as the roster shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub learner: Learner,
    /// Names of the groups the learner is in, sorted.
    pub groups: Vec<String>,
    pub archived: bool,
}

/// What came of a change that can collide with another learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Done,
    /// Another learner already has this name or seat.
    Taken(Learner),
}

/// A learner's group names in name order, as one column of a query on `learners` (read back
/// with `group_names`).
pub(super) const GROUP_NAMES: &str = "(SELECT group_concat(name, char(31)) FROM
    (SELECT g.name FROM learner_groups lg JOIN groups g ON g.id = lg.group_id
      WHERE lg.learner_id = learners.id ORDER BY g.name COLLATE PINYIN))";

/// The names `GROUP_NAMES` put in one column.
pub(super) fn group_names(column: Option<String>) -> Vec<String> {
    column
        .map(|g| g.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default()
}

fn row_to_group(r: &rusqlite::Row) -> rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
    })
}

impl Store {
    pub fn groups(&self) -> Result<Vec<Group>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name FROM groups ORDER BY name COLLATE PINYIN, created_at")?;
        let rows = stmt.query_map([], row_to_group)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The group with this name (compared as names are), made if there is none.
    pub fn add_group(&mut self, name: &str) -> Result<Group, StoreError> {
        let key = normalise_name(name);
        let new_id = self.new_id();
        let tx = self.write()?;
        let existing = tx
            .query_row(
                "SELECT id, name FROM groups WHERE name_key = ?1",
                [&key],
                row_to_group,
            )
            .optional()?;
        let group = match existing {
            Some(g) => g,
            None => {
                let id = new_id;
                tx.execute(
                    "INSERT INTO groups (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![id, name.trim(), key, now_rfc3339()],
                )?;
                Group {
                    id,
                    name: name.trim().to_string(),
                }
            }
        };
        tx.commit()?;
        Ok(group)
    }

    /// Puts a learner in a group, or takes them out.
    pub fn set_member(
        &mut self,
        learner_id: &str,
        group_id: &str,
        member: bool,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        if member {
            tx.execute(
                "INSERT OR IGNORE INTO learner_groups (learner_id, group_id) VALUES (?1, ?2)",
                params![learner_id, group_id],
            )?;
        } else {
            tx.execute(
                "DELETE FROM learner_groups WHERE learner_id = ?1 AND group_id = ?2",
                params![learner_id, group_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Everyone — archived learners last, and only when `with_archived` — in class-list order
    /// (`name_order`: by pinyin, numbered learners after the named).
    pub fn roster(&self, with_archived: bool) -> Result<Vec<RosterEntry>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LEARNER_COLUMNS}, archived_at IS NOT NULL, {GROUP_NAMES}
               FROM learners
              WHERE ?1 OR archived_at IS NULL
              ORDER BY archived_at IS NOT NULL"
        ))?;
        let rows = stmt.query_map([with_archived], |r| {
            let groups: Option<String> = r.get(5)?;
            Ok(RosterEntry {
                learner: row_to_learner(r)?,
                archived: r.get(4)?,
                groups: group_names(groups),
            })
        })?;
        let mut rows: Vec<RosterEntry> = rows.collect::<Result<_, _>>()?;
        // Archived learners last; each part in class-list order.
        let current = rows.iter().take_while(|e| !e.archived).count();
        let (now, archived) = rows.split_at_mut(current);
        crate::progress::name_order::sort_by_learner(now, |e| &e.learner);
        crate::progress::name_order::sort_by_learner(archived, |e| &e.learner);
        Ok(rows)
    }

    /// Gives a learner a new name, unless another learner has it.
    pub fn rename_learner(&mut self, id: &str, name: &str) -> Result<Change, StoreError> {
        let key = normalise_name(name);
        let tx = self.write()?;
        if let Some(other) = tx
            .query_row(
                &format!("SELECT {LEARNER_COLUMNS} FROM learners WHERE name_key = ?1 AND id <> ?2"),
                params![key, id],
                row_to_learner,
            )
            .optional()?
        {
            return Ok(Change::Taken(other));
        }
        tx.execute(
            "UPDATE learners SET name = ?1, name_key = ?2 WHERE id = ?3",
            params![name.trim(), key, id],
        )?;
        tx.commit()?;
        Ok(Change::Done)
    }

    /// Gives a learner a seat number (or takes it away), unless another learner sits there.
    pub fn set_seat(&mut self, id: &str, seat: Option<u32>) -> Result<Change, StoreError> {
        let tx = self.write()?;
        if let Some(seat) = seat
            && let Some(other) = tx
                .query_row(
                    &format!("SELECT {LEARNER_COLUMNS} FROM learners WHERE seat = ?1 AND id <> ?2"),
                    params![seat, id],
                    row_to_learner,
                )
                .optional()?
        {
            return Ok(Change::Taken(other));
        }
        tx.execute(
            "UPDATE learners SET seat = ?1 WHERE id = ?2",
            params![seat, id],
        )?;
        tx.commit()?;
        Ok(Change::Done)
    }

    /// Archives a learner (they leave the name list; their records stay) or brings them back.
    pub fn set_archived(&mut self, id: &str, archived: bool) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE learners SET archived_at = CASE WHEN ?1 THEN ?2 ELSE NULL END WHERE id = ?3",
            params![archived, now_rfc3339(), id],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// One line of a roster file, checked and ready to go in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    pub name: String,
    pub seat: Option<u32>,
    pub group: Option<String>,
}

/// What came of one roster line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterOutcome {
    Added,
    /// The name was on the list: not added again. What the line changed for them is said.
    AlreadyThere {
        seat_set: bool,
        group_added: bool,
    },
    /// Someone else sits there: nothing from the line went in.
    SeatTaken {
        seat: u32,
        by: String,
    },
    /// The name is on the list with another seat: perhaps another person of the same name.
    /// A question for the teacher; nothing was changed.
    OtherSeat {
        has: u32,
    },
}

/// Roster lines written per transaction: each holds the write lock only a moment, so a learner
/// answering in another window while a big roster goes in never waits noticeably.
pub const ROSTER_BATCH: usize = 100;

impl Store {
    /// Puts roster lines in, in batches of `ROSTER_BATCH` per transaction, each line found by
    /// the indexed name key and seat — so a roster of thousands into a centre of thousands takes
    /// time in proportion to the lines, whatever is already on the list.
    pub fn import_roster(
        &mut self,
        lines: &[RosterLine],
    ) -> Result<Vec<RosterOutcome>, StoreError> {
        let mut out = Vec::with_capacity(lines.len());
        for chunk in lines.chunks(ROSTER_BATCH) {
            let ids: Vec<(String, String)> = chunk
                .iter()
                .map(|_| (self.new_id(), self.new_id()))
                .collect();
            let device = self.device_id.clone();
            let now = now_rfc3339();
            let tx = self.write()?;
            for (line, (learner_id, group_id)) in chunk.iter().zip(ids) {
                out.push(roster_line(
                    &tx,
                    line,
                    &learner_id,
                    &group_id,
                    &device,
                    &now,
                )?);
            }
            tx.commit()?;
            self.give_way();
        }
        Ok(out)
    }
}

fn roster_line(
    tx: &rusqlite::Transaction,
    line: &RosterLine,
    new_learner: &str,
    new_group: &str,
    device: &str,
    now: &str,
) -> Result<RosterOutcome, StoreError> {
    let key = normalise_name(&line.name);
    let existing: Option<(String, Option<u32>)> = tx
        .prepare_cached("SELECT id, seat FROM learners WHERE name_key = ?1")?
        .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some(seat) = line.seat {
        let holder: Option<(Option<String>, Option<u32>)> = tx
            .prepare_cached("SELECT name, number FROM learners WHERE seat = ?1 AND name_key <> ?2")?
            .query_row(params![seat, key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((name, number)) = holder {
            let by = name.or(number.map(|n| n.to_string())).unwrap_or_default();
            return Ok(RosterOutcome::SeatTaken { seat, by });
        }
    }
    let (id, outcome) = match existing {
        Some((_, Some(has))) if line.seat.is_some_and(|asked| asked != has) => {
            return Ok(RosterOutcome::OtherSeat { has });
        }
        Some((id, has)) => {
            tx.prepare_cached("UPDATE learners SET archived_at = NULL WHERE id = ?1")?
                .execute([&id])?;
            let seat_set = line.seat.is_some() && has.is_none();
            if seat_set {
                tx.prepare_cached("UPDATE learners SET seat = ?1 WHERE id = ?2")?
                    .execute(params![line.seat, id])?;
            }
            (
                id,
                RosterOutcome::AlreadyThere {
                    seat_set,
                    group_added: false,
                },
            )
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO learners (id, name, name_key, seat, created_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![new_learner, line.name, key, line.seat, now, device])?;
            (new_learner.to_string(), RosterOutcome::Added)
        }
    };
    let Some(group) = &line.group else {
        return Ok(outcome);
    };
    let group_key = normalise_name(group);
    let group_id: String = match tx
        .prepare_cached("SELECT id FROM groups WHERE name_key = ?1")?
        .query_row([&group_key], |r| r.get(0))
        .optional()?
    {
        Some(id) => id,
        None => {
            tx.prepare_cached(
                "INSERT INTO groups (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![new_group, group.trim(), group_key, now])?;
            new_group.to_string()
        }
    };
    let joined = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO learner_groups (learner_id, group_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, group_id])?;
    Ok(match outcome {
        RosterOutcome::AlreadyThere { seat_set, .. } => RosterOutcome::AlreadyThere {
            seat_set,
            group_added: joined > 0,
        },
        other => other,
    })
}
