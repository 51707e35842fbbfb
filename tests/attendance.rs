//! The teacher's term, as the bureau and the teacher see it: figures rounded and times shown by
//! one rule on the screens and in the report, attendance (days attended, class hours), who is
//! missing, wrong answers and help kept apart, one language per report, and the report written
//! where the teacher chooses.

use crate::common;

use common::Harness;
use zhulao::app::Action;
use zhulao::content::StepKind;
use zhulao::lang::Lang;
use zhulao::progress::{Learner, NewLearner, Outcome, StepAnswer, Store, Timed, Verb};
use zhulao::screens::instructor::home;

/// Starts a run of the test lesson at `at` and gives `answers` (step, right?, ms) one by one.
pub fn learn(store: &mut Store, learner: &Learner, at: &str, answers: &[(&str, bool, u64)]) {
    let draft =
        |verb, registration, step| common::test_lesson_event(&learner.id, verb, registration, step);
    let start = store
        .record_at(&draft(Verb::Attempted, None, None), at)
        .unwrap();
    let mut attempt = 1;
    for (step, right, ms) in answers {
        let answer = StepAnswer {
            step_id: step.to_string(),
            step_kind: StepKind::Tap,
            outcome: Some(if *right {
                Outcome::Correct
            } else {
                Outcome::Wrong
            }),
            attempt,
            response: if *right { "weread" } else { "wechat" }.into(),
            duration_ms: *ms,
            timed: Timed::SinceLast,
            shown: None,
        };
        attempt = if *right { 1 } else { attempt + 1 };
        store
            .record_at(
                &draft(
                    Verb::Answered,
                    Some(start.registration.clone()),
                    Some(answer),
                ),
                at,
            )
            .unwrap();
    }
}

pub fn named(store: &mut Store, name: &str) -> Learner {
    store
        .add_learner(&NewLearner::Named(name.to_string()))
        .unwrap()
}

use common::sign_in_as_teacher;

/// Six learners; one needed the hint once; the first learned for 48 seconds.
fn six_learners() -> Harness {
    let mut h = Harness::fixture(Lang::Zh);
    let at = "2026-11-02T02:00:00.000Z";
    for (i, name) in ["王秀英", "李桂兰", "张淑珍", "刘玉兰", "陈秀兰", "杨桂英"]
        .iter()
        .enumerate()
    {
        let l = named(&mut h.io.store, name);
        if i == 1 {
            learn(
                &mut h.io.store,
                &l,
                at,
                &[("open-app", false, 60_000), ("open-app", true, 60_000)],
            );
        } else if i == 0 {
            learn(&mut h.io.store, &l, at, &[("open-app", true, 48_000)]);
        } else {
            learn(&mut h.io.store, &l, at, &[("open-app", true, 120_000)]);
        }
    }
    h.set_time(time::macros::datetime!(2026-11-03 09:00 +8));
    h
}

#[test]
fn one_in_six_is_17_per_cent_on_the_trouble_spots_not_16() {
    let mut h = six_learners();
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::TROUBLE));
    h.act(Action::Letter('d')).act(Action::Letter('d')); // all time
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("1/6 人要看提示（17%）"), "{screen}");
}

#[test]
fn time_under_a_minute_is_under_a_minute_on_the_dashboard_not_zero() {
    let mut h = six_learners();
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    let (screen, _) = h.render(100, 30);
    let line = screen
        .lines()
        .find(|l| l.contains("王秀英"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("不到1分钟"), "{line}");
    assert!(!line.contains("0分钟"), "{line}");
    let line = screen.lines().find(|l| l.contains("李桂兰")).unwrap();
    assert!(line.contains("2分钟"), "{line}");
}

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use time::{Date, Month, UtcOffset};
use zhulao::progress::store::help::HelpDraft;
use zhulao::records::report::{ReportFormat, ReportOptions, learners_path, write_report};
use zhulao::settings::CentreSettings;

fn day(d: u8, month: Month) -> Date {
    Date::from_calendar_date(2026, month, d).unwrap()
}

fn help(store: &mut Store, learner: &Learner, at: &str) {
    store
        .record_help_at(
            &HelpDraft {
                learner_id: learner.id.clone(),
                registration: "run".into(),
                pack_id: "demo".into(),
                lesson_id: "all-kinds".into(),
                step_id: "open-app".into(),
            },
            at,
        )
        .unwrap();
}

/// 王秀英 learned 45 minutes late on 2 November and just after midnight (Beijing) and opened
/// help twice; 张淑珍 came once, on 1 October; 李桂兰 is on the roster and never came. The
/// centre's class period is 30 minutes.
fn term() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .save_centre_settings(&CentreSettings {
            name: "幸福里社区长者学堂".into(),
            class_minutes: 30,
        })
        .unwrap();
    let wang = named(&mut store, "王秀英");
    let li = named(&mut store, "李桂兰");
    let zhang = named(&mut store, "张淑珍");
    store.set_seat(&wang.id, Some(1)).unwrap();
    store.set_seat(&li.id, Some(2)).unwrap();
    store.set_seat(&zhang.id, Some(3)).unwrap();
    // 23:30 on the 2nd and 00:30 on the 3rd in Beijing: the same day in UTC.
    learn(
        &mut store,
        &wang,
        "2026-11-02T15:30:00.000Z",
        &[("open-app", false, 600_000), ("open-app", true, 1_200_000)],
    );
    learn(
        &mut store,
        &wang,
        "2026-11-02T16:30:00.000Z",
        &[("open-app", true, 900_000)],
    );
    help(&mut store, &wang, "2026-11-02T15:31:00.000Z");
    help(&mut store, &wang, "2026-11-02T16:31:00.000Z");
    learn(
        &mut store,
        &zhang,
        "2026-10-01T02:00:00.000Z",
        &[("open-app", true, 20_000)],
    );
    (dir, store)
}

fn options(format: ReportFormat) -> ReportOptions {
    ReportOptions {
        until: Some(day(20, Month::November)),
        offset: UtcOffset::from_hms(8, 0, 0).unwrap(),
        away_days: 30,
        ..ReportOptions::new(format)
    }
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// A row's cell under a header.
fn cell<'a>(rows: &'a [Vec<String>], row: usize, header: &str) -> &'a str {
    let col = rows[0]
        .iter()
        .position(|h| h.starts_with(header))
        .unwrap_or_else(|| panic!("no {header} in {:?}", rows[0]));
    &rows[row][col]
}

#[test]
fn the_bureau_sees_days_attended_class_hours_and_who_never_came() {
    let (dir, store) = term();
    let lib = common::fixture_library();
    let path = dir.path().join("term.csv");
    let written = write_report(&store, &lib, &options(ReportFormat::Csv), &path).unwrap();
    assert_eq!(written.roster, 3, "everyone on the roster");
    let rows = read_csv(&learners_path(&path));
    assert_eq!(rows.len(), 4, "{rows:?}");
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["李桂兰", "王秀英", "张淑珍"],
        "in pinyin order, the one who never came too"
    );
    let row = |name: &str| rows.iter().position(|r| r[0] == name).unwrap();
    let (li, wang, zhang) = (row("李桂兰"), row("王秀英"), row("张淑珍"));
    // 王秀英: two days in Beijing; 45 minutes are 1.5 periods of 30 minutes.
    assert_eq!(cell(&rows, wang, "出勤天数"), "2");
    assert_eq!(cell(&rows, wang, "用时（分钟）"), "45.0");
    assert_eq!(cell(&rows, wang, "课时"), "1.5");
    assert_eq!(cell(&rows, wang, "答错次数"), "1");
    assert_eq!(
        cell(&rows, wang, "求助次数"),
        "2",
        "help opened, counted apart"
    );
    assert_eq!(
        cell(&rows, wang, "最近学习"),
        "2026-11-03 00:31",
        "help opened counts too"
    );
    assert_eq!(
        cell(&rows, wang, "没来的天数（30 天以上）"),
        "",
        "came 17 days ago"
    );
    // 李桂兰 never came: in the report, and said so.
    assert_eq!(cell(&rows, li, "出勤天数"), "0");
    assert_eq!(cell(&rows, li, "没来的天数"), "从未来过");
    assert_eq!(cell(&rows, li, "最近学习"), "");
    // 张淑珍: 1 October to 20 November is 50 days.
    assert_eq!(cell(&rows, zhang, "没来的天数"), "50");
    assert_eq!(cell(&rows, zhang, "出勤天数"), "1");

    let summary = read_csv(&zhulao::records::report::summary_path(&path));
    assert_eq!(cell(&summary, 1, "从未来过的学员"), "1");
    assert_eq!(cell(&summary, 1, "30 天以上没来的学员"), "2");
    assert_eq!(
        cell(&summary, 1, "上课天数"),
        "3",
        "2, 3 November and 1 October"
    );
    assert_eq!(cell(&summary, 1, "出勤人次"), "3");
    assert_eq!(
        cell(&summary, 1, "课时"),
        "1.5",
        "45 min 20 s over 30-minute periods"
    );
    assert_eq!(cell(&summary, 1, "求助次数"), "2");
    assert_eq!(cell(&summary, 1, "一个课时（分钟）"), "30");

    // The whole record, to today: the same last activity, 李桂兰 still never came.
    let whole = ReportOptions {
        until: None,
        ..options(ReportFormat::Csv)
    };
    write_report(&store, &lib, &whole, &path).unwrap();
    let rows = read_csv(&learners_path(&path));
    assert_eq!(cell(&rows, wang, "最近学习"), "2026-11-03 00:31");
    assert_eq!(cell(&rows, zhang, "最近学习"), "2026-10-01 10:00");
    assert_eq!(cell(&rows, li, "没来的天数"), "从未来过");
    assert_eq!(cell(&rows, wang, "出勤天数"), "2");

    // In UTC the two sessions of 王秀英 fall on one day.
    let utc = ReportOptions {
        offset: UtcOffset::UTC,
        ..options(ReportFormat::Csv)
    };
    write_report(&store, &lib, &utc, &path).unwrap();
    let rows = read_csv(&learners_path(&path));
    assert_eq!(cell(&rows, wang, "出勤天数"), "1");

    // A period: only what happened in it counts as attended; days away still count to its end.
    let november = ReportOptions {
        since: Some(day(1, Month::November)),
        away_days: 7,
        ..options(ReportFormat::Csv)
    };
    write_report(&store, &lib, &november, &path).unwrap();
    let rows = read_csv(&learners_path(&path));
    assert_eq!(cell(&rows, zhang, "出勤天数"), "0");
    assert_eq!(cell(&rows, zhang, "没来的天数（7 天以上）"), "50");
    assert_eq!(cell(&rows, wang, "没来的天数"), "17", "away 7 days or more");
}

fn number_at(range: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match range.get((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn text_at(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn an_english_report_has_english_headers_only_and_the_same_figures() {
    let (dir, store) = term();
    let lib = common::fixture_library();
    let path = dir.path().join("term.xlsx");
    let english = ReportOptions {
        lang: Lang::En,
        ..options(ReportFormat::Xlsx)
    };
    write_report(&store, &lib, &english, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["All", "Attendance", "Details"]);
    let people = book.worksheet_range("Attendance").unwrap();
    let headers: Vec<String> = (0..13).map(|c| text_at(&people, 0, c)).collect();
    assert_eq!(headers[4], "Days attended");
    assert_eq!(headers[6], "Class hours");
    assert_eq!(headers[9], "Wrong answers");
    assert_eq!(headers[10], "Help opened");
    assert_eq!(headers[12], "Days away (30 or more)");
    for h in &headers {
        assert!(h.is_ascii(), "one language: {h}");
    }
    // Names in pinyin order: 李桂兰, 王秀英, 张淑珍.
    let row = |name: &str| {
        (1..people.height())
            .find(|&r| text_at(&people, r, 0) == name)
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    assert_eq!(number_at(&people, row("王秀英"), 4), 2.0);
    assert_eq!(number_at(&people, row("王秀英"), 6), 1.5);
    assert_eq!(number_at(&people, row("王秀英"), 10), 2.0);
    assert_eq!(text_at(&people, row("李桂兰"), 12), "never came");
    assert_eq!(number_at(&people, row("张淑珍"), 12), 50.0);
    let details = book.worksheet_range("Details").unwrap();
    assert_eq!(text_at(&details, 0, 10), "Wrong answers");
    assert_eq!(text_at(&details, 0, 11), "Help opened");
    assert_eq!(text_at(&details, 1, 6), "learning");
    let all = book.worksheet_range("All").unwrap();
    assert_eq!(text_at(&all, 1, 0), "Centre");
    assert_eq!(text_at(&all, 1, 1), "幸福里社区长者学堂");
    // Every label of the summary sheet is English.
    for r in 0..all.height() {
        let label = text_at(&all, r, 0);
        assert!(
            label.is_ascii() || ["王秀英", "张淑珍", "李桂兰"].contains(&label.as_str()),
            "{label}"
        );
    }
}

#[test]
fn help_opened_during_a_step_is_kept_and_is_not_a_wrong_answer() {
    let mut h = Harness::at_step(Lang::Zh, "open-app");
    let learner = h.app.session.learner.clone().unwrap();
    let before = h.io.store.events_for(&learner.id).unwrap().len();
    h.act(Action::Help);
    assert!(h.app.overlays().len() == 1, "the help page is open");
    assert_eq!(h.io.store.help_count(&learner.id).unwrap(), 1);
    assert_eq!(
        h.io.store.events_for(&learner.id).unwrap().len(),
        before,
        "no answer recorded"
    );
    h.act(Action::Back).act(Action::Help);
    assert_eq!(h.io.store.help_count(&learner.id).unwrap(), 2);
}

fn zhulao(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("ZHULAO_DATA")
        .output()
        .unwrap()
}

#[test]
fn the_teacher_sets_the_centre_from_the_command_line_and_bad_values_are_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let done = zhulao(
        dir.path(),
        &[
            "centre",
            "--name",
            " 幸福里社区长者学堂 ",
            "--class-minutes",
            "40",
        ],
    );
    assert!(done.status.success(), "{done:?}");
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        said.contains("中心名称：幸福里社区长者学堂") && said.contains("40 分钟"),
        "{said}"
    );
    let settings = Store::open(dir.path()).unwrap().centre_settings().unwrap();
    assert_eq!(settings.name, "幸福里社区长者学堂");
    assert_eq!(settings.class_minutes, 40);

    for (args, zh) in [
        (&["centre", "--class-minutes", "0"][..], "1 到 240 分钟"),
        (&["centre", "--class-minutes", "45分钟"][..], "不是分钟数"),
        (&["centre", "--name", "  "][..], "中心名称是空的"),
    ] {
        let out = zhulao(dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(zh), "{err}");
        assert!(!err.contains("minutes"), "one language: {err}");
    }
    let out = zhulao(
        dir.path(),
        &["--lang", "en", "centre", "--class-minutes", "300"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("A class period is 1 to 240 minutes"), "{err}");
    // Nothing changed by a refused value; without options the settings are shown.
    let out = zhulao(dir.path(), &["--lang", "en", "centre"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Class period: 40 min"), "{said}");
}

#[test]
fn the_teacher_sets_the_class_period_by_tapping_and_types_the_centre_name() {
    use zhulao::screens::instructor::kiosk;
    let mut h = Harness::fixture(Lang::Zh);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::KIOSK));
    assert_eq!(h.screen(), "KioskSettings");
    let (screen, _) = h.render(40, 12);
    assert!(
        screen.contains("45 分钟"),
        "the default class period:\n{screen}"
    );
    h.act(Action::Select(kiosk::CLASS_MINUTES));
    assert_eq!(h.store().centre_settings().unwrap().class_minutes, 50);
    let (screen, _) = h.render(80, 24);
    assert!(
        screen.contains("一个课时") && screen.contains("50 分钟"),
        "{screen}"
    );
    h.act(Action::Select(kiosk::CENTRE_NAME));
    assert_eq!(h.screen(), "CentreName");
    h.act(Action::Confirm);
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("中心名称是空的"), "{screen}");
    for c in "长者学堂".chars() {
        h.act(Action::Type(c));
    }
    h.act(Action::Confirm);
    assert_eq!(h.screen(), "KioskSettings");
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("长者学堂"), "{screen}");
    let kept = h.store().centre_settings().unwrap();
    assert_eq!((kept.name.as_str(), kept.class_minutes), ("长者学堂", 50));
}

/// The teacher's report screen in the real binary offers a (fake) USB stick, writes the
/// report onto it and says where it went.
#[cfg(unix)]
#[test]
fn the_teacher_picks_a_usb_stick_and_finds_the_report_on_it() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(data.path()).unwrap();
        store
            .set_pin_hash(&zhulao::pin::hash("24681012").unwrap())
            .unwrap();
        named(&mut store, "王秀英");
    }
    let media = tempfile::tempdir().unwrap();
    let stick = media.path().join("teacher").join("ZHULAO-USB");
    std::fs::create_dir_all(&stick).unwrap();
    let media_root = media.path().display().to_string();
    let mut teacher = common::start_app(
        data.path(),
        80,
        24,
        &[],
        &[("ZHULAO_TEST_MEDIA", media_root.as_str())],
    );
    teacher.wait_for("开始学习");
    teacher.key("\x1bOQ", "请输入老师密码");
    teacher.send_raw("24681012\r");
    teacher.wait_for("导出报告（Excel）");
    teacher.key(&(home::REPORT + 1).to_string(), "U盘：ZHULAO-USB");
    teacher.key("1", "报告写好了");
    teacher.wait_for("位置：U盘：ZHULAO-USB");
    let files: Vec<_> = std::fs::read_dir(&stick)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("zhulao-report-") && name.ends_with(".xlsx"),
        "{name}"
    );
    let mut book: Xlsx<_> = open_workbook(&files[0]).unwrap();
    let people = book.worksheet_range("学员出勤").unwrap();
    assert_eq!(text_at(&people, 1, 0), "王秀英");
    assert_eq!(text_at(&people, 1, 12), "从未来过");
    assert!(
        !data.path().join("reports").exists(),
        "not in the data folder"
    );
}

#[test]
fn the_report_screen_asks_where_and_fits_a_small_screen() {
    let mut h = six_learners();
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::REPORT));
    assert_eq!(h.screen(), "Report");
    for (w, rows) in [(40, 12), (80, 24)] {
        let (screen, _) = h.render(w, rows);
        assert!(screen.contains("报告写到哪里"), "{screen}");
        assert!(screen.contains("Esc"), "{screen}");
    }
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("zhulao 的数据文件夹"), "{screen}");
}

#[test]
fn the_learners_detail_says_how_often_they_opened_help() {
    let mut h = six_learners();
    let wang =
        h.io.store
            .learners()
            .unwrap()
            .into_iter()
            .find(|l| l.name.as_deref() == Some("王秀英"))
            .unwrap();
    h.io.store.set_seat(&wang.id, Some(1)).unwrap();
    help(&mut h.io.store, &wang, "2026-11-02T02:01:00.000Z");
    help(&mut h.io.store, &wang, "2026-11-02T02:02:00.000Z");
    assert_eq!(h.io.store.learner_detail(&wang.id).unwrap().help, 2);
    sign_in_as_teacher(&mut h);
    h.act(Action::Select(home::CLASS));
    // Names in pinyin order: 陈, 李, 刘, 王 — 王秀英 is the fourth.
    h.act(Action::Select(3));
    assert_eq!(h.screen(), "Detail");
    let (screen, _) = h.render(80, 24);
    assert!(screen.contains("王秀英"), "{screen}");
    assert!(screen.contains("打开帮助 2 次"), "{screen}");
}
