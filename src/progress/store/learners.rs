//! Learners: who is learning on this machine. One learner per person: a typed name is unique
//! in its normalised form ("王秀英 " and "王秀英" are one person), numbers and seats are unique,
//! and all of it is enforced by the database itself, so two terminals adding the same name at
//! once end with one learner. Archived learners keep every record but leave the name list.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now_rfc3339};
use crate::inert::normalise_name;
use crate::progress::event::{Learner, NewLearner};

pub(super) const LEARNER_COLUMNS: &str = "id, name, number, seat";

pub(super) fn row_to_learner(r: &rusqlite::Row) -> rusqlite::Result<Learner> {
    Ok(Learner {
        id: r.get(0)?,
        name: r.get(1)?,
        number: r.get(2)?,
        seat: r.get(3)?,
    })
}

impl Store {
    /// Learners not archived, most recently active first, so today's class finds their names at
    /// the top.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        // `last_seq` is kept with every event recorded, so this reads no events at all.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LEARNER_COLUMNS} FROM learners WHERE archived_at IS NULL
              ORDER BY last_seq DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([], row_to_learner)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a learner, or — for a name that is already there, even if another terminal added it
    /// a moment ago — returns the learner who has it (bringing them back if they were archived).
    pub fn add_learner(&mut self, new: &NewLearner) -> Result<Learner, StoreError> {
        let device_id = self.device_id.clone();
        let id = self.new_id();
        let tx = self.write()?;
        let (name, key, number) = match new {
            NewLearner::Named(name) => {
                let key = normalise_name(name);
                let existing = tx
                    .query_row(
                        &format!("SELECT {LEARNER_COLUMNS} FROM learners WHERE name_key = ?1"),
                        [&key],
                        row_to_learner,
                    )
                    .optional()?;
                if let Some(learner) = existing {
                    tx.execute(
                        "UPDATE learners SET archived_at = NULL WHERE id = ?1",
                        [&learner.id],
                    )?;
                    tx.commit()?;
                    return Ok(learner);
                }
                (Some(name.clone()), Some(key), None)
            }
            NewLearner::Numbered => {
                let next: u32 = tx.query_row(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM learners",
                    [],
                    |r| r.get(0),
                )?;
                (None, None, Some(next))
            }
        };
        tx.execute(
            "INSERT INTO learners (id, name, name_key, number, created_at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, name, key, number, now_rfc3339(), device_id],
        )?;
        tx.commit()?;
        Ok(Learner {
            id,
            name,
            number,
            seat: None,
        })
    }

    /// The learner with this number (学员 7), if there is one.
    pub fn learner_by_number(&self, number: u32) -> Result<Option<Learner>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {LEARNER_COLUMNS} FROM learners WHERE number = ?1"),
                [number],
                row_to_learner,
            )
            .optional()?)
    }
}
