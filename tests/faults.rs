//! Faults and hostile use, end to end: the real binary in pseudo-terminals. Signals give the
//! terminal back; `kill -9` at random moments loses no answer that was shown as saved; several
//! processes share one database without losing or doubling anything; a long paste is read at
//! once; an absurd window size and a lock held by another program are survived. Every wait is
//! bounded.
#![cfg(unix)]

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{self, Session};
use nix::sys::signal::Signal;
use zhulao::content::Source;
use zhulao::progress::{Outcome, Progress, Store, Verb};

fn start(data: &Path) -> Session {
    common::start_app(data, 80, 24, &[], &[])
}

/// The restore sequences every ending must send: mouse off, main screen, cursor shown.
fn assert_terminal_given_back(s: &mut Session, how: &str) {
    s.wait_closed();
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let tail = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
    for restore in ["\x1b[?1000l", "\x1b[?1049l", "\x1b[?25h"] {
        assert!(tail.contains(restore), "{how}: {restore:?} missing");
    }
    assert!(s.is_cooked(), "{how}: the terminal is back in cooked mode");
}

#[test]
fn term_hup_and_quit_end_the_app_and_give_the_terminal_back() {
    for signal in [Signal::SIGTERM, Signal::SIGHUP, Signal::SIGQUIT] {
        let data = tempfile::tempdir().unwrap();
        let mut s = start(data.path());
        common::open_test_lesson(&mut s);
        s.key("\r", "第 2 步 / 共 7 步"); // one answer saved
        s.signal(signal);
        let status = s.wait_status();
        assert_eq!(
            (status.exit_code(), status.signal()),
            (128 + signal as u32, None),
            "{signal}: a clean exit with the shell's code for it, not a kill"
        );
        assert_terminal_given_back(&mut s, signal.as_str());
        let store = Store::open(data.path()).unwrap();
        assert_eq!(store.event_count().unwrap(), 2, "{signal}: nothing lost");
    }
}

#[test]
fn sigint_means_what_ctrl_c_means_a_question_first() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("开始学习");
    s.signal(Signal::SIGINT);
    s.wait_for("要退出吗");
    s.send("2"); // no, keep learning
    s.wait_for("开始学习");
    s.signal(Signal::SIGINT);
    s.wait_for("要退出吗");
    s.send("1");
    assert!(s.wait_exit());
    assert_terminal_given_back(&mut s, "SIGINT then yes");
}

/// What the fixture lesson's steps take: the right keys and, where there is one, a wrong one.
/// Choices and order items are shuffled in each run: their keys are read off the screen.
fn keys_for(s: &Session, step: usize, right: bool) -> Vec<String> {
    let k = |keys: &[&str]| keys.iter().map(|s| s.to_string()).collect();
    if s.text().contains("银行和警察都不会要验证码") {
        // The choice was answered and its "why" is showing: Enter goes on.
        return k(&["\r"]);
    }
    match (step, right) {
        (1, _) | (7, _) => k(&["\r"]),
        (2, true) => k(&["3"]),
        (2, false) => k(&["1"]),
        (3, true) => vec![s.number_of("不告诉，挂电话"), "\r".into()],
        (3, false) => vec![s.number_of("告诉他")],
        (4, _) => {
            let mut keys: Vec<String> = ["打开电话", "找到家人", "点拨打"]
                .iter()
                .map(|label| s.number_of(label))
                .collect();
            if !right {
                keys.reverse();
            }
            keys
        }
        (5, true) => k(&["2", "0", "0", "\r"]),
        (5, false) => k(&["1", "\r"]),
        (6, true) => k(&["2"]),
        (6, false) => k(&["3"]),
        _ => vec![],
    }
}

/// The step number in the header ("第 3 步 / 共 7 步"), once the screen shows one.
fn shown_step(s: &Session) -> Option<usize> {
    let text = s.text();
    let at = text.find(" 步 / 共 7 步")?;
    let before = &text[..at];
    let digits = before.rsplit("第 ").next()?;
    digits.trim().parse().ok()
}

/// Waits until the screen shows something other than `was` (a step number or the end).
fn wait_change(s: &Session, was: Option<usize>, feedback: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < pty::WAIT {
        if shown_step(s) != was || s.text().contains("得到星星") || s.text().contains(feedback)
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Waits until the screen differs from `before` and has stopped changing: the answer's result
/// is on screen, not a word left over from the answer before.
fn wait_new_screen(s: &Session, before: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < pty::WAIT {
        let now = s.text();
        if now != before {
            std::thread::sleep(Duration::from_millis(15));
            if s.text() == now {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn kill_9_at_random_moments_loses_no_answer_shown_as_saved() {
    let data = tempfile::tempdir().unwrap();
    let lesson = {
        let (packs, _) = Source::directory(&common::fixture_dir()).unwrap().load();
        packs[0].lessons[0].clone()
    };
    let mut rng = common::rng::Rng::new(0x00c0_ffee);
    let mut rand = move |n: u64| rng.below(n);
    let mut completions_seen = 0;
    for round in 0..24 {
        let mut s = start(data.path());
        s.wait_for("开始学习");
        if round == 0 {
            s.key("1", "新学员：用编号");
            s.key("2", "练习课");
        } else {
            s.key("1", "学员 1");
            s.key("4", "练习课");
        }
        s.key("1", "每种练习");
        s.send_raw("1");
        // The lesson (or, if its last step was saved but not its finish, lesson complete): the
        // list before it shows "第 7 步 / 共 7 步" too, so wait for the lesson's own header.
        s.wait_for("练习课 › 每种练习");
        std::thread::sleep(Duration::from_millis(20));
        // Answers whose next screen was seen: saved for sure.
        let mut saved_step = shown_step(&s).unwrap_or(1);
        let answers = rand(8) + 1;
        for n in 0..=answers {
            if s.text().contains("得到星星") {
                completions_seen += 1;
                s.send_raw("2"); // again
                s.wait_for("第 1 步 / 共 7 步");
                saved_step = 1;
            }
            let step = shown_step(&s).unwrap_or(1);
            let before = s.text();
            // A third wrong answer would leave the screen as it was: answer right instead.
            let right = rand(3) != 0 || before.contains("还不太对");
            let keys = keys_for(&s, step, right);
            let last = n == answers;
            if std::env::var_os("FAULTS_DEBUG").is_some() {
                eprintln!(
                    "round {round} answer {n}: step {step} right {right} keys {keys:?} last {last}"
                );
            }
            for key in &keys {
                s.send_raw(key);
                if last {
                    // The random moment: somewhere in the middle of an answer being saved.
                    std::thread::sleep(Duration::from_micros(rand(3000)));
                } else {
                    std::thread::sleep(Duration::from_millis(3));
                }
            }
            if last {
                s.signal(Signal::SIGKILL);
                break;
            }
            assert!(wait_new_screen(&s, &before), "{}", s.text());
            saved_step = shown_step(&s).unwrap_or(saved_step);
        }
        let _ = s.wait_status();
        // Every answer shown as saved is in the file, and the file is sound.
        let store = Store::open(data.path()).unwrap();
        assert!(store.integrity_check().unwrap().is_empty(), "round {round}");
        let learner = store.learners().unwrap()[0].clone();
        let events = store.events_for(&learner.id).unwrap();
        let progress = Progress::from_events(&events);
        let p = progress.lesson("demo", "all-kinds");
        assert!(
            p.completions >= completions_seen,
            "round {round}: {} completions saved, {completions_seen} shown",
            p.completions
        );
        completions_seen = p.completions;
        if let Some(resume) = p.resume_step(&lesson) {
            assert!(
                resume + 1 >= saved_step,
                "round {round}: the screen showed step {saved_step}, the record resumes at {}",
                resume + 1
            );
        }
    }
    // Attempt numbers went on counting across every restart: in each run, a step's answers are
    // numbered 1, 2, 3 … with no number repeated.
    let store = Store::open(data.path()).unwrap();
    let learner = store.learners().unwrap()[0].clone();
    let mut attempts: std::collections::HashMap<(String, String), Vec<u32>> = Default::default();
    for e in store.events_for(&learner.id).unwrap() {
        if let (Verb::Answered, Some(step)) = (e.verb, e.step) {
            attempts
                .entry((e.registration.clone(), step.step_id.clone()))
                .or_default()
                .push(step.attempt);
            let _ = Outcome::Correct;
        }
    }
    assert!(!attempts.is_empty());
    for ((_, step), numbers) in attempts {
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, expected, "attempts at {step}");
    }
}

#[test]
fn three_processes_recording_at_once_lose_and_double_nothing() {
    let data = tempfile::tempdir().unwrap();
    Store::open(data.path()).unwrap();
    let mut sessions: Vec<Session> = (0..3).map(|_| start(data.path())).collect();
    for s in &mut sessions {
        s.wait_for("开始学习");
        s.key("1", "新学员：用编号");
        s.key("2", "练习课");
        s.key("1", "每种练习");
    }
    for s in &mut sessions {
        s.send_raw("1");
    }
    for s in &mut sessions {
        s.wait_for("第 1 步 / 共 7 步");
    }
    // Twice through the lesson, each step answered by all three as close together as possible.
    for _round in 0..2 {
        for step in 1..=7 {
            for s in &mut sessions {
                assert_eq!(shown_step(s), Some(step), "{}", s.text());
            }
            // Each window shows its own order of choices: each gets its own keys.
            let keys: Vec<Vec<String>> = sessions.iter().map(|s| keys_for(s, step, true)).collect();
            for n in 0..keys[0].len() {
                for (s, keys) in sessions.iter_mut().zip(&keys) {
                    s.send_raw(&keys[n]);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            for s in &mut sessions {
                assert!(wait_change(s, Some(step), "得到星星"), "{}", s.text());
            }
        }
        for s in &mut sessions {
            s.wait_for("得到星星");
            s.send_raw("2");
            s.wait_for("第 1 步 / 共 7 步");
        }
    }
    drop(sessions);
    let store = Store::open(data.path()).unwrap();
    let learners = store.learners().unwrap();
    assert_eq!(learners.len(), 3);
    for l in &learners {
        let events = store.events_for(&l.id).unwrap();
        // Per run: attempted, 7 steps, completed; then the third run's start.
        assert_eq!(events.len(), 2 * 9 + 1, "{}: {events:#?}", l.id);
        let completed = events.iter().filter(|e| e.verb == Verb::Completed).count();
        assert_eq!(completed, 2);
    }
}

#[test]
fn two_terminals_adding_the_same_name_at_once_make_one_learner() {
    let data = tempfile::tempdir().unwrap();
    Store::open(data.path()).unwrap();
    let mut a = start(data.path());
    let mut b = start(data.path());
    for s in [&mut a, &mut b] {
        s.wait_for("开始学习");
        s.key("1", "新学员：输入名字");
        s.key("1", "请输入名字");
        s.send_raw("王秀英");
        s.wait_for("王秀英_");
    }
    a.send_raw("\r");
    b.send_raw("\r");
    a.wait_for("王秀英 › 选一门课");
    b.wait_for("王秀英 › 选一门课");
    drop((a, b));
    let store = Store::open(data.path()).unwrap();
    assert_eq!(store.learners().unwrap().len(), 1, "one learner, not two");
}

#[test]
fn a_long_paste_and_the_enter_after_it_are_read_at_once() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("开始学习");
    s.key("1", "新学员：输入名字");
    s.key("1", "请输入名字");
    // 6 KB in one write, then Enter, and no key after it.
    s.send_raw(&format!("{}\r", "a".repeat(6000)));
    s.wait_for("aaaaaaaaaaaa › 选一门课");
}

#[test]
fn an_absurd_window_size_is_survived() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("开始学习");
    s.resize_pty_only(65535, 65535);
    // Drawn at that size (as large as zhulao draws: cursor moves far beyond column 80).
    let start = std::time::Instant::now();
    while !drew_beyond_column(&s.raw_output(), 200) {
        assert!(start.elapsed() < pty::WAIT, "no frame at the huge size");
        if !s.alive() {
            let tail = String::from_utf8_lossy(&s.raw_output())
                .chars()
                .rev()
                .take(600)
                .collect::<String>();
            panic!(
                "ended at the huge size: {:?}; output ends {:?}",
                s.wait_status(),
                tail.chars().rev().collect::<String>()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    s.resize(80, 24);
    s.wait_for("开始学习");
    s.key("1", "谁在学习");
    s.send("\x03");
    s.wait_for("要退出吗");
    s.send("1");
    assert!(s.wait_exit(), "still alive and leaving cleanly");
}

#[test]
fn a_lock_held_by_another_program_shows_saving_and_then_saves() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    common::open_test_lesson(&mut s);
    let other = rusqlite::Connection::open(data.path().join("zhulao.sqlite3")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.send_raw("\r"); // the read step's answer: it cannot be saved yet
    s.wait_for("正在保存");
    assert!(s.text().contains("第 1 步 / 共 7 步"), "nothing moved on");
    other.execute_batch("COMMIT").unwrap();
    s.wait_for("第 2 步 / 共 7 步");
    assert!(!s.text().contains("正在保存"));
}

/// Whether the program moved the cursor to a column beyond `col` (`ESC [ row ; col H`).
fn drew_beyond_column(raw: &[u8], col: u32) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b[").any(|seq| {
        let Some(end) = seq.find('H') else {
            return false;
        };
        let mut parts = seq[..end].split(';');
        let (Some(row), Some(c), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        row.parse::<u32>().is_ok() && c.parse::<u32>().is_ok_and(|c| c > col)
    })
}

/// A record stamped at the last instant of year 9999 (a clock set wrong, or an older zhulao
/// that let such a line in): east of UTC it has no local time. In China's time zone the learner
/// is picked, the class dashboard shows them and the bureau's report is written — no screen
/// and no command falls over on it.
#[test]
fn a_far_future_time_in_the_record_breaks_no_screen_in_china() {
    use zhulao::content::StepKind;
    use zhulao::progress::{NewLearner, StepAnswer};
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(data.path()).unwrap();
    let learner = store
        .add_learner(&NewLearner::Named("王秀英".into()))
        .unwrap();
    let far = "9999-12-31T23:59:59.999Z";
    let draft =
        |verb, registration, step| common::test_lesson_event(&learner.id, verb, registration, step);
    let run = store
        .record_at(&draft(Verb::Attempted, None, None), far)
        .unwrap();
    let wrong = StepAnswer {
        step_id: "open-app".into(),
        step_kind: StepKind::Tap,
        outcome: Some(Outcome::Wrong),
        attempt: 1,
        response: "wechat".into(),
        duration_ms: 2000,
        timed: zhulao::progress::Timed::SinceLast,
        shown: None,
    };
    store
        .record_at(
            &draft(Verb::Answered, Some(run.registration), Some(wrong)),
            far,
        )
        .unwrap();
    store
        .set_pin_hash(&zhulao::pin::hash("24681012").unwrap())
        .unwrap();
    drop(store);
    let china = [("TZ", "Asia/Shanghai")];

    // The learner picks their name: their review schedule is worked out from that time.
    let mut s = common::start_app(data.path(), 80, 24, &[], &china);
    s.wait_for("开始学习");
    s.key("1", "谁在学习");
    s.key(&s.number_of("王秀英"), "选一门课");
    s.back_to("开始学习", 4);
    // The teacher's dashboard shows when the learner was last here.
    s.key("\x1bOQ", "请输入老师密码");
    s.send_raw("24681012\r");
    s.wait_for("全班进度");
    s.key("1", "王秀英");
    s.probe("the dashboard");
    // The report for the bureau, in the same time zone.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data.path())
        .args(["report", "--csv"])
        .arg(data.path().join("report.csv"))
        .envs(china)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.signal(Signal::SIGTERM);
    assert_eq!(s.wait_status().exit_code(), 128 + 15);
}

/// Twelve teacher windows with a wrong PIN typed, Enter pressed in all at once: one PIN check
/// between them — the rest are told to wait — not twelve (which would be twelve guesses for the
/// price of one wait).
#[test]
fn windows_pressing_enter_together_get_one_pin_check_between_them() {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(data.path()).unwrap();
    store
        .set_pin_hash(&zhulao::pin::hash("24681012").unwrap())
        .unwrap();
    drop(store);
    let mut windows: Vec<Session> = (0..12)
        .map(|_| common::start_app(data.path(), 80, 24, &["--instructor"], &[]))
        .collect();
    for w in &mut windows {
        w.wait_for("请输入老师密码");
        w.send_raw("13579");
        w.wait_for("*****_");
    }
    for w in &mut windows {
        w.send_raw("0\r");
    }
    let mut checked = 0;
    for w in &windows {
        if w.wait_for_any(&["密码不对", "再试"]) == 0 {
            checked += 1;
        }
    }
    assert_eq!(checked, 1, "one check for twelve windows");
    let state = Store::open(data.path()).unwrap().pin_state().unwrap();
    assert_eq!(state.failures, 1, "one wrong try counted");
}
