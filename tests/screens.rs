//! Every screen, snapshotted at the smallest supported size (40×12, a kiosk with a huge font)
//! and at 80×24, in Chinese and English. The snapshots are plain text: focus shows as » and a
//! thick border, right and wrong as ✓ and ✗, so they show what a learner sees without colour.

mod common;

use common::{Harness, render};
use zhulao::app::{Action, Effect};
use zhulao::lang::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn snap(name: &str, h: &Harness) {
    let mut app = h.app.clone();
    for lang in [Lang::Zh, Lang::En] {
        app.session.settings.lang = lang;
        for (w, ht) in SIZES {
            let (text, _) = render(&app, &h.lib, w, ht);
            let tag = match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            };
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{ht}"), text);
        }
    }
}

fn lesson_at(step: &str) -> Harness {
    Harness::at_step(Lang::Zh, step)
}

#[test]
fn welcome() {
    snap("welcome", &Harness::fixture(Lang::Zh));
}

#[test]
fn quit_question() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Back);
    snap("quit", &h);
}

#[test]
fn who_is_learning() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm);
    snap("learners_empty", &h);
    h.act(Action::Select(0));
    for c in "王阿姨".chars() {
        h.act(Action::Type(c));
    }
    snap("new_learner_typed", &h);
    h.act(Action::Confirm).act(Action::Back);
    h.act(Action::Select(2)).act(Action::Back);
    h.act(Action::Down);
    snap("learners_two", &h);
}

#[test]
fn new_learner_with_nothing_typed() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm)
        .act(Action::Select(0))
        .act(Action::Confirm);
    snap("new_learner_empty", &h);
}

#[test]
fn packs_and_lessons_show_progress() {
    let mut h = lesson_at("safe-code");
    h.act(Action::Back).act(Action::Back);
    snap("packs", &h);
    h.act(Action::Confirm);
    snap("lessons_in_progress", &h);
    h.act(Action::Confirm);
    h.finish_lesson();
    h.act(Action::Back);
    snap("lessons_one_done", &h);
}

#[test]
fn player_read() {
    snap("player_read", &lesson_at("intro"));
}

#[test]
fn player_tap_with_escalating_help() {
    let mut h = lesson_at("open-app");
    snap("player_tap", &h);
    h.act(Action::Select(0));
    snap("player_tap_wrong_once", &h);
    h.act(Action::Select(0));
    snap("player_tap_pointed", &h);
    h.act(Action::Help);
    snap("player_help", &h);
}

#[test]
fn player_choice() {
    let mut h = lesson_at("safe-code");
    snap("player_choice_praised", &h);
    h.act(Action::Select(1));
    snap("player_choice_right_why", &h);
}

#[test]
fn player_order() {
    let mut h = lesson_at("call-order");
    let pos = h.player().shuffle.iter().position(|&x| x == 0).unwrap();
    h.act(Action::Select(pos));
    snap("player_order_one_placed", &h);
}

#[test]
fn player_digits() {
    let mut h = lesson_at("amount");
    h.acts(&[Action::Digit(2), Action::Digit(0)]);
    snap("player_digits_typed", &h);
}

#[test]
fn player_list_screen_tap() {
    snap("player_tap_list", &lesson_at("next"));
}

#[test]
fn lesson_complete() {
    let mut h = lesson_at("done");
    h.finish_lesson();
    snap("complete", &h);
}

#[test]
fn a_failed_save_says_so_plainly() {
    let mut h = lesson_at("open-app");
    let effects = zhulao::app::update(&mut h.app, &h.lib, Action::Select(2), 5);
    let Some(Effect::Record(draft)) = effects.into_iter().next() else {
        panic!("no record effect")
    };
    zhulao::app::update(
        &mut h.app,
        &h.lib,
        Action::StoreFailed {
            message: "could not save or read progress: database or disk is full".into(),
            retry: Effect::Record(draft),
        },
        6,
    );
    snap("save_failed", &h);
}

#[test]
fn too_small_asks_for_a_bigger_window() {
    let h = Harness::fixture(Lang::Zh);
    let (text, hits) = h.render(39, 12);
    insta::assert_snapshot!("too_small_39x12", text);
    assert!(
        hits.areas().is_empty(),
        "nothing is tappable on the too-small screen"
    );
    let (text, _) = h.render(40, 11);
    assert!(text.contains("请放大窗口") && text.contains("Please enlarge the window"));
}

#[test]
fn a_real_terminal_draw_matches_the_buffer_draw() {
    let h = lesson_at("open-app");
    assert_eq!(
        common::terminal_text(&h.app, &h.lib, 80, 24),
        h.render(80, 24).0
    );
}

#[test]
fn big_terminals_keep_a_readable_centred_page() {
    // An instructor's monitor rather than a kiosk: the page stays at most 104 columns wide.
    for step in ["open-app", "safe-code", "amount"] {
        let h = lesson_at(step);
        let (text, hits) = h.render(160, 45);
        insta::assert_snapshot!(format!("wide_{step}_zh_160x45"), text);
        assert!(
            hits.areas()
                .iter()
                .all(|(r, _)| r.x >= 28 && r.right() <= 132)
        );
    }
}
