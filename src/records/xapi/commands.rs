//! The exchange commands as the command line runs them: open the store, do the work, say what
//! happened in plain words (everything from a file, a database or an LRS through `inert`).

use std::path::{Path, PathBuf};

use super::Ending;
use super::config::{Config, Overrides};
use super::export::{export, parse_since};
use super::import::{ImportError, LISTED, import_file};
use super::sync::{Lrs, Stop, sync};
use crate::inert::inert;
use crate::progress::Store;
use crate::progress::store::{AddedLearner, LearnerCard};

fn open(data: &Path) -> Result<Store, Ending> {
    Store::open(data).map_err(|e| {
        eprintln!("zhulao: {}", inert(&e.to_string()));
        Ending::NoDatabase
    })
}

fn config(data: &Path, overrides: Overrides) -> Result<Config, Ending> {
    let config = Config::load(data, overrides).map_err(|e| {
        eprintln!("zhulao: {}", inert(&e.to_string()));
        Ending::BadArguments
    })?;
    if let Some(warning) = &config.warning {
        eprintln!("zhulao: {}", inert(warning));
    }
    Ok(config)
}

fn shown(path: &Path) -> String {
    crate::inert::inert_os(path.as_os_str()).into_owned()
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `zhulao export --xapi FILE [--since DATE] [--homepage IRI]`.
pub fn export_command(
    data: &Path,
    file: &Path,
    since: Option<&str>,
    homepage: Option<String>,
) -> Ending {
    let since = match since.map(|s| (s, parse_since(s))) {
        None => None,
        Some((_, Some(since))) => Some(since),
        Some((given, None)) => {
            eprintln!(
                "zhulao: --since '{}' is not a day such as 2026-11-29 or a time such as 2026-11-29T08:00:00+08:00",
                inert(given)
            );
            return Ending::BadArguments;
        }
    };
    let run = || -> Result<Ending, Ending> {
        let config = config(data, Overrides::from_env(homepage, None))?;
        let store = open(data)?;
        let done = export(&store, file, &config.homepage, since.as_deref()).map_err(|e| {
            eprintln!("zhulao: {}", inert(&e.to_string()));
            match e {
                super::export::ExportError::Store(_) => Ending::NoDatabase,
                super::export::ExportError::Write { .. } => Ending::Problems,
            }
        })?;
        for skipped in &done.skipped {
            eprintln!("zhulao: {}; it was left out", inert(&skipped.to_string()));
        }
        println!(
            "Wrote {} ({}) to {}.",
            plural(done.statements, "statement", "statements"),
            plural(done.learners as u64, "learner", "learners"),
            shown(file)
        );
        Ok(if done.skipped.is_empty() {
            Ending::Done
        } else {
            Ending::Problems
        })
    };
    run().unwrap_or_else(|e| e)
}

/// `zhulao import FILE…`: each file merged and summed up on its own.
pub fn import_command(data: &Path, files: &[PathBuf]) -> Ending {
    let mut store = match open(data) {
        Ok(store) => store,
        Err(e) => return e,
    };
    let mut ending = Ending::Done;
    for file in files {
        let name = shown(file);
        match import_file(&mut store, file) {
            Ok(report) => {
                print_report(&name, &report);
                if report.has_problems() {
                    ending = Ending::Problems;
                }
            }
            Err(ImportError::Store {
                line,
                error,
                report,
            }) => {
                print_report(&name, &report);
                let stopped = ImportError::Store {
                    line,
                    error,
                    report: Box::default(),
                };
                eprintln!("{name}: {}", inert(&stopped.to_string()));
                return Ending::NoDatabase;
            }
            Err(e) => {
                eprintln!("zhulao: {}", inert(&e.to_string()));
                ending = Ending::Problems;
            }
        }
    }
    ending
}

fn learner_shown(card: &LearnerCard) -> String {
    match (&card.name, card.number) {
        (Some(name), _) => inert(name).into_owned(),
        (None, Some(n)) => format!("学员 {n}"),
        (None, None) => "a learner with no name".into(),
    }
}

fn print_report(name: &str, r: &super::import::FileReport) {
    println!(
        "{name}: {} added, {} already there, {}, {}, {}.",
        r.added,
        r.already_there,
        plural(r.conflicts, "conflict", "conflicts"),
        plural(
            r.not_zhulao,
            "statement not from zhulao",
            "statements not from zhulao"
        ),
        plural(r.invalid, "invalid line", "invalid lines"),
    );
    for note in &r.conflict_notes {
        eprintln!("{name}:{}: {}", note.line, note.message);
    }
    if r.conflicts as usize > r.conflict_notes.len() {
        eprintln!(
            "{name}: … and {} more conflicts",
            r.conflicts as usize - r.conflict_notes.len()
        );
    }
    if !r.not_zhulao_lines.is_empty() {
        let lines: Vec<String> = r.not_zhulao_lines.iter().map(u64::to_string).collect();
        let more = if r.not_zhulao as usize > LISTED {
            format!(" and {} more", r.not_zhulao as usize - LISTED)
        } else {
            String::new()
        };
        eprintln!(
            "{name}: not zhulao statements (left out), lines {}{more}",
            lines.join(", ")
        );
    }
    for note in &r.invalid_notes {
        eprintln!("{name}:{}: {}", note.line, note.message);
    }
    if r.invalid as usize > r.invalid_notes.len() {
        eprintln!(
            "{name}: … and {} more invalid lines",
            r.invalid as usize - r.invalid_notes.len()
        );
    }
    if !r.learners_added.is_empty() {
        let names: Vec<String> = r
            .learners_added
            .iter()
            .take(30)
            .map(|l| learner_shown(&l.card))
            .collect();
        let more = r.learners_added.len().saturating_sub(30);
        println!(
            "{name}: new learners on this computer: {}{}",
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    for added in &r.learners_added {
        if let Some(note) = changed(added) {
            println!("{name}: {note}");
        }
    }
    for note in &r.name_notes {
        println!("{name}: {note}");
    }
}

/// Why a learner from a file looks different here, if they do.
fn changed(added: &AddedLearner) -> Option<String> {
    let asked = added.asked.as_ref()?;
    let here = learner_shown(&added.card);
    Some(match (&asked.name, asked.number) {
        (Some(name), _) if added.card.name.is_some() && added.card.name != asked.name => format!(
            "{} in the file is not the {} already on this computer (another learner id), so they were added as {here}",
            inert(name),
            inert(name)
        ),
        (None, Some(n)) if added.card.number != Some(n) => format!(
            "学员 {n} in the file is {here} on this computer (number {n} is someone else's here)"
        ),
        _ => match asked.seat {
            Some(seat) if added.card.seat.is_none() => {
                format!("{here} was added without a seat: seat {seat} is someone else's here")
            }
            _ => return None,
        },
    })
}

/// `zhulao sync [--lrs URL] [--homepage IRI]`.
pub fn sync_command(data: &Path, lrs_url: Option<String>, homepage: Option<String>) -> Ending {
    let run = || -> Result<Ending, Ending> {
        let config = config(data, Overrides::from_env(homepage, lrs_url))?;
        let Some(url) = config.lrs_url.as_deref() else {
            eprintln!(
                "zhulao: which LRS? Give its address with --lrs URL, or as url in the [lrs] part of {}",
                shown(&data.join(super::config::CONFIG_FILE))
            );
            return Err(Ending::BadArguments);
        };
        let lrs = Lrs::new(url, config.key.as_deref(), config.secret.as_deref()).map_err(|e| {
            eprintln!("zhulao: {e}");
            Ending::BadArguments
        })?;
        let mut store = open(data)?;
        let endpoint = inert(lrs.endpoint()).into_owned();
        // A busy LRS is waited for as it asks (a minute at most each time, a few times).
        let (report, stop) = sync(&mut store, &lrs, &config.homepage, &mut std::thread::sleep);
        for skipped in &report.skipped {
            eprintln!("zhulao: {}; it was not sent", inert(&skipped.to_string()));
        }
        for (id, why) in &report.refused {
            eprintln!("zhulao: statement {}: {why}", inert(id));
        }
        match stop {
            None => {
                let left = report.refused.len() + report.skipped.len();
                println!(
                    "Sent {} to {endpoint}. {}",
                    plural(report.sent, "statement", "statements"),
                    if left == 0 {
                        "Nothing is left to send.".to_string()
                    } else {
                        format!(
                            "{} not taken by the LRS (see above); the next sync tries them again.",
                            plural(left as u64, "statement was", "statements were")
                        )
                    }
                );
                Ok(if left == 0 {
                    Ending::Done
                } else {
                    Ending::Problems
                })
            }
            Some(stop) => {
                let marked = if report.sent == 0 {
                    "Nothing was marked as sent".to_string()
                } else {
                    format!(
                        "The {} it accepted before that are marked as sent, the rest are not",
                        plural(report.sent, "statement", "statements")
                    )
                };
                let ending = match &stop {
                    Stop::Unreachable { .. } | Stop::Server { .. } | Stop::Busy { .. } => {
                        Ending::LrsUnreachable
                    }
                    Stop::Credentials { .. } | Stop::NotAnLrs { .. } => Ending::Problems,
                    Stop::Store(_) => Ending::NoDatabase,
                };
                let again = match &stop {
                    Stop::Credentials { .. } | Stop::NotAnLrs { .. } => {
                        "; fix that and run `zhulao sync` again."
                    }
                    Stop::Store(_) => {
                        "; the next sync sends what is not marked (an LRS keeps a statement it already has only once)."
                    }
                    _ => "; run `zhulao sync` again later.",
                };
                eprintln!("zhulao: {}. {marked}{again}", inert(&stop.to_string()));
                Ok(ending)
            }
        }
    };
    run().unwrap_or_else(|e| e)
}
