//! Finding a learner by number ("学员 12"): in a class of hundreds the name list is long, but
//! everyone knows their number. Typed on the number keys or the on-screen pad; no Chinese input
//! needed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::packs;
use crate::app::{Action, Ctx, Effect, Layer, Outcome};
use crate::progress::Learner;
use crate::ui::draw::put;
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::keypad;
use crate::ui::widgets::page;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

/// Learner numbers have at most this many digits.
const MAX_DIGITS: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct FindLearner {
    pub typed: String,
    /// The number typed last, which no learner has.
    pub not_found: Option<String>,
    known: Vec<Learner>,
}

impl FindLearner {
    pub fn new(known: Vec<Learner>) -> FindLearner {
        FindLearner {
            known,
            ..FindLearner::default()
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let w = cx.words;
        let mut text = TextBlock::new();
        text.push(w.find_number_help, Role::Strong, Priority::Keep);
        if let Some(n) = &self.not_found {
            text.push(
                fill(w.find_number_none, &[("n", n)]),
                Role::NotYet,
                Priority::Keep,
            );
        }
        text
    }
}

impl Layer for FindLearner {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::back(),
            Action::LearnerOpened {
                learner,
                progress,
                reviews,
                settings,
            } => Outcome::replace(packs::signed_in(cx, learner, progress, reviews, settings)),
            Action::Digit(d) if d <= 9 => {
                if self.typed.len() < MAX_DIGITS {
                    self.typed.push(char::from(b'0' + d));
                }
                self.not_found = None;
                Outcome::none()
            }
            Action::Delete => {
                self.typed.pop();
                self.not_found = None;
                Outcome::none()
            }
            Action::Confirm => {
                let number: Option<u32> = self.typed.parse().ok();
                // A seat number (given by the instructor) first, then a learner number.
                let has = |n: Option<u32>| n.is_some() && n == number;
                let found = self.known.iter().find(|l| has(l.seat));
                match found.or_else(|| self.known.iter().find(|l| has(l.number))) {
                    Some(learner) => Outcome::effect(Effect::OpenLearner(learner.clone())),
                    None => {
                        self.not_found = Some(std::mem::take(&mut self.typed));
                        Outcome::none()
                    }
                }
            }
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let keys = page::typing_keys(w);
        let body = page::render(cx, buf, area, w.find_number, "", &keys, hits);
        let pad_h = keypad::ROWS.max(body.height.saturating_sub(4).min(keypad::ROWS * 3));
        let text = self.text(cx);
        let fitted = text.fit(body.width, body.height.saturating_sub(pad_h + 1), cx.size);
        let mut y = body.y + textblock::draw(cx, buf, body, &fitted);
        let typed = format!("{} {}_", w.your_input, self.typed);
        put(buf, body, body.x, y, &typed, cx.style(Role::Strong));
        y += 1;
        let pad = Rect::new(
            body.x,
            y,
            body.width.min(44),
            body.bottom().saturating_sub(y),
        );
        keypad::render(cx, buf, pad, None, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.text(cx).spoken())
    }
}
