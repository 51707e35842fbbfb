//! Lessons that teach: no graded step is answered by Enter alone, choices are shuffled per run
//! (kept on resume, recorded with the answer), the phone's real parts — top bar, tab bar,
//! pop-up, message banner, incoming call, secure pad — are drawn where the hints say and tapped
//! like the real ones, and a `judge` step asks "safe or suspicious?" and then for the sign.

use crate::common;

use common::{Harness, phone_library, render};
use zhulao::app::Action;
use zhulao::content::{Exercise, Library};
use zhulao::lang::Lang;
use zhulao::progress::{Outcome, Verb};
use zhulao::screens::player::{Feedback, VERDICTS};

fn phone_lesson(lang: Lang) -> Harness {
    let mut h = Harness::new(phone_library(), lang);
    h.open_first_lesson();
    h
}

/// The answers recorded so far in the current learner's record.
fn answers(h: &Harness) -> Vec<zhulao::progress::StepAnswer> {
    let learner = h.app.session.learner.clone().unwrap();
    h.io.store
        .events_for(&learner.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.verb == Verb::Answered)
        .filter_map(|e| e.step)
        .collect()
}

/// The phone's tappable parts on the frame just drawn (the footer's keys left out).
fn phone_taps(hits: &zhulao::ui::Hits) -> Vec<(ratatui::layout::Rect, usize)> {
    hits.areas()
        .iter()
        .filter_map(|(r, a)| match a {
            Action::Select(i) => Some((*r, *i)),
            _ => None,
        })
        .collect()
}

/// The answers recorded so far for one step.
fn answers_to(h: &Harness, step: &str) -> Vec<zhulao::progress::StepAnswer> {
    answers(h)
        .into_iter()
        .filter(|s| s.step_id == step)
        .collect()
}

fn graded(exercise: &Exercise) -> bool {
    !matches!(exercise, Exercise::Read)
}

/// Walks every lesson of `lib`, and on every graded step presses Enter three times before
/// answering it right: nothing may be recorded and the step must not move.
fn enter_alone_answers_nothing(lib: Library) -> usize {
    let lessons: Vec<(usize, usize)> = lib
        .packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| (0..pack.lessons.len()).map(move |l| (p, l)))
        .collect();
    let mut h = Harness::new(lib, Lang::Zh);
    h.act(Action::Confirm).act(Action::Select(1));
    let mut checked = 0;
    for (p, l) in lessons {
        for _ in 0..2 {
            if h.screen() != "Packs" {
                h.act(Action::Back);
            }
        }
        h.act(Action::Select(p)).act(Action::Select(l));
        while h.screen() == "Player" {
            if h.player().feedback == Feedback::None && graded(&h.step().exercise) {
                let before = answers(&h).len();
                let step = h.step_id();
                h.act(Action::Confirm)
                    .act(Action::Confirm)
                    .act(Action::Confirm);
                assert_eq!(answers(&h).len(), before, "Enter answered {step}");
                assert_eq!(h.step_id(), step);
                assert!(
                    matches!(
                        h.player().feedback,
                        Feedback::NothingChosen | Feedback::NothingTyped
                    ),
                    "{step}: Enter says which keys to use, got {:?}",
                    h.player().feedback
                );
                checked += 1;
            }
            let a = h.right_answer();
            h.acts(&a);
        }
    }
    checked
}

#[test]
fn enter_alone_answers_no_graded_step_of_the_built_in_course() {
    let checked = enter_alone_answers_nothing(zhulao::built_in::load_library(None).unwrap());
    assert!(
        checked >= 26,
        "every graded step of the course was tried: {checked}"
    );
}

#[test]
fn enter_alone_answers_no_step_of_the_phone_pack_either() {
    assert_eq!(enter_alone_answers_nothing(phone_library()), 22);
}

#[test]
fn a_learner_who_only_presses_enter_never_gets_past_the_first_graded_step() {
    let mut h = Harness::new(zhulao::built_in::load_library(None).unwrap(), Lang::Zh);
    h.open_first_lesson();
    for _ in 0..200 {
        h.act(Action::Confirm);
    }
    assert_eq!(h.screen(), "Player");
    assert!(graded(&h.step().exercise), "stopped at {}", h.step_id());
    assert!(answers(&h).is_empty(), "nothing was answered");
}

#[test]
fn choices_are_shuffled_per_run_kept_on_resume_and_recorded_with_the_answer() {
    // The test pack's choice step has three choices.
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    while !matches!(h.step().exercise, Exercise::Choice { .. }) {
        let a = h.right_answer();
        h.acts(&a);
    }
    let step = h.step_id();
    let first = h.player().shuffle.clone();
    let registration = h.player().registration.clone();

    // Leave the lesson and come back: the same run, the same order.
    h.act(Action::Back).act(Action::Confirm);
    assert_eq!(
        (h.step_id(), &h.player().registration),
        (step.clone(), &registration)
    );
    assert_eq!(h.player().shuffle, first, "same order after resume");
    // And after a restart of the program.
    let learner = h.app.session.learner.clone().unwrap();
    let mut h = h.restart();
    h.act(Action::Confirm).pick_learner(&learner.id);
    h.act(Action::Confirm).act(Action::Confirm);
    assert_eq!(h.step_id(), step);
    assert_eq!(h.player().shuffle, first, "same order after a restart");

    // The answer records the order it was chosen from.
    let a = h.right_answer();
    h.acts(&a);
    let answer = answers(&h).into_iter().find(|s| s.step_id == step).unwrap();
    let Exercise::Choice { choices, .. } = &h.io.lib.packs[0].lessons[0]
        .steps
        .iter()
        .find(|s| s.id == step)
        .unwrap()
        .exercise
    else {
        unreachable!()
    };
    let shown: Vec<&str> = first.iter().map(|&i| choices[i].id.as_str()).collect();
    assert_eq!(answer.shown.as_deref(), Some(shown.join(",").as_str()));

    // New runs of the lesson shuffle anew: over a few runs, more than one order appears.
    let mut orders = std::collections::HashSet::from([first]);
    for _ in 0..6 {
        h.finish_lesson();
        h.act(Action::Select(1)); // practise again: a new run
        assert_eq!(h.screen(), "Player");
        assert_ne!(h.player().registration, registration);
        while h.step_id() != step {
            let a = h.right_answer();
            h.acts(&a);
        }
        orders.insert(h.player().shuffle.clone());
    }
    assert!(orders.len() > 1, "every run had the same order: {orders:?}");
}

#[test]
fn a_judge_step_asks_safe_or_suspicious_then_the_sign_and_records_each_wrong_answer() {
    let mut h = phone_lesson(Lang::Zh);
    while h.step_id() != "judge-sms" {
        let a = h.right_answer();
        h.acts(&a);
    }
    let (screen, _) = h.render(80, 24);
    for part in [
        "106 9558",
        "icbc-vip.cc",
        "1 安全，可以相信",
        "2 可疑，要小心",
    ] {
        assert!(screen.contains(part), "{part}\n{screen}");
    }
    // "Safe" is wrong: recorded, with the hint.
    h.act(Action::Select(0));
    let last = answers_to(&h, "judge-sms").pop().unwrap();
    assert_eq!(
        (last.outcome, last.response.as_str(), last.attempt),
        (Some(Outcome::Wrong), "verdict:safe", 1)
    );
    // "Suspicious" is right, but nothing is recorded yet: the sign is asked next.
    h.act(Action::Select(1));
    assert_eq!(answers_to(&h, "judge-sms").len(), 1);
    assert!(h.player().verdict_done);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("陌生网址"), "{screen}");
    assert!(!screen.contains("安全，可以相信"), "{screen}");
    // A sign that is not the tell-tale one: wrong, and named in the record.
    let Exercise::Judge { signs, .. } = &h.step().exercise else {
        unreachable!()
    };
    let number = signs.iter().position(|s| s.id == "number").unwrap();
    let pos = h
        .player()
        .shuffle
        .iter()
        .position(|&i| i == number)
        .unwrap();
    h.act(Action::Select(pos));
    let last = answers(&h).pop().unwrap();
    assert_eq!(
        (last.outcome, last.response.as_str(), last.attempt),
        (Some(Outcome::Wrong), "suspicious:number", 2)
    );
    assert!(
        h.player().pointing(),
        "after two wrong answers the sign is pointed at"
    );
    h.act(Action::Confirm); // on the pointed-at sign
    let last = answers(&h).pop().unwrap();
    assert_eq!(
        (last.outcome, last.response.as_str()),
        (Some(Outcome::Correct), "suspicious:link")
    );
    assert_eq!(last.step_kind, zhulao::content::StepKind::Judge);
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("陌生网址是骗子的陷阱"),
        "the why follows: {screen}"
    );
}

#[test]
fn taps_land_on_tabs_back_buttons_and_pop_up_buttons_where_the_hints_say() {
    let mut h = phone_lesson(Lang::Zh);
    // Tab bar: "我" is the right-most tab, in the bottom rows of the phone.
    let (_, hits) = h.render(80, 24);
    let Exercise::Tap { target, .. } = h.step().exercise else {
        unreachable!()
    };
    let taps = phone_taps(&hits);
    let me = taps.iter().find(|(_, i)| *i == target).unwrap().0;
    assert!(
        taps.iter().all(|(r, _)| r.x <= me.x),
        "“我” is at the right"
    );
    assert!(
        me.bottom() >= 20 && me.height >= 3,
        "the bottom rows, a finger's height: {me:?}"
    );
    h.act(Action::Select(target));
    // The tap leads to the screen it opens on a real phone.
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("设置") && screen.contains("[开]"),
        "{screen}"
    );
    h.act(Action::Confirm);

    // The back button: top left, with its number.
    assert_eq!(h.step_id(), "back");
    let (screen, hits) = h.render(80, 24);
    let back = phone_taps(&hits)[0].0;
    assert!(back.x <= 43 && back.y <= 5, "{back:?}\n{screen}");
    assert!(screen.contains("1 ‹ 返回"), "{screen}");
    let a = h.right_answer();
    h.acts(&a);

    // A pop-up: only its buttons can be tapped; the book behind it cannot.
    assert_eq!(h.step_id(), "not-now");
    let (screen, hits) = h.render(80, 24);
    let taps = phone_taps(&hits);
    assert_eq!(taps.len(), 2, "{screen}");
    let book = h.io.lib.packs[0].lessons[0]
        .screens
        .iter()
        .find(|s| s.id == "vip")
        .unwrap();
    let book = book.items.iter().position(|i| i.id == "book").unwrap();
    assert!(taps.iter().all(|(_, i)| *i != book));
    h.act(Action::Select(book)); // the book behind the pop-up
    assert!(answers_to(&h, "not-now").is_empty(), "nothing happened");
    let Exercise::Tap { target, .. } = h.step().exercise else {
        unreachable!()
    };
    let later = taps.iter().find(|(_, i)| *i == target).unwrap().0;
    let join = taps.iter().find(|(_, i)| *i != target).unwrap().0;
    assert!(later.x < join.x, "“以后再说” at the left of the pop-up");
}

#[test]
fn an_incoming_call_has_hang_up_at_the_left_and_green_answer_at_the_right() {
    let mut h = phone_lesson(Lang::Zh);
    while h.step_id() != "answer" {
        let a = h.right_answer();
        h.acts(&a);
    }
    let Exercise::Tap { target, .. } = h.step().exercise else {
        unreachable!()
    };
    for (w, ht) in [(80, 24), (40, 12)] {
        let (screen, hits) = h.render(w, ht);
        assert!(
            screen.contains("儿子") && screen.contains("接听"),
            "{screen}"
        );
        let taps = phone_taps(&hits);
        assert_eq!(taps.len(), 2, "{screen}");
        let accept = taps.iter().find(|(_, i)| *i == target).unwrap().0;
        let decline = taps.iter().find(|(_, i)| *i != target).unwrap().0;
        assert!(
            decline.x < accept.x && decline.y == accept.y,
            "{w}x{ht}\n{screen}"
        );
        assert!(
            accept.bottom() + 2 >= ht - 3,
            "at the bottom of the phone: {accept:?}\n{screen}"
        );
    }
}

#[test]
fn the_secure_pad_says_so_and_the_code_is_recorded_as_a_mask() {
    let mut h = phone_lesson(Lang::Zh);
    while h.step_id() != "pay-code" {
        let a = h.right_answer();
        h.acts(&a);
    }
    for (w, ht) in [(80, 24), (40, 12)] {
        let (screen, _) = h.render(w, ht);
        assert!(screen.contains("安全键盘"), "{w}x{ht}: {screen}");
    }
    let a = h.right_answer();
    h.acts(&a);
    let last = answers(&h).pop().unwrap();
    assert_eq!(last.step_id, "pay-code");
    assert_eq!(last.response, zhulao::screens::player::SECRET_MASK);
    assert_eq!(h.screen(), "Complete");
}

fn snap(h: &Harness, name: &str) {
    for (w, ht) in [(80, 24), (40, 12)] {
        let (text, _) = render(&h.app, &h.io.lib, w, ht);
        insta::assert_snapshot!(format!("phone_{name}_{w}x{ht}"), text);
    }
}

/// Every step of the phone pack, at both sizes and in both languages: what a learner sees,
/// without colour (the open tab's thick bar, [开]/[关], ✉, the pop-up's double border).
#[test]
fn every_phone_part_on_screen() {
    for lang in [Lang::Zh, Lang::En] {
        let mut h = phone_lesson(lang);
        let tag = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        while h.screen() == "Player" {
            let step = h.step_id();
            if h.player().feedback == Feedback::Right {
                snap(&h, &format!("{step}-why_{tag}"));
            } else {
                snap(&h, &format!("{step}_{tag}"));
                if let Exercise::Judge { verdict, .. } = h.step().exercise {
                    // The second question too: the right verdict records nothing yet.
                    let v = VERDICTS.iter().position(|x| *x == verdict).unwrap();
                    h.act(Action::Select(v));
                    snap(&h, &format!("{step}-sign_{tag}"));
                }
            }
            let a = h.right_answer();
            h.acts(&a);
        }
    }
}

#[test]
fn without_colours_a_coloured_button_says_its_colour() {
    let mut h = phone_lesson(Lang::Zh);
    while h.step_id() != "answer" {
        let a = h.right_answer();
        h.acts(&a);
    }
    let (screen, _) = h.render(80, 24);
    assert!(
        !screen.contains("(绿色)"),
        "in colour, the colour shows itself: {screen}"
    );
    h.app.env.no_color = true;
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("(绿色)") && screen.contains("(红色)"),
        "{screen}"
    );
}

/// The text column: what the learner reads, with its lines joined (a sentence may wrap).
fn words_shown(h: &Harness) -> String {
    let (screen, _) = h.render(80, 24);
    let join = match h.app.session.settings.lang {
        Lang::Zh => "",
        Lang::En => " ",
    };
    screen
        .lines()
        .map(|l| {
            l.get(..l.char_indices().nth(40).map_or(l.len(), |(i, _)| i))
                .unwrap_or(l)
                .trim()
        })
        .collect::<Vec<_>>()
        .join(join)
}

#[test]
fn a_wrong_answer_is_explained_before_the_hint() {
    let mut h = Harness::new(common::starter_library(), Lang::Zh);
    h.open_first_lesson();

    // A tap on a likely wrong icon: the author's words for it, then the hint.
    h.go_to("open-wechat");
    let screen = h.step().screen.unwrap();
    let lesson = h.player().at.lesson(&h.io.lib).unwrap();
    let phone = lesson.screens[screen]
        .items
        .iter()
        .position(|i| i.id == "phone")
        .unwrap();
    h.act(Action::Select(phone));
    let shown = words_shown(&h);
    let (why, hint) = (
        shown.find("这是打电话的").expect(&shown),
        shown.find("第一排右边").expect(&shown),
    );
    assert!(why < hint, "the why comes first: {shown}");

    // A wrong choice: its own why.
    h.go_to("which-app");
    let camera = h.player().shuffle.iter().position(|&c| c == 1).unwrap();
    h.act(Action::Select(camera));
    assert_eq!(h.player().feedback, Feedback::Wrong);
    assert!(
        words_shown(&h).contains("相机是拍照的。"),
        "{}",
        words_shown(&h)
    );

    // After a wrong order, nothing is highlighted: Enter cannot place an item by accident.
    h.go_to("call-order");
    let shuffle = h.player().shuffle.clone();
    let pos = |item: usize| shuffle.iter().position(|&x| x == item).unwrap();
    h.act(Action::Select(pos(2)))
        .act(Action::Select(pos(1)))
        .act(Action::Select(pos(0)));
    assert_eq!(h.player().wrong, 1);
    assert_eq!(h.player().cursor, None);
    h.act(Action::Confirm);
    assert!(h.player().placed.is_empty(), "Enter placed nothing");

    // A judge step: the other verdict is explained; so is a wrong sign.
    h.go_to("scam-sms");
    let safe = VERDICTS
        .iter()
        .position(|v| *v == zhulao::content::Verdict::Safe)
        .unwrap();
    h.act(Action::Select(safe));
    assert!(
        words_shown(&h).contains("陌生号码发来网址"),
        "{}",
        words_shown(&h)
    );
    let suspicious = 1 - safe;
    h.act(Action::Select(suspicious));
    assert!(h.player().verdict_done);
    let number = h.player().shuffle.iter().position(|&s| s == 1).unwrap();
    h.act(Action::Select(number));
    assert!(
        words_shown(&h).contains("106 开头的号码，银行也会用"),
        "{}",
        words_shown(&h)
    );
}

#[test]
fn greyed_buttons_and_quick_taps_on_a_hold_are_explained_and_count_as_wrong() {
    let mut h = Harness::new(common::starter_library(), Lang::En);
    h.open_first_lesson();
    h.go_to("hold-talk");
    let talk = h.step().exercise.clone();
    let Exercise::Hold { target } = talk else {
        panic!("a hold step")
    };
    h.act(Action::Select(target));
    assert_eq!(h.player().wrong, 1);
    assert!(
        words_shown(&h).contains("That was a quick tap"),
        "{}",
        words_shown(&h)
    );
    h.act(Action::Hold(Some(target)));
    assert_ne!(h.step_id(), "hold-talk");

    h.go_to("tick-first");
    let lesson = h.player().at.lesson(&h.io.lib).unwrap();
    let next = lesson.screens[h.step().screen.unwrap()]
        .items
        .iter()
        .position(|i| i.id == "next")
        .unwrap();
    h.act(Action::Select(next));
    assert_eq!(h.player().wrong, 1);
    assert!(
        words_shown(&h).contains("tick “I agree” above first"),
        "{}",
        words_shown(&h)
    );
}
