//! One module per screen.

pub mod menus;
pub mod player;
