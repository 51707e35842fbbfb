//! "还在吗？": kiosk mode's walk-away question. It appears only after the idle time with nobody
//! touching anything (the loop sends `Action::Idle`), so it never hurries anyone mid-step; it
//! counts down a minute in big numbers, and any key or any tap anywhere means "I'm still here"
//! (`Mode::Any`). When the count reaches nought, it tells whoever opened it that nobody is
//! there, and the kiosk goes back to the welcome screen with the learner signed out. Every answer was saved when it was given, so nothing is lost: the
//! learner picks their name next time and carries on from the same step.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Mode;
use crate::app::{Action, Ctx, Layer, Outcome, Reply};
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::{dialog, menu::Entry};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StillThere {
    /// When the countdown ends, on the app's clock (milliseconds).
    until_ms: u64,
    /// Whole seconds left, as last counted (what the screen shows).
    pub seconds_left: u64,
    /// The whole countdown in seconds (what is read aloud, once).
    total_seconds: u64,
}

impl StillThere {
    pub fn new(now_ms: u64, countdown: std::time::Duration) -> StillThere {
        let ms = countdown.as_millis() as u64;
        StillThere {
            until_ms: now_ms + ms,
            seconds_left: ms.div_ceil(1000),
            total_seconds: ms.div_ceil(1000),
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let k = cx.words.kiosk;
        let s = self.seconds_left.to_string();
        let mut text = TextBlock::new();
        text.push_big(k.still_there, Role::Title);
        text.push_big(fill(k.seconds_left, &[("s", &s)]), Role::Strong);
        text.push(
            fill(k.still_there_body, &[("s", &s)]),
            Role::Strong,
            Priority::Useful,
        );
        text
    }
}

impl Layer for StillThere {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        if action != Action::Tick {
            // Any key or tap: someone is here.
            return Outcome::close();
        }
        if cx.now.ms >= self.until_ms {
            // Nobody came back: whoever asked decides what that means (the kiosk starts over).
            return Outcome::close_with(Reply::NobodyThere);
        }
        self.seconds_left = (self.until_ms - cx.now.ms).div_ceil(1000);
        Outcome::none()
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = [Entry::new(cx.words.kiosk.still_here, "")];
        dialog::render(cx, buf, area, hits, &self.text(cx), &entries, 0);
    }

    fn mode(&self) -> Mode {
        Mode::Any
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        // Only the question and the words, not every second of the count.
        let k = cx.words.kiosk;
        let s = self.total_seconds.to_string();
        Some(format!(
            "{} {}",
            k.still_there,
            fill(k.still_there_body, &[("s", &s)])
        ))
    }

    fn tick_every(&self) -> Option<std::time::Duration> {
        Some(std::time::Duration::from_secs(1))
    }
}
