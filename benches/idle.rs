//! What a kiosk left alone costs: the release binary in a real pseudo-terminal, measured from
//! outside through /proc while nobody touches it. CPU time is the sum over all its threads of
//! the time they ran (`/proc/PID/task/*/schedstat`, nanoseconds); wake-ups are the context
//! switches of all its threads (`voluntary_ctxt_switches` + `nonvoluntary_ctxt_switches`): each
//! time a thread was woken and gave up the CPU again.
//!
//! Three cases, each over `ZHULAO_IDLE_MEASURE` seconds (default 60), `ZHULAO_BENCH_RUNS` times
//! (default 3), reporting the median:
//! - a kiosk at rest on its welcome screen (expected: no wake-ups at all);
//! - a kiosk with a learner who walked away mid-lesson, with the idle time at 20 s and the
//!   countdown at 30 s (expected: one wake-up after 20 s, one per second of the countdown, then
//!   none once it is back at the welcome screen);
//! - the same learner without kiosk mode (expected: none — no reset, no timer).
//!
//! Linux only (it reads /proc). Run with `cargo bench --bench idle`. No pass/fail thresholds.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

fn fixture_args() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    vec!["--lessons".into(), dir.display().to_string()]
}

/// CPU nanoseconds and context switches of every thread of `pid`, so far.
fn usage(pid: u32) -> (u64, u64) {
    let mut cpu = 0;
    let mut switches = 0;
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("a Linux /proc");
    for task in tasks.flatten() {
        let dir = task.path();
        if let Ok(s) = std::fs::read_to_string(dir.join("schedstat")) {
            cpu += s
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
        if let Ok(s) = std::fs::read_to_string(dir.join("status")) {
            for line in s.lines() {
                if let Some((key, value)) = line.split_once(':')
                    && key.ends_with("ctxt_switches")
                {
                    switches += value.trim().parse::<u64>().unwrap_or(0);
                }
            }
        }
    }
    (cpu, switches)
}

struct Measured {
    cpu_ms: f64,
    wakeups: u64,
    threads: usize,
}

fn measure(args: &[String], to_the_lesson: bool, seconds: u64) -> Measured {
    let data = tempfile::tempdir().unwrap();
    let binary = std::env::var("ZHULAO_BENCH_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_zhulao").to_string());
    let mut s = pty::Session::start(&binary, data.path(), 80, 24, args);
    s.wait_for("开始学习");
    if to_the_lesson {
        s.key("1", "谁在学习");
        s.key("2", "选一门课");
        s.key("1", "选一节课");
        s.key("1", "第 1 步");
    }
    // Let the last draw settle before measuring.
    std::thread::sleep(Duration::from_millis(500));
    let pid = s.pid();
    let (cpu0, sw0) = usage(pid);
    std::thread::sleep(Duration::from_secs(seconds));
    let (cpu1, sw1) = usage(pid);
    let threads = std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|d| d.count())
        .unwrap_or(0);
    s.signal(nix::sys::signal::Signal::SIGTERM);
    s.wait_status();
    Measured {
        cpu_ms: (cpu1 - cpu0) as f64 / 1e6,
        wakeups: sw1 - sw0,
        threads,
    }
}

fn main() {
    let seconds: u64 = std::env::var("ZHULAO_IDLE_MEASURE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let runs: usize = std::env::var("ZHULAO_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let kiosk = |extra: &[&str]| {
        let mut a = fixture_args();
        a.push("--kiosk".into());
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cases: [(&str, Vec<String>, bool); 3] = [
        ("kiosk at rest on the welcome screen", kiosk(&[]), false),
        (
            "kiosk, learner walked away mid-lesson (idle 20 s, countdown 30 s)",
            kiosk(&["--idle-seconds", "20", "--countdown-seconds", "30"]),
            true,
        ),
        (
            "no kiosk, learner walked away mid-lesson",
            fixture_args(),
            true,
        ),
    ];
    println!("idle for {seconds} s, {runs} runs each, medians:");
    for (name, args, lesson) in cases {
        let mut all: Vec<Measured> = (0..runs).map(|_| measure(&args, lesson, seconds)).collect();
        all.sort_by(|a, b| a.cpu_ms.total_cmp(&b.cpu_ms));
        let cpu = all[all.len() / 2].cpu_ms;
        let mut wakeups: Vec<u64> = all.iter().map(|m| m.wakeups).collect();
        wakeups.sort();
        println!(
            "{name}: CPU {cpu:.3} ms, wake-ups {} (all runs: {:?}; {} threads)",
            wakeups[wakeups.len() / 2],
            all.iter().map(|m| m.wakeups).collect::<Vec<_>>(),
            all[0].threads
        );
    }
}
