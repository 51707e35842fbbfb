//! The instructor's PIN, as an Argon2id hash only, with the count of wrong tries kept in the
//! database: a restart does not give anyone ten fresh guesses. After each wrong PIN the next
//! try must wait longer; after ten the PIN is locked until `zhulao pin reset` is run from the
//! machine's shell.

use rusqlite::params;

use super::{Store, StoreError, format_time, parse_time};

/// Wrong PINs before the lock.
pub const MAX_FAILURES: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinState {
    /// The Argon2id hash (PHC string), if a PIN was set.
    pub hash: Option<String>,
    pub failures: u32,
    /// No try is taken before this time (after a wrong PIN).
    pub next_try_at: Option<String>,
}

impl PinState {
    pub fn locked(&self) -> bool {
        self.failures >= MAX_FAILURES
    }

    /// Seconds still to wait before the next try, if any.
    pub fn wait_seconds(&self, now: time::OffsetDateTime) -> Option<u64> {
        let next = parse_time(self.next_try_at.as_deref()?)?;
        let left = (next - now).whole_milliseconds();
        (left > 0).then(|| (left as u64).div_ceil(1000))
    }
}

/// What a try at the PIN found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinTry {
    NotSet,
    Locked,
    TooSoon {
        wait_seconds: u64,
    },
    /// Check the typed PIN against `hash`; the try is already counted, and `if_wrong` is the
    /// state it left (the count, the wait) for when the PIN is wrong.
    Check {
        hash: String,
        if_wrong: PinState,
    },
}

/// How long to wait after the `failures`-th wrong PIN: 1, 2, 4 … seconds, at most a minute.
pub fn delay_after(failures: u32) -> time::Duration {
    time::Duration::seconds(1i64 << failures.saturating_sub(1).min(6)).min(time::Duration::MINUTE)
}

impl Store {
    pub fn pin_state(&self) -> Result<PinState, StoreError> {
        Ok(self.conn.query_row(
            "SELECT pin_hash, failures, next_try_at FROM instructor WHERE id = 1",
            [],
            |r| {
                Ok(PinState {
                    hash: r.get(0)?,
                    failures: r.get(1)?,
                    next_try_at: r.get(2)?,
                })
            },
        )?)
    }

    /// Sets (or changes) the PIN's hash; wrong tries are forgotten.
    pub fn set_pin_hash(&mut self, hash: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE instructor SET pin_hash = ?1, failures = 0, next_try_at = NULL,
                    changed_at = ?2 WHERE id = 1",
            params![hash, super::now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Counts a wrong PIN and sets how long the next try must wait. Returns the new state.
    pub fn pin_failed(&mut self, now: time::OffsetDateTime) -> Result<PinState, StoreError> {
        let tx = self.write()?;
        let failures: u32 = tx.query_row(
            "SELECT failures + 1 FROM instructor WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE instructor SET failures = ?1, next_try_at = ?2 WHERE id = 1",
            params![failures, format_time(now + delay_after(failures))],
        )?;
        tx.commit()?;
        self.pin_state()
    }

    /// Takes one try at the PIN, at `now`, in one step that no other window can come between:
    /// unless no PIN is set, it is locked or the wait after a wrong one is not over, the try is
    /// counted as wrong before the PIN is even looked at (a right one then forgets it, see
    /// `pin_passed`). So windows pressing Enter together get one check between them, not one
    /// each.
    pub fn pin_try(&mut self, now: time::OffsetDateTime) -> Result<PinTry, StoreError> {
        let tx = self.write()?;
        let state: PinState = tx.query_row(
            "SELECT pin_hash, failures, next_try_at FROM instructor WHERE id = 1",
            [],
            |r| {
                Ok(PinState {
                    hash: r.get(0)?,
                    failures: r.get(1)?,
                    next_try_at: r.get(2)?,
                })
            },
        )?;
        let Some(hash) = state.hash.clone() else {
            return Ok(PinTry::NotSet);
        };
        if state.locked() {
            return Ok(PinTry::Locked);
        }
        if let Some(wait_seconds) = state.wait_seconds(now) {
            return Ok(PinTry::TooSoon { wait_seconds });
        }
        let failures = state.failures + 1;
        tx.execute(
            "UPDATE instructor SET failures = ?1, next_try_at = ?2 WHERE id = 1",
            params![failures, format_time(now + delay_after(failures))],
        )?;
        tx.commit()?;
        Ok(PinTry::Check {
            hash,
            if_wrong: self.pin_state()?,
        })
    }

    /// A right PIN: wrong tries are forgotten.
    pub fn pin_passed(&mut self) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE instructor SET failures = 0, next_try_at = NULL WHERE id = 1",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// `zhulao pin reset`: forgets the PIN and the lock; the next instructor sets a new one.
    pub fn reset_pin(&mut self) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE instructor SET pin_hash = NULL, failures = 0, next_try_at = NULL,
                    changed_at = ?1 WHERE id = 1",
            [super::now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(())
    }
}
