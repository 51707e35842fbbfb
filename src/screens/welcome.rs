//! The welcome screen: start learning, switch the language, open the settings. Esc here asks
//! whether to leave.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use super::instructor::home::InstructorHome;
use super::learners::Learners;
use super::settings::SettingsScreen;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, Reply, menu_choice};
use crate::overlays::Overlay;
use crate::overlays::pin::{Pin, PinFor};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::widgets::page::Key;
use crate::ui::{Hits, ViewCx};

pub const START: usize = 0;
pub const LANGUAGE: usize = 1;
pub const SETTINGS: usize = 2;
const ENTRIES: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct Welcome {
    pub cursor: usize,
}

impl Welcome {
    fn page<'a>(&self, cx: &ViewCx, entries: &'a [Entry]) -> MenuPage<'a> {
        let w = cx.words;
        let mut intro = TextBlock::new();
        intro.push(w.tagline, Role::Strong, Priority::Keep);
        let page = MenuPage::new(w.welcome_title, entries, self.cursor)
            .heading(w.app_name)
            .intro(intro);
        // A kiosk shows no way out: Esc does nothing there.
        let page = if cx.kiosk {
            page.no_esc()
        } else {
            page.esc(w.word_quit)
        };
        page.key(Key::new(
            w.teacher.key_teacher,
            w.teacher.word_teacher,
            Some(Action::Instructor),
        ))
    }

    fn entries(cx: &ViewCx) -> [Entry; ENTRIES] {
        let w = cx.words;
        [
            Entry::new(w.start, ""),
            Entry::new(w.switch_language, ""),
            Entry::new(w.open_settings, ""),
        ]
    }
}

impl Layer for Welcome {
    /// The welcome screen shows only the app's own words.
    fn draws_without_packs(&self) -> bool {
        true
    }

    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        let kiosk = cx.session.kiosk.on();
        if action == Action::Back {
            // On a kiosk Esc at the top leads nowhere: leaving needs the PIN (Ctrl+C asks it).
            return if kiosk {
                Outcome::none()
            } else {
                Outcome::open(Overlay::quit())
            };
        }
        if action == Action::Instructor {
            let (pin, effect) = Pin::open(PinFor::Teacher, !kiosk);
            return Outcome::open(Overlay::Pin(pin)).with(effect);
        }
        if action == Action::Reply(Reply::PinAccepted) {
            return Outcome::push(InstructorHome::default());
        }
        match menu_choice(&mut self.cursor, ENTRIES, &action) {
            Some(START) => Outcome::push(Learners::loading()).with(Effect::LoadLearners),
            Some(LANGUAGE) => {
                let mut settings = cx.session.settings;
                settings.lang = settings.lang.toggled();
                let (owner, settings) = cx.session.change_settings(settings);
                Outcome::effect(Effect::SaveSettings(owner, settings))
            }
            Some(SETTINGS) => Outcome::push(SettingsScreen::new()),
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = Self::entries(cx);
        self.page(cx, &entries).render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        let entries = Self::entries(cx);
        Some(self.page(cx, &entries).spoken())
    }
}
