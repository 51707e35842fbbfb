//! Shared by the unit tests of `update`, the screens and the overlays: a one-lesson library, and
//! the loop's own `perform_all` with a stand-in runner that turns each `Record` effect into the
//! event it would become, with no database.

use crate::content::{Library, Pack};
use crate::lang::Text;
use crate::progress::Learner;
use crate::screens::lessons::Lessons;
use crate::settings::Settings;

use super::{Action, App, Effect, Env, Now, Request, update};
use crate::event_loop::{Pending, Performed, Runner, perform_all};

const LESSON: &str = r#"
id = "l"
title = { zh = "课", en = "Lesson" }
checked = "2026-11"
learned = [{ zh = "学", en = "Learn" }]

[[screens]]
id = "home"
layout = "grid"
items = [
  { id = "a", label = { zh = "甲", en = "A" } },
  { id = "b", label = { zh = "乙", en = "B" } },
]

[[steps]]
id = "tap-b"
kind = "tap"
screen = "home"
target = "b"
say = { zh = "点乙", en = "Tap B" }
hint = { zh = "右边", en = "On the right" }

[[steps]]
id = "end"
kind = "read"
say = { zh = "好", en = "Good" }
"#;

pub fn library() -> Library {
    let (lesson, _) = crate::content::validate::validate_lesson("l.toml", LESSON).unwrap();
    Library {
        packs: vec![Pack {
            id: "p".into(),
            file: "p/pack.toml".into(),
            order: 1,
            title: Text::new("包", "Pack"),
            about: Text::new("说明", "About"),
            lessons: vec![lesson],
        }],
    }
}

/// A signed-in learner on the first step of the lesson.
pub fn app_in_lesson(lib: &Library) -> App {
    let mut app = App::new(Settings::default(), Env::default());
    app.session.learner = Some(Learner {
        id: "learner".into(),
        name: None,
        number: Some(1),
        seat: None,
    });
    // As a learner comes to a lesson: the course list, then the pack's lessons.
    app.show(crate::screens::packs::Packs::default());
    app.push_screen(Lessons::default());
    let effects = update(&mut app, lib, Action::Select(0), now(0));
    commit(&mut app, lib, effects);
    assert_eq!(app.screen.name(), "Player");
    app
}

/// The loop's clock at `ms` milliseconds (on 2026-11-29).
pub fn now(ms: u64) -> Now {
    Now::at(0, time::macros::datetime!(2026-11-29 0:00 UTC)).later(ms)
}

/// A runner with no database: an answer "saved" comes straight back as the event it would
/// have become, and a settings save succeeds.
pub struct Stub<'a> {
    pub lib: &'a Library,
}

impl Runner for Stub<'_> {
    fn lib(&self) -> &Library {
        self.lib
    }

    fn perform(&mut self, effect: Effect, now: Now) -> Performed {
        match effect {
            Effect::Record(d) => {
                static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let id = format!("event-{}-{n}", d.lesson_id);
                let at = crate::progress::store::format_time(now.wall);
                Performed::Done(Some(Action::Recorded(d.unsaved(id, &at))))
            }
            Effect::SaveSettings(..) => Performed::Done(Some(Action::SettingsSaved)),
            _ => Performed::Done(None),
        }
    }
}

/// Plays the loop, with the stand-in runner: each answer is "saved" and its result handed back.
pub fn commit(app: &mut App, lib: &Library, requests: Vec<Request>) {
    let mut pending = Pending::default();
    let now = app.now.later(10);
    perform_all(app, &mut Stub { lib }, requests, now, &mut pending);
}

/// The effects asked for, without who asked (for matching in tests).
pub fn effects_of(requests: &[Request]) -> Vec<Effect> {
    requests.iter().map(|r| r.effect.clone()).collect()
}
