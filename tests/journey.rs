//! The learner's journey as stories, driven through `update` and a real SQLite store (no
//! terminal): escalating help, saving every answer, resuming at the exact step, going back.

use crate::common;

use common::Harness;
use zhulao::app::Action;
use zhulao::content::Exercise;
use zhulao::lang::Lang;
use zhulao::progress::{Outcome, Verb};
use zhulao::screens::learners;
use zhulao::screens::new_learner::NameProblem;
use zhulao::screens::player::Feedback;

#[test]
fn a_learner_who_answers_wrong_twice_sees_the_target_pointed_at() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm); // intro
    assert_eq!(h.step_id(), "open-app");
    let wechat = 1;

    h.act(Action::Select(wechat));
    let p = h.player();
    assert_eq!((p.wrong, p.feedback), (1, Feedback::Wrong));
    assert!(
        !p.pointing(),
        "the first wrong answer gives the hint, not the answer"
    );
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("没关系"), "{screen}");
    assert!(
        screen.contains("它下面写着“微信读书”四个字。"),
        "the hint is shown:\n{screen}"
    );

    h.act(Action::Select(wechat));
    let p = h.player();
    assert!(p.pointing());
    assert_eq!(p.cursor, Some(2), "the highlight moves onto the target");
    // Wide enough that the sentence sits on one line.
    let (screen, _) = h.render(100, 30);
    assert!(
        screen.contains("» 就是黄框里的“微信读书”。按 3 或回车。"),
        "{screen}"
    );
    assert!(screen.contains("»3 微信读书"), "{screen}");

    // The learner can always go on: Enter taps what is pointed at.
    h.act(Action::Confirm);
    assert_eq!(h.step_id(), "safe-code");
    assert!(h.player().praise);
}

#[test]
fn every_answer_is_an_event_with_what_an_xapi_statement_needs() {
    let mut h = Harness::fixture(Lang::En);
    h.open_first_lesson();
    h.act(Action::Confirm)
        .act(Action::Select(0))
        .act(Action::Select(2));
    let learner = h.app.session.learner.clone().unwrap();
    let events = h.io.store.events_for(&learner.id).unwrap();
    let verbs: Vec<Verb> = events.iter().map(|e| e.verb).collect();
    assert_eq!(
        verbs,
        [
            Verb::Attempted,
            Verb::Experienced,
            Verb::Answered,
            Verb::Answered
        ]
    );
    let wrong = &events[2];
    let step = wrong.step.as_ref().unwrap();
    assert_eq!(
        (
            step.step_id.as_str(),
            step.outcome,
            step.attempt,
            step.response.as_str()
        ),
        ("open-app", Some(Outcome::Wrong), 1, "phone")
    );
    let right = events[3].step.as_ref().unwrap();
    assert_eq!((right.outcome, right.attempt), (Some(Outcome::Correct), 2));
    assert_eq!(
        (step.duration_ms, right.duration_ms),
        (1500, 1500),
        "each from the answer before it (or the step shown), on the app clock"
    );
    for e in &events {
        assert_eq!(e.id.len(), 36, "UUID statement id");
        assert_eq!(e.registration, events[0].id, "one registration per run");
        assert_eq!(
            (e.pack_id.as_str(), e.lesson_id.as_str()),
            ("demo", "all-kinds")
        );
        assert_eq!(e.learner_id, learner.id);
        assert_eq!(e.device_id, h.io.store.device_id());
        assert!(e.at.ends_with('Z') && e.at.contains('T'), "{}", e.at);
    }
}

#[test]
fn a_step_answered_three_times_counts_its_time_once() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm); // intro, 1.5 s
    // open-app: wrong, wrong, right, each 1.5 s after the one before: 4.5 s on the step.
    h.act(Action::Select(1))
        .act(Action::Select(1))
        .act(Action::Select(2));
    assert_eq!(h.step_id(), "safe-code");
    let learner = h.app.session.learner.clone().unwrap();
    let events = h.io.store.events_for(&learner.id).unwrap();
    let times: Vec<u64> = events
        .iter()
        .filter_map(|e| e.step.as_ref())
        .map(|s| s.duration_ms)
        .collect();
    assert_eq!(times, [1500, 1500, 1500, 1500]);
    let row = &h.io.store.class(None, "2026-11-02T02:00:00.000Z").unwrap()[0];
    assert_eq!(
        row.time_ms, 6000,
        "1.5 s on the intro and 4.5 s on open-app, not 1.5 + 3 + 4.5"
    );
    let detail = h.io.store.learner_detail(&learner.id).unwrap();
    assert_eq!(detail.lessons[0].time_ms, 6000);
}

#[test]
fn after_a_restart_the_learner_continues_at_the_exact_step() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm).act(Action::Select(2)); // intro, open-app
    h.act(Action::Select(1)); // safe-code: right answer, why shown
    assert_eq!(h.player().feedback, Feedback::Right);
    let learner = h.app.session.learner.clone().unwrap();

    let mut h = h.restart();
    h.act(Action::Confirm); // start
    h.pick_learner(&learner.id);
    assert_eq!(h.screen(), "Packs");
    h.act(Action::Confirm);
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("第 4 步 / 共 7 步"),
        "the lesson list shows the resume point:\n{screen}"
    );
    h.act(Action::Confirm);
    assert_eq!(h.step_id(), "call-order");
}

#[test]
fn esc_goes_back_one_level_at_a_time_and_loses_nothing() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm).act(Action::Select(2));
    let before = h.io.store.event_count().unwrap();
    h.act(Action::Back);
    assert_eq!(h.screen(), "Lessons");
    h.act(Action::Back);
    assert_eq!(h.screen(), "Packs");
    h.act(Action::Back);
    assert_eq!(h.screen(), "Learners");
    h.act(Action::Back);
    assert_eq!(h.screen(), "Welcome");
    assert_eq!(
        h.io.store.event_count().unwrap(),
        before,
        "going back records and deletes nothing"
    );
    // Esc at the top asks once; "no" stays, "yes" leaves.
    h.act(Action::Back);
    assert!(h.quit_asked() && !h.app.should_quit);
    h.act(Action::Back);
    assert!(!h.quit_asked());
    h.act(Action::Back).act(Action::Select(0));
    assert!(h.app.should_quit);
}

#[test]
fn the_quit_question_defaults_to_staying() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Quit);
    assert!(h.quit_asked());
    h.act(Action::Confirm);
    assert!(!h.app.should_quit && !h.quit_asked());
}

#[test]
fn a_choice_shows_why_after_the_right_answer_and_waits() {
    let mut h = Harness::fixture(Lang::En);
    h.open_first_lesson();
    h.act(Action::Confirm).act(Action::Select(2));
    // The first arrow shows the highlight on the first answer; more arrows move it to
    // "Refuse", wherever this run put it; Enter picks it.
    let refuse = h.player().shuffle.iter().position(|&i| i == 1).unwrap();
    h.act(Action::Down);
    for _ in 0..refuse {
        h.act(Action::Down);
    }
    assert_eq!(h.player().cursor, Some(refuse));
    h.act(Action::Confirm);
    assert_eq!(h.player().feedback, Feedback::Right);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("That's right!"), "{screen}");
    assert!(screen.contains("Banks and police never ask"), "{screen}");
    h.act(Action::Confirm);
    assert_eq!(h.step_id(), "call-order");
}

#[test]
fn an_order_exercise_is_built_by_number_and_can_be_undone() {
    let mut h = Harness::at_step(Lang::Zh, "call-order");
    let shuffle = h.player().shuffle.clone();
    let pos = |item: usize| shuffle.iter().position(|&x| x == item).unwrap();
    h.act(Action::Select(pos(0))).act(Action::Select(pos(2)));
    assert_eq!(h.player().placed, vec![0, 2]);
    h.act(Action::Delete);
    assert_eq!(h.player().placed, vec![0]);
    // Placing the same item twice does nothing.
    h.act(Action::Select(pos(0)));
    assert_eq!(h.player().placed, vec![0]);
    // A wrong full order counts as one wrong answer and starts again.
    h.act(Action::Select(pos(2))).act(Action::Select(pos(1)));
    let p = h.player();
    assert_eq!((p.wrong, p.placed.len()), (1, 0));
    h.act(Action::Select(pos(2)))
        .act(Action::Select(pos(0)))
        .act(Action::Select(pos(1)));
    let p = h.player();
    assert_eq!(p.wrong, 2);
    assert_eq!(
        p.cursor,
        Some(pos(0)),
        "after two wrong orders the first item is pointed at"
    );
    h.act(Action::Confirm);
    assert_eq!(h.player().cursor, Some(pos(1)), "then the next one");
    h.act(Action::Confirm).act(Action::Confirm);
    assert_eq!(h.step_id(), "amount");
}

#[test]
fn digits_are_typed_deleted_and_checked_and_empty_enter_gets_a_gentle_word() {
    let mut h = Harness::at_step(Lang::Zh, "amount");
    let before = h.io.store.event_count().unwrap();
    h.act(Action::Confirm);
    assert_eq!(h.player().feedback, Feedback::NothingTyped);
    assert_eq!(
        h.io.store.event_count().unwrap(),
        before,
        "an empty Enter is not an answer"
    );
    h.acts(&[
        Action::Digit(2),
        Action::Digit(0),
        Action::Digit(9),
        Action::Delete,
        Action::Digit(0),
    ]);
    assert_eq!(h.player().typed, "200");
    h.act(Action::Confirm);
    assert_eq!(h.step_id(), "next");
}

#[test]
fn two_wrong_digits_show_the_digits_to_press() {
    let mut h = Harness::at_step(Lang::En, "amount");
    assert_eq!(h.step_id(), "amount");
    h.acts(&[
        Action::Digit(5),
        Action::Confirm,
        Action::Digit(5),
        Action::Confirm,
    ]);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("» Press: 2 0 0"), "{screen}");
}

#[test]
fn finishing_gives_a_star_and_practising_gives_more_up_to_three() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.finish_lesson();
    assert_eq!(h.earned_stars(), 1);
    for expected in [2, 3, 3] {
        h.act(Action::Select(1)); // again
        h.finish_lesson();
        assert_eq!(h.earned_stars(), expected);
    }
    h.act(Action::Select(0)); // next lesson
    assert_eq!(h.screen(), "Player");
    assert_eq!(h.step_id(), "only");
}

#[test]
fn a_typed_name_becomes_a_learner_and_the_same_name_finds_them_again() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm);
    h.act(Action::Select(0)); // new: type a name
    assert_eq!(h.screen(), "NewLearner");
    h.act(Action::Confirm);
    assert_eq!(h.name_field().problem, Some(NameProblem::Empty));
    for c in "王阿姨".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "Packs");
    let id = h.app.session.learner.clone().unwrap().id;
    h.act(Action::Back); // learners
    h.act(Action::Select(learners::NEW_NAMED));
    for c in "王阿姨".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(
        h.app.session.learner.as_ref().unwrap().id,
        id,
        "no duplicate learner"
    );
    assert_eq!(h.io.store.learners().unwrap().len(), 1);
}

#[test]
fn a_name_that_shows_nothing_is_refused_kindly() {
    // A braille blank, a lone accent, an accent after a space: each would be a blank button.
    for typed in ["\u{2800}", "\u{0301}", " \u{0301}\u{0301}"] {
        let mut h = Harness::fixture(Lang::Zh);
        h.act(Action::Confirm).act(Action::Select(0));
        for c in typed.chars() {
            h.act(Action::Type(c));
        }
        h.act(Action::Confirm);
        assert_eq!(h.screen(), "NewLearner", "{typed:?}");
        assert_eq!(
            h.name_field().problem,
            Some(NameProblem::Invisible),
            "{typed:?}"
        );
        assert!(h.io.store.learners().unwrap().is_empty(), "{typed:?}");
    }
}

#[test]
fn a_name_longer_than_the_limit_is_refused_kindly() {
    let mut h = Harness::fixture(Lang::En);
    h.act(Action::Confirm).act(Action::Select(0));
    for c in "Abcdefghijklmnopqrstuvwxyz".chars() {
        h.act(Action::Type(c));
    }
    assert_eq!(
        h.name_field().input.chars().count(),
        zhulao::progress::MAX_NAME_CHARS
    );
    assert_eq!(h.name_field().problem, Some(NameProblem::TooLong));
}

#[test]
fn numbered_learners_count_up() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm).act(Action::Select(1));
    h.act(Action::Back);
    h.act(Action::Select(learners::NEW_NUMBERED));
    let numbers: Vec<Option<u32>> =
        h.io.store
            .learners()
            .unwrap()
            .iter()
            .map(|l| l.number)
            .collect();
    assert_eq!(numbers, [Some(2), Some(1)]);
    h.act(Action::Back);
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("学员 2") && screen.contains("学员 1"),
        "{screen}"
    );
}

#[test]
fn a_failed_save_keeps_the_learner_on_the_step_and_enter_retries() {
    use zhulao::app::{Effect, Request, receive, update};
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm);
    let requests = update(&mut h.app, &h.io.lib, Action::Select(2), h.now);
    let [
        Request {
            by,
            effect: effect @ Effect::Record(_),
        },
    ] = requests.as_slice()
    else {
        panic!("expected one record effect, got {requests:?}")
    };
    // The save fails: nothing moves on.
    receive(
        &mut h.app,
        &h.io.lib,
        *by,
        Action::StoreFailed {
            trouble: zhulao::progress::Trouble::DiskFull,
            retry: effect.clone(),
        },
        h.now,
    );
    assert_eq!(h.step_id(), "open-app");
    let (screen, _) = h.render(40, 12);
    assert!(screen.contains("没能保存"), "{screen}");
    // Enter retries the very same answer, for the same screen.
    let retry = update(&mut h.app, &h.io.lib, Action::Confirm, h.now);
    assert_eq!(retry, requests);
}

#[test]
fn help_shows_the_hint_without_counting_as_a_wrong_answer() {
    let mut h = Harness::fixture(Lang::En);
    h.open_first_lesson();
    h.act(Action::Confirm).act(Action::Help);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("Its name is written under it."), "{screen}");
    h.act(Action::Confirm);
    assert!(h.app.overlays().is_empty(), "Enter closes the help");
    assert_eq!(h.player().wrong, 0);
}

#[test]
fn arrows_move_the_highlight_over_the_grid_and_enter_taps() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm);
    assert_eq!(
        h.player().cursor,
        None,
        "nothing is highlighted until an arrow is pressed"
    );
    // Enter with nothing highlighted answers nothing, and says which keys choose.
    let events = h.io.store.event_count().unwrap();
    h.act(Action::Confirm);
    assert_eq!(h.io.store.event_count().unwrap(), events);
    assert_eq!(h.player().feedback, Feedback::NothingChosen);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("先选一个"), "{screen}");
    h.act(Action::Down);
    assert_eq!(
        h.player().cursor,
        Some(0),
        "the first arrow shows the highlight"
    );
    h.act(Action::Down);
    assert_eq!(
        h.player().cursor,
        Some(2),
        "down moves one row of two icons"
    );
    h.act(Action::Right).act(Action::Right);
    assert_eq!(
        h.player().cursor,
        Some(3),
        "the highlight stops at the last icon"
    );
    h.act(Action::Left).act(Action::Confirm);
    assert_eq!(h.step_id(), "safe-code");
}

#[test]
fn every_embedded_lesson_can_be_finished_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        for_each_built_in_lesson(lang, |h| {
            for (w, ht) in [(80, 24), (40, 12)] {
                let (screen, _) = h.render(w, ht);
                assert!(!screen.trim().is_empty());
            }
            h.finish_lesson();
        });
    }
}

/// The course as a centre teaches it: eight packs, forty lessons and more, each lesson long
/// enough and varied, compared with the real app (`checked`, `source`), the scam questions not
/// always "可疑", and every pack drawing the newer phone parts.
#[test]
fn the_embedded_course_is_a_whole_course() {
    use std::collections::HashSet;
    use zhulao::content::{Layout, Place, StepKind, Verdict};
    let library = zhulao::built_in::load_library(None).unwrap();
    let ids: Vec<&str> = library.packs.iter().map(|p| p.id.as_str()).collect();
    for required in [
        "basics",
        "wechat",
        "weread",
        "banking",
        "hospital",
        "travel",
        "antifraud",
        "payment",
    ] {
        assert!(ids.contains(&required), "{ids:?}");
    }
    let lessons: Vec<_> = library.packs.iter().flat_map(|p| &p.lessons).collect();
    let steps: usize = lessons.iter().map(|l| l.steps.len()).sum();
    assert!(lessons.len() >= 40, "{} lessons", lessons.len());
    assert!(steps >= 400, "{steps} steps");
    let mut kinds = HashSet::new();
    let mut verdicts = Vec::new();
    for pack in &library.packs {
        let mut new_parts = 0;
        for lesson in &pack.lessons {
            let at = format!("{}/{}", pack.id, lesson.id);
            assert!(lesson.steps.len() >= 8, "{at}");
            let own: HashSet<StepKind> = lesson.steps.iter().map(|s| s.exercise.kind()).collect();
            assert!(own.len() >= 3, "{at}: {own:?}");
            assert!(!lesson.checked.is_empty(), "{at}");
            assert!(
                lesson.source.as_deref().is_some_and(|s| !s.is_empty()),
                "{at}"
            );
            assert!(
                matches!(
                    lesson.steps.last().map(|s| &s.exercise),
                    Some(Exercise::Read)
                ),
                "{at} ends with a recap"
            );
            kinds.extend(own);
            for step in &lesson.steps {
                if let Exercise::Judge { verdict, .. } = &step.exercise {
                    verdicts.push(*verdict);
                }
            }
            new_parts += lesson
                .screens
                .iter()
                .filter(|s| {
                    matches!(s.layout, Layout::Scan | Layout::Face)
                        || s.sheet.is_some()
                        || s.code.is_some()
                        || s.side
                        || s.has(Place::Bar)
                        || s.items
                            .iter()
                            .any(|i| i.needs.is_some() || i.count.is_some())
                        || s.call
                            .as_ref()
                            .is_some_and(|c| c.state != zhulao::content::CallState::Incoming)
                })
                .count();
            new_parts += lesson
                .steps
                .iter()
                .filter(|s| {
                    matches!(
                        s.exercise.kind(),
                        StepKind::Swipe | StepKind::Hold | StepKind::Slide
                    )
                })
                .count();
        }
        assert!(
            new_parts > 0,
            "{} uses none of the newer phone parts",
            pack.id
        );
    }
    // The README's table of packs says what is built in.
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for pack in &library.packs {
        let steps: usize = pack.lessons.iter().map(|l| l.steps.len()).sum();
        let row = format!("| `{}` | {} | {} |", pack.id, pack.lessons.len(), steps);
        assert!(readme.contains(&row), "README: {row}");
    }
    assert_eq!(kinds.len(), StepKind::ALL.len(), "{kinds:?}");
    assert!(verdicts.len() >= 30, "{} judge steps", verdicts.len());
    for v in [Verdict::Safe, Verdict::Suspicious] {
        let n = verdicts.iter().filter(|x| **x == v).count();
        assert!(n >= 5, "{v:?}: {n}");
    }
}

#[test]
fn no_label_or_instruction_of_the_built_in_course_is_cut_short_at_any_text_size() {
    // An "…" the author wrote ("看清“您正在…”") is not a cut: the words before it are in a
    // lesson file with it.
    let mut written = String::new();
    let lessons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    for pack in std::fs::read_dir(&lessons).unwrap() {
        let pack = pack.unwrap().path();
        if pack.is_dir() {
            for file in std::fs::read_dir(pack).unwrap() {
                written += &std::fs::read_to_string(file.unwrap().path()).unwrap();
            }
        }
    }
    let authored = |line: &str| {
        line.match_indices('…').all(|(at, _)| {
            let before: String = line[..at]
                .chars()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            !before.trim().is_empty() && written.contains(&format!("{before}…"))
        })
    };
    for lang in [Lang::Zh, Lang::En] {
        let mut cut = Vec::new();
        for_each_built_in_lesson(lang, |h| {
            while h.screen() == "Player" {
                for size in zhulao::settings::TextSize::ALL {
                    h.app.session.settings.text_size = *size;
                    for (w, ht) in [(80, 24), (40, 12), (160, 50)] {
                        let (screen, _) = h.render(w, ht);
                        // The header may shorten a long lesson title; the body never cuts a word.
                        let body: Vec<&str> = screen.lines().skip(1).collect();
                        for line in body
                            .iter()
                            .filter(|line| line.contains('…') && !authored(line))
                        {
                            cut.push(format!(
                                "{lang:?} {size:?} {w}x{ht} {}: {}",
                                h.step_id(),
                                line.trim()
                            ));
                        }
                    }
                }
                let a = h.right_answer();
                h.acts(&a);
            }
        });
        cut.dedup();
        assert!(cut.is_empty(), "{}", cut.join("\n"));
    }
}

/// Runs `each` on a harness placed at the start of every built-in lesson in turn, in `lang`.
fn for_each_built_in_lesson(lang: Lang, mut each: impl FnMut(&mut Harness)) {
    let library = zhulao::built_in::load_library(None).unwrap();
    let lessons: Vec<(usize, usize)> = library
        .packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| (0..pack.lessons.len()).map(move |l| (p, l)))
        .collect();
    let mut h = Harness::new(library, lang);
    h.act(Action::Confirm).act(Action::Select(1));
    for (p, l) in lessons {
        // From "lesson complete" (or the start), Esc twice at most reaches the pack list.
        for _ in 0..2 {
            if h.screen() != "Packs" {
                h.act(Action::Back);
            }
        }
        assert_eq!(h.screen(), "Packs");
        h.act(Action::Select(p)).act(Action::Select(l));
        each(&mut h);
    }
}

#[test]
fn a_learners_settings_come_back_with_their_name_and_new_learners_start_from_the_machines() {
    use zhulao::settings::TextSize;
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm).act(Action::Select(1)); // 学员 1
    let first = h.app.session.learner.clone().unwrap();
    h.act(Action::TextBigger);
    assert_eq!(h.app.session.settings.text_size, TextSize::Big);
    h.act(Action::Back); // signed out: the machine's settings again
    assert_eq!(h.app.session.settings.text_size, TextSize::Normal);
    h.act(Action::Select(learners::NEW_NUMBERED)); // 学员 2 starts from the machine's settings
    assert_eq!(h.app.session.settings.text_size, TextSize::Normal);
    h.act(Action::Back);
    h.pick_learner(&first.id);
    assert_eq!(h.app.session.settings.text_size, TextSize::Big);

    let mut h = h.restart();
    h.act(Action::Confirm);
    h.pick_learner(&first.id);
    assert_eq!(
        h.app.session.settings.text_size,
        TextSize::Big,
        "kept in the database across a restart"
    );
}

#[test]
fn the_machines_settings_are_changed_from_the_welcome_screen_and_kept() {
    use zhulao::screens::{settings, welcome};
    use zhulao::settings::ThemeName;
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Select(welcome::SETTINGS));
    assert_eq!(h.screen(), "Settings");
    h.act(Action::Select(settings::THEME));
    h.act(Action::Select(settings::LANGUAGE));
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("Black on white"),
        "the change shows at once:\n{screen}"
    );
    h.act(Action::Back);
    assert_eq!(h.screen(), "Welcome");
    let h = h.restart();
    let s = h.app.session.settings;
    assert_eq!((s.theme, s.lang), (ThemeName::Light, Lang::En));
}

#[test]
fn a_name_with_an_invisible_or_emoji_character_is_refused_kindly() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm).act(Action::Select(0));
    for c in "王\u{200b}阿姨".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(h.name_field().problem, Some(NameProblem::Invisible));
    assert_eq!(h.screen(), "NewLearner", "nothing was added");
    let (screen, _) = h.render(40, 12);
    assert!(screen.contains("看不见的字符"), "{screen}");
    h.acts(&[
        Action::Delete,
        Action::Delete,
        Action::Delete,
        Action::Delete,
    ]);
    for c in "王阿姨😀".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(h.name_field().problem, Some(NameProblem::Emoji));
    assert!(h.io.store.learners().unwrap().is_empty());
}

#[test]
fn attempt_numbers_and_help_survive_leaving_the_lesson_and_a_restart() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    h.act(Action::Confirm); // intro
    h.act(Action::Select(0)); // open-app: wrong once
    // Leave and come back: the hint is still there, and the next answer is attempt 2.
    h.act(Action::Back).act(Action::Confirm);
    assert_eq!(h.step_id(), "open-app");
    assert_eq!(h.player().wrong, 1);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("它下面写着“微信读书”四个字。"), "{screen}");
    h.act(Action::Select(1)); // wrong again: pointed at
    let learner = h.app.session.learner.clone().unwrap();

    let mut h = h.restart();
    h.act(Action::Confirm);
    h.pick_learner(&learner.id);
    h.act(Action::Confirm).act(Action::Confirm);
    assert_eq!(h.step_id(), "open-app");
    let p = h.player();
    assert_eq!((p.wrong, p.pointing()), (2, true));
    assert_eq!(p.cursor, Some(2), "the highlight is on the answer again");
    h.act(Action::Confirm);
    let events = h.io.store.events_for(&learner.id).unwrap();
    let attempts: Vec<u32> = events
        .iter()
        .filter_map(|e| e.step.as_ref())
        .filter(|s| s.step_id == "open-app")
        .map(|s| s.attempt)
        .collect();
    assert_eq!(attempts, [1, 2, 3], "one run, attempts counted on");
}

#[test]
fn a_secret_code_is_recorded_as_a_fixed_mask_not_even_its_length() {
    let mut secrets = 0;
    for_each_built_in_lesson(Lang::Zh, |h| {
        h.finish_lesson();
        let learner = h.app.session.learner.clone().unwrap();
        let events = h.io.store.events_for(&learner.id).unwrap();
        for e in events {
            let Some(step) = e.step else { continue };
            let lesson =
                h.io.lib
                    .pack(&e.pack_id)
                    .and_then(|p| p.lesson(&e.lesson_id))
                    .unwrap();
            let s = lesson.steps.iter().find(|s| s.id == step.step_id).unwrap();
            if let Exercise::Digits { secret: true, .. } = s.exercise {
                assert_eq!(step.response, zhulao::screens::player::SECRET_MASK);
                secrets += 1;
            }
        }
    });
    assert!(secrets > 0, "the built-in course has a secret step");
}
