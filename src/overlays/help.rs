//! The help page over a lesson step: the step's hint, the keys, and the way to the settings
//! (大字, colours, read-aloud). Opening it never counts as a wrong answer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Layer, Outcome, Reply, menu_choice};
use crate::lang::Text;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::{dialog, menu::Entry};
use crate::ui::{Hits, ViewCx};

pub const CLOSE: usize = 0;
pub const SETTINGS: usize = 1;

#[derive(Debug, Clone)]
pub struct Help {
    hint: Option<Text>,
    offer_settings: bool,
    pub cursor: usize,
}

impl Help {
    pub fn new(hint: Option<Text>, offer_settings: bool) -> Help {
        Help {
            hint,
            offer_settings,
            cursor: CLOSE,
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let mut text = TextBlock::new();
        if let Some(hint) = &self.hint {
            text.push(hint.get(cx.lang), Role::Strong, Priority::Keep);
            text.push("", Role::Base, Priority::Extra);
        }
        text.push(cx.words.help_keys, Role::Strong, Priority::Extra);
        text
    }

    fn entries(&self, cx: &ViewCx) -> Vec<Entry> {
        let mut entries = vec![Entry::new(cx.words.help_close, "")];
        if self.offer_settings {
            entries.push(Entry::new(cx.words.open_settings, ""));
        }
        entries
    }
}

impl Layer for Help {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if matches!(action, Action::Back | Action::Help) {
            return Outcome::close();
        }
        let len = if self.offer_settings { 2 } else { 1 };
        match menu_choice(&mut self.cursor, len, &action) {
            Some(SETTINGS) => Outcome::close_with(Reply::OpenSettings),
            Some(_) => Outcome::close(),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = self.entries(cx);
        dialog::render(cx, buf, area, hits, &self.text(cx), &entries, self.cursor);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.text(cx).spoken())
    }
}
