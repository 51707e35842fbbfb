//! The volunteer's tools, run as the real binary: `zhulao new` writes a starter pack that
//! passes `check` with no warnings; `check` warns (and still passes) about words cut on a small
//! screen, hints that name a colour or place the screen does not show, a flow that jumps and a
//! built-in pack replaced; `zhulao preview` opens a step directly, redraws it when the file is
//! saved, shows a broken file's problems in place, and records nothing.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn zhulao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn a_starter_pack_is_written_checks_clean_and_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = zhulao(&["new", d]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("zhulao preview"),
        "says what to do next"
    );

    let out = zhulao(&["check", d]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("提醒"),
        "the starter pack is an example to copy: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("22 步"), "{}", text(&out.stdout));
    let out = zhulao(&["--lang", "en", "check", d]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("warning"));
    assert!(text(&out.stdout).contains("22 steps"));

    // Written over? Never: the second time is refused and the first stays.
    let lesson = dir.path().join("my-pack/01-every-kind.toml");
    std::fs::write(&lesson, "# my own work\n").unwrap();
    let out = zhulao(&["new", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&lesson).unwrap(), "# my own work\n");
}

#[test]
fn check_quotes_a_huge_id_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("demo");
    std::fs::create_dir(&pack).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/demo");
    for file in ["pack.toml", "02-short.toml"] {
        std::fs::copy(fixture.join(file), pack.join(file)).unwrap();
    }
    // 100 000-character ids: a lesson's own, a screen it names, a tap target.
    let lesson = std::fs::read_to_string(fixture.join("01-all-kinds.toml"))
        .unwrap()
        .replacen(
            "id = \"all-kinds\"",
            &format!("id = \"{}\"", "A".repeat(100_000)),
            1,
        )
        .replacen(
            "screen = \"home\"",
            &format!("screen = \"{}\"", "d".repeat(100_000)),
            1,
        )
        .replacen(
            "target = \"weread\"",
            &format!("target = \"{}\"", "c".repeat(50_000)),
            1,
        );
    std::fs::write(pack.join("01-all-kinds.toml"), lesson).unwrap();
    let out = zhulao(&["--lang", "en", "check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.len() < 2000, "{} bytes: {}", err.len(), &err[..2000]);
    for (what, c) in [
        ("lesson id", 'A'),
        ("no screen with id", 'd'),
        ("is not on screen", 'c'),
    ] {
        let line = err.lines().find(|l| l.contains(what)).expect(what);
        assert!(
            line.contains(&format!("{}…'", c.to_string().repeat(60))),
            "{line}"
        );
    }
}

#[test]
fn check_warns_about_what_learners_would_trip_over_and_still_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings");
    let out = zhulao(&["--lang", "en", "check", dir.to_str().unwrap()]);
    assert!(out.status.success(), "warnings alone do not fail: {out:?}");
    let err = text(&out.stderr);
    for expected in [
        "basics/pack.toml:1:1: warning: pack id 'basics' is the id of a built-in pack",
        "01-a.toml:29:1: warning: step 'open' leads to screen 'chats', but the next step, 'jump', shows 'other'",
        "01-a.toml:29:1: warning: step 'open' says “绿色”, but nothing on screen 'home' is green",
        "01-a.toml:29:1: warning: step 'open' says “green”, but nothing on screen 'home' is green",
        "01-a.toml:29:1: warning: step 'open' says “右下角”, but 'phone' is not drawn there",
        "01-a.toml:29:1: warning: step 'open' says “at the bottom right”, but 'phone' is not drawn there",
        "01-a.toml:38:1: warning: step 'jump' at 40×12 in Chinese: the instruction (`say`) does not fit",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert!(
        !err.contains("“at the bottom”"),
        "one place is said once: {err}"
    );
    assert!(err.contains("7 warnings"), "{err}");

    // The same, in Chinese unless asked otherwise.
    let out = zhulao(&["check", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    for expected in [
        "basics/pack.toml:1:1: 提醒：课程包的 id 'basics' 和一个内置课程包的一样",
        "01-a.toml:29:1: 提醒：步骤 'open' 点了以后到屏幕 'chats'，可是下一步 'jump' 显示的是屏幕 'other'",
        "01-a.toml:29:1: 提醒：步骤 'open' 说了“绿色”，可是屏幕 'home' 上没有绿色的东西",
        "01-a.toml:29:1: 提醒：步骤 'open' 说了“右下角”，可是 'phone' 并不在那里",
        "01-a.toml:38:1: 提醒：步骤 'jump' 在 40×12 的中文屏幕上：说明文字（`say`）放不下",
        "7 条提醒：课程包可以用，但学员会在这些地方卡住。",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert!(!err.contains(": warning:"), "{err}");
}

#[test]
fn the_built_in_packs_and_the_phone_pack_have_no_warnings() {
    let phone = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phone");
    let out = zhulao(&["--lang", "en", "check", phone.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let out = zhulao(&["--lang", "en", "check", lessons.to_str().unwrap()]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    // The built-in packs replace themselves, of course; nothing else may be said.
    let others: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("warning:") && !l.contains("is the id of a built-in pack"))
        .collect();
    assert!(others.is_empty(), "{}", others.join("\n"));
}

#[test]
fn a_bad_preview_target_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(zhulao(&["new", d]).status.success());
    for (lang, target, says) in [
        ("en", "my-pack", "pack id and the lesson id with a /"),
        (
            "en",
            "nope/every-kind",
            "no pack with id 'nope' here; the packs are: my-pack",
        ),
        ("en", "my-pack/nope", "its lessons are: every-kind"),
        ("en", "my-pack/every-kind:99", "a number from 1 to 22"),
        ("zh", "my-pack", "中间用 / 隔开"),
        (
            "zh",
            "nope/every-kind",
            "这里没有 id 为 'nope' 的课程包；这里的课程包有：my-pack",
        ),
        ("zh", "my-pack/nope", "它的课有：every-kind"),
        ("zh", "my-pack/every-kind:99", "1 到 22 之间的一个数"),
    ] {
        let out = zhulao(&["--lang", lang, "preview", d, target]);
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            text(&out.stderr).contains(says),
            "{target}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn preview_opens_a_step_redraws_on_save_shows_problems_in_place_and_records_nothing() {
    let packs = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let d = packs.path().to_str().unwrap();
    assert!(zhulao(&["new", d]).status.success());
    let file = packs.path().join("my-pack/01-every-kind.toml");
    let original = std::fs::read_to_string(&file).unwrap();

    let args = vec![
        "preview".to_string(),
        d.to_string(),
        "my-pack/every-kind:which-app".to_string(),
    ];
    let mut s =
        common::pty::Session::start(env!("CARGO_BIN_EXE_zhulao"), data.path(), 80, 24, &args);
    s.wait_for("想看书，用哪个应用？");
    s.wait_for("第 7 步 / 共 22 步");

    // Saved with new words: the same step, redrawn.
    std::fs::write(
        &file,
        original.replace("想看书，用哪个应用？", "想读一本书，该用哪个应用？"),
    )
    .unwrap();
    s.wait_for("想读一本书，该用哪个应用？");
    s.wait_for("第 7 步 / 共 22 步");

    // Saved broken (typed with a Chinese input method): the problem, where it is.
    std::fs::write(
        &file,
        original.replace("id = \"which-app\"", "id = “which-app”"),
    )
    .unwrap();
    s.wait_for("中文引号");
    s.wait_for("01-every-kind.toml:");
    // Keys do nothing while it is broken; Ctrl+C would still leave.
    s.send("1");
    // Fixed: back on the step being looked at.
    std::fs::write(&file, &original).unwrap();
    s.wait_for("想看书，用哪个应用？");
    s.wait_for("第 7 步 / 共 22 步");

    // It plays as a lesson does: the right choice moves on.
    let key = s.number_of("微信读书");
    s.send(&key);
    s.wait_for("微信读书是看书的应用。");
    s.send("\r");
    s.wait_for("第 8 步 / 共 22 步");

    s.send("\x03");
    let status = s.wait_status();
    assert!(status.success(), "{status:?}");
    assert!(s.is_cooked(), "the terminal is given back");
    let left: Vec<_> = std::fs::read_dir(data.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing recorded: {left:?}");
}
