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
        id: "l".into(),
        title: Text::new("课", "Lesson"),
        checked: "2026-11".into(),
        learned: vec![],
        screens: vec![],
        steps: step_ids
            .iter()
            .map(|id| Step {
                id: id.to_string(),
                say: Text::new("读", "Read"),
                hint: None,
                why: None,
                screen: None,
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
