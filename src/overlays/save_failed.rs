//! A save or load went wrong (a full disk, a database another program holds): say so plainly,
//! in the learner's language and by kind (the technical text is for the command line), keep the
//! learner where they are, and let Enter try the very same save again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Layer, Outcome, Reply, Request, menu_choice};
use crate::progress::Trouble;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::{dialog, menu::Entry};
use crate::ui::{Hits, ViewCx};

pub const TRY_AGAIN: usize = 0;
pub const GO_BACK: usize = 1;

#[derive(Debug, Clone)]
pub struct SaveFailed {
    trouble: Trouble,
    retry: Request,
    pub cursor: usize,
}

impl SaveFailed {
    pub fn new(trouble: Trouble, retry: Request) -> SaveFailed {
        SaveFailed {
            trouble,
            retry,
            cursor: TRY_AGAIN,
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let w = cx.words;
        let mut text = TextBlock::new();
        text.push(w.save_failed, Role::Strong, Priority::Keep)
            .push(w.trouble(self.trouble), Role::Strong, Priority::Useful)
            .push(w.retry, Role::Strong, Priority::Keep);
        text
    }
}

impl Layer for SaveFailed {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if action == Action::Back {
            return Outcome::close();
        }
        match menu_choice(&mut self.cursor, 2, &action) {
            Some(TRY_AGAIN) => Outcome::close_with(Reply::Retry(self.retry.clone())),
            Some(_) => Outcome::close(),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let entries = [Entry::new(w.try_again, ""), Entry::new(w.go_back, "")];
        dialog::render(cx, buf, area, hits, &self.text(cx), &entries, self.cursor);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.text(cx).spoken())
    }
}
