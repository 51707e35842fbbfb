//! `zhulao report`: writes a report for the education bureau from the progress file. It speaks
//! one language: Chinese, or English with `--lang en` (its messages and the report's words).

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};
use time::{Date, UtcOffset};

use super::{
    DEFAULT_AWAY_DAYS, ReportError, ReportFormat, ReportOptions, parse_date, parse_offset,
    write_report,
};
use crate::built_in::load_library;
use crate::inert::inert;
use crate::lang::Lang;
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
    /// From this day on (YYYY-MM-DD, included, in the report's time zone).
    #[arg(long, visible_alias = "from", value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
    /// Up to this day (YYYY-MM-DD, included, in the report's time zone).
    #[arg(long, visible_alias = "to", value_name = "DATE", value_parser = parse_date)]
    pub until: Option<Date>,
    /// A learner away this many days or more (up to the last day of the report), or who never
    /// came, is marked as missing: 7, 14 or 30 are usual.
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_AWAY_DAYS,
          value_parser = clap::value_parser!(u16).range(1..=366))]
    pub away_days: u16,
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

/// Runs `zhulao report`: the line to print on success, or what failed and the message, in
/// `lang`.
pub fn run(
    args: &ReportArgs,
    data_dir: &Path,
    lessons: Option<&Path>,
    lang: Lang,
) -> Result<String, (Failure, String)> {
    let zh = lang == Lang::Zh;
    // First, while the process has one thread (see `local_offset`).
    let offset: UtcOffset = parse_offset(&args.tz).map_err(|e| {
        let said = if zh {
            format!(
                "“{}”不是时区：请用 local、utc，或 +08:00 这样的时差",
                inert(&args.tz)
            )
        } else {
            e
        };
        (Failure::BadArguments, said)
    })?;
    let (format, path) = match (&args.xlsx, &args.csv) {
        (Some(path), _) => (ReportFormat::Xlsx, path.clone()),
        (None, Some(path)) => (ReportFormat::Csv, path.clone()),
        (None, None) => {
            let said = if zh {
                "请给出 --xlsx 文件 或 --csv 文件"
            } else {
                "give --xlsx FILE or --csv FILE"
            };
            return Err((Failure::BadArguments, said.into()));
        }
    };
    let library = load_library(lessons).map_err(|errors| {
        let mut message = String::from(if zh {
            "课程包有问题："
        } else {
            "some lesson packs have problems:"
        });
        for e in &errors {
            message.push('\n');
            message.push_str(&e.shown(lang));
        }
        (Failure::BrokenPack, message)
    })?;
    // A report never starts a new, empty progress file.
    if !data_dir.join(DB_FILE).is_file() {
        let dir = inert(&data_dir.display().to_string()).into_owned();
        let said = if zh {
            format!("{dir} 里没有学习记录（用 --data 文件夹 指向存放 {DB_FILE} 的文件夹）")
        } else {
            format!(
                "there is no progress file in {dir} (use --data DIR to point at the folder that holds {DB_FILE})"
            )
        };
        return Err((Failure::NoDatabase, said));
    }
    let store = Store::open_for_report(data_dir)
        .map_err(|e| (Failure::NoDatabase, ReportError::Store(e).shown(lang)))?;
    let options = ReportOptions {
        format,
        group: args.group.clone(),
        since: args.since,
        until: args.until,
        offset,
        lang,
        away_days: args.away_days,
    };
    match write_report(&store, &library, &options, &path) {
        Ok(summary) => {
            let files: Vec<String> = summary
                .files
                .iter()
                .map(|f| inert(&f.display().to_string()).into_owned())
                .collect();
            let (rows, learners) = (summary.rows, summary.roster);
            Ok(if zh {
                format!(
                    "报告已保存：{}（{rows} 行，{learners} 位学员）",
                    files.join("、")
                )
            } else {
                format!(
                    "report written: {} ({rows} rows, {learners} learners)",
                    files.join(", ")
                )
            })
        }
        Err(e) => {
            let failure = match &e {
                ReportError::Store(_) => Failure::NoDatabase,
                e if e.is_bad_request() => Failure::BadArguments,
                _ => Failure::CannotWrite,
            };
            let said = if zh {
                format!("无法生成报告：{}", e.shown(lang))
            } else {
                format!("cannot write the report: {}", e.shown(lang))
            };
            Err((failure, said))
        }
    }
}
