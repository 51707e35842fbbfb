//! The teacher's PIN prompt: typed on the number keys or the on-screen pad, shown as stars,
//! checked by the loop (an Argon2id hash, with the wrong tries counted in the database). It opens
//! the teacher's screens (F2 on the welcome screen), or, in kiosk mode, lets the teacher close
//! zhulao: whoever opened it is told the PIN was right (`Reply::PinAccepted`) and decides. The first time, it asks for a new PIN twice instead — except on a kiosk, where a
//! passer-by must not be able to make one up: there the PIN is set beforehand with
//! `zhulao pin set`, and until then the prompt says so. A learner who opened it by mistake leaves
//! with Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Effect, Layer, Outcome, PinView, Reply};
use crate::pin::{Checked, MAX_DIGITS, acceptable};
use crate::ui::draw::put;
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::keypad;
use crate::ui::widgets::page::{self, Key};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

/// What the right PIN opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinFor {
    /// The teacher's screens.
    Teacher,
    /// Leaving zhulao (kiosk mode).
    Leave,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinStep {
    /// Waiting to hear whether a PIN is set.
    Loading,
    Enter,
    /// No PIN yet: choose one …
    New,
    /// … and type it again (the first one is kept here until then).
    Again(String),
    /// The typed PIN is being checked (or the new one kept).
    Checking,
    /// No PIN is set and none may be chosen here (kiosk mode): nothing to do but go back.
    NoPin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinMessage {
    TooShort,
    Mismatch,
    Wrong { left: u32, wait: u64 },
    Wait(u64),
    Locked,
}

#[derive(Debug, Clone)]
pub struct Pin {
    pub purpose: PinFor,
    /// Whether a new PIN may be chosen here when none is set (not on a kiosk).
    may_choose: bool,
    pub step: PinStep,
    typed: String,
    pub message: Option<PinMessage>,
}

impl Pin {
    /// The prompt, and the effect that finds out whether a PIN is set.
    pub fn open(purpose: PinFor, may_choose: bool) -> (Pin, Effect) {
        (
            Pin {
                purpose,
                may_choose,
                step: PinStep::Loading,
                typed: String::new(),
                message: None,
            },
            Effect::LoadPinState,
        )
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let t = cx.words.teacher;
        let mut text = TextBlock::new();
        let prompt = match self.step {
            PinStep::Loading | PinStep::Checking => t.pin_checking,
            PinStep::Enter if self.purpose == PinFor::Leave => cx.words.kiosk.leave_enter,
            PinStep::Enter => t.pin_enter,
            PinStep::NoPin => cx.words.kiosk.no_pin,
            PinStep::New => t.pin_new,
            PinStep::Again(_) => t.pin_again,
        };
        text.push(prompt, Role::Strong, Priority::Keep);
        if let Some(m) = &self.message {
            let line = match m {
                PinMessage::TooShort => t.pin_too_short.to_string(),
                PinMessage::Mismatch => t.pin_mismatch.to_string(),
                PinMessage::Wrong { left, wait } => fill(
                    t.pin_wrong,
                    &[("left", &left.to_string()), ("s", &wait.to_string())],
                ),
                PinMessage::Wait(s) => fill(t.pin_wait, &[("s", &s.to_string())]),
                PinMessage::Locked => t.pin_locked.to_string(),
            };
            text.push(format!("✗ {line}"), Role::NotYet, Priority::Keep);
        }
        text
    }

    fn state(&mut self, view: PinView) {
        self.step = if view.set {
            PinStep::Enter
        } else {
            self.unset()
        };
        self.message = if view.locked {
            Some(PinMessage::Locked)
        } else {
            view.wait_seconds.map(PinMessage::Wait)
        };
    }

    /// Where the prompt goes when no PIN is set.
    fn unset(&self) -> PinStep {
        if self.may_choose {
            PinStep::New
        } else {
            PinStep::NoPin
        }
    }

    fn checked(&mut self, checked: crate::pin::Checked) -> Outcome {
        self.step = PinStep::Enter;
        self.message = match checked {
            Checked::Right => return self.granted(),
            Checked::Wrong {
                wait_seconds,
                tries_left,
            } => Some(PinMessage::Wrong {
                left: tries_left,
                wait: wait_seconds,
            }),
            Checked::TooSoon { wait_seconds } => Some(PinMessage::Wait(wait_seconds)),
            Checked::Locked => Some(PinMessage::Locked),
            Checked::NotSet => {
                self.step = self.unset();
                None
            }
        };
        Outcome::none()
    }

    fn confirm(&mut self) -> Outcome {
        // A typed PIN is never kept longer than it must be.
        let typed = std::mem::take(&mut self.typed);
        match std::mem::replace(&mut self.step, PinStep::Checking) {
            PinStep::Enter if !typed.is_empty() => {
                self.message = None;
                Outcome::effect(Effect::CheckPin(typed))
            }
            PinStep::New if acceptable(&typed) => {
                self.message = None;
                self.step = PinStep::Again(typed);
                Outcome::none()
            }
            PinStep::New => {
                self.step = PinStep::New;
                self.message = Some(PinMessage::TooShort);
                Outcome::none()
            }
            PinStep::Again(first) if first == typed && self.may_choose => {
                Outcome::effect(Effect::SetPin(first))
            }
            PinStep::Again(_) => {
                self.step = PinStep::New;
                self.message = Some(PinMessage::Mismatch);
                Outcome::none()
            }
            other => {
                self.step = other;
                Outcome::none()
            }
        }
    }
}

impl Pin {
    /// The PIN was right (or a new one was kept): whoever opened the prompt goes on.
    fn granted(&self) -> Outcome {
        Outcome::close_with(Reply::PinAccepted)
    }
}

impl Layer for Pin {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::close(),
            Action::PinState(view) => {
                self.state(view);
                Outcome::none()
            }
            Action::PinChecked(checked) => self.checked(checked),
            Action::PinSet => self.granted(),
            Action::Digit(d) if d <= 9 => {
                if self.typed.len() < MAX_DIGITS {
                    self.typed.push(char::from(b'0' + d));
                }
                Outcome::none()
            }
            Action::Delete => {
                self.typed.pop();
                Outcome::none()
            }
            Action::Confirm if self.step == PinStep::NoPin => Outcome::close(),
            Action::Confirm => self.confirm(),
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        hits.cover(area);
        crate::ui::draw::fill(buf, area, cx.theme.base());
        let mut keys = vec![
            Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
            Key::new(w.key_esc, w.word_back, Some(Action::Back)),
        ];
        if self.step != PinStep::NoPin {
            keys.push(Key::new(w.key_delete, w.word_delete, Some(Action::Delete)));
        }
        let title = match self.purpose {
            PinFor::Teacher => w.teacher.pin_title,
            PinFor::Leave => w.kiosk.leave_title,
        };
        let body = page::render(cx, buf, area, title, "", &keys, hits);
        let pad_h = keypad::ROWS.max(body.height.saturating_sub(5).min(keypad::ROWS * 3));
        let fitted = self
            .text(cx)
            .fit(body.width, body.height.saturating_sub(pad_h + 1), cx.size);
        let mut y = body.y + textblock::draw(cx, buf, body, &fitted);
        if self.step == PinStep::NoPin {
            return;
        }
        let shown = format!("{} {}_", w.your_input, "*".repeat(self.typed.len()));
        put(buf, body, body.x, y, &shown, cx.style(Role::Strong));
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
