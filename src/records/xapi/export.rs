//! `zhulao export --xapi FILE`: every event and help request (or those from a time on) as xAPI
//! statements, one JSON object per line. The file is written beside its final name and renamed into place when
//! complete and on disk, so a file with that name is never half written.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::statement::{Audience, EncodeError, Encoder};
use crate::content::Library;
use crate::progress::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// Answers, lessons and help requests written.
    pub statements: u64,
    pub learners: usize,
    /// Roster cards written (each learner's groups, learners who never started among them).
    pub roster_cards: u64,
    /// Events that could not be made into statements (a time that cannot be read).
    pub skipped: Vec<EncodeError>,
}

/// The earliest stored time `--since` means: a day (`2026-11-29`, from midnight on this
/// computer's clock, `offset` — the same days the teacher's screens and reports show) or an
/// RFC 3339 time (`2026-11-29T08:00:00+08:00`), as the canonical stored form.
pub fn parse_since(s: &str, offset: time::UtcOffset) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let is_day = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let time = if is_day {
        let (h, m, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        format!("{s}T00:00:00{sign}{:02}:{:02}", h.abs(), m.abs())
    } else {
        s.to_string()
    };
    crate::progress::store::parse_time(&time).map(crate::progress::store::format_time)
}

/// Writes the statements to `path`: the events, the help requests, then the roster cards of the
/// learners in them
/// and of every learner whose groups changed since `since` (all of them, without `since`).
pub fn export(
    store: &Store,
    library: &Library,
    path: &Path,
    homepage: &str,
    since: Option<&str>,
) -> Result<Exported, ExportError> {
    let cards = store.learner_cards()?;
    let encoder = Encoder {
        homepage,
        audience: Audience::File,
        library,
    };
    let partial = partial_path(path);
    let write_error = |e: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        reason: crate::inert::inert(&e.to_string()).into_owned(),
    };
    let file = std::fs::File::create(&partial).map_err(write_error)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut done = Exported::default();
    let mut learners = std::collections::HashSet::new();
    let result = store.for_each_event(since, |event| {
        let run_ms = match event.verb {
            crate::progress::Verb::Completed => Some(store.run_time_ms(&event.registration)?),
            _ => None,
        };
        match encoder.statement(&event, cards.get(&event.learner_id), run_ms) {
            Ok(statement) => {
                serde_json::to_writer(&mut out, &statement).map_err(|e| write_error(e.into()))?;
                out.write_all(b"\n").map_err(write_error)?;
                done.statements += 1;
                if !learners.contains(&event.learner_id) {
                    learners.insert(event.learner_id.clone());
                }
            }
            Err(e) => done.skipped.push(e),
        }
        Ok::<(), ExportError>(())
    });
    let result = result.and_then(|()| {
        store.for_each_help(since, |help| {
            match encoder.help_statement(&help, cards.get(&help.learner_id)) {
                Ok(statement) => {
                    serde_json::to_writer(&mut out, &statement)
                        .map_err(|e| write_error(e.into()))?;
                    out.write_all(b"\n").map_err(write_error)?;
                    done.statements += 1;
                    if !learners.contains(&help.learner_id) {
                        learners.insert(help.learner_id);
                    }
                }
                Err(e) => done.skipped.push(e),
            }
            Ok::<(), ExportError>(())
        })
    });
    let result = result.and_then(|()| {
        let since = since.and_then(crate::progress::store::parse_time);
        for card in store.roster_cards()? {
            let changed = crate::progress::store::parse_time(&card.at) >= since;
            if since.is_none() || changed || learners.contains(&card.learner_id) {
                let statement = encoder.roster_statement(&card);
                serde_json::to_writer(&mut out, &statement).map_err(|e| write_error(e.into()))?;
                out.write_all(b"\n").map_err(write_error)?;
                done.roster_cards += 1;
            }
        }
        Ok(())
    });
    let finished = result.and_then(|()| {
        let file = out.into_inner().map_err(|e| write_error(e.into_error()))?;
        file.sync_all().map_err(write_error)?;
        std::fs::rename(&partial, path).map_err(write_error)
    });
    if let Err(e) = finished {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    done.learners = learners.len();
    Ok(done)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_day_from_local_midnight_or_a_time_and_gives_the_stored_form() {
        let utc = time::UtcOffset::UTC;
        let china = time::UtcOffset::from_hms(8, 0, 0).unwrap();
        let new_york = time::UtcOffset::from_hms(-5, 0, 0).unwrap();
        assert_eq!(
            parse_since("2026-11-29", utc).as_deref(),
            Some("2026-11-29T00:00:00.000Z")
        );
        assert_eq!(
            parse_since("2026-11-29", china).as_deref(),
            Some("2026-11-28T16:00:00.000Z")
        );
        assert_eq!(
            parse_since("2026-11-29", new_york).as_deref(),
            Some("2026-11-29T05:00:00.000Z")
        );
        assert_eq!(
            parse_since("2026-11-29T08:00:00+08:00", new_york).as_deref(),
            Some("2026-11-29T00:00:00.000Z")
        );
        for bad in ["29/11/2026", "2026-13-01", "yesterday", ""] {
            assert_eq!(parse_since(bad, china), None, "{bad}");
        }
    }
}
