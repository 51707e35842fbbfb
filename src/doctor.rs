//! `zhulao doctor`: one command that tells a helper, in plain words, whether this machine is
//! ready for zhulao and what to fix if not — the terminal (size, colours, and whether it draws
//! the block and box characters one cell wide, which is asked of the terminal itself), the data
//! folder, the progress database, the lesson packs, read-aloud, and kiosk mode.
//!
//! Each check gives a finding: fine (✓), worth knowing (!), or to fix (✗). Exit code 0 means
//! nothing to fix. The checks only read — except the terminal probe, which prints a few
//! characters on one line and wipes them — so the doctor is safe to run on a kiosk's data.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::inert::inert;
use crate::lang::Lang;
use crate::progress::Store;
use crate::progress::store::DB_FILE;
use crate::settings::SettingsOwner;
use crate::speech::{Availability, Speaker, SpeechCommand};

/// What the doctor is asked to look at.
#[derive(Debug, Clone)]
pub struct Options {
    pub data: PathBuf,
    pub lessons: Option<PathBuf>,
    /// `--kiosk` was given: check as for a kiosk even if the setting is off.
    pub kiosk: bool,
    pub speech_command: Option<String>,
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fine,
    Note,
    Fix,
}

/// One finding, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    fn add(&mut self, level: Level, zh: impl Into<String>, en: impl Into<String>) {
        self.findings.push(Finding {
            level,
            zh: zh.into(),
            en: en.into(),
        });
    }

    pub fn all_fine(&self) -> bool {
        self.findings.iter().all(|f| f.level != Level::Fix)
    }

    /// The report as printed: one line per finding, marked ✓ ! ✗ (never by colour alone), and
    /// a last line saying how many things to fix.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::from("zhulao doctor\n");
        for f in &self.findings {
            let mark = match f.level {
                Level::Fine => "✓",
                Level::Note => "!",
                Level::Fix => "✗",
            };
            let words = match lang {
                Lang::Zh => &f.zh,
                Lang::En => &f.en,
            };
            // Paths and error messages come from outside: made harmless before printing, line
            // by line (a finding may list several lines).
            for (i, line) in words.lines().enumerate() {
                let lead = if i == 0 { mark } else { " " };
                out.push_str(&format!("{lead} {}\n", inert(line)));
            }
        }
        let fixes = self
            .findings
            .iter()
            .filter(|f| f.level == Level::Fix)
            .count();
        out.push_str(&match (lang, fixes) {
            (Lang::Zh, 0) => "一切正常，可以用了。\n".to_string(),
            (Lang::En, 0) => "All fine: ready to use.\n".to_string(),
            (Lang::Zh, n) => format!("有 {n} 件事要修（标 ✗ 的）。\n"),
            (Lang::En, 1) => "1 thing to fix (marked ✗).\n".to_string(),
            (Lang::En, n) => format!("{n} things to fix (marked ✗).\n"),
        });
        out
    }
}

pub fn run(options: &Options) -> Report {
    let mut report = Report::default();
    terminal(&mut report);
    let folder_ok = data_folder(&mut report, &options.data);
    let store = if folder_ok {
        database(&mut report, &options.data)
    } else {
        None
    };
    packs(&mut report, options.lessons.as_deref());
    speech(&mut report, options, store.as_ref());
    kiosk(&mut report, options, store.as_ref());
    report
}

/// The characters zhulao draws that must each take one cell: borders (plain, thick, rounded),
/// the half and full blocks of big text, and the marks. Terminals set to draw "ambiguous
/// width" characters wide (a setting some CJK users turn on) break every screen.
pub const SINGLE_WIDTH: [char; 34] = [
    '─', '┈', '│', '┌', '┐', '└', '┘', '━', '┃', '┏', '┓', '┗', '┛', '╭', '╮', '╰', '╯', '█', '▀',
    '▄', '»', '✓', '✗', '★', '☆', '‹', '›', '·', '…', '→', '←', '↑', '↓', '•',
];

fn terminal(report: &mut Report) {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        report.add(
            Level::Fix,
            "终端：没有在终端里运行，查不了屏幕大小和字符宽度。请在要用 zhulao 的那个终端窗口里运行 zhulao doctor。",
            "Terminal: not run in a terminal, so the screen size and character widths cannot be checked. Run zhulao doctor in the terminal window zhulao will use.",
        );
        colours(report);
        return;
    }
    match crossterm::terminal::size() {
        Ok((cols, rows)) if cols >= 40 && rows >= 12 => report.add(
            Level::Fine,
            format!("终端：{cols} 列 × {rows} 行（至少要 40 × 12）。"),
            format!("Terminal: {cols} columns × {rows} rows (40 × 12 at least)."),
        ),
        Ok((cols, rows)) => report.add(
            Level::Fix,
            format!(
                "终端：只有 {cols} 列 × {rows} 行，zhulao 至少要 40 × 12。请把字体调小一点，或把窗口放大。"
            ),
            format!(
                "Terminal: only {cols} columns × {rows} rows; zhulao needs 40 × 12 at least. Make the font a little smaller or the window bigger."
            ),
        ),
        Err(e) => report.add(
            Level::Fix,
            format!("终端：问不出大小（{e}）。"),
            format!("Terminal: its size could not be read ({e})."),
        ),
    }
    colours(report);
    widths(report);
}

fn colours(report: &mut Report) {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let (term, colorterm) = (var("TERM"), var("COLORTERM"));
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        report.add(
            Level::Note,
            "颜色：设了 NO_COLOR，zhulao 用终端自己的颜色（选中的一项仍用 » 和粗框标出）。",
            "Colours: NO_COLOR is set, so zhulao uses the terminal's own colours (the chosen line still shows with » and a thick border).",
        );
    } else if term.is_empty() || term == "dumb" {
        report.add(
            Level::Fix,
            format!("颜色：终端类型是“{term}”，画不了 zhulao 的屏幕。请用 foot、Alacritty 或系统自带的终端。"),
            format!("Colours: the terminal type is “{term}”, which cannot draw zhulao's screens. Use foot, Alacritty or the system's own terminal."),
        );
    } else if matches!(colorterm.as_str(), "truecolor" | "24bit") {
        report.add(
            Level::Fine,
            format!("颜色：终端能显示全部颜色（COLORTERM={colorterm}）。"),
            format!("Colours: the terminal shows full colour (COLORTERM={colorterm})."),
        );
    } else {
        report.add(
            Level::Note,
            format!("颜色：终端（TERM={term}）没有说它能显示全部颜色，颜色可能不太准。foot、Alacritty、GNOME 终端都可以；也可以设 NO_COLOR=1 用终端自己的颜色。"),
            format!("Colours: the terminal (TERM={term}) does not say it shows full colour, so colours may be a little off. foot, Alacritty and GNOME Terminal do; or set NO_COLOR=1 to use the terminal's own colours."),
        );
    }
}

/// Prints each character at the start of a line and asks the terminal where its cursor went.
fn widths(report: &mut Report) {
    let probed = probe_widths();
    match probed {
        Err(e) => report.add(
            Level::Note,
            format!("字符宽度：终端没有回答光标位置（{e}），查不了。"),
            format!("Character widths: the terminal did not say where its cursor is ({e}), so they could not be checked."),
        ),
        Ok((wide, cjk)) => {
            if wide.is_empty() {
                report.add(
                    Level::Fine,
                    "字符宽度：方块字符和框线都占一格。",
                    "Character widths: block and box characters each take one cell.",
                );
            } else {
                let list: String = wide.iter().collect::<Vec<_>>().iter().map(|c| format!("{c} ")).collect();
                report.add(
                    Level::Fix,
                    format!("字符宽度：这些字符被画成了两格宽：{list}屏幕会乱。请在终端设置里关掉“模糊宽度字符按宽字符显示”（ambiguous width），或换用 foot、Alacritty。"),
                    format!("Character widths: these are drawn two cells wide: {list}so screens will be garbled. Turn off “treat ambiguous-width characters as wide” in the terminal's settings, or use foot or Alacritty."),
                );
            }
            if cjk != 2 {
                report.add(
                    Level::Fix,
                    format!("中文：汉字占了 {cjk} 格，应该是 2 格。请换一个支持中文的终端和字体（如 Noto Sans Mono CJK SC）。"),
                    format!("Chinese: a Chinese character took {cjk} cells instead of 2. Use a terminal and font made for Chinese (such as Noto Sans Mono CJK SC)."),
                );
            }
        }
    }
}

/// The characters of `SINGLE_WIDTH` drawn wider than one cell, and the width of "中".
fn probe_widths() -> std::io::Result<(Vec<char>, u16)> {
    use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    enable_raw_mode()?;
    let result = (|| {
        let mut out = std::io::stdout();
        let mut width_of = |c: char| -> std::io::Result<u16> {
            write!(out, "\r{c}")?;
            out.flush()?;
            let (col, _) = crossterm::cursor::position()?;
            Ok(col)
        };
        let mut wide = Vec::new();
        for c in SINGLE_WIDTH {
            if width_of(c)? != 1 {
                wide.push(c);
            }
        }
        let cjk = width_of('中')?;
        Ok((wide, cjk))
    })();
    // Wipe the probe, whatever happened.
    let mut out = std::io::stdout();
    let _ = write!(out, "\r\x1b[2K");
    let _ = out.flush();
    let _ = disable_raw_mode();
    result
}

/// Whether the folder is there (or can be made) and can be written to; how much room is left.
fn data_folder(report: &mut Report, data: &Path) -> bool {
    let shown = data.display().to_string();
    if data.exists() && !data.is_dir() {
        report.add(
            Level::Fix,
            format!("数据文件夹：{shown} 是一个文件，不是文件夹。请用 --data 指定别的文件夹。"),
            format!("Data folder: {shown} is a file, not a folder. Choose another with --data."),
        );
        return false;
    }
    let existing = data.ancestors().find(|p| p.is_dir());
    let Some(existing) = existing else {
        report.add(
            Level::Fix,
            format!("数据文件夹：{shown} 建不了。"),
            format!("Data folder: {shown} cannot be made."),
        );
        return false;
    };
    let probe = existing.join(format!(".zhulao-doctor-{}", std::process::id()));
    let writable = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    if !writable {
        report.add(
            Level::Fix,
            format!("数据文件夹：{} 不能写入，学习记录存不下来。请让运行 zhulao 的用户能写它，或用 --data 指定别的文件夹。", existing.display()),
            format!("Data folder: {} cannot be written to, so progress cannot be saved. Let the user who runs zhulao write to it, or choose another folder with --data.", existing.display()),
        );
        return false;
    }
    let (level, zh, en) = free_space(&shown, free_megabytes(existing));
    report.add(level, zh, en);
    true
}

/// What a day of classes writes, with room to spare, in MB: 30 learners answering for six
/// hours, about 120 answers an hour each, is 21 600 answers; at about 450 bytes each in the
/// progress file (measured: 438, with its indexes) that is 10 MB. The write-ahead log (128 KB
/// at most), the day's reports and SQLite's working files take some more: twice that, and a
/// little over.
pub const DAY_OF_CLASSES_MB: u64 = 25;

/// The free space under the data folder, said against a day of classes: less than a day is
/// something to fix (answers would stop being saved that day), less than ten days a note.
fn free_space(shown: &str, free_mb: Option<u64>) -> (Level, String, String) {
    let day = DAY_OF_CLASSES_MB;
    match free_mb {
        Some(mb) if mb < day => (
            Level::Fix,
            format!(
                "数据文件夹：{shown} 可以写，但磁盘只剩 {mb} MB，不够一天的课（约要 {day} MB）。请腾出空间，不然学员的答题会存不下来。"
            ),
            format!(
                "Data folder: {shown} can be written to, but only {mb} MB is free, less than a day of classes needs (about {day} MB). Please make room, or learners' answers will stop being saved."
            ),
        ),
        Some(mb) if mb < 10 * day => (
            Level::Note,
            format!(
                "数据文件夹：{shown} 可以写，还有 {mb} MB，大约够 {} 天的课。请早点腾出空间。",
                mb / day
            ),
            format!(
                "Data folder: {shown} can be written to; {mb} MB free, about {} days of classes. Please make room soon.",
                mb / day
            ),
        ),
        Some(mb) => (
            Level::Fine,
            format!("数据文件夹：{shown} 可以写，还有 {mb} MB 空间。"),
            format!("Data folder: {shown} can be written to; {mb} MB free."),
        ),
        None => (
            Level::Fine,
            format!("数据文件夹：{shown} 可以写。"),
            format!("Data folder: {shown} can be written to."),
        ),
    }
}

#[cfg(unix)]
fn free_megabytes(dir: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(dir).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize) / (1024 * 1024))
}

#[cfg(not(unix))]
fn free_megabytes(_dir: &Path) -> Option<u64> {
    None
}

/// Opens the progress file (if there is one) and runs SQLite's full integrity check; lists
/// damaged files set aside by a kiosk, and the log's last lines.
fn database(report: &mut Report, data: &Path) -> Option<Store> {
    let file = data.join(DB_FILE);
    for set_aside in crate::kiosk::set_aside::list(data) {
        report.add(
            Level::Note,
            format!("学习记录：坏了的旧记录另存在 {}。里面的记录也许还能救回，见 README 的“修复坏了的学习记录”。", set_aside.display()),
            format!("Progress: a damaged earlier record was set aside as {}. It may be rescued: see \"Rescuing a damaged progress file\" in the README.", set_aside.display()),
        );
    }
    let log = crate::kiosk::log::tail(data, 3);
    if !log.is_empty() {
        report.add(
            Level::Note,
            format!(
                "日志 {}，最后几行：\n  {}",
                crate::kiosk::log::path(data).display(),
                log.join("\n  ")
            ),
            format!(
                "Log {}, last lines:\n  {}",
                crate::kiosk::log::path(data).display(),
                log.join("\n  ")
            ),
        );
    }
    if !file.exists() {
        report.add(
            Level::Fine,
            "学习记录：还没有，第一次打开 zhulao 时会新建。",
            "Progress: none yet; zhulao makes a new record when it first starts.",
        );
        return None;
    }
    let store = match Store::open(data) {
        Ok(store) => store,
        Err(e) => {
            report.add(
                Level::Fix,
                format!("学习记录：{e}"),
                format!("Progress: {e}"),
            );
            return None;
        }
    };
    match store.integrity_check() {
        Ok(problems) if problems.is_empty() => {
            let answers = store.event_count().unwrap_or(0);
            let learners = store.learners().map(|l| l.len()).unwrap_or(0);
            report.add(
                Level::Fine,
                format!("学习记录：{} 完好（{learners} 位学员，{answers} 条记录）。", file.display()),
                format!("Progress: {} is sound ({learners} learners, {answers} records).", file.display()),
            );
        }
        Ok(problems) => report.add(
            Level::Fix,
            format!("学习记录：{} 坏了（{} 处问题）。见 README 的“修复坏了的学习记录”；一体机模式会把它另存，开始新的记录。", file.display(), problems.len()),
            format!("Progress: {} is damaged ({} problems). See \"Rescuing a damaged progress file\" in the README; kiosk mode sets it aside and starts a new one.", file.display(), problems.len()),
        ),
        Err(e) => report.add(
            Level::Fix,
            format!("学习记录：检查不了（{e}）。"),
            format!("Progress: could not be checked ({e})."),
        ),
    }
    Some(store)
}

fn packs(report: &mut Report, lessons: Option<&Path>) {
    match crate::built_in::load_library(lessons) {
        Ok(library) => {
            let lessons_n: usize = library.packs.iter().map(|p| p.lessons.len()).sum();
            report.add(
                Level::Fine,
                format!("课程：{} 个课程包，{lessons_n} 课。", library.packs.len()),
                format!(
                    "Lessons: {} packs, {lessons_n} lessons.",
                    library.packs.len()
                ),
            );
        }
        Err(errors) => {
            let first =
                |lang| -> Vec<String> { errors.iter().take(5).map(|e| e.shown(lang)).collect() };
            report.add(
                Level::Fix,
                format!("课程：{} 个问题，比如：\n  {}\n  运行 zhulao check 文件夹 看全部。一体机模式会改用内置课程。", errors.len(), first(Lang::Zh).join("\n  ")),
                format!("Lessons: {} problems, such as:\n  {}\n  Run zhulao check DIR to see them all. Kiosk mode falls back to the built-in lessons.", errors.len(), first(Lang::En).join("\n  ")),
            );
        }
    }
}

fn speech(report: &mut Report, options: &Options, store: Option<&Store>) {
    let command = match SpeechCommand::resolve(options.speech_command.as_deref()) {
        Ok(command) => command,
        Err(e) => {
            report.add(
                Level::Fix,
                format!("朗读：朗读命令有问题：{e}"),
                format!("Read-aloud: the command has a problem: {e}"),
            );
            return;
        }
    };
    let wanted = store
        .and_then(|s| s.settings(&SettingsOwner::Machine).ok().flatten())
        .is_some_and(|s| s.read_aloud);
    match Speaker::new(Some(command)).available() {
        Availability::Ready => report.add(
            Level::Fine,
            "朗读：朗读程序找到了。",
            "Read-aloud: the speech program is there.",
        ),
        Availability::NotInstalled { program } => report.add(
            if wanted { Level::Fix } else { Level::Note },
            format!("朗读：没有找到 {program}，按 r 朗读时会说没有装。要朗读，请安装它（Debian/Ubuntu：apt-get install espeak-ng）。"),
            format!("Read-aloud: {program} was not found, so pressing r says it is missing. To read aloud, install it (Debian/Ubuntu: apt-get install espeak-ng)."),
        ),
    }
}

fn kiosk(report: &mut Report, options: &Options, store: Option<&Store>) {
    let settings = store
        .and_then(|s| s.kiosk_settings().ok())
        .unwrap_or_default();
    if !options.kiosk && !settings.enabled {
        report.add(
            Level::Note,
            "一体机模式：没有开（用 zhulao --kiosk 启动，或在老师页面打开）。",
            "Kiosk mode: off (start with zhulao --kiosk, or turn it on in the teacher's screens).",
        );
        return;
    }
    let pin = store.and_then(|s| s.pin_state().ok());
    match pin {
        Some(p) if p.locked() => report.add(
            Level::Fix,
            "一体机模式：老师密码试错太多次，已锁住。请运行 zhulao pin reset，再运行 zhulao pin set。",
            "Kiosk mode: the teacher PIN is locked after too many wrong tries. Run zhulao pin reset, then zhulao pin set.",
        ),
        Some(p) if p.hash.is_some() => report.add(
            Level::Fine,
            format!("一体机模式：开着；老师密码已设；没人用 {} 分钟后回到开始。", settings.idle_minutes),
            format!("Kiosk mode: on; the teacher PIN is set; back to the start after {} min with nobody using it.", settings.idle_minutes),
        ),
        _ => report.add(
            Level::Fix,
            "一体机模式：还没有设老师密码，一体机就关不掉，也进不了老师页面。请用运行一体机的用户运行 zhulao pin set。",
            "Kiosk mode: no teacher PIN is set, so the kiosk cannot be closed and the teacher's screens cannot open. As the user that runs the kiosk, run zhulao pin set.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_with_something_to_fix_says_how_many_and_marks_each_line() {
        let mut r = Report::default();
        r.add(Level::Fine, "好", "good");
        r.add(Level::Note, "注意", "note");
        assert!(r.all_fine());
        assert!(
            r.text(Lang::En)
                .ends_with("✓ good\n! note\nAll fine: ready to use.\n")
        );
        r.add(Level::Fix, "修", "fix \x1b[31m");
        assert!(!r.all_fine());
        let en = r.text(Lang::En);
        assert!(
            en.ends_with("✗ fix \\u{001B}[31m\n1 thing to fix (marked ✗).\n"),
            "{en}"
        );
        assert!(r.text(Lang::Zh).ends_with("有 1 件事要修（标 ✗ 的）。\n"));
    }

    #[test]
    fn free_space_is_weighed_against_a_day_of_classes() {
        let level = |mb| free_space("/data", mb).0;
        assert_eq!(level(Some(0)), Level::Fix);
        assert_eq!(level(Some(DAY_OF_CLASSES_MB - 1)), Level::Fix);
        assert_eq!(level(Some(DAY_OF_CLASSES_MB)), Level::Note);
        assert_eq!(level(Some(10 * DAY_OF_CLASSES_MB)), Level::Fine);
        assert_eq!(level(None), Level::Fine);
        let (_, zh, en) = free_space("/data", Some(3));
        assert!(zh.contains("只剩 3 MB，不够一天的课"), "{zh}");
        assert!(
            en.contains("only 3 MB is free, less than a day of classes needs"),
            "{en}"
        );
        let (_, zh, _) = free_space("/data", Some(60));
        assert!(zh.contains("大约够 2 天的课"), "{zh}");
    }

    #[test]
    fn the_probe_list_holds_only_characters_unicode_calls_one_cell_wide() {
        use unicode_width::UnicodeWidthChar;
        for c in SINGLE_WIDTH {
            assert_eq!(c.width(), Some(1), "{c}");
        }
    }
}
