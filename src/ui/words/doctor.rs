//! The words of `zhulao doctor` (see `crate::doctor`), in both languages: its findings and its
//! last line. Kept apart from the main table because a helper setting up a machine reads them,
//! not a learner. Placeholders are filled with `fill`; outside text (a path, an error) last.

/// One field per finding the doctor can make, each a whole line ("终端：…" / "Terminal: …").
pub struct DoctorWords {
    /// The last line when nothing is marked ✗.
    pub all_fine: &'static str,
    /// The last line when one thing is marked ✗ (`{n}` is 1).
    pub fix_one: &'static str,
    /// The last line when `{n}` things are marked ✗.
    pub fix_many: &'static str,

    /// Standard output or input is not a terminal: nothing about the screen can be checked.
    pub not_a_terminal: &'static str,
    /// `{cols}` × `{rows}`, big enough.
    pub terminal_size: &'static str,
    /// `{cols}` × `{rows}`, smaller than zhulao's smallest screen.
    pub terminal_too_small: &'static str,
    /// The size could not be read: `{reason}`.
    pub terminal_size_unknown: &'static str,

    pub no_color: &'static str,
    /// `TERM` (`{term}`) is empty or "dumb".
    pub colour_none: &'static str,
    /// `COLORTERM` (`{colorterm}`) says truecolor.
    pub colour_full: &'static str,
    /// `TERM` is `{term}` and nothing says truecolor.
    pub colour_maybe: &'static str,

    /// The terminal did not answer the cursor position question: `{reason}`.
    pub widths_unknown: &'static str,
    pub widths_fine: &'static str,
    /// `{list}`: the characters drawn two cells wide, each followed by a space.
    pub widths_wide: &'static str,
    /// A Chinese character took `{cells}` cells.
    pub chinese_width: &'static str,

    /// `{folder}` is a file.
    pub folder_is_file: &'static str,
    pub folder_cannot_make: &'static str,
    pub folder_read_only: &'static str,
    /// Less than a day of classes free: `{mb}` free, `{day}` needed.
    pub space_short: &'static str,
    /// Less than ten days: `{mb}` free, about `{days}` days.
    pub space_low: &'static str,
    pub space_fine: &'static str,
    /// The free space could not be told.
    pub space_unknown: &'static str,

    /// A damaged progress file set aside by a kiosk, as `{file}`.
    pub set_aside: &'static str,
    /// Above the log's last lines (which follow, one per line, indented): the log is `{file}`.
    pub log: &'static str,
    pub progress_none: &'static str,
    /// The progress file cannot be opened: `{reason}`.
    pub progress_unopened: &'static str,
    /// `{file}` passed the integrity check: `{learners}` learners, `{records}` records.
    pub progress_sound: &'static str,
    /// `{file}` failed it with `{problems}` problems.
    pub progress_damaged: &'static str,
    /// The check itself failed: `{reason}`.
    pub progress_unchecked: &'static str,

    /// `{packs}` packs, `{lessons}` lessons.
    pub lessons_fine: &'static str,
    /// `{n}` problems; `{problems}` is the first few, one per line.
    pub lessons_problems: &'static str,

    /// The read-aloud command is wrong: `{reason}`.
    pub speech_command_bad: &'static str,
    pub speech_ready: &'static str,
    /// `{program}` is not installed.
    pub speech_missing: &'static str,

    pub kiosk_off: &'static str,
    pub kiosk_locked: &'static str,
    /// On, with a PIN; back to the start after `{minutes}` idle.
    pub kiosk_ready: &'static str,
    pub kiosk_no_pin: &'static str,
}

pub const DOCTOR_ZH: DoctorWords = DoctorWords {
    all_fine: "一切正常，可以用了。",
    fix_one: "有 {n} 件事要修（标 ✗ 的）。",
    fix_many: "有 {n} 件事要修（标 ✗ 的）。",
    not_a_terminal: "终端：没有在终端里运行，查不了屏幕大小和字符宽度。请在要用 zhulao 的那个终端窗口里运行 zhulao doctor。",
    terminal_size: "终端：{cols} 列 × {rows} 行（至少要 40 × 12）。",
    terminal_too_small: "终端：只有 {cols} 列 × {rows} 行，zhulao 至少要 40 × 12。请把字体调小一点，或把窗口放大。",
    terminal_size_unknown: "终端：问不出大小（{reason}）。",
    no_color: "颜色：设了 NO_COLOR，zhulao 用终端自己的颜色（选中的一项仍用 » 和粗框标出）。",
    colour_none: "颜色：终端类型是“{term}”，画不了 zhulao 的屏幕。请用 foot、Alacritty 或系统自带的终端。",
    colour_full: "颜色：终端能显示全部颜色（COLORTERM={colorterm}）。",
    colour_maybe: "颜色：终端（TERM={term}）没有说它能显示全部颜色，颜色可能不太准。foot、Alacritty、GNOME 终端都可以；也可以设 NO_COLOR=1 用终端自己的颜色。",
    widths_unknown: "字符宽度：终端没有回答光标位置（{reason}），查不了。",
    widths_fine: "字符宽度：方块字符和框线都占一格。",
    widths_wide: "字符宽度：这些字符被画成了两格宽：{list}屏幕会乱。请在终端设置里关掉“模糊宽度字符按宽字符显示”（ambiguous width），或换用 foot、Alacritty。",
    chinese_width: "中文：汉字占了 {cells} 格，应该是 2 格。请换一个支持中文的终端和字体（如 Noto Sans Mono CJK SC）。",
    folder_is_file: "数据文件夹：{folder} 是一个文件，不是文件夹。请用 --data 指定别的文件夹。",
    folder_cannot_make: "数据文件夹：{folder} 建不了。",
    folder_read_only: "数据文件夹：{folder} 不能写入，学习记录存不下来。请让运行 zhulao 的用户能写它，或用 --data 指定别的文件夹。",
    space_short: "数据文件夹：{folder} 可以写，但磁盘只剩 {mb} MB，不够一天的课（约要 {day} MB）。请腾出空间，不然学员的答题会存不下来。",
    space_low: "数据文件夹：{folder} 可以写，还有 {mb} MB，大约够 {days} 天的课。请早点腾出空间。",
    space_fine: "数据文件夹：{folder} 可以写，还有 {mb} MB 空间。",
    space_unknown: "数据文件夹：{folder} 可以写。",
    set_aside: "学习记录：坏了的旧记录另存在 {file}。里面的记录也许还能救回，见 README 的“修复坏了的学习记录”。",
    log: "日志 {file}，最后几行：",
    progress_none: "学习记录：还没有，第一次打开 zhulao 时会新建。",
    progress_unopened: "学习记录：{reason}",
    progress_sound: "学习记录：{file} 完好（{learners} 位学员，{records} 条记录）。",
    progress_damaged: "学习记录：{file} 坏了（{problems} 处问题）。见 README 的“修复坏了的学习记录”；一体机模式会把它另存，开始新的记录。",
    progress_unchecked: "学习记录：检查不了（{reason}）。",
    lessons_fine: "课程：{packs} 个课程包，{lessons} 课。",
    lessons_problems: "课程：{n} 个问题，比如：\n  {problems}\n  运行 zhulao check 文件夹 看全部。一体机模式会改用内置课程。",
    speech_command_bad: "朗读：朗读命令有问题：{reason}",
    speech_ready: "朗读：朗读程序找到了。",
    speech_missing: "朗读：没有找到 {program}，按 r 朗读时会说没有装。要朗读，请安装它（Debian/Ubuntu：apt-get install espeak-ng）。",
    kiosk_off: "一体机模式：没有开（用 zhulao --kiosk 启动，或在老师页面打开）。",
    kiosk_locked: "一体机模式：老师密码试错太多次，已锁住。请运行 zhulao pin reset，再运行 zhulao pin set。",
    kiosk_ready: "一体机模式：开着；老师密码已设；没人用 {minutes} 分钟后回到开始。",
    kiosk_no_pin: "一体机模式：还没有设老师密码，一体机就关不掉，也进不了老师页面。请用运行一体机的用户运行 zhulao pin set。",
};

pub const DOCTOR_EN: DoctorWords = DoctorWords {
    all_fine: "All fine: ready to use.",
    fix_one: "{n} thing to fix (marked ✗).",
    fix_many: "{n} things to fix (marked ✗).",
    not_a_terminal: "Terminal: not run in a terminal, so the screen size and character widths cannot be checked. Run zhulao doctor in the terminal window zhulao will use.",
    terminal_size: "Terminal: {cols} columns × {rows} rows (40 × 12 at least).",
    terminal_too_small: "Terminal: only {cols} columns × {rows} rows; zhulao needs 40 × 12 at least. Make the font a little smaller or the window bigger.",
    terminal_size_unknown: "Terminal: its size could not be read ({reason}).",
    no_color: "Colours: NO_COLOR is set, so zhulao uses the terminal's own colours (the chosen line still shows with » and a thick border).",
    colour_none: "Colours: the terminal type is “{term}”, which cannot draw zhulao's screens. Use foot, Alacritty or the system's own terminal.",
    colour_full: "Colours: the terminal shows full colour (COLORTERM={colorterm}).",
    colour_maybe: "Colours: the terminal (TERM={term}) does not say it shows full colour, so colours may be a little off. foot, Alacritty and GNOME Terminal do; or set NO_COLOR=1 to use the terminal's own colours.",
    widths_unknown: "Character widths: the terminal did not say where its cursor is ({reason}), so they could not be checked.",
    widths_fine: "Character widths: block and box characters each take one cell.",
    widths_wide: "Character widths: these are drawn two cells wide: {list}so screens will be garbled. Turn off “treat ambiguous-width characters as wide” in the terminal's settings, or use foot or Alacritty.",
    chinese_width: "Chinese: a Chinese character took {cells} cells instead of 2. Use a terminal and font made for Chinese (such as Noto Sans Mono CJK SC).",
    folder_is_file: "Data folder: {folder} is a file, not a folder. Choose another with --data.",
    folder_cannot_make: "Data folder: {folder} cannot be made.",
    folder_read_only: "Data folder: {folder} cannot be written to, so progress cannot be saved. Let the user who runs zhulao write to it, or choose another folder with --data.",
    space_short: "Data folder: {folder} can be written to, but only {mb} MB is free, less than a day of classes needs (about {day} MB). Please make room, or learners' answers will stop being saved.",
    space_low: "Data folder: {folder} can be written to; {mb} MB free, about {days} days of classes. Please make room soon.",
    space_fine: "Data folder: {folder} can be written to; {mb} MB free.",
    space_unknown: "Data folder: {folder} can be written to.",
    set_aside: "Progress: a damaged earlier record was set aside as {file}. It may be rescued: see \"Rescuing a damaged progress file\" in the README.",
    log: "Log {file}, last lines:",
    progress_none: "Progress: none yet; zhulao makes a new record when it first starts.",
    progress_unopened: "Progress: {reason}",
    progress_sound: "Progress: {file} is sound ({learners} learners, {records} records).",
    progress_damaged: "Progress: {file} is damaged ({problems} problems). See \"Rescuing a damaged progress file\" in the README; kiosk mode sets it aside and starts a new one.",
    progress_unchecked: "Progress: could not be checked ({reason}).",
    lessons_fine: "Lessons: {packs} packs, {lessons} lessons.",
    lessons_problems: "Lessons: {n} problems, such as:\n  {problems}\n  Run zhulao check DIR to see them all. Kiosk mode falls back to the built-in lessons.",
    speech_command_bad: "Read-aloud: the command has a problem: {reason}",
    speech_ready: "Read-aloud: the speech program is there.",
    speech_missing: "Read-aloud: {program} was not found, so pressing r says it is missing. To read aloud, install it (Debian/Ubuntu: apt-get install espeak-ng).",
    kiosk_off: "Kiosk mode: off (start with zhulao --kiosk, or turn it on in the teacher's screens).",
    kiosk_locked: "Kiosk mode: the teacher PIN is locked after too many wrong tries. Run zhulao pin reset, then zhulao pin set.",
    kiosk_ready: "Kiosk mode: on; the teacher PIN is set; back to the start after {minutes} min with nobody using it.",
    kiosk_no_pin: "Kiosk mode: no teacher PIN is set, so the kiosk cannot be closed and the teacher's screens cannot open. As the user that runs the kiosk, run zhulao pin set.",
};
