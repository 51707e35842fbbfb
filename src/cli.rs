//! The command line: `zhulao` runs the app, `zhulao check [DIR]` validates lesson packs.

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
    /// Language of the app and lessons: zh (中文, the default) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,

    /// Folder for the progress database (default: the platform's data folder).
    #[arg(long, env = "ZHULAO_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// A folder of the centre's own lesson packs, added to (or replacing) the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lessons: Option<PathBuf>,

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
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}
