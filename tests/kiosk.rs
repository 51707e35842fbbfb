//! Kiosk mode on a real store, through the same `dispatch` the loop uses: no way out without the
//! PIN (and no PIN made up at the kiosk), the walk-away reset that signs the learner out with
//! everything saved, the teacher's kiosk settings; every tap target big enough for a finger on
//! every screen; and snapshots of the kiosk's own screens. The end-to-end side — the real binary
//! in a pseudo-terminal — is in `kiosk_e2e.rs`.

use crate::common;

use common::{Harness, render};
use ratatui::layout::Rect;
use zhulao::app::{Action, App, walk_away_due};
use zhulao::content::Library;
use zhulao::lang::Lang;
use zhulao::overlays::Overlay;
use zhulao::overlays::pin::{PinFor, PinStep};
use zhulao::progress::NewLearner;
use zhulao::screens::instructor::{home, kiosk as kiosk_screen};
use zhulao::settings::TextSize;

const PIN: [u8; 6] = [4, 7, 1, 9, 3, 6];

fn kiosk(lang: Lang) -> Harness {
    let mut h = Harness::fixture(lang);
    h.app.session.kiosk.forced = true;
    h
}

fn set_pin(h: &mut Harness) {
    let hash = zhulao::pin::hash("471936").unwrap();
    h.io.store.set_pin_hash(&hash).unwrap();
}

fn type_pin(h: &mut Harness) {
    for d in PIN {
        h.act(Action::Digit(d));
    }
    h.act(Action::Confirm);
}

fn top_pin(h: &Harness) -> Option<(PinFor, PinStep)> {
    match h.app.overlays().last() {
        Some(Overlay::Pin(p)) => Some((p.purpose, p.step.clone())),
        _ => None,
    }
}

#[test]
fn nothing_leaves_a_kiosk_but_the_pin() {
    let mut h = kiosk(Lang::Zh);
    set_pin(&mut h);
    h.act(Action::Back);
    assert!(h.app.overlays().is_empty(), "Esc at the top does nothing");
    assert_eq!(h.screen(), "Welcome");
    h.act(Action::QuitNow);
    assert!(!h.app.should_quit, "not even Ctrl+C in a too-small window");
    h.act(Action::Quit);
    assert_eq!(top_pin(&h), Some((PinFor::Leave, PinStep::Enter)));
    assert!(!h.quit_asked(), "the PIN is the quit question");
    h.act(Action::Quit);
    assert_eq!(
        h.app.overlays().len(),
        1,
        "a second Ctrl+C opens nothing more"
    );
    for d in [1, 2, 3, 4, 5, 6] {
        h.act(Action::Digit(d));
    }
    h.act(Action::Confirm);
    assert!(!h.app.should_quit, "a wrong PIN does not quit");
    h.act(Action::Back);
    assert!(h.app.overlays().is_empty(), "a learner goes back with Esc");
    // The right PIN leaves, from the middle of a lesson too.
    h.open_first_lesson();
    h.act(Action::Quit);
    // A wrong try makes the next one wait: the test does not, so clear the wait first.
    h.io.store.reset_pin().unwrap();
    set_pin(&mut h);
    type_pin(&mut h);
    assert!(h.app.should_quit, "the teacher's PIN closes zhulao");
}

#[test]
fn a_kiosk_without_a_pin_cannot_be_given_one_at_the_kiosk() {
    let mut h = kiosk(Lang::En);
    h.act(Action::Quit);
    assert_eq!(top_pin(&h), Some((PinFor::Leave, PinStep::NoPin)));
    let (text, _) = render(&h.app, &h.io.lib, 80, 24);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("run: zhulao pin set"), "{text}");
    for d in PIN {
        h.act(Action::Digit(d));
    }
    h.act(Action::Confirm);
    assert!(h.app.overlays().is_empty(), "Enter closes the message");
    assert!(!h.app.should_quit);
    h.act(Action::Instructor);
    assert_eq!(top_pin(&h), Some((PinFor::Teacher, PinStep::NoPin)));
    type_pin(&mut h);
    assert!(h.app.overlays().is_empty(), "Enter closes the message");
    assert_eq!(h.screen(), "Welcome", "no new PIN, no teacher's screens");
    assert!(h.store().pin_state().unwrap().hash.is_none());
}

#[test]
fn outside_kiosk_mode_the_first_teacher_still_chooses_the_pin() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Instructor);
    assert_eq!(top_pin(&h), Some((PinFor::Teacher, PinStep::New)));
    h.act(Action::Back).act(Action::Back);
    assert!(h.quit_asked(), "Esc at the top asks whether to leave");
}

#[test]
fn walking_away_signs_the_learner_out_after_the_countdown_and_loses_nothing() {
    let mut h = kiosk(Lang::Zh);
    h.app.session.kiosk.countdown_seconds = Some(3);
    assert!(
        !walk_away_due(&h.app),
        "at rest on the welcome screen: no timer at all"
    );
    h.act(Action::Idle);
    assert!(h.app.overlays().is_empty());

    h.open_first_lesson();
    let a = h.right_answer();
    h.acts(&a);
    let step = h.step_id();
    let learner = h.app.learner().unwrap().id.clone();
    assert!(walk_away_due(&h.app));
    h.act(Action::Idle);
    assert!(matches!(
        h.app.overlays().last(),
        Some(Overlay::StillThere(s)) if s.seconds_left == 3
    ));
    // Any key says "still here": the lesson is as it was.
    h.act(Action::Confirm);
    assert!(h.app.overlays().is_empty());
    assert_eq!(h.step_id(), step);

    h.act(Action::Idle);
    h.act(Action::Tick); // 1.5 s on the harness clock
    assert!(matches!(
        h.app.overlays().last(),
        Some(Overlay::StillThere(s)) if s.seconds_left == 2
    ));
    h.act(Action::Tick).act(Action::Tick);
    assert_eq!(h.screen(), "Welcome", "back to the start");
    assert!(h.app.learner().is_none(), "signed out");
    assert!(h.app.overlays().is_empty());
    assert!(!walk_away_due(&h.app));

    // They come back: the lesson resumes at the same step.
    h.act(Action::Confirm);
    h.pick_learner(&learner);
    h.act(Action::Select(0));
    let lessons = h.app.screen.name();
    assert_eq!(lessons, "Lessons");
    h.act(Action::Select(0));
    assert_eq!(h.step_id(), step, "resumes where they walked away");
}

#[test]
fn the_reset_waits_for_a_failed_save_and_for_the_news_of_a_fresh_record() {
    let mut h = kiosk(Lang::Zh);
    h.act(Action::RecordSetAside(
        "zhulao.sqlite3.broken-20261129T101500Z".into(),
    ));
    assert!(!walk_away_due(&h.app), "the teacher must still read it");
    h.act(Action::Idle);
    assert!(matches!(
        h.app.overlays().as_slice(),
        [Overlay::FreshRecord(_)]
    ));
    h.act(Action::Confirm);
    assert!(h.app.overlays().is_empty(), "知道了 closes it");
    // The teacher's screens are reset too: they are behind the PIN.
    set_pin(&mut h);
    h.act(Action::Instructor);
    type_pin(&mut h);
    assert_eq!(h.screen(), "InstructorHome");
    assert!(walk_away_due(&h.app));
}

#[test]
fn not_a_kiosk_never_resets() {
    let mut h = Harness::fixture(Lang::Zh);
    h.open_first_lesson();
    assert!(!walk_away_due(&h.app));
    h.act(Action::Idle);
    assert!(h.app.overlays().is_empty());
    assert_eq!(h.screen(), "Player");
}

#[test]
fn the_teacher_turns_kiosk_mode_on_and_sets_the_idle_time_and_it_is_kept() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Instructor);
    for _ in 0..2 {
        type_pin(&mut h);
    }
    h.act(Action::Select(home::KIOSK));
    assert_eq!(h.screen(), "KioskSettings");
    h.act(Action::Select(kiosk_screen::MODE));
    assert!(h.app.session.kiosk.on(), "on at once");
    h.act(Action::Select(kiosk_screen::IDLE));
    let saved = h.store().kiosk_settings().unwrap();
    assert!(saved.enabled);
    assert_eq!(saved.idle_minutes, 5);
    h.act(Action::Back);
    assert_eq!(h.screen(), "InstructorHome");
    // Now a kiosk: the teacher's menu offers the way to close zhulao.
    h.act(Action::Select(home::CLOSE));
    assert!(h.quit_asked());
    h.act(Action::Select(zhulao::overlays::quit::YES));
    assert!(h.app.should_quit);
}

/// Learners and instructor screens, in kiosk mode, each group with the library it is drawn
/// with: the learner's screens and the teacher's on the test pack, every step of the phone pack
/// (top bar, tab bar, pop-up, banner, incoming call, secure pad, judge), and a review run.
fn kiosk_states() -> Vec<(Library, Vec<App>)> {
    let mut groups = vec![
        (common::fixture_library(), teacher_states()),
        common::phone_states(),
        common::review_states(),
    ];
    for (_, apps) in &mut groups {
        for app in apps {
            app.session.kiosk.forced = true;
        }
    }
    groups
}

/// The learner's screens, then the teacher's, on the test pack.
fn teacher_states() -> Vec<App> {
    let mut out: Vec<App> = common::learner_states();
    let mut h = kiosk(Lang::Zh);
    set_pin(&mut h);
    for i in 0..14 {
        h.io.store
            .add_learner(&NewLearner::Named(format!("学员甲{i}")))
            .unwrap();
    }
    h.act(Action::Quit);
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Instructor);
    type_pin(&mut h);
    out.push(h.app.clone());
    for (entry, back) in [
        (home::CLASS, 1),
        (home::TROUBLE, 1),
        (home::MISSING, 1),
        (home::ROSTER, 1),
        (home::KIOSK, 1),
    ] {
        h.act(Action::Select(entry));
        out.push(h.app.clone());
        if entry == home::CLASS {
            h.act(Action::Confirm); // one learner's detail
            out.push(h.app.clone());
            h.act(Action::Back);
        }
        for _ in 0..back {
            h.act(Action::Back);
        }
    }
    h.act(Action::Select(home::CLOSE));
    out.push(h.app.clone());
    h.act(Action::Back).act(Action::Back);
    h.open_first_lesson();
    h.act(Action::Idle);
    out.push(h.app.clone());
    h.act(Action::Confirm);
    h.act(Action::RecordSetAside(
        "zhulao.sqlite3.broken-20261129T101500Z".into(),
    ));
    out.push(h.app.clone());
    out
}

/// Every tappable element is at least 3 rows × 8 columns at 80×24 and 1 row × 6 columns at
/// 40×12, none overlap, and the footer's buttons are as tall as the phone's and no narrower
/// than the on-screen keypad's keys.
#[test]
fn every_tap_target_on_a_kiosk_is_big_enough_for_a_finger() {
    let mut checked = 0;
    for (lib, bases) in kiosk_states() {
        for base in bases {
            for lang in [Lang::Zh, Lang::En] {
                for size in [TextSize::Normal, TextSize::Big, TextSize::Huge] {
                    let mut app = base.clone();
                    app.session.settings.lang = lang;
                    app.session.settings.text_size = size;
                    for (w, h, min_w, min_h) in [(80u16, 24u16, 8u16, 3u16), (40, 12, 6, 1)] {
                        let (text, hits) = render(&app, &lib, w, h);
                        let areas = hits.areas();
                        let at = format!("{} {lang:?} {size:?} {w}x{h}", app.screen.name());
                        // A slider's track is one target cut into its levels, each as tall as
                        // the others and at least two columns wide; the whole track is as wide
                        // as any button.
                        let track: Vec<&Rect> = areas
                            .iter()
                            .filter(|(_, a)| matches!(a, Action::Level(_)))
                            .map(|(r, _)| r)
                            .collect();
                        if !track.is_empty() {
                            let left = track.iter().map(|r| r.x).min().unwrap();
                            let right = track.iter().map(|r| r.right()).max().unwrap();
                            assert!(right - left >= min_w, "{at}: a slider {left}..{right}");
                        }
                        for (i, (r, action)) in areas.iter().enumerate() {
                            let min_w = if matches!(action, Action::Level(_)) {
                                2
                            } else {
                                min_w
                            };
                            assert!(
                                r.width >= min_w && r.height >= min_h,
                                "{at}: {action:?} is {}×{} at {r:?}\n{text}",
                                r.height,
                                r.width
                            );
                            for (other, _) in &areas[i + 1..] {
                                assert!(r.intersection(*other).is_empty(), "{at}: overlap");
                            }
                            checked += 1;
                        }
                        if h == 24 {
                            footer_as_big_as_the_phone(&at, areas, h);
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} targets checked");
}

fn footer_as_big_as_the_phone(at: &str, areas: &[(Rect, Action)], h: u16) {
    let (footer, body): (Vec<&Rect>, Vec<&Rect>) =
        areas.iter().map(|(r, _)| r).partition(|r| r.y >= h - 3);
    let tallest = body.iter().map(|r| r.height).max().unwrap_or(0);
    for f in footer {
        assert!(f.height >= tallest.min(3), "{at}: footer {f:?}");
        assert!(
            f.width >= 12,
            "{at}: footer button {f:?} narrower than a keypad key"
        );
    }
}

fn snap(name: &str, app: &App, lib: &zhulao::content::Library) {
    for (suffix, text) in common::in_each_language(app, lib, &[(80, 24), (40, 12)]) {
        insta::assert_snapshot!(format!("{name}_{suffix}"), text);
    }
}

#[test]
fn snapshots_of_the_kiosks_screens() {
    let mut h = kiosk(Lang::Zh);
    snap("kiosk_welcome", &h.app, &h.io.lib);
    h.act(Action::Quit);
    snap("kiosk_no_pin", &h.app, &h.io.lib);
    h.act(Action::Back);
    set_pin(&mut h);
    h.act(Action::Quit);
    snap("kiosk_leave_pin", &h.app, &h.io.lib);
    h.act(Action::Back);
    h.open_first_lesson();
    h.act(Action::Idle);
    snap("kiosk_still_there", &h.app, &h.io.lib);
    h.act(Action::Confirm);
    snap("kiosk_player", &h.app, &h.io.lib);
    h.act(Action::Back).act(Action::Back).act(Action::Back);
    h.act(Action::Back);
    h.act(Action::RecordSetAside(
        "zhulao.sqlite3.broken-20261129T101500Z".into(),
    ));
    snap("kiosk_fresh_record", &h.app, &h.io.lib);
    h.act(Action::Confirm);
    h.act(Action::Instructor);
    type_pin(&mut h);
    h.app.env.set_aside = vec!["zhulao.sqlite3.broken-20261129T101500Z".into()];
    snap("kiosk_teacher_home", &h.app, &h.io.lib);
    h.act(Action::Select(home::KIOSK));
    snap("kiosk_settings", &h.app, &h.io.lib);

    // The class as a touchscreen shows it: tall rows, paging buttons. (Learners who have not
    // started yet, so no times of day in the snapshot.)
    let mut h = kiosk(Lang::Zh);
    set_pin(&mut h);
    for name in [
        "王秀英",
        "李桂兰",
        "张淑珍",
        "刘玉兰",
        "陈秀兰",
        "杨桂英",
        "赵淑英",
    ] {
        h.io.store
            .add_learner(&NewLearner::Named(name.into()))
            .unwrap();
    }
    h.act(Action::Instructor);
    type_pin(&mut h);
    h.act(Action::Select(home::CLASS));
    snap("kiosk_class", &h.app, &h.io.lib);
}
