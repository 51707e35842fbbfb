//! One rule for every screen and every overlay (a question, the help page, a failed save): each
//! is a `Layer` that updates itself from an action and draws itself, and says what it wants to
//! happen next as an `Outcome`. Screens and overlays never reach into each other; the router in
//! `update` applies the outcome, so adding a screen is one new module plus one line in each
//! dispatcher.
//!
//! The screens are a stack: opening one pushes it, Back pops it and the screen underneath is
//! still there, cursor and all. A screen names the screens it opens, never the one that opened
//! it: it goes back with `Outcome::back`, and may hand the screen underneath a `Reply`. An
//! overlay names no screen at all: it closes with a `Reply` to whoever opened it, and that
//! layer decides where to go. The results of effects go back to the layer that asked for them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::content::Library;
use crate::overlays::Overlay;
use crate::screens::Screen;
use crate::ui::{Hits, ViewCx};

use super::clock::Now;
use super::effect::{Answer, Effect, Request};
use super::mode::Mode;
use super::state::{Env, Session};

/// What a layer's update may read and change besides itself.
pub struct Ctx<'a> {
    pub lib: &'a Library,
    pub session: &'a mut Session,
    pub env: &'a Env,
    /// The time, from the loop's clock.
    pub now: Now,
}

/// Where to go after an action.
#[derive(Debug, Default)]
pub enum Nav {
    #[default]
    Stay,
    /// Open a screen over this one; Back comes back here.
    Push(Screen),
    /// This screen gives way to another, which Back leaves for the screen underneath.
    Replace(Screen),
    /// Back to the screen underneath, which is handed the reply.
    Back(Reply),
    /// Everything closes and this screen is the only one (the kiosk starts over).
    Reset(Screen),
}

/// What a layer that is done hands to whoever opened it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Reply {
    /// Nothing: the learner just went back.
    #[default]
    Nothing,
    /// The teacher's PIN was right (or a new one was kept).
    PinAccepted,
    /// "还在吗？" counted down with nobody there.
    NobodyThere,
    /// The help page's way to the settings.
    OpenSettings,
    /// A failed save, to be tried again as it was asked for.
    Retry(Request),
    /// The learner signed out (Esc on the course list).
    SignedOut,
    /// From the end of a lesson: open this lesson (the next one, or the same again).
    OpenLesson(crate::content::LessonAt),
    /// From the end of the last lesson: the whole course is done.
    CourseDone,
    /// What a changed roster now looks like, for the screens underneath to show.
    Roster(Answer),
}

/// What a layer asks for after handling an action.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Effects for the loop to perform. Their results go to the layer this outcome opens, if
    /// it opens one (a screen and the query that fills it), else to the layer that asked.
    pub effects: Vec<Effect>,
    pub nav: Nav,
    /// Put this overlay on top (over the screen that asked, or the overlay that asked).
    pub open: Option<Overlay>,
    /// Close the overlay that handled the action, handing its opener this reply.
    pub close: Option<Reply>,
    pub quit: bool,
}

impl Outcome {
    pub fn none() -> Outcome {
        Outcome::default()
    }

    pub fn push(screen: impl Into<Screen>) -> Outcome {
        Outcome {
            nav: Nav::Push(screen.into()),
            ..Outcome::default()
        }
    }

    pub fn replace(screen: impl Into<Screen>) -> Outcome {
        Outcome {
            nav: Nav::Replace(screen.into()),
            ..Outcome::default()
        }
    }

    /// Back to the screen underneath.
    pub fn back() -> Outcome {
        Outcome::back_with(Reply::Nothing)
    }

    /// Back to the screen underneath, handing it `reply`.
    pub fn back_with(reply: Reply) -> Outcome {
        Outcome {
            nav: Nav::Back(reply),
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

    /// Closes the overlay that handled the action.
    pub fn close() -> Outcome {
        Outcome::close_with(Reply::Nothing)
    }

    /// Closes the overlay that handled the action and hands its opener `reply`.
    pub fn close_with(reply: Reply) -> Outcome {
        Outcome {
            close: Some(reply),
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

    /// Whether this outcome opens a layer (which then gets the results of its effects).
    pub fn opens(&self) -> bool {
        self.open.is_some() || matches!(self.nav, Nav::Push(_) | Nav::Replace(_) | Nav::Reset(_))
    }
}

pub trait Layer {
    /// Handles an action: input, the result of an effect it asked for, or the reply of a layer
    /// it opened (`Action::Reply`).
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
