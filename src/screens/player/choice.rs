//! A choice exercise: two to four answers, shown shuffled, one right.

use super::{Pick, Player, judged, pick};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Choice, Step};

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    choices: &[Choice],
    right: usize,
    action: Action,
) -> Outcome {
    match pick(&mut p.cursor, choices.len(), &action) {
        Pick::Chosen(pos) => {
            let i = p.shuffle[pos];
            // A wrong choice is answered with its own reason, when the lesson gives one.
            p.explain = choices[i].why.clone().filter(|_| i != right);
            p.record(cx, step, judged(i == right), choices[i].id.clone())
        }
        Pick::NothingHighlighted => p.nothing_chosen(),
        Pick::Nothing => Outcome::none(),
    }
}
