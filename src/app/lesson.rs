//! The lesson player's rules: opening a lesson (resuming at the exact step or starting a new
//! run), checking each kind of answer, escalating help, and moving on once an answer's event has
//! come back committed. Part of `update`, and pure like it.

use crate::content::{Exercise, Layout, Step};
use crate::progress::{Event, EventDraft, Outcome, StepAnswer, Verb};

use super::action::Action;
use super::effect::Effect;
use super::order::shuffled;
use super::state::*;
use super::update::menu_choice;

pub(super) fn draft(app: &App, verb: Verb, registration: Option<String>) -> Option<EventDraft> {
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
pub(super) fn open_lesson(app: &mut App, now_ms: u64) -> Vec<Effect> {
    let (Some(pack), Some(lesson)) = (app.current_pack(), app.current_lesson()) else {
        return vec![];
    };
    let progress = app.progress.lesson(&pack.id, &lesson.id);
    let resume = progress.resume_step(lesson);
    let registration = progress
        .current
        .as_ref()
        .map(|run| run.registration.clone());
    match (resume, registration) {
        (Some(step), Some(registration)) => {
            start_player(app, registration, step, now_ms);
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
    let library = app.library.clone();
    let lesson = library
        .packs
        .get(app.pack)
        .and_then(|pack| pack.lessons.get(app.lesson));
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
    if let Some((lesson, s)) = lesson.and_then(|l| Some((l, l.steps.get(step)?))) {
        match &s.exercise {
            Exercise::Tap { .. } => {
                let screen = s.screen.map(|i| &lesson.screens[i]);
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

pub(super) fn after_recorded(app: &mut App, event: &Event, now_ms: u64) -> Vec<Effect> {
    match event.verb {
        Verb::Attempted => {
            start_player(app, event.registration.clone(), 0, now_ms);
            vec![]
        }
        Verb::Experienced => advance(app, false, now_ms),
        Verb::Answered => {
            let outcome = event.step.as_ref().and_then(|s| s.outcome);
            let library = app.library.clone();
            let Some(step) = library
                .packs
                .get(app.pack)
                .and_then(|pack| pack.lessons.get(app.lesson))
                .and_then(|lesson| lesson.steps.get(app.player.as_ref()?.step))
            else {
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
                        && let Some(c) = right_answer_cursor(step, p)
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

/// Asks for the learner's answer to the current step to be committed: `outcome` is `None` for a
/// read step (the learner went on), right or wrong for an exercise.
fn record_step(
    app: &mut App,
    step: &Step,
    outcome: Option<Outcome>,
    response: String,
    now_ms: u64,
) -> Vec<Effect> {
    let Some(p) = app.player.as_ref() else {
        return vec![];
    };
    let verb = if outcome.is_some() {
        Verb::Answered
    } else {
        Verb::Experienced
    };
    let answer = StepAnswer {
        step_id: step.id.clone(),
        step_kind: step.exercise.kind().name().into(),
        outcome,
        attempt: p.wrong + 1,
        response,
        duration_ms: now_ms.saturating_sub(p.shown_at),
    };
    let Some(mut d) = draft(app, verb, Some(p.registration.clone())) else {
        return vec![];
    };
    d.step = Some(answer);
    app.busy = true;
    vec![Effect::Record(d)]
}

fn judged(correct: bool) -> Option<Outcome> {
    Some(if correct {
        Outcome::Correct
    } else {
        Outcome::Wrong
    })
}

pub(super) fn player(app: &mut App, action: Action, now_ms: u64) -> Vec<Effect> {
    // The library is shared and never changes while the app runs: holding our own handle lets
    // the step be borrowed while the player state is changed, without copying the lesson.
    let library = app.library.clone();
    let Some(lesson) = library
        .packs
        .get(app.pack)
        .and_then(|pack| pack.lessons.get(app.lesson))
    else {
        app.screen = Screen::Lessons;
        return vec![];
    };
    let Some(step) = app.player.as_ref().and_then(|p| lesson.steps.get(p.step)) else {
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
                record_step(app, step, None, String::new(), now_ms)
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
                    record_step(app, step, judged(i == *target), id, now_ms)
                }
                None => vec![],
            }
        }
        Exercise::Choice { choices, right } => {
            match menu_choice(&mut p.cursor, choices.len(), &action) {
                Some(i) => record_step(
                    app,
                    step,
                    judged(i == *right),
                    choices[i].id.clone(),
                    now_ms,
                ),
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
                    && let Some(c) = right_answer_cursor(step, p)
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
            record_step(app, step, judged(correct), response, now_ms)
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
                record_step(app, step, judged(correct), response, now_ms)
            }
            _ => vec![],
        },
    }
}
