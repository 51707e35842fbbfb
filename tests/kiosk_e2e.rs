//! Kiosk mode end to end: the real binary in a pseudo-terminal, as a community centre's
//! touchscreen runs it. Keys and signals that would leave do not, the PIN does; a storm of
//! random keys, taps and resizes leaves it running; walking away counts down and resets with
//! progress intact; a panic restarts it in place with nothing lost and the log written; a
//! damaged database is set aside byte for byte; a broken lesson folder falls back to the
//! built-in lessons; a double tap counts once. And `zhulao doctor` on good and bad folders,
//! `zhulao kiosk-setup --print`.
#![cfg(unix)]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::pty;
use common::rng::Rng;
use zhulao::progress::Store;

const BIN: &str = env!("CARGO_BIN_EXE_zhulao");

fn with_pin(data: &Path) {
    let mut store = Store::open(data).unwrap();
    let hash = zhulao::pin::hash("471936").unwrap();
    store.set_pin_hash(&hash).unwrap();
}

fn kiosk(data: &Path, cols: u16, rows: u16, extra: &[&str]) -> pty::Session {
    let mut args = vec!["--kiosk".to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    pty::Session::start_with_env(
        BIN,
        data,
        cols,
        rows,
        &args,
        &[
            ("RUST_BACKTRACE", "0"),
            ("ZHULAO_SPEECH", "/nonexistent/tts"),
        ],
    )
}

/// Whatever was sent before has been handled, and the kiosk is still there (`Session::probe`).
fn still_running(s: &mut pty::Session, after: &str) {
    s.probe(after);
}

/// Start → a new numbered learner → the test pack's lesson → the first step answered.
fn into_the_lesson(s: &mut pty::Session) {
    s.key("1", "谁在学习");
    s.key(&s.number_of("+ 新学员：用编号"), "选一门课");
    s.key(&s.number_of("练习课"), "选一节课");
    s.key(&s.number_of("每种练习"), "第 1 步 / 共 7 步");
    s.key("\r", "第 2 步 / 共 7 步");
}

fn lessons_dir() -> String {
    common::fixture_dir().display().to_string()
}

#[test]
fn keys_signals_and_gestures_do_not_leave_a_kiosk_but_the_pin_does() {
    let data = tempfile::tempdir().unwrap();
    with_pin(data.path());
    let lessons = lessons_dir();
    let mut s = kiosk(data.path(), 80, 24, &["--lessons", &lessons]);
    s.wait_for("开始学习");
    assert!(!s.text().contains("Esc 退出"), "no way out is offered");
    let tries: [(&str, &str); 14] = [
        ("\x1a", "Ctrl+Z"),
        ("\x1c", "Ctrl+\\"),
        ("\x04", "Ctrl+D"),
        ("q", "q"),
        ("\x1b", "Esc at the top"),
        ("\x1bOP", "F1"),
        ("\x1b[15~", "F5"),
        ("\x1b[21~", "F10"),
        ("\x1b[24~", "F12"),
        ("\x1b[200~exit\r\x03\x1b[201~", "a paste"),
        ("\x1b[<2;10;10M\x1b[<2;10;10m", "a right click"),
        (
            "\x1b[<0;5;5M\x1b[<32;30;20M\x1b[<32;60;22M\x1b[<0;60;22m",
            "a drag",
        ),
        ("\x1b[<64;10;10M\x1b[<65;10;10M", "the wheel"),
        ("\x11", "Ctrl+Q"),
    ];
    for (bytes, what) in tries {
        s.send(bytes);
        still_running(&mut s, what);
        // Whatever opened (help, the PIN prompt, a learner screen): back to the start.
        s.back_to("开始学习", 4);
    }
    s.wait_for("开始学习");
    s.signal(nix::sys::signal::Signal::SIGINT);
    s.wait_for("关闭 zhulao");
    still_running(&mut s, "SIGINT");
    s.key("\x1b", "开始学习");

    // In a lesson, Ctrl+C asks for the PIN; a wrong one is refused, the right one leaves.
    into_the_lesson(&mut s);
    s.key("\x03", "关闭 zhulao");
    s.send("123456\r");
    s.wait_for("密码不对");
    still_running(&mut s, "a wrong PIN");
    // The wait after a wrong PIN is one second: a second later (on the kiosk's clock).
    s.advance(Duration::from_millis(1100));
    s.key("\x03", "关闭 zhulao");
    s.send("471936\r");
    assert!(s.wait_exit(), "the teacher's PIN closes the kiosk");
}

#[test]
fn a_storm_of_a_thousand_keys_taps_and_resizes_leaves_the_kiosk_running() {
    let data = tempfile::tempdir().unwrap();
    with_pin(data.path());
    let lessons = lessons_dir();
    let mut s = kiosk(data.path(), 80, 24, &["--lessons", &lessons]);
    s.wait_for("开始学习");
    let keys = [
        "\r", "\x1b", "\x03", "\x1a", "\x1c", "\x04", "q", "1", "2", "3", "4", "5", "9", "0", "?",
        "+", "-", "r", "x", "王", "\x7f", "\t", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[5~",
        "\x1b[6~", "\x1bOP", "\x1bOQ", "\x1b[15~", "\x1b[24~", " ",
    ];
    let sizes = [
        (80, 24),
        (40, 12),
        (120, 40),
        (39, 11),
        (20, 5),
        (100, 30),
        (60, 20),
    ];
    let mut rng = Rng::new(0x5EED_2026_1129);
    let mut events = 0;
    while events < 1000 {
        let (cols, rows) = (80, 24);
        match rng.below(10) {
            0..=5 => {
                let k = keys[rng.below(keys.len() as u64) as usize];
                s.send_raw(k);
            }
            6..=8 => {
                let (x, y) = (1 + rng.below(cols), 1 + rng.below(rows));
                s.send_raw(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
            }
            _ => {
                let (c, r) = sizes[rng.below(sizes.len() as u64) as usize];
                s.resize(c, r);
            }
        }
        events += 1;
        if events % 50 == 0 {
            assert!(s.alive(), "ended after {events} events:\n{}", s.text());
        }
    }
    s.resize(80, 24);
    still_running(&mut s, "the storm");
    // Still answering: Ctrl+C brings the PIN prompt (whatever the storm left open).
    s.send("\x1b\x1b\x1b");
    s.send("\x03");
    s.wait_for_any(&["关闭 zhulao", "Close zhulao"]);
    s.signal(nix::sys::signal::Signal::SIGTERM);
    let status = s.wait_status();
    assert_eq!(
        status.exit_code(),
        128 + 15,
        "a service stop ends it cleanly"
    );
    let store = Store::open(data.path()).unwrap();
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn walking_away_counts_down_a_key_cancels_and_then_the_kiosk_resets_with_progress_kept() {
    let data = tempfile::tempdir().unwrap();
    let lessons = lessons_dir();
    // The kiosk's own times: three minutes without a touch, then a minute's countdown.
    let mut s = kiosk(data.path(), 80, 24, &["--lessons", &lessons]);
    s.wait_for("开始学习");
    // At rest on the welcome screen nothing happens, however long.
    s.advance(Duration::from_secs(3600));
    s.nudge();
    still_running(&mut s, "an hour at rest");
    assert!(!s.text().contains("还在吗"));

    into_the_lesson(&mut s);
    // Not before the idle time … (the keys of the check are a touch too: the time starts again)
    s.advance(Duration::from_secs(179));
    s.nudge();
    still_running(&mut s, "179 seconds");
    assert!(!s.text().contains("还在吗"), "{}", s.text());
    // … but after it.
    s.advance(Duration::from_secs(181));
    s.nudge();
    s.wait_for("还在吗");
    s.wait_for("还有 60 秒");
    s.send("x");
    s.wait_for("第 2 步 / 共 7 步");
    assert!(!s.text().contains("还在吗"), "a key cancels it");

    s.advance(Duration::from_secs(181));
    s.nudge();
    s.wait_for("还在吗");
    s.advance(Duration::from_secs(59));
    s.nudge();
    s.wait_for("还有 1 秒");
    s.advance(Duration::from_secs(1));
    s.nudge();
    s.wait_for("开始学习");
    assert!(!s.text().contains("第 2 步"), "{}", s.text());
    s.signal(nix::sys::signal::Signal::SIGTERM);
    s.wait_status();
}

#[test]
fn a_panic_in_a_kiosk_restarts_it_at_the_welcome_screen_with_nothing_lost() {
    let data = tempfile::tempdir().unwrap();
    let lessons = lessons_dir();
    let mut s = pty::Session::start_with_env(
        BIN,
        data.path(),
        80,
        24,
        &["--kiosk".into(), "--lessons".into(), lessons],
        &[("ZHULAO_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    s.wait_for("开始学习");
    into_the_lesson(&mut s);
    let before = Store::open(data.path()).unwrap().event_count().unwrap();
    assert!(before >= 2, "the answer was recorded");
    s.send("\x1b[24~"); // F12: the test-only trigger
    s.wait_for("开始学习");
    still_running(&mut s, "a panic");
    assert!(!s.text().contains("第 2 步"), "back at the welcome screen");
    let log = std::fs::read_to_string(data.path().join("zhulao.log")).unwrap();
    assert!(
        log.contains("panic") && log.contains("ZHULAO_TEST_PANIC") && log.contains("T"),
        "{log}"
    );
    assert!(log.contains("started again at the welcome screen"), "{log}");
    let after = Store::open(data.path()).unwrap().event_count().unwrap();
    assert_eq!(after, before, "nothing recorded was lost");
    // And it works as before: the learner resumes.
    s.key("1", "谁在学习");
    s.key(&s.number_of("学员 1"), "选一门课");
    s.key(&s.number_of("练习课"), "选一节课");
    assert!(s.text().contains("第 2 步"), "{}", s.text());
    s.signal(nix::sys::signal::Signal::SIGTERM);
    s.wait_status();
}

/// Ways a progress file can be past using, as a power cut, a full disk or a bad copy leave it.
fn damaged_files() -> Vec<(&'static str, Vec<u8>)> {
    // A real record of some size, to cut short.
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for i in 0..400 {
            store
                .add_learner(&zhulao::progress::NewLearner::Named(format!(
                    "学员{i:04}号"
                )))
                .unwrap();
        }
    }
    let real = std::fs::read(dir.path().join("zhulao.sqlite3")).unwrap();
    assert!(real.len() > 40_000, "{}", real.len());
    let mut header_then_zeros = real[..100].to_vec();
    header_then_zeros.resize(real.len(), 0);
    vec![
        (
            "random bytes",
            (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("cut in half", real[..real.len() / 2].to_vec()),
        ("one page short", real[..real.len() - 4096].to_vec()),
        ("the header, then zeros", header_then_zeros),
    ]
}

#[test]
fn a_damaged_database_is_set_aside_byte_for_byte_and_the_kiosk_starts_afresh() {
    for (how, damaged) in damaged_files() {
        let data = tempfile::tempdir().unwrap();
        let db = data.path().join("zhulao.sqlite3");
        std::fs::write(&db, &damaged).unwrap();

        // Outside kiosk mode: refused, explained, the file untouched.
        let out = std::process::Command::new(BIN)
            .arg("--data")
            .arg(data.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{how}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("damaged"), "{how}: {err}");
        assert_eq!(std::fs::read(&db).unwrap(), damaged, "{how}: untouched");

        let lessons = lessons_dir();
        let mut s = kiosk(data.path(), 80, 24, &["--lessons", &lessons]);
        s.wait_for("开始了新的学习记录");
        assert!(s.text().contains("请告诉老师"), "{how}: {}", s.text());
        let set_aside = zhulao::kiosk::set_aside::list(data.path());
        assert_eq!(set_aside.len(), 1, "{how}");
        assert_eq!(
            std::fs::read(&set_aside[0]).unwrap(),
            damaged,
            "{how}: set aside byte for byte"
        );
        let name = set_aside[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("zhulao.sqlite3.broken-"), "{name}");
        s.key("\r", "开始学习");
        into_the_lesson(&mut s);
        s.signal(nix::sys::signal::Signal::SIGTERM);
        s.wait_status();
        let store = Store::open(data.path()).unwrap();
        assert!(
            store.event_count().unwrap() >= 2,
            "{how}: the new record works"
        );
        let log = std::fs::read_to_string(data.path().join("zhulao.log")).unwrap();
        assert!(log.contains(&name), "{how}: {log}");
    }
}

#[test]
fn a_broken_lesson_folder_falls_back_to_the_built_in_lessons_on_a_kiosk_only() {
    let data = tempfile::tempdir().unwrap();
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_packs/bidi-override");
    let out = std::process::Command::new(BIN)
        .arg("--data")
        .arg(data.path())
        .arg("--lessons")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "outside kiosk mode: refused");

    let broken = broken.display().to_string();
    let mut s = kiosk(data.path(), 80, 24, &["--lessons", &broken]);
    s.wait_for("开始学习");
    s.key("1", "谁在学习");
    s.key(&s.number_of("+ 新学员：用编号"), "选一门课");
    assert!(
        s.text().contains("手机入门"),
        "the built-in course:\n{}",
        s.text()
    );
    s.signal(nix::sys::signal::Signal::SIGTERM);
    s.wait_status();
}

#[test]
fn a_double_tap_counts_once_and_a_tap_on_nothing_does_nothing() {
    let data = tempfile::tempdir().unwrap();
    let lessons = lessons_dir();
    let mut s = kiosk(data.path(), 80, 24, &["--lessons", &lessons]);
    s.wait_for("开始学习");
    let (col, row) = s.find("开始学习")[0];
    let (x, y) = (col + 1, row + 1);
    // Two presses on one spot with no time between them (on the kiosk's clock): the first
    // opens the learner list, and the second — which now lies on "new learner: type a name" —
    // is taken for the same tap.
    s.send_raw(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
    s.send_raw(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
    s.wait_for("谁在学习");
    still_running(&mut s, "a double tap");
    let text = s.text();
    assert!(
        text.contains("谁在学习") && !text.contains("请输入名字"),
        "the second tap opened nothing:\n{text}"
    );
    // A tap on the empty header row: nothing changes.
    s.advance(Duration::from_secs(1));
    s.send_raw("\x1b[<0;70;1M\x1b[<0;70;1m");
    still_running(&mut s, "a tap on nothing");
    assert_eq!(s.text(), text);
    s.signal(nix::sys::signal::Signal::SIGTERM);
    s.wait_status();
}

fn doctor(data: &Path, env: &[(&str, &str)], extra: &[&str]) -> (String, i32) {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    args.push("doctor".into());
    let mut s = pty::Session::start_with_env(BIN, data, 80, 24, &args, env);
    let status = s.wait_status();
    // The last line says how it went; the reader thread may still be drawing the rest.
    s.wait_for_any(&["一切正常", "件事要修", "All fine", "to fix"]);
    (s.text(), status.exit_code() as i32)
}

#[test]
fn the_doctor_finds_a_good_machine_fine() {
    let data = tempfile::tempdir().unwrap();
    with_pin(data.path());
    let env = [
        ("COLORTERM", "truecolor"),
        ("ZHULAO_SPEECH", "/bin/true {voice}"),
    ];
    let (text, code) = doctor(data.path(), &env, &["--kiosk"]);
    assert_eq!(code, 0, "{text}");
    for said in [
        "✓ 终端：80 列 × 24 行",
        "✓ 颜色",
        "✓ 字符宽度：方块字符和框线都占一格",
        "✓ 数据文件夹",
        "✓ 学习记录",
        "✓ 课程",
        "✓ 朗读",
        "✓ 一体机模式：开着；老师密码已设",
        "一切正常",
    ] {
        assert!(text.contains(said), "{said:?} missing:\n{text}");
    }
    assert!(!text.contains('✗'), "{text}");
}

#[test]
fn the_doctor_says_what_to_fix_on_a_bad_folder() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("zhulao.sqlite3"), b"not a database at all").unwrap();
    let env = [
        ("COLORTERM", "truecolor"),
        ("ZHULAO_SPEECH", "/bin/true {voice}"),
    ];
    let (text, code) = doctor(data.path(), &env, &["--kiosk", "--lang", "en"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("✗ Progress:"), "{text}");
    assert!(
        text.contains("✗ Kiosk mode: no teacher PIN is set"),
        "{text}"
    );
    assert!(text.contains("2 things to fix (marked ✗)."), "{text}");
    assert_eq!(
        std::fs::read(data.path().join("zhulao.sqlite3")).unwrap(),
        b"not a database at all",
        "the doctor changes nothing"
    );

    // Not in a terminal at all: said plainly.
    let out = std::process::Command::new(BIN)
        .args(["--lang", "en", "doctor"])
        .arg("--data")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("✗ Terminal: not run in a terminal"), "{text}");
}

#[test]
fn kiosk_setup_prints_the_files_with_the_font_size_for_the_panel() {
    let run = |args: &[&str]| {
        std::process::Command::new(BIN)
            .arg("kiosk-setup")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--print", "foot.ini", "--panel", "1024x600"]);
    assert!(out.status.success());
    let ini = String::from_utf8(out.stdout).unwrap();
    assert!(
        ini.contains("font=Noto Sans Mono CJK SC:size=25\n"),
        "{ini}"
    );
    assert!(ini.contains("dpi-aware=no"));
    let out = run(&["--print", "zhulao-kiosk.service"]);
    let unit = String::from_utf8(out.stdout).unwrap();
    assert!(unit.contains("Restart=always") && unit.contains("zhulao --kiosk"));
    let out = run(&["--panel", "1920x1080"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("46 pt"));
    let out = run(&["--print", "nothing.conf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("foot.ini, zhulao-kiosk.service"));
    let out = run(&["--panel", "huge"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The foot.ini for each panel is one foot itself accepts (an unknown option is an error in
/// foot's check, and foot would start without the rest of the file's protections), and a
/// mouse no more than a keyboard can paste into zhulao.
#[test]
fn foot_accepts_the_kiosk_foot_ini_and_it_unbinds_every_paste() {
    let dir = tempfile::tempdir().unwrap();
    for panel in ["1024x600", "1280x800", "1920x1080"] {
        let out = std::process::Command::new(BIN)
            .args(["kiosk-setup", "--print", "foot.ini", "--panel", panel])
            .output()
            .unwrap();
        let ini = String::from_utf8(out.stdout).unwrap();
        let section = |name: &str| -> String {
            ini.split(&format!("[{name}]\n"))
                .nth(1)
                .unwrap_or_else(|| panic!("no [{name}] in {ini}"))
                .split("\n[")
                .next()
                .unwrap()
                .to_string()
        };
        assert!(section("key-bindings").contains("\nclipboard-paste=none\n"));
        assert!(section("key-bindings").contains("\nprimary-paste=none\n"));
        assert!(section("mouse-bindings").contains("\nprimary-paste=none\n"));
        let file = dir.path().join(format!("foot-{panel}.ini"));
        std::fs::write(&file, &ini).unwrap();
        let checked = std::process::Command::new("foot")
            .arg("--check-config")
            .arg("-c")
            .arg(&file)
            .output()
            .unwrap_or_else(|e| {
                panic!("this test runs foot (Debian/Ubuntu: apt-get install foot; .ci/run installs it): {e}")
            });
        let said = String::from_utf8_lossy(&checked.stderr);
        assert!(
            checked.status.success() && !said.contains(" err:"),
            "foot refuses the foot.ini for {panel}: {said}"
        );
    }
}
