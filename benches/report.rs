//! Reports on a big centre: 10 000 learners in 20 groups and 1 000 000 events over twenty
//! weeks, through the normal schema (the events and the per-lesson figures kept beside them are
//! written as `insert_event` writes them, in one transaction). Then `report --csv` and
//! `--xlsx`, for the whole record and for one week, timed in the process (`write_report`, and
//! its parts) and as the real command. Run with `cargo bench --bench report`. Reports medians;
//! no pass/fail thresholds.

#[path = "../tests/common/rng.rs"]
mod rng;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use time::{Date, Month, UtcOffset};
use zhulao::built_in::load_library;
use zhulao::content::Library;
use zhulao::progress::Store;
use zhulao::progress::store::format_time;
use zhulao::progress::store::report::ReportQuery;
use zhulao::records::report::{ReportFormat, ReportOptions, make_report, write_report};

use rng::Rng;

const LEARNERS: usize = 10_000;
const EVENTS: usize = 1_000_000;
const GROUPS: usize = 20;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let n = samples.len();
    format!(
        "median {:7.1} ms (min {:.1}, max {:.1}; n = {n})",
        ms(samples[n / 2]),
        ms(samples[0]),
        ms(samples[n - 1])
    )
}

fn build(dir: &Path, lib: &Library) -> Duration {
    let start = Instant::now();
    drop(Store::open(dir).unwrap());
    let mut conn = Connection::open(dir.join("zhulao.sqlite3")).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let lessons: Vec<(&str, &str, usize)> = lib
        .packs
        .iter()
        .flat_map(|p| {
            p.lessons
                .iter()
                .map(move |l| (p.id.as_str(), l.id.as_str(), l.steps.len()))
        })
        .collect();
    let tx = conn.transaction().unwrap();
    {
        let mut group = tx
            .prepare(
                "INSERT INTO groups (id, name, name_key, created_at)
                 VALUES (?1, ?2, ?2, '2026-07-01T00:00:00.000Z')",
            )
            .unwrap();
        for g in 0..GROUPS {
            group
                .execute(params![format!("g{g}"), format!("第{}班", g + 1)])
                .unwrap();
        }
        let mut learner = tx
            .prepare(
                "INSERT INTO learners (id, name, name_key, number, created_at, device_id, seat,
                                       archived_at)
                 VALUES (?1, ?2, ?2, ?3, '2026-07-01T00:00:00.000Z', 'bench', ?4, ?5)",
            )
            .unwrap();
        let mut member = tx
            .prepare("INSERT INTO learner_groups (learner_id, group_id) VALUES (?1, ?2)")
            .unwrap();
        for i in 0..LEARNERS {
            let id = format!("learner-{i:05}");
            let (name, number) = if i % 3 == 0 {
                (None, Some(i as i64 + 1))
            } else {
                (Some(format!("学员甲{i}")), None)
            };
            let archived = (i % 50 == 0).then_some("2026-11-01T00:00:00.000Z");
            learner
                .execute(params![id, name, number, i as i64 + 1, archived])
                .unwrap();
            member
                .execute(params![id, format!("g{}", i % GROUPS)])
                .unwrap();
            if i % 10 == 0 {
                member
                    .execute(params![id, format!("g{}", (i / 10) % GROUPS)])
                    .ok();
            }
        }
        // As `insert_event` writes an event: the row, the learner's latest event, the figures.
        let mut event = tx
            .prepare(
                "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id,
                                     step_id, step_kind, outcome, attempt, response, duration_ms,
                                     stars, lang, at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, NULL, 'zh', ?12,
                         'bench')",
            )
            .unwrap();
        let mut last = tx
            .prepare("UPDATE learners SET last_seq = ?1 WHERE id = ?2")
            .unwrap();
        let mut stats = tx
            .prepare(
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
            )
            .unwrap();
        // Each learner works on four lessons of the course, in runs on days of twenty weeks;
        // the events are then written in time order, as a centre's record grows.
        let mut rng = Rng::new(0x5EED_2026_1129);
        let first_day = Date::from_calendar_date(2026, Month::July, 13)
            .unwrap()
            .midnight()
            .assume_utc();
        struct Run {
            start: time::OffsetDateTime,
            learner: usize,
            lesson: usize,
            /// Steps answered.
            answered: usize,
            finished: bool,
        }
        let per_learner = EVENTS / LEARNERS;
        let mut runs = Vec::new();
        for learner in 0..LEARNERS {
            let mine: Vec<usize> = (0..4)
                .map(|_| rng.below(lessons.len() as u64) as usize)
                .collect();
            let mut left = per_learner;
            while left > 0 {
                let lesson = mine[rng.below(4) as usize];
                let steps = lessons[lesson].2;
                // A start, the steps, a completion: or fewer, to use up the learner's share.
                let answered = steps.min(left - 1);
                let finished = answered == steps && left > 1 + answered;
                left -= 1 + answered + usize::from(finished);
                let start = first_day
                    + time::Duration::days(rng.below(140) as i64)
                    + time::Duration::minutes(60 * 8 + rng.below(60 * 9) as i64);
                runs.push(Run {
                    start,
                    learner,
                    lesson,
                    answered,
                    finished,
                });
            }
        }
        runs.sort_by_key(|r| (r.start, r.learner));
        let mut seq = 0i64;
        for run in &runs {
            let learner = format!("learner-{:05}", run.learner);
            let (pack, lesson, _) = lessons[run.lesson];
            let registration = uuid::Uuid::new_v4().to_string();
            let mut put = |verb: &str, step: Option<(bool, i64)>, at: &str| {
                let id = if verb == "attempted" {
                    registration.clone()
                } else {
                    uuid::Uuid::new_v4().to_string()
                };
                let wrong = step.is_some_and(|(right, _)| !right);
                event
                    .execute(params![
                        id,
                        verb,
                        learner,
                        registration,
                        pack,
                        lesson,
                        step.map(|_| "step"),
                        step.map(|_| "tap"),
                        step.map(|(right, _)| if right { "correct" } else { "wrong" }),
                        step.map(|_| "x"),
                        step.map(|(_, ms)| ms),
                        at,
                    ])
                    .unwrap();
                seq += 1;
                last.execute(params![seq, learner]).unwrap();
                stats
                    .execute(params![
                        learner,
                        pack,
                        lesson,
                        i64::from(verb == "attempted"),
                        i64::from(verb == "completed"),
                        i64::from(verb == "answered"),
                        i64::from(wrong),
                        step.map_or(0, |(_, ms)| ms),
                        at,
                    ])
                    .unwrap();
            };
            let mut at = run.start;
            put("attempted", None, &format_time(at));
            for _ in 0..run.answered {
                let right = rng.below(5) != 0;
                let took = 3_000 + rng.below(40_000) as i64;
                at += time::Duration::milliseconds(took);
                put("answered", Some((right, took)), &format_time(at));
            }
            if run.finished {
                at += time::Duration::seconds(1);
                put("completed", None, &format_time(at));
            }
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    start.elapsed()
}

fn main() {
    let lib = load_library(None).unwrap();
    let temp = tempfile::tempdir().unwrap();
    // ZHULAO_BENCH_DIR=DIR keeps the database there and uses it again next time.
    let dir = std::env::var_os("ZHULAO_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let took = if dir.join("zhulao.sqlite3").exists() {
        Duration::ZERO
    } else {
        std::fs::create_dir_all(&dir).unwrap();
        build(&dir, &lib)
    };
    let dir = dir.as_path();
    let store = Store::open(dir).unwrap();
    let rows: i64 = Connection::open(dir.join("zhulao.sqlite3"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM lesson_stats", [], |r| r.get(0))
        .unwrap();
    println!(
        "database: {LEARNERS} learners in {GROUPS} groups, {} events, {rows} learner × lesson rows; built in {:.1} s",
        store.event_count().unwrap(),
        took.as_secs_f64()
    );
    let day = |d| Date::from_calendar_date(2026, Month::November, d).unwrap();
    // The record ends on 29 November: the last week, and a week with eight days after it.
    let out = temp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    for (label, range) in [
        ("whole record", None),
        ("last week, 23–29 Nov", Some((day(23), day(29)))),
        ("a week, 16–22 Nov", Some((day(16), day(22)))),
    ] {
        for format in [ReportFormat::Csv, ReportFormat::Xlsx] {
            let options = ReportOptions {
                format,
                group: None,
                since: range.map(|r| r.0),
                until: range.map(|r| r.1),
                offset: UtcOffset::from_hms(8, 0, 0).unwrap(),
                lang: zhulao::lang::Lang::Zh,
                away_days: 7,
            };
            let runs = if format == ReportFormat::Xlsx && range.is_none() {
                5
            } else {
                9
            };
            let path = out.join(match format {
                ReportFormat::Csv => "r.csv",
                ReportFormat::Xlsx => "r.xlsx",
            });
            let bounds = zhulao::records::report::period_bounds(
                options.since,
                options.until,
                options.offset,
            );
            let mut read = Vec::new();
            for _ in 0..runs {
                let start = Instant::now();
                std::hint::black_box(
                    store
                        .report_data(&ReportQuery {
                            from: bounds.0.clone(),
                            before: bounds.1.clone(),
                            group_id: None,
                            offset_seconds: 8 * 3600,
                        })
                        .unwrap(),
                );
                read.push(start.elapsed());
            }
            let mut query = Vec::new();
            let mut memory = Vec::new();
            let mut whole = Vec::new();
            let mut rows = 0;
            for _ in 0..runs {
                let start = Instant::now();
                let report = make_report(&store, &lib, &options).unwrap();
                query.push(start.elapsed());
                rows = report.rows.len();
                let start = Instant::now();
                let bytes = match format {
                    ReportFormat::Csv => {
                        let mut bytes = Vec::new();
                        zhulao::records::report::csv::write_rows(&report, &mut bytes).unwrap();
                        zhulao::records::report::csv::write_summary(&report, &mut bytes).unwrap();
                        bytes
                    }
                    ReportFormat::Xlsx => zhulao::records::report::xlsx::write(&report).unwrap(),
                };
                std::hint::black_box(bytes);
                memory.push(start.elapsed());
                let start = Instant::now();
                write_report(&store, &lib, &options, &path).unwrap();
                whole.push(start.elapsed());
            }
            let size = std::fs::metadata(&path).unwrap().len();
            println!("{label}, {format:?}: {rows} rows, {} KiB", size / 1024);
            println!("  store query alone:               {}", median(read));
            println!("  query + rows + summaries:        {}", median(query));
            println!("  the file's bytes, in memory:     {}", median(memory));
            println!("  write_report (all of it):        {}", median(whole));
            let mut command = Vec::new();
            for _ in 0..runs {
                let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhulao"));
                cmd.arg("--data").arg(dir).arg("report");
                match format {
                    ReportFormat::Csv => cmd.arg("--csv"),
                    ReportFormat::Xlsx => cmd.arg("--xlsx"),
                };
                cmd.arg(&path).args(["--tz", "+08:00"]);
                if let Some((since, until)) = range {
                    cmd.args(["--since", &since.to_string(), "--until", &until.to_string()]);
                }
                let start = Instant::now();
                let done = cmd.output().unwrap();
                command.push(start.elapsed());
                assert!(done.status.success(), "{done:?}");
            }
            println!("  zhulao report (the command):     {}", median(command));
        }
    }
}
