//! Every command that prints, writing into a pipe whose reader has already gone (`zhulao
//! report … | head -1`): it ends quietly, never with a panic (exit code 101 and a
//! programmer's message on stderr).

use std::process::{Command, Stdio};

/// Runs zhulao with `args` and its standard output a pipe closed before it starts: the first
/// line it prints meets a reader that has left. Returns the exit status and stderr.
#[cfg(unix)]
fn into_a_closed_pipe(data: &std::path::Path, args: &[&str]) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data)
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn no_command_panics_when_its_reader_has_gone() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let roster = dir.path().join("roster.csv");
    let lines: String = (1..=500).map(|i| format!("学员{i}\n")).collect();
    std::fs::write(&roster, format!("姓名\n{lines}")).unwrap();
    let report = dir.path().join("report.csv");
    let export = dir.path().join("export.jsonl");
    let kiosk = dir.path().join("kiosk");
    let fixtures = crate::common::fixture_dir();
    let commands: Vec<Vec<&str>> = vec![
        vec!["roster", "import", roster.to_str().unwrap()],
        vec!["licences"],
        vec!["check", fixtures.to_str().unwrap()],
        vec!["report", "--csv", report.to_str().unwrap()],
        vec!["export", "--xapi", export.to_str().unwrap()],
        vec!["import", export.to_str().unwrap()],
        vec!["doctor"],
        vec!["check-db"],
        vec!["kiosk-setup", "--print", kiosk.to_str().unwrap()],
        vec!["--lang", "en", "roster", "import", roster.to_str().unwrap()],
    ];
    for args in commands {
        let (status, stderr) = into_a_closed_pipe(&data, &args);
        assert_ne!(status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        // It printed, met the closed pipe and ended as `cat` would, by the signal.
        if args.contains(&"licences") || args.contains(&"import") {
            assert_eq!(status.signal(), Some(13), "{args:?}: {status:?}");
        }
    }
}
