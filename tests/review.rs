//! Review between classes (复习), told as a learner's weeks on a real store: a step they needed
//! help with comes back the next day as a short review, then 3 and 7 days later while they get
//! it right at once, the next day again when they need help, and never once it is learned. The
//! schedule is only ever derived from the events: a restart, or the records taken to another
//! computer as xAPI, give the same one. The clock is the test's (`Io::fixed_now`), in Beijing
//! time.

use crate::common;

use common::{Harness, render};
use time::macros::{datetime, offset};
use time::{Duration, OffsetDateTime};
use zhulao::app::Action;
use zhulao::content::{Exercise, Library};
use zhulao::lang::Lang;
use zhulao::progress::review::{MAX_REVIEW_STEPS, REVIEW_LESSON};
use zhulao::progress::{Event, Outcome, Progress, Reviews, Verb};
use zhulao::screens::Screen;
use zhulao::screens::player::Feedback;

/// 10:00 in Beijing on the class's first day, plus `days`.
fn day(days: i64) -> OffsetDateTime {
    datetime!(2026-03-02 10:00 +8) + Duration::days(days)
}

/// A harness whose clock is at `day(days)` in Beijing.
fn on_day(mut h: Harness, days: i64) -> Harness {
    h.io.utc_offset = offset!(+8);
    h.set_time(day(days));
    h
}

/// The first class: a new numbered learner opens the test lesson on day 0.
fn first_class(lib: Library, lang: Lang) -> Harness {
    let mut h = on_day(Harness::new(lib, lang), 0);
    h.open_first_lesson();
    h
}

/// Answers the current step wrong once, then right.
fn needs_help(h: &mut Harness) {
    let wrong = h.wrong_answer();
    assert!(
        !wrong.is_empty(),
        "{} cannot be answered wrong",
        h.step_id()
    );
    h.acts(&wrong);
    assert_eq!(h.player().wrong, 1, "{}", h.step_id());
    let right = h.right_answer();
    h.acts(&right);
    // A step with a "why" waits for the learner to go on.
    if h.screen() == "Player" && h.player().feedback == Feedback::Right {
        h.act(Action::Confirm);
    }
}

/// Answers right up to step `id`, which the learner then needs help with.
fn help_with(h: &mut Harness, id: &str) {
    while h.step_id() != id {
        let a = h.right_answer();
        h.acts(&a);
    }
    needs_help(h);
}

/// The learner comes back on another day: zhulao restarted, the learner picks their name.
fn come_back(h: Harness, days: i64) -> Harness {
    let id = learner_id(&h);
    let mut h = on_day(h.restart(), days);
    // Every restart starts the same sequence of ids: a new one for each day keeps the runs of
    // different days apart.
    h.io.store.repeatable_ids(1000 + days as u64 * 7919);
    h.act(Action::Confirm);
    h.pick_learner(&id);
    assert_eq!(h.screen(), "Packs");
    h
}

fn learner_id(h: &Harness) -> String {
    h.app
        .session
        .learner
        .as_ref()
        .expect("signed in")
        .id
        .clone()
}

fn events(h: &Harness) -> Vec<Event> {
    h.store().events_for(&learner_id(h)).unwrap()
}

fn screen_text(h: &Harness) -> String {
    render(&h.app, &h.io.lib, 80, 24).0
}

/// On the pack list: does the first pack say a review is due, and of how many?
fn pack_says_due(h: &Harness) -> Option<String> {
    assert_eq!(h.screen(), "Packs");
    let text = screen_text(h);
    let at = text.find("复习 ")?;
    Some(
        text[at..]
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// From the pack list: the first pack's lessons, then the review entry (the first).
fn start_review(h: &mut Harness) {
    h.act(Action::Select(0));
    match &h.app.screen {
        Screen::Lessons(l) => assert!(l.review, "the review entry is highlighted"),
        other => panic!("on {}", other.name()),
    }
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "Player", "{}", screen_text(h));
    assert!(h.player().review.is_some(), "a review run");
}

/// Answers every step of a review right, to its end screen; returns how many it went over.
fn review_all_right(h: &mut Harness) -> usize {
    start_review(h);
    h.finish_lesson();
    match &h.app.screen {
        Screen::Complete(c) => c.reviewed.expect("the end of a review"),
        other => panic!("on {}", other.name()),
    }
}

/// Day 0: the learner needs help on "open-app" and finishes the lesson.
fn helped_on_open_app(lang: Lang) -> Harness {
    let mut h = first_class(common::fixture_library(), lang);
    help_with(&mut h, "open-app");
    h.finish_lesson();
    h.act(Action::Back).act(Action::Back);
    h
}

#[test]
fn a_step_the_learner_needed_help_with_comes_back_the_next_day_not_the_same_day() {
    let mut h = helped_on_open_app(Lang::Zh);
    assert_eq!(pack_says_due(&h), None, "nothing due the same day");
    h.act(Action::Select(0));
    assert!(!screen_text(&h).contains("复习"), "no review entry today");

    let mut h = come_back(h, 1);
    assert_eq!(pack_says_due(&h).as_deref(), Some("复习 1 题"));
    h.act(Action::Select(0));
    let text = screen_text(&h);
    let review = text.find("复习：1 题").expect("the review entry");
    let lesson = text.find("每种练习").expect("the lesson");
    assert!(review < lesson, "the review comes first:\n{text}");
    h.act(Action::Confirm);
    assert_eq!(h.step_id(), "open-app");
    assert!(screen_text(&h).contains("第 1 题 / 共 1 题"));
}

#[test]
fn a_review_is_recorded_as_a_run_and_brings_the_step_back_three_days_later() {
    let h = helped_on_open_app(Lang::Zh);
    let mut h = come_back(h, 1);
    let before = events(&h).len();
    assert_eq!(review_all_right(&mut h), 1);
    let review: Vec<Event> = events(&h).split_off(before);
    let run = &review[0].registration;
    let what: Vec<(Verb, &str, Option<&str>, &str)> = review
        .iter()
        .map(|e| {
            assert_eq!(&e.registration, run, "one run");
            let step = e.step.as_ref().map(|s| s.step_id.as_str());
            (e.verb, e.lesson_id.as_str(), step, e.pack_id.as_str())
        })
        .collect();
    assert_eq!(
        what,
        [
            (Verb::Attempted, REVIEW_LESSON, None, "demo"),
            (Verb::Answered, "all-kinds", Some("open-app"), "demo"),
            (Verb::Completed, REVIEW_LESSON, None, "demo"),
        ]
    );
    let answer = review[1].step.as_ref().unwrap();
    assert_eq!(
        (answer.outcome, answer.attempt),
        (Some(Outcome::Correct), 1)
    );
    assert!(screen_text(&h).contains("复习完了"));

    // The lesson itself: finished once, as before.
    let progress = Progress::from_events(&events(&h));
    assert_eq!(progress.lesson("demo", "all-kinds").completions, 1);

    for days in [2, 3] {
        let h2 = come_back(h, days);
        assert_eq!(pack_says_due(&h2), None, "day {days}");
        h = h2;
    }
    let h = come_back(h, 4);
    assert_eq!(pack_says_due(&h).as_deref(), Some("复习 1 题"));
}

/// Day 1: the learner needs help again with "open-app", in its review.
fn helped_again_in_the_review() -> Harness {
    let h = helped_on_open_app(Lang::Zh);
    let mut h = come_back(h, 1);
    start_review(&mut h);
    needs_help(&mut h);
    assert_eq!(h.screen(), "Complete");
    h
}

#[test]
fn needing_help_in_a_review_brings_the_step_back_the_next_day() {
    let h = helped_again_in_the_review();
    let h = come_back(h, 2);
    assert_eq!(pack_says_due(&h).as_deref(), Some("复习 1 题"));
}

#[test]
fn after_three_good_reviews_the_step_never_comes_back() {
    let mut h = helped_on_open_app(Lang::Zh);
    // Due on day 1, then 3 days after it, then 7 days after that.
    for (days, next) in [(1, 4), (4, 11), (11, 0)] {
        h = come_back(h, days);
        assert_eq!(
            pack_says_due(&h).as_deref(),
            Some("复习 1 题"),
            "day {days}"
        );
        assert_eq!(review_all_right(&mut h), 1, "day {days}");
        if next > 0 {
            let early = come_back(h, next - 1);
            assert_eq!(pack_says_due(&early), None, "the day before day {next}");
            h = early;
        }
    }
    for days in [12, 30, 365] {
        h = come_back(h, days);
        assert_eq!(pack_says_due(&h), None, "day {days}");
    }
    // Needing help with it in the lesson again starts it over.
    h.act(Action::Select(0)).act(Action::Select(0));
    help_with(&mut h, "open-app");
    h.act(Action::Back).act(Action::Back);
    let h = come_back(h, 366);
    assert_eq!(pack_says_due(&h).as_deref(), Some("复习 1 题"));
}

#[test]
fn a_review_goes_over_every_kind_of_step_from_its_lessons_including_judge() {
    let phone = common::phone_library();
    let mut kinds = Vec::new();
    let mut h = first_class(phone, Lang::Zh);
    for _ in 0..50 {
        if h.screen() != "Player" {
            break;
        }
        if matches!(h.step().exercise, Exercise::Read) {
            let a = h.right_answer();
            h.acts(&a);
            continue;
        }
        kinds.push(h.step().exercise.kind());
        needs_help(&mut h);
    }
    assert!(
        kinds.contains(&zhulao::content::StepKind::Judge),
        "{kinds:?}"
    );
    h.act(Action::Back).act(Action::Back);

    // At most MAX_REVIEW_STEPS in one run; the rest in the next day's.
    let mut day = 1;
    let mut h = come_back(h, day);
    let mut answered = Vec::new();
    while answered.len() < kinds.len() {
        assert!(pack_says_due(&h).is_some(), "day {day}: {answered:?}");
        let before = events(&h).len();
        let n = review_all_right(&mut h);
        assert_eq!(n, (kinds.len() - answered.len()).min(MAX_REVIEW_STEPS));
        answered.extend(events(&h)[before..].iter().filter_map(|e| e.step.clone()));
        day += 1;
        h = come_back(h, day);
    }
    assert_eq!(day, 4, "three runs of at most {MAX_REVIEW_STEPS}");
    assert_eq!(
        answered.iter().map(|s| s.step_kind).collect::<Vec<_>>(),
        kinds,
        "each step once, right at the first try, in course order"
    );
    assert!(answered.iter().all(|s| s.attempt == 1));
}

#[test]
fn steps_whose_lesson_or_step_was_removed_are_left_out_never_a_panic() {
    let h = helped_on_open_app(Lang::Zh);
    // The centre's pack changes: the step is gone from the lesson.
    let mut h = come_back(h, 1);
    let lesson = &mut h.io.lib.packs[0].lessons[0];
    lesson.steps.retain(|s| s.id != "open-app");
    assert_eq!(pack_says_due(&h), None);
    h.act(Action::Select(0));
    assert!(!screen_text(&h).contains("复习"));
    render(&h.app, &h.io.lib, 40, 12);
    // Then the whole lesson.
    let mut h = come_back(h, 2);
    h.io.lib.packs[0].lessons.retain(|l| l.id != "all-kinds");
    assert_eq!(pack_says_due(&h), None);
    h.act(Action::Select(0));
    assert!(!screen_text(&h).contains("复习"));
}

#[test]
fn review_answers_count_for_their_lesson_but_leave_its_resume_step_and_stars_alone() {
    // Day 0: help with "open-app", then the lesson is left at "safe-code" (step 3 of 7).
    let mut h = first_class(common::fixture_library(), Lang::Zh);
    help_with(&mut h, "open-app");
    assert_eq!(h.step_id(), "safe-code");
    h.act(Action::Back).act(Action::Back);

    let mut h = come_back(h, 1);
    review_all_right(&mut h);
    h.act(Action::Back);
    assert!(
        screen_text(&h).contains("第 3 步 / 共 7 步"),
        "{}",
        screen_text(&h)
    );
    let rows = h.store().class(None, "2026-03-03T02:00:00.000Z").unwrap();
    assert_eq!(
        (rows[0].lessons_done, rows[0].stars),
        (0, 0),
        "a review is no lesson"
    );
    // The lesson carries on where it was.
    h.act(Action::Select(0));
    assert_eq!(h.step_id(), "safe-code");
    h.finish_lesson();
    assert_eq!(h.earned_stars(), 1);
}

#[test]
fn a_restart_rebuilds_the_same_schedule_from_the_events_alone() {
    let h = helped_again_in_the_review();
    let live = h.app.session.reviews.clone();
    let h = come_back(h, 1);
    assert_eq!(h.app.session.reviews, live, "after a restart");
    let folded = Reviews::from_events(&events(&h), offset!(+8), day(1).date());
    assert_eq!(folded, live, "from the events alone");
}

#[test]
fn review_runs_travel_in_an_xapi_export_and_give_the_same_schedule_there() {
    let h = helped_on_open_app(Lang::Zh);
    let mut h = come_back(h, 1);
    review_all_right(&mut h);
    let id = learner_id(&h);
    let file = h.dir.path().join("class.jsonl");
    let library = common::fixture_library();
    zhulao::records::xapi::export::export(
        h.store(),
        &library,
        &file,
        "https://centre.example",
        None,
    )
    .unwrap();

    let there = tempfile::tempdir().unwrap();
    let mut store = zhulao::progress::Store::open(there.path()).unwrap();
    let report = zhulao::records::xapi::import::import_file(&mut store, &library, &file).unwrap();
    assert!(!report.has_problems(), "{report:?}");
    let mut here = events(&h);
    let mut moved = store.events_for(&id).unwrap();
    here.sort_by(|a, b| a.id.cmp(&b.id));
    moved.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(moved, here, "every event, the review's too");
    assert!(moved.iter().any(|e| e.lesson_id == REVIEW_LESSON));
    for days in [1, 3, 4] {
        let today = day(days).date();
        assert_eq!(
            Reviews::from_events(&moved, offset!(+8), today),
            Reviews::from_events(&here, offset!(+8), today),
            "day {days}"
        );
    }
}

// Snapshots, as in tests/screens.rs: 80×24 and 40×12, Chinese and English.

fn snap(name: &str, h: &Harness) {
    for (suffix, text) in common::in_each_language(&h.app, &h.io.lib, &[(80, 24), (40, 12)]) {
        insta::assert_snapshot!(format!("{name}_{suffix}"), text);
    }
}

#[test]
fn snapshots_of_a_review_from_the_pack_list_to_its_end() {
    // Two steps needing help, so the counter shows "1 of 2".
    let mut h = first_class(common::fixture_library(), Lang::Zh);
    help_with(&mut h, "open-app");
    help_with(&mut h, "amount");
    h.finish_lesson();
    h.act(Action::Back).act(Action::Back);
    let mut h = come_back(h, 1);
    snap("packs_review_due", &h);
    h.act(Action::Select(0));
    snap("lessons_review_due", &h);
    h.act(Action::Confirm);
    snap("player_review_step", &h);
    h.finish_lesson();
    snap("review_done", &h);
}

#[test]
fn the_course_with_questions_due_is_the_one_highlighted_and_the_list_says_how_many() {
    // The phone pack first and never opened; the review is due in the second.
    let mut lib = common::phone_library();
    let mut packs = common::fixture_library().packs;
    packs[0].order = 5;
    let fixture = packs[0].id.clone();
    lib.merge(packs);
    let at = lib.packs.iter().position(|p| p.id == fixture).unwrap();
    assert!(at > 0, "the fixture's course comes after the phone's");
    let mut h = on_day(Harness::new(lib, Lang::Zh), 0);
    h.act(Action::Confirm);
    h.act(Action::Select(zhulao::screens::learners::NEW_NUMBERED));
    h.act(Action::Select(at)).act(Action::Select(0));
    assert_eq!(h.screen(), "Player");
    help_with(&mut h, "open-app");
    h.finish_lesson();
    h.act(Action::Back).act(Action::Back);

    let h = come_back(h, 1);
    match &h.app.screen {
        Screen::Packs(p) => assert_eq!(
            p.cursor, at,
            "the course with the review, not the first unfinished"
        ),
        other => panic!("on {}", other.name()),
    }
    assert!(
        screen_text(&h).contains("今天有 1 题要复习。"),
        "{}",
        screen_text(&h)
    );
    // Another day with nothing due: the first unfinished course, and no such line.
    let h = come_back(h, 0);
    match &h.app.screen {
        Screen::Packs(p) => assert_eq!(p.cursor, 0),
        other => panic!("on {}", other.name()),
    }
    assert!(!screen_text(&h).contains("要复习"), "{}", screen_text(&h));
}

#[test]
fn a_step_back_alone_in_a_review_says_where_it_comes_from_and_what_was_happening() {
    let mut h = first_class(common::starter_library(), Lang::Zh);
    h.go_to("hold-talk");
    needs_help(&mut h);
    h.act(Action::Back).act(Action::Back);

    let mut h = come_back(h, 1);
    start_review(&mut h);
    assert_eq!(h.step_id(), "hold-talk");
    // (The words column, its wrapped lines joined.)
    let text: String = screen_text(&h)
        .lines()
        .map(|l| {
            l.split(['│', '╭', '╰'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect();
    assert!(
        text.contains("复习：来自“示范：每一种练习”：在微信群里，准备发语音"),
        "{text}"
    );
}
