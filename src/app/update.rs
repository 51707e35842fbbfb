//! The whole behaviour of the app as one function: `update(app, lib, action, now)` changes the
//! state and returns the effects the loop must perform. Nothing here touches the terminal, the
//! clock or the database, so every rule — escalating help, resume, going back — is unit-tested
//! directly.
//!
//! This is also the one place that decides which layer gets an action: results of effects go to
//! the screen that asked for them; the few global keys (text size, read aloud, quit) are handled
//! here on any screen; everything else goes to the top overlay if there is one, else to the
//! screen. A learner's answer changes the screen only when its event comes back committed
//! (`Action::Recorded`): if the save fails, nothing moves on, and Enter tries again.

use crate::content::Library;
use crate::input::Mode;
use crate::overlays::pin::PinFor;
use crate::overlays::{Overlay, Pin, SaveFailed, StillThere};
use crate::screens::Screen;
use crate::screens::settings::SettingsScreen;
use crate::ui::ViewCx;

use super::action::{Action, Notice};
use super::effect::Effect;
use super::layer::{Ctx, Nav, Outcome};
use super::state::{App, SpeechStatus};

pub fn update(app: &mut App, lib: &Library, action: Action, now_ms: u64) -> Vec<Effect> {
    let spoken_before = spoken(app, lib);
    let mut effects = route(app, lib, action, now_ms);
    // Read-aloud follows what is on screen: a new step (or new feedback) is read by itself
    // when the learner asked for that, and whatever was being read stops when it goes away.
    let spoken_after = spoken(app, lib);
    if spoken_after != spoken_before {
        match spoken_after {
            Some(text) if app.session.settings.read_aloud => effects.push(speak(app, text)),
            _ if app.speaking => effects.push(Effect::StopSpeech),
            _ => {}
        }
    }
    for effect in &effects {
        match effect {
            Effect::Speak { .. } => app.speaking = true,
            Effect::StopSpeech | Effect::Quit => app.speaking = false,
            _ => {}
        }
    }
    effects
}

fn route(app: &mut App, lib: &Library, action: Action, now_ms: u64) -> Vec<Effect> {
    if action == Action::SaveDelayed {
        app.saving_slowly = true;
        return vec![];
    }
    if action.is_result() {
        app.busy = false;
        app.saving_slowly = false;
        match &action {
            Action::Recorded(event) => {
                app.session.progress.apply(event);
                app.session.reviews.apply(event);
            }
            Action::StoreFailed { message, retry } => {
                app.overlays
                    .retain(|o| !matches!(o, Overlay::SaveFailed(_)));
                app.overlays.push(Overlay::SaveFailed(SaveFailed::new(
                    message.clone(),
                    retry.clone(),
                )));
                return vec![];
            }
            Action::Notice(notice) => {
                app.notice = Some(notice.clone());
                return vec![];
            }
            _ => {}
        }
        let to_overlay = app
            .overlays
            .last()
            .is_some_and(|top| top.layer().wants_results());
        return deliver(app, lib, action, now_ms, to_overlay);
    }
    if action == Action::QuitNow {
        // On a kiosk nothing leaves without the PIN, not even Ctrl+C in a too-small window.
        if app.session.kiosk.on() {
            return vec![];
        }
        app.should_quit = true;
        return vec![Effect::Quit];
    }
    if app.busy {
        return vec![];
    }
    if action == Action::Idle {
        if !walk_away_due(app) {
            return vec![];
        }
        let still_there = StillThere::new(now_ms, app.session.kiosk.countdown());
        return apply(app, Outcome::open(Overlay::StillThere(still_there)), false);
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
                Outcome::effect(Effect::SaveSettings(owner, settings)),
                false,
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
                .map(|text| vec![speak(app, text)])
                .unwrap_or_default();
        }
        Action::Quit if app.session.kiosk.on() => {
            // The kiosk's quit question is the PIN.
            if app.has_overlay(|o| matches!(o, Overlay::Pin(p) if p.purpose == PinFor::Leave)) {
                return vec![];
            }
            let (pin, effect) = Pin::open(PinFor::Leave, false);
            return apply(app, Outcome::open(Overlay::Pin(pin)).with(effect), false);
        }
        Action::Quit if !app.has_overlay(|o| matches!(o, Overlay::Quit(_))) => {
            return apply(app, Outcome::open(Overlay::quit()), false);
        }
        _ => {}
    }
    let to_overlay = !app.overlays.is_empty();
    deliver(app, lib, action, now_ms, to_overlay)
}

/// Hands an action to the top overlay (`to_overlay`) or to the screen, and applies the outcome.
fn deliver(
    app: &mut App,
    lib: &Library,
    action: Action,
    now_ms: u64,
    to_overlay: bool,
) -> Vec<Effect> {
    let mut cx = Ctx {
        lib,
        session: &mut app.session,
        env: &app.env,
        now_ms,
    };
    let layer = match app.overlays.last_mut() {
        Some(top) if to_overlay => top.layer_mut(),
        _ => app.screen.layer_mut(),
    };
    let outcome = layer.update(&mut cx, action);
    apply(app, outcome, to_overlay)
}

/// Carries out what a layer asked for. `from_overlay`: the top overlay handled the action, so
/// `close` closes it.
fn apply(app: &mut App, outcome: Outcome, from_overlay: bool) -> Vec<Effect> {
    let Outcome {
        effects,
        nav,
        open,
        close,
        quit,
    } = outcome;
    if close && from_overlay {
        app.overlays.pop();
    }
    match nav {
        Nav::Stay => {}
        Nav::Go(screen) => {
            app.screen = screen;
            // A new screen starts clean: overlays belonged to the old one.
            app.overlays.clear();
        }
        Nav::Settings => {
            let back = std::mem::replace(&mut app.screen, Screen::welcome());
            app.screen = Screen::Settings(SettingsScreen::new(back));
            app.overlays.clear();
        }
    }
    if let Some(overlay) = open {
        app.overlays.push(overlay);
    }
    if quit {
        app.should_quit = true;
    }
    app.busy = effects.iter().any(Effect::awaits_result);
    effects
}

/// Kiosk mode: whether, with nobody touching anything, the walk-away reset has something to do.
/// Not when the kiosk is already at rest (the welcome screen, nobody signed in, nothing open) —
/// then the loop sleeps until someone comes — and not over a failed save or the news of a
/// fresh record, which must wait for someone to read them.
pub fn walk_away_due(app: &App) -> bool {
    let at_rest = matches!(app.screen, Screen::Welcome(_))
        && app.session.learner.is_none()
        && app.overlays.is_empty();
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
    match app.overlays.last() {
        Some(top) => top.layer().mode(),
        None => app.screen.layer().mode(),
    }
}

/// How often the top layer wants a tick, if at all.
pub fn tick_every(app: &App) -> Option<std::time::Duration> {
    match app.overlays.last() {
        Some(top) => top.layer().tick_every(),
        None => app.screen.layer().tick_every(),
    }
}

/// What read-aloud would say now: the top layer's words.
pub fn spoken(app: &App, lib: &Library) -> Option<String> {
    let cx = ViewCx::new(app, lib);
    match app.overlays.last() {
        Some(top) => top.layer().spoken(&cx),
        None => app.screen.layer().spoken(&cx),
    }
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
    use crate::app::test_support::{app_in_lesson, commit, library};
    use crate::overlays::Overlay;
    use crate::screens::new_learner::NewLearner;
    use crate::settings::{SettingsOwner, TextSize};

    fn help_cursor(app: &App) -> usize {
        match app.overlays.last() {
            Some(Overlay::Help(h)) => h.cursor,
            other => panic!("no help on top: {other:?}"),
        }
    }

    #[test]
    fn a_key_goes_to_the_top_overlay_and_not_to_the_screen_under_it() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let cursor = app.player().unwrap().cursor;
        update(&mut app, &lib, Action::Help, 1);
        update(&mut app, &lib, Action::Down, 2);
        assert_eq!(help_cursor(&app), 1, "the help's own menu moved");
        assert_eq!(app.player().unwrap().cursor, cursor, "the phone did not");
        update(&mut app, &lib, Action::Back, 3);
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
        update(&mut app, &lib, Action::Help, 1);
        let effects = update(&mut app, &lib, Action::TextBigger, 2);
        assert_eq!(app.session.settings.text_size, TextSize::Big);
        assert!(matches!(
            effects.as_slice(),
            [Effect::SaveSettings(SettingsOwner::Learner(id), s)] if id == "learner" && s.text_size == TextSize::Big
        ));
        assert!(app.busy, "input waits for the save");
        update(&mut app, &lib, Action::SettingsSaved, 3);
        assert!(!app.busy);
        assert_eq!(app.overlays.len(), 1, "the help is still open");
        assert!(update(&mut app, &lib, Action::TextSmaller, 4).len() == 1);
        assert!(
            update(&mut app, &lib, Action::TextSmaller, 5).is_empty(),
            "nothing to save when the size does not change"
        );
    }

    #[test]
    fn while_a_save_is_pending_input_waits_but_leaving_at_once_does_not() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(1), 1);
        assert!(app.busy && effects.len() == 1);
        assert!(update(&mut app, &lib, Action::Select(0), 2).is_empty());
        assert!(update(&mut app, &lib, Action::Help, 3).is_empty());
        assert!(app.overlays.is_empty());
        update(&mut app, &lib, Action::QuitNow, 4);
        assert!(app.should_quit);
    }

    #[test]
    fn a_failed_save_is_an_overlay_whose_retry_result_reaches_the_screen() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(1), 1);
        let [Effect::Record(draft)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        update(
            &mut app,
            &lib,
            Action::StoreFailed {
                message: "disk full".into(),
                retry: Effect::Record(draft.clone()),
            },
            2,
        );
        assert!(matches!(app.overlays.as_slice(), [Overlay::SaveFailed(_)]));
        let retry = update(&mut app, &lib, Action::Confirm, 3);
        assert_eq!(retry, vec![Effect::Record(draft.clone())]);
        assert!(app.overlays.is_empty());
        commit(&mut app, &lib, retry);
        assert_eq!(app.player().unwrap().step, 1, "the retried answer moved on");
    }

    #[test]
    fn ctrl_c_asks_once_over_whatever_is_open() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        update(&mut app, &lib, Action::Help, 1);
        update(&mut app, &lib, Action::Quit, 2);
        update(&mut app, &lib, Action::Quit, 3);
        assert!(matches!(
            app.overlays.as_slice(),
            [Overlay::Help(_), Overlay::Quit(_)]
        ));
        update(&mut app, &lib, Action::Confirm, 4);
        assert!(!app.should_quit, "the question starts on staying");
        assert!(matches!(app.overlays.as_slice(), [Overlay::Help(_)]));
    }

    #[test]
    fn the_name_field_reads_text_until_a_question_covers_it() {
        let lib = library();
        let mut app = App::new(Default::default(), Env::default());
        app.screen = NewLearner::new(vec![]).into();
        assert_eq!(input_mode(&app), Mode::Text);
        update(&mut app, &lib, Action::Quit, 1);
        assert_eq!(input_mode(&app), Mode::Normal);
        update(&mut app, &lib, Action::Back, 2);
        assert_eq!(input_mode(&app), Mode::Text);
    }

    #[test]
    fn with_read_aloud_on_each_new_step_is_spoken_and_leaving_stops_it() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        app.session.settings.read_aloud = true;
        app.env.speech = SpeechStatus::Ready;
        let effects = update(&mut app, &lib, Action::Select(1), 1);
        let mut spoken = vec![];
        for e in effects {
            if let Effect::Record(d) = e {
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
                spoken = update(&mut app, &lib, Action::Recorded(event), 2);
            }
        }
        assert!(
            matches!(spoken.as_slice(), [Effect::Speak { text, .. }] if text.contains("好")),
            "{spoken:?}"
        );
        let back = update(&mut app, &lib, Action::Back, 3);
        assert!(
            back.iter()
                .any(|e| matches!(e, Effect::Speak { text, .. } if !text.contains("好"))),
            "the lesson list is read instead: {back:?}"
        );
        app.session.settings.read_aloud = false;
        let welcome = update(&mut app, &lib, Action::Back, 4);
        assert_eq!(
            welcome,
            vec![Effect::StopSpeech],
            "with read-aloud off, leaving stops it"
        );
    }

    #[test]
    fn r_without_a_speech_program_says_so_in_plain_words() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::ReadAloud, 1);
        assert!(effects.is_empty());
        assert!(matches!(
            &app.notice,
            Some(Notice::SpeechMissing { program }) if program == "espeak-ng"
        ));
        update(&mut app, &lib, Action::Down, 2);
        assert!(app.notice.is_none(), "gone with the next key");
        app.env.speech = SpeechStatus::Ready;
        let effects = update(&mut app, &lib, Action::ReadAloud, 3);
        assert!(
            matches!(effects.as_slice(), [Effect::Speak { text, .. }] if text == "点乙"),
            "{effects:?}"
        );
    }
}
