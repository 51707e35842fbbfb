//! A judge exercise (a message, a call, a page): safe or suspicious, then which sign gives it
//! away. A right verdict records nothing yet: the sign is asked for next, and the answer is the
//! two together.

use super::{Feedback, Pick, Player, VERDICTS, judged, pick, right_answer_cursor};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Choice, Step, Verdict};

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    verdict: Verdict,
    signs: &[Choice],
    right: usize,
    action: Action,
) -> Outcome {
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
                Outcome::none()
            }
            Pick::Chosen(pos) => p.record(
                cx,
                step,
                judged(false),
                format!("verdict:{}", VERDICTS[pos].as_str()),
            ),
            Pick::NothingHighlighted => p.nothing_chosen(),
            Pick::Nothing => Outcome::none(),
        };
    }
    match pick(&mut p.cursor, signs.len(), &action) {
        Pick::Chosen(pos) => {
            let i = p.shuffle[pos];
            let response = format!("{}:{}", verdict.as_str(), signs[i].id);
            p.record(cx, step, judged(i == right), response)
        }
        Pick::NothingHighlighted => p.nothing_chosen(),
        Pick::Nothing => Outcome::none(),
    }
}
