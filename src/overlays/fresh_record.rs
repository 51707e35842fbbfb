//! Shown when a kiosk started with a damaged progress file: the file was set aside (its name is
//! said), a new record was started, and the teacher should be told. It waits for "知道了" — the
//! walk-away reset leaves it up — so a teacher coming by later still reads it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Layer, Outcome, menu_choice};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::{dialog, menu::Entry};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreshRecord {
    /// The set-aside file's name (in the data folder).
    pub file: String,
    cursor: usize,
}

impl FreshRecord {
    pub fn new(file: impl Into<String>) -> FreshRecord {
        FreshRecord {
            file: file.into(),
            cursor: 0,
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let k = cx.words.kiosk;
        let mut text = TextBlock::new();
        text.push_big(k.fresh_title, Role::Title);
        text.push(
            fill(k.fresh_body, &[("file", &self.file)]),
            Role::Strong,
            Priority::Keep,
        );
        text
    }
}

impl Layer for FreshRecord {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if action == Action::Back || menu_choice(&mut self.cursor, 1, &action).is_some() {
            return Outcome::close();
        }
        Outcome::none()
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = [Entry::new(cx.words.kiosk.fresh_ok, "")];
        dialog::render(cx, buf, area, hits, &self.text(cx), &entries, self.cursor);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.text(cx).spoken())
    }
}
