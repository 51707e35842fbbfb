//! `zhulao report`: writes a report for the education bureau from the progress file.

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};
use time::{Date, UtcOffset};

use super::{ReportError, ReportFormat, ReportOptions, parse_date, parse_offset, write_report};
use crate::built_in::load_library;
use crate::inert::inert;
use crate::progress::Store;
use crate::progress::store::DB_FILE;

#[derive(Debug, Clone, Args)]
#[command(group(ArgGroup::new("output").required(true).args(["xlsx", "csv"])))]
pub struct ReportArgs {
    /// Write an Excel workbook (opens in Excel and WPS): a summary sheet for everyone and one
    /// per group, and the details.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Write CSV (UTF-8 with a BOM, for Excel): the details in FILE, the summary per group in
    /// FILE-summary.csv beside it.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Only the members of this group (its name).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// From this day on (YYYY-MM-DD, included).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
    /// Up to this day (YYYY-MM-DD, included).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<Date>,
    /// The time zone of the days and times: local (this computer's), utc, or an offset
    /// such as +08:00.
    #[arg(long, value_name = "ZONE", default_value = "local")]
    pub tz: String,
}

/// Why `zhulao report` failed, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    BadArguments,
    NoDatabase,
    BrokenPack,
    CannotWrite,
}

/// Runs `zhulao report`: the line to print on success, or what failed and the message.
pub fn run(
    args: &ReportArgs,
    data_dir: &Path,
    lessons: Option<&Path>,
) -> Result<String, (Failure, String)> {
    // First, while the process has one thread (see `local_offset`).
    let offset: UtcOffset = parse_offset(&args.tz).map_err(|e| (Failure::BadArguments, e))?;
    let (format, path) = match (&args.xlsx, &args.csv) {
        (Some(path), _) => (ReportFormat::Xlsx, path.clone()),
        (None, Some(path)) => (ReportFormat::Csv, path.clone()),
        (None, None) => {
            return Err((
                Failure::BadArguments,
                "give --xlsx FILE or --csv FILE".into(),
            ));
        }
    };
    let library = load_library(lessons).map_err(|errors| {
        let mut message = String::from("课程包有问题 / some lesson packs have problems:");
        for e in &errors {
            message.push('\n');
            message.push_str(&e.shown(crate::lang::Lang::Zh));
        }
        (Failure::BrokenPack, message)
    })?;
    // A report never starts a new, empty progress file.
    if !data_dir.join(DB_FILE).is_file() {
        return Err((
            Failure::NoDatabase,
            format!(
                "没有学习记录 / there is no progress file in {} (use --data DIR to point at the folder that holds {DB_FILE})",
                inert(&data_dir.display().to_string())
            ),
        ));
    }
    let store = Store::open_for_report(data_dir).map_err(|e| {
        (
            Failure::NoDatabase,
            format!(
                "无法读取学习记录 / cannot read progress:\n{}",
                inert(&e.to_string())
            ),
        )
    })?;
    let options = ReportOptions {
        format,
        group: args.group.clone(),
        since: args.since,
        until: args.until,
        offset,
    };
    match write_report(&store, &library, &options, &path) {
        Ok(summary) => {
            let files: Vec<String> = summary
                .files
                .iter()
                .map(|f| inert(&f.display().to_string()).into_owned())
                .collect();
            Ok(format!(
                "报告已保存 / report written: {} ({} rows, {} learners)",
                files.join(", "),
                summary.rows,
                summary.learners
            ))
        }
        Err(e) => {
            let failure = match &e {
                ReportError::Store(_) => Failure::NoDatabase,
                e if e.is_bad_request() => Failure::BadArguments,
                _ => Failure::CannotWrite,
            };
            Err((
                failure,
                format!(
                    "无法生成报告 / cannot write the report: {}",
                    inert(&e.to_string())
                ),
            ))
        }
    }
}
