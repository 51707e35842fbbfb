//! Importing a class roster from a spreadsheet: a CSV or XLSX file with a name on each line and,
//! optionally, a group (周二上午班) and a seat number. Each line gets its own plain answer —
//! added, already on the list, or wrong and why — so a volunteer can fix the file and import it
//! again (importing twice changes nothing the second time).

use std::path::Path;

use crate::inert::check_name;
use crate::progress::MAX_NAME_CHARS;
use crate::progress::store::roster::{RosterLine, RosterOutcome};
use crate::progress::{Store, StoreError};

/// One line of the file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// Line number in the file (1-based; a header counts as line 1).
    pub line: usize,
    pub name: String,
    pub group: Option<String>,
    pub seat: Option<String>,
}

/// What happened to one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineResult {
    Added {
        group: Option<String>,
        seat: Option<u32>,
    },
    /// The name was on the list already: not added again; the group (if new to them) and the
    /// seat (if they had none) were given, and said.
    AlreadyThere {
        group: Option<String>,
        seat: Option<u32>,
    },
    /// The name is on the list with another seat: perhaps two people of the same name. Nothing
    /// was changed; the teacher is asked.
    OtherSeat {
        has: u32,
        asked: u32,
    },
    Wrong(Problem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoName,
    TooLong,
    BadCharacter(String),
    BadSeat(String),
    SeatTaken { seat: u32, by: String },
}

#[derive(Debug, thiserror::Error)]
pub enum RosterFileError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error(
        "{path} is not a CSV or XLSX file (it should end in .csv or .xlsx; save other spreadsheets as one of these)"
    )]
    Kind { path: String },
    #[error("{path} has no names in it")]
    Empty { path: String },
    #[error(
        "{path} is too big to be a class roster ({what}); a roster of a few thousand learners is far smaller. Save just the names, groups and seats in a new file"
    )]
    TooBig { path: String, what: String },
}

/// The most a roster file may be, and expand to, before it is read. A class of thousands of
/// learners fits many times over; a file made to fill an old classroom PC's memory (a huge
/// cell or millions of rows packed into a small XLSX) is refused before anything is read.
const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// What the parts of an XLSX file may expand to, together.
const MAX_UNPACKED_BYTES: u64 = 40 * 1024 * 1024;
const MAX_ZIP_PARTS: usize = 500;
/// Lines a roster may have.
pub const MAX_ROWS: usize = 20_000;
/// Columns looked at (name, group and seat are among the first few).
const MAX_COLUMNS: u32 = 50;

/// Which column holds what: from a header row if there is one ("姓名, 班级, 座位号" or
/// "name, group, seat"), otherwise name, group, seat in that order.
struct Columns {
    name: usize,
    group: Option<usize>,
    seat: Option<usize>,
    has_header: bool,
}

/// The headers a school office writes for each column, compared without case or spaces. The
/// group's include the bureau report's own "小组", so a report's learner sheet can come back
/// in as a roster.
const NAME_HEADERS: &[&str] = &[
    "姓名",
    "名字",
    "学员",
    "学员姓名",
    "学员名字",
    "学生姓名",
    "学生",
    "老人姓名",
    "name",
    "learner",
    "learnername",
    "fullname",
    "student",
];
const GROUP_HEADERS: &[&str] = &[
    "小组",
    "组别",
    "班别",
    "班级",
    "班",
    "组",
    "分组",
    "班组",
    "组名",
    "班名",
    "班级名称",
    "班级名",
    "小组名称",
    "分组名称",
    "所在班级",
    "所在小组",
    "group",
    "class",
    "team",
];
const SEAT_HEADERS: &[&str] = &[
    "座位",
    "座位号",
    "座号",
    "座次",
    "座位编号",
    "seat",
    "seatnumber",
    "seatno",
];

/// A header cell as it is compared: no spaces (full-width ones too), no case, no trailing
/// colon ("姓名：").
fn header_key(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn columns(first: &[String]) -> Columns {
    let find = |words: &[&str]| {
        first
            .iter()
            .position(|c| words.contains(&header_key(c).as_str()))
    };
    let name = find(NAME_HEADERS);
    let group = find(GROUP_HEADERS);
    let seat = find(SEAT_HEADERS);
    match name {
        Some(name) => Columns {
            name,
            group,
            seat,
            has_header: true,
        },
        None => Columns {
            name: 0,
            group: Some(1),
            seat: Some(2),
            has_header: false,
        },
    }
}

/// The columns of the file that say something but were not used, as the teacher would name
/// them: the header's words, or "第 4 列" in a file without a header (`column` fills the
/// number in).
fn unused_columns(
    cells: &[Vec<String>],
    cols: &Columns,
    column: &dyn Fn(usize) -> String,
) -> Vec<String> {
    let used = |i: usize| i == cols.name || cols.group == Some(i) || cols.seat == Some(i);
    let widest = cells.iter().map(Vec::len).max().unwrap_or(0);
    let body = &cells[usize::from(cols.has_header)..];
    (0..widest)
        .filter(|&i| !used(i))
        .filter(|&i| {
            body.iter()
                .any(|row| row.get(i).is_some_and(|c| !c.trim().is_empty()))
                || (cols.has_header && cells[0].get(i).is_some_and(|c| !c.trim().is_empty()))
        })
        .map(|i| match cells[0].get(i).map(|c| c.trim()) {
            Some(header) if cols.has_header && !header.is_empty() => header.to_string(),
            _ => column(i + 1),
        })
        .collect()
}

/// What a roster file holds: its lines, and the columns nobody used (said in the report, so
/// a column of phone numbers or a group under an unexpected header is never dropped unseen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterFile {
    pub rows: Vec<RosterRow>,
    pub unused_columns: Vec<String>,
}

/// The rows of a roster file, by its extension; `column` names a column by its number where
/// the file has no header ("第 4 列").
pub fn read_rows(
    path: &Path,
    column: &dyn Fn(usize) -> String,
) -> Result<RosterFile, RosterFileError> {
    let shown = crate::inert::inert(&path.display().to_string()).into_owned();
    let read = |reason: String| RosterFileError::Read {
        path: shown.clone(),
        reason,
    };
    let too_big = |what: String| RosterFileError::TooBig {
        path: shown.clone(),
        what,
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(|e| read(crate::progress::store::plain_io(&e)))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(format!("{} MB", size / (1024 * 1024))));
    }
    let cells: Vec<Vec<String>> = match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| read(e.to_string()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| read("it is not UTF-8 text; save it as \"CSV UTF-8\"".into()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter(text))
                .from_reader(text.as_bytes())
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(str::to_string).collect())
                        .map_err(|e| read(e.to_string()))
                })
                .collect::<Result<_, _>>()?;
            if rows.len() > MAX_ROWS {
                return Err(too_big(format!("more than {MAX_ROWS} lines")));
            }
            rows
        }
        "xlsx" | "xlsm" => {
            let failed = |why| match why {
                Unpacked::TooBig(what) => too_big(what),
                Unpacked::NotXlsx => read("it is not an Excel (XLSX) file inside".into()),
                Unpacked::Read(why) => read(why),
            };
            unpacked_size(path).map_err(failed)?;
            xlsx_cells(path).map_err(failed)?
        }
        _ => return Err(RosterFileError::Kind { path: shown }),
    };
    let Some(first) = cells.first() else {
        return Err(RosterFileError::Empty { path: shown });
    };
    let cols = columns(first);
    let cell = |row: &[String], i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let rows: Vec<RosterRow> = cells
        .iter()
        .enumerate()
        .skip(usize::from(cols.has_header))
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, row)| RosterRow {
            line: i + 1,
            name: cell(row, Some(cols.name)).unwrap_or_default(),
            group: cell(row, cols.group),
            seat: cell(row, cols.seat),
        })
        .collect();
    if rows.is_empty() {
        return Err(RosterFileError::Empty { path: shown });
    }
    Ok(RosterFile {
        unused_columns: unused_columns(&cells, &cols, column),
        rows,
    })
}

/// The character between the columns: a comma, or what a spreadsheet set to another country's
/// ways used — a semicolon (where the comma is the decimal point) or a Tab — judged by the first
/// line.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(char::from(d)), d == b','))
        .unwrap_or(b',')
}

/// Why an XLSX file was not read.
enum Unpacked {
    TooBig(String),
    NotXlsx,
    Read(String),
}

/// Measures what the parts of an XLSX file expand to — by expanding them, up to the limit, not
/// by believing the sizes the file states — and refuses past `MAX_UNPACKED_BYTES`.
fn unpacked_size(path: &Path) -> Result<u64, Unpacked> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Unpacked::Read(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| Unpacked::NotXlsx)?;
    if zip.len() > MAX_ZIP_PARTS {
        return Err(Unpacked::TooBig(format!("{} parts inside", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| Unpacked::NotXlsx)?;
        if total.saturating_add(part.size()) > MAX_UNPACKED_BYTES {
            return Err(Unpacked::TooBig("it expands to more than 40 MB".into()));
        }
        let left = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| Unpacked::NotXlsx)?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(Unpacked::TooBig("it expands to more than 40 MB".into()));
        }
    }
    Ok(total)
}

/// The first sheet's cells, row by row, read one cell at a time (a sheet that says it is
/// millions of rows long is never laid out in memory), up to `MAX_ROWS` lines of
/// `MAX_COLUMNS` columns.
fn xlsx_cells(path: &Path) -> Result<Vec<Vec<String>>, Unpacked> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e: calamine::XlsxError| Unpacked::Read(e.to_string()))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(Unpacked::Read("it has no worksheet".into()));
    };
    let mut reader = book
        .worksheet_cells_reader(&sheet)
        .map_err(|e| Unpacked::Read(e.to_string()))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| Unpacked::Read(e.to_string()))?
    {
        let (row, col) = cell.get_position();
        let text = cell_text(&calamine::Data::from(cell.get_value().clone()));
        if col >= MAX_COLUMNS || text.trim().is_empty() {
            continue;
        }
        let row = row as usize;
        if row >= MAX_ROWS {
            return Err(Unpacked::TooBig(format!("more than {MAX_ROWS} lines")));
        }
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let cells = &mut rows[row];
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, String::new());
        }
        cells[col as usize] = text;
    }
    Ok(rows)
}

fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// Imports the rows: each line is checked on its own, and the good ones go in together
/// (`Store::import_roster`, in small batches).
pub fn import(store: &mut Store, rows: &[RosterRow]) -> Result<Vec<LineResult>, StoreError> {
    let checked: Vec<Result<RosterLine, Problem>> = rows.iter().map(check_row).collect();
    let good: Vec<RosterLine> = checked.iter().filter_map(|c| c.clone().ok()).collect();
    let mut outcomes = store.import_roster(&good)?.into_iter();
    let mut results = Vec::with_capacity(rows.len());
    for c in checked {
        let line = match c {
            Err(problem) => {
                results.push(LineResult::Wrong(problem));
                continue;
            }
            Ok(line) => line,
        };
        let Some(outcome) = outcomes.next() else {
            break;
        };
        results.push(match outcome {
            RosterOutcome::Added => LineResult::Added {
                group: line.group,
                seat: line.seat,
            },
            RosterOutcome::AlreadyThere {
                seat_set,
                group_added,
            } => LineResult::AlreadyThere {
                group: line.group.filter(|_| group_added),
                seat: line.seat.filter(|_| seat_set),
            },
            RosterOutcome::SeatTaken { seat, by } => {
                LineResult::Wrong(Problem::SeatTaken { seat, by })
            }
            RosterOutcome::OtherSeat { has } => LineResult::OtherSeat {
                has,
                asked: line.seat.unwrap_or(has),
            },
        });
    }
    Ok(results)
}

/// A line as it can go in, or what is wrong with it.
fn check_row(row: &RosterRow) -> Result<RosterLine, Problem> {
    let name: String = unicode_normalization::UnicodeNormalization::nfc(row.name.trim()).collect();
    if name.is_empty() {
        return Err(Problem::NoName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::TooLong);
    }
    for text in [Some(&name), row.group.as_ref()].into_iter().flatten() {
        if let Err(problem) = check_name(text) {
            return Err(Problem::BadCharacter(problem.to_string()));
        }
    }
    let seat = match &row.seat {
        None => None,
        Some(s) => match s.trim().parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err(Problem::BadSeat(s.clone())),
        },
    };
    Ok(RosterLine {
        name,
        seat,
        group: row.group.clone(),
    })
}
