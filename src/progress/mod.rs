//! Learners' progress: the event record (`event`), the SQLite store that commits it (`store`)
//! and the progress derived from it (`views`).

pub mod event;
pub mod store;
pub mod views;

pub use event::*;
pub use store::{Store, StoreError, default_data_dir};
pub use views::{LessonProgress, Progress};
