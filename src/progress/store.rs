//! The one place that knows the database schema. One SQLite file per machine, shared by every
//! zhulao process on it: WAL so readers never block the writer, synchronous=FULL so a committed
//! answer survives a power cut, writes in BEGIN IMMEDIATE so two terminals never interleave
//! half-writes. Events are append-only (triggers refuse UPDATE and DELETE).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::event::*;
use crate::content::StepKind;
use crate::lang::Lang;
use crate::settings::{Settings, SettingsOwner, SpeechRate, TextSize, ThemeName};

pub const DB_FILE: &str = "zhulao.sqlite3";

/// Each entry moves the schema up one version; `PRAGMA user_version` says how many have run.
/// Never edit a shipped entry: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: learners, the append-only event log, and machine facts.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE learners (
        id         TEXT PRIMARY KEY,
        name       TEXT,
        number     INTEGER UNIQUE,
        created_at TEXT NOT NULL,
        device_id  TEXT NOT NULL,
        CHECK (name IS NOT NULL OR number IS NOT NULL)
    );
    CREATE TABLE events (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        verb         TEXT NOT NULL CHECK (verb IN ('attempted','experienced','answered','completed')),
        learner_id   TEXT NOT NULL REFERENCES learners(id),
        registration TEXT NOT NULL,
        pack_id      TEXT NOT NULL,
        lesson_id    TEXT NOT NULL,
        step_id      TEXT,
        step_kind    TEXT,
        outcome      TEXT CHECK (outcome IN ('correct','wrong')),
        attempt      INTEGER,
        response     TEXT,
        duration_ms  INTEGER,
        stars        INTEGER,
        lang         TEXT NOT NULL,
        at           TEXT NOT NULL,
        device_id    TEXT NOT NULL
    );
    CREATE INDEX events_by_learner ON events (learner_id, seq);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;",
    // 2: how zhulao looks and speaks, per learner and for the machine ('machine').
    "CREATE TABLE settings (
        owner       TEXT PRIMARY KEY,
        lang        TEXT NOT NULL CHECK (lang IN ('zh','en')),
        text_size   TEXT NOT NULL CHECK (text_size IN ('normal','big','huge')),
        theme       TEXT NOT NULL CHECK (theme IN ('dark','light','yellow')),
        read_aloud  INTEGER NOT NULL CHECK (read_aloud IN (0,1)),
        speech_rate TEXT NOT NULL CHECK (speech_rate IN ('slow','normal','fast')),
        updated_at  TEXT NOT NULL
    );",
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot use the data folder {path}: {reason}. Choose a folder you can write to with --data DIR or ZHULAO_DATA=DIR"
    )]
    Folder { path: PathBuf, reason: String },
    #[error(
        "the progress file {path} was written by a newer zhulao (schema {found}, this one knows {known}); please update zhulao"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "the progress file {path} is damaged or is not a zhulao database. Nothing was changed. Move it somewhere safe (someone may be able to rescue it) and start zhulao again to begin a new one, or use --data DIR"
    )]
    Damaged { path: PathBuf },
    #[error("could not save or read progress: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    device_id: String,
}

impl Store {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        // Errors while opening are about the folder or the file, so say which, in plain words.
        let explain = |e: StoreError| match e {
            StoreError::Sqlite(inner) if is_readonly(&inner) => StoreError::Folder {
                path: dir.to_path_buf(),
                reason: "the folder or the progress file is read-only".into(),
            },
            StoreError::Sqlite(inner) if is_not_a_database(&inner) => {
                StoreError::Damaged { path: path.clone() }
            }
            other => other,
        };
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Folder {
            path: dir.to_path_buf(),
            reason: plain_io(&e),
        })?;
        let open = || -> Result<Store, StoreError> {
            let conn = Connection::open(&path)?;
            conn.busy_timeout(Duration::from_secs(10))?;
            // Not persistent in the file, so set on every connection.
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            let mut store = Store {
                conn,
                path: path.clone(),
                device_id: String::new(),
            };
            store.migrate()?;
            store.device_id = store.conn.query_row(
                "SELECT value FROM meta WHERE key = 'device_id'",
                [],
                |r| r.get(0),
            )?;
            Ok(store)
        };
        let store = open().map_err(explain)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let fresh: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if fresh == 0 {
            // WAL is a property of the file: set once, at creation, before the first write so
            // the schema itself is written through the WAL (one fsync instead of several).
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Folder {
                    path: self.path.clone(),
                    reason: format!("the disk does not support a write-ahead log (got {mode})"),
                });
            }
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?1)",
            [uuid::Uuid::new_v4().to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Learners, most recently active first, so today's class finds their names at the top.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT l.id, l.name, l.number
               FROM learners l
               LEFT JOIN (SELECT learner_id, MAX(seq) AS last FROM events GROUP BY learner_id) e
                      ON e.learner_id = l.id
              ORDER BY COALESCE(e.last, 0) DESC, l.rowid DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Learner {
                id: r.get(0)?,
                name: r.get(1)?,
                number: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_learner(&mut self, new: &NewLearner) -> Result<Learner, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = uuid::Uuid::new_v4().to_string();
        let (name, number) = match new {
            NewLearner::Named(name) => (Some(name.clone()), None),
            NewLearner::Numbered => {
                let next: u32 = tx.query_row(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM learners",
                    [],
                    |r| r.get(0),
                )?;
                (None, Some(next))
            }
        };
        tx.execute(
            "INSERT INTO learners (id, name, number, created_at, device_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, name, number, now_rfc3339(), self.device_id],
        )?;
        tx.commit()?;
        Ok(Learner { id, name, number })
    }

    /// Commits one event and returns it as stored. When this returns, the event is on disk.
    pub fn record(&mut self, draft: &EventDraft) -> Result<Event, StoreError> {
        let id = uuid::Uuid::new_v4().to_string();
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
            at: now_rfc3339(),
            device_id: self.device_id.clone(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let s = event.step.as_ref();
        tx.execute(
            "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id, step_id,
                                 step_kind, outcome, attempt, response, duration_ms, stars, lang, at, device_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
            ],
        )?;
        tx.commit()?;
        Ok(event)
    }

    /// A learner's events in the order they were committed.
    pub fn events_for(&self, learner_id: &str) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, verb, learner_id, registration, pack_id, lesson_id, step_id, step_kind,
                    outcome, attempt, response, duration_ms, stars, lang, at, device_id
               FROM events WHERE learner_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([learner_id], row_to_event)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The settings kept for `owner`, if any were ever saved.
    pub fn settings(&self, owner: &SettingsOwner) -> Result<Option<Settings>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT lang, text_size, theme, read_aloud, speech_rate FROM settings WHERE owner = ?1",
        )?;
        let mut rows = stmt.query_map([owner_key(owner)], |r| {
            Ok(Settings {
                lang: word(r, 0, Lang::parse, "language")?,
                text_size: word(r, 1, TextSize::parse, "text size")?,
                theme: word(r, 2, ThemeName::parse, "theme")?,
                read_aloud: r.get::<_, i64>(3)? != 0,
                speech_rate: word(r, 4, SpeechRate::parse, "speech rate")?,
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// Keeps `settings` for `owner`; when this returns they are on disk.
    pub fn save_settings(
        &mut self,
        owner: &SettingsOwner,
        settings: &Settings,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (owner, lang, text_size, theme, read_aloud, speech_rate, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (owner) DO UPDATE SET lang = excluded.lang,
                 text_size = excluded.text_size, theme = excluded.theme,
                 read_aloud = excluded.read_aloud, speech_rate = excluded.speech_rate,
                 updated_at = excluded.updated_at",
            params![
                owner_key(owner),
                settings.lang.as_str(),
                settings.text_size.as_str(),
                settings.theme.as_str(),
                settings.read_aloud as i64,
                settings.speech_rate.as_str(),
                now_rfc3339(),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn event_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }
}

fn owner_key(owner: &SettingsOwner) -> &str {
    match owner {
        SettingsOwner::Machine => "machine",
        SettingsOwner::Learner(id) => id,
    }
}

/// Reads a stored word back as its enum, refusing (not defaulting) a word this zhulao does not
/// know: a record that cannot be read exactly is reported, never reinterpreted.
fn word<T>(
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

fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<Event> {
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

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

fn is_readonly(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly)
            | Some(rusqlite::ErrorCode::CannotOpen)
            | Some(rusqlite::ErrorCode::PermissionDenied)
    )
}

fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => e.to_string(),
    }
}

pub fn now_rfc3339() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The default data folder: the platform's per-user data directory.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("cn", "zhulao", "zhulao")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".zhulao"))
}
