//! The steps that ask for more than a tap: a swipe (a drag across the phone, or the arrow key
//! the footer names), a press and hold (a long press by touch; by keys, the highlight and then
//! Space — a quick tap or Enter on it is explained), and moving a slider (← →, or a tap on its
//! track, then Enter).

use super::tap::{both, moved, screen_of};
use super::{Player, judged};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{Direction, Step};

pub(super) fn swipe(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    direction: Direction,
    action: Action,
) -> Outcome {
    let done = match action {
        Action::Swipe(d) => d,
        Action::Up => Direction::Up,
        Action::Down => Direction::Down,
        Action::Left => Direction::Left,
        Action::Right => Direction::Right,
        Action::Confirm => return p.nothing_chosen(),
        _ => return Outcome::none(),
    };
    p.explain = (done != direction).then(|| both(|w| w.swipe_wrong));
    p.record(
        cx,
        step,
        judged(done == direction),
        done.as_str().to_string(),
    )
}

pub(super) fn hold(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    target: usize,
    action: Action,
) -> Outcome {
    let Some(screen) = screen_of(p, cx.lib, step) else {
        return Outcome::none();
    };
    if moved(p, screen, &action) {
        return Outcome::none();
    }
    let tappable = screen.tappable();
    if let Action::Press(i) = action {
        p.pressing = tappable.contains(&i).then_some(i);
        return Outcome::none();
    }
    // (the item, whether it was held)
    let (item, held) = match action {
        Action::Hold(Some(i)) if tappable.contains(&i) => (i, true),
        Action::Hold(None) => match p.cursor {
            Some(i) => (i, true),
            None => return p.nothing_chosen(),
        },
        Action::Select(i) if tappable.contains(&i) => (i, false),
        Action::Confirm => match p.cursor {
            Some(i) => (i, false),
            None => return p.nothing_chosen(),
        },
        _ => return Outcome::none(),
    };
    p.cursor = Some(item);
    let right = held && item == target;
    p.explain = (item == target && !held).then(|| both(|w| w.hold_short));
    let id = &screen.items[item].id;
    let response = if held {
        format!("hold:{id}")
    } else {
        format!("tap:{id}")
    };
    p.record(cx, step, judged(right), response)
}

pub(super) fn slide(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    target: usize,
    want: u8,
    action: Action,
) -> Outcome {
    let (start, max) = p
        .lesson(cx.lib)
        .and_then(|l| l.screens.get(step.screen.unwrap_or(0)))
        .and_then(|s| s.items.get(target))
        .map_or((0, 0), |it| (it.level, it.max));
    match action {
        Action::Left | Action::Down => p.level = p.level.saturating_sub(1),
        Action::Right | Action::Up => p.level = (p.level + 1).min(max),
        Action::Level(k) => p.level = k.min(max),
        // Enter with the slider where it started answers nothing: it says what to do.
        Action::Confirm if p.level == start => return p.nothing_chosen(),
        Action::Confirm => {
            let level = p.level;
            p.explain = (level != want).then(|| {
                let fill = |s: &str| {
                    crate::ui::words::fill(
                        s,
                        &[("level", &level.to_string()), ("want", &want.to_string())],
                    )
                };
                let t = both(|w| w.slide_wrong);
                crate::lang::Text::new(fill(&t.zh), fill(&t.en))
            });
            return p.record(cx, step, judged(level == want), level.to_string());
        }
        _ => {}
    }
    p.feedback = super::Feedback::None;
    Outcome::none()
}
