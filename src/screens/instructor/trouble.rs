//! Trouble spots: for a group and a span of days, the steps where learners most often needed the
//! hint or the pointer — how many, what share, and the wrong answers they gave — so a volunteer
//! knows what to go over in the next class. D changes the days, G the group.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{lesson_name, step_number};
use crate::app::{Action, Answer, Ctx, Days, Effect, Layer, Outcome, Query};
use crate::content::{Exercise, Library};
use crate::lang::Lang;
use crate::progress::store::class::TroubleSpot;
use crate::progress::store::roster::Group;
use crate::ui::textblock::{self, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::page::{self, Key};
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Trouble {
    pub spots: Vec<TroubleSpot>,
    pub groups: Vec<Group>,
    pub group: Option<String>,
    pub days: Days,
    pub top: usize,
    pub loaded: bool,
}

impl Trouble {
    pub fn open(group: Option<String>, days: Days) -> Outcome {
        let query = Query::Trouble {
            group: group.clone(),
            days,
        };
        Outcome::push(Trouble {
            group,
            days,
            ..Trouble::default()
        })
        .with(Effect::Query(query))
    }

    fn query(&self) -> Query {
        Query::Trouble {
            group: self.group.clone(),
            days: self.days,
        }
    }

    fn text(&self, cx: &ViewCx) -> TextBlock {
        let t = cx.words.teacher;
        let mut text = TextBlock::new();
        if self.loaded && self.spots.is_empty() {
            text.push(t.trouble_none, Role::Base, Priority::Keep);
        }
        for (n, s) in self.spots.iter().enumerate() {
            let at = (s.pack_id.as_str(), s.lesson_id.as_str(), s.step_id.as_str());
            let say = step_say(cx.lib, cx.lang, at);
            text.push(
                format!(
                    "{}. {} · {}",
                    n + 1,
                    lesson_name(cx.lib, cx.lang, &s.pack_id, &s.lesson_id),
                    fill(
                        t.step_n,
                        &[(
                            "n",
                            &step_number(cx.lib, &s.pack_id, &s.lesson_id, &s.step_id)
                        )],
                    )
                ),
                Role::Title,
                Priority::Keep,
            );
            if !say.is_empty() {
                text.push(say, Role::Base, Priority::Keep);
            }
            let pct = crate::ui::figures::percent(u64::from(s.hint), u64::from(s.learners));
            text.push(
                fill(
                    t.trouble_hint,
                    &[
                        ("hint", &s.hint.to_string()),
                        ("n", &s.learners.to_string()),
                        ("pct", &pct.to_string()),
                        ("pointer", &s.pointer.to_string()),
                    ],
                ),
                Role::NotYet,
                Priority::Keep,
            );
            if !s.wrong_answers.is_empty() {
                text.push(
                    fill(
                        t.trouble_wrong,
                        &[("answers", &answers_line(cx, at, &s.wrong_answers))],
                    ),
                    Role::Base,
                    Priority::Keep,
                );
            }
            text.push("", Role::Base, Priority::Keep);
        }
        text
    }
}

fn days_name(cx: &ViewCx, days: Days) -> &'static str {
    let t = cx.words.teacher;
    match days {
        Days::Today => t.range_today,
        Days::Week => t.range_week,
        Days::Month => t.range_month,
        Days::All => t.range_all,
    }
}

/// Which step of which lesson: (pack id, lesson id, step id).
pub type StepRef<'a> = (&'a str, &'a str, &'a str);

/// What the step asked, so the volunteer recognises it.
pub fn step_say(lib: &Library, lang: Lang, (pack, lesson, step): StepRef) -> String {
    lib.pack(pack)
        .and_then(|p| p.lesson(lesson))
        .and_then(|l| l.steps.iter().find(|st| st.id == step))
        .map(|st| st.say.get(lang).to_string())
        .unwrap_or_default()
}

/// Wrong answers and how often each was given, in the words the learner saw:
/// "“微信” ×22  “电话” ×3".
pub fn answers_line(cx: &ViewCx, at: StepRef, answers: &[(String, u32)]) -> String {
    answers
        .iter()
        .map(|(r, n)| format!("“{}” ×{n}", answer_label(cx.lib, cx.lang, at, r)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// A recorded answer in the words the learner saw: the label tapped or chosen, the order of
/// items, or the digits typed — masked for a secret code or a secure pad, whatever the record
/// holds (another machine's may hold the digits).
pub fn answer_label(
    lib: &Library,
    lang: Lang,
    (pack, lesson, step): StepRef,
    response: &str,
) -> String {
    let Some(lesson) = lib.pack(pack).and_then(|p| p.lesson(lesson)) else {
        return response.to_string();
    };
    let Some(step) = lesson.steps.iter().find(|st| st.id == step) else {
        return response.to_string();
    };
    // A record from an older zhulao or another machine may hold a secret in clear.
    if lesson.answer_is_secret(step) && !response.is_empty() {
        return crate::screens::player::SECRET_MASK.to_string();
    }
    match &step.exercise {
        Exercise::Tap { .. } => step
            .screen
            .and_then(|i| lesson.screens[i].items.iter().find(|it| it.id == response))
            .map_or_else(|| response.to_string(), |it| it.label.get(lang).to_string()),
        Exercise::Choice { choices, .. } => choices
            .iter()
            .find(|c| c.id == response)
            .map_or_else(|| response.to_string(), |c| c.text.get(lang).to_string()),
        Exercise::Order { items } => response
            .split(',')
            .map(|id| {
                items
                    .iter()
                    .find(|i| i.id == id)
                    .map_or(id, |i| i.text.get(lang))
            })
            .collect::<Vec<_>>()
            .join(" → "),
        Exercise::Digits { secret, .. }
            if *secret
                || step
                    .screen
                    .is_some_and(|i| lesson.screens.get(i).is_some_and(|sc| sc.secure_pad)) =>
        {
            crate::screens::player::SECRET_MASK.to_string()
        }
        _ => response.to_string(),
    }
}

impl Layer for Trouble {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Answer(Answer::Trouble { spots, groups }) => {
                self.spots = spots;
                self.groups = groups;
                self.loaded = true;
                self.top = 0;
                Outcome::none()
            }
            Action::Back => Outcome::back(),
            Action::Letter('d') => {
                let i = Days::ALL.iter().position(|d| *d == self.days).unwrap_or(0);
                self.days = Days::ALL[(i + 1) % Days::ALL.len()];
                Outcome::effect(Effect::Query(self.query()))
            }
            Action::Letter('g') => {
                self.group = super::next_group(&self.groups, self.group.as_ref());
                Outcome::effect(Effect::Query(self.query()))
            }
            Action::Up => {
                self.top = self.top.saturating_sub(1);
                Outcome::none()
            }
            Action::Down => {
                self.top += 1;
                Outcome::none()
            }
            Action::PageUp => {
                self.top = self.top.saturating_sub(8);
                Outcome::none()
            }
            Action::PageDown => {
                self.top += 8;
                Outcome::none()
            }
            Action::Home => {
                self.top = 0;
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let t = w.teacher;
        let keys = page::with_paging(
            cx,
            vec![
                Key::new(w.key_esc, w.word_back, Some(Action::Back)),
                Key::new(t.key_range, t.word_range, Some(Action::Letter('d'))),
                Key::new(t.key_group, t.word_group, Some(Action::Letter('g'))),
                Key::new(w.key_arrows, w.word_move, None),
            ],
        );
        let group = super::group_name(cx, &self.groups, self.group.as_ref());
        let right = format!("{group} · {}", days_name(cx, self.days));
        let body = page::render(cx, buf, area, t.trouble_title, &right, &keys, hits);
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
