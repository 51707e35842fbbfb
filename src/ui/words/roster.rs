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
}

pub const TERM_ZH: TermWords = TermWords {
    unused_columns: "没有用到的列：{columns}（认得的列名：姓名/学员姓名、班级/小组/组别/班别/分组、座位号/座号）",
    column_n: "第 {n} 列",
    group_joined: "；已把 {name} 加进 {group}（如果是另一位同名的学员，请把名字写得有区别再导入）",
};

pub const TERM_EN: TermWords = TermWords {
    unused_columns: "Columns not used: {columns} (the headers understood: name, group/class, seat)",
    column_n: "column {n}",
    group_joined: "; {name} was put in {group} as well (if this is another person with the same name, write their names so they differ and import again)",
};

/// The words in `lang`.
pub fn term(lang: Lang) -> &'static TermWords {
    match lang {
        Lang::Zh => &TERM_ZH,
        Lang::En => &TERM_EN,
    }
}
