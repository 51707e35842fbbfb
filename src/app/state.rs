//! Everything the screens show, in one place. Only `update` changes it; the views only read it.
//! The current screen carries its own data (`Screen`), the overlays on top of it are a stack,
//! and what outlives any one screen — who is learning, their progress and settings — is the
//! `Session`. The lesson library is not here: it never changes while the app runs, so `update`
//! and the views are given it beside the state.

use crate::content::{Library, Step};
use crate::kiosk::Kiosk;
use crate::progress::{Learner, Progress, Reviews};
use crate::screens::Screen;
use crate::screens::player::Player;
use crate::settings::{Settings, SettingsOwner};

use super::action::Notice;
use super::clock::Now;
use super::stack::{LayerId, Opened};
use crate::overlays::Overlay;

/// Facts about the machine the app runs on, fixed at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub speech: SpeechStatus,
    /// `NO_COLOR` is set: draw in the terminal's own colours.
    pub no_color: bool,
    /// The machine's time zone, in seconds east of UTC, for the times an instructor reads.
    pub utc_offset_seconds: i32,
    /// Damaged progress files set aside in the data folder (kiosk mode), for the teacher.
    pub set_aside: Vec<String>,
    /// A lesson author's preview (`zhulao preview`), not a class: Ctrl+C leaves at once.
    pub preview: bool,
}

impl Env {
    /// What the welcome screen is drawn with before the rest is found out at launch: only
    /// whether to use colour. The welcome screen shows nothing of the rest (a test compares).
    pub fn drawing(no_color: bool) -> Env {
        Env {
            no_color,
            ..Env::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechStatus {
    Ready,
    /// The read-aloud program is not installed; say its name so a helper can install it.
    Missing {
        program: String,
    },
}

impl Default for SpeechStatus {
    fn default() -> Self {
        SpeechStatus::Missing {
            program: "espeak-ng".into(),
        }
    }
}

/// Who is learning now, with what settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    /// The settings in force: the learner's own, or the machine's when nobody is signed in.
    pub settings: Settings,
    /// The machine's settings: the starting point for new learners.
    pub machine: Settings,
    pub learner: Option<Learner>,
    pub progress: Progress,
    /// Which steps come back for review, and today's date for "due".
    pub reviews: Reviews,
    /// Kiosk mode: a machine setting, and what the command line forces for this run.
    pub kiosk: Kiosk,
}

impl Session {
    /// Whose settings a change is saved for.
    pub fn settings_owner(&self) -> SettingsOwner {
        match &self.learner {
            Some(l) => SettingsOwner::Learner(l.id.clone()),
            None => SettingsOwner::Machine,
        }
    }

    /// Keeps a settings change in force and says where to save it.
    pub fn change_settings(&mut self, settings: Settings) -> (SettingsOwner, Settings) {
        self.settings = settings;
        if self.learner.is_none() {
            self.machine = settings;
        }
        (self.settings_owner(), settings)
    }

    pub fn sign_in(
        &mut self,
        learner: Learner,
        progress: Progress,
        reviews: Reviews,
        settings: Option<Settings>,
    ) {
        self.learner = Some(learner);
        self.progress = progress;
        self.reviews = reviews;
        self.settings = settings.unwrap_or(self.machine);
    }

    /// Back to the learner list: the next person starts from the machine's settings.
    pub fn sign_out(&mut self) {
        self.learner = None;
        self.progress = Progress::default();
        self.reviews = Reviews::default();
        self.settings = self.machine;
    }
}

#[derive(Debug, Clone)]
pub struct App {
    /// The screen showing. Only the router changes which one it is (`stack`).
    pub screen: Screen,
    /// Its id, and the screens under it with theirs: Back returns to the last one.
    pub(super) screen_id: LayerId,
    pub(super) below: Vec<(LayerId, Screen)>,
    /// Dialogs over the screen; the last one is on top and gets the keys.
    pub(super) overlays: Vec<Opened>,
    pub(super) next_id: LayerId,
    pub session: Session,
    pub env: Env,
    /// The time the last action was handled at: what the views draw with.
    pub now: Now,
    /// Effects waiting for their result; input is held until it arrives.
    pub busy: bool,
    /// The save waiting for its result is taking a while (another window holds the database).
    pub saving_slowly: bool,
    pub should_quit: bool,
    pub notice: Option<Notice>,
    /// Read-aloud was started and not stopped since (it may also have ended by itself).
    pub speaking: bool,
}

impl App {
    pub fn new(machine: Settings, env: Env) -> App {
        App {
            screen: Screen::welcome(),
            screen_id: 0,
            below: Vec::new(),
            overlays: Vec::new(),
            next_id: 1,
            session: Session {
                settings: machine,
                machine,
                ..Session::default()
            },
            env,
            now: Now::default(),
            busy: false,
            saving_slowly: false,
            should_quit: false,
            notice: None,
            speaking: false,
        }
    }

    pub fn lang(&self) -> crate::lang::Lang {
        self.session.settings.lang
    }

    /// The lesson player, when a lesson is open.
    pub fn player(&self) -> Option<&Player> {
        match &self.screen {
            Screen::Player(p) => Some(p),
            _ => None,
        }
    }

    pub fn current_step<'a>(&self, lib: &'a Library) -> Option<&'a Step> {
        self.player()?.step(lib)
    }

    /// Whether an overlay of this kind is showing.
    pub fn has_overlay(&self, is: impl Fn(&Overlay) -> bool) -> bool {
        self.overlays().iter().any(|o| is(o))
    }

    /// The overlays over the screen, the top one last.
    pub fn overlays(&self) -> Vec<&Overlay> {
        self.overlays.iter().map(|o| &o.overlay).collect()
    }

    /// The overlay on top, if any.
    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.last().map(|o| &o.overlay)
    }

    /// The screens under the one showing, the one Back returns to last.
    pub fn screens_below(&self) -> impl Iterator<Item = &Screen> {
        self.below.iter().map(|(_, s)| s)
    }

    /// Whether everything on screen draws the same before the lesson packs have loaded.
    pub fn draws_without_packs(&self) -> bool {
        self.screen.layer().draws_without_packs()
            && self
                .overlays
                .iter()
                .all(|o| o.overlay.layer().draws_without_packs())
    }

    pub fn learner(&self) -> Option<&Learner> {
        self.session.learner.as_ref()
    }
}
