//! `zhulao import FILE`: merges statements that another zhulao exported.
//!
//! Help requests come in beside the answers (merged by `Store::merge_help`) and are counted with
//! them: added, already there, or in conflict.
//!
//! Importing is idempotent and order-free: an event keeps its id, time and device, a second
//! import of the same file finds every event already there, and progress is folded by time, so
//! files can arrive in any order. A line that is not a zhulao statement is reported with its
//! number and skipped; the rest of the file is still merged. Lines are merged in batches, each
//! in one transaction: a failure (a full disk) leaves the batch unrecorded, and importing the
//! file again finishes the job.

use crate::progress::MAX_NAME_CHARS;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use super::statement::{Record, Refusal, decode_record, mask_secret};
use crate::content::Library;
use crate::inert::{check_name, inert};
use crate::lang::Text;
use crate::progress::store::{
    AddedLearner, Incoming, IncomingHelp, LearnerCard, MergeReport, Merged, RosterCard,
};
use crate::progress::{Store, StoreError};

/// Lines merged per transaction: big enough to be quick, small enough that the app's own
/// saves on this machine are never held up for long.
pub const BATCH: usize = 50;
/// Longer lines are refused without reading them whole (a zhulao statement is under 2 KiB).
const MAX_LINE: usize = 64 * 1024;
/// Problems of one kind listed line by line; past this they are counted.
pub const LISTED: usize = 20;

/// One line's problem, by its number in the file (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineNote {
    pub line: u64,
    pub message: Text,
}

/// What importing one file did.
#[derive(Debug, Default)]
pub struct FileReport {
    pub added: u64,
    pub already_there: u64,
    pub conflicts: u64,
    /// Statements from another system.
    pub not_zhulao: u64,
    /// Lines that are not statements at all, or broken zhulao statements.
    pub invalid: u64,
    /// The first `LISTED` conflicts, other systems' statements and invalid lines.
    pub conflict_notes: Vec<LineNote>,
    pub not_zhulao_lines: Vec<u64>,
    pub invalid_notes: Vec<LineNote>,
    pub learners_added: Vec<AddedLearner>,
    /// Learner names from the file that could not be used as they were.
    pub name_notes: Vec<Text>,
    /// Roster cards read (each learner's groups), and learners whose groups they changed here.
    pub roster_cards: u64,
    pub groups_changed: u64,
}

impl FileReport {
    pub fn has_problems(&self) -> bool {
        self.conflicts + self.not_zhulao + self.invalid > 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error(
        "stopped at line {line}: {error}. What came before was recorded; importing the file again finishes it (nothing is recorded twice)"
    )]
    Store {
        line: u64,
        error: StoreError,
        report: Box<FileReport>,
    },
}

/// Imports one file into `store`; `library` says which answers are secret.
pub fn import_file(
    store: &mut Store,
    library: &Library,
    path: &Path,
) -> Result<FileReport, ImportError> {
    let read_error = |e: std::io::Error| ImportError::Read {
        path: inert(&path.display().to_string()).into_owned(),
        reason: inert(&e.to_string()).into_owned(),
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    import_from(store, library, BufReader::with_capacity(1 << 20, file)).map_err(|e| match e {
        Failure::Io(e) => read_error(e),
        Failure::Store(e) => e,
    })
}

enum Failure {
    Io(std::io::Error),
    Store(ImportError),
}

/// Imports JSON Lines from any reader (a file, or a test's bytes).
fn import_from(
    store: &mut Store,
    library: &Library,
    mut reader: impl BufRead,
) -> Result<FileReport, Failure> {
    let mut report = FileReport::default();
    let mut roster: Vec<(u64, RosterCard)> = Vec::new();
    let mut batch: Vec<(u64, Incoming)> = Vec::with_capacity(BATCH);
    let mut help: Vec<(u64, IncomingHelp)> = Vec::with_capacity(BATCH);
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(Failure::Io)?;
        if n == 0 {
            break;
        }
        line += 1;
        if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
            skip_rest_of_line(&mut reader).map_err(Failure::Io)?;
            invalid(
                &mut report,
                line,
                crate::said!(
                    "这一行太长，不是一条记录",
                    "the line is too long to be a statement"
                ),
            );
            continue;
        }
        let mut bytes = buf.as_slice();
        if line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            invalid(
                &mut report,
                line,
                crate::said!("这一行不是 UTF-8 文字", "the line is not UTF-8 text"),
            );
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                invalid(
                    &mut report,
                    line,
                    crate::said!("不是 JSON（{e}）", "not JSON ({e})"),
                );
                continue;
            }
        };
        match decode_record(&value) {
            Ok(Record::Roster(mut card)) => {
                card.card = usable(card.card, &mut report);
                roster.push((line, card));
            }
            Ok(Record::Help(request, learner)) => {
                let learner = learner.map(|card| usable(card, &mut report));
                help.push((
                    line,
                    IncomingHelp {
                        help: request,
                        learner,
                    },
                ));
                if help.len() == BATCH {
                    merge_help(store, &mut help, &mut report).map_err(Failure::Store)?;
                }
            }
            Ok(Record::Event(decoded)) => {
                let learner = decoded.learner.map(|card| usable(card, &mut report));
                let mut event = decoded.event;
                mask_secret(library, &mut event);
                batch.push((line, Incoming { event, learner }));
                if batch.len() == BATCH {
                    merge(store, &mut batch, &mut report).map_err(Failure::Store)?;
                }
            }
            Err(Refusal::NotZhulao) => {
                report.not_zhulao += 1;
                if report.not_zhulao_lines.len() < LISTED {
                    report.not_zhulao_lines.push(line);
                }
            }
            Err(Refusal::Invalid(why)) => invalid(
                &mut report,
                line,
                crate::said!(
                    "不是有效的 zhulao 记录：{why}",
                    "not a valid zhulao statement: {why}"
                ),
            ),
        }
    }
    merge(store, &mut batch, &mut report).map_err(Failure::Store)?;
    merge_help(store, &mut help, &mut report).map_err(Failure::Store)?;
    for chunk in roster.chunks(BATCH) {
        let cards: Vec<RosterCard> = chunk.iter().map(|(_, c)| c.clone()).collect();
        let applied = store.apply_roster(&cards).map_err(|error| {
            Failure::Store(ImportError::Store {
                line: chunk[0].0,
                error,
                report: Box::new(std::mem::take(&mut report)),
            })
        })?;
        store.give_way();
        report.roster_cards += cards.len() as u64;
        report.groups_changed += applied.groups_changed;
        report.learners_added.extend(applied.learners_added);
    }
    Ok(report)
}

fn skip_rest_of_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}

fn invalid(report: &mut FileReport, line: u64, message: Text) {
    report.invalid += 1;
    if report.invalid_notes.len() < LISTED {
        report.invalid_notes.push(LineNote {
            line,
            message: Text {
                zh: inert(&message.zh).into_owned(),
                en: inert(&message.en).into_owned(),
            },
        });
    }
}

/// The card as it can be used here: a name that could not be typed into zhulao (control or
/// invisible characters, emoji, very long) is dropped, and the learner gets a number instead.
fn usable(mut card: LearnerCard, report: &mut FileReport) -> LearnerCard {
    if let Some(name) = card.name.take() {
        let trimmed = name.trim();
        let problem = if trimmed.is_empty() {
            Some(crate::said!("是空的", "it is empty"))
        } else if trimmed.chars().count() > MAX_NAME_CHARS {
            Some(crate::said!(
                "超过 {MAX_NAME_CHARS} 个字",
                "it is longer than {MAX_NAME_CHARS} characters"
            ))
        } else {
            check_name(trimmed).err().map(|p| {
                let p = p.to_string();
                crate::said!("{p}", "{p}")
            })
        };
        match problem {
            None => card.name = Some(trimmed.to_string()),
            Some(why) => {
                let name = inert(&name);
                let (zh, en) = (&why.zh, &why.en);
                let note = crate::said!(
                    "名字“{name}”不能用（{zh}），这位学员改用编号",
                    "the name '{name}' cannot be used ({en}); that learner gets a number instead"
                );
                if !report.name_notes.contains(&note) {
                    report.name_notes.push(note);
                }
            }
        }
    }
    card
}

/// Merges the batch in one transaction, waiting a while for another zhulao that is saving.
fn merge(
    store: &mut Store,
    batch: &mut Vec<(u64, Incoming)>,
    report: &mut FileReport,
) -> Result<(), ImportError> {
    if batch.is_empty() {
        return Ok(());
    }
    let incoming: Vec<Incoming> = batch.iter().map(|(_, i)| i.clone()).collect();
    let merged = stored(store, batch[0].0, report, |s| s.merge(&incoming))?;
    for ((line, incoming), outcome) in batch.iter().zip(merged.outcomes) {
        tally(report, *line, &incoming.event.id, outcome, |stored| {
            let (here, file) = (stored?.step.as_ref()?, incoming.event.step.as_ref()?);
            (here.response != file.response).then(|| (here.response.clone(), file.response.clone()))
        });
    }
    report.learners_added.extend(merged.learners_added);
    batch.clear();
    Ok(())
}

/// Merges a batch of help requests, as `merge` merges answers.
fn merge_help(
    store: &mut Store,
    batch: &mut Vec<(u64, IncomingHelp)>,
    report: &mut FileReport,
) -> Result<(), ImportError> {
    if batch.is_empty() {
        return Ok(());
    }
    let incoming: Vec<IncomingHelp> = batch.iter().map(|(_, i)| i.clone()).collect();
    let merged = stored(store, batch[0].0, report, |s| s.merge_help(&incoming))?;
    for ((line, incoming), outcome) in batch.iter().zip(merged.outcomes) {
        tally(report, *line, &incoming.help.id, outcome, |_| None);
    }
    report.learners_added.extend(merged.learners_added);
    batch.clear();
    Ok(())
}

/// Runs one merge (from `line` on); the store waits for another window that is saving, and
/// after each batch gives way, so that a learner answering meanwhile is never kept waiting.
fn stored(
    store: &mut Store,
    line: u64,
    report: &mut FileReport,
    merge: impl FnOnce(&mut Store) -> Result<MergeReport, StoreError>,
) -> Result<MergeReport, ImportError> {
    let merged = merge(store).map_err(|error| ImportError::Store {
        line,
        error,
        report: Box::new(std::mem::take(report)),
    })?;
    store.give_way();
    Ok(merged)
}

/// Counts what became of one line; a conflict is noted with its fields and, when `responses`
/// finds them different, the answer here and in the file.
fn tally(
    report: &mut FileReport,
    line: u64,
    id: &str,
    outcome: Merged,
    responses: impl FnOnce(Option<&crate::progress::Event>) -> Option<(String, String)>,
) {
    match outcome {
        Merged::Added => report.added += 1,
        Merged::AlreadyThere => report.already_there += 1,
        Merged::Conflict { stored, differs } => {
            report.conflicts += 1;
            if report.conflict_notes.len() < LISTED {
                let fields = differs.join(", ");
                let mut message = crate::said!(
                    "记录 {id} 在这台电脑上已有，但{fields}不同",
                    "statement {id} is already recorded here with a different {fields}"
                );
                if let Some((h, f)) = responses(stored.as_deref()) {
                    message
                        .zh
                        .push_str(&format!("（这里的回答“{h}”，文件里“{f}”）"));
                    message
                        .en
                        .push_str(&format!(" (response here '{h}', in the file '{f}')"));
                }
                message.zh.push_str("；保留这里的记录");
                message.en.push_str("; the record here is kept");
                report.conflict_notes.push(LineNote {
                    line,
                    message: Text {
                        zh: inert(&message.zh).into_owned(),
                        en: inert(&message.en).into_owned(),
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    fn import(store: &mut Store, text: &str) -> FileReport {
        match import_from(store, &Library::default(), text.as_bytes()) {
            Ok(r) => r,
            Err(_) => panic!("import failed"),
        }
    }

    const GOOD: &str = r#"{"id":"1d7f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b","actor":{"objectType":"Agent","account":{"homePage":"https://zhulao.invalid/learners","name":"3f1c2b9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/attempted"},"object":{"id":"https://zhulao.invalid/xapi/activities/pack/basics/lesson/call-family"},"context":{"registration":"1d7f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b","language":"zh-CN","platform":"zhulao","extensions":{"https://zhulao.invalid/xapi/extensions/device":"dev-1","https://zhulao.invalid/xapi/extensions/learner":{"name":"王秀英"}}},"timestamp":"2026-11-29T10:00:00.123Z","version":"1.0.3"}"#;

    #[test]
    fn blank_lines_a_byte_order_mark_and_crlf_are_fine_and_bad_lines_are_named_by_number() {
        let (_dir, mut store) = store();
        let other = r#"{"id":"2e8a3b4c-5d6e-4f70-9b1c-1d2e3f4a5b6c","actor":{"mbox":"mailto:a@b.c"},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://moodle.example/q/1"}}"#;
        let text = format!(
            "\u{feff}{GOOD}\r\n\n{other}\nnot json\n[1,2]\n{}\n{}\n",
            "x".repeat(MAX_LINE + 10),
            GOOD.replace("zh-CN", "fr")
        );
        let r = import(&mut store, &text);
        assert_eq!((r.added, r.already_there, r.conflicts), (1, 0, 0));
        assert_eq!(r.not_zhulao_lines, vec![3]);
        let lines: Vec<u64> = r.invalid_notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7]);
        assert!(
            r.invalid_notes[3].message.en.contains("zh-CN or en"),
            "{:?}",
            r.invalid_notes
        );
        assert_eq!(r.learners_added.len(), 1);
        assert_eq!(r.learners_added[0].card.name.as_deref(), Some("王秀英"));
    }

    #[test]
    fn a_name_with_a_terminal_escape_is_not_used_and_the_learner_gets_a_number() {
        let (_dir, mut store) = store();
        let r = import(
            &mut store,
            &GOOD.replace("王秀英", "\\u001b]0;pwned\\u0007"),
        );
        assert_eq!(r.added, 1);
        assert_eq!(r.learners_added[0].card.name, None);
        assert_eq!(r.learners_added[0].card.number, Some(1));
        assert!(
            r.name_notes[0].en.contains("\\u{001B}"),
            "{:?}",
            r.name_notes
        );
        assert!(!r.name_notes[0].en.contains('\u{1b}'));
        assert!(!r.name_notes[0].zh.contains('\u{1b}'));
    }
}
