//! Settings rows: one per learner who chose any, and one for the machine ('machine').

use rusqlite::params;

use super::events::word;
use super::{Store, StoreError, now_rfc3339};
use crate::lang::Lang;
use crate::progress::first_screen::{self, FirstScreen};
use crate::settings::{Settings, SettingsOwner, SpeechRate, TextSize, ThemeName};

impl Store {
    /// The settings kept for `owner`, if any were ever saved.
    pub fn settings(&self, owner: &SettingsOwner) -> Result<Option<Settings>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT lang, text_size, theme, read_aloud, speech_rate FROM settings WHERE owner = ?1",
        )?;
        let mut rows = stmt.query_map([owner_key(owner)], |r| {
            Ok(Settings {
                lang: word(r, 0, Lang::parse, "language")?,
                text_size: word(r, 1, TextSize::parse, "text size")?,
                theme: word(r, 2, ThemeName::parse, "theme")?,
                read_aloud: r.get::<_, i64>(3)? != 0,
                speech_rate: word(r, 4, SpeechRate::parse, "speech rate")?,
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// Keeps `settings` for `owner`; when this returns they are on disk.
    pub fn save_settings(
        &mut self,
        owner: &SettingsOwner,
        settings: &Settings,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO settings (owner, lang, text_size, theme, read_aloud, speech_rate, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (owner) DO UPDATE SET lang = excluded.lang,
                 text_size = excluded.text_size, theme = excluded.theme,
                 read_aloud = excluded.read_aloud, speech_rate = excluded.speech_rate,
                 updated_at = excluded.updated_at",
            params![
                owner_key(owner),
                settings.lang.as_str(),
                settings.text_size.as_str(),
                settings.theme.as_str(),
                settings.read_aloud as i64,
                settings.speech_rate.as_str(),
                now_rfc3339(),
            ],
        )?;
        tx.commit()?;
        if *owner == SettingsOwner::Machine {
            self.copy_first_screen();
        }
        Ok(())
    }

    /// What the first screen is drawn with: the machine's settings and kiosk settings.
    pub fn first_screen(&self) -> Result<FirstScreen, StoreError> {
        Ok(FirstScreen {
            machine: self.settings(&SettingsOwner::Machine)?.unwrap_or_default(),
            kiosk: self.kiosk_settings()?,
        })
    }

    /// Rewrites the copy of the first screen's settings beside the database after they changed
    /// (see `progress::first_screen`). Only a copy: when it cannot be written, the next launch
    /// waits for the database instead.
    pub(super) fn copy_first_screen(&self) {
        if let (Ok(first), Some(dir)) = (self.first_screen(), self.path.parent()) {
            let _ = first_screen::write(dir, &first);
        }
    }
}

fn owner_key(owner: &SettingsOwner) -> &str {
    match owner {
        SettingsOwner::Machine => "machine",
        SettingsOwner::Learner(id) => id,
    }
}
