//! What a kiosk does after an internal error (a panic in the loop): the panic hook has given
//! the terminal back and logged it; the kiosk starts again at the welcome screen, since every
//! answer was committed when it was given and nothing is lost. Errors that come again and again
//! are not met by spinning: past `MAX_RESTARTS` within `RESTART_WINDOW` the kiosk stops (exit
//! code 70), for its service to start zhulao afresh.

use std::time::{Duration, Instant};

/// Restarts allowed within `RESTART_WINDOW` before stopping.
pub const MAX_RESTARTS: usize = 5;
pub const RESTART_WINDOW: Duration = Duration::from_secs(60);

/// The errors met lately.
#[derive(Debug, Default)]
pub struct Supervisor {
    errors: Vec<Instant>,
}

/// What to do after an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterError {
    /// Start again at the welcome screen (the log says so).
    StartAgain,
    /// Stop: the log line says why.
    Stop(String),
}

impl Supervisor {
    /// Whether the kiosk has been started again since it began.
    pub fn restarted(&self) -> bool {
        !self.errors.is_empty()
    }

    /// An error happened at `now`: start again, or stop.
    pub fn error_at(&mut self, now: Instant) -> AfterError {
        self.errors
            .retain(|at| now.duration_since(*at) < RESTART_WINDOW);
        self.errors.push(now);
        if self.errors.len() > MAX_RESTARTS {
            AfterError::Stop(format!(
                "{} errors within {} seconds: stopping, so the service can start zhulao afresh",
                self.errors.len(),
                RESTART_WINDOW.as_secs()
            ))
        } else {
            AfterError::StartAgain
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_now_and_then_restarts_but_a_burst_of_them_stops() {
        let t0 = Instant::now();
        let mut s = Supervisor::default();
        for i in 0..MAX_RESTARTS as u64 {
            assert_eq!(
                s.error_at(t0 + Duration::from_secs(i)),
                AfterError::StartAgain
            );
        }
        assert!(matches!(
            s.error_at(t0 + Duration::from_secs(10)),
            AfterError::Stop(_)
        ));
        // Errors far apart never add up.
        let mut s = Supervisor::default();
        for i in 0..20 {
            assert_eq!(s.error_at(t0 + RESTART_WINDOW * i), AfterError::StartAgain);
        }
    }
}
