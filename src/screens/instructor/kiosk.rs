//! The teacher's kiosk settings: kiosk mode on or off for this machine, and how long with nobody
//! using it before "还在吗？" appears. Each tap changes one line and is saved at once. When this
//! run was started with `--kiosk`, the screen says kiosk mode stays on whatever the setting.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::screens::common::MenuPage;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

pub const MODE: usize = 0;
pub const IDLE: usize = 1;
pub const DONE: usize = 2;
const ENTRIES: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct KioskScreen {
    pub cursor: usize,
}

impl KioskScreen {
    fn entries(cx: &ViewCx) -> [Entry; ENTRIES] {
        let k = cx.words.kiosk;
        let kiosk = &cx.session.kiosk;
        let minutes = kiosk.settings.idle_minutes.to_string();
        [
            Entry::new(k.mode, if kiosk.settings.enabled { k.on } else { k.off }),
            Entry::new(k.idle, fill(k.minutes, &[("m", &minutes)])),
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
            other => menu_choice(&mut self.cursor, ENTRIES, &other),
        };
        let mut settings = cx.session.kiosk.settings;
        match choice {
            Some(MODE) => settings.enabled = !settings.enabled,
            Some(IDLE) => settings.idle_minutes = settings.next_idle(),
            Some(_) => return Outcome::back(),
            None => return Outcome::none(),
        }
        cx.session.kiosk.settings = settings;
        Outcome::effect(Effect::SaveKiosk(settings))
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = Self::entries(cx);
        MenuPage::new(cx.words.kiosk.settings_title, &entries, self.cursor)
            .intro(Self::intro(cx))
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(Self::intro(cx).spoken())
    }
}
