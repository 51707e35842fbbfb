//! Everything the screens show, in one place. Only `update` changes it; the views only read it.

use std::sync::Arc;

use crate::content::{Lesson, Library, Pack, Step};
use crate::lang::Lang;
use crate::progress::{Learner, Progress};

use super::effect::Effect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Learners,
    NewLearnerName,
    Packs,
    Lessons,
    Player,
    Complete,
}

/// Entries of the welcome screen's menu.
pub const WELCOME_START: usize = 0;
pub const WELCOME_LANGUAGE: usize = 1;

/// Entries of the quit question.
pub const QUIT_YES: usize = 0;
pub const QUIT_NO: usize = 1;

/// Entries of the lesson-complete screen.
pub const COMPLETE_NEXT: usize = 0;
pub const COMPLETE_AGAIN: usize = 1;
pub const COMPLETE_LIST: usize = 2;

/// How far help has gone on the current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    None,
    /// A wrong answer: the first time a kind word and the hint, from the second on the right
    /// answer is pointed at.
    Wrong,
    /// The right answer, with the step's "why" shown until the learner goes on.
    Right,
    /// Enter was pressed in a digits step before any digit was typed.
    NothingTyped,
}

#[derive(Debug, Clone)]
pub struct Player {
    pub registration: String,
    pub step: usize,
    /// Wrong answers on this step in this run.
    pub wrong: u32,
    /// The highlighted element: a phone item index (tap), a choice index or an order display
    /// position.
    pub cursor: usize,
    pub typed: String,
    /// Order exercise: item indices placed so far.
    pub placed: Vec<usize>,
    /// Order exercise: display position → item index.
    pub shuffle: Vec<usize>,
    pub feedback: Feedback,
    /// The last step was answered right: say so at the top of this one.
    pub praise: bool,
    pub help_open: bool,
    /// When the step was shown (ms on the app's clock), for the time-spent field.
    pub shown_at: u64,
}

impl Player {
    /// The right answer is pointed at from the second wrong answer on.
    pub fn pointing(&self) -> bool {
        self.wrong >= 2 && self.feedback != Feedback::Right
    }
}

#[derive(Debug, Clone)]
pub struct App {
    pub library: Arc<Library>,
    pub lang: Lang,
    pub screen: Screen,
    /// The quit question is showing (over the welcome screen).
    pub confirm_quit: bool,
    /// Highlighted answer of the quit question.
    pub quit_cursor: usize,
    pub should_quit: bool,
    /// Highlighted entry of the current menu screen.
    pub cursor: usize,
    pub learners: Vec<Learner>,
    pub learner: Option<Learner>,
    pub progress: Progress,
    pub name_input: String,
    /// A plain-words message for the name field ("please type a name first").
    pub name_problem: Option<NameProblem>,
    pub pack: usize,
    pub lesson: usize,
    pub player: Option<Player>,
    /// Stars earned by the lesson just completed.
    pub earned_stars: u8,
    /// A save or load went wrong: the message, and what Enter retries.
    pub failure: Option<(String, Effect)>,
    /// Effects waiting for their result; input is held until it arrives.
    pub busy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
}

pub const MAX_NAME_CHARS: usize = 12;

impl App {
    pub fn new(library: Arc<Library>, lang: Lang) -> App {
        App {
            library,
            lang,
            screen: Screen::Welcome,
            confirm_quit: false,
            quit_cursor: QUIT_NO,
            should_quit: false,
            cursor: 0,
            learners: Vec::new(),
            learner: None,
            progress: Progress::default(),
            name_input: String::new(),
            name_problem: None,
            pack: 0,
            lesson: 0,
            player: None,
            earned_stars: 0,
            failure: None,
            busy: false,
        }
    }

    pub fn current_pack(&self) -> Option<&Pack> {
        self.library.packs.get(self.pack)
    }

    pub fn current_lesson(&self) -> Option<&Lesson> {
        self.current_pack()?.lessons.get(self.lesson)
    }

    pub fn current_step(&self) -> Option<&Step> {
        self.current_lesson()?.steps.get(self.player.as_ref()?.step)
    }

    /// Number of entries in the menu of the current screen (for moving the highlight).
    pub fn menu_len(&self) -> usize {
        match self.screen {
            Screen::Welcome => 2,
            Screen::Learners => self.learners.len() + 2,
            Screen::Packs => self.library.packs.len(),
            Screen::Lessons => self.current_pack().map_or(0, |p| p.lessons.len()),
            Screen::Complete => 3,
            Screen::NewLearnerName | Screen::Player => 0,
        }
    }

    /// The next lesson in the course after the current one, across packs: (pack, lesson).
    pub fn next_lesson(&self) -> Option<(usize, usize)> {
        let pack = self.library.packs.get(self.pack)?;
        if self.lesson + 1 < pack.lessons.len() {
            return Some((self.pack, self.lesson + 1));
        }
        (self.pack + 1..self.library.packs.len())
            .find(|&p| !self.library.packs[p].lessons.is_empty())
            .map(|p| (p, 0))
    }
}
