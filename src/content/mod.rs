//! Lesson content: the pack format (`raw`), its validation (`validate`, with each phone screen's
//! checks in `screens` and each step's in `steps`, the input-method slips and "did you mean" in
//! `slips`), the checked model the app runs on (`model`) and where packs come from (`loader`).

pub mod loader;
pub mod model;
pub mod raw;
mod screens;
pub mod slips;
mod steps;
pub mod validate;

pub use loader::{Source, load_library};
pub use model::*;
pub use validate::PackError;
