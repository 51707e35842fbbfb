//! The instructor's PIN: 6 to 12 digits, kept only as an Argon2id hash with OWASP's parameters
//! (19 MiB of memory, 2 passes, 1 lane), so a copied database does not give it away. Checking a
//! PIN goes through the database's count of wrong tries (see `progress::store::instructor`):
//! the wait after a wrong PIN grows, and ten wrong PINs lock it until `zhulao pin reset`.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::progress::store::instructor::{PinState, PinTry};
use crate::progress::{Store, StoreError};

pub const MIN_DIGITS: usize = 6;
pub const MAX_DIGITS: usize = 12;

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Whether a PIN may be set: digits only, 6 to 12 of them.
pub fn acceptable(pin: &str) -> bool {
    (MIN_DIGITS..=MAX_DIGITS).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// The PHC string stored for a PIN.
pub fn hash(pin: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| argon2().verify_password(pin.as_bytes(), &h).is_ok())
}

/// What came of a PIN typed at the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    Right,
    /// Wrong; the next try must wait this many seconds.
    Wrong {
        wait_seconds: u64,
        tries_left: u32,
    },
    /// A wrong PIN came too soon after the last: nothing was checked.
    TooSoon {
        wait_seconds: u64,
    },
    /// Ten wrong PINs: only `zhulao pin reset` opens it again.
    Locked,
    /// No PIN was ever set.
    NotSet,
}

/// Checks a typed PIN against the database at `now` (the loop's clock), counting it if it is
/// wrong.
pub fn check(
    store: &mut Store,
    pin: &str,
    now: time::OffsetDateTime,
) -> Result<Checked, StoreError> {
    let (stored, if_wrong) = match store.pin_try(now)? {
        PinTry::NotSet => return Ok(Checked::NotSet),
        PinTry::Locked => return Ok(Checked::Locked),
        PinTry::TooSoon { wait_seconds } => return Ok(Checked::TooSoon { wait_seconds }),
        PinTry::Check { hash, if_wrong } => (hash, if_wrong),
    };
    if matches(pin, &stored) {
        store.pin_passed()?;
        return Ok(Checked::Right);
    }
    Ok(after_failure(&if_wrong, now))
}

fn after_failure(state: &PinState, now: time::OffsetDateTime) -> Checked {
    if state.locked() {
        Checked::Locked
    } else {
        Checked::Wrong {
            wait_seconds: state.wait_seconds(now).unwrap_or(0),
            tries_left: crate::progress::store::instructor::MAX_FAILURES - state.failures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_six_to_twelve_digits() {
        assert!(acceptable("123456"));
        assert!(acceptable("123456789012"));
        assert!(!acceptable("12345"));
        assert!(!acceptable("1234567890123"));
        assert!(!acceptable("12345a"));
    }

    #[test]
    fn only_a_hash_is_kept_and_it_checks_the_pin() {
        let stored = hash("246810").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(!stored.contains("246810"));
        assert!(matches("246810", &stored));
        assert!(!matches("246811", &stored));
    }
}
