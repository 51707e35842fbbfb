//! A copy of what the first screen needs — the machine's settings and its kiosk settings —
//! kept beside the database as `zhulao-first-screen.txt`, so that launch can draw the welcome
//! screen while the database is still opening (opening SQLite and reading its schema is most of
//! zhulao's own launch time: `benches/launch.rs`).
//!
//! The database stays the only record. The copy is written after every save of those settings
//! and at any launch where it differs from the database; it is read for nothing but that first
//! frame. A missing, damaged or out-of-date copy (another window changed the settings, or the
//! database was set aside) costs nothing but speed: before any key is handled, the settings are
//! read from the database and the screen is drawn from them. Deleting the file is harmless.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::settings::KioskSettings;
use crate::settings::{Settings, SpeechRate, TextSize, ThemeName};

pub const FILE: &str = "zhulao-first-screen.txt";

/// What the welcome screen is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FirstScreen {
    pub machine: Settings,
    pub kiosk: KioskSettings,
}

const HEADER: &str = "# zhulao: a copy of this machine's settings, to draw the first screen sooner.\n\
# The record is zhulao.sqlite3; zhulao rewrites this file, and deleting it is harmless.\n";

impl FirstScreen {
    fn to_text(self) -> String {
        let m = self.machine;
        format!(
            "{HEADER}lang = {}\ntext_size = {}\ntheme = {}\nread_aloud = {}\nspeech_rate = {}\nkiosk = {}\nidle_minutes = {}\n",
            m.lang.as_str(),
            m.text_size.as_str(),
            m.theme.as_str(),
            m.read_aloud,
            m.speech_rate.as_str(),
            self.kiosk.enabled,
            self.kiosk.idle_minutes,
        )
    }

    /// The copy's text, if every line is there and means something; otherwise `None` (the
    /// database is waited for).
    fn from_text(text: &str) -> Option<FirstScreen> {
        let mut fields = std::collections::HashMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line.split_once('=')?;
            fields.insert(key.trim(), value.trim());
        }
        let flag = |key: &str| match *fields.get(key)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        Some(FirstScreen {
            machine: Settings {
                lang: Lang::parse(fields.get("lang")?)?,
                text_size: TextSize::parse(fields.get("text_size")?)?,
                theme: ThemeName::parse(fields.get("theme")?)?,
                read_aloud: flag("read_aloud")?,
                speech_rate: SpeechRate::parse(fields.get("speech_rate")?)?,
            },
            kiosk: KioskSettings {
                enabled: flag("kiosk")?,
                idle_minutes: fields.get("idle_minutes")?.parse().ok()?,
            },
        })
    }
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The most a copy is read: it is a few hundred bytes, and whatever else is found under its name
/// is not read whole at every launch.
const MOST: u64 = 4096;

/// The copy in `dir`, if there is a usable one.
pub fn read(dir: &Path) -> Option<FirstScreen> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path(dir))
        .ok()?
        .take(MOST + 1)
        .read_to_string(&mut text)
        .ok()?;
    if text.len() as u64 > MOST {
        return None;
    }
    FirstScreen::from_text(&text)
}

/// Replaces the copy in `dir` whole (written beside it, then renamed over it, so a reader never
/// sees half a file).
pub fn write(dir: &Path, first: &FirstScreen) -> std::io::Result<()> {
    let temporary = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary)
        .and_then(|mut f| f.write_all(first.to_text().as_bytes()))
        .and_then(|()| std::fs::rename(&temporary, path(dir)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), None, "no copy yet");
        let first = FirstScreen {
            machine: Settings {
                lang: Lang::En,
                text_size: TextSize::Huge,
                theme: ThemeName::Yellow,
                read_aloud: true,
                speech_rate: SpeechRate::Slow,
            },
            kiosk: KioskSettings {
                enabled: true,
                idle_minutes: 10,
            },
        };
        write(dir.path(), &first).unwrap();
        assert_eq!(read(dir.path()), Some(first));
        write(dir.path(), &FirstScreen::default()).unwrap();
        assert_eq!(read(dir.path()), Some(FirstScreen::default()));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE], "no temporary file is left behind");
    }

    #[test]
    fn a_damaged_or_partial_copy_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let good = FirstScreen::default().to_text();
        for bad in [
            String::new(),
            good.replace("theme = dark", "theme = purple"),
            good.replace("kiosk = false", "kiosk = maybe"),
            good.replace("idle_minutes = 3", "idle_minutes = -3"),
            good.replace("lang = zh\n", ""),
            good.replace("lang = zh", "lang zh"),
            "\u{0}\u{ff}garbage".into(),
            // Too long to be a copy (read only up to its limit).
            format!("{good}# {}\n", "x".repeat(10 << 20)),
        ] {
            std::fs::write(dir.path().join(FILE), &bad).unwrap();
            assert_eq!(
                read(dir.path()),
                None,
                "{}",
                bad.chars().take(80).collect::<String>()
            );
        }
        // Not text at all, or a folder under the copy's name.
        std::fs::write(dir.path().join(FILE), b"\xff\xfe lang = zh").unwrap();
        assert_eq!(read(dir.path()), None);
        std::fs::remove_file(dir.path().join(FILE)).unwrap();
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        assert_eq!(read(dir.path()), None);
        assert!(write(dir.path(), &FirstScreen::default()).is_err());
    }
}
