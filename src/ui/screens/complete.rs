//! Lesson complete: stars, what was learned, and where to go next.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::{MenuPage, stars};
use crate::app::App;
use crate::ui::hits::Hits;
use crate::ui::strings::words;
use crate::ui::theme;
use crate::ui::widgets::menu::Entry;

pub fn complete(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let Some(lesson) = app.current_lesson() else {
        return;
    };
    let mut intro = vec![
        (w.lesson_done.to_string(), theme::right()),
        (
            format!("{} {}", w.stars_earned, stars(app.earned_stars)),
            theme::strong(),
        ),
    ];
    let learned: Vec<String> = lesson
        .learned
        .iter()
        .map(|t| format!("✓ {}", t.get(app.lang)))
        .collect();
    // What was learned is shown whenever it fits with the three choices below it (at 40×12 it
    // does for lessons with up to two "learned" lines).
    let rows_needed = 2 + 1 + learned.len() as u16 + 1 + 3 + 2;
    if area.height >= 16 || rows_needed <= area.height {
        intro.push((w.you_learned.to_string(), theme::strong()));
        for l in learned {
            intro.push((l, theme::base()));
        }
    }
    if app.earned_stars < 3 && area.height >= 20 {
        intro.push((w.practice_more.to_string(), theme::dim()));
    }
    let next = if app.next_lesson().is_some() {
        w.next_lesson
    } else {
        w.all_done
    };
    let entries = [
        Entry::new(next, ""),
        Entry::new(w.again, ""),
        Entry::new(w.back_to_list, ""),
    ];
    let header = app
        .current_pack()
        .map(|p| format!("{} › {}", p.title.get(app.lang), lesson.title.get(app.lang)))
        .unwrap_or_default();
    MenuPage::new(&header, &entries)
        .intro(&intro)
        .render(app, buf, area, hits);
}
