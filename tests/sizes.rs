//! Drawing at every size never panics, on every kind of screen, in both languages and at every
//! text size. Above the minimum, something is drawn, at least one thing can be tapped, every
//! tappable area lies inside the window and no two overlap.
//!
//! Not every size is drawn for every screen, because most sizes cannot draw anything new; what
//! cannot differ is proved equal once, and what can differ is swept:
//! - **Below 40×12** every screen draws the same "please enlarge the window" message: it is
//!   drawn at every such size (`too_small_is_one_message_at_every_size`), and every screen is
//!   shown to draw exactly it at the region's corners and edges.
//! - **At normal text size the page stops growing at `MAX_PAGE_WIDTH`** and is centred: every
//!   frame wider than `PLATEAU` is the `PLATEAU`-wide frame moved right, hit areas and all —
//!   proved for every screen at every height at the next width and at the widest
//!   (`wide_windows_only_move_the_page`), so the sweep stops there.
//! - **Everything else** is swept where layouts change: every size of the small windows
//!   (where parts go from boxes to single rows and the phone moves below the words), every
//!   height at the widths where a layout rule switches and every width at the heights where one
//!   does, and a stride over the rest that each screen starts at a different place, so that
//!   the many screens of one kind together cover every size (`sampled`). The more screens
//!   there are, the fewer sizes each draws (`SHARED_BY`): together they still cover them all.
//!
//! The screens: the learner's path on the test pack, every step of the phone pack (each part
//! of a phone screen, the judge kind; opening, wrong, help, pointed at, why) and a review run.

use std::sync::OnceLock;

use crate::common;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::app::App;
use zhulao::content::Library;
use zhulao::lang::Lang;
use zhulao::settings::TextSize;
use zhulao::ui::widgets::page::MAX_PAGE_WIDTH;
use zhulao::ui::{MIN_HEIGHT, MIN_WIDTH};

/// The tallest and widest windows drawn (a 4K screen at a small font; larger are clamped).
const MAX_W: u16 = 200;
const MAX_H: u16 = 60;

/// From this width on, a normal-text frame is this frame moved right.
const PLATEAU: u16 = MAX_PAGE_WIDTH + 1;

/// Every screen the sweep draws, each with the library it is drawn with (built once: the
/// sweeps share them).
fn screens() -> &'static [(Library, Vec<App>)] {
    static SCREENS: OnceLock<Vec<(Library, Vec<App>)>> = OnceLock::new();
    SCREENS.get_or_init(|| {
        let (phone, phone_states) = common::phone_states();
        let (review, review_states) = common::review_states();
        vec![
            (common::fixture_library(), common::learner_states()),
            (phone, phone_states),
            (review, review_states),
        ]
    })
}

/// Each screen with its library, at `lang` and `size`, numbered.
fn each_screen(lang: Lang, size: TextSize) -> Vec<(usize, &'static Library, App)> {
    let mut out = Vec::new();
    for (lib, apps) in screens() {
        for app in apps {
            let mut app = app.clone();
            app.session.settings.lang = lang;
            app.session.settings.text_size = size;
            out.push((out.len(), lib, app));
        }
    }
    out
}

/// The widths where a layout rule switches (margins at 50, the instructor's columns at 60 and
/// 100, the phone beside the words from 64 …), each with its neighbours.
const SWITCH_WIDTHS: [u16; 16] = [
    40, 41, 49, 50, 51, 59, 60, 63, 64, 65, 79, 80, 99, 100, 103, 104,
];

/// The heights where one switches (boxed buttons at 13+, the roomy page at 20, the phone below
/// the words up to 16 …), each with its neighbours.
const SWITCH_HEIGHTS: [u16; 13] = [12, 13, 14, 15, 16, 17, 19, 20, 21, 23, 24, 30, 36];

/// Screens that share the sizes between them: with more screens, each draws fewer sizes (the
/// sizes all of them together cover stay the same).
const SHARED_BY: usize = 70;

/// Whether screen number `i` of `n` is drawn at `w`×`h` (`widest`: the widest width that can
/// differ). Every small window; along the switching lines (the width ones up to 120 columns,
/// where big text still rearranges) every third screen, or fewer when there are many; and each
/// screen along its own stride.
fn sampled(i: usize, n: usize, w: u16, h: u16, widest: u16) -> bool {
    let spread = n.div_ceil(SHARED_BY).max(1);
    let small = w <= 64 && h <= 16;
    let switch =
        SWITCH_WIDTHS.contains(&w) || (SWITCH_HEIGHTS.contains(&h) && w <= 120) || w == widest;
    let stride = (usize::from(w) * 5 + usize::from(h) * 3 + i * 11).is_multiple_of(29 * spread);
    let along = (usize::from(w) + usize::from(h) + i).is_multiple_of(3 * spread);
    (small && (i + usize::from(w) + usize::from(h)).is_multiple_of(spread))
        || (switch && along)
        || stride
}

/// Draws `app` at `w`×`h` into `buf` (resized to fit) and checks the frame above the minimum:
/// something drawn, something to tap, every tap area inside the window, none overlapping.
fn check(app: &App, lib: &Library, buf: &mut Buffer, w: u16, h: u16) {
    let area = Rect::new(0, 0, w, h);
    buf.resize(area);
    let hits = zhulao::ui::draw(app, lib, area, buf);
    let name = app.screen.name();
    let size = app.session.settings.text_size;
    let drawn = buf.content().iter().filter(|c| c.symbol() != " ").count();
    assert!(drawn >= 20, "{name} {size:?} {w}x{h}: almost nothing drawn");
    let areas = hits.areas();
    assert!(!areas.is_empty(), "{name} {size:?} {w}x{h}: nothing to tap");
    for (i, (r, _)) in areas.iter().enumerate() {
        assert!(
            r.right() <= w && r.bottom() <= h,
            "{name} {size:?} {w}x{h}: {r:?} outside"
        );
        for (other, _) in &areas[i + 1..] {
            assert!(
                r.intersection(*other).is_empty(),
                "{name} {size:?} {w}x{h}: {r:?} overlaps {other:?}"
            );
        }
    }
}

fn sweep(lang: Lang, size: TextSize) {
    let widest = if size == TextSize::Normal {
        PLATEAU
    } else {
        MAX_W
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
    let mut drawn = 0;
    let screens = each_screen(lang, size);
    let n = screens.len();
    for (i, lib, app) in screens {
        for w in MIN_WIDTH..=widest {
            for h in (MIN_HEIGHT..=MAX_H).filter(|&h| sampled(i, n, w, h, widest)) {
                check(&app, lib, &mut buf, w, h);
                drawn += 1;
            }
        }
    }
    assert!(drawn > 10_000, "only {drawn} frames drawn");
}

#[test]
fn normal_text_in_chinese() {
    sweep(Lang::Zh, TextSize::Normal);
}

#[test]
fn normal_text_in_english() {
    sweep(Lang::En, TextSize::Normal);
}

#[test]
fn big_text_in_chinese() {
    sweep(Lang::Zh, TextSize::Big);
}

#[test]
fn big_text_in_english() {
    sweep(Lang::En, TextSize::Big);
}

#[test]
fn huge_text_in_chinese() {
    sweep(Lang::Zh, TextSize::Huge);
}

#[test]
fn huge_text_in_english() {
    sweep(Lang::En, TextSize::Huge);
}

/// The frame at `w`×`h`: its cells and its hit areas.
fn frame(app: &App, lib: &Library, w: u16, h: u16) -> (Buffer, Vec<(Rect, zhulao::app::Action)>) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = zhulao::ui::draw(app, lib, buf.area, &mut buf);
    let areas = hits.areas().to_vec();
    (buf, areas)
}

/// Whether `wide` is `narrow` moved right by `dx` columns, with only the margin beside it (the
/// narrow frame's last column is margin too: its page is one column narrower than it).
fn moved_right(narrow: &Buffer, wide: &Buffer, dx: u16) -> bool {
    let (nw, ww, h) = (narrow.area.width, wide.area.width, narrow.area.height);
    (0..h).all(|y| {
        let margin = &narrow[(nw - 1, y)];
        (0..ww).all(|x| {
            let cell = &wide[(x, y)];
            if x < dx || x >= dx + nw {
                cell == margin
            } else {
                cell == &narrow[(x - dx, y)]
            }
        })
    })
}

#[test]
fn wide_windows_only_move_the_page() {
    for lang in [Lang::Zh, Lang::En] {
        for (_, lib, app) in each_screen(lang, TextSize::Normal) {
            for h in MIN_HEIGHT..=MAX_H {
                let (narrow, narrow_hits) = frame(&app, lib, PLATEAU, h);
                for w in [PLATEAU + 1, MAX_W] {
                    let (wide, wide_hits) = frame(&app, lib, w, h);
                    let dx = (w - MAX_PAGE_WIDTH) / 2 - (PLATEAU - MAX_PAGE_WIDTH) / 2;
                    let name = app.screen.name();
                    assert!(
                        moved_right(&narrow, &wide, dx),
                        "{name} {lang:?} at {w}x{h} is not the {PLATEAU}-wide frame moved {dx} right"
                    );
                    let moved: Vec<_> = narrow_hits
                        .iter()
                        .map(|(r, a)| (Rect { x: r.x + dx, ..*r }, a.clone()))
                        .collect();
                    assert_eq!(moved, wide_hits, "{name} {lang:?} {w}x{h}: hit areas");
                }
            }
        }
    }
}

#[test]
fn too_small_is_one_message_at_every_size() {
    for lang in [Lang::Zh, Lang::En] {
        let (_, first_lib, first) = each_screen(lang, TextSize::Normal).swap_remove(0);
        let enlarge = |w, h| frame(&first, first_lib, w, h);
        // Every screen, at every text size, at the corners and along the edges of the region.
        let edges: Vec<(u16, u16)> = (1..=MAX_W)
            .step_by(13)
            .map(|w| (w, MIN_HEIGHT - 1))
            .chain((1..=MAX_H).step_by(7).map(|h| (MIN_WIDTH - 1, h)))
            .chain([
                (1, 1),
                (MIN_WIDTH - 1, MIN_HEIGHT - 1),
                (MAX_W, 1),
                (1, MAX_H),
            ])
            .collect();
        for size in TextSize::ALL.iter().copied() {
            for (_, lib, app) in each_screen(lang, size) {
                for &(w, h) in &edges {
                    let (buf, hits) = frame(&app, lib, w, h);
                    let (message, none) = enlarge(w, h);
                    assert_eq!(buf, message, "{} {size:?} {w}x{h}", app.screen.name());
                    assert!(hits.is_empty() && none.is_empty());
                }
            }
        }
        // The message itself at every size below the minimum: no panic, and it says so.
        for w in 1..=MAX_W {
            for h in 1..=MAX_H {
                if w >= MIN_WIDTH && h >= MIN_HEIGHT {
                    continue;
                }
                let (buf, hits) = enlarge(w, h);
                assert!(hits.is_empty(), "{w}x{h}: nothing to tap on the message");
                if w >= 4 {
                    let drawn = buf.content().iter().any(|c| c.symbol() != " ");
                    assert!(drawn, "{w}x{h}: the message is not drawn");
                }
            }
        }
    }
}
