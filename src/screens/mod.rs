//! The screens, one module each: its state, how it updates from an action, how it is drawn,
//! its footer keys and its menu. The `Screen` enum carries each screen's data in its variant, so
//! a screen's state cannot be out of step with which screen is showing.
//!
//! Adding a screen: write its module (a state type implementing `app::Layer`), then add one
//! line to the `screens!` list below, which makes the variant, the two dispatchers and the
//! conversion.

pub mod common;
pub mod complete;
pub mod find_learner;
pub mod instructor;
pub mod learners;
pub mod lessons;
pub mod new_learner;
pub mod packs;
pub mod player;
pub mod problems;
pub mod settings;
pub mod welcome;

use crate::app::Layer;

/// Declares `Screen` with one variant per screen state, and dispatches to each state's `Layer`.
macro_rules! screens {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        #[derive(Debug, Clone)]
        pub enum Screen {
            $($variant($ty)),+
        }

        impl Screen {
            pub fn layer(&self) -> &dyn Layer {
                match self {
                    $(Screen::$variant(s) => s),+
                }
            }

            pub fn layer_mut(&mut self) -> &mut dyn Layer {
                match self {
                    $(Screen::$variant(s) => s),+
                }
            }

            /// The screen's name, for tests and messages ("Player").
            pub fn name(&self) -> &'static str {
                match self {
                    $(Screen::$variant(_) => stringify!($variant)),+
                }
            }
        }

        $(impl From<$ty> for Screen {
            fn from(s: $ty) -> Screen {
                Screen::$variant(s)
            }
        })+
    };
}

screens!(
    Welcome(welcome::Welcome),
    Learners(learners::Learners),
    NewLearner(new_learner::NewLearner),
    FindLearner(find_learner::FindLearner),
    Packs(packs::Packs),
    Lessons(lessons::Lessons),
    Player(player::Player),
    Complete(complete::Complete),
    Settings(settings::SettingsScreen),
    Problems(problems::Problems),
    InstructorHome(instructor::home::InstructorHome),
    Class(instructor::class::Class),
    Detail(instructor::detail::Detail),
    Trouble(instructor::trouble::Trouble),
    Missing(instructor::missing::MissingScreen),
    Roster(instructor::roster::Roster),
    EditLearner(instructor::edit::Edit),
    RosterEntry(instructor::entry::Entry),
    Groups(instructor::groups::Groups),
    KioskSettings(instructor::kiosk::KioskScreen),
    CentreName(instructor::centre::CentreName),
    Report(instructor::report::ReportScreen),
);

impl Screen {
    pub fn welcome() -> Screen {
        Screen::Welcome(welcome::Welcome::default())
    }
}
