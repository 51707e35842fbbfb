//! The take-home practice sheet (练习单): one lesson on paper, for a senior to practise at home
//! with the sheet beside the real phone. Each step in order: what to do, in large type; the
//! phone screen as the lesson draws it — by the app's own phone widget, with the thing to tap
//! in its yellow box and marked » (`step_phone`, rendered into a buffer as the snapshot tests do and turned
//! into a picture by `screen`) — then the step's tip and its "why". A box of safety points ends
//! every lesson. Each lesson starts on a new page.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::html::{escape, list, para};
use super::screen;
use crate::content::{Exercise, Lesson, Pack, Step, Verdict};
use crate::lang::Lang;
use crate::screens::player::{grouped, step_phone};
use crate::settings::ThemeName;
use crate::ui::Hits;
use crate::ui::theme::{LIGHT, Theme};
use crate::ui::widgets::phone;
use crate::ui::words::print::PrintWords;
use crate::ui::words::{fill, words};

/// The phone's width on paper, in terminal cells: the player's at 80×24, where tab names and
/// list rows show whole.
pub const PHONE_COLS: u16 = 36;
/// Its height: the least at which its screen shows whole, between these — from the height at
/// which the phone draws its bars as boxes a finger's height, as at 80×24 (a longer screen
/// scrolls to the highlighted thing, as in the lesson).
const PHONE_ROWS: std::ops::RangeInclusive<u16> = 12..=26;

/// One lesson's page (`number` is its place in the pack, from 1).
pub fn page(
    pack: &Pack,
    lesson: &Lesson,
    number: usize,
    lang: Lang,
    pw: &PrintWords,
    centre: &str,
) -> String {
    let mut out = String::from("<section class=\"page sheet\">");
    let course = fill(
        pw.sheet_course,
        &[("course", pack.title.get(lang)), ("n", &number.to_string())],
    );
    out.push_str(&para("course", &course));
    out.push_str(&format!("<h1>{}</h1>", escape(lesson.title.get(lang))));
    out.push_str(&para("how", pw.sheet_how));
    if !lesson.learned.is_empty() {
        out.push_str(&para("label", pw.sheet_learned));
        out.push_str(&list(
            "learned",
            false,
            lesson.learned.iter().map(|t| t.get(lang)),
        ));
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        out.push_str(&step_html(lesson, step, i + 1, lang, pw));
    }
    out.push_str("<div class=\"safety\">");
    out.push_str(&format!("<h2>{}</h2>", escape(pw.safety_heading)));
    out.push_str(&list("", false, pw.safety.iter().copied()));
    out.push_str("</div>");
    let foot = if centre.is_empty() {
        words(lang).app_name.to_string()
    } else {
        fill(pw.sheet_footer, &[("centre", centre)])
    };
    out.push_str(&para("foot", &foot));
    out.push_str("</section>");
    out
}

/// One step: what to do across the page, then its phone with the tip and the "why" beside it.
fn step_html(lesson: &Lesson, step: &Step, n: usize, lang: Lang, pw: &PrintWords) -> String {
    let mut out = format!(
        "<div class=\"step\"><h2>{}</h2>",
        escape(&fill(pw.sheet_step, &[("n", &n.to_string())]))
    );
    out.push_str(&para("say", step.say.get(lang)));
    out.push_str(&what_to_do(lesson, step, lang, pw));
    let mut notes = String::new();
    if let Some(hint) = &step.hint {
        notes.push_str(&labelled(pw.sheet_hint, hint.get(lang)));
    }
    if let Some(why) = &step.why {
        notes.push_str(&labelled(pw.sheet_why, why.get(lang)));
    }
    match step.screen {
        Some(s) => out.push_str(&format!(
            "<div class=\"beside\"><div class=\"phone\">{}</div><div class=\"notes\">{notes}</div></div>",
            phone_picture(lesson, step, s, lang)
        )),
        None => out.push_str(&notes),
    }
    out.push_str("</div>");
    out
}

fn labelled(label: &str, text: &str) -> String {
    format!(
        "<p><span class=\"label\">{}</span>{}</p>",
        escape(label),
        escape(text)
    )
}

/// What the step asks, said as a plain instruction with its answer: on paper nobody checks it,
/// and the point is to practise the right way.
fn what_to_do(lesson: &Lesson, step: &Step, lang: Lang, pw: &PrintWords) -> String {
    let item = |i: usize| {
        step.screen
            .and_then(|s| lesson.screens.get(s))
            .and_then(|s| s.items.get(i))
    };
    let label = |i: usize| item(i).map(|it| it.words(lang)).unwrap_or_default();
    let sw = words(lang).steps;
    match &step.exercise {
        Exercise::Read => String::new(),
        Exercise::Tap { target, .. } => para("do", &fill(pw.do_tap, &[("label", &label(*target))])),
        Exercise::Hold { target } => para("do", &fill(pw.do_hold, &[("label", &label(*target))])),
        Exercise::Swipe { direction } => {
            let way = match direction {
                crate::content::Direction::Up => sw.way_up,
                crate::content::Direction::Down => sw.way_down,
                crate::content::Direction::Left => sw.way_left,
                crate::content::Direction::Right => sw.way_right,
            };
            para("do", &fill(pw.do_swipe, &[("way", way)]))
        }
        Exercise::Slide { target, level } => para(
            "do",
            &fill(
                pw.do_slide,
                &[("label", &label(*target)), ("level", &level.to_string())],
            ),
        ),
        Exercise::Choice { choices, right } => {
            labelled(pw.sheet_answer, choices[*right].text.get(lang))
        }
        Exercise::Order { items } => {
            let mut out = para("label", pw.sheet_order);
            out.push_str(&list(
                "answers",
                true,
                items.iter().map(|i| i.text.get(lang)),
            ));
            out
        }
        Exercise::Digits { secret: true, .. } => para("do", pw.sheet_secret),
        Exercise::Digits { answer, format, .. } => para(
            "do",
            &fill(pw.sheet_type, &[("digits", &grouped(answer, *format))]),
        ),
        Exercise::Judge {
            verdict,
            signs,
            right,
            ..
        } => {
            let verdict = match verdict {
                Verdict::Safe => pw.verdict_safe,
                Verdict::Suspicious => pw.verdict_suspicious,
            };
            para(
                "do",
                &fill(
                    pw.sheet_verdict,
                    &[("verdict", verdict), ("sign", signs[*right].text.get(lang))],
                ),
            )
        }
    }
}

/// The step's phone as the lesson draws it while the step is asked — numbered, the thing to
/// tap or hold in its yellow box — in the light theme, which is the one made for white paper.
pub fn phone_picture(lesson: &Lesson, step: &Step, screen: usize, lang: Lang) -> String {
    let theme = Theme::new(ThemeName::Light, false);
    let shown = &lesson.screens[screen];
    let (cursor, level) = match step.exercise {
        Exercise::Tap { target, .. } | Exercise::Hold { target } => (Some(target), 0),
        Exercise::Slide { target, .. } => (None, shown.items.get(target).map_or(0, |i| i.level)),
        _ => (None, 0),
    };
    // As the player shows it: numbered and asking while the step is done on the phone; only
    // to look at while it asks a question about it.
    let on = matches!(
        step.exercise,
        Exercise::Tap { .. }
            | Exercise::Hold { .. }
            | Exercise::Swipe { .. }
            | Exercise::Slide { .. }
    );
    let view = step_phone(shown, step, on, cursor, level, lang, &theme);
    let buf = draw_whole(&view);
    let title = shown
        .title
        .as_ref()
        .map(|t| t.get(lang))
        .unwrap_or(lesson.title.get(lang));
    screen::svg(&buf, &LIGHT, title)
}

/// The phone drawn at the least height at which nothing on it has to scroll.
fn draw_whole(view: &phone::Phone) -> Buffer {
    let mut last = None;
    for rows in PHONE_ROWS {
        let mut buf = Buffer::empty(Rect::new(0, 0, PHONE_COLS, rows));
        let mut hits = Hits::default();
        let area = buf.area;
        phone::render(&mut buf, area, view, &mut hits);
        if hits.scroller.is_none() {
            return buf;
        }
        last = Some(buf);
    }
    last.expect("PHONE_ROWS is not empty")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::words::print::{EN, ZH};

    fn weread() -> crate::content::Library {
        crate::built_in::load_library(None).expect("the built-in course loads")
    }

    #[test]
    fn a_sheet_has_every_step_in_order_with_its_phone_its_hint_and_the_safety_points() {
        let lib = weread();
        let pack = lib.pack("weread").unwrap();
        let lesson = &pack.lessons[0];
        let html = page(pack, lesson, 1, Lang::Zh, &ZH, "幸福里社区长者学堂");
        assert!(html.contains(&format!("<h1>{}</h1>", escape(&lesson.title.zh))));
        assert!(html.contains("微信读书 · 第 1 课"), "{html}");
        // Every step, in order.
        let mut from = 0;
        for (i, step) in lesson.steps.iter().enumerate() {
            let heading = format!("<h2>第 {} 步</h2>", i + 1);
            let at = html[from..].find(&heading).expect(&heading) + from;
            let say = escape(&step.say.zh);
            assert!(
                html[at..].starts_with(&format!("{heading}<p class=\"say\">{say}</p>")),
                "{}",
                &html[at..]
            );
            if let Some(hint) = &step.hint {
                assert!(html[at..].contains(&escape(&hint.zh)), "step {}", i + 1);
            }
            from = at + 1;
        }
        // A phone for each step that has a screen.
        let phones = lesson.steps.iter().filter(|s| s.screen.is_some()).count();
        assert!(phones > 0);
        assert_eq!(html.matches("<svg class=\"screen\"").count(), phones);
        for point in ZH.safety {
            assert!(html.contains(&escape(point)), "{point}");
        }
        assert!(html.contains("幸福里社区长者学堂 · 智慧助老"));
    }

    #[test]
    fn the_thing_to_tap_is_in_its_yellow_box_and_named_in_the_words() {
        let lib = weread();
        let pack = lib.pack("weread").unwrap();
        let lesson = &pack.lessons[0];
        let (step, target) = lesson
            .steps
            .iter()
            .find_map(|s| match s.exercise {
                Exercise::Tap { target, .. } => Some((s, target)),
                _ => None,
            })
            .unwrap();
        let label = lesson.screens[step.screen.unwrap()].items[target].words(Lang::En);
        let svg = phone_picture(lesson, step, step.screen.unwrap(), Lang::En);
        // The light theme's highlight, drawn by the phone widget itself.
        let yellow = LIGHT.focus_back;
        let fill_yellow = format!("fill=\"#{:02x}{:02x}{:02x}\"", yellow.0, yellow.1, yellow.2);
        assert!(svg.contains(&fill_yellow), "{svg}");
        let words = step_html(lesson, step, 1, Lang::En, &EN);
        assert!(
            words.contains(&escape(&format!(
                "» Tap “{label}” (marked » in the picture)."
            ))),
            "{words}"
        );
        // Marked » too, for a sheet printed in black and white.
        assert!(svg.contains('»'), "{svg}");
        // The label is in the picture too, as text.
        let first_word = label.split(' ').next().unwrap();
        assert!(
            svg.contains(&escape(first_word)),
            "{first_word} not in {svg}"
        );
    }

    #[test]
    fn a_secret_code_is_never_printed() {
        let lib = weread();
        let (lesson, step, answer) = lib
            .packs
            .iter()
            .flat_map(|p| &p.lessons)
            .flat_map(|l| l.steps.iter().map(move |s| (l, s)))
            .find_map(|(l, s)| match &s.exercise {
                Exercise::Digits {
                    secret: true,
                    answer,
                    ..
                } => Some((l, s, answer.clone())),
                _ => None,
            })
            .expect("the course has a secret digits step");
        let mut html = step_html(lesson, step, 1, Lang::Zh, &ZH);
        assert!(html.contains(&escape(ZH.sheet_secret)));
        // Only where the lesson's own words give a practice code does it show.
        for own in [Some(&step.say), step.hint.as_ref(), step.why.as_ref()]
            .into_iter()
            .flatten()
        {
            html = html.replace(&escape(&own.zh), "");
        }
        assert!(!html.contains(&answer), "{answer} printed: {html}");
    }

    #[test]
    fn choices_orders_and_judgements_are_printed_with_their_answers() {
        let lib = weread();
        let all: Vec<(&Lesson, &Step)> = lib
            .packs
            .iter()
            .flat_map(|p| &p.lessons)
            .flat_map(|l| l.steps.iter().map(move |s| (l, s)))
            .collect();
        let choice = all
            .iter()
            .find_map(|(l, s)| match &s.exercise {
                Exercise::Choice { choices, right } => Some((
                    step_html(l, s, 1, Lang::Zh, &ZH),
                    choices[*right].text.zh.clone(),
                )),
                _ => None,
            })
            .unwrap();
        assert!(
            choice
                .0
                .contains(&format!("答案：</span>{}", escape(&choice.1)))
        );
        let order = all
            .iter()
            .find_map(|(l, s)| match &s.exercise {
                Exercise::Order { items } => Some((step_html(l, s, 1, Lang::Zh, &ZH), items)),
                _ => None,
            })
            .unwrap();
        let expected = list("answers", true, order.1.iter().map(|i| i.text.zh.as_str()));
        assert!(order.0.contains(&expected), "{}", order.0);
        let judge = all
            .iter()
            .find_map(|(l, s)| match &s.exercise {
                Exercise::Judge {
                    verdict: Verdict::Suspicious,
                    signs,
                    right,
                    ..
                } => Some((
                    step_html(l, s, 1, Lang::Zh, &ZH),
                    signs[*right].text.zh.clone(),
                )),
                _ => None,
            })
            .unwrap();
        assert!(
            judge
                .0
                .contains(&escape(&format!("这是可疑的。看出来的地方：{}", judge.1)))
        );
    }

    #[test]
    fn a_phone_is_drawn_no_taller_than_it_needs() {
        let lib = weread();
        let lesson = &lib.pack("weread").unwrap().lessons[0];
        let home = lesson.steps.iter().find(|s| s.screen.is_some()).unwrap();
        let svg = phone_picture(lesson, home, home.screen.unwrap(), Lang::Zh);
        let height: f32 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|h| h.split("pt\"").next())
            .and_then(|h| h.parse().ok())
            .unwrap();
        let row = 18.0 * 1.15;
        assert!(height <= 26.0 * row + 0.1, "{height}");
        assert!(height >= 12.0 * row - 0.1, "{height}");
    }
}
