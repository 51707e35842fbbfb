//! Shared by the unit tests of `update`, the screens and the overlays: a one-lesson library and
//! a stand-in for the loop that turns each `Record` effect into the event it would become, with
//! no database.

use crate::content::{Library, Pack};
use crate::lang::Text;
use crate::progress::Learner;
use crate::screens::Screen;
use crate::screens::lessons::Lessons;
use crate::settings::Settings;

use super::{Action, App, Effect, Env, update};

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
    app.screen = Screen::Lessons(Lessons::default());
    let effects = update(&mut app, lib, Action::Select(0), 0);
    commit(&mut app, lib, effects);
    assert_eq!(app.screen.name(), "Player");
    app
}

/// Plays the loop: turns each Record effect into the committed event it would become.
pub fn commit(app: &mut App, lib: &Library, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Record(d) = effect {
            // One id per run of each lesson: a review's run is not the lesson's.
            let id = format!(
                "event-{}-{}",
                d.lesson_id,
                app.session.progress.lesson("p", "l").completions
            );
            let event = d.unsaved(id, "2026-11-29T00:00:00Z");
            let more = update(app, lib, Action::Recorded(event), 10);
            commit(app, lib, more);
        }
    }
}
