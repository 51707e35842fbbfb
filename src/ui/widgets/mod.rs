//! Widgets shared by the screens.

pub mod dialog;
pub mod keypad;
pub mod menu;
pub mod page;
pub mod phone;
pub mod table;
