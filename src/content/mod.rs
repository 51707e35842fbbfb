//! Lesson content: the pack format (`raw`), its rules and how a broken one is told (`problems`),
//! its validation (`validate`, with each phone screen's checks in `screens` and each step's in
//! `steps`, the input-method slips and "did you mean" in
//! `slips`), the checked model the app runs on (`model`), where packs come from (`loader`) and the compact
//! form the built-in course is stored in (`compact`). `src/build.rs` compiles this module too, to
//! validate the built-in course when zhulao is built.

pub mod compact;
pub mod loader;
pub mod model;
pub mod problems;
pub mod raw;
mod screens;
pub mod slips;
mod steps;
pub mod validate;

pub use loader::Source;
pub use model::*;
pub use screens::{SIDE_BUTTONS, call_buttons};
pub use steps::answer_fits;
pub use validate::PackError;
