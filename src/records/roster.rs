//! Importing a class roster from a spreadsheet: a CSV or XLSX file with a name on each line and,
//! optionally, a group (周二上午班) and a seat number. Each line gets its own plain answer —
//! added, already on the list, or wrong and why — so a volunteer can fix the file and import it
//! again (importing twice changes nothing the second time).

use std::path::Path;

use crate::inert::check_name;
use crate::progress::MAX_NAME_CHARS;
use crate::progress::{NewLearner, Store, StoreError};

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
    /// The name was on the list already: not added again (their group is added, if new).
    AlreadyThere {
        group: Option<String>,
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
    #[error("{path} is not a CSV or XLSX file (it should end in .csv or .xlsx)")]
    Kind { path: String },
    #[error("{path} has no names in it")]
    Empty { path: String },
}

/// Which column holds what: from a header row if there is one ("姓名, 班级, 座位号" or
/// "name, group, seat"), otherwise name, group, seat in that order.
struct Columns {
    name: usize,
    group: Option<usize>,
    seat: Option<usize>,
    has_header: bool,
}

fn columns(first: &[String]) -> Columns {
    let find = |words: &[&str]| {
        first.iter().position(|c| {
            let c = c.trim().to_lowercase();
            words.iter().any(|w| c == *w)
        })
    };
    let name = find(&["姓名", "名字", "学员", "name", "learner"]);
    let group = find(&["班级", "班", "组", "分组", "班组", "group", "class"]);
    let seat = find(&["座位", "座位号", "座号", "seat", "seat number"]);
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

/// The rows of a roster file, by its extension.
pub fn read_rows(path: &Path) -> Result<Vec<RosterRow>, RosterFileError> {
    let shown = crate::inert::inert(&path.display().to_string()).into_owned();
    let read = |reason: String| RosterFileError::Read {
        path: shown.clone(),
        reason,
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let cells: Vec<Vec<String>> = match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| read(e.to_string()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| read("it is not UTF-8 text; save it as \"CSV UTF-8\"".into()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(str::to_string).collect())
                        .map_err(|e| read(e.to_string()))
                })
                .collect::<Result<_, _>>()?
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(path).map_err(|e| read(e.to_string()))?;
            let range = book
                .worksheet_range_at(0)
                .ok_or_else(|| read("it has no worksheet".into()))?
                .map_err(|e| read(e.to_string()))?;
            range
                .rows()
                .map(|row| row.iter().map(cell_text).collect())
                .collect()
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
    Ok(rows)
}

fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// Imports the rows: each line is checked and added on its own.
pub fn import(store: &mut Store, rows: &[RosterRow]) -> Result<Vec<LineResult>, StoreError> {
    rows.iter().map(|row| import_row(store, row)).collect()
}

fn import_row(store: &mut Store, row: &RosterRow) -> Result<LineResult, StoreError> {
    let name: String = unicode_normalization::UnicodeNormalization::nfc(row.name.trim()).collect();
    if name.is_empty() {
        return Ok(LineResult::Wrong(Problem::NoName));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Ok(LineResult::Wrong(Problem::TooLong));
    }
    for text in [Some(&name), row.group.as_ref()].into_iter().flatten() {
        if let Err(problem) = check_name(text) {
            return Ok(LineResult::Wrong(Problem::BadCharacter(
                problem.to_string(),
            )));
        }
    }
    let seat = match &row.seat {
        None => None,
        Some(s) => match s.trim().parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Ok(LineResult::Wrong(Problem::BadSeat(s.clone()))),
        },
    };
    let key = crate::inert::normalise_name(&name);
    let roster = store.roster(true)?;
    let already = roster
        .iter()
        .any(|e| e.learner.name.as_deref().map(crate::inert::normalise_name) == Some(key.clone()));
    // A seat someone else has makes the whole line wrong, before anything is added.
    if let Some(seat) = seat
        && let Some(other) = roster.iter().find(|e| {
            e.learner.seat == Some(seat)
                && e.learner.name.as_deref().map(crate::inert::normalise_name) != Some(key.clone())
        })
    {
        let by = other
            .learner
            .name
            .clone()
            .or(other.learner.number.map(|n| n.to_string()))
            .unwrap_or_default();
        return Ok(LineResult::Wrong(Problem::SeatTaken { seat, by }));
    }
    let learner = store.add_learner(&NewLearner::Named(name))?;
    if seat.is_some() && learner.seat != seat {
        store.set_seat(&learner.id, seat)?;
    }
    if let Some(group) = &row.group {
        let group = store.add_group(group)?;
        store.set_member(&learner.id, &group.id, true)?;
    }
    Ok(if already {
        LineResult::AlreadyThere {
            group: row.group.clone(),
        }
    } else {
        LineResult::Added {
            group: row.group.clone(),
            seat,
        }
    })
}
