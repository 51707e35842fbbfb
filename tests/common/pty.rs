//! A real pseudo-terminal running the real binary, read back through a vt100 emulator: used by
//! the end-to-end tests and by the latency benchmark. Every wait is for a condition, and
//! bounded; nothing waits a fixed time to let the program catch up. Time the program must see
//! pass (a tap after a tap, a kiosk left alone) is its clock moved ahead through the file a
//! debug build reads (`ZHULAO_TEST_CLOCK`), not real seconds slept.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use unicode_width::UnicodeWidthStr;

pub const WAIT: Duration = Duration::from_secs(15);

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checking what it sends to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Shared with the reader thread, which answers the program's cursor-position questions
    /// as a real terminal does (`zhulao doctor` asks them).
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// The reader has seen the end of the program's output (it exited and closed the terminal).
    closed: Arc<AtomicBool>,
    /// The file the program's clock is moved through, and how far it is moved (ms).
    clock: (tempfile::TempDir, PathBuf),
    shift: Duration,
}

impl Session {
    /// Runs `binary --data DATA ARGS…` in a `cols × rows` terminal.
    pub fn start(binary: &str, data: &Path, cols: u16, rows: u16, args: &[String]) -> Session {
        Session::start_with_env(binary, data, cols, rows, args, &[])
    }

    /// As `start`, with extra environment variables.
    pub fn start_with_env(
        binary: &str,
        data: &Path,
        cols: u16,
        rows: u16,
        args: &[String],
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(binary);
        cmd.arg("--data");
        cmd.arg(data);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        let clock_dir = tempfile::tempdir().expect("a folder for the clock file");
        let clock_file = clock_dir.path().join("clock-ms");
        std::fs::write(&clock_file, "0").expect("the clock file");
        cmd.env("ZHULAO_TEST_CLOCK", &clock_file);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn zhulao");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let answer = writer.clone();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = screen.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = raw.clone();
        let closed = Arc::new(AtomicBool::new(false));
        let closed_sink = closed.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                // "ESC [ 6 n" asks where the cursor is: answer "ESC [ row ; col R" once
                // everything before the question has been drawn.
                let mut rest = &buf[..n];
                while let Some(at) = find(rest, b"\x1b[6n") {
                    let (row, col) = {
                        let mut screen = sink.lock().unwrap();
                        screen.process(&rest[..at + 4]);
                        screen.screen().cursor_position()
                    };
                    let mut w = answer.lock().unwrap();
                    let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                    let _ = w.flush();
                    rest = &rest[at + 4..];
                }
                sink.lock().unwrap().process(rest);
            }
            closed_sink.store(true, Ordering::SeqCst);
        });
        Session {
            screen,
            raw,
            writer,
            child,
            master: pty.master,
            closed,
            clock: (clock_dir, clock_file),
            shift: Duration::ZERO,
        }
    }

    /// Moves the program's clock `by` ahead (a debug build reads it at every look at the time).
    /// A program asleep until a time on its clock only notices at its next input: `nudge`.
    pub fn advance(&mut self, by: Duration) {
        self.shift += by;
        let ms = self.shift.as_millis().to_string();
        // Written whole at once through a rename, so the program never reads half a number.
        let tmp = self.clock.1.with_extension("new");
        std::fs::write(&tmp, ms).expect("write the clock file");
        std::fs::rename(&tmp, &self.clock.1).expect("replace the clock file");
    }

    /// Wakes the program with an input that means nothing (the mouse pointer moving), so that
    /// it looks at its clock again.
    pub fn nudge(&mut self) {
        self.send_raw("\x1b[<35;1;1M");
    }

    /// Waits until the program has exited and everything it wrote has been read.
    pub fn wait_closed(&mut self) {
        let _ = self.wait_status();
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            assert!(start.elapsed() < WAIT, "the terminal's output never ended");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Resizes the terminal. The emulator changes size first, so the redraw that the program
    /// sends for the new size is read at that size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Changes only the pseudo-terminal's size, not the emulator's (for sizes no emulator could
    /// hold, such as 65535×65535).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Whether the program is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The process id of the program.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Sends a signal to the program.
    #[cfg(unix)]
    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = nix::unistd::Pid::from_raw(self.pid() as i32);
        nix::sys::signal::kill(pid, signal).expect("send the signal");
    }

    /// Whether the terminal is back in its normal ("cooked") mode: lines are edited and echoed.
    #[cfg(unix)]
    pub fn is_cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("termios of the pty");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Waits for the program to end; how it ended.
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        panic!("zhulao did not exit; screen:\n{}", self.text());
    }

    /// Everything written to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// For benchmarks: waits for `needle`, looking every 100 µs; when it appeared.
    #[allow(dead_code)]
    pub fn appeared(&self, needle: &str) -> Instant {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.text().contains(needle) {
                return Instant::now();
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        panic!("timed out waiting for {needle:?}:\n{}", self.text());
    }

    pub fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("timed out waiting for {needle:?}; screen:\n{}", self.text());
    }

    /// Waits until one of `needles` is on screen; returns which.
    pub fn wait_for_any(&self, needles: &[&str]) -> usize {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            let text = self.text();
            if let Some(i) = needles.iter().position(|n| text.contains(n)) {
                return i;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!(
            "timed out waiting for {needles:?}; screen:\n{}",
            self.text()
        );
    }

    /// Writes without the pause that lets a lone Esc be read on its own.
    pub fn send_raw(&mut self, bytes: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Writes `bytes`. A lone Esc is followed by a pause: a terminal program tells the Esc key
    /// from the start of an escape sequence only by nothing following it at once (that is the
    /// terminal protocol, not waiting for the program: whatever comes next, a test waits for
    /// what the Esc did before relying on it).
    pub fn send(&mut self, bytes: &str) {
        self.send_raw(bytes);
        if bytes == "\x1b" {
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Proves the program has handled everything sent so far and is still running: Ctrl+C
    /// after it brings the question (or, on a kiosk, the PIN prompt), which Esc then closes.
    /// Input is handled in order, so whatever came before was handled first.
    pub fn probe(&mut self, after: &str) {
        const ASKED: [&str; 4] = ["要退出吗", "关闭 zhulao", "Leave now?", "Close zhulao"];
        // A window just made big enough again: the program must have drawn at the new size (it
        // learns of a resize by a signal, which may come after keys already sent); in a window
        // too small to ask, Ctrl+C leaves at once — or, on a kiosk, does nothing.
        self.wait_until(
            |t| !t.contains("请放大窗口") && !t.contains("Please enlarge"),
            "a window big enough",
        );
        // A question already open from what came before: close it first.
        if ASKED.iter().any(|q| self.text().contains(q)) {
            self.send("\x1b");
            self.wait_until(|t| !ASKED.iter().any(|q| t.contains(q)), after);
        }
        self.send_raw("\x03");
        let start = Instant::now();
        while !ASKED.iter().any(|q| self.text().contains(q)) {
            assert!(self.alive(), "zhulao ended after {after}:\n{}", self.text());
            assert!(
                start.elapsed() < WAIT,
                "no answer to Ctrl+C after {after}:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        self.send("\x1b");
        self.wait_until(|t| !ASKED.iter().any(|q| t.contains(q)), after);
    }

    /// Waits until the screen's text satisfies `ok`.
    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if ok(&self.text()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("timed out ({what}); screen:\n{}", self.text());
    }

    /// Esc until `target` shows (at most `most` times), each Esc waited out.
    pub fn back_to(&mut self, target: &str, most: usize) {
        for _ in 0..most {
            if self.text().contains(target) {
                return;
            }
            let before = self.text();
            self.send("\x1b");
            self.wait_until(|t| t != before || t.contains(target), "Esc");
        }
        self.wait_for(target);
    }

    /// Sends a key and waits for the screen to show `then`.
    pub fn key(&mut self, key: &str, then: &str) {
        self.send(key);
        self.wait_for(then);
    }

    /// The number key printed before `label` on screen ("2" for "│ 2 找到家人" or "»2 找到家人"):
    /// choices and order items are shuffled in each run, so tests read where they are.
    pub fn number_of(&self, label: &str) -> String {
        for line in self.text().lines() {
            for (at, _) in line.match_indices(label) {
                let before: String = line[..at]
                    .trim_end_matches([' ', '»'])
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if !before.is_empty() {
                    return before.chars().rev().collect();
                }
            }
        }
        panic!("no number before {label:?} on screen:\n{}", self.text());
    }

    /// Every (column, row) where `needle` starts on screen.
    pub fn find(&self, needle: &str) -> Vec<(u16, u16)> {
        let mut out = Vec::new();
        for (row, line) in self.text().split('\n').enumerate() {
            let mut from = 0;
            while let Some(i) = line[from..].find(needle) {
                let at = from + i;
                out.push((UnicodeWidthStr::width(&line[..at]) as u16, row as u16));
                from = at + needle.len();
            }
        }
        out
    }

    /// Clicks (press and release, SGR mouse encoding) on the first character of the
    /// `nth` occurrence of `needle`, then waits for `then`.
    pub fn click(&mut self, needle: &str, nth: usize, then: &str) {
        self.tap(needle, nth);
        self.wait_for(then);
    }

    /// A tap as a person makes it: later than `zhulao::input::DOUBLE_TAP` after the one before
    /// (zhulao takes a quicker second tap on the same spot for an unsteady double tap) — on the
    /// program's clock, moved ahead.
    pub fn tap(&mut self, needle: &str, nth: usize) {
        // The screen may still be being drawn (the footer comes last): wait until it shows.
        let start = Instant::now();
        while self.find(needle).len() <= nth && start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.advance(Duration::from_millis(350));
        let found = self.find(needle);
        let Some(&(col, row)) = found.get(nth) else {
            panic!("{needle:?} (#{nth}) is not on screen:\n{}", self.text());
        };
        let (x, y) = (col + 1, row + 1);
        self.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
    }

    pub fn click_last(&mut self, needle: &str, then: &str) {
        self.wait_for(needle);
        let n = self.find(needle).len();
        assert!(n > 0, "{needle:?} is not on screen:\n{}", self.text());
        self.click(needle, n - 1, then);
    }

    /// Waits for the program to end; true if it exited successfully.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        panic!("zhulao did not exit; screen:\n{}", self.text());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
