//! The app's behaviour: its state, the actions that change it, the effects it asks for, the
//! `Layer` rule every screen and overlay follows, the stack of layers on screen, the clock's
//! reading, and the router (`update`, `receive`) that hands each action to the right layer.

pub mod action;
pub mod clock;
pub mod effect;
pub mod layer;
pub mod mode;
pub mod queries;
pub mod stack;
pub mod state;
pub mod update;

pub use action::{Action, Notice, PinView};
pub use clock::{Clock, Now, SystemClock};
pub use effect::{Answer, Days, Effect, Query, Request, Requester, RosterCommand, Taken};
pub use layer::{Ctx, Layer, Nav, Outcome, Reply, menu_choice};
pub use mode::Mode;
pub use queries::{answer, change_roster};
pub use stack::LayerId;
pub use state::*;
pub use update::{input_mode, receive, spoken, tick_every, update, walk_away_due};

#[cfg(test)]
pub mod test_support;
