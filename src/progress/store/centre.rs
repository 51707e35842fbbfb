//! The centre's facts (name, length of a class period): two rows of the `meta` table, so no
//! migration is needed and every process on the machine reads the same.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use crate::settings::{CentreSettings, DEFAULT_CLASS_MINUTES};

/// The longest centre name kept (in characters); a longer one is refused by the caller.
pub const CENTRE_NAME_MAX: usize = 40;

impl Store {
    /// The centre's settings (the defaults until a teacher saves some).
    pub fn centre_settings(&self) -> Result<CentreSettings, StoreError> {
        let get = |key: &str| -> Result<Option<String>, StoreError> {
            Ok(self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        };
        let name = get("centre_name")?.unwrap_or_default();
        let class_minutes = get("class_minutes")?
            .and_then(|v| v.parse::<u16>().ok())
            .filter(|m| (1..=240).contains(m))
            .unwrap_or(DEFAULT_CLASS_MINUTES);
        Ok(CentreSettings {
            name,
            class_minutes,
        })
    }

    /// Keeps the centre's settings; when this returns they are on disk. The name is trimmed
    /// and cut to `CENTRE_NAME_MAX` characters; a class period is kept between 1 and 240
    /// minutes.
    pub fn save_centre_settings(&mut self, settings: &CentreSettings) -> Result<(), StoreError> {
        let name: String = settings.name.trim().chars().take(CENTRE_NAME_MAX).collect();
        let minutes = settings.class_minutes.clamp(1, 240);
        let tx = self.write()?;
        for (key, value) in [
            ("centre_name", name),
            ("class_minutes", minutes.to_string()),
        ] {
            super::exchange::put_meta(&tx, key, &value)?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_settings_start_empty_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.centre_settings().unwrap(), CentreSettings::default());
        let ours = CentreSettings {
            name: "  幸福里社区长者学堂 ".into(),
            class_minutes: 50,
        };
        store.save_centre_settings(&ours).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        let back = store.centre_settings().unwrap();
        assert_eq!(back.name, "幸福里社区长者学堂");
        assert_eq!(back.class_minutes, 50);
    }
}
