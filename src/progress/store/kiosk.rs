//! The machine's kiosk settings: one row, written by the teacher's kiosk screen.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now_rfc3339};
use crate::settings::KioskSettings;

impl Store {
    /// The kiosk settings (the defaults until a teacher saves some).
    pub fn kiosk_settings(&self) -> Result<KioskSettings, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT enabled, idle_minutes FROM kiosk WHERE id = 1",
                [],
                |r| {
                    Ok(KioskSettings {
                        enabled: r.get::<_, i64>(0)? != 0,
                        idle_minutes: r.get::<_, i64>(1)?.clamp(1, 120) as u16,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Keeps the kiosk settings; when this returns they are on disk.
    pub fn save_kiosk_settings(&mut self, settings: &KioskSettings) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO kiosk (id, enabled, idle_minutes, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled,
                 idle_minutes = excluded.idle_minutes, updated_at = excluded.updated_at",
            params![
                settings.enabled as i64,
                i64::from(settings.idle_minutes.clamp(1, 120)),
                now_rfc3339()
            ],
        )?;
        tx.commit()?;
        self.copy_first_screen();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_settings_start_off_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.kiosk_settings().unwrap(), KioskSettings::default());
        let on = KioskSettings {
            enabled: true,
            idle_minutes: 10,
        };
        store.save_kiosk_settings(&on).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.kiosk_settings().unwrap(), on);
    }
}
