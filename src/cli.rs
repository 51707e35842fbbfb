//! The command line: `zhulao` runs the app, `zhulao check [DIR]` validates lesson packs,
//! `zhulao licences` shows the notices of what is built in.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::lang::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "zhulao",
    version,
    about = "智慧助老 — step-by-step phone lessons for older learners, in large type",
    long_about = None
)]
pub struct Cli {
    /// Language for this run: zh (中文) or en. Without it, the language chosen in the settings
    /// (Chinese at first).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Folder for the progress database (default: the platform's data folder).
    #[arg(long, env = "ZHULAO_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// A folder of the centre's own lesson packs, added to (or replacing) the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lessons: Option<PathBuf>,

    /// The read-aloud command; the text arrives on its standard input. {voice}, {lang} and
    /// {rate} are filled in. Default: espeak-ng -v {voice} -s {rate} --stdin
    #[arg(long, env = "ZHULAO_SPEECH", value_name = "COMMAND")]
    pub speech_command: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check lesson packs and list every problem as file:line:column: message.
    Check {
        /// A folder of packs, or one pack folder; without it, the built-in packs.
        dir: Option<PathBuf>,
    },
    /// Check the progress database page by page (the full SQLite integrity check).
    CheckDb,
    /// Show the licence notices of what zhulao has built in (the GNU Unifont glyphs).
    Licences,
    /// Write a report for the education bureau: each learner's lessons, and a summary per group.
    Report(crate::report::cli::ReportArgs),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}
