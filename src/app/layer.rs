//! One rule for every screen and every overlay (a question, the help page, a failed save): each
//! is a `Layer` that updates itself from an action and draws itself, and says what it wants to
//! happen next as an `Outcome`. Screens and overlays never reach into each other; the router in
//! `update` applies the outcome (go to another screen, open or close an overlay, perform
//! effects), so adding a screen is one new module plus one line in each dispatcher.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::content::Library;
use crate::input::Mode;
use crate::overlays::Overlay;
use crate::screens::Screen;
use crate::ui::{Hits, ViewCx};

use super::effect::Effect;
use super::state::{Env, Session};

/// What a layer's update may read and change besides itself.
pub struct Ctx<'a> {
    pub lib: &'a Library,
    pub session: &'a mut Session,
    pub env: &'a Env,
    /// Milliseconds on the app's clock (for time spent on a step).
    pub now_ms: u64,
}

/// Where to go after an action.
#[derive(Debug, Default)]
pub enum Nav {
    #[default]
    Stay,
    /// Replace the current screen.
    Go(Screen),
    /// Open the settings screen, coming back to the current screen when done.
    Settings,
}

/// What a layer asks for after handling an action.
#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub nav: Nav,
    /// Put this overlay on top.
    pub open: Option<Overlay>,
    /// Close the overlay that handled the action.
    pub close: bool,
    pub quit: bool,
}

impl Outcome {
    pub fn none() -> Outcome {
        Outcome::default()
    }

    pub fn go(screen: impl Into<Screen>) -> Outcome {
        Outcome {
            nav: Nav::Go(screen.into()),
            ..Outcome::default()
        }
    }

    pub fn effect(effect: Effect) -> Outcome {
        Outcome::none().with(effect)
    }

    pub fn open(overlay: Overlay) -> Outcome {
        Outcome {
            open: Some(overlay),
            ..Outcome::default()
        }
    }

    pub fn close() -> Outcome {
        Outcome {
            close: true,
            ..Outcome::default()
        }
    }

    pub fn settings() -> Outcome {
        Outcome {
            nav: Nav::Settings,
            ..Outcome::default()
        }
    }

    pub fn with(mut self, effect: Effect) -> Outcome {
        self.effects.push(effect);
        self
    }

    pub fn with_all(mut self, effects: impl IntoIterator<Item = Effect>) -> Outcome {
        self.effects.extend(effects);
        self
    }
}

pub trait Layer {
    /// Handles an action. Screens receive the results of the effects they asked for here too.
    fn update(&mut self, cx: &mut Ctx<'_>, action: crate::app::Action) -> Outcome;

    /// Draws the layer into `area` and records what its taps and number keys mean.
    fn render(&self, cx: &ViewCx<'_>, area: Rect, buf: &mut Buffer, hits: &mut Hits);

    /// How typed characters are read while this layer is on top.
    fn mode(&self) -> Mode {
        Mode::Normal
    }

    /// What read-aloud says for this layer: built from the same words the view draws.
    fn spoken(&self, _cx: &ViewCx<'_>) -> Option<String> {
        None
    }

    /// An overlay that asked for an effect itself (the PIN prompt) gets its result; otherwise
    /// results go to the screen.
    fn wants_results(&self) -> bool {
        false
    }

    /// Whether this layer draws exactly the same before the lesson packs have loaded: the
    /// first screen is then drawn without waiting for them (see `start` in `main.rs`). A test
    /// draws every layer that says so with and without the packs and compares.
    fn draws_without_packs(&self) -> bool {
        false
    }

    /// How often this layer wants an `Action::Tick` while it is on top (the class dashboard
    /// looks for other windows' answers). `None`: never — the loop then sleeps until input.
    fn tick_every(&self) -> Option<std::time::Duration> {
        None
    }
}

/// How far PgUp / PgDn move: the most entries a menu shows at once (one per number key).
const PAGE: usize = 9;

/// Moves a menu highlight; returns the entry chosen by Enter or a tap/number key, if any.
pub fn menu_choice(cursor: &mut usize, len: usize, action: &crate::app::Action) -> Option<usize> {
    use crate::app::Action;
    match action {
        Action::Up | Action::Left | Action::Prev => {
            *cursor = cursor.saturating_sub(1);
            None
        }
        Action::Down | Action::Right | Action::Next => {
            *cursor = (*cursor + 1).min(len.saturating_sub(1));
            None
        }
        Action::PageUp => {
            *cursor = cursor.saturating_sub(PAGE);
            None
        }
        Action::PageDown => {
            *cursor = (*cursor + PAGE).min(len.saturating_sub(1));
            None
        }
        Action::Home => {
            *cursor = 0;
            None
        }
        Action::End => {
            *cursor = len.saturating_sub(1);
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
