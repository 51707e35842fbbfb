//! Review between classes (复习): the steps a learner needed help with come back, spaced out,
//! until they no longer need help. Like the rest of progress, the schedule is never stored: it
//! is folded from the learner's events, so it can always be rebuilt from the record alone (on
//! another computer after an import, too).
//!
//! The rule, for each step (pack, lesson and step id), walking the learner's events in time
//! order:
//! - a wrong answer, in any run (a lesson or a review), puts the step at level 0, due again one
//!   day after the day of that answer. A wrong answer is what "needed help" means in the
//!   record: it is what shows the hint, and the second one points at the answer. (Opening the
//!   help page with `?` is not recorded, so it cannot count.)
//! - a right answer at the first try in a *review* run, on or after the step's due day, moves
//!   it up a level: due again 3 days later (level 1), then 7 days later (level 2), then it is
//!   done (level 3) and does not come back — unless it needs help again, which starts it over.
//!   Answering it right in the lesson itself, or in a review before it is due, changes nothing.
//!
//! Days are the machine's calendar days (its UTC offset). A review run is recorded as a run of
//! the pseudo-lesson [`REVIEW_LESSON`] of the pack: its `attempted` and `completed` events carry
//! that id, and each answer in it carries the step's own pack, lesson and step ids with the
//! review's registration, so every other view counts it as an answer to that step.

use std::collections::{HashMap, HashSet};

use time::{Date, Duration, UtcOffset};

use super::event::{Event, Outcome, Verb};
use super::store::parse_time;
use crate::content::{Exercise, Library};

/// The lesson id of review runs. Lesson ids in packs are `a-z`, `0-9` and `-` only
/// (`content::problems::check_id`), so no real lesson can have it.
pub const REVIEW_LESSON: &str = "_review";

/// The most steps one review run goes through.
pub const MAX_REVIEW_STEPS: usize = 10;

/// Days until a step comes back, by level.
const INTERVALS: [i64; 3] = [1, 3, 7];

/// The level at which a step is learned and no longer comes back.
pub const DONE: u8 = INTERVALS.len() as u8;

/// A step, by its ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StepKey {
    pub pack_id: String,
    pub lesson_id: String,
    pub step_id: String,
}

/// Where a step stands in the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// 0 after needing help; one more for each review answered right at the first try; at
    /// [`DONE`] it no longer comes back.
    pub level: u8,
    /// The day it is due again (meaningless once done).
    pub due: Date,
    /// The run in which it last needed help: a right answer later in that same run was not at
    /// the first try.
    helped_in: String,
}

/// A due step's place in the library: its lesson's index in the pack, and its own index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewStep {
    pub lesson: usize,
    pub step: usize,
}

/// One learner's review schedule, and the day it is read for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviews {
    /// The machine's offset from UTC: which calendar day an answer fell on.
    offset: UtcOffset,
    /// The day "due" means: today, as the loop said when the learner was opened.
    today: Date,
    /// Registrations of review runs.
    review_runs: HashSet<String>,
    steps: HashMap<StepKey, Scheduled>,
}

impl Default for Reviews {
    /// Nothing scheduled and nothing due (a new learner).
    fn default() -> Reviews {
        Reviews {
            offset: UtcOffset::UTC,
            today: Date::MIN,
            review_runs: HashSet::new(),
            steps: HashMap::new(),
        }
    }
}

impl Reviews {
    /// Folds a learner's events in the order they happened (by time, ties in the order given,
    /// as `Progress::from_events` does), with days in `offset`'s zone, read for `today`.
    pub fn from_events<'a>(
        events: impl IntoIterator<Item = &'a Event>,
        offset: UtcOffset,
        today: Date,
    ) -> Reviews {
        let mut events: Vec<&Event> = events.into_iter().collect();
        events.sort_by(|a, b| a.at.cmp(&b.at));
        let mut reviews = Reviews {
            offset,
            today,
            ..Reviews::default()
        };
        // A review's answers know their run by its registration; its start may have come in
        // later than them from another computer with a slower clock.
        reviews.review_runs = events
            .iter()
            .filter(|e| is_review_start(e))
            .map(|e| e.registration.clone())
            .collect();
        for e in events {
            reviews.apply(e);
        }
        reviews
    }

    /// Takes one more event into account (one just recorded).
    pub fn apply(&mut self, e: &Event) {
        if is_review_start(e) {
            self.review_runs.insert(e.registration.clone());
            return;
        }
        let (Verb::Answered, Some(step)) = (e.verb, &e.step) else {
            return;
        };
        if e.lesson_id == REVIEW_LESSON {
            return;
        }
        let Some(day) =
            parse_time(&e.at).map(|t| crate::progress::store::local_date(t, self.offset))
        else {
            return;
        };
        let key = StepKey {
            pack_id: e.pack_id.clone(),
            lesson_id: e.lesson_id.clone(),
            step_id: step.step_id.clone(),
        };
        match step.outcome {
            Some(Outcome::Wrong) => {
                self.steps.insert(
                    key,
                    Scheduled {
                        level: 0,
                        due: later(day, 0),
                        helped_in: e.registration.clone(),
                    },
                );
            }
            Some(Outcome::Correct) if self.review_runs.contains(&e.registration) => {
                let Some(s) = self.steps.get_mut(&key) else {
                    return;
                };
                let first_try = step.attempt == 1 && s.helped_in != e.registration;
                if s.level < DONE && first_try && day >= s.due {
                    s.level += 1;
                    if s.level < DONE {
                        s.due = later(day, s.level);
                    }
                }
            }
            _ => {}
        }
    }

    /// Where a step stands, if it ever needed help.
    pub fn scheduled(&self, pack_id: &str, lesson_id: &str, step_id: &str) -> Option<&Scheduled> {
        self.steps.get(&StepKey {
            pack_id: pack_id.into(),
            lesson_id: lesson_id.into(),
            step_id: step_id.into(),
        })
    }

    /// The steps of pack `pack` (its index in the library) that a review today goes through:
    /// those due, still in the library and still exercises, oldest due first (then in course
    /// order), at most [`MAX_REVIEW_STEPS`].
    pub fn due_in(&self, lib: &Library, pack: usize) -> Vec<ReviewStep> {
        let Some(p) = lib.packs.get(pack) else {
            return Vec::new();
        };
        let mut due: Vec<(Date, ReviewStep)> = self
            .steps
            .iter()
            .filter(|(k, s)| k.pack_id == p.id && s.level < DONE && s.due <= self.today)
            .filter_map(|(k, s)| {
                let lesson = p.lessons.iter().position(|l| l.id == k.lesson_id)?;
                let steps = &p.lessons[lesson].steps;
                let step = steps.iter().position(|st| st.id == k.step_id)?;
                if matches!(steps[step].exercise, Exercise::Read) {
                    return None;
                }
                Some((s.due, ReviewStep { lesson, step }))
            })
            .collect();
        due.sort_by_key(|(day, at)| (*day, at.lesson, at.step));
        due.truncate(MAX_REVIEW_STEPS);
        due.into_iter().map(|(_, at)| at).collect()
    }
}

fn is_review_start(e: &Event) -> bool {
    e.verb == Verb::Attempted && e.lesson_id == REVIEW_LESSON
}

/// The day a step at `level` is due again, counted from `day`.
fn later(day: Date, level: u8) -> Date {
    let days = INTERVALS[usize::from(level).min(INTERVALS.len() - 1)];
    day.checked_add(Duration::days(days)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::StepKind;
    use crate::lang::Lang;
    use crate::progress::event::StepAnswer;
    use crate::progress::views::Progress;
    use time::macros::{date, offset};

    /// A learner's record: runs of lessons and reviews, answers at given times.
    #[derive(Default)]
    struct Record {
        events: Vec<Event>,
        runs: usize,
    }

    impl Record {
        fn event(&mut self, verb: Verb, run: &str, lesson: &str, at: &str) -> &mut Event {
            self.events.push(Event {
                id: format!("e{}", self.events.len()),
                verb,
                learner_id: "learner".into(),
                registration: run.into(),
                pack_id: "p".into(),
                lesson_id: lesson.into(),
                step: None,
                stars: None,
                lang: Lang::Zh,
                at: at.into(),
                device_id: "device".into(),
            });
            self.events.last_mut().unwrap()
        }

        /// Starts a run of `lesson` (or of the review, with `REVIEW_LESSON`); returns its id.
        fn start(&mut self, lesson: &str, at: &str) -> String {
            self.runs += 1;
            let run = format!("run-{}", self.runs);
            self.event(Verb::Attempted, &run, lesson, at);
            run
        }

        /// Answers step `step` of lesson `l` in `run`: each of `outcomes` in turn.
        fn answer(&mut self, run: &str, step: &str, outcomes: &[Outcome], at: &str) {
            self.answer_in(run, "l", step, outcomes, at);
        }

        fn answer_in(
            &mut self,
            run: &str,
            lesson: &str,
            step: &str,
            outcomes: &[Outcome],
            at: &str,
        ) {
            for (i, &outcome) in outcomes.iter().enumerate() {
                self.event(Verb::Answered, run, lesson, at).step = Some(StepAnswer {
                    step_id: step.into(),
                    step_kind: StepKind::Tap,
                    outcome: Some(outcome),
                    attempt: i as u32 + 1,
                    response: String::new(),
                    duration_ms: 1000,
                    timed: crate::progress::Timed::SinceLast,
                    shown: None,
                });
            }
        }

        fn finish(&mut self, run: &str, lesson: &str, at: &str) {
            self.event(Verb::Completed, run, lesson, at).stars = Some(1);
        }

        /// The schedule in Beijing time, read for `today`.
        fn reviews(&self, today: Date) -> Reviews {
            Reviews::from_events(&self.events, offset!(+8), today)
        }

        /// Step `step` of lesson `l`: its level and due day.
        fn state(&self, step: &str) -> Option<(u8, Date)> {
            self.reviews(date!(2026 - 01 - 01))
                .scheduled("p", "l", step)
                .map(|s| (s.level, s.due))
        }

        /// The steps due on `day`, by id.
        fn due(&self, day: Date) -> Vec<String> {
            let reviews = self.reviews(day);
            let mut due: Vec<String> = reviews
                .steps
                .iter()
                .filter(|(_, s)| s.level < DONE && s.due <= day)
                .map(|(k, _)| k.step_id.clone())
                .collect();
            due.sort();
            due
        }
    }

    use Outcome::{Correct as RIGHT, Wrong as WRONG};

    /// A lesson run on 1 March (Beijing time) with `a` needing help and `b` not.
    fn first_class() -> Record {
        let mut r = Record::default();
        let run = r.start("l", "2026-03-01T02:00:00.000Z");
        r.answer(&run, "a", &[WRONG, RIGHT], "2026-03-01T02:01:00.000Z");
        r.answer(&run, "b", &[RIGHT], "2026-03-01T02:02:00.000Z");
        r.finish(&run, "l", "2026-03-01T02:03:00.000Z");
        r
    }

    /// A review on `at` answering `a` with `outcomes`.
    fn review(r: &mut Record, at: &str, outcomes: &[Outcome]) {
        let run = r.start(REVIEW_LESSON, at);
        r.answer(&run, "a", outcomes, at);
        r.finish(&run, REVIEW_LESSON, at);
    }

    #[test]
    fn a_step_that_needed_help_is_due_the_next_day_and_one_that_did_not_never_is() {
        let r = first_class();
        assert_eq!(r.state("a"), Some((0, date!(2026 - 03 - 02))));
        assert_eq!(r.state("b"), None);
        assert!(
            r.due(date!(2026 - 03 - 01)).is_empty(),
            "nothing the same day"
        );
        assert_eq!(r.due(date!(2026 - 03 - 02)), ["a"]);
        assert_eq!(r.due(date!(2026 - 04 - 30)), ["a"], "still due weeks later");
    }

    #[test]
    fn right_first_time_in_reviews_spaces_it_out_1_3_7_days_then_it_is_done() {
        let mut r = first_class();
        review(&mut r, "2026-03-02T01:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a"), Some((1, date!(2026 - 03 - 05))));
        assert!(r.due(date!(2026 - 03 - 04)).is_empty(), "not before 3 days");
        assert_eq!(r.due(date!(2026 - 03 - 05)), ["a"]);
        review(&mut r, "2026-03-05T01:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a"), Some((2, date!(2026 - 03 - 12))));
        assert!(r.due(date!(2026 - 03 - 11)).is_empty(), "not before 7 days");
        review(&mut r, "2026-03-12T01:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a").map(|s| s.0), Some(DONE));
        assert!(r.due(date!(2027 - 01 - 01)).is_empty(), "never again");
    }

    #[test]
    fn a_late_review_counts_the_next_wait_from_the_day_it_was_done() {
        let mut r = first_class();
        review(&mut r, "2026-03-10T01:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a"), Some((1, date!(2026 - 03 - 13))));
    }

    #[test]
    fn needing_help_again_at_any_level_starts_over_at_one_day() {
        let mut r = first_class();
        review(&mut r, "2026-03-02T01:00:00.000Z", &[RIGHT]);
        review(&mut r, "2026-03-05T01:00:00.000Z", &[WRONG, RIGHT]);
        assert_eq!(
            r.state("a"),
            Some((0, date!(2026 - 03 - 06))),
            "the right answer after the wrong one was not at the first try"
        );
        review(&mut r, "2026-03-06T01:00:00.000Z", &[RIGHT]);
        review(&mut r, "2026-03-09T01:00:00.000Z", &[RIGHT]);
        review(&mut r, "2026-03-16T01:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a").map(|s| s.0), Some(DONE));
        // Even once done, a wrong answer in the lesson brings it back.
        let run = r.start("l", "2026-04-01T01:00:00.000Z");
        r.answer(&run, "a", &[WRONG], "2026-04-01T01:00:00.000Z");
        assert_eq!(r.state("a"), Some((0, date!(2026 - 04 - 02))));
    }

    #[test]
    fn only_a_review_on_or_after_the_due_day_moves_a_step_up() {
        let mut r = first_class();
        // The lesson done again the next day, right at once: not a review.
        let run = r.start("l", "2026-03-02T01:00:00.000Z");
        r.answer(&run, "a", &[RIGHT], "2026-03-02T01:00:00.000Z");
        assert_eq!(r.state("a"), Some((0, date!(2026 - 03 - 02))));
        // A review on the day itself (another computer's record, say) is too early.
        review(&mut r, "2026-03-01T05:00:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a"), Some((0, date!(2026 - 03 - 02))));
        // A right answer that is not the first try (a review resumed elsewhere) is no step up.
        let run = r.start(REVIEW_LESSON, "2026-03-02T02:00:00.000Z");
        r.event(Verb::Answered, &run, "l", "2026-03-02T02:00:00.000Z")
            .step = Some(StepAnswer {
            step_id: "a".into(),
            step_kind: StepKind::Judge,
            outcome: Some(RIGHT),
            attempt: 2,
            response: String::new(),
            duration_ms: 0,
            timed: crate::progress::Timed::SinceLast,
            shown: None,
        });
        assert_eq!(r.state("a"), Some((0, date!(2026 - 03 - 02))));
    }

    #[test]
    fn in_one_review_each_step_moves_on_its_own() {
        let mut r = Record::default();
        let run = r.start("l", "2026-03-01T02:00:00.000Z");
        for step in ["a", "b", "c"] {
            r.answer(&run, step, &[WRONG, RIGHT], "2026-03-01T02:01:00.000Z");
        }
        let other = r.start("m", "2026-03-01T03:00:00.000Z");
        r.answer_in(
            &other,
            "m",
            "a",
            &[WRONG, WRONG, RIGHT],
            "2026-03-01T03:01:00.000Z",
        );
        assert_eq!(r.due(date!(2026 - 03 - 02)), ["a", "a", "b", "c"]);
        // One review over both lessons: a right, b needs help, c right, m's a right.
        let at = "2026-03-02T01:00:00.000Z";
        let run = r.start(REVIEW_LESSON, at);
        r.answer(&run, "a", &[RIGHT], at);
        r.answer(&run, "b", &[WRONG, RIGHT], at);
        r.answer(&run, "c", &[RIGHT], at);
        r.answer_in(&run, "m", "a", &[RIGHT], at);
        r.finish(&run, REVIEW_LESSON, at);
        assert_eq!(r.state("a"), Some((1, date!(2026 - 03 - 05))));
        assert_eq!(r.state("b"), Some((0, date!(2026 - 03 - 03))));
        assert_eq!(r.state("c"), Some((1, date!(2026 - 03 - 05))));
        let m = r.reviews(date!(2026 - 03 - 02));
        let m = m.scheduled("p", "m", "a").map(|s| (s.level, s.due));
        assert_eq!(
            m,
            Some((1, date!(2026 - 03 - 05))),
            "same step id, other lesson"
        );
        assert_eq!(r.due(date!(2026 - 03 - 03)), ["b"]);
        assert_eq!(r.due(date!(2026 - 03 - 05)), ["a", "a", "b", "c"]);
    }

    #[test]
    fn days_are_the_machines_calendar_days() {
        let mut r = Record::default();
        // 20:00 UTC on 1 March is 04:00 on 2 March in Beijing, 15:00 on 1 March in New York.
        let run = r.start("l", "2026-03-01T20:00:00.000Z");
        r.answer(&run, "a", &[WRONG], "2026-03-01T20:00:00.000Z");
        assert_eq!(r.state("a"), Some((0, date!(2026 - 03 - 03))));
        let due = |offset: UtcOffset| {
            Reviews::from_events(&r.events, offset, date!(2026 - 03 - 02))
                .scheduled("p", "l", "a")
                .map(|s| s.due)
        };
        assert_eq!(due(UtcOffset::UTC), Some(date!(2026 - 03 - 02)));
        assert_eq!(due(offset!(-5)), Some(date!(2026 - 03 - 02)));
        // A review at 23:30 Beijing time on the due day (15:30 UTC) is on time; the next wait
        // counts from that Beijing day.
        review(&mut r, "2026-03-03T15:30:00.000Z", &[RIGHT]);
        assert_eq!(r.state("a"), Some((1, date!(2026 - 03 - 06))));
        // At 00:30 the next morning it is another day.
        let mut late = Record::default();
        let run = late.start("l", "2026-03-01T20:00:00.000Z");
        late.answer(&run, "a", &[WRONG], "2026-03-01T20:00:00.000Z");
        review(&mut late, "2026-03-03T16:30:00.000Z", &[RIGHT]);
        assert_eq!(late.state("a"), Some((1, date!(2026 - 03 - 07))));
    }

    #[test]
    fn one_event_at_a_time_gives_the_same_schedule_as_the_whole_record() {
        let mut r = first_class();
        review(&mut r, "2026-03-02T01:00:00.000Z", &[RIGHT]);
        review(&mut r, "2026-03-05T01:00:00.000Z", &[WRONG, WRONG, RIGHT]);
        let today = date!(2026 - 03 - 06);
        let mut one_by_one = Reviews::from_events(&[], offset!(+8), today);
        for e in &r.events {
            one_by_one.apply(e);
        }
        assert_eq!(one_by_one, r.reviews(today), "as each answer is recorded");
    }

    #[test]
    fn a_review_goes_over_the_due_steps_still_in_the_library_oldest_first() {
        let lib = crate::app::test_support::library();
        let mut r = Record::default();
        let run = r.start("l", "2026-03-01T02:00:00.000Z");
        r.answer(&run, "gone", &[WRONG], "2026-03-01T02:00:00.000Z");
        r.answer(&run, "tap-b", &[WRONG], "2026-03-02T02:00:00.000Z");
        // A step that became a read step, and a lesson no longer there.
        r.answer(&run, "end", &[WRONG], "2026-03-01T02:00:00.000Z");
        let other = r.start("removed", "2026-03-01T02:00:00.000Z");
        r.answer_in(&other, "removed", "x", &[WRONG], "2026-03-01T02:00:00.000Z");
        assert!(r.reviews(date!(2026 - 03 - 02)).due_in(&lib, 0).is_empty());
        let due = r.reviews(date!(2026 - 03 - 03)).due_in(&lib, 0);
        assert_eq!(due, [ReviewStep { lesson: 0, step: 0 }]);
        assert!(r.reviews(date!(2026 - 03 - 03)).due_in(&lib, 7).is_empty());
    }

    #[test]
    fn a_review_holds_at_most_ten_steps_the_oldest_first() {
        let mut lib = crate::app::test_support::library();
        let lesson = &mut lib.packs[0].lessons[0];
        let tap = lesson.steps[0].clone();
        lesson.steps = (0..12)
            .map(|i| crate::content::Step {
                id: format!("s{i}"),
                ..tap.clone()
            })
            .collect();
        let mut r = Record::default();
        let run = r.start("l", "2026-02-28T02:00:00.000Z");
        // s11 needed help a day earlier than s0 … s10.
        r.answer(&run, "s11", &[WRONG], "2026-02-28T02:00:00.000Z");
        for i in 0..11 {
            r.answer(&run, &format!("s{i}"), &[WRONG], "2026-03-01T03:00:00.000Z");
        }
        let due = r.reviews(date!(2026 - 03 - 02)).due_in(&lib, 0);
        let steps: Vec<usize> = due.iter().map(|s| s.step).collect();
        assert_eq!(steps, [11, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(MAX_REVIEW_STEPS, 10);
    }

    #[test]
    fn a_review_does_not_move_the_lessons_resume_point_or_stars() {
        let mut r = Record::default();
        let run = r.start("l", "2026-03-01T02:00:00.000Z");
        r.answer(&run, "a", &[WRONG, RIGHT], "2026-03-01T02:01:00.000Z");
        // The lesson is left at step "b"; the next day a review answers "a" and "b".
        let before = Progress::from_events(&r.events);
        let review_run = r.start(REVIEW_LESSON, "2026-03-02T01:00:00.000Z");
        r.answer(&review_run, "a", &[RIGHT], "2026-03-02T01:00:00.000Z");
        r.answer(
            &review_run,
            "b",
            &[WRONG, RIGHT],
            "2026-03-02T01:00:00.000Z",
        );
        r.finish(&review_run, REVIEW_LESSON, "2026-03-02T01:01:00.000Z");
        let after = Progress::from_events(&r.events);
        assert_eq!(after.lesson("p", "l"), before.lesson("p", "l"));
        assert_eq!(after.lesson("p", REVIEW_LESSON).completions, 1);
        assert_eq!(r.state("b"), Some((0, date!(2026 - 03 - 03))));
    }

    #[test]
    fn no_lesson_in_a_pack_can_take_the_reviews_id() {
        let lesson = format!(
            "id = \"{REVIEW_LESSON}\"\ntitle = {{ zh = \"课\", en = \"Lesson\" }}\n\
             checked = \"2026-11\"\nlearned = [{{ zh = \"学\", en = \"Learn\" }}]\n\n\
             [[steps]]\nid = \"s\"\nkind = \"read\"\nsay = {{ zh = \"读\", en = \"Read\" }}\n"
        );
        let refused = crate::content::validate::validate_lesson("l.toml", &lesson);
        let Err(problems) = refused else {
            panic!("a lesson took the id {REVIEW_LESSON}");
        };
        assert!(
            format!("{problems:?}").contains("lesson id '_review'"),
            "{problems:?}"
        );
    }
}
