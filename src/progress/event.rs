//! The learning record. Every answer, every lesson start and finish is one append-only event.
//! The fields are those an xAPI statement needs (actor, verb, object ids, result, context,
//! timestamp, statement id), so exporting to a Learning Record Store later is a mapping, not a
//! migration.

use crate::content::StepKind;
use crate::lang::Lang;
use crate::named::named_enum;

named_enum! {
    /// What a learner did (the xAPI verb).
    pub enum Verb {
        /// A learner began a run through a lesson (xAPI "attempted"); its id is the registration.
        Attempted = "attempted",
        /// A learner read an explanation step and went on (xAPI "experienced").
        Experienced = "experienced",
        /// A learner answered an exercise step, right or wrong (xAPI "answered").
        Answered = "answered",
        /// A learner finished a lesson (xAPI "completed").
        Completed = "completed",
    }
}

named_enum! {
    /// How an answer went.
    pub enum Outcome {
        Correct = "correct",
        Wrong = "wrong",
    }
}

/// What the app decided happened; the store stamps it with an id, a time and the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub verb: Verb,
    pub learner_id: String,
    /// The run through the lesson this belongs to; `None` only for `Attempted`, whose own new
    /// id becomes the registration.
    pub registration: Option<String>,
    pub pack_id: String,
    pub lesson_id: String,
    pub step: Option<StepAnswer>,
    /// Stars earned, on `Completed`.
    pub stars: Option<u8>,
    pub lang: Lang,
}

impl EventDraft {
    /// The event this draft would become, without a store: for previews (`zhulao preview`
    /// records nothing) and tests. `id` also becomes the registration of an `Attempted`.
    pub fn unsaved(self, id: String, at: &str) -> Event {
        Event {
            registration: self.registration.unwrap_or_else(|| id.clone()),
            id,
            verb: self.verb,
            learner_id: self.learner_id,
            pack_id: self.pack_id,
            lesson_id: self.lesson_id,
            step: self.step,
            stars: self.stars,
            lang: self.lang,
            at: at.to_string(),
            device_id: "preview".into(),
        }
    }
}

/// The answer part of an event: which step, what was given and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepAnswer {
    pub step_id: String,
    pub step_kind: StepKind,
    pub outcome: Option<Outcome>,
    /// 1 for the first try at this step in this run, 2 for the second …
    pub attempt: u32,
    /// What the learner gave: an element id, a choice id, order ids joined by commas, digits
    /// (masked for secret codes).
    pub response: String,
    /// The time this answer took, counted as `timed` says.
    pub duration_ms: u64,
    pub timed: Timed,
    /// Choice and order steps: the ids in the order they were shown (it differs by run).
    pub shown: Option<String>,
}

named_enum! {
    /// What an answer's time counts from. Time on a step counts once: each answer counts from
    /// the answer before it on that step (or from when the step was shown), so a step's answers
    /// add up to the time spent on it. Answers recorded before this (and by older zhulao on
    /// other machines) counted each from when the step was shown, so theirs overlap: of those,
    /// a step's longest in a run is its time.
    pub enum Timed {
        /// From the answer before it on the step, or from when the step was shown.
        SinceLast = "since-last",
        /// From when the step was shown (older records).
        SinceShown = "since-shown",
    }
}

/// A committed event, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub verb: Verb,
    pub learner_id: String,
    pub registration: String,
    pub pack_id: String,
    pub lesson_id: String,
    pub step: Option<StepAnswer>,
    pub stars: Option<u8>,
    pub lang: Lang,
    /// RFC 3339 UTC time of the commit.
    pub at: String,
    pub device_id: String,
}

/// A person learning on this machine. Numbered learners ("学员 7") have no typed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    pub id: String,
    pub name: Option<String>,
    pub number: Option<u32>,
    /// The seat number in class, if the instructor gave one (learners can be found by it).
    pub seat: Option<u32>,
}

/// How a new learner is added: by a typed name, or as the next numbered learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewLearner {
    Named(String),
    Numbered,
}
