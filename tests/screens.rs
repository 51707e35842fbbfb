//! Every screen, snapshotted at the smallest supported size (40×12, a kiosk with a huge font)
//! and at 80×24, in Chinese and English. The snapshots are plain text: focus shows as » and a
//! thick border, right and wrong as ✓ and ✗, so they show what a learner sees without colour.

use crate::common;

use common::{Harness, in_each_language, render};
use zhulao::app::{Action, Effect};
use zhulao::lang::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn snap(name: &str, h: &Harness) {
    for (suffix, text) in in_each_language(&h.app, &h.io.lib, &SIZES) {
        insta::assert_snapshot!(format!("{name}_{suffix}"), text);
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
    h.act(Action::Select(1)).act(Action::Back); // a numbered learner too
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
    let requests = zhulao::app::update(&mut h.app, &h.io.lib, Action::Select(2), h.now);
    let Some(zhulao::app::Request {
        by,
        effect: effect @ Effect::Record(_),
    }) = requests.into_iter().next()
    else {
        panic!("no record effect")
    };
    zhulao::app::receive(
        &mut h.app,
        &h.io.lib,
        by,
        Action::StoreFailed {
            trouble: zhulao::progress::Trouble::DiskFull,
            retry: effect,
        },
        h.now,
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
        common::terminal_text(&h.app, &h.io.lib, 80, 24),
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

/// The screens whose text grows with the text size, at 大字 and 特大 (normal size is above).
fn snap_text_sizes(name: &str, h: &Harness) {
    use zhulao::settings::TextSize;
    let mut app = h.app.clone();
    for size in [TextSize::Big, TextSize::Huge] {
        app.session.settings.text_size = size;
        for lang in [Lang::Zh, Lang::En] {
            app.session.settings.lang = lang;
            for (w, ht) in [(80, 24), (40, 12), (160, 50)] {
                let (text, _) = render(&app, &h.io.lib, w, ht);
                let tag = format!("{}_{}", size.as_str(), lang.as_str());
                insta::assert_snapshot!(format!("{name}_{tag}_{w}x{ht}"), text);
            }
        }
    }
}

#[test]
fn big_and_huge_text() {
    snap_text_sizes("size_player_read", &lesson_at("intro"));
    snap_text_sizes("size_player_tap", &lesson_at("open-app"));
    let mut h = lesson_at("amount");
    h.acts(&[Action::Digit(2), Action::Digit(0)]);
    snap_text_sizes("size_player_digits", &h);
    let mut h = lesson_at("done");
    h.finish_lesson();
    snap_text_sizes("size_complete", &h);
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Select(zhulao::screens::welcome::SETTINGS));
    snap_text_sizes("size_settings", &h);
}

#[test]
fn the_settings_screen() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Select(zhulao::screens::welcome::SETTINGS));
    snap("settings_machine", &h);
    let mut h = lesson_at("open-app");
    h.act(Action::Help);
    snap("player_help_with_settings", &h);
    h.act(Action::Select(zhulao::overlays::help::SETTINGS));
    h.act(Action::Down);
    snap("settings_learner", &h);
}

/// The cell where `needle` starts on the drawn screen.
fn cell_of(buf: &ratatui::buffer::Buffer, needle: &str) -> (u16, u16) {
    let text = common::buffer_text(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(i) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..i]);
            return (x as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

#[test]
fn every_theme_colours_text_focus_feedback_and_keys_from_its_palette() {
    use ratatui::style::Color;
    use zhulao::settings::ThemeName;
    use zhulao::ui::theme::{Rgb, Theme};
    let mut h = lesson_at("open-app");
    h.act(Action::Select(0)); // a wrong tap: "✗ not quite" and the hint, the tapped icon highlighted
    let rgb = |c: Rgb| Color::Rgb(c.0, c.1, c.2);
    for name in ThemeName::ALL {
        let mut app = h.app.clone();
        app.session.settings.theme = *name;
        let palette = *Theme::new(*name, false).palette().unwrap();
        let (buf, _) = common::render_buffer(&app, &h.io.lib, 80, 24);
        let check = |needle: &str, fg: Rgb, bg: Rgb| {
            let cell = &buf[cell_of(&buf, needle)];
            assert_eq!(
                (cell.fg, cell.bg),
                (rgb(fg), rgb(bg)),
                "{name:?}: {needle:?}"
            );
        };
        check("»1 电话", palette.focus_text, palette.focus_back);
        check("找到“微信读书”", palette.text, palette.background);
        check("✗ 不太对", palette.not_yet, palette.background);
        check("回车", palette.key_text, palette.key_back);
        check("练习课 ›", palette.title, palette.background);
    }
}

#[test]
fn without_colour_focus_is_shown_in_reverse_video() {
    use ratatui::style::{Color, Modifier};
    let mut h = lesson_at("open-app");
    h.act(Action::Down); // the highlight shows with the first arrow
    h.app.env.no_color = true;
    let (buf, _) = common::render_buffer(&h.app, &h.io.lib, 80, 24);
    let focus = &buf[cell_of(&buf, "»1 电话")];
    assert!(focus.modifier.contains(Modifier::REVERSED));
    let plain = &buf[cell_of(&buf, "找到“微信读书”")];
    assert!(!plain.modifier.contains(Modifier::REVERSED));
    for y in 0..24 {
        for x in 0..80 {
            let cell = &buf[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "({x},{y})"
            );
        }
    }
}

#[test]
fn finding_a_learner_by_number() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Confirm)
        .act(Action::Select(1))
        .act(Action::Back);
    h.act(Action::Select(zhulao::screens::learners::FIND));
    h.acts(&[Action::Digit(1), Action::Digit(2), Action::Confirm]);
    snap("find_learner_not_found", &h);
    h.acts(&[Action::Digit(1)]);
    snap("find_learner_typed", &h);
}
