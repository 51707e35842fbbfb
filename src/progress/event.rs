//! The learning record. Every answer, every lesson start and finish is one append-only event.
//! The fields are those an xAPI statement needs (actor, verb, object ids, result, context,
//! timestamp, statement id), so exporting to a Learning Record Store later is a mapping, not a
//! migration.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verb {
    /// A learner began a run through a lesson (xAPI "attempted"); its id is the registration.
    Attempted,
    /// A learner read an explanation step and went on (xAPI "experienced").
    Experienced,
    /// A learner answered an exercise step, right or wrong (xAPI "answered").
    Answered,
    /// A learner finished a lesson (xAPI "completed").
    Completed,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Attempted => "attempted",
            Verb::Experienced => "experienced",
            Verb::Answered => "answered",
            Verb::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<Verb> {
        [
            Verb::Attempted,
            Verb::Experienced,
            Verb::Answered,
            Verb::Completed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Correct,
    Wrong,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Correct => "correct",
            Outcome::Wrong => "wrong",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "correct" => Some(Outcome::Correct),
            "wrong" => Some(Outcome::Wrong),
            _ => None,
        }
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

/// The answer part of an event: which step, what was given and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepAnswer {
    pub step_id: String,
    pub step_kind: String,
    pub outcome: Option<Outcome>,
    /// 1 for the first try at this step in this run, 2 for the second …
    pub attempt: u32,
    /// What the learner gave: an element id, a choice id, order ids joined by commas, digits
    /// (masked for secret codes).
    pub response: String,
    pub duration_ms: u64,
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
}

impl Learner {
    pub fn display_name(&self, lang: Lang) -> String {
        match (&self.name, self.number, lang) {
            (Some(name), _, _) => name.clone(),
            (None, Some(n), Lang::Zh) => format!("学员 {n}"),
            (None, Some(n), Lang::En) => format!("Learner {n}"),
            (None, None, Lang::Zh) => "学员".into(),
            (None, None, Lang::En) => "Learner".into(),
        }
    }
}

/// How a new learner is added: by a typed name, or as the next numbered learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewLearner {
    Named(String),
    Numbered,
}
