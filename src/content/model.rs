//! The validated lesson model: what the rest of zhulao sees once a pack has passed every check.
//! References between parts (a step's screen, a tap target, the right choice) are indices that the
//! validator has proved valid, so the player never has to handle a dangling id.

use crate::lang::Text;
use serde::{Deserialize, Serialize};

use crate::named::named_enum;

/// Every lesson pack that is available, in the order learners see them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Library {
    pub packs: Vec<Pack>,
}

impl Library {
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// Whether answers to this step are secret (see `Lesson::answer_is_secret`); a step this
    /// library does not have is not.
    pub fn answer_is_secret(&self, pack: &str, lesson: &str, step: &str) -> bool {
        self.pack(pack)
            .and_then(|p| p.lesson(lesson))
            .is_some_and(|l| {
                l.steps
                    .iter()
                    .any(|s| s.id == step && l.answer_is_secret(s))
            })
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

/// Where a lesson is in the library (indices; the library does not change while the app runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LessonAt {
    pub pack: usize,
    pub lesson: usize,
}

impl LessonAt {
    pub fn pack<'a>(&self, lib: &'a Library) -> Option<&'a Pack> {
        lib.packs.get(self.pack)
    }

    pub fn lesson<'a>(&self, lib: &'a Library) -> Option<&'a Lesson> {
        self.pack(lib)?.lessons.get(self.lesson)
    }

    /// The lesson with these ids.
    pub fn find(lib: &Library, pack_id: &str, lesson_id: &str) -> Option<LessonAt> {
        let pack = lib.packs.iter().position(|p| p.id == pack_id)?;
        let lesson = lib.packs[pack]
            .lessons
            .iter()
            .position(|l| l.id == lesson_id)?;
        Some(LessonAt { pack, lesson })
    }

    /// The next lesson in the course, across packs.
    pub fn next(&self, lib: &Library) -> Option<LessonAt> {
        let pack = lib.packs.get(self.pack)?;
        if self.lesson + 1 < pack.lessons.len() {
            return Some(LessonAt {
                pack: self.pack,
                lesson: self.lesson + 1,
            });
        }
        (self.pack + 1..lib.packs.len())
            .find(|&p| !lib.packs[p].lessons.is_empty())
            .map(|pack| LessonAt { pack, lesson: 0 })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    /// Its pack.toml as `zhulao check` names it (for warnings that point at the pack).
    pub file: String,
    pub order: i64,
    pub title: Text,
    pub about: Text,
    pub lessons: Vec<Lesson>,
}

/// How many lessons and steps `packs` hold together.
pub fn counts(packs: &[Pack]) -> (usize, usize) {
    let lessons = packs.iter().map(|p| p.lessons.len()).sum();
    let steps = packs
        .iter()
        .flat_map(|p| &p.lessons)
        .map(|l| l.steps.len())
        .sum();
    (lessons, steps)
}

impl Pack {
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    /// Its file as `zhulao check` names it (for warnings that point into the lesson).
    pub file: String,
    pub title: Text,
    /// Month ("2026-11") the steps were last compared with the real app.
    pub checked: String,
    /// What they were compared with (the app and its version, or a public help page).
    pub source: Option<String>,
    pub learned: Vec<Text>,
    pub screens: Vec<Screen>,
    pub steps: Vec<Step>,
}

impl Lesson {
    /// Whether what is typed at `step` is a secret — a code or password (`secret = true`), or
    /// anything typed on a bank's secure pad — and so is kept only as a mask, whichever machine
    /// or file an answer comes from.
    pub fn answer_is_secret(&self, step: &Step) -> bool {
        let secure_pad = step
            .screen
            .and_then(|i| self.screens.get(i))
            .is_some_and(|sc| sc.secure_pad);
        matches!(step.exercise, Exercise::Digits { secret, .. } if secret || secure_pad)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// App icons, two to a row, like a phone's home screen.
    Grid,
    /// A column of rows: buttons, input fields, list rows, toggles, chat bubbles and text.
    List,
    /// A call: who, and the buttons real phones have at that moment — ringing (挂断 red at the
    /// left, 接听 green at the right), talking, a video call — with 挂断 where it is on a phone.
    Call,
    /// The 扫一扫 viewfinder: a frame with a code in it to aim at, words under it.
    Scan,
    /// A face check: a round frame and the words under it (请正对手机，眨眨眼).
    Face,
}

/// A phone screen. Everything on it that can be tapped is an `Item`, whatever part of the
/// screen it sits in (`Place`), so a tap target is one index and the number keys run in the
/// order the learner sees them: the banner, the top bar, the body, the tabs, the call buttons.
/// While a pop-up shows, only its buttons count.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Screen {
    pub id: String,
    pub title: Option<Text>,
    pub layout: Layout,
    pub items: Vec<Item>,
    pub popup: Option<Popup>,
    pub call: Option<Call>,
    /// Digits typed on this screen use the bank's secure pad: dots in boxes, 安全键盘.
    pub secure_pad: bool,
    /// The phone's side buttons are drawn (items placed at `Place::Side`).
    pub side: bool,
    /// A bottom sheet over the screen (its buttons are the items at `Place::Sheet`).
    pub sheet: Option<Sheet>,
    /// A code shown at the top of the body.
    pub code: Option<Code>,
    /// The viewfinder's words (`Layout::Scan`; its code is the item at `Place::Scan`).
    pub scan: Option<Scan>,
    /// The face check's words (`Layout::Face`).
    pub face: Option<Text>,
}

impl Screen {
    /// Indices of the items a learner can tap, in the order their number keys run (1, 2, 3 …).
    /// While a pop-up or a sheet shows, only its buttons.
    pub fn tappable(&self) -> Vec<usize> {
        let over = if self.popup.is_some() {
            Some(Place::Popup)
        } else if self.sheet.is_some() {
            Some(Place::Sheet)
        } else {
            None
        };
        (0..self.items.len())
            .filter(|&i| {
                let item = &self.items[i];
                item.kind.is_tappable() && over.is_none_or(|p| item.place == p)
            })
            .collect()
    }

    /// Body items can be numbered one key each (nine at most): otherwise the number keys go
    /// to the tappable things on screen at the moment (a long list scrolls).
    pub fn keys_follow_scroll(&self) -> bool {
        self.tappable().len() > super::problems::MAX_TAPPABLE
    }

    /// The items in one part of the screen, with their indices.
    pub fn placed(&self, place: Place) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, item)| item.place == place)
    }

    pub fn has(&self, place: Place) -> bool {
        self.items.iter().any(|i| i.place == place)
    }
}

/// Where on the screen an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A notification banner across the top (its label is the message, its detail the sender).
    Banner,
    /// The top bar's back arrow, at the left.
    Back,
    /// The top bar's action, at the right.
    Action,
    Body,
    /// A row fixed at the bottom of the screen, above the tab bar (a chat's input row, a shop's
    /// 立即购买): it stays where it is while the list above it moves.
    Bar,
    /// The bottom tab bar.
    Tab,
    /// A call's buttons (placed by its state).
    Call,
    /// A pop-up dialog's buttons.
    Popup,
    /// A bottom sheet's buttons.
    Sheet,
    /// The phone's own side buttons, at its right edge.
    Side,
    /// The code in the 扫一扫 viewfinder (aiming at it is tapping it).
    Scan,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sheet {
    pub title: Option<Text>,
}

named_enum! {
    /// What a code block shows.
    #[derive(Serialize, Deserialize)]
    pub enum CodeKind {
        /// A payment code: a barcode over a QR code (付款码).
        Pay = "pay",
        /// One QR code (乘车码, 群二维码, 收款码).
        Qr = "qr",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Code {
    pub kind: CodeKind,
    pub caption: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scan {
    pub text: Text,
    pub target: Text,
}

named_enum! {
    /// How far a call is.
    #[derive(Serialize, Deserialize)]
    pub enum CallState {
        Incoming = "incoming",
        Talking = "talking",
        Video = "video",
        VideoIncoming = "video-incoming",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Popup {
    pub title: Option<Text>,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    pub from: Text,
    pub number: Option<String>,
    pub state: CallState,
    /// How long it has gone on ("00:12").
    pub time: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Button,
    Field,
    Text,
    /// A list row (设置 › 通用), with an optional detail at the right.
    Row,
    /// A switch, on or off.
    Toggle,
    /// A chat message in a bubble (not tappable).
    Bubble,
    /// A voice message (its label is its length, 8″): tapping plays it.
    Voice,
    /// A track with a position (音量, 字体大小): `level` of `max`.
    Slider,
    /// An agreement tick box (我已阅读并同意…).
    Check,
}

impl ItemKind {
    pub fn is_tappable(self) -> bool {
        // (A chat message can be pressed, as on a phone: a photo opens, a long press brings
        // the menu with 撤回.)
        !matches!(self, ItemKind::Text)
    }
}

named_enum! {
    /// Colours an item may have, named so that a hint saying 绿色的 can be checked against the
    /// screen and drawn true (and, without colours, said in words beside the label).
    #[derive(Serialize, Deserialize)]
    pub enum Color {
        Green = "green",
        Red = "red",
        Blue = "blue",
        Orange = "orange",
        Grey = "grey",
        Yellow = "yellow",
    }
}

impl Color {
    /// The colour's name as learners say it.
    pub fn word(self) -> Text {
        let (zh, en) = match self {
            Color::Green => ("绿色", "green"),
            Color::Red => ("红色", "red"),
            Color::Blue => ("蓝色", "blue"),
            Color::Orange => ("橙色", "orange"),
            Color::Grey => ("灰色", "grey"),
            Color::Yellow => ("黄色", "yellow"),
        };
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub label: Text,
    pub kind: ItemKind,
    pub place: Place,
    pub color: Option<Color>,
    /// One narrow symbol drawn before the label.
    pub icon: Option<String>,
    /// A row's text at the right; a banner's sender.
    pub detail: Option<Text>,
    /// A toggle that is on; a tick box that is ticked; the tab that is open.
    pub on: bool,
    /// A slider's position and its most (0 when not a slider).
    pub level: u8,
    pub max: u8,
    /// A button that does nothing until this tick box (an item index) is ticked.
    pub needs: Option<usize>,
    /// Drawn greyed; does nothing.
    pub disabled: bool,
    /// A countdown's seconds, put where the label says `{s}`.
    pub count: Option<u16>,
    /// A chat bubble's sender (group chats).
    pub from: Option<Text>,
    /// The learner's own message, at the right.
    pub mine: bool,
}

impl Item {
    /// An item with nothing but an id, a label and a kind (in the body).
    pub fn plain(id: &str, label: Text, kind: ItemKind) -> Item {
        Item {
            id: id.into(),
            label,
            kind,
            place: Place::Body,
            color: None,
            icon: None,
            detail: None,
            on: false,
            level: 0,
            max: 0,
            needs: None,
            disabled: false,
            count: None,
            from: None,
            mine: false,
        }
    }

    /// Whether tapping it does something now: a greyed button, or one whose tick box on
    /// `screen` is not ticked, does nothing (as in real apps).
    pub fn works(&self, screen: &Screen) -> bool {
        !self.disabled && self.needs.is_none_or(|c| screen.items[c].on)
    }

    /// Its words in `lang` as drawn: a countdown's seconds put in.
    pub fn words(&self, lang: crate::lang::Lang) -> String {
        let label = self.label.get(lang);
        match self.count {
            Some(s) => label.replace("{s}", &s.to_string()),
            None => label.to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    /// The line of its `id` in the lesson file (for warnings).
    pub line: usize,
    pub say: Text,
    pub hint: Option<Text>,
    /// One sentence shown after the right answer ("why").
    pub why: Option<Text>,
    /// Index into the lesson's screens of the phone screen drawn beside the step.
    pub screen: Option<usize>,
    /// A tap step: the screen the right tap leads to, shown with the praise.
    pub leads_to: Option<usize>,
    /// What is happening, for when the step comes back alone in a review.
    pub context: Option<Text>,
    pub exercise: Exercise,
}

named_enum! {
    /// The kinds of step a lesson can have; stored with every answer.
    #[derive(Serialize, Deserialize)]
    pub enum StepKind {
        Read = "read",
        Tap = "tap",
        Choice = "choice",
        Order = "order",
        Digits = "digits",
        Judge = "judge",
        Swipe = "swipe",
        Hold = "hold",
        Slide = "slide",
    }
}

named_enum! {
    /// Which way a swipe goes (the way the finger moves).
    #[derive(Serialize, Deserialize)]
    pub enum Direction {
        Up = "up",
        Down = "down",
        Left = "left",
        Right = "right",
    }
}

named_enum! {
    /// How a digits step's number is written and shown.
    #[derive(Serialize, Deserialize)]
    pub enum DigitsFormat {
        /// Digits as typed (a code, a PIN).
        Plain = "plain",
        /// Money: digits and at most one point, two decimals ("25.50").
        Amount = "amount",
        /// A bank card: 16–19 digits, shown in fours.
        Card = "card",
        /// A mobile number: 11 digits from 1, shown 3-4-4.
        Phone = "phone",
        /// An ID card number: 17 digits and a digit or X, shown 6-8-4.
        Id = "id",
    }
}

named_enum! {
    /// What a judge step's message, call or page really is.
    #[derive(Serialize, Deserialize)]
    pub enum Verdict {
        Safe = "safe",
        Suspicious = "suspicious",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Exercise {
    Read,
    /// Tap `target`, an index into the step screen's items; `wrong` says why a likely wrong
    /// tap is wrong (item index, words).
    Tap {
        target: usize,
        wrong: Vec<(usize, Text)>,
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
        format: DigitsFormat,
    },
    /// A message, call or page (on the step's screen) to judge 安全 or 可疑, then the sign that
    /// gives it away (`signs[right]`). `wrong_verdict` says why the other verdict is wrong.
    Judge {
        verdict: Verdict,
        signs: Vec<Choice>,
        right: usize,
        wrong_verdict: Option<Text>,
    },
    /// Swipe across the phone this way (a drag, or the arrow key).
    Swipe {
        direction: Direction,
    },
    /// Press and hold `target` (touch: hold it down; keys: highlight it, then Space).
    Hold {
        target: usize,
    },
    /// Move the slider `target` to `level` (← →, or a tap on its track), then Enter.
    Slide {
        target: usize,
        level: u8,
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
            Exercise::Judge { .. } => StepKind::Judge,
            Exercise::Swipe { .. } => StepKind::Swipe,
            Exercise::Hold { .. } => StepKind::Hold,
            Exercise::Slide { .. } => StepKind::Slide,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    /// Why it is wrong (a wrong choice or sign), shown after it is picked.
    pub why: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderItem {
    pub id: String,
    pub text: Text,
}
