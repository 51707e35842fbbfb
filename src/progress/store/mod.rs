//! The one place that knows the database: one SQLite file per machine, shared by every zhulao
//! process on it. WAL so readers never block the writer, synchronous=FULL so a committed answer
//! survives a power cut, writes in BEGIN IMMEDIATE so two terminals never interleave
//! half-writes. Events are append-only (triggers refuse UPDATE and DELETE).
//!
//! zhulao only ever writes to its own file. Before SQLite touches an existing file, its header
//! is read: another program's database (a different `application_id`, or tables that are not
//! zhulao's) is refused untouched, and so is anything that is not an SQLite file. A zero-byte
//! file, which a crash during creation can leave, is taken as new. A cheap structural check
//! (`quick_check`, bounded in time) catches a damaged page before a lesson starts. A file that
//! is already current is only read at open.
//!
//! Split by what is stored: `learners`, `events`, `settings`; the schema itself is in `schema`.

pub mod centre;
pub mod class;
mod events;
mod exchange;
pub mod help;
pub mod instructor;
mod kiosk;
mod learners;
pub mod roster;
pub mod schema;
mod settings;

// Read-only queries for the bureau's reports.
pub mod report;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use exchange::{
    AddedLearner, Incoming, IncomingHelp, LearnerCard, MergeReport, Merged, RosterApplied,
    RosterCard, differences,
};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
use schema::{MIGRATIONS, Migration};

pub const DB_FILE: &str = "zhulao.sqlite3";

/// How long a write waits for another zhulao process holding the lock before it gives up with
/// `StoreError::Busy`: as long as the app keeps trying before it tells the learner (ten
/// seconds), so no caller of the store ever has to retry by itself. The app's loop asks for no
/// waiting at all (`set_patience`) and tries again itself every moment, with "正在保存…" on
/// screen, so that its screen never freezes.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// How long a long write leaves the lock free between its batches (`give_way`).
const GIVE_WAY: Duration = Duration::from_millis(25);

/// How long a long write may keep the lock, over several batches, before it gives way.
const HOLD_AT_MOST: Duration = Duration::from_millis(100);

/// How long the check for damaged pages may take at start; a bigger file is checked in full by
/// `zhulao check-db`.
const QUICK_CHECK_BUDGET: Duration = Duration::from_millis(400);

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
        "the progress file {path} is damaged or is not a zhulao file{detail}. Nothing was changed. Move it somewhere safe (someone may be able to rescue it, see the README) and start zhulao again to begin a new one, or use --data DIR"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} is not a zhulao progress file ({what}). zhulao did not change it. Move it away, or use --data DIR to keep zhulao's progress in another folder"
    )]
    NotOurs { path: PathBuf, what: String },
    #[error("another zhulao window is saving at this moment")]
    Busy,
    /// SQLite found the file damaged (a page cut off, zeros where data was) while using it.
    #[error("the progress file is damaged")]
    Corrupt,
    #[error("could not save progress: the disk is full")]
    Full,
    /// The disk failed a read or write (full, removed, failing).
    #[error(
        "could not save or read progress: the disk could not be read or written (it may be full, removed or failing)"
    )]
    Disk,
    #[error("could not save progress: {0}")]
    ReadOnly(String),
    #[error("could not save or read progress: {0}")]
    Sqlite(String),
}

/// What went wrong with the progress file, as the learner's screen tells it (in their language;
/// the technical text is for the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    DiskFull,
    DiskFailing,
    ReadOnly,
    /// Another zhulao window held the file for longer than the app waits.
    Busy,
    Damaged,
    /// Written by a newer zhulao.
    TooNew,
    Other,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt,
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::SystemIoFailure) => StoreError::Disk,
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly(plain_sqlite(&e))
            }
            _ => StoreError::Sqlite(plain_sqlite(&e)),
        }
    }
}

impl StoreError {
    /// Whether trying the same thing again in a moment may work (another process held the lock).
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy)
    }

    /// Whether the progress file itself is unusable — damaged, or not a zhulao file at all — as
    /// against a folder that cannot be written or a file from a newer zhulao. A kiosk sets such
    /// a file aside and starts a new one.
    pub fn is_damaged(&self) -> bool {
        matches!(
            self,
            StoreError::Damaged { .. } | StoreError::NotOurs { .. } | StoreError::Corrupt
        )
    }

    /// The kind of trouble, for the learner's screen.
    pub fn trouble(&self) -> Trouble {
        match self {
            StoreError::Full => Trouble::DiskFull,
            StoreError::Disk => Trouble::DiskFailing,
            StoreError::ReadOnly(_) | StoreError::Folder { .. } => Trouble::ReadOnly,
            StoreError::Busy => Trouble::Busy,
            StoreError::Damaged { .. } | StoreError::NotOurs { .. } | StoreError::Corrupt => {
                Trouble::Damaged
            }
            StoreError::TooNew { .. } => Trouble::TooNew,
            StoreError::Sqlite(_) => Trouble::Other,
        }
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    device_id: String,
    /// Where new ids come from: random UUIDs, or (for tests) a repeatable sequence.
    ids: Option<u64>,
    /// When a long write last left the lock free (`give_way`).
    gave_way: std::cell::Cell<Option<Instant>>,
}

/// What the header of an existing file says, before SQLite is let near it.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// Stamped with zhulao's application id.
    Ours,
    /// An SQLite file without an application id: a zhulao database from before ids were
    /// stamped, a creation cut short by a crash, or another program's. Looked into read-only.
    Unstamped,
}

impl Store {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        private_folder(dir).map_err(|e| StoreError::Folder {
            path: dir.to_path_buf(),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => "a folder cannot be made there".into(),
                _ => plain_io(&e),
            },
        })?;
        let existing = match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::NotOurs {
                    path,
                    what: "it is a folder".into(),
                });
            }
            Ok(m) => Some(m.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(StoreError::Folder {
                    path: dir.to_path_buf(),
                    reason: plain_io(&e),
                });
            }
        };
        let found = match existing {
            Some(len) if len > 0 => Some(inspect(&path)?),
            _ => None,
        };
        if existing.is_none() {
            // Made for its owner alone (names and the PIN's hash are in it); SQLite gives its
            // -wal and -shm files the same permissions. An empty file is taken as new.
            private_file(&path).map_err(|e| StoreError::Folder {
                path: dir.to_path_buf(),
                reason: plain_io(&e),
            })?;
        }
        // However the damage shows itself while the file is opened — a page SQLite cannot read,
        // zeros after a sound header — it is said the one way, naming the file.
        let result = Store::open_checked(dir, &path, found).map_err(|e| match e {
            StoreError::Corrupt => damaged(&path, ""),
            other => other,
        });
        if result.is_err() && existing.is_none() {
            // Nothing half-made is left behind (a full disk, a read-only folder).
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        result
    }

    fn open_checked(dir: &Path, path: &Path, found: Option<Found>) -> Result<Store, StoreError> {
        let explain = |e: StoreError| match e {
            StoreError::Sqlite(_) | StoreError::ReadOnly(_) if !writable(dir) => {
                StoreError::Folder {
                    path: dir.to_path_buf(),
                    reason: "the folder is read-only".into(),
                }
            }
            other => other,
        };
        let conn = Connection::open(path).map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => damaged(path, ""),
            _ => StoreError::from(e),
        });
        let conn = conn.map_err(explain)?;
        // Opening waits longer for another process that is creating or migrating the file.
        conn.busy_timeout(Duration::from_secs(5))?;
        // Not persistent in the file, so set on every connection.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The write-ahead log kept small: an answer writes about ten pages (40 KB) to it, and
        // SQLite's own setting (1000 pages) would let it grow to 4 MB before moving them into
        // the database — on a nearly full disk, the log alone would fill it. Every few answers
        // instead, and a log grown during an import is cut back to this once it is reused.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_PAGES)?;
        conn.pragma_update(None, "journal_size_limit", WAL_BYTES)?;
        // Names in class-list order: `ORDER BY name COLLATE PINYIN`.
        crate::progress::name_order::register_collation(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            device_id: String::new(),
            ids: None,
            gave_way: std::cell::Cell::new(None),
        };
        if found == Some(Found::Unstamped) {
            store.adopt()?;
        }
        if found.is_some() {
            store.quick_check()?;
        }
        store.migrate().map_err(explain)?;
        store.device_id =
            store
                .conn
                .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
                    r.get(0)
                })?;
        store.conn.busy_timeout(PATIENCE)?;
        Ok(store)
    }

    /// Between the batches of a long write (an import, a roster): leaves the lock free a moment,
    /// so that a learner's save waiting in another window gets in. SQLite wakes a waiting writer
    /// now and then, not at once, and a writer that takes the lock again straight away could
    /// keep it from them.
    ///
    /// It pauses only once the lock has been held for `HOLD_AT_MOST` since the last pause: a
    /// pause after every small batch made a big import mostly sleep (100 000 statements took a
    /// minute instead of about ten seconds), while a learner's save never needs to wait for
    /// more than a fraction of the 0.3 s after which the app shows "正在保存…".
    pub fn give_way(&self) {
        let now = Instant::now();
        match self.gave_way.get() {
            Some(last) if now.duration_since(last) < HOLD_AT_MOST => {}
            Some(_) => {
                std::thread::sleep(GIVE_WAY);
                self.gave_way.set(Some(Instant::now()));
            }
            None => self.gave_way.set(Some(now)),
        }
    }

    /// How long a write waits for another process's lock before `StoreError::Busy` (`PATIENCE`
    /// unless changed).
    pub fn set_patience(&mut self, patience: Duration) {
        // Only fails on a closed connection, which then fails the next statement plainly.
        let _ = self.conn.busy_timeout(patience);
    }

    /// Decides, by reading only, whether an unstamped file may be used: it has no tables at all
    /// (a creation cut short), or it is a zhulao database from before ids were stamped.
    fn adopt(&self) -> Result<(), StoreError> {
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| {
                s.query_map([], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()
            })
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                    damaged(&self.path, "")
                }
                _ => StoreError::from(e),
            })?;
        if tables.is_empty() {
            return Ok(());
        }
        let ours = ["meta", "learners", "events"]
            .iter()
            .all(|t| tables.iter().any(|n| n == t))
            && self
                .conn
                .query_row(
                    "SELECT COUNT(*) FROM meta WHERE key = 'device_id'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap_or(0)
                == 1;
        if ours {
            Ok(())
        } else {
            Err(StoreError::NotOurs {
                path: self.path.clone(),
                what: "it is another program's database".into(),
            })
        }
    }

    /// `PRAGMA quick_check`, stopped after a short time on a big file.
    fn quick_check(&self) -> Result<(), StoreError> {
        let deadline = Instant::now() + QUICK_CHECK_BUDGET;
        self.conn
            .progress_handler(10_000, Some(move || Instant::now() > deadline));
        let result: rusqlite::Result<String> =
            self.conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
        self.conn.progress_handler(0, None::<fn() -> bool>);
        match result {
            Ok(ok) if ok == "ok" => Ok(()),
            Ok(problem) => Err(damaged(&self.path, &problem)),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => Ok(()),
            Err(e) => match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                    Err(damaged(&self.path, ""))
                }
                _ => Err(e.into()),
            },
        }
    }

    /// The full `PRAGMA integrity_check`, for `zhulao check-db`: every problem found, or none.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// Makes new ids a repeatable sequence from `seed` instead of random: for tests whose
    /// screens depend on ids (choices are shuffled by the run's id).
    pub fn repeatable_ids(&mut self, seed: u64) {
        self.ids = Some(seed);
    }

    /// A new id: a random UUID v4, or the next of the repeatable sequence.
    fn new_id(&mut self) -> String {
        match &mut self.ids {
            None => uuid::Uuid::new_v4().to_string(),
            Some(n) => {
                *n = n
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let bytes = (u128::from(*n) << 64 | u128::from(n.rotate_left(17))).to_be_bytes();
                uuid::Builder::from_random_bytes(bytes)
                    .into_uuid()
                    .to_string()
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Brings the file to the current schema. A file that is already current is only read:
    /// no write, so no fsync, at every launch (on a kiosk's SD card an fsync can take tens of
    /// milliseconds).
    fn migrate(&mut self) -> Result<(), StoreError> {
        if self.is_current()? {
            return Ok(());
        }
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        if version == 0 {
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
        // Read again inside the lock: another process may have migrated meanwhile.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            match migration {
                Migration::Sql(sql) => tx.execute_batch(sql)?,
                Migration::Code(step) => step(&tx)?,
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?1)",
            [uuid::Uuid::new_v4().to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether the file needs nothing written at open: it is at the current schema version,
    /// carries zhulao's application id and has a device id. A file that cannot be written is
    /// refused here, at start, rather than at a learner's first answer.
    fn is_current(&self) -> Result<bool, StoreError> {
        let (version, app_id): (i64, i32) = self.conn.query_row(
            "SELECT user_version, application_id FROM pragma_user_version, pragma_application_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let current = version == SCHEMA_VERSION
            && app_id == APPLICATION_ID
            && self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'device_id')",
                [],
                |r| r.get(0),
            )?;
        if current && self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::Folder {
                path: self.path.parent().unwrap_or(&self.path).to_path_buf(),
                reason: "the progress file in it is read-only".into(),
            });
        }
        Ok(current)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn application_id(&self) -> Result<i32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?)
    }

    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Reads the 100-byte SQLite header of an existing, non-empty file without opening it.
fn inspect(path: &Path) -> Result<Found, StoreError> {
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut n = 0;
            while n < header.len() {
                match f.read(&mut header[n..])? {
                    0 => break,
                    k => n += k,
                }
            }
            Ok(n)
        })
        .map_err(|e| StoreError::Folder {
            path: path.to_path_buf(),
            reason: plain_io(&e),
        })?;
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(damaged(path, "it does not begin as a database file does"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    match app_id {
        APPLICATION_ID => Ok(Found::Ours),
        0 => Ok(Found::Unstamped),
        other => Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            what: format!("it belongs to another program, application id {other:#x}"),
        }),
    }
}

fn damaged(path: &Path, problem: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail: if problem.trim().is_empty() {
            String::new()
        } else {
            // SQLite's check writes several lines: one line here, each made safe to print.
            let lines: Vec<String> = problem
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| crate::inert::brief(l, 200).into_owned())
                .collect();
            format!(" ({})", lines.join("; "))
        },
    }
}

/// Makes `dir` and any folders above it that are missing, readable by their owner only (a
/// folder that is there already is left as it is).
fn private_folder(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the empty file `path` readable and writable by its owner only.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another window made it a moment ago.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// How many pages the write-ahead log may hold before they are moved into the database.
const WAL_PAGES: i64 = 32;
/// What the write-ahead log is cut back to once it is reused.
const WAL_BYTES: i64 = 128 * 1024;

fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly()) && tempfile_probe(dir)
}

/// Whether a file can be created in `dir` (permission bits do not tell for root or ACLs).
fn tempfile_probe(dir: &Path) -> bool {
    let probe = dir.join(format!(".zhulao-probe-{}", std::process::id()));
    let ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// SQLite's messages in the words a volunteer understands.
fn plain_sqlite(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full".into(),
        Some(ErrorCode::SystemIoFailure) => {
            "the disk could not be read or written (it may be full, removed or failing)".into()
        }
        Some(ErrorCode::ReadOnly) => "the progress file or its folder is read-only".into(),
        Some(ErrorCode::CannotOpen) => "the progress file cannot be opened".into(),
        Some(ErrorCode::PermissionDenied) => "permission denied".into(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "the progress file is damaged".into()
        }
        _ => crate::inert::inert(&e.to_string()).into_owned(),
    }
}

/// An I/O error in plain words (and inert: it may hold a path).
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::NotADirectory | ErrorKind::AlreadyExists => {
            "part of the path is a file, not a folder".into()
        }
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::NotFound => "it does not exist".into(),
        _ => crate::inert::inert(&e.to_string()).into_owned(),
    }
}

/// The time now, as every record is stamped: UTC, always to the millisecond, so that times
/// compare correctly as text ("2026-11-29T10:00:00.000Z"), and as xAPI wants them.
pub fn now_rfc3339() -> String {
    format_time(OffsetDateTime::now_utc())
}

pub fn format_time(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Reads a stored time back (any RFC 3339 form, as older records may have).
pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// `t` in the time zone `offset`, for whatever `t` is: a time so far off that it has no local
/// date (the last instant of year 9999, east of UTC) stays in UTC rather than fail.
pub fn to_local(t: OffsetDateTime, offset: time::UtcOffset) -> OffsetDateTime {
    t.checked_to_offset(offset).unwrap_or(t)
}

/// The calendar date of `t` in the time zone `offset` (see `to_local`).
pub fn local_date(t: OffsetDateTime, offset: time::UtcOffset) -> time::Date {
    to_local(t, offset).date()
}

/// The default data folder: the platform's per-user data directory.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("cn", "zhulao", "zhulao")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".zhulao"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{EventDraft, NewLearner, Verb};

    /// SQLite's own "full" (here: the file may grow no further, as on a full disk) reaches the
    /// learner's screen as the full disk it is, not as SQLite's English.
    #[test]
    fn a_full_disk_is_told_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let learner = store.add_learner(&NewLearner::Numbered).unwrap();
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let err = (0..10_000)
            .find_map(|_| {
                store
                    .record(&EventDraft {
                        verb: Verb::Attempted,
                        learner_id: learner.id.clone(),
                        registration: None,
                        pack_id: "p".repeat(500),
                        lesson_id: "l".into(),
                        step: None,
                        stars: None,
                        lang: crate::lang::Lang::Zh,
                    })
                    .err()
            })
            .expect("the file stops growing");
        assert!(matches!(err, StoreError::Full), "{err:?}");
        assert_eq!(err.trouble(), Trouble::DiskFull);
        assert_eq!(err.to_string(), "could not save progress: the disk is full");
    }
}
