//! The instructor's side, as stories on a real store: the PIN (only a hash kept, waits that grow,
//! a lock that survives a restart, `pin reset`), the class dashboard, one learner's detail, the
//! trouble spots, the roster and its import — with a seeded class of thirty — and snapshots of
//! those screens at 80×24, 40×12 and 120×40, in both languages.

use crate::common;

use common::Harness;
use zhulao::app::Action;
use zhulao::lang::Lang;
use zhulao::pin::Checked;
use zhulao::progress::store::class::Filter;
use zhulao::progress::store::instructor::MAX_FAILURES;
use zhulao::progress::{EventDraft, Learner, NewLearner, Outcome, StepAnswer, Store, Verb};
use zhulao::screens::instructor::home;

const NAMES: [&str; 30] = [
    "王秀英",
    "李桂兰",
    "张淑珍",
    "刘玉兰",
    "陈秀兰",
    "杨桂英",
    "赵淑英",
    "黄玉珍",
    "周秀珍",
    "吴桂珍",
    "徐玉英",
    "孙秀梅",
    "胡桂芳",
    "朱玉梅",
    "高淑兰",
    "林秀芳",
    "何桂香",
    "郭玉芳",
    "马秀云",
    "罗桂花",
    "梁玉华",
    "宋秀华",
    "郑桂云",
    "谢玉兰",
    "韩秀荣",
    "唐桂荣",
    "冯玉荣",
    "于秀凤",
    "董桂凤",
    "萧建国",
];

fn step(
    id: &str,
    kind: zhulao::content::StepKind,
    outcome: Option<Outcome>,
    attempt: u32,
    response: &str,
) -> StepAnswer {
    StepAnswer {
        step_id: id.into(),
        step_kind: kind,
        outcome,
        attempt,
        response: response.into(),
        duration_ms: 40_000,
        timed: zhulao::progress::Timed::SinceLast,
        shown: None,
    }
}

fn answer(store: &mut Store, learner: &Learner, run: &str, at: &str, step: StepAnswer) {
    store
        .record_at(
            &EventDraft {
                verb: if step.outcome.is_some() {
                    Verb::Answered
                } else {
                    Verb::Experienced
                },
                learner_id: learner.id.clone(),
                registration: Some(run.to_string()),
                pack_id: "demo".into(),
                lesson_id: "all-kinds".into(),
                step: Some(step),
                stars: None,
                lang: Lang::Zh,
            },
            at,
        )
        .unwrap();
}

/// Thirty learners with seats, two groups (周二上午班 seats 1–15, 周四下午班 16–30, and seat 15
/// in both), and a morning's work on the test lesson: some finish, some need help at
/// "open-app" (tapping 微信 instead of 微信读书) and "safe-code".
fn seed_class(store: &mut Store) -> Vec<Learner> {
    use zhulao::content::StepKind::{Choice, Read, Tap};
    let tue = store.add_group("周二上午班").unwrap();
    let thu = store.add_group("周四下午班").unwrap();
    let mut learners = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let mut l = store
            .add_learner(&NewLearner::Named(name.to_string()))
            .unwrap();
        let seat = i as u32 + 1;
        store.set_seat(&l.id, Some(seat)).unwrap();
        l.seat = Some(seat);
        if seat <= 15 {
            store.set_member(&l.id, &tue.id, true).unwrap();
        }
        if seat >= 15 {
            store.set_member(&l.id, &thu.id, true).unwrap();
        }
        let t = |m: u32| {
            format!(
                "2026-11-02T0{}:{:02}:00.000Z",
                1 + (i / 10),
                m + (i as u32 % 10) * 5
            )
        };
        let start = store
            .record_at(
                &EventDraft {
                    verb: Verb::Attempted,
                    learner_id: l.id.clone(),
                    registration: None,
                    pack_id: "demo".into(),
                    lesson_id: "all-kinds".into(),
                    step: None,
                    stars: None,
                    lang: Lang::Zh,
                },
                &t(0),
            )
            .unwrap();
        let run = start.registration.clone();
        answer(store, &l, &run, &t(1), step("intro", Read, None, 1, ""));
        let wrong = match i % 4 {
            0 => 0,
            1 => 1,
            _ => 2,
        };
        for a in 0..wrong {
            let tapped = if a == 0 { "wechat" } else { "phone" };
            answer(
                store,
                &l,
                &run,
                &t(2),
                step("open-app", Tap, Some(Outcome::Wrong), a + 1, tapped),
            );
        }
        answer(
            store,
            &l,
            &run,
            &t(3),
            step("open-app", Tap, Some(Outcome::Correct), wrong + 1, "weread"),
        );
        if i % 3 == 0 {
            answer(
                store,
                &l,
                &run,
                &t(3),
                step("safe-code", Choice, Some(Outcome::Wrong), 1, "give"),
            );
        }
        learners.push(l);
    }
    learners
}

fn class_harness(lang: Lang) -> Harness {
    let mut h = Harness::fixture(lang);
    seed_class(&mut h.io.store);
    // The next morning: the class recorded yesterday, nobody is answering now.
    h.set_time(time::macros::datetime!(2026-11-03 09:00 +8));
    h
}

use common::sign_in_as_teacher;

#[test]
fn the_first_teacher_sets_a_pin_and_only_its_argon2id_hash_is_kept() {
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Instructor);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("还没有老师密码"), "{screen}");
    // Too short first: said plainly.
    h.acts(&[Action::Digit(1), Action::Digit(2), Action::Confirm]);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("6 到 12 位"), "{screen}");
    sign_in_as_teacher(&mut h);
    let state = h.io.store.pin_state().unwrap();
    let hash = state.hash.unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains("246810"));
    // Leaving teacher mode and coming back asks for the PIN; Esc takes a learner back.
    h.act(Action::Select(home::LEAVE));
    h.act(Action::Instructor);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("请输入老师密码"), "{screen}");
    h.act(Action::Back);
    assert!(h.app.overlays().is_empty());
    assert_eq!(h.screen(), "Welcome");
}

#[test]
fn a_wrong_pin_makes_the_next_try_wait_longer_and_ten_lock_it_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .set_pin_hash(&zhulao::pin::hash("135790").unwrap())
        .unwrap();
    assert_eq!(
        zhulao::pin::check(&mut store, "135791", time::OffsetDateTime::now_utc()).unwrap(),
        Checked::Wrong {
            wait_seconds: 1,
            tries_left: 9
        }
    );
    assert!(
        matches!(
            zhulao::pin::check(&mut store, "135790", time::OffsetDateTime::now_utc()).unwrap(),
            Checked::TooSoon { .. }
        ),
        "even the right PIN waits its turn"
    );
    assert_eq!(
        store.pin_state().unwrap().failures,
        1,
        "a try too soon is not counted"
    );
    // The waits grow: 1, 2, 4 … seconds, at most a minute.
    let waits: Vec<i64> = (1..=8)
        .map(|n| zhulao::progress::store::instructor::delay_after(n).whole_seconds())
        .collect();
    assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    let mut now = time::OffsetDateTime::now_utc();
    for _ in 1..MAX_FAILURES {
        now += time::Duration::minutes(2);
        store.pin_failed(now).unwrap();
    }
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert!(
        store.pin_state().unwrap().locked(),
        "the count is in the database"
    );
    assert_eq!(
        zhulao::pin::check(&mut store, "135790", time::OffsetDateTime::now_utc()).unwrap(),
        Checked::Locked
    );
    drop(store);
    // The documented way back: `zhulao pin reset` on the machine itself.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir.path())
        .args(["pin", "reset"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        zhulao::pin::check(&mut store, "135790", time::OffsetDateTime::now_utc()).unwrap(),
        Checked::NotSet
    );
}

#[test]
fn pin_set_from_the_shell_takes_the_pin_twice() {
    let dir = tempfile::tempdir().unwrap();
    let run = |input: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .arg("--data")
            .arg(dir.path())
            .args(["pin", "set"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    // From a script the PIN comes on standard input, one line each time.
    assert!(
        !run("123456\n654321\n").status.success(),
        "two different PINs"
    );
    assert!(run("11223344\n11223344\n").status.success());
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        zhulao::pin::check(&mut store, "11223344", time::OffsetDateTime::now_utc()).unwrap(),
        Checked::Right
    );
}

#[test]
fn the_dashboard_shows_each_learner_and_filters_by_group() {
    let mut h = class_harness(Lang::Zh);
    let rows = h.io.store.class(None, "2026-11-29T00:00:00.000Z").unwrap();
    assert_eq!(rows.len(), 30);
    let names: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.learner.name.as_deref())
        .collect();
    let mut in_order = names.clone();
    in_order.sort_by(|a, b| zhulao::progress::name_order::compare_names(a, b));
    assert_eq!(names, in_order, "in pinyin order");
    let tue = h.io.store.groups().unwrap()[0].clone();
    let tuesday =
        h.io.store
            .class(Some(&tue.id), "2026-11-29T00:00:00.000Z")
            .unwrap();
    assert_eq!(tuesday.len(), 15);
    assert!(
        rows.iter()
            .all(|r| r.time_ms > 0 && r.last_active.is_some())
    );
    assert!(rows.iter().all(|r| r.stuck.is_none()), "nothing recent");
    // Soon after a wrong answer, the learner is stuck on that step.
    let stuck = h.io.store.class(None, "2026-11-02T01:10:00.000Z").unwrap();
    let seat_1 = stuck.iter().find(|r| r.learner.seat == Some(1)).unwrap();
    let s = seat_1
        .stuck
        .as_ref()
        .expect("seat 1 answered safe-code wrong last");
    assert_eq!((s.step_id.as_str(), s.wrong), ("safe-code", 1));
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    assert_eq!(h.screen(), "Class");
    let (screen, _) = h.render(100, 30);
    assert!(
        screen.contains("王秀英") && screen.contains("全部学员"),
        "{screen}"
    );
    h.act(Action::Letter('g'));
    let (screen, _) = h.render(100, 30);
    assert!(screen.contains("周二上午班"), "{screen}");
    assert!(
        !screen.contains("萧建国"),
        "seat 30 is not in the Tuesday group:\n{screen}"
    );
    // Enter opens the highlighted learner.
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "Detail");
    let (screen, _) = h.render(80, 24);
    let first = tuesday[0].learner.name.clone().unwrap();
    assert!(
        screen.contains(&first) && screen.contains("每种练习"),
        "{screen}"
    );
}

#[test]
fn the_dashboard_reloads_only_when_another_window_recorded_something() {
    let mut h = class_harness(Lang::Zh);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    let before = format!("{:?}", h.app.screen);
    h.act(Action::Tick);
    assert_eq!(
        format!("{:?}", h.app.screen),
        before,
        "nothing new, nothing reloaded"
    );
    // Another process (another connection) records an answer: the next tick shows it.
    let mut other = Store::open(h.dir.path()).unwrap();
    let newcomer = other
        .add_learner(&NewLearner::Named("新来的".into()))
        .unwrap();
    let _ = newcomer;
    h.act(Action::Tick);
    let zhulao::screens::Screen::Class(class) = &h.app.screen else {
        panic!("on {}", h.screen())
    };
    assert_eq!(class.rows.len(), 31);
    assert!(
        class
            .rows
            .iter()
            .any(|r| r.learner.name.as_deref() == Some("新来的"))
    );
}

#[test]
fn trouble_spots_show_who_needed_help_and_what_they_answered() {
    let mut h = class_harness(Lang::Zh);
    let spots = h.io.store.trouble_spots(&Filter::default()).unwrap();
    // Everyone who answered "safe-code" got it wrong first: the worst share comes first.
    assert_eq!(spots[0].step_id, "safe-code");
    assert_eq!(
        (spots[0].learners, spots[0].hint, spots[0].pointer),
        (10, 10, 0)
    );
    let top = &spots[1];
    assert_eq!(top.step_id, "open-app");
    // i % 4: 0 → no help; 1 → hint; 2, 3 → hint and pointer.
    assert_eq!((top.learners, top.hint, top.pointer), (30, 22, 14));
    assert_eq!(top.wrong_answers[0], ("wechat".to_string(), 22));
    let tue = h.io.store.groups().unwrap()[0].clone();
    let tuesday =
        h.io.store
            .trouble_spots(&Filter {
                group: Some(tue.id),
                ..Filter::default()
            })
            .unwrap();
    assert_eq!(tuesday[1].learners, 15);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::TROUBLE));
    h.act(Action::Letter('d')).act(Action::Letter('d')); // a week → a month → all time
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("22/30 人要看提示（73%）"), "{screen}");
    assert!(
        screen.contains("“微信” ×22"),
        "the label the learner saw:\n{screen}"
    );
}

#[test]
fn the_roster_renames_archives_restores_seats_and_groups_a_learner() {
    let mut h = class_harness(Lang::Zh);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::ROSTER));
    assert_eq!(h.screen(), "Roster");
    h.act(Action::Select(0)); // 王秀英, seat 1
    assert_eq!(h.screen(), "EditLearner");
    // Rename to a name another learner has: refused and said.
    h.act(Action::Select(zhulao::screens::instructor::edit::RENAME));
    for c in "李桂兰".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("已经有学员叫“李桂兰”了"), "{screen}");
    h.acts(&[Action::Delete, Action::Delete, Action::Delete]);
    for c in "王秀英姐".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "EditLearner");
    // A seat someone has is refused; a free one is kept.
    h.act(Action::Select(zhulao::screens::instructor::edit::SEAT));
    h.acts(&[Action::Digit(2), Action::Confirm]);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("座位 2 已经是 李桂兰 的了"), "{screen}");
    h.acts(&[
        Action::Delete,
        Action::Digit(4),
        Action::Digit(0),
        Action::Confirm,
    ]);
    // Into a new group, then archived: out of the learner list, records kept; then restored.
    h.act(Action::Select(zhulao::screens::instructor::edit::GROUPS));
    h.act(Action::Select(2)); // + new group
    for c in "书法班".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm).act(Action::Back);
    h.act(Action::Select(zhulao::screens::instructor::edit::ARCHIVE));
    let roster = h.io.store.roster(true).unwrap();
    let me = roster
        .iter()
        .find(|e| e.learner.name.as_deref() == Some("王秀英姐"))
        .unwrap();
    assert_eq!(me.learner.seat, Some(40));
    assert!(me.groups.contains(&"书法班".to_string()));
    assert!(me.archived);
    assert!(
        h.io.store
            .learners()
            .unwrap()
            .iter()
            .all(|l| l.id != me.learner.id),
        "not on the who-is-learning list"
    );
    assert!(
        !h.io.store.events_for(&me.learner.id).unwrap().is_empty(),
        "records kept"
    );
    h.act(Action::Select(zhulao::screens::instructor::edit::ARCHIVE)); // restore
    assert!(
        !h.io
            .store
            .roster(false)
            .unwrap()
            .iter()
            .all(|e| e.learner.id != me.learner.id)
    );
}

#[test]
fn a_roster_file_is_imported_line_by_line_and_a_second_import_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("名单.csv");
    std::fs::write(
        &csv,
        "\u{feff}姓名,班级,座位号\r\n王秀英,周二上午班,1\r\n李桂兰,周二上午班,2\r\n,周二上午班,3\r\n张淑珍,周四下午班,abc\r\n刘玉兰,周四下午班,2\r\n一二三四五六七八九十一二三四五六七,,\r\n王秀英 ,周四下午班,\r\n=1+2,周二上午班,9\r\n",
    )
    .unwrap();
    let import = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .arg("--data")
            .arg(dir.path())
            .args(["roster", "import"])
            .arg(&csv)
            .output()
            .unwrap()
    };
    let out = import();
    let report = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some lines had problems:\n{report}"
    );
    assert_eq!(lines[0], "第 2 行：王秀英 已加入，在 周二上午班，座位 1");
    assert_eq!(lines[2], "第 4 行： 有问题：没有名字");
    assert_eq!(
        lines[3],
        "第 5 行：张淑珍 有问题：座位号“abc”不是大于 0 的数字"
    );
    assert_eq!(
        lines[4],
        "第 6 行：刘玉兰 有问题：座位 2 已经是 李桂兰 的了"
    );
    assert!(
        lines[5].ends_with(&format!(
            "有问题：名字超过 {} 个字",
            zhulao::progress::MAX_NAME_CHARS
        )),
        "{}",
        lines[5]
    );
    assert_eq!(
        lines[6],
        "第 8 行：王秀英 已在名单上，没有再加；已把 王秀英 加进 周四下午班（如果是另一位同名的学员，请把名字写得有区别再导入）"
    );
    assert_eq!(lines[7], "第 9 行：=1+2 已加入，在 周二上午班，座位 9");
    assert_eq!(lines[8], "加入 3 人，已在名单上 1 人，有问题 4 行。");
    let store = Store::open(dir.path()).unwrap();
    let roster = store.roster(false).unwrap();
    assert_eq!(roster.len(), 3);
    let wang = roster.iter().find(|e| e.learner.seat == Some(1)).unwrap();
    assert_eq!(wang.groups, ["周二上午班", "周四下午班"]);
    drop(store);
    let again = String::from_utf8_lossy(&import().stdout).into_owned();
    assert!(
        again.ends_with("加入 0 人，已在名单上 4 人，有问题 4 行。\n"),
        "{again}"
    );
}

/// The instructor's screens with the seeded class, at three sizes and in both languages.
fn snap(name: &str, h: &Harness) {
    let sizes = [(80, 24), (40, 12), (120, 40)];
    for (suffix, text) in common::in_each_language(&h.app, &h.io.lib, &sizes) {
        insta::assert_snapshot!(format!("{name}_{suffix}"), text);
    }
}

#[test]
fn snapshots_of_the_instructors_screens() {
    let mut h = class_harness(Lang::Zh);
    sign_in_as_teacher(&mut h);
    snap("teacher_home", &h);
    h.act(Action::Select(home::CLASS));
    snap("teacher_class", &h);
    // 冯玉荣, who tapped the wrong app twice.
    h.act(Action::Down).act(Action::Down).act(Action::Confirm);
    snap("teacher_detail", &h);
    h.act(Action::Back)
        .act(Action::Back)
        .act(Action::Select(home::TROUBLE));
    // It opens on all time.
    snap("teacher_trouble", &h);
    h.act(Action::Back).act(Action::Select(home::ROSTER));
    snap("teacher_roster", &h);
    let mut h = Harness::fixture(Lang::Zh);
    h.act(Action::Instructor);
    snap("teacher_pin_new", &h);
}

/// Two zhulao windows on one database: a learner answers in one, and the instructor's dashboard
/// in the other shows it without a key being pressed.
#[cfg(unix)]
#[test]
fn the_dashboard_in_one_window_follows_answers_given_in_another() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let mut set = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data.path())
        .args(["pin", "set"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    set.stdin
        .take()
        .unwrap()
        .write_all(b"24681012\n24681012\n")
        .unwrap();
    assert!(set.wait().unwrap().success());
    let mut learner = common::start_app(data.path(), 80, 24, &[], &[]);
    common::open_test_lesson(&mut learner);
    let mut teacher = common::start_app(data.path(), 100, 30, &["--instructor"], &[]);
    teacher.wait_for("请输入老师密码");
    teacher.send_raw("24681012\r");
    teacher.wait_for("全班进度");
    teacher.send_raw("1");
    teacher.wait_for("学员 1");
    assert!(!teacher.text().contains("卡住"), "{}", teacher.text());
    learner.key("\r", "第 2 步 / 共 7 步");
    learner.key("1", "不太对"); // a wrong tap: the learner is stuck now
    // No key is pressed in the teacher's window: it looks again by itself.
    teacher.wait_for("卡住：每种练习 第2步");
}

#[test]
fn the_teacher_writes_the_bureau_report_from_the_menu_and_is_told_where() {
    let mut h = class_harness(Lang::Zh);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::REPORT));
    assert_eq!(h.screen(), "Report");
    let zhulao::screens::Screen::Report(report) = &h.app.screen else {
        panic!("on {}", h.screen())
    };
    // The data folder is always offered, last.
    let data = report.places.as_ref().unwrap().len() - 1;
    h.act(Action::Select(data));
    let (screen, _) = h.render(100, 30);
    assert!(screen.contains("报告写好了"), "{screen}");
    let reports = h.dir.path().join("reports");
    let files: Vec<_> = std::fs::read_dir(&reports).unwrap().collect();
    assert_eq!(files.len(), 1);
    let path = files[0].as_ref().unwrap().path();
    assert_eq!(path.extension().unwrap(), "xlsx");
    assert!(screen.contains("reports"), "the path is shown:\n{screen}");
    assert!(std::fs::metadata(&path).unwrap().len() > 1000);
}

#[test]
fn records_exported_and_imported_into_an_empty_database_give_the_same_dashboard() {
    let h = class_harness(Lang::Zh);
    let file = h.dir.path().join("class.jsonl");
    let zhulao = |data: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .arg("--data")
            .arg(data)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    zhulao(h.dir.path(), &["export", "--xapi", file.to_str().unwrap()]);
    let other = tempfile::tempdir().unwrap();
    zhulao(other.path(), &["import", file.to_str().unwrap()]);
    let now = "2026-11-29T00:00:00.000Z";
    let here = h.io.store.class(None, now).unwrap();
    let there = Store::open(other.path()).unwrap().class(None, now).unwrap();
    // Groups are the centre's own and do not travel in statements; everything learned does.
    let strip = |rows: Vec<zhulao::progress::store::class::ClassRow>| {
        let mut rows: Vec<_> = rows
            .into_iter()
            .map(|mut r| {
                r.groups.clear();
                r
            })
            .collect();
        rows.sort_by(|a, b| a.learner.id.cmp(&b.learner.id));
        rows
    };
    assert_eq!(strip(there), strip(here));
    let spots = |store: &Store| store.trouble_spots(&Filter::default()).unwrap();
    assert_eq!(
        spots(&Store::open(other.path()).unwrap()),
        spots(&h.io.store)
    );
}

/// The same roster as a workbook, as a school office would send it: a header row, numbers as
/// numbers (a seat typed in Excel is a number cell, not text), a blank row, Chinese intact.
#[test]
fn a_roster_workbook_is_imported_like_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("名单.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, title) in ["姓名", "班级", "座位号"].iter().enumerate() {
        sheet.write_string(0, col as u16, *title).unwrap();
    }
    sheet.write_string(1, 0, "王秀英").unwrap();
    sheet.write_string(1, 1, "周二上午班").unwrap();
    sheet.write_number(1, 2, 1.0).unwrap();
    sheet.write_string(2, 0, "李桂兰").unwrap();
    sheet.write_string(2, 1, "周二上午班").unwrap();
    sheet.write_number(2, 2, 2.5).unwrap();
    sheet.write_string(4, 0, "=SUM(A1)").unwrap();
    sheet.write_number(4, 2, 3.0).unwrap();
    book.save(&xlsx).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir.path())
        .args(["roster", "import"])
        .arg(&xlsx)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        out.status.code(),
        Some(1),
        "one line had a problem:\n{report}"
    );
    assert_eq!(lines[0], "第 2 行：王秀英 已加入，在 周二上午班，座位 1");
    assert_eq!(
        lines[1],
        "第 3 行：李桂兰 有问题：座位号“2.5”不是大于 0 的数字"
    );
    assert_eq!(lines[2], "第 5 行：=SUM(A1) 已加入，座位 3");
    assert_eq!(lines[3], "加入 2 人，已在名单上 0 人，有问题 1 行。");
    let store = Store::open(dir.path()).unwrap();
    let roster = store.roster(false).unwrap();
    assert_eq!(roster.len(), 2);
    assert!(
        roster
            .iter()
            .any(|e| e.learner.name.as_deref() == Some("=SUM(A1)"))
    );
}

/// A minimal XLSX whose one worksheet is `sheet` (its `<sheetData>` content) and whose shared
/// strings are `strings`, written with the zip crate as a spreadsheet program would.
fn xlsx_with(path: &std::path::Path, sheet: &[u8], strings: &[&[u8]]) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts: [(&str, &[u8]); 4] = [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
    ];
    for (name, body) in parts {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    zip.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    zip.write_all(sheet).unwrap();
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.start_file("xl/sharedStrings.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).unwrap();
    for s in strings {
        zip.write_all(b"<si><t>").unwrap();
        zip.write_all(s).unwrap();
        zip.write_all(b"</t></si>").unwrap();
    }
    zip.write_all(b"</sst>").unwrap();
    zip.finish().unwrap();
}

/// `zhulao roster import FILE` with the process's memory capped at `megabytes`: what it said,
/// and whether it stayed within the cap (an allocation past it ends the process with a signal
/// or an abort, not with zhulao's own exit codes).
fn roster_import_capped(
    data: &std::path::Path,
    file: &std::path::Path,
    megabytes: u64,
) -> (i32, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" --data \"$1\" roster import \"$2\"",
            megabytes * 1024
        ))
        .arg(env!("CARGO_BIN_EXE_zhulao"))
        .arg(data)
        .arg(file)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

#[cfg(unix)]
#[test]
fn a_small_xlsx_that_would_expand_past_memory_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // One cell of 400 MiB of the same letter: a 400 KB file.
    let huge = dir.path().join("一个大格子.xlsx");
    let letters = vec![b'a'; 400 * 1024 * 1024];
    xlsx_with(
        &huge,
        br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        &[&letters],
    );
    drop(letters);
    assert!(std::fs::metadata(&huge).unwrap().len() < 10 * 1024 * 1024);
    let (code, said) = roster_import_capped(dir.path(), &huge, 600);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("too big to be a class roster"), "{said}");

    // Cells a million rows apart: a sheet that says it is a million lines long.
    let far = dir.path().join("很远的格子.xlsx");
    xlsx_with(
        &far,
        br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1000000"><c r="XFD1000000" t="s"><v>0</v></c><c r="A1000000" t="s"><v>0</v></c></row>"#,
        &[b"\xe7\x8e\x8b\xe7\xa7\x80\xe8\x8b\xb1"],
    );
    let (code, said) = roster_import_capped(dir.path(), &far, 600);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("more than 20000 lines"), "{said}");
    // Nothing was added from either.
    assert!(
        Store::open(dir.path())
            .unwrap()
            .learners()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_roster_saved_with_semicolons_is_read_by_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("名单.csv");
    std::fs::write(
        &csv,
        "姓名;班级;座位号\r\n王秀英;周二上午班;1\r\n李桂兰;周二上午班;2\r\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir.path())
        .args(["roster", "import"])
        .arg(&csv)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    let names: Vec<String> = Store::open(dir.path())
        .unwrap()
        .roster(false)
        .unwrap()
        .into_iter()
        .filter_map(|e| e.learner.name)
        .collect();
    assert_eq!(names.len(), 2, "{said}");
    assert!(names.contains(&"王秀英".to_string()) && names.contains(&"李桂兰".to_string()));
}

#[test]
fn a_file_that_is_not_a_spreadsheet_inside_is_said_so_plainly() {
    let dir = tempfile::tempdir().unwrap();
    // A CSV renamed .xlsx, and an old Excel file.
    let renamed = dir.path().join("名单.xlsx");
    std::fs::write(&renamed, "姓名,座位\n王秀英,1\n").unwrap();
    let old = dir.path().join("名单.xls");
    std::fs::write(&old, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    for (file, expect) in [
        (&renamed, "is not an Excel (XLSX) file inside"),
        (&old, "save other spreadsheets as one of these"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .arg("--data")
            .arg(dir.path())
            .args(["roster", "import"])
            .arg(file)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains(expect), "{said}");
        assert!(!said.to_lowercase().contains("zip"), "{said}");
        assert!(!said.contains("EOCD"), "{said}");
    }
}

/// Two people of one common name in a roster file: the second line would move the first
/// one's seat. It is asked about instead, and nothing of it goes in.
#[test]
fn a_second_line_with_the_same_name_and_another_seat_is_a_question_not_a_move() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("名单.csv");
    std::fs::write(
        &csv,
        "姓名,班级,座位号\n王秀英,周二上午班,1\n王秀英,周四下午班,13\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir.path())
        .args(["roster", "import"])
        .arg(&csv)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a line needs the teacher: {said}");
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines[0], "第 2 行：王秀英 已加入，在 周二上午班，座位 1");
    assert!(
        lines[1].starts_with("第 3 行：王秀英 已在名单上，座位是 1，这一行写的是 13。是另一位同名的学员吗？这一行没有改动"),
        "{said}"
    );
    let roster = Store::open(dir.path()).unwrap().roster(false).unwrap();
    assert_eq!(roster.len(), 1);
    assert_eq!(
        roster[0].learner.seat,
        Some(1),
        "seat 1 can still find herself"
    );
    assert_eq!(
        roster[0].groups,
        ["周二上午班"],
        "no group was added either"
    );
}

/// `zhulao roster import FILE` in `lang`: the exit code and what it said.
fn import_roster(
    dir: &std::path::Path,
    file: &std::path::Path,
    lang: &str,
) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(dir)
        .args(["--lang", lang, "roster", "import"])
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The bureau report's own column name (小组) and the other names school offices use for the
/// group (组别, 班别) and the seat (座号) are understood; a column nobody reads is named in the
/// report instead of being dropped unseen.
#[test]
fn common_roster_headers_are_understood_and_unused_columns_are_named() {
    for (group_header, seat_header) in [("小组", "座号"), ("组别", "座位号"), ("班别", "座位")]
    {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("名单.csv");
        std::fs::write(
            &csv,
            format!("序号,学员姓名,{group_header},{seat_header},电话\n1,王秀英,周二上午班,3,13800000000\n"),
        )
        .unwrap();
        let (code, said) = import_roster(dir.path(), &csv, "zh");
        assert_eq!(code, Some(0), "{said}");
        let lines: Vec<&str> = said.lines().collect();
        assert_eq!(lines[0], "第 2 行：王秀英 已加入，在 周二上午班，座位 3");
        assert!(lines[1].starts_with("没有用到的列：序号、电话"), "{said}");
        let roster = Store::open(dir.path()).unwrap().roster(false).unwrap();
        assert_eq!(roster[0].groups, ["周二上午班"], "{group_header}");
        assert_eq!(roster[0].learner.seat, Some(3), "{seat_header}");
    }
    // Without a header, the fourth column on is named by its number.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("roster.csv");
    std::fs::write(&csv, "王一,甲,1,x\n").unwrap();
    let (_, said) = import_roster(dir.path(), &csv, "en");
    assert!(said.contains("Columns not used: column 4 ("), "{said}");
}

/// Trouble spots for everyone over all time come from figures kept with every answer (so a
/// centre of a million answers opens them at once): they agree with counting the answers
/// themselves, and a database from before those figures gets them from its answers.
#[test]
fn trouble_spots_over_all_time_are_kept_figures_that_agree_with_the_answers() {
    use zhulao::progress::store::class::Filter;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    seed_class(&mut store);
    let kept = store.trouble_spots(&Filter::default()).unwrap();
    let counted = store
        .trouble_spots(&Filter {
            since: Some("1970-01-01T00:00:00.000Z".into()),
            ..Filter::default()
        })
        .unwrap();
    assert!(
        kept.iter()
            .any(|s| s.pointer > 0 && !s.wrong_answers.is_empty()),
        "{kept:?}"
    );
    assert_eq!(kept, counted);
    drop(store);
    // Set the database back to just before the migration that made the figures: it (and any
    // after it) runs again at the next open.
    use zhulao::progress::store::schema::{MIGRATIONS, Migration};
    let before = MIGRATIONS
        .iter()
        .position(|m| matches!(m, Migration::Sql(sql) if sql.contains("CREATE TABLE step_stats")))
        .expect("the migration that keeps the trouble spots' figures");
    let conn = rusqlite::Connection::open(dir.path().join("zhulao.sqlite3")).unwrap();
    conn.execute_batch(&format!(
        "DROP TABLE step_stats; DROP TABLE step_totals; DROP TABLE step_wrong_answers;
         PRAGMA user_version = {before};"
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.trouble_spots(&Filter::default()).unwrap(), kept);
}

/// Who is missing: ten days after the class, everyone is missing for 7 days; for 14 days only
/// the learner on the roster who never started a lesson — whom the dashboard's figures never
/// show — with the day each was last seen on the machine's own calendar.
#[test]
fn who_is_missing_lists_those_not_seen_for_the_days_chosen_and_those_who_never_came() {
    let mut h = class_harness(Lang::Zh);
    let tue = h.io.store.groups().unwrap()[0].clone();
    let zeng =
        h.io.store
            .add_learner(&NewLearner::Named("曾国藩".into()))
            .unwrap();
    h.io.store.set_seat(&zeng.id, Some(31)).unwrap();
    h.io.store.set_member(&zeng.id, &tue.id, true).unwrap();
    h.set_time(time::macros::datetime!(2026-11-12 09:00 +8));
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("M 谁没来"),
        "the key is in the footer:\n{screen}"
    );
    h.act(Action::Letter('m'));
    assert_eq!(h.screen(), "Missing");
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("7 天以上没来"), "{screen}");
    assert!(screen.contains("2026-11-02（10 天前）"), "{screen}");
    // In pinyin order.
    let row = |name: &str| screen.lines().position(|l| l.contains(name));
    assert!(row("陈秀兰") < row("黄玉珍"), "{screen}");
    snap("teacher_missing", &h);
    h.act(Action::Letter('d'));
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("14 天以上没来"), "{screen}");
    assert!(
        screen.contains("曾国藩") && screen.contains("周二上午班"),
        "{screen}"
    );
    assert!(!screen.contains("陈秀兰"), "seen 10 days ago:\n{screen}");
    // The Thursday group has nobody who never came.
    h.act(Action::Letter('g')).act(Action::Letter('g'));
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("这 14 天里每个人都来过。"), "{screen}");
    h.act(Action::Letter('d'));
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("30 天以上没来"), "{screen}");
    // Enter on a learner opens their detail; Esc comes back.
    h.act(Action::Letter('d')).act(Action::Letter('g'));
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "Detail");
    h.act(Action::Back);
    assert_eq!(h.screen(), "Missing");
}

/// A learner's detail says what each hard step asked and what that learner answered — a
/// secret code masked even where the record holds the digits (another machine's file) — with
/// their courses as bars; on a wide dashboard a course's column carries its whole title.
#[test]
fn a_learners_detail_shows_what_each_step_asked_and_their_own_wrong_answers() {
    let lib = zhulao::built_in::load_library(None).unwrap();
    let mut h = Harness::new(lib, Lang::Zh);
    let me =
        h.io.store
            .add_learner(&NewLearner::Named("陈静".into()))
            .unwrap();
    let other =
        h.io.store
            .add_learner(&NewLearner::Named("张伟".into()))
            .unwrap();
    let record = |store: &mut Store, who: &Learner, response: &str, outcome: Outcome| {
        store
            .record_at(
                &EventDraft {
                    verb: Verb::Answered,
                    learner_id: who.id.clone(),
                    registration: Some(format!("run-{}", who.id)),
                    pack_id: "basics".into(),
                    lesson_id: "back-home-lock".into(),
                    step: Some(step(
                        "pin",
                        zhulao::content::StepKind::Digits,
                        Some(outcome),
                        1,
                        response,
                    )),
                    stars: None,
                    lang: Lang::Zh,
                },
                "2026-11-02T01:05:00.000Z",
            )
            .unwrap();
    };
    record(&mut h.io.store, &me, "135790", Outcome::Wrong);
    record(&mut h.io.store, &me, "135790", Outcome::Wrong);
    record(&mut h.io.store, &me, "******", Outcome::Correct);
    record(&mut h.io.store, &other, "999999", Outcome::Wrong);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    let (wide, _) = h.render(160, 30);
    assert!(wide.contains("智能手机入门"), "the whole title:\n{wide}");
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "Detail");
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("陈静"), "{screen}");
    assert!(
        screen.contains("这一步：输入练习用的锁屏密码 246810。"),
        "{screen}"
    );
    assert!(screen.contains("TA 答的：“******” ×2"), "{screen}");
    assert!(
        !screen.contains("135790") && !screen.contains("999999"),
        "{screen}"
    );
    assert!(
        screen.contains("智能手机入门  [----------] 0/8 课"),
        "{screen}"
    );
    let (small, _) = h.render(40, 12);
    assert!(small.contains("[----------]"), "{small}");
}
