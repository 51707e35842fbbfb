//! Reports for the education bureau: what each learner did in each lesson, each learner's
//! attendance (days attended, class hours, days away — everyone on the roster, also those who
//! never came), and a summary per group, as an Excel workbook or as CSV. `zhulao report` writes
//! one from the command line; [`write_report`] is the same for the teacher's report screen.
//!
//! - `table`: the rows and summaries, from the store's figures and the lesson library.
//! - `cell`: text made safe from spreadsheet formulas, times. Numbers are rounded by
//!   `ui::figures`, the screens' rule too.
//! - `csv`, `xlsx`: the two formats.
//! - `file`: writing a file whole or not at all.
//! - `places`: the folders the teacher's report screen offers (USB sticks, Documents).
//! - `cli`: the `report` subcommand.
//!
//! The fixed words of the cells (titles, headers, labels) are in `crate::ui::words::report`, in
//! one language per report (Chinese, or English with `--lang en`); so are its error messages.
//!
//! Times: a report shows them in one time zone, this computer's (China: +08:00) unless told
//! otherwise (`--tz`), and says which in its headers. `--from` and `--to` (or `--since`,
//! `--until`) are whole days in that zone, both included; a day attended is a day of that zone
//! with any activity. The figures of a row (attempts, help, time, completions, first and
//! last) count what happened in the period; its status and stars are those the learner had at
//! the end of it (a lesson finished last month is still 完成 this week).

pub mod cell;
pub mod cli;
pub mod csv;
pub mod file;
pub mod places;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};

use time::{Date, OffsetDateTime, Time, UtcOffset};

use crate::content::Library;
use crate::lang::Lang;
use crate::progress::Store;
use crate::progress::StoreError;
use crate::progress::store::format_time;
use crate::progress::store::report::ReportQuery;
use crate::ui::words::fill;
use crate::ui::words::report::{ReportWords, report_words};

pub use table::{GroupSummary, LearnerLine, Report, Row};

/// Away this many days or more, a learner counts as missing unless told otherwise.
pub const DEFAULT_AWAY_DAYS: u16 = 7;

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
    /// The language of its headers and words.
    pub lang: Lang,
    /// Away this many days or more (or never came) counts as missing.
    pub away_days: u16,
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
            lang: Lang::Zh,
            away_days: DEFAULT_AWAY_DAYS,
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
    /// Learners in the report (those who never came too).
    pub roster: usize,
    /// The summary of everyone in the report ("全部 All", or the one group).
    pub overall: GroupSummary,
}

/// Why a report was not made; said in one language by [`ReportError::shown`] (its `Display`
/// is the English).
#[derive(Debug)]
pub enum ReportError {
    Store(StoreError),
    UnknownGroup { name: String, known: Vec<String> },
    EmptyPeriod { since: Date, until: Date },
    Place { path: PathBuf, reason: file::Why },
    TooManyRows { rows: usize },
    Format(String),
}

impl From<StoreError> for ReportError {
    fn from(e: StoreError) -> ReportError {
        ReportError::Store(e)
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown(Lang::En))
    }
}

impl std::error::Error for ReportError {}

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

    /// The message in one language, for the teacher (outside text made inert).
    pub fn shown(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let inert = |s: &str| crate::inert::inert(s).into_owned();
        match self {
            ReportError::Store(e) if zh => format!("无法读取学习记录：{}", inert(&e.to_string())),
            ReportError::Store(e) => format!("cannot read progress: {}", inert(&e.to_string())),
            ReportError::UnknownGroup { name, known } => {
                let name = inert(name);
                let known: Vec<String> = known.iter().map(|k| inert(k)).collect();
                match (zh, known.is_empty()) {
                    (true, true) => format!("没有叫“{name}”的小组（还没有任何小组）"),
                    (true, false) => {
                        format!("没有叫“{name}”的小组；现有的小组：{}", known.join("、"))
                    }
                    (false, true) => {
                        format!("there is no group called \"{name}\" (there are no groups yet)")
                    }
                    (false, false) => format!(
                        "there is no group called \"{name}\"; the groups are: {}",
                        known.join(", ")
                    ),
                }
            }
            ReportError::EmptyPeriod { since, until } if zh => {
                format!("开始日期 {since} 在结束日期 {until} 之后")
            }
            ReportError::EmptyPeriod { since, until } => {
                format!("--from {since} is after --to {until}")
            }
            ReportError::Place { path, reason } => {
                let path = inert(&path.display().to_string());
                if zh {
                    format!("报告不能写到 {path}：{}", reason.shown(lang))
                } else {
                    format!(
                        "the report cannot be written to {path}: {}",
                        reason.shown(lang)
                    )
                }
            }
            ReportError::TooManyRows { rows } if zh => format!(
                "报告有 {rows} 行，超过一个工作表能放的 {} 行；请用 --csv、只选一个小组，或缩短时间范围",
                xlsx::MAX_ROWS
            ),
            ReportError::TooManyRows { rows } => format!(
                "the report has {rows} rows, more than a worksheet holds ({}); use --csv, a group or a shorter period",
                xlsx::MAX_ROWS
            ),
            ReportError::Format(detail) if zh => format!("报告没能生成：{}", inert(detail)),
            ReportError::Format(detail) => {
                format!("the report could not be made: {}", inert(detail))
            }
        }
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

fn period_text(w: &ReportWords, since: Option<Date>, until: Option<Date>) -> String {
    let (s, u) = (since.map(|d| d.to_string()), until.map(|d| d.to_string()));
    match (s.as_deref(), u.as_deref()) {
        (None, None) => w.period_all.into(),
        (Some(s), None) => fill(w.period_from, &[("since", s)]),
        (None, Some(u)) => fill(w.period_until, &[("until", u)]),
        (Some(s), Some(u)) => fill(w.period_between, &[("since", s), ("until", u)]),
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
        offset_seconds: options.offset.whole_seconds(),
    })?;
    let made_at = OffsetDateTime::now_utc();
    let today = crate::progress::store::local_date(made_at, options.offset);
    Ok(table::build(
        &data,
        lib,
        only.as_ref(),
        table::Framing {
            lang: options.lang,
            offset: options.offset,
            period: period_text(report_words(options.lang), options.since, options.until),
            made_at,
            // Days away count to the period's last day, or to today (not past it).
            last_day: options.until.map_or(today, |u| u.min(today)),
            away_days: options.away_days.max(1),
        },
    ))
}

/// Where the CSV summary goes: `report.csv` → `report-summary.csv`.
pub fn summary_path(path: &Path) -> PathBuf {
    beside(path, "summary")
}

/// Where the CSV of learners (attendance) goes: `report.csv` → `report-learners.csv`.
pub fn learners_path(path: &Path) -> PathBuf {
    beside(path, "learners")
}

fn beside(path: &Path, what: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{what}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{what}"),
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
            let people = learners_path(path);
            let mut rows = file::Pending::create(path)?;
            let mut sums = file::Pending::create(&summary)?;
            let mut lines = file::Pending::create(&people)?;
            csv::write_rows(&report, rows.writer())
                .map_err(|e| rows.explain(e.to_string(), csv_io(&e)))?;
            csv::write_summary(&report, sums.writer())
                .map_err(|e| sums.explain(e.to_string(), csv_io(&e)))?;
            csv::write_learners(&report, lines.writer())
                .map_err(|e| lines.explain(e.to_string(), csv_io(&e)))?;
            file::commit_all(vec![rows, sums, lines])?;
            vec![path.to_path_buf(), summary, people]
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
        roster: report.learners.len(),
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

/// A header with the report's time zone and days away filled in.
pub fn header(text: &str, report: &Report) -> String {
    fill(
        text,
        &[
            ("zone", &cell::zone_label(report.offset)),
            ("n", &report.away_days.to_string()),
        ],
    )
}

/// "张三（12 次）、学员 7（9 次）": the learners with the most wrong answers, in one cell.
pub fn most_wrong_text(report: &Report, s: &GroupSummary) -> String {
    s.most_wrong
        .iter()
        .map(|h| {
            // The name (outside text) last, so nothing in it is taken for a placeholder.
            fill(
                report.words().most_wrong_one,
                &[("wrong", &h.wrong.to_string()), ("learner", &h.learner)],
            )
        })
        .collect::<Vec<_>>()
        .join(table::GROUP_SEPARATOR)
}

/// A learner's days away as a cell's text: "12", the words for never came, or "" when they
/// came within the report's days.
pub fn away_text(report: &Report, line: &LearnerLine) -> String {
    match line.days_away {
        None => report.words().never_came.to_string(),
        Some(d) if line.missing(report.away_days) => d.to_string(),
        Some(_) => String::new(),
    }
}
