//! The whole behaviour of the app as one function: `update(app, action, now)` changes the state
//! and returns the effects the loop must perform. Nothing here touches the terminal, the clock or
//! the database, so every rule — escalating help, resume, going back — is unit-tested directly.
//!
//! A learner's answer changes the screen only when its event comes back committed
//! (`Action::Recorded`): if the save fails, nothing moves on, and Enter tries again.

use unicode_normalization::UnicodeNormalization;

use crate::content::{Exercise, Layout, Step};
use crate::progress::{EventDraft, NewLearner, Outcome, StepAnswer, Verb};

use super::action::Action;
use super::effect::Effect;
use super::order::shuffled;
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
fn menu_choice(cursor: &mut usize, len: usize, action: &Action) -> Option<usize> {
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

fn draft(app: &App, verb: Verb, registration: Option<String>) -> Option<EventDraft> {
    let pack = app.current_pack()?;
    let lesson = app.current_lesson()?;
    Some(EventDraft {
        verb,
        learner_id: app.learner.as_ref()?.id.clone(),
        registration,
        pack_id: pack.id.clone(),
        lesson_id: lesson.id.clone(),
        step: None,
        stars: None,
        lang: app.lang,
    })
}

/// Opens the current lesson: resumes an unfinished run at its exact step, or starts a new run.
fn open_lesson(app: &mut App, now_ms: u64) -> Vec<Effect> {
    let (Some(pack), Some(lesson)) = (app.current_pack(), app.current_lesson()) else {
        return vec![];
    };
    let progress = app.progress.lesson(&pack.id, &lesson.id);
    match (progress.resume_step(lesson), progress.current) {
        (Some(step), Some(run)) => {
            start_player(app, run.registration, step, now_ms);
            if step >= app.current_lesson().map_or(0, |l| l.steps.len()) {
                return finish_lesson(app);
            }
            vec![]
        }
        _ => {
            app.busy = true;
            draft(app, Verb::Attempted, None)
                .map(Effect::Record)
                .into_iter()
                .collect()
        }
    }
}

fn start_player(app: &mut App, registration: String, step: usize, now_ms: u64) {
    app.player = Some(Player {
        pack: app.pack,
        lesson: app.lesson,
        registration,
        step,
        wrong: 0,
        cursor: 0,
        typed: String::new(),
        placed: Vec::new(),
        shuffle: Vec::new(),
        feedback: Feedback::None,
        praise: false,
        help_open: false,
        shown_at: now_ms,
    });
    app.screen = Screen::Player;
    reset_step(app, step, now_ms);
}

/// Puts the player at `step` with fresh per-step state.
fn reset_step(app: &mut App, step: usize, now_ms: u64) {
    let lesson = app.current_lesson().cloned();
    let Some(p) = app.player.as_mut() else { return };
    p.step = step;
    p.wrong = 0;
    p.typed.clear();
    p.placed.clear();
    p.feedback = Feedback::None;
    p.help_open = false;
    p.shown_at = now_ms;
    p.cursor = 0;
    p.shuffle.clear();
    if let Some(s) = lesson.as_ref().and_then(|l| l.steps.get(step)) {
        match &s.exercise {
            Exercise::Tap { .. } => {
                let screen = s.screen.map(|i| &lesson.as_ref().unwrap().screens[i]);
                p.cursor = screen
                    .and_then(|sc| sc.tappable().first().copied())
                    .unwrap_or(0);
            }
            Exercise::Order { items } => p.shuffle = shuffled(&s.id, items.len()),
            _ => {}
        }
    }
}

fn finish_lesson(app: &mut App) -> Vec<Effect> {
    let (Some(pack), Some(lesson), Some(p)) = (
        app.current_pack(),
        app.current_lesson(),
        app.player.as_ref(),
    ) else {
        return vec![];
    };
    let completions = app.progress.lesson(&pack.id, &lesson.id).completions;
    let Some(mut d) = draft(app, Verb::Completed, Some(p.registration.clone())) else {
        return vec![];
    };
    d.stars = Some((completions + 1).min(3) as u8);
    app.busy = true;
    vec![Effect::Record(d)]
}

fn advance(app: &mut App, praise: bool, now_ms: u64) -> Vec<Effect> {
    let len = app.current_lesson().map_or(0, |l| l.steps.len());
    let Some(step) = app.player.as_ref().map(|p| p.step + 1) else {
        return vec![];
    };
    if step >= len {
        return finish_lesson(app);
    }
    reset_step(app, step, now_ms);
    if let Some(p) = app.player.as_mut() {
        p.praise = praise;
    }
    vec![]
}

/// The index a learner should be pointed at after two wrong answers: the tap target, the right
/// choice, or the display position of the next order item.
pub fn right_answer_cursor(step: &Step, p: &Player) -> Option<usize> {
    match &step.exercise {
        Exercise::Tap { target } => Some(*target),
        Exercise::Choice { right, .. } => Some(*right),
        Exercise::Order { .. } => p.shuffle.iter().position(|&i| i == p.placed.len()),
        Exercise::Read | Exercise::Digits { .. } => None,
    }
}

fn after_recorded(app: &mut App, event: &crate::progress::Event, now_ms: u64) -> Vec<Effect> {
    match event.verb {
        Verb::Attempted => {
            start_player(app, event.registration.clone(), 0, now_ms);
            vec![]
        }
        Verb::Experienced => advance(app, false, now_ms),
        Verb::Answered => {
            let outcome = event.step.as_ref().and_then(|s| s.outcome);
            let Some(step) = app.current_step().cloned() else {
                return vec![];
            };
            if outcome == Some(Outcome::Correct) {
                if step.why.is_some() {
                    if let Some(p) = app.player.as_mut() {
                        p.feedback = Feedback::Right;
                        p.praise = false;
                    }
                    vec![]
                } else {
                    advance(app, true, now_ms)
                }
            } else {
                if let Some(p) = app.player.as_mut() {
                    p.wrong += 1;
                    p.feedback = Feedback::Wrong;
                    p.praise = false;
                    p.typed.clear();
                    p.placed.clear();
                    if p.wrong >= 2
                        && let Some(c) = right_answer_cursor(&step, p)
                    {
                        p.cursor = c;
                    }
                }
                vec![]
            }
        }
        Verb::Completed => {
            app.earned_stars = event.stars.unwrap_or(1);
            app.player = None;
            app.screen = Screen::Complete;
            app.cursor = COMPLETE_NEXT;
            vec![]
        }
    }
}

fn record_answer(app: &mut App, correct: bool, response: String, now_ms: u64) -> Vec<Effect> {
    let (Some(step), Some(p)) = (app.current_step().cloned(), app.player.clone()) else {
        return vec![];
    };
    let Some(mut d) = draft(app, Verb::Answered, Some(p.registration.clone())) else {
        return vec![];
    };
    d.step = Some(StepAnswer {
        step_id: step.id.clone(),
        step_kind: step.exercise.kind().name().into(),
        outcome: Some(if correct {
            Outcome::Correct
        } else {
            Outcome::Wrong
        }),
        attempt: p.wrong + 1,
        response,
        duration_ms: now_ms.saturating_sub(p.shown_at),
    });
    app.busy = true;
    vec![Effect::Record(d)]
}

fn player(app: &mut App, action: Action, now_ms: u64) -> Vec<Effect> {
    let (Some(step), Some(lesson)) = (app.current_step().cloned(), app.current_lesson().cloned())
    else {
        app.screen = Screen::Lessons;
        return vec![];
    };
    let Some(p) = app.player.as_mut() else {
        return vec![];
    };
    if p.help_open {
        if matches!(
            action,
            Action::Back | Action::Help | Action::Confirm | Action::Select(_)
        ) {
            p.help_open = false;
        }
        return vec![];
    }
    match action {
        Action::Back => {
            app.player = None;
            app.screen = Screen::Lessons;
            app.cursor = app.lesson;
            return vec![];
        }
        Action::Help => {
            p.help_open = true;
            return vec![];
        }
        _ => {}
    }
    if p.feedback == Feedback::Right {
        return match action {
            Action::Confirm | Action::Select(_) => advance(app, false, now_ms),
            _ => vec![],
        };
    }
    match &step.exercise {
        Exercise::Read => match action {
            Action::Confirm | Action::Select(_) => {
                let registration = p.registration.clone();
                let duration_ms = now_ms.saturating_sub(p.shown_at);
                let Some(mut d) = draft(app, Verb::Experienced, Some(registration)) else {
                    return vec![];
                };
                d.step = Some(StepAnswer {
                    step_id: step.id.clone(),
                    step_kind: "read".into(),
                    outcome: None,
                    attempt: 1,
                    response: String::new(),
                    duration_ms,
                });
                app.busy = true;
                vec![Effect::Record(d)]
            }
            _ => vec![],
        },
        Exercise::Tap { target } => {
            let screen = &lesson.screens[step.screen.unwrap_or(0)];
            let tappable = screen.tappable();
            let pos = tappable.iter().position(|&i| i == p.cursor).unwrap_or(0);
            let row = if screen.layout == Layout::Grid { 2 } else { 1 };
            let moved = match action {
                Action::Left | Action::Prev => Some(pos.saturating_sub(1)),
                Action::Right | Action::Next => Some(pos + 1),
                Action::Up => Some(pos.saturating_sub(row)),
                Action::Down => Some(pos + row),
                _ => None,
            };
            if let Some(to) = moved {
                p.cursor = tappable[to.min(tappable.len() - 1)];
                return vec![];
            }
            let tapped = match action {
                Action::Confirm => Some(p.cursor),
                Action::Select(i) if tappable.contains(&i) => Some(i),
                _ => None,
            };
            match tapped {
                Some(i) => {
                    p.cursor = i;
                    let id = screen.items[i].id.clone();
                    record_answer(app, i == *target, id, now_ms)
                }
                None => vec![],
            }
        }
        Exercise::Choice { choices, right } => {
            match menu_choice(&mut p.cursor, choices.len(), &action) {
                Some(i) => record_answer(app, i == *right, choices[i].id.clone(), now_ms),
                None => vec![],
            }
        }
        Exercise::Order { items } => {
            let n = items.len();
            let chosen = match action {
                Action::Delete => {
                    p.placed.pop();
                    p.feedback = Feedback::None;
                    None
                }
                other => menu_choice(&mut p.cursor, n, &other),
            };
            let Some(pos) = chosen else { return vec![] };
            let item = p.shuffle[pos];
            if p.placed.contains(&item) {
                return vec![];
            }
            p.placed.push(item);
            p.feedback = Feedback::None;
            if p.placed.len() < n {
                // Point at the next one again if help is pointing.
                if p.wrong >= 2
                    && let Some(c) = right_answer_cursor(&step, p)
                {
                    p.cursor = c;
                }
                return vec![];
            }
            let correct = p.placed.iter().enumerate().all(|(i, &v)| i == v);
            let response = p
                .placed
                .iter()
                .map(|&i| items[i].id.as_str())
                .collect::<Vec<_>>()
                .join(",");
            record_answer(app, correct, response, now_ms)
        }
        Exercise::Digits { answer, secret } => match action {
            Action::Digit(d) if d <= 9 => {
                if p.typed.len() < crate::content::validate::MAX_DIGITS {
                    p.typed.push(char::from(b'0' + d));
                }
                p.feedback = Feedback::None;
                vec![]
            }
            Action::Delete => {
                p.typed.pop();
                vec![]
            }
            Action::Confirm => {
                if p.typed.is_empty() {
                    p.feedback = Feedback::NothingTyped;
                    return vec![];
                }
                let correct = &p.typed == answer;
                let response = if *secret {
                    "*".repeat(p.typed.len())
                } else {
                    p.typed.clone()
                };
                record_answer(app, correct, response, now_ms)
            }
            _ => vec![],
        },
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
    use crate::progress::{Event, Learner};

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
