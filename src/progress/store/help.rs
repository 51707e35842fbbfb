//! Help asked for: each time a learner opened the help page (`?`) during a step, one row of
//! `help_requests` with its own UUID, committed before the page shows, as an answer is. Kept
//! apart from the events (whose verbs are xAPI's); the report and the learner's detail count
//! them as 求助次数, beside the wrong answers (答错次数).
//!
//! Help requests travel as answers do (`records::xapi`): each is one statement whose id is the
//! request's own UUID, exported, imported, sent to an LRS once and pulled back, so a second
//! machine or a whole-centre report counts them too (see `exchange::merge_help`).

use rusqlite::params;

use super::{Store, StoreError};

/// A help request to keep: who, in which run, on which step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpDraft {
    pub learner_id: String,
    pub registration: String,
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
}

/// A help request as it is kept, and as it travels between machines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRequest {
    pub id: String,
    pub learner_id: String,
    pub registration: String,
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
    /// Canonical UTC, as `format_time` writes.
    pub at: String,
    pub device_id: String,
}

/// The columns `row_to_help` reads, in its order.
pub(super) const HELP_COLUMNS: &str =
    "id, learner_id, registration, pack_id, lesson_id, step_id, at, device_id";

pub(super) fn row_to_help(r: &rusqlite::Row) -> rusqlite::Result<HelpRequest> {
    Ok(HelpRequest {
        id: r.get(0)?,
        learner_id: r.get(1)?,
        registration: r.get(2)?,
        pack_id: r.get(3)?,
        lesson_id: r.get(4)?,
        step_id: r.get(5)?,
        at: r.get(6)?,
        device_id: r.get(7)?,
    })
}

impl Store {
    /// Keeps one help request, stamped `at` (RFC 3339 UTC, as `format_time` writes); when this
    /// returns it is on disk.
    pub fn record_help_at(&mut self, draft: &HelpDraft, at: &str) -> Result<(), StoreError> {
        let id = self.new_id();
        let device = self.device_id.clone();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO help_requests
                 (id, learner_id, registration, pack_id, lesson_id, step_id, at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                draft.learner_id,
                draft.registration,
                draft.pack_id,
                draft.lesson_id,
                draft.step_id,
                at,
                device
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// How many times this learner opened help, over their whole record.
    pub fn help_count(&self, learner_id: &str) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM help_requests WHERE learner_id = ?1",
            [learner_id],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NewLearner;

    #[test]
    fn help_requests_are_kept_counted_and_never_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let l = store
            .add_learner(&NewLearner::Named("王秀英".into()))
            .unwrap();
        let draft = HelpDraft {
            learner_id: l.id.clone(),
            registration: "run".into(),
            pack_id: "demo".into(),
            lesson_id: "all-kinds".into(),
            step_id: "open-app".into(),
        };
        store
            .record_help_at(&draft, "2026-11-02T02:00:00.000Z")
            .unwrap();
        store
            .record_help_at(&draft, "2026-11-02T02:01:00.000Z")
            .unwrap();
        assert_eq!(store.help_count(&l.id).unwrap(), 2);
        assert_eq!(store.help_count("nobody").unwrap(), 0);
        let ids: Vec<String> = store
            .conn
            .prepare("SELECT id FROM help_requests")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(ids.iter().all(|id| uuid::Uuid::parse_str(id).is_ok()));
        assert!(
            store.conn.execute("DELETE FROM help_requests", []).is_err(),
            "append-only"
        );
    }
}
