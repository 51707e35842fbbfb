//! The teacher's settings: kiosk mode on or off for this machine, how long with nobody using it
//! before "还在吗？" appears, and the centre's name and class period (课时, for the bureau's
//! report). Each tap changes one line and is saved at once; the class period goes round
//! `CLASS_MINUTE_CHOICES`, the name is typed (`centre`). When this run was started with
//! `--kiosk`, the screen says kiosk mode stays on whatever the setting.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::centre::CentreName;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::screens::common::MenuPage;
use crate::settings::CentreSettings;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

pub const MODE: usize = 0;
pub const IDLE: usize = 1;
pub const CENTRE_NAME: usize = 2;
pub const CLASS_MINUTES: usize = 3;
pub const DONE: usize = 4;
const ENTRIES: usize = 5;

#[derive(Debug, Clone, Default)]
pub struct KioskScreen {
    pub cursor: usize,
    /// The centre's settings, once read.
    pub centre: Option<CentreSettings>,
}

impl KioskScreen {
    /// Opens the screen and reads the centre's settings for it.
    pub fn open() -> Outcome {
        Outcome::push(KioskScreen::default()).with(Effect::LoadCentre)
    }

    fn entries(&self, cx: &ViewCx) -> [Entry; ENTRIES] {
        let k = cx.words.kiosk;
        let a = cx.words.attendance;
        let kiosk = &cx.session.kiosk;
        let minutes = kiosk.settings.idle_minutes.to_string();
        let (name, class) = match &self.centre {
            Some(c) if c.name.is_empty() => (a.centre_unnamed.to_string(), c.class_minutes),
            Some(c) => (c.name.clone(), c.class_minutes),
            None => (String::new(), 0),
        };
        let class = if class == 0 {
            String::new()
        } else {
            fill(a.class_minutes_value, &[("m", &class.to_string())])
        };
        [
            Entry::new(k.mode, if kiosk.settings.enabled { k.on } else { k.off }),
            Entry::new(k.idle, fill(k.minutes, &[("m", &minutes)])),
            Entry::new(a.centre_name, name),
            Entry::new(a.class_minutes, class),
            Entry::new(k.done, ""),
        ]
    }

    fn intro(cx: &ViewCx) -> TextBlock {
        let k = cx.words.kiosk;
        let mut intro = TextBlock::new();
        intro.push(k.settings_intro, Role::Strong, Priority::Useful);
        if cx.session.kiosk.forced {
            intro.push(k.forced, Role::Strong, Priority::Keep);
        }
        intro
    }
}

impl Layer for KioskScreen {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        let choice = match action {
            Action::Back => Some(DONE),
            Action::KioskSaved => None,
            Action::Centre(settings) => {
                self.centre = Some(settings);
                None
            }
            // Back from typing the name: read what is kept now.
            Action::Reply(_) => return Outcome::effect(Effect::LoadCentre),
            other => menu_choice(&mut self.cursor, ENTRIES, &other),
        };
        let mut settings = cx.session.kiosk.settings;
        match (choice, &self.centre) {
            (Some(MODE), _) => settings.enabled = !settings.enabled,
            (Some(IDLE), _) => settings.idle_minutes = settings.next_idle(),
            (Some(CENTRE_NAME), Some(centre)) => {
                return Outcome::push(CentreName::new(centre.clone()));
            }
            (Some(CLASS_MINUTES), Some(centre)) => {
                let mut centre = centre.clone();
                centre.class_minutes = centre.next_class_minutes();
                return Outcome::effect(Effect::SaveCentre(centre));
            }
            // Not read yet: nothing to change.
            (Some(CENTRE_NAME | CLASS_MINUTES), None) | (None, _) => return Outcome::none(),
            (Some(_), _) => return Outcome::back(),
        }
        cx.session.kiosk.settings = settings;
        Outcome::effect(Effect::SaveKiosk(settings))
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = self.entries(cx);
        MenuPage::new(cx.words.kiosk.settings_title, &entries, self.cursor)
            .intro(Self::intro(cx))
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(Self::intro(cx).spoken())
    }
}
