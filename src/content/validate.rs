//! Turns one lesson file's text into the validated model, or into a list of plain-words problems
//! each pointing at `file:line:column`. All problems in a file are reported at once, so a volunteer
//! fixes a pack in one round instead of one error per run.

use std::ops::Range;

use super::model::*;
pub use super::problems::*;
use super::raw::*;
use super::screens::validate_screen;
use super::steps::validate_step;
use crate::lang::Text;

pub fn validate_pack(file: &str, source: &str) -> Result<PackInfo, Vec<PackError>> {
    let mut problems = Problems::new(file, source);
    let Some(raw) = parse::<RawPack>(&mut problems, source) else {
        return Err(problems.list);
    };
    let id = check_id(&mut problems, &raw.id, "pack");
    let title = text(&mut problems, &raw.title, Field::Title);
    let about = text(&mut problems, &raw.about, Field::About);
    if problems.is_clean() {
        Ok(PackInfo {
            id,
            id_span: raw.id.span(),
            order: raw.order,
            title,
            about,
        })
    } else {
        Err(problems.list)
    }
}

/// A pack's own fields, validated, before its lessons are attached.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub id: String,
    pub id_span: Range<usize>,
    pub order: i64,
    pub title: Text,
    pub about: Text,
}

/// Validates one lesson file. Returns the lesson and the span of its id (for cross-file checks).
pub fn validate_lesson(file: &str, source: &str) -> Result<(Lesson, Range<usize>), Vec<PackError>> {
    let mut problems = Problems::new(file, source);
    let Some(raw) = parse::<RawLesson>(&mut problems, source) else {
        return Err(problems.list);
    };
    let p = &mut problems;
    let id = check_id(p, &raw.id, "lesson");
    let title = text(p, &raw.title, Field::Title);
    let checked = raw.checked.get_ref().clone();
    let source = raw.source.as_ref().map(|s| {
        let value = s.get_ref().trim().to_string();
        let n = value.chars().count();
        if value.is_empty() || n > 200 {
            p.at(
                s.span(),
                crate::said!(
                    "`source` 写和哪个 App（哪个版本）或哪个官方帮助页面对照过，1 到 200 个字，这里有 {n} 个",
                    "`source` says what the steps were compared with (the app and version, or a help page) in 1 to 200 characters; this has {n}"
                ),
            );
        } else if let Err(problem) = crate::inert::check_display_text(&value) {
            let zh = problem.zh();
            p.at_char(
                s.span(),
                problem.ch(),
                crate::said!("`source` 里{zh}", "`source` {problem}"),
            );
        }
        value
    });
    if !is_year_month(&checked) {
        p.at(
            raw.checked.span(),
            crate::said!(
                "`checked` 要写成“年-月”，例如 \"2026-11\"（四位年份、减号、两位月份），不能写成 '{checked}'",
                "`checked` must be a month written as YYYY-MM, like \"2026-11\", not '{checked}'"
            ),
        );
    }
    let learned: Vec<Text> = raw
        .learned
        .get_ref()
        .iter()
        .map(|t| text(p, t, Field::Learned))
        .collect();
    if learned.is_empty() || learned.len() > 4 {
        let n = learned.len();
        p.at(
            raw.learned.span(),
            crate::said!(
                "`learned`（学到了什么）要写 1 到 4 句，这里有 {n} 句",
                "`learned` needs 1 to 4 lines, found {n}"
            ),
        );
    }

    let mut screen_ids = IdScope::new("screen");
    let screens: Vec<Screen> = raw
        .screens
        .iter()
        .map(|s| validate_screen(p, s, &mut screen_ids))
        .collect();

    if raw.steps.is_empty() || raw.steps.len() > MAX_STEPS {
        let at = raw.id.span();
        let n = raw.steps.len();
        p.at(
            at,
            crate::said!(
                "一课要有 1 到 {MAX_STEPS} 步（每一步以一行 [[steps]] 开头），这里有 {n} 步",
                "a lesson needs 1 to {MAX_STEPS} steps ([[steps]]), found {n}"
            ),
        );
    }
    let mut step_ids = IdScope::new("step");
    let steps: Vec<Step> = raw
        .steps
        .iter()
        .filter_map(|s| validate_step(p, s, &screens, &mut step_ids))
        .collect();

    if problems.is_clean() {
        Ok((
            Lesson {
                id,
                file: file.to_string(),
                title,
                checked,
                source,
                learned,
                screens,
                steps,
            },
            raw.id.span(),
        ))
    } else {
        Err(problems.list)
    }
}

fn is_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().all(u8::is_ascii_digit)
        && matches!(
            &s[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = "a = 1\n名字 = \"x\"\n";
        let offset = src.find('=').unwrap();
        assert_eq!(line_column(src, offset), (1, 3));
        let second = src.rfind('=').unwrap();
        assert_eq!(line_column(src, second), (2, 4));
    }

    #[test]
    fn year_month_is_checked() {
        assert!(is_year_month("2026-11"));
        assert!(!is_year_month("2026-13"));
        assert!(!is_year_month("Nov 2026"));
    }
}
