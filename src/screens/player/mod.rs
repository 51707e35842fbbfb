//! The lesson player: opening a lesson (resuming at the exact step or starting a new run),
//! checking each kind of answer, escalating help, and moving on once an answer's event has come
//! back committed. Its drawing is in `view`, the order exercise's shuffle in `order`, and what
//! is particular to a review run (due steps from several lessons) in `review`.

mod choice;
mod digits;
mod gesture;
mod judge;
mod order;
pub mod review;
pub mod shuffle;
mod tap;
mod view;

pub use digits::grouped;
pub use view::step_phone;

use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
pub use crate::content::LessonAt;
use crate::content::{Exercise, Lesson, Library, Step, Verdict};
use crate::lang::Text;
use crate::overlays::Overlay;
use crate::progress::review::REVIEW_LESSON;
use crate::progress::store::help::HelpDraft;
use crate::progress::{Event, EventDraft, Outcome as Answer, StepAnswer, Timed, Verb};

use super::complete::Complete;
use super::settings::SettingsScreen;
use crate::app::Reply;
use shuffle::{shuffled, shuffled_unsolved};

/// How far help has gone on the current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    None,
    /// A wrong answer: the first time a kind word and the hint, from the second on the right
    /// answer is pointed at.
    Wrong,
    /// The right answer, with the step's "why" shown until the learner goes on.
    Right,
    /// Enter was pressed in a digits step before any digit was typed.
    NothingTyped,
    /// Enter was pressed before anything was chosen: it answers nothing, and says which keys
    /// choose.
    NothingChosen,
}

#[derive(Debug, Clone)]
pub struct Player {
    pub at: LessonAt,
    pub registration: String,
    pub step: usize,
    /// Wrong answers on this step in this run.
    pub wrong: u32,
    /// The highlighted element: a phone item index (tap), or a display position (choice,
    /// order). Nothing is highlighted when a step opens — the first arrow key shows the
    /// highlight — so no answer can be given by pressing Enter alone.
    pub cursor: Option<usize>,
    pub typed: String,
    /// Order exercise: item indices placed so far.
    pub placed: Vec<usize>,
    /// Choice and order exercises: display position → choice or item index, different in each
    /// run of the lesson.
    pub shuffle: Vec<usize>,
    pub feedback: Feedback,
    /// The last step was answered right: say so at the top of this one.
    pub praise: bool,
    /// When the step was shown (ms on the app's clock), for the time-spent field.
    pub shown_at: u64,
    /// A judge step: the verdict was given right, and the sign is asked for now.
    pub verdict_done: bool,
    /// A review run: the due steps it goes through. `at` and `step` are then the one showing.
    pub review: Option<review::ReviewRun>,
    /// Why the last answer was wrong, when that answer has its own explanation (a wrong
    /// choice's `why`, a greyed button, a quick tap where a long press was asked for …).
    pub explain: Option<Text>,
    /// A slide step: where the learner has put the slider so far.
    pub level: u8,
    /// The phone item a finger is down on, in a hold step (until it lifts).
    pub pressing: Option<usize>,
    /// A long phone screen moved by the learner: its first row shown (else it follows the
    /// highlight).
    pub scroll: Option<u16>,
}

impl Player {
    /// A player at `step`, where `wrong` answers were already given in this run (help picks up
    /// where it was, and attempt numbers go on counting).
    fn new(
        lib: &Library,
        at: LessonAt,
        registration: String,
        step: usize,
        wrong: u32,
        now_ms: u64,
    ) -> Self {
        let mut p = Player {
            at,
            registration,
            step,
            wrong: 0,
            cursor: None,
            typed: String::new(),
            placed: Vec::new(),
            shuffle: Vec::new(),
            feedback: Feedback::None,
            praise: false,
            shown_at: now_ms,
            verdict_done: false,
            review: None,
            explain: None,
            level: 0,
            pressing: None,
            scroll: None,
        };
        p.reset_step(lib, step, wrong, now_ms);
        p
    }

    pub fn lesson<'a>(&self, lib: &'a Library) -> Option<&'a Lesson> {
        self.at.lesson(lib)
    }

    pub fn step<'a>(&self, lib: &'a Library) -> Option<&'a Step> {
        self.lesson(lib)?.steps.get(self.step)
    }

    /// The right answer is pointed at from the second wrong answer on.
    pub fn pointing(&self) -> bool {
        self.wrong >= 2 && self.feedback != Feedback::Right
    }

    /// A player on step `step` of a lesson, as `zhulao preview` opens it: a run of its own
    /// (nothing is recorded in a preview), no wrong answers yet.
    pub fn preview(lib: &Library, at: LessonAt, step: usize, now_ms: u64) -> Self {
        Player::new(lib, at, "preview".into(), step, 0, now_ms)
    }

    /// Puts the player at `step` with fresh per-step state, `wrong` answers already given.
    fn reset_step(&mut self, lib: &Library, step: usize, wrong: u32, now_ms: u64) {
        self.step = step;
        self.wrong = wrong;
        self.typed.clear();
        self.placed.clear();
        self.feedback = Feedback::None;
        self.shown_at = now_ms;
        self.cursor = None;
        self.shuffle.clear();
        self.verdict_done = false;
        self.explain = None;
        self.scroll = None;
        let Some(lesson) = self.at.lesson(lib) else {
            return;
        };
        if let Some(s) = lesson.steps.get(step) {
            match &s.exercise {
                Exercise::Slide { target, .. } => {
                    self.level = s
                        .screen
                        .and_then(|sc| lesson.screens.get(sc))
                        .and_then(|sc| sc.items.get(*target))
                        .map_or(0, |it| it.level);
                }
                Exercise::Choice { choices, .. } => {
                    self.shuffle = shuffled(&self.registration, &s.id, choices.len());
                }
                Exercise::Order { items } => {
                    self.shuffle = shuffled_unsolved(&self.registration, &s.id, items.len());
                }
                Exercise::Judge { signs, .. } => {
                    self.shuffle = shuffled(&self.registration, &s.id, signs.len());
                }
                _ => {}
            }
            if self.wrong >= 2 {
                self.cursor = right_answer_cursor(s, self);
            }
        }
    }

    /// What the learner was shown, for the record: the choices or items in display order.
    fn shown(&self, step: &Step) -> Option<String> {
        let ids: Vec<&str> = match &step.exercise {
            Exercise::Choice { choices, .. } => self
                .shuffle
                .iter()
                .map(|&i| choices[i].id.as_str())
                .collect(),
            Exercise::Order { items } => {
                self.shuffle.iter().map(|&i| items[i].id.as_str()).collect()
            }
            Exercise::Judge { .. } if !self.verdict_done => {
                VERDICTS.iter().map(|v| v.as_str()).collect()
            }
            Exercise::Judge { signs, .. } => {
                self.shuffle.iter().map(|&i| signs[i].id.as_str()).collect()
            }
            _ => return None,
        };
        Some(ids.join(","))
    }

    /// The answers listed now, in display order: choices, order items, a judge step's two
    /// verdicts and then its signs. (The view draws exactly these.)
    pub fn listed<'a>(&self, step: &'a Step) -> Vec<Listed<'a>> {
        match &step.exercise {
            Exercise::Choice { choices, .. } => self
                .shuffle
                .iter()
                .map(|&i| Listed::Text(&choices[i].text))
                .collect(),
            Exercise::Order { items } => self
                .shuffle
                .iter()
                .map(|&i| Listed::Text(&items[i].text))
                .collect(),
            Exercise::Judge { .. } if !self.verdict_done => {
                VERDICTS.iter().map(|&v| Listed::Verdict(v)).collect()
            }
            Exercise::Judge { signs, .. } => self
                .shuffle
                .iter()
                .map(|&i| Listed::Text(&signs[i].text))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn draft(&self, cx: &Ctx, verb: Verb) -> Option<EventDraft> {
        draft(cx, self.at, verb, Some(self.registration.clone()))
    }

    /// Enter before anything was chosen: no answer; the screen says which keys choose.
    fn nothing_chosen(&mut self) -> Outcome {
        self.feedback = Feedback::NothingChosen;
        Outcome::none()
    }

    fn finish_lesson(&self, cx: &Ctx) -> Outcome {
        let (Some(pack), Some(lesson)) = (self.at.pack(cx.lib), self.at.lesson(cx.lib)) else {
            return Outcome::none();
        };
        let completions = cx.session.progress.lesson(&pack.id, &lesson.id).completions;
        let Some(mut d) = self.draft(cx, Verb::Completed) else {
            return Outcome::none();
        };
        d.stars = Some((completions + 1).min(3) as u8);
        Outcome::effect(Effect::Record(d))
    }

    fn advance(&mut self, cx: &Ctx, praise: bool) -> Outcome {
        if self.review.is_some() {
            return review::advance(self, cx, praise);
        }
        let len = self.lesson(cx.lib).map_or(0, |l| l.steps.len());
        let next = self.step + 1;
        if next >= len {
            return self.finish_lesson(cx);
        }
        let wrong = wrong_so_far(cx, self.at, next);
        self.reset_step(cx.lib, next, wrong, cx.now.ms);
        self.praise = praise;
        Outcome::none()
    }

    /// Asks for the learner's answer to the current step to be committed: `outcome` is `None`
    /// for a read step (the learner went on), right or wrong for an exercise. Its time counts
    /// from the answer before it on this step (or from when the step was shown), and the next
    /// answer's from this one, so that a step's time counts once however many tries it took.
    fn record(
        &mut self,
        cx: &Ctx,
        step: &Step,
        outcome: Option<Answer>,
        response: String,
    ) -> Outcome {
        let verb = if outcome.is_some() {
            Verb::Answered
        } else {
            Verb::Experienced
        };
        let Some(mut d) = self.draft(cx, verb) else {
            return Outcome::none();
        };
        d.step = Some(StepAnswer {
            step_id: step.id.clone(),
            step_kind: step.exercise.kind(),
            outcome,
            attempt: self.wrong + 1,
            response,
            duration_ms: cx.now.ms.saturating_sub(self.shown_at),
            timed: Timed::SinceLast,
            shown: self.shown(step),
        });
        self.shown_at = cx.now.ms;
        Outcome::effect(Effect::Record(d))
    }

    fn recorded(&mut self, cx: &Ctx, event: &Event) -> Outcome {
        match event.verb {
            Verb::Attempted => Outcome::none(),
            Verb::Experienced => self.advance(cx, false),
            Verb::Answered => {
                let Some(step) = self.step(cx.lib) else {
                    return Outcome::none();
                };
                if event.step.as_ref().and_then(|s| s.outcome) == Some(Answer::Correct) {
                    self.explain = None;
                    if step.why.is_some() {
                        self.feedback = Feedback::Right;
                        self.praise = false;
                        return Outcome::none();
                    }
                    return self.advance(cx, true);
                }
                self.wrong += 1;
                self.feedback = Feedback::Wrong;
                self.praise = false;
                self.typed.clear();
                self.placed.clear();
                // Nothing stays highlighted from the wrong answer (Enter to go on must not
                // give it again); from the second wrong answer on, the right one is.
                self.cursor = if self.wrong >= 2 {
                    right_answer_cursor(step, self)
                } else if matches!(step.exercise, Exercise::Order { .. }) {
                    None
                } else {
                    self.cursor
                };
                Outcome::none()
            }
            Verb::Completed if self.review.is_some() => review::completed(self, event),
            Verb::Completed => Outcome::replace(Complete::new(self.at, event.stars.unwrap_or(1))),
        }
    }

    /// The learner's answer (or move) on the step showing: each kind of exercise in a file of
    /// its own.
    fn answer(&mut self, cx: &Ctx, step: &Step, action: Action) -> Outcome {
        // A long phone screen moves in any step that shows one.
        if let Action::ScrollTo(row) = action {
            self.scroll = Some(row);
            return Outcome::none();
        }
        match &step.exercise {
            Exercise::Read => match action {
                Action::Confirm | Action::Select(_) => self.record(cx, step, None, String::new()),
                _ => Outcome::none(),
            },
            Exercise::Tap { target, wrong } => tap::answer(self, cx, step, *target, wrong, action),
            Exercise::Choice { choices, right } => {
                choice::answer(self, cx, step, choices, *right, action)
            }
            Exercise::Order { items } => order::answer(self, cx, step, items, action),
            Exercise::Digits {
                answer,
                secret,
                format,
            } => digits::answer(self, cx, step, answer, *secret, *format, action),
            Exercise::Judge {
                verdict,
                signs,
                right,
                wrong_verdict,
            } => judge::answer(
                self,
                cx,
                step,
                judge::Judged {
                    verdict: *verdict,
                    signs,
                    right: *right,
                    wrong_verdict: wrong_verdict.as_ref(),
                },
                action,
            ),
            Exercise::Swipe { direction } => gesture::swipe(self, cx, step, *direction, action),
            Exercise::Hold { target } => gesture::hold(self, cx, step, *target, action),
            Exercise::Slide { target, level } => {
                gesture::slide(self, cx, step, *target, *level, action)
            }
        }
    }
}

/// What a secret code (a PIN) is recorded as, whatever was typed.
pub const SECRET_MASK: &str = "******";

/// A judge step's first question, always in this order: safe (1), suspicious (2).
pub const VERDICTS: [Verdict; 2] = [Verdict::Safe, Verdict::Suspicious];

/// One answer in a list the player shows.
#[derive(Debug, Clone, Copy)]
pub enum Listed<'a> {
    Text(&'a crate::lang::Text),
    Verdict(Verdict),
}

fn is_move(action: &Action) -> bool {
    matches!(
        action,
        Action::Up | Action::Down | Action::Left | Action::Right | Action::Next | Action::Prev
    )
}

/// What a key did to a list with no highlight at first.
enum Pick {
    /// Entry (display position) chosen by Enter on it, its number key or a tap.
    Chosen(usize),
    /// Enter with nothing highlighted: it chooses nothing.
    NothingHighlighted,
    /// Moved the highlight, or did nothing.
    Nothing,
}

fn pick(cursor: &mut Option<usize>, len: usize, action: &Action) -> Pick {
    match (action, *cursor) {
        (Action::Confirm, None) => Pick::NothingHighlighted,
        (Action::Confirm, Some(c)) if c < len => Pick::Chosen(c),
        (Action::Select(i), _) if *i < len => {
            *cursor = Some(*i);
            Pick::Chosen(*i)
        }
        // The first arrow key shows the highlight on the first entry.
        (a, None) if is_move(a) => {
            *cursor = Some(0);
            Pick::Nothing
        }
        (a, Some(c)) => {
            let mut c = c;
            menu_choice(&mut c, len, a);
            *cursor = Some(c);
            Pick::Nothing
        }
        _ => Pick::Nothing,
    }
}

fn judged(correct: bool) -> Option<Answer> {
    Some(if correct {
        Answer::Correct
    } else {
        Answer::Wrong
    })
}

/// Where a learner is pointed after two wrong answers: the tap target's item, or the display
/// position of the right choice or of the next order item.
pub fn right_answer_cursor(step: &Step, p: &Player) -> Option<usize> {
    match &step.exercise {
        Exercise::Tap { target, .. }
        | Exercise::Hold { target }
        | Exercise::Slide { target, .. } => Some(*target),
        Exercise::Choice { right, .. } => p.shuffle.iter().position(|&i| i == *right),
        Exercise::Order { .. } => p.shuffle.iter().position(|&i| i == p.placed.len()),
        Exercise::Judge { verdict, .. } if !p.verdict_done => {
            VERDICTS.iter().position(|v| v == verdict)
        }
        Exercise::Judge { right, .. } => p.shuffle.iter().position(|&i| i == *right),
        Exercise::Read | Exercise::Digits { .. } | Exercise::Swipe { .. } => None,
    }
}

fn draft(cx: &Ctx, at: LessonAt, verb: Verb, registration: Option<String>) -> Option<EventDraft> {
    let pack = at.pack(cx.lib)?;
    let lesson = at.lesson(cx.lib)?;
    Some(EventDraft {
        verb,
        learner_id: cx.session.learner.as_ref()?.id.clone(),
        registration,
        pack_id: pack.id.clone(),
        lesson_id: lesson.id.clone(),
        step: None,
        stars: None,
        lang: cx.session.settings.lang,
    })
}

/// Wrong answers already given to step `step` of the lesson at `at`, in its unfinished run.
fn wrong_so_far(cx: &Ctx, at: LessonAt, step: usize) -> u32 {
    let (Some(pack), Some(lesson)) = (at.pack(cx.lib), at.lesson(cx.lib)) else {
        return 0;
    };
    let Some(step) = lesson.steps.get(step) else {
        return 0;
    };
    let progress = cx.session.progress.lesson(&pack.id, &lesson.id);
    progress
        .current
        .as_ref()
        .map_or(0, |run| run.wrong_answers(&step.id))
}

/// Opens a lesson: resumes an unfinished run at its exact step, or asks for a new run to be
/// recorded (the screen that asked then gets `Recorded` and calls `started`).
pub fn open(cx: &Ctx, at: LessonAt) -> Outcome {
    let (Some(pack), Some(lesson)) = (at.pack(cx.lib), at.lesson(cx.lib)) else {
        return Outcome::none();
    };
    let progress = cx.session.progress.lesson(&pack.id, &lesson.id);
    match (progress.resume_step(lesson), &progress.current) {
        (Some(step), Some(run)) => {
            let wrong = wrong_so_far(cx, at, step);
            let player = Player::new(cx.lib, at, run.registration.clone(), step, wrong, cx.now.ms);
            if step >= lesson.steps.len() {
                // Every step was done but the finish was never recorded: record it now.
                let finish = player.finish_lesson(cx);
                return Outcome::push(player).with_all(finish.effects);
            }
            Outcome::push(player)
        }
        _ => draft(cx, at, Verb::Attempted, None)
            .map(|d| Outcome::effect(Effect::Record(d)))
            .unwrap_or_default(),
    }
}

/// A new run has been recorded: the player starts at its first step.
pub fn started(cx: &Ctx, event: &Event) -> Outcome {
    if event.verb != Verb::Attempted {
        return Outcome::none();
    }
    if event.lesson_id == REVIEW_LESSON {
        return review::started(cx, event);
    }
    match LessonAt::find(cx.lib, &event.pack_id, &event.lesson_id) {
        Some(at) => Outcome::push(Player::new(
            cx.lib,
            at,
            event.registration.clone(),
            0,
            0,
            cx.now.ms,
        )),
        None => Outcome::none(),
    }
}

impl Layer for Player {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match &action {
            Action::Recorded(event) => return self.recorded(cx, event),
            // Back to the lesson list (a review's too): every answer is already saved, and the
            // lesson resumes at this step.
            Action::Back => return Outcome::back(),
            Action::Reply(Reply::OpenSettings) => return Outcome::push(SettingsScreen::new()),
            Action::Reply(_) | Action::HelpRecorded => return Outcome::none(),
            _ => {}
        }
        let Some(step) = self.step(cx.lib) else {
            return Outcome::back();
        };
        // A finger held down shows until whatever comes next (the lift, most often).
        if !matches!(action, Action::Press(_)) {
            self.pressing = None;
        }
        if action == Action::Help {
            // Kept as help asked for (求助), committed like an answer; never a wrong answer.
            let open = Outcome::open(Overlay::help(step.hint.clone(), true));
            return match self.draft(cx, Verb::Experienced) {
                Some(d) => open.with(Effect::RecordHelp(HelpDraft {
                    learner_id: d.learner_id,
                    registration: self.registration.clone(),
                    pack_id: d.pack_id,
                    lesson_id: d.lesson_id,
                    step_id: step.id.clone(),
                })),
                None => open,
            };
        }
        if self.feedback == Feedback::Right {
            return match action {
                Action::Confirm | Action::Select(_) => self.advance(cx, false),
                _ => Outcome::none(),
            };
        }
        self.answer(cx, step, action)
    }

    fn render(
        &self,
        cx: &crate::ui::ViewCx,
        area: ratatui::layout::Rect,
        buf: &mut ratatui::buffer::Buffer,
        hits: &mut crate::ui::Hits,
    ) {
        view::render(self, cx, area, buf, hits);
    }

    fn spoken(&self, cx: &crate::ui::ViewCx) -> Option<String> {
        view::spoken(self, cx)
    }
}

#[cfg(test)]
mod tests {
    //! The player's rules through `update`, with no database: `commit` plays the loop.

    use super::*;
    use crate::app::test_support::{app_in_lesson, commit, effects_of, library, now};
    use crate::app::update;

    #[test]
    fn help_escalates_from_hint_to_pointing_and_never_blocks() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        assert_eq!(app.player().unwrap().step, 0);
        let effects = update(&mut app, &lib, Action::Select(0), now(5));
        assert!(
            matches!(&effects_of(&effects)[..], [Effect::Record(d)] if d.step.as_ref().unwrap().outcome == Some(Answer::Wrong))
        );
        commit(&mut app, &lib, effects);
        let p = app.player().unwrap();
        assert_eq!(
            (p.wrong, p.feedback, p.pointing()),
            (1, Feedback::Wrong, false)
        );
        let effects = update(&mut app, &lib, Action::Select(0), now(6));
        commit(&mut app, &lib, effects);
        let p = app.player().unwrap();
        assert!(p.pointing());
        assert_eq!(p.cursor, Some(1), "the highlight sits on the target");
        let effects = update(&mut app, &lib, Action::Confirm, now(7));
        commit(&mut app, &lib, effects);
        assert_eq!(app.player().unwrap().step, 1);
    }

    #[test]
    fn nothing_moves_on_until_the_answer_is_committed() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(1), now(5));
        assert_eq!(effects.len(), 1);
        assert!(app.busy);
        assert_eq!(app.player().unwrap().step, 0, "still on the step");
        commit(&mut app, &lib, effects);
        assert_eq!(app.player().unwrap().step, 1);
    }

    #[test]
    fn the_last_step_completes_the_lesson_with_a_star() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        let effects = update(&mut app, &lib, Action::Select(1), now(5));
        commit(&mut app, &lib, effects);
        let effects = update(&mut app, &lib, Action::Confirm, now(6));
        commit(&mut app, &lib, effects);
        match &app.screen {
            crate::screens::Screen::Complete(c) => assert_eq!(c.stars, 1),
            other => panic!("on {}", other.name()),
        }
        assert_eq!(app.session.progress.lesson("p", "l").completions, 1);
    }

    #[test]
    fn help_can_lead_to_the_settings_and_back_to_the_same_step() {
        let lib = library();
        let mut app = app_in_lesson(&lib);
        update(&mut app, &lib, Action::Down, now(1));
        let cursor = app.player().unwrap().cursor;
        update(&mut app, &lib, Action::Help, now(2));
        update(
            &mut app,
            &lib,
            Action::Select(crate::overlays::help::SETTINGS),
            now(3),
        );
        assert_eq!(app.screen.name(), "Settings");
        assert!(app.overlays().is_empty());
        update(&mut app, &lib, Action::Back, now(4));
        assert_eq!(app.screen.name(), "Player");
        assert_eq!(app.player().unwrap().cursor, cursor, "exactly where it was");
    }
}
