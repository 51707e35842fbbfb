//! The `zhulao` binary: parses the command line, then either checks lesson packs or loads the
//! packs and the progress database and runs the app in the terminal. Every failure before the
//! first screen (a broken pack, an unusable data folder) is reported in plain words with a
//! distinct exit code, so a kiosk script can tell them apart (see `exit`).

use std::process::ExitCode;

/// `eprintln!` that never panics: when the terminal has gone (a kiosk's window closed), there is
/// nobody to tell, and failing to say so must not become a crash.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The exit codes, one per kind of failure (the README lists them).
mod exit {
    /// `check` found problems, or the terminal could not be used.
    pub const PROBLEMS: u8 = 1;
    /// The command line is wrong (clap uses 2 for this too).
    pub const BAD_ARGUMENTS: u8 = 2;
    /// The progress database cannot be used.
    pub const NO_DATABASE: u8 = 3;
    /// A lesson pack is broken.
    pub const BROKEN_PACK: u8 = 4;
    /// `sync`: the LRS could not be reached or failed itself; try again later.
    pub const LRS_UNREACHABLE: u8 = 5;
    /// `report` could not write its file.
    pub const CANNOT_WRITE: u8 = 6;
    /// A kiosk met errors again and again and stopped, for its service to start it afresh.
    pub const KEEPS_FAILING: u8 = 70;
}

use clap::Parser;

use zhulao::app::{Action, App, Env, SpeechStatus};
use zhulao::built_in::load_library;
use zhulao::cli::{Cli, Command, PinCommand, RosterCommand};
use zhulao::content::Library;
use zhulao::content::{PackError, Source};
use zhulao::event_loop::{Exit, Input, Inputs, Io};
use zhulao::inert::inert;
use zhulao::progress::first_screen::FirstScreen;
use zhulao::progress::{Store, StoreError, default_data_dir};
use zhulao::speech::{Availability, Speaker, SpeechCommand};
use zhulao::terminal::{Channel, TerminalGuard};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() {
        // The time zone can only be read safely while this is the one thread (for reports);
        // the app reads it once its first screen is drawn (`run`).
        zhulao::records::report::local_offset();
    }
    match cli.command {
        Some(Command::Check { dir }) => check(dir.as_deref()),
        Some(Command::New { ref dir }) => new_pack(dir),
        Some(Command::Preview {
            ref dir,
            ref target,
        }) => preview(dir, target.as_deref(), cli.lang.unwrap_or_default()),
        Some(Command::CheckDb) => check_db(cli.data.clone().unwrap_or_else(default_data_dir)),
        Some(Command::Pin { action }) => {
            pin(cli.data.clone(), action, cli.lang.unwrap_or_default())
        }
        Some(Command::Roster {
            action: RosterCommand::Import { file },
        }) => roster_import(cli.data.clone(), &file, cli.lang.unwrap_or_default()),
        Some(Command::Doctor) => doctor(&cli),
        Some(Command::KioskSetup {
            ref print,
            ref panel,
        }) => kiosk_setup(print.as_deref(), panel),
        Some(Command::Licences) => {
            print!("{}", zhulao::ui::bigtext::NOTICE);
            ExitCode::SUCCESS
        }
        Some(Command::Report(ref args)) => report(&cli, args),
        Some(
            command @ (Command::Export { .. } | Command::Import { .. } | Command::Sync { .. }),
        ) => exchange(command, &cli.data.clone().unwrap_or_else(default_data_dir)),
        None => run(cli),
    }
}

/// `export`, `import` and `sync` (see `zhulao::xapi`).
fn exchange(command: Command, data: &std::path::Path) -> ExitCode {
    use zhulao::records::xapi::{Ending, commands};
    let ending = match command {
        Command::Export {
            xapi,
            since,
            homepage,
        } => commands::export_command(data, &xapi, since.as_deref(), homepage),
        Command::Import { files } => commands::import_command(data, &files),
        Command::Sync { lrs, homepage } => commands::sync_command(data, lrs, homepage),
        _ => unreachable!("only exchange commands come here"),
    };
    ExitCode::from(match ending {
        Ending::Done => 0,
        Ending::Problems => exit::PROBLEMS,
        Ending::BadArguments => exit::BAD_ARGUMENTS,
        Ending::NoDatabase => exit::NO_DATABASE,
        Ending::LrsUnreachable => exit::LRS_UNREACHABLE,
    })
}

fn print_errors(errors: &[PackError]) {
    for e in errors {
        complain!("{e}");
    }
}

fn check(dir: Option<&std::path::Path>) -> ExitCode {
    // Without a folder: the built-in course, validated when this zhulao was built.
    let (packs, errors) = match dir {
        None => match zhulao::built_in::packs() {
            Ok(packs) => (packs, vec![]),
            Err(e) => (vec![], vec![e]),
        },
        Some(dir) => match Source::directory(dir) {
            Ok(source) => source.load(),
            Err(e) => (vec![], vec![e]),
        },
    };
    if !errors.is_empty() {
        print_errors(&errors);
        complain!(
            "{} problem{} found; fix them and run `zhulao check` again.",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return ExitCode::from(exit::PROBLEMS);
    }
    let mut library = zhulao::content::Library::default();
    library.merge(packs);
    // Warnings are for a folder being written; the built-in packs are checked by the tests.
    let warnings = match dir {
        Some(_) => zhulao::authoring::warnings::warnings(&library, &zhulao::built_in::ids()),
        None => Vec::new(),
    };
    let packs = library.packs;
    let (lessons, steps) = zhulao::content::counts(&packs);
    // Pack text is outside input: everything printed goes through `inert`. (A closed pipe,
    // as in `zhulao check | head`, is not an error worth a panic.)
    let say = |line: String| {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{}", inert(&line));
    };
    say(format!(
        "OK: {} packs, {lessons} lessons, {steps} steps.",
        packs.len()
    ));
    for p in &packs {
        say(format!(
            "  {} ({}): {} lessons",
            p.id,
            p.title.zh,
            p.lessons.len()
        ));
        for l in &p.lessons {
            say(format!(
                "    {} ({}): {} steps, last compared with the real app {}",
                l.id,
                l.title.zh,
                l.steps.len(),
                l.checked
            ));
        }
    }
    if !warnings.is_empty() {
        print_errors(&warnings);
        complain!(
            "{} warning{}: the packs load, but learners will trip over these.",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
    }
    ExitCode::SUCCESS
}

/// `zhulao new DIR`.
fn new_pack(dir: &std::path::Path) -> ExitCode {
    match zhulao::authoring::starter::write(dir) {
        Ok(pack) => {
            let shown = inert(&pack.display().to_string()).into_owned();
            let parent = inert(&dir.display().to_string()).into_owned();
            println!("写好了 / Written: {shown}");
            println!("  边写边看 / watch it:  zhulao preview {parent}");
            println!("  检查 / check it:      zhulao check {parent}");
            println!("  上课用 / use it:      zhulao --lessons {parent}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            complain!("zhulao: {why}");
            ExitCode::from(exit::PROBLEMS)
        }
    }
}

/// `zhulao preview DIR [PACK/LESSON[:STEP]]`.
fn preview(dir: &std::path::Path, target: Option<&str>, lang: zhulao::lang::Lang) -> ExitCode {
    use zhulao::authoring::preview::{Preview, Target, run};
    let target = match target.map(Target::parse).transpose() {
        Ok(t) => t,
        Err(why) => {
            complain!("zhulao: {}", inert(&why));
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (mut p, mut app) = match Preview::open(dir, target, lang, no_color) {
        Ok(opened) => opened,
        Err(why) => {
            complain!("zhulao: {}", inert(&why));
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    if let Err(e) = run(&mut p, &mut app) {
        complain!("zhulao: {}", inert(&e.to_string()));
        return ExitCode::from(exit::PROBLEMS);
    }
    println!("{}", zhulao::ui::words::words(lang).preview.ended);
    ExitCode::SUCCESS
}

fn open_store(data: Option<std::path::PathBuf>) -> Result<Store, ExitCode> {
    Store::open(&data.unwrap_or_else(default_data_dir)).map_err(|e| {
        complain!("zhulao: {}", inert(&e.to_string()));
        ExitCode::from(exit::NO_DATABASE)
    })
}

/// `zhulao pin set` / `zhulao pin reset`.
fn pin(data: Option<std::path::PathBuf>, action: PinCommand, lang: zhulao::lang::Lang) -> ExitCode {
    let mut store = match open_store(data) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let done = match action {
        PinCommand::Set => zhulao::admin::pin_set(&mut store, lang),
        PinCommand::Reset => store.reset_pin().map(|()| true).map_err(|e| e.to_string()),
    };
    match done {
        Ok(true) => {
            println!("OK");
            ExitCode::SUCCESS
        }
        Ok(false) => ExitCode::from(exit::PROBLEMS),
        Err(e) => {
            complain!("zhulao: {}", inert(&e));
            ExitCode::from(exit::NO_DATABASE)
        }
    }
}

/// `zhulao roster import FILE`.
fn roster_import(
    data: Option<std::path::PathBuf>,
    file: &std::path::Path,
    lang: zhulao::lang::Lang,
) -> ExitCode {
    let mut store = match open_store(data) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match zhulao::admin::roster_import(&mut store, file, lang) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(exit::PROBLEMS),
        Err(e) => {
            complain!("zhulao: {}", inert(&e));
            ExitCode::from(exit::PROBLEMS)
        }
    }
}

/// `zhulao report`: see `zhulao::records::report::cli`.
fn report(cli: &Cli, args: &zhulao::records::report::cli::ReportArgs) -> ExitCode {
    use zhulao::records::report::cli::Failure;
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    match zhulao::records::report::cli::run(args, &data, cli.lessons.as_deref()) {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err((failure, message)) => {
            complain!("zhulao: {message}");
            ExitCode::from(match failure {
                Failure::BadArguments => exit::BAD_ARGUMENTS,
                Failure::NoDatabase => exit::NO_DATABASE,
                Failure::BrokenPack => exit::BROKEN_PACK,
                Failure::CannotWrite => exit::CANNOT_WRITE,
            })
        }
    }
}

/// `zhulao kiosk-setup [--print FILE] [--panel WxH]`.
fn kiosk_setup(print: Option<&str>, panel: &str) -> ExitCode {
    use zhulao::kiosk::setup;
    let panel = match setup::parse_panel(panel) {
        Ok(panel) => panel,
        Err(e) => {
            complain!("zhulao: {e}");
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    match print {
        None => print!("{}", setup::explain(panel)),
        Some(name) => match setup::file(name, panel) {
            Some(text) => print!("{text}"),
            None => {
                complain!(
                    "zhulao: there is no sample file “{}”; the files are: {}",
                    inert(name),
                    setup::FILES.join(", ")
                );
                return ExitCode::from(exit::BAD_ARGUMENTS);
            }
        },
    }
    ExitCode::SUCCESS
}

/// `zhulao doctor`: see `zhulao::doctor`.
fn doctor(cli: &Cli) -> ExitCode {
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    let options = zhulao::doctor::Options {
        data,
        lessons: cli.lessons.clone(),
        kiosk: cli.kiosk,
        speech_command: cli.speech_command.clone(),
        lang: cli.lang.unwrap_or_default(),
    };
    let report = zhulao::doctor::run(&options);
    print!("{}", report.text(options.lang));
    if report.all_fine() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::PROBLEMS)
    }
}

/// `zhulao check-db`: opens the progress file (which refuses one that is not zhulao's) and
/// runs SQLite's full integrity check on it.
fn check_db(dir: std::path::PathBuf) -> ExitCode {
    let store = match Store::open(&dir) {
        Ok(store) => store,
        Err(e) => {
            complain!("zhulao: {}", inert(&e.to_string()));
            return ExitCode::from(exit::NO_DATABASE);
        }
    };
    match store.integrity_check() {
        Ok(problems) if problems.is_empty() => {
            let events = store.event_count().unwrap_or(0);
            println!(
                "OK: {} is sound ({events} answers recorded).",
                inert(&store.path().display().to_string())
            );
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for p in &problems {
                complain!("{}", inert(p));
            }
            complain!(
                "The progress file is damaged ({} problems). See \"Rescuing a damaged progress file\" in the README.",
                problems.len()
            );
            ExitCode::from(exit::NO_DATABASE)
        }
        Err(e) => {
            complain!("zhulao: {}", inert(&e.to_string()));
            ExitCode::from(exit::NO_DATABASE)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
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
            let _ = zhulao::event_loop::draw(&mut shown.terminal, &app, &Library::default());
        }
    }
    // The time zone can only be read safely while this is the one thread (it still is: the
    // signals are only caught so far, and no thread has started).
    let utc_offset = zhulao::records::report::local_offset();
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
    zhulao::terminal::log_panics_in(data_dir.clone());
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
        let _ = zhulao::progress::first_screen::write(&data_dir, &first);
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
    let library = library
        .join()
        .unwrap_or_else(|_| Err(vec![PackError::internal(&stopped("loading the packs"))]));
    let library = match library {
        Ok(library) => library,
        // A kiosk never refuses to start over the centre's own lessons: it teaches the
        // built-in ones and the log says why.
        Err(errors) if cli.kiosk => {
            let why: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            let _ = zhulao::kiosk::log::write(
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
            print_errors(&errors);
            match load_library(None) {
                Ok(library) => library,
                Err(errors) => {
                    print_errors(&errors);
                    return ExitCode::from(exit::BROKEN_PACK);
                }
            }
        }
        Err(errors) => {
            drop(guard);
            complain!("zhulao: 课程包有问题 / some lesson packs have problems:");
            print_errors(&errors);
            complain!("Run `zhulao check DIR` after fixing them.");
            return ExitCode::from(exit::BROKEN_PACK);
        }
    };
    let mut io = Io::new(library, store, speaker);
    io.utc_offset = utc_offset;
    let clock = clock();
    let mut inputs = match inputs.and_then(|caught| caught.listen()) {
        Ok(channel) => TestPanic {
            inner: channel,
            armed: std::env::var_os("ZHULAO_TEST_PANIC").is_some(),
        },
        Err(e) => {
            return Stop {
                code: exit::PROBLEMS,
                message: format!("zhulao: {}", inert(&e.to_string())),
            }
            .say(guard);
        }
    };
    let mut panics: Vec<std::time::Instant> = Vec::new();
    let result = loop {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // The terminal taken over at start; again after a panic gave it back.
            let mut guard = match guard.take() {
                Some(Ok(guard)) => guard,
                Some(Err(e)) => return Err(e.into()),
                None => TerminalGuard::new()?,
            };
            if !panics.is_empty() {
                // Back from a panic: draw everything afresh.
                guard.terminal.clear()?;
            }
            zhulao::event_loop::run(
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
        let now = std::time::Instant::now();
        panics.retain(|at| now.duration_since(*at) < RESTART_WINDOW);
        panics.push(now);
        if panics.len() > MAX_RESTARTS {
            let _ = zhulao::kiosk::log::write(
                &data_dir,
                &format!(
                    "{} errors within {} seconds: stopping, so the service can start zhulao afresh",
                    panics.len(),
                    RESTART_WINDOW.as_secs()
                ),
            );
            return ExitCode::from(exit::KEEPS_FAILING);
        }
        let _ = zhulao::kiosk::log::write(&data_dir, "started again at the welcome screen");
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
    inputs: std::io::Result<zhulao::terminal::Caught>,
    guard: std::io::Result<TerminalGuard>,
}

/// Everything the first screen needs besides the database: the copy of its settings
/// (`progress::first_screen`), the signals caught (before the terminal is taken over, so that
/// one arriving now still gives it back; they are read once the first screen is drawn) and the
/// terminal. Opening the database (SQLite reading its schema was most of launch:
/// `benches/launch.rs`) comes after the first screen is drawn; if it then turns out unusable,
/// the caller gives the terminal back before saying so.
fn start(data_dir: &std::path::Path) -> Started {
    let copy = zhulao::progress::first_screen::read(data_dir);
    let inputs = Channel::catch_signals();
    Started {
        copy,
        inputs,
        guard: TerminalGuard::new(),
    }
}

/// The loop's clock. A debug build (the tests' binary) follows `ZHULAO_TEST_CLOCK`: a file
/// holding how many milliseconds ahead of the real clock to be, which an end-to-end test
/// writes to move the app's clock instead of waiting. A release build has only the real clock.
fn clock() -> Box<dyn zhulao::app::Clock> {
    #[cfg(debug_assertions)]
    if let Some(file) = std::env::var_os("ZHULAO_TEST_CLOCK") {
        return Box::new(zhulao::app::clock::FileShifted::new(file.into()));
    }
    Box::new(zhulao::app::SystemClock::new())
}

/// A thread that panicked, in words.
fn stopped(what: &str) -> String {
    format!("{what} stopped with an internal error")
}

/// The names of damaged progress files set aside in `data_dir` (the teacher is told of them).
fn set_aside_names(data_dir: &std::path::Path) -> Vec<String> {
    zhulao::kiosk::set_aside::list(data_dir)
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

/// A kiosk that meets errors more often than this within `RESTART_WINDOW` stops (exit code
/// `KEEPS_FAILING`) rather than spin; its service starts it again.
const MAX_RESTARTS: usize = 5;
const RESTART_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

/// The app at its welcome screen, with the machine's settings and kiosk mode from the store.
fn fresh_app(cli: &Cli, store: &Store, env: &Env) -> Result<App, zhulao::progress::StoreError> {
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

fn kiosk_for(cli: &Cli, settings: zhulao::kiosk::KioskSettings) -> zhulao::kiosk::Kiosk {
    zhulao::kiosk::Kiosk {
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
    let moved = zhulao::kiosk::set_aside::set_aside(data_dir, time::OffsetDateTime::now_utc())
        .map_err(|e| {
            cannot_save(&format!(
                "{damage}\n(setting the damaged file aside failed too: {e})"
            ))
        })?;
    let name = moved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = zhulao::kiosk::log::write(
        data_dir,
        &format!("{damage}\nThe file was set aside as {name} and a new record started."),
    );
    let store = Store::open(data_dir).map_err(|e| cannot_save(&e.to_string()))?;
    Ok((store, Some(name)))
}

/// The end-to-end tests check that a panic still gives the terminal back, and that a kiosk
/// starts again after one: with `ZHULAO_TEST_PANIC` set, the F12 key causes a panic.
struct TestPanic {
    inner: Channel,
    armed: bool,
}

impl TestPanic {
    fn check(&self, input: Option<Input>) -> Option<Input> {
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
