//! Starting the app in the terminal: the first screen drawn from a copy of its settings before
//! the database is opened, the packs loaded meanwhile, then the loop — and on a kiosk, started
//! again at the welcome screen after an internal error (`crate::kiosk::supervisor`).

use std::process::ExitCode;

use super::args::Cli;
use super::commands::print_errors;
use super::exit;
use crate::app::{Action, App, Env, SpeechStatus};
use crate::built_in::load_library;
use crate::content::{Library, PackError};
use crate::event_loop::{Exit, Input, Inputs, Io};
use crate::inert::inert;
use crate::kiosk::supervisor::{AfterError, Supervisor};
use crate::progress::first_screen::FirstScreen;
use crate::progress::{Store, StoreError, default_data_dir};
use crate::speech::{Availability, Speaker, SpeechCommand};
use crate::terminal::{Channel, TerminalGuard};

pub fn run(cli: Cli) -> ExitCode {
    // A wrong command line is reported before anything is opened or created.
    let command = match SpeechCommand::resolve(cli.speech_command.as_deref()) {
        Ok(command) => command,
        Err(e) => {
            complain!(
                "zhulao: 朗读命令有问题 / the read-aloud command: {}",
                inert(&e.to_string())
            );
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    let data_dir = cli.data.clone().unwrap_or_else(default_data_dir);
    // Problems with lesson packs are told in the language asked for (Chinese unless --lang en).
    let lang = cli.lang.unwrap_or_default();
    let Started {
        copy,
        inputs,
        guard,
    } = start(&data_dir);
    // Until the loop runs, whatever goes wrong is said on the ordinary screen: the terminal is
    // given back first (`Stop::say`, or `guard = None`).
    let mut guard = Some(guard);
    // https://no-color.org: set and not empty.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // The first screen, drawn from the copy of its settings before the database is opened, if
    // it shows nothing of the packs (nor of the read-aloud program, set-aside files or time
    // zone, found out next). No key is handled before the database's own settings are read and
    // drawn (keys pressed meanwhile wait in the terminal).
    if let (Some(copy), Some(Ok(shown))) = (&copy, guard.as_mut())
        && !cli.instructor
    {
        let app = app_from(&cli, copy, &Env::drawing(no_color));
        if app.draws_without_packs() {
            // A frame that cannot be drawn is drawn again, and its error reported, by the loop.
            let _ = crate::event_loop::draw(&mut shown.terminal, &app, &Library::default());
        }
    }
    // The time zone can only be read safely while this is the one thread (it still is: the
    // signals are only caught so far, and no thread has started).
    let utc_offset = crate::records::report::local_offset();
    let speaker = Speaker::new(Some(command));
    let mut env = Env {
        speech: match speaker.available() {
            Availability::Ready => SpeechStatus::Ready,
            Availability::NotInstalled { program } => SpeechStatus::Missing { program },
        },
        no_color,
        utc_offset_seconds: utc_offset.whole_seconds(),
        set_aside: set_aside_names(&data_dir),
        preview: false,
    };
    // The packs load while the database opens.
    let lessons = cli.lessons.clone();
    let library = std::thread::spawn(move || load_library(lessons.as_deref()));
    let store = Store::open(&data_dir);
    let (store, set_aside_as) = match usable(store, &cli, &data_dir) {
        Ok(usable) => usable,
        Err(stop) => return stop.say(guard),
    };
    crate::terminal::log_panics_in(data_dir.clone());
    if set_aside_as.is_some() {
        // The damaged file was set aside just now.
        env.set_aside = set_aside_names(&data_dir);
    }
    let first = match store.first_screen() {
        Ok(first) => first,
        Err(e) => {
            return Stop {
                code: exit::NO_DATABASE,
                message: format!(
                    "zhulao: 无法读取设置 / cannot read the settings:\n{}",
                    inert(&e.to_string())
                ),
            }
            .say(guard);
        }
    };
    if copy != Some(first) {
        // Only a copy: if it cannot be written, the next launch waits for the database.
        let _ = crate::progress::first_screen::write(&data_dir, &first);
    }
    let mut app = app_from(&cli, &first, &env);
    // Handled before the first key: the news of a record set aside, the PIN prompt asked for.
    let mut at_start = Vec::new();
    if let Some(file) = set_aside_as {
        at_start.push(Action::RecordSetAside(file));
    }
    if cli.instructor {
        at_start.push(Action::Instructor);
    }
    let library = library.join().unwrap_or_else(|_| {
        Err(vec![PackError::internal(crate::said!(
            "读取课程包时程序出了内部错误",
            "loading the packs stopped with an internal error"
        ))])
    });
    let library = match library {
        Ok(library) => library,
        // A kiosk never refuses to start over the centre's own lessons: it teaches the
        // built-in ones and the log says why.
        Err(errors) if cli.kiosk => {
            let why: Vec<String> = errors.iter().map(|e| e.shown(lang)).collect();
            let _ = crate::kiosk::log::write(
                &data_dir,
                &format!(
                    "the lesson folder did not load, so the built-in lessons are used:\n{}",
                    why.join("\n")
                ),
            );
            guard = None;
            complain!(
                "zhulao: 课程包有问题，改用内置课程 / lesson packs have problems, using the built-in ones:"
            );
            print_errors(&errors, lang);
            match load_library(None) {
                Ok(library) => library,
                Err(errors) => {
                    print_errors(&errors, lang);
                    return ExitCode::from(exit::BROKEN_PACK);
                }
            }
        }
        Err(errors) => {
            drop(guard);
            complain!("zhulao: 课程包有问题 / some lesson packs have problems:");
            print_errors(&errors, lang);
            complain!(
                "{}",
                match lang {
                    crate::lang::Lang::Zh => "改好以后，请运行 `zhulao check 文件夹` 再检查一遍。",
                    crate::lang::Lang::En => "Run `zhulao check DIR` after fixing them.",
                }
            );
            return ExitCode::from(exit::BROKEN_PACK);
        }
    };
    let mut io = Io::new(library, store, speaker);
    io.utc_offset = utc_offset;
    let clock = crate::app::clock::for_the_loop();
    let mut inputs = match inputs.and_then(|caught| caught.listen()) {
        Ok(channel) => TestPanic::new(channel),
        Err(e) => {
            return Stop {
                code: exit::PROBLEMS,
                message: format!("zhulao: {}", inert(&e.to_string())),
            }
            .say(guard);
        }
    };
    let mut supervisor = Supervisor::default();
    let result = loop {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // The terminal taken over at start; again after a panic gave it back.
            let mut guard = match guard.take() {
                Some(Ok(guard)) => guard,
                Some(Err(e)) => return Err(e.into()),
                None => TerminalGuard::new()?,
            };
            if supervisor.restarted() {
                // Back from a panic: draw everything afresh.
                guard.terminal.clear()?;
            }
            crate::event_loop::run(
                &mut guard.terminal,
                &mut app,
                &mut io,
                &mut inputs,
                clock.as_ref(),
                std::mem::take(&mut at_start),
            )
        }));
        let payload = match run {
            Ok(result) => break result,
            Err(payload) => payload,
        };
        // The hook has given the terminal back and logged the panic. Outside kiosk mode, stop
        // as any program would; a kiosk starts again at the welcome screen — every answer was
        // committed when it was given, so nothing is lost.
        if !app.session.kiosk.on() {
            std::panic::resume_unwind(payload);
        }
        if let AfterError::Stop(why) = supervisor.error_at(std::time::Instant::now()) {
            let _ = crate::kiosk::log::write(&data_dir, &why);
            return ExitCode::from(exit::KEEPS_FAILING);
        }
        let _ = crate::kiosk::log::write(&data_dir, "started again at the welcome screen");
        app = match fresh_app(&cli, &io.store, &env) {
            Ok(app) => app,
            Err(_) => {
                // The settings cannot be read now: start from the defaults, still a kiosk.
                let mut app = App::new(Default::default(), env.clone());
                app.session.kiosk = kiosk_for(&cli, Default::default());
                app
            }
        };
    };
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        // The shell's convention for "ended by a signal": 128 + its number.
        Ok(Exit::Signal(signal)) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        Err(e) => {
            complain!("zhulao: {}", inert(&format!("{e:#}")));
            ExitCode::from(exit::PROBLEMS)
        }
    }
}

/// What launch gathers before the first screen.
struct Started {
    /// The copy of the first screen's settings, if there is a usable one.
    copy: Option<FirstScreen>,
    inputs: std::io::Result<crate::terminal::Caught>,
    guard: std::io::Result<TerminalGuard>,
}

/// Everything the first screen needs besides the database: the copy of its settings
/// (`progress::first_screen`), the signals caught (before the terminal is taken over, so that
/// one arriving now still gives it back; they are read once the first screen is drawn) and the
/// terminal. Opening the database (SQLite reading its schema was most of launch:
/// `benches/launch.rs`) comes after the first screen is drawn; if it then turns out unusable,
/// the caller gives the terminal back before saying so.
fn start(data_dir: &std::path::Path) -> Started {
    let copy = crate::progress::first_screen::read(data_dir);
    let inputs = Channel::catch_signals();
    Started {
        copy,
        inputs,
        guard: TerminalGuard::new(),
    }
}

/// The names of damaged progress files set aside in `data_dir` (the teacher is told of them).
fn set_aside_names(data_dir: &std::path::Path) -> Vec<String> {
    crate::kiosk::set_aside::list(data_dir)
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect()
}

/// Why zhulao stops before its first screen, and the code it stops with.
struct Stop {
    code: u8,
    message: String,
}

impl Stop {
    /// Gives the terminal back, then says why.
    fn say(self, guard: Option<std::io::Result<TerminalGuard>>) -> ExitCode {
        drop(guard);
        complain!("{}", self.message);
        ExitCode::from(self.code)
    }
}

/// A progress file zhulao can use. A kiosk sets a damaged one aside and starts a new record
/// (the name it was set aside as comes back, for the message on screen); otherwise zhulao stops
/// and says why.
fn usable(
    result: Result<Store, StoreError>,
    cli: &Cli,
    data_dir: &std::path::Path,
) -> Result<(Store, Option<String>), Stop> {
    match result {
        Ok(store) => Ok((store, None)),
        Err(e) if cli.kiosk && e.is_damaged() => start_afresh(data_dir, &e),
        Err(e) => Err(cannot_save(&e.to_string())),
    }
}

fn cannot_save(why: &str) -> Stop {
    Stop {
        code: exit::NO_DATABASE,
        message: format!(
            "zhulao: 无法保存学习记录 / cannot save progress:\n{}",
            inert(why)
        ),
    }
}

/// The app at its welcome screen, with the machine's settings and kiosk mode from the store.
fn fresh_app(cli: &Cli, store: &Store, env: &Env) -> Result<App, crate::progress::StoreError> {
    Ok(app_from(cli, &store.first_screen()?, env))
}

/// The app at its welcome screen with these settings (the language given on the command line
/// wins).
fn app_from(cli: &Cli, first: &FirstScreen, env: &Env) -> App {
    let mut machine = first.machine;
    if let Some(lang) = cli.lang {
        machine.lang = lang;
    }
    let mut app = App::new(machine, env.clone());
    app.session.kiosk = kiosk_for(cli, first.kiosk);
    app
}

fn kiosk_for(cli: &Cli, settings: crate::settings::KioskSettings) -> crate::kiosk::Kiosk {
    crate::kiosk::Kiosk {
        settings,
        forced: cli.kiosk,
        idle_seconds: cli.idle_seconds,
        countdown_seconds: cli.countdown_seconds,
    }
}

/// Kiosk mode met a damaged progress file: set it aside (renamed, never deleted), log it, and
/// open a new one. Returns the new store and the set-aside file's name, for the screen.
fn start_afresh(
    data_dir: &std::path::Path,
    damage: &StoreError,
) -> Result<(Store, Option<String>), Stop> {
    let moved = crate::kiosk::set_aside::set_aside(data_dir, time::OffsetDateTime::now_utc())
        .map_err(|e| {
            cannot_save(&format!(
                "{damage}\n(setting the damaged file aside failed too: {e})"
            ))
        })?;
    let name = moved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = crate::kiosk::log::write(
        data_dir,
        &format!("{damage}\nThe file was set aside as {name} and a new record started."),
    );
    let store = Store::open(data_dir).map_err(|e| cannot_save(&e.to_string()))?;
    Ok((store, Some(name)))
}

/// The end-to-end tests check that a panic still gives the terminal back, and that a kiosk
/// starts again after one: in a debug build (the tests' binary), with `ZHULAO_TEST_PANIC` set,
/// the F12 key causes a panic. A release build has no such key.
struct TestPanic {
    inner: Channel,
    #[cfg(debug_assertions)]
    armed: bool,
}

impl TestPanic {
    fn new(inner: Channel) -> TestPanic {
        TestPanic {
            inner,
            #[cfg(debug_assertions)]
            armed: std::env::var_os("ZHULAO_TEST_PANIC").is_some(),
        }
    }

    fn check(&self, input: Option<Input>) -> Option<Input> {
        #[cfg(debug_assertions)]
        if let Some(Input::Terminal(crossterm::event::Event::Key(key))) = &input
            && self.armed
            && key.code == crossterm::event::KeyCode::F(12)
        {
            panic!("ZHULAO_TEST_PANIC is set and F12 was pressed");
        }
        input
    }
}

impl Inputs for TestPanic {
    fn next(&mut self, deadline: Option<std::time::Instant>) -> Result<Option<Input>, ()> {
        let input = self.inner.next(deadline)?;
        Ok(self.check(input))
    }

    fn pending(&mut self) -> Option<Input> {
        let input = self.inner.pending();
        self.check(input)
    }
}
