//! End to end: the real binary in a real pseudo-terminal, read back through a vt100 emulator.
//! A learner finishes a lesson with keys, then again with mouse clicks (as a touchscreen sends
//! them), starts it a third time and stops halfway; after a restart the progress and the exact
//! resume step are there. Every wait is bounded.

use crate::common;

use std::path::Path;

use common::pty;

/// The app on the test pack, in a pseudo-terminal.
fn start(data: &Path, cols: u16, rows: u16, extra: &[&str]) -> pty::Session {
    common::start_app(data, cols, rows, extra, &[])
}

/// The number keys of the fixture's order step, in the right order, as the screen shows them.
fn order_keys(s: &pty::Session) -> Vec<String> {
    ["打开电话", "找到家人", "点拨打"]
        .iter()
        .map(|label| s.number_of(label))
        .collect()
}

#[test]
fn a_lesson_done_with_keys_then_with_clicks_survives_a_restart_with_its_resume_point() {
    let data = tempfile::tempdir().unwrap();

    // 1. Keys only, at 80×24.
    let mut s = start(data.path(), 80, 24, &[]);
    s.wait_for("开始学习");
    s.key("1", "新学员：用编号");
    s.key("2", "练习课");
    s.key("1", "每种练习");
    s.key("1", "第 1 步 / 共 7 步");
    s.key("\r", "第 2 步 / 共 7 步");
    s.key("2", "不太对"); // 微信: wrong, the hint appears
    s.key("2", "就是黄框里的"); // wrong again: pointed at
    s.key("\r", "第 3 步 / 共 7 步"); // Enter taps what is pointed at
    let refuse = s.number_of("不告诉，挂电话");
    s.key(&refuse, "银行和警察都不会要验证码");
    s.key("\r", "第 4 步 / 共 7 步");
    for k in order_keys(&s) {
        s.send(&k);
    }
    s.wait_for("第 5 步 / 共 7 步");
    s.send("2");
    s.send("0");
    s.key("0", "2 0 0");
    s.key("\r", "第 6 步 / 共 7 步");
    s.key("2", "第 7 步 / 共 7 步");
    s.key("\r", "得到星星");
    s.key("\x1b", "✓ ★☆☆");
    s.key("\x1b", "选一门课");
    s.key("\x1b", "谁在学习");
    s.key("\x1b", "开始学习");
    s.key("\x1b", "要退出吗");
    s.send("1");
    assert!(s.wait_exit(), "quits cleanly");
    // The terminal is given back: mouse reporting off, main screen back, cursor shown.
    s.wait_closed();
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let tail = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
    for restore in ["\x1b[?1000l", "\x1b[?1006l", "\x1b[?1049l", "\x1b[?25h"] {
        assert!(tail.contains(restore), "{restore:?} missing after quit");
    }

    // 2. Mouse clicks only, at 80×24, as a touchscreen kiosk would send them.
    let mut s = start(data.path(), 80, 24, &[]);
    s.wait_for("开始学习");
    s.click("开始学习", 0, "谁在学习");
    s.click("学员 1", 0, "选一门课");
    s.click("练习课", 0, "选一节课");
    s.click("每种练习", 0, "第 1 步 / 共 7 步");
    s.click_last("继续", "第 2 步 / 共 7 步");
    s.click("3 微信读书", 0, "第 3 步 / 共 7 步");
    s.click("不告诉，挂电话", 0, "银行和警察都不会要验证码");
    s.click_last("继续", "第 4 步 / 共 7 步");
    for (n, label) in ["打开电话", "找到家人", "点拨打"].into_iter().enumerate() {
        let then = if n < 2 {
            format!("第{}", n + 1)
        } else {
            "第 5 步 / 共 7 步".to_string()
        };
        s.click(label, 0, &then);
    }
    // The on-screen pad: its keys are boxes such as "│   2    │".
    s.click("   2    │", 0, "2 _ _");
    s.click("   0    │", 0, "2 0 _");
    s.click("   0    │", 0, "2 0 0");
    s.click("确定", 0, "第 6 步 / 共 7 步");
    s.click("2 下一步", 0, "第 7 步 / 共 7 步");
    s.click_last("继续", "得到星星");
    assert!(
        s.text().contains("★★☆"),
        "a second finish earns a second star"
    );

    // 3. Start it a third time by clicking, stop after two steps, leave by tapping.
    s.click_last("再学一次", "第 1 步 / 共 7 步");
    s.click_last("继续", "第 2 步 / 共 7 步");
    s.click("3 微信读书", 0, "第 3 步 / 共 7 步");
    s.click_last("返回", "选一节课");
    assert!(s.text().contains("第 3 步 / 共 7 步"), "{}", s.text());
    s.click_last("返回", "选一门课");
    s.click_last("返回", "谁在学习");
    s.click_last("返回", "开始学习");
    s.click_last("退出", "要退出吗");
    s.tap("是，退出", 0);
    assert!(s.wait_exit());

    // 4. Restart at the kiosk size: the progress and the resume point are there.
    let mut s = start(data.path(), 40, 12, &[]);
    s.wait_for("开始学习");
    s.key("1", "学员 1");
    s.key("4", "选一门课"); // names come after "new learner" and "find by number"
    s.key("1", "第 3 步 / 共 7 步");
    s.key("\r", "有人打电话要你的验证码");
    s.send("\x03"); // Ctrl+C asks too
    s.wait_for("要退出吗");
    s.send("1");
    assert!(s.wait_exit());

    // The record agrees: two completions, and every answer is an event.
    let store = zhulao::progress::Store::open(data.path()).unwrap();
    let learner = &store.learners().unwrap()[0];
    let events = store.events_for(&learner.id).unwrap();
    let completed = events
        .iter()
        .filter(|e| e.verb == zhulao::progress::Verb::Completed)
        .count();
    assert_eq!(completed, 2);
    let wrong = events
        .iter()
        .filter(|e| {
            e.step.as_ref().and_then(|s| s.outcome) == Some(zhulao::progress::Outcome::Wrong)
        })
        .count();
    assert_eq!(wrong, 2, "the two wrong taps of the first run are recorded");
}

#[test]
fn a_too_small_window_asks_to_be_enlarged_and_the_app_follows_a_resize() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path(), 30, 8, &["--lang", "en"]);
    s.wait_for("Please enlarge the window");
    s.send("1"); // ignored while the window is too small…
    s.resize(80, 24);
    s.wait_for_any(&["Start learning", "Who is learning?"]);
    // …but the window grows by a signal, not in the stream of keys: a slow reader may read the
    // "1" only after it. Everything sent so far handled (input is in order), the welcome or the
    // next screen shows, and either is right.
    s.probe("the window grew");
    if !s.text().contains("Who is learning?") {
        s.key("1", "Who is learning?");
    }
    s.resize(20, 5);
    s.wait_for("enlarge");
    s.send("\x03");
    assert!(
        s.wait_exit(),
        "Ctrl+C leaves at once from the too-small screen"
    );
}

#[test]
fn a_panic_still_gives_the_terminal_back() {
    let data = tempfile::tempdir().unwrap();
    let mut s = pty::Session::start_with_env(
        env!("CARGO_BIN_EXE_zhulao"),
        data.path(),
        80,
        24,
        &[],
        &[("ZHULAO_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    s.wait_for("开始学习");
    s.send("\x1b[24~"); // F12: the test-only trigger
    assert!(!s.wait_exit(), "a panic is a failure exit");
    s.wait_closed();
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let after = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
    for restore in ["\x1b[?1000l", "\x1b[?1049l", "\x1b[?25h"] {
        let at = after.find(restore);
        let message = after.find("panicked");
        assert!(at.is_some(), "{restore:?} missing after the panic");
        assert!(at < message, "{restore:?} comes before the panic message");
    }
    assert!(
        s.text().contains("ZHULAO_TEST_PANIC"),
        "the message is readable on the main screen:\n{}",
        s.text()
    );
}

#[test]
fn an_unwritable_data_folder_gets_a_plain_message() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let data = file.path().join("inside-a-file");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot save progress"), "{err}");
    assert!(err.contains("--data DIR"), "says what to do: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !err.contains("os error"),
        "plain words, not the system's: {err}"
    );
}

#[test]
fn a_storm_of_random_keys_and_taps_never_breaks_the_app() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path(), 40, 12, &[]);
    s.wait_for("开始学习");
    let mut rng = common::rng::Rng::new(0x5eed_1234);
    let mut next = move || rng.next() as u32;
    let keys = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "\r", "\x1b[A", "\x1b[B", "\x1b[C",
        "\x1b[D", "\t", "\x7f", "?", "a", "王", " ", "\x1b[Z",
    ];
    let mut restarts = 0;
    for i in 0..400 {
        let input = if next() % 4 == 0 {
            let (x, y) = (next() % 40 + 1, next() % 12 + 1);
            format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")
        } else {
            keys[next() as usize % keys.len()].to_string()
        };
        s.send_raw(&input);
        std::thread::sleep(std::time::Duration::from_millis(2));
        // Random taps can find the way out (Esc 退出, then 是，退出) as a person could: that
        // must be a clean exit, and the storm goes on in a new run.
        if i % 20 == 19 && !s.alive() {
            assert!(s.wait_exit(), "a clean exit, not a crash");
            let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
            assert!(!raw.contains("panicked"));
            restarts += 1;
            s = start(data.path(), 40, 12, &[]);
            s.wait_for_any(&["开始学习", "Start learning"]);
        }
    }
    assert!(
        restarts < 10,
        "{restarts} exits: the way out is too easy to hit"
    );
    // Still alive and answering: Ctrl+C asks, and "yes" leaves cleanly.
    s.send("\x1b");
    s.send("\x03");
    // The storm may have switched the language (or any other setting): either is fine.
    let asked = s.wait_for_any(&["要退出吗", "Leave now?"]);
    s.tap(
        if asked == 0 {
            "是，退出"
        } else {
            "Yes, leave"
        },
        0,
    );
    assert!(s.wait_exit(), "no panic, a clean exit");
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(!raw.contains("panicked"));
}
