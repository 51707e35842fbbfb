//! Read-aloud and remembered settings, end to end: the real binary in a pseudo-terminal with a
//! fake text-to-speech program (a shell script that logs its arguments, its process id and the
//! text it is given). Unix only: the fake is a shell script.
#![cfg(unix)]

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty;

struct FakeTts {
    _dir: tempfile::TempDir,
    script: PathBuf,
    log: PathBuf,
}

impl FakeTts {
    /// The script logs "PID <pid> ARGS <args>", then the text, then keeps "speaking" for
    /// 30 seconds unless it is stopped.
    fn new() -> FakeTts {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("tts.log");
        let script = dir.path().join("fake-tts");
        let body = format!(
            "#!/bin/sh\necho \"PID $$ ARGS $*\" >> '{log}'\ncat >> '{log}'\necho >> '{log}'\nexec sleep 30\n",
            log = log.display()
        );
        fs::write(&script, body).unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        FakeTts {
            _dir: dir,
            script,
            log,
        }
    }

    fn command(&self) -> String {
        format!(
            "{} -v {{voice}} -s {{rate}} --lang {{lang}}",
            self.script.display()
        )
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        while start.elapsed() < pty::WAIT {
            let log = self.log();
            if log.contains(needle) {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the speech log never got {needle:?}:\n{}", self.log());
    }

    /// Process ids of every utterance so far, in order.
    fn pids(&self) -> Vec<u32> {
        self.log()
            .lines()
            .filter_map(|l| l.strip_prefix("PID "))
            .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
            .collect()
    }
}

/// Whether `pid` still runs (a zombie does not).
fn alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z'))
    })
}

fn start(data: &Path, speech: &str) -> pty::Session {
    common::start_app(data, 80, 24, &[], &[("ZHULAO_SPEECH", speech)])
}

fn quit(s: &mut pty::Session) {
    s.send("\x03");
    s.wait_for("要退出吗");
    s.send("1");
    assert!(s.wait_exit());
}

#[test]
fn r_reads_the_step_in_the_right_voice_and_a_second_request_stops_the_first() {
    let data = tempfile::tempdir().unwrap();
    let tts = FakeTts::new();
    let mut s = start(data.path(), &tts.command());
    common::open_test_lesson(&mut s);
    s.send("r");
    let log = tts.wait_for("这是手机的桌面");
    assert!(log.contains("ARGS -v cmn -s 150 --lang zh"), "{log}");
    let first = tts.pids()[0];
    assert!(alive(first), "still speaking");
    s.send("r");
    let start = Instant::now();
    while tts.pids().len() < 2 && start.elapsed() < pty::WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = tts.pids()[1];
    assert!(!alive(first), "the first reading was stopped");
    assert!(alive(second));
    // Leaving the step stops the reading too.
    s.key("\x1b", "选一节课");
    let start = Instant::now();
    while alive(second) && start.elapsed() < pty::WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!alive(second), "leaving the lesson stopped the voice");
    quit(&mut s);
}

#[test]
fn with_read_aloud_on_every_new_step_is_read_by_itself_in_english_too() {
    let data = tempfile::tempdir().unwrap();
    let tts = FakeTts::new();
    let mut s = start(data.path(), &tts.command());
    s.wait_for("开始学习");
    s.key("2", "Start learning"); // English
    s.key("3", "Read each step");
    s.key("4", "On"); // the machine's setting: read each step
    s.key("\x1b", "Start learning");
    s.key("1", "New learner: use a number");
    s.key("2", "Practice");
    s.key("1", "Every exercise");
    s.key("1", "Step 1 of 7");
    let log = tts.wait_for("This is the phone's home screen.");
    assert!(log.contains("ARGS -v en -s 150 --lang en"), "{log}");
    s.key("\r", "Step 2 of 7");
    tts.wait_for("Find “WeRead” and tap it.");
    s.send("\x03");
    s.wait_for("Leave now?");
    s.send("1");
    assert!(s.wait_exit());
}

#[test]
fn without_a_speech_program_the_read_button_says_so_plainly() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path(), "/nonexistent/zhulao-no-tts -v {voice}");
    common::open_test_lesson(&mut s);
    s.click_last("r 朗读", "还不能朗读");
    assert!(s.text().contains("zhulao-no-tts"), "{}", s.text());
    s.key("\r", "第 2 步 / 共 7 步");
    assert!(
        !s.text().contains("还不能朗读"),
        "the notice goes with the next key"
    );
    quit(&mut s);
}

#[test]
fn settings_chosen_on_one_run_are_there_on_the_next() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path(), "/nonexistent/tts");
    s.wait_for("开始学习");
    s.key("3", "文字大小");
    s.key("3", "白底黑字"); // colours
    s.key("\x1b", "开始学习");
    s.key("+", "█"); // 大字: the welcome heading in big glyphs
    quit(&mut s);

    let mut s = start(data.path(), "/nonexistent/tts");
    s.wait_for("█");
    s.key("3", "文字大小");
    let text = s.text();
    assert!(text.contains("白底黑字") && text.contains("大字"), "{text}");
    s.key("-", "正常");
    quit(&mut s);
}
