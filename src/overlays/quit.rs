//! "Leave now? Everything you learned is saved." It starts on "no": an accidental Esc or
//! Ctrl+C followed by Enter keeps the learner where they were.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::{dialog, menu::Entry};
use crate::ui::{Hits, ViewCx};

pub const YES: usize = 0;
pub const NO: usize = 1;

#[derive(Debug, Clone)]
pub struct Quit {
    pub cursor: usize,
}

impl Default for Quit {
    fn default() -> Self {
        Quit { cursor: NO }
    }
}

fn question(cx: &ViewCx) -> TextBlock {
    let mut text = TextBlock::new();
    text.push(cx.words.quit_question, Role::Strong, Priority::Keep);
    text
}

impl Layer for Quit {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if action == Action::Back {
            return Outcome::close();
        }
        match menu_choice(&mut self.cursor, 2, &action) {
            Some(YES) => Outcome {
                quit: true,
                ..Outcome::effect(Effect::Quit)
            },
            Some(_) => Outcome::close(),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let entries = [Entry::new(w.quit_yes, ""), Entry::new(w.quit_no, "")];
        dialog::render(cx, buf, area, hits, &question(cx), &entries, self.cursor);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(question(cx).spoken())
    }
}
