//! Launch: the welcome screen is drawn from the copy of the machine's settings kept beside the
//! database (`progress::first_screen`) before the database is opened, the packs have loaded
//! and the read-aloud program, set-aside files and time zone are known; no key is handled
//! before the database's own settings are drawn, and the copy follows the database. Opening a
//! database that is already current writes nothing to it.

use crate::common;

use std::path::Path;

use common::{pty, render_buffer};
use zhulao::app::{App, Env};
use zhulao::content::Library;
use zhulao::kiosk::KioskSettings;
use zhulao::lang::Lang;
use zhulao::progress::Store;
use zhulao::progress::first_screen::{self, FirstScreen};
use zhulao::settings::{Settings, SettingsOwner, TextSize, ThemeName};

const BIN: &str = env!("CARGO_BIN_EXE_zhulao");

/// Every way the welcome screen can look at start.
fn welcome_screens() -> Vec<App> {
    let mut apps = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for text_size in [TextSize::Normal, TextSize::Big, TextSize::Huge] {
            for theme in [ThemeName::Dark, ThemeName::Light, ThemeName::Yellow] {
                for kiosk in [false, true] {
                    let machine = Settings {
                        lang,
                        text_size,
                        theme,
                        ..Settings::default()
                    };
                    let mut app = App::new(machine, Env::default());
                    app.session.kiosk.settings.enabled = kiosk;
                    apps.push(app);
                }
            }
        }
    }
    apps
}

/// What launch finds out after the first screen: the read-aloud program, set-aside files and
/// the time zone.
fn found_out(no_color: bool) -> Vec<Env> {
    vec![
        Env {
            no_color,
            utc_offset_seconds: 8 * 3600,
            ..Env::default()
        },
        Env {
            speech: zhulao::app::SpeechStatus::Missing {
                program: "espeak-ng".into(),
            },
            no_color,
            utc_offset_seconds: -5 * 3600,
            set_aside: vec!["zhulao.sqlite3.broken-20261129T101500Z".into()],
            preview: false,
        },
    ]
}

#[test]
fn the_welcome_screen_draws_the_same_before_the_packs_and_the_rest_are_known() {
    let packs = zhulao::built_in::load_library(None).expect("the built-in course");
    let none = Library::default();
    for early in welcome_screens() {
        for no_color in [false, true] {
            let mut early = early.clone();
            early.env = Env::drawing(no_color);
            assert!(
                early.draws_without_packs(),
                "the welcome screen may be drawn early"
            );
            for env in found_out(no_color) {
                let mut later = early.clone();
                later.env = env;
                for (w, h) in [(80, 24), (40, 12), (120, 40), (200, 60)] {
                    let (with, with_hits) = render_buffer(&later, &packs, w, h);
                    let (without, without_hits) = render_buffer(&early, &none, w, h);
                    assert_eq!(with, without, "{w}×{h} {:?}", later.session.settings);
                    assert_eq!(
                        format!("{with_hits:?}"),
                        format!("{without_hits:?}"),
                        "taps mean the same"
                    );
                }
            }
        }
    }
}

#[test]
fn a_screen_that_shows_the_packs_is_not_drawn_early() {
    let mut app = App::new(Settings::default(), Env::default());
    app.screen = zhulao::screens::Screen::from(zhulao::screens::learners::Learners::loading());
    assert!(!app.draws_without_packs());
}

fn copy_in(data: &Path, lang: Lang) {
    let first = FirstScreen {
        machine: Settings {
            lang,
            ..Settings::default()
        },
        kiosk: KioskSettings::default(),
    };
    first_screen::write(data, &first).unwrap();
}

#[test]
fn the_first_frame_comes_from_the_copy_and_the_database_wins_before_any_key() {
    let data = tempfile::tempdir().unwrap();
    // The database says Chinese; the copy (left by an older run, say) says English.
    drop(Store::open(data.path()).unwrap());
    copy_in(data.path(), Lang::En);
    let mut s = pty::Session::start(BIN, data.path(), 80, 24, &[]);
    s.wait_for("开始学习");
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let english = raw
        .find("skills")
        .expect("the first frame was drawn from the copy");
    // (Wide characters are written one by one, so look for one.)
    let chinese = raw
        .find('开')
        .expect("then the database's settings were drawn");
    assert!(english < chinese, "the copy's frame came first");
    // The copy now follows the database.
    let copy = first_screen::read(data.path()).unwrap();
    assert_eq!(copy.machine.lang, Lang::Zh);
    // The first key is handled on the database's screen: "2" switches to English, and both
    // the database and the copy say so.
    s.key("2", "Start learning");
    s.send("\x03");
    s.key("1", "");
    s.wait_exit();
    let store = Store::open(data.path()).unwrap();
    let machine = store.settings(&SettingsOwner::Machine).unwrap().unwrap();
    assert_eq!(machine.lang, Lang::En);
    assert_eq!(
        first_screen::read(data.path()).unwrap().machine.lang,
        Lang::En
    );
}

#[test]
fn without_a_usable_copy_launch_waits_for_the_database_and_writes_one() {
    for copy in [None, Some("lang = klingon\n"), Some("\u{0}\u{1}")] {
        let data = tempfile::tempdir().unwrap();
        let mut store = Store::open(data.path()).unwrap();
        let machine = Settings {
            lang: Lang::En,
            ..Settings::default()
        };
        store
            .save_settings(&SettingsOwner::Machine, &machine)
            .unwrap();
        drop(store);
        let file = data.path().join(first_screen::FILE);
        match copy {
            None => {
                let _ = std::fs::remove_file(&file);
            }
            Some(text) => std::fs::write(&file, text).unwrap(),
        }
        let mut s = pty::Session::start(BIN, data.path(), 40, 12, &[]);
        s.wait_for("Start");
        let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
        assert!(
            !raw.contains('开'),
            "nothing was drawn from a bad copy: {copy:?}"
        );
        s.send("\x03");
        s.send("1");
        s.wait_exit();
        assert_eq!(
            first_screen::read(data.path()).unwrap().machine,
            machine,
            "{copy:?}"
        );
    }
}

#[test]
fn saving_the_machine_or_kiosk_settings_rewrites_the_copy_and_a_learner_s_does_not() {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(data.path()).unwrap();
    let big = Settings {
        text_size: TextSize::Big,
        ..Settings::default()
    };
    store.save_settings(&SettingsOwner::Machine, &big).unwrap();
    assert_eq!(first_screen::read(data.path()).unwrap().machine, big);
    let learner = Settings {
        lang: Lang::En,
        ..Settings::default()
    };
    store
        .save_settings(&SettingsOwner::Learner("someone".into()), &learner)
        .unwrap();
    assert_eq!(first_screen::read(data.path()).unwrap().machine, big);
    let kiosk = KioskSettings {
        enabled: true,
        idle_minutes: 5,
    };
    store.save_kiosk_settings(&kiosk).unwrap();
    assert_eq!(
        first_screen::read(data.path()).unwrap(),
        FirstScreen {
            machine: big,
            kiosk
        }
    );
    assert_eq!(
        store.first_screen().unwrap(),
        first_screen::read(data.path()).unwrap()
    );
}

#[test]
fn opening_a_database_that_is_already_current_writes_nothing_to_it() {
    let data = tempfile::tempdir().unwrap();
    drop(Store::open(data.path()).unwrap());
    let file = data.path().join(zhulao::progress::store::DB_FILE);
    let before = std::fs::read(&file).unwrap();
    for _ in 0..3 {
        let store = Store::open(data.path()).unwrap();
        assert!(store.first_screen().is_ok());
        drop(store);
    }
    assert!(
        std::fs::read(&file).unwrap() == before,
        "the file is byte for byte the same after three launches"
    );
}
