//! Drawing at every size from 1×1 to 200×60 never panics, on every kind of screen and at every
//! text size. Above the minimum, every tappable area lies inside the window and no two overlap.
//! The phone pack's steps (every part of a phone screen, the judge kind) and a review run are
//! drawn at a sample of those sizes (see `sampled`).

use crate::common;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::app::App;
use zhulao::content::Library;
use zhulao::lang::Lang;
use zhulao::settings::TextSize;

/// States drawn with one library, at the sizes `drawn_at` lets through.
struct Group {
    lib: Library,
    apps: Vec<App>,
    drawn_at: fn(u16, u16) -> bool,
}

/// The learner's screens on the test pack at every size; every step of the phone pack and a
/// review run at a sample of them (`sampled`).
fn groups() -> Vec<Group> {
    let (phone, phone_states) = common::phone_states();
    let (review, review_states) = common::review_states();
    vec![
        Group {
            lib: common::fixture_library(),
            apps: common::learner_states(),
            drawn_at: |_, _| true,
        },
        Group {
            lib: phone,
            apps: phone_states,
            drawn_at: sampled,
        },
        Group {
            lib: review,
            apps: review_states,
            drawn_at: sampled,
        },
    ]
}

/// The sizes the phone pack's steps and the review are drawn at: 2,800 of the 12,000. Sampled
/// they add about a minute to the sweep's two and a half (`cargo test`, 2 cores); at every size
/// they would add about four. Every size up to 60×24 (the small windows, where parts go from
/// boxes to single rows and the phone moves below the words or leaves), every width at 12, 24,
/// 36 and 60 rows, every height at 80, 100, 120, 160 and 200 columns, and a grid of every 7th
/// width by every 3rd height.
fn sampled(w: u16, h: u16) -> bool {
    (w <= 60 && h <= 24)
        || [12, 24, 36, 60].contains(&h)
        || [80, 100, 120, 160, 200].contains(&w)
        || (w.is_multiple_of(7) && h.is_multiple_of(3))
}

fn sweep(lang: Lang, size: TextSize, widths: std::ops::RangeInclusive<u16>) {
    for Group {
        lib,
        apps,
        drawn_at,
    } in groups()
    {
        for mut app in apps {
            app.session.settings.lang = lang;
            app.session.settings.text_size = size;
            for w in widths.clone() {
                for h in (1..=60u16).filter(|&h| drawn_at(w, h)) {
                    check(&app, &lib, size, w, h);
                }
            }
        }
    }
}

/// Draws `app` at `w`×`h`: no panic, every tappable area inside the window, none overlapping.
fn check(app: &App, lib: &Library, size: TextSize, w: u16, h: u16) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = zhulao::ui::draw(app, lib, buf.area, &mut buf);
    let areas = hits.areas();
    for (i, (r, _)) in areas.iter().enumerate() {
        assert!(
            r.right() <= w && r.bottom() <= h,
            "{} {w}x{h}: {r:?} outside",
            app.screen.name()
        );
        for (other, _) in &areas[i + 1..] {
            assert!(
                r.intersection(*other).is_empty(),
                "{} {size:?} {w}x{h}: {r:?} overlaps {other:?}",
                app.screen.name()
            );
        }
    }
}

#[test]
fn every_size_up_to_100_wide_in_chinese() {
    sweep(Lang::Zh, TextSize::Normal, 1..=100);
}

#[test]
fn every_size_from_101_wide_in_chinese() {
    sweep(Lang::Zh, TextSize::Normal, 101..=200);
}

#[test]
fn every_size_up_to_100_wide_in_english() {
    sweep(Lang::En, TextSize::Normal, 1..=100);
}

#[test]
fn every_size_from_101_wide_in_english() {
    sweep(Lang::En, TextSize::Normal, 101..=200);
}

#[test]
fn every_size_at_big_text_in_chinese() {
    sweep(Lang::Zh, TextSize::Big, 1..=200);
}

#[test]
fn every_size_at_big_text_in_english() {
    sweep(Lang::En, TextSize::Big, 1..=200);
}

#[test]
fn every_size_at_huge_text_in_chinese() {
    sweep(Lang::Zh, TextSize::Huge, 1..=200);
}

#[test]
fn every_size_at_huge_text_in_english() {
    sweep(Lang::En, TextSize::Huge, 1..=200);
}
