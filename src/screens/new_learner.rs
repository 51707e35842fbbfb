//! Typing a new learner's name (a helper usually types it). A name already on the list is the
//! same person: they are taken to their own progress instead of being added twice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_normalization::UnicodeNormalization;

use super::packs;
use crate::app::Mode;
use crate::app::{Action, Ctx, Effect, Layer, Outcome};
use crate::progress::{Learner, NewLearner as Added};
use crate::ui::draw::{button, fill, frame, put};
use crate::ui::text::{width, wrap};
use crate::ui::theme::{CARET, FOCUS, Role};
use crate::ui::widgets::page;
use crate::ui::{Hits, ViewCx};

pub use crate::progress::MAX_NAME_CHARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
    /// An emoji, which not every terminal shows at the same width.
    Emoji,
    /// A character that cannot be seen (zero-width, a direction mark, a control character).
    Invisible,
}

#[derive(Debug, Clone, Default)]
pub struct NewLearner {
    pub input: String,
    /// A plain-words message for the name field ("please type a name first").
    pub problem: Option<NameProblem>,
    /// The learners already on the list, to recognise a name typed again.
    known: Vec<Learner>,
}

impl NewLearner {
    pub fn new(known: Vec<Learner>) -> NewLearner {
        NewLearner {
            known,
            ..NewLearner::default()
        }
    }
}

impl Layer for NewLearner {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::back(),
            Action::LearnerAdded(learner) => Outcome::replace(packs::signed_in(
                cx,
                learner,
                Default::default(),
                Default::default(),
                None,
            )),
            Action::LearnerOpened {
                learner,
                progress,
                reviews,
                settings,
            } => Outcome::replace(packs::signed_in(cx, learner, progress, reviews, settings)),
            Action::Type(c) if !c.is_control() => {
                if self.input.chars().count() >= MAX_NAME_CHARS {
                    self.problem = Some(NameProblem::TooLong);
                } else {
                    self.input.push(c);
                    self.problem = None;
                }
                Outcome::none()
            }
            Action::Digit(d) => self.update(cx, Action::Type(char::from(b'0' + d.min(9)))),
            Action::Delete => {
                self.input.pop();
                self.problem = None;
                Outcome::none()
            }
            Action::Confirm => {
                let name: String = self.input.trim().nfc().collect();
                if name.is_empty() {
                    self.problem = Some(NameProblem::Empty);
                    return Outcome::none();
                }
                if let Err(problem) = crate::inert::check_name(&name) {
                    self.problem = Some(match problem {
                        crate::inert::TextProblem::Emoji { .. } => NameProblem::Emoji,
                        _ => NameProblem::Invisible,
                    });
                    return Outcome::none();
                }
                let key = crate::inert::normalise_name(&name);
                if let Some(known) = self.known.iter().find(|l| {
                    l.name
                        .as_deref()
                        .is_some_and(|n| crate::inert::normalise_name(n) == key)
                }) {
                    // The same name is the same person: take them to their own progress.
                    return Outcome::effect(Effect::OpenLearner(known.clone()));
                }
                Outcome::effect(Effect::AddLearner(Added::Named(name)))
            }
            _ => Outcome::none(),
        }
    }

    fn mode(&self) -> Mode {
        Mode::Text
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(format!(
            "{}\n{}",
            cx.words.type_name, cx.words.type_name_help
        ))
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let theme = &cx.theme;
        let keys = page::typing_keys(w);
        let body = page::render(cx, buf, area, w.type_name, "", &keys, hits);
        let mut y = body.y;
        let field_h = if body.height >= 8 { 3 } else { 1 };
        let field = Rect::new(body.x, y, body.width.min(40), field_h);
        fill(buf, field, cx.style(Role::Focus));
        let inner = if field_h == 3 {
            frame(buf, field, true, theme)
        } else {
            field
        };
        let shown = format!("{FOCUS} {}{CARET}", self.input);
        put(buf, inner, inner.x, inner.y, &shown, cx.style(Role::Focus));
        y += field_h;
        let most = MAX_NAME_CHARS.to_string();
        let message = match self.problem {
            Some(NameProblem::Empty) => Some(w.name_empty.to_string()),
            Some(NameProblem::TooLong) => {
                Some(crate::ui::words::fill(w.name_too_long, &[("n", &most)]))
            }
            Some(NameProblem::Emoji) => Some(w.name_emoji.to_string()),
            Some(NameProblem::Invisible) => Some(w.name_invisible.to_string()),
            None => None,
        };
        if let Some(m) = message {
            for line in wrap(&format!("✗ {m}"), body.width as usize) {
                if y >= body.bottom() {
                    break;
                }
                put(buf, body, body.x, y, &line, cx.style(Role::NotYet));
                y += 1;
            }
        }
        let help = wrap(w.type_name_help, body.width as usize);
        let room = body.bottom().saturating_sub(y);
        let ok_h = if room >= help.len() as u16 + 4 { 3 } else { 1 };
        let help_end = body.bottom().saturating_sub(ok_h + 1);
        for line in &help {
            if y >= help_end {
                break;
            }
            put(buf, body, body.x, y, line, cx.style(Role::Dim));
            y += 1;
        }
        if y + ok_h <= body.bottom() {
            let ok = Rect::new(body.x, y, (width(w.ok) as u16 + 8).min(body.width), ok_h);
            button(buf, ok, w.ok, false, theme);
            hits.add(ok, Action::Confirm);
        }
    }
}
