//! The outside tools the exchange tests check zhulao against, installed into
//! `target/test-tools` by `tests/tools.sh` (which `.ci/run` runs first), and a way to run any
//! program with a time limit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `target/test-tools`, beside the build (cargo gives the tests `target/tmp`).
pub fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("test-tools")
}

/// Makes sure a tool is installed ("npm": the validator, "ralph": the LRS), installing it the
/// first time. Without node/npm or python3 this fails and says what to install: these tests
/// never pass by skipping.
pub fn ensure_tool(which: &str) -> PathBuf {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools.sh");
    let mut command = Command::new("bash");
    command.arg(&script).arg(which).arg(tools_dir());
    let out = run_bounded(&mut command, Duration::from_secs(600));
    assert!(
        out.status.success(),
        "tests/tools.sh {which} could not install what this test needs (it needs node and npm \
         for the xAPI validator, python3 with venv for the Ralph LRS; on Debian or Ubuntu: \
         apt-get install nodejs npm python3 python3-venv):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    tools_dir().join(match which {
        "npm" => "xapi-validation",
        "ralph" => "ralph-venv",
        other => panic!("no tool called {other}"),
    })
}

/// Runs `command` to the end, or kills it after `limit` and fails the test.
pub fn run_bounded(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} took longer than {limit:?} and was stopped");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Runs tests/xapi/validate.js on a JSON Lines file: (all valid, what it printed).
pub fn validate(file: &Path) -> (bool, String) {
    let modules = ensure_tool("npm");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xapi/validate.js");
    let out = run_bounded(
        Command::new("node").arg(script).arg(modules).arg(file),
        Duration::from_secs(60),
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "the validator could not run: {said}"
    );
    (out.status.success(), said)
}
