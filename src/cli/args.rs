//! The command line: `zhulao` runs the app, `zhulao check [DIR]` validates lesson packs,
//! `zhulao licences` shows the notices of what is built in; `export`, `import` and `sync` move
//! records between machines and to an LRS (`crate::xapi`); `print` writes certificates and
//! take-home sheets (`crate::records::print`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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

    /// Start at the teacher's PIN, then the class dashboard (F2 on the welcome screen does the
    /// same).
    #[arg(long)]
    pub instructor: bool,

    /// Kiosk mode, for an unattended touchscreen: no way out without the teacher PIN, back to
    /// the start after a while with nobody using it, and a restart in place after any error
    /// (also a setting on the teacher's screens). See "Setting up a kiosk" in the README.
    #[arg(long)]
    pub kiosk: bool,

    /// For tests and demonstrations: the kiosk's idle time in seconds instead of minutes.
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub idle_seconds: Option<u32>,

    /// For tests and demonstrations: the "still there?" countdown in seconds (normally 60).
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub countdown_seconds: Option<u32>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check lesson packs: every problem as file:line:column: message (exit 1), then warnings
    /// — words cut on a small screen, hints that do not match the screen — (exit 0).
    Check {
        /// A folder of packs, or one pack folder; without it, the built-in packs.
        dir: Option<PathBuf>,
    },
    /// Write a starter pack into DIR/my-pack: one lesson with every kind of step and every
    /// part of a phone screen, each line explained. Never overwrites.
    New {
        /// Where to put it (made if missing), e.g. ~/课程.
        dir: PathBuf,
    },
    /// Show a step of a pack being written, as a learner sees it, and show it again each time
    /// a file is saved (a file's problems are shown until it is fixed). Nothing is recorded.
    Preview {
        /// The folder of packs (as given to `check` and `--lessons`).
        dir: PathBuf,
        /// Which step: pack-id/lesson-id, then optionally :step-id or :number (1 = first).
        /// Without it, the first step of the first lesson.
        target: Option<String>,
    },
    /// Check the progress database page by page (the full SQLite integrity check).
    CheckDb,
    /// The teacher's PIN: `set` a new one, or `reset` a forgotten or locked one (run here, on
    /// the machine itself).
    Pin {
        #[command(subcommand)]
        action: PinCommand,
    },
    /// The class roster: `import FILE` adds learners from a CSV or XLSX file.
    Roster {
        #[command(subcommand)]
        action: RosterCommand,
    },
    /// Check this machine for zhulao: the terminal (size, colours, how it draws block and box
    /// characters), the data folder, the progress database, read-aloud and kiosk mode; say in
    /// plain words what to fix. Exit code 0: all fine; 1: something to fix.
    Doctor,
    /// The files for a Linux kiosk (cage + foot running `zhulao --kiosk` as a service).
    KioskSetup {
        /// Print a sample file: foot.ini or zhulao-kiosk.service.
        #[arg(long, value_name = "FILE")]
        print: Option<String>,
        /// The panel's size in pixels, such as 1280x800: sets the font size in foot.ini.
        #[arg(long, value_name = "WIDTHxHEIGHT", default_value = "1280x800")]
        panel: String,
    },
    /// Show the licence notices of what zhulao has built in (the GNU Unifont glyphs).
    Licences,
    /// Write a report for the education bureau: each learner's lessons, attendance and class
    /// hours, and a summary per group.
    Report(crate::records::report::cli::ReportArgs),
    /// Print certificates of completion (结业证书) and large-print take-home practice sheets
    /// (练习单): an A4 web page (HTML) that any browser prints, and a PDF beside it where
    /// Chromium is installed. In Chinese; --lang en for English.
    Print {
        #[command(subcommand)]
        what: PrintCommand,
    },
    /// The centre's name and the length of its class period (课时), for reports and
    /// certificates. Without options, shows them.
    Centre {
        /// The centre's name, such as 幸福里社区长者学堂.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Minutes in one class period (1 to 240), such as 45.
        #[arg(long, value_name = "MINUTES")]
        class_minutes: Option<String>,
    },
    /// Write the records as xAPI statements, one JSON object per line, for another zhulao.
    Export {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        xapi: PathBuf,
        /// Only records from this day on (YYYY-MM-DD, from midnight on this computer's clock,
        /// the days reports show; in China, midnight +08:00), or from this time (such as
        /// 2026-11-29T08:00:00+08:00).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// The centre's home page, which names the learners' accounts (default: from xapi.toml
        /// in the data folder, else https://zhulao.invalid/learners).
        #[arg(long, value_name = "URL")]
        homepage: Option<String>,
    },
    /// Merge records exported by another zhulao (`zhulao export --xapi`), with learners'
    /// groups; safe to repeat.
    Import {
        /// Files of xAPI statements, one JSON object per line.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Send a Learning Record Store (LRS) the records (and learners' groups) it has not received
    /// yet; with --pull, bring this computer the other machines' records from it.
    Sync {
        /// The LRS's xAPI address, such as https://lrs.example.org/xAPI/ (default: from
        /// xapi.toml in the data folder). Key and secret: ZHULAO_LRS_KEY, ZHULAO_LRS_SECRET.
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// The centre's home page, which names the learners' accounts.
        #[arg(long, value_name = "URL")]
        homepage: Option<String>,
        /// Bring the records, learners and groups that other machines sent to the LRS into
        /// this computer (one centre, many machines); safe to repeat.
        #[arg(long)]
        pull: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// A certificate of completion (结业证书) for each learner who finished a course, one page
    /// each. A course counts as finished when every one of its lessons (built-in, or the
    /// centre's own given with --lessons) has been completed at least once, in this machine's
    /// records (imported ones too); a review does not count. The date printed is the day the
    /// last lesson was first finished.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["learner", "all_finished"])))]
    Certificate {
        /// The learner: a name, or the number of a numbered learner.
        #[arg(long, value_name = "NAME")]
        learner: Option<String>,
        /// Everyone who finished (the course given with --course, or any course).
        #[arg(long)]
        all_finished: bool,
        /// Only this course: its id (such as weread) or its title (微信读书).
        #[arg(long, value_name = "COURSE")]
        course: Option<String>,
        /// The centre's name on the certificate (default: the one kept in the settings).
        #[arg(long, value_name = "NAME")]
        centre: Option<String>,
        /// Keep the name given with --centre, so it need not be given again.
        #[arg(long, requires = "centre")]
        save_centre: bool,
        #[command(flatten)]
        out: PrintOut,
    },
    /// A large-print take-home practice sheet (练习单) for a lesson: its steps in order, each
    /// with the phone screen drawn as in the lesson, the tips and the safety points, so a
    /// learner can practise at home with the sheet beside the phone.
    Sheet {
        /// COURSE/LESSON (such as weread/search-book, or weread/1 for its first lesson), or a
        /// COURSE alone for a sheet of each of its lessons.
        target: String,
        #[command(flatten)]
        out: PrintOut,
    },
}

/// Where `print` writes.
#[derive(Debug, Args)]
pub struct PrintOut {
    /// The folder for the files (made if missing), such as a USB stick.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Replace files of the same name (without it, nothing is written over).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Set (or change) the teacher PIN: 6 to 12 digits, typed twice.
    Set,
    /// Forget the PIN and any lock after wrong tries; the next teacher sets a new one.
    Reset,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Add learners from a CSV or XLSX file: a name on each line, and optionally a group and a
    /// seat number (a header row such as "姓名,班级,座位号" says which column is which).
    Import {
        /// The .csv or .xlsx file.
        file: PathBuf,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

impl Command {
    /// Whether the command's output may go into another program (a pipe): every command but
    /// `preview`, which draws on the terminal and reads aloud through a pipe of its own.
    pub fn writes_for_a_pipe(&self) -> bool {
        !matches!(self, Command::Preview { .. })
    }
}
