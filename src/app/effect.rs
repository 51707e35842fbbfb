//! What `update` asks the outside world to do. The loop performs effects in order and feeds
//! their results back as actions, so every state change after a save happens only once the save
//! has committed.

use crate::progress::{EventDraft, NewLearner};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadLearners,
    AddLearner(NewLearner),
    LoadProgress(String),
    /// Commit this event, then send `Action::Recorded` with it.
    Record(EventDraft),
    Quit,
}
