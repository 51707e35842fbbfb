//! The report as CSV: the rows in the report's file, the group summaries in a second file beside
//! it (`report.csv` → `report-summary.csv`). UTF-8 with a byte-order mark and CRLF line ends:
//! Excel in China reads a CSV file without the mark as GBK and garbles every Chinese character.

use std::io::Write;

use super::cell::{csv_text, date_time, minutes};
use super::table::{GroupSummary, Report, Row};
use super::{detail_headers, helped_text, hours, one_decimal};
use crate::ui::words::report::{ARCHIVED_YES, SUMMARY_HEADERS};

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer<W: Write>(mut out: W) -> std::io::Result<csv::Writer<W>> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out))
}

/// Every text through `csv_text`; numbers as we format them.
fn record(w: &mut csv::Writer<impl Write>, cells: &[Cell<'_>]) -> Result<(), csv::Error> {
    for c in cells {
        match c {
            Cell::Text(t) => w.write_field(csv_text(t).as_bytes())?,
            Cell::Plain(t) => w.write_field(t)?,
        }
    }
    w.write_record(None::<&[u8]>)
}

fn header(w: &mut csv::Writer<impl Write>, cells: &[&str]) -> Result<(), csv::Error> {
    record(w, &cells.iter().map(|c| Cell::Text(c)).collect::<Vec<_>>())
}

enum Cell<'a> {
    Text(&'a str),
    /// A number or a time this module formatted itself.
    Plain(String),
}

fn time_cell(t: Option<time::OffsetDateTime>, stored: &str) -> Cell<'_> {
    match t {
        Some(t) => Cell::Plain(date_time(t)),
        None => Cell::Text(stored),
    }
}

pub fn write_rows(report: &Report, out: impl Write) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    let headers = detail_headers(report.offset);
    header(
        &mut w,
        &headers.iter().map(String::as_str).collect::<Vec<_>>(),
    )?;
    for row in &report.rows {
        write_row(&mut w, row)?;
    }
    w.flush()?;
    Ok(())
}

fn write_row(w: &mut csv::Writer<impl Write>, row: &Row) -> Result<(), csv::Error> {
    record(
        w,
        &[
            Cell::Text(&row.learner),
            Cell::Plain(row.seat.map(|s| s.to_string()).unwrap_or_default()),
            Cell::Text(&row.groups),
            Cell::Text(if row.archived { ARCHIVED_YES } else { "" }),
            Cell::Text(&row.course),
            Cell::Text(&row.lesson),
            Cell::Text(row.status()),
            time_cell(row.first, &row.first_text),
            time_cell(row.last, &row.last_text),
            Cell::Plain(row.attempts.to_string()),
            Cell::Plain(row.help.to_string()),
            Cell::Plain(format!("{:.1}", minutes(row.time_ms))),
            Cell::Plain(row.stars.to_string()),
            Cell::Plain(row.completions.to_string()),
        ],
    )
}

pub fn write_summary(report: &Report, out: impl Write) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    header(&mut w, &SUMMARY_HEADERS)?;
    for s in &report.summaries {
        write_summary_row(&mut w, s, &report.period)?;
    }
    w.flush()?;
    Ok(())
}

fn write_summary_row(
    w: &mut csv::Writer<impl Write>,
    s: &GroupSummary,
    period: &str,
) -> Result<(), csv::Error> {
    let helped = helped_text(s);
    record(
        w,
        &[
            Cell::Text(&s.name),
            Cell::Plain(s.learners.to_string()),
            Cell::Plain(s.archived.to_string()),
            Cell::Plain(s.active.to_string()),
            Cell::Plain(s.lessons_started.to_string()),
            Cell::Plain(s.lessons_completed.to_string()),
            Cell::Plain(s.completions.to_string()),
            Cell::Plain(format!("{:.1}", one_decimal(s.average_stars))),
            Cell::Plain(format!("{:.1}", hours(s.time_ms))),
            Cell::Plain(s.attempts.to_string()),
            Cell::Plain(s.help.to_string()),
            Cell::Plain(s.answers.to_string()),
            Cell::Text(&helped),
            Cell::Text(period),
        ],
    )
}
