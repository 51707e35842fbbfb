//! What `update` asks the outside world to do. The loop performs effects in order and feeds
//! their results back as actions, so every state change after a save happens only once the save
//! has committed.

use crate::lang::Lang;
use crate::progress::{EventDraft, NewLearner};
use crate::settings::{Settings, SettingsOwner, SpeechRate};

/// Who asked for an effect: its result goes back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requester {
    /// The app itself (a text-size key, the kiosk's quit question, a retried save's opener).
    App,
    /// A screen or an overlay, by the id it was given when it opened.
    Layer(super::stack::LayerId),
}

/// An effect, and who asked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub by: Requester,
    pub effect: Effect,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadLearners,
    AddLearner(NewLearner),
    /// Load a learner's progress and settings (→ `Action::LearnerOpened`).
    OpenLearner(crate::progress::Learner),
    /// Commit this event, then send `Action::Recorded` with it.
    Record(EventDraft),
    /// Keep that the learner opened help on a step (→ `Action::HelpRecorded`). The help page
    /// shows at once: nothing waits for this save, which changes nothing the learner sees.
    RecordHelp(crate::progress::store::help::HelpDraft),
    SaveSettings(SettingsOwner, Settings),
    /// Keep the machine's kiosk settings (→ `Action::KioskSaved`).
    SaveKiosk(crate::settings::KioskSettings),
    /// Read `text` aloud, stopping whatever is being read.
    Speak {
        text: String,
        lang: Lang,
        rate: SpeechRate,
    },
    StopSpeech,
    /// Whether a teacher PIN is set (→ `Action::PinState`).
    LoadPinState,
    /// Check a typed PIN, counting it if wrong (→ `Action::PinChecked`).
    CheckPin(String),
    /// Keep a new PIN's hash (→ `Action::PinSet`).
    SetPin(String),
    /// Read what an instructor's screen shows (→ `Action::Answer`).
    Query(Query),
    /// The same, but only if another window has recorded something since the last look.
    Refresh(Query),
    /// Change the roster, then read it again (→ `Action::Answer`).
    Roster(RosterCommand),
    /// Find where a report can go: USB sticks, Documents, the data folder (→ `Action::Places`).
    FindPlaces,
    /// Write the bureau's report (XLSX), in `lang`, into `place` (→ `Action::ReportWritten`).
    WriteReport {
        place: crate::records::report::places::Place,
        lang: Lang,
    },
    /// Read the centre's settings (→ `Action::Centre`).
    LoadCentre,
    /// Keep the centre's settings (→ `Action::Centre` with them).
    SaveCentre(crate::settings::CentreSettings),
    Quit,
}

/// What an instructor's screen asks to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// One row per learner in a group (a group's id) or in the whole class.
    Class {
        group: Option<String>,
    },
    Detail {
        learner_id: String,
    },
    Trouble {
        group: Option<String>,
        days: Days,
    },
    Roster {
        with_archived: bool,
    },
    /// Learners in a group (or everyone) not seen for `days` days, or never.
    Missing {
        group: Option<String>,
        days: u32,
    },
}

/// Which days the trouble spots are counted over. They open on all time (kept figures, read
/// at once however many answers there are); D narrows to the last week, month, or today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Days {
    Today,
    Week,
    Month,
    #[default]
    All,
}

impl Days {
    /// The order D goes through them.
    pub const ALL: [Days; 4] = [Days::All, Days::Week, Days::Month, Days::Today];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterCommand {
    Rename {
        id: String,
        name: String,
    },
    Seat {
        id: String,
        seat: Option<u32>,
    },
    Member {
        learner_id: String,
        group_id: String,
        member: bool,
    },
    Archive {
        id: String,
        archived: bool,
    },
    /// A new group, with this learner in it.
    AddGroup {
        name: String,
        learner_id: String,
    },
}

/// What a query found.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Class {
        rows: Vec<crate::progress::store::class::ClassRow>,
        groups: Vec<crate::progress::store::roster::Group>,
    },
    Detail(crate::progress::store::class::LearnerDetail),
    Trouble {
        spots: Vec<crate::progress::store::class::TroubleSpot>,
        groups: Vec<crate::progress::store::roster::Group>,
    },
    Roster {
        entries: Vec<crate::progress::store::roster::RosterEntry>,
        groups: Vec<crate::progress::store::roster::Group>,
        /// A change that could not be made: the learner who has that name or seat.
        taken: Option<Taken>,
    },
    Missing {
        rows: Vec<crate::progress::store::class::Missing>,
        groups: Vec<crate::progress::store::roster::Group>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    Name(String),
    Seat(u32, crate::progress::Learner),
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
                | Effect::LoadCentre
                | Effect::FindPlaces
                | Effect::WriteReport { .. }
                | Effect::SaveCentre(_)
                | Effect::SaveSettings(..)
                | Effect::SaveKiosk(_)
                | Effect::LoadPinState
                | Effect::CheckPin(_)
                | Effect::SetPin(_)
                | Effect::Query(_)
                | Effect::Roster(_)
        )
    }
}
