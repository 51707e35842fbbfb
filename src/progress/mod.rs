//! Learners' progress: the event record (`event`), the SQLite store that commits it (`store`)
//! and what is derived from it: progress (`views`) and the review schedule (`review`); beside
//! the database, a copy of the first screen's settings for a quicker launch (`first_screen`).

pub mod event;
pub mod first_screen;
pub mod name_order;
pub mod review;
pub mod store;
pub mod views;

pub use event::*;
pub use review::Reviews;
pub use store::{Store, StoreError, Trouble, default_data_dir};
pub use views::{LessonProgress, Progress};

/// The longest a learner's name may be, however it arrives — typed on the name screen, in a
/// roster file or in another machine's records: a Chinese name with a "(2)" after it, or a
/// short English name. Sixteen Chinese characters still fit a name button at 40×12.
pub const MAX_NAME_CHARS: usize = 16;
