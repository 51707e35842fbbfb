//! Lesson content: the pack format (`raw`), its validation (`validate`, with each step's checks
//! in `steps`), the checked model the app runs on (`model`) and where packs come from (`loader`).

pub mod loader;
pub mod model;
pub mod raw;
mod steps;
pub mod validate;

pub use loader::{Source, load_library};
pub use model::*;
pub use validate::PackError;
