//! The command line: what each `zhulao` command does. `args` is what can be typed (clap), the
//! commands run from the machine's shell are in `commands`, and `launch` starts the app itself
//! in the terminal. Every failure is said in plain words with a distinct exit code (`exit`), so
//! a kiosk's service can tell them apart.

use std::process::ExitCode;

/// `eprintln!` that never panics: when the terminal has gone (a kiosk's window closed), there is
/// nobody to tell, and failing to say so must not become a crash.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod args;
mod commands;
pub mod exit;
mod launch;

pub use args::{Cli, Command, PinCommand, RosterCommand};

use clap::Parser;

use crate::progress::default_data_dir;
use commands::*;
use launch::run;

/// A command whose output is read by another program (`zhulao report | head -1`) ends quietly,
/// as `cat` and `grep` do, when that program stops reading: the system's default for a closed
/// pipe (SIGPIPE) ends the process. Rust programs ignore SIGPIPE, which turns every later
/// `println!` into a panic (exit code 101 and a programmer's message) — once, here, for every
/// command rather than at each line that prints. The app itself and `preview` keep ignoring
/// it: they write to a terminal, and the read-aloud program they feed through a pipe may die
/// without taking the app with it (see `speech`). Sockets (`sync`) are written with
/// MSG_NOSIGNAL by the standard library, so an LRS that hangs up is still an error, not a signal.
#[cfg(unix)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: called at the start of `main`, before any thread is started, with the default
    // disposition; no handler of ours runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Elsewhere a closed pipe is an ordinary write error.
#[cfg(not(unix))]
fn end_quietly_on_a_closed_pipe() {}

/// Parses the command line and does what it says.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.as_ref().is_some_and(Command::writes_for_a_pipe) {
        end_quietly_on_a_closed_pipe();
    }
    if cli.command.is_some() {
        // The time zone can only be read safely while this is the one thread (for reports);
        // the app reads it once its first screen is drawn (`run`).
        crate::records::report::local_offset();
    }
    let exchange_lang = cli.lang.unwrap_or_default();
    let exchange_lessons = cli.lessons.clone();
    match cli.command {
        Some(Command::Check { ref dir }) => check(dir.as_deref(), cli.lang.unwrap_or_default()),
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
            print!("{}", crate::ui::bigtext::NOTICE);
            ExitCode::SUCCESS
        }
        Some(Command::Report(ref args)) => report(&cli, args),
        Some(Command::Print { ref what }) => print(&cli, what),
        Some(Command::Centre {
            ref name,
            ref class_minutes,
        }) => centre(
            cli.data.clone(),
            name.as_deref(),
            class_minutes.as_deref(),
            cli.lang.unwrap_or_default(),
        ),
        Some(
            command @ (Command::Export { .. } | Command::Import { .. } | Command::Sync { .. }),
        ) => {
            let data = cli.data.clone().unwrap_or_else(default_data_dir);
            exchange(exchange_lang, exchange_lessons.as_deref(), command, &data)
        }
        None => run(cli),
    }
}
