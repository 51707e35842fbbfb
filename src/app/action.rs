//! What can happen to the app, in words that know nothing of crossterm: keys and taps are
//! turned into these by `crate::input`, and the results of effects come back as these too.

use crate::progress::{Event, Learner, Progress, Reviews};
use crate::settings::Settings;

use super::effect::{Answer, Effect};
use super::layer::Reply;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    /// PgUp / PgDn: a page of a long list at a time; Home / End: its first and last entry.
    PageUp,
    PageDown,
    Home,
    End,
    /// Tab: the next element.
    Next,
    /// Shift+Tab: the previous element.
    Prev,
    /// Enter, or a tap on "OK / continue".
    Confirm,
    /// Esc, or a tap on "back": always one level up, never losing anything.
    Back,
    /// Backspace: remove the last digit, letter or placed item.
    Delete,
    /// `?`: show the step's hint and the keys.
    Help,
    /// Ctrl+C: leave (asks first, like Esc on the welcome screen).
    Quit,
    /// Leave without asking (Ctrl+C while the window is too small to show the question).
    QuitNow,
    /// Choose entry `i` of the current screen: a menu row, a phone element, a choice or an
    /// order item. Number keys and taps both arrive as this.
    Select(usize),
    /// A digit, from a number key in a digits exercise or a tap on the on-screen keypad.
    Digit(u8),
    /// `.`: the decimal point of an amount (a key, or the keypad's "." key).
    Point,
    /// A swipe across the phone (a drag by touch; in a swipe step the arrow keys too).
    Swipe(crate::content::Direction),
    /// A long press: on this phone item (touch, held down), or on the highlighted one (Space,
    /// in a step that asks to press and hold).
    Hold(Option<usize>),
    /// A finger came down on this phone item in a step that asks to press and hold: it is
    /// being held (the screen says so, and that letting go after a moment is the long press).
    Press(usize),
    /// Show a long phone screen from this row (a drag, the wheel, PgUp / PgDn).
    ScrollTo(u16),
    /// Put the slider of a slide step at this level (a tap on its track).
    Level(u8),
    /// A typed character, in a text field (a new learner's name).
    Type(char),
    /// `+` / `-`: the text size, changed at once on any screen.
    TextBigger,
    TextSmaller,
    /// `r` or the 朗读 button: read what is on screen aloud.
    ReadAloud,
    /// F2 on the welcome screen (or `zhulao --instructor`): the teacher's PIN, then their screens.
    Instructor,
    /// A letter no key binding uses, for screens with letter keys of their own (the
    /// instructor's: G group, D days).
    Letter(char),
    /// Time for a screen that keeps itself up to date to look again (the class dashboard), or
    /// for a countdown to count.
    Tick,
    /// Kiosk mode: nobody has pressed or tapped anything for the idle time.
    Idle,
    /// At start, on a kiosk: the damaged progress file was set aside under this name and a new
    /// record begun (the teacher must be told).
    RecordSetAside(String),
    /// What a layer this one opened handed back when it was done (see `Reply`).
    Reply(Reply),

    // Results of effects performed by the loop.
    LearnersLoaded(Vec<Learner>),
    LearnerAdded(Learner),
    LearnerOpened {
        learner: Learner,
        progress: Progress,
        /// What comes back for review, read for today (the loop's today: `update` has no clock).
        reviews: Reviews,
        /// The learner's own settings, if they ever chose any.
        settings: Option<Settings>,
    },
    Recorded(Event),
    SettingsSaved,
    StoreFailed {
        trouble: crate::progress::Trouble,
        retry: Effect,
    },
    /// Something worth one line on screen (read-aloud could not start).
    Notice(Notice),
    /// A save waits for another zhulao window holding the database: say "正在保存…".
    SaveDelayed,
    /// Whether a PIN is set, and whether the prompt must wait or is locked.
    PinState(PinView),
    PinChecked(crate::pin::Checked),
    PinSet,
    KioskSaved,
    /// A help request is kept.
    HelpRecorded,
    /// The centre's settings, as read or just kept.
    Centre(crate::settings::CentreSettings),
    /// Where a report can be written.
    Places(Vec<crate::records::report::places::Place>),
    /// The report's file, or why it was not written (in the teacher's language).
    ReportWritten(Result<std::path::PathBuf, String>),
    /// The answer to an instructor's query.
    Answer(Answer),
}

/// What the PIN prompt needs to know before anything is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinView {
    pub set: bool,
    pub locked: bool,
    pub wait_seconds: Option<u64>,
}

impl Action {
    /// Results of effects: never "input", so never held back or sent to an overlay.
    pub fn is_result(&self) -> bool {
        matches!(
            self,
            Action::LearnersLoaded(_)
                | Action::LearnerAdded(_)
                | Action::LearnerOpened { .. }
                | Action::Recorded(_)
                | Action::SettingsSaved
                | Action::StoreFailed { .. }
                | Action::Notice(_)
                | Action::SaveDelayed
                | Action::PinState(_)
                | Action::PinChecked(_)
                | Action::PinSet
                | Action::KioskSaved
                | Action::HelpRecorded
                | Action::Centre(_)
                | Action::Places(_)
                | Action::ReportWritten(_)
                | Action::Answer(_)
        )
    }
}

/// A one-line message under the screen, gone with the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The read-aloud program is not installed.
    SpeechMissing { program: String },
    /// The read-aloud program could not be started.
    SpeechFailed { reason: String },
}
