//! The instructor's menu: the class, the trouble spots, the roster, a report, and the way back
//! to the welcome screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::class::Class;
use super::roster::Roster;
use super::trouble::Trouble;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::screens::common::MenuPage;
use crate::screens::welcome::Welcome;
use crate::ui::widgets::menu::Entry;
use crate::ui::{Hits, ViewCx};

pub const CLASS: usize = 0;
pub const TROUBLE: usize = 1;
pub const ROSTER: usize = 2;
pub const REPORT: usize = 3;
pub const LEAVE: usize = 4;
const ENTRIES: usize = 5;

#[derive(Debug, Clone, Default)]
pub struct InstructorHome {
    pub cursor: usize,
}

impl Layer for InstructorHome {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        if action == Action::Back {
            return Outcome::go(Welcome::default());
        }
        match menu_choice(&mut self.cursor, ENTRIES, &action) {
            Some(CLASS) => Class::open(None),
            Some(TROUBLE) => Trouble::open(None, Default::default()),
            Some(ROSTER) => Roster::open(false),
            Some(REPORT) => Outcome::effect(Effect::WriteReport),
            Some(_) => Outcome::go(Welcome::default()),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let t = cx.words.teacher;
        let entries = [
            Entry::new(t.home_class, ""),
            Entry::new(t.home_trouble, ""),
            Entry::new(t.home_roster, ""),
            Entry::new(t.home_report, ""),
            Entry::new(t.home_leave, ""),
        ];
        MenuPage::new(t.home_title, &entries, self.cursor)
            .esc(cx.words.word_back)
            .render(cx, buf, area, hits);
    }
}
