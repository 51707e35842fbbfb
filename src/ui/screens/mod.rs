//! One module per screen; `common` holds what the choosing screens share.

pub mod common;
pub mod complete;
pub mod learners;
pub mod lessons;
pub mod packs;
pub mod player;
pub mod welcome;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Screen};
use crate::ui::hits::Hits;

/// Draws the current screen.
pub fn render(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    match app.screen {
        Screen::Welcome => welcome::welcome(app, buf, area, hits),
        Screen::Learners => learners::learners(app, buf, area, hits),
        Screen::NewLearnerName => learners::new_learner(app, buf, area, hits),
        Screen::Packs => packs::packs(app, buf, area, hits),
        Screen::Lessons => lessons::lessons(app, buf, area, hits),
        Screen::Player => player::render(app, buf, area, hits),
        Screen::Complete => complete::complete(app, buf, area, hits),
    }
}
