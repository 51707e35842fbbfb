//! A property test: long random sequences of keys, taps, pastes and window sizes go through
//! the same input mapping, `update` and drawing the app uses, on a real store. Whatever the
//! sequence, nothing panics and the state stays sound: menus point at entries that exist, a
//! lesson is on a step that exists, every save has finished, and what can be tapped lies inside
//! the window without overlapping.

use crate::common;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::app::{App, input_mode};
use zhulao::content::Exercise;
use zhulao::event_loop::dispatch;
use zhulao::screens::Screen;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Tap(u16, u16),
    /// What a paste is to a terminal without bracketed paste: many characters at once.
    Paste(String),
    Resize(u16, u16),
}

fn key() -> impl Strategy<Value = Input> {
    let codes = prop_oneof![
        (0u8..10).prop_map(|d| KeyCode::Char(char::from(b'0' + d))),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::F(1)),
        Just(KeyCode::F(5)),
        prop::sample::select(vec![
            '?', '+', '-', '=', 'r', 'q', 'a', '王', ' ', '\u{202e}'
        ])
        .prop_map(KeyCode::Char),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
    ];
    (codes, modifiers).prop_map(|(c, m)| Input::Key(c, m))
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        12 => key(),
        6 => (0u16..120, 0u16..40).prop_map(|(x, y)| Input::Tap(x, y)),
        1 => "[a-z王阿姨0-9]{1,40}".prop_map(Input::Paste),
        1 => (1u16..200, 1u16..60).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

fn check_sound(app: &App, lib: &zhulao::content::Library) {
    assert!(!app.busy, "every save finished before the next draw");
    assert!(app.overlays().len() <= 3, "{:?}", app.overlays());
    match &app.screen {
        Screen::Welcome(w) => assert!(w.cursor < 3),
        Screen::Learners(l) => assert!(l.cursor < l.list.len() + 3),
        Screen::Packs(p) => assert!(p.cursor < lib.packs.len()),
        Screen::Lessons(l) => assert!(l.cursor < lib.packs[l.pack].lessons.len()),
        Screen::Complete(c) => assert!(c.cursor < 3),
        Screen::Player(p) => {
            let step = p.step(lib).expect("on a step that exists");
            match &step.exercise {
                Exercise::Tap { .. } => {
                    let lesson = p.lesson(lib).unwrap();
                    let screen = &lesson.screens[step.screen.unwrap()];
                    assert!(p.cursor.is_none_or(|c| screen.tappable().contains(&c)));
                }
                Exercise::Choice { choices, .. } => {
                    assert!(p.cursor.is_none_or(|c| c < choices.len()));
                    assert_eq!(p.shuffle.len(), choices.len());
                }
                Exercise::Order { items } => {
                    assert!(p.cursor.is_none_or(|c| c < items.len()));
                    let mut placed = p.placed.clone();
                    placed.sort();
                    placed.dedup();
                    assert_eq!(placed.len(), p.placed.len(), "placed once each");
                    assert!(placed.iter().all(|&i| i < items.len()));
                }
                Exercise::Digits { .. } => {
                    assert!(p.typed.len() <= zhulao::content::problems::MAX_DIGITS)
                }
                Exercise::Hold { .. } => {
                    let lesson = p.lesson(lib).unwrap();
                    let screen = &lesson.screens[step.screen.unwrap()];
                    assert!(p.cursor.is_none_or(|c| screen.tappable().contains(&c)));
                }
                Exercise::Slide { target, .. } => {
                    let lesson = p.lesson(lib).unwrap();
                    let screen = &lesson.screens[step.screen.unwrap()];
                    assert!(p.level <= screen.items[*target].max);
                }
                Exercise::Swipe { .. } => {}
                Exercise::Judge { signs, .. } => {
                    let len = if p.verdict_done { signs.len() } else { 2 };
                    assert!(p.cursor.is_none_or(|c| c < len));
                    assert_eq!(p.shuffle.len(), signs.len());
                }
                Exercise::Read => {}
            }
        }
        _ => {}
    }
}

proptest! {
    // A fixed seed: the same 48 000 inputs on every run, so a failure can be repeated.
    #![proptest_config(ProptestConfig {
        cases: 16,
        max_shrink_iters: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x2026_1129),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_taps_pastes_and_resizes_never_break_the_app(
        inputs in prop::collection::vec(input(), 2000)
    ) {
        storm(common::Harness::fixture(zhulao::lang::Lang::Zh), inputs)?;
    }

    // The phone pack too: tab bars, pop-ups, a call, a secure pad, judge steps.
    #[test]
    fn random_input_on_every_part_of_the_phone_never_breaks_the_app(
        inputs in prop::collection::vec(input(), 1000)
    ) {
        let h = common::Harness::new(common::phone_library(), zhulao::lang::Lang::En);
        storm(h, inputs)?;
    }
}

/// Drives `h` with `inputs` as a learner tapping and pressing at random would.
fn storm(mut h: common::Harness, inputs: Vec<Input>) -> Result<(), TestCaseError> {
    let (mut w, mut ht) = (80u16, 24u16);
    let mut buf = Buffer::empty(Rect::new(0, 0, w, ht));
    let mut hits = zhulao::ui::draw(&h.app, &h.io.lib, buf.area, &mut buf);
    let mut visited = std::collections::HashSet::new();
    for input in inputs {
        let events: Vec<Event> = match input {
            Input::Key(code, m) => vec![Event::Key(KeyEvent::new(code, m))],
            Input::Tap(x, y) => vec![Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            })],
            Input::Paste(text) => text
                .chars()
                .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
                .collect(),
            Input::Resize(nw, nh) => {
                (w, ht) = (nw, nh);
                vec![]
            }
        };
        for event in events {
            let mode = input_mode(&h.app);
            if let Some(action) = zhulao::input::to_action(&event, &hits, mode) {
                h.now = h.now.later(700);
                dispatch(
                    &mut h.app,
                    &mut h.io,
                    action,
                    h.now,
                    &mut Default::default(),
                );
            }
        }
        if h.app.should_quit {
            // Leaving is allowed; start again, as the kiosk would.
            h.app = App::new(h.app.session.machine, h.app.env.clone());
        }
        check_sound(&h.app, &h.io.lib);
        visited.insert(h.app.screen.name());
        buf = Buffer::empty(Rect::new(0, 0, w, ht));
        hits = zhulao::ui::draw(&h.app, &h.io.lib, buf.area, &mut buf);
        let areas = hits.areas();
        for (i, (r, _)) in areas.iter().enumerate() {
            prop_assert!(r.right() <= w && r.bottom() <= ht, "{r:?} outside {w}x{ht}");
            for (other, _) in &areas[i + 1..] {
                prop_assert!(
                    r.intersection(*other).is_empty(),
                    "{r:?} overlaps {other:?}"
                );
            }
        }
    }
    // The sequence went deep enough to mean something: into a lesson.
    prop_assert!(visited.contains("Player"), "{visited:?}");
    Ok(())
}
