//! A tap exercise: find the element on the phone screen and tap it. The arrow keys move a
//! highlight over what can be tapped (two to a row on a home screen), Enter or a number key or
//! a tap on the screen answers. A wrong tap is explained when the lesson says why it is wrong,
//! or when zhulao can tell by itself (a greyed button, one waiting for its tick box).

use super::{Player, is_move, judged};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Layout, Screen, Step};
use crate::lang::Text;
use crate::ui::words::steps::{self, StepWords};

/// The phone screen of a step (tap, hold): `None` when the lesson has gone from the library.
pub(super) fn screen_of<'a>(
    p: &Player,
    lib: &'a crate::content::Library,
    step: &Step,
) -> Option<&'a Screen> {
    p.lesson(lib)
        .and_then(|l| l.screens.get(step.screen.unwrap_or(0)))
}

/// Moves the highlight over what can be tapped; returns true if `action` was such a move.
pub(super) fn moved(p: &mut Player, screen: &Screen, action: &Action) -> bool {
    let tappable = screen.tappable();
    if tappable.is_empty() || !is_move(action) {
        return false;
    }
    let row = if screen.layout == Layout::Grid { 2 } else { 1 };
    // Moving the highlight shows it: a long screen follows it again.
    p.scroll = None;
    p.cursor = Some(
        match p.cursor.and_then(|c| tappable.iter().position(|&i| i == c)) {
            // The first arrow key shows the highlight, on the first item.
            None => tappable[0],
            Some(pos) => {
                let to = match action {
                    Action::Left | Action::Prev => pos.saturating_sub(1),
                    Action::Right | Action::Next => pos + 1,
                    Action::Up => pos.saturating_sub(row),
                    _ => pos + row,
                };
                tappable[to.min(tappable.len() - 1)]
            }
        },
    );
    true
}

/// What a tap on item `i` that is not the answer means, if it can be said.
pub(super) fn why_wrong(screen: &Screen, i: usize, said: &[(usize, Text)]) -> Option<Text> {
    if let Some((_, why)) = said.iter().find(|(j, _)| *j == i) {
        return Some(why.clone());
    }
    let item = &screen.items[i];
    if item.works(screen) {
        return None;
    }
    Some(if item.needs.is_some() && !item.disabled {
        both(|w| w.needs_check)
    } else {
        both(|w| w.disabled)
    })
}

/// One of the player's words, in both languages (kept with the answer, shown in the learner's).
pub(super) fn both(pick: fn(&StepWords) -> &'static str) -> Text {
    Text::new(pick(&steps::ZH), pick(&steps::EN))
}

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    target: usize,
    wrong: &[(usize, Text)],
    action: Action,
) -> Outcome {
    let Some(screen) = screen_of(p, cx.lib, step) else {
        return Outcome::none();
    };
    if moved(p, screen, &action) {
        return Outcome::none();
    }
    let tapped = match action {
        Action::Confirm => match p.cursor {
            Some(c) => Some(c),
            None => return p.nothing_chosen(),
        },
        Action::Select(i) if screen.tappable().contains(&i) => Some(i),
        _ => None,
    };
    match tapped {
        Some(i) => {
            p.cursor = Some(i);
            p.explain = (i != target).then(|| why_wrong(screen, i, wrong)).flatten();
            let id = screen.items[i].id.clone();
            p.record(cx, step, judged(i == target), id)
        }
        None => Outcome::none(),
    }
}
