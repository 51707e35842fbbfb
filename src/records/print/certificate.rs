//! The certificate of completion (结业证书): who finished which course, and the page that says
//! so. A course is finished when every one of its lessons — as the pack has them now — has
//! been completed at least once (a review run does not count: it is no lesson of the pack).
//! The date on the certificate is the day, in this computer's time zone, on which the last of
//! them was first completed: the day the course was finished, whenever the paper is printed.

use std::collections::HashMap;

use time::{Date, OffsetDateTime, UtcOffset};

use super::html::{escape, para};
use crate::content::Pack;
use crate::lang::Lang;
use crate::progress::store::{local_date, parse_time};
use crate::progress::{Event, Verb};
use crate::ui::words::fill;
use crate::ui::words::print::PrintWords;

/// How far a learner is through one course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseState {
    /// The lessons completed (indices into the pack's lessons), in the pack's order.
    pub done: Vec<usize>,
    /// The lessons not completed yet.
    pub left: Vec<usize>,
    /// When the course was finished: the latest of its lessons' first completions.
    pub finished: Option<OffsetDateTime>,
}

/// Where `events` (one learner's) leave that learner in `pack`.
pub fn course_state(pack: &Pack, events: &[Event]) -> CourseState {
    let mut first: HashMap<&str, OffsetDateTime> = HashMap::new();
    for e in events {
        if e.verb != Verb::Completed || e.pack_id != pack.id {
            continue;
        }
        let Some(at) = parse_time(&e.at) else {
            continue;
        };
        first
            .entry(e.lesson_id.as_str())
            .and_modify(|t| *t = (*t).min(at))
            .or_insert(at);
    }
    let (done, left): (Vec<usize>, Vec<usize>) =
        (0..pack.lessons.len()).partition(|&i| first.contains_key(pack.lessons[i].id.as_str()));
    let finished = if left.is_empty() && !done.is_empty() {
        done.iter()
            .filter_map(|&i| first.get(pack.lessons[i].id.as_str()))
            .max()
            .copied()
    } else {
        None
    };
    CourseState {
        done,
        left,
        finished,
    }
}

impl CourseState {
    /// The day the course was finished, in the time zone `offset`.
    pub fn finished_on(&self, offset: UtcOffset) -> Option<Date> {
        self.finished.map(|t| local_date(t, offset))
    }
}

/// A date as it is written on a certificate: 2026年12月5日, or 5 December 2026.
pub fn date_words(date: Date, pw: &PrintWords) -> String {
    let month = u8::from(date.month());
    fill(
        pw.date,
        &[
            ("y", &date.year().to_string()),
            ("m", &month.to_string()),
            ("month", pw.months[usize::from(month) - 1]),
            ("d", &date.day().to_string()),
        ],
    )
}

/// What one certificate says.
pub struct Certificate<'a> {
    pub name: &'a str,
    pub pack: &'a Pack,
    pub date: Date,
    pub centre: &'a str,
}

/// One certificate's page.
pub fn page(c: &Certificate, lang: Lang, pw: &PrintWords) -> String {
    let pack = c.pack;
    let body = fill(
        pw.cert_body,
        &[
            ("course", pack.title.get(lang)),
            ("n", &pack.lessons.len().to_string()),
        ],
    );
    let lessons: Vec<&str> = pack.lessons.iter().map(|l| l.title.get(lang)).collect();
    let mut out = String::from("<section class=\"page certificate\">");
    out.push_str(&para("title", pw.cert_title));
    out.push_str(&para("certify", pw.cert_certify));
    out.push_str(&format!(
        "<div><span class=\"name\">{}</span></div>",
        escape(c.name)
    ));
    out.push_str(&para("body", &body));
    out.push_str(&para(
        "lessons",
        &format!("{}{}", pw.cert_lessons, lessons.join(pw.list_sep)),
    ));
    out.push_str(&para("cheer", pw.cert_cheer));
    out.push_str(&format!(
        "<div class=\"signed\"><div class=\"centre\">{}</div><div class=\"date\">{}</div></div>",
        escape(c.centre),
        escape(&date_words(c.date, pw))
    ));
    out.push_str("</section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::EventDraft;
    use crate::ui::words::print::{EN, ZH};

    fn pack() -> Pack {
        crate::built_in::load_library(None)
            .unwrap()
            .pack("weread")
            .unwrap()
            .clone()
    }

    fn completed(pack: &str, lesson: &str, at: &str) -> Event {
        let draft = EventDraft {
            verb: Verb::Completed,
            learner_id: "l".into(),
            registration: Some("r".into()),
            pack_id: pack.into(),
            lesson_id: lesson.into(),
            step: None,
            stars: Some(1),
            lang: Lang::Zh,
        };
        draft.unsaved(uuid::Uuid::new_v4().to_string(), at)
    }

    #[test]
    fn a_course_is_finished_when_every_lesson_was_completed_once_on_the_day_of_the_last() {
        let pack = pack();
        let ids: Vec<&str> = pack.lessons.iter().map(|l| l.id.as_str()).collect();
        let mut events = vec![completed("weread", ids[0], "2026-11-20T02:00:00Z")];
        let state = course_state(&pack, &events);
        assert_eq!(state.done, vec![0]);
        assert_eq!(state.left, (1..ids.len()).collect::<Vec<_>>());
        assert_eq!(state.finished, None);
        // The same lesson again, another course's lesson, a review: none of them count.
        events.push(completed("weread", ids[0], "2026-11-21T02:00:00Z"));
        events.push(completed("wechat", ids[1], "2026-11-21T02:00:00Z"));
        events.push(completed("weread", "review", "2026-11-21T02:00:00Z"));
        assert_eq!(course_state(&pack, &events).done, vec![0]);
        // The last lesson first finished late on 4 December in UTC: 5 December in Beijing. A
        // later run of it does not move the date.
        let last = ids.len() - 1;
        for id in &ids[1..last] {
            events.push(completed("weread", id, "2026-12-01T10:00:00Z"));
        }
        events.push(completed("weread", ids[last], "2026-12-10T10:00:00Z"));
        events.push(completed("weread", ids[last], "2026-12-04T17:30:00Z"));
        let state = course_state(&pack, &events);
        assert!(state.left.is_empty());
        let beijing = UtcOffset::from_hms(8, 0, 0).unwrap();
        let day = Date::from_calendar_date(2026, time::Month::December, 5).unwrap();
        assert_eq!(state.finished_on(beijing), Some(day));
        assert_eq!(state.finished_on(UtcOffset::UTC), day.previous_day());
    }

    #[test]
    fn dates_are_written_the_chinese_way_or_the_english_way() {
        let date = Date::from_calendar_date(2026, time::Month::December, 5).unwrap();
        assert_eq!(date_words(date, &ZH), "2026年12月5日");
        assert_eq!(date_words(date, &EN), "5 December 2026");
    }

    #[test]
    fn a_certificate_names_the_learner_the_course_its_lessons_the_centre_and_the_date() {
        let pack = pack();
        let date = Date::from_calendar_date(2026, time::Month::December, 5).unwrap();
        let c = Certificate {
            name: "王秀英<b>",
            pack: &pack,
            date,
            centre: "幸福里社区长者学堂",
        };
        let html = page(&c, Lang::Zh, &ZH);
        assert!(html.contains("<p class=\"title\">结业证书</p>"));
        assert!(html.contains("<span class=\"name\">王秀英&lt;b&gt;</span>"));
        let n = pack.lessons.len();
        assert!(
            html.contains(&format!("学完了“微信读书”课程的全部 {n} 课，特发此证。")),
            "{html}"
        );
        for l in &pack.lessons {
            assert!(html.contains(&escape(&l.title.zh)));
        }
        assert!(html.contains("幸福里社区长者学堂</div><div class=\"date\">2026年12月5日</div>"));
        let en = page(&c, Lang::En, &EN);
        assert!(en.contains("Certificate of Completion"));
        assert!(en.contains(&format!(
            "has completed all {n} lessons of the course “{}”.",
            escape(&pack.title.en)
        )));
        assert!(en.contains("5 December 2026"));
    }
}
