//! `zhulao preview DIR [PACK/LESSON[:STEP]]`: the lesson being written, opened straight at a
//! step, as a learner will see it — and seen again each time a file in DIR is saved.
//!
//! Nothing is recorded: there is no learner and no database. The app's own `update` and views
//! run unchanged; the one difference is here, where effects are performed: an answer "saved"
//! comes straight back as an unsaved event, so the lesson moves on exactly as it will in class.
//! Leaving the pack (Esc past the pack list, the teacher's key) ends the preview.
//!
//! While a file is broken, the screen lists its problems, as `zhulao check` does, in place of
//! the lesson; saving the fix brings the lesson back at the step being looked at. DIR is looked
//! at twice a second (the names, sizes and times of its files: a few dozen `stat`s) — simpler
//! and sturdier across editors that save by renaming than change notifications, and only while
//! a volunteer is writing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::{Action, App, Effect, Env};
use crate::content::{Library, PackError, Source};
use crate::lang::Lang;
use crate::progress::{Learner, store::now_rfc3339};
use crate::screens::player::{LessonAt, Player};
use crate::settings::Settings;
use crate::ui::{self, Hits};

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
    pub fn parse(text: &str) -> Result<Target, String> {
        let (path, step) = match text.split_once(':') {
            Some((path, step)) => (path, Some(step.to_string())),
            None => (text, None),
        };
        let Some((pack, lesson)) = path.split_once('/') else {
            return Err(format!(
                "“{text}”: write the pack id and the lesson id with a / between them, e.g. wechat/01-open (and :3 or :step-id for a step)"
            ));
        };
        if pack.is_empty() || lesson.is_empty() || step.as_deref() == Some("") {
            return Err(format!(
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

/// The preview: the library as last loaded (or its problems) and the app on the step.
pub struct Preview {
    dir: PathBuf,
    target: Option<Target>,
    lang: Lang,
    no_color: bool,
    seen: Stamp,
    pub lib: Library,
    /// The problems of the last load; while there are any, they are shown instead.
    pub problems: Vec<PackError>,
    pub app: App,
    /// Events "recorded" so far (for their ids only).
    count: u64,
    pub ended: bool,
}

impl Preview {
    /// Loads DIR and opens the target step. Err: the target is not in DIR (said in words).
    pub fn open(
        dir: &Path,
        target: Option<Target>,
        lang: Lang,
        no_color: bool,
    ) -> Result<Preview, String> {
        let mut p = Preview {
            dir: dir.to_path_buf(),
            target,
            lang,
            no_color,
            seen: Vec::new(),
            lib: Library::default(),
            problems: Vec::new(),
            app: App::new(Settings::default(), Env::default()),
            count: 0,
            ended: false,
        };
        p.load()?;
        Ok(p)
    }

    /// Reads DIR again; on success puts the app on the target (or the step being looked at).
    fn load(&mut self) -> Result<(), String> {
        self.seen = stamp(&self.dir);
        let (packs, problems) = match Source::directory(&self.dir) {
            Ok(source) => source.load(),
            Err(e) => (Vec::new(), vec![e]),
        };
        self.problems = problems;
        if !self.problems.is_empty() {
            return Ok(());
        }
        let mut lib = Library::default();
        lib.merge(packs);
        self.lib = lib;
        self.place()
    }

    /// Puts a fresh app on the target step.
    fn place(&mut self) -> Result<(), String> {
        let (at, step) = self.find()?;
        let mut settings = self.app.session.settings;
        settings.lang = self.lang;
        let env = Env {
            no_color: self.no_color,
            ..Env::default()
        };
        let mut app = App::new(settings, env);
        app.session.learner = Some(Learner {
            id: "preview".into(),
            name: Some("预览".into()),
            number: None,
            seat: None,
        });
        app.screen = Player::preview(&self.lib, at, step, 0).into();
        self.app = app;
        Ok(())
    }

    /// The target's place in the library: its pack and lesson, and the step index.
    fn find(&self) -> Result<(LessonAt, usize), String> {
        let Some(t) = &self.target else {
            return if self
                .lib
                .packs
                .first()
                .is_some_and(|p| !p.lessons.is_empty())
            {
                Ok((LessonAt { pack: 0, lesson: 0 }, 0))
            } else {
                Err("this folder has no lesson to show".into())
            };
        };
        let Some(pack) = self.lib.packs.iter().position(|p| p.id == t.pack) else {
            let ids: Vec<&str> = self.lib.packs.iter().map(|p| p.id.as_str()).collect();
            return Err(format!(
                "no pack with id '{}' here; the packs are: {}",
                t.pack,
                ids.join(", ")
            ));
        };
        let lessons = &self.lib.packs[pack].lessons;
        let Some(lesson) = lessons.iter().position(|l| l.id == t.lesson) else {
            let ids: Vec<&str> = lessons.iter().map(|l| l.id.as_str()).collect();
            return Err(format!(
                "no lesson with id '{}' in pack '{}'; its lessons are: {}",
                t.lesson,
                t.pack,
                ids.join(", ")
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
                        return Err(format!(
                            "no step '{s}' in lesson '{}': give its id or a number from 1 to {}",
                            t.lesson,
                            steps.len()
                        ));
                    }
                },
            },
        };
        Ok((LessonAt { pack, lesson }, step))
    }

    /// Remembers the step being looked at, so that a reload comes back to it.
    fn follow(&mut self) {
        if let crate::screens::Screen::Player(p) = &self.app.screen
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

    /// Looks at DIR; if a file changed, loads again. True if anything changed on screen.
    pub fn look(&mut self) -> bool {
        if stamp(&self.dir) == self.seen {
            return false;
        }
        self.follow();
        if let Err(why) = self.load() {
            // The step being looked at was renamed or removed: start at the lesson's first
            // step, or the pack's first lesson, rather than end the preview.
            if let Some(t) = &mut self.target {
                t.step = None;
            }
            if self.place().is_err() {
                self.target = None;
                if self.place().is_err() {
                    self.problems = vec![PackError::internal(&why)];
                }
            }
        }
        true
    }

    /// One action, and every effect it causes, performed the preview's way.
    pub fn act(&mut self, action: Action, now_ms: u64) {
        if !self.problems.is_empty() {
            return;
        }
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in crate::app::update(&mut self.app, &self.lib, action, now_ms) {
                match effect {
                    Effect::Record(draft) => {
                        self.count += 1;
                        let id = format!("preview-{}", self.count);
                        queue.push_back(Action::Recorded(draft.unsaved(id, &now_rfc3339())));
                    }
                    Effect::SaveSettings(..) => queue.push_back(Action::SettingsSaved),
                    Effect::Speak { .. } | Effect::StopSpeech => {}
                    Effect::Quit => self.ended = true,
                    // Everything else is outside the pack: learners, the teacher's screens.
                    _ => self.ended = true,
                }
            }
        }
        if self.app.should_quit {
            self.ended = true;
        }
    }

    /// Draws the step, or the problems while a file is broken.
    pub fn draw(&self, area: Rect, buf: &mut Buffer) -> Hits {
        if self.problems.is_empty() {
            return ui::draw(&self.app, &self.lib, area, buf);
        }
        let w = ui::words::words(self.lang).preview;
        let mut lines: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        lines.push(String::new());
        lines.push(w.fix_and_save.to_string());
        lines.push(w.leave.to_string());
        Paragraph::new(lines.join("\n"))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(format!(" {} ", w.broken)))
            .render(area, buf);
        Hits::default()
    }
}

/// Runs the preview in the terminal until Ctrl+C, a signal, or leaving the pack.
pub fn run(preview: &mut Preview) -> anyhow::Result<()> {
    use crate::event_loop::{Input, Inputs};
    let mut inputs = crate::terminal::Channel::start()?;
    let mut guard = crate::terminal::TerminalGuard::new()?;
    let clock = Instant::now();
    let mut hits = Hits::default();
    loop {
        guard.terminal.draw(|frame| {
            let area = frame.area();
            hits = preview.draw(area, frame.buffer_mut());
        })?;
        if preview.ended {
            return Ok(());
        }
        let input = match inputs.next(Some(Instant::now() + LOOK_EVERY)) {
            Err(()) => return Ok(()),
            Ok(None) => {
                preview.look();
                continue;
            }
            Ok(Some(input)) => input,
        };
        let action = match &input {
            Input::Terminate(_) => return Ok(()),
            // Ctrl+C always leaves a preview: it is a tool, not a lesson.
            Input::Interrupt => return Ok(()),
            Input::Terminal(event) => {
                if is_ctrl_c(event) {
                    return Ok(());
                }
                let mode = crate::app::input_mode(&preview.app);
                crate::input::to_action(event, &hits, mode)
            }
        };
        if let Some(action) = action {
            preview.act(action, clock.elapsed().as_millis() as u64);
        }
        preview.look();
    }
}

fn is_ctrl_c(event: &crossterm::event::Event) -> bool {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    matches!(event, Event::Key(k) if k.kind != KeyEventKind::Release
        && k.code == KeyCode::Char('c')
        && k.modifiers.contains(KeyModifiers::CONTROL))
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
