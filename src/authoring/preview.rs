//! `zhulao preview DIR [PACK/LESSON[:STEP]]`: the lesson being written, opened straight at a
//! step, as a learner will see it — and seen again each time a file in DIR is saved.
//!
//! Nothing is recorded: there is no learner and no database. The app's own loop, `update` and
//! views run unchanged; the one difference is the runner that performs effects (here): an
//! answer "saved" comes straight back as an unsaved event, so the lesson moves on exactly as it
//! will in class. Leaving the pack (Esc past the course list) ends the preview.
//!
//! While a file is broken, the screen lists its problems, as `zhulao check` does, in place of
//! the lesson; saving the fix brings the lesson back at the step being looked at. DIR is looked
//! at twice a second (the names, sizes and times of its files: a few dozen `stat`s) — simpler
//! and sturdier across editors that save by renaming than change notifications, and only while
//! a volunteer is writing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::app::{Action, App, Effect, Env, Now};
use crate::content::problems::Said;
use crate::content::{LessonAt, Library, PackError, Source};
use crate::event_loop::{Performed, Runner};
use crate::lang::Lang;
use crate::progress::Learner;
use crate::progress::store::format_time;
use crate::screens::lessons::Lessons;
use crate::screens::packs::Packs;
use crate::screens::player::Player;
use crate::screens::problems::Problems;
use crate::settings::Settings;

/// How often DIR is looked at for saved changes.
pub const LOOK_EVERY: Duration = Duration::from_millis(500);

/// Which step to open: `pack/lesson`, and optionally `:step` — a step id or its number (1 = the
/// first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub pack: String,
    pub lesson: String,
    pub step: Option<String>,
}

impl Target {
    pub fn parse(text: &str) -> Result<Target, Said> {
        let (path, step) = match text.split_once(':') {
            Some((path, step)) => (path, Some(step.to_string())),
            None => (text, None),
        };
        let Some((pack, lesson)) = path.split_once('/') else {
            return Err(crate::said!(
                "“{text}”：请写课程包的 id 和课的 id，中间用 / 隔开，例如 wechat/01-open（要看某一步，再加 :3 或 :步骤id）",
                "“{text}”: write the pack id and the lesson id with a / between them, e.g. wechat/01-open (and :3 or :step-id for a step)"
            ));
        };
        if pack.is_empty() || lesson.is_empty() || step.as_deref() == Some("") {
            return Err(crate::said!(
                "“{text}”：请写成 课程包/课 或者 课程包/课:步骤",
                "“{text}”: write it as pack/lesson or pack/lesson:step"
            ));
        }
        Ok(Target {
            pack: pack.into(),
            lesson: lesson.into(),
            step,
        })
    }
}

/// The files of DIR as last seen: path, size and time of last change.
type Stamp = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn stamp(dir: &Path) -> Stamp {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// The preview: a `Runner` for the app's own loop. It owns the library as last loaded (or its
/// problems), records nothing, and looks at DIR twice a second.
pub struct Preview {
    dir: PathBuf,
    target: Option<Target>,
    lang: Lang,
    no_color: bool,
    seen: Stamp,
    pub lib: Library,
    /// The problems of the last load; while there are any, they are shown instead.
    pub problems: Vec<PackError>,
    /// Events "recorded" so far (for their ids only).
    count: u64,
    /// When DIR is next looked at (on the loop clock's `ms`).
    next_look: u64,
}

impl Preview {
    /// Loads DIR: the preview, and the app on the target step (or on the problems). Err: the
    /// target is not in DIR (said in words).
    pub fn open(
        dir: &Path,
        target: Option<Target>,
        lang: Lang,
        no_color: bool,
    ) -> Result<(Preview, App), Said> {
        let mut p = Preview {
            dir: dir.to_path_buf(),
            target,
            lang,
            no_color,
            seen: Vec::new(),
            lib: Library::default(),
            problems: Vec::new(),
            count: 0,
            next_look: 0,
        };
        p.load();
        let app = p.app()?;
        Ok((p, app))
    }

    /// Reads DIR again: the library, or the problems that stop it loading.
    fn load(&mut self) {
        self.seen = stamp(&self.dir);
        let (packs, problems) = match Source::directory(&self.dir) {
            Ok(source) => source.load(),
            Err(e) => (Vec::new(), vec![e]),
        };
        self.problems = problems;
        if self.problems.is_empty() {
            let mut lib = Library::default();
            lib.merge(packs);
            self.lib = lib;
        }
    }

    /// A fresh app: on the target step, the course list and the lesson list under it — or on
    /// the problems while a file is broken.
    fn app(&self) -> Result<App, Said> {
        let env = Env {
            no_color: self.no_color,
            preview: true,
            ..Env::default()
        };
        let settings = Settings {
            lang: self.lang,
            ..Settings::default()
        };
        let mut app = App::new(settings, env);
        if !self.problems.is_empty() {
            app.show(Problems {
                lines: self.problems.iter().map(|e| e.shown(self.lang)).collect(),
            });
            return Ok(app);
        }
        let (at, step) = self.find()?;
        app.session.learner = Some(Learner {
            id: "preview".into(),
            name: Some("预览".into()),
            number: None,
            seat: None,
        });
        app.show(Packs { cursor: at.pack });
        preview_stack(&mut app, &self.lib, at, step);
        Ok(app)
    }
    /// The target's place in the library: its pack and lesson, and the step index.
    fn find(&self) -> Result<(LessonAt, usize), Said> {
        let Some(t) = &self.target else {
            return if self
                .lib
                .packs
                .first()
                .is_some_and(|p| !p.lessons.is_empty())
            {
                Ok((LessonAt { pack: 0, lesson: 0 }, 0))
            } else {
                Err(crate::said!(
                    "这个文件夹里没有可以看的课",
                    "this folder has no lesson to show"
                ))
            };
        };
        let Some(pack) = self.lib.packs.iter().position(|p| p.id == t.pack) else {
            let ids: Vec<&str> = self.lib.packs.iter().map(|p| p.id.as_str()).collect();
            let (pack, ids) = (&t.pack, ids.join(", "));
            return Err(crate::said!(
                "这里没有 id 为 '{pack}' 的课程包；这里的课程包有：{ids}",
                "no pack with id '{pack}' here; the packs are: {ids}"
            ));
        };
        let lessons = &self.lib.packs[pack].lessons;
        let Some(lesson) = lessons.iter().position(|l| l.id == t.lesson) else {
            let ids: Vec<&str> = lessons.iter().map(|l| l.id.as_str()).collect();
            let (lesson, pack, ids) = (&t.lesson, &t.pack, ids.join(", "));
            return Err(crate::said!(
                "课程包 '{pack}' 里没有 id 为 '{lesson}' 的课；它的课有：{ids}",
                "no lesson with id '{lesson}' in pack '{pack}'; its lessons are: {ids}"
            ));
        };
        let steps = &lessons[lesson].steps;
        let step = match &t.step {
            None => 0,
            Some(s) => match steps.iter().position(|st| &st.id == s) {
                Some(i) => i,
                None => match s.parse::<usize>() {
                    Ok(n) if (1..=steps.len()).contains(&n) => n - 1,
                    _ => {
                        let (lesson, n) = (&t.lesson, steps.len());
                        return Err(crate::said!(
                            "课 '{lesson}' 里没有步骤 '{s}'：请写步骤的 id，或者 1 到 {n} 之间的一个数",
                            "no step '{s}' in lesson '{lesson}': give its id or a number from 1 to {n}"
                        ));
                    }
                },
            },
        };
        Ok((LessonAt { pack, lesson }, step))
    }

    /// Remembers the step being looked at, so that a reload comes back to it.
    fn follow(&mut self, app: &App) {
        if let crate::screens::Screen::Player(p) = &app.screen
            && let (Some(pack), Some(lesson), Some(step)) = (
                p.at.pack(&self.lib),
                p.at.lesson(&self.lib),
                p.step(&self.lib),
            )
        {
            self.target = Some(Target {
                pack: pack.id.clone(),
                lesson: lesson.id.clone(),
                step: Some(step.id.clone()),
            });
        }
    }

    /// Looks at DIR; if a file changed, loads it again and puts a fresh app on the step that
    /// was being looked at. True if anything changed.
    pub fn look(&mut self, app: &mut App) -> bool {
        if stamp(&self.dir) == self.seen {
            return false;
        }
        self.follow(app);
        self.load();
        let placed = self.app().or_else(|why| {
            // The step being looked at was renamed or removed: start at the lesson's first
            // step, or the pack's first lesson, rather than end the preview.
            if let Some(t) = &mut self.target {
                t.step = None;
            }
            self.app()
                .or_else(|_| {
                    self.target = None;
                    self.app()
                })
                .map_err(|_| why)
        });
        match placed {
            Ok(fresh) => *app = fresh,
            Err(why) => {
                self.problems = vec![PackError::internal(why)];
                if let Ok(fresh) = self.app() {
                    *app = fresh;
                }
            }
        }
        true
    }
}

/// Puts the player on `step` of the lesson at `at`, over that pack's lesson list (Esc goes
/// back through the lessons to the course list, as in class).
fn preview_stack(app: &mut App, lib: &Library, at: LessonAt, step: usize) {
    let mut lessons = Lessons::open(lib, &app.session.progress, at.pack);
    lessons.cursor = at.lesson;
    lessons.review = false;
    app.push_screen(lessons);
    app.push_screen(Player::preview(lib, at, step, 0));
}

impl Runner for Preview {
    fn lib(&self) -> &Library {
        &self.lib
    }

    /// Nothing is recorded: an answer "saved" comes straight back as the event it would have
    /// become, so the lesson moves on exactly as in class.
    fn perform(&mut self, effect: Effect, now: Now) -> Performed {
        match effect {
            Effect::Record(draft) => {
                self.count += 1;
                let id = format!("preview-{}", self.count);
                let at = format_time(now.wall);
                Performed::Done(Some(Action::Recorded(draft.unsaved(id, &at))))
            }
            Effect::SaveSettings(..) => Performed::Done(Some(Action::SettingsSaved)),
            Effect::RecordHelp(_) => Performed::Done(Some(Action::HelpRecorded)),
            Effect::Speak { .. } | Effect::StopSpeech | Effect::Quit => Performed::Done(None),
            // Esc past the course list: the learner list would open. The preview is over.
            Effect::LoadLearners => Performed::Stop,
            // Nothing a preview reaches (it starts with a learner in a lesson, and the
            // teacher's key is only on the welcome screen) — but if it did, it ends there
            // rather than pretend.
            Effect::AddLearner(_)
            | Effect::OpenLearner(_)
            | Effect::SaveKiosk(_)
            | Effect::LoadPinState
            | Effect::CheckPin(_)
            | Effect::SetPin(_)
            | Effect::Query(_)
            | Effect::Refresh(_)
            | Effect::Roster(_)
            | Effect::WriteReport { .. }
            | Effect::FindPlaces
            | Effect::LoadCentre
            | Effect::SaveCentre(_) => Performed::Stop,
        }
    }

    fn wake_at(&self) -> Option<u64> {
        Some(self.next_look)
    }

    fn wake(&mut self, app: &mut App, now: Now) {
        self.look(app);
        self.next_look = now.ms + LOOK_EVERY.as_millis() as u64;
    }
}

/// Runs the preview in the terminal until Ctrl+C, a signal, or leaving the pack: the app's own
/// loop, with the preview as its runner.
pub fn run(preview: &mut Preview, app: &mut App) -> anyhow::Result<()> {
    let mut inputs = crate::terminal::Channel::start()?;
    let mut guard = crate::terminal::TerminalGuard::new()?;
    let clock = crate::app::clock::for_the_loop();
    preview.next_look = clock.now().ms + LOOK_EVERY.as_millis() as u64;
    crate::event_loop::run(
        &mut guard.terminal,
        app,
        preview,
        &mut inputs,
        clock.as_ref(),
        vec![],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_pack_slash_lesson_with_an_optional_step() {
        assert_eq!(
            Target::parse("wechat/01-open:3").unwrap(),
            Target {
                pack: "wechat".into(),
                lesson: "01-open".into(),
                step: Some("3".into())
            }
        );
        assert_eq!(Target::parse("a/b").unwrap().step, None);
        for bad in ["wechat", "/b", "a/", "a/b:"] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
