//! The instructor's views on a big centre: 10 000 learners and 1 000 000 events. Times opening
//! the class dashboard (everyone, and one group), a learner's detail, and the trouble spots over
//! a week and over all time (everyone and one group) — the store queries each screen waits for. Run with
//! `cargo bench --bench class`. Medians of several runs; no pass/fail thresholds.

use std::time::{Duration, Instant};

use zhulao::content::StepKind;
use zhulao::lang::Lang;
use zhulao::progress::store::class::Filter;
use zhulao::progress::store::format_time;
use zhulao::progress::{EventDraft, NewLearner, Outcome, StepAnswer, Store, Verb};

const LEARNERS: usize = 10_000;
const EVENTS: usize = 1_000_000;
const RUNS: usize = 15;

fn median(name: &str, mut f: impl FnMut()) {
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: median {:.1} ms (p25 {:.1}, p75 {:.1}; n = {RUNS})",
        ms(samples[RUNS / 2]),
        ms(samples[RUNS / 4]),
        ms(samples[3 * RUNS / 4])
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let build = Instant::now();
    let groups: Vec<_> = (0..20)
        .map(|g| store.add_group(&format!("第{g}班")).unwrap())
        .collect();
    let mut learners = Vec::new();
    for i in 0..LEARNERS {
        let l = store
            .add_learner(&NewLearner::Named(format!("学员{i:05}")))
            .unwrap();
        store
            .set_member(&l.id, &groups[i % groups.len()].id, true)
            .unwrap();
        learners.push(l);
    }
    // 100 events a learner: four lessons of 25 answers, each done in one sitting (a class), on
    // days spread over three months; a fifth of the answers wrong.
    let start = time::OffsetDateTime::now_utc() - time::Duration::days(90);
    let lessons = [
        "call-family",
        "search-book",
        "check-and-transfer",
        "book-appointment",
    ];
    let packs = ["basics", "weread", "banking", "hospital"];
    let per = EVENTS / LEARNERS;
    let mut batch = Vec::with_capacity(50_000);
    for (i, l) in learners.iter().enumerate() {
        for k in 0..per {
            let lesson = (i + k / 25) % lessons.len();
            let session = (k / 25) as i64;
            let day = (i as i64 * 7 + session * 23) % 90;
            let at = start
                + time::Duration::days(day)
                + time::Duration::hours(9 + (i as i64 % 6))
                + time::Duration::minutes(k as i64 % 25);
            let wrong = (i * 7 + k * 13) % 5 == 0;
            batch.push((
                EventDraft {
                    verb: if k % 25 == 0 {
                        Verb::Attempted
                    } else {
                        Verb::Answered
                    },
                    learner_id: l.id.clone(),
                    registration: Some(format!("run-{i}-{}", k / 25)),
                    pack_id: packs[lesson].into(),
                    lesson_id: lessons[lesson].into(),
                    step: (k % 25 != 0).then(|| StepAnswer {
                        step_id: format!("step-{}", k % 12),
                        step_kind: StepKind::Tap,
                        outcome: Some(if wrong {
                            Outcome::Wrong
                        } else {
                            Outcome::Correct
                        }),
                        attempt: 1,
                        response: format!("item-{}", k % 4),
                        duration_ms: 20_000,
                        timed: zhulao::progress::Timed::SinceLast,
                        shown: None,
                    }),
                    stars: None,
                    lang: Lang::Zh,
                },
                format_time(at),
            ));
            if batch.len() == batch.capacity() {
                store.record_batch(&batch).unwrap();
                batch.clear();
            }
        }
    }
    store.record_batch(&batch).unwrap();
    println!(
        "built {LEARNERS} learners and {} events in {:.1} s",
        store.event_count().unwrap(),
        build.elapsed().as_secs_f64()
    );
    let now = zhulao::progress::store::now_rfc3339();
    median("class dashboard, everyone (10 000 rows)", || {
        std::hint::black_box(store.class(None, &now).unwrap());
    });
    let group = groups[3].id.clone();
    median("class dashboard, one group (500 rows)", || {
        std::hint::black_box(store.class(Some(&group), &now).unwrap());
    });
    let id = learners[1234].id.clone();
    median("one learner's detail", || {
        std::hint::black_box(store.learner_detail(&id).unwrap());
    });
    let week = format_time(time::OffsetDateTime::now_utc() - time::Duration::days(7));
    median("trouble spots, everyone, last 7 days", || {
        std::hint::black_box(
            store
                .trouble_spots(&Filter {
                    since: Some(week.clone()),
                    ..Filter::default()
                })
                .unwrap(),
        );
    });
    median("trouble spots, one group, last 7 days", || {
        std::hint::black_box(
            store
                .trouble_spots(&Filter {
                    group: Some(group.clone()),
                    since: Some(week.clone()),
                    ..Filter::default()
                })
                .unwrap(),
        );
    });
    median("trouble spots, everyone, all time", || {
        std::hint::black_box(store.trouble_spots(&Filter::default()).unwrap());
    });
    median("trouble spots, one group, all time", || {
        std::hint::black_box(
            store
                .trouble_spots(&Filter {
                    group: Some(group.clone()),
                    ..Filter::default()
                })
                .unwrap(),
        );
    });
    // What the migration that keeps the all-time figures takes on a centre this size, once.
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("zhulao.sqlite3")).unwrap();
    conn.execute_batch(&format!(
        "DROP TABLE step_stats; DROP TABLE step_totals; DROP TABLE step_wrong_answers;
         PRAGMA user_version = {};",
        zhulao::progress::store::SCHEMA_VERSION - 1
    ))
    .unwrap();
    drop(conn);
    let migrating = Instant::now();
    let store = Store::open(dir.path()).unwrap();
    println!(
        "the trouble spots' figures worked out from {} events when the database is first opened: {:.1} s",
        store.event_count().unwrap(),
        migrating.elapsed().as_secs_f64()
    );
}
