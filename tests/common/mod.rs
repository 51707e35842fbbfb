//! Shared test helpers: an app wired to a real SQLite store in a temporary folder, driven through
//! the same `dispatch` the real loop uses, and rendered with ratatui's TestBackend.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use zhulao::app::{Action, App, Feedback, Screen};
use zhulao::content::{Exercise, Library, Source};
use zhulao::event_loop::dispatch;
use zhulao::lang::Lang;
use zhulao::progress::Store;
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

pub struct Harness {
    pub app: App,
    pub store: Store,
    pub dir: tempfile::TempDir,
    pub now: u64,
}

impl Harness {
    pub fn new(library: Library, lang: Lang) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        Harness {
            app: App::new(Arc::new(library), lang),
            store,
            dir,
            now: 0,
        }
    }

    pub fn fixture(lang: Lang) -> Harness {
        Harness::new(fixture_library(), lang)
    }

    /// Re-opens the app on the same database, as after a restart.
    pub fn restart(self) -> Harness {
        let Harness {
            app, store, dir, ..
        } = self;
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        Harness {
            app: App::new(app.library.clone(), app.lang),
            store,
            dir,
            now: 0,
        }
    }

    pub fn act(&mut self, action: Action) -> &mut Self {
        self.now += 1500;
        dispatch(&mut self.app, &mut self.store, action, self.now);
        self
    }

    pub fn acts(&mut self, actions: &[Action]) -> &mut Self {
        for a in actions {
            self.act(a.clone());
        }
        self
    }

    /// Welcome → a new numbered learner → the first pack's first lesson.
    pub fn open_first_lesson(&mut self) -> &mut Self {
        self.act(Action::Confirm); // start
        let numbered = self.app.learners.len() + 1;
        self.act(Action::Select(numbered)); // new numbered learner
        assert_eq!(self.app.screen, Screen::Packs);
        self.act(Action::Select(0));
        self.act(Action::Select(0));
        assert_eq!(self.app.screen, Screen::Player);
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

    /// The actions that answer the current step right.
    pub fn right_answer(&self) -> Vec<Action> {
        let p = self.app.player.as_ref().expect("in a lesson");
        if p.feedback == Feedback::Right {
            return vec![Action::Confirm];
        }
        let step = self.app.current_step().unwrap();
        match &step.exercise {
            Exercise::Read => vec![Action::Confirm],
            Exercise::Tap { target } => vec![Action::Select(*target)],
            Exercise::Choice { right, .. } => vec![Action::Select(*right)],
            Exercise::Order { items } => (0..items.len())
                .map(|i| Action::Select(p.shuffle.iter().position(|&x| x == i).unwrap()))
                .collect(),
            Exercise::Digits { answer, .. } => answer
                .bytes()
                .map(|b| Action::Digit(b - b'0'))
                .chain([Action::Confirm])
                .collect(),
        }
    }

    /// Answers every remaining step right until the lesson-complete screen.
    pub fn finish_lesson(&mut self) -> &mut Self {
        for _ in 0..200 {
            if self.app.screen != Screen::Player {
                break;
            }
            let actions = self.right_answer();
            self.acts(&actions);
        }
        assert_eq!(self.app.screen, Screen::Complete);
        self
    }

    pub fn step_id(&self) -> String {
        self.app
            .current_step()
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }

    pub fn render(&self, w: u16, h: u16) -> (String, Hits) {
        render(&self.app, w, h)
    }
}

pub fn render(app: &App, w: u16, h: u16) -> (String, Hits) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = ui::draw(app, buf.area, &mut buf);
    (buffer_text(&buf), hits)
}

/// The buffer as plain text, one line per row, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            let w = unicode_width::UnicodeWidthStr::width(sym);
            if w > 1 {
                skip = w - 1;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws through a real ratatui Terminal on a TestBackend (as the loop does).
pub fn terminal_text(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            let area = f.area();
            ui::draw(app, area, f.buffer_mut());
        })
        .unwrap();
    buffer_text(terminal.backend().buffer())
}
pub mod pty;
