//! The report as CSV: the rows in the report's file, the group summaries in a second file beside
//! it (`report.csv` → `report-summary.csv`) and the learners' attendance in a third
//! (`report-learners.csv`). UTF-8 with a byte-order mark and CRLF line ends:
//! Excel in China reads a CSV file without the mark as GBK and garbles every Chinese character.

use std::io::Write;

use super::cell::{csv_text, date_time};
use super::table::{GroupSummary, LearnerLine, Report, Row};
use super::{away_text, header, most_wrong_text};
use crate::ui::figures::{average, class_hours, hours, minutes};

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

fn headers(
    w: &mut csv::Writer<impl Write>,
    report: &Report,
    cells: &[&str],
) -> Result<(), csv::Error> {
    let cells: Vec<String> = cells.iter().map(|c| header(c, report)).collect();
    record(w, &cells.iter().map(|c| Cell::Text(c)).collect::<Vec<_>>())
}

fn tenth(x: f64) -> Cell<'static> {
    Cell::Plain(format!("{x:.1}"))
}

fn number(n: impl ToString) -> Cell<'static> {
    Cell::Plain(n.to_string())
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
    headers(&mut w, report, &report.words().detail_headers)?;
    for row in &report.rows {
        write_row(&mut w, report, row)?;
    }
    w.flush()?;
    Ok(())
}

fn seat(seat: Option<i64>) -> Cell<'static> {
    Cell::Plain(seat.map(|s| s.to_string()).unwrap_or_default())
}

fn write_row(
    w: &mut csv::Writer<impl Write>,
    report: &Report,
    row: &Row,
) -> Result<(), csv::Error> {
    let words = report.words();
    record(
        w,
        &[
            Cell::Text(&row.learner),
            seat(row.seat),
            Cell::Text(&row.groups),
            Cell::Text(if row.archived { words.archived_yes } else { "" }),
            Cell::Text(&row.course),
            Cell::Text(&row.lesson),
            Cell::Text(row.status(words)),
            time_cell(row.first, &row.first_text),
            time_cell(row.last, &row.last_text),
            number(row.attempts),
            number(row.wrong),
            number(row.help),
            tenth(minutes(row.time_ms)),
            number(row.stars),
            number(row.completions),
        ],
    )
}

/// One line per learner: attendance, class hours, days away.
pub fn write_learners(report: &Report, out: impl Write) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    headers(&mut w, report, &report.words().learner_headers)?;
    for line in &report.learners {
        write_learner(&mut w, report, line)?;
    }
    w.flush()?;
    Ok(())
}

fn write_learner(
    w: &mut csv::Writer<impl Write>,
    report: &Report,
    l: &LearnerLine,
) -> Result<(), csv::Error> {
    let words = report.words();
    let away = away_text(report, l);
    record(
        w,
        &[
            Cell::Text(&l.learner),
            seat(l.seat),
            Cell::Text(&l.groups),
            Cell::Text(if l.archived { words.archived_yes } else { "" }),
            number(l.days_attended),
            tenth(minutes(l.time_ms)),
            tenth(class_hours(l.time_ms, report.centre.class_minutes)),
            number(l.lessons_started),
            number(l.lessons_completed),
            number(l.wrong),
            number(l.help),
            Cell::Plain(l.last_seen.map(date_time).unwrap_or_default()),
            Cell::Text(&away),
        ],
    )
}

pub fn write_summary(report: &Report, out: impl Write) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    headers(&mut w, report, &report.words().summary_headers)?;
    for s in &report.summaries {
        write_summary_row(&mut w, report, s)?;
    }
    w.flush()?;
    Ok(())
}

fn write_summary_row(
    w: &mut csv::Writer<impl Write>,
    report: &Report,
    s: &GroupSummary,
) -> Result<(), csv::Error> {
    let most_wrong = most_wrong_text(report, s);
    record(
        w,
        &[
            Cell::Text(&s.name),
            number(s.learners),
            number(s.archived),
            number(s.active),
            number(s.never_came),
            number(s.away),
            number(s.class_days),
            number(s.attendance_days),
            number(s.lessons_started),
            number(s.lessons_completed),
            number(s.completions),
            tenth(average(s.stars, s.lessons_started as u64)),
            tenth(hours(s.time_ms)),
            tenth(class_hours(s.time_ms, report.centre.class_minutes)),
            number(s.attempts),
            number(s.wrong),
            number(s.help),
            number(s.answers),
            Cell::Text(&most_wrong),
            Cell::Text(&report.period),
            number(report.centre.class_minutes),
        ],
    )
}
