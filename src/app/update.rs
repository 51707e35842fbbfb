//! The whole behaviour of the app as one function: `update(app, action, now)` changes the state
//! and returns the effects the loop must perform. Nothing here touches the terminal, the clock or
//! the database, so every rule — escalating help, resume, going back — is unit-tested directly.
//! The lesson player's own rules live in `lesson`.
//!
//! A learner's answer changes the screen only when its event comes back committed
//! (`Action::Recorded`): if the save fails, nothing moves on, and Enter tries again.

use unicode_normalization::UnicodeNormalization;

use crate::progress::NewLearner;

use super::action::Action;
use super::effect::Effect;
use super::lesson::{after_recorded, open_lesson, player};
use super::state::*;

pub fn update(app: &mut App, action: Action, now_ms: u64) -> Vec<Effect> {
    // Results of effects come first: they are never "input".
    match action {
        Action::LearnersLoaded(list) => {
            app.busy = false;
            app.learners = list;
            app.cursor = app.cursor.min(app.menu_len().saturating_sub(1));
            return vec![];
        }
        Action::LearnerAdded(learner) => {
            app.busy = false;
            app.name_input.clear();
            app.learners.insert(0, learner.clone());
            app.learner = Some(learner);
            app.progress = Default::default();
            app.screen = Screen::Packs;
            app.cursor = 0;
            return vec![];
        }
        Action::ProgressLoaded {
            learner_id,
            progress,
        } => {
            app.busy = false;
            if app.learner.as_ref().is_some_and(|l| l.id == learner_id) {
                app.progress = progress;
                app.screen = Screen::Packs;
                app.cursor = first_unfinished_pack(app);
            }
            return vec![];
        }
        Action::Recorded(event) => {
            app.busy = false;
            app.failure = None;
            app.progress.apply(&event);
            return after_recorded(app, &event, now_ms);
        }
        Action::StoreFailed { message, retry } => {
            app.busy = false;
            app.failure = Some((message, retry));
            return vec![];
        }
        _ => {}
    }

    if action == Action::QuitNow {
        app.should_quit = true;
        return vec![Effect::Quit];
    }
    if app.busy {
        return vec![];
    }
    if let Some((_, retry)) = &app.failure {
        return match action {
            Action::Confirm | Action::Select(0) => {
                let retry = retry.clone();
                app.failure = None;
                app.busy = true;
                vec![retry]
            }
            Action::Back | Action::Select(1) => {
                app.failure = None;
                vec![]
            }
            _ => vec![],
        };
    }
    if action == Action::Quit && !app.confirm_quit {
        app.confirm_quit = true;
        app.cursor_quit_default();
        return vec![];
    }
    if app.confirm_quit {
        return quit_question(app, action);
    }
    match app.screen {
        Screen::Welcome => welcome(app, action),
        Screen::Learners => learners(app, action),
        Screen::NewLearnerName => new_learner_name(app, action),
        Screen::Packs => packs(app, action),
        Screen::Lessons => lessons(app, action),
        Screen::Player => player(app, action, now_ms),
        Screen::Complete => complete(app, action, now_ms),
    }
}

impl App {
    fn cursor_quit_default(&mut self) {
        self.quit_cursor = QUIT_NO;
    }
}

/// Moves a menu highlight; returns the entry chosen by Enter or a tap/number key, if any.
pub(super) fn menu_choice(cursor: &mut usize, len: usize, action: &Action) -> Option<usize> {
    match action {
        Action::Up | Action::Left | Action::Prev => {
            *cursor = cursor.saturating_sub(1);
            None
        }
        Action::Down | Action::Right | Action::Next => {
            *cursor = (*cursor + 1).min(len.saturating_sub(1));
            None
        }
        Action::Confirm if len > 0 => Some((*cursor).min(len - 1)),
        Action::Select(i) if *i < len => {
            *cursor = *i;
            Some(*i)
        }
        _ => None,
    }
}

fn quit_question(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Back {
        app.confirm_quit = false;
        return vec![];
    }
    match menu_choice(&mut app.quit_cursor, 2, &action) {
        Some(QUIT_YES) => {
            app.should_quit = true;
            vec![Effect::Quit]
        }
        Some(_) => {
            app.confirm_quit = false;
            vec![]
        }
        None => vec![],
    }
}

fn welcome(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Back {
        app.confirm_quit = true;
        app.cursor_quit_default();
        return vec![];
    }
    let len = app.menu_len();
    match menu_choice(&mut app.cursor, len, &action) {
        Some(WELCOME_START) => {
            app.screen = Screen::Learners;
            app.cursor = 0;
            app.busy = true;
            vec![Effect::LoadLearners]
        }
        Some(WELCOME_LANGUAGE) => {
            app.lang = app.lang.toggled();
            vec![]
        }
        _ => vec![],
    }
}

fn learners(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Back {
        app.screen = Screen::Welcome;
        app.cursor = WELCOME_START;
        return vec![];
    }
    let n = app.learners.len();
    let len = app.menu_len();
    match menu_choice(&mut app.cursor, len, &action) {
        Some(i) if i < n => choose_learner(app, i),
        Some(i) if i == n => {
            app.screen = Screen::NewLearnerName;
            app.name_problem = None;
            vec![]
        }
        Some(_) => {
            app.busy = true;
            vec![Effect::AddLearner(NewLearner::Numbered)]
        }
        None => vec![],
    }
}

fn choose_learner(app: &mut App, i: usize) -> Vec<Effect> {
    let learner = app.learners[i].clone();
    let id = learner.id.clone();
    app.learner = Some(learner);
    app.busy = true;
    vec![Effect::LoadProgress(id)]
}

fn new_learner_name(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            app.screen = Screen::Learners;
            app.name_problem = None;
            vec![]
        }
        Action::Type(c) if !c.is_control() => {
            if app.name_input.chars().count() >= MAX_NAME_CHARS {
                app.name_problem = Some(NameProblem::TooLong);
            } else {
                app.name_input.push(c);
                app.name_problem = None;
            }
            vec![]
        }
        Action::Digit(d) => new_learner_name(app, Action::Type(char::from(b'0' + d.min(9)))),
        Action::Delete => {
            app.name_input.pop();
            app.name_problem = None;
            vec![]
        }
        Action::Confirm => {
            let name: String = app.name_input.trim().nfc().collect();
            if name.is_empty() {
                app.name_problem = Some(NameProblem::Empty);
                return vec![];
            }
            if let Some(i) = app
                .learners
                .iter()
                .position(|l| l.name.as_deref() == Some(name.as_str()))
            {
                // The same name is the same person: take them to their own progress.
                app.name_input.clear();
                app.screen = Screen::Learners;
                return choose_learner(app, i);
            }
            app.busy = true;
            vec![Effect::AddLearner(NewLearner::Named(name))]
        }
        _ => vec![],
    }
}

fn first_unfinished_pack(app: &App) -> usize {
    app.library
        .packs
        .iter()
        .position(|p| {
            p.lessons
                .iter()
                .any(|l| !app.progress.lesson(&p.id, &l.id).is_complete())
        })
        .unwrap_or(0)
}

fn packs(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Back {
        app.screen = Screen::Learners;
        app.cursor = 0;
        app.busy = true;
        return vec![Effect::LoadLearners];
    }
    let len = app.menu_len();
    match menu_choice(&mut app.cursor, len, &action) {
        Some(i) => {
            app.pack = i;
            app.screen = Screen::Lessons;
            let pack = &app.library.packs[i];
            // Enter continues where the learner stopped: an unfinished run first, then the
            // first lesson never finished.
            let progress = |l: &crate::content::Lesson| app.progress.lesson(&pack.id, &l.id);
            app.cursor = pack
                .lessons
                .iter()
                .position(|l| progress(l).current.is_some())
                .or_else(|| pack.lessons.iter().position(|l| !progress(l).is_complete()))
                .unwrap_or(0);
            vec![]
        }
        None => vec![],
    }
}

fn lessons(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Back {
        app.screen = Screen::Packs;
        app.cursor = app.pack;
        return vec![];
    }
    let len = app.menu_len();
    match menu_choice(&mut app.cursor, len, &action) {
        Some(i) => {
            app.lesson = i;
            open_lesson(app, 0)
        }
        None => vec![],
    }
}

fn complete(app: &mut App, action: Action, now_ms: u64) -> Vec<Effect> {
    if action == Action::Back {
        app.screen = Screen::Lessons;
        app.cursor = app.lesson;
        return vec![];
    }
    let len = app.menu_len();
    match menu_choice(&mut app.cursor, len, &action) {
        Some(COMPLETE_NEXT) => match app.next_lesson() {
            Some((pack, lesson)) => {
                app.pack = pack;
                app.lesson = lesson;
                open_lesson(app, now_ms)
            }
            None => {
                app.screen = Screen::Packs;
                app.cursor = 0;
                vec![]
            }
        },
        Some(COMPLETE_AGAIN) => open_lesson(app, now_ms),
        Some(_) => {
            app.screen = Screen::Lessons;
            app.cursor = app.lesson;
            vec![]
        }
        None => vec![],
    }
}

#[cfg(test)]
mod tests {
    //! `update` on its own: no database, no terminal. The loop's part (committing an event and
    //! sending it back) is played by `commit`.

    use std::sync::Arc;

    use super::*;
    use crate::content::{Library, Pack};
    use crate::lang::{Lang, Text};
    use crate::progress::{Event, Learner, Outcome};

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

    fn app_in_lesson() -> App {
        let (lesson, _) = crate::content::validate::validate_lesson("l.toml", LESSON).unwrap();
        let library = Library {
            packs: vec![Pack {
                id: "p".into(),
                order: 1,
                title: Text::new("包", "Pack"),
                about: Text::new("说明", "About"),
                lessons: vec![lesson],
            }],
        };
        let mut app = App::new(Arc::new(library), Lang::Zh);
        app.learner = Some(Learner {
            id: "learner".into(),
            name: None,
            number: Some(1),
        });
        app.screen = Screen::Lessons;
        let effects = update(&mut app, Action::Select(0), 0);
        commit(&mut app, effects);
        app
    }

    /// Plays the loop: turns each Record effect into the committed event it would become.
    fn commit(app: &mut App, effects: Vec<Effect>) {
        for effect in effects {
            if let Effect::Record(d) = effect {
                let id = format!("event-{}", app.progress.lesson("p", "l").completions);
                let event = Event {
                    registration: d.registration.clone().unwrap_or_else(|| id.clone()),
                    id,
                    verb: d.verb,
                    learner_id: d.learner_id,
                    pack_id: d.pack_id,
                    lesson_id: d.lesson_id,
                    step: d.step,
                    stars: d.stars,
                    lang: d.lang,
                    at: "2026-11-29T00:00:00Z".into(),
                    device_id: "device".into(),
                };
                let more = update(app, Action::Recorded(event), 10);
                commit(app, more);
            }
        }
    }

    #[test]
    fn help_escalates_from_hint_to_pointing_and_never_blocks() {
        let mut app = app_in_lesson();
        assert_eq!(app.player.as_ref().unwrap().step, 0);
        let effects = update(&mut app, Action::Select(0), 5);
        assert!(
            matches!(&effects[..], [Effect::Record(d)] if d.step.as_ref().unwrap().outcome == Some(Outcome::Wrong))
        );
        commit(&mut app, effects);
        let p = app.player.as_ref().unwrap();
        assert_eq!(
            (p.wrong, p.feedback, p.pointing()),
            (1, Feedback::Wrong, false)
        );
        let effects = update(&mut app, Action::Select(0), 6);
        commit(&mut app, effects);
        let p = app.player.as_ref().unwrap();
        assert!(p.pointing());
        assert_eq!(p.cursor, 1, "the highlight sits on the target");
        let effects = update(&mut app, Action::Confirm, 7);
        commit(&mut app, effects);
        assert_eq!(app.player.as_ref().unwrap().step, 1);
    }

    #[test]
    fn nothing_moves_on_until_the_answer_is_committed() {
        let mut app = app_in_lesson();
        let effects = update(&mut app, Action::Select(1), 5);
        assert_eq!(effects.len(), 1);
        assert!(app.busy);
        assert_eq!(app.player.as_ref().unwrap().step, 0, "still on the step");
        assert!(
            update(&mut app, Action::Select(1), 6).is_empty(),
            "input waits"
        );
        commit(&mut app, effects);
        assert_eq!(app.player.as_ref().unwrap().step, 1);
    }

    #[test]
    fn the_last_step_completes_the_lesson_with_a_star() {
        let mut app = app_in_lesson();
        let effects = update(&mut app, Action::Select(1), 5);
        commit(&mut app, effects);
        let effects = update(&mut app, Action::Confirm, 6);
        commit(&mut app, effects);
        assert_eq!(app.screen, Screen::Complete);
        assert_eq!(app.earned_stars, 1);
        assert_eq!(app.progress.lesson("p", "l").completions, 1);
    }
}
