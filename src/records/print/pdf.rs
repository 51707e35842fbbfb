//! A PDF from the printed HTML, by headless Chromium's own print-to-PDF: the browser that lays
//! out the page for the screen lays it out for paper, so the PDF is what "print" in a browser
//! gives, and zhulao carries no PDF writer or fonts of its own. Chromium runs with a fresh,
//! throw-away profile and nothing that reaches the network. Where no Chromium is installed,
//! the HTML is the result, and the command says how to get a PDF from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The names Chromium goes by (Debian, Ubuntu's older packages, Google's builds).
pub const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Longer than any sheet takes (a few seconds); a browser that hangs is stopped.
const PATIENCE: Duration = Duration::from_secs(180);

/// The first Chromium on the PATH.
pub fn find_browser() -> Option<PathBuf> {
    BROWSERS.iter().find_map(|name| which::which(name).ok())
}

/// What is kept as it is in a file URL's path.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `file://` URL of an absolute path.
pub fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        utf8_percent_encode(&path.to_string_lossy(), PATH_KEEP)
    )
}

/// Prints `html` (an absolute path) to `pdf` with `browser`. Err: why not, in a few words.
pub fn print_to_pdf(browser: &Path, html: &Path, pdf: &Path) -> Result<(), String> {
    let profile =
        std::env::temp_dir().join(format!("zhulao-print-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir(&profile).map_err(|e| e.to_string())?;
    let result = run(browser, html, pdf, &profile);
    let _ = std::fs::remove_dir_all(&profile);
    result?;
    let start = std::fs::read(pdf)
        .ok()
        .filter(|bytes| bytes.starts_with(b"%PDF"));
    match start {
        Some(_) => Ok(()),
        None => {
            let _ = std::fs::remove_file(pdf);
            Err("no PDF came out".into())
        }
    }
}

fn run(browser: &Path, html: &Path, pdf: &Path, profile: &Path) -> Result<(), String> {
    let log = profile.join("chromium.log");
    let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PATIENCE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "it did not finish in {} seconds",
                    PATIENCE.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    };
    if status.success() {
        return Ok(());
    }
    // Chromium says much that does not matter; its last line is the likeliest to.
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    let last = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(format!("{status}: {}", crate::inert::inert(last)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_chinese_and_spaces_becomes_a_file_url() {
        assert_eq!(
            file_url(Path::new("/home/老师/练习 单#1.html")),
            "file:///home/%E8%80%81%E5%B8%88/%E7%BB%83%E4%B9%A0%20%E5%8D%95%231.html"
        );
    }
}
