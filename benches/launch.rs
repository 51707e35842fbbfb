//! Launch that does not grow with the course: time from spawning the program in a real
//! pseudo-terminal to its first screen fully drawn, for
//! - a minimal ratatui app (this very benchmark, run with `--minimal-app`: raw mode, the
//!   alternate screen, one bordered paragraph, wait for a key) — the floor;
//! - zhulao on its built-in course (compiled in, pre-validated);
//! - zhulao on a generated 40-lesson course in the same compiled-in form (four packs of ten
//!   lessons, copies of the built-in ones under new ids, passed as a compact file through
//!   `ZHULAO_BENCH_BUILT_IN`);
//! - zhulao reading the same 40 lessons as TOML from `--lessons` (parsed and validated at
//!   start, as a centre's own folder is), for contrast.
//!
//! All in one run, interleaved, on an existing database (the first, uncounted round leaves the
//! copy of the first screen's settings beside it, as any earlier day would); medians of many
//! launches. zhulao draws its welcome screen from that copy before it opens the database and
//! loads the packs, so for zhulao a second figure is given too: launch to a key answered
//! (Ctrl+C sent the moment the first screen shows, until "要退出吗" is drawn) — the database
//! opened and checked, the packs loaded and the key handled. Also timed in-process: decoding
//! the compact 40-lesson course vs parsing and validating its TOML.
//! Run with `cargo bench --bench launch`. No pass/fail thresholds: figures to read.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const LAUNCHES: usize = 40;
const DECODES: usize = 60;

/// What zhulao asks after Ctrl+C (the machine's language is Chinese in this run).
const QUIT_QUESTION: &str = "要退出吗";

/// The floor: the least a ratatui app does before its first screen.
fn minimal_app() {
    use crossterm::event::{self, Event};
    use crossterm::terminal::{
        EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
    };
    use ratatui::widgets::{Block, Paragraph};
    enable_raw_mode().unwrap();
    crossterm::execute!(std::io::stdout(), EnterAlternateScreen).unwrap();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout())).unwrap();
    terminal
        .draw(|f| {
            let p = Paragraph::new("欢迎 Welcome — a minimal ratatui app")
                .block(Block::bordered().title(" minimal "));
            f.render_widget(p, f.area());
        })
        .unwrap();
    loop {
        if let Ok(Event::Key(_)) = event::read() {
            break;
        }
    }
    crossterm::execute!(std::io::stdout(), LeaveAlternateScreen).unwrap();
    disable_raw_mode().unwrap();
}

/// Four packs of ten lessons: the built-in lessons again and again under new ids.
fn forty_lessons(root: &Path) {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut sources: Vec<PathBuf> = Vec::new();
    for pack in std::fs::read_dir(&lessons).unwrap() {
        let pack = pack.unwrap().path();
        if !pack.is_dir() {
            continue; // the authors' guide, README.md
        }
        for f in std::fs::read_dir(pack).unwrap() {
            let p = f.unwrap().path();
            if p.file_name().unwrap() != "pack.toml" {
                sources.push(p);
            }
        }
    }
    sources.sort();
    for p in 0..4 {
        let dir = root.join(format!("pack{p}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("pack.toml"),
            format!(
                "id = \"pack{p}\"\norder = {p}\ntitle = {{ zh = \"课程{p}\", en = \"Course {p}\" }}\nabout = {{ zh = \"说明\", en = \"About\" }}\n"
            ),
        )
        .unwrap();
        for l in 0..10 {
            let text = std::fs::read_to_string(&sources[(p * 10 + l) % sources.len()]).unwrap();
            let mut out = String::new();
            let mut renamed = false;
            for line in text.lines() {
                if !renamed && line.starts_with("id = ") {
                    out.push_str(&format!("id = \"lesson-{l}\"\n"));
                    renamed = true;
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            std::fs::write(dir.join(format!("{l:02}-lesson.toml")), out).unwrap();
        }
    }
}

fn median(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    (
        ms(samples[n / 2]),
        ms(samples[n / 4]),
        ms(samples[3 * n / 4]),
    )
}

fn report(name: &str, samples: Vec<Duration>) -> f64 {
    let n = samples.len();
    let (m, p25, p75) = median(samples);
    println!("{name}: median {m:.2} ms (p25 {p25:.2}, p75 {p75:.2}; n = {n})");
    m
}

struct Launch {
    name: &'static str,
    binary: String,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    needle: &'static str,
    samples: Vec<Duration>,
    /// When a key pressed at the first screen was answered.
    answered: Vec<Duration>,
}

fn main() {
    if std::env::args().any(|a| a == "--minimal-app") {
        minimal_app();
        return;
    }
    // `cargo bench` passes `--bench`; nothing else to read.
    let zhulao = env!("CARGO_BIN_EXE_zhulao").to_string();
    let me = std::env::current_exe().unwrap().display().to_string();

    let course = tempfile::tempdir().unwrap();
    forty_lessons(course.path());
    let (packs, errors) = zhulao::content::Source::directory(course.path())
        .unwrap()
        .load();
    assert!(errors.is_empty(), "{errors:?}");
    let (lessons, steps) = zhulao::content::counts(&packs);
    println!(
        "generated course: {} packs, {lessons} lessons, {steps} steps",
        packs.len()
    );
    let compact = zhulao::content::compact::encode(&packs);
    let blob = course.path().join("forty.bin");
    std::fs::write(&blob, &compact).unwrap();

    // In-process: what launch spends on the course.
    let toml: Vec<Duration> = (0..DECODES)
        .map(|_| {
            let t = Instant::now();
            let (p, _) = zhulao::content::Source::directory(course.path())
                .unwrap()
                .load();
            std::hint::black_box(p);
            t.elapsed()
        })
        .collect();
    let decode: Vec<Duration> = (0..DECODES)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(zhulao::content::compact::decode(&compact).unwrap());
            t.elapsed()
        })
        .collect();
    report("40 lessons: read, parse and validate the TOML", toml);
    report("40 lessons: decode the compact pre-validated form", decode);
    println!("compact form: {} bytes", compact.len());

    let mut launches = vec![
        Launch {
            name: "minimal ratatui app",
            binary: me,
            args: vec!["--minimal-app".into()],
            env: vec![],
            needle: "minimal ratatui app",
            samples: vec![],
            answered: vec![],
        },
        Launch {
            name: "zhulao, built-in course (compiled in)",
            binary: zhulao.clone(),
            args: vec![],
            env: vec![],
            needle: "English",
            samples: vec![],
            answered: vec![],
        },
        Launch {
            name: "zhulao, 40-lesson course (compiled-in form)",
            binary: zhulao.clone(),
            args: vec![],
            env: vec![(zhulao::built_in::BENCH_FILE_VAR, blob.display().to_string())],
            needle: "English",
            samples: vec![],
            answered: vec![],
        },
        Launch {
            name: "zhulao, 40-lesson course as TOML (--lessons)",
            binary: zhulao.clone(),
            args: vec!["--lessons".into(), course.path().display().to_string()],
            env: vec![],
            needle: "English",
            samples: vec![],
            answered: vec![],
        },
    ];
    let data = tempfile::tempdir().unwrap();
    // The database exists, as it does every day after the first.
    drop(zhulao::progress::Store::open(data.path()).unwrap());
    for round in 0..=LAUNCHES {
        for l in &mut launches {
            let env: Vec<(&str, &str)> = l.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let start = Instant::now();
            let mut s = pty::Session::start_with_env(&l.binary, data.path(), 80, 24, &l.args, &env);
            let shown = s.appeared(l.needle);
            let answered = if l.name.starts_with("minimal") {
                s.send("q");
                None
            } else {
                // A key pressed the moment the first screen shows: Ctrl+C asks whether to leave.
                s.send_raw("\x03");
                let answered = s.appeared(QUIT_QUESTION);
                s.send("1");
                Some(answered)
            };
            s.wait_exit();
            // The first round warms the disk cache; it is not counted.
            if round > 0 {
                l.samples.push(shown - start);
                l.answered.extend(answered.map(|a| a - start));
            }
        }
    }
    let mut medians = Vec::new();
    for l in launches {
        medians.push((
            l.name,
            report(&format!("launch to first screen: {}", l.name), l.samples),
        ));
        if !l.answered.is_empty() {
            report(
                &format!("  launch to a key answered: {}", l.name),
                l.answered,
            );
        }
    }
    let floor = medians[0].1;
    for (name, m) in &medians[1..] {
        println!("  {name}: {:.2}× the minimal app", m / floor);
    }
}
