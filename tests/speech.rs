//! Read-aloud with a fake TTS program: a shell script that logs its
//! arguments and the text it receives. Unix only, because the fake is a
//! shell script and the checks look at process ids.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use zhulao::speech::{Availability, Lang, Rate, Speaker, SpeechCommand, SpeechError};

/// Writing an executable while another test thread starts a process can
/// fail with "Text file busy": the new process briefly inherits our open
/// write handle to the script. Scripts are written under the write lock and
/// processes started under a read lock, so the two never overlap (Rust's
/// `spawn` returns only after the new process has exec'd, dropping the
/// inherited handle).
static SPAWN_LOCK: RwLock<()> = RwLock::new(());

struct Fake {
    // Kept so the directory lives as long as the test; its name contains a
    // space to exercise quoting in the command string.
    _dir: tempfile::TempDir,
    script: PathBuf,
    log: PathBuf,
}

impl Fake {
    /// `body` is the script after the shebang; `LOG` in it is replaced by
    /// the quoted log path.
    fn new(body: &str) -> Fake {
        let dir = tempfile::Builder::new()
            .prefix("zhulao speech ")
            .tempdir()
            .expect("tempdir");
        let log = dir.path().join("log.txt");
        let script = dir.path().join("fake tts.sh");
        let quoted_log = format!("'{}'", log.display());
        let text = format!("#!/bin/sh\n{}\n", body.replace("LOG", &quoted_log));
        let _guard = SPAWN_LOCK.write().unwrap_or_else(|e| e.into_inner());
        fs::write(&script, text).expect("write script");
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).expect("chmod");
        Fake {
            _dir: dir,
            script,
            log,
        }
    }

    /// A command line running the script, with `args` after it.
    fn command(&self, args: &str) -> SpeechCommand {
        SpeechCommand::parse(&format!("\"{}\" {args}", self.script.display())).expect("parse")
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Polls the log until `done` says yes, for at most `limit`.
    fn wait_for_log(&self, limit: Duration, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if done(&log) || start.elapsed() > limit {
                return log;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn speak(s: &mut Speaker, text: &str, lang: Lang, rate: Rate) -> Result<(), SpeechError> {
    let _guard = SPAWN_LOCK.read().unwrap_or_else(|e| e.into_inner());
    s.speak(text, lang, rate)
}

/// Whether `pid` is a live process. A zombie counts as gone: it no longer
/// runs, and whether it is reaped depends on who adopted it, not on us.
fn alive(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state letter follows the command name, which is in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) if Path::new("/proc/self").exists() => false,
        // No /proc (not Linux): ask kill -0.
        Err(_) => std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .status()
            .is_ok_and(|s| s.success()),
    }
}

fn wait_until_gone(pid: u32, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if !alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    !alive(pid)
}

/// Value after `key ` on the first line starting with it.
fn field(log: &str, key: &str) -> Option<u32> {
    log.lines()
        .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
}

const LOGGING_TTS: &str = r#"echo "ARGS: $*" >> LOG
cat >> LOG
echo >> LOG
echo END >> LOG"#;

#[test]
fn text_and_arguments_arrive() {
    let fake = Fake::new(LOGGING_TTS);
    let mut s = Speaker::new(Some(
        fake.command("--voice {voice} --lang={lang} -s {rate}"),
    ));
    assert_eq!(s.available(), Availability::Ready);

    // Characters a shell would act on must arrive untouched.
    let zh = "你好，今天天气很好。 $(rm -rf /) \"引号\" -v";
    speak(&mut s, zh, Lang::Zh, Rate::Slow).expect("speak zh");
    let log = fake.wait_for_log(Duration::from_secs(2), |l| l.contains("END"));
    assert_eq!(
        log,
        format!("ARGS: --voice cmn --lang=zh -s 110\n{zh}\nEND\n")
    );

    // Wait for the first run to finish on its own so the second does not
    // interrupt it; reap must then clear it.
    let start = Instant::now();
    while s.is_speaking() && start.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!s.is_speaking(), "finished program should have been reaped");

    s.set_voice(Lang::En, "en-gb");
    speak(&mut s, "Good morning", Lang::En, Rate::Fast).expect("speak en");
    let log = fake.wait_for_log(Duration::from_secs(2), |l| l.matches("END").count() == 2);
    assert!(
        log.ends_with("ARGS: --voice en-gb --lang=en -s 190\nGood morning\nEND\n"),
        "{log}"
    );

    speak(&mut s, "中速", Lang::Zh, Rate::Normal).expect("speak normal");
    let log = fake.wait_for_log(Duration::from_secs(2), |l| l.matches("END").count() == 3);
    assert!(
        log.ends_with("ARGS: --voice cmn --lang=zh -s 150\n中速\nEND\n"),
        "{log}"
    );
}

#[test]
fn second_request_stops_the_first() {
    // Like a wrapper script around a real engine: the shell reads the text,
    // then a child of it (`sleep`, standing in for an audio player) runs on.
    let fake = Fake::new(
        r#"echo "PID $$" >> LOG
cat >> LOG
echo >> LOG
sleep 5 &
echo "PLAYER $!" >> LOG
wait"#,
    );
    let mut s = Speaker::new(Some(fake.command("")));

    speak(&mut s, "first", Lang::Zh, Rate::Normal).expect("first");
    let log = fake.wait_for_log(Duration::from_secs(2), |l| l.contains("PLAYER"));
    let first = field(&log, "PID ").expect("first pid in log");
    let first_player = field(&log, "PLAYER ").expect("first player pid in log");
    assert_eq!(s.current_pid(), Some(first));
    assert!(
        alive(first) && alive(first_player),
        "first should be running"
    );

    let start = Instant::now();
    speak(&mut s, "second", Lang::Zh, Rate::Normal).expect("second");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "speak took {:?}",
        start.elapsed()
    );

    // `speak` reaped the first script before returning, so it is gone now;
    // its player was killed with its process group.
    assert!(!alive(first), "first script still running");
    assert!(
        wait_until_gone(first_player, Duration::from_millis(500)),
        "first script's player still running"
    );

    let log = fake.wait_for_log(Duration::from_secs(2), |l| l.matches("PLAYER").count() == 2);
    assert!(log.contains("first\n") && log.contains("second\n"), "{log}");
    let second = s.current_pid().expect("second is speaking");
    assert_ne!(second, first);
    assert!(log.contains(&format!("PID {second}")), "{log}");
    assert!(alive(second));

    // stop() and Drop clean up the same way.
    s.stop();
    assert!(!alive(second));
    assert!(!s.is_speaking());
}

#[test]
fn speak_does_not_wait_for_a_program_that_never_reads() {
    // Far more text than any pipe buffer holds, to a program that never
    // reads it: a blocking write would hang here for 5 seconds.
    let fake = Fake::new("echo \"PID $$\" >> LOG\nexec sleep 5");
    let mut s = Speaker::new(Some(fake.command("")));
    let text = "很长的文字。".repeat(50_000); // ~900 KB
    let start = Instant::now();
    speak(&mut s, &text, Lang::Zh, Rate::Normal).expect("speak");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );

    let pid = s.current_pid().expect("running");
    drop(s);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(!alive(pid), "drop should stop speech");
}

#[test]
fn missing_program_is_not_installed() {
    for line in [
        "zhulao-test-no-such-tts -v {voice}",
        "/nonexistent/zhulao/tts --stdin",
    ] {
        let cmd = SpeechCommand::parse(line).expect("parse");
        let program = cmd.program().to_owned();
        let mut s = Speaker::new(Some(cmd));
        let availability = s.available();
        assert_eq!(
            availability,
            Availability::NotInstalled {
                program: program.clone()
            }
        );
        assert_eq!(
            availability.to_string(),
            format!("this computer cannot read aloud: {program} is not installed")
        );
        match speak(&mut s, "你好", Lang::Zh, Rate::Normal) {
            Err(SpeechError::NotInstalled { program: p }) => assert_eq!(p, program),
            other => panic!("expected NotInstalled, got {other:?}"),
        }
        assert!(!s.is_speaking());
    }
}

#[test]
fn program_that_is_not_executable_gives_a_plain_error() {
    let fake = Fake::new(LOGGING_TTS);
    fs::set_permissions(&fake.script, fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut s = Speaker::new(Some(fake.command("")));
    assert!(matches!(s.available(), Availability::NotInstalled { .. }));
    let err = speak(&mut s, "你好", Lang::Zh, Rate::Normal).expect_err("cannot run");
    assert!(matches!(err, SpeechError::SpawnFailed { .. }), "{err:?}");
    assert!(err.to_string().contains("not allowed to run"), "{err}");
}

#[test]
fn bad_quoting_gives_a_plain_error() {
    let err = SpeechCommand::parse("\"/opt/my tts/say -v {voice}").expect_err("unbalanced");
    assert_eq!(
        err.to_string(),
        "the speech command has a double quote (\") that is never closed: \
         \"/opt/my tts/say -v {voice}"
    );
    let err = SpeechCommand::resolve(Some("   ")).expect_err("blank");
    assert!(
        err.to_string().starts_with("the speech command is empty"),
        "{err}"
    );
}
