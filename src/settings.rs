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

impl CentreSettings {
    /// The class period after `class_minutes` in `CLASS_MINUTE_CHOICES`, wrapping round (what
    /// tapping the setting does); a length set from the command line goes to the first.
    pub fn next_class_minutes(&self) -> u16 {
        let i = CLASS_MINUTE_CHOICES
            .iter()
            .position(|&m| m == self.class_minutes)
            .map_or(0, |i| (i + 1) % CLASS_MINUTE_CHOICES.len());
        CLASS_MINUTE_CHOICES[i]
    }
}

/// Reads a class period typed by a teacher ("45"): whole minutes from 1 to 240, or why not.
pub fn parse_class_minutes(typed: &str) -> Result<u16, crate::lang::Text> {
    let typed = crate::inert::inert(typed.trim()).into_owned();
    match typed.parse::<u32>() {
        Ok(m) if (1..=240).contains(&m) => Ok(m as u16),
        Ok(_) => Err(crate::said!(
            "一个课时要在 1 到 240 分钟之间（“{typed}”不行），比如 45。",
            "A class period is 1 to 240 minutes (not \"{typed}\"), such as 45."
        )),
        Err(_) => Err(crate::said!(
            "“{typed}”不是分钟数：请写一个整数，比如 45。",
            "\"{typed}\" is not a number of minutes: write a whole number, such as 45."
        )),
    }
}

/// Checks a centre name typed by a teacher: something visible, no emoji or invisible
/// characters, at most `CENTRE_NAME_MAX` characters. Returns it trimmed.
pub fn check_centre_name(typed: &str) -> Result<String, crate::lang::Text> {
    use crate::progress::store::centre::CENTRE_NAME_MAX;
    let name = typed.trim();
    let n = name.chars().count();
    if n > CENTRE_NAME_MAX {
        return Err(crate::said!(
            "中心名称最多 {CENTRE_NAME_MAX} 个字（这个有 {n} 个）。",
            "A centre name has at most {CENTRE_NAME_MAX} characters (this one has {n})."
        ));
    }
    if name.is_empty() {
        return Err(crate::said!(
            "中心名称是空的：请写上名称，比如 --name 幸福里社区长者学堂。",
            "The centre name is empty: write one, such as --name \"Happy Lane Senior School\"."
        ));
    }
    if crate::inert::check_name(name).is_err() {
        return Err(crate::said!(
            "中心名称里有表情符号或看不见的字符，请只用文字。",
            "The centre name holds an emoji or an invisible character: use letters only."
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_minutes_are_checked_and_cycle_through_the_choices() {
        assert_eq!(parse_class_minutes(" 45 "), Ok(45));
        for bad in ["0", "241", "-5", "45分钟", "", "4.5"] {
            let e = parse_class_minutes(bad).unwrap_err();
            assert!(
                e.zh.contains("分钟") && e.en.contains("minutes"),
                "{bad}: {e:?}"
            );
        }
        let mut c = CentreSettings::default();
        let mut seen = vec![c.class_minutes];
        for _ in 0..CLASS_MINUTE_CHOICES.len() - 1 {
            c.class_minutes = c.next_class_minutes();
            seen.push(c.class_minutes);
        }
        seen.sort_unstable();
        assert_eq!(seen, CLASS_MINUTE_CHOICES);
        c.class_minutes = 37;
        assert_eq!(c.next_class_minutes(), CLASS_MINUTE_CHOICES[0]);
    }

    #[test]
    fn centre_names_are_trimmed_and_bad_ones_refused() {
        assert_eq!(check_centre_name("  长者学堂 ").unwrap(), "长者学堂");
        assert!(check_centre_name("   ").is_err());
        assert!(check_centre_name(&"长".repeat(41)).is_err());
        assert!(check_centre_name("学堂\u{200B}").is_err());
    }

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
