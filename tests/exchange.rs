//! Records that travel: a class's records exported on one computer and imported on another
//! (with the real `zhulao export` and `zhulao import`), checked by an independent xAPI validator,
//! and sent to a real Learning Record Store (Ralph) with `zhulao sync`.

use crate::lrs;
use crate::xapi;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;
use zhulao::content::StepKind;
use zhulao::lang::Lang;
use zhulao::progress::{
    Event, EventDraft, Learner, NewLearner, Outcome, Progress, StepAnswer, Store, Verb,
};

/// One computer: its data folder, and the real binary run on it.
struct Computer {
    dir: tempfile::TempDir,
}

impl Computer {
    fn new() -> Computer {
        Computer {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn store(&self) -> Store {
        Store::open(self.dir.path()).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn zhulao(&self, args: &[&str]) -> Said {
        self.zhulao_with(args, &[])
    }

    /// Runs zhulao here, in English unless `args` choose a language.
    fn zhulao_with(&self, args: &[&str], env: &[(&str, &str)]) -> Said {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhulao"));
        command.arg("--data").arg(self.dir.path()).args(args);
        if !args.contains(&"--lang") {
            command.args(["--lang", "en"]);
        }
        command
            .env_remove("ZHULAO_LRS_KEY")
            .env_remove("ZHULAO_LRS_SECRET");
        for (k, v) in env {
            command.env(k, v);
        }
        Said::from(xapi::run_bounded(&mut command, Duration::from_secs(120)))
    }

    fn export(&self, name: &str) -> PathBuf {
        let file = self.path(name);
        let said = self.zhulao(&["export", "--xapi", file.to_str().unwrap()]);
        assert_eq!(said.code, 0, "{said:?}");
        file
    }

    fn import(&self, file: &Path) -> Said {
        self.zhulao(&["import", file.to_str().unwrap()])
    }

    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path("zhulao.sqlite3")).unwrap()
    }

    /// Every event, by id.
    fn events(&self) -> BTreeMap<String, Event> {
        let mut all = BTreeMap::new();
        self.store()
            .for_each_event(None, |e| {
                all.insert(e.id.clone(), e);
                Ok::<(), zhulao::progress::StoreError>(())
            })
            .unwrap();
        all
    }

    /// Each learner's name, number, seat and progress, by learner id.
    fn progress(&self) -> BTreeMap<String, (String, Progress)> {
        let store = self.store();
        let cards = store.learner_cards().unwrap();
        cards
            .into_iter()
            .map(|(id, card)| {
                let progress = Progress::from_events(&store.events_for(&id).unwrap());
                (id, (format!("{card:?}"), progress))
            })
            .collect()
    }

    /// The per-lesson figures kept with every event, as rows of text.
    fn lesson_stats(&self) -> Vec<String> {
        let db = self.db();
        let mut stmt = db
            .prepare(
                "SELECT learner_id || ' ' || pack_id || ' ' || lesson_id || ' runs ' || runs ||
                        ' done ' || completions || ' answers ' || answers || ' wrong ' || wrong ||
                        ' ms ' || time_ms || ' ' || first_at || ' ' || last_at
                   FROM lesson_stats ORDER BY learner_id, pack_id, lesson_id",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn sent_count(&self) -> i64 {
        self.db()
            .query_row("SELECT COUNT(*) FROM lrs_sent", [], |r| r.get(0))
            .unwrap()
    }
}

/// What a run of the binary said.
#[derive(Debug)]
struct Said {
    code: i32,
    out: String,
    err: String,
}

impl From<Output> for Said {
    fn from(o: Output) -> Said {
        Said {
            code: o.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&o.stdout).into_owned(),
            err: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Records one run through a lesson as the player does: attempted, each step, and completed
/// when `finish` is given (with the stars it earns). A pause between events keeps every time
/// distinct, as a person's answers are.
fn run(
    store: &mut Store,
    learner: &Learner,
    lesson: &str,
    lang: Lang,
    steps: &[(&str, StepKind, Option<Outcome>, &str)],
    finish: Option<u8>,
) {
    let mut save = |verb, registration: Option<String>, step: Option<StepAnswer>, stars| {
        let event = EventDraft {
            registration,
            step,
            stars,
            ..draft(learner, lesson, lang, verb)
        };
        record(store, event)
    };
    let registration = save(Verb::Attempted, None, None, None).registration;
    let mut attempts: BTreeMap<&str, u32> = BTreeMap::new();
    for (i, &(step_id, kind, outcome, response)) in steps.iter().enumerate() {
        let attempt = attempts.entry(step_id).or_default();
        *attempt += 1;
        let verb = if kind == StepKind::Read {
            Verb::Experienced
        } else {
            Verb::Answered
        };
        let step = StepAnswer {
            step_id: step_id.into(),
            step_kind: kind,
            outcome,
            attempt: *attempt,
            response: response.into(),
            duration_ms: 1234 + 517 * i as u64,
            timed: zhulao::progress::Timed::SinceLast,
            shown: (kind == StepKind::Choice).then(|| "ask,refuse,give".to_string()),
        };
        save(verb, Some(registration.clone()), Some(step), None);
    }
    if let Some(stars) = finish {
        save(Verb::Completed, Some(registration), None, Some(stars));
    }
}

/// A review (复习) of a step the learner needed help with: its start and end recorded under the
/// pack's review, its answer under the step's own lesson, all with the review's registration.
fn review(store: &mut Store, learner: &Learner) {
    let review = zhulao::progress::review::REVIEW_LESSON;
    let start = draft(learner, review, Lang::Zh, Verb::Attempted);
    let registration = Some(record(store, start).registration);
    let answer = EventDraft {
        registration: registration.clone(),
        step: Some(StepAnswer {
            step_id: "open-phone".into(),
            step_kind: StepKind::Tap,
            outcome: Some(Outcome::Correct),
            attempt: 1,
            response: "phone".into(),
            duration_ms: 2100,
            timed: zhulao::progress::Timed::SinceLast,
            shown: None,
        }),
        ..draft(learner, "call-family", Lang::Zh, Verb::Answered)
    };
    record(store, answer);
    let end = EventDraft {
        registration,
        stars: Some(1),
        ..draft(learner, review, Lang::Zh, Verb::Completed)
    };
    record(store, end);
}

/// An event of `learner` in the pack "basics", with no run, step or stars yet.
fn draft(learner: &Learner, lesson: &str, lang: Lang, verb: Verb) -> EventDraft {
    EventDraft {
        verb,
        learner_id: learner.id.clone(),
        registration: None,
        pack_id: "basics".into(),
        lesson_id: lesson.into(),
        step: None,
        stars: None,
        lang,
    }
}

/// Records an event a second after the one before (on a clock of its own), so that times
/// follow the order.
fn record(store: &mut Store, draft: EventDraft) -> Event {
    use std::sync::atomic::{AtomicI64, Ordering};
    static SECONDS: AtomicI64 = AtomicI64::new(0);
    let t = time::macros::datetime!(2026-11-29 02:00 UTC)
        + time::Duration::seconds(SECONDS.fetch_add(1, Ordering::SeqCst));
    store
        .record_at(&draft, &zhulao::progress::store::format_time(t))
        .unwrap()
}

const CALL: &[(&str, StepKind, Option<Outcome>, &str)] = &[
    ("welcome", StepKind::Read, None, ""),
    ("open-phone", StepKind::Tap, Some(Outcome::Wrong), "camera"),
    ("open-phone", StepKind::Tap, Some(Outcome::Correct), "phone"),
    (
        "code-call",
        StepKind::Choice,
        Some(Outcome::Correct),
        "hang-up",
    ),
    (
        "call-order",
        StepKind::Order,
        Some(Outcome::Correct),
        "open,find,call",
    ),
    ("pin", StepKind::Digits, Some(Outcome::Correct), "******"),
];

/// A morning's class on one computer: 王秀英 (seat 3) finishes a lesson twice and reviews a
/// step, 李建国 stops half way, 学员 1 works in English, 学员 2 has only started.
fn class_computer() -> Computer {
    let c = Computer::new();
    let mut store = c.store();
    let wang = store
        .add_learner(&NewLearner::Named("王秀英".into()))
        .unwrap();
    let li = store
        .add_learner(&NewLearner::Named("李建国".into()))
        .unwrap();
    let one = store.add_learner(&NewLearner::Numbered).unwrap();
    let two = store.add_learner(&NewLearner::Numbered).unwrap();
    c.db()
        .execute("UPDATE learners SET seat = 3 WHERE id = ?1", [&wang.id])
        .unwrap();
    run(&mut store, &wang, "call-family", Lang::Zh, CALL, Some(1));
    run(
        &mut store,
        &wang,
        "call-family",
        Lang::Zh,
        &CALL[..1],
        Some(2),
    );
    run(&mut store, &li, "call-family", Lang::Zh, &CALL[..3], None);
    run(&mut store, &one, "read-books", Lang::En, CALL, Some(1));
    run(&mut store, &two, "read-books", Lang::Zh, &[], None);
    review(&mut store, &wang);
    c
}

fn lines(file: &Path) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Whether a line is a learner's roster card (their groups), not an answer.
fn is_roster_card(line: &str) -> bool {
    line.contains(zhulao::records::xapi::statement::ROSTER_ACTIVITY)
}

/// The lines of a file that are events (not roster cards).
fn event_lines(file: &Path) -> Vec<String> {
    lines(file)
        .into_iter()
        .filter(|l| !is_roster_card(l))
        .collect()
}

#[test]
fn a_class_exported_here_and_imported_on_an_empty_computer_has_the_same_records_names_and_figures()
{
    let here = class_computer();
    let file = here.export("class.jsonl");
    assert_eq!(event_lines(&file).len(), here.events().len());

    let there = Computer::new();
    let said = there.import(&file);
    assert_eq!(said.code, 0, "{said:?}");
    let n = here.events().len();
    assert!(
        said.out
            .contains(&format!("{n} added, 0 already there, 0 conflicts")),
        "{said:?}"
    );
    assert!(said.out.contains("王秀英"), "{said:?}");

    assert_eq!(there.events(), here.events(), "every event, exactly");
    assert_eq!(
        there.progress(),
        here.progress(),
        "names, numbers, seats, progress"
    );
    assert_eq!(there.lesson_stats(), here.lesson_stats());
    let wang = &there.progress()[&there.learner_id("王秀英")];
    assert!(wang.0.contains("seat: Some(3)"), "{wang:?}");
}

impl Computer {
    fn learner_id(&self, name: &str) -> String {
        self.db()
            .query_row("SELECT id FROM learners WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .unwrap()
    }
}

#[test]
fn importing_the_same_file_twice_records_everything_once() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let there = Computer::new();
    assert_eq!(there.import(&file).code, 0);
    let (events, stats) = (there.events(), there.lesson_stats());
    let again = there.import(&file);
    assert_eq!(again.code, 0, "{again:?}");
    let n = events.len();
    assert!(
        again
            .out
            .contains(&format!("0 added, {n} already there, 0 conflicts")),
        "{again:?}"
    );
    assert!(!again.out.contains("new learners"), "{again:?}");
    assert_eq!(there.events(), events);
    assert_eq!(there.lesson_stats(), stats);
    assert_eq!(there.progress(), here.progress());
}

#[test]
fn a_file_imported_backwards_gives_the_same_progress() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let backwards = here.path("backwards.jsonl");
    let mut l = lines(&file);
    l.reverse();
    std::fs::write(&backwards, l.join("\n")).unwrap();
    let there = Computer::new();
    assert_eq!(there.import(&backwards).code, 0);
    assert_eq!(there.events(), here.events());
    assert_eq!(there.progress(), here.progress());
    assert_eq!(there.lesson_stats(), here.lesson_stats());
}

#[test]
fn a_statement_known_here_with_a_different_answer_is_reported_and_the_record_here_kept() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let there = Computer::new();
    there.import(&file);
    // Someone edits one answer in a copy of the file.
    let all = lines(&file);
    let (n, original) = all
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("\"response\":\"phone\""))
        .unwrap();
    let edited = original.replace("\"response\":\"phone\"", "\"response\":\"camera\"");
    let id = serde_json::from_str::<Value>(original).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let copy = here.path("edited.jsonl");
    let mut changed = all.clone();
    changed[n] = edited;
    std::fs::write(&copy, changed.join("\n")).unwrap();
    let before = there.events();

    let said = there.import(&copy);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(said.out.contains("1 conflict,"), "{said:?}");
    assert!(
        said.err.contains(&format!(
            "edited.jsonl:{}: statement {id} is already recorded here with a different response (response here 'phone', in the file 'camera'); the record here is kept",
            n + 1
        )),
        "{said:?}"
    );
    assert_eq!(there.events(), before, "nothing was overwritten");
    assert_eq!(there.events()[&id].step.as_ref().unwrap().response, "phone");
}

#[test]
fn lines_that_are_not_zhulao_statements_are_named_by_number_and_the_rest_is_imported() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let mut l = lines(&file);
    let good = event_lines(&file).len();
    l.insert(
        1,
        r#"{"id":"2e8a3b4c-5d6e-4f70-9b1c-1d2e3f4a5b6c","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://moodle.example/quiz/1"}}"#.into(),
    );
    l.insert(3, "this is not json".into());
    l.insert(4, l[0].replace("\"zh-CN\"", "\"fr\""));
    let mixed = here.path("mixed.jsonl");
    std::fs::write(&mixed, l.join("\n")).unwrap();
    let there = Computer::new();
    let said = there.import(&mixed);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(
        said.out.contains(&format!(
            "{good} added, 0 already there, 0 conflicts, 1 statement not from zhulao, 2 invalid lines"
        )),
        "{said:?}"
    );
    assert!(
        said.err
            .contains("not zhulao statements (left out), lines 2"),
        "{said:?}"
    );
    assert!(said.err.contains("mixed.jsonl:4: not JSON"), "{said:?}");
    assert!(
        said.err
            .contains("mixed.jsonl:5: not a valid zhulao statement"),
        "{said:?}"
    );
    assert_eq!(there.events(), here.events());
}

#[test]
fn a_statement_stamped_in_a_year_no_lesson_was_taken_is_refused_with_its_line() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let mut l = lines(&file);
    let good = event_lines(&file).len() - 1;
    // The last answer, stamped at the very end of year 9999 (a clock set wrong, a file made by
    // hand): east of UTC there is no local time for it.
    let last = l.iter().rposition(|line| !is_roster_card(line)).unwrap();
    let stamp = |line: &str| -> String {
        let v: Value = serde_json::from_str(line).unwrap();
        v["timestamp"].as_str().unwrap().to_string()
    };
    let was = stamp(&l[last]);
    l[last] = l[last].replace(&was, "9999-12-31T23:59:59.999Z");
    let far = here.path("far.jsonl");
    std::fs::write(&far, l.join("\n")).unwrap();
    let there = Computer::new();
    let said = there.import(&far);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(
        said.err.contains(&format!(
            "far.jsonl:{}: not a valid zhulao statement: timestamp '9999-12-31T23:59:59.999Z'",
            last + 1
        )),
        "{said:?}"
    );
    assert!(said.out.contains(&format!("{good} added")), "{said:?}");
    assert_eq!(there.events().len(), good);
}

#[test]
fn a_name_from_another_machine_that_shows_nothing_is_not_used() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let l = lines(&file);
    // Every card of one learner names them with an accent alone.
    let first: Value = serde_json::from_str(&l[0]).unwrap();
    let learner = first["actor"]["account"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let card = "https://zhulao.invalid/xapi/extensions/learner";
    let changed: Vec<String> = l
        .iter()
        .map(|line| {
            let mut v: Value = serde_json::from_str(line).unwrap();
            if v["actor"]["account"]["name"] == learner.as_str() {
                v["context"]["extensions"][card]["name"] = Value::from("\u{0301}");
            }
            v.to_string()
        })
        .collect();
    let file = here.path("accent.jsonl");
    std::fs::write(&file, changed.join("\n")).unwrap();
    let there = Computer::new();
    let said = there.import(&file);
    assert!(
        said.out.contains("cannot be used") && said.out.contains("number instead"),
        "{said:?}"
    );
    let store = there.store();
    let them = store
        .learners()
        .unwrap()
        .into_iter()
        .find(|l| l.id == learner)
        .expect("the learner is there");
    assert_eq!(them.name, None);
    assert!(them.number.is_some(), "a numbered learner instead");
}

#[test]
fn a_learner_whose_name_or_number_is_someone_elses_here_is_added_apart_and_told() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let there = Computer::new();
    {
        let mut store = there.store();
        store
            .add_learner(&NewLearner::Named("王秀英".into()))
            .unwrap();
        store.add_learner(&NewLearner::Numbered).unwrap();
    }
    let said = there.import(&file);
    assert_eq!(said.code, 0, "{said:?}");
    assert!(
        said.out.contains(
            "王秀英 in the file is not the 王秀英 already on this computer (another learner id), so they were added as 王秀英 (2)"
        ),
        "{said:?}"
    );
    assert!(
        said.out.contains(
            "学员 1 in the file is 学员 2 on this computer (number 1 is someone else's here)"
        ),
        "{said:?}"
    );
    // Both people keep their own records, by id.
    let theirs = here.progress();
    let mine = there.progress();
    for (id, (_, progress)) in &theirs {
        assert_eq!(&mine[id].1, progress);
    }
    assert_eq!(mine.len(), theirs.len() + 2);
    let wang_here = here.learner_id("王秀英");
    assert_eq!(there.learner_id("王秀英 (2)"), wang_here);
}

/// A file of `n` statements, each from another machine's learner named 王秀英 (an id each).
fn same_name_statements(path: &Path, n: usize) {
    use zhulao::records::xapi::statement::{Audience, DEFAULT_HOMEPAGE, Encoder};
    let library = zhulao::content::Library::default();
    let enc = Encoder {
        homepage: DEFAULT_HOMEPAGE,
        audience: Audience::File,
        library: &library,
    };
    let card = zhulao::progress::store::LearnerCard {
        name: Some("王秀英".into()),
        number: None,
        seat: None,
    };
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let event = Event {
                id: uuid::Uuid::new_v4().to_string(),
                verb: Verb::Attempted,
                learner_id: uuid::Uuid::new_v4().to_string(),
                registration: uuid::Uuid::new_v4().to_string(),
                pack_id: "basics".into(),
                lesson_id: "call-family".into(),
                step: None,
                stars: None,
                lang: Lang::Zh,
                at: format!("2026-11-02T01:00:{:02}.000Z", i % 60),
                device_id: "0a0b0c0d-1111-4222-8333-444455556666".into(),
            };
            serde_json::to_string(&enc.statement(&event, Some(&card), None).unwrap()).unwrap()
        })
        .collect();
    std::fs::write(path, lines.join("\n")).unwrap();
}

/// Many learners of one name, over many batches and two files: each is a person of their own,
/// numbered on from the last one there.
#[test]
fn many_learners_of_one_name_are_numbered_on_across_batches_and_files() {
    let there = Computer::new();
    let n = zhulao::records::xapi::import::BATCH * 2 + 7;
    let (one, two) = (there.path("one.jsonl"), there.path("two.jsonl"));
    same_name_statements(&one, n);
    same_name_statements(&two, 5);
    assert_eq!(there.import(&one).code, 0);
    assert_eq!(there.import(&two).code, 0);
    let mut names: Vec<String> = there
        .store()
        .learners()
        .unwrap()
        .into_iter()
        .filter_map(|l| l.name)
        .collect();
    names.sort_by_key(|n| {
        n.strip_prefix("王秀英 (")
            .and_then(|r| r.strip_suffix(')'))
            .map_or(1, |d| d.parse::<u32>().unwrap())
    });
    let expected: Vec<String> = (1..=n + 5)
        .map(|i| {
            if i == 1 {
                "王秀英".to_string()
            } else {
                format!("王秀英 ({i})")
            }
        })
        .collect();
    assert_eq!(names, expected);
}

#[test]
fn export_since_a_day_leaves_out_what_came_before_and_a_wrong_date_is_explained() {
    let here = class_computer();
    let file = here.path("since.jsonl");
    let f = file.to_str().unwrap();
    let all = here.zhulao(&["export", "--xapi", f, "--since", "2000-01-01"]);
    assert_eq!(all.code, 0, "{all:?}");
    assert_eq!(event_lines(&file).len(), here.events().len());
    let none = here.zhulao(&["export", "--xapi", f, "--since", "2999-01-01"]);
    assert!(
        none.out.starts_with("Wrote 0 statements (0 learners)"),
        "{none:?}"
    );
    assert!(lines(&file).is_empty());
    let wrong = here.zhulao(&["export", "--xapi", f, "--since", "29/11/2026"]);
    assert_eq!(wrong.code, 2, "{wrong:?}");
    assert!(
        wrong.err.contains("is not a day such as 2026-11-29"),
        "{wrong:?}"
    );
}

/// Help opened during a step (求助): `times` requests by `name` on the step "open-phone" of
/// "call-family", on `day` (from 09:00 UTC, a minute apart).
fn ask_for_help(c: &Computer, name: &str, day: &str, times: u32) {
    let mut store = c.store();
    let draft = zhulao::progress::store::help::HelpDraft {
        learner_id: c.learner_id(name),
        registration: uuid::Uuid::new_v4().to_string(),
        pack_id: "basics".into(),
        lesson_id: "call-family".into(),
        step_id: "open-phone".into(),
    };
    for minute in 0..times {
        store
            .record_help_at(&draft, &format!("{day}T09:{minute:02}:00.000Z"))
            .unwrap();
    }
}

impl Computer {
    /// Every help request kept here, as rows of text, by id.
    fn help_requests(&self) -> Vec<String> {
        let db = self.db();
        let mut stmt = db
            .prepare(
                "SELECT id || ' ' || learner_id || ' ' || registration || ' ' || pack_id || ' ' ||
                        lesson_id || ' ' || step_id || ' ' || at || ' ' || device_id
                   FROM help_requests ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The report's 求助次数 and attendance over all time, by learner name.
    fn help_and_attendance(&self) -> BTreeMap<String, (u64, Vec<String>)> {
        let store = self.store();
        let data = store.report_data(&Default::default()).unwrap();
        data.learners
            .iter()
            .filter_map(|l| Some((l.id.clone(), l.name.clone()?)))
            .map(|(id, name)| {
                let help = data
                    .help
                    .iter()
                    .filter(|h| h.learner_id == id)
                    .map(|h| h.help)
                    .sum();
                let days = data
                    .attendance
                    .iter()
                    .find(|a| a.learner_id == id)
                    .map(|a| a.days.clone())
                    .unwrap_or_default();
                (name, (help, days))
            })
            .collect()
    }
}

#[test]
fn help_requests_travel_in_a_file_and_count_on_the_other_computer_once() {
    let here = class_computer();
    ask_for_help(&here, "王秀英", "2026-11-29", 2);
    // 李建国 came on the first of December only to ask for help: a day of attendance.
    ask_for_help(&here, "李建国", "2026-12-01", 1);
    let file = here.export("class.jsonl");
    let asked: Vec<String> = lines(&file)
        .into_iter()
        .filter(|l| l.contains(zhulao::records::xapi::statement::VERB_ASKED))
        .collect();
    assert_eq!(asked.len(), 3, "one statement per help request");
    for line in &here.help_requests() {
        let id = line.split(' ').next().unwrap();
        assert!(
            asked
                .iter()
                .any(|l| l.contains(&format!("\"id\":\"{id}\""))),
            "{id} goes as its own statement id"
        );
    }
    let (valid, said) = xapi::validate(&file);
    assert!(valid, "{said}");

    let there = Computer::new();
    let said = there.import(&file);
    assert_eq!(said.code, 0, "{said:?}");
    let n = here.events().len() + 3;
    assert!(
        said.out
            .contains(&format!("{n} added, 0 already there, 0 conflicts")),
        "{said:?}"
    );
    assert_eq!(there.help_requests(), here.help_requests());
    let figures = there.help_and_attendance();
    assert_eq!(figures, here.help_and_attendance());
    assert_eq!(figures["王秀英"].0, 2);
    assert_eq!(figures["李建国"].0, 1);
    assert!(
        figures["李建国"].1.contains(&"2026-12-01".to_string()),
        "{figures:?}"
    );

    let again = there.import(&file);
    assert!(
        again
            .out
            .contains(&format!("0 added, {n} already there, 0 conflicts")),
        "{again:?}"
    );
    assert_eq!(there.help_requests(), here.help_requests());
}

#[test]
fn every_exported_statement_passes_the_independent_xapi_validator() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let (valid, said) = xapi::validate(&file);
    assert!(valid, "{said}");
    assert!(
        said.contains(&format!("{n} valid, 0 invalid", n = lines(&file).len())),
        "{said}"
    );

    // The validator has teeth: a statement with a broken time is caught, by line.
    let mut l = lines(&file);
    l[2] = l[2].replace("Z\",\"version\"", "\",\"version\"");
    let broken = here.path("broken.jsonl");
    std::fs::write(&broken, l.join("\n")).unwrap();
    let (valid, said) = xapi::validate(&broken);
    assert!(!valid);
    assert!(
        said.contains("line 3: TypeWarning at statement.timestamp"),
        "{said}"
    );
}

#[test]
fn without_an_lrs_address_sync_says_where_to_give_one() {
    let here = Computer::new();
    let said = here.zhulao(&["sync"]);
    assert_eq!(said.code, 2, "{said:?}");
    assert!(
        said.err
            .contains("which LRS? Give its address with --lrs URL"),
        "{said:?}"
    );
    let said = here.zhulao(&["sync", "--lrs", "lrs.example.org"]);
    assert_eq!(said.code, 2, "{said:?}");
    assert!(said.err.contains("is not a web address"), "{said:?}");
}

/// The statement as an LRS gets it: the file's copy without the learner's name.
fn pseudonymous(mut statement: Value) -> Value {
    statement["context"]["extensions"]
        .as_object_mut()
        .unwrap()
        .remove(zhulao::records::xapi::statement::EXT_LEARNER);
    statement
}

/// What an LRS adds to a statement it stores.
fn as_sent(mut statement: Value) -> Value {
    let s = statement.as_object_mut().unwrap();
    s.remove("stored");
    s.remove("authority");
    statement
}

#[test]
fn a_busy_lrs_stops_the_sync_with_one_line_exit_5_and_a_few_requests() {
    let here = class_computer();
    let (url, count) = lrs::always_busy();
    let said = here.zhulao(&["sync", "--lrs", &url]);
    assert_eq!(said.code, 5, "{said:?}");
    assert_eq!(
        said.err,
        format!(
            "zhulao: the LRS at {url}statements is busy (HTTP 429). Nothing was marked as sent; run `zhulao sync` again later.\n"
        ),
    );
    assert_eq!(
        count.load(std::sync::atomic::Ordering::SeqCst),
        zhulao::records::xapi::sync::MOST_WAITS as usize + 1
    );
    assert_eq!(here.sent_count(), 0);
}

#[test]
fn sync_sends_each_statement_once_to_a_real_lrs_and_picks_up_after_it_was_unreachable() {
    let here = class_computer();
    let lrs_dir = tempfile::tempdir().unwrap();
    let port = lrs::free_port();
    let mut ralph = lrs::Ralph::start(lrs_dir.path(), port);
    let url = ralph.base();

    // The centre's settings file names the LRS and its key.
    std::fs::write(
        here.path("xapi.toml"),
        format!(
            "homepage = \"https://centre.example/zhulao\"\n\n[lrs]\nurl = \"{url}\"\nkey = \"{}\"\nsecret = \"{}\"\n",
            lrs::USER,
            lrs::PASS
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            here.path("xapi.toml"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    // Every answer, and each of the four learners' roster cards.
    let n = here.events().len() + 4;
    let said = here.zhulao(&["sync"]);
    assert_eq!(said.code, 0, "{said:?}\n{}", ralph.log());
    assert!(
        said.out.contains(&format!(
            "Sent {n} statements to {url}statements. Nothing is left to send."
        )),
        "{said:?}"
    );
    assert_eq!(here.sent_count(), n as i64);

    // What the LRS holds is the export, statement for statement, without names.
    let exported: BTreeMap<String, Value> = lines(&here.export("class.jsonl"))
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), pseudonymous(v))
        })
        .collect();
    let held: BTreeMap<String, Value> = ralph
        .statements()
        .into_iter()
        .map(|v| (v["id"].as_str().unwrap().to_string(), as_sent(v)))
        .collect();
    assert_eq!(held.len(), n);
    assert_eq!(held, exported);
    assert!(!serde_json::to_string(&held).unwrap().contains("王秀英"));
    assert!(
        serde_json::to_string(&held)
            .unwrap()
            .contains("https://centre.example/zhulao")
    );

    // A second sync sends nothing.
    let again = here.zhulao(&["sync"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.out.contains("Sent 0 statements"), "{again:?}");
    assert_eq!(ralph.statements().len(), n);

    // More answers, then the LRS goes away: sync says so plainly and marks nothing.
    {
        let mut store = here.store();
        let li = store
            .learners()
            .unwrap()
            .into_iter()
            .find(|l| l.name.as_deref() == Some("李建国"))
            .unwrap();
        run(&mut store, &li, "read-books", Lang::Zh, &CALL[..2], None);
    }
    ralph.stop();
    let env = [
        ("ZHULAO_LRS_KEY", lrs::USER),
        ("ZHULAO_LRS_SECRET", lrs::PASS),
    ];
    let down = here.zhulao_with(&["sync", "--lrs", &url], &env);
    assert_eq!(down.code, 5, "{down:?}");
    assert!(
        down.err.contains(&format!(
            "could not reach the LRS at {url}statements: connection refused. Nothing was marked as sent; run `zhulao sync` again later."
        )),
        "{down:?}"
    );
    assert_eq!(here.sent_count(), n as i64);

    // Back again: the next sync completes.
    let ralph = lrs::Ralph::start(lrs_dir.path(), port);
    let up = here.zhulao_with(&["sync", "--lrs", &url], &env);
    assert_eq!(up.code, 0, "{up:?}");
    assert!(up.out.contains("Sent 3 statements"), "{up:?}");
    assert_eq!(here.sent_count(), n as i64 + 3);
    assert_eq!(ralph.statements().len(), n + 3);

    // Another client already put a different statement under the id of one of ours: that one
    // is reported and left for later, the others go through.
    {
        let mut store = here.store();
        let two = store.learner_by_number(2).unwrap().unwrap();
        run(&mut store, &two, "read-books", Lang::Zh, &CALL[1..2], None);
    }
    let newest = here
        .events()
        .into_values()
        .max_by(|a, b| a.at.cmp(&b.at))
        .unwrap();
    let mut imposter = lines(&here.export("latest.jsonl"))
        .into_iter()
        .map(|l| serde_json::from_str::<Value>(&l).unwrap())
        .find(|v| v["id"] == newest.id.as_str())
        .map(pseudonymous)
        .unwrap();
    imposter["result"]["response"] = "wechat".into();
    assert_eq!(ralph.post(&imposter), 200);
    let clash = here.zhulao_with(&["sync", "--lrs", &url], &env);
    assert_eq!(clash.code, 1, "{clash:?}");
    assert!(
        clash.err.contains(&format!(
            "statement {}: the LRS already has a different statement with this id",
            newest.id
        )),
        "{clash:?}"
    );
    assert!(clash.out.contains("Sent 1 statement to"), "{clash:?}");
    assert_eq!(here.sent_count(), n as i64 + 4);
}

/// The answer to a secret step (the lock-screen PIN of the built-in "basics" pack), recorded in
/// clear as an older zhulao could have.
fn pin_in_clear(c: &Computer) -> Event {
    let mut store = c.store();
    let learner = store
        .add_learner(&NewLearner::Named("周建华".into()))
        .unwrap();
    let step = StepAnswer {
        step_id: "pin".into(),
        step_kind: StepKind::Digits,
        outcome: Some(Outcome::Wrong),
        attempt: 1,
        response: "852741".into(),
        duration_ms: 4000,
        timed: zhulao::progress::Timed::SinceLast,
        shown: None,
    };
    let draft = EventDraft {
        verb: Verb::Answered,
        learner_id: learner.id.clone(),
        registration: Some(uuid::Uuid::new_v4().to_string()),
        pack_id: "basics".into(),
        lesson_id: "back-home-lock".into(),
        step: Some(step),
        stars: None,
        lang: Lang::Zh,
    };
    record(&mut store, draft)
}

#[test]
fn a_secret_answer_in_clear_from_another_machine_is_kept_only_as_the_mask() {
    let old = Computer::new();
    let event = pin_in_clear(&old);
    // This machine's own export never writes it in clear, whatever it holds.
    let file = old.export("old.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("852741"), "{text}");
    assert!(text.contains("\"response\":\"******\""), "{text}");
    // A file from an older zhulao carries it in clear: the import keeps only the mask.
    let clear = old.path("clear.jsonl");
    std::fs::write(&clear, text.replace("\"******\"", "\"852741\"")).unwrap();
    let there = Computer::new();
    let said = there.import(&clear);
    assert_eq!(said.code, 0, "{said:?}");
    let stored = &there.events()[&event.id];
    assert_eq!(stored.step.as_ref().unwrap().response, "******");
    let again = std::fs::read_to_string(there.export("again.jsonl")).unwrap();
    assert!(!again.contains("852741"));
    // Importing the clear file again is the same record, not a conflict.
    let said = there.import(&clear);
    assert!(
        said.out.contains("0 added, 1 already there, 0 conflicts"),
        "{said:?}"
    );
}

#[test]
fn a_statement_id_that_is_not_an_rfc_4122_uuid_is_refused_with_its_line() {
    let here = class_computer();
    let file = here.export("class.jsonl");
    let mut l = lines(&file);
    let id = serde_json::from_str::<Value>(&l[1]).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // The variant nibble made 0: 32 hex digits, but not an RFC 4122 UUID.
    let mut bad: Vec<char> = id.chars().collect();
    bad[19] = '0';
    let bad: String = bad.into_iter().collect();
    l[1] = l[1].replace(&id, &bad);
    let odd = here.path("odd.jsonl");
    std::fs::write(&odd, l.join("\n")).unwrap();
    let there = Computer::new();
    let said = there.import(&odd);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(
        said.err.contains(&format!(
            "odd.jsonl:2: not a valid zhulao statement: id '{bad}' is not an RFC 4122 UUID"
        )),
        "{said:?}"
    );
    assert!(!there.events().contains_key(&bad));
    let out = std::fs::read_to_string(there.export("out.jsonl")).unwrap();
    assert!(!out.contains(&bad));
}

#[test]
fn export_import_and_sync_speak_chinese_unless_asked_for_english() {
    let here = class_computer();
    let file = here.path("class.jsonl");
    let f = file.to_str().unwrap();
    let said = here.zhulao(&["--lang", "zh", "export", "--xapi", f]);
    assert!(said.out.starts_with("已把 "), "{said:?}");
    let there = Computer::new();
    let said = there.zhulao(&["--lang", "zh", "import", f]);
    assert!(said.out.contains("新加 "), "{said:?}");
    assert!(
        said.out.contains("这台电脑上新加的学员：王秀英"),
        "{said:?}"
    );
    let said = there.zhulao(&["--lang", "zh", "sync"]);
    assert!(said.err.contains("发到哪个 LRS？"), "{said:?}");
    let said = there.zhulao(&["--lang", "zh", "export", "--xapi", f, "--since", "昨天"]);
    assert!(said.err.contains("既不是日期"), "{said:?}");
    let said = there.zhulao(&["--lang", "en", "import", f]);
    assert!(said.out.contains("already there"), "{said:?}");
}

#[test]
fn export_since_a_day_counts_from_midnight_on_this_computers_clock() {
    // The class's answers are from 02:00 UTC on 29 November: 10:00 that day in China, 21:00
    // the day before in New York.
    let here = class_computer();
    let file = here.path("since.jsonl");
    let f = file.to_str().unwrap();
    let n = here.events().len();
    let export = |tz: &str, day: &str| {
        let said = here.zhulao_with(&["export", "--xapi", f, "--since", day], &[("TZ", tz)]);
        assert_eq!(said.code, 0, "{said:?}");
        event_lines(&file).len()
    };
    assert_eq!(export("CST-8", "2026-11-29"), n);
    assert_eq!(export("CST-8", "2026-11-30"), 0);
    assert_eq!(
        export("EST5", "2026-11-29"),
        0,
        "midnight in New York is 05:00 UTC"
    );
    assert_eq!(export("EST5", "2026-11-28"), n);
}

#[test]
fn an_address_that_is_not_an_lrs_stops_the_sync_at_once_with_one_plain_line() {
    let here = class_computer();
    for answer in [
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 22\r\nConnection: close\r\n\r\n<h1>404 Not Found</h1>",
        "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    ] {
        let (url, count) = lrs::answering(answer);
        let said = here.zhulao(&["sync", "--lrs", &url]);
        assert_eq!(said.code, 1, "{said:?}");
        assert_eq!(said.err.lines().count(), 1, "{said:?}");
        assert!(
            said.err.contains(&format!(
                "{url}statements is not an LRS's xAPI address (it answered HTTP 40"
            )) && said.err.contains("usually ends in /xAPI/"),
            "{said:?}"
        );
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(here.sent_count(), 0);
    }
}

/// Puts the learner called `name` in the group `group` (made if new), or takes them out.
fn grouped(c: &Computer, name: &str, group: &str, member: bool) {
    let mut store = c.store();
    let id = c.learner_id(name);
    let g = store.add_group(group).unwrap();
    store.set_member(&id, &g.id, member).unwrap();
}

/// Each learner's name (or number) and groups, as the roster shows them.
fn groups_of(c: &Computer) -> BTreeMap<String, Vec<String>> {
    c.store()
        .roster(true)
        .unwrap()
        .into_iter()
        .map(|e| {
            let who = e
                .learner
                .name
                .clone()
                .unwrap_or_else(|| format!("#{}", e.learner.number.unwrap()));
            (who, e.groups)
        })
        .collect()
}

/// A clock's worth of difference between two changes to the same learner's groups.
fn later() {
    let start = std::time::Instant::now();
    let t = zhulao::progress::store::format_time(time::OffsetDateTime::now_utc());
    // Times are kept to the millisecond: wait until the next one (a few at most).
    while zhulao::progress::store::format_time(time::OffsetDateTime::now_utc()) == t {
        assert!(start.elapsed() < Duration::from_secs(5));
        std::thread::yield_now();
    }
}

#[test]
fn groups_and_learners_who_never_started_travel_in_a_file_and_the_latest_change_wins() {
    let here = class_computer();
    here.store()
        .add_learner(&NewLearner::Named("张桂兰".into()))
        .unwrap();
    grouped(&here, "王秀英", "周二上午班", true);
    grouped(&here, "李建国", "周四下午班", true);
    grouped(&here, "张桂兰", "周二上午班", true);
    let there = Computer::new();
    let said = there.import(&here.export("class.jsonl"));
    assert_eq!(said.code, 0, "{said:?}");
    assert!(
        said.out.contains("the roster cards of 5 learners read"),
        "{said:?}"
    );
    assert_eq!(groups_of(&there), groups_of(&here));
    assert_eq!(groups_of(&there)["张桂兰"], vec!["周二上午班".to_string()]);

    // 王秀英 moves from Tuesday to Thursday here: the next file moves her there too.
    later();
    grouped(&here, "王秀英", "周二上午班", false);
    grouped(&here, "王秀英", "周四下午班", true);
    let file = here.export("moved.jsonl");
    let said = there.import(&file);
    assert!(
        said.out.contains("1 learners' groups changed here"),
        "{said:?}"
    );
    assert_eq!(groups_of(&there)["王秀英"], vec!["周四下午班".to_string()]);
    // Again: nothing changes.
    let said = there.import(&file);
    assert!(
        said.out.contains("0 learners' groups changed here"),
        "{said:?}"
    );
    assert_eq!(groups_of(&there), groups_of(&here));

    // A newer change on the second machine is not undone by the older file.
    later();
    grouped(&there, "李建国", "周二上午班", true);
    there.import(&file);
    assert_eq!(
        groups_of(&there)["李建国"],
        vec!["周二上午班".to_string(), "周四下午班".to_string()]
    );
}

/// The centre's LRS settings for one machine: address, key, and names shared.
fn centre_lrs(c: &Computer, url: &str, secret: &str) {
    let path = c.path("xapi.toml");
    std::fs::write(
        &path,
        format!(
            "homepage = \"https://centre.example/zhulao\"\n\n[lrs]\nurl = \"{url}\"\nkey = \"{}\"\nsecret = \"{secret}\"\nnames = true\n",
            lrs::USER
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[test]
fn two_machines_sync_to_the_centres_lrs_and_one_pulls_the_whole_centre() {
    let lrs_dir = tempfile::tempdir().unwrap();
    let ralph = lrs::Ralph::start(lrs_dir.path(), lrs::free_port());
    let url = ralph.base();

    // Machine A: the morning class on Tuesday, and a learner on its roster who never came.
    let a = class_computer();
    a.store()
        .add_learner(&NewLearner::Named("张桂兰".into()))
        .unwrap();
    grouped(&a, "王秀英", "周二上午班", true);
    grouped(&a, "张桂兰", "周二上午班", true);
    // Machine B: the Thursday class.
    let b = Computer::new();
    {
        let mut store = b.store();
        let zhao = store
            .add_learner(&NewLearner::Named("赵淑珍".into()))
            .unwrap();
        run(&mut store, &zhao, "call-family", Lang::Zh, CALL, Some(2));
        store
            .add_learner(&NewLearner::Named("孙立新".into()))
            .unwrap();
    }
    // 赵淑珍 opened help twice on B.
    ask_for_help(&b, "赵淑珍", "2026-12-03", 2);
    grouped(&b, "赵淑珍", "周四下午班", true);
    grouped(&b, "孙立新", "周四下午班", true);

    for c in [&a, &b] {
        centre_lrs(c, &url, lrs::PASS);
        let said = c.zhulao(&["sync"]);
        assert_eq!(said.code, 0, "{said:?}\n{}", ralph.log());
    }

    // A pulls: B's learners, answers and groups arrive; A's own are found already there.
    let said = a.zhulao(&["sync", "--pull"]);
    assert_eq!(said.code, 0, "{said:?}\n{}", ralph.log());
    let b_statements = b.events().len() + 2;
    assert!(
        said.out
            .contains(&format!("Brought {b_statements} statements from")),
        "{said:?}"
    );
    for (id, event) in b.events() {
        assert_eq!(a.events().get(&id), Some(&event));
    }
    let groups = groups_of(&a);
    assert_eq!(groups["赵淑珍"], vec!["周四下午班".to_string()]);
    assert_eq!(
        groups["孙立新"],
        vec!["周四下午班".to_string()],
        "never started"
    );
    assert_eq!(groups["王秀英"], vec!["周二上午班".to_string()]);
    let progress = a.progress();
    let zhao = a.learner_id("赵淑珍");
    assert_eq!(progress[&zhao], b.progress()[&zhao]);
    // B's help requests count on A, and the day they were made is a day 赵淑珍 came.
    assert_eq!(a.help_requests(), b.help_requests());
    let zhao_figures = &a.help_and_attendance()["赵淑珍"];
    assert_eq!(zhao_figures.0, 2, "求助次数 of 赵淑珍 on A");
    assert!(zhao_figures.1.contains(&"2026-12-03".to_string()));

    // The class view's data and the report on A show the whole centre.
    let class = a.store().roster(false).unwrap();
    assert!(
        class
            .iter()
            .any(|e| e.learner.name.as_deref() == Some("赵淑珍"))
    );
    let report = a.path("centre.csv");
    let said = a.zhulao(&["report", "--csv", report.to_str().unwrap()]);
    assert_eq!(said.code, 0, "{said:?}");
    let csv = std::fs::read_to_string(&report).unwrap();
    for who in ["王秀英", "赵淑珍", "周二上午班", "周四下午班"] {
        assert!(csv.contains(who), "{who} in {csv}");
    }

    // A second pull adds nothing; a sync after it sends nothing back.
    let before = (a.events(), groups_of(&a), a.help_requests());
    let said = a.zhulao(&["sync", "--pull"]);
    assert_eq!(said.code, 0, "{said:?}");
    assert!(said.out.contains("Brought 0 statements"), "{said:?}");
    assert_eq!((a.events(), groups_of(&a), a.help_requests()), before);
    let held = ralph.statements().len();
    let said = a.zhulao(&["sync"]);
    assert!(said.out.contains("Sent 0 statements"), "{said:?}");
    assert_eq!(ralph.statements().len(), held);
    // B's help requests went to the LRS once each, as statements that asked about the step.
    let said = b.zhulao(&["sync"]);
    assert!(said.out.contains("Sent 0 statements"), "{said:?}");
    let asked = ralph
        .statements()
        .iter()
        .filter(|s| s["verb"]["id"] == zhulao::records::xapi::statement::VERB_ASKED)
        .count();
    assert_eq!(asked, 2);

    // The same LRS written another way (localhost, no trailing slash) is the same LRS.
    let other_way = url
        .replace("127.0.0.1", "localhost")
        .trim_end_matches('/')
        .to_string();
    let env = [
        ("ZHULAO_LRS_KEY", lrs::USER),
        ("ZHULAO_LRS_SECRET", lrs::PASS),
    ];
    let said = a.zhulao_with(&["sync", "--lrs", &other_way], &env);
    assert!(said.out.contains("Sent 0 statements"), "{said:?}");

    // With nothing to send, a wrong secret is still found.
    centre_lrs(&a, &url, "not-the-secret");
    let said = a.zhulao(&["sync"]);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(
        said.err.contains("refused the key and secret (HTTP 401)"),
        "{said:?}"
    );
}

#[test]
fn statements_name_their_activities_and_a_finished_lesson_says_how_long_it_took() {
    let here = Computer::new();
    {
        let mut store = here.store();
        let wang = store
            .add_learner(&NewLearner::Named("王秀英".into()))
            .unwrap();
        let steps: &[(&str, StepKind, Option<Outcome>, &str)] = &[
            ("welcome", StepKind::Read, None, ""),
            ("pin", StepKind::Digits, Some(Outcome::Correct), "******"),
            (
                "three-buttons",
                StepKind::Choice,
                Some(Outcome::Correct),
                "back",
            ),
        ];
        run(
            &mut store,
            &wang,
            "back-home-lock",
            Lang::Zh,
            steps,
            Some(3),
        );
    }
    let file = here.export("named.jsonl");
    let statements: Vec<Value> = event_lines(&file)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let choice = statements
        .iter()
        .find(|s| {
            s["object"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/step/three-buttons")
        })
        .unwrap();
    let d = &choice["object"]["definition"];
    assert_eq!(
        d["type"],
        "http://adlnet.gov/expapi/activities/cmi.interaction"
    );
    assert_eq!(d["interactionType"], "choice");
    assert!(
        d["name"]["zh-CN"].as_str().is_some_and(|n| !n.is_empty()),
        "{d}"
    );
    assert!(
        d["name"]["en-US"].as_str().is_some_and(|n| !n.is_empty()),
        "{d}"
    );
    let choices = d["choices"].as_array().unwrap();
    assert!(choices.len() >= 2, "{d}");
    assert!(
        choices
            .iter()
            .all(|c| c["description"]["zh-CN"].is_string())
    );
    let lesson = &choice["context"]["contextActivities"]["parent"][0]["definition"];
    assert_eq!(lesson["type"], "http://adlnet.gov/expapi/activities/lesson");
    assert!(lesson["name"]["zh-CN"].is_string(), "{lesson}");
    let course = &choice["context"]["contextActivities"]["grouping"][0]["definition"];
    assert_eq!(course["name"]["zh-CN"], "智能手机入门");
    assert_eq!(course["name"]["en-US"], "Smartphone basics");
    let completed = statements
        .iter()
        .find(|s| s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed")
        .unwrap();
    // The run's three steps: 1.234 s + 1.751 s + 2.268 s.
    assert_eq!(completed["result"]["duration"], "PT5.253S");
    let (valid, said) = xapi::validate(&file);
    assert!(valid, "{said}");
}
