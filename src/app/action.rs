//! What can happen to the app, in words that know nothing of crossterm: keys and taps are
//! turned into these by `crate::input`, and the results of effects come back as these too.

use crate::progress::{Event, Learner, Progress};

use super::effect::Effect;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
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
    /// A typed character, in a text field (a new learner's name).
    Type(char),

    // Results of effects performed by the loop.
    LearnersLoaded(Vec<Learner>),
    LearnerAdded(Learner),
    ProgressLoaded {
        learner_id: String,
        progress: Progress,
    },
    Recorded(Event),
    StoreFailed {
        message: String,
        retry: Effect,
    },
}
