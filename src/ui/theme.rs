//! The colour themes. Views never name a colour: they ask the theme for a `Role` (plain text,
//! a title, the highlighted element …), so one setting recolours every screen. Every text and
//! background pair of every theme is at least 7:1 (WCAG 2.x AAA, 1.4.6), checked by a test from
//! the RGB values below. Every state that colour shows is also shown by a symbol or a word
//! (» focus, ✓ right, ✗ not yet) and by a thick border, so colour is never the only cue; with
//! `NO_COLOR` set the monochrome theme shows focus in reverse video instead.

use ratatui::style::{Color, Modifier, Style};

use crate::settings::ThemeName;

/// What a piece of text is, rather than what colour it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Base,
    Title,
    Strong,
    /// Less important text (tips, rules). Still AAA contrast: "dim" is never faint.
    Dim,
    /// The highlighted element.
    Focus,
    Right,
    NotYet,
    /// A key name in the footer ("回车").
    Key,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn color(self) -> Color {
        Color::Rgb(self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub background: Rgb,
    pub text: Rgb,
    pub title: Rgb,
    pub dim: Rgb,
    pub right: Rgb,
    pub not_yet: Rgb,
    pub focus_text: Rgb,
    pub focus_back: Rgb,
    pub key_text: Rgb,
    pub key_back: Rgb,
    /// The colours a phone screen's items may have (a green 接听, a red 挂断), in the order of
    /// `content::Color::ALL`; each still reaches 7:1 on the background.
    pub items: [Rgb; 6],
}

impl Palette {
    /// Every (what, foreground, background) pair text is drawn in.
    pub fn text_pairs(&self) -> [(&'static str, Rgb, Rgb); 7] {
        let bg = self.background;
        [
            ("text", self.text, bg),
            ("title", self.title, bg),
            ("dim", self.dim, bg),
            ("right", self.right, bg),
            ("not yet", self.not_yet, bg),
            ("focus", self.focus_text, self.focus_back),
            ("key", self.key_text, self.key_back),
        ]
    }
}

const BLACK: Rgb = Rgb(0, 0, 0);
const WHITE: Rgb = Rgb(255, 255, 255);

pub const DARK: Palette = Palette {
    background: BLACK,
    text: WHITE,
    title: Rgb(0x7f, 0xdf, 0xff),
    dim: Rgb(0xc8, 0xc8, 0xc8),
    right: Rgb(0x7c, 0xf0, 0x7c),
    not_yet: Rgb(0xff, 0xd8, 0x66),
    focus_text: BLACK,
    focus_back: Rgb(0xff, 0xd7, 0x00),
    key_text: BLACK,
    key_back: WHITE,
    items: ON_BLACK,
};

/// Green, red, blue, orange, grey, yellow on black.
const ON_BLACK: [Rgb; 6] = [
    Rgb(0x4c, 0xe0, 0x6c),
    Rgb(0xff, 0x8a, 0x80),
    Rgb(0x8a, 0xb4, 0xff),
    Rgb(0xff, 0xb0, 0x4c),
    Rgb(0xb8, 0xb8, 0xb8),
    Rgb(0xff, 0xe6, 0x4c),
];

pub const LIGHT: Palette = Palette {
    background: WHITE,
    text: BLACK,
    title: Rgb(0x00, 0x30, 0x7a),
    dim: Rgb(0x3c, 0x3c, 0x3c),
    right: Rgb(0x00, 0x5c, 0x00),
    not_yet: Rgb(0x7a, 0x3a, 0x00),
    focus_text: BLACK,
    focus_back: Rgb(0xff, 0xd7, 0x00),
    key_text: WHITE,
    key_back: BLACK,
    items: [
        Rgb(0x00, 0x5a, 0x1e),
        Rgb(0xa0, 0x10, 0x10),
        Rgb(0x0a, 0x3c, 0xa0),
        Rgb(0x86, 0x38, 0x00),
        Rgb(0x48, 0x48, 0x48),
        Rgb(0x5c, 0x4a, 0x00),
    ],
};

pub const YELLOW: Palette = Palette {
    background: BLACK,
    text: Rgb(0xff, 0xff, 0x00),
    title: WHITE,
    dim: Rgb(0xe0, 0xe0, 0x00),
    right: Rgb(0x9c, 0xff, 0x9c),
    not_yet: Rgb(0xff, 0xc8, 0xa0),
    focus_text: BLACK,
    focus_back: Rgb(0xff, 0xff, 0x00),
    key_text: BLACK,
    key_back: Rgb(0xff, 0xff, 0x00),
    items: ON_BLACK,
};

/// A theme: a palette, or none for monochrome (`NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    palette: Option<Palette>,
}

impl Theme {
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme { palette: None };
        }
        Theme {
            palette: Some(match name {
                ThemeName::Dark => DARK,
                ThemeName::Light => LIGHT,
                ThemeName::Yellow => YELLOW,
            }),
        }
    }

    pub fn palette(&self) -> Option<&Palette> {
        self.palette.as_ref()
    }

    pub fn style(&self, role: Role) -> Style {
        let bold = Modifier::BOLD;
        let Some(p) = &self.palette else {
            // Monochrome: the terminal's own colours, with shape and reverse video for state.
            let plain = Style::new();
            return match role {
                Role::Base | Role::Dim => plain,
                Role::Title | Role::Strong | Role::Right | Role::NotYet => plain.add_modifier(bold),
                Role::Focus | Role::Key => plain.add_modifier(bold | Modifier::REVERSED),
            };
        };
        let on = |fg: Rgb, bg: Rgb| Style::new().fg(fg.color()).bg(bg.color());
        let base = on(p.text, p.background);
        match role {
            Role::Base => base,
            Role::Title => on(p.title, p.background).add_modifier(bold),
            Role::Strong => base.add_modifier(bold),
            Role::Dim => on(p.dim, p.background),
            Role::Focus => on(p.focus_text, p.focus_back).add_modifier(bold),
            Role::Right => on(p.right, p.background).add_modifier(bold),
            Role::NotYet => on(p.not_yet, p.background).add_modifier(bold),
            Role::Key => on(p.key_text, p.key_back).add_modifier(bold),
        }
    }

    pub fn base(&self) -> Style {
        self.style(Role::Base)
    }

    /// An item drawn in its own colour (bold, on the background). Without colours: `None`, and
    /// the phone says the colour in words instead.
    pub fn tint(&self, color: crate::content::Color) -> Option<Style> {
        let p = self.palette.as_ref()?;
        let i = crate::content::Color::ALL
            .iter()
            .position(|c| *c == color)
            .unwrap_or(0);
        Some(
            Style::new()
                .fg(p.items[i].color())
                .bg(p.background.color())
                .add_modifier(Modifier::BOLD),
        )
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeName::Dark, false)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_pair_of_every_theme_reaches_aaa_contrast() {
        for name in ThemeName::ALL {
            let theme = Theme::new(*name, false);
            let palette = theme.palette().expect("a colour theme");
            for (what, fg, bg) in palette.text_pairs() {
                let ratio = fg.contrast(bg);
                assert!(
                    ratio >= 7.0,
                    "{} theme, {what}: {ratio:.2}:1 is below 7:1",
                    name.as_str()
                );
            }
            for (color, fg) in crate::content::Color::ALL.iter().zip(palette.items) {
                let ratio = fg.contrast(palette.background);
                assert!(
                    ratio >= 7.0,
                    "{} theme, {} items: {ratio:.2}:1 is below 7:1",
                    name.as_str(),
                    color.as_str()
                );
            }
        }
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 1e-9);
        assert!((BLACK.contrast(BLACK) - 1.0).abs() < 1e-9);
        // WCAG's own example: #777777 on white is 4.48:1.
        let grey = Rgb(0x77, 0x77, 0x77);
        assert!((grey.contrast(WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn without_colour_focus_is_reverse_video_and_nothing_is_coloured() {
        let mono = Theme::new(ThemeName::Dark, true);
        assert!(mono.palette().is_none());
        let focus = mono.style(Role::Focus);
        assert!(focus.add_modifier.contains(Modifier::REVERSED));
        for role in [
            Role::Base,
            Role::Title,
            Role::Right,
            Role::NotYet,
            Role::Focus,
        ] {
            let s = mono.style(role);
            assert_eq!((s.fg, s.bg), (None, None), "{role:?}");
        }
    }
}
