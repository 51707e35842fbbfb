//! `zhulao print`, as a teacher runs it at the end of a term: certificates for the learners who
//! finished a course and take-home sheets, printed through the real binary to PDF by a real
//! headless Chromium, then read back with poppler's pdfinfo and pdftotext (the
//! command-line tools every Linux PDF viewer is built on: no Rust PDF parser of our own to
//! trust). Without Chromium or poppler-utils these tests fail and say what to install.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use zhulao::lang::Lang;
use zhulao::progress::{EventDraft, NewLearner, Store, Verb};

const INSTALL: &str = "apt-get install -y chromium poppler-utils fonts-noto-cjk";

/// A program the printing tests need; a clear failure when it is missing.
fn tool(name: &str) -> PathBuf {
    which::which(name).unwrap_or_else(|_| {
        panic!("`{name}` is not installed; the print tests need it. Install with: {INSTALL}")
    })
}

/// A data folder with a class: 王秀英 finished the demo course (both lessons; the second on
/// 5 December in Beijing, 4 December in UTC), 李明 did only its first lesson, and a numbered
/// learner finished it too.
struct Class {
    data: tempfile::TempDir,
    out: tempfile::TempDir,
}

fn completed(store: &mut Store, learner: &str, lesson: &str, at: &str) {
    let draft = |verb, registration| EventDraft {
        verb,
        learner_id: learner.into(),
        registration,
        pack_id: "demo".into(),
        lesson_id: lesson.into(),
        step: None,
        stars: None,
        lang: Lang::Zh,
    };
    let start = store.record_at(&draft(Verb::Attempted, None), at).unwrap();
    store
        .record_at(&draft(Verb::Completed, Some(start.id)), at)
        .unwrap();
}

fn class() -> Class {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(data.path()).unwrap();
    let wang = store
        .add_learner(&NewLearner::Named("王秀英".into()))
        .unwrap()
        .id;
    let li = store
        .add_learner(&NewLearner::Named("李明".into()))
        .unwrap()
        .id;
    let numbered = store.add_learner(&NewLearner::Numbered).unwrap().id;
    completed(&mut store, &wang, "all-kinds", "2026-11-28T02:00:00Z");
    completed(&mut store, &wang, "short", "2026-12-04T17:30:00Z");
    completed(&mut store, &li, "all-kinds", "2026-11-28T02:00:00Z");
    completed(&mut store, &numbered, "short", "2026-12-01T02:00:00Z");
    completed(&mut store, &numbered, "all-kinds", "2026-12-02T02:00:00Z");
    Class {
        data,
        out: tempfile::tempdir().unwrap(),
    }
}

impl Class {
    fn print(&self, args: &[&str]) -> Output {
        self.print_with_path(args, None)
    }

    /// `zhulao print ARGS --out OUT`, on the demo pack, in Beijing time; `path` replaces PATH.
    fn print_with_path(&self, args: &[&str], path: Option<&Path>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhulao"));
        command
            .arg("--data")
            .arg(self.data.path())
            .arg("--lessons")
            .arg(common::fixture_dir())
            .arg("print")
            .args(args)
            .arg("--out")
            .arg(self.out.path())
            // Beijing time, written so that it needs no time-zone database.
            .env("TZ", "CST-8")
            .env_remove("ZHULAO_DATA");
        if let Some(path) = path {
            command.env("PATH", path);
        }
        command.output().unwrap()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.out.path().join(name)
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn said(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn run_tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool(name));
    command.args(args).arg(pdf);
    if name == "pdftotext" {
        // To standard output (else it writes a .txt file beside the PDF).
        command.arg("-");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{name} failed: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = run_tool("pdfinfo", &[], pdf);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap_or_else(|| panic!("no page count: {info}"));
    line["Pages:".len()..].trim().parse().unwrap()
}

fn page_size(pdf: &Path) -> String {
    let info = run_tool("pdfinfo", &[], pdf);
    info.lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default()
        .to_string()
}

/// The text of page `n` (from 1), its spaces and line breaks taken out (pdftotext puts them
/// where the layout has gaps, even inside a name).
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    run_tool("pdftotext", &["-f", &n, "-l", &n, "-enc", "UTF-8"], pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A font with Chinese characters for Chromium to draw with (it finds fonts through
/// fontconfig): without one, Chinese prints as empty boxes even though the PDF's text, which
/// the tests read, is right.
fn assert_chinese_font() {
    let output = Command::new(tool("fc-list"))
        .arg(":lang=zh")
        .arg("family")
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&output.stdout);
    assert!(
        !fonts.trim().is_empty(),
        "no font with Chinese characters is installed (fonts-noto-cjk). Install with: {INSTALL}"
    );
}

fn chromium_present() {
    assert!(
        zhulao::records::print::pdf::find_browser().is_some(),
        "Chromium is not installed; the print tests print through it. Install with: {INSTALL}"
    );
    assert_chinese_font();
}

#[test]
fn certificates_for_everyone_who_finished_a_course_print_one_a4_page_each() {
    chromium_present();
    let c = class();
    let output = c.print(&[
        "certificate",
        "--all-finished",
        "--course",
        "demo",
        "--centre",
        "幸福里社区长者学堂",
    ]);
    let (out, err) = said(&output);
    assert!(output.status.success(), "{out}{err}");
    assert_eq!(c.files(), ["结业证书-练习课.html", "结业证书-练习课.pdf"]);
    assert!(out.contains("结业证书-练习课.pdf"), "{out}");
    let pdf = c.file("结业证书-练习课.pdf");
    // 王秀英 and the numbered learner; not 李明, who has a lesson to go.
    assert_eq!(pages(&pdf), 2);
    assert!(
        page_size(&pdf).contains("841.92 x 594.96"),
        "landscape A4: {}",
        page_size(&pdf)
    );
    let all: String = (1..=2).map(|n| page_text(&pdf, n)).collect();
    assert!(!all.contains("李明"), "{all}");
    let wang = (1..=2)
        .map(|n| page_text(&pdf, n))
        .find(|t| t.contains("王秀英"))
        .unwrap();
    for words in [
        "结业证书",
        "兹证明",
        "学完了“练习课”课程的全部2课，特发此证。",
        "每种练习",
        "短课",
        "幸福里社区长者学堂",
        // The day the last lesson was finished, in Beijing.
        "2026年12月5日",
    ] {
        assert!(wang.contains(words), "{words} not in {wang}");
    }
    let numbered = (1..=2)
        .map(|n| page_text(&pdf, n))
        .find(|t| !t.contains("王秀英"))
        .unwrap();
    assert!(
        numbered.contains("学员1") && numbered.contains("2026年12月2日"),
        "{numbered}"
    );
}

#[test]
fn a_take_home_sheet_of_a_course_starts_each_lesson_on_a_new_page_with_every_step_in_order() {
    chromium_present();
    let c = class();
    let output = c.print(&["sheet", "demo"]);
    let (out, err) = said(&output);
    assert!(output.status.success(), "{out}{err}");
    assert_eq!(c.files(), ["练习单-练习课.html", "练习单-练习课.pdf"]);
    let pdf = c.file("练习单-练习课.pdf");
    let n = pages(&pdf);
    assert!(
        page_size(&pdf).contains("594.96 x 841.92"),
        "portrait A4: {}",
        page_size(&pdf)
    );
    let texts: Vec<String> = (1..=n).map(|p| page_text(&pdf, p)).collect();
    // Each lesson's page starts with the course and its number, then its title.
    let lib = common::fixture_library();
    let pack = lib.pack("demo").unwrap();
    let mut starts = Vec::new();
    for (i, lesson) in pack.lessons.iter().enumerate() {
        let top = format!("练习课·第{}课{}", i + 1, lesson.title.zh);
        let page = texts
            .iter()
            .position(|t| t.starts_with(&top))
            .unwrap_or_else(|| panic!("no page starts with {top}: {texts:#?}"));
        starts.push(page);
    }
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    assert_eq!(starts[0], 0);
    // The first lesson's steps, in order, each with its words; the phone's words are text too.
    let first: String = texts[starts[0]..starts[1]].concat();
    let mut from = 0;
    for (i, step) in pack.lessons[0].steps.iter().enumerate() {
        let heading = format!("第{}步", i + 1);
        let say: String = step.say.zh.chars().filter(|c| !c.is_whitespace()).collect();
        let at = first[from..]
            .find(&format!("{heading}{say}"))
            .unwrap_or_else(|| panic!("{heading} {say} not in order in {first}"));
        from += at + heading.len();
    }
    assert!(first.contains("（图里标着»的那个）"), "{first}");
    assert!(
        first.contains("安全提醒") && first.contains("96110"),
        "{first}"
    );
    // Page numbers, so loose pages find their order.
    assert!(
        texts[0].contains(&format!("第1页，共{n}页")),
        "{}",
        texts[0]
    );
}

#[test]
fn a_sheet_of_one_lesson_in_english_and_nothing_is_ever_written_over() {
    chromium_present();
    let c = class();
    let output = c.print(&["sheet", "demo/2"]);
    assert!(output.status.success(), "{output:?}");
    let pdf = c.file("练习单-练习课-2-短课.pdf");
    assert_eq!(pages(&pdf), 1);
    let before = std::fs::read(&pdf).unwrap();
    // Again: refused, with the way out, and the files are as they were.
    let again = c.print(&["sheet", "demo/short"]);
    let (_, err) = said(&again);
    assert_eq!(again.status.code(), Some(6), "{err}");
    assert!(
        err.contains("已经有这个文件了") && err.contains("--replace"),
        "{err}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    assert_eq!(c.files().len(), 2, "{:?}", c.files());
    // With --replace it is written again; in English with --lang en.
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhulao"));
    let english = command
        .args(["--lang", "en", "--data"])
        .arg(c.data.path())
        .arg("--lessons")
        .arg(common::fixture_dir())
        .args(["print", "sheet", "demo/short", "--out"])
        .arg(c.out.path())
        .output()
        .unwrap();
    let (out, _) = said(&english);
    assert!(english.status.success(), "{english:?}");
    assert!(
        out.contains("practice-sheet-Practice-2-A_short_lesson.pdf"),
        "{out}"
    );
    let text = page_text(&c.file("practice-sheet-Practice-2-A_short_lesson.pdf"), 1);
    assert!(
        text.contains("Practice·Lesson2") && text.contains("Step1"),
        "{text}"
    );
    assert!(text.contains("Staysafe"), "{text}");
    let replaced = c.print(&["sheet", "demo/short", "--replace"]);
    assert!(replaced.status.success(), "{replaced:?}");
}

#[test]
fn unknown_learners_courses_and_lessons_and_unfinished_courses_are_said_plainly() {
    let c = class();
    let centre = ["--centre", "幸福里社区长者学堂"];
    let unknown = c.print(&[&["certificate", "--learner", "王小明"][..], &centre].concat());
    let (_, err) = said(&unknown);
    assert_eq!(unknown.status.code(), Some(2), "{err}");
    assert!(
        err.contains("名单上没有“王小明”。名单上的学员有："),
        "{err}"
    );
    for name in ["王秀英", "李明", "学员 1"] {
        assert!(err.contains(name), "{name} not in {err}");
    }
    let unfinished = c.print(
        &[
            &["certificate", "--learner", "李明", "--course", "练习课"][..],
            &centre,
        ]
        .concat(),
    );
    let (_, err) = said(&unfinished);
    assert_eq!(unfinished.status.code(), Some(1), "{err}");
    assert!(
        err.contains("李明 还没有学完“练习课”：2 课里学完了 1 课，还没学完的课有：短课。"),
        "{err}"
    );
    let course = c.print(
        &[
            &["certificate", "--all-finished", "--course", "wechat-x"][..],
            &centre,
        ]
        .concat(),
    );
    let (_, err) = said(&course);
    assert_eq!(course.status.code(), Some(2), "{err}");
    assert!(
        err.contains("没有“wechat-x”这门课程") && err.contains("demo（练习课）"),
        "{err}"
    );
    let lesson = c.print(&["sheet", "demo/9"]);
    let (_, err) = said(&lesson);
    assert_eq!(lesson.status.code(), Some(2), "{err}");
    assert!(
        err.contains("没有“9”这一课") && err.contains("2. short（短课）"),
        "{err}"
    );
    let target = c.print(&["sheet", "/x"]);
    assert_eq!(target.status.code(), Some(2));
    // Nothing was written by any of them.
    assert!(c.files().is_empty(), "{:?}", c.files());
}

#[test]
fn without_a_centre_name_the_teacher_is_told_how_to_set_it_and_it_can_be_kept() {
    let c = class();
    let none = c.print(&["certificate", "--learner", "王秀英"]);
    let (_, err) = said(&none);
    assert_eq!(none.status.code(), Some(2), "{err}");
    assert!(
        err.contains("还没有填写中心的名字") && err.contains("--centre"),
        "{err}"
    );
    assert!(c.files().is_empty());
    // Kept once, it is on every certificate after.
    let empty = tempfile::tempdir().unwrap();
    let kept = c.print_with_path(
        &[
            "certificate",
            "--learner",
            "王秀英",
            "--centre",
            "幸福里社区长者学堂",
            "--save-centre",
        ],
        Some(empty.path()),
    );
    let (out, err) = said(&kept);
    assert!(kept.status.success(), "{out}{err}");
    assert!(
        out.contains("记下了中心的名字：幸福里社区长者学堂"),
        "{out}"
    );
    let store = Store::open(c.data.path()).unwrap();
    assert_eq!(store.centre_settings().unwrap().name, "幸福里社区长者学堂");
    let html = std::fs::read_to_string(c.file("结业证书-王秀英.html")).unwrap();
    assert!(html.contains("幸福里社区长者学堂"));
}

#[test]
fn without_chromium_the_web_page_is_written_and_the_teacher_is_told_how_to_get_a_pdf() {
    let c = class();
    // A PATH with no browser on it.
    let empty = tempfile::tempdir().unwrap();
    let output = c.print_with_path(&["sheet", "demo/1"], Some(empty.path()));
    let (out, err) = said(&output);
    assert!(output.status.success(), "{out}{err}");
    assert_eq!(c.files(), ["练习单-练习课-1-每种练习.html"]);
    assert!(
        out.contains("没有找到 Chromium") && out.contains("Ctrl+P"),
        "{out}"
    );
    assert!(out.contains("sudo apt-get install chromium"), "{out}");
    let html = std::fs::read_to_string(c.file("练习单-练习课-1-每种练习.html")).unwrap();
    assert!(html.contains("<svg class=\"screen\""));
}
