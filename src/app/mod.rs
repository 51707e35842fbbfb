//! The app's behaviour: its state, the actions that change it, the effects it asks for, and the
//! one `update` function that ties them together.

pub mod action;
pub mod effect;
pub mod lesson;
pub mod order;
pub mod state;
pub mod update;

pub use action::Action;
pub use effect::Effect;
pub use state::*;
pub use update::update;
