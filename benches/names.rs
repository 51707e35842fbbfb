//! Big imports while a class is answering: how long they take, and how long a learner's save in
//! another window waits meanwhile (the app waits 0.3 s before it shows "正在保存…", and tells the
//! learner after 10 s).
//!
//! - `zhulao import` of 10 000 learners all named 王秀英 (one answer each), into an empty
//!   centre and into one that has 10 000 王秀英 already (each gets the next free "王秀英 (n)");
//! - `zhulao roster import` of 10 000 new names into an empty centre, and of 6 000 into a
//!   centre of 10 000 learners.
//!
//! While each runs, a second connection saves a small answer every 20 ms, as a learner in
//! another window would, and the longest it waited is reported. The imports run through the
//! library (`records::xapi::import::import_file`, `records::roster`), as the commands do.
//! Run with `cargo bench --bench names`. No pass/fail thresholds: figures to read.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use zhulao::progress::{EventDraft, NewLearner, Store, Verb};
use zhulao::records::roster::{self, RosterRow};
use zhulao::records::xapi::import::import_file;
use zhulao::records::xapi::statement::{Audience, DEFAULT_HOMEPAGE, Encoder};

const SAME_NAMES: usize = 10_000;

/// Saves an answer every 20 ms from another connection until told to stop: the longest wait.
fn learner_saving(
    dir: &std::path::Path,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Duration> {
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let mut store = Store::open(&dir).unwrap();
        let learner = store
            .add_learner(&NewLearner::Named("在上课的学员".into()))
            .unwrap();
        let mut longest = Duration::ZERO;
        while !stop.load(Ordering::SeqCst) {
            let draft = EventDraft {
                verb: Verb::Attempted,
                learner_id: learner.id.clone(),
                registration: None,
                pack_id: "basics".into(),
                lesson_id: "call-family".into(),
                step: None,
                stars: None,
                lang: zhulao::lang::Lang::Zh,
            };
            let t = Instant::now();
            store.record(&draft).unwrap();
            longest = longest.max(t.elapsed());
            std::thread::sleep(Duration::from_millis(20));
        }
        longest
    })
}

/// Runs `work` while a learner saves in another window: (how long it took, the longest save).
fn timed(dir: &std::path::Path, work: impl FnOnce()) -> (Duration, Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    let saver = learner_saving(dir, stop.clone());
    std::thread::sleep(Duration::from_millis(50));
    let t = Instant::now();
    work();
    let took = t.elapsed();
    stop.store(true, Ordering::SeqCst);
    (took, saver.join().unwrap())
}

/// A statement file of `n` learners named 王秀英 (new ids), one answer each.
fn same_name_file(path: &std::path::Path, n: usize) {
    use std::io::Write;
    let source = tempfile::tempdir().unwrap();
    let store = Store::open(source.path()).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let library = zhulao::content::Library::default();
    let enc = Encoder {
        library: &library,
        homepage: DEFAULT_HOMEPAGE,
        audience: Audience::File,
    };
    for i in 0..n {
        // A different store's learners would all be one 王秀英; each is a person of its own.
        let id = uuid::Uuid::new_v4().to_string();
        let event = zhulao::progress::Event {
            id: uuid::Uuid::new_v4().to_string(),
            verb: Verb::Attempted,
            learner_id: id,
            registration: uuid::Uuid::new_v4().to_string(),
            pack_id: "basics".into(),
            lesson_id: "call-family".into(),
            step: None,
            stars: None,
            lang: zhulao::lang::Lang::Zh,
            at: format!("2026-11-02T01:{:02}:{:02}.000Z", (i / 60) % 60, i % 60),
            device_id: store.device_id().to_string(),
        };
        let card = zhulao::progress::store::LearnerCard {
            name: Some("王秀英".into()),
            number: None,
            seat: None,
        };
        let line =
            serde_json::to_string(&enc.statement(&event, Some(&card), None).unwrap()).unwrap();
        writeln!(out, "{line}").unwrap();
    }
}

fn rows(names: impl Iterator<Item = String>) -> Vec<RosterRow> {
    names
        .enumerate()
        .map(|(i, name)| RosterRow {
            line: i + 2,
            name,
            group: Some("周二上午班".into()),
            seat: None,
        })
        .collect()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let file = tempfile::NamedTempFile::new().unwrap();
    same_name_file(file.path(), SAME_NAMES);

    let dir = tempfile::tempdir().unwrap();
    let (took, longest) = timed(dir.path(), || {
        let mut store = Store::open(dir.path()).unwrap();
        import_file(
            &mut store,
            &zhulao::content::Library::default(),
            file.path(),
        )
        .unwrap();
    });
    println!(
        "import of {SAME_NAMES} learners all named 王秀英, into an empty centre: {} (a save in another window waited at most {})",
        ms(took),
        ms(longest)
    );
    let other = tempfile::NamedTempFile::new().unwrap();
    same_name_file(other.path(), SAME_NAMES);
    let (took, longest) = timed(dir.path(), || {
        let mut store = Store::open(dir.path()).unwrap();
        import_file(
            &mut store,
            &zhulao::content::Library::default(),
            other.path(),
        )
        .unwrap();
    });
    let names: Vec<String> = Store::open(dir.path())
        .unwrap()
        .learners()
        .unwrap()
        .into_iter()
        .filter_map(|l| l.name)
        .collect();
    assert!(
        names.iter().any(|n| n == "王秀英 (20000)"),
        "every one apart"
    );
    println!(
        "import of {SAME_NAMES} more, into a centre of {SAME_NAMES} 王秀英: {} (a save waited at most {})",
        ms(took),
        ms(longest)
    );

    let dir = tempfile::tempdir().unwrap();
    let (took, longest) = timed(dir.path(), || {
        let mut store = Store::open(dir.path()).unwrap();
        roster::import(
            &mut store,
            &rows((0..10_000).map(|i| format!("学员{i:05}"))),
        )
        .unwrap();
    });
    println!(
        "roster import of 10000 names into an empty centre: {} (a save waited at most {})",
        ms(took),
        ms(longest)
    );
    let (took, longest) = timed(dir.path(), || {
        let mut store = Store::open(dir.path()).unwrap();
        roster::import(
            &mut store,
            &rows((0..6_000).map(|i| format!("新学员{i:05}"))),
        )
        .unwrap();
    });
    println!(
        "roster import of 6000 names into a centre of 10000 learners: {} (a save waited at most {})",
        ms(took),
        ms(longest)
    );
}
