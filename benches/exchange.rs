//! Exporting a big centre's records as xAPI statements: 10 000 learners and 1 000 000 events
//! (each learner 10 runs of a 10-event lesson: attempted, 8 steps, completed). Also importing
//! the first 100 000 of those statements into an empty database, and importing them again (all
//! already there). Export is also timed without the disk (statements made, written nowhere), to
//! show how much of it is writing the file. Run with `cargo bench --bench exchange`;
//! `ZHULAO_BENCH_EVENTS=N` makes it smaller. Reports medians; no pass/fail thresholds.
//!
//! The database is built directly with SQL in one transaction (the store's schema, its own
//! `Store::open`), which takes seconds instead of the hours that a million separate commits
//! with synchronous=FULL would. `lesson_stats` is not filled in: export does not read it.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use rusqlite::params;
use zhulao::progress::Store;
use zhulao::records::xapi::export::export;
use zhulao::records::xapi::import::import_file;
use zhulao::records::xapi::statement::{Audience, DEFAULT_HOMEPAGE, Encoder};

const LEARNERS: usize = 10_000;
const EXPORT_RUNS: usize = 5;
const IMPORT_LINES: usize = 100_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let n = samples.len();
    format!(
        "median {:.0} ms (min {:.0}, max {:.0}; n = {n})",
        ms(samples[n / 2]),
        ms(samples[0]),
        ms(samples[n - 1])
    )
}

fn build(dir: &std::path::Path, events: usize) {
    drop(Store::open(dir).unwrap());
    let mut db = rusqlite::Connection::open(dir.join("zhulao.sqlite3")).unwrap();
    let device: String = db
        .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let tx = db.transaction().unwrap();
    {
        let mut learner = tx
            .prepare(
                "INSERT INTO learners (id, name, name_key, number, created_at, device_id)
                 VALUES (?1, ?2, ?2, ?3, '2026-09-01T08:00:00.000Z', ?4)",
            )
            .unwrap();
        let mut event = tx
            .prepare(
                "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id,
                                     step_id, step_kind, outcome, attempt, response, duration_ms,
                                     stars, lang, at, device_id)
                 VALUES (?1, ?2, ?3, ?4, 'basics', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'zh', ?13, ?14)",
            )
            .unwrap();
        let per_learner = events.div_ceil(LEARNERS);
        let mut written = 0;
        let start = time::OffsetDateTime::from_unix_timestamp(1_788_249_600).unwrap(); // 2026-09-01
        for i in 0..LEARNERS {
            let id = uuid::Uuid::new_v4().to_string();
            let (name, number) = if i % 2 == 0 {
                (Some(format!("学员甲{i}")), None)
            } else {
                (None, Some(i as u32))
            };
            learner.execute(params![id, name, number, device]).unwrap();
            let mut registration = String::new();
            for k in 0..per_learner {
                if written == events {
                    break;
                }
                let at = zhulao::progress::store::format_time(
                    start + Duration::from_millis((written as u64) * 1_537),
                );
                let eid = uuid::Uuid::new_v4().to_string();
                let lesson = format!("lesson-{}", (k / 10) % 12);
                let (verb, step, kind, outcome, response, duration, stars) = match k % 10 {
                    0 => {
                        registration = eid.clone();
                        ("attempted", None, None, None, None, None, None)
                    }
                    9 => ("completed", None, None, None, None, None, Some(1)),
                    1 => (
                        "experienced",
                        Some("welcome".to_string()),
                        Some("read"),
                        None,
                        Some(""),
                        Some(2100),
                        None,
                    ),
                    s => (
                        "answered",
                        Some(format!("step-{s}")),
                        Some("tap"),
                        Some(if s == 4 { "wrong" } else { "correct" }),
                        Some("phone"),
                        Some(3200 + s as i64),
                        None,
                    ),
                };
                event
                    .execute(params![
                        eid,
                        verb,
                        id,
                        registration,
                        lesson,
                        step,
                        kind,
                        outcome,
                        step.as_ref().map(|_| 1),
                        response,
                        duration,
                        stars,
                        at,
                        device
                    ])
                    .unwrap();
                written += 1;
            }
        }
    }
    tx.commit().unwrap();
}

fn main() {
    let events: usize = std::env::var("ZHULAO_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    build(dir.path(), events);
    let size = std::fs::metadata(dir.path().join("zhulao.sqlite3"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "built {LEARNERS} learners, {events} events in {:.1} s (database {:.0} MiB)",
        started.elapsed().as_secs_f64(),
        size as f64 / 1048576.0
    );

    let store = Store::open(dir.path()).unwrap();
    // The built-in course names the activities and says which answers are secret.
    let library = zhulao::built_in::load_library(None).unwrap();
    let file = dir.path().join("export.jsonl");
    let mut samples = Vec::new();
    for _ in 0..EXPORT_RUNS {
        let start = Instant::now();
        let done = export(&store, &library, &file, DEFAULT_HOMEPAGE, None).unwrap();
        samples.push(start.elapsed());
        assert_eq!(done.statements as usize, events);
    }
    let bytes = std::fs::metadata(&file).unwrap().len();
    let mid = {
        let mut s = samples.clone();
        s.sort();
        s[s.len() / 2]
    };
    println!(
        "export {events} statements ({:.0} MiB, written and synced to disk): {}; {:.0} statements/s",
        bytes as f64 / 1048576.0,
        median(samples),
        events as f64 / mid.as_secs_f64()
    );

    // The same work without the disk: read every event and make its statement, written nowhere.
    let cards = store.learner_cards().unwrap();
    let encoder = Encoder {
        homepage: DEFAULT_HOMEPAGE,
        audience: Audience::File,
        library: &library,
    };
    let mut samples = Vec::new();
    for _ in 0..EXPORT_RUNS {
        let start = Instant::now();
        let mut out = std::io::BufWriter::new(std::io::sink());
        store
            .for_each_event(None, |event| {
                let s = encoder
                    .statement(&event, cards.get(&event.learner_id), None)
                    .unwrap();
                serde_json::to_writer(&mut out, &s).unwrap();
                out.write_all(b"\n").unwrap();
                Ok::<(), zhulao::progress::StoreError>(())
            })
            .unwrap();
        samples.push(start.elapsed());
    }
    println!(
        "the same, statements made but written nowhere (reading and JSON only): {}",
        median(samples)
    );

    // Import: the first IMPORT_LINES statements into an empty database, then again.
    let part = dir.path().join("part.jsonl");
    {
        let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
        let mut out = std::io::BufWriter::new(std::fs::File::create(&part).unwrap());
        for line in reader.lines().take(IMPORT_LINES) {
            writeln!(out, "{}", line.unwrap()).unwrap();
        }
    }
    let lines = IMPORT_LINES.min(events);
    let empty = tempfile::tempdir().unwrap();
    let mut target = Store::open(empty.path()).unwrap();
    let start = Instant::now();
    let report = import_file(&mut target, &library, &part).unwrap();
    let first = start.elapsed();
    assert_eq!(report.added as usize, lines);
    let start = Instant::now();
    let report = import_file(&mut target, &library, &part).unwrap();
    let again = start.elapsed();
    assert_eq!(report.already_there as usize, lines);
    println!(
        "import {lines} statements into an empty database: {:.0} ms ({:.0} statements/s); again, all already there: {:.0} ms (one run each)",
        ms(first),
        lines as f64 / first.as_secs_f64(),
        ms(again)
    );
}
