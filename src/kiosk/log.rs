//! The kiosk's log, `zhulao.log` in the data folder: what went wrong while nobody was watching
//! (a panic, a progress file set aside, a lesson folder that did not load), each line with the
//! time, so a visiting instructor or technician can read what happened. It never grows without
//! bound: when it passes `MAX_BYTES` it becomes `zhulao.log.old` (replacing the older one) and a
//! new log starts, so the two together stay under twice that.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOG_FILE: &str = "zhulao.log";
pub const OLD_LOG_FILE: &str = "zhulao.log.old";

/// The size at which the log is rotated.
pub const MAX_BYTES: u64 = 256 * 1024;

/// The log file in a data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FILE)
}

/// Appends one entry (it may span lines) with the time. Failing to log must never stop the
/// kiosk, so errors are returned for the caller to ignore or print, never panicked on.
pub fn write(data_dir: &Path, entry: &str) -> std::io::Result<()> {
    write_at(data_dir, entry, &crate::progress::store::now_rfc3339())
}

fn write_at(data_dir: &Path, entry: &str, at: &str) -> std::io::Result<()> {
    let file = path(data_dir);
    if fs::metadata(&file).is_ok_and(|m| m.len() >= MAX_BYTES) {
        fs::rename(&file, data_dir.join(OLD_LOG_FILE))?;
    }
    // One entry is at most a few kilobytes: a huge panic message is cut, not the log's bound.
    let entry: String = entry.chars().take(4000).collect();
    let mut out = OpenOptions::new().create(true).append(true).open(&file)?;
    let mut text = String::new();
    for (i, line) in entry.lines().enumerate() {
        let lead = if i == 0 { at } else { "    " };
        text.push_str(&format!("{lead} {line}\n"));
    }
    out.write_all(text.as_bytes())?;
    out.sync_data()
}

/// The entries of the last `n` lines of the current log (for `zhulao doctor`).
pub fn tail(data_dir: &Path, n: usize) -> Vec<String> {
    let Ok(text) = fs::read_to_string(path(data_dir)) else {
        return vec![];
    };
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_carry_the_time_and_the_log_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        write_at(
            dir.path(),
            "panic: oh no\n  at src/x.rs:1",
            "2026-11-29T10:00:00.000Z",
        )
        .unwrap();
        let text = fs::read_to_string(path(dir.path())).unwrap();
        assert_eq!(
            text,
            "2026-11-29T10:00:00.000Z panic: oh no\n       at src/x.rs:1\n"
        );
        let big = "x".repeat(3000);
        for _ in 0..400 {
            write(dir.path(), &big).unwrap();
        }
        let now = fs::metadata(path(dir.path())).unwrap().len();
        let old = fs::metadata(dir.path().join(OLD_LOG_FILE)).unwrap().len();
        assert!(now <= MAX_BYTES + 5000, "{now}");
        assert!(old <= MAX_BYTES + 5000, "{old}");
        assert_eq!(tail(dir.path(), 1).len(), 1);
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no").join("such");
        assert!(write(&missing, "x").is_err());
        assert!(tail(&missing, 5).is_empty());
    }
}
