//! From what the store read to what a report shows: one row per learner × lesson, one line per
//! learner (attendance, class hours, who is missing — everyone on the roster, also those who
//! never came), and the summary of each group. Pure functions of the data, so both formats show
//! the same figures.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use time::{Date, OffsetDateTime, UtcOffset};

use crate::content::Library;
use crate::lang::Lang;
use crate::progress::review::REVIEW_LESSON;
use crate::progress::store::parse_time;
use crate::progress::store::report::{GroupEntry, ReportData};
use crate::settings::CentreSettings;
use crate::ui::context::learner_display_name;
use crate::ui::words::report::{ReportWords, report_words};
use crate::ui::words::words;

/// How many learners "the most wrong answers" lists.
pub const MOST_WRONG: usize = 10;

/// Several groups in one cell.
pub const GROUP_SEPARATOR: &str = "、";

/// One learner × one lesson they touched.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub learner_id: String,
    /// Their name, or "学员 7".
    pub learner: String,
    pub seat: Option<i64>,
    /// The names of their groups, sorted, joined with "、".
    pub groups: String,
    pub archived: bool,
    pub pack_id: String,
    pub lesson_id: String,
    /// The pack's title, or its id when the pack is no longer installed.
    pub course: String,
    /// The lesson's title, or its id when the lesson is no longer there; "复习" for reviews.
    pub lesson: String,
    /// Finished at least once (by the end of the period): 完成; else 学习中.
    pub completed: bool,
    /// In the report's time zone; `None` only for a time the record holds in a form that
    /// cannot be read (then `first_text` / `last_text` hold it as stored).
    pub first: Option<OffsetDateTime>,
    pub last: Option<OffsetDateTime>,
    pub first_text: String,
    pub last_text: String,
    /// Runs started.
    pub attempts: u64,
    /// Wrong answers (答错次数): each showed the hint or pointed at the answer.
    pub wrong: u64,
    /// Times the learner opened help (求助次数).
    pub help: u64,
    pub answers: u64,
    /// Runs finished in the period.
    pub completions: u64,
    pub time_ms: u64,
    /// 0–3: one per finished run, up to three, as the learner's lesson list shows them.
    pub stars: u8,
    /// Where the lesson sits in the library (pack, lesson), for ordering.
    pub(crate) place: (usize, usize),
    /// Where the learner comes in the report's order.
    pub(crate) rank: usize,
}

impl Row {
    /// The row of a pack's reviews (复习), not of a lesson.
    pub fn is_review(&self) -> bool {
        self.lesson_id == REVIEW_LESSON
    }

    pub fn status(&self, words: &ReportWords) -> &'static str {
        if self.completed {
            words.status_done
        } else {
            words.status_learning
        }
    }
}

/// One learner over the period: attendance and class hours for the bureau, and how long they
/// have been away. Every learner in the report has one, those who never came too.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerLine {
    pub learner_id: String,
    pub learner: String,
    pub seat: Option<i64>,
    pub groups: String,
    pub archived: bool,
    /// 出勤天数: distinct days (in the report's time zone) with any activity in the period.
    pub days_attended: usize,
    pub time_ms: u64,
    pub lessons_started: usize,
    pub lessons_completed: usize,
    pub wrong: u64,
    pub help: u64,
    /// The latest activity up to the period's end, in the report's time zone.
    pub last_seen: Option<OffsetDateTime>,
    /// Whole days from the last activity to the period's last day (today without one); `None`
    /// for a learner who never came.
    pub days_away: Option<i64>,
}

impl LearnerLine {
    /// Away `n` days or more, or never came: who the bureau and the teacher ask about.
    pub fn missing(&self, n: u16) -> bool {
        self.days_away.is_none_or(|d| d >= i64::from(n))
    }
}

/// A learner with wrong answers, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Helped {
    pub learner: String,
    pub seat: Option<i64>,
    pub wrong: u64,
    pub answers: u64,
}

/// One lesson across a group, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonLine {
    pub course: String,
    pub lesson: String,
    /// Learners who touched it.
    pub learners: usize,
    /// Of them, those who have finished it.
    pub completed: usize,
    pub wrong: u64,
    pub help: u64,
    pub time_ms: u64,
    /// Where the lesson sits in the library, for ordering.
    pub(crate) place: (usize, usize),
}

/// What a volunteer reports to the bureau about one group (or everyone).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The group's name, or "全部 All".
    pub name: String,
    /// Members (all learners for "全部"), archived ones included.
    pub learners: usize,
    pub archived: usize,
    /// Members with at least one row in the report.
    pub active: usize,
    /// Members with no activity at all up to the period's end.
    pub never_came: usize,
    /// Members away the report's number of days or more, or who never came.
    pub away: usize,
    /// 上课天数: days on which any member was active.
    pub class_days: usize,
    /// 出勤人次: each member's days attended, added up.
    pub attendance_days: usize,
    /// Rows: learner × lesson touched.
    pub lessons_started: usize,
    /// Rows whose status is 完成.
    pub lessons_completed: usize,
    /// Runs finished in the period.
    pub completions: u64,
    pub attempts: u64,
    pub wrong: u64,
    pub help: u64,
    pub answers: u64,
    pub time_ms: u64,
    /// Stars earned, and lessons started (a lesson's stars are 0–3).
    pub stars: u64,
    /// Those with the most wrong answers (at least one), most first.
    pub most_wrong: Vec<Helped>,
    pub lessons: Vec<LessonLine>,
}

/// The report, ready to be written in either format.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub rows: Vec<Row>,
    /// Every learner in the report, in the rows' order.
    pub learners: Vec<LearnerLine>,
    /// "全部" first, then each group by name; with a group filter, that group alone.
    pub summaries: Vec<GroupSummary>,
    pub offset: UtcOffset,
    /// "全部记录" or "2026-11-01 至 2026-11-07".
    pub period: String,
    pub made_at: OffsetDateTime,
    /// The language of every header and word in the report.
    pub lang: Lang,
    pub centre: CentreSettings,
    /// Away this many days or more counts as missing.
    pub away_days: u16,
}

impl Report {
    pub fn words(&self) -> &'static ReportWords {
        report_words(self.lang)
    }
}

/// What a report is asked for, beside the data: its language, time zone, period's words, when
/// it is made, the day "days away" count to, and the days away that count as missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Framing {
    pub lang: Lang,
    pub offset: UtcOffset,
    pub period: String,
    pub made_at: OffsetDateTime,
    /// The period's last day, or today.
    pub last_day: Date,
    pub away_days: u16,
}

/// Builds the rows and the summaries. `only` is the group the report was limited to, if any
/// (`data` then holds only its members and their figures).
pub fn build(
    data: &ReportData,
    lib: &Library,
    only: Option<&GroupEntry>,
    framing: Framing,
) -> Report {
    let Framing {
        lang,
        offset,
        period,
        made_at,
        last_day,
        away_days,
    } = framing;
    let rw = report_words(lang);
    let group_names: HashMap<&str, &str> = data
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
    let mut groups_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (learner, group) in &data.memberships {
        if let Some(name) = group_names.get(group.as_str()) {
            groups_of.entry(learner).or_default().push(name);
        }
    }
    let zh = words(lang);
    struct Who<'a> {
        id: &'a str,
        name: String,
        /// As stored, for the order of names.
        stored: (Option<&'a str>, Option<u32>),
        seat: Option<i64>,
        archived: bool,
        groups: String,
    }
    let mut who: Vec<Who> = data
        .learners
        .iter()
        .map(|l| Who {
            id: &l.id,
            name: learner_display_name(zh, l.name.as_deref(), l.number),
            stored: (l.name.as_deref(), l.number),
            seat: l.seat,
            archived: l.archived,
            groups: groups_of
                .get_mut(l.id.as_str())
                .map(|g| {
                    g.sort_unstable();
                    g.join(GROUP_SEPARATOR)
                })
                .unwrap_or_default(),
        })
        .collect();
    // Rows go in class-list order (`name_order`: by pinyin, numbered learners after the
    // named): each learner's place in that order is their rank, so rows sort by a number.
    who.sort_by_cached_key(|w| {
        (
            crate::progress::name_order::learner_key(w.stored.0, w.stored.1),
            w.id,
        )
    });
    let rank: HashMap<&str, usize> = who.iter().enumerate().map(|(i, w)| (w.id, i)).collect();

    // Where each lesson sits in the library, for the order of rows, and its titles; a pack's
    // reviews come after its lessons.
    let mut place: HashMap<(&str, &str), (usize, usize, &str, &str)> = HashMap::new();
    let mut pack_place: HashMap<&str, (usize, &str)> = HashMap::new();
    for (p, pack) in lib.packs.iter().enumerate() {
        let title = pack.title.get(lang);
        pack_place.insert(&pack.id, (p, title));
        for (l, lesson) in pack.lessons.iter().enumerate() {
            place.insert(
                (&pack.id, &lesson.id),
                (p, l, title, lesson.title.get(lang)),
            );
        }
        place.insert(
            (&pack.id, REVIEW_LESSON),
            (p, pack.lessons.len(), title, zh.review.title),
        );
    }

    let local = |at: &str| parse_time(at).map(|t| crate::progress::store::to_local(t, offset));
    let help: HashMap<(&str, &str, &str), u64> = data
        .help
        .iter()
        .map(|h| {
            (
                (
                    h.learner_id.as_str(),
                    h.pack_id.as_str(),
                    h.lesson_id.as_str(),
                ),
                h.help,
            )
        })
        .collect();
    let mut rows: Vec<Row> = Vec::with_capacity(data.figures.len());
    // Records whose learner is not in `data` (with a group filter: one who left the group
    // meanwhile) are left out; without one there are none, the database sees to that.
    for f in &data.figures {
        let Some(&rank) = rank.get(f.learner_id.as_str()) else {
            continue;
        };
        let w = &who[rank];
        let (order, course, lesson) = match place.get(&(f.pack_id.as_str(), f.lesson_id.as_str())) {
            Some(&(p, l, course, lesson)) => ((p, l), course.to_string(), lesson.to_string()),
            None => match pack_place.get(f.pack_id.as_str()) {
                Some(&(p, course)) => ((p, usize::MAX), course.to_string(), f.lesson_id.clone()),
                None => (
                    (usize::MAX, usize::MAX),
                    f.pack_id.clone(),
                    f.lesson_id.clone(),
                ),
            },
        };
        let lesson = if f.lesson_id == REVIEW_LESSON {
            zh.review.title.to_string()
        } else {
            lesson
        };
        rows.push(Row {
            learner_id: f.learner_id.clone(),
            learner: w.name.clone(),
            seat: w.seat,
            groups: w.groups.clone(),
            archived: w.archived,
            pack_id: f.pack_id.clone(),
            lesson_id: f.lesson_id.clone(),
            course,
            lesson,
            completed: f.completions_to_date > 0,
            first: local(&f.first_at),
            last: local(&f.last_at),
            first_text: f.first_at.clone(),
            last_text: f.last_at.clone(),
            attempts: f.runs,
            wrong: f.wrong,
            help: help
                .get(&(
                    f.learner_id.as_str(),
                    f.pack_id.as_str(),
                    f.lesson_id.as_str(),
                ))
                .copied()
                .unwrap_or(0),
            answers: f.answers,
            completions: f.completions,
            time_ms: f.time_ms,
            stars: f.completions_to_date.min(3) as u8,
            place: order,
            rank,
        });
    }
    rows.sort_unstable_by(|a, b| {
        (a.rank, a.place)
            .cmp(&(b.rank, b.place))
            .then_with(|| (&a.pack_id, &a.lesson_id).cmp(&(&b.pack_id, &b.lesson_id)))
    });

    // Each learner's rows are together: a summary reads only its members' rows.
    let mut rows_of: HashMap<&str, Range<usize>> = HashMap::new();
    let mut at = 0;
    while at < rows.len() {
        let rank = rows[at].rank;
        let end = at + rows[at..].iter().take_while(|r| r.rank == rank).count();
        rows_of.insert(who[rank].id, at..end);
        at = end;
    }
    // One line per learner, in the rows' order: attendance from the store, the rest added up
    // from their rows.
    let attended: HashMap<&str, &crate::progress::store::report::Attendance> = data
        .attendance
        .iter()
        .map(|a| (a.learner_id.as_str(), a))
        .collect();
    let mut help_of: HashMap<&str, u64> = HashMap::new();
    for h in &data.help {
        *help_of.entry(h.learner_id.as_str()).or_default() += h.help;
    }
    let learners: Vec<LearnerLine> = who
        .iter()
        .map(|w| {
            let mine = rows_of.get(w.id).map_or(&[][..], |r| &rows[r.clone()]);
            let lessons = mine.iter().filter(|r| !r.is_review());
            let seen = attended.get(w.id);
            let last_seen = seen.and_then(|a| a.last_seen.as_deref()).and_then(local);
            LearnerLine {
                learner_id: w.id.to_string(),
                learner: w.name.clone(),
                seat: w.seat,
                groups: w.groups.clone(),
                archived: w.archived,
                days_attended: seen.map_or(0, |a| a.days.len()),
                time_ms: mine.iter().map(|r| r.time_ms).sum(),
                lessons_started: lessons.clone().count(),
                lessons_completed: lessons.filter(|r| r.completed).count(),
                wrong: mine.iter().map(|r| r.wrong).sum(),
                help: help_of.get(w.id).copied().unwrap_or(0),
                days_away: last_seen.map(|t| (last_day - t.date()).whole_days().max(0)),
                last_seen,
            }
        })
        .collect();
    let archived: HashSet<&str> = who.iter().filter(|w| w.archived).map(|w| w.id).collect();
    let context = Summing {
        archived: &archived,
        rows_of: &rows_of,
        rows: &rows,
        learners: &learners,
        rank: &rank,
        attended: &attended,
        away_days,
    };
    let summary = |name: &str, members: &[&str]| summarise(name, members, &context);
    let mut summaries = Vec::new();
    let everyone: Vec<&str> = who.iter().map(|w| w.id).collect();
    match only {
        // `data` holds the group's members alone.
        Some(group) => summaries.push(summary(&group.name, &everyone)),
        None => {
            summaries.push(summary(rw.all, &everyone));
            let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
            for (learner, group) in &data.memberships {
                members.entry(group).or_default().push(learner);
            }
            for group in &data.groups {
                let list = members.get(group.id.as_str()).map_or(&[][..], |m| m);
                summaries.push(summary(&group.name, list));
            }
        }
    }
    Report {
        rows,
        learners,
        summaries,
        offset,
        period,
        made_at: crate::progress::store::to_local(made_at, offset),
        lang,
        centre: data.centre.clone(),
        away_days,
    }
}

/// What every group's summary reads.
struct Summing<'a> {
    archived: &'a HashSet<&'a str>,
    rows_of: &'a HashMap<&'a str, Range<usize>>,
    rows: &'a [Row],
    learners: &'a [LearnerLine],
    rank: &'a HashMap<&'a str, usize>,
    attended: &'a HashMap<&'a str, &'a crate::progress::store::report::Attendance>,
    away_days: u16,
}

fn summarise(name: &str, members: &[&str], c: &Summing) -> GroupSummary {
    let (archived, rows_of, rows) = (c.archived, c.rows_of, c.rows);
    let lines = members
        .iter()
        .filter_map(|m| c.rank.get(m).map(|&i| &c.learners[i]));
    let mut class_days: HashSet<&str> = HashSet::new();
    for m in members {
        if let Some(a) = c.attended.get(m) {
            class_days.extend(a.days.iter().map(String::as_str));
        }
    }
    let mut s = GroupSummary {
        name: name.to_string(),
        learners: members.len(),
        archived: members.iter().filter(|m| archived.contains(*m)).count(),
        active: 0,
        never_came: lines.clone().filter(|l| l.days_away.is_none()).count(),
        away: lines.clone().filter(|l| l.missing(c.away_days)).count(),
        class_days: class_days.len(),
        attendance_days: lines.clone().map(|l| l.days_attended).sum(),
        help: lines.map(|l| l.help).sum(),
        lessons_started: 0,
        lessons_completed: 0,
        completions: 0,
        attempts: 0,
        wrong: 0,
        answers: 0,
        time_ms: 0,
        stars: 0,
        most_wrong: Vec::new(),
        lessons: Vec::new(),
    };
    // (wrong, answers, one of their rows) of each learner who answered wrong.
    let mut helped: Vec<(u64, u64, &Row)> = Vec::new();
    let mut per_lesson: HashMap<(&str, &str), LessonLine> = HashMap::new();
    for member in members {
        let Some(range) = rows_of.get(member) else {
            continue;
        };
        s.active += 1;
        let (mut help, mut answers) = (0, 0);
        for row in &rows[range.clone()] {
            // A review is runs started and finished, but not a lesson studied: its answers,
            // help and time are counted in the lessons of its steps.
            if !row.is_review() {
                s.lessons_started += 1;
                s.lessons_completed += usize::from(row.completed);
                s.stars += u64::from(row.stars);
            }
            s.completions += row.completions;
            s.attempts += row.attempts;
            s.wrong += row.wrong;
            s.answers += row.answers;
            s.time_ms += row.time_ms;
            help += row.wrong;
            answers += row.answers;
            let line = per_lesson
                .entry((row.pack_id.as_str(), row.lesson_id.as_str()))
                .or_insert_with(|| LessonLine {
                    course: row.course.clone(),
                    lesson: row.lesson.clone(),
                    learners: 0,
                    completed: 0,
                    wrong: 0,
                    help: 0,
                    time_ms: 0,
                    place: row.place,
                });
            line.learners += 1;
            line.completed += usize::from(row.completed);
            line.wrong += row.wrong;
            line.help += row.help;
            line.time_ms += row.time_ms;
        }
        if help > 0 {
            helped.push((help, answers, &rows[range.start]));
        }
    }
    // Most wrong answers first; of two alike, the one who got more of their answers wrong
    // (fewer answers), then in the rows' order.
    helped.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.rank.cmp(&b.2.rank))
    });
    s.most_wrong = helped
        .into_iter()
        .take(MOST_WRONG)
        .map(|(wrong, answers, row)| Helped {
            learner: row.learner.clone(),
            seat: row.seat,
            wrong,
            answers,
        })
        .collect();
    // Lessons in course order.
    let mut lessons: Vec<_> = per_lesson.into_iter().collect();
    lessons.sort_by(|(a_id, a), (b_id, b)| a.place.cmp(&b.place).then(a_id.cmp(b_id)));
    s.lessons = lessons.into_iter().map(|(_, line)| line).collect();
    s
}
