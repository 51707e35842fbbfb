//! Launch-to-first-screen and key-press-to-next-screen times of the release binary in a real
//! pseudo-terminal, as a learner would feel them, at every text size. Run with
//! `cargo bench --bench latency`.
//!
//! Launch: from spawning the process until the welcome screen is fully drawn (all packs loaded,
//! database created or opened). Key press: from writing a key to the terminal until the next
//! screen is drawn (an answer is committed to SQLite with synchronous=FULL on the way).
//! Reports medians (and quartiles) of many runs; no pass/fail thresholds.
//!
//! `ZHULAO_BENCH_BINARY=path` measures another build (say, the previous release) in the same
//! run for a fair comparison; `ZHULAO_BENCH_SIZES=normal` limits the text sizes (an older build
//! knows only normal).

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use zhulao::settings::{Settings, SettingsOwner, TextSize};

const LAUNCHES: usize = 30;
const LESSON_RUNS: usize = 5;

fn fixture_args() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    vec!["--lessons".into(), dir.display().to_string()]
}

fn write_now(s: &mut pty::Session, key: &str) -> Instant {
    let t = Instant::now();
    s.send_raw(key);
    t
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    println!(
        "{name}: median {:.2} ms (p25 {:.2}, p75 {:.2}, min {:.2}, max {:.2}; n = {n})",
        ms(samples[n / 2]),
        ms(samples[n / 4]),
        ms(samples[3 * n / 4]),
        ms(samples[0]),
        ms(samples[n - 1]),
    );
}

/// Makes `size` the machine's text size in the database in `data` (new learners start with it).
fn set_size(data: &Path, size: TextSize) {
    let mut store = zhulao::progress::Store::open(data).unwrap();
    let settings = Settings {
        text_size: size,
        ..Settings::default()
    };
    store
        .save_settings(&SettingsOwner::Machine, &settings)
        .unwrap();
}

fn main() {
    let binary = std::env::var("ZHULAO_BENCH_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_zhulao").to_string());
    let sizes: Vec<TextSize> = std::env::var("ZHULAO_BENCH_SIZES")
        .unwrap_or_else(|_| "normal,big,huge".into())
        .split(',')
        .filter_map(|s| TextSize::parse(s.trim()))
        .collect();
    println!("binary: {binary}");
    let launch = |data: &Path| {
        let start = Instant::now();
        let mut s = pty::Session::start(&binary, data, 80, 24, &[]);
        let shown = s.appeared("English");
        s.send("\x03");
        s.send("1");
        s.wait_exit();
        shown - start
    };
    let fresh: Vec<Duration> = (0..LAUNCHES)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            launch(dir.path())
        })
        .collect();
    report("launch to first screen, new database", fresh);
    for size in sizes {
        let kept = tempfile::tempdir().unwrap();
        launch(kept.path());
        if size != TextSize::Normal {
            set_size(kept.path(), size);
        }
        let again: Vec<Duration> = (0..LAUNCHES).map(|_| launch(kept.path())).collect();
        report(
            &format!(
                "[{}] launch to first screen, existing database",
                size.as_str()
            ),
            again,
        );
        let (answers, others) = lesson_keys(&binary, kept.path());
        report(
            &format!(
                "[{}] answer key to next screen (answer committed first)",
                size.as_str()
            ),
            answers,
        );
        report(
            &format!(
                "[{}] other key to next screen (moving, typing digits)",
                size.as_str()
            ),
            others,
        );
    }
    let size = std::fs::metadata(&binary).map(|m| m.len()).unwrap_or(0);
    println!(
        "release binary: {} bytes ({:.1} MiB)",
        size,
        size as f64 / 1048576.0
    );
}

/// Key press to next screen: the steps of the test lesson, answered again and again.
fn lesson_keys(binary: &str, data: &Path) -> (Vec<Duration>, Vec<Duration>) {
    let mut s = pty::Session::start(binary, data, 80, 24, &fixture_args());
    s.wait_for("开始学习");
    s.key("1", "新学员：用编号");
    s.key("2", "练习课");
    s.key("1", "每种练习");
    s.key("1", "第 1 步 / 共 7 步");
    let mut answers = Vec::new();
    let mut others = Vec::new();
    let mut measure = |s: &mut pty::Session, key: &str, then: &str, commits: bool| {
        let sent = write_now(s, key);
        let shown = s.appeared(then);
        if commits {
            answers.push(shown - sent);
        } else {
            others.push(shown - sent);
        }
        // Let the terminal settle so the next key is measured on its own.
        std::thread::sleep(Duration::from_millis(5));
    };
    for run in 0..LESSON_RUNS {
        measure(&mut s, "\r", "第 2 步 / 共 7 步", true);
        measure(&mut s, "3", "第 3 步 / 共 7 步", true);
        // Choices and order items are shuffled in each run: read their keys off the screen.
        let refuse = s.number_of("不告诉，挂电话");
        measure(&mut s, &refuse, "银行和警察", true);
        measure(&mut s, "\r", "第 4 步 / 共 7 步", false);
        let order: Vec<String> = ["打开电话", "找到家人", "点拨打"]
            .iter()
            .map(|l| s.number_of(l))
            .collect();
        measure(&mut s, &order[0], "✓ 第1", false);
        measure(&mut s, &order[1], "✓ 第2", false);
        measure(&mut s, &order[2], "第 5 步 / 共 7 步", true);
        measure(&mut s, "2", "2 _ _", false);
        measure(&mut s, "0", "2 0 _", false);
        measure(&mut s, "0", "2 0 0", false);
        measure(&mut s, "\r", "第 6 步 / 共 7 步", true);
        measure(&mut s, "2", "第 7 步 / 共 7 步", true);
        measure(&mut s, "\r", "得到星星", true);
        if run + 1 < LESSON_RUNS {
            s.key("2", "第 1 步 / 共 7 步"); // do it again
        }
    }
    s.send("\x03");
    s.send("1");
    s.wait_exit();
    (answers, others)
}
