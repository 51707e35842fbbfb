//! Progress is never stored, only derived: folding a learner's events gives, for each lesson,
//! the current run, the steps done in it and how often the lesson was finished. The same fold
//! runs on events loaded from the database and on each event as it is committed, so the screen
//! and the record can never disagree.

use std::collections::{HashMap, HashSet};

use super::event::{Event, Outcome, Verb};
use crate::content::Lesson;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// The unfinished run, if any: its registration and the steps already done in it.
    pub current: Option<Run>,
    pub completions: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub registration: String,
    pub done_steps: HashSet<String>,
    /// Wrong answers per step in this run: how far help has gone, and the next attempt's
    /// number, both of which must survive a restart.
    pub wrong: HashMap<String, u32>,
}

impl Run {
    /// Wrong answers given to `step_id` in this run.
    pub fn wrong_answers(&self, step_id: &str) -> u32 {
        self.wrong.get(step_id).copied().unwrap_or(0)
    }
}

impl LessonProgress {
    /// Stars reward finishing and practising, never speed: one per completed run, up to three.
    pub fn stars(&self) -> u8 {
        self.completions.min(3) as u8
    }

    pub fn is_complete(&self) -> bool {
        self.completions > 0
    }

    /// Where an unfinished run continues: the first step of the lesson as it is now that was
    /// not done in that run. Keyed by step id, so a pack edited between visits still resumes
    /// at the right place.
    pub fn resume_step(&self, lesson: &Lesson) -> Option<usize> {
        let run = self.current.as_ref()?;
        Some(
            lesson
                .steps
                .iter()
                .position(|s| !run.done_steps.contains(&s.id))
                .unwrap_or(lesson.steps.len()),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    lessons: HashMap<(String, String), LessonProgress>,
}

impl Progress {
    /// Folds events in the order they happened (by time, ties in the order given), so records
    /// merged from several machines give the same progress whatever order they arrived in.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Progress {
        let mut events: Vec<&Event> = events.into_iter().collect();
        events.sort_by(|a, b| a.at.cmp(&b.at));
        let mut progress = Progress::default();
        for e in events {
            progress.apply(e);
        }
        progress
    }

    pub fn apply(&mut self, e: &Event) {
        let entry = self
            .lessons
            .entry((e.pack_id.clone(), e.lesson_id.clone()))
            .or_default();
        match e.verb {
            Verb::Attempted => {
                entry.current = Some(Run {
                    registration: e.registration.clone(),
                    ..Run::default()
                });
            }
            Verb::Experienced | Verb::Answered => {
                let (Some(run), Some(step)) = (entry.current.as_mut(), &e.step) else {
                    return;
                };
                if run.registration != e.registration {
                    return;
                }
                match (e.verb, step.outcome) {
                    (Verb::Answered, Some(Outcome::Wrong)) => {
                        *run.wrong.entry(step.step_id.clone()).or_default() += 1;
                    }
                    _ => {
                        run.done_steps.insert(step.step_id.clone());
                    }
                }
            }
            Verb::Completed => {
                entry.completions += 1;
                if entry
                    .current
                    .as_ref()
                    .is_some_and(|r| r.registration == e.registration)
                {
                    entry.current = None;
                }
            }
        }
    }

    pub fn lesson(&self, pack_id: &str, lesson_id: &str) -> &LessonProgress {
        static NOT_STARTED: LessonProgress = LessonProgress {
            current: None,
            completions: 0,
        };
        self.lessons
            .get(&(pack_id.to_string(), lesson_id.to_string()))
            .unwrap_or(&NOT_STARTED)
    }
}
