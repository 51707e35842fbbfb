//! An order exercise: the steps of a task, shown shuffled, placed one after another; Backspace
//! takes the last one back. The answer is given when the last one is placed.

use super::{Feedback, Pick, Player, judged, pick, right_answer_cursor};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{OrderItem, Step};

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    items: &[OrderItem],
    action: Action,
) -> Outcome {
    let n = items.len();
    let chosen = match action {
        Action::Delete => {
            p.placed.pop();
            p.feedback = Feedback::None;
            None
        }
        other => match pick(&mut p.cursor, n, &other) {
            Pick::Chosen(pos) => Some(pos),
            Pick::NothingHighlighted => return p.nothing_chosen(),
            Pick::Nothing => None,
        },
    };
    let Some(pos) = chosen else {
        return Outcome::none();
    };
    let item = p.shuffle[pos];
    if p.placed.contains(&item) {
        return Outcome::none();
    }
    p.placed.push(item);
    p.feedback = Feedback::None;
    if p.placed.len() < n {
        // Point at the next one again if help is pointing.
        if p.wrong >= 2 {
            p.cursor = right_answer_cursor(step, p);
        }
        return Outcome::none();
    }
    let correct = p.placed.iter().enumerate().all(|(i, &v)| i == v);
    let response = p
        .placed
        .iter()
        .map(|&i| items[i].id.as_str())
        .collect::<Vec<_>>()
        .join(",");
    p.record(cx, step, judged(correct), response)
}
