//! The clock is an input, like a key. The loop owns the one `Clock` and hands the time it read
//! to `update` (in `Ctx`) and to the views (in `ViewCx`); nothing else asks the system for the
//! time. Tests use a clock they move by hand, so nothing they check waits on real seconds.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

/// The time, as read once from the loop's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Milliseconds since the clock started: for time spent on a step and countdowns. Never
    /// goes back.
    pub ms: u64,
    /// The wall-clock time (UTC): for what is recorded, "today" and the teacher's views.
    pub wall: OffsetDateTime,
}

impl Now {
    /// A fixed time, for tests and for drawing before any clock was read.
    pub fn at(ms: u64, wall: OffsetDateTime) -> Now {
        Now { ms, wall }
    }

    /// This time `ms` milliseconds later.
    pub fn later(self, ms: u64) -> Now {
        Now {
            ms: self.ms + ms,
            wall: self.wall + Duration::from_millis(ms),
        }
    }
}

impl Default for Now {
    /// The start of 2026: only for an app that has not read its clock yet.
    fn default() -> Now {
        Now {
            ms: 0,
            wall: time::macros::datetime!(2026-01-01 0:00 UTC),
        }
    }
}

/// Where the loop reads the time.
pub trait Clock {
    fn now(&self) -> Now;

    /// The real instant at which this clock will read `ms` (its `Now::ms`): what the loop
    /// waits for input until. A clock moved ahead by a test reaches a time sooner.
    fn instant_at(&self, ms: u64) -> Instant;
}

/// The system's clocks: monotonic for `ms`, the calendar for `wall`.
#[derive(Debug, Clone)]
pub struct SystemClock {
    start: Instant,
    /// Moved ahead by this much (milliseconds): always 0 in the app; the end-to-end tests move
    /// a debug build's clock through `Shifted`.
    shift: Arc<AtomicU64>,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::new()
    }
}

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock {
            start: Instant::now(),
            shift: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A handle that moves this clock ahead (tests).
    pub fn shifter(&self) -> Shifter {
        Shifter(self.shift.clone())
    }

    fn shift_ms(&self) -> u64 {
        self.shift.load(Ordering::SeqCst)
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Now {
        let shift = self.shift_ms();
        Now {
            ms: self.start.elapsed().as_millis() as u64 + shift,
            wall: OffsetDateTime::now_utc() + Duration::from_millis(shift),
        }
    }

    fn instant_at(&self, ms: u64) -> Instant {
        let real = ms.saturating_sub(self.shift_ms());
        self.start + Duration::from_millis(real)
    }
}

/// Moves a `SystemClock` ahead, as if that much time had passed.
#[derive(Debug, Clone)]
pub struct Shifter(Arc<AtomicU64>);

impl Shifter {
    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    /// Moves the clock to be `total` ahead of the real one (never back).
    pub fn set(&self, total: Duration) {
        self.0.fetch_max(total.as_millis() as u64, Ordering::SeqCst);
    }
}

/// A system clock moved ahead by the milliseconds written in a file, read at every reading: how
/// the end-to-end tests move a debug build's clock (`ZHULAO_TEST_CLOCK`) instead of waiting.
/// Not in a release build.
#[cfg(debug_assertions)]
pub struct FileShifted {
    clock: SystemClock,
    file: std::path::PathBuf,
}

#[cfg(debug_assertions)]
impl FileShifted {
    pub fn new(file: std::path::PathBuf) -> FileShifted {
        FileShifted {
            clock: SystemClock::new(),
            file,
        }
    }

    fn follow(&self) {
        if let Ok(text) = std::fs::read_to_string(&self.file)
            && let Ok(ms) = text.trim().parse::<u64>()
        {
            self.clock.shifter().set(Duration::from_millis(ms));
        }
    }
}

#[cfg(debug_assertions)]
impl Clock for FileShifted {
    fn now(&self) -> Now {
        self.follow();
        self.clock.now()
    }

    fn instant_at(&self, ms: u64) -> Instant {
        self.follow();
        self.clock.instant_at(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_clock_reads_later_and_reaches_its_times_sooner() {
        let clock = SystemClock::new();
        let before = clock.now();
        clock.shifter().advance(Duration::from_secs(60));
        let after = clock.now();
        assert!(after.ms >= before.ms + 60_000);
        assert!(after.wall >= before.wall + Duration::from_secs(60));
        // A time a minute from the start is due now, not in a minute.
        assert!(clock.instant_at(60_000) <= Instant::now());
    }

    #[test]
    fn later_moves_both_readings() {
        let now = Now::default().later(1500);
        assert_eq!(now.ms, 1500);
        assert_eq!(now.wall, Now::default().wall + Duration::from_millis(1500));
    }
}

#[cfg(all(test, debug_assertions))]
mod file_tests {
    use super::*;

    #[test]
    fn a_file_moves_the_clock() {
        let dir = std::env::temp_dir().join(format!("zhulao-clock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("clock");
        std::fs::write(&file, "0").unwrap();
        let clock = FileShifted::new(file.clone());
        let before = clock.now();
        std::fs::write(&file, "1100\n").unwrap();
        let after = clock.now();
        assert!(after.ms >= before.ms + 1100, "{before:?} {after:?}");
        assert!(after.wall >= before.wall + Duration::from_millis(1100));
    }
}

/// The loop's clock (the app's and the preview's). A debug build (the tests' binary) follows
/// `ZHULAO_TEST_CLOCK`: a file holding how many milliseconds ahead of the real clock to be,
/// which an end-to-end test writes to move the app's clock instead of waiting. A release build
/// has only the real clock.
pub fn for_the_loop() -> Box<dyn Clock> {
    #[cfg(debug_assertions)]
    if let Some(file) = std::env::var_os("ZHULAO_TEST_CLOCK") {
        return Box::new(FileShifted::new(file.into()));
    }
    Box::new(SystemClock::new())
}
