//! `zhulao doctor`: one command that tells a helper, in plain words, whether this machine is
//! ready for zhulao and what to fix if not — the terminal (size, colours, and whether it draws
//! the block and box characters one cell wide, which is asked of the terminal itself), the data
//! folder, the progress database, the lesson packs, read-aloud, and kiosk mode.
//!
//! Each check gives a finding: fine (✓), worth knowing (!), or to fix (✗). Exit code 0 means
//! nothing to fix. The checks only read — except the terminal probe, which prints a few
//! characters on one line and wipes them — so the doctor is safe to run on a kiosk's data.
//! What it says, in both languages, is in `crate::ui::words::doctor`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::inert::inert;
use crate::lang::Lang;
use crate::progress::Store;
use crate::progress::store::DB_FILE;
use crate::settings::SettingsOwner;
use crate::speech::{Availability, Speaker, SpeechCommand};
use crate::ui::words::doctor::DoctorWords;
use crate::ui::words::{fill, words};

/// What the doctor is asked to look at.
#[derive(Debug, Clone)]
pub struct Options {
    pub data: PathBuf,
    pub lessons: Option<PathBuf>,
    /// `--kiosk` was given: check as for a kiosk even if the setting is off.
    pub kiosk: bool,
    pub speech_command: Option<String>,
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fine,
    Note,
    Fix,
}

/// One finding, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    fn add(&mut self, level: Level, zh: impl Into<String>, en: impl Into<String>) {
        self.findings.push(Finding {
            level,
            zh: zh.into(),
            en: en.into(),
        });
    }

    /// A finding in the words of `crate::ui::words::doctor`: `say` is asked once in each
    /// language.
    fn say(&mut self, level: Level, say: impl Fn(&DoctorWords) -> String) {
        let (zh, en) = both(say);
        self.add(level, zh, en);
    }

    pub fn all_fine(&self) -> bool {
        self.findings.iter().all(|f| f.level != Level::Fix)
    }

    /// The report as printed: one line per finding, marked ✓ ! ✗ (never by colour alone), and
    /// a last line saying how many things to fix.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::from("zhulao doctor\n");
        for f in &self.findings {
            let mark = match f.level {
                Level::Fine => "✓",
                Level::Note => "!",
                Level::Fix => "✗",
            };
            let words = match lang {
                Lang::Zh => &f.zh,
                Lang::En => &f.en,
            };
            // Paths and error messages come from outside: made harmless before printing, line
            // by line (a finding may list several lines).
            for (i, line) in words.lines().enumerate() {
                let lead = if i == 0 { mark } else { " " };
                out.push_str(&format!("{lead} {}\n", inert(line)));
            }
        }
        let fixes = self
            .findings
            .iter()
            .filter(|f| f.level == Level::Fix)
            .count();
        let w = words(lang).doctor;
        out.push_str(&match fixes {
            0 => w.all_fine.to_string(),
            1 => fill(w.fix_one, &[("n", "1")]),
            n => fill(w.fix_many, &[("n", &n.to_string())]),
        });
        out.push('\n');
        out
    }
}

/// The words of a finding in Chinese and in English.
fn both(say: impl Fn(&DoctorWords) -> String) -> (String, String) {
    (say(words(Lang::Zh).doctor), say(words(Lang::En).doctor))
}

pub fn run(options: &Options) -> Report {
    let mut report = Report::default();
    terminal(&mut report);
    let folder_ok = data_folder(&mut report, &options.data);
    let store = if folder_ok {
        database(&mut report, &options.data)
    } else {
        None
    };
    packs(&mut report, options.lessons.as_deref());
    speech(&mut report, options, store.as_ref());
    kiosk(&mut report, options, store.as_ref());
    report
}

/// The characters zhulao draws that must each take one cell: borders (plain, thick, rounded),
/// the half and full blocks of big text, and the marks. Terminals set to draw "ambiguous
/// width" characters wide (a setting some CJK users turn on) break every screen.
pub const SINGLE_WIDTH: [char; 34] = [
    '─', '┈', '│', '┌', '┐', '└', '┘', '━', '┃', '┏', '┓', '┗', '┛', '╭', '╮', '╰', '╯', '█', '▀',
    '▄', '»', '✓', '✗', '★', '☆', '‹', '›', '·', '…', '→', '←', '↑', '↓', '•',
];

fn terminal(report: &mut Report) {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        report.say(Level::Fix, |w| w.not_a_terminal.into());
        colours(report);
        return;
    }
    match crossterm::terminal::size() {
        Ok((cols, rows)) => {
            let fits = cols >= 40 && rows >= 12;
            let level = if fits { Level::Fine } else { Level::Fix };
            let (cols, rows) = (cols.to_string(), rows.to_string());
            report.say(level, |w| {
                let template = if fits {
                    w.terminal_size
                } else {
                    w.terminal_too_small
                };
                fill(template, &[("cols", &cols), ("rows", &rows)])
            });
        }
        Err(e) => {
            let reason = e.to_string();
            report.say(Level::Fix, |w| {
                fill(w.terminal_size_unknown, &[("reason", &reason)])
            });
        }
    }
    colours(report);
    widths(report);
}

fn colours(report: &mut Report) {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let (term, colorterm) = (var("TERM"), var("COLORTERM"));
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        report.say(Level::Note, |w| w.no_color.into());
    } else if term.is_empty() || term == "dumb" {
        report.say(Level::Fix, |w| fill(w.colour_none, &[("term", &term)]));
    } else if matches!(colorterm.as_str(), "truecolor" | "24bit") {
        report.say(Level::Fine, |w| {
            fill(w.colour_full, &[("colorterm", &colorterm)])
        });
    } else {
        report.say(Level::Note, |w| fill(w.colour_maybe, &[("term", &term)]));
    }
}

/// Prints each character at the start of a line and asks the terminal where its cursor went.
fn widths(report: &mut Report) {
    let probed = probe_widths();
    match probed {
        Err(e) => {
            let reason = e.to_string();
            report.say(Level::Note, |w| {
                fill(w.widths_unknown, &[("reason", &reason)])
            });
        }
        Ok((wide, cjk)) => {
            if wide.is_empty() {
                report.say(Level::Fine, |w| w.widths_fine.into());
            } else {
                let list: String = wide.iter().map(|c| format!("{c} ")).collect();
                report.say(Level::Fix, |w| fill(w.widths_wide, &[("list", &list)]));
            }
            if cjk != 2 {
                let cells = cjk.to_string();
                report.say(Level::Fix, |w| fill(w.chinese_width, &[("cells", &cells)]));
            }
        }
    }
}

/// The characters of `SINGLE_WIDTH` drawn wider than one cell, and the width of "中".
fn probe_widths() -> std::io::Result<(Vec<char>, u16)> {
    use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    enable_raw_mode()?;
    let result = (|| {
        let mut out = std::io::stdout();
        let mut width_of = |c: char| -> std::io::Result<u16> {
            write!(out, "\r{c}")?;
            out.flush()?;
            let (col, _) = crossterm::cursor::position()?;
            Ok(col)
        };
        let mut wide = Vec::new();
        for c in SINGLE_WIDTH {
            if width_of(c)? != 1 {
                wide.push(c);
            }
        }
        let cjk = width_of('中')?;
        Ok((wide, cjk))
    })();
    // Wipe the probe, whatever happened.
    let mut out = std::io::stdout();
    let _ = write!(out, "\r\x1b[2K");
    let _ = out.flush();
    let _ = disable_raw_mode();
    result
}

/// Whether the folder is there (or can be made) and can be written to; how much room is left.
fn data_folder(report: &mut Report, data: &Path) -> bool {
    let shown = data.display().to_string();
    if data.exists() && !data.is_dir() {
        report.say(Level::Fix, |w| {
            fill(w.folder_is_file, &[("folder", &shown)])
        });
        return false;
    }
    let existing = data.ancestors().find(|p| p.is_dir());
    let Some(existing) = existing else {
        report.say(Level::Fix, |w| {
            fill(w.folder_cannot_make, &[("folder", &shown)])
        });
        return false;
    };
    let probe = existing.join(format!(".zhulao-doctor-{}", std::process::id()));
    let writable = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    if !writable {
        let folder = existing.display().to_string();
        report.say(Level::Fix, |w| {
            fill(w.folder_read_only, &[("folder", &folder)])
        });
        return false;
    }
    let (level, zh, en) = free_space(&shown, free_megabytes(existing));
    report.add(level, zh, en);
    true
}

/// What a day of classes writes, with room to spare, in MB: 30 learners answering for six
/// hours, about 120 answers an hour each, is 21 600 answers; at about 450 bytes each in the
/// progress file (measured: 438, with its indexes) that is 10 MB. The write-ahead log (128 KB
/// at most), the day's reports and SQLite's working files take some more: twice that, and a
/// little over.
pub const DAY_OF_CLASSES_MB: u64 = 25;

/// The free space under the data folder, said against a day of classes: less than a day is
/// something to fix (answers would stop being saved that day), less than ten days a note.
fn free_space(shown: &str, free_mb: Option<u64>) -> (Level, String, String) {
    let day = DAY_OF_CLASSES_MB;
    // The folder (outside text) goes in last, so nothing in its name is taken for a placeholder.
    let (level, (zh, en)) = match free_mb {
        Some(mb) if mb < day => (
            Level::Fix,
            both(|w| {
                let (mb, day) = (mb.to_string(), day.to_string());
                fill(
                    w.space_short,
                    &[("mb", &mb), ("day", &day), ("folder", shown)],
                )
            }),
        ),
        Some(mb) if mb < 10 * day => (
            Level::Note,
            both(|w| {
                let (mb, days) = (mb.to_string(), (mb / day).to_string());
                fill(
                    w.space_low,
                    &[("mb", &mb), ("days", &days), ("folder", shown)],
                )
            }),
        ),
        Some(mb) => (
            Level::Fine,
            both(|w| fill(w.space_fine, &[("mb", &mb.to_string()), ("folder", shown)])),
        ),
        None => (
            Level::Fine,
            both(|w| fill(w.space_unknown, &[("folder", shown)])),
        ),
    };
    (level, zh, en)
}

#[cfg(unix)]
fn free_megabytes(dir: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(dir).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize) / (1024 * 1024))
}

#[cfg(not(unix))]
fn free_megabytes(_dir: &Path) -> Option<u64> {
    None
}

/// Opens the progress file (if there is one) and runs SQLite's full integrity check; lists
/// damaged files set aside by a kiosk, and the log's last lines.
fn database(report: &mut Report, data: &Path) -> Option<Store> {
    let file = data.join(DB_FILE);
    for set_aside in crate::kiosk::set_aside::list(data) {
        let set_aside = set_aside.display().to_string();
        report.say(Level::Note, |w| fill(w.set_aside, &[("file", &set_aside)]));
    }
    let log = crate::kiosk::log::tail(data, 3);
    if !log.is_empty() {
        // The lines go after the filled-in words, so nothing in them is taken for a
        // placeholder.
        let path = crate::kiosk::log::path(data).display().to_string();
        let lines = log.join("\n  ");
        report.say(Level::Note, |w| {
            format!("{}\n  {lines}", fill(w.log, &[("file", &path)]))
        });
    }
    if !file.exists() {
        report.say(Level::Fine, |w| w.progress_none.into());
        return None;
    }
    let store = match Store::open(data) {
        Ok(store) => store,
        Err(e) => {
            let reason = e.to_string();
            report.say(Level::Fix, |w| {
                fill(w.progress_unopened, &[("reason", &reason)])
            });
            return None;
        }
    };
    let shown = file.display().to_string();
    match store.integrity_check() {
        Ok(problems) if problems.is_empty() => {
            let answers = store.event_count().unwrap_or(0).to_string();
            let learners = store.learners().map(|l| l.len()).unwrap_or(0).to_string();
            report.say(Level::Fine, |w| {
                fill(
                    w.progress_sound,
                    &[
                        ("learners", &learners),
                        ("records", &answers),
                        ("file", &shown),
                    ],
                )
            });
        }
        Ok(problems) => {
            let count = problems.len().to_string();
            report.say(Level::Fix, |w| {
                fill(
                    w.progress_damaged,
                    &[("problems", &count), ("file", &shown)],
                )
            });
        }
        Err(e) => {
            let reason = e.to_string();
            report.say(Level::Fix, |w| {
                fill(w.progress_unchecked, &[("reason", &reason)])
            });
        }
    }
    Some(store)
}

fn packs(report: &mut Report, lessons: Option<&Path>) {
    match crate::built_in::load_library(lessons) {
        Ok(library) => {
            let lessons_n: usize = library.packs.iter().map(|p| p.lessons.len()).sum();
            let (packs, lessons) = (library.packs.len().to_string(), lessons_n.to_string());
            report.say(Level::Fine, |w| {
                fill(w.lessons_fine, &[("packs", &packs), ("lessons", &lessons)])
            });
        }
        Err(errors) => {
            // Each language lists the problems in its own words; they go in last.
            let n = errors.len().to_string();
            let [zh, en] = [Lang::Zh, Lang::En].map(|lang| {
                let first: Vec<String> = errors.iter().take(5).map(|e| e.shown(lang)).collect();
                fill(
                    words(lang).doctor.lessons_problems,
                    &[("n", &n), ("problems", &first.join("\n  "))],
                )
            });
            report.add(Level::Fix, zh, en);
        }
    }
}

fn speech(report: &mut Report, options: &Options, store: Option<&Store>) {
    let command = match SpeechCommand::resolve(options.speech_command.as_deref()) {
        Ok(command) => command,
        Err(e) => {
            let reason = e.to_string();
            report.say(Level::Fix, |w| {
                fill(w.speech_command_bad, &[("reason", &reason)])
            });
            return;
        }
    };
    let wanted = store
        .and_then(|s| s.settings(&SettingsOwner::Machine).ok().flatten())
        .is_some_and(|s| s.read_aloud);
    match Speaker::new(Some(command)).available() {
        Availability::Ready => report.say(Level::Fine, |w| w.speech_ready.into()),
        Availability::NotInstalled { program } => {
            let level = if wanted { Level::Fix } else { Level::Note };
            report.say(level, |w| fill(w.speech_missing, &[("program", &program)]));
        }
    }
}

fn kiosk(report: &mut Report, options: &Options, store: Option<&Store>) {
    let settings = store
        .and_then(|s| s.kiosk_settings().ok())
        .unwrap_or_default();
    if !options.kiosk && !settings.enabled {
        report.say(Level::Note, |w| w.kiosk_off.into());
        return;
    }
    let pin = store.and_then(|s| s.pin_state().ok());
    match pin {
        Some(p) if p.locked() => report.say(Level::Fix, |w| w.kiosk_locked.into()),
        Some(p) if p.hash.is_some() => {
            let minutes = settings.idle_minutes.to_string();
            report.say(Level::Fine, |w| {
                fill(w.kiosk_ready, &[("minutes", &minutes)])
            });
        }
        _ => report.say(Level::Fix, |w| w.kiosk_no_pin.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_with_something_to_fix_says_how_many_and_marks_each_line() {
        let mut r = Report::default();
        r.add(Level::Fine, "好", "good");
        r.add(Level::Note, "注意", "note");
        assert!(r.all_fine());
        assert!(
            r.text(Lang::En)
                .ends_with("✓ good\n! note\nAll fine: ready to use.\n")
        );
        r.add(Level::Fix, "修", "fix \x1b[31m");
        assert!(!r.all_fine());
        let en = r.text(Lang::En);
        assert!(
            en.ends_with("✗ fix \\u{001B}[31m\n1 thing to fix (marked ✗).\n"),
            "{en}"
        );
        assert!(r.text(Lang::Zh).ends_with("有 1 件事要修（标 ✗ 的）。\n"));
    }

    #[test]
    fn free_space_is_weighed_against_a_day_of_classes() {
        let level = |mb| free_space("/data", mb).0;
        assert_eq!(level(Some(0)), Level::Fix);
        assert_eq!(level(Some(DAY_OF_CLASSES_MB - 1)), Level::Fix);
        assert_eq!(level(Some(DAY_OF_CLASSES_MB)), Level::Note);
        assert_eq!(level(Some(10 * DAY_OF_CLASSES_MB)), Level::Fine);
        assert_eq!(level(None), Level::Fine);
        let (_, zh, en) = free_space("/data", Some(3));
        assert!(zh.contains("只剩 3 MB，不够一天的课"), "{zh}");
        assert!(
            en.contains("only 3 MB is free, less than a day of classes needs"),
            "{en}"
        );
        let (_, zh, _) = free_space("/data", Some(60));
        assert!(zh.contains("大约够 2 天的课"), "{zh}");
    }

    #[test]
    fn the_probe_list_holds_only_characters_unicode_calls_one_cell_wide() {
        use unicode_width::UnicodeWidthChar;
        for c in SINGLE_WIDTH {
            assert_eq!(c.width(), Some(1), "{c}");
        }
    }
}
