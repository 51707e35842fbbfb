//! The main loop: draw, wait for input (no ticker — nothing changes until the learner acts),
//! turn each input into an action, update, perform the effects, repeat. Generic over the
//! ratatui backend and the source of inputs, so tests drive the very same loop with a
//! `TestBackend` and scripted inputs.
//!
//! The loop sleeps until input or the next timer that is due, and there are only three: a save
//! waiting for another window's lock, a screen that asked for ticks (the class dashboard, the
//! kiosk's countdown), and — in kiosk mode, when there is something to reset — the walk-away
//! time since the last key or tap. A kiosk at rest on its welcome screen has none, so it does
//! not wake at all until someone touches it.
//!
//! Everything already waiting is handled before the next draw, so a long paste and the Enter
//! after it are dealt with at once. When another zhulao window holds the database for a
//! moment, the save is tried again shortly with "正在保存…" on screen, instead of the screen
//! freezing; after a while the learner is told and can retry.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;

use crate::app::{
    Action, App, Effect, Notice, PinView, input_mode, tick_every, update, walk_away_due,
};
use crate::content::Library;
use crate::input::{TapFilter, is_activity};
use crate::progress::store::format_time;
use crate::progress::{Progress, Reviews, Store, StoreError};
use crate::settings::SettingsOwner;
use crate::speech::{Speaker, SpeechError};
use crate::ui::{self, Hits};

/// One thing that happened outside the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Terminal(Event),
    /// SIGINT: what Ctrl+C means (the quit question).
    Interrupt,
    /// SIGTERM, SIGHUP or SIGQUIT: leave now (everything is saved), giving the terminal back.
    Terminate(i32),
}

/// Where inputs come from: the terminal and signal threads in the app, a script in tests.
pub trait Inputs {
    /// The next input, waiting until `deadline` at the latest (`None`: as long as it takes).
    /// `Ok(None)` when the deadline passed first; `Err(())` when there will be no more input.
    #[allow(clippy::result_unit_err)]
    fn next(&mut self, deadline: Option<Instant>) -> Result<Option<Input>, ()>;

    /// An input that is already waiting, without waiting for one.
    fn pending(&mut self) -> Option<Input>;
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The learner chose to leave, or the inputs ended.
    Quit,
    /// A signal asked zhulao to stop.
    Signal(i32),
}

/// A save that met a lock held by another zhulao process, waiting to be tried again.
struct Deferred {
    effect: Effect,
    due: Instant,
    since: Instant,
}

/// How long to wait between tries when another process holds the database, and how long to
/// keep trying before telling the learner.
const RETRY_EVERY: Duration = Duration::from_millis(250);
const GIVE_UP_AFTER: Duration = Duration::from_secs(10);

/// What effects are performed with: the progress store and the read-aloud program.
pub struct Io {
    pub store: Store,
    pub speaker: Speaker,
    /// The machine's time zone, for "today" in the instructor's views and in reviews.
    pub utc_offset: time::UtcOffset,
    /// Tests only: the time it is, instead of the clock's, for stamping what is recorded, for
    /// "today" in reviews and for the instructor's views (a test moves it days ahead).
    /// `None`, always in the app: the real clock.
    pub fixed_now: Option<time::OffsetDateTime>,
    deferred: Option<Deferred>,
    /// `PRAGMA data_version` when the instructor's screen last read the database.
    seen_version: Option<i64>,
}

impl Io {
    pub fn new(store: Store, speaker: Speaker) -> Io {
        Io {
            store,
            speaker,
            utc_offset: time::UtcOffset::UTC,
            fixed_now: None,
            deferred: None,
            seen_version: None,
        }
    }

    /// The time now: the clock's, or the test's fixed time.
    pub fn now(&self) -> time::OffsetDateTime {
        self.fixed_now.unwrap_or_else(time::OffsetDateTime::now_utc)
    }
}

/// Draws one frame; what its taps and number keys mean.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    lib: &Library,
) -> anyhow::Result<Hits>
where
    B::Error: Send + Sync + 'static,
{
    let mut hits = Hits::default();
    terminal.draw(|frame| {
        let area = frame.area();
        hits = ui::draw(app, lib, area, frame.buffer_mut());
    })?;
    Ok(hits)
}

/// Runs until the learner quits, a signal says stop, or the inputs end.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    lib: &Library,
    io: &mut Io,
    inputs: &mut impl Inputs,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let clock = Instant::now();
    let now_ms = || clock.elapsed().as_millis() as u64;
    let mut next_tick: Option<Instant> = None;
    let mut last_activity = Instant::now();
    let mut taps = TapFilter::default();
    loop {
        let mut hits = draw(terminal, app, lib)?;
        if app.should_quit {
            return Ok(Exit::Quit);
        }
        // The loop sleeps until input, or until a delayed save or a screen's tick is due: with
        // neither, it wakes for nothing.
        next_tick =
            tick_every(app).map(|every| next_tick.unwrap_or_else(|| Instant::now() + every));
        let walk_away = app
            .session
            .kiosk
            .idle_after()
            .filter(|_| walk_away_due(app))
            .map(|idle| last_activity + idle);
        let deadline = [io.deferred.as_ref().map(|d| d.due), next_tick, walk_away]
            .into_iter()
            .flatten()
            .min();
        let input = match inputs.next(deadline) {
            Err(()) => return Ok(Exit::Quit),
            Ok(None) => {
                if walk_away.is_some_and(|t| t <= Instant::now()) {
                    // Counted from now: if the reset cannot start yet (a save is pending), it
                    // is tried again after another idle time, never in a tight loop.
                    last_activity = Instant::now();
                    dispatch(app, lib, io, Action::Idle, now_ms());
                }
                if next_tick.is_some_and(|t| t <= Instant::now()) {
                    next_tick = None;
                    dispatch(app, lib, io, Action::Tick, now_ms());
                }
                if io
                    .deferred
                    .as_ref()
                    .is_some_and(|d| d.due <= Instant::now())
                {
                    retry_deferred(app, lib, io, now_ms());
                }
                continue;
            }
            Ok(Some(input)) => input,
        };
        let area = terminal.get_frame().area();
        let mut next = Some(input);
        while let Some(input) = next.take() {
            if let Input::Terminate(signal) = input {
                return Ok(Exit::Signal(signal));
            }
            io.speaker.reap();
            let before = app.screen.name();
            let overlays = app.overlays.len();
            let mut wanted = true;
            if let Input::Terminal(event) = &input {
                let now = Instant::now();
                if is_activity(event) {
                    last_activity = now;
                }
                wanted = taps.accept(event, now);
            }
            if let Some(action) = to_action(&input, &hits, app).filter(|_| wanted) {
                dispatch(app, lib, io, action, now_ms());
            }
            next = inputs.pending();
            // A key that waited behind one that changed the screen means what the changed
            // screen shows: work out its taps and number keys without drawing it.
            if next.is_some() && (app.screen.name() != before || app.overlays.len() != overlays) {
                let mut scratch = Buffer::empty(area);
                hits = ui::draw(app, lib, area, &mut scratch);
            }
        }
    }
}

fn to_action(input: &Input, hits: &Hits, app: &App) -> Option<Action> {
    match input {
        Input::Terminal(event) => crate::input::to_action(event, hits, input_mode(app)),
        Input::Interrupt => Some(Action::Quit),
        Input::Terminate(_) => None,
    }
}

/// Applies an action and every effect it causes, in order, before the next draw: an answer is
/// committed before the screen that follows it is shown.
pub fn dispatch(app: &mut App, lib: &Library, io: &mut Io, action: Action, now_ms: u64) {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(app, lib, action, now_ms) {
            match perform(io, lib, effect) {
                Performed::Done(Some(result)) => queue.push_back(result),
                Performed::Done(None) => {}
                Performed::Later(effect) => {
                    let now = Instant::now();
                    io.deferred = Some(Deferred {
                        effect,
                        due: now + RETRY_EVERY,
                        since: now,
                    });
                    queue.push_back(Action::SaveDelayed);
                }
            }
        }
    }
}

/// Tries a delayed save again; after a while of trying, the learner is told and may retry.
fn retry_deferred(app: &mut App, lib: &Library, io: &mut Io, now_ms: u64) {
    let Some(deferred) = io.deferred.take() else {
        return;
    };
    let result = match perform(io, lib, deferred.effect) {
        Performed::Done(result) => result,
        Performed::Later(effect) if deferred.since.elapsed() < GIVE_UP_AFTER => {
            io.deferred = Some(Deferred {
                effect,
                due: Instant::now() + RETRY_EVERY,
                since: deferred.since,
            });
            None
        }
        Performed::Later(effect) => Some(Action::StoreFailed {
            message: StoreError::Busy.to_string(),
            retry: effect,
        }),
    };
    if let Some(action) = result {
        dispatch(app, lib, io, action, now_ms);
    }
}

/// What came of performing an effect.
pub enum Performed {
    /// Done, with the result to feed back, if any.
    Done(Option<Action>),
    /// Another process holds the database: try again in a moment.
    Later(Effect),
}

/// Performs one effect.
pub fn perform(io: &mut Io, lib: &Library, effect: Effect) -> Performed {
    let now = io.now();
    let store = &mut io.store;
    let failed = |e: StoreError, retry: Effect| {
        if e.is_busy() {
            Performed::Later(retry)
        } else {
            Performed::Done(Some(Action::StoreFailed {
                message: e.to_string(),
                retry,
            }))
        }
    };
    let done = |action: Action| Performed::Done(Some(action));
    match effect.clone() {
        Effect::LoadLearners => match store.learners() {
            Ok(list) => done(Action::LearnersLoaded(list)),
            Err(e) => failed(e, effect),
        },
        Effect::AddLearner(new) => match store.add_learner(&new) {
            Ok(learner) => done(Action::LearnerAdded(learner)),
            Err(e) => failed(e, effect),
        },
        Effect::OpenLearner(learner) => {
            let owner = SettingsOwner::Learner(learner.id.clone());
            let loaded = store
                .events_for(&learner.id)
                .and_then(|events| Ok((events, store.settings(&owner)?)));
            match loaded {
                Ok((events, settings)) => done(Action::LearnerOpened {
                    learner,
                    progress: Progress::from_events(&events),
                    reviews: Reviews::from_events(
                        &events,
                        io.utc_offset,
                        now.to_offset(io.utc_offset).date(),
                    ),
                    settings,
                }),
                Err(e) => failed(e, effect),
            }
        }
        Effect::Record(draft) => match store.record_at(&draft, &format_time(now)) {
            Ok(event) => done(Action::Recorded(event)),
            Err(e) => failed(e, effect),
        },
        Effect::SaveSettings(owner, settings) => match store.save_settings(&owner, &settings) {
            Ok(()) => done(Action::SettingsSaved),
            Err(e) => failed(e, effect),
        },
        Effect::Speak { text, lang, rate } => {
            Performed::Done(match io.speaker.speak(&text, lang, rate) {
                Ok(()) => None,
                Err(SpeechError::NotInstalled { program }) => {
                    Some(Action::Notice(Notice::SpeechMissing { program }))
                }
                Err(e) => Some(Action::Notice(Notice::SpeechFailed {
                    reason: e.to_string(),
                })),
            })
        }
        Effect::SaveKiosk(settings) => match store.save_kiosk_settings(&settings) {
            Ok(()) => done(Action::KioskSaved),
            Err(e) => failed(e, effect),
        },
        Effect::StopSpeech | Effect::Quit => {
            io.speaker.stop();
            Performed::Done(None)
        }
        Effect::LoadPinState => match store.pin_state() {
            Ok(state) => done(Action::PinState(PinView {
                set: state.hash.is_some(),
                locked: state.locked(),
                wait_seconds: state.wait_seconds(time::OffsetDateTime::now_utc()),
            })),
            Err(e) => failed(e, effect),
        },
        Effect::CheckPin(pin) => match crate::pin::check(store, &pin) {
            Ok(checked) => done(Action::PinChecked(checked)),
            Err(e) => failed(e, effect),
        },
        Effect::SetPin(pin) => {
            let saved = crate::pin::hash(&pin)
                .map_err(StoreError::Sqlite)
                .and_then(|hash| store.set_pin_hash(&hash));
            match saved {
                Ok(()) => done(Action::PinSet),
                Err(e) => failed(e, effect),
            }
        }
        Effect::Query(query) => match crate::app::answer(store, &query, io.utc_offset, now) {
            Ok(answer) => {
                io.seen_version = store.data_version().ok();
                done(Action::Answer(answer))
            }
            Err(e) => failed(e, effect),
        },
        Effect::Refresh(query) => {
            let version = store.data_version().ok();
            if version.is_none() || version == io.seen_version {
                return Performed::Done(None);
            }
            io.seen_version = version;
            match crate::app::answer(store, &query, io.utc_offset, now) {
                Ok(answer) => done(Action::Answer(answer)),
                Err(e) => failed(e, effect),
            }
        }
        Effect::WriteReport => Performed::Done(Some(Action::Notice(write_report(store, lib)))),
        Effect::Roster(command) => match crate::app::change_roster(store, command) {
            Ok(answer) => {
                io.seen_version = store.data_version().ok();
                done(Action::Answer(answer))
            }
            Err(e) => failed(e, effect),
        },
    }
}

/// The whole record as an XLSX report in `reports/` beside the progress file.
fn write_report(store: &Store, lib: &Library) -> Notice {
    use crate::records::report::{ReportFormat, ReportOptions, default_file_name, write_report};
    let options = ReportOptions::new(ReportFormat::Xlsx);
    let dir = store.path().parent().map_or_else(
        || std::path::PathBuf::from("reports"),
        |d| d.join("reports"),
    );
    let path = dir.join(default_file_name(options.format, options.offset));
    let written = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| write_report(store, lib, &options, &path).map_err(|e| e.to_string()));
    match written {
        Ok(_) => Notice::ReportWritten {
            path: path.display().to_string(),
        },
        Err(reason) => Notice::ReportFailed { reason },
    }
}

/// Inputs from a list, for tests: ends when the list is empty.
#[derive(Debug, Default)]
pub struct Script(pub VecDeque<Input>);

impl Inputs for Script {
    fn next(&mut self, _deadline: Option<Instant>) -> Result<Option<Input>, ()> {
        self.0.pop_front().map(Some).ok_or(())
    }

    fn pending(&mut self) -> Option<Input> {
        self.0.pop_front()
    }
}
