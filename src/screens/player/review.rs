//! A review run in the player: the due steps of a pack (`progress::review`), each shown with its
//! own lesson's phone screen and played by the same rules and help as in its lesson. The run is
//! recorded as a run of the pack's review pseudo-lesson (its start and its end); each answer
//! carries its own step's pack, lesson and step ids, with the review's registration.

use super::{LessonAt, Player};
use crate::app::{Ctx, Effect, Outcome};
use crate::progress::review::{REVIEW_LESSON, ReviewStep};
use crate::progress::{Event, EventDraft, Verb};
use crate::screens::complete::Complete;
use crate::ui::ViewCx;
use crate::ui::words::fill;

/// The due steps a review run goes through, fixed when it starts, and which one is showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRun {
    pub steps: Vec<ReviewStep>,
    pub index: usize,
}

/// The start or the end of a review of pack `pack` (its index in the library).
fn draft(cx: &Ctx, pack: usize, verb: Verb, registration: Option<String>) -> Option<EventDraft> {
    Some(EventDraft {
        verb,
        learner_id: cx.session.learner.as_ref()?.id.clone(),
        registration,
        pack_id: cx.lib.packs.get(pack)?.id.clone(),
        lesson_id: REVIEW_LESSON.to_string(),
        step: None,
        stars: None,
        lang: cx.session.settings.lang,
    })
}

/// Starts a review of the pack's due steps: its start is recorded first (→ `started`). A review
/// left in the middle is not resumed but started again: what is still due is derived anew.
pub fn start(cx: &Ctx, pack: usize) -> Outcome {
    if cx.session.reviews.due_in(cx.lib, pack).is_empty() {
        return Outcome::none();
    }
    draft(cx, pack, Verb::Attempted, None)
        .map(|d| Outcome::effect(Effect::Record(d)))
        .unwrap_or_default()
}

/// A review's start has been recorded: the player on its first due step.
pub fn started(cx: &Ctx, event: &Event) -> Outcome {
    let Some(pack) = cx.lib.packs.iter().position(|p| p.id == event.pack_id) else {
        return Outcome::none();
    };
    let steps = cx.session.reviews.due_in(cx.lib, pack);
    let Some(&first) = steps.first() else {
        // Nothing is due after all: the lesson list stays.
        return Outcome::none();
    };
    let at = LessonAt {
        pack,
        lesson: first.lesson,
    };
    let mut player = Player::new(
        cx.lib,
        at,
        event.registration.clone(),
        first.step,
        0,
        cx.now.ms,
    );
    player.review = Some(ReviewRun { steps, index: 0 });
    Outcome::push(player)
}

/// On to the next due step, or the end of the review after the last.
pub(super) fn advance(p: &mut Player, cx: &Ctx, praise: bool) -> Outcome {
    let Some(run) = p.review.as_mut() else {
        return Outcome::none();
    };
    let Some(&next) = run.steps.get(run.index + 1) else {
        return finish(p, cx);
    };
    run.index += 1;
    p.at.lesson = next.lesson;
    p.reset_step(cx.lib, next.step, 0, cx.now.ms);
    p.praise = praise;
    Outcome::none()
}

/// Records the end of the review, with stars as for a lesson: one per review finished, up to
/// three.
fn finish(p: &Player, cx: &Ctx) -> Outcome {
    let Some(pack) = cx.lib.packs.get(p.at.pack) else {
        return Outcome::none();
    };
    let completions = cx
        .session
        .progress
        .lesson(&pack.id, REVIEW_LESSON)
        .completions;
    let Some(mut d) = draft(cx, p.at.pack, Verb::Completed, Some(p.registration.clone())) else {
        return Outcome::none();
    };
    d.stars = Some((completions + 1).min(3) as u8);
    Outcome::effect(Effect::Record(d))
}

/// The end of the review is recorded: the complete screen, saying how many were reviewed.
pub(super) fn completed(p: &Player, event: &Event) -> Outcome {
    let reviewed = p.review.as_ref().map_or(0, |r| r.steps.len());
    Outcome::replace(Complete::review(
        p.at.pack,
        event.stars.unwrap_or(1),
        reviewed,
    ))
}

/// The header and counter of a review step: "复习 › 每种练习", "第 2 题 / 共 5 题".
pub(super) fn heading(p: &Player, cx: &ViewCx) -> Option<(String, String)> {
    let run = p.review.as_ref()?;
    let lesson = p.lesson(cx.lib)?;
    let header = format!("{} › {}", cx.words.review.title, lesson.title.get(cx.lang));
    let counter = fill(
        cx.words.review.step_of,
        &[
            ("n", &(run.index + 1).to_string()),
            ("total", &run.steps.len().to_string()),
        ],
    );
    Some((header, counter))
}

#[cfg(test)]
mod tests {
    //! A review through `update`, with no database: `commit` plays the loop.

    use super::*;
    use crate::app::test_support::{app_in_lesson, commit, effects_of, library, now};
    use crate::app::{Action, update};
    use crate::progress::Reviews;
    use crate::screens::Screen;
    use time::macros::date;

    /// The test lesson's tap step answered wrong then right, then the learner a day later on
    /// the lesson list.
    fn a_day_later() -> (crate::content::Library, crate::app::App) {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(0), now(1));
        commit(&mut app, &lib, effects);
        let effects = update(&mut app, &lib, Action::Select(1), now(2));
        commit(&mut app, &lib, effects);
        assert_eq!(app.player().unwrap().step, 1);
        // `commit` stamps events on 29 November 2026 (UTC).
        let reviews = std::mem::take(&mut app.session.reviews);
        assert!(reviews.due_in(&lib, 0).is_empty(), "a new learner's today");
        let events = lesson_events(&app);
        app.session.reviews =
            Reviews::from_events(&events, time::UtcOffset::UTC, date!(2026 - 11 - 30));
        update(&mut app, &lib, Action::Back, now(3));
        assert_eq!(app.screen.name(), "Lessons");
        (lib, app)
    }

    /// The events `commit` made, rebuilt: enough for the schedule (a wrong answer to tap-b).
    fn lesson_events(app: &crate::app::App) -> Vec<Event> {
        use crate::content::StepKind;
        use crate::progress::{Outcome as Answer, StepAnswer};
        let learner = app.session.learner.clone().unwrap().id;
        vec![Event {
            id: "wrong".into(),
            verb: Verb::Answered,
            learner_id: learner,
            registration: "lesson-run".into(),
            pack_id: "p".into(),
            lesson_id: "l".into(),
            step: Some(StepAnswer {
                step_id: "tap-b".into(),
                step_kind: StepKind::Tap,
                outcome: Some(Answer::Wrong),
                attempt: 1,
                response: "a".into(),
                duration_ms: 0,
                timed: crate::progress::Timed::SinceLast,
                shown: None,
            }),
            stars: None,
            lang: crate::lang::Lang::Zh,
            at: "2026-11-29T10:00:00.000Z".into(),
            device_id: "device".into(),
        }]
    }

    #[test]
    fn a_review_records_its_start_and_end_under_the_review_and_answers_under_the_step() {
        let (lib, mut app) = a_day_later();
        let effects = update(&mut app, &lib, Action::Select(0), now(4));
        let [Effect::Record(start)] = &effects_of(&effects)[..] else {
            panic!("{effects:?}")
        };
        assert_eq!(
            (start.verb, start.lesson_id.as_str()),
            (Verb::Attempted, REVIEW_LESSON)
        );
        commit(&mut app, &lib, effects);
        let p = app.player().unwrap();
        assert_eq!(
            (p.at.lesson, p.step),
            (0, 0),
            "the tap step, in its own lesson"
        );
        let effects = update(&mut app, &lib, Action::Select(1), now(5));
        let [Effect::Record(answer)] = &effects_of(&effects)[..] else {
            panic!("{effects:?}")
        };
        assert_eq!(
            (
                answer.lesson_id.as_str(),
                answer.step.as_ref().unwrap().step_id.as_str()
            ),
            ("l", "tap-b")
        );
        let registration = app.player().unwrap().registration.clone();
        assert_eq!(answer.registration.as_deref(), Some(registration.as_str()));
        commit(&mut app, &lib, effects);
        match &app.screen {
            Screen::Complete(c) => assert_eq!((c.stars, c.reviewed), (1, Some(1))),
            other => panic!("on {}", other.name()),
        }
        assert_eq!(
            app.session.progress.lesson("p", REVIEW_LESSON).completions,
            1
        );
        assert_eq!(
            app.session
                .progress
                .lesson("p", "l")
                .current
                .as_ref()
                .map(|r| r.done_steps.len()),
            Some(1),
            "the lesson's own run is where it was"
        );
    }

    #[test]
    fn esc_in_a_review_goes_back_to_the_lessons_on_the_review_entry() {
        let (lib, mut app) = a_day_later();
        let effects = update(&mut app, &lib, Action::Select(0), now(4));
        commit(&mut app, &lib, effects);
        update(&mut app, &lib, Action::Back, now(5));
        match &app.screen {
            Screen::Lessons(l) => assert!(l.review),
            other => panic!("on {}", other.name()),
        }
    }
}
