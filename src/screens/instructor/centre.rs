//! Typing the centre's name (for the report and certificates): an instructor may use an input
//! method. Enter keeps it (checked by `settings::check_centre_name`), Esc leaves it as it was.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Mode;
use crate::app::{Action, Ctx, Effect, Layer, Outcome, Reply};
use crate::progress::store::centre::CENTRE_NAME_MAX;
use crate::settings::CentreSettings;
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::page;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone)]
pub struct CentreName {
    pub input: String,
    /// What was wrong with the last try, in words.
    pub problem: Option<String>,
    settings: CentreSettings,
}

impl CentreName {
    pub fn new(settings: CentreSettings) -> CentreName {
        CentreName {
            input: settings.name.clone(),
            problem: None,
            settings,
        }
    }
}

impl Layer for CentreName {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        let lang = cx.session.settings.lang;
        match action {
            Action::Centre(_) => Outcome::back_with(Reply::Nothing),
            Action::Back => Outcome::back(),
            Action::Type(c) if !c.is_control() => {
                if self.input.chars().count() < CENTRE_NAME_MAX {
                    self.input.push(c);
                    self.problem = None;
                } else {
                    let n = CENTRE_NAME_MAX.to_string();
                    let words = crate::ui::words::words(lang).attendance;
                    self.problem = Some(crate::ui::words::fill(
                        words.centre_name_too_long,
                        &[("n", &n)],
                    ));
                }
                Outcome::none()
            }
            Action::Delete => {
                self.input.pop();
                self.problem = None;
                Outcome::none()
            }
            Action::Confirm => match crate::settings::check_centre_name(&self.input) {
                Ok(name) => Outcome::effect(Effect::SaveCentre(CentreSettings {
                    name,
                    ..self.settings.clone()
                })),
                Err(problem) => {
                    self.problem = Some(problem.get(lang).to_string());
                    Outcome::none()
                }
            },
            _ => Outcome::none(),
        }
    }

    fn mode(&self) -> Mode {
        Mode::Text
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let keys = page::typing_keys(w);
        let body = page::render(cx, buf, area, w.attendance.centre_name, "", &keys, hits);
        let mut text = TextBlock::new();
        text.push(w.attendance.centre_name_help, Role::Base, Priority::Keep);
        if let Some(p) = &self.problem {
            text.push(format!("✗ {p}"), Role::NotYet, Priority::Keep);
        }
        let fitted = text.fit(body.width, body.height.saturating_sub(3), cx.size);
        let y = body.y + textblock::draw(cx, buf, body, &fitted);
        let field = Rect::new(body.x, y, body.width.min(60), body.height);
        super::entry::text_field(cx, buf, field, &self.input);
    }
}
