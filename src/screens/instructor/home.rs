//! The instructor's menu: the class, the trouble spots, the roster, a report, kiosk mode, and
//! the way back to the welcome screen — and on a kiosk, the way to close zhulao.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::class::Class;
use super::report::ReportScreen;
use super::roster::Roster;
use super::trouble::Trouble;
use crate::app::{Action, Ctx, Layer, Outcome, menu_choice};
use crate::overlays::Overlay;
use crate::screens::common::MenuPage;
use crate::screens::instructor::kiosk::KioskScreen;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

pub const CLASS: usize = 0;
pub const TROUBLE: usize = 1;
pub const MISSING: usize = 2;
pub const ROSTER: usize = 3;
pub const REPORT: usize = 4;
pub const KIOSK: usize = 5;
pub const LEAVE: usize = 6;
/// Only in kiosk mode, where it is the teacher's way to close zhulao (the PIN was given).
pub const CLOSE: usize = 7;

#[derive(Debug, Clone, Default)]
pub struct InstructorHome {
    pub cursor: usize,
}

impl InstructorHome {
    fn entries(cx: &ViewCx) -> Vec<Entry> {
        let t = cx.words.teacher;
        let mut entries = vec![
            Entry::new(t.home_class, ""),
            Entry::new(t.home_trouble, ""),
            Entry::new(crate::ui::words::roster::term(cx.lang).home_missing, ""),
            Entry::new(t.home_roster, ""),
            Entry::new(t.home_report, ""),
            Entry::new(cx.words.kiosk.home_kiosk, ""),
            Entry::new(t.home_leave, ""),
        ];
        if cx.kiosk {
            entries.push(Entry::new(cx.words.kiosk.home_close, ""));
        }
        entries
    }

    /// A note when a kiosk has set damaged progress files aside: the teacher should know.
    fn intro(cx: &ViewCx) -> TextBlock {
        let mut intro = TextBlock::new();
        let n = cx.env.set_aside.len();
        if n > 0 {
            intro.push(
                fill(cx.words.kiosk.set_aside_files, &[("n", &n.to_string())]),
                Role::NotYet,
                Priority::Keep,
            );
        }
        intro
    }
}

impl Layer for InstructorHome {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        if matches!(action, Action::Back) {
            return Outcome::back();
        }
        if let Action::Reply(_) = action {
            return Outcome::none();
        }
        let kiosk = cx.session.kiosk.on();
        let len = if kiosk { CLOSE + 1 } else { CLOSE };
        match menu_choice(&mut self.cursor, len, &action) {
            Some(CLASS) => Class::open(None),
            Some(TROUBLE) => Trouble::open(None, Default::default()),
            Some(MISSING) => super::missing::MissingScreen::open(None),
            Some(ROSTER) => Roster::open(false),
            Some(REPORT) => ReportScreen::open(),
            Some(KIOSK) => KioskScreen::open(),
            Some(CLOSE) => Outcome::open(Overlay::quit()),
            Some(_) => Outcome::back(),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = Self::entries(cx);
        MenuPage::new(cx.words.teacher.home_title, &entries, self.cursor)
            .intro(Self::intro(cx))
            .esc(cx.words.word_back)
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        let intro = Self::intro(cx);
        (!intro.is_empty()).then(|| intro.spoken())
    }
}
