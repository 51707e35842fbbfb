//! Settings: language, text size, colours, read-aloud and its speed. Tapping an item (or its
//! number, or Enter on it) changes it to the next choice at once, so the learner sees the
//! difference while choosing; each change is saved straight away — for the learner who is
//! signed in, or for the machine (the starting point for new learners) when nobody is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::lang::Lang;
use crate::settings::{SpeechRate, TextSize, ThemeName, cycle};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::{Words, fill, words};
use crate::ui::{Hits, ViewCx};

pub const LANGUAGE: usize = 0;
pub const TEXT_SIZE: usize = 1;
pub const THEME: usize = 2;
pub const READ_ALOUD: usize = 3;
pub const SPEED: usize = 4;
pub const DONE: usize = 5;
const ENTRIES: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct SettingsScreen {
    pub cursor: usize,
}

impl SettingsScreen {
    pub fn new() -> SettingsScreen {
        SettingsScreen::default()
    }

    fn entries(cx: &ViewCx) -> Vec<Entry> {
        let w = cx.words;
        let s = &cx.session.settings;
        let mut aloud = if s.read_aloud {
            w.aloud_on
        } else {
            w.aloud_off
        }
        .to_string();
        if !cx.speech_ready() {
            aloud = format!("{aloud} ✗");
        }
        vec![
            Entry::new(w.setting_language, words(s.lang).language_name),
            Entry::new(w.setting_text_size, size_name(w, s.text_size)),
            Entry::new(w.setting_theme, theme_name(w, s.theme)),
            Entry::new(w.setting_read_aloud, aloud),
            Entry::new(w.setting_speed, speed_name(w, s.speech_rate)),
            Entry::new(w.settings_done, ""),
        ]
    }

    fn intro(cx: &ViewCx) -> TextBlock {
        let w = cx.words;
        let mut intro = TextBlock::new();
        let whose = match &cx.session.learner {
            Some(l) => fill(w.settings_for_learner, &[("name", &cx.learner_name(l))]),
            None => w.settings_for_machine.to_string(),
        };
        intro.push(whose, Role::Base, Priority::Useful);
        intro.push(w.settings_tip, Role::Dim, Priority::Extra);
        if let crate::app::SpeechStatus::Missing { program } = &cx.env.speech {
            intro.push(
                fill(w.speech_missing, &[("program", program)]),
                Role::NotYet,
                Priority::Extra,
            );
        }
        intro
    }
}

pub fn size_name(w: &Words, size: TextSize) -> &'static str {
    match size {
        TextSize::Normal => w.size_normal,
        TextSize::Big => w.size_big,
        TextSize::Huge => w.size_huge,
    }
}

fn theme_name(w: &Words, theme: ThemeName) -> &'static str {
    match theme {
        ThemeName::Dark => w.theme_dark,
        ThemeName::Light => w.theme_light,
        ThemeName::Yellow => w.theme_yellow,
    }
}

fn speed_name(w: &Words, rate: SpeechRate) -> &'static str {
    match rate {
        SpeechRate::Slow => w.speed_slow,
        SpeechRate::Normal => w.speed_normal,
        SpeechRate::Fast => w.speed_fast,
    }
}

impl Layer for SettingsScreen {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        let choice = match action {
            Action::Back => Some(DONE),
            other => menu_choice(&mut self.cursor, ENTRIES, &other),
        };
        let mut s = cx.session.settings;
        match choice {
            Some(LANGUAGE) => s.lang = cycle(Lang::ALL, s.lang),
            Some(TEXT_SIZE) => s.text_size = cycle(TextSize::ALL, s.text_size),
            Some(THEME) => s.theme = cycle(ThemeName::ALL, s.theme),
            Some(READ_ALOUD) => s.read_aloud = !s.read_aloud,
            Some(SPEED) => s.speech_rate = cycle(SpeechRate::ALL, s.speech_rate),
            // Back to where the learner came from: the welcome screen or the very step.
            Some(_) => return Outcome::back(),
            None => return Outcome::none(),
        }
        let (owner, settings) = cx.session.change_settings(s);
        Outcome::effect(Effect::SaveSettings(owner, settings))
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = Self::entries(cx);
        MenuPage::new(cx.words.settings_title, &entries, self.cursor)
            .heading(cx.words.settings_title)
            .intro(Self::intro(cx))
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        let mut text = TextBlock::new();
        text.push(cx.words.settings_title, Role::Title, Priority::Keep);
        text.paras.extend(Self::intro(cx).paras);
        Some(text.spoken())
    }
}
