//! The instructor's screens, behind the PIN: a menu (`home`), the class dashboard (`class`), one
//! learner's detail (`detail`), who is missing (`missing`), the trouble spots (`trouble`), where
//! to write a report (`report`), the roster with its editing screens (`roster`, `edit`,
//! `entry`, `groups`), and the teacher's settings (`kiosk`: kiosk mode, the centre's class
//! period, and its name typed in `centre`). They read the database through
//! `Effect::Query` and change the roster through `Effect::Roster`, like every screen's effects.

pub mod centre;
pub mod class;
pub mod detail;
pub mod edit;
pub mod entry;
pub mod groups;
pub mod home;
pub mod kiosk;
pub mod missing;
pub mod report;
pub mod roster;
pub mod trouble;

use crate::app::Answer;
use crate::content::Library;
use crate::lang::Lang;
use crate::progress::store::roster::Group;
use crate::progress::store::roster::RosterEntry;
use crate::ui::ViewCx;

/// "微信读书 › 搜索一本书", or the ids when the lesson is no longer installed; a pack's reviews
/// are "复习".
/// The group a view shows, by name ("周二上午班"), or "everyone".
pub fn group_name<'a>(cx: &'a ViewCx, groups: &'a [Group], group: Option<&String>) -> &'a str {
    group
        .and_then(|id| groups.iter().find(|g| &g.id == id))
        .map_or(cx.words.teacher.everyone, |g| g.name.as_str())
}

/// The group after `group` for the G key: everyone → the first group → … → the last → everyone.
pub fn next_group(groups: &[Group], group: Option<&String>) -> Option<String> {
    let i = match group {
        None => 0,
        Some(id) => groups.iter().position(|g| &g.id == id).map_or(0, |i| i + 1),
    };
    groups.get(i).map(|g| g.id.clone())
}

pub fn lesson_name(lib: &Library, lang: Lang, pack_id: &str, lesson_id: &str) -> String {
    if lesson_id == crate::progress::review::REVIEW_LESSON {
        return crate::ui::words::words(lang).review.title.to_string();
    }
    match lib.pack(pack_id).and_then(|p| p.lesson(lesson_id)) {
        Some(lesson) => lesson.title.get(lang).to_string(),
        None => format!("{pack_id}/{lesson_id}"),
    }
}

/// A step's number in its lesson (1-based), or its id when it is no longer there.
pub fn step_number(lib: &Library, pack_id: &str, lesson_id: &str, step_id: &str) -> String {
    lib.pack(pack_id)
        .and_then(|p| p.lesson(lesson_id))
        .and_then(|l| l.steps.iter().position(|s| s.id == step_id))
        .map_or_else(|| step_id.to_string(), |i| (i + 1).to_string())
}

/// "1小时05分" / "12分钟" / "不到1分钟": the rule of `ui::figures::duration`.
pub fn duration(cx: &ViewCx, ms: u64) -> String {
    crate::ui::figures::duration(cx.words.teacher, cx.words.attendance, ms)
}

/// A stored time as the instructor reads it, in the machine's time zone: "今天 10:23" for
/// today, "11-28 16:05" otherwise.
pub fn when(cx: &ViewCx, at: &str, now: time::OffsetDateTime) -> String {
    let offset = time::UtcOffset::from_whole_seconds(cx.env.utc_offset_seconds)
        .unwrap_or(time::UtcOffset::UTC);
    let Some(t) = crate::progress::store::parse_time(at) else {
        return at.to_string();
    };
    let local = |t| crate::progress::store::to_local(t, offset);
    let (t, now) = (local(t), local(now));
    if t.date() == now.date() {
        format!(
            "{} {:02}:{:02}",
            cx.words.teacher.today,
            t.hour(),
            t.minute()
        )
    } else {
        format!(
            "{:02}-{:02} {:02}:{:02}",
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }
}

/// A learner's name as an instructor reads it (the learner screens' rule).
pub fn name(cx: &ViewCx, learner: &crate::progress::Learner) -> String {
    cx.learner_name(learner)
}

/// Follows a roster change: the learner's new entry and the groups there are now; the answer
/// is remembered for the screens underneath.
pub fn follow(
    answer: &Answer,
    entry: &mut RosterEntry,
    groups: &mut Vec<Group>,
    changed: &mut Option<Answer>,
) {
    if let Answer::Roster {
        entries,
        groups: now,
        ..
    } = answer
    {
        if let Some(e) = entries.iter().find(|e| e.learner.id == entry.learner.id) {
            *entry = e.clone();
        }
        *groups = now.clone();
        *changed = Some(answer.clone());
    }
}
