//! Reports for the education bureau: what each learner did in each lesson, and a summary per
//! group, as an Excel workbook or as CSV. `zhulao report` writes one from the command line;
//! [`write_report`] is the same for the instructor dashboard.
//!
//! - `table`: the rows and summaries, from the store's figures and the lesson library.
//! - `cell`: text made safe from spreadsheet formulas, minutes, times.
//! - `csv`, `xlsx`: the two formats.
//! - `file`: writing a file whole or not at all.
//! - `cli`: the `report` subcommand.
//!
//! The fixed words of the cells (titles, headers, labels) are in `crate::ui::words::report`.
//!
//! Times: a report shows them in one time zone, this computer's unless told otherwise
//! (`--tz`), and says which in its headers. `--since` and `--until` are whole days in that
//! zone, both included. The figures of a row (attempts, help, time, completions, first and
//! last) count what happened in the period; its status and stars are those the learner had at
//! the end of it (a lesson finished last month is still 完成 this week).

pub mod cell;
pub mod cli;
pub mod csv;
pub mod file;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};

use time::{Date, OffsetDateTime, Time, UtcOffset};

use crate::content::Library;
use crate::progress::Store;
use crate::progress::StoreError;
use crate::progress::store::format_time;
use crate::progress::store::report::ReportQuery;
use crate::ui::words::fill;
use crate::ui::words::report::{
    DETAIL_HEADERS, HELPED, PERIOD_ALL, PERIOD_BETWEEN, PERIOD_FROM, PERIOD_UNTIL,
};

pub use table::{GroupSummary, Report, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    pub format: ReportFormat,
    /// Only this group's members; matched by name as learner names are.
    pub group: Option<String>,
    /// The first day, included, in `offset`'s time zone.
    pub since: Option<Date>,
    /// The last day, included.
    pub until: Option<Date>,
    /// The time zone of the report: its days and every time shown.
    pub offset: UtcOffset,
}

impl ReportOptions {
    /// A report of everything, in `format`, in this computer's time zone (see [`local_offset`]).
    pub fn new(format: ReportFormat) -> ReportOptions {
        ReportOptions {
            format,
            group: None,
            since: None,
            until: None,
            offset: local_offset(),
        }
    }
}

/// What was written, for the caller to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    /// The report, and for CSV the summary file beside it.
    pub files: Vec<PathBuf>,
    /// Learner × lesson rows.
    pub rows: usize,
    /// Learners with at least one row.
    pub learners: usize,
    /// The summary of everyone in the report ("全部 All", or the one group).
    pub overall: GroupSummary,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is no group called \"{name}\"{}", known_groups(.known))]
    UnknownGroup { name: String, known: Vec<String> },
    #[error("--since {since} is after --until {until}")]
    EmptyPeriod { since: Date, until: Date },
    #[error("the report cannot be written to {path}: {reason}")]
    Place { path: PathBuf, reason: String },
    #[error(
        "the report has {rows} rows, more than a worksheet holds ({}); use --csv, a group or a shorter period",
        xlsx::MAX_ROWS
    )]
    TooManyRows { rows: usize },
    #[error("the report could not be made: {0}")]
    Format(String),
}

fn known_groups(known: &[String]) -> String {
    if known.is_empty() {
        " (there are no groups yet)".into()
    } else {
        format!("; the groups are: {}", known.join(", "))
    }
}

impl ReportError {
    /// A mistake on the command line (a group that does not exist, days the wrong way round).
    pub fn is_bad_request(&self) -> bool {
        matches!(
            self,
            ReportError::UnknownGroup { .. }
                | ReportError::EmptyPeriod { .. }
                | ReportError::TooManyRows { .. }
        )
    }
}

/// This computer's offset from UTC, or UTC when it cannot be told. On Linux it can be told only
/// while the process has one thread, so `main` asks once at its start and the answer is kept
/// for the rest of the run (the dashboard, with its input threads, gets that answer).
pub fn local_offset() -> UtcOffset {
    static KNOWN: std::sync::OnceLock<UtcOffset> = std::sync::OnceLock::new();
    if let Some(offset) = KNOWN.get() {
        return *offset;
    }
    match UtcOffset::current_local_offset() {
        Ok(offset) => *KNOWN.get_or_init(|| offset),
        Err(_) => UtcOffset::UTC,
    }
}

/// Parses "2026-11-29".
pub fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("'{s}' is not a date like 2026-11-29");
    let mut parts = s.trim().splitn(3, '-');
    let mut next = || parts.next().and_then(|p| p.parse::<i64>().ok());
    let (Some(y), Some(m), Some(d)) = (next(), next(), next()) else {
        return Err(bad());
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(bad)?;
    let year = i32::try_from(y).ok().filter(|y| (1900..=9999).contains(y));
    let day = u8::try_from(d).ok();
    match (year, day) {
        (Some(y), Some(d)) => Date::from_calendar_date(y, month, d).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// Parses a time zone: "local", "utc", or an offset such as "+08:00", "+8" or "-03:30".
pub fn parse_offset(s: &str) -> Result<UtcOffset, String> {
    let bad = || format!("'{s}' is not a time zone: use local, utc, or an offset such as +08:00");
    let t = s.trim();
    match t.to_ascii_lowercase().as_str() {
        "local" => return Ok(local_offset()),
        "utc" | "z" | "gmt" => return Ok(UtcOffset::UTC),
        _ => {}
    }
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("utc"))
        .unwrap_or(t);
    let (sign, rest) = match t.chars().next() {
        Some('+') => (1i8, &t[1..]),
        Some('-') => (-1i8, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return Err(bad());
    }
    UtcOffset::from_hms(sign * h, sign * m, 0).map_err(|_| bad())
}

/// The stored-time bounds of a period: from the start of `since` to the start of the day after
/// `until`, both in `offset`'s zone.
pub fn period_bounds(
    since: Option<Date>,
    until: Option<Date>,
    offset: UtcOffset,
) -> (Option<String>, Option<String>) {
    let start = |d: Date| format_time(d.with_time(Time::MIDNIGHT).assume_offset(offset));
    (
        since.map(start),
        until.map(|d| start(d.next_day().unwrap_or(d))),
    )
}

fn period_text(since: Option<Date>, until: Option<Date>) -> String {
    let (s, u) = (since.map(|d| d.to_string()), until.map(|d| d.to_string()));
    match (s.as_deref(), u.as_deref()) {
        (None, None) => PERIOD_ALL.into(),
        (Some(s), None) => fill(PERIOD_FROM, &[("since", s)]),
        (None, Some(u)) => fill(PERIOD_UNTIL, &[("until", u)]),
        (Some(s), Some(u)) => fill(PERIOD_BETWEEN, &[("since", s), ("until", u)]),
    }
}

/// Builds the report in memory: what both formats and any caller share.
pub fn make_report(
    store: &Store,
    lib: &Library,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    if let (Some(since), Some(until)) = (options.since, options.until)
        && since > until
    {
        return Err(ReportError::EmptyPeriod { since, until });
    }
    let only = match &options.group {
        None => None,
        Some(name) => match store.report_group_by_name(name)? {
            Some(group) => Some(group),
            None => {
                return Err(ReportError::UnknownGroup {
                    name: name.clone(),
                    known: store.report_groups()?.into_iter().map(|g| g.name).collect(),
                });
            }
        },
    };
    let (from, before) = period_bounds(options.since, options.until, options.offset);
    let data = store.report_data(&ReportQuery {
        from,
        before,
        group_id: only.as_ref().map(|g| g.id.clone()),
    })?;
    Ok(table::build(
        &data,
        lib,
        only.as_ref(),
        options.offset,
        period_text(options.since, options.until),
        OffsetDateTime::now_utc(),
    ))
}

/// Where the CSV summary goes: `report.csv` → `report-summary.csv`.
pub fn summary_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let name = match path.extension() {
        Some(ext) => format!("{stem}-summary.{}", ext.to_string_lossy()),
        None => format!("{stem}-summary"),
    };
    path.with_file_name(name)
}

/// A name for a report made at `now`, for a caller that picks the folder:
/// `zhulao-report-2026-11-29.xlsx`.
pub fn default_file_name(format: ReportFormat, offset: UtcOffset, now: OffsetDateTime) -> String {
    let today = crate::progress::store::local_date(now, offset);
    let ext = match format {
        ReportFormat::Xlsx => "xlsx",
        ReportFormat::Csv => "csv",
    };
    format!("zhulao-report-{today}.{ext}")
}

/// Makes the report and writes it to `path` (for CSV, the summary beside it, see
/// [`summary_path`]). A file is replaced only once its new version is complete: a failure
/// leaves the previous report as it was.
pub fn write_report(
    store: &Store,
    lib: &Library,
    options: &ReportOptions,
    path: &Path,
) -> Result<ReportSummary, ReportError> {
    let report = make_report(store, lib, options)?;
    let files = match options.format {
        ReportFormat::Xlsx => {
            if report.rows.len() > xlsx::MAX_ROWS {
                return Err(ReportError::TooManyRows {
                    rows: report.rows.len(),
                });
            }
            let mut out = file::Pending::create(path)?;
            let bytes =
                xlsx::write(&report).map_err(|e| out.explain(e.to_string(), xlsx_io(&e)))?;
            std::io::Write::write_all(out.writer(), &bytes)
                .map_err(|e| out.explain(String::new(), Some(e.kind())))?;
            out.commit()?;
            vec![path.to_path_buf()]
        }
        ReportFormat::Csv => {
            let summary = summary_path(path);
            let mut rows = file::Pending::create(path)?;
            let mut sums = file::Pending::create(&summary)?;
            csv::write_rows(&report, rows.writer())
                .map_err(|e| rows.explain(e.to_string(), csv_io(&e)))?;
            csv::write_summary(&report, sums.writer())
                .map_err(|e| sums.explain(e.to_string(), csv_io(&e)))?;
            file::commit_all(vec![rows, sums])?;
            vec![path.to_path_buf(), summary]
        }
    };
    let overall = report
        .summaries
        .first()
        .cloned()
        .expect("a report always has an overall summary");
    Ok(ReportSummary {
        files,
        rows: report.rows.len(),
        learners: overall.active,
        overall,
    })
}

fn xlsx_io(e: &rust_xlsxwriter::XlsxError) -> Option<std::io::ErrorKind> {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Some(io.kind()),
        _ => None,
    }
}

fn csv_io(e: &::csv::Error) -> Option<std::io::ErrorKind> {
    match e.kind() {
        ::csv::ErrorKind::Io(io) => Some(io.kind()),
        _ => None,
    }
}

/// The details' headers; the English half of the two times says their zone.
pub fn detail_header_pairs(offset: UtcOffset) -> Vec<(&'static str, String)> {
    let zone = cell::zone_label(offset);
    DETAIL_HEADERS
        .iter()
        .enumerate()
        .map(|(i, (zh, en))| match i {
            7 | 8 => (*zh, format!("{en} ({zone})")),
            _ => (*zh, en.to_string()),
        })
        .collect()
}

/// The details' headers as one line each ("学员 Learner"), for CSV.
pub fn detail_headers(offset: UtcOffset) -> Vec<String> {
    detail_header_pairs(offset)
        .into_iter()
        .map(|(zh, en)| format!("{zh} {en}"))
        .collect()
}

/// "张三（12 次）、学员 7（9 次）"
pub fn helped_text(s: &GroupSummary) -> String {
    s.most_helped
        .iter()
        .map(|h| {
            // The name (outside text) last, so nothing in it is taken for a placeholder.
            fill(
                HELPED,
                &[("help", &h.help.to_string()), ("learner", &h.learner)],
            )
        })
        .collect::<Vec<_>>()
        .join(table::GROUP_SEPARATOR)
}

pub fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn hours(time_ms: u64) -> f64 {
    one_decimal(time_ms as f64 / 3_600_000.0)
}
