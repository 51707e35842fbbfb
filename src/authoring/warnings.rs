//! What `zhulao check` warns about: things that are not wrong in the format but will mislead
//! or trouble a learner. A pack with only warnings still loads (exit 0).
//!
//! - Words that will be **cut** on a small screen: every step is drawn, as a learner sees it,
//!   at 80×24 and at 40×12, in Chinese and in English, with and without its hint showing; any
//!   line the views had to shorten (they end it with "…") is reported with its text.
//! - A hint or instruction that names a **colour** no part of the step's screen has, or a
//!   **place** (左下角, bottom right, 最下面 …) where the tap target is not drawn.
//! - A step whose tap **leads to** one screen while the next step shows another: the lesson
//!   would not read as one flow.
//! - A pack **id of a built-in pack**: the folder's pack replaces it on this machine.
//!
//! Drawing is the measure, not a guess at widths, so a warning appears exactly when a learner
//! would see the problem, and goes away when the views improve.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, Env};
use crate::content::problems::Said;
use crate::content::{Color, Exercise, Lesson, Library, PackError, Step};
use crate::lang::Lang;
use crate::progress::Learner;
use crate::said;
use crate::screens::player::{LessonAt, Player};
use crate::settings::Settings;
use crate::ui::Hits;

/// The sizes a pack must read well at: a desk terminal and a kiosk with a huge font.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn warning(file: &str, line: usize, message: Said) -> PackError {
    PackError {
        file: file.to_string(),
        line,
        column: 1,
        message: crate::lang::Text {
            zh: format!("提醒：{}", message.zh),
            en: format!("warning: {}", message.en),
        },
    }
}

/// Every warning for the packs of `lib`; `built_in` are the embedded packs' ids.
pub fn warnings(lib: &Library, built_in: &[String]) -> Vec<PackError> {
    let mut out = Vec::new();
    for (p, pack) in lib.packs.iter().enumerate() {
        if built_in.contains(&pack.id) {
            out.push(warning(
                &pack.file,
                id_line(&pack.file),
                {
                    let id = &pack.id;
                    said!(
                        "课程包的 id '{id}' 和一个内置课程包的一样：在这台电脑上，这个课程包会替换掉内置的那个。如果不想这样，请换一个 id。",
                        "pack id '{id}' is the id of a built-in pack: on this machine this pack replaces it. If that is not what you want, choose another id."
                    )
                },
            ));
        }
        for (l, lesson) in pack.lessons.iter().enumerate() {
            flow(lesson, &mut out);
            for (s, step) in lesson.steps.iter().enumerate() {
                let at = LessonAt { pack: p, lesson: l };
                colours(lesson, step, &mut out);
                places(lib, at, s, lesson, step, &mut out);
                below_the_fold(lib, at, s, lesson, step, &mut out);
                cut(lib, at, s, lesson, step, &mut out);
            }
        }
    }
    out
}

/// The line of `id = …` in a pack.toml, for pointing at it (1 if it cannot be read).
fn id_line(file: &str) -> usize {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| {
            text.lines().position(|l| {
                l.trim_start().starts_with("id ") || l.trim_start().starts_with("id=")
            })
        })
        .map_or(1, |i| i + 1)
}

/// An app on step `step`, as a learner first sees it (no learner record, nothing saved).
fn app_at(lib: &Library, at: LessonAt, step: usize, lang: Lang) -> App {
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let mut app = App::new(settings, Env::default());
    app.session.learner = Some(Learner {
        id: "check".into(),
        name: None,
        number: Some(1),
        seat: None,
    });
    app.show(Player::preview(lib, at, step, 0));
    app
}

fn draw(app: &App, lib: &Library, w: u16, h: u16) -> (Buffer, Hits) {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let hits = crate::ui::draw(app, lib, area, &mut buf);
    (buf, hits)
}

/// The name of a language, in each language: ("中文", "Chinese").
fn lang_name(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => ("中文", "Chinese"),
        Lang::En => ("英文", "English"),
    }
}

/// Lines the views shortened with "…", at each size, language, and with the hint showing.
fn cut(
    lib: &Library,
    at: LessonAt,
    s: usize,
    lesson: &Lesson,
    step: &Step,
    out: &mut Vec<PackError>,
) {
    // The header (row 0) may shorten a long lesson title; that is by design and not reported.
    for lang in Lang::ALL.iter().copied() {
        let mut app = app_at(lib, at, s, lang);
        let mut states = vec![(("", ""), app.clone())];
        if step.hint.is_some() {
            crate::app::update(&mut app, lib, Action::Help, Default::default());
            states.push((("（显示提示时）", " with its hint showing"), app));
        }
        let (lang_zh, lang_en) = lang_name(lang);
        let mut seen = std::collections::HashSet::new();
        let texts = step_texts(lesson, step, lang);
        let say: String = step.say.get(lang).split_whitespace().collect();
        for ((state_zh, state_en), app) in &states {
            let id = &step.id;
            for (w, h) in SIZES {
                let (buf, _) = draw(app, lib, w, h);
                let rows = crate::ui::text::buffer_rows(&buf);
                // The instruction, read back off the screen: its pieces, in order, wherever
                // the rows wrapped it. (With the hint showing, the help covers it: by design.)
                let tokens = rows.iter().skip(1).flat_map(|r| r.split_whitespace());
                let mut rest = say.as_str();
                for token in tokens {
                    if let Some(after) = rest.strip_prefix(token) {
                        rest = after;
                    }
                }
                if state_en.is_empty() && !rest.is_empty() && seen.insert((w, String::new())) {
                    out.push(warning(
                        &lesson.file,
                        step.line,
                        said!(
                            "步骤 '{id}' 在 {w}×{h} 的{lang_zh}屏幕上{state_zh}：说明文字（`say`）放不下，只显示了一部分。请少写几个字，或者把这一步分成两步",
                            "step '{id}' at {w}×{h} in {lang_en}{state_en}: the instruction (`say`) does not fit; only part of it shows. Use fewer words, or split the step in two"
                        ),
                    ));
                }
                for row in rows.iter().skip(1) {
                    let Some(line) = row
                        .split(['│', '┃', '║'])
                        .map(str::trim)
                        .find(|part| part.contains('…'))
                    else {
                        continue;
                    };
                    // The author's own "……" is not a cut: a cut line is a shortened piece of
                    // the step's words, so it is not found among them as it is.
                    if texts.iter().any(|t| t.contains(line)) || !seen.insert((w, line.to_string()))
                    {
                        continue;
                    }
                    out.push(warning(
                        &lesson.file,
                        step.line,
                        said!(
                            "步骤 '{id}' 在 {w}×{h} 的{lang_zh}屏幕上{state_zh}：“{line}”被截短了，请少写几个字",
                            "step '{id}' at {w}×{h} in {lang_en}{state_en}: “{line}” is cut short; use fewer words"
                        ),
                    ));
                }
            }
        }
    }
}

/// Every text a step can show in `lang`: its own words and its screen's.
fn step_texts<'a>(lesson: &'a Lesson, step: &'a Step, lang: Lang) -> Vec<&'a str> {
    let mut texts = vec![step.say.get(lang)];
    texts.extend(step.hint.iter().chain(&step.why).map(|t| t.get(lang)));
    if let Some(screen) = step.screen.and_then(|s| lesson.screens.get(s)) {
        texts.extend(screen.items.iter().map(|i| i.label.get(lang)));
    }
    texts
}

/// Colour words in the instruction or hint, and the colour each stands for: the words the
/// phone itself uses for them (`Color::word`), and "gray" too.
fn colour_words(lang: Lang) -> Vec<(String, Color)> {
    let mut words: Vec<(String, Color)> = Color::ALL
        .iter()
        .map(|c| (c.word().get(lang).to_string(), *c))
        .collect();
    if lang == Lang::En {
        words.push(("gray".into(), Color::Grey));
    }
    words
}

fn words_of(step: &Step, lang: Lang) -> String {
    let mut text = step.say.get(lang).to_string();
    if let Some(h) = &step.hint {
        text.push(' ');
        text.push_str(h.get(lang));
    }
    text.to_lowercase()
}

/// Whether `text` uses `word`: anywhere in Chinese; as whole words in English ("marked" does
/// not say "red").
fn says(text: &str, word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => text.contains(word),
        Lang::En => text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        }),
    }
}

fn colours(lesson: &Lesson, step: &Step, out: &mut Vec<PackError>) {
    let Some(screen) = step.screen.and_then(|s| lesson.screens.get(s)) else {
        return;
    };
    for lang in Lang::ALL.iter().copied() {
        let text = words_of(step, lang);
        for (word, colour) in colour_words(lang) {
            // (A button that does not work yet — greyed by `needs` or `disabled` — is grey.)
            let drawn = |i: &crate::content::Item| {
                i.color == Some(colour)
                    || (colour == crate::content::Color::Grey && !i.works(screen))
            };
            if says(&text, &word, lang) && !screen.items.iter().any(drawn) {
                let (id, sid, name) = (&step.id, &screen.id, colour.as_str());
                let colour_zh = colour.word().zh;
                out.push(warning(
                    &lesson.file,
                    step.line,
                    said!(
                        "步骤 '{id}' 说了“{word}”，可是屏幕 '{sid}' 上没有{colour_zh}的东西：请给它说的那一项加上 color = \"{name}\"",
                        "step '{id}' says “{word}”, but nothing on screen '{sid}' is {name}: add color = \"{name}\" to the item it means"
                    ),
                ));
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

/// Place words, and the sides of the phone they put the target on.
fn place_words(lang: Lang) -> &'static [(&'static str, &'static [Side])] {
    use Side::*;
    match lang {
        Lang::Zh => &[
            ("左下角", &[Bottom, Left]),
            ("右下角", &[Bottom, Right]),
            ("左上角", &[Top, Left]),
            ("右上角", &[Top, Right]),
            ("最下面", &[Bottom]),
            ("最底下", &[Bottom]),
            ("底部", &[Bottom]),
            ("最上面", &[Top]),
            ("顶部", &[Top]),
        ],
        Lang::En => &[
            ("at the bottom left", &[Bottom, Left]),
            ("at the bottom right", &[Bottom, Right]),
            ("at the top left", &[Top, Left]),
            ("at the top right", &[Top, Right]),
            ("bottom left", &[Bottom, Left]),
            ("bottom right", &[Bottom, Right]),
            ("top left", &[Top, Left]),
            ("top right", &[Top, Right]),
            ("bottom row", &[Bottom]),
            ("at the bottom", &[Bottom]),
            ("at the top", &[Top]),
        ],
    }
}

/// For a tap step: each place word must be true of where the target is drawn at 80×24.
fn places(
    lib: &Library,
    at: LessonAt,
    s: usize,
    lesson: &Lesson,
    step: &Step,
    out: &mut Vec<PackError>,
) {
    let Exercise::Tap { target, .. } = step.exercise else {
        return;
    };
    for lang in Lang::ALL.iter().copied() {
        let text = words_of(step, lang);
        let all = place_words(lang);
        // "at the bottom" inside "at the bottom right" is one place, said once.
        let named: Vec<_> = all
            .iter()
            .filter(|(w, _)| says(&text, w, lang))
            .filter(|(w, _)| {
                !all.iter().any(|(longer, _)| {
                    longer.len() > w.len() && longer.contains(w) && says(&text, longer, lang)
                })
            })
            .collect();
        if named.is_empty() {
            continue;
        }
        let app = app_at(lib, at, s, lang);
        let (_, hits) = draw(&app, lib, 80, 24);
        let phone: Vec<(Rect, usize)> = hits
            .areas()
            .iter()
            .filter_map(|(r, a)| match a {
                Action::Select(i) => Some((*r, *i)),
                _ => None,
            })
            .collect();
        let Some(&(t, _)) = phone.iter().find(|(_, i)| *i == target) else {
            continue;
        };
        let top = phone.iter().map(|(r, _)| r.y).min().unwrap_or(0);
        let bottom = phone.iter().map(|(r, _)| r.bottom()).max().unwrap_or(0);
        let left = phone.iter().map(|(r, _)| r.x).min().unwrap_or(0);
        let right = phone.iter().map(|(r, _)| r.right()).max().unwrap_or(0);
        for (word, sides) in named {
            let true_of = |side: &Side| match side {
                Side::Top => t.y == top,
                Side::Bottom => t.bottom() == bottom,
                Side::Left => t.x == left,
                Side::Right => t.right() == right,
            };
            if !sides.iter().all(true_of) {
                let target_id = lesson
                    .screens
                    .get(step.screen.unwrap_or(0))
                    .and_then(|sc| sc.items.get(target))
                    .map_or("?", |i| i.id.as_str());
                out.push(warning(
                    &lesson.file,
                    step.line,
                    {
                        let id = &step.id;
                        said!(
                            "步骤 '{id}' 说了“{word}”，可是 '{target_id}' 并不在那里：请把它放到那里（用 tab、back = true、action 或电话的按钮），或者改说它真正在哪里",
                            "step '{id}' says “{word}”, but '{target_id}' is not drawn there: put it there (a tab, back = true, action, a call's buttons), or say where it is"
                        )
                    },
                ));
            }
        }
    }
}

/// Words that tell the learner to move a long screen.
/// ("下面" or "at the bottom" are not enough: they say where, not that it is out of sight.)
const SCROLL_WORDS: [&str; 6] = ["滑", "翻", "往下", "scroll", "swipe", "further down"];

/// For a step with a target on a long screen: when the target is not on the first screenful at
/// 80×24, the step's words must say to scroll (a learner does not look for what they cannot see).
fn below_the_fold(
    lib: &Library,
    at: LessonAt,
    s: usize,
    lesson: &Lesson,
    step: &Step,
    out: &mut Vec<PackError>,
) {
    let target = match step.exercise {
        Exercise::Tap { target, .. } | Exercise::Hold { target } => target,
        Exercise::Slide { target, .. } => target,
        _ => return,
    };
    let Some(screen) = step.screen.and_then(|i| lesson.screens.get(i)) else {
        return;
    };
    let Some(item) = screen.items.get(target) else {
        return;
    };
    if item.place != crate::content::Place::Body {
        return;
    }
    for lang in Lang::ALL.iter().copied() {
        let text = words_of(step, lang);
        if SCROLL_WORDS.iter().any(|w| text.contains(w)) {
            continue;
        }
        let app = app_at(lib, at, s, lang);
        let (_, hits) = draw(&app, lib, 80, 24);
        let shown = hits.areas().iter().any(|(_, a)| {
            matches!(a, Action::Select(i) | Action::Hold(Some(i)) if *i == target)
                || (matches!(a, Action::Level(_))
                    && matches!(step.exercise, Exercise::Slide { .. }))
        });
        if !shown && hits.scroller.is_some() {
            let (sid, tid, (name_zh, name)) = (&step.id, &item.id, lang_name(lang));
            out.push(warning(
                &lesson.file,
                step.line,
                crate::said!(
                    "第 '{sid}' 步：在 80×24 的{name_zh}界面上，'{tid}' 在手机屏幕下面，一开始看不到；请在 say 或 hint 里说“往下滑，找到…”",
                    "step '{sid}': at 80×24 in {name}, '{tid}' is below the first screenful of the phone; say to scroll down in its say or hint (“scroll down to …”)"
                ),
            ));
            return;
        }
    }
}

/// A tap that leads to a screen the next step does not show.
fn flow(lesson: &Lesson, out: &mut Vec<PackError>) {
    for pair in lesson.steps.windows(2) {
        let (step, next) = (&pair[0], &pair[1]);
        if let (Some(to), Some(shown)) = (step.leads_to, next.screen)
            && to != shown
        {
            out.push(warning(
                &lesson.file,
                step.line,
                {
                    let (id, to, next, shown) = (
                        &step.id,
                        &lesson.screens[to].id,
                        &next.id,
                        &lesson.screens[shown].id,
                    );
                    said!(
                        "步骤 '{id}' 点了以后到屏幕 '{to}'，可是下一步 '{next}' 显示的是屏幕 '{shown}'：这一课前后接不上",
                        "step '{id}' leads to screen '{to}', but the next step, '{next}', shows '{shown}': the lesson jumps"
                    )
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_course_has_no_warnings() {
        let lib = crate::built_in::load_library(None).unwrap();
        let found = warnings(&lib, &[]);
        let shown: Vec<String> = found
            .iter()
            .map(|e| e.shown(crate::lang::Lang::En))
            .collect();
        assert!(shown.is_empty(), "{}", shown.join("\n"));
    }
}
