//! A judge exercise (a message, a call, a page): safe or suspicious, then which sign gives it
//! away. A right verdict records nothing yet: the sign is asked for next, and the answer is the
//! two together. A wrong verdict, and a wrong sign, are answered with their own reason when the
//! lesson gives one.

use super::{Feedback, Pick, Player, VERDICTS, judged, pick, right_answer_cursor};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Choice, Step, Verdict};
use crate::lang::Text;

/// What a judge step asks: its verdict, its signs (one right), and what to say to the other
/// verdict.
pub(super) struct Judged<'a> {
    pub verdict: Verdict,
    pub signs: &'a [Choice],
    pub right: usize,
    pub wrong_verdict: Option<&'a Text>,
}

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    judge: Judged,
    action: Action,
) -> Outcome {
    let Judged {
        verdict,
        signs,
        right,
        wrong_verdict,
    } = judge;
    if !p.verdict_done {
        return match pick(&mut p.cursor, VERDICTS.len(), &action) {
            Pick::Chosen(pos) if VERDICTS[pos] == verdict => {
                p.verdict_done = true;
                p.cursor = if p.wrong >= 2 {
                    right_answer_cursor(step, p)
                } else {
                    None
                };
                p.feedback = Feedback::None;
                p.praise = false;
                p.explain = None;
                Outcome::none()
            }
            Pick::Chosen(pos) => {
                p.explain = wrong_verdict.cloned();
                p.record(
                    cx,
                    step,
                    judged(false),
                    format!("verdict:{}", VERDICTS[pos].as_str()),
                )
            }
            Pick::NothingHighlighted => p.nothing_chosen(),
            Pick::Nothing => Outcome::none(),
        };
    }
    match pick(&mut p.cursor, signs.len(), &action) {
        Pick::Chosen(pos) => {
            let i = p.shuffle[pos];
            let response = format!("{}:{}", verdict.as_str(), signs[i].id);
            p.explain = signs[i].why.clone().filter(|_| i != right);
            p.record(cx, step, judged(i == right), response)
        }
        Pick::NothingHighlighted => p.nothing_chosen(),
        Pick::Nothing => Outcome::none(),
    }
}
