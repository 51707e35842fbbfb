//! Checking one step of a lesson: that it has what its kind needs (a tap target on its screen,
//! exactly one right choice, 3–6 order items, an answer of digits) and nothing that belongs to
//! another kind, so a mistyped `kind` is caught early.

use super::model::*;
use super::problems::{Field, IdScope, MAX_DIGITS, Problems, text};
use super::raw::*;
use crate::lang::Text;

/// Checks a list of (id, text) entries — choices or order items — for unique ids, good texts
/// and a count within `allowed`.
fn labelled<T: Labelled>(
    p: &mut Problems,
    list: &toml::Spanned<Vec<toml::Spanned<T>>>,
    what: &'static str,
    allowed: std::ops::RangeInclusive<usize>,
) -> Option<Vec<(String, Text)>> {
    let mut ids = IdScope::new(what);
    let out: Vec<(String, Text)> = list
        .get_ref()
        .iter()
        .map(|entry| {
            let (id, t) = entry.get_ref().parts();
            (ids.claim(p, id), text(p, t, Field::Answer))
        })
        .collect();
    if !allowed.contains(&out.len()) {
        let step_kind = match what {
            "choice" => "a choice",
            "sign" => "a judge",
            _ => "an order",
        };
        p.at(
            list.span(),
            format!(
                "{step_kind} step needs {} to {} {what}s, found {}",
                allowed.start(),
                allowed.end(),
                out.len()
            ),
        );
        return None;
    }
    Some(out)
}

/// Reports a field that the step's kind does not use, so a typo'd kind is caught early.
fn forbid<T>(p: &mut Problems, field: &Option<toml::Spanned<T>>, name: &str, kind: StepKind) {
    if let Some(v) = field {
        p.at(
            v.span(),
            format!("`{name}` does not belong in a {} step", kind.as_str()),
        );
    }
}

pub(super) fn validate_step(
    p: &mut Problems,
    s: &toml::Spanned<RawStep>,
    screens: &[Screen],
    ids: &mut IdScope,
) -> Option<Step> {
    let raw = s.get_ref();
    let id = ids.claim(p, &raw.id);
    let Some(kind) = StepKind::parse(raw.kind.get_ref()) else {
        let names: Vec<&str> = StepKind::ALL.iter().map(|k| k.as_str()).collect();
        p.at(
            raw.kind.span(),
            format!(
                "unknown step kind '{}': use one of {}{}",
                raw.kind.get_ref(),
                names.join(", "),
                super::slips::did_you_mean(raw.kind.get_ref(), names.iter().copied())
            ),
        );
        return None;
    };
    let say = text(p, &raw.say, Field::Say);
    let hint = raw.hint.as_ref().map(|t| text(p, t, Field::Hint));
    let why = raw.why.as_ref().map(|t| text(p, t, Field::Why));
    if kind == StepKind::Read {
        forbid(p, &raw.hint, "hint", kind);
        forbid(p, &raw.why, "why", kind);
    } else if hint.is_none() {
        p.at(
            s.span(),
            format!(
                "step '{id}': a {} step needs a `hint` for learners who get stuck",
                kind.as_str()
            ),
        );
    }
    if matches!(kind, StepKind::Choice | StepKind::Judge) && why.is_none() {
        p.at(
            s.span(),
            format!(
                "step '{id}': a {} step needs `why`, one sentence explaining the answer",
                kind.as_str()
            ),
        );
    }
    let screen = match &raw.screen {
        None => None,
        Some(name) => match screens.iter().position(|sc| &sc.id == name.get_ref()) {
            Some(i) => Some(i),
            None => {
                p.at(
                    name.span(),
                    format!("no screen with id '{}' in this lesson", name.get_ref()),
                );
                return None;
            }
        },
    };
    if kind != StepKind::Tap {
        forbid(p, &raw.target, "target", kind);
        forbid(p, &raw.leads_to, "leads_to", kind);
    }
    if kind != StepKind::Judge {
        forbid(p, &raw.verdict, "verdict", kind);
        forbid(p, &raw.signs, "signs", kind);
    }
    let leads_to = match &raw.leads_to {
        None => None,
        Some(name) => match screens.iter().position(|sc| &sc.id == name.get_ref()) {
            Some(i) => Some(i),
            None => {
                p.at(
                    name.span(),
                    format!(
                        "`leads_to`: no screen with id '{}' in this lesson",
                        name.get_ref()
                    ),
                );
                None
            }
        },
    };
    if kind != StepKind::Choice {
        forbid(p, &raw.choices, "choices", kind);
    }
    if kind != StepKind::Order {
        forbid(p, &raw.items, "items", kind);
    }
    if kind != StepKind::Digits {
        forbid(p, &raw.answer, "answer", kind);
        forbid(p, &raw.secret, "secret", kind);
    }
    let exercise = match kind {
        StepKind::Read => Exercise::Read,
        StepKind::Tap => {
            let Some(screen) = screen else {
                p.at(s.span(), format!("step '{id}': a tap step needs `screen`"));
                return None;
            };
            let Some(target) = &raw.target else {
                p.at(
                    s.span(),
                    format!("step '{id}': a tap step needs `target`, the item to tap"),
                );
                return None;
            };
            let sc = &screens[screen];
            match sc.items.iter().position(|i| &i.id == target.get_ref()) {
                Some(i) if sc.tappable().contains(&i) => Exercise::Tap { target: i },
                Some(i) if sc.items[i].kind.is_tappable() => {
                    p.at(
                        target.span(),
                        format!(
                            "tap target '{}' is behind the pop-up on screen '{}'; while a pop-up shows, only its buttons can be tapped",
                            target.get_ref(),
                            sc.id
                        ),
                    );
                    return None;
                }
                Some(_) => {
                    p.at(
                        target.span(),
                        format!(
                            "tap target '{}' is plain text on screen '{}'; it cannot be tapped",
                            target.get_ref(),
                            sc.id
                        ),
                    );
                    return None;
                }
                None => {
                    p.at(
                        target.span(),
                        format!(
                            "tap target '{}' is not on screen '{}'",
                            target.get_ref(),
                            sc.id
                        ),
                    );
                    return None;
                }
            }
        }
        StepKind::Choice => {
            let Some(list) = &raw.choices else {
                p.at(
                    s.span(),
                    format!("step '{id}': a choice step needs `choices`"),
                );
                return None;
            };
            let choices: Vec<Choice> = labelled(p, list, "choice", 2..=4)?
                .into_iter()
                .map(|(id, text)| Choice { id, text })
                .collect();
            let right = one_right(p, list, "choice")?;
            Exercise::Choice { choices, right }
        }
        StepKind::Order => {
            let Some(list) = &raw.items else {
                p.at(
                    s.span(),
                    format!("step '{id}': an order step needs `items`, written in the right order"),
                );
                return None;
            };
            let items = labelled(p, list, "item", 3..=6)?
                .into_iter()
                .map(|(id, text)| OrderItem { id, text })
                .collect();
            Exercise::Order { items }
        }
        StepKind::Digits => {
            let Some(answer) = &raw.answer else {
                p.at(
                    s.span(),
                    format!("step '{id}': a digits step needs `answer`, like answer = \"123456\""),
                );
                return None;
            };
            let value = answer.get_ref();
            if value.is_empty()
                || value.len() > MAX_DIGITS
                || !value.chars().all(|c| c.is_ascii_digit())
            {
                p.at(
                    answer.span(),
                    format!("`answer` must be 1 to {MAX_DIGITS} digits 0-9, not '{value}'"),
                );
                return None;
            }
            Exercise::Digits {
                answer: value.clone(),
                secret: raw.secret.as_ref().is_some_and(|s| *s.get_ref()),
            }
        }
        StepKind::Judge => {
            if screen.is_none() {
                p.at(
                    s.span(),
                    format!(
                        "step '{id}': a judge step needs `screen`, the message, call or page to judge"
                    ),
                );
            }
            // Every problem in one run: the verdict and the signs are checked independently.
            let verdict = match &raw.verdict {
                None => {
                    p.at(
                        s.span(),
                        format!("step '{id}': a judge step needs `verdict = \"safe\"` or `verdict = \"suspicious\"`"),
                    );
                    None
                }
                Some(v) => {
                    let parsed = Verdict::parse(v.get_ref());
                    if parsed.is_none() {
                        p.at(
                            v.span(),
                            format!(
                                "`verdict` is \"safe\" or \"suspicious\", not '{}'",
                                v.get_ref()
                            ),
                        );
                    }
                    parsed
                }
            };
            let Some(list) = &raw.signs else {
                p.at(
                    s.span(),
                    format!(
                        "step '{id}': a judge step needs `signs`, what gives it away, one marked `right = true`"
                    ),
                );
                return None;
            };
            let signs: Vec<Choice> = labelled(p, list, "sign", 2..=4)?
                .into_iter()
                .map(|(id, text)| Choice { id, text })
                .collect();
            let right = one_right(p, list, "sign")?;
            let verdict_value = verdict?;
            screen?;
            Exercise::Judge {
                verdict: verdict_value,
                signs,
                right,
            }
        }
    };
    Some(Step {
        id,
        line: p.line_of(raw.id.span().start),
        say,
        hint,
        why,
        screen,
        leads_to,
        exercise,
    })
}

/// The one entry of a list marked `right = true`.
fn one_right(
    p: &mut Problems,
    list: &toml::Spanned<Vec<toml::Spanned<RawChoice>>>,
    what: &str,
) -> Option<usize> {
    let rights: Vec<usize> = (0..list.get_ref().len())
        .filter(|&i| list.get_ref()[i].get_ref().right)
        .collect();
    match rights.as_slice() {
        [right] => Some(*right),
        [] => {
            p.at(
                list.span(),
                format!("no {what} is marked right: add `right = true` to exactly one"),
            );
            None
        }
        _ => {
            p.at(
                list.span(),
                format!(
                    "{} {what}s are marked right; exactly one may be",
                    rights.len()
                ),
            );
            None
        }
    }
}
