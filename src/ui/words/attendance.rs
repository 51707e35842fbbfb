//! The words of the teacher's screens about attendance and reports: learning time under a
//! minute, where a report is written, the centre's settings (its name, the length of a class
//! period) and help asked for. Chinese and English, like `TeacherWords`.

pub struct AttendanceWords {
    /// Learning time of more than nothing but less than a minute (see `ui::figures`).
    pub under_a_minute: &'static str,
    /// The report screen: the question, each place offered, and what happened.
    pub report_title: &'static str,
    pub report_where: &'static str,
    pub report_usb: &'static str,
    pub report_documents: &'static str,
    pub report_data: &'static str,
    pub report_no_usb: &'static str,
    pub report_writing: &'static str,
    pub report_written: &'static str,
    pub report_failed: &'static str,
    /// The teacher's settings: the centre's name and its class period.
    pub centre_name: &'static str,
    pub centre_unnamed: &'static str,
    pub class_minutes: &'static str,
    pub class_minutes_value: &'static str,
    pub centre_name_help: &'static str,
    pub centre_name_too_long: &'static str,
    /// The learner's detail: times help was opened.
    pub detail_help: &'static str,
}

pub const ATTENDANCE_ZH: AttendanceWords = AttendanceWords {
    under_a_minute: "不到1分钟",
    report_title: "导出报告",
    report_where: "报告写到哪里？点一个地方。",
    report_usb: "U盘：{label}",
    report_documents: "文档文件夹：{path}",
    report_data: "zhulao 的数据文件夹：{path}",
    report_no_usb: "没有找到U盘。要写到U盘，请插上U盘，按 Esc 返回，再进来。",
    report_writing: "正在写报告…",
    report_written: "报告写好了。\n位置：{place}\n文件：{path}",
    report_failed: "报告没写成：{reason}",
    centre_name: "中心名称",
    centre_unnamed: "（还没有设置）",
    class_minutes: "一个课时",
    class_minutes_value: "{m} 分钟",
    centre_name_help: "输入中心的名称，再按回车。",
    centre_name_too_long: "名称最多 {n} 个字。",
    detail_help: "打开帮助 {help} 次。",
};

pub const ATTENDANCE_EN: AttendanceWords = AttendanceWords {
    under_a_minute: "under 1 min",
    report_title: "Write a report",
    report_where: "Where should the report go? Tap a place.",
    report_usb: "USB stick: {label}",
    report_documents: "Documents folder: {path}",
    report_data: "zhulao's data folder: {path}",
    report_no_usb: "No USB stick found. To write to one, plug it in, press Esc and come back.",
    report_writing: "Writing the report…",
    report_written: "The report is written.\nPlace: {place}\nFile: {path}",
    report_failed: "The report was not written: {reason}",
    centre_name: "Centre name",
    centre_unnamed: "(not set yet)",
    class_minutes: "One class period",
    class_minutes_value: "{m} min",
    centre_name_help: "Type the centre's name, then press Enter.",
    centre_name_too_long: "A name has at most {n} characters.",
    detail_help: "Opened help {help} times.",
};
