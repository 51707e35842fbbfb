//! Lesson complete: stars, what was learned, and where to go next. The end of a review is shown
//! here too: how many steps were gone over, its stars, and back to the lessons.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, stars};
use crate::app::{Action, Ctx, Layer, Outcome, Reply, menu_choice};
use crate::content::LessonAt;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

pub const NEXT: usize = 0;
pub const AGAIN: usize = 1;
pub const LIST: usize = 2;

#[derive(Debug, Clone)]
pub struct Complete {
    pub at: LessonAt,
    /// Stars earned by the lesson just completed.
    pub stars: u8,
    pub cursor: usize,
    /// The end of a review (of `at.pack`) rather than of a lesson: how many steps it went over.
    pub reviewed: Option<usize>,
}

impl Complete {
    pub fn new(at: LessonAt, stars: u8) -> Complete {
        Complete {
            at,
            stars,
            cursor: NEXT,
            reviewed: None,
        }
    }

    /// The end of a review of pack `pack` that went over `reviewed` steps.
    pub fn review(pack: usize, stars: u8, reviewed: usize) -> Complete {
        Complete {
            reviewed: Some(reviewed),
            ..Complete::new(LessonAt { pack, lesson: 0 }, stars)
        }
    }

    /// A review's end: done, how many, the stars, and (where there is room) what comes next.
    fn review_text(&self, cx: &ViewCx, reviewed: usize, rows: u16) -> TextBlock {
        let w = cx.words;
        let mut text = TextBlock::new();
        text.push_big(w.review.done, Role::Right);
        text.push(
            fill(w.review.how_many, &[("n", &reviewed.to_string())]),
            Role::Strong,
            Priority::Keep,
        );
        text.push(
            format!("{} {}", w.stars_earned, stars(self.stars)),
            Role::Strong,
            Priority::Keep,
        );
        if rows >= 16 {
            text.push(w.review.comes_back, Role::Dim, Priority::Extra);
        }
        text
    }

    fn text(&self, cx: &ViewCx, rows: u16) -> TextBlock {
        let w = cx.words;
        let mut text = TextBlock::new();
        text.push_big(w.lesson_done, Role::Right);
        text.push(
            format!("{} {}", w.stars_earned, stars(self.stars)),
            Role::Strong,
            Priority::Keep,
        );
        let learned = self
            .at
            .lesson(cx.lib)
            .map(|l| l.learned.as_slice())
            .unwrap_or_default();
        // What was learned is shown whenever it fits with the three choices below it (at 40×12
        // it does for lessons with up to two "learned" lines).
        let rows_needed = 2 + 1 + learned.len() as u16 + 1 + 3 + 2;
        if rows >= 16 || rows_needed <= rows {
            text.push(w.you_learned, Role::Strong, Priority::Useful);
            for l in learned {
                text.push(
                    format!("✓ {}", l.get(cx.lang)),
                    Role::Base,
                    Priority::Useful,
                );
            }
        }
        if self.stars < 3 && rows >= 20 {
            text.push(w.practice_more, Role::Dim, Priority::Extra);
        }
        text
    }
}

impl Layer for Complete {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        // The lesson list underneath opens whatever comes next: it opened this lesson.
        if action == Action::Back {
            return Outcome::back();
        }
        if self.reviewed.is_some() {
            return match menu_choice(&mut self.cursor, 1, &action) {
                Some(_) => Outcome::back(),
                None => Outcome::none(),
            };
        }
        match menu_choice(&mut self.cursor, 3, &action) {
            Some(NEXT) => match self.at.next(cx.lib) {
                Some(next) => Outcome::back_with(Reply::OpenLesson(next)),
                None => Outcome::back_with(Reply::CourseDone),
            },
            Some(AGAIN) => Outcome::back_with(Reply::OpenLesson(self.at)),
            Some(_) => Outcome::back(),
            None => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        if let Some(reviewed) = self.reviewed {
            let Some(pack) = self.at.pack(cx.lib) else {
                return;
            };
            let entries = [Entry::new(w.back_to_list, "")];
            let header = format!("{} › {}", pack.title.get(cx.lang), w.review.title);
            MenuPage::new(&header, &entries, self.cursor)
                .intro(self.review_text(cx, reviewed, area.height))
                .render(cx, buf, area, hits);
            return;
        }
        let (Some(pack), Some(lesson)) = (self.at.pack(cx.lib), self.at.lesson(cx.lib)) else {
            return;
        };
        let next = if self.at.next(cx.lib).is_some() {
            w.next_lesson
        } else {
            w.all_done
        };
        let entries = [
            Entry::new(next, ""),
            Entry::new(w.again, ""),
            Entry::new(w.back_to_list, ""),
        ];
        let header = format!(
            "{} › {}",
            pack.title.get(cx.lang),
            lesson.title.get(cx.lang)
        );
        MenuPage::new(&header, &entries, self.cursor)
            .intro(self.text(cx, area.height))
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        if let Some(reviewed) = self.reviewed {
            return Some(self.review_text(cx, reviewed, u16::MAX).spoken());
        }
        Some(self.text(cx, u16::MAX).spoken())
    }
}
