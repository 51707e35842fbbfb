//! The one theme. High contrast on a black background (every text pair ≥ 7:1, WCAG AAA), and
//! every state that colour shows is also shown by a symbol or a word (» focus, ✓ right, ✗ not
//! yet) and by a thick border, so colour is never the only cue.

use ratatui::style::{Color, Modifier, Style};

pub fn base() -> Style {
    Style::new().fg(Color::White).bg(Color::Black)
}

pub fn title() -> Style {
    base().fg(Color::LightCyan).add_modifier(Modifier::BOLD)
}

pub fn strong() -> Style {
    base().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    base().fg(Color::Gray)
}

/// The highlighted element: black on yellow, bold.
pub fn focus() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn right() -> Style {
    base().fg(Color::LightGreen).add_modifier(Modifier::BOLD)
}

pub fn not_yet() -> Style {
    base().fg(Color::LightYellow).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::White)
        .add_modifier(Modifier::BOLD)
}

// Marks that layouts depend on. All are East-Asian "narrow" (or plain ASCII), so no terminal
// draws them two cells wide and shifts what follows (▶ ↑ ↓ ● are "ambiguous" and some do).

/// Before the highlighted element.
pub const FOCUS: &str = "»";
/// More entries above / below the visible part of a list.
pub const MORE_ABOVE: &str = "^";
pub const MORE_BELOW: &str = "v";
/// The text cursor in a field.
pub const CARET: &str = "_";
