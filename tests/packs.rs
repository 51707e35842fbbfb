//! Lesson packs: the embedded course passes every check, and each broken pack under
//! tests/bad_packs/ is rejected with every `file:line:column: message` line of its EXPECTED
//! file.

use crate::common;

use std::path::Path;
use std::process::Command;

use zhulao::built_in::load_library;
use zhulao::content::Source;

fn bad_packs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_packs");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn the_built_in_lessons_pass_every_check_and_are_compiled_in_exactly_as_validated() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let (packs, errors) = Source::directory(&lessons).unwrap().load();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(packs.len() >= 4);
    // What the binary carries is what validation made of lessons/ (build.rs), and the compact
    // form gives back exactly what was put in.
    let compiled = zhulao::built_in::packs().unwrap();
    let json = |p: &[zhulao::content::Pack]| serde_json::to_string(p).unwrap();
    let in_order = |mut packs: Vec<zhulao::content::Pack>| {
        packs.sort_by(|a, b| a.id.cmp(&b.id));
        packs
    };
    let (ours, theirs) = (in_order(packs), in_order(compiled));
    // File names differ only by where lessons/ was found.
    let strip = |s: String| s.replace(&lessons.display().to_string(), "lessons");
    assert_eq!(strip(json(&ours)), strip(json(&theirs)));
    let bytes = zhulao::content::compact::encode(&ours);
    assert_eq!(
        json(&zhulao::content::compact::decode(&bytes).unwrap()),
        json(&ours)
    );
    for bad in [&b"not zhulao"[..], &bytes[..bytes.len() / 2]] {
        assert!(zhulao::content::compact::decode(bad).is_err());
    }
}

#[test]
fn every_broken_pack_is_rejected_with_its_file_line_and_column() {
    let cases = bad_packs();
    assert!(cases.len() >= 15, "the broken-pack collection is there");
    for dir in cases {
        let expected = std::fs::read_to_string(dir.join("EXPECTED")).unwrap();
        let errors = match Source::directory(&dir) {
            Ok(source) => source.load().1,
            Err(e) => vec![e],
        };
        let shown: Vec<String> = errors
            .iter()
            .map(|e| e.shown(zhulao::lang::Lang::En))
            .collect();
        // Each line of EXPECTED is one problem that must be reported (all in one run).
        for expected in expected.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(
                shown.iter().any(|e| e.contains(expected)),
                "{}: expected {expected:?}, got {shown:#?}",
                dir.display()
            );
        }
    }
}

#[test]
fn a_centre_pack_with_the_same_id_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("my-basics");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("pack.toml"),
        "id = \"basics\"\norder = 1\ntitle = { zh = \"本中心的入门课\", en = \"Our basics\" }\nabout = { zh = \"说明\", en = \"About\" }\n",
    )
    .unwrap();
    std::fs::copy(
        common::fixture_dir().join("demo/02-short.toml"),
        pack.join("01-short.toml"),
    )
    .unwrap();
    let library = load_library(Some(dir.path())).unwrap();
    let basics = library.pack("basics").unwrap();
    assert_eq!(basics.title.zh, "本中心的入门课");
    assert_eq!(basics.lessons.len(), 1);
    assert!(library.pack("weread").is_some(), "the other packs stay");
}

#[test]
fn check_exits_non_zero_and_lists_problems_for_a_broken_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_packs/unknown-kind");
    let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .args(["--lang", "en", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("01-a.toml:8:8: unknown step kind 'shake'"),
        "{err}"
    );
    assert!(err.contains("1 problem found"), "{err}");
}

/// A lesson file for `check_speaks_chinese_by_default_and_english_when_asked`, its step's
/// lines given.
fn lesson_with(id: &str, step: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = {{ zh = \"课\", en = \"Lesson\" }}\nchecked = \"2026-11\"\nlearned = [{{ zh = \"学\", en = \"Learn\" }}]\n\n[[steps]]\nid = \"s\"\n{step}\n"
    )
}

#[test]
fn check_speaks_chinese_by_default_and_english_when_asked() {
    let root = tempfile::tempdir().unwrap();
    let pack = root.path().join("mine");
    std::fs::create_dir(&pack).unwrap();
    std::fs::copy(
        common::fixture_dir().join("demo/pack.toml"),
        pack.join("pack.toml"),
    )
    .unwrap();
    let read = "say = { zh = \"读\", en = \"Read\" }";
    let files = [
        // A syntax slip the TOML parser finds: a colon for `=`.
        (
            "01-syntax.toml",
            lesson_with("a", &format!("kind: \"read\"\n{read}")),
        ),
        // One found before the parser: a Chinese quote around a text (the “，” inside the
        // text is the text's own and must not be named).
        (
            "02-quote.toml",
            lesson_with(
                "b",
                "kind = “read”\nsay = { zh = \"点“好”，再读\", en = \"Read\" }",
            ),
        ),
        // An unknown field, one letter-swap off.
        (
            "03-field.toml",
            lesson_with(
                "c",
                &format!("kind = \"read\"\n{read}\nhnit = {{ zh = \"提示\", en = \"Hint\" }}"),
            ),
        ),
        // A `say` too long for a small screen.
        (
            "04-long.toml",
            lesson_with(
                "d",
                &format!(
                    "kind = \"read\"\nsay = {{ zh = \"{}\", en = \"Read\" }}",
                    "长".repeat(170)
                ),
            ),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(pack.join(name), text).unwrap();
    }
    let check = |lang: Option<&str>| {
        let mut args = Vec::new();
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .args(args)
            .arg("check")
            .arg(root.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let zh = check(None);
    for expected in [
        "mine/01-syntax.toml:8:5: 请把冒号 : 换成英文的等号 =，例如 kind = \"…\"",
        "mine/02-quote.toml:8:8: 用了中文引号 “ ，请换成英文的 \"",
        "mine/02-quote.toml:8:13: 用了中文引号 ” ，请换成英文的 \"",
        "mine/03-field.toml:10:1: 这里没有 'hnit' 这一项（是不是想写 `hint`？）",
        "mine/04-long.toml:9:14: 这段 `say` 的中文（`zh`）有 170 个字，最多只能 160 个字",
        "发现 5 个问题：改好以后，请再运行一次 `zhulao check`。",
    ] {
        assert!(zh.contains(expected), "{expected}\n---\n{zh}");
    }
    assert!(!zh.contains("problem"), "nothing said in English: {zh}");
    assert!(
        !zh.contains("02-quote.toml:9:"),
        "the text's own “，” is not named: {zh}"
    );

    let en = check(Some("en"));
    for expected in [
        "mine/01-syntax.toml:8:5: type = instead of the colon :, e.g. kind = \"…\"",
        "mine/02-quote.toml:8:8: a Chinese quote “: type the English \" instead",
        "mine/02-quote.toml:8:13: a Chinese quote ”: type the English \" instead",
        "mine/03-field.toml:10:1: unknown field 'hnit' — did you mean `hint`?",
        "mine/04-long.toml:9:14: this `say` (zh) has 170 characters; at most 160 are allowed",
        "5 problems found; fix them and run `zhulao check` again.",
    ] {
        assert!(en.contains(expected), "{expected}\n---\n{en}");
    }
    assert!(!en.contains("中文引号") && !en.contains("发现"), "{en}");
}

#[test]
fn check_passes_on_the_embedded_packs_and_a_good_folder() {
    for args in [
        vec!["check".to_string()],
        vec!["check".into(), common::fixture_dir().display().to_string()],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("OK:"));
    }
}

#[test]
fn the_app_refuses_to_start_on_a_broken_centre_pack_and_says_why() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_packs/choice-two-right");
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .args(["--lang", "en", "--lessons"])
        .arg(&dir)
        .arg("--data")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "a broken pack is 4; 2 is kept for a wrong command line"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 choices are marked right"), "{err}");
}

#[test]
fn a_missing_lessons_folder_is_a_plain_message() {
    for (lang, says) in [("zh", "不存在"), ("en", "does not exist")] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .args(["--lang", lang, "check", "/no/such/folder"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
}

/// The example pack in the lesson authors' guide (lessons/README.md), written out to a folder
/// as a volunteer would.
fn readme_example(dir: &Path) -> std::path::PathBuf {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/README.md"))
            .unwrap();
    let pack = dir.join("my-centre");
    std::fs::create_dir_all(&pack).unwrap();
    let mut found = 0;
    for block in readme.split("```toml\n").skip(1) {
        let body = block.split("```").next().unwrap();
        let first = body.lines().next().unwrap_or("");
        if let Some(name) = first.strip_prefix("# my-centre/") {
            std::fs::write(pack.join(name.trim()), body).unwrap();
            found += 1;
        }
    }
    assert_eq!(found, 2, "the README shows pack.toml and one lesson");
    pack
}

#[test]
fn the_readme_example_pack_passes_check_and_its_sample_error_is_real() {
    let dir = tempfile::tempdir().unwrap();
    let pack = readme_example(dir.path());
    let (packs, errors) = Source::directory(&pack).unwrap().load();
    assert!(errors.is_empty(), "{errors:#?}");
    let kinds: std::collections::HashSet<_> = packs[0].lessons[0]
        .steps
        .iter()
        .map(|s| s.exercise.kind())
        .collect();
    assert_eq!(
        kinds.len(),
        zhulao::content::StepKind::ALL.len(),
        "the example shows every exercise kind"
    );
    let mut lib = zhulao::content::Library::default();
    lib.merge(packs);
    let warnings = zhulao::authoring::warnings::warnings(&lib, &zhulao::built_in::ids());
    assert!(warnings.is_empty(), "{warnings:#?}");

    // The README's sample `check` output comes from misspelling the target.
    let lesson = pack.join("01-first-call.toml");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(
        &lesson,
        text.replace("target = \"son\"", "target = \"sun\""),
    )
    .unwrap();
    let errors = Source::directory(&pack).unwrap().load().1;
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/README.md"))
            .unwrap();
    let shown = errors[0].shown(zhulao::lang::Lang::En);
    let tail = shown.split("my-centre/").nth(1).unwrap();
    assert!(
        readme.contains(&format!("my-centre/{tail}")),
        "README should show: {shown}"
    );
}

#[test]
fn damaged_lesson_files_are_rejected_with_a_location_never_a_panic() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut tried = 0;
    for pack in std::fs::read_dir(lessons).unwrap() {
        let pack = pack.unwrap().path();
        if !pack.is_dir() {
            continue; // the authors' guide, README.md
        }
        for file in std::fs::read_dir(pack).unwrap() {
            let path = file.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let cuts: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .filter(|i| i % 89 == 0)
                .collect();
            for &cut in &cuts {
                // Cut the file short, and drop one character, as a bad copy or a slip would.
                let short = &text[..cut];
                let mut dropped = text.clone();
                dropped.remove(cut);
                for damaged in [short, dropped.as_str()] {
                    tried += 1;
                    let result = zhulao::content::validate::validate_lesson("x.toml", damaged);
                    if let Err(errors) = result {
                        assert!(!errors.is_empty());
                        for e in errors {
                            assert!(e.line >= 1 && e.column >= 1, "{e:?}");
                            assert!(!e.message.zh.is_empty() && !e.message.en.is_empty());
                        }
                    }
                }
            }
        }
    }
    assert!(tried > 200, "tried {tried} damaged files");
}

#[test]
fn a_lesson_file_that_is_not_text_is_named_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("p");
    std::fs::create_dir(&pack).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_packs/duplicate-lesson-id/pack.toml"),
        pack.join("pack.toml"),
    )
    .unwrap();
    std::fs::write(
        pack.join("01-photo.toml"),
        [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
    )
    .unwrap();
    let errors = Source::directory(&pack).unwrap().load().1;
    let shown: Vec<String> = errors
        .iter()
        .map(|e| e.shown(zhulao::lang::Lang::En))
        .collect();
    assert!(
        shown
            .iter()
            .any(|e| e.ends_with("01-photo.toml:1:1: this file is not UTF-8 text")),
        "{shown:?}"
    );
}

#[test]
fn bad_command_lines_get_plain_messages() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["--lang", "fr", "check"]);
    assert_eq!(code, Some(2), "a wrong command line is exit code 2");
    assert!(
        err.contains("unknown language 'fr': use zh (中文) or en (English)"),
        "{err}"
    );
    let (code, err) = run(&["check", "Cargo.toml"]);
    assert_eq!(code, Some(1), "check found a problem");
    assert!(err.contains("不是文件夹"), "{err}");
    let (code, err) = run(&["--lang", "en", "check", "Cargo.toml"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not a folder"), "{err}");
    let (code, err) = run(&["--no-such-flag"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--no-such-flag"), "{err}");
    let (code, err) = run(&["--speech-command", "\"unclosed"]);
    assert_eq!(
        code,
        Some(2),
        "a bad read-aloud command is a wrong command line"
    );
    assert!(err.contains("never closed"), "{err}");
}

/// Terminal commands hidden in a pack: OSC 52 (set the clipboard), a window title, clear screen,
/// a C1 CSI, a bell.
const HOSTILE: [&str; 5] = [
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{7}",
];

/// Whether `bytes` holds anything a terminal would act on: ESC, BEL or a C1 control.
fn talks_to_the_terminal(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .any(|c| c == '\u{1b}' || c == '\u{7}' || ('\u{80}'..='\u{9f}').contains(&c))
}

#[test]
fn escape_sequences_anywhere_in_a_pack_never_reach_the_terminal() {
    let root = tempfile::tempdir().unwrap();
    for (n, evil) in HOSTILE.iter().enumerate() {
        // In the folder name, the file name, the ids, `checked`, a tap target, an unknown key
        // and the texts: everything `check` might echo.
        let pack = root.path().join(format!("pack{n}{evil}"));
        std::fs::create_dir(&pack).unwrap();
        let esc = |s: &str| {
            s.replace('\u{1b}', "\\u001b")
                .replace('\u{7}', "\\u0007")
                .replace('\u{9b}', "\\u009b")
        };
        std::fs::write(
            pack.join("pack.toml"),
            format!(
                "id = \"p{n}{}\"\norder = 1\ntitle = {{ zh = \"包{}\", en = \"P\" }}\nabout = {{ zh = \"说明\", en = \"A\" }}\n",
                esc(evil),
                esc(evil)
            ),
        )
        .unwrap();
        std::fs::write(
            pack.join(format!("01-x{evil}.toml")),
            format!(
                "id = \"l{e}\"\ntitle = {{ zh = \"课{e}\", en = \"L\" }}\nchecked = \"2026{e}\"\nlearned = [{{ zh = \"学\", en = \"L\" }}]\n\"key{e}\" = 1\n\n[[screens]]\nid = \"home\"\nlayout = \"grid\"\nitems = [{{ id = \"a\", label = {{ zh = \"甲{e}\", en = \"A\" }} }}]\n\n[[steps]]\nid = \"s{e}\"\nkind = \"tap\"\nscreen = \"home\"\ntarget = \"b{e}\"\nsay = {{ zh = \"点{e}\", en = \"Tap\" }}\nhint = {{ zh = \"提示\", en = \"Hint\" }}\n",
                e = esc(evil)
            ),
        )
        .unwrap();
    }
    let check = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("check")
        .arg(root.path())
        .output()
        .unwrap();
    assert!(!check.status.success());
    let mut all = check.stdout.clone();
    all.extend(&check.stderr);
    assert!(
        String::from_utf8_lossy(&all).contains("个问题"),
        "it did report"
    );
    assert!(
        !talks_to_the_terminal(&all),
        "raw control bytes in:\n{}",
        String::from_utf8_lossy(&all).escape_debug()
    );
    // The same packs given to the app: refused at start, in plain words, just as inert.
    let data = tempfile::tempdir().unwrap();
    let start = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data.path())
        .arg("--lessons")
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(start.status.code(), Some(4), "a broken pack");
    assert!(!talks_to_the_terminal(&start.stderr));
    assert!(!talks_to_the_terminal(&start.stdout));
}

#[test]
fn a_huge_lesson_file_is_refused_before_it_is_read_whole() {
    let root = tempfile::tempdir().unwrap();
    let pack = root.path().join("big");
    std::fs::create_dir(&pack).unwrap();
    std::fs::copy(
        common::fixture_dir().join("demo/pack.toml"),
        pack.join("pack.toml"),
    )
    .unwrap();
    let say = "读".repeat(2_000_000);
    std::fs::write(
        pack.join("01-big.toml"),
        format!("id = \"big\"\ntitle = {{ zh = \"课\", en = \"L\" }}\nchecked = \"2026-11\"\nlearned = [{{ zh = \"学\", en = \"L\" }}]\n\n[[steps]]\nid = \"s\"\nkind = \"read\"\nsay = {{ zh = \"{say}\", en = \"Read\" }}\n"),
    )
    .unwrap();
    let errors = Source::directory(&pack).unwrap().load().1;
    let shown: Vec<String> = errors
        .iter()
        .map(|e| e.shown(zhulao::lang::Lang::En))
        .collect();
    assert!(
        shown
            .iter()
            .any(|e| e.contains("01-big.toml") && e.contains("at most 256 KiB")),
        "{shown:?}"
    );
}
