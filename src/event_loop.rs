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

use crate::app::{Action, App, Effect, Notice, input_mode, update};
use crate::content::Library;
use crate::progress::{Progress, Store};
use crate::settings::SettingsOwner;
use crate::speech::{Speaker, SpeechError};
use crate::ui::{self, Hits};

/// What effects are performed with: the progress store and the read-aloud program.
pub struct Io {
    pub store: Store,
    pub speaker: Speaker,
}

/// Runs until the learner quits or the event source ends.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    lib: &Library,
    io: &mut Io,
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
            hits = ui::draw(app, lib, area, frame.buffer_mut());
        })?;
        if app.should_quit {
            return Ok(());
        }
        let Some(event) = next_event()? else {
            return Ok(());
        };
        io.speaker.reap();
        if let Some(action) = crate::input::to_action(&event, &hits, input_mode(app)) {
            dispatch(app, lib, io, action, clock.elapsed().as_millis() as u64);
        }
    }
}

/// Applies an action and every effect it causes, in order, before the next draw: an answer is
/// committed before the screen that follows it is shown.
pub fn dispatch(app: &mut App, lib: &Library, io: &mut Io, action: Action, now_ms: u64) {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(app, lib, action, now_ms) {
            if let Some(result) = perform(io, effect) {
                queue.push_back(result);
            }
        }
    }
}

/// Performs one effect and reports its result as an action.
pub fn perform(io: &mut Io, effect: Effect) -> Option<Action> {
    let store = &mut io.store;
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
        Effect::OpenLearner(learner) => {
            let owner = SettingsOwner::Learner(learner.id.clone());
            let loaded = store
                .events_for(&learner.id)
                .and_then(|events| Ok((events, store.settings(&owner)?)));
            Some(match loaded {
                Ok((events, settings)) => Action::LearnerOpened {
                    learner,
                    progress: Progress::from_events(&events),
                    settings,
                },
                Err(e) => failed(e, effect),
            })
        }
        Effect::Record(draft) => Some(match store.record(&draft) {
            Ok(event) => Action::Recorded(event),
            Err(e) => failed(e, effect),
        }),
        Effect::SaveSettings(owner, settings) => {
            Some(match store.save_settings(&owner, &settings) {
                Ok(()) => Action::SettingsSaved,
                Err(e) => failed(e, effect),
            })
        }
        Effect::Speak { text, lang, rate } => match io.speaker.speak(&text, lang, rate) {
            Ok(()) => None,
            Err(SpeechError::NotInstalled { program }) => {
                Some(Action::Notice(Notice::SpeechMissing { program }))
            }
            Err(e) => Some(Action::Notice(Notice::SpeechFailed {
                reason: e.to_string(),
            })),
        },
        Effect::StopSpeech => {
            io.speaker.stop();
            None
        }
        Effect::Quit => {
            io.speaker.stop();
            None
        }
    }
}
