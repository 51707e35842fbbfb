//! One learner in detail: time spent, lessons done in each course as a bar (the number beside
//! it), the steps that took the most tries with what each asked and the learner's own wrong
//! answers (secret codes masked), and each lesson (runs, wrong answers, time) — what to go over
//! with them next class.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::trouble::{answers_line, step_say};
use super::{duration, lesson_name, name, step_number};
use crate::app::{Action, Answer, Ctx, Effect, Layer, Outcome, Query};
use crate::progress::review::REVIEW_LESSON;
use crate::progress::store::class::LearnerDetail;
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::page::{self, Key};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub learner_id: String,
    pub detail: Option<LearnerDetail>,
    /// First line shown (the text scrolls with the arrows).
    pub top: usize,
}

impl Detail {
    pub fn open(learner_id: String) -> Outcome {
        let query = Query::Detail {
            learner_id: learner_id.clone(),
        };
        Outcome::push(Detail {
            learner_id,
            ..Detail::default()
        })
        .with(Effect::Query(query))
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let t = cx.words.teacher;
        let mut text = TextBlock::new();
        let Some(d) = &self.detail else {
            return text;
        };
        let total: u64 = d.lessons.iter().map(|l| l.time_ms).sum();
        // Lessons done and their stars; reviews are listed below but are not lessons.
        let lessons = || d.lessons.iter().filter(|l| l.lesson_id != REVIEW_LESSON);
        let done = lessons().filter(|l| l.completions > 0).count();
        let stars: u32 = lessons().map(|l| l.completions.min(3)).sum();
        if d.lessons.is_empty() {
            text.push(t.detail_nothing, Role::Base, Priority::Keep);
            return text;
        }
        text.push(
            fill(
                t.detail_total,
                &[
                    ("time", &duration(cx, total)),
                    ("done", &done.to_string()),
                    ("stars", &stars.to_string()),
                ],
            ),
            Role::Strong,
            Priority::Keep,
        );
        let term = crate::ui::words::roster::term(cx.lang);
        // Each pack begun: lessons done as a bar, with the number beside it.
        for pack in &cx.lib.packs {
            let begun: Vec<_> = lessons().filter(|l| l.pack_id == pack.id).collect();
            if begun.is_empty() {
                continue;
            }
            let done = begun.iter().filter(|l| l.completions > 0).count();
            let all = pack.lessons.len().max(done);
            text.push(
                format!(
                    "{}  {} {}",
                    pack.title.get(cx.lang),
                    bar(done, all, 10),
                    fill(
                        term.detail_progress,
                        &[("done", &done.to_string()), ("all", &all.to_string())]
                    )
                ),
                Role::Base,
                Priority::Keep,
            );
        }
        if d.help > 0 {
            let help = fill(
                cx.words.attendance.detail_help,
                &[("help", &d.help.to_string())],
            );
            text.push(help, Role::Base, Priority::Useful);
        }
        if !d.hardest.is_empty() {
            text.push(t.detail_hardest, Role::Title, Priority::Keep);
            for s in &d.hardest {
                let at = (s.pack_id.as_str(), s.lesson_id.as_str(), s.step_id.as_str());
                let line = fill(
                    t.detail_step_line,
                    &[
                        (
                            "lesson",
                            &lesson_name(cx.lib, cx.lang, &s.pack_id, &s.lesson_id),
                        ),
                        (
                            "step",
                            &step_number(cx.lib, &s.pack_id, &s.lesson_id, &s.step_id),
                        ),
                        ("wrong", &s.wrong.to_string()),
                        ("answers", &s.answers.to_string()),
                    ],
                );
                text.push(format!("✗ {line}"), Role::NotYet, Priority::Keep);
                let asked = step_say(cx.lib, cx.lang, at);
                if !asked.is_empty() {
                    text.push(
                        format!("  {}", fill(term.detail_asked, &[("text", &asked)])),
                        Role::Base,
                        Priority::Keep,
                    );
                }
                if !s.wrong_answers.is_empty() {
                    let answers = answers_line(cx, at, &s.wrong_answers);
                    text.push(
                        format!(
                            "  {}",
                            fill(term.detail_their_answers, &[("answers", &answers)])
                        ),
                        Role::Base,
                        Priority::Keep,
                    );
                }
            }
        }
        text.push(t.detail_lessons, Role::Title, Priority::Keep);
        for l in &d.lessons {
            let status = if l.completions > 0 {
                format!(
                    "✓ {}",
                    crate::screens::common::stars(l.completions.min(3) as u8)
                )
            } else if l.runs > 0 {
                t.in_progress.to_string()
            } else {
                cx.words.not_started.to_string()
            };
            let line = fill(
                t.detail_lesson_line,
                &[
                    (
                        "lesson",
                        &lesson_name(cx.lib, cx.lang, &l.pack_id, &l.lesson_id),
                    ),
                    ("status", &status),
                    ("runs", &l.runs.to_string()),
                    ("wrong", &l.wrong.to_string()),
                    ("time", &duration(cx, l.time_ms)),
                ],
            );
            text.push(line, Role::Base, Priority::Keep);
        }
        text
    }
}

/// "[####------]": `done` of `all` as a bar `width` cells wide, drawn with characters every
/// terminal draws one cell wide; the number is always written beside it.
pub fn bar(done: usize, all: usize, width: usize) -> String {
    let filled = (done * width).checked_div(all).unwrap_or(0).min(width);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

impl Layer for Detail {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Answer(Answer::Detail(d)) => {
                self.detail = Some(d);
                Outcome::none()
            }
            Action::Back | Action::Confirm => Outcome::back(),
            Action::Up | Action::PageUp | Action::Home => {
                self.top = match action {
                    Action::Up => self.top.saturating_sub(1),
                    Action::PageUp => self.top.saturating_sub(8),
                    _ => 0,
                };
                Outcome::none()
            }
            Action::Down | Action::PageDown => {
                self.top += if action == Action::Down { 1 } else { 8 };
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let keys = page::with_paging(
            cx,
            vec![
                Key::new(w.key_esc, w.word_back, Some(Action::Back)),
                Key::new(w.key_arrows, w.word_move, None),
            ],
        );
        let title = self
            .detail
            .as_ref()
            .map(|d| name(cx, &d.learner))
            .unwrap_or_default();
        let body = page::render(cx, buf, area, &title, "", &keys, hits);
        let fitted = self
            .text(cx)
            .fit(body.width, u16::MAX, crate::settings::TextSize::Normal);
        let top = self.top.min(fitted.rows.len().saturating_sub(1));
        let shown = textblock::Fitted {
            rows: fitted.rows[top..].to_vec(),
            ..fitted
        };
        textblock::draw(cx, buf, body, &shown);
    }
}
