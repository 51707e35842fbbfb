//! Drawing at every size from 1×1 to 200×60 never panics, on every kind of screen and at every
//! text size. Above the minimum, every tappable area lies inside the window and no two overlap.

mod common;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::lang::Lang;
use zhulao::settings::TextSize;

fn sweep(lang: Lang, size: TextSize, widths: std::ops::RangeInclusive<u16>) {
    let lib = common::fixture_library();
    for mut app in common::learner_states() {
        app.session.settings.lang = lang;
        app.session.settings.text_size = size;
        for w in widths.clone() {
            for h in 1..=60u16 {
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                let hits = zhulao::ui::draw(&app, &lib, buf.area, &mut buf);
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
