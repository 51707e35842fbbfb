//! Dialogs drawn over a screen: the quit question, the help page, a failed save — and any later
//! one (a PIN prompt, "still there?") follows the same rule. The app keeps them as a stack; the
//! top one gets every key (bar the few global ones) and is drawn last. Each overlay is a
//! `Layer` like a screen, and closes itself by returning `Outcome::close()`.
//!
//! Adding an overlay: write its module, then add one line to the `overlays!` list below.

pub mod fresh_record;
pub mod help;
pub mod pin;
pub mod quit;
pub mod save_failed;
pub mod still_there;

pub use fresh_record::FreshRecord;
pub use help::Help;
pub use pin::Pin;
pub use quit::Quit;
pub use save_failed::SaveFailed;
pub use still_there::StillThere;

use crate::app::Layer;

/// Declares `Overlay` with one variant per overlay, and dispatches to each one's `Layer`.
macro_rules! overlays {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        #[derive(Debug, Clone)]
        pub enum Overlay {
            $($variant($ty)),+
        }

        impl Overlay {
            pub fn layer(&self) -> &dyn Layer {
                match self {
                    $(Overlay::$variant(o) => o),+
                }
            }

            pub fn layer_mut(&mut self) -> &mut dyn Layer {
                match self {
                    $(Overlay::$variant(o) => o),+
                }
            }
        }
    };
}

overlays!(
    Quit(Quit),
    Help(Help),
    SaveFailed(SaveFailed),
    Pin(Pin),
    StillThere(StillThere),
    FreshRecord(FreshRecord),
);

impl Overlay {
    /// The quit question, with "no, keep learning" highlighted.
    pub fn quit() -> Overlay {
        Overlay::Quit(Quit::default())
    }

    /// The help page: the step's hint (if any), the keys, and optionally the way to settings.
    pub fn help(hint: Option<crate::lang::Text>, offer_settings: bool) -> Overlay {
        Overlay::Help(Help::new(hint, offer_settings))
    }
}
