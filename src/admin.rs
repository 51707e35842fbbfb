//! The commands a centre runs from the machine's shell rather than the app: setting or resetting
//! the teacher's PIN, and importing a roster. Their output is in the chosen language and inert.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::inert::inert;
use crate::lang::Lang;
use crate::progress::Store;
use crate::records::roster::{self, LineResult, Problem};
use crate::ui::words::{fill, words};

/// Reads a PIN without showing it: digits appear as `*` on a terminal; from a pipe (a script), a
/// line is read.
pub fn read_secret(prompt: &str) -> std::io::Result<String> {
    let mut out = std::io::stderr();
    write!(out, "{prompt}")?;
    out.flush()?;
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim().to_string());
    }
    use crossterm::event::{Event, KeyCode, KeyEventKind, read};
    crossterm::terminal::enable_raw_mode()?;
    let mut typed = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => {
                    typed.clear();
                    break Ok(());
                }
                KeyCode::Char('c')
                    if k.modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL) =>
                {
                    typed.clear();
                    break Ok(());
                }
                KeyCode::Backspace if typed.pop().is_some() => {
                    let _ = write!(out, "\u{8} \u{8}");
                }
                KeyCode::Char(c) if c.is_ascii_digit() && typed.len() < 12 => {
                    typed.push(c);
                    let _ = write!(out, "*");
                }
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e),
        }
        let _ = out.flush();
    };
    let _ = crossterm::terminal::disable_raw_mode();
    writeln!(out)?;
    result.map(|()| typed)
}

/// `zhulao pin set`. Returns whether the PIN was set.
pub fn pin_set(store: &mut Store, lang: Lang) -> Result<bool, String> {
    let t = words(lang).teacher;
    let first = read_secret(&format!("{} ", t.pin_new)).map_err(|e| e.to_string())?;
    if !crate::pin::acceptable(&first) {
        eprintln!("{}", t.pin_too_short);
        return Ok(false);
    }
    let again = read_secret(&format!("{} ", t.pin_again)).map_err(|e| e.to_string())?;
    if again != first {
        eprintln!("{}", t.pin_mismatch);
        return Ok(false);
    }
    let hash = crate::pin::hash(&first)?;
    store.set_pin_hash(&hash).map_err(|e| e.to_string())?;
    Ok(true)
}

/// `zhulao roster import FILE`: one line of report per line of the file, then a summary.
/// Returns whether every line went in.
pub fn roster_import(store: &mut Store, file: &Path, lang: Lang) -> Result<bool, String> {
    let t = words(lang).roster;
    let term = crate::ui::words::roster::term(lang);
    let column = |n: usize| fill(term.column_n, &[("n", &n.to_string())]);
    let file = roster::read_rows(file, &column).map_err(|e| e.to_string())?;
    let rows = &file.rows;
    let results = roster::import(store, rows).map_err(|e| e.to_string())?;
    let (mut added, mut already, mut wrong, mut asked_teacher) = (0, 0, 0, 0);
    for (row, result) in rows.iter().zip(&results) {
        let line = row.line.to_string();
        let group = |g: &Option<String>| {
            g.as_ref()
                .map(|g| fill(t.in_group, &[("group", g)]))
                .unwrap_or_default()
        };
        let text = match result {
            LineResult::Added { group: g, seat } => {
                added += 1;
                let seat = seat
                    .map(|s| fill(t.at_seat, &[("seat", &s.to_string())]))
                    .unwrap_or_default();
                fill(
                    t.added,
                    &[
                        ("line", &line),
                        ("name", &row.name),
                        ("extra", &format!("{}{seat}", group(g))),
                    ],
                )
            }
            LineResult::AlreadyThere { group: g, seat } => {
                already += 1;
                let seat = seat
                    .map(|s| fill(t.seat_given, &[("seat", &s.to_string())]))
                    .unwrap_or_default();
                let joined = g
                    .as_ref()
                    .map(|g| fill(term.group_joined, &[("name", &row.name), ("group", g)]))
                    .unwrap_or_default();
                fill(
                    t.already,
                    &[
                        ("line", &line),
                        ("name", &row.name),
                        ("extra", &format!("{seat}{joined}")),
                    ],
                )
            }
            LineResult::OtherSeat { has, asked } => {
                asked_teacher += 1;
                fill(
                    t.other_seat,
                    &[
                        ("line", &line),
                        ("name", &row.name),
                        ("has", &has.to_string()),
                        ("asked", &asked.to_string()),
                    ],
                )
            }
            LineResult::Wrong(problem) => {
                wrong += 1;
                let reason = match problem {
                    Problem::NoName => t.no_name.to_string(),
                    Problem::TooLong => crate::ui::words::fill(
                        t.too_long,
                        &[("n", &crate::progress::MAX_NAME_CHARS.to_string())],
                    ),
                    Problem::BadCharacter(detail) => fill(t.bad_char, &[("detail", detail)]),
                    Problem::BadSeat(seat) => fill(t.bad_seat, &[("seat", seat)]),
                    Problem::SeatTaken { seat, by } => {
                        fill(t.seat_taken, &[("seat", &seat.to_string()), ("name", by)])
                    }
                };
                fill(
                    t.wrong,
                    &[("line", &line), ("name", &row.name), ("reason", &reason)],
                )
            }
        };
        println!("{}", inert(&text));
    }
    if !file.unused_columns.is_empty() {
        let columns = file
            .unused_columns
            .join(if lang == Lang::Zh { "、" } else { ", " });
        println!(
            "{}",
            inert(&fill(term.unused_columns, &[("columns", &columns)]))
        );
    }
    println!(
        "{}",
        fill(
            t.summary,
            &[
                ("added", &added.to_string()),
                ("already", &already.to_string()),
                ("wrong", &(wrong + asked_teacher).to_string()),
            ],
        )
    );
    Ok(wrong == 0 && asked_teacher == 0)
}
