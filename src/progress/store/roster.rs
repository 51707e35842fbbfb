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
            .prepare("SELECT id, name FROM groups ORDER BY created_at, name")?;
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

    /// Everyone — archived learners last, and only when `with_archived` — by seat, then number,
    /// then name.
    pub fn roster(&self, with_archived: bool) -> Result<Vec<RosterEntry>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LEARNER_COLUMNS}, archived_at IS NOT NULL,
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT g.name FROM learner_groups lg JOIN groups g ON g.id = lg.group_id
                          WHERE lg.learner_id = learners.id ORDER BY g.name))
               FROM learners
              WHERE ?1 OR archived_at IS NULL
              ORDER BY archived_at IS NOT NULL, seat IS NULL, seat, number IS NULL, number, name_key"
        ))?;
        let rows = stmt.query_map([with_archived], |r| {
            let groups: Option<String> = r.get(5)?;
            Ok(RosterEntry {
                learner: row_to_learner(r)?,
                archived: r.get(4)?,
                groups: groups
                    .map(|g| g.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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
