//! Records that travel: every event as an xAPI 1.0.3 statement, for another zhulao (a JSON Lines
//! file, `export` and `import`) or for a Learning Record Store (`sync`).
//!
//! - `statement`: one event as one statement and back — the IRIs, extensions and rules.
//! - `config`: the centre's home page and LRS settings (`xapi.toml` in the data folder).
//! - `export`, `import`: files between machines; `sync`: the xAPI REST API of an LRS;
//!   `pull`: the other machines' records back from the centre's LRS (`sync --pull`).
//! - `commands`: the three commands as the command line runs them, with plain messages.

pub mod commands;
pub mod config;
pub mod export;
pub mod import;
pub mod pull;
pub mod statement;
pub mod sync;

/// How an exchange command ended, for the binary's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Done,
    /// Some lines or statements were refused or in conflict (the rest went through), or a file
    /// could not be read or written.
    Problems,
    /// The command line or `xapi.toml` is wrong.
    BadArguments,
    /// The progress database cannot be used.
    NoDatabase,
    /// The LRS could not be reached, or failed itself: try again later.
    LrsUnreachable,
}
