//! Words of the teacher's term: what a roster import says about its columns and about a line
//! that changes a learner already on the list, who has been missing, and one learner's detail.
//! Chinese and English side by side, one struct so a missing translation is a compile error.

use crate::lang::Lang;

pub struct TermWords {
    /// After a roster import's lines: the columns of the file nothing was taken from.
    pub unused_columns: &'static str,
    /// A column of a file without a header row, by its number.
    pub column_n: &'static str,
    /// A learner already on the list was put in another group by a line.
    pub group_joined: &'static str,
    /// Who is missing: learners not seen for a number of days, or never.
    pub missing_title: &'static str,
    /// The entry on the teacher's menu.
    pub home_missing: &'static str,
    pub key_missing: &'static str,
    pub word_missing: &'static str,
    pub key_days: &'static str,
    pub word_days: &'static str,
    /// The span chosen: "7 天以上没来".
    pub missing_days: &'static str,
    pub missing_none: &'static str,
    pub col_group: &'static str,
    pub col_last_seen: &'static str,
    /// On the roster but never started a lesson.
    pub never_came: &'static str,
    /// "2026-11-20（9 天前）".
    pub seen_days_ago: &'static str,
    /// One learner's detail: under each of their hardest steps, what the step asked and what
    /// they answered.
    pub detail_asked: &'static str,
    pub detail_their_answers: &'static str,
    /// A progress bar's words beside it: "3/5 课".
    pub detail_progress: &'static str,
}

pub const TERM_ZH: TermWords = TermWords {
    unused_columns: "没有用到的列：{columns}（认得的列名：姓名/学员姓名、班级/小组/组别/班别/分组、座位号/座号）",
    column_n: "第 {n} 列",
    group_joined: "；已把 {name} 加进 {group}（如果是另一位同名的学员，请把名字写得有区别再导入）",
    missing_title: "谁没来",
    home_missing: "谁没来（好几天没来的学员）",
    key_missing: "M",
    word_missing: "谁没来",
    key_days: "D",
    word_days: "天数",
    missing_days: "{n} 天以上没来",
    missing_none: "这 {n} 天里每个人都来过。",
    col_group: "分组",
    col_last_seen: "上次来",
    never_came: "还没来过",
    seen_days_ago: "{date}（{n} 天前）",
    detail_asked: "这一步：{text}",
    detail_their_answers: "TA 答的：{answers}",
    detail_progress: "{done}/{all} 课",
};

pub const TERM_EN: TermWords = TermWords {
    unused_columns: "Columns not used: {columns} (the headers understood: name, group/class, seat)",
    column_n: "column {n}",
    group_joined: "; {name} was put in {group} as well (if this is another person with the same name, write their names so they differ and import again)",
    missing_title: "Who is missing",
    home_missing: "Who is missing (not seen for days)",
    key_missing: "M",
    word_missing: "missing",
    key_days: "D",
    word_days: "days",
    missing_days: "not seen for {n} days or more",
    missing_none: "Everyone came in the last {n} days.",
    col_group: "Group",
    col_last_seen: "Last seen",
    never_came: "never came",
    seen_days_ago: "{date} ({n} days ago)",
    detail_asked: "The step: {text}",
    detail_their_answers: "They answered: {answers}",
    detail_progress: "{done}/{all} lessons",
};

/// The words in `lang`.
pub fn term(lang: Lang) -> &'static TermWords {
    match lang {
        Lang::Zh => &TERM_ZH,
        Lang::En => &TERM_EN,
    }
}
