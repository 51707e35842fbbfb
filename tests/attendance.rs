//! The teacher's term, as the bureau and the teacher see it: figures rounded and times shown by
//! one rule on the screens and in the report, attendance (days attended, class hours), who is
//! missing, wrong answers and help kept apart, one language per report, and the report written
//! where the teacher chooses.

use crate::common;

use common::Harness;
use zhulao::app::Action;
use zhulao::content::StepKind;
use zhulao::lang::Lang;
use zhulao::progress::{EventDraft, Learner, NewLearner, Outcome, StepAnswer, Store, Timed, Verb};
use zhulao::screens::instructor::home;

/// Starts a run of the test lesson at `at` and gives `answers` (step, right?, ms) one by one.
pub fn learn(store: &mut Store, learner: &Learner, at: &str, answers: &[(&str, bool, u64)]) {
    let draft = |verb, registration: Option<String>, step| EventDraft {
        verb,
        learner_id: learner.id.clone(),
        registration,
        pack_id: "demo".into(),
        lesson_id: "all-kinds".into(),
        step,
        stars: None,
        lang: Lang::Zh,
    };
    let start = store
        .record_at(&draft(Verb::Attempted, None, None), at)
        .unwrap();
    let mut attempt = 1;
    for (step, right, ms) in answers {
        let answer = StepAnswer {
            step_id: step.to_string(),
            step_kind: StepKind::Tap,
            outcome: Some(if *right {
                Outcome::Correct
            } else {
                Outcome::Wrong
            }),
            attempt,
            response: if *right { "weread" } else { "wechat" }.into(),
            duration_ms: *ms,
            timed: Timed::SinceLast,
            shown: None,
        };
        attempt = if *right { 1 } else { attempt + 1 };
        store
            .record_at(
                &draft(
                    Verb::Answered,
                    Some(start.registration.clone()),
                    Some(answer),
                ),
                at,
            )
            .unwrap();
    }
}

pub fn named(store: &mut Store, name: &str) -> Learner {
    store
        .add_learner(&NewLearner::Named(name.to_string()))
        .unwrap()
}

fn sign_in_as_teacher(h: &mut Harness) {
    h.act(Action::Instructor);
    for _ in 0..2 {
        for d in [2, 4, 6, 8, 1, 0] {
            h.act(Action::Digit(d));
        }
        h.act(Action::Confirm);
    }
    assert_eq!(h.screen(), "InstructorHome");
}

/// Six learners; one needed the hint once; the first learned for 48 seconds.
fn six_learners() -> Harness {
    let mut h = Harness::fixture(Lang::Zh);
    let at = "2026-11-02T02:00:00.000Z";
    for (i, name) in ["王秀英", "李桂兰", "张淑珍", "刘玉兰", "陈秀兰", "杨桂英"]
        .iter()
        .enumerate()
    {
        let l = named(&mut h.io.store, name);
        if i == 1 {
            learn(
                &mut h.io.store,
                &l,
                at,
                &[("open-app", false, 60_000), ("open-app", true, 60_000)],
            );
        } else if i == 0 {
            learn(&mut h.io.store, &l, at, &[("open-app", true, 48_000)]);
        } else {
            learn(&mut h.io.store, &l, at, &[("open-app", true, 120_000)]);
        }
    }
    h.set_time(time::macros::datetime!(2026-11-03 09:00 +8));
    h
}

#[test]
fn one_in_six_is_17_per_cent_on_the_trouble_spots_not_16() {
    let mut h = six_learners();
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::TROUBLE));
    h.act(Action::Letter('d')).act(Action::Letter('d')); // all time
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("1/6 人要看提示（17%）"), "{screen}");
}

#[test]
fn time_under_a_minute_is_under_a_minute_on_the_dashboard_not_zero() {
    let mut h = six_learners();
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    let (screen, _) = h.render(100, 30);
    let line = screen
        .lines()
        .find(|l| l.contains("王秀英"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("不到1分钟"), "{line}");
    assert!(!line.contains("0分钟"), "{line}");
    let line = screen.lines().find(|l| l.contains("李桂兰")).unwrap();
    assert!(line.contains("2分钟"), "{line}");
}
