//! The fixed words of the education bureau's report (`crate::records::report`, XLSX and CSV).
//! The report is read in either language, so each cell says it in both, Chinese first: one
//! text per cell here, not a table per language, and the files are the same whichever language
//! zhulao runs in. Placeholders are filled with `fill`.

/// A column header: (Chinese, English). The workbook puts the two on two lines of one cell,
/// CSV on one line with a space between.
pub type Header = (&'static str, &'static str);

/// The first cell of each summary sheet.
pub const TITLE: &str = "智慧助老 学习情况汇总 zhulao learning report";

/// The summary of everyone (and its sheet's name).
pub const ALL: &str = "全部 All";
/// The sheet with one row per learner × lesson.
pub const DETAILS: &str = "明细 Details";
/// The sheet of a group whose name leaves nothing a sheet name may hold.
pub const UNNAMED_GROUP: &str = "小组";

/// The period of a report with no `--since` or `--until`.
pub const PERIOD_ALL: &str = "全部记录 whole record";
/// From the day `{since}` on.
pub const PERIOD_FROM: &str = "{since} 起 from {since}";
/// Up to the day `{until}`.
pub const PERIOD_UNTIL: &str = "至 {until} until {until}";
pub const PERIOD_BETWEEN: &str = "{since} – {until}";

/// A row's status: the lesson finished at least once by the end of the period…
pub const STATUS_DONE: &str = "完成";
/// …or not.
pub const STATUS_LEARNING: &str = "学习中";
/// The archived column of an archived learner's rows (empty for the others).
pub const ARCHIVED_YES: &str = "是";

/// One of the learners who needed help most, in the CSV summary: "张三（12 次）". The names
/// are joined with `GROUP_SEPARATOR` (`records::report::table`).
pub const HELPED: &str = "{learner}（{help} 次）";

/// The details' columns (both formats). The English half of the two times (columns 7 and 8)
/// gets the report's time zone added.
pub const DETAIL_HEADERS: [Header; 14] = [
    ("学员", "Learner"),
    ("座位", "Seat"),
    ("小组", "Groups"),
    ("已归档", "Archived"),
    ("课程", "Course"),
    ("课", "Lesson"),
    ("状态", "Status"),
    ("首次学习", "First activity"),
    ("最近学习", "Last activity"),
    ("开始次数", "Attempts"),
    ("求助次数", "Help used"),
    ("用时（分钟）", "Minutes"),
    ("星星", "Stars"),
    ("完成次数", "Completions"),
];

/// The CSV summary's columns: one row per group.
pub const SUMMARY_HEADERS: [&str; 14] = [
    "小组 Group",
    "学员人数 Learners",
    "已归档 Archived",
    "有学习记录的学员 Learners who studied",
    "学过的课 Lessons studied",
    "完成的课 Lessons completed",
    "完成次数 Completions",
    "平均星星 Average stars",
    "总用时（小时）Hours",
    "开始次数 Attempts",
    "求助次数 Help used",
    "回答次数 Answers",
    "最需要帮助的学员 Needed help most",
    "时间范围 Period",
];

// A workbook's summary sheet, top to bottom.

/// The facts under the title, each beside its value.
pub const FACT_GROUP: &str = "小组 Group";
pub const FACT_PERIOD: &str = "时间范围 Period";
pub const FACT_ZONE: &str = "时区 Time zone";
pub const FACT_MADE: &str = "生成时间 Made";

/// Above the figures.
pub const FIGURE_HEADERS: [Header; 2] = [("项目", "Item"), ("数值", "Value")];

/// The figures' labels, in their order on the sheet.
pub struct Figures {
    pub learners: &'static str,
    pub archived: &'static str,
    pub active: &'static str,
    pub lessons_started: &'static str,
    pub lessons_completed: &'static str,
    pub completions: &'static str,
    pub average_stars: &'static str,
    pub hours: &'static str,
    pub minutes_per_learner: &'static str,
    pub attempts: &'static str,
    pub answers: &'static str,
    pub help: &'static str,
}

pub const FIGURES: Figures = Figures {
    learners: "学员人数 Learners",
    archived: "其中已归档 Of them archived",
    active: "有学习记录的学员 Learners who studied",
    lessons_started: "学过的课（人次）Lessons studied",
    lessons_completed: "完成的课（人次）Lessons completed",
    completions: "完成次数 Completions",
    average_stars: "平均星星（每课）Average stars per lesson",
    hours: "总用时（小时）Total time (hours)",
    minutes_per_learner: "人均用时（分钟）Minutes per learner",
    attempts: "开始次数 Attempts",
    answers: "回答次数 Answers",
    help: "求助次数 Help used",
};

/// The learners who needed help most: the heading, the columns, and the line when nobody did.
pub const MOST_HELPED: &str = "最需要帮助的学员 Learners who needed help most";
pub const MOST_HELPED_HEADERS: [Header; 4] = [
    ("学员", "Learner"),
    ("座位", "Seat"),
    ("求助次数", "Help used"),
    ("回答次数", "Answers"),
];
pub const NOBODY: &str = "（无 none）";

/// Each lesson across the group: the heading and the columns.
pub const BY_LESSON: &str = "各课情况 By lesson";
pub const BY_LESSON_HEADERS: [Header; 6] = [
    ("课程", "Course"),
    ("课", "Lesson"),
    ("学过的学员", "Learners"),
    ("完成的学员", "Completed"),
    ("求助次数", "Help used"),
    ("用时（分钟）", "Minutes"),
];
