//! Learners' progress: the event record (`event`), the SQLite store that commits it (`store`)
//! and what is derived from it: progress (`views`) and the review schedule (`review`).

pub mod event;
pub mod review;
pub mod store;
pub mod views;

pub use event::*;
pub use review::Reviews;
pub use store::{Store, StoreError, default_data_dir};
pub use views::{LessonProgress, Progress};
