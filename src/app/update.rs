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
use crate::overlays::{Overlay, SaveFailed};
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
    if action.is_result() {
        app.busy = false;
        match &action {
            Action::Recorded(event) => app.session.progress.apply(event),
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
        let mut cx = Ctx {
            lib,
            session: &mut app.session,
            env: &app.env,
            now_ms,
        };
        let outcome = app.screen.layer_mut().update(&mut cx, action);
        return apply(app, outcome, false);
    }
    if action == Action::QuitNow {
        app.should_quit = true;
        return vec![Effect::Quit];
    }
    if app.busy {
        return vec![];
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
        Action::Quit if !app.has_overlay(|o| matches!(o, Overlay::Quit(_))) => {
            return apply(app, Outcome::open(Overlay::quit()), false);
        }
        _ => {}
    }
    let mut cx = Ctx {
        lib,
        session: &mut app.session,
        env: &app.env,
        now_ms,
    };
    match app.overlays.last_mut() {
        Some(top) => {
            let outcome = top.layer_mut().update(&mut cx, action);
            apply(app, outcome, true)
        }
        None => {
            let outcome = app.screen.layer_mut().update(&mut cx, action);
            apply(app, outcome, false)
        }
    }
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

/// How typed characters are read now: the top layer decides.
pub fn input_mode(app: &App) -> Mode {
    match app.overlays.last() {
        Some(top) => top.layer().mode(),
        None => app.screen.layer().mode(),
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
