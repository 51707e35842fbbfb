//! The whole behaviour of the app as two functions: `update(app, lib, action, now)` for what a
//! person did and `receive(app, lib, by, result, now)` for the result of an effect. Each changes
//! the state and returns the effects the loop must perform, each with who asked for it. Nothing
//! here touches the terminal, the clock or the database, so every rule — escalating help,
//! resume, going back — is unit-tested directly.
//!
//! This is also the one place that decides which layer gets an action and the one place that
//! opens and closes screens and overlays (`apply`): the few global keys (text size, read
//! aloud, quit) and the kiosk's walk-away question are handled here on any screen; everything
//! else goes to the top overlay if there is one, else to the screen. Results go to the layer
//! that asked for them; an overlay's reply goes to whoever opened it. A learner's answer
//! changes the screen only when its event comes back committed (`Action::Recorded`): if the
//! save fails, nothing moves on, and Enter tries again.

use crate::content::Library;
use crate::overlays::pin::PinFor;
use crate::overlays::{Overlay, Pin, SaveFailed, StillThere};
use crate::screens::Screen;
use crate::ui::ViewCx;

use super::action::{Action, Notice};
use super::clock::Now;
use super::effect::{Effect, Request, Requester};
use super::layer::{Ctx, Nav, Outcome, Reply};
use super::mode::Mode;
use super::stack::LayerId;
use super::state::{App, SpeechStatus};

/// Handles what a person did (a key, a tap, a signal) or what the loop noticed (idle, a tick).
pub fn update(app: &mut App, lib: &Library, action: Action, now: Now) -> Vec<Request> {
    if action.is_result() {
        // A result with no requester named: it is the screen's.
        let by = Requester::Layer(app.screen_id());
        return receive(app, lib, by, action, now);
    }
    app.now = now;
    spoken_change(app, lib, |app| route(app, lib, action, now))
}

/// Handles the result of an effect that `by` asked for.
pub fn receive(
    app: &mut App,
    lib: &Library,
    by: Requester,
    result: Action,
    now: Now,
) -> Vec<Request> {
    app.now = now;
    spoken_change(app, lib, |app| result_for(app, lib, by, result, now))
}

/// Runs `f`, then adds what read-aloud must do now: a new step (or new feedback) is read by
/// itself when the learner asked for that, and whatever was being read stops when it goes away.
fn spoken_change(
    app: &mut App,
    lib: &Library,
    f: impl FnOnce(&mut App) -> Vec<Request>,
) -> Vec<Request> {
    let spoken_before = spoken(app, lib);
    let mut requests = f(app);
    let spoken_after = spoken(app, lib);
    if spoken_after != spoken_before {
        match spoken_after {
            Some(text) if app.session.settings.read_aloud => {
                requests.push(by_app(speak(app, text)))
            }
            _ if app.speaking => requests.push(by_app(Effect::StopSpeech)),
            _ => {}
        }
    }
    for request in &requests {
        match request.effect {
            Effect::Speak { .. } => app.speaking = true,
            Effect::StopSpeech | Effect::Quit => app.speaking = false,
            _ => {}
        }
    }
    requests
}

fn by_app(effect: Effect) -> Request {
    Request {
        by: Requester::App,
        effect,
    }
}

fn result_for(
    app: &mut App,
    lib: &Library,
    by: Requester,
    result: Action,
    now: Now,
) -> Vec<Request> {
    if result == Action::SaveDelayed {
        app.saving_slowly = true;
        return vec![];
    }
    app.busy = false;
    app.saving_slowly = false;
    match result {
        Action::Recorded(ref event) => {
            app.session.progress.apply(event);
            app.session.reviews.apply(event);
        }
        Action::StoreFailed { trouble, retry } => {
            // One message at a time: a newer failure replaces an older one.
            app.close_overlays(|o| matches!(o, Overlay::SaveFailed(_)));
            let failed = SaveFailed::new(trouble, Request { by, effect: retry });
            return apply(
                app,
                lib,
                Outcome::open(Overlay::SaveFailed(failed)),
                Requester::App,
                now,
            );
        }
        Action::Notice(notice) => {
            app.notice = Some(notice);
            return vec![];
        }
        _ => {}
    }
    match by {
        Requester::App => vec![],
        Requester::Layer(id) => deliver(app, lib, id, result, now),
    }
}

fn route(app: &mut App, lib: &Library, action: Action, now: Now) -> Vec<Request> {
    if action == Action::QuitNow {
        // On a kiosk nothing leaves without the PIN, not even Ctrl+C in a too-small window.
        if app.session.kiosk.on() {
            return vec![];
        }
        app.should_quit = true;
        return vec![by_app(Effect::Quit)];
    }
    if app.busy {
        return vec![];
    }
    if action == Action::Idle {
        if !walk_away_due(app) {
            return vec![];
        }
        let still_there = StillThere::new(now.ms, app.session.kiosk.countdown());
        return apply(
            app,
            lib,
            Outcome::open(Overlay::StillThere(still_there)),
            Requester::App,
            now,
        );
    }
    app.notice = None;
    match action {
        Action::TextBigger | Action::TextSmaller => {
            let mut settings = app.session.settings;
            settings.text_size = if action == Action::TextBigger {
                settings.text_size.bigger()
            } else {
                settings.text_size.smaller()
            };
            if settings == app.session.settings {
                return vec![];
            }
            let (owner, settings) = app.session.change_settings(settings);
            return apply(
                app,
                lib,
                Outcome::effect(Effect::SaveSettings(owner, settings)),
                Requester::App,
                now,
            );
        }
        Action::ReadAloud => {
            if let SpeechStatus::Missing { program } = &app.env.speech {
                app.notice = Some(Notice::SpeechMissing {
                    program: program.clone(),
                });
                return vec![];
            }
            return spoken(app, lib)
                .map(|text| vec![by_app(speak(app, text))])
                .unwrap_or_default();
        }
        // A lesson author's preview is a tool, not a lesson: Ctrl+C leaves it at once.
        Action::Quit if app.env.preview => {
            app.should_quit = true;
            return vec![by_app(Effect::Quit)];
        }
        Action::Quit if app.session.kiosk.on() => {
            // The kiosk's quit question is the PIN.
            if app.has_overlay(|o| matches!(o, Overlay::Pin(p) if p.purpose == PinFor::Leave)) {
                return vec![];
            }
            let (pin, effect) = Pin::open(PinFor::Leave, false);
            return apply(
                app,
                lib,
                Outcome::open(Overlay::Pin(pin)).with(effect),
                Requester::App,
                now,
            );
        }
        Action::Quit if !app.has_overlay(|o| matches!(o, Overlay::Quit(_))) => {
            return apply(
                app,
                lib,
                Outcome::open(Overlay::quit()),
                Requester::App,
                now,
            );
        }
        Action::RecordSetAside(file) => {
            let fresh = crate::overlays::FreshRecord::new(file);
            return apply(
                app,
                lib,
                Outcome::open(Overlay::FreshRecord(fresh)),
                Requester::App,
                now,
            );
        }
        _ => {}
    }
    let top = app.top_id();
    deliver(app, lib, top, action, now)
}

/// Hands an action to the layer with id `id`, and applies what it asks for. Nothing happens
/// if that layer has gone in the meantime.
fn deliver(app: &mut App, lib: &Library, id: LayerId, action: Action, now: Now) -> Vec<Request> {
    // The layer is borrowed from the app while it changes the session beside it.
    let mut session = std::mem::take(&mut app.session);
    let env = std::mem::take(&mut app.env);
    let outcome = app.layer_mut(id).map(|layer| {
        let mut cx = Ctx {
            lib,
            session: &mut session,
            env: &env,
            now,
        };
        layer.update(&mut cx, action)
    });
    app.session = session;
    app.env = env;
    match outcome {
        Some(outcome) => apply(app, lib, outcome, Requester::Layer(id), now),
        None => vec![],
    }
}

/// Carries out what a layer (or the app itself) asked for: the one place where screens open
/// and close and overlays open and close. `from`: who asked.
fn apply(
    app: &mut App,
    lib: &Library,
    outcome: Outcome,
    from: Requester,
    now: Now,
) -> Vec<Request> {
    let opens = outcome.opens();
    let Outcome {
        effects,
        nav,
        open,
        close,
        quit,
    } = outcome;
    let mut replies: Vec<(Requester, Reply)> = Vec::new();
    if let (Some(reply), Requester::Layer(id)) = (close, from)
        && let Some(opener) = app.close_overlay(id)
    {
        replies.push((opener, reply));
    }
    // Whoever this outcome opens asks for its effects; else the layer that returned it.
    let mut asker = from;
    match nav {
        Nav::Stay => {}
        Nav::Push(screen) => asker = Requester::Layer(app.push(screen)),
        Nav::Replace(screen) => asker = Requester::Layer(app.replace(screen)),
        Nav::Reset(screen) => asker = Requester::Layer(app.show(screen)),
        Nav::Back(reply) => match app.pop() {
            Some(under) => replies.push((Requester::Layer(under), reply)),
            // Back from the only screen there is: what Esc on the first screen means.
            None if app.session.kiosk.on() => {
                app.show(Screen::welcome());
            }
            None => {
                app.should_quit = true;
            }
        },
    }
    if let Some(overlay) = open {
        asker = Requester::Layer(app.open_overlay(overlay, asker));
    }
    debug_assert!(opens || asker == from);
    if quit {
        app.should_quit = true;
    }
    let mut requests: Vec<Request> = effects
        .into_iter()
        .map(|effect| Request { by: asker, effect })
        .collect();
    for (to, reply) in replies {
        requests.extend(reply_to(app, lib, to, reply, now));
    }
    app.busy = requests.iter().any(|r| r.effect.awaits_result());
    requests
}

/// Hands a finished layer's reply to the layer that opened it, or to the app.
fn reply_to(app: &mut App, lib: &Library, to: Requester, reply: Reply, now: Now) -> Vec<Request> {
    match to {
        Requester::Layer(id) => deliver(app, lib, id, Action::Reply(reply), now),
        Requester::App => match reply {
            // The kiosk's quit question was answered with the PIN.
            Reply::PinAccepted => {
                app.should_quit = true;
                vec![by_app(Effect::Quit)]
            }
            // Nobody came back to the kiosk: the next person starts at the welcome screen.
            // Every answer was saved when it was given.
            Reply::NobodyThere => {
                app.session.sign_out();
                app.show(Screen::welcome());
                vec![]
            }
            // A failed save, tried again for whoever asked for it.
            Reply::Retry(request) => {
                app.busy = request.effect.awaits_result();
                vec![request]
            }
            _ => vec![],
        },
    }
}

/// Kiosk mode: whether, with nobody touching anything, the walk-away reset has something to do.
/// Not when the kiosk is already at rest (the welcome screen, nobody signed in, nothing open) —
/// then the loop sleeps until someone comes — and not over a failed save or the news of a
/// fresh record, which must wait for someone to read them.
pub fn walk_away_due(app: &App) -> bool {
    let at_rest = matches!(app.screen, Screen::Welcome(_))
        && app.session.learner.is_none()
        && app.top_overlay().is_none();
    app.session.kiosk.on()
        && !at_rest
        && !app.has_overlay(|o| {
            matches!(
                o,
                Overlay::SaveFailed(_) | Overlay::StillThere(_) | Overlay::FreshRecord(_)
            )
        })
}

/// How typed characters are read now: the top layer decides.
pub fn input_mode(app: &App) -> Mode {
    app.top_layer().mode()
}

/// How often the top layer wants a tick, if at all.
pub fn tick_every(app: &App) -> Option<std::time::Duration> {
    app.top_layer().tick_every()
}

/// What read-aloud would say now: the top layer's words.
pub fn spoken(app: &App, lib: &Library) -> Option<String> {
    let cx = ViewCx::new(app, lib);
    app.top_layer().spoken(&cx)
}

fn speak(app: &App, text: String) -> Effect {
    Effect::Speak {
        text,
        lang: app.session.settings.lang,
        rate: app.session.settings.speech_rate,
    }
}

#[cfg(test)]
mod tests {
    //! Which layer gets what: the router on its own, with no database and no terminal.

    use super::*;
    use crate::app::Env;
    use crate::app::test_support::{app_in_lesson, commit, effects_of, library, now};
    use crate::overlays::Overlay;
    use crate::screens::new_learner::NewLearner;
    use crate::settings::{SettingsOwner, TextSize};

    fn help_cursor(app: &App) -> usize {
        match app.top_overlay() {
            Some(Overlay::Help(h)) => h.cursor,
            other => panic!("no help on top: {other:?}"),
        }
    }

    #[test]
    fn a_key_goes_to_the_top_overlay_and_not_to_the_screen_under_it() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let cursor = app.player().unwrap().cursor;
        update(&mut app, &lib, Action::Help, now(1));
        update(&mut app, &lib, Action::Down, now(2));
        assert_eq!(help_cursor(&app), 1, "the help's own menu moved");
        assert_eq!(app.player().unwrap().cursor, cursor, "the phone did not");
        update(&mut app, &lib, Action::Back, now(3));
        assert!(
            app.overlays.is_empty(),
            "Esc closes the help, not the lesson"
        );
        assert_eq!(app.screen.name(), "Player");
    }

    #[test]
    fn text_size_keys_work_under_any_overlay_and_are_saved_for_the_learner() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        update(&mut app, &lib, Action::Help, now(1));
        let effects = update(&mut app, &lib, Action::TextBigger, now(2));
        assert_eq!(app.session.settings.text_size, TextSize::Big);
        assert!(matches!(
            effects_of(&effects).as_slice(),
            [Effect::SaveSettings(SettingsOwner::Learner(id), s)] if id == "learner" && s.text_size == TextSize::Big
        ));
        assert!(app.busy, "input waits for the save");
        update(&mut app, &lib, Action::SettingsSaved, now(3));
        assert!(!app.busy);
        assert_eq!(app.overlays.len(), 1, "the help is still open");
        assert!(update(&mut app, &lib, Action::TextSmaller, now(4)).len() == 1);
        assert!(
            update(&mut app, &lib, Action::TextSmaller, now(5)).is_empty(),
            "nothing to save when the size does not change"
        );
    }

    #[test]
    fn while_a_save_is_pending_input_waits_but_leaving_at_once_does_not() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(1), now(1));
        assert!(app.busy && effects.len() == 1);
        assert!(update(&mut app, &lib, Action::Select(0), now(2)).is_empty());
        assert!(update(&mut app, &lib, Action::Help, now(3)).is_empty());
        assert!(app.overlays.is_empty());
        update(&mut app, &lib, Action::QuitNow, now(4));
        assert!(app.should_quit);
    }

    #[test]
    fn a_failed_save_is_an_overlay_whose_retry_result_reaches_the_screen() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let requests = update(&mut app, &lib, Action::Select(1), now(1));
        let [Request { by, effect }] = &requests[..] else {
            panic!("{requests:?}")
        };
        assert!(matches!(effect, Effect::Record(_)));
        receive(
            &mut app,
            &lib,
            *by,
            Action::StoreFailed {
                trouble: crate::progress::Trouble::DiskFull,
                retry: effect.clone(),
            },
            now(2),
        );
        assert!(matches!(
            app.overlays().as_slice(),
            [Overlay::SaveFailed(_)]
        ));
        let retry = update(&mut app, &lib, Action::Confirm, now(3));
        assert_eq!(retry, requests, "the same save, for the same screen");
        assert!(app.overlays().is_empty());
        commit(&mut app, &lib, retry);
        assert_eq!(app.player().unwrap().step, 1, "the retried answer moved on");
    }

    #[test]
    fn ctrl_c_asks_once_over_whatever_is_open() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        update(&mut app, &lib, Action::Help, now(1));
        update(&mut app, &lib, Action::Quit, now(2));
        update(&mut app, &lib, Action::Quit, now(3));
        assert!(matches!(
            app.overlays().as_slice(),
            [Overlay::Help(_), Overlay::Quit(_)]
        ));
        update(&mut app, &lib, Action::Confirm, now(4));
        assert!(!app.should_quit, "the question starts on staying");
        assert!(matches!(app.overlays().as_slice(), [Overlay::Help(_)]));
    }

    #[test]
    fn the_name_field_reads_text_until_a_question_covers_it() {
        let lib = library();
        let mut app = App::new(Default::default(), Env::default());
        app.screen = NewLearner::new(vec![]).into();
        assert_eq!(input_mode(&app), Mode::Text);
        update(&mut app, &lib, Action::Quit, now(1));
        assert_eq!(input_mode(&app), Mode::Normal);
        update(&mut app, &lib, Action::Back, now(2));
        assert_eq!(input_mode(&app), Mode::Text);
    }

    #[test]
    fn with_read_aloud_on_each_new_step_is_spoken_and_leaving_stops_it() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        app.session.settings.read_aloud = true;
        app.env.speech = SpeechStatus::Ready;
        let effects = update(&mut app, &lib, Action::Select(1), now(1));
        let mut spoken = vec![];
        for e in effects {
            if let Effect::Record(d) = e.effect {
                let event = crate::progress::Event {
                    id: "e".into(),
                    verb: d.verb,
                    learner_id: d.learner_id,
                    registration: d.registration.unwrap_or_default(),
                    pack_id: d.pack_id,
                    lesson_id: d.lesson_id,
                    step: d.step,
                    stars: None,
                    lang: d.lang,
                    at: String::new(),
                    device_id: String::new(),
                };
                spoken = update(&mut app, &lib, Action::Recorded(event), now(2));
            }
        }
        assert!(
            matches!(effects_of(&spoken).as_slice(), [Effect::Speak { text, .. }] if text.contains("好")),
            "{spoken:?}"
        );
        let back = update(&mut app, &lib, Action::Back, now(3));
        assert!(
            back.iter()
                .any(|e| matches!(&e.effect, Effect::Speak { text, .. } if !text.contains("好"))),
            "the lesson list is read instead: {back:?}"
        );
        app.session.settings.read_aloud = false;
        let welcome = update(&mut app, &lib, Action::Back, now(4));
        assert_eq!(
            effects_of(&welcome),
            vec![Effect::StopSpeech],
            "with read-aloud off, leaving stops it"
        );
    }

    #[test]
    fn r_without_a_speech_program_says_so_in_plain_words() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::ReadAloud, now(1));
        assert!(effects.is_empty());
        assert!(matches!(
            &app.notice,
            Some(Notice::SpeechMissing { program }) if program == "espeak-ng"
        ));
        update(&mut app, &lib, Action::Down, now(2));
        assert!(app.notice.is_none(), "gone with the next key");
        app.env.speech = SpeechStatus::Ready;
        let effects = update(&mut app, &lib, Action::ReadAloud, now(3));
        assert!(
            matches!(effects_of(&effects).as_slice(), [Effect::Speak { text, .. }] if text == "点乙"),
            "{effects:?}"
        );
    }

    fn row(id: &str) -> crate::progress::store::class::ClassRow {
        crate::progress::store::class::ClassRow {
            learner: crate::progress::Learner {
                id: id.into(),
                name: Some(id.into()),
                number: None,
                seat: None,
            },
            groups: vec![],
            done: Default::default(),
            lessons_done: 0,
            stars: 0,
            time_ms: 0,
            last_active: None,
            stuck: None,
        }
    }

    fn class_answer(ids: &[&str]) -> Action {
        Action::Answer(crate::app::Answer::Class {
            rows: ids.iter().map(|id| row(id)).collect(),
            groups: vec![],
        })
    }

    /// The teacher's menu, the dashboard over it with its rows loaded; the dashboard's id.
    fn on_the_dashboard(lib: &Library) -> (App, Requester) {
        let mut app = App::new(Default::default(), Env::default());
        app.show(crate::screens::instructor::home::InstructorHome::default());
        let asked = update(&mut app, lib, Action::Select(0), now(1));
        assert_eq!(app.screen.name(), "Class");
        let by = asked[0].by;
        receive(&mut app, lib, by, class_answer(&["a", "b", "c"]), now(2));
        (app, by)
    }

    #[test]
    fn back_returns_to_the_screen_underneath_as_it_was_left() {
        let lib = library();
        let (mut app, _) = on_the_dashboard(&lib);
        update(&mut app, &lib, Action::Down, now(3));
        update(&mut app, &lib, Action::Down, now(4));
        let asked = update(&mut app, &lib, Action::Confirm, now(5));
        assert_eq!(app.screen.name(), "Detail");
        let detail = crate::progress::store::class::LearnerDetail {
            learner: row("c").learner,
            lessons: vec![],
            hardest: vec![],
            help: 0,
        };
        let answer = Action::Answer(crate::app::Answer::Detail(detail));
        receive(&mut app, &lib, asked[0].by, answer, now(6));
        update(&mut app, &lib, Action::Back, now(7));
        let crate::screens::Screen::Class(class) = &app.screen else {
            panic!("on {}", app.screen.name())
        };
        assert_eq!(class.cursor, 2, "the third learner is still highlighted");
        assert_eq!(class.rows.len(), 3, "and the rows are still there");
        update(&mut app, &lib, Action::Back, now(8));
        assert_eq!(app.screen.name(), "InstructorHome");
        assert_eq!(app.screens_below().count(), 0);
    }

    #[test]
    fn a_result_goes_to_the_screen_that_asked_even_when_another_covers_it() {
        let lib = library();
        let (mut app, class) = on_the_dashboard(&lib);
        let ticked = update(&mut app, &lib, Action::Tick, now(3));
        assert!(matches!(ticked[0].effect, Effect::Refresh(_)));
        assert_eq!(ticked[0].by, class);
        // The teacher opens a learner's detail before the dashboard's new rows arrive (a
        // refresh does not hold input back).
        update(&mut app, &lib, Action::Confirm, now(4));
        assert_eq!(app.screen.name(), "Detail");
        receive(
            &mut app,
            &lib,
            class,
            class_answer(&["a", "b", "c", "d"]),
            now(5),
        );
        let crate::screens::Screen::Detail(detail) = &app.screen else {
            panic!("on {}", app.screen.name())
        };
        assert!(detail.detail.is_none(), "the detail did not take the rows");
        update(&mut app, &lib, Action::Back, now(6));
        let crate::screens::Screen::Class(class) = &app.screen else {
            panic!("on {}", app.screen.name())
        };
        assert_eq!(class.rows.len(), 4, "the dashboard got its own answer");
    }

    #[test]
    fn a_result_for_a_screen_that_has_gone_is_dropped_quietly() {
        let lib = library();
        let (mut app, class) = on_the_dashboard(&lib);
        update(&mut app, &lib, Action::Back, now(3));
        let more = receive(&mut app, &lib, class, class_answer(&["x"]), now(4));
        assert!(more.is_empty());
        assert_eq!(app.screen.name(), "InstructorHome");
        assert!(!app.busy);
    }

    #[test]
    fn the_pin_tells_whoever_opened_it_and_that_one_decides_where_to_go() {
        let lib = library();
        // Opened by the welcome screen: the teacher's screens open over it.
        let mut app = App::new(Default::default(), Env::default());
        let asked = update(&mut app, &lib, Action::Instructor, now(1));
        let pin = asked[0].by;
        assert!(matches!(asked[0].effect, Effect::LoadPinState));
        receive(
            &mut app,
            &lib,
            pin,
            Action::PinState(crate::app::PinView {
                set: true,
                locked: false,
                wait_seconds: None,
            }),
            now(2),
        );
        receive(
            &mut app,
            &lib,
            pin,
            Action::PinChecked(crate::pin::Checked::Right),
            now(3),
        );
        assert_eq!(app.screen.name(), "InstructorHome");
        assert!(app.overlays().is_empty());
        update(&mut app, &lib, Action::Back, now(4));
        assert_eq!(
            app.screen.name(),
            "Welcome",
            "the way back is the welcome screen"
        );

        // Opened by the app itself on a kiosk (Ctrl+C): the right PIN closes zhulao.
        let mut app = app_in_lesson(&lib);
        app.session.kiosk.forced = true;
        let asked = update(&mut app, &lib, Action::Quit, now(5));
        let pin = asked[0].by;
        receive(
            &mut app,
            &lib,
            pin,
            Action::PinChecked(crate::pin::Checked::Right),
            now(6),
        );
        assert!(app.should_quit);
        assert_eq!(app.screen.name(), "Player", "no screen was opened");
    }

    #[test]
    fn nobody_answering_still_there_starts_the_kiosk_over_signed_out() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        app.session.kiosk.forced = true;
        app.session.kiosk.countdown_seconds = Some(3);
        update(&mut app, &lib, Action::Idle, now(10_000));
        assert!(app.has_overlay(|o| matches!(o, Overlay::StillThere(_))));
        update(&mut app, &lib, Action::Tick, now(11_000));
        assert_eq!(app.screen.name(), "Player", "still counting");
        update(&mut app, &lib, Action::Tick, now(13_000));
        assert_eq!(app.screen.name(), "Welcome");
        assert!(app.session.learner.is_none());
        assert!(app.overlays().is_empty() && app.screens_below().count() == 0);
    }
}
