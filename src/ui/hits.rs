//! What a tap or a number key means on the screen as it was last drawn. The view records each
//! tappable rectangle with its action, and which entry each number key picks; input then
//! resolves a click or a key against that record. Because numbers and rectangles come from the
//! same drawing, the number printed on an element is always the key that taps it.

use ratatui::layout::Rect;

use crate::app::Action;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    areas: Vec<(Rect, Action)>,
    keys: [Option<Action>; 10],
    /// The window was too small to draw anything usable: only Ctrl+C works.
    pub too_small: bool,
    /// A phone where a finger does more than tap: a press inside is read when it lifts — a
    /// slide across is a swipe (`swipes`) or moves a long list, a press held down is a long
    /// press (`holds`), anything else the tap it always was.
    pub gesture: Option<Rect>,
    pub swipes: bool,
    /// A step that asks to press and hold: Space is the long press, for keyboards.
    pub holds: bool,
    /// A phone screen longer than the phone: where it is shown from, and how far it goes.
    pub scroller: Option<Scroller>,
}

/// A long phone screen as drawn: its area, the first row shown, the last first row there can
/// be, and a page (the rows shown, less one kept for context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroller {
    pub area: Rect,
    pub offset: u16,
    pub max: u16,
    pub page: u16,
}

impl Scroller {
    /// The first row shown after moving `rows` (down if positive), within the screen.
    pub fn moved(&self, rows: i32) -> u16 {
        (i32::from(self.offset) + rows).clamp(0, i32::from(self.max)) as u16
    }
}

impl Hits {
    pub fn add(&mut self, area: Rect, action: Action) {
        if area.width > 0 && area.height > 0 {
            self.areas.push((area, action));
        }
    }

    /// Number key `n` (0–9) performs `action`.
    pub fn key(&mut self, n: usize, action: Action) {
        if let Some(slot) = self.keys.get_mut(n) {
            *slot = Some(action);
        }
    }

    pub fn for_key(&self, n: usize) -> Option<Action> {
        self.keys.get(n).cloned().flatten()
    }

    /// The action under a click at (column, row); later (drawn on top) areas win.
    pub fn at(&self, column: u16, row: u16) -> Option<Action> {
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| {
                column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
            })
            .map(|(_, a)| a.clone())
    }

    pub fn areas(&self) -> &[(Rect, Action)] {
        &self.areas
    }

    /// Forgets everything under `area` (an overlay covers it).
    pub fn cover(&mut self, area: Rect) {
        self.areas.retain(|(r, _)| r.intersection(area).is_empty());
        self.keys = Default::default();
        self.gesture = None;
        self.swipes = false;
        self.holds = false;
        self.scroller = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_inside_a_rectangle_finds_its_action_and_edges_are_exclusive() {
        let mut hits = Hits::default();
        hits.add(Rect::new(2, 1, 8, 3), Action::Select(0));
        hits.add(Rect::new(10, 1, 8, 3), Action::Select(1));
        assert_eq!(hits.at(2, 1), Some(Action::Select(0)));
        assert_eq!(hits.at(9, 3), Some(Action::Select(0)));
        assert_eq!(hits.at(10, 3), Some(Action::Select(1)));
        assert_eq!(hits.at(10, 4), None);
        assert_eq!(hits.at(0, 0), None);
    }

    #[test]
    fn what_is_drawn_last_is_on_top() {
        let mut hits = Hits::default();
        hits.add(Rect::new(0, 0, 20, 10), Action::Select(0));
        hits.add(Rect::new(5, 5, 2, 2), Action::Back);
        assert_eq!(hits.at(5, 5), Some(Action::Back));
        assert_eq!(hits.at(4, 5), Some(Action::Select(0)));
    }

    #[test]
    fn empty_rectangles_are_never_hit() {
        let mut hits = Hits::default();
        hits.add(Rect::new(3, 3, 0, 5), Action::Confirm);
        assert_eq!(hits.at(3, 3), None);
    }

    #[test]
    fn an_overlay_covers_what_is_under_it() {
        let mut hits = Hits::default();
        hits.add(Rect::new(0, 0, 10, 10), Action::Select(0));
        hits.key(1, Action::Select(0));
        hits.cover(Rect::new(0, 0, 40, 12));
        assert_eq!(hits.at(1, 1), None);
        assert_eq!(hits.for_key(1), None);
    }
}
