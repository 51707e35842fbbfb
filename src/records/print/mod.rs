//! `zhulao print`: paper for the end of a term. A certificate of completion (结业证书) for each
//! learner who finished a course (`certificate`), and a large-print take-home sheet (练习单) for
//! a lesson or a whole course (`sheet`), whose phone pictures are the app's own drawing
//! (`screen`). Both are one self-contained A4 HTML file (`html`) that any browser prints, and a
//! PDF beside it where Chromium is installed (`pdf`); files are named for the teacher and never
//! written over unless asked (`files`). Everything said is in the teacher's language.

pub mod certificate;
pub mod files;
pub mod html;
pub mod pdf;
pub mod screen;
pub mod sheet;

use std::path::{Path, PathBuf};

use crate::built_in::load_library;
use crate::content::{Library, Pack};
use crate::inert::{inert, normalise_name};
use crate::lang::Lang;
use crate::progress::Store;
use crate::progress::store::DB_FILE;
use crate::progress::store::roster::RosterEntry;
use crate::records::report::local_offset;
use crate::settings::CentreSettings;
use crate::ui::context::learner_display_name;
use crate::ui::words::print::{PrintWords, print_words};
use crate::ui::words::{fill, words};
use html::Kind;

/// What to print.
#[derive(Debug, Clone)]
pub enum Request {
    /// Certificates: of one learner (`learner`), or of everyone who finished; of one course, or
    /// of every course finished.
    Certificate {
        learner: Option<String>,
        course: Option<String>,
        centre: Option<String>,
        save_centre: bool,
    },
    /// Sheets: "pack/lesson" (id or number), or "pack" for each of its lessons.
    Sheet { target: String },
}

/// Where the files go.
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    pub replace: bool,
}

/// Why nothing (or not everything) was printed, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// An unknown learner, course or lesson; no centre name.
    BadArguments,
    /// The learner (or nobody) has finished the course.
    NotFinished,
    NoDatabase,
    BrokenPack,
    /// A file is already there, or the folder cannot be written.
    CannotWrite,
    /// The HTML is written, but Chromium failed to make the PDF.
    PdfFailed,
}

/// What the command says: lines for the teacher, and a failure if there was one.
pub struct Printed {
    pub lines: Vec<String>,
    pub failure: Option<Failure>,
}

type Refusal = (Failure, String);

/// Runs `zhulao print`.
pub fn run(
    request: &Request,
    out: &Output,
    data_dir: &Path,
    lessons: Option<&Path>,
    lang: Lang,
) -> Result<Printed, Refusal> {
    let pw = print_words(lang);
    let library = load_library(lessons).map_err(|errors| {
        let mut message = pw.broken_pack.to_string();
        for e in &errors {
            message.push('\n');
            message.push_str(&e.shown(lang));
        }
        (Failure::BrokenPack, message)
    })?;
    let mut said = Vec::new();
    let printing = match request {
        Request::Certificate {
            learner,
            course,
            centre,
            save_centre,
        } => {
            let mut store = open(data_dir, pw)?;
            let centre = centre_name(&mut store, centre.as_deref(), *save_centre, pw, &mut said)?;
            certificates(
                &store,
                &library,
                learner.as_deref(),
                course.as_deref(),
                &centre,
                lang,
            )?
        }
        Request::Sheet { target } => {
            // The centre's name at the foot of a sheet, where it is known; a sheet needs no
            // records otherwise.
            let centre = open(data_dir, pw)
                .ok()
                .and_then(|s| s.centre_settings().ok())
                .map(|c| c.name)
                .unwrap_or_default();
            sheets(&library, target, &centre, lang)?
        }
    };
    let (lines, failure) = deliver(&printing, out, lang)?;
    said.extend(lines);
    Ok(Printed {
        lines: said,
        failure,
    })
}

/// A document ready to be written.
struct Printing {
    kind: Kind,
    title: String,
    stem: String,
    pages: Vec<String>,
}

fn open(data_dir: &Path, pw: &PrintWords) -> Result<Store, Refusal> {
    // Printing never starts a new, empty progress file.
    if !data_dir.join(DB_FILE).is_file() {
        let dir = inert(&data_dir.display().to_string()).into_owned();
        return Err((Failure::NoDatabase, fill(pw.no_database, &[("dir", &dir)])));
    }
    Store::open_for_report(data_dir).map_err(|e| {
        let why = inert(&e.to_string()).into_owned();
        (Failure::NoDatabase, fill(pw.cannot_read, &[("why", &why)]))
    })
}

/// The name to print: `--centre`, else the one kept; kept when `save` is asked.
fn centre_name(
    store: &mut Store,
    given: Option<&str>,
    save: bool,
    pw: &PrintWords,
    said: &mut Vec<String>,
) -> Result<String, Refusal> {
    let cannot_read = |e: crate::progress::StoreError| {
        let why = inert(&e.to_string()).into_owned();
        (Failure::NoDatabase, fill(pw.cannot_read, &[("why", &why)]))
    };
    let kept = store.centre_settings().map_err(cannot_read)?;
    let name = match given.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_string(),
        None => kept.name.clone(),
    };
    if name.is_empty() {
        return Err((Failure::BadArguments, pw.no_centre.to_string()));
    }
    if save && given.is_some() {
        store
            .save_centre_settings(&CentreSettings {
                name: name.clone(),
                ..kept
            })
            .map_err(cannot_read)?;
        let kept = store.centre_settings().map_err(cannot_read)?.name;
        said.push(fill(pw.centre_saved, &[("centre", &inert(&kept))]));
        return Ok(kept);
    }
    Ok(name)
}

/// `items` joined for a message, at most `most` of them.
fn listed(items: &[String], pw: &PrintWords) -> String {
    const MOST: usize = 30;
    let mut shown = items
        .iter()
        .take(MOST)
        .cloned()
        .collect::<Vec<_>>()
        .join(pw.list_sep);
    if items.len() > MOST {
        shown.push_str(pw.list_sep);
        shown.push('…');
    }
    inert(&shown).into_owned()
}

/// The course `wanted`: a pack's id, or its title in either language.
fn find_pack<'a>(
    library: &'a Library,
    wanted: &str,
    pw: &PrintWords,
    lang: Lang,
) -> Result<&'a Pack, Refusal> {
    let key = normalise_name(wanted);
    library
        .packs
        .iter()
        .find(|p| {
            p.id == wanted.trim()
                || normalise_name(&p.title.zh) == key
                || normalise_name(&p.title.en) == key
        })
        .ok_or_else(|| {
            let courses: Vec<String> = library
                .packs
                .iter()
                .map(|p| format!("{}（{}）", p.id, p.title.get(lang)))
                .collect();
            (
                Failure::BadArguments,
                fill(
                    pw.unknown_course,
                    &[
                        ("course", &inert(wanted)),
                        ("courses", &listed(&courses, pw)),
                    ],
                ),
            )
        })
}

fn certificates(
    store: &Store,
    library: &Library,
    learner: Option<&str>,
    course: Option<&str>,
    centre: &str,
    lang: Lang,
) -> Result<Printing, Refusal> {
    let pw = print_words(lang);
    let w = words(lang);
    let cannot_read = |e: crate::progress::StoreError| {
        let why = inert(&e.to_string()).into_owned();
        (Failure::NoDatabase, fill(pw.cannot_read, &[("why", &why)]))
    };
    let packs: Vec<&Pack> = match course {
        Some(c) => vec![find_pack(library, c, pw, lang)?],
        None => library.packs.iter().collect(),
    };
    let roster = store.roster(true).map_err(cannot_read)?;
    let name_of =
        |e: &RosterEntry| learner_display_name(w, e.learner.name.as_deref(), e.learner.number);
    let chosen: Vec<&RosterEntry> = match learner {
        None => roster.iter().collect(),
        Some(wanted) => vec![find_learner(&roster, wanted, lang).ok_or_else(|| {
            let message = if roster.is_empty() {
                pw.no_learners.to_string()
            } else {
                let names: Vec<String> = roster.iter().map(name_of).collect();
                fill(
                    pw.unknown_learner,
                    &[("name", &inert(wanted)), ("names", &listed(&names, pw))],
                )
            };
            (Failure::BadArguments, message)
        })?],
    };
    let offset = local_offset();
    let mut pages = Vec::new();
    let mut names = Vec::new();
    for entry in &chosen {
        let events = store.events_for(&entry.learner.id).map_err(cannot_read)?;
        let name = name_of(entry);
        for pack in &packs {
            let state = certificate::course_state(pack, &events);
            match state.finished_on(offset) {
                Some(date) => {
                    pages.push(certificate::page(
                        &certificate::Certificate {
                            name: &name,
                            pack,
                            date,
                            centre,
                        },
                        lang,
                        pw,
                    ));
                    if names.last() != Some(&name) {
                        names.push(name.clone());
                    }
                }
                // One learner and one course: say what is missing.
                None if learner.is_some() && course.is_some() => {
                    let titles = |ids: &[usize]| -> Vec<String> {
                        ids.iter()
                            .map(|&i| pack.lessons[i].title.get(lang).to_string())
                            .collect()
                    };
                    let message = fill(
                        pw.not_finished,
                        &[
                            ("name", &inert(&name)),
                            ("course", &inert(pack.title.get(lang))),
                            ("total", &pack.lessons.len().to_string()),
                            ("done", &state.done.len().to_string()),
                            ("left", &listed(&titles(&state.left), pw)),
                        ],
                    );
                    return Err((Failure::NotFinished, message));
                }
                None => {}
            }
        }
    }
    if pages.is_empty() {
        let message = match (learner, course) {
            (Some(_), _) => fill(
                pw.learner_finished_nothing,
                &[("name", &inert(&name_of(chosen[0])))],
            ),
            (None, Some(_)) => fill(
                pw.nobody_finished_course,
                &[("course", &inert(packs[0].title.get(lang)))],
            ),
            (None, None) => pw.nobody_finished.to_string(),
        };
        return Err((Failure::NotFinished, message));
    }
    // Named for who and what is on them: 结业证书-王秀英-微信读书, 结业证书-微信读书 (everyone who
    // finished it), 结业证书-王秀英 (each course she finished), 结业证书-全部.
    let who = learner.map(|_| names[0].as_str());
    let what = course.map(|_| packs[0].title.get(lang));
    let mut parts = vec![pw.file_certificate];
    parts.extend(who);
    parts.extend(what);
    if parts.len() == 1 {
        parts.push(pw.file_all);
    }
    Ok(Printing {
        kind: Kind::Certificate,
        title: parts.join(" "),
        stem: files::stem(&parts),
        pages,
    })
}

/// The learner `wanted` is: a name (compared as names are: spaces and full-width letters do
/// not matter), "学员 7" / "Learner 7", or the number 7 of a numbered learner.
fn find_learner<'a>(
    roster: &'a [RosterEntry],
    wanted: &str,
    lang: Lang,
) -> Option<&'a RosterEntry> {
    let key = normalise_name(wanted);
    let number: Option<u32> = wanted.trim().parse().ok();
    roster.iter().find(|e| {
        let l = &e.learner;
        l.name.as_deref().is_some_and(|n| normalise_name(n) == key)
            || (l.name.is_none() && l.number.is_some() && l.number == number)
            || [lang, lang.toggled()].iter().any(|&lg| {
                l.name.is_none()
                    && normalise_name(&learner_display_name(words(lg), None, l.number)) == key
            })
    })
}

fn sheets(library: &Library, target: &str, centre: &str, lang: Lang) -> Result<Printing, Refusal> {
    let pw = print_words(lang);
    let (pack_part, lesson_part) = match target.split_once('/') {
        Some((p, l)) => (p, Some(l.trim())),
        None => (target, None),
    };
    if pack_part.trim().is_empty() || lesson_part.is_some_and(str::is_empty) {
        return Err((
            Failure::BadArguments,
            fill(pw.bad_target, &[("target", &inert(target))]),
        ));
    }
    let pack = find_pack(library, pack_part, pw, lang)?;
    let chosen: Vec<usize> = match lesson_part {
        None => (0..pack.lessons.len()).collect(),
        Some(wanted) => {
            let by_number = wanted
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=pack.lessons.len()).contains(n))
                .map(|n| n - 1);
            let key = normalise_name(wanted);
            let found = pack
                .lessons
                .iter()
                .position(|l| {
                    l.id == wanted
                        || normalise_name(&l.title.zh) == key
                        || normalise_name(&l.title.en) == key
                })
                .or(by_number);
            match found {
                Some(i) => vec![i],
                None => {
                    let lessons: Vec<String> = pack
                        .lessons
                        .iter()
                        .enumerate()
                        .map(|(i, l)| format!("{}. {}（{}）", i + 1, l.id, l.title.get(lang)))
                        .collect();
                    return Err((
                        Failure::BadArguments,
                        fill(
                            pw.unknown_lesson,
                            &[
                                ("course", &inert(pack.title.get(lang))),
                                ("lesson", &inert(wanted)),
                                ("lessons", &listed(&lessons, pw)),
                            ],
                        ),
                    ));
                }
            }
        }
    };
    let pages = chosen
        .iter()
        .map(|&i| sheet::page(pack, &pack.lessons[i], i + 1, lang, pw, centre))
        .collect();
    let course = pack.title.get(lang);
    let (title, parts) = match chosen.as_slice() {
        [i] if lesson_part.is_some() => {
            let lesson = pack.lessons[*i].title.get(lang);
            let number = (i + 1).to_string();
            (
                fill(pw.sheet_title, &[("lesson", lesson)]),
                files::stem(&[pw.file_sheet, course, &number, lesson]),
            )
        }
        _ => (
            fill(pw.sheet_title, &[("lesson", course)]),
            files::stem(&[pw.file_sheet, course]),
        ),
    };
    Ok(Printing {
        kind: Kind::Sheet,
        title,
        stem: parts,
        pages,
    })
}

/// Writes the HTML, then the PDF where Chromium is at hand; the lines to print, and a failure
/// if the PDF could not be made.
fn deliver(
    printing: &Printing,
    out: &Output,
    lang: Lang,
) -> Result<(Vec<String>, Option<Failure>), Refusal> {
    let pw = print_words(lang);
    let shown = |p: &Path| inert(&p.display().to_string()).into_owned();
    let cannot_write = |path: &Path, e: std::io::Error| {
        let why = crate::progress::store::plain_io(&e);
        (
            Failure::CannotWrite,
            fill(pw.cannot_write, &[("path", &shown(path)), ("why", &why)]),
        )
    };
    std::fs::create_dir_all(&out.dir).map_err(|e| cannot_write(&out.dir, e))?;
    let dir = out
        .dir
        .canonicalize()
        .map_err(|e| cannot_write(&out.dir, e))?;
    let planned = files::plan(&dir, &printing.stem);
    if !out.replace
        && let Some(taken) = planned.taken()
    {
        return Err((
            Failure::CannotWrite,
            fill(pw.exists, &[("path", &shown(taken))]),
        ));
    }
    let page_of = (printing.kind == Kind::Sheet).then_some(pw.page_of);
    let text = html::document(
        lang,
        printing.kind,
        &printing.title,
        page_of,
        &printing.pages,
    );
    files::write_whole(&planned.html, &text).map_err(|e| cannot_write(&planned.html, e))?;
    let mut lines = vec![fill(pw.written_html, &[("path", &shown(&planned.html))])];
    let Some(browser) = pdf::find_browser() else {
        lines.push(pw.no_browser.to_string());
        return Ok((lines, None));
    };
    let temp = files::temporary(&planned.pdf);
    let made = pdf::print_to_pdf(&browser, &planned.html, &temp)
        .and_then(|()| std::fs::rename(&temp, &planned.pdf).map_err(|e| e.to_string()));
    match made {
        Ok(()) => {
            lines.push(fill(pw.written_pdf, &[("path", &shown(&planned.pdf))]));
            Ok((lines, None))
        }
        Err(why) => {
            let _ = std::fs::remove_file(&temp);
            lines.push(fill(pw.pdf_failed, &[("why", &why)]));
            Ok((lines, Some(Failure::PdfFailed)))
        }
    }
}
