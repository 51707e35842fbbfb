//! The app's runner: performs effects against the progress store (`progress::Store`) and the
//! read-aloud program (`speech::Speaker`), at the time the loop's clock gives, and owns the
//! lessons the app runs on.

use super::{Performed, Runner};
use crate::app::{Action, Effect, Notice, Now, PinView};
use crate::content::Library;
use crate::progress::store::format_time;
use crate::progress::{Progress, Reviews, Store, StoreError};
use crate::settings::SettingsOwner;
use crate::speech::{Speaker, SpeechError};

/// How long a save waits for another window's lock before the loop takes over the waiting.
pub const SAVE_PATIENCE: std::time::Duration = std::time::Duration::from_millis(300);

/// What the app's effects are performed with.
pub struct Io {
    pub lib: Library,
    pub store: Store,
    pub speaker: Speaker,
    /// The machine's time zone, for "today" in the instructor's views and in reviews.
    pub utc_offset: time::UtcOffset,
    /// `PRAGMA data_version` when the instructor's screen last read the database.
    seen_version: Option<i64>,
}

impl Io {
    /// The runner for the app. When another zhulao window holds the database, the store waits
    /// only a moment (`SAVE_PATIENCE`: keys pressed meanwhile wait in the terminal); after
    /// that the loop tries again every moment with "正在保存…" on screen, rather than the
    /// screen freezing while SQLite waits.
    pub fn new(lib: Library, mut store: Store, speaker: Speaker) -> Io {
        store.set_patience(SAVE_PATIENCE);
        Io {
            lib,
            store,
            speaker,
            utc_offset: time::UtcOffset::UTC,
            seen_version: None,
        }
    }
}

impl Runner for Io {
    fn lib(&self) -> &Library {
        &self.lib
    }

    fn before_input(&mut self) {
        self.speaker.reap();
    }

    fn perform(&mut self, effect: Effect, now: Now) -> Performed {
        let now = now.wall;
        let offset = self.utc_offset;
        let store = &mut self.store;
        let failed = |e: StoreError, retry: Effect| {
            if e.is_busy() {
                Performed::Later(retry)
            } else {
                Performed::Done(Some(Action::StoreFailed {
                    trouble: e.trouble(),
                    retry,
                }))
            }
        };
        let done = |action: Action| Performed::Done(Some(action));
        match effect.clone() {
            Effect::LoadLearners => match store.learners() {
                Ok(list) => done(Action::LearnersLoaded(list)),
                Err(e) => failed(e, effect),
            },
            Effect::AddLearner(new) => match store.add_learner(&new) {
                Ok(learner) => done(Action::LearnerAdded(learner)),
                Err(e) => failed(e, effect),
            },
            Effect::OpenLearner(learner) => {
                let owner = SettingsOwner::Learner(learner.id.clone());
                let loaded = store
                    .events_for(&learner.id)
                    .and_then(|events| Ok((events, store.settings(&owner)?)));
                match loaded {
                    Ok((events, settings)) => done(Action::LearnerOpened {
                        learner,
                        progress: Progress::from_events(&events),
                        reviews: Reviews::from_events(
                            &events,
                            offset,
                            crate::progress::store::local_date(now, offset),
                        ),
                        settings,
                    }),
                    Err(e) => failed(e, effect),
                }
            }
            Effect::Record(draft) => match store.record_at(&draft, &format_time(now)) {
                Ok(event) => done(Action::Recorded(event)),
                Err(e) => failed(e, effect),
            },
            Effect::RecordHelp(draft) => match store.record_help_at(&draft, &format_time(now)) {
                Ok(()) => done(Action::HelpRecorded),
                Err(e) => failed(e, effect),
            },
            Effect::SaveSettings(owner, settings) => match store.save_settings(&owner, &settings) {
                Ok(()) => done(Action::SettingsSaved),
                Err(e) => failed(e, effect),
            },
            Effect::Speak { text, lang, rate } => {
                Performed::Done(match self.speaker.speak(&text, lang, rate) {
                    Ok(()) => None,
                    Err(SpeechError::NotInstalled { program }) => {
                        Some(Action::Notice(Notice::SpeechMissing { program }))
                    }
                    Err(e) => Some(Action::Notice(Notice::SpeechFailed {
                        reason: e.to_string(),
                    })),
                })
            }
            Effect::LoadCentre => match store.centre_settings() {
                Ok(settings) => done(Action::Centre(settings)),
                Err(e) => failed(e, effect),
            },
            Effect::SaveCentre(settings) => match store.save_centre_settings(&settings) {
                Ok(()) => match store.centre_settings() {
                    Ok(kept) => done(Action::Centre(kept)),
                    Err(e) => failed(e, effect),
                },
                Err(e) => failed(e, effect),
            },
            Effect::SaveKiosk(settings) => match store.save_kiosk_settings(&settings) {
                Ok(()) => done(Action::KioskSaved),
                Err(e) => failed(e, effect),
            },
            Effect::StopSpeech | Effect::Quit => {
                self.speaker.stop();
                Performed::Done(None)
            }
            Effect::LoadPinState => match store.pin_state() {
                Ok(state) => done(Action::PinState(PinView {
                    set: state.hash.is_some(),
                    locked: state.locked(),
                    wait_seconds: state.wait_seconds(now),
                })),
                Err(e) => failed(e, effect),
            },
            Effect::CheckPin(pin) => match crate::pin::check(store, &pin, now) {
                Ok(checked) => done(Action::PinChecked(checked)),
                Err(e) => failed(e, effect),
            },
            Effect::SetPin(pin) => {
                let saved = crate::pin::hash(&pin)
                    .map_err(StoreError::Sqlite)
                    .and_then(|hash| store.set_pin_hash(&hash));
                match saved {
                    Ok(()) => done(Action::PinSet),
                    Err(e) => failed(e, effect),
                }
            }
            Effect::Query(query) => match crate::app::answer(store, &query, offset, now) {
                Ok(answer) => {
                    self.seen_version = store.data_version().ok();
                    done(Action::Answer(answer))
                }
                Err(e) => failed(e, effect),
            },
            Effect::Refresh(query) => {
                let version = store.data_version().ok();
                if version.is_none() || version == self.seen_version {
                    return Performed::Done(None);
                }
                self.seen_version = version;
                match crate::app::answer(store, &query, offset, now) {
                    Ok(answer) => done(Action::Answer(answer)),
                    Err(e) => failed(e, effect),
                }
            }
            Effect::FindPlaces => {
                let data = store.path().parent().unwrap_or(std::path::Path::new("."));
                done(Action::Places(crate::records::report::places::find_places(
                    data,
                )))
            }
            Effect::WriteReport { place, lang } => done(Action::ReportWritten(write_report(
                store,
                &self.lib,
                &place.folder,
                lang,
                now,
            ))),
            Effect::Roster(command) => match crate::app::change_roster(store, command) {
                Ok(answer) => {
                    self.seen_version = store.data_version().ok();
                    done(Action::Answer(answer))
                }
                Err(e) => failed(e, effect),
            },
        }
    }
}

/// The whole record as an XLSX report in `folder` (made if missing), in `lang`: its path, or
/// why not in that language.
fn write_report(
    store: &Store,
    lib: &Library,
    folder: &std::path::Path,
    lang: crate::lang::Lang,
    now: time::OffsetDateTime,
) -> Result<std::path::PathBuf, String> {
    use crate::records::report::file::Why;
    use crate::records::report::{ReportFormat, ReportOptions, default_file_name, write_report};
    let options = ReportOptions {
        lang,
        ..ReportOptions::new(ReportFormat::Xlsx)
    };
    let path = folder.join(default_file_name(options.format, options.offset, now));
    std::fs::create_dir_all(folder).map_err(|e| Why::of(&e).shown(lang))?;
    write_report(store, lib, &options, &path)
        .map(|_| path)
        .map_err(|e| e.shown(lang))
}
