//! What `update` asks the outside world to do. The loop performs effects in order and feeds
//! their results back as actions, so every state change after a save happens only once the save
//! has committed.

use crate::lang::Lang;
use crate::progress::{EventDraft, NewLearner};
use crate::settings::{Settings, SettingsOwner, SpeechRate};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadLearners,
    AddLearner(NewLearner),
    /// Load a learner's progress and settings (→ `Action::LearnerOpened`).
    OpenLearner(crate::progress::Learner),
    /// Commit this event, then send `Action::Recorded` with it.
    Record(EventDraft),
    SaveSettings(SettingsOwner, Settings),
    /// Read `text` aloud, stopping whatever is being read.
    Speak {
        text: String,
        lang: Lang,
        rate: SpeechRate,
    },
    StopSpeech,
    Quit,
}

impl Effect {
    /// Whether input waits for this effect's result: everything that reads or writes the
    /// record does, so nothing moves on before the save has committed.
    pub fn awaits_result(&self) -> bool {
        matches!(
            self,
            Effect::LoadLearners
                | Effect::AddLearner(_)
                | Effect::OpenLearner(_)
                | Effect::Record(_)
                | Effect::SaveSettings(..)
        )
    }
}
