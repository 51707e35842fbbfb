//! Reports for the education bureau, as a volunteer makes them: a class with hostile names,
//! groups, seats and an archived learner; the CSV and XLSX read back (csv, calamine); the group
//! and date filters; the summary; atomic writing; and the `report` command end to end.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rusqlite::{Connection, params};
use time::{Date, Month, UtcOffset};

use zhulao::content::{Library, StepKind};
use zhulao::inert::normalise_name;
use zhulao::lang::Lang;
use zhulao::progress::{EventDraft, NewLearner, Outcome, StepAnswer, Store, Verb};
use zhulao::records::report::{
    ReportError, ReportFormat, ReportOptions, make_report, summary_path, write_report,
};

const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"x\")",
    "-1+2",
    "@SUM(A1)",
    "张三,李四",
    "\"引号\"",
];

const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!(),
};

fn day(year: i32, month: u8, day: u8) -> Date {
    Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap()
}

/// A class: learners (the hostile names, 王秀英, a numbered learner and an archived one), two
/// groups, seats, and events written as `insert_event` writes them but at chosen times.
struct Class {
    dir: tempfile::TempDir,
    store: Store,
    conn: Connection,
    lib: Library,
}

impl Class {
    fn new() -> Class {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let conn = Connection::open(store.path()).unwrap();
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .unwrap();
        Class {
            dir,
            store,
            conn,
            lib: common::fixture_library(),
        }
    }

    fn learner(&mut self, new: NewLearner) -> String {
        self.store.add_learner(&new).unwrap().id
    }

    fn named(&mut self, name: &str) -> String {
        self.learner(NewLearner::Named(name.into()))
    }

    fn seat(&self, learner: &str, seat: i64) {
        self.conn
            .execute(
                "UPDATE learners SET seat = ?1 WHERE id = ?2",
                params![seat, learner],
            )
            .unwrap();
    }

    fn archive(&self, learner: &str) {
        self.conn
            .execute(
                "UPDATE learners SET archived_at = '2026-11-20T00:00:00.000Z' WHERE id = ?1",
                [learner],
            )
            .unwrap();
    }

    fn group(&self, name: &str, members: &[&str]) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        self.conn
            .execute(
                "INSERT INTO groups (id, name, name_key, created_at)
                 VALUES (?1, ?2, ?3, '2026-11-01T00:00:00.000Z')",
                params![id, name, normalise_name(name)],
            )
            .unwrap();
        for m in members {
            self.conn
                .execute(
                    "INSERT INTO learner_groups (learner_id, group_id) VALUES (?1, ?2)",
                    params![m, id],
                )
                .unwrap();
        }
        id
    }

    /// One event at a chosen time, written as `insert_event` writes it (the event, and the
    /// lesson's figures kept beside it).
    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        learner: &str,
        lesson: (&str, &str),
        verb: Verb,
        outcome: Option<Outcome>,
        duration_ms: i64,
        at: &str,
    ) {
        let id = uuid::Uuid::new_v4().to_string();
        let step = (verb == Verb::Answered).then_some("step");
        self.conn
            .execute(
                "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id,
                                     step_id, step_kind, outcome, attempt, response,
                                     duration_ms, stars, lang, at, device_id)
                 VALUES (?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7, ?8, 1, 'x', ?9, NULL, 'zh', ?10, 'dev')",
                params![
                    id,
                    verb.as_str(),
                    learner,
                    lesson.0,
                    lesson.1,
                    step,
                    step.map(|_| "tap"),
                    outcome.map(Outcome::as_str),
                    step.map(|_| duration_ms),
                    at,
                ],
            )
            .unwrap();
        self.conn
            .execute(
                "INSERT INTO lesson_stats (learner_id, pack_id, lesson_id, runs, completions,
                                           answers, wrong, time_ms, first_at, last_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
                 ON CONFLICT (learner_id, pack_id, lesson_id) DO UPDATE SET
                     runs = runs + excluded.runs,
                     completions = completions + excluded.completions,
                     answers = answers + excluded.answers,
                     wrong = wrong + excluded.wrong,
                     time_ms = time_ms + excluded.time_ms,
                     first_at = MIN(first_at, excluded.first_at),
                     last_at = MAX(last_at, excluded.last_at)",
                params![
                    learner,
                    lesson.0,
                    lesson.1,
                    i64::from(verb == Verb::Attempted),
                    i64::from(verb == Verb::Completed),
                    i64::from(verb == Verb::Answered),
                    i64::from(outcome == Some(Outcome::Wrong)),
                    step.map_or(0, |_| duration_ms),
                    at,
                ],
            )
            .unwrap();
    }

    /// A run through a lesson starting at `at` (UTC, "2026-11-03T02:00"): `wrong` wrong answers,
    /// one right one, each taking 30 s, and finished if `done`. Events one second apart.
    fn run(&self, learner: &str, lesson: (&str, &str), at: &str, wrong: u32, done: bool) {
        let mut second = 0;
        let mut stamp = || {
            second += 1;
            format!("{at}:{:02}.000Z", second - 1)
        };
        self.event(learner, lesson, Verb::Attempted, None, 0, &stamp());
        for _ in 0..wrong {
            self.event(
                learner,
                lesson,
                Verb::Answered,
                Some(Outcome::Wrong),
                30_000,
                &stamp(),
            );
        }
        self.event(
            learner,
            lesson,
            Verb::Answered,
            Some(Outcome::Correct),
            30_000,
            &stamp(),
        );
        if done {
            self.event(learner, lesson, Verb::Completed, None, 0, &stamp());
        }
    }

    fn options(&self, format: ReportFormat) -> ReportOptions {
        ReportOptions {
            format,
            group: None,
            since: None,
            until: None,
            offset: BEIJING,
            lang: Lang::Zh,
            away_days: 7,
        }
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

const ALL_KINDS: (&str, &str) = ("demo", "all-kinds");
const SHORT: (&str, &str) = ("demo", "short");
const REMOVED: (&str, &str) = ("demo", "removed-lesson");
const GONE_PACK: (&str, &str) = ("old-pack", "old-lesson");

/// The class every test starts from, with its learners' ids by name.
struct Roster {
    class: Class,
    ids: Vec<(String, String)>,
}

impl Roster {
    fn id(&self, name: &str) -> &str {
        &self.ids.iter().find(|(n, _)| n == name).unwrap().1
    }
}

/// Everyone studied in the first week of November (Beijing time); 王秀英 finished twice, the
/// hostile names once each with help, 学员 1 started without finishing, 李老伯 (archived)
/// finished a lesson that was later removed, and someone studied a pack no longer installed.
fn class() -> Roster {
    let mut class = Class::new();
    let mut ids = Vec::new();
    for name in HOSTILE.iter().chain(&["王秀英", "李老伯"]) {
        let id = class.named(name);
        ids.push((name.to_string(), id));
    }
    let numbered = class.learner(NewLearner::Numbered);
    ids.push(("学员 1".into(), numbered));
    let roster = Roster { class, ids };
    let c = &roster.class;
    for (i, name) in HOSTILE.iter().enumerate() {
        c.seat(roster.id(name), i as i64 + 1);
        c.run(
            roster.id(name),
            ALL_KINDS,
            "2026-11-03T02:00",
            i as u32,
            true,
        );
    }
    let wang = roster.id("王秀英");
    c.seat(wang, 9);
    c.run(wang, ALL_KINDS, "2026-11-02T01:00", 0, true);
    c.run(wang, ALL_KINDS, "2026-11-04T01:00", 0, true);
    c.run(wang, SHORT, "2026-11-05T01:00", 2, false);
    c.run(wang, GONE_PACK, "2026-11-05T02:00", 0, true);
    let li = roster.id("李老伯");
    c.archive(li);
    c.run(li, REMOVED, "2026-11-06T01:00", 1, true);
    c.run(roster.id("学员 1"), SHORT, "2026-11-06T02:00", 3, false);
    c.group(
        "晨练班",
        &[roster.id(HOSTILE[0]), roster.id(HOSTILE[1]), wang],
    );
    c.group("=危险的组", &[wang, li]);
    roster
}

fn read_csv(path: &Path) -> (Vec<u8>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (bytes, rows)
}

/// The column whose header is `header`, or failing that the first that begins with it.
fn column(rows: &[Vec<String>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == header)
        .or_else(|| rows[0].iter().position(|h| h.starts_with(header)))
        .unwrap_or_else(|| panic!("no column {header} in {:?}", rows[0]))
}

/// The data row of a learner and lesson title.
fn row_of<'a>(rows: &'a [Vec<String>], learner: &str, lesson: &str) -> &'a Vec<String> {
    let (l, t) = (column(rows, "学员"), column(rows, "课"));
    rows.iter()
        .find(|r| r[l] == learner && r[t] == lesson)
        .unwrap_or_else(|| panic!("no row for {learner} / {lesson}"))
}

/// What a neutralised CSV cell holds for this text.
fn guarded(name: &str) -> String {
    if matches!(name.chars().next(), Some('=' | '+' | '-' | '@')) {
        format!("'{name}")
    } else {
        name.to_string()
    }
}

#[test]
fn a_csv_report_has_a_bom_crlf_and_every_hostile_name_intact_but_neutralised() {
    let r = class();
    let c = &r.class;
    let path = c.out("班级.csv");
    let summary = write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    assert_eq!(
        summary.files,
        vec![
            path.clone(),
            c.out("班级-summary.csv"),
            c.out("班级-learners.csv")
        ]
    );
    assert_eq!(summary.rows, 10);

    let (bytes, rows) = read_csv(&path);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "every line ends with CRLF"
    );
    assert_eq!(rows.len(), 11, "a header and ten rows");
    assert_eq!(rows[0][0], "学员", "one language: Chinese by default");
    assert_eq!(rows[0][7], "首次学习（UTC+08:00）", "{:?}", rows[0]);
    assert_eq!(rows[0][10], "答错次数", "what it counts: wrong answers");
    assert_eq!(rows[0][11], "求助次数", "help opened, apart");
    assert!(
        rows[0].iter().all(|h| !h.is_ascii() || h.is_empty()),
        "{:?}",
        rows[0]
    );

    // The hostile names hold seats 1–5.
    for (i, name) in HOSTILE.iter().enumerate() {
        let row = rows.iter().find(|r| r[1] == (i + 1).to_string()).unwrap();
        assert_eq!(row[0], guarded(name), "row {i}");
        assert_eq!(row[4], "练习课");
        assert_eq!(row[5], "每种练习");
        assert_eq!(row[6], "完成");
        assert_eq!(row[9], "1", "attempts");
        assert_eq!(row[10], i.to_string(), "wrong answers");
        assert_eq!(row[11], "0", "help opened");
        assert_eq!(row[12], format!("{:.1}", (i + 1) as f64 * 0.5), "minutes");
        assert_eq!(row[13], "1", "stars");
        // 02:00 UTC is 10:00 in Beijing.
        assert_eq!(row[7], "2026-11-03 10:00");
    }
    assert_eq!(row_of(&rows, &guarded(HOSTILE[0]), "每种练习")[2], "晨练班");
    // No cell of the file begins with a formula character.
    for row in &rows {
        for cell in row {
            assert!(
                !matches!(
                    cell.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r')
                ),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn the_csv_rows_show_groups_status_stars_archived_learners_and_lessons_that_are_gone() {
    let r = class();
    let c = &r.class;
    let path = c.out("r.csv");
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    let (_, rows) = read_csv(&path);
    let wang = row_of(&rows, "王秀英", "每种练习");
    assert_eq!(
        wang[2], "'=危险的组、晨练班",
        "groups joined, text neutralised"
    );
    assert_eq!(wang[6], "完成");
    assert_eq!(wang[9], "2");
    assert_eq!(wang[13], "2", "two completions, two stars");
    assert_eq!(wang[14], "2");
    assert_eq!(wang[7], "2026-11-02 09:00");
    assert_eq!(wang[8], "2026-11-04 09:00");
    let short = row_of(&rows, "王秀英", "短课");
    assert_eq!(short[6], "学习中");
    assert_eq!(short[10], "2");
    assert_eq!(short[13], "0");
    // A pack that is no longer installed: its ids.
    let gone = row_of(&rows, "王秀英", "old-lesson");
    assert_eq!(gone[4], "old-pack");
    // A lesson removed from an installed pack: the pack's title and the lesson's id.
    let li = row_of(&rows, "李老伯", "removed-lesson");
    assert_eq!(li[4], "练习课");
    assert_eq!(li[3], "是", "archived learners are listed and marked");
    assert_eq!(li[2], "'=危险的组");
    let numbered = row_of(&rows, "学员 1", "短课");
    assert_eq!(numbered[1], "", "no seat");
    assert_eq!(numbered[10], "3");
    // Names in pinyin order (李 before 王 before 张), learners with only a number last.
    let place = |name: &str| rows.iter().position(|r| r[0] == name).unwrap();
    assert!(place("李老伯") < place("王秀英"));
    assert!(place("王秀英") < place("张三,李四"));
    assert_eq!(rows[10][0], "学员 1");
}

#[test]
fn the_csv_summary_has_everyone_then_each_group() {
    let r = class();
    let c = &r.class;
    let path = c.out("r.csv");
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    let (bytes, rows) = read_csv(&summary_path(&path));
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(rows.len(), 4, "header, 全部, and the two groups by name");
    assert_eq!(rows[0][0], "小组");
    let all = &rows[1];
    let at = |h: &str| all[column(&rows, h)].clone();
    assert_eq!(all[0], "全部");
    assert_eq!(at("学员人数"), "8", "learners");
    assert_eq!(at("已归档"), "1", "archived");
    assert_eq!(at("有学习记录的学员"), "8", "who studied");
    assert_eq!(at("学过的课"), "10", "lessons studied");
    assert_eq!(at("完成的课"), "8", "lessons completed");
    assert_eq!(at("完成次数"), "9", "completions");
    // Stars: 5 × 1 + 王秀英 2 + 0 + 1 (gone pack) + 李老伯 1 + 0 = 9 over 10 lessons.
    assert_eq!(at("平均星星"), "0.9");
    assert_eq!(
        at("答错次数"),
        (1 + 2 + 3 + 4 + 2 + 1 + 3).to_string(),
        "wrong answers"
    );
    assert_eq!(at("求助次数"), "0", "nobody opened help");
    assert!(
        at("答错最多的学员").starts_with("\"引号\"（4 次）、张三,李四（3 次）、学员 1（3 次）"),
        "{}",
        at("答错最多的学员")
    );
    assert_eq!(at("时间范围"), "全部记录");
    assert_eq!(rows[2][0], "'=危险的组");
    assert_eq!(rows[2][1], "2");
    assert_eq!(rows[3][0], "晨练班");
    assert_eq!(rows[3][1], "3");
    assert_eq!(
        rows[3][column(&rows, "学过的课")],
        "5",
        "the members' lessons"
    );
}

/// The cell of a sheet as calamine reads it.
fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap()
}

fn text_at(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

fn number_at(range: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match range.get((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

#[test]
fn an_xlsx_report_reads_back_with_names_intact_and_times_as_dates() {
    let r = class();
    let c = &r.class;
    let path = c.out("班级.xlsx");
    let summary = write_report(&c.store, &c.lib, &c.options(ReportFormat::Xlsx), &path).unwrap();
    assert_eq!(summary.files, vec![path.clone()]);

    let book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["全部", "=危险的组", "晨练班", "学员出勤", "明细"]
    );
    let details = sheet(&path, "明细");
    assert_eq!(details.height(), 11);
    assert_eq!(text_at(&details, 0, 0), "学员");
    assert_eq!(text_at(&details, 0, 10), "答错次数");
    assert_eq!(text_at(&details, 0, 11), "求助次数");
    for (i, name) in HOSTILE.iter().enumerate() {
        // The row of the learner at seat i + 1.
        let at = (1..details.height())
            .find(|&r| matches!(details.get((r, 1)), Some(Data::Float(f)) if *f == (i + 1) as f64))
            .unwrap();
        // In XLSX the value is the name itself; the quote prefix is in the cell's style.
        assert_eq!(text_at(&details, at, 0), *name);
        assert_eq!(text_at(&details, at, 5), "每种练习");
        assert_eq!(text_at(&details, at, 6), "完成");
        match details.get((at, 7)) {
            Some(Data::DateTime(t)) => {
                // Days since 1899-12-30, and the time as a fraction of a day.
                let days = (day(2026, 11, 3) - day(1899, 12, 30)).whole_days() as f64;
                assert!((t.as_f64() - (days + 10.0 / 24.0)).abs() < 1e-6, "{t:?}");
            }
            other => panic!("not a date: {other:?}"),
        }
        assert_eq!(number_at(&details, at, 10), i as f64);
        assert_eq!(number_at(&details, at, 12), (i + 1) as f64 * 0.5);
    }
    let wang = (1..details.height())
        .find(|&r| text_at(&details, r, 0) == "王秀英")
        .unwrap();
    assert_eq!(text_at(&details, wang, 2), "=危险的组、晨练班");

    let all = sheet(&path, "全部");
    assert_eq!(text_at(&all, 2, 1), "全部");
    let figure = |label: &str| {
        let row = (0..all.height())
            .find(|&r| text_at_any(&all, r, 0).starts_with(label))
            .unwrap_or_else(|| panic!("no {label}"));
        number_at(&all, row, 1)
    };
    assert_eq!(figure("学员人数"), 8.0);
    assert_eq!(figure("完成的课"), 8.0);
    assert_eq!(figure("平均星星"), 0.9);
    let helped = (0..all.height())
        .find(|&r| text_at_any(&all, r, 0).starts_with("答错最多"))
        .unwrap();
    assert_eq!(text_at(&all, helped + 2, 0), "\"引号\"");
    assert_eq!(number_at(&all, helped + 2, 2), 4.0);
    let group = sheet(&path, "=危险的组");
    assert_eq!(text_at(&group, 2, 1), "=危险的组");
}

fn text_at_any(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The parts of an XLSX file (a zip) by name.
fn xlsx_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = zip.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn xlsx_text_that_looks_like_a_formula_is_a_string_cell_with_the_quote_prefix() {
    let r = class();
    let c = &r.class;
    let path = c.out("r.xlsx");
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Xlsx), &path).unwrap();
    let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let sheets: Vec<String> = zip
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert_eq!(sheets.len(), 5);
    for name in &sheets {
        let xml = xlsx_part(&path, name);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "a formula in {name}"
        );
    }
    let styles = xlsx_part(&path, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    // The hostile names sit in shared strings, exactly as typed.
    let strings = xlsx_part(&path, "xl/sharedStrings.xml");
    assert!(strings.contains("=HYPERLINK(&quot;x&quot;)") || strings.contains("=HYPERLINK(\"x\")"));
    // Every cell with the quote-prefix style holds text that needs it, and every such text
    // has it: cells are `<c r="A2" s="N" t="s">`.
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let quoted: Vec<usize> = xfs
        .iter()
        .enumerate()
        .filter(|(_, x)| x.contains("quotePrefix=\"1\""))
        .map(|(i, _)| i)
        .collect();
    let details = xlsx_part(&path, "xl/worksheets/sheet5.xml");
    let shared: Vec<String> = strings
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = si.split("<t").nth(1).unwrap();
            let t = &t[t.find('>').unwrap() + 1..];
            t[..t.find("</t>").unwrap()]
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .collect();
    let mut checked = 0;
    for cell in details.split("<c ").skip(1) {
        let head = &cell[..cell.find('>').unwrap()];
        if !head.contains("t=\"s\"") {
            continue;
        }
        let style: usize = head
            .split("s=\"")
            .nth(1)
            .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
        let v = cell.split("<v>").nth(1).unwrap();
        let index: usize = v[..v.find("</v>").unwrap()].parse().unwrap();
        let value = &shared[index];
        let risky = matches!(value.chars().next(), Some('=' | '+' | '-' | '@'));
        assert_eq!(quoted.contains(&style), risky, "{value:?}");
        checked += 1;
    }
    assert!(checked > 50, "{checked} text cells checked");
}

#[test]
fn a_group_report_has_only_its_members_and_finds_the_group_by_a_loosely_typed_name() {
    let r = class();
    let c = &r.class;
    let path = c.out("g.csv");
    let options = ReportOptions {
        group: Some(" 晨练班 ".into()),
        ..c.options(ReportFormat::Csv)
    };
    let summary = write_report(&c.store, &c.lib, &options, &path).unwrap();
    let (_, rows) = read_csv(&path);
    let learners: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        learners,
        vec!["'-1+2", "'=HYPERLINK(\"x\")", "王秀英", "王秀英", "王秀英"]
    );
    assert_eq!(summary.overall.name, "晨练班");
    assert_eq!(summary.overall.learners, 3);
    let (_, sums) = read_csv(&summary_path(&path));
    assert_eq!(sums.len(), 2, "the group alone: {sums:?}");
    assert_eq!(sums[1][0], "晨练班");

    let xlsx = c.out("g.xlsx");
    let options = ReportOptions {
        group: Some("=危险的组".into()),
        ..c.options(ReportFormat::Xlsx)
    };
    write_report(&c.store, &c.lib, &options, &xlsx).unwrap();
    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), vec!["=危险的组", "学员出勤", "明细"]);
    assert_eq!(sheet(&xlsx, "明细").height(), 1 + 4);
}

#[test]
fn an_unknown_group_is_refused_with_the_names_of_the_groups_there_are() {
    let r = class();
    let c = &r.class;
    let path = c.out("x.csv");
    let options = ReportOptions {
        group: Some("午休班".into()),
        ..c.options(ReportFormat::Csv)
    };
    let err = write_report(&c.store, &c.lib, &options, &path).unwrap_err();
    assert!(matches!(err, ReportError::UnknownGroup { .. }));
    let message = err.to_string();
    assert!(
        message.contains("午休班") && message.contains("晨练班"),
        "{message}"
    );
    assert!(!path.exists());
}

fn report_days(c: &Class, since: Option<Date>, until: Option<Date>) -> Vec<Vec<String>> {
    let path = c.out("days.csv");
    let options = ReportOptions {
        since,
        until,
        ..c.options(ReportFormat::Csv)
    };
    write_report(&c.store, &c.lib, &options, &path).unwrap();
    read_csv(&path).1
}

#[test]
fn a_date_range_counts_what_happened_in_those_days_in_the_reports_time_zone() {
    let mut class = Class::new();
    let zhao = class.named("赵大妈");
    let c = &class;
    // 23:59:59.999 on 1 November in Beijing, then midnight on the 2nd.
    c.run(&zhao, ALL_KINDS, "2026-11-01T15:59", 1, true);
    c.event(
        &zhao,
        SHORT,
        Verb::Attempted,
        None,
        0,
        "2026-11-01T15:59:59.999Z",
    );
    c.event(
        &zhao,
        SHORT,
        Verb::Attempted,
        None,
        0,
        "2026-11-01T16:00:00.000Z",
    );
    // In the week: one run of all-kinds, unfinished, with two wrong answers.
    c.run(&zhao, ALL_KINDS, "2026-11-05T03:00", 2, false);
    // The last millisecond of 8 November in Beijing, and the first of the 9th.
    c.event(
        &zhao,
        SHORT,
        Verb::Completed,
        None,
        0,
        "2026-11-08T15:59:59.999Z",
    );
    c.run(&zhao, ALL_KINDS, "2026-11-08T16:00", 0, true);
    // Brought in from another machine after all that, but earlier in time.
    c.event(
        &zhao,
        ALL_KINDS,
        Verb::Attempted,
        None,
        0,
        "2026-11-02T00:30:00.000Z",
    );

    let week = report_days(c, Some(day(2026, 11, 2)), Some(day(2026, 11, 8)));
    assert_eq!(week.len(), 3, "{week:?}");
    let all_kinds = row_of(&week, "赵大妈", "每种练习");
    assert_eq!(all_kinds[9], "2", "two runs started in the week");
    assert_eq!(all_kinds[10], "2", "its two wrong answers");
    assert_eq!(all_kinds[12], "1.5", "three answers of 30 s");
    assert_eq!(all_kinds[14], "0", "no completion in the week");
    // Finished before the week: still 完成 with its star at the end of the week, but not
    // with the one earned on the 9th.
    assert_eq!(all_kinds[6], "完成");
    assert_eq!(all_kinds[13], "1");
    assert_eq!(
        all_kinds[7], "2026-11-02 08:30",
        "the imported start came first"
    );
    assert_eq!(all_kinds[8], "2026-11-05 11:00");
    let short = row_of(&week, "赵大妈", "短课");
    assert_eq!(short[9], "1", "only the start at midnight on the 2nd");
    assert_eq!(short[14], "1", "the completion at 23:59:59.999 on the 8th");
    assert_eq!(short[7], "2026-11-02 00:00");
    assert_eq!(short[8], "2026-11-08 23:59");

    // The same days in UTC move the boundaries by eight hours.
    let path = c.out("utc.csv");
    let options = ReportOptions {
        since: Some(day(2026, 11, 2)),
        until: Some(day(2026, 11, 8)),
        offset: UtcOffset::UTC,
        ..c.options(ReportFormat::Csv)
    };
    write_report(&c.store, &c.lib, &options, &path).unwrap();
    let (_, utc) = read_csv(&path);
    assert!(utc[0][7].ends_with("（UTC）"));
    let short = row_of(&utc, "赵大妈", "短课");
    assert_eq!(short[9], "0", "both starts were on 1 November, UTC");
    let all_kinds = row_of(&utc, "赵大妈", "每种练习");
    assert_eq!(
        all_kinds[9], "3",
        "the run at 16:00 on the 8th is in the week, UTC"
    );
    assert_eq!(all_kinds[13], "2");

    // From a day on, or up to a day.
    let since = report_days(c, Some(day(2026, 11, 9)), None);
    assert_eq!(since.len(), 2);
    assert_eq!(row_of(&since, "赵大妈", "每种练习")[14], "1");
    let until = report_days(c, None, Some(day(2026, 11, 1)));
    assert_eq!(row_of(&until, "赵大妈", "短课")[9], "1");
    assert_eq!(row_of(&until, "赵大妈", "每种练习")[6], "完成");
    // A week with nothing in it: the header alone.
    assert_eq!(
        report_days(c, Some(day(2027, 1, 1)), Some(day(2027, 1, 7))).len(),
        1
    );
    // Days the wrong way round.
    let options = ReportOptions {
        since: Some(day(2026, 11, 8)),
        until: Some(day(2026, 11, 2)),
        ..c.options(ReportFormat::Csv)
    };
    let err = write_report(&c.store, &c.lib, &options, &c.out("bad.csv")).unwrap_err();
    assert!(err.is_bad_request(), "{err}");
}

/// Lessons run through `Store::record`, as the app records them.
fn record_run(store: &mut Store, learner: &str, lesson: (&str, &str), wrong: u32, done: bool) {
    let draft = |verb, step: Option<StepAnswer>, registration: Option<String>| EventDraft {
        verb,
        learner_id: learner.into(),
        registration,
        pack_id: lesson.0.into(),
        lesson_id: lesson.1.into(),
        step,
        stars: None,
        lang: Lang::Zh,
    };
    let start = store.record(&draft(Verb::Attempted, None, None)).unwrap();
    let answer = |outcome| StepAnswer {
        step_id: "open-app".into(),
        step_kind: StepKind::Tap,
        outcome: Some(outcome),
        attempt: 1,
        response: "x".into(),
        duration_ms: 12_345,
        timed: zhulao::progress::Timed::SinceLast,
        shown: None,
    };
    for _ in 0..wrong {
        store
            .record(&draft(
                Verb::Answered,
                Some(answer(Outcome::Wrong)),
                Some(start.id.clone()),
            ))
            .unwrap();
    }
    store
        .record(&draft(
            Verb::Answered,
            Some(answer(Outcome::Correct)),
            Some(start.id.clone()),
        ))
        .unwrap();
    if done {
        store
            .record(&draft(Verb::Completed, None, Some(start.id.clone())))
            .unwrap();
    }
}

#[test]
fn the_kept_figures_and_the_figures_added_up_from_the_events_agree() {
    let mut class = Class::new();
    let a = class.named("钱阿姨");
    let b = class.learner(NewLearner::Numbered);
    for (learner, wrong, done) in [(&a, 2, true), (&a, 0, true), (&b, 5, false), (&a, 1, false)] {
        record_run(&mut class.store, learner, ALL_KINDS, wrong, done);
    }
    record_run(&mut class.store, &b, SHORT, 0, true);
    let c = &class;
    let kept = make_report(&c.store, &c.lib, &c.options(ReportFormat::Csv)).unwrap();
    let added = make_report(
        &c.store,
        &c.lib,
        &ReportOptions {
            since: Some(day(2000, 1, 1)),
            until: Some(day(2999, 12, 31)),
            ..c.options(ReportFormat::Csv)
        },
    )
    .unwrap();
    assert_eq!(kept.rows.len(), 3);
    assert_eq!(kept.rows, added.rows);
    assert_eq!(
        kept.rows[2].learner, "学员 1",
        "numbered learners after named ones"
    );
    let qian = &kept.rows[0];
    assert_eq!(qian.learner, "钱阿姨");
    assert_eq!(
        (
            qian.attempts,
            qian.wrong,
            qian.answers,
            qian.completions,
            qian.stars
        ),
        (3, 3, 6, 2, 2)
    );
    assert_eq!(qian.time_ms, 6 * 12_345);
}

#[test]
fn older_answers_timed_from_the_step_shown_count_the_step_once_in_either_report() {
    let mut class = Class::new();
    let a = class.named("钱阿姨");
    let start = class
        .store
        .record(&EventDraft {
            verb: Verb::Attempted,
            learner_id: a.clone(),
            registration: None,
            pack_id: ALL_KINDS.0.into(),
            lesson_id: ALL_KINDS.1.into(),
            step: None,
            stars: None,
            lang: Lang::Zh,
        })
        .unwrap();
    // As an older zhulao recorded them (and its files still carry them): each answer timed
    // from when the step was shown, 3, 6 and 9 s, so the step took 9 s, not 18.
    for (ms, outcome) in [
        (3000, Outcome::Wrong),
        (6000, Outcome::Wrong),
        (9000, Outcome::Correct),
    ] {
        class
            .store
            .record(&EventDraft {
                verb: Verb::Answered,
                learner_id: a.clone(),
                registration: Some(start.id.clone()),
                pack_id: ALL_KINDS.0.into(),
                lesson_id: ALL_KINDS.1.into(),
                step: Some(StepAnswer {
                    step_id: "open-app".into(),
                    step_kind: StepKind::Tap,
                    outcome: Some(outcome),
                    attempt: 1,
                    response: "x".into(),
                    duration_ms: ms,
                    timed: zhulao::progress::Timed::SinceShown,
                    shown: None,
                }),
                stars: None,
                lang: Lang::Zh,
            })
            .unwrap();
    }
    let c = &class;
    let kept = make_report(&c.store, &c.lib, &c.options(ReportFormat::Csv)).unwrap();
    let added = make_report(
        &c.store,
        &c.lib,
        &ReportOptions {
            since: Some(day(2000, 1, 1)),
            until: Some(day(2999, 12, 31)),
            ..c.options(ReportFormat::Csv)
        },
    )
    .unwrap();
    assert_eq!(kept.rows[0].time_ms, 9000);
    assert_eq!(kept.rows, added.rows);
}

#[test]
fn a_failed_report_leaves_the_previous_one_whole_and_no_temporary_files() {
    let r = class();
    let c = &r.class;
    let folder = c.out("reports");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("r.csv");
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // The summary's place is taken by a folder: the rows, written first, are not put in place.
    std::fs::remove_file(summary_path(&path)).unwrap();
    std::fs::create_dir(summary_path(&path)).unwrap();
    c.event(
        r.id("王秀英"),
        SHORT,
        Verb::Completed,
        None,
        0,
        "2026-11-07T00:00:00.000Z",
    );
    let err = write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap_err();
    assert!(err.to_string().contains("folder of that name"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");

    let missing = c.out("no-such-folder/r.xlsx");
    let err = write_report(&c.store, &c.lib, &c.options(ReportFormat::Xlsx), &missing).unwrap_err();
    assert!(
        err.to_string().contains("the folder does not exist"),
        "{err}"
    );
    assert!(!c.out("no-such-folder").exists());
    // A report replaces an older one of the same name.
    let xlsx = folder.join("r.xlsx");
    std::fs::write(&xlsx, "old").unwrap();
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Xlsx), &xlsx).unwrap();
    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names().len(), 5);
}

fn zhulao(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data)
        .arg("--lessons")
        .arg(common::fixture_dir())
        .args(args)
        // Beijing time, written so that it needs no time-zone database.
        .env("TZ", "CST-8")
        .env_remove("ZHULAO_DATA")
        .output()
        .unwrap()
}

#[test]
fn the_report_command_writes_a_csv_and_says_where() {
    let r = class();
    let c = &r.class;
    let out = c.out("班级报告.csv");
    let done = zhulao(c.dir.path(), &["report", "--csv", out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(done.status.success(), "{done:?}");
    assert!(
        stdout.contains("班级报告.csv") && stdout.contains("（10 行，8 位学员）"),
        "{stdout}"
    );
    let (bytes, rows) = read_csv(&out);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(rows.len(), 11);
    // In this computer's time zone.
    assert!(rows[0][7].ends_with("（UTC+08:00）"), "{:?}", rows[0]);
    assert_eq!(rows[1][7], "2026-11-03 10:00");
    assert!(c.out("班级报告-summary.csv").is_file());

    let xlsx = c.out("week.xlsx");
    let done = zhulao(
        c.dir.path(),
        &[
            "report",
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--group",
            "晨练班",
            "--since",
            "2026-11-03",
            "--until",
            "2026-11-03",
            "--tz",
            "+08:00",
        ],
    );
    assert!(done.status.success(), "{done:?}");
    assert_eq!(sheet(&xlsx, "明细").height(), 1 + 2);
}

#[test]
fn the_report_command_tells_each_failure_apart_by_its_exit_code() {
    let r = class();
    let c = &r.class;
    let data = c.dir.path();
    let code = |args: &[&str]| {
        let out = zhulao(data, args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let missing = c.out("nowhere/r.csv");
    let (status, err) = code(&["report", "--csv", missing.to_str().unwrap()]);
    assert_eq!(status, Some(6), "{err}");
    assert!(err.contains("文件夹不存在"), "{err}");
    assert!(!err.contains("folder"), "one language: {err}");
    let (status, err) = code(&["report", "--lang", "en", "--csv", missing.to_str().unwrap()]);
    assert_eq!(status, Some(6), "{err}");
    assert!(err.contains("the folder does not exist"), "{err}");
    assert!(!err.contains("文件夹"), "one language: {err}");
    let (status, err) = code(&["report", "--csv", "x.csv", "--since", "2026-13-01"]);
    assert_eq!(status, Some(2), "{err}");
    let (status, err) = code(&["report", "--csv", "x.csv", "--group", "没有的组"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("晨练班"), "{err}");
    let (status, _) = code(&["report"]);
    assert_eq!(status, Some(2));
    // Another program's database (here, not a database at all) is refused and left as it was.
    let foreign = tempfile::tempdir().unwrap();
    let file = foreign.path().join("zhulao.sqlite3");
    std::fs::write(&file, "not a database, and not zhulao's").unwrap();
    let out = zhulao(foreign.path(), &["report", "--csv", "x.csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"not a database, and not zhulao's"
    );
    // No progress file: said so, and none is made.
    let empty = tempfile::tempdir().unwrap();
    let out = zhulao(empty.path(), &["report", "--csv", "x.csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(std::fs::read_dir(empty.path()).unwrap().next().is_none());
}

#[test]
fn a_review_is_its_own_row_but_no_lesson_studied_and_its_answers_count_in_their_lesson() {
    let r = class();
    let c = &r.class;
    let path = c.out("r.csv");
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    let (_, before) = read_csv(&summary_path(&path));
    let (_, rows) = read_csv(&path);
    let help = column(&rows, "答错次数");
    let helped: u32 = row_of(&rows, "王秀英", "每种练习")[help].parse().unwrap();

    // 王秀英 reviews a step of 每种练习 (复习): one wrong answer, then right.
    let wang = r.id("王秀英");
    let review = ("demo", zhulao::progress::review::REVIEW_LESSON);
    let at = |s: u8| format!("2026-11-06T03:00:{s:02}.000Z");
    c.event(wang, review, Verb::Attempted, None, 0, &at(0));
    c.event(
        wang,
        ALL_KINDS,
        Verb::Answered,
        Some(Outcome::Wrong),
        9_000,
        &at(1),
    );
    c.event(
        wang,
        ALL_KINDS,
        Verb::Answered,
        Some(Outcome::Correct),
        9_000,
        &at(2),
    );
    c.event(wang, review, Verb::Completed, None, 0, &at(3));
    write_report(&c.store, &c.lib, &c.options(ReportFormat::Csv), &path).unwrap();
    let (_, rows) = read_csv(&path);
    let row = row_of(&rows, "王秀英", "复习");
    assert_eq!((row[4].as_str(), row[6].as_str()), ("练习课", "完成"));
    let lesson = row_of(&rows, "王秀英", "每种练习");
    assert_eq!(
        lesson[help],
        (helped + 1).to_string(),
        "wrong in the review"
    );

    let (_, after) = read_csv(&summary_path(&path));
    for (i, what) in [
        (8, "lessons studied"),
        (9, "lessons completed"),
        (11, "stars"),
    ] {
        assert_eq!(after[1][i], before[1][i], "{what}");
    }
    assert_eq!(
        after[1][15],
        (before[1][15].parse::<u32>().unwrap() + 1).to_string(),
        "wrong answers"
    );
}

/// A report that meets a full disk (here: a limit on the size of a file this process may write,
/// which fails the write as a full disk does) says so in one message and leaves nothing
/// behind: no half-written file, no stray line from inside the spreadsheet writer.
#[cfg(unix)]
#[test]
fn a_report_on_a_full_disk_says_so_once_and_leaves_nothing() {
    let mut class = Class::new();
    // Enough learners that the spreadsheet is larger than the limit (the progress file is
    // only read: its size does not matter).
    let lines: Vec<zhulao::progress::store::roster::RosterLine> = (0..800)
        .map(|i| zhulao::progress::store::roster::RosterLine {
            name: format!("学员{i:04}号"),
            seat: None,
            group: None,
        })
        .collect();
    class.store.import_roster(&lines).unwrap();
    class.conn.execute_batch("BEGIN").unwrap();
    for learner in class.store.learners().unwrap() {
        class.run(&learner.id, ALL_KINDS, "2026-11-03T02:00", 1, true);
    }
    class.conn.execute_batch("COMMIT").unwrap();
    let Class {
        dir, store, conn, ..
    } = class;
    drop((store, conn));
    let out = dir.path().join("reports");
    std::fs::create_dir(&out).unwrap();
    let report = out.join("r.xlsx");
    let said = Command::new("bash")
        .arg("-c")
        // XFSZ ignored: a write past the limit fails (EFBIG) instead of killing the program.
        .arg("trap '' XFSZ; ulimit -f 36; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir.path())
        .args(["report", "--xlsx"])
        .arg(&report)
        .env_remove("ZHULAO_DATA")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&said.stderr);
    assert_eq!(said.status.code(), Some(6), "{said:?}");
    assert_eq!(err.lines().count(), 1, "one message: {err}");
    assert!(err.contains("r.xlsx：磁盘满了"), "{err}");
    assert!(!err.contains("ZipWriter"), "{err}");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing left behind"
    );
}
