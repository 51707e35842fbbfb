//! The exchange commands as the command line runs them: open the store, do the work, say what
//! happened in plain words — Chinese by default, English with `--lang en` (`ExchangeWords`) —
//! with everything from a file, a database or an LRS passed through `inert`.

use std::path::{Path, PathBuf};

use super::Ending;
use super::config::{Config, ConfigError, Overrides};
use super::export::{export, parse_since};
use super::import::{ImportError, LISTED, import_file};
use super::sync::{Lrs, Sending, Stop, sync};
use crate::content::Library;
use crate::inert::inert;
use crate::lang::Lang;
use crate::progress::Store;
use crate::progress::store::{AddedLearner, LearnerCard};
use crate::ui::words::exchange::{ExchangeWords, exchange};
use crate::ui::words::fill;

/// What every exchange command is given: where, in which language, with which lessons.
pub struct Run<'a> {
    pub data: &'a Path,
    pub lang: Lang,
    /// The centre's own packs (`--lessons`), beside the built-in ones.
    pub lessons: Option<&'a Path>,
}

impl Run<'_> {
    fn words(&self) -> &'static ExchangeWords {
        exchange(self.lang)
    }

    fn open(&self) -> Result<Store, Ending> {
        Store::open(self.data).map_err(|e| {
            say_err(&inert(&e.to_string()));
            Ending::NoDatabase
        })
    }

    /// The lessons, which name activities and say which answers are secret.
    fn library(&self) -> Result<Library, Ending> {
        crate::built_in::load_library(self.lessons).map_err(|errors| {
            let mut message = self.words().broken_packs.to_string();
            for e in &errors {
                message.push('\n');
                message.push_str(&e.shown(self.lang));
            }
            say_err(&message);
            Ending::BadArguments
        })
    }

    fn config(&self, overrides: Overrides) -> Result<Config, Ending> {
        let w = self.words();
        let config = Config::load(self.data, overrides).map_err(|e| {
            say_err(&match e {
                ConfigError::Unreadable { path, reason } => fill(
                    w.config_unreadable,
                    &[("path", &shown(&path)), ("reason", &reason)],
                ),
                ConfigError::Wrong { path, reason } => fill(
                    w.config_wrong,
                    &[("path", &shown(&path)), ("reason", &reason)],
                ),
                ConfigError::Homepage(homepage) => {
                    fill(w.config_homepage, &[("homepage", &homepage)])
                }
            });
            Ending::BadArguments
        })?;
        if config.warning.is_some() {
            let path = shown(&self.data.join(super::config::CONFIG_FILE));
            say_err(&fill(w.secret_readable, &[("path", &path)]));
        }
        Ok(config)
    }

    fn count(&self, n: u64, one: &str, many: &str) -> String {
        fill(if n == 1 { one } else { many }, &[("n", &n.to_string())])
    }

    /// "12 statements" (" 12 条记录", spaced to stand between Chinese words).
    fn statements(&self, n: u64) -> String {
        let w = self.words();
        let phrase = self.count(n, w.statement_one, w.statement_many);
        match self.lang {
            Lang::En => phrase.trim().to_string(),
            Lang::Zh => phrase,
        }
    }
}

/// A line for the teacher on standard output; a closed pipe is not an error.
fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// A problem, on standard error.
fn say_err(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "zhulao: {line}");
}

fn shown(path: &Path) -> String {
    crate::inert::inert_os(path.as_os_str()).into_owned()
}

/// `zhulao export --xapi FILE [--since DATE] [--homepage IRI]`.
pub fn export_command(
    run: &Run,
    file: &Path,
    since: Option<&str>,
    homepage: Option<String>,
) -> Ending {
    let w = run.words();
    let offset = crate::records::report::local_offset();
    let since = match since.map(|s| (s, parse_since(s, offset))) {
        None => None,
        Some((_, Some(since))) => Some(since),
        Some((given, None)) => {
            say_err(&fill(w.since_bad, &[("given", &inert(given))]));
            return Ending::BadArguments;
        }
    };
    let go = || -> Result<Ending, Ending> {
        let config = run.config(Overrides::from_env(homepage, None))?;
        let library = run.library()?;
        let store = run.open()?;
        let done =
            export(&store, &library, file, &config.homepage, since.as_deref()).map_err(|e| {
                say_err(&inert(&e.to_string()));
                match e {
                    super::export::ExportError::Store(_) => Ending::NoDatabase,
                    super::export::ExportError::Write { .. } => Ending::Problems,
                }
            })?;
        for skipped in &done.skipped {
            let super::statement::EncodeError::BadTime { id, at } = skipped;
            say_err(&fill(
                w.skipped_export,
                &[("id", &inert(id)), ("at", &inert(at))],
            ));
        }
        say(&fill(
            w.wrote,
            &[
                ("statements", &run.statements(done.statements)),
                (
                    "learners",
                    &run.count(done.learners as u64, w.learner_one, w.learner_many),
                ),
                ("cards", &done.roster_cards.to_string()),
                ("file", &shown(file)),
            ],
        ));
        Ok(if done.skipped.is_empty() {
            Ending::Done
        } else {
            Ending::Problems
        })
    };
    go().unwrap_or_else(|e| e)
}

/// `zhulao import FILE…`: each file merged and summed up on its own.
pub fn import_command(run: &Run, files: &[PathBuf]) -> Ending {
    let w = run.words();
    let library = match run.library() {
        Ok(library) => library,
        Err(e) => return e,
    };
    let mut store = match run.open() {
        Ok(store) => store,
        Err(e) => return e,
    };
    let mut ending = Ending::Done;
    for file in files {
        let name = shown(file);
        match import_file(&mut store, &library, file) {
            Ok(report) => {
                print_report(run, &name, &report);
                if report.has_problems() {
                    ending = Ending::Problems;
                }
            }
            Err(ImportError::Store {
                line,
                error,
                report,
            }) => {
                print_report(run, &name, &report);
                let error = inert(&error.to_string()).into_owned();
                let _ = std::io::Write::write_fmt(
                    &mut std::io::stderr(),
                    format_args!(
                        "{name}: {}\n",
                        fill(
                            w.import_stopped,
                            &[("line", &line.to_string()), ("error", &error)]
                        )
                    ),
                );
                return Ending::NoDatabase;
            }
            Err(ImportError::Read { path, reason }) => {
                say_err(&fill(
                    w.cannot_read,
                    &[("path", &path), ("reason", &reason)],
                ));
                ending = Ending::Problems;
            }
        }
    }
    ending
}

fn learner_shown(w: &ExchangeWords, card: &LearnerCard) -> String {
    match (&card.name, card.number) {
        (Some(name), _) => inert(name).into_owned(),
        (None, Some(n)) => fill(w.numbered, &[("n", &n.to_string())]),
        (None, None) => w.no_name.into(),
    }
}

fn print_report(run: &Run, name: &str, r: &super::import::FileReport) {
    use std::io::Write as _;
    let w = run.words();
    let lang = run.lang;
    let err = |line: String| {
        let _ = writeln!(std::io::stderr(), "{line}");
    };
    say(&fill(
        w.imported,
        &[
            ("file", name),
            ("added", &r.added.to_string()),
            ("there", &r.already_there.to_string()),
            (
                "conflicts",
                &run.count(r.conflicts, w.conflict_one, w.conflict_many),
            ),
            (
                "others",
                &run.count(r.not_zhulao, w.other_one, w.other_many),
            ),
            (
                "invalid",
                &run.count(r.invalid, w.invalid_one, w.invalid_many),
            ),
        ],
    ));
    if r.roster_cards > 0 {
        say(&fill(
            w.groups_read,
            &[
                ("file", name),
                ("cards", &r.roster_cards.to_string()),
                ("changed", &r.groups_changed.to_string()),
            ],
        ));
    }
    for note in &r.conflict_notes {
        err(format!("{name}:{}: {}", note.line, note.message.get(lang)));
    }
    if r.conflicts as usize > r.conflict_notes.len() {
        let n = (r.conflicts as usize - r.conflict_notes.len()).to_string();
        err(fill(w.more_conflicts, &[("file", name), ("n", &n)]));
    }
    if !r.not_zhulao_lines.is_empty() {
        let lines: Vec<String> = r.not_zhulao_lines.iter().map(u64::to_string).collect();
        let more = if r.not_zhulao as usize > LISTED {
            let n = (r.not_zhulao as usize - LISTED).to_string();
            fill(w.and_more, &[("n", &n)])
        } else {
            String::new()
        };
        err(fill(
            w.not_zhulao_lines,
            &[
                ("file", name),
                ("lines", &lines.join(w.comma)),
                ("more", &more),
            ],
        ));
    }
    for note in &r.invalid_notes {
        err(format!("{name}:{}: {}", note.line, note.message.get(lang)));
    }
    if r.invalid as usize > r.invalid_notes.len() {
        let n = (r.invalid as usize - r.invalid_notes.len()).to_string();
        err(fill(w.more_invalid, &[("file", name), ("n", &n)]));
    }
    print_learners_added(run, name, &r.learners_added);
    for note in &r.name_notes {
        say(&format!("{name}: {}", note.get(lang)));
    }
}

fn print_learners_added(run: &Run, name: &str, added: &[AddedLearner]) {
    let w = run.words();
    if added.is_empty() {
        return;
    }
    let names: Vec<String> = added
        .iter()
        .take(30)
        .map(|l| learner_shown(w, &l.card))
        .collect();
    let more = added.len().saturating_sub(30);
    say(&fill(
        w.new_learners,
        &[
            ("file", name),
            ("names", &names.join(w.comma)),
            (
                "more",
                &if more > 0 {
                    fill(w.and_more, &[("n", &more.to_string())])
                } else {
                    String::new()
                },
            ),
        ],
    ));
    for learner in added {
        if let Some(note) = changed(w, learner) {
            say(&format!("{name}: {note}"));
        }
    }
}

/// Why a learner from a file looks different here, if they do.
fn changed(w: &ExchangeWords, added: &AddedLearner) -> Option<String> {
    let asked = added.asked.as_ref()?;
    let here = learner_shown(w, &added.card);
    Some(match (&asked.name, asked.number) {
        (Some(name), _) if added.card.name.is_some() && added.card.name != asked.name => {
            fill(w.name_elsewhere, &[("name", &inert(name)), ("here", &here)])
        }
        (None, Some(n)) if added.card.number != Some(n) => fill(
            w.number_elsewhere,
            &[("n", &n.to_string()), ("here", &here)],
        ),
        _ => match asked.seat {
            Some(seat) if added.card.seat.is_none() => fill(
                w.seat_taken,
                &[("here", &here), ("seat", &seat.to_string())],
            ),
            _ => return None,
        },
    })
}

/// A stop in the teacher's words.
fn stop_words(w: &ExchangeWords, stop: &Stop) -> String {
    let reason_words = |reason: &str| -> String {
        match reason {
            "connection refused" => w.refused_connection.into(),
            "the connection was cut while it answered" | "the connection was cut" => w.cut.into(),
            "it did not answer in time" | "its answer did not come in time" => w.too_slow.into(),
            "the server's name could not be found" => w.no_such_host.into(),
            other => other.into(),
        }
    };
    match stop {
        Stop::Unreachable { url, reason } => fill(
            w.stop_unreachable,
            &[("url", url), ("reason", &reason_words(reason))],
        ),
        Stop::Credentials { url, status } => fill(
            w.stop_credentials,
            &[("url", url), ("status", &status.to_string())],
        ),
        Stop::Server {
            url,
            status,
            message,
        } => fill(
            w.stop_server,
            &[
                ("url", url),
                ("status", &status.to_string()),
                ("message", message),
            ],
        ),
        Stop::Busy { url, status, wait } => {
            let mut line = fill(
                w.stop_busy,
                &[("url", url), ("status", &status.to_string())],
            );
            match wait.map(|d| d.as_secs()) {
                None | Some(0) => {}
                Some(s) if s >= 120 => line.push_str(&fill(
                    w.wait_minutes,
                    &[("minutes", &s.div_ceil(60).to_string())],
                )),
                Some(s) => line.push_str(&fill(w.wait_seconds, &[("seconds", &s.to_string())])),
            }
            line
        }
        Stop::NotAnLrs {
            url,
            status,
            message,
        } if message == super::sync::NOT_AN_LRS => fill(
            w.stop_not_lrs,
            &[("url", url), ("status", &status.to_string())],
        ),
        Stop::NotAnLrs {
            url,
            status,
            message,
        } => fill(
            w.stop_odd,
            &[
                ("url", url),
                ("status", &status.to_string()),
                ("message", message),
            ],
        ),
        Stop::Store(e) => inert(&e.to_string()).into_owned(),
    }
}

fn ending_of(stop: &Stop) -> Ending {
    match stop {
        Stop::Unreachable { .. } | Stop::Server { .. } | Stop::Busy { .. } => {
            Ending::LrsUnreachable
        }
        Stop::Credentials { .. } | Stop::NotAnLrs { .. } => Ending::Problems,
        Stop::Store(_) => Ending::NoDatabase,
    }
}

/// `zhulao sync [--lrs URL] [--homepage IRI] [--pull]`.
pub fn sync_command(
    run: &Run,
    lrs_url: Option<String>,
    homepage: Option<String>,
    pull: bool,
) -> Ending {
    let w = run.words();
    let go = || -> Result<Ending, Ending> {
        let config = run.config(Overrides::from_env(homepage, lrs_url))?;
        let Some(url) = config.lrs_url.as_deref() else {
            let file = shown(&run.data.join(super::config::CONFIG_FILE));
            say_err(&fill(w.which_lrs, &[("file", &file)]));
            return Err(Ending::BadArguments);
        };
        let lrs = Lrs::new(url, config.key.as_deref(), config.secret.as_deref()).map_err(|_| {
            say_err(&fill(w.bad_address, &[("url", &inert(url))]));
            Ending::BadArguments
        })?;
        let library = run.library()?;
        let mut store = run.open()?;
        if pull {
            return Ok(pull_command(run, &mut store, &lrs, &library));
        }
        let endpoint = inert(lrs.endpoint()).into_owned();
        let sending = Sending {
            homepage: &config.homepage,
            library: &library,
            with_names: config.share_names,
        };
        // A busy LRS is waited for as it asks (a minute at most each time, a few times).
        let (report, stop) = sync(&mut store, &lrs, &sending, &mut std::thread::sleep);
        for skipped in &report.skipped {
            let super::statement::EncodeError::BadTime { id, at } = skipped;
            say_err(&fill(
                w.skipped_sync,
                &[("id", &inert(id)), ("at", &inert(at))],
            ));
        }
        for (id, why) in &report.refused {
            let why = match why.strip_prefix(super::sync::CONFLICT) {
                Some(rest) => format!("{}{rest}", w.conflict),
                None => why.clone(),
            };
            say_err(&fill(w.refused, &[("id", &inert(id)), ("why", &why)]));
        }
        match stop {
            None => {
                let left = (report.refused.len() + report.skipped.len()) as u64;
                let rest = if left == 0 {
                    w.nothing_left.to_string()
                } else {
                    fill(w.left, &[("statements", &run.statements(left))])
                };
                say(&fill(
                    w.sent,
                    &[
                        ("statements", &run.statements(report.sent)),
                        ("endpoint", &endpoint),
                        ("rest", &rest),
                    ],
                ));
                Ok(if left == 0 {
                    Ending::Done
                } else {
                    Ending::Problems
                })
            }
            Some(stop) => {
                let marked = if report.sent == 0 {
                    w.nothing_marked.to_string()
                } else {
                    fill(
                        w.some_marked,
                        &[("statements", &run.statements(report.sent))],
                    )
                };
                let again = match &stop {
                    Stop::Credentials { .. } | Stop::NotAnLrs { .. } => w.again_fix,
                    Stop::Store(_) => w.again_store,
                    _ => w.again_later,
                };
                say_err(&fill(
                    w.stopped,
                    &[
                        ("stop", &stop_words(w, &stop)),
                        ("marked", &marked),
                        ("again", again),
                    ],
                ));
                Ok(ending_of(&stop))
            }
        }
    };
    go().unwrap_or_else(|e| e)
}

/// `zhulao sync --pull`: see `super::pull`.
fn pull_command(run: &Run, store: &mut Store, lrs: &Lrs, library: &Library) -> Ending {
    let w = run.words();
    let endpoint = inert(lrs.endpoint()).into_owned();
    let (report, stop) = super::pull::pull(store, lrs, library, &mut std::thread::sleep);
    for (id, why) in report.invalid.iter().take(LISTED) {
        say_err(&fill(w.refused, &[("id", id), ("why", why)]));
    }
    say(&fill(
        w.pulled,
        &[
            ("added", &run.statements(report.added)),
            ("there", &report.already_there.to_string()),
            ("endpoint", &endpoint),
        ],
    ));
    say(&fill(
        w.pulled_roster,
        &[
            ("learners", &report.learners_added.len().to_string()),
            ("changed", &report.groups_changed.to_string()),
        ],
    ));
    print_learners_added(run, &endpoint, &report.learners_added);
    if report.not_zhulao > 0 {
        say(&fill(
            w.pulled_others,
            &[("n", &report.not_zhulao.to_string())],
        ));
    }
    if report.conflicts > 0 {
        say_err(&fill(
            w.pulled_conflicts,
            &[("n", &report.conflicts.to_string())],
        ));
    }
    match stop {
        None if report.invalid.is_empty() && report.conflicts == 0 => Ending::Done,
        None => Ending::Problems,
        Some(stop) => {
            // What came before the stop is kept; a pull again goes on from there.
            let again = match &stop {
                Stop::Credentials { .. } | Stop::NotAnLrs { .. } => w.again_fix,
                _ => w.again_later,
            };
            say_err(&format!("{}{again}", stop_words(w, &stop)));
            ending_of(&stop)
        }
    }
}
