//! A real Learning Record Store for the sync test: Ralph (ralph-malph 5.1.0 from PyPI, pinned
//! in requirements.lock.txt), run by ralph_launcher.py on 127.0.0.1 with its data in a
//! temporary folder. The guard stops it when dropped, also when a test fails.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::Value;

pub const USER: &str = "zhulao-test";
pub const PASS: &str = "not-a-real-secret";

pub struct Ralph {
    child: Option<Child>,
    dir: PathBuf,
    pub port: u16,
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn authorization() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"))
    )
}

impl Ralph {
    /// Starts Ralph keeping its data in `dir` (kept across restarts) and waits until it answers.
    pub fn start(dir: &Path, port: u16) -> Ralph {
        let venv = super::xapi::ensure_tool("ralph");
        let log = std::fs::File::create(dir.join("ralph.log")).unwrap();
        let child = Command::new(venv.join("bin/python"))
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lrs/ralph_launcher.py"))
            .arg(dir)
            .args(["127.0.0.1", &port.to_string(), USER, PASS])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start Ralph");
        // The guard exists before the wait, so a Ralph that never answers is still stopped.
        let mut ralph = Ralph {
            child: Some(child),
            dir: dir.to_path_buf(),
            port,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = ralph.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("Ralph stopped during start-up ({status}):\n{}", ralph.log());
            }
            let answer = ureq::get(&format!("{}statements?limit=1", ralph.base()))
                .set("X-Experience-API-Version", "1.0.3")
                .set("Authorization", &authorization())
                .timeout(Duration::from_secs(2))
                .call();
            if answer.is_ok_and(|r| r.status() == 200) {
                return ralph;
            }
            assert!(
                Instant::now() < deadline,
                "Ralph did not answer within 60 s:\n{}",
                ralph.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("ralph.log")).unwrap_or_default()
    }

    /// The LRS's xAPI base address, as an instructor would be given it.
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every statement the LRS holds, following its `more` links.
    pub fn statements(&self) -> Vec<Value> {
        let mut all = Vec::new();
        let mut url = format!("{}statements?limit=50", self.base());
        for _ in 0..1000 {
            let page: Value = ureq::get(&url)
                .set("X-Experience-API-Version", "1.0.3")
                .set("Authorization", &authorization())
                .timeout(Duration::from_secs(20))
                .call()
                .unwrap_or_else(|e| panic!("GET {url}: {e}\n{}", self.log()))
                .into_string()
                .map(|body| serde_json::from_str(&body).unwrap())
                .unwrap();
            all.extend(page["statements"].as_array().unwrap().iter().cloned());
            match page["more"].as_str() {
                Some(more) if !more.is_empty() => {
                    url = format!("http://127.0.0.1:{}{more}", self.port)
                }
                _ => return all,
            }
        }
        panic!("more than 1000 pages of statements")
    }

    /// POSTs one statement as another client would; the HTTP status.
    pub fn post(&self, statement: &Value) -> u16 {
        let answer = ureq::post(&format!("{}statements", self.base()))
            .set("X-Experience-API-Version", "1.0.3")
            .set("Authorization", &authorization())
            .set("Content-Type", "application/json")
            .timeout(Duration::from_secs(20))
            .send_string(&statement.to_string());
        match answer {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(status, _)) => status,
            Err(e) => panic!("POST: {e}"),
        }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An LRS that is always busy: every request gets 429 with `Retry-After: 0`. The address, and
/// the count of requests so far.
pub fn always_busy() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    answering(
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
}

/// A web server that gives every request the same whole HTTP `answer`. The address (as an
/// xAPI base address), and the count of requests so far.
pub fn answering(answer: &'static str) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/xAPI/", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            conn.set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            // The head is enough to answer; the body is read so the client can finish sending.
            let mut seen = Vec::new();
            let mut buf = [0u8; 65536];
            while let Ok(n) = conn.read(&mut buf) {
                seen.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&seen);
                let done = text.split_once("\r\n\r\n").is_some_and(|(head, body)| {
                    let len = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .and_then(|v| v.trim().parse::<usize>().ok())
                        })
                        .unwrap_or(0);
                    body.len() >= len
                });
                if done || n == 0 {
                    break;
                }
            }
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = conn.write_all(answer.as_bytes());
        }
    });
    (url, count)
}
