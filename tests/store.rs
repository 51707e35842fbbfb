//! The progress database: created with WAL and a schema version, append-only, shared safely by
//! several processes, refusing what it cannot handle with a plain message.

use std::sync::Arc;

use zhulao::content::{Exercise, Lesson, Step};
use zhulao::lang::{Lang, Text};
use zhulao::progress::{
    EventDraft, NewLearner, Outcome, Progress, StepAnswer, Store, StoreError, Verb,
};

fn draft(
    learner: &str,
    verb: Verb,
    registration: Option<String>,
    step: Option<&str>,
) -> EventDraft {
    EventDraft {
        verb,
        learner_id: learner.into(),
        registration,
        pack_id: "p".into(),
        lesson_id: "l".into(),
        step: step.map(|s| StepAnswer {
            step_id: s.into(),
            step_kind: zhulao::content::StepKind::Tap,
            outcome: Some(Outcome::Correct),
            attempt: 1,
            response: "x".into(),
            duration_ms: 10,
            timed: zhulao::progress::Timed::SinceLast,
            shown: None,
        }),
        stars: None,
        lang: Lang::Zh,
    }
}

#[test]
fn a_new_database_is_versioned_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        zhulao::progress::store::SCHEMA_VERSION
    );
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let device = store.device_id().to_string();
    drop(store);
    let again = Store::open(dir.path()).unwrap();
    assert_eq!(again.device_id(), device, "the device id is kept");
}

#[test]
fn events_cannot_be_changed_or_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let learner = store.add_learner(&NewLearner::Numbered).unwrap();
    store
        .record(&draft(&learner.id, Verb::Attempted, None, None))
        .unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let update = conn.execute("UPDATE events SET outcome = 'wrong'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn a_database_from_a_newer_zhulao_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    drop(store);
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("please update zhulao"), "{err}");
}

#[test]
fn an_unwritable_folder_is_explained() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let err = Store::open(&file.path().join("data"))
        .err()
        .expect("refused");
    let text = err.to_string();
    assert!(text.contains("cannot use the data folder"), "{text}");
    assert!(text.contains("--data DIR"), "{text}");
}

#[test]
fn two_terminals_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path()).unwrap();
    let learner = first.add_learner(&NewLearner::Named("张".into())).unwrap();
    let path = Arc::new(dir.path().to_path_buf());
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            let id = learner.id.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..100 {
                    store
                        .record(&draft(
                            &id,
                            Verb::Answered,
                            Some("r".into()),
                            Some(&format!("s{t}-{i}")),
                        ))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(first.events_for(&learner.id).unwrap().len(), 200);
}

#[test]
fn numbered_learners_never_share_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    let mut b = Store::open(dir.path()).unwrap();
    let one = a.add_learner(&NewLearner::Numbered).unwrap();
    let two = b.add_learner(&NewLearner::Numbered).unwrap();
    assert_eq!((one.number, two.number), (Some(1), Some(2)));
}

fn lesson(step_ids: &[&str]) -> Lesson {
    Lesson {
        file: "l.toml".into(),
        id: "l".into(),
        title: Text::new("课", "Lesson"),
        checked: "2026-11".into(),
        source: None,
        learned: vec![],
        screens: vec![],
        steps: step_ids
            .iter()
            .map(|id| Step {
                id: id.to_string(),
                line: 1,
                say: Text::new("读", "Read"),
                hint: None,
                why: None,
                screen: None,
                leads_to: None,
                context: None,
                exercise: Exercise::Read,
            })
            .collect(),
    }
}

/// A store with one learner who has just started lesson p/l.
fn started_run(
    dir: &std::path::Path,
) -> (Store, zhulao::progress::Learner, zhulao::progress::Event) {
    let mut store = Store::open(dir).unwrap();
    let learner = store.add_learner(&NewLearner::Numbered).unwrap();
    let start = store
        .record(&draft(&learner.id, Verb::Attempted, None, None))
        .unwrap();
    (store, learner, start)
}

#[test]
fn progress_is_keyed_by_step_id_so_an_edited_lesson_resumes_at_the_right_place() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, learner, start) = started_run(dir.path());
    let reg = Some(start.registration.clone());
    store
        .record(&draft(&learner.id, Verb::Answered, reg.clone(), Some("a")))
        .unwrap();
    store
        .record(&draft(&learner.id, Verb::Answered, reg, Some("b")))
        .unwrap();
    let progress = Progress::from_events(&store.events_for(&learner.id).unwrap());
    let p = progress.lesson("p", "l");
    assert_eq!(p.resume_step(&lesson(&["a", "b", "c"])), Some(2));
    // The centre inserted a step and reordered: the learner meets the new one first.
    assert_eq!(p.resume_step(&lesson(&["new", "a", "b", "c"])), Some(0));
    assert_eq!(p.resume_step(&lesson(&["b", "a", "c"])), Some(2));
}

#[test]
fn a_completed_run_counts_a_star_and_clears_the_resume_point() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, learner, start) = started_run(dir.path());
    let mut done = draft(
        &learner.id,
        Verb::Completed,
        Some(start.registration.clone()),
        None,
    );
    done.stars = Some(1);
    store.record(&done).unwrap();
    let progress = Progress::from_events(&store.events_for(&learner.id).unwrap());
    let p = progress.lesson("p", "l");
    assert_eq!(
        (p.completions, p.stars(), p.current.is_none()),
        (1, 1, true)
    );
}

#[test]
fn a_damaged_progress_file_is_explained_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(zhulao::progress::store::DB_FILE);
    let junk = b"this is not a database, it is a shopping list: eggs, rice".repeat(100);
    std::fs::write(&file, &junk).unwrap();
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("is damaged"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), junk, "nothing was changed");
}

/// The files in `dir`, with their bytes: to show that a refused file is left exactly as it was
/// and nothing was created beside it.
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn db_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join(zhulao::progress::store::DB_FILE)
}

#[test]
fn another_programs_database_with_a_meta_table_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(db_file(dir.path())).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
             INSERT INTO meta VALUES ('owner', 'the library''s catalogue');
             CREATE TABLE books (title TEXT);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let before = snapshot(dir.path());
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err:?}");
    assert!(
        err.to_string().contains("not a zhulao progress file"),
        "{err}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "byte-identical, nothing beside it"
    );
}

#[test]
fn another_programs_database_without_our_tables_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(db_file(dir.path())).unwrap();
        conn.execute_batch("CREATE TABLE photos (path TEXT);")
            .unwrap();
    }
    let before = snapshot(dir.path());
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::NotOurs { .. })
    ));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_database_stamped_with_another_application_id_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(db_file(dir.path())).unwrap();
        conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
            .unwrap();
    }
    let before = snapshot(dir.path());
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_zero_byte_file_left_by_a_crash_is_taken_as_new() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(db_file(dir.path()), b"").unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.application_id().unwrap(),
        zhulao::progress::store::APPLICATION_ID
    );
}

#[test]
fn a_damaged_page_behind_an_intact_header_is_caught_at_start_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for i in 0..300 {
            let learner = store
                .add_learner(&NewLearner::Named(format!("学员甲{i}")))
                .unwrap();
            store
                .record(&draft(&learner.id, Verb::Attempted, None, None))
                .unwrap();
        }
    }
    let file = db_file(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() > 8 * 4096, "several pages: {}", bytes.len());
    // Scribble over the middle of the file; the 100-byte header stays intact.
    for b in &mut bytes[3 * 4096..5 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&file, &bytes).unwrap();
    let before = snapshot(dir.path());
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    // SQLite's own lines, joined on one line (not an escaped line break).
    let said = err.to_string();
    assert!(
        said.contains("(*** in database main ***; Tree ") && !said.contains("\\u{"),
        "{said}"
    );
    assert_eq!(snapshot(dir.path()), before, "left exactly as it was");
}

#[test]
fn a_zhulao_database_from_before_the_application_id_is_adopted_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(db_file(dir.path())).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        let zhulao::progress::store::schema::Migration::Sql(first) =
            zhulao::progress::store::schema::MIGRATIONS[0]
        else {
            panic!("the first migration is SQL")
        };
        conn.execute_batch(first).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO meta VALUES ('device_id', 'old-device');
             INSERT INTO learners (id, name, number, created_at, device_id)
                 VALUES ('a', '王秀英', NULL, '2026-11-01T00:00:00Z', 'old-device'),
                        ('b', '王秀英 ', NULL, '2026-11-02T00:00:00Z', 'old-device');",
        )
        .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.application_id().unwrap(),
        zhulao::progress::store::APPLICATION_ID
    );
    assert_eq!(store.device_id(), "old-device");
    assert_eq!(store.learners().unwrap().len(), 2, "nobody is lost");
    // The name typed again finds the first of the two old rows.
    let again = store
        .add_learner(&NewLearner::Named("王秀英".into()))
        .unwrap();
    assert_eq!(again.id, "a");
}

#[test]
fn one_name_is_one_learner_however_it_is_spaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = store
        .add_learner(&NewLearner::Named("王秀英".into()))
        .unwrap();
    let b = store
        .add_learner(&NewLearner::Named(" 王秀英 ".into()))
        .unwrap();
    let c = store
        .add_learner(&NewLearner::Named("Wang  Li".into()))
        .unwrap();
    let d = store
        .add_learner(&NewLearner::Named("wang li".into()))
        .unwrap();
    assert_eq!(
        (a.id == b.id, c.id == d.id, a.id == c.id),
        (true, true, false)
    );
    assert_eq!(store.learners().unwrap().len(), 2);
}

#[test]
fn two_connections_adding_the_same_names_at_once_make_one_learner_each() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap();
    let names = ["王秀英", "李大爷", "张阿姨", "Wang Li"];
    let ids: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let dir = dir.path();
                scope.spawn(move || {
                    let mut store = Store::open(dir).unwrap();
                    names
                        .iter()
                        .map(|n| store.add_learner(&NewLearner::Named(n.to_string())))
                        .map(|l| l.unwrap().id)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.learners().unwrap().len(), names.len());
}

#[test]
fn check_db_says_whether_the_progress_file_is_sound() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let learner = store.add_learner(&NewLearner::Numbered).unwrap();
        store
            .record(&draft(&learner.id, Verb::Attempted, None, None))
            .unwrap();
    }
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .arg("--data")
            .arg(dir.path())
            .arg("check-db")
            .output()
            .unwrap()
    };
    let out = run();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("is sound (1 answers recorded)"));
    let file = db_file(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    // The second and third pages: table roots, behind an intact header.
    for b in &mut bytes[4096..3 * 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&file, &bytes).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn an_older_database_counts_a_steps_time_once_after_its_migration() {
    let dir = tempfile::tempdir().unwrap();
    let learner = {
        let mut store = Store::open(dir.path()).unwrap();
        store.add_learner(&NewLearner::Numbered).unwrap()
    };
    // As zhulao left it before answers were timed from the one before: no `timed` column (and
    // none of the later migrations: no help requests), and three answers to one step timed 3, 6
    // and 9 s from when it was shown, kept as 18 s.
    {
        let conn = rusqlite::Connection::open(db_file(dir.path())).unwrap();
        conn.execute_batch(
            "DROP TABLE help_requests;
             DROP INDEX events_by_learner_time;
             DROP INDEX events_by_run_step;
             ALTER TABLE events DROP COLUMN timed;
             DROP TABLE step_stats; DROP TABLE step_totals; DROP TABLE step_wrong_answers;
             PRAGMA user_version = 6;",
        )
        .unwrap();
        for (i, ms) in [3000, 6000, 9000].into_iter().enumerate() {
            conn.execute(
                "INSERT INTO events (id, verb, learner_id, registration, pack_id, lesson_id,
                                     step_id, step_kind, outcome, attempt, response,
                                     duration_ms, lang, at, device_id)
                 VALUES (?1, 'answered', ?2, 'run', 'p', 'l', 's', 'tap', ?3, ?4, 'x', ?5,
                         'zh', '2026-11-02T01:00:00.000Z', 'dev')",
                rusqlite::params![
                    format!("e{i}"),
                    learner.id,
                    if i < 2 { "wrong" } else { "correct" },
                    i + 1,
                    ms
                ],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO lesson_stats (learner_id, pack_id, lesson_id, runs, completions, answers,
                                       wrong, time_ms, first_at, last_at)
             VALUES (?1, 'p', 'l', 1, 0, 3, 2, 18000, '2026-11-02T01:00:00.000Z',
                     '2026-11-02T01:00:00.000Z')",
            [&learner.id],
        )
        .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    let time = |store: &Store| store.learner_detail(&learner.id).unwrap().lessons[0].time_ms;
    assert_eq!(
        time(&store),
        9000,
        "the longest of the three, worked out again"
    );
    // A fourth old-style answer in the same run (from another machine's file) adds only what
    // goes past the longest: 12 s from the step shown is 3 s more.
    let mut d = draft(&learner.id, Verb::Answered, Some("run".into()), Some("s"));
    let step = d.step.as_mut().unwrap();
    step.duration_ms = 12_000;
    step.timed = zhulao::progress::Timed::SinceShown;
    store.record(&d).unwrap();
    assert_eq!(time(&store), 12_000);
    // A new answer counts all of its time.
    store
        .record(&draft(
            &learner.id,
            Verb::Answered,
            Some("run".into()),
            Some("s"),
        ))
        .unwrap();
    assert_eq!(time(&store), 12_010);
}

/// Names and the PIN's hash are in the progress file: a new one, and a folder zhulao makes for
/// it, are for their owner's eyes only, whatever the umask lets others read.
#[cfg(unix)]
#[test]
fn a_new_progress_file_and_its_folder_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("centre").join("zhulao");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    {
        let mut store = Store::open(&data).unwrap();
        let learner = store.add_learner(&NewLearner::Numbered).unwrap();
        store
            .record(&draft(&learner.id, Verb::Attempted, None, None))
            .unwrap();
        for file in ["zhulao.sqlite3", "zhulao.sqlite3-wal", "zhulao.sqlite3-shm"] {
            assert_eq!(mode(&data.join(file)), 0o600, "{file}");
        }
    }
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&dir.path().join("centre")), 0o700);
}

/// The write-ahead log stays small between answers (on a nearly full disk a growing log would
/// fill it): each answer's pages go into the database soon after, and a log that grew during
/// an import is cut back.
#[test]
fn the_write_ahead_log_stays_small_between_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let wal = db_file(dir.path()).with_extension("sqlite3-wal");
    let wal_size = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    let learner = store.add_learner(&NewLearner::Numbered).unwrap();
    let start = store
        .record(&draft(&learner.id, Verb::Attempted, None, None))
        .unwrap();
    for i in 0..50 {
        store
            .record(&draft(
                &learner.id,
                Verb::Answered,
                Some(start.registration.clone()),
                Some(&format!("step-{i}")),
            ))
            .unwrap();
    }
    assert!(
        wal_size() <= 256 * 1024,
        "after 50 answers: {} bytes",
        wal_size()
    );
    // A roster of 2 000 names grows the log for a moment; it is cut back after.
    let lines: Vec<zhulao::progress::store::roster::RosterLine> = (0..2000)
        .map(|i| zhulao::progress::store::roster::RosterLine {
            name: format!("学员{i:04}号"),
            seat: None,
            group: None,
        })
        .collect();
    store.import_roster(&lines).unwrap();
    store
        .record(&draft(
            &learner.id,
            Verb::Answered,
            Some(start.registration),
            Some("s"),
        ))
        .unwrap();
    assert!(
        wal_size() <= 256 * 1024,
        "after an import: {} bytes",
        wal_size()
    );
}
