//! The layers on screen: a stack of screens (the one showing on top, Back returns to the one
//! under it, which is still there as it was left) and, over the showing screen, a stack of
//! overlays, each remembering who opened it. Every layer gets an id when it opens, so the
//! result of an effect — and an overlay's reply — finds the layer that asked for it, wherever
//! it is now. Only the router (`update`) calls these.

use crate::overlays::Overlay;
use crate::screens::Screen;

use super::effect::Requester;
use super::layer::Layer;
use super::state::App;

/// A screen's or an overlay's id, given when it opens, never reused while the app runs.
pub type LayerId = u32;

/// An overlay over the screen, and who opened it (who gets its reply).
#[derive(Debug, Clone)]
pub struct Opened {
    pub overlay: Overlay,
    pub id: LayerId,
    pub opener: Requester,
}

impl App {
    fn new_id(&mut self) -> LayerId {
        self.next_id += 1;
        self.next_id
    }

    /// Shows `screen` as the only one (the start, a test's set-up, a reset).
    pub fn show(&mut self, screen: impl Into<Screen>) -> LayerId {
        self.below.clear();
        self.overlays.clear();
        self.screen = screen.into();
        self.screen_id = self.new_id();
        self.screen_id
    }

    /// Opens `screen` over the one showing, for setting up a stack to start from (a preview
    /// opened on a step); while the app runs, only the router opens screens.
    pub fn push_screen(&mut self, screen: impl Into<Screen>) -> LayerId {
        self.push(screen.into())
    }

    /// Opens `screen` over the one showing. Overlays belonged to the old screen: they close.
    pub(super) fn push(&mut self, screen: Screen) -> LayerId {
        let old = std::mem::replace(&mut self.screen, screen);
        self.below.push((self.screen_id, old));
        self.overlays.clear();
        self.screen_id = self.new_id();
        self.screen_id
    }

    /// The showing screen gives way to `screen`.
    pub(super) fn replace(&mut self, screen: Screen) -> LayerId {
        self.screen = screen;
        self.overlays.clear();
        self.screen_id = self.new_id();
        self.screen_id
    }

    /// Back to the screen underneath; its id, or `None` when this was the only screen.
    pub(super) fn pop(&mut self) -> Option<LayerId> {
        let (id, screen) = self.below.pop()?;
        self.screen = screen;
        self.screen_id = id;
        self.overlays.clear();
        Some(id)
    }

    /// Puts an overlay on top; its id.
    pub(super) fn open_overlay(&mut self, overlay: Overlay, opener: Requester) -> LayerId {
        let id = self.new_id();
        self.overlays.push(Opened {
            overlay,
            id,
            opener,
        });
        id
    }

    /// Closes the overlay with this id (and any opened over it): who opened it.
    pub(super) fn close_overlay(&mut self, id: LayerId) -> Option<Requester> {
        let at = self.overlays.iter().position(|o| o.id == id)?;
        let opener = self.overlays[at].opener;
        self.overlays.truncate(at);
        Some(opener)
    }

    /// Closes every overlay that `is` (a failed save's message, replaced by a newer one).
    pub(super) fn close_overlays(&mut self, is: impl Fn(&Overlay) -> bool) {
        self.overlays.retain(|o| !is(&o.overlay));
    }

    /// The id of the layer on top: the top overlay, else the screen.
    pub(super) fn top_id(&self) -> LayerId {
        self.overlays.last().map_or(self.screen_id, |o| o.id)
    }

    /// The id of the screen showing.
    pub(super) fn screen_id(&self) -> LayerId {
        self.screen_id
    }

    /// The layer with this id, wherever it is (a screen under the showing one included).
    pub(super) fn layer_mut(&mut self, id: LayerId) -> Option<&mut dyn Layer> {
        if id == self.screen_id {
            return Some(self.screen.layer_mut());
        }
        if let Some(o) = self.overlays.iter_mut().find(|o| o.id == id) {
            return Some(o.overlay.layer_mut());
        }
        self.below
            .iter_mut()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| s.layer_mut())
    }

    /// The layer on top: the top overlay, else the screen.
    pub fn top_layer(&self) -> &dyn Layer {
        match self.overlays.last() {
            Some(o) => o.overlay.layer(),
            None => self.screen.layer(),
        }
    }
}
