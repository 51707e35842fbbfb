//! The validated lesson model: what the rest of zhulao sees once a pack has passed every check.
//! References between parts (a step's screen, a tap target, the right choice) are indices that the
//! validator has proved valid, so the player never has to handle a dangling id.

use crate::lang::Text;
use crate::named::named_enum;

/// Every lesson pack that is available, in the order learners see them.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub packs: Vec<Pack>,
}

impl Library {
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// Adds packs, replacing any pack with the same id (a centre's own copy wins), and keeps the
    /// list sorted by each pack's `order`, then id.
    pub fn merge(&mut self, packs: Vec<Pack>) {
        for pack in packs {
            match self.packs.iter_mut().find(|p| p.id == pack.id) {
                Some(existing) => *existing = pack,
                None => self.packs.push(pack),
            }
        }
        self.packs
            .sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    }
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub order: i64,
    pub title: Text,
    pub about: Text,
    pub lessons: Vec<Lesson>,
}

impl Pack {
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub id: String,
    pub title: Text,
    /// Month ("2026-11") the steps were last compared with the real app.
    pub checked: String,
    pub learned: Vec<Text>,
    pub screens: Vec<Screen>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// App icons, two to a row, like a phone's home screen.
    Grid,
    /// A column of rows: buttons, input fields and plain text.
    List,
}

#[derive(Debug, Clone)]
pub struct Screen {
    pub id: String,
    pub title: Option<Text>,
    pub layout: Layout,
    pub items: Vec<Item>,
}

impl Screen {
    /// Indices of the items a learner can tap, in the order their number keys run (1, 2, 3 …).
    pub fn tappable(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.items[i].kind.is_tappable())
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Button,
    Field,
    Text,
}

impl ItemKind {
    pub fn is_tappable(self) -> bool {
        !matches!(self, ItemKind::Text)
    }
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub label: Text,
    pub kind: ItemKind,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub say: Text,
    pub hint: Option<Text>,
    /// One sentence shown after the right answer ("why").
    pub why: Option<Text>,
    /// Index into the lesson's screens of the phone screen drawn beside the step.
    pub screen: Option<usize>,
    pub exercise: Exercise,
}

named_enum! {
    /// The kinds of step a lesson can have; stored with every answer.
    pub enum StepKind {
        Read = "read",
        Tap = "tap",
        Choice = "choice",
        Order = "order",
        Digits = "digits",
    }
}

#[derive(Debug, Clone)]
pub enum Exercise {
    Read,
    /// Tap `target`, an index into the step screen's items.
    Tap {
        target: usize,
    },
    Choice {
        choices: Vec<Choice>,
        right: usize,
    },
    /// `items` are stored in the right order; the player shows them shuffled.
    Order {
        items: Vec<OrderItem>,
    },
    Digits {
        answer: String,
        secret: bool,
    },
}

impl Exercise {
    pub fn kind(&self) -> StepKind {
        match self {
            Exercise::Read => StepKind::Read,
            Exercise::Tap { .. } => StepKind::Tap,
            Exercise::Choice { .. } => StepKind::Choice,
            Exercise::Order { .. } => StepKind::Order,
            Exercise::Digits { .. } => StepKind::Digits,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub struct OrderItem {
    pub id: String,
    pub text: Text,
}
