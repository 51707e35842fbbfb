//! Launch that does not grow with the course: time from spawning the program in a real
//! pseudo-terminal to its first screen fully drawn, for
//! - a minimal ratatui app (this very benchmark, run with `--minimal-app`: raw mode, the
//!   alternate screen, one bordered paragraph, wait for a key) — the floor;
//! - zhulao on its built-in course (eight packs, 47 lessons; compiled in, pre-validated);
//! - zhulao reading the same course as TOML from `--lessons` (`lessons/` of the source, parsed
//!   and validated at start as a centre's own folder is, its packs replacing the built-in
//!   ones), for contrast.
//!
//! All in one run, interleaved, on an existing database (the first, uncounted round leaves the
//! copy of the first screen's settings beside it, as any earlier day would); medians of many
//! launches. zhulao draws its welcome screen from that copy before it opens the database and
//! loads the packs, so for zhulao a second figure is given too: launch to a key answered
//! (Ctrl+C sent the moment the first screen shows, until "要退出吗" is drawn) — the database
//! opened and checked, the packs loaded and the key handled. Also timed in-process: decoding
//! the compact course vs parsing and validating its TOML.
//! Run with `cargo bench --bench launch`. No pass/fail thresholds: figures to read.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::Path;
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

    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let (packs, errors) = zhulao::content::Source::directory(&course).unwrap().load();
    assert!(errors.is_empty(), "{errors:?}");
    let (lessons, steps) = zhulao::content::counts(&packs);
    println!(
        "the course: {} packs, {lessons} lessons, {steps} steps",
        packs.len()
    );
    let compact = zhulao::content::compact::encode(&packs);

    // In-process: what launch spends on the course.
    let toml: Vec<Duration> = (0..DECODES)
        .map(|_| {
            let t = Instant::now();
            let (p, _) = zhulao::content::Source::directory(&course).unwrap().load();
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
    report("the course: read, parse and validate the TOML", toml);
    report("the course: decode the compact pre-validated form", decode);
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
            name: "zhulao, the same course as TOML (--lessons)",
            binary: zhulao.clone(),
            args: vec!["--lessons".into(), course.display().to_string()],
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
