//! How zhulao looks and speaks for one learner: language, text size, colours and read-aloud; and
//! the machine's kiosk settings (kiosk mode, the walk-away time), kept beside them.
//! Each learner's choice is kept in the database and restored when they pick their name; the
//! machine keeps its own choice as the starting point for new learners (and for the screens
//! before anyone has signed in). A kiosk with a weak-sighted class can thus start everyone at
//! 大字 while one learner who prefers normal text keeps it.

use crate::lang::Lang;
use crate::named::named_enum;

named_enum! {
    /// How big the key texts are drawn. Above `Normal`, the instruction, numbers to type,
    /// headings and the lesson-complete message are drawn in big pixel glyphs where they fit.
    pub enum TextSize {
        Normal = "normal",
        /// 大字: Unifont glyphs, one pixel per half cell.
        Big = "big",
        /// 特大: the same glyphs doubled.
        Huge = "huge",
    }
}

impl TextSize {
    pub fn bigger(self) -> TextSize {
        match self {
            TextSize::Normal => TextSize::Big,
            _ => TextSize::Huge,
        }
    }

    pub fn smaller(self) -> TextSize {
        match self {
            TextSize::Huge => TextSize::Big,
            _ => TextSize::Normal,
        }
    }
}

named_enum! {
    /// The colour schemes; every one keeps text at 7:1 contrast or more (WCAG AAA).
    pub enum ThemeName {
        /// White on black, yellow focus: the default.
        Dark = "dark",
        /// Black on white, for bright rooms and projectors.
        Light = "light",
        /// Yellow on black, which many people with low vision read best.
        Yellow = "yellow",
    }
}

named_enum! {
    /// How fast read-aloud speaks.
    pub enum SpeechRate {
        Slow = "slow",
        Normal = "normal",
        Fast = "fast",
    }
}

/// One step through a list of choices, wrapping round: what tapping a setting does.
pub fn cycle<T: Copy + PartialEq>(all: &[T], current: T) -> T {
    let i = all.iter().position(|v| *v == current).unwrap_or(0);
    all[(i + 1) % all.len()]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub lang: Lang,
    pub text_size: TextSize,
    pub theme: ThemeName,
    /// Speak each new step by itself (`r` speaks on request either way).
    pub read_aloud: bool,
    pub speech_rate: SpeechRate,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            text_size: TextSize::Normal,
            theme: ThemeName::Dark,
            read_aloud: false,
            speech_rate: SpeechRate::Normal,
        }
    }
}

/// Whose settings a row holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsOwner {
    /// The machine's defaults: used before anyone signs in and for new learners.
    Machine,
    Learner(String),
}

/// The idle times an instructor can choose between, in minutes.
pub const IDLE_CHOICES: [u16; 7] = [1, 2, 3, 5, 10, 15, 30];

/// The machine's kiosk settings, kept in the database and changed on the teacher's screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KioskSettings {
    /// Kiosk mode is on for this machine (also forced on for one run by `--kiosk`).
    pub enabled: bool,
    /// Minutes without input before "还在吗？" appears.
    pub idle_minutes: u16,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            enabled: false,
            idle_minutes: 3,
        }
    }
}

impl KioskSettings {
    /// The next idle time in `IDLE_CHOICES`, wrapping round (what tapping the setting does).
    pub fn next_idle(self) -> u16 {
        let i = IDLE_CHOICES
            .iter()
            .position(|&m| m == self.idle_minutes)
            .map_or(0, |i| (i + 1) % IDLE_CHOICES.len());
        IDLE_CHOICES[i]
    }
}

/// The centre's own facts, set on the teacher's screens and used by reports and certificates.
/// Kept in the database's `meta` table (`centre_name`, `class_minutes`), so every zhulao
/// process on the machine sees the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreSettings {
    /// The centre's name as printed on a certificate and a report ("" until a teacher sets it).
    pub name: String,
    /// The length of one class period (课时) in minutes, for the bureau's attendance figures.
    pub class_minutes: u16,
}

/// A class period's length when the teacher has not set one: 45 minutes, a common 课时.
pub const DEFAULT_CLASS_MINUTES: u16 = 45;

/// Lengths of a class period a teacher can choose from (tapping the setting goes round them).
pub const CLASS_MINUTE_CHOICES: [u16; 6] = [30, 40, 45, 50, 60, 90];

impl Default for CentreSettings {
    fn default() -> Self {
        CentreSettings {
            name: String::new(),
            class_minutes: DEFAULT_CLASS_MINUTES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_and_minus_stop_at_the_ends() {
        assert_eq!(TextSize::Normal.bigger(), TextSize::Big);
        assert_eq!(TextSize::Big.bigger(), TextSize::Huge);
        assert_eq!(TextSize::Huge.bigger(), TextSize::Huge);
        assert_eq!(TextSize::Huge.smaller(), TextSize::Big);
        assert_eq!(TextSize::Normal.smaller(), TextSize::Normal);
    }

    #[test]
    fn tapping_a_setting_cycles_through_its_values() {
        assert_eq!(cycle(ThemeName::ALL, ThemeName::Dark), ThemeName::Light);
        assert_eq!(cycle(ThemeName::ALL, ThemeName::Yellow), ThemeName::Dark);
    }
}
