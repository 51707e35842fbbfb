//! The main loop: draw, wait for input (no ticker — nothing changes until the learner acts),
//! turn each input into an action, update, perform the effects, repeat. There is one loop: the
//! app, a lesson author's preview and the tests run this very code, and what differs between
//! them is the `Runner` plugged in — what performs the effects (the progress store and
//! read-aloud in the app, `Io`; nothing recorded in a preview; a stand-in in unit tests) — and
//! the source of inputs. It is generic over the ratatui backend, so tests drive it with a
//! `TestBackend`, and it reads the time only from its `Clock`.
//!
//! The loop sleeps until input or the next timer that is due, and there are only four: a save
//! waiting for another window's lock, a screen that asked for ticks (the class dashboard, the
//! kiosk's countdown), in kiosk mode — when there is something to reset — the walk-away time
//! since the last key or tap, and the runner's own (the preview looks at its folder). A kiosk
//! at rest on its welcome screen has none, so it does not wake at all until someone touches it.
//!
//! Everything already waiting is handled before the next draw, so a long paste and the Enter
//! after it are dealt with at once. When another zhulao window holds the database for a
//! moment, the save is tried again shortly with "正在保存…" on screen, instead of the screen
//! freezing; after a while the learner is told and can retry.

mod io;

pub use io::Io;

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;

use crate::app::{
    Action, App, Clock, Effect, Now, Request, input_mode, receive, tick_every, update,
    walk_away_due,
};
use crate::content::Library;
use crate::input::{TapFilter, is_activity};
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
    fn next(&mut self, deadline: Option<std::time::Instant>) -> Result<Option<Input>, ()>;

    /// An input that is already waiting, without waiting for one.
    fn pending(&mut self) -> Option<Input>;
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The learner chose to leave, the runner had nothing more to do, or the inputs ended.
    Quit,
    /// A signal asked zhulao to stop.
    Signal(i32),
}

/// What came of performing an effect.
#[derive(Debug)]
pub enum Performed {
    /// Done, with the result to hand back to whoever asked, if any.
    Done(Option<Action>),
    /// Another process holds the database: try the same again in a moment.
    Later(Effect),
    /// The runner has nothing to do with this: the loop ends (a preview left its pack).
    Stop,
}

/// What performs the app's effects, and owns the lessons it runs on.
pub trait Runner {
    fn lib(&self) -> &Library;

    /// Performs one effect at `now`.
    fn perform(&mut self, effect: Effect, now: Now) -> Performed;

    /// Before each input is handled (the app looks whether read-aloud has finished).
    fn before_input(&mut self) {}

    /// When the runner wants to look at something of its own (on the clock's `ms`).
    fn wake_at(&self) -> Option<u64> {
        None
    }

    /// That time has come (or an input arrived): look, and change the app if need be.
    fn wake(&mut self, _app: &mut App, _now: Now) {}
}

/// How long to wait between tries when another process holds the database, and how long to
/// keep trying before telling the learner.
pub const RETRY_EVERY: Duration = Duration::from_millis(250);
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(10);

/// A request that met a lock held by another zhulao process, waiting to be tried again.
#[derive(Debug)]
pub struct Deferred {
    request: Request,
    /// When to try again, and when the first try was (on the clock's `ms`).
    due: u64,
    since: u64,
}

/// What performing an action's effects left to do.
#[derive(Debug, Default)]
pub struct Pending {
    /// A save to try again in a moment.
    pub deferred: Option<Deferred>,
    /// The runner asked the loop to end.
    pub stop: bool,
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

/// Runs until the learner quits, a signal says stop, the runner ends it, or the inputs end.
/// `at_start`: actions handled before the first input (`zhulao --instructor` opens the PIN
/// prompt; a kiosk tells of a progress file it set aside).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut impl Runner,
    inputs: &mut impl Inputs,
    clock: &dyn Clock,
    at_start: Vec<Action>,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let mut next_tick: Option<u64> = None;
    let mut last_activity = clock.now().ms;
    let mut taps = TapFilter::default();
    let mut gestures = crate::input::Gestures::default();
    let mut pending = Pending::default();
    for action in at_start {
        dispatch(app, runner, action, clock.now(), &mut pending);
    }
    loop {
        let mut hits = draw(terminal, app, runner.lib())?;
        if app.should_quit || pending.stop {
            return Ok(Exit::Quit);
        }
        // The loop sleeps until input, or until a delayed save, a screen's tick, the walk-away
        // time or the runner's own time is due: with none of them, it wakes for nothing.
        let now = clock.now().ms;
        next_tick = tick_every(app)
            .map(|every| next_tick.unwrap_or_else(|| now + every.as_millis() as u64));
        let walk_away = app
            .session
            .kiosk
            .idle_after()
            .filter(|_| walk_away_due(app))
            .map(|idle| last_activity + idle.as_millis() as u64);
        let due = [
            pending.deferred.as_ref().map(|d| d.due),
            next_tick,
            walk_away,
            runner.wake_at(),
        ]
        .into_iter()
        .flatten()
        .min();
        let input = match inputs.next(due.map(|ms| clock.instant_at(ms))) {
            Err(()) => return Ok(Exit::Quit),
            Ok(input) => input,
        };
        let now = clock.now();
        if walk_away.is_some_and(|t| t <= now.ms) {
            // Counted from now: if the reset cannot start yet (a save is pending), it is
            // tried again after another idle time, never in a tight loop.
            last_activity = now.ms;
            dispatch(app, runner, Action::Idle, now, &mut pending);
        }
        if next_tick.is_some_and(|t| t <= now.ms) {
            next_tick = None;
            dispatch(app, runner, Action::Tick, now, &mut pending);
        }
        if pending.deferred.as_ref().is_some_and(|d| d.due <= now.ms) {
            retry_deferred(app, runner, now, &mut pending);
        }
        if runner.wake_at().is_some_and(|t| t <= now.ms) {
            runner.wake(app, now);
        }
        let Some(input) = input else {
            continue;
        };
        let area = terminal.get_frame().area();
        let mut next = Some(input);
        while let Some(input) = next.take() {
            if let Input::Terminate(signal) = input {
                return Ok(Exit::Signal(signal));
            }
            runner.before_input();
            let now = clock.now();
            let mut wanted = true;
            if let Input::Terminal(event) = &input {
                if is_activity(event) {
                    last_activity = now.ms;
                }
                wanted = taps.accept(event, now.ms);
            }
            let gesture = match &input {
                Input::Terminal(event) if wanted => gestures.feed(event, &hits, now.ms),
                _ => None,
            };
            let actions = match gesture {
                Some(actions) => actions,
                None => to_action(&input, &hits, app)
                    .filter(|_| wanted)
                    .into_iter()
                    .collect(),
            };
            for action in actions {
                dispatch(app, runner, action, now, &mut pending);
            }
            next = inputs.pending();
            // A key that waited behind another means what the screen shows after that one (a
            // new screen, a list moved on by the wheel, its number keys with it): work out its
            // taps and number keys without drawing it.
            if next.is_some() {
                let mut scratch = Buffer::empty(area);
                hits = ui::draw(app, runner.lib(), area, &mut scratch);
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
/// committed before the screen that follows it is shown. Each result goes back to whoever
/// asked for it. A save that meets another window's lock is left in `pending` to be tried
/// again, with "正在保存…" on screen meanwhile.
pub fn dispatch(
    app: &mut App,
    runner: &mut impl Runner,
    action: Action,
    now: Now,
    pending: &mut Pending,
) {
    let requests = update(app, runner.lib(), action, now);
    perform_all(app, runner, requests, now, pending);
}

/// Performs requests and everything their results cause.
pub fn perform_all(
    app: &mut App,
    runner: &mut impl Runner,
    requests: Vec<Request>,
    now: Now,
    pending: &mut Pending,
) {
    let mut queue: VecDeque<Request> = requests.into();
    while let Some(Request { by, effect }) = queue.pop_front() {
        let results = match runner.perform(effect, now) {
            Performed::Done(None) => continue,
            Performed::Done(Some(result)) => receive(app, runner.lib(), by, result, now),
            Performed::Later(effect) => {
                pending.deferred = Some(Deferred {
                    request: Request { by, effect },
                    due: now.ms + RETRY_EVERY.as_millis() as u64,
                    since: now.ms,
                });
                receive(app, runner.lib(), by, Action::SaveDelayed, now)
            }
            Performed::Stop => {
                pending.stop = true;
                return;
            }
        };
        queue.extend(results);
    }
}

/// Tries a delayed save again; after a while of trying, the learner is told and may retry.
fn retry_deferred(app: &mut App, runner: &mut impl Runner, now: Now, pending: &mut Pending) {
    let Some(deferred) = pending.deferred.take() else {
        return;
    };
    let Request { by, effect } = deferred.request;
    let result = match runner.perform(effect, now) {
        Performed::Done(result) => result,
        Performed::Later(effect)
            if now.ms.saturating_sub(deferred.since) < GIVE_UP_AFTER.as_millis() as u64 =>
        {
            pending.deferred = Some(Deferred {
                request: Request { by, effect },
                due: now.ms + RETRY_EVERY.as_millis() as u64,
                since: deferred.since,
            });
            None
        }
        Performed::Later(effect) => Some(Action::StoreFailed {
            trouble: crate::progress::Trouble::Busy,
            retry: effect,
        }),
        Performed::Stop => {
            pending.stop = true;
            None
        }
    };
    if let Some(result) = result {
        let requests = receive(app, runner.lib(), by, result, now);
        perform_all(app, runner, requests, now, pending);
    }
}

/// Inputs from a list, for tests: ends when the list is empty.
#[derive(Debug, Default)]
pub struct Script(pub VecDeque<Input>);

impl Inputs for Script {
    fn next(&mut self, _deadline: Option<std::time::Instant>) -> Result<Option<Input>, ()> {
        self.0.pop_front().map(Some).ok_or(())
    }

    fn pending(&mut self) -> Option<Input> {
        self.0.pop_front()
    }
}
