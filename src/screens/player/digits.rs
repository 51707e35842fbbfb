//! A digits exercise: a number, an amount or a code typed on the number keys or the on-screen
//! pad. A secret (a PIN), or anything typed on a bank's secure pad, is recorded as a fixed
//! mask: not even its length is kept.

use super::{Feedback, Player, SECRET_MASK, judged};
use crate::app::{Action, Ctx, Outcome};
use crate::content::Step;

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    answer: &str,
    secret: bool,
    action: Action,
) -> Outcome {
    match action {
        Action::Digit(d) if d <= 9 => {
            if p.typed.len() < crate::content::problems::MAX_DIGITS {
                p.typed.push(char::from(b'0' + d));
            }
            p.feedback = Feedback::None;
            Outcome::none()
        }
        Action::Delete => {
            p.typed.pop();
            Outcome::none()
        }
        Action::Confirm => {
            if p.typed.is_empty() {
                p.feedback = Feedback::NothingTyped;
                return Outcome::none();
            }
            let correct = p.typed == answer;
            let secure = p
                .lesson(cx.lib)
                .zip(step.screen)
                .is_some_and(|(l, s)| l.screens.get(s).is_some_and(|sc| sc.secure_pad));
            let response = if secret || secure {
                SECRET_MASK.to_string()
            } else {
                p.typed.clone()
            };
            p.record(cx, step, judged(correct), response)
        }
        _ => Outcome::none(),
    }
}
