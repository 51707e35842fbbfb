//! The app's behaviour: its state, the actions that change it, the effects it asks for, the
//! `Layer` rule every screen and overlay follows, and the one `update` function that routes an
//! action to the right layer.

pub mod action;
pub mod effect;
pub mod layer;
pub mod queries;
pub mod state;
pub mod update;

pub use action::{Action, Notice, PinView};
pub use effect::{Answer, Days, Effect, Query, RosterCommand, Taken};
pub use layer::{Ctx, Layer, Nav, Outcome, menu_choice};
pub use queries::{answer, change_roster};
pub use state::*;
pub use update::{input_mode, spoken, tick_every, update, walk_away_due};

#[cfg(test)]
pub mod test_support;
