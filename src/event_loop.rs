//! The main loop: draw, wait for one input event (no ticker — nothing changes until the learner
//! acts), turn it into an action, update, perform the effects, repeat. Generic over the ratatui
//! backend and the event source, so tests drive the very same loop with a `TestBackend` and
//! scripted events.

use std::collections::VecDeque;
use std::io;
use std::time::Instant;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, Effect, Screen, update};
use crate::input::{self, Mode};
use crate::progress::{Progress, Store};
use crate::ui::{self, Hits};

/// Runs until the learner quits or the event source ends.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    store: &mut Store,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let clock = Instant::now();
    let mut hits = Hits::default();
    loop {
        terminal.draw(|frame| {
            let area = frame.area();
            hits = ui::draw(app, area, frame.buffer_mut());
        })?;
        if app.should_quit {
            return Ok(());
        }
        let Some(event) = next_event()? else {
            return Ok(());
        };
        if let Some(action) = input::to_action(&event, &hits, input_mode(app)) {
            dispatch(app, store, action, clock.elapsed().as_millis() as u64);
        }
    }
}

pub fn input_mode(app: &App) -> Mode {
    if app.screen == Screen::NewLearnerName && !app.confirm_quit && app.failure.is_none() {
        Mode::Text
    } else {
        Mode::Normal
    }
}

/// Applies an action and every effect it causes, in order, before the next draw: an answer is
/// committed before the screen that follows it is shown.
pub fn dispatch(app: &mut App, store: &mut Store, action: Action, now_ms: u64) {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(app, action, now_ms) {
            if let Some(result) = perform(store, effect) {
                queue.push_back(result);
            }
        }
    }
}

/// Performs one effect against the store and reports its result as an action.
pub fn perform(store: &mut Store, effect: Effect) -> Option<Action> {
    let failed = |e: crate::progress::StoreError, retry: Effect| Action::StoreFailed {
        message: e.to_string(),
        retry,
    };
    match effect.clone() {
        Effect::LoadLearners => Some(match store.learners() {
            Ok(list) => Action::LearnersLoaded(list),
            Err(e) => failed(e, effect),
        }),
        Effect::AddLearner(new) => Some(match store.add_learner(&new) {
            Ok(learner) => Action::LearnerAdded(learner),
            Err(e) => failed(e, effect),
        }),
        Effect::LoadProgress(learner_id) => Some(match store.events_for(&learner_id) {
            Ok(events) => Action::ProgressLoaded {
                learner_id,
                progress: Progress::from_events(&events),
            },
            Err(e) => failed(e, effect),
        }),
        Effect::Record(draft) => Some(match store.record(&draft) {
            Ok(event) => Action::Recorded(event),
            Err(e) => failed(e, effect),
        }),
        Effect::Quit => None,
    }
}
