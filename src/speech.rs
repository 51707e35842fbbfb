//! Read-aloud through an external text-to-speech (TTS) program.
//!
//! Why this exists: MIIT's guidelines for apps aimed at older people ask for
//! voice assistance, and many seniors read large screens slowly or not at
//! all. zhulao therefore offers "read this aloud" on every screen.
//!
//! Why it is built this way:
//!
//! * Speech is done by an external program (espeak-ng by default) rather than
//!   a linked engine, so the app stays small and a family member can point it
//!   at a better voice (`--speech-command` / `ZHULAO_SPEECH`) without a
//!   rebuild.
//! * The text goes to the program's standard input, never onto its command
//!   line and never through a shell: whatever the text contains (quotes,
//!   `$(...)`, leading dashes) it cannot be mistaken for options or commands,
//!   and it does not show up in `ps`.
//! * Speech must never freeze the screen. [`Speaker::speak`] only starts the
//!   program and hands the text to a short-lived writer thread; it returns at
//!   once. The one wait it does is reaping a process it has just killed,
//!   which the kernel finishes almost immediately.
//! * A new request interrupts the old one: a senior who presses "read" twice
//!   expects to hear the new text, not two voices on top of each other.
//! * Nothing here panics; every failure comes back as a [`SpeechError`] whose
//!   message is in plain words, because it may end up on the screen.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread;

pub use crate::lang::Lang;
pub use crate::settings::SpeechRate as Rate;

/// The command used when the user configured none.
///
/// `--stdin` makes espeak-ng read the text from standard input until end of
/// file, which is how every command here receives its text.
pub const DEFAULT_COMMAND: &str = "espeak-ng -v {voice} -s {rate} --stdin";

/// Environment variable the app reads the speech command from (the app
/// itself does the reading; the name lives here so both sides agree).
pub const ENV_VAR: &str = "ZHULAO_SPEECH";

/// The espeak-ng voice for a language, used for `{voice}` unless overridden with
/// [`Speaker::set_voice`]. "cmn" is espeak-ng's built-in Mandarin voice; `espeak-ng --voices=zh`
/// also lists an MBROLA voice under "zh", which needs extra data that is usually not installed.
pub fn default_voice(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "cmn",
        Lang::En => "en",
    }
}

/// Words per minute, espeak-ng's `-s` unit (its own default, 175, is a little fast for many
/// seniors). Three steps are enough to choose from with large buttons.
pub fn words_per_minute(rate: Rate) -> u32 {
    match rate {
        Rate::Slow => 110,
        Rate::Normal => 150,
        Rate::Fast => 190,
    }
}

/// Everything that can go wrong, each with a message a person can read.
#[derive(Debug)]
pub enum SpeechError {
    /// The command string has no program in it (empty, blank, or `""`).
    EmptyCommand,
    /// The command string opens a double quote it never closes.
    UnbalancedQuote {
        /// The command string as given, so the message can show it.
        command: String,
    },
    /// The program cannot be found.
    NotInstalled {
        /// The program as written in the command.
        program: String,
    },
    /// The program exists but could not be started (for example it is not
    /// marked executable), or the helper that feeds it text could not start.
    SpawnFailed {
        /// The program as written in the command.
        program: String,
        /// What the operating system said.
        source: io::Error,
    },
}

impl fmt::Display for SpeechError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpeechError::EmptyCommand => f.write_str(
                "the speech command is empty: it needs at least the name of a program, \
                 such as espeak-ng",
            ),
            SpeechError::UnbalancedQuote { command } => write!(
                f,
                "the speech command has a double quote (\") that is never closed: {command}"
            ),
            SpeechError::NotInstalled { program } => write!(
                f,
                "this computer cannot read aloud: {program} is not installed"
            ),
            SpeechError::SpawnFailed { program, source } => {
                if source.kind() == io::ErrorKind::PermissionDenied {
                    write!(
                        f,
                        "this computer cannot read aloud: {program} is not allowed to run \
                         (it may not be marked as a program)"
                    )
                } else {
                    write!(
                        f,
                        "this computer cannot read aloud: {program} could not be started ({source})"
                    )
                }
            }
        }
    }
}

impl std::error::Error for SpeechError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SpeechError::SpawnFailed { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A TTS program plus its argument templates, parsed from one line.
///
/// Arguments may contain the placeholders `{voice}`, `{lang}` and `{rate}`,
/// also inside a longer argument such as `--voice={voice}`. Other text in
/// braces is passed on unchanged, because some programs take literal braces.
/// The program name itself is never substituted: it says *what* runs and
/// should not change with the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechCommand {
    program: String,
    args: Vec<String>,
}

impl SpeechCommand {
    /// Parses a command line: words are split on whitespace, and double
    /// quotes group text with spaces into one word (`"/opt/my tts/say"`,
    /// `--name="Li Na"`). There is no backslash escaping, so Windows paths
    /// work as written; single quotes are ordinary characters.
    pub fn parse(line: &str) -> Result<Self, SpeechError> {
        let mut words = split_words(line)?.into_iter();
        match words.next() {
            Some(program) if !program.is_empty() => Ok(SpeechCommand {
                program,
                args: words.collect(),
            }),
            // `""` alone parses to one empty word: still no program.
            _ => Err(SpeechError::EmptyCommand),
        }
    }

    /// The espeak-ng command used when nothing else is configured.
    pub fn default_command() -> Self {
        // The constant is known to parse; building it by hand keeps this
        // function free of an `unwrap`.
        SpeechCommand {
            program: "espeak-ng".to_owned(),
            args: ["-v", "{voice}", "-s", "{rate}", "--stdin"]
                .map(str::to_owned)
                .to_vec(),
        }
    }

    /// Chooses the command: the explicit string if the user gave one
    /// (`--speech-command` or `ZHULAO_SPEECH`, as the app decides),
    /// otherwise [`DEFAULT_COMMAND`]. An explicit but broken string is an
    /// error rather than a silent fall-back, so the person who set it learns
    /// that it did not work.
    pub fn resolve(explicit: Option<&str>) -> Result<Self, SpeechError> {
        match explicit {
            Some(line) => Self::parse(line),
            None => Ok(Self::default_command()),
        }
    }

    /// The program as written (a name looked up in PATH, or a path).
    pub fn program(&self) -> &str {
        &self.program
    }

    /// The argument templates, placeholders not yet substituted.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The arguments with `{voice}`, `{lang}` and `{rate}` filled in. Each
    /// template stays exactly one argument, so a voice name with spaces
    /// cannot split into extra options.
    pub fn render_args(&self, voice: &str, lang: Lang, rate: Rate) -> Vec<String> {
        let wpm = words_per_minute(rate).to_string();
        self.args
            .iter()
            .map(|arg| {
                arg.replace("{voice}", voice)
                    .replace("{lang}", lang.as_str())
                    .replace("{rate}", &wpm)
            })
            .collect()
    }
}

impl Default for SpeechCommand {
    fn default() -> Self {
        Self::default_command()
    }
}

impl std::str::FromStr for SpeechCommand {
    type Err = SpeechError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Splits on whitespace outside double quotes. A quote may start or end in
/// the middle of a word and `""` gives an empty word.
fn split_words(line: &str) -> Result<Vec<String>, SpeechError> {
    let mut words = Vec::new();
    let mut current = String::new();
    // `in_word` is separate from `current.is_empty()` so that `""` still
    // counts as a (empty) word.
    let mut in_word = false;
    let mut in_quotes = false;
    for c in line.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
            in_word = true;
        } else if c.is_whitespace() && !in_quotes {
            if in_word {
                words.push(std::mem::take(&mut current));
                in_word = false;
            }
        } else {
            current.push(c);
            in_word = true;
        }
    }
    if in_quotes {
        return Err(SpeechError::UnbalancedQuote {
            command: line.to_owned(),
        });
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

/// Finds a program the way the operating system would start it (the `which` crate): a name
/// with a path separator is checked as a path (relative to the current directory), a bare name
/// is searched in `PATH` (with Windows' `.exe` and friends). Only files that can be run count.
/// This is what lets the UI say "not installed" *before* the user presses the button.
pub fn find_program(name: &str) -> Option<PathBuf> {
    find_program_in(name, std::env::var_os("PATH").as_deref())
}

/// [`find_program`] with the search path passed in, so tests need not change
/// the process environment (which is `unsafe` in edition 2024 and racy).
fn find_program_in(name: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
    if name.is_empty() {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    which::which_in(name, path_var, cwd).ok()
}

/// Whether the configured program can be used, for the UI to show before
/// the user asks for speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    /// The program was found and can be started.
    Ready,
    /// The program could not be found.
    NotInstalled {
        /// The program as written in the command.
        program: String,
    },
}

impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Availability::Ready => f.write_str("this computer can read aloud"),
            Availability::NotInstalled { program } => write!(
                f,
                "this computer cannot read aloud: {program} is not installed"
            ),
        }
    }
}

/// Runs the TTS program, at most one utterance at a time.
#[derive(Debug)]
pub struct Speaker {
    command: SpeechCommand,
    voice_zh: String,
    voice_en: String,
    current: Option<Child>,
}

impl Speaker {
    /// A speaker for `cmd`, or for the default espeak-ng command if `None`.
    pub fn new(cmd: Option<SpeechCommand>) -> Self {
        Speaker {
            command: cmd.unwrap_or_default(),
            voice_zh: default_voice(Lang::Zh).to_owned(),
            voice_en: default_voice(Lang::En).to_owned(),
            current: None,
        }
    }

    /// The command this speaker runs.
    pub fn command(&self) -> &SpeechCommand {
        &self.command
    }

    /// Uses `voice` for `{voice}` when speaking `lang` (for example a
    /// different espeak-ng variant, or a model name for another program).
    pub fn set_voice(&mut self, lang: Lang, voice: impl Into<String>) {
        match lang {
            Lang::Zh => self.voice_zh = voice.into(),
            Lang::En => self.voice_en = voice.into(),
        }
    }

    /// The voice currently used for `lang`.
    pub fn voice(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.voice_zh,
            Lang::En => &self.voice_en,
        }
    }

    /// Whether the program can be found right now. Cheap enough to call when
    /// a screen opens (a few `stat` calls); not cached, so installing
    /// espeak-ng while the app runs is noticed.
    pub fn available(&self) -> Availability {
        match find_program(&self.command.program) {
            Some(_) => Availability::Ready,
            None => Availability::NotInstalled {
                program: self.command.program.clone(),
            },
        }
    }

    /// Speaks `text`, first stopping anything still being spoken. Returns as
    /// soon as the program has started; the text is fed to it in the
    /// background. Blank text just stops the current speech.
    pub fn speak(&mut self, text: &str, lang: Lang, rate: Rate) -> Result<(), SpeechError> {
        self.stop();
        if text.trim().is_empty() {
            return Ok(());
        }

        let program = &self.command.program;
        let mut cmd = Command::new(program);
        cmd.args(self.command.render_args(self.voice(lang), lang, rate))
            .stdin(Stdio::piped())
            // The TTS program's chatter must not draw over the full-screen UI.
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        put_in_own_group(&mut cmd);

        let mut child = cmd.spawn().map_err(|source| {
            if source.kind() == io::ErrorKind::NotFound {
                SpeechError::NotInstalled {
                    program: program.clone(),
                }
            } else {
                SpeechError::SpawnFailed {
                    program: program.clone(),
                    source,
                }
            }
        })?;

        let Some(mut stdin) = child.stdin.take() else {
            // Cannot happen with `Stdio::piped`, but if it did the program
            // would wait for text forever; do not leave it behind.
            stop_child(child);
            return Err(SpeechError::SpawnFailed {
                program: program.clone(),
                source: io::Error::other("no input pipe to the program"),
            });
        };

        // Why a thread: a pipe write blocks once the pipe buffer is full, and
        // the buffer size is not ours to rely on (64 KiB on Linux by default,
        // but one page once a user exceeds pipe-user-pages-soft, about 4 KiB
        // on Windows). A TTS program may also load its voice data before it
        // reads any input. The thread ends when the text is written and
        // stdin closed (end of input tells the program to start speaking),
        // or when the write fails because the program died or was killed
        // (Rust programs ignore SIGPIPE, so that is an EPIPE error, not a
        // signal). It is detached: nobody waits for it, so nothing here can
        // block the caller. It owns only a copy of the text.
        let bytes = text.as_bytes().to_vec();
        let writer = thread::Builder::new()
            .name("zhulao-speech-stdin".to_owned())
            .spawn(move || {
                // A failed write means the speech was stopped or the program
                // failed; either way there is no one to tell.
                let _ = stdin.write_all(&bytes);
                // Dropping `stdin` here closes the pipe.
            });
        if let Err(source) = writer {
            stop_child(child);
            return Err(SpeechError::SpawnFailed {
                program: program.clone(),
                source,
            });
        }

        self.current = Some(child);
        Ok(())
    }

    /// Stops the current speech, if any, and reaps the process.
    pub fn stop(&mut self) {
        if let Some(child) = self.current.take() {
            stop_child(child);
        }
    }

    /// Collects a finished program without waiting, so it does not linger
    /// as a zombie. Call it from the UI's event loop now and then.
    pub fn reap(&mut self) {
        if let Some(child) = self.current.as_mut() {
            match child.try_wait() {
                Ok(None) => {}
                // Finished, or the OS no longer knows it: forget it either way.
                Ok(Some(_)) | Err(_) => self.current = None,
            }
        }
    }

    /// Whether something is being spoken right now (reaps first).
    pub fn is_speaking(&mut self) -> bool {
        self.reap();
        self.current.is_some()
    }

    /// Process id of the program now speaking, for diagnostics and tests.
    pub fn current_pid(&self) -> Option<u32> {
        self.current.as_ref().map(Child::id)
    }
}

impl Drop for Speaker {
    /// Leaving the app must not leave a voice talking on its own.
    fn drop(&mut self) {
        self.stop();
    }
}

/// Kills a speech process (and on Unix its whole process group) and reaps
/// it. The wait is short: after SIGKILL / TerminateProcess the process is
/// gone as soon as the kernel tears it down.
fn stop_child(mut child: Child) {
    // The group first, while the child is unreaped: as long as its zombie
    // exists its pid, which is also the group id, cannot be reused, so the
    // signal cannot reach a stranger.
    kill_group(child.id());
    // Errors mean it already exited; there is nothing more to do.
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs the child as the leader of a new process group. Why: a configured
/// command is often a wrapper script (`sh` running a TTS engine piped into
/// `aplay`). Killing only the script would leave the player talking, so
/// [`stop_child`] kills the whole group. A separate group also keeps the
/// terminal's Ctrl-C away from the speech program.
#[cfg(unix)]
fn put_in_own_group(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
}

#[cfg(not(unix))]
fn put_in_own_group(_cmd: &mut Command) {}

#[cfg(unix)]
fn kill_group(pgid: u32) {
    use rustix::process::{Pid, Signal, kill_process_group};
    // Only a real group id: 0 would mean "our own group", 1 is init.
    if let Ok(raw) = i32::try_from(pgid)
        && raw > 1
        && let Some(pid) = Pid::from_raw(raw)
    {
        // The result is ignored: failure means the group is already gone.
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

#[cfg(not(unix))]
fn kill_group(_pgid: u32) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split_words(line).expect("should parse")
    }

    #[test]
    fn default_line_parses_to_default_command() {
        assert_eq!(
            SpeechCommand::parse(DEFAULT_COMMAND).expect("default parses"),
            SpeechCommand::default_command()
        );
    }

    #[test]
    fn splits_on_any_whitespace() {
        assert_eq!(words("  a\tb \n c  "), ["a", "b", "c"]);
    }

    #[test]
    fn double_quotes_keep_spaces() {
        let cmd = SpeechCommand::parse(r#""/opt/my tts/say" --name="Li Na" -x "" end"#)
            .expect("should parse");
        assert_eq!(cmd.program(), "/opt/my tts/say");
        assert_eq!(cmd.args(), ["--name=Li Na", "-x", "", "end"]);
    }

    #[test]
    fn backslashes_and_single_quotes_are_literal() {
        assert_eq!(
            words(r"C:\Program Files\x 'a b'"),
            [r"C:\Program", r"Files\x", "'a", "b'"]
        );
    }

    #[test]
    fn empty_or_blank_command_is_an_error() {
        for line in ["", "   ", "\t\n", "\"\"", "\"\" -v cmn"] {
            let err = SpeechCommand::parse(line).expect_err(line);
            assert!(matches!(err, SpeechError::EmptyCommand), "{line:?}");
            assert!(err.to_string().contains("empty"), "{err}");
        }
    }

    #[test]
    fn unbalanced_quote_is_an_error_in_plain_words() {
        let err = SpeechCommand::parse(r#"espeak-ng -v "cmn"#).expect_err("unbalanced");
        assert!(matches!(err, SpeechError::UnbalancedQuote { .. }));
        let msg = err.to_string();
        assert!(msg.contains("never closed"), "{msg}");
        assert!(msg.contains(r#"espeak-ng -v "cmn"#), "{msg}");
    }

    #[test]
    fn placeholders_are_filled_per_language_and_rate() {
        let cmd =
            SpeechCommand::parse("tts -v {voice} --lang={lang} -s {rate} {rate}{lang} {other}")
                .expect("parse");
        assert_eq!(
            cmd.render_args("cmn", Lang::Zh, Rate::Slow),
            ["-v", "cmn", "--lang=zh", "-s", "110", "110zh", "{other}"]
        );
        assert_eq!(
            cmd.render_args("en-gb x", Lang::En, Rate::Fast),
            [
                "-v",
                "en-gb x",
                "--lang=en",
                "-s",
                "190",
                "190en",
                "{other}"
            ]
        );
    }

    #[test]
    fn program_name_is_not_substituted() {
        let cmd = SpeechCommand::parse("say-{lang} {lang}").expect("parse");
        assert_eq!(cmd.program(), "say-{lang}");
        assert_eq!(cmd.render_args("v", Lang::Zh, Rate::Normal), ["zh"]);
    }

    #[test]
    fn rates_and_voices() {
        assert_eq!(
            [Rate::Slow, Rate::Normal, Rate::Fast].map(words_per_minute),
            [110, 150, 190]
        );
        assert_eq!(default_voice(Lang::Zh), "cmn");
        assert_eq!(default_voice(Lang::En), "en");
    }

    #[test]
    fn resolve_prefers_explicit_over_default() {
        assert_eq!(
            SpeechCommand::resolve(None).expect("default"),
            SpeechCommand::default_command()
        );
        let explicit = SpeechCommand::resolve(Some("piper --model {voice}")).expect("explicit");
        assert_eq!(explicit.program(), "piper");
        assert!(matches!(
            SpeechCommand::resolve(Some("")),
            Err(SpeechError::EmptyCommand)
        ));
    }

    #[test]
    fn speaker_voices_can_be_overridden() {
        let mut s = Speaker::new(None);
        assert_eq!(s.command(), &SpeechCommand::default_command());
        assert_eq!(s.voice(Lang::Zh), "cmn");
        s.set_voice(Lang::Zh, "cmn-latn-pinyin");
        assert_eq!(s.voice(Lang::Zh), "cmn-latn-pinyin");
        assert_eq!(s.voice(Lang::En), "en");
    }

    #[test]
    fn blank_text_spawns_nothing() {
        // A program that does not exist proves nothing was started: starting
        // it would have returned NotInstalled.
        let cmd = SpeechCommand::parse("zhulao-test-no-such-program").expect("parse");
        let mut s = Speaker::new(Some(cmd));
        assert!(s.speak("  \n", Lang::Zh, Rate::Normal).is_ok());
        assert!(!s.is_speaking());
    }

    #[test]
    fn messages_are_plain_words() {
        let e = SpeechError::NotInstalled {
            program: "espeak-ng".into(),
        };
        assert_eq!(
            e.to_string(),
            "this computer cannot read aloud: espeak-ng is not installed"
        );
        let e = SpeechError::SpawnFailed {
            program: "say".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert!(e.to_string().contains("not allowed to run"), "{e}");
        assert_eq!(
            Availability::NotInstalled {
                program: "espeak-ng".into()
            }
            .to_string(),
            "this computer cannot read aloud: espeak-ng is not installed"
        );
    }

    #[cfg(unix)]
    mod find {
        use super::super::*;
        use std::os::unix::fs::PermissionsExt;

        fn make_file(dir: &std::path::Path, name: &str, mode: u32) -> PathBuf {
            let path = dir.join(name);
            std::fs::write(&path, "#!/bin/sh\n").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
            path
        }

        #[test]
        fn searches_path_in_order_and_skips_non_executables() {
            let a = tempfile::tempdir().expect("tempdir");
            let b = tempfile::tempdir().expect("tempdir");
            make_file(a.path(), "say", 0o644); // first, but not runnable
            let runnable = make_file(b.path(), "say", 0o755);
            std::fs::create_dir(a.path().join("dir-not-file")).expect("mkdir");
            let path_var = std::env::join_paths([a.path(), b.path()]).expect("join");

            assert_eq!(find_program_in("say", Some(&path_var)), Some(runnable));
            assert_eq!(find_program_in("missing", Some(&path_var)), None);
            assert_eq!(find_program_in("dir-not-file", Some(&path_var)), None);
            assert_eq!(find_program_in("say", None), None);
            assert_eq!(find_program_in("", Some(&path_var)), None);
        }

        #[test]
        fn accepts_existing_executable_paths_only() {
            let dir = tempfile::tempdir().expect("tempdir");
            let good = make_file(dir.path(), "good", 0o700);
            let bad = make_file(dir.path(), "bad", 0o600);
            let good_str = good.to_str().expect("utf-8 temp path");
            let bad_str = bad.to_str().expect("utf-8 temp path");
            // PATH must not matter for a path.
            assert_eq!(find_program_in(good_str, None), Some(good.clone()));
            assert_eq!(find_program_in(bad_str, None), None);
            let missing = dir.path().join("missing");
            assert_eq!(
                find_program_in(missing.to_str().expect("utf-8"), None),
                None
            );
        }

        #[test]
        fn finds_sh_on_the_real_path() {
            assert!(find_program("sh").is_some());
        }
    }
}
