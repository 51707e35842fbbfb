//! A tap exercise: find the element on the phone screen and tap it. The arrow keys move a
//! highlight over what can be tapped (two to a row on a home screen), Enter or a number key or
//! a tap on the screen answers.

use super::{Player, is_move, judged};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Layout, Step};

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    target: usize,
    action: Action,
) -> Outcome {
    let Some(lesson) = p.lesson(cx.lib) else {
        return Outcome::none();
    };
    let screen = &lesson.screens[step.screen.unwrap_or(0)];
    let tappable = screen.tappable();
    let row = if screen.layout == Layout::Grid { 2 } else { 1 };
    match p.cursor.and_then(|c| tappable.iter().position(|&i| i == c)) {
        // The first arrow key shows the highlight, on the first item.
        None if is_move(&action) => {
            p.cursor = tappable.first().copied();
            return Outcome::none();
        }
        Some(pos) if is_move(&action) => {
            let to = match action {
                Action::Left | Action::Prev => pos.saturating_sub(1),
                Action::Right | Action::Next => pos + 1,
                Action::Up => pos.saturating_sub(row),
                _ => pos + row,
            };
            p.cursor = Some(tappable[to.min(tappable.len() - 1)]);
            return Outcome::none();
        }
        _ => {}
    }
    let tapped = match action {
        Action::Confirm => match p.cursor {
            Some(c) => Some(c),
            None => return p.nothing_chosen(),
        },
        Action::Select(i) if tappable.contains(&i) => Some(i),
        _ => None,
    };
    match tapped {
        Some(i) => {
            p.cursor = Some(i);
            let id = screen.items[i].id.clone();
            p.record(cx, step, judged(i == target), id)
        }
        None => Outcome::none(),
    }
}
