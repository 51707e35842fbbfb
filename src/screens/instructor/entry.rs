//! Typing something for the roster: a learner's new name, a seat number, or a new group's name.
//! Names are typed (an instructor can use an input method); the seat has the number pad.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Mode;
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Reply, RosterCommand, Taken};
use crate::ui::draw::{fill, frame, put};
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::{CARET, FOCUS, Role};
use crate::ui::widgets::keypad;
use crate::ui::widgets::page;
use crate::ui::words::fill as fill_in;
use crate::ui::{Hits, ViewCx};

/// How long a typed name may be (a group's too).
const MAX_CHARS: usize = crate::progress::MAX_NAME_CHARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Rename,
    Seat,
    NewGroup,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub purpose: Purpose,
    pub input: String,
    /// What was wrong with the last try, in words.
    pub problem: Option<String>,
    /// The learner whose name, seat or groups this changes.
    learner_id: String,
}

impl Entry {
    pub fn new(purpose: Purpose, learner_id: String) -> Entry {
        Entry {
            purpose,
            input: String::new(),
            problem: None,
            learner_id,
        }
    }

    fn command(&mut self, cx: &Ctx) -> Option<RosterCommand> {
        let id = self.learner_id.clone();
        let text = self.input.trim().to_string();
        let w = crate::ui::words::words(cx.session.settings.lang);
        match self.purpose {
            Purpose::Seat => {
                let seat: u32 = text.parse().unwrap_or(0);
                Some(RosterCommand::Seat {
                    id,
                    seat: (seat > 0).then_some(seat),
                })
            }
            Purpose::Rename | Purpose::NewGroup => {
                if text.is_empty() {
                    self.problem = Some(w.name_empty.to_string());
                    return None;
                }
                if let Err(problem) = crate::inert::check_name(&text) {
                    self.problem = Some(match problem {
                        crate::inert::TextProblem::Emoji { .. } => w.name_emoji.to_string(),
                        _ => w.name_invisible.to_string(),
                    });
                    return None;
                }
                Some(if self.purpose == Purpose::Rename {
                    RosterCommand::Rename { id, name: text }
                } else {
                    RosterCommand::AddGroup {
                        name: text,
                        learner_id: id,
                    }
                })
            }
        }
    }
}

impl Layer for Entry {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        let w = crate::ui::words::words(cx.session.settings.lang);
        match action {
            Action::Answer(answer @ Answer::Roster { .. }) => {
                let Answer::Roster { taken, .. } = &answer else {
                    return Outcome::none();
                };
                match taken.clone() {
                    // Done: back, with the roster as it now is.
                    None => Outcome::back_with(Reply::Roster(answer)),
                    Some(Taken::Name(name)) => {
                        self.problem = Some(fill_in(w.teacher.name_taken, &[("name", &name)]));
                        Outcome::none()
                    }
                    Some(Taken::Seat(seat, other)) => {
                        let name = other.name.clone().unwrap_or_default();
                        self.problem = Some(fill_in(
                            w.teacher.seat_taken,
                            &[("seat", &seat.to_string()), ("name", &name)],
                        ));
                        Outcome::none()
                    }
                }
            }
            Action::Back => Outcome::back(),
            Action::Type(c) if !c.is_control() && self.input.chars().count() < MAX_CHARS => {
                self.input.push(c);
                self.problem = None;
                Outcome::none()
            }
            Action::Digit(d) if self.purpose == Purpose::Seat && self.input.len() < 4 => {
                self.input.push(char::from(b'0' + d.min(9)));
                Outcome::none()
            }
            Action::Delete => {
                self.input.pop();
                self.problem = None;
                Outcome::none()
            }
            Action::Confirm => match self.command(cx) {
                Some(command) => Outcome::effect(Effect::Roster(command)),
                None => Outcome::none(),
            },
            _ => Outcome::none(),
        }
    }

    fn mode(&self) -> Mode {
        if self.purpose == Purpose::Seat {
            Mode::Normal
        } else {
            Mode::Text
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let t = w.teacher;
        let keys = page::typing_keys(w);
        let title = match self.purpose {
            Purpose::Rename => t.edit_rename,
            Purpose::Seat => t.edit_seat,
            Purpose::NewGroup => t.group_name,
        };
        let body = page::render(cx, buf, area, title, "", &keys, hits);
        let mut text = TextBlock::new();
        if self.purpose == Purpose::Seat {
            text.push(t.seat_help, Role::Base, Priority::Keep);
        }
        if let Some(p) = &self.problem {
            text.push(format!("✗ {p}"), Role::NotYet, Priority::Keep);
        }
        let fitted = text.fit(body.width, body.height.saturating_sub(4), cx.size);
        let mut y = body.y + textblock::draw(cx, buf, body, &fitted);
        y += text_field(
            cx,
            buf,
            Rect::new(body.x, y, body.width.min(40), body.height),
            &self.input,
        );
        if self.purpose == Purpose::Seat {
            let pad = Rect::new(
                body.x,
                y,
                body.width.min(44),
                body.bottom().saturating_sub(y),
            );
            keypad::render(cx, buf, pad, None, hits);
        }
    }
}

/// The field being typed in, at the top of `area`: framed when the page has room (10 rows),
/// one row otherwise. Returns the rows it took.
pub fn text_field(cx: &ViewCx, buf: &mut Buffer, area: Rect, input: &str) -> u16 {
    let field_h = if area.height >= 10 { 3 } else { 1 };
    let field = Rect::new(area.x, area.y, area.width, field_h);
    fill(buf, field, cx.style(Role::Focus));
    let inner = if field_h == 3 {
        frame(buf, field, true, &cx.theme)
    } else {
        field
    };
    let shown = format!("{FOCUS} {input}{CARET}");
    put(buf, inner, inner.x, inner.y, &shown, cx.style(Role::Focus));
    field_h
}
