//! The one place that knows key bindings and mouse handling: turns a crossterm event into an
//! `Action`, using the `Hits` of the last drawn screen for number keys and taps. Pure, so every
//! binding is unit-tested with hand-made events.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, Mode};
use crate::ui::Hits;

pub fn to_action(event: &Event, hits: &Hits, mode: Mode) -> Option<Action> {
    if mode == Mode::Any {
        return is_activity(event).then_some(Action::Confirm);
    }
    if hits.too_small {
        // Nothing on screen to answer a question with: Ctrl+C leaves at once (all is saved).
        return match event {
            Event::Key(k)
                if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') =>
            {
                Some(Action::QuitNow)
            }
            _ => None,
        };
    }
    match event {
        Event::Key(key) => key_action(key, hits, mode),
        Event::Mouse(mouse) => mouse_action(mouse, hits),
        _ => None,
    }
}

/// Whether a person did something: a key press, a tap or click, a scroll. A resize or a mouse
/// pointer drifting does not count (the kiosk's idle time keeps running).
pub fn is_activity(event: &Event) -> bool {
    match event {
        Event::Key(k) => k.kind != KeyEventKind::Release,
        Event::Mouse(m) => matches!(
            m.kind,
            MouseEventKind::Down(_)
                | MouseEventKind::ScrollUp
                | MouseEventKind::ScrollDown
                | MouseEventKind::ScrollLeft
                | MouseEventKind::ScrollRight
        ),
        Event::Paste(_) => true,
        _ => false,
    }
}

/// Unsteady hands: a finger that taps twice on the same spot in quick succession (or bounces)
/// meant one tap. A second press within `DOUBLE_TAP` (0.3 s) of the first and within a cell or
/// two of it is dropped — whatever the first tap opened, the second does not press what appeared under
/// the finger. Presses elsewhere, and keys, always count.
#[derive(Debug, Default)]
pub struct TapFilter {
    /// Where and when (the loop clock's milliseconds) the last press was.
    last: Option<(u16, u16, u64)>,
}

pub const DOUBLE_TAP: std::time::Duration = std::time::Duration::from_millis(300);

impl TapFilter {
    /// Whether this event should be acted on (`now_ms`: when it arrived, on the loop's clock).
    pub fn accept(&mut self, event: &Event, now_ms: u64) -> bool {
        let Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(_),
            column,
            row,
            ..
        }) = event
        else {
            return true;
        };
        let repeat = self.last.is_some_and(|(c, r, at)| {
            now_ms.saturating_sub(at) < DOUBLE_TAP.as_millis() as u64
                && c.abs_diff(*column) <= 2
                && r.abs_diff(*row) <= 1
        });
        self.last = Some((*column, *row, now_ms));
        !repeat
    }
}

fn key_action(key: &KeyEvent, hits: &Hits, mode: Mode) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Left => Some(Action::Left),
        KeyCode::Right => Some(Action::Right),
        // On a long phone screen, a page of it; elsewhere a page of a list.
        KeyCode::PageUp => Some(match hits.scroller {
            Some(s) => Action::ScrollTo(s.moved(-i32::from(s.page))),
            None => Action::PageUp,
        }),
        KeyCode::PageDown => Some(match hits.scroller {
            Some(s) => Action::ScrollTo(s.moved(i32::from(s.page))),
            None => Action::PageDown,
        }),
        KeyCode::Home => Some(Action::Home),
        KeyCode::End => Some(Action::End),
        KeyCode::Tab => Some(Action::Next),
        KeyCode::BackTab => Some(Action::Prev),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Backspace | KeyCode::Delete => Some(Action::Delete),
        KeyCode::Char(c) if mode == Mode::Text => Some(Action::Type(c)),
        KeyCode::Char(c) if c.is_ascii_digit() => {
            hits.for_key(c.to_digit(10).unwrap_or(0) as usize)
        }
        KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
        // `=` is `+` without Shift, so an unsteady hand needs only one key.
        KeyCode::Char('+') | KeyCode::Char('=') => Some(Action::TextBigger),
        KeyCode::Char('-') => Some(Action::TextSmaller),
        KeyCode::Char('r') | KeyCode::Char('R') => Some(Action::ReadAloud),
        KeyCode::F(2) => Some(Action::Instructor),
        KeyCode::Char(c) if c.is_ascii_alphabetic() => Some(Action::Letter(c.to_ascii_lowercase())),
        KeyCode::Char('.') => Some(Action::Point),
        // In a step that asks to press and hold, Space is the long press.
        KeyCode::Char(' ') if hits.holds => Some(Action::Hold(None)),
        KeyCode::Char(' ') => Some(Action::Confirm),
        _ => None,
    }
}

fn mouse_action(mouse: &MouseEvent, hits: &Hits) -> Option<Action> {
    let over = |area: ratatui::layout::Rect| {
        area.contains(ratatui::layout::Position::new(mouse.column, mouse.row))
    };
    match mouse.kind {
        // A touchscreen tap arrives as a left press; acting on the press (not the release)
        // means an unsteady finger that slides before lifting still taps what it touched.
        MouseEventKind::Down(MouseButton::Left) => hits.at(mouse.column, mouse.row),
        // The wheel over a long phone screen moves it; elsewhere it moves the highlight.
        MouseEventKind::ScrollUp => Some(match hits.scroller.filter(|s| over(s.area)) {
            Some(s) => Action::ScrollTo(s.moved(-WHEEL_ROWS)),
            None => Action::Up,
        }),
        MouseEventKind::ScrollDown => Some(match hits.scroller.filter(|s| over(s.area)) {
            Some(s) => Action::ScrollTo(s.moved(WHEEL_ROWS)),
            None => Action::Down,
        }),
        _ => None,
    }
}

/// Rows a turn of the wheel moves a long phone screen.
const WHEEL_ROWS: i32 = 3;

/// A press held at least this long without moving is a long press (as phones count it). It
/// measures the gesture, never the learner: nothing in zhulao has to be done in time.
pub const HOLD: std::time::Duration = std::time::Duration::from_millis(500);
/// A finger that moves this many columns, or rows, between press and lift has slid.
const SLIDE_COLUMNS: u16 = 4;
const SLIDE_ROWS: u16 = 2;

/// Presses on a phone where a finger does more than tap (`Hits::gesture`): read when the
/// finger lifts, as a swipe, a long press, a drag of a long screen or — short and still — the
/// tap it always was, on what was under the finger when it went down. Elsewhere presses are
/// acted on at once, as before (`TapFilter` and `to_action`).
#[derive(Debug, Default)]
pub struct Gestures {
    press: Option<Press>,
}

#[derive(Debug, Clone, Copy)]
struct Press {
    column: u16,
    row: u16,
    /// When it went down (the loop clock's milliseconds).
    at: u64,
    /// Where a long screen was shown from when it went down.
    offset: Option<u16>,
    slid: bool,
}

impl Gestures {
    /// What this event means on the phone drawn in `hits`: `None` when it is not a gesture
    /// there (map it as usual), else the actions it makes (often none yet).
    pub fn feed(&mut self, event: &Event, hits: &Hits, now_ms: u64) -> Option<Vec<Action>> {
        let Event::Mouse(m) = event else {
            return None;
        };
        let Some(area) = hits.gesture else {
            self.press = None;
            return None;
        };
        let (column, row) = (m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if !area.contains(ratatui::layout::Position::new(column, row)) {
                    self.press = None;
                    return None;
                }
                self.press = Some(Press {
                    column,
                    row,
                    at: now_ms,
                    offset: hits.scroller.map(|s| s.offset),
                    slid: false,
                });
                // On what can be held, in a step that asks for it: "being held" shows at once.
                Some(match hits.at(column, row) {
                    Some(Action::Select(i)) if hits.holds => vec![Action::Press(i)],
                    _ => vec![],
                })
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                let p = self.press.as_mut()?;
                if p.column.abs_diff(column) >= SLIDE_COLUMNS || p.row.abs_diff(row) >= SLIDE_ROWS {
                    p.slid = true;
                }
                // A long screen follows the finger: up shows what is below.
                let follow = match (p.slid, hits.swipes, hits.scroller, p.offset) {
                    (true, false, Some(s), Some(from)) => {
                        let moved = i32::from(p.row) - i32::from(row);
                        let to = (i32::from(from) + moved).clamp(0, i32::from(s.max)) as u16;
                        (to != s.offset).then_some(Action::ScrollTo(to))
                    }
                    _ => None,
                };
                Some(follow.into_iter().collect())
            }
            MouseEventKind::Up(MouseButton::Left) => {
                let p = self.press.take()?;
                let (dx, dy) = (
                    i32::from(column) - i32::from(p.column),
                    i32::from(row) - i32::from(p.row),
                );
                let slid = p.slid
                    || dx.unsigned_abs() >= u32::from(SLIDE_COLUMNS)
                    || dy.unsigned_abs() >= u32::from(SLIDE_ROWS);
                if slid {
                    if !hits.swipes {
                        return Some(vec![]);
                    }
                    // A cell is about twice as tall as it is wide.
                    use crate::content::Direction;
                    let direction = if dx.abs() >= 2 * dy.abs() {
                        if dx > 0 {
                            Direction::Right
                        } else {
                            Direction::Left
                        }
                    } else if dy > 0 {
                        Direction::Down
                    } else {
                        Direction::Up
                    };
                    return Some(vec![Action::Swipe(direction)]);
                }
                let under = hits.at(p.column, p.row);
                let held = now_ms.saturating_sub(p.at) >= HOLD.as_millis() as u64;
                Some(match (held && hits.holds, under) {
                    (true, Some(Action::Select(i))) => vec![Action::Hold(Some(i))],
                    (_, under) => under.into_iter().collect(),
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn click(column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn number_keys_mean_what_the_screen_printed() {
        let mut hits = Hits::default();
        hits.key(3, Action::Select(7));
        assert_eq!(
            to_action(&key(KeyCode::Char('3')), &hits, Mode::Normal),
            Some(Action::Select(7))
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('4')), &hits, Mode::Normal),
            None
        );
    }

    #[test]
    fn in_a_name_field_every_character_is_text() {
        let hits = Hits::default();
        assert_eq!(
            to_action(&key(KeyCode::Char('3')), &hits, Mode::Text),
            Some(Action::Type('3'))
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('王')), &hits, Mode::Text),
            Some(Action::Type('王'))
        );
        assert_eq!(
            to_action(&key(KeyCode::Enter), &hits, Mode::Text),
            Some(Action::Confirm)
        );
    }

    #[test]
    fn a_tap_hits_the_element_under_the_finger() {
        let mut hits = Hits::default();
        hits.add(Rect::new(10, 5, 12, 3), Action::Select(2));
        assert_eq!(
            to_action(&click(15, 6), &hits, Mode::Normal),
            Some(Action::Select(2))
        );
        assert_eq!(to_action(&click(2, 2), &hits, Mode::Normal), None);
    }

    #[test]
    fn a_double_tap_or_a_bounce_counts_once_but_two_places_or_slow_taps_count_twice() {
        let t0 = 1_000_u64;
        let mut f = TapFilter::default();
        assert!(f.accept(&click(20, 10), t0));
        assert!(
            !f.accept(&click(21, 10), t0 + 150),
            "the same spot again at once: one tap"
        );
        assert!(
            f.accept(&click(21, 10), t0 + 500),
            "a slow second tap is a second tap"
        );
        assert!(
            f.accept(&click(40, 3), t0 + 550),
            "another place is another tap"
        );
        let drag = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Drag(MouseButton::Left),
            column: 41,
            row: 3,
            modifiers: KeyModifiers::NONE,
        });
        let hits = Hits::default();
        assert!(f.accept(&drag, t0 + 560));
        assert_eq!(
            to_action(&drag, &hits, Mode::Normal),
            None,
            "dragging the finger after pressing presses nothing more"
        );
        assert!(
            f.accept(&key(KeyCode::Char('1')), t0 + 570),
            "keys are never filtered"
        );
    }

    #[test]
    fn while_still_there_is_asked_any_key_or_tap_answers_it() {
        let hits = Hits::default();
        for event in [
            key(KeyCode::Char('x')),
            key(KeyCode::F(5)),
            click(0, 0),
            Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
        ] {
            assert_eq!(to_action(&event, &hits, Mode::Any), Some(Action::Confirm));
        }
        assert_eq!(to_action(&Event::Resize(80, 24), &hits, Mode::Any), None);
        let moved = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Moved,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        });
        assert!(!is_activity(&moved));
    }

    #[test]
    fn a_too_small_window_ignores_everything_but_ctrl_c() {
        let mut hits = Hits::default();
        hits.too_small = true;
        hits.key(1, Action::Select(0));
        assert_eq!(
            to_action(&key(KeyCode::Char('1')), &hits, Mode::Normal),
            None
        );
        assert_eq!(to_action(&key(KeyCode::Enter), &hits, Mode::Normal), None);
        assert_eq!(to_action(&click(1, 1), &hits, Mode::Normal), None);
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            to_action(&ctrl_c, &hits, Mode::Normal),
            Some(Action::QuitNow)
        );
    }

    #[test]
    fn the_basic_keys_are_bound() {
        let hits = Hits::default();
        let n = Mode::Normal;
        assert_eq!(to_action(&key(KeyCode::Esc), &hits, n), Some(Action::Back));
        assert_eq!(
            to_action(&key(KeyCode::Enter), &hits, n),
            Some(Action::Confirm)
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('?')), &hits, n),
            Some(Action::Help)
        );
        assert_eq!(
            to_action(&key(KeyCode::Backspace), &hits, n),
            Some(Action::Delete)
        );
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(to_action(&ctrl_c, &hits, n), Some(Action::Quit));
        assert_eq!(
            to_action(&key(KeyCode::Char('G')), &hits, n),
            Some(Action::Letter('g'))
        );
        assert_eq!(
            to_action(&key(KeyCode::F(2)), &hits, n),
            Some(Action::Instructor)
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('+')), &hits, n),
            Some(Action::TextBigger)
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('-')), &hits, n),
            Some(Action::TextSmaller)
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('r')), &hits, n),
            Some(Action::ReadAloud)
        );
    }
}
