//! Setting a damaged progress file aside, so that a kiosk can go on with a fresh one while the
//! old one waits, untouched, for someone to rescue it. The file is renamed, never copied,
//! rewritten or deleted: `zhulao.sqlite3` becomes `zhulao.sqlite3.broken-20261129T101500Z`
//! (its `-wal` and `-shm` companions follow, under the names SQLite expects beside the new
//! name, so the set-aside copy opens with everything it had). A name that is taken is never
//! overwritten: a counter is added instead.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::macros::format_description;

use crate::progress::store::DB_FILE;

/// What SQLite may keep beside the database file.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Renames the progress file in `data_dir` (and its companions) out of the way; returns the new
/// path of the main file.
pub fn set_aside(data_dir: &Path, now: OffsetDateTime) -> io::Result<PathBuf> {
    let stamp = now
        .to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .map_err(io::Error::other)?;
    let from = data_dir.join(DB_FILE);
    let mut n = 1;
    let to = loop {
        let name = if n == 1 {
            format!("{DB_FILE}.broken-{stamp}")
        } else {
            format!("{DB_FILE}.broken-{stamp}-{n}")
        };
        let to = data_dir.join(name);
        let taken = to.exists() || COMPANIONS.iter().any(|c| with_suffix(&to, c).exists());
        if !taken {
            break to;
        }
        n += 1;
    };
    fs::rename(&from, &to)?;
    for c in COMPANIONS {
        let companion = with_suffix(&from, c);
        if companion.exists() {
            fs::rename(&companion, with_suffix(&to, c))?;
        }
    }
    Ok(to)
}

/// The progress files set aside in a data folder, oldest first (for `zhulao doctor`).
pub fn list(data_dir: &Path) -> Vec<PathBuf> {
    let prefix = format!("{DB_FILE}.broken-");
    let mut found: Vec<PathBuf> = fs::read_dir(data_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix) && !COMPANIONS.iter().any(|c| n.ends_with(c))
            })
        })
        .collect();
    found.sort();
    found
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_file_and_its_companions_move_byte_for_byte_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(DB_FILE);
        fs::write(&db, b"garbage \x00\x01 bytes").unwrap();
        fs::write(with_suffix(&db, "-wal"), b"wal bytes").unwrap();
        let at = datetime!(2026-11-29 10:15:00 UTC);
        let first = set_aside(dir.path(), at).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "zhulao.sqlite3.broken-20261129T101500Z"
        );
        assert_eq!(fs::read(&first).unwrap(), b"garbage \x00\x01 bytes");
        assert_eq!(fs::read(with_suffix(&first, "-wal")).unwrap(), b"wal bytes");
        assert!(!db.exists() && !with_suffix(&db, "-wal").exists());

        // Broken again within the same second: a second name, the first left alone.
        fs::write(&db, b"second").unwrap();
        let second = set_aside(dir.path(), at).unwrap();
        assert_eq!(
            second.file_name().unwrap(),
            "zhulao.sqlite3.broken-20261129T101500Z-2"
        );
        assert_eq!(fs::read(&first).unwrap(), b"garbage \x00\x01 bytes");
        assert_eq!(fs::read(&second).unwrap(), b"second");
        assert_eq!(list(dir.path()), vec![first, second]);
    }

    #[test]
    fn nothing_to_set_aside_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(set_aside(dir.path(), OffsetDateTime::UNIX_EPOCH).is_err());
        assert!(list(dir.path()).is_empty());
    }
}
