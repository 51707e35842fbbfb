//! Kiosk mode: zhulao on a touchscreen left running all day in a community centre, with nobody
//! watching. Three promises, each in its own place:
//!
//! - **No way out without the teacher's PIN.** Ctrl-C, Esc at the top, `q` and the F-keys lead
//!   nowhere or to the PIN prompt (`app::update`, `screens::welcome`, `overlays::pin`); a PIN
//!   must have been set beforehand on the machine (`zhulao pin set`), so a passer-by cannot make
//!   one up at the kiosk.
//! - **A walk-away reset.** After some minutes without a touch, "还在吗？" counts down a minute
//!   and then goes back to the welcome screen with the learner signed out
//!   (`overlays::still_there`; the loop sleeps until that moment, see `event_loop`). Everything
//!   was already saved, so the learner resumes where they were.
//! - **Never a dead kiosk.** A panic is logged (`log`) and the app starts again in place; a
//!   damaged progress file is set aside, never deleted (`set_aside`), and a fresh one started;
//!   a centre's lesson folder that fails to load falls back to the built-in packs.
//!
//! `setup` holds the sample files for a Linux kiosk (cage + foot) that `zhulao kiosk-setup
//! --print` writes out, and `crate::doctor` checks a machine.

pub mod log;
pub mod set_aside;
pub mod setup;
pub mod supervisor;

use std::time::Duration;

pub use crate::settings::{IDLE_CHOICES, KioskSettings};

/// How long "还在吗？" counts down before the kiosk goes back to the welcome screen.
pub const COUNTDOWN: Duration = Duration::from_secs(60);

/// How kiosk mode stands for this run: the saved settings, and what the command line forces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kiosk {
    pub settings: KioskSettings,
    /// `--kiosk` was given: kiosk mode is on whatever the setting says.
    pub forced: bool,
    /// For tests and demonstrations: the idle time and countdown in seconds instead of the
    /// settings' minutes (`--idle-seconds`, `--countdown-seconds`, hidden options).
    pub idle_seconds: Option<u32>,
    pub countdown_seconds: Option<u32>,
}

impl Kiosk {
    pub fn on(&self) -> bool {
        self.forced || self.settings.enabled
    }

    /// How long without input before the walk-away reset begins (`None`: not a kiosk).
    pub fn idle_after(&self) -> Option<Duration> {
        self.on().then(|| match self.idle_seconds {
            Some(s) => Duration::from_secs(u64::from(s.max(1))),
            None => Duration::from_secs(u64::from(self.settings.idle_minutes.max(1)) * 60),
        })
    }

    pub fn countdown(&self) -> Duration {
        self.countdown_seconds
            .map_or(COUNTDOWN, |s| Duration::from_secs(u64::from(s.max(1))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapping_the_idle_time_goes_round_the_choices() {
        let mut s = KioskSettings::default();
        assert_eq!(
            s.idle_minutes, 3,
            "three minutes unless a teacher changes it"
        );
        let mut seen = vec![];
        for _ in 0..IDLE_CHOICES.len() {
            s.idle_minutes = s.next_idle();
            seen.push(s.idle_minutes);
        }
        assert_eq!(seen, [5, 10, 15, 30, 1, 2, 3]);
        s.idle_minutes = 7; // not a choice (set by hand in the database): back to the first
        assert_eq!(s.next_idle(), 1);
    }

    #[test]
    fn the_flag_forces_kiosk_mode_and_test_seconds_replace_minutes() {
        let mut k = Kiosk::default();
        assert_eq!(k.idle_after(), None, "not a kiosk: never reset");
        k.forced = true;
        assert_eq!(k.idle_after(), Some(Duration::from_secs(180)));
        k.idle_seconds = Some(2);
        k.countdown_seconds = Some(3);
        assert_eq!(k.idle_after(), Some(Duration::from_secs(2)));
        assert_eq!(k.countdown(), Duration::from_secs(3));
        k = Kiosk::default();
        k.settings.enabled = true;
        assert!(k.on());
        assert_eq!(k.countdown(), COUNTDOWN);
    }
}
