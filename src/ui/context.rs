//! What every view is drawn with: the theme, the words in the learner's language, the text
//! size, and read-only access to the library and the session. Views take this instead of
//! reaching for globals, so one settings change reaches every screen at once.

use ratatui::style::Style;

use crate::app::{App, Env, Session, SpeechStatus};
use crate::content::Library;
use crate::lang::Lang;
use crate::progress::Learner;
use crate::settings::TextSize;

use super::theme::{Role, Theme};
use super::words::{Words, fill, words};

pub struct ViewCx<'a> {
    pub lib: &'a Library,
    pub session: &'a Session,
    pub env: &'a Env,
    pub lang: Lang,
    pub words: &'static Words,
    pub theme: Theme,
    pub size: TextSize,
    /// An answer is being saved: say so rather than look frozen.
    pub busy: bool,
    /// Kiosk mode: a touchscreen, no way out without the PIN.
    pub kiosk: bool,
    /// The time, as the loop's clock read it for the last action (for "今天 10:23").
    pub now: time::OffsetDateTime,
}

impl<'a> ViewCx<'a> {
    pub fn new(app: &'a App, lib: &'a Library) -> ViewCx<'a> {
        let settings = &app.session.settings;
        ViewCx {
            lib,
            session: &app.session,
            env: &app.env,
            lang: settings.lang,
            words: words(settings.lang),
            theme: Theme::new(settings.theme, app.env.no_color),
            size: settings.text_size,
            busy: app.busy,
            kiosk: app.session.kiosk.on(),
            now: app.now.wall,
        }
    }

    pub fn style(&self, role: Role) -> Style {
        self.theme.style(role)
    }

    /// A learner's name as shown: their own name, or "学员 7" for a numbered learner.
    pub fn learner_name(&self, learner: &Learner) -> String {
        learner_display_name(self.words, learner.name.as_deref(), learner.number)
    }

    pub fn speech_ready(&self) -> bool {
        self.env.speech == SpeechStatus::Ready
    }
}

/// A learner's name as shown anywhere, on a screen or in a report (which has no `ViewCx`): their
/// own name, or "学员 7" for a numbered learner.
pub fn learner_display_name(words: &Words, name: Option<&str>, number: Option<u32>) -> String {
    match (name, number) {
        (Some(name), _) => name.to_string(),
        (None, Some(n)) => fill(words.learner_numbered, &[("n", &n.to_string())]),
        (None, None) => words.learner_unnamed.to_string(),
    }
}
