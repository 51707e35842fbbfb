//! Shared test helpers: an app wired to a real SQLite store in a temporary folder, driven through
//! the same `dispatch` the real loop uses, and rendered with ratatui's TestBackend.
#![allow(dead_code)]

pub mod rng;

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use zhulao::app::{Action, App, Env, Now};
use zhulao::content::{Exercise, Library, Source, Step};
use zhulao::event_loop::{Io, Pending, dispatch};
use zhulao::lang::Lang;
use zhulao::overlays::Overlay;
use zhulao::progress::{Learner, Store};
use zhulao::screens::Screen;
use zhulao::screens::player::{Feedback, Player, VERDICTS};
use zhulao::settings::{Settings, SettingsOwner};
use zhulao::speech::{Speaker, SpeechCommand};
use zhulao::ui::{self, Hits};

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs")
}

/// The small test pack (every exercise kind, in a known order).
pub fn fixture_library() -> Library {
    let (packs, errors) = Source::directory(&fixture_dir()).unwrap().load();
    assert!(errors.is_empty(), "{errors:?}");
    let mut lib = Library::default();
    lib.merge(packs);
    lib
}

/// The real binary on the test pack, in a `cols × rows` pseudo-terminal, with `extra`
/// arguments and environment variables.
pub fn start_app(
    data: &Path,
    cols: u16,
    rows: u16,
    extra: &[&str],
    env: &[(&str, &str)],
) -> pty::Session {
    let mut args = vec!["--lessons".to_string(), fixture_dir().display().to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    pty::Session::start_with_env(env!("CARGO_BIN_EXE_zhulao"), data, cols, rows, &args, env)
}

/// From the welcome screen (in Chinese): a new numbered learner opens the test lesson.
pub fn open_test_lesson(s: &mut pty::Session) {
    s.wait_for("开始学习");
    s.key("1", "新学员：用编号");
    s.key("2", "练习课");
    s.key("1", "每种练习");
    s.key("1", "第 1 步 / 共 7 步");
}

/// A speaker whose program does not exist: the tests that need speech bring their own.
pub fn silent_speaker() -> Speaker {
    Speaker::new(Some(
        SpeechCommand::parse("/nonexistent/zhulao-test-tts").unwrap(),
    ))
}

pub struct Harness {
    pub app: App,
    /// The app's runner, as in the app: the lessons (`io.lib`), a real store, no speech.
    pub io: Io,
    pub dir: tempfile::TempDir,
    /// The loop's clock: each action is 1.5 s after the one before; a test may move it.
    pub now: Now,
    pending: Pending,
}

/// When a harness's clock starts: a Monday morning in class (Beijing time).
pub fn class_time() -> Now {
    Now::at(
        0,
        time::macros::datetime!(2026-11-02 09:00 +8).to_offset(time::UtcOffset::UTC),
    )
}

/// The app's runner on `store`, which waits for another window's lock itself (as the store's
/// own API does) instead of handing the retrying to a loop.
fn io(lib: Library, store: Store) -> Io {
    let mut io = Io::new(lib, store, silent_speaker());
    io.store.set_patience(zhulao::progress::store::PATIENCE);
    io
}

impl Harness {
    pub fn new(library: Library, lang: Lang) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // Repeatable ids: choices are shuffled by the run's id, and snapshots must not change.
        store.repeatable_ids(1);
        let settings = Settings {
            lang,
            ..Settings::default()
        };
        Harness {
            app: App::new(settings, Env::default()),
            io: io(library, store),
            dir,
            now: class_time(),
            pending: Pending::default(),
        }
    }

    pub fn fixture(lang: Lang) -> Harness {
        Harness::new(fixture_library(), lang)
    }

    /// Re-opens the app on the same database, as after a restart (with the machine's settings
    /// as the database holds them).
    pub fn restart(self) -> Harness {
        let Harness {
            app,
            io: old,
            dir,
            now,
            ..
        } = self;
        let lang = app.session.machine.lang;
        let lib = old.lib;
        drop(old.store);
        let mut store = Store::open(dir.path()).unwrap();
        store.repeatable_ids(2);
        let machine = store
            .settings(&SettingsOwner::Machine)
            .unwrap()
            .unwrap_or(Settings {
                lang,
                ..Settings::default()
            });
        Harness {
            app: App::new(machine, app.env.clone()),
            io: io(lib, store),
            dir,
            now: Now::at(0, now.wall),
            pending: Pending::default(),
        }
    }

    pub fn act(&mut self, action: Action) -> &mut Self {
        self.now = self.now.later(1500);
        dispatch(
            &mut self.app,
            &mut self.io,
            action,
            self.now,
            &mut self.pending,
        );
        assert!(
            self.pending.deferred.is_none() && !self.pending.stop,
            "the store waits for a lock itself"
        );
        self
    }

    /// Moves the clock to the wall-clock time `at` (a day later, say).
    pub fn set_time(&mut self, at: time::OffsetDateTime) -> &mut Self {
        self.now.wall = at;
        self
    }

    pub fn acts(&mut self, actions: &[Action]) -> &mut Self {
        for a in actions {
            self.act(a.clone());
        }
        self
    }

    /// The name of the screen showing ("Player").
    pub fn screen(&self) -> &'static str {
        self.app.screen.name()
    }

    pub fn player(&self) -> &Player {
        self.app.player().expect("in a lesson")
    }

    /// The learners listed on the who-is-learning screen.
    pub fn learners(&self) -> Vec<Learner> {
        match &self.app.screen {
            Screen::Learners(l) => l.list.clone(),
            other => panic!("not on the learner list but on {}", other.name()),
        }
    }

    pub fn name_field(&self) -> &zhulao::screens::new_learner::NewLearner {
        match &self.app.screen {
            Screen::NewLearner(n) => n,
            other => panic!("not typing a name but on {}", other.name()),
        }
    }

    /// On the learner list: picks the learner with this id (names come after the new-learner
    /// and find-by-number entries).
    pub fn pick_learner(&mut self, id: &str) -> &mut Self {
        let list = self.learners();
        let i = list.iter().position(|l| l.id == id).expect("on the list");
        self.act(Action::Select(i + zhulao::screens::learners::FIND + 1))
    }

    pub fn quit_asked(&self) -> bool {
        self.app.has_overlay(|o| matches!(o, Overlay::Quit(_)))
    }

    pub fn store(&self) -> &Store {
        &self.io.store
    }

    /// Welcome → a new numbered learner → the first pack's first lesson.
    pub fn open_first_lesson(&mut self) -> &mut Self {
        self.act(Action::Confirm); // start
        self.act(Action::Select(zhulao::screens::learners::NEW_NUMBERED));
        assert_eq!(self.screen(), "Packs");
        self.act(Action::Select(0));
        self.act(Action::Select(0));
        assert_eq!(self.screen(), "Player");
        self
    }

    /// The test lesson, answered right up to the step `id`.
    pub fn at_step(lang: Lang, id: &str) -> Harness {
        let mut h = Harness::fixture(lang);
        h.open_first_lesson();
        while h.step_id() != id {
            let a = h.right_answer();
            h.acts(&a);
        }
        h
    }

    pub fn step(&self) -> &Step {
        self.app.current_step(&self.io.lib).expect("on a step")
    }

    /// The actions that answer the current step right.
    pub fn right_answer(&self) -> Vec<Action> {
        let p = self.player();
        if p.feedback == Feedback::Right {
            return vec![Action::Confirm];
        }
        match &self.step().exercise {
            Exercise::Read => vec![Action::Confirm],
            Exercise::Tap { target, .. } => vec![Action::Select(*target)],
            Exercise::Choice { right, .. } => {
                vec![Action::Select(
                    p.shuffle.iter().position(|&x| x == *right).unwrap(),
                )]
            }
            Exercise::Order { items } => (0..items.len())
                .map(|i| Action::Select(p.shuffle.iter().position(|&x| x == i).unwrap()))
                .collect(),
            Exercise::Digits { answer, .. } => answer
                .bytes()
                .map(|b| match b {
                    b'.' => Action::Point,
                    b'X' => Action::Letter('x'),
                    d => Action::Digit(d - b'0'),
                })
                .chain([Action::Confirm])
                .collect(),
            Exercise::Swipe { direction } => vec![Action::Swipe(*direction)],
            Exercise::Hold { target } => vec![Action::Hold(Some(*target))],
            Exercise::Slide { level, .. } => vec![Action::Level(*level), Action::Confirm],
            Exercise::Judge { verdict, right, .. } => {
                let sign = Action::Select(p.shuffle.iter().position(|&x| x == *right).unwrap());
                if p.verdict_done {
                    vec![sign]
                } else {
                    let v = zhulao::screens::player::VERDICTS
                        .iter()
                        .position(|v| v == verdict)
                        .unwrap();
                    vec![Action::Select(v), sign]
                }
            }
        }
    }

    /// Answers every remaining step right until the lesson-complete screen.
    pub fn finish_lesson(&mut self) -> &mut Self {
        for _ in 0..200 {
            if self.screen() != "Player" {
                break;
            }
            let actions = self.right_answer();
            self.acts(&actions);
        }
        assert_eq!(self.screen(), "Complete");
        self
    }

    /// Stars earned by the lesson just completed.
    pub fn earned_stars(&self) -> u8 {
        match &self.app.screen {
            Screen::Complete(c) => c.stars,
            other => panic!("not on lesson complete but on {}", other.name()),
        }
    }

    pub fn step_id(&self) -> String {
        self.app
            .current_step(&self.io.lib)
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }

    pub fn render(&self, w: u16, h: u16) -> (String, Hits) {
        render(&self.app, &self.io.lib, w, h)
    }
}

pub fn render(app: &App, lib: &Library, w: u16, h: u16) -> (String, Hits) {
    let (buf, hits) = render_buffer(app, lib, w, h);
    (buffer_text(&buf), hits)
}

/// The screen as drawn in Chinese and in English at each of `sizes`, each with its snapshot
/// suffix ("zh_80x24"): what the snapshot tests compare.
pub fn in_each_language(app: &App, lib: &Library, sizes: &[(u16, u16)]) -> Vec<(String, String)> {
    let mut app = app.clone();
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        app.session.settings.lang = lang;
        for &(w, h) in sizes {
            let (text, _) = render(&app, lib, w, h);
            out.push((format!("{}_{w}x{h}", lang.as_str()), text));
        }
    }
    out
}

/// The drawn buffer itself, with its colours, and the hits.
pub fn render_buffer(app: &App, lib: &Library, w: u16, h: u16) -> (Buffer, Hits) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = ui::draw(app, lib, buf.area, &mut buf);
    (buf, hits)
}

/// The buffer as plain text, one line per row, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in zhulao::ui::text::buffer_rows(buf) {
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// Draws through a real ratatui Terminal on a TestBackend (as the loop does).
pub fn terminal_text(app: &App, lib: &Library, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            let area = f.area();
            ui::draw(app, lib, area, f.buffer_mut());
        })
        .unwrap();
    buffer_text(terminal.backend().buffer())
}
pub mod pty;

/// The learner's screens one after another: welcome, the quit question, settings, the learner
/// list, a name being typed, packs, find-by-number (a number not found, then found), lessons,
/// every step of the test lesson (with a wrong move and the help page on each), and lesson
/// complete. Each move names its menu entry and checks where it lands: a blind sequence of
/// keys drifted once (the welcome screen came to keep its highlight) and left the sweeps
/// drawing no lesson at all.
pub fn learner_states() -> Vec<App> {
    use zhulao::screens::{learners, welcome};
    let mut out = Vec::new();
    let mut h = Harness::fixture(Lang::Zh);
    out.push(h.app.clone());
    h.act(Action::Back);
    assert!(h.quit_asked());
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Select(welcome::SETTINGS));
    assert_eq!(h.screen(), "Settings");
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Select(welcome::START));
    assert_eq!(h.screen(), "Learners");
    out.push(h.app.clone());
    h.act(Action::Select(learners::NEW_NAMED));
    assert_eq!(h.screen(), "NewLearner");
    out.push(h.app.clone());
    h.act(Action::Back)
        .act(Action::Select(learners::NEW_NUMBERED));
    assert_eq!(h.screen(), "Packs");
    out.push(h.app.clone());
    h.act(Action::Back);
    assert_eq!(h.screen(), "Learners");
    h.act(Action::Select(learners::FIND));
    assert_eq!(h.screen(), "FindLearner");
    h.acts(&[Action::Digit(9), Action::Confirm]);
    assert_eq!(h.screen(), "FindLearner", "no learner 9");
    out.push(h.app.clone());
    h.acts(&[Action::Delete, Action::Digit(1), Action::Confirm]);
    assert_eq!(h.screen(), "Packs", "learner 1 found");
    h.act(Action::Select(0));
    assert_eq!(h.screen(), "Lessons");
    out.push(h.app.clone());
    h.act(Action::Select(0));
    assert_eq!(h.screen(), "Player");
    for _ in 0..40 {
        if h.screen() != "Player" {
            break;
        }
        out.push(h.app.clone());
        // A wrong-ish move first, to catch the feedback layouts too (on the last step it
        // may finish the lesson).
        h.act(Action::Select(0));
        if h.screen() != "Player" {
            break;
        }
        out.push(h.app.clone());
        h.act(Action::Help);
        out.push(h.app.clone());
        h.act(Action::Back);
        let a = h.right_answer();
        h.acts(&a);
    }
    assert_eq!(h.screen(), "Complete");
    out.push(h.app.clone());
    out
}

/// The pack that uses every part of the phone screen (top bar, tab bar, pop-up, message banner,
/// incoming call, secure pad, toggles) and the judge kind.
/// The starter pack `zhulao new` writes (every kind, every explanation), as a library.
pub fn starter_library() -> Library {
    let dir = tempfile::tempdir().unwrap();
    zhulao::authoring::starter::write(dir.path()).unwrap();
    let (packs, errors) = Source::directory(dir.path()).unwrap().load();
    assert!(errors.is_empty(), "{errors:?}");
    let mut lib = Library::default();
    lib.merge(packs);
    lib
}

pub fn phone_library() -> Library {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phone");
    let (packs, errors) = Source::directory(&dir).unwrap().load();
    assert!(errors.is_empty(), "{errors:?}");
    let mut lib = Library::default();
    lib.merge(packs);
    lib
}

impl Harness {
    /// Answers right up to step `id` (going on past the "why" of a right answer).
    pub fn go_to(&mut self, id: &str) {
        while self.step_id() != id {
            let a = self.right_answer();
            self.acts(&a);
            if self.player().feedback == Feedback::Right {
                self.act(Action::Confirm);
            }
        }
    }

    /// The actions that answer the current step wrong (a read step cannot be).
    pub fn wrong_answer(&self) -> Vec<Action> {
        let p = self.player();
        let step = self.step();
        match &step.exercise {
            Exercise::Read => Vec::new(),
            Exercise::Tap { target, .. } => {
                let lesson = p.lesson(&self.io.lib).unwrap();
                let screen = &lesson.screens[step.screen.unwrap()];
                let other = screen.tappable().into_iter().find(|i| i != target);
                vec![Action::Select(other.expect("something else to tap"))]
            }
            Exercise::Choice { right, .. } => {
                vec![Action::Select(
                    p.shuffle.iter().position(|i| i != right).unwrap(),
                )]
            }
            Exercise::Order { items } => (0..items.len())
                .rev()
                .map(|i| Action::Select(p.shuffle.iter().position(|&x| x == i).unwrap()))
                .collect(),
            Exercise::Digits { answer, .. } => {
                let wrong = if answer.starts_with('9') { 8 } else { 9 };
                vec![Action::Digit(wrong), Action::Confirm]
            }
            Exercise::Swipe { direction } => {
                use zhulao::content::Direction::*;
                let other = match direction {
                    Up => Down,
                    Down => Up,
                    Left => Right,
                    Right => Left,
                };
                vec![Action::Swipe(other)]
            }
            // A quick tap where a press and hold is asked for.
            Exercise::Hold { target } => vec![Action::Select(*target)],
            // The slider moved, but not where it should be (Enter where it started answers
            // nothing).
            Exercise::Slide { level, target } => {
                let lesson = p.at.lesson(&self.io.lib).unwrap();
                let start = lesson.screens[step.screen.unwrap()].items[*target].level;
                let other = (0..=2).find(|l| l != level && *l != start).unwrap();
                vec![Action::Level(other), Action::Confirm]
            }
            Exercise::Judge { verdict, right, .. } => {
                if p.verdict_done {
                    vec![Action::Select(
                        p.shuffle.iter().position(|i| i != right).unwrap(),
                    )]
                } else {
                    let wrong = VERDICTS.iter().position(|v| v != verdict).unwrap();
                    vec![Action::Select(wrong)]
                }
            }
        }
    }
}

/// Every step of the phone pack (`phone_library`), with the library to draw them with: each
/// step as it opens, after a wrong answer, its help page, after a second wrong answer (the right
/// element pointed at), and its "why" after the right answer; a judge step's second question
/// (the sign, once the verdict is chosen) the same way; then lesson complete.
pub fn phone_states() -> (Library, Vec<App>) {
    let mut out = Vec::new();
    let mut h = Harness::new(phone_library(), Lang::Zh);
    h.open_first_lesson();
    for _ in 0..40 {
        if h.screen() != "Player" {
            break;
        }
        out.push(h.app.clone());
        if let Exercise::Judge { verdict, .. } = h.step().exercise {
            // The second question: the right verdict records nothing yet.
            let v = VERDICTS.iter().position(|x| *x == verdict).unwrap();
            h.act(Action::Select(v));
            assert!(h.player().verdict_done, "{}", h.step_id());
            out.push(h.app.clone());
        }
        if !matches!(h.step().exercise, Exercise::Read) {
            let wrong = h.wrong_answer();
            h.acts(&wrong);
            out.push(h.app.clone());
            h.act(Action::Help);
            out.push(h.app.clone());
            h.act(Action::Back);
            let wrong = h.wrong_answer();
            h.acts(&wrong);
            assert!(h.player().pointing(), "{} pointed at", h.step_id());
            out.push(h.app.clone());
        }
        let a = h.right_answer();
        h.acts(&a);
        if h.screen() == "Player" && h.player().feedback == Feedback::Right {
            out.push(h.app.clone()); // the why
            h.act(Action::Confirm);
        }
    }
    assert_eq!(h.screen(), "Complete");
    out.push(h.app.clone());
    (h.io.lib.clone(), out)
}

/// A review run (复习) of the phone pack, with its library: the learner needed help with every
/// step on day 0; on day 1 the pack list and the lesson list say a review is due, then every
/// step of the review (each kind of step, judge too), and the end of the review.
pub fn review_states() -> (Library, Vec<App>) {
    use time::macros::{datetime, offset};
    let day0 = datetime!(2026-03-02 10:00 +8);
    let mut out = Vec::new();
    let mut h = Harness::new(phone_library(), Lang::Zh);
    h.io.utc_offset = offset!(+8);
    h.set_time(day0);
    h.open_first_lesson();
    for _ in 0..40 {
        if h.screen() != "Player" {
            break;
        }
        let wrong = h.wrong_answer();
        h.acts(&wrong);
        let right = h.right_answer();
        h.acts(&right);
        if h.screen() == "Player" && h.player().feedback == Feedback::Right {
            h.act(Action::Confirm);
        }
    }
    assert_eq!(h.screen(), "Complete");
    let learner = h.app.session.learner.clone().unwrap().id;
    // The next day, after a restart.
    let mut h = h.restart();
    h.io.utc_offset = offset!(+8);
    h.set_time(day0 + time::Duration::days(1));
    h.io.store.repeatable_ids(1000);
    h.act(Action::Confirm).pick_learner(&learner);
    assert_eq!(h.screen(), "Packs");
    out.push(h.app.clone());
    h.act(Action::Select(0));
    out.push(h.app.clone());
    h.act(Action::Confirm);
    assert!(h.player().review.is_some(), "a review run");
    for _ in 0..40 {
        if h.screen() != "Player" {
            break;
        }
        out.push(h.app.clone());
        let a = h.right_answer();
        h.acts(&a);
    }
    match &h.app.screen {
        Screen::Complete(c) => assert!(c.reviewed.is_some(), "the end of a review"),
        other => panic!("on {}", other.name()),
    }
    out.push(h.app.clone());
    (h.io.lib.clone(), out)
}

/// An event of the test lesson (demo / all-kinds) to record: who, what, in which run (`None`:
/// a new one), and the answer, if any.
pub fn test_lesson_event(
    learner_id: &str,
    verb: zhulao::progress::Verb,
    registration: Option<String>,
    step: Option<zhulao::progress::StepAnswer>,
) -> zhulao::progress::EventDraft {
    zhulao::progress::EventDraft {
        verb,
        learner_id: learner_id.to_string(),
        registration,
        pack_id: "demo".into(),
        lesson_id: "all-kinds".into(),
        step,
        stars: None,
        lang: Lang::Zh,
    }
}

/// F2, a new PIN typed twice, and on to the instructor's menu.
pub fn sign_in_as_teacher(h: &mut Harness) {
    h.act(Action::Instructor);
    for _ in 0..2 {
        for d in [2, 4, 6, 8, 1, 0] {
            h.act(Action::Digit(d));
        }
        h.act(Action::Confirm);
    }
    assert_eq!(h.screen(), "InstructorHome");
}
