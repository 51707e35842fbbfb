//! The lesson player: the step's instruction in large, wrapped text, feedback and help under it,
//! and the exercise — a simulated phone, a list of answers, an order to build or a keypad.
//! Wide terminals put the phone beside the text (like a teacher holding up a phone); narrow
//! ones stack them, giving the text the room it needs first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::lesson::right_answer_cursor;
use crate::app::{Action, App, Feedback, Player};
use crate::content::{Exercise, Lesson, Step};
use crate::ui::draw::{fill, lines, put};
use crate::ui::hits::Hits;
use crate::ui::strings::{Words, fill as fill_in, words};
use crate::ui::text::{width, wrap};
use crate::ui::theme;
use crate::ui::widgets::menu::{self, Entry};
use crate::ui::widgets::page::{self, Key};
use crate::ui::widgets::{keypad, phone};

/// Body width from which the phone goes beside the text instead of under it.
const SIDE_BY_SIDE: u16 = 64;

pub fn render(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let (Some(p), Some(lesson), Some(step), Some(pack)) = (
        app.player.as_ref(),
        app.current_lesson(),
        app.current_step(),
        app.current_pack(),
    ) else {
        return;
    };
    let w = words(app.lang);
    let header = format!(
        "{} › {}",
        pack.title.get(app.lang),
        lesson.title.get(app.lang)
    );
    let counter = fill_in(
        w.step_of,
        &[
            ("n", &(p.step + 1).to_string()),
            ("total", &lesson.steps.len().to_string()),
        ],
    );
    let keys = footer_keys(w, step, p);
    let body = page::render(buf, area, &header, &counter, &keys, hits);
    let text = message(app, w, lesson, step, p);

    let panel = panel_kind(step, p);
    let side = body.width >= SIDE_BY_SIDE && panel != Panel::None;
    if side {
        let panel_w = (body.width / 2).clamp(30, 44);
        let text_area = Rect::new(
            body.x,
            body.y + 1,
            body.width - panel_w - 2,
            body.height.saturating_sub(1),
        );
        // Tall enough for any screen (12 items) or the keypad; more is only empty glass.
        let panel_h = body.height.min(26);
        let panel_area = Rect::new(body.right() - panel_w, body.y, panel_w, panel_h);
        let used = draw_message(buf, text_area, &text);
        let below = Rect::new(
            text_area.x,
            text_area.y + used + 1,
            text_area.width,
            text_area.height.saturating_sub(used + 1),
        );
        match panel {
            Panel::Phone(i, interactive) => {
                draw_phone(app, buf, panel_area, lesson, i, interactive, p, hits);
                draw_answers(app, buf, below, step, p, hits);
            }
            Panel::Keypad => {
                // The pad sits in a phone, under the app's title, like the real screen.
                let inner = phone_frame(app, buf, panel_area, lesson, step);
                draw_typed(
                    app,
                    buf,
                    Rect::new(inner.x, inner.y, inner.width, 1),
                    step,
                    p,
                );
                let pad = Rect::new(
                    inner.x,
                    inner.y + 2,
                    inner.width,
                    inner.height.saturating_sub(2).min(keypad::ROWS * 3),
                );
                keypad::render(buf, pad, app.lang, hits);
            }
            Panel::Answers | Panel::None => {}
        }
        if panel == Panel::Answers {
            draw_answers(app, buf, panel_area, step, p, hits);
        }
        return;
    }

    // Stacked: text first, then the panel in what is left. A choice or order step shows its
    // answers here rather than its phone screen: the question itself must stand alone.
    let answers_due = p.feedback != Feedback::Right
        && matches!(
            step.exercise,
            Exercise::Choice { .. } | Exercise::Order { .. }
        );
    let panel = if answers_due { Panel::Answers } else { panel };
    let min_panel = match panel {
        Panel::Phone(_, true) => 5,
        Panel::Phone(_, false) => 0,
        Panel::Keypad => keypad::ROWS + 1,
        Panel::Answers => answer_rows(step) as u16,
        Panel::None => 0,
    };
    let room = body.height.saturating_sub(min_panel).max(1);
    let text = fit_message(text, body.width, room);
    let wrapped_h = wrapped_height(&text, body.width);
    let text_h = wrapped_h.min(room);
    let used = draw_message(buf, Rect::new(body.x, body.y, body.width, text_h), &text);
    let gap = u16::from(body.height > used + min_panel + 1);
    let rest = Rect::new(
        body.x,
        body.y + used + gap,
        body.width,
        body.height.saturating_sub(used + gap),
    );
    match panel {
        Panel::Phone(i, interactive) => {
            if interactive || rest.height >= 6 {
                let pw = rest.width.min(44);
                let prect = Rect::new(rest.x + (rest.width - pw) / 2, rest.y, pw, rest.height);
                draw_phone(app, buf, prect, lesson, i, interactive, p, hits);
            }
        }
        Panel::Keypad => {
            let typed = Rect::new(rest.x, rest.y, rest.width, 1);
            draw_typed(app, buf, typed, step, p);
            let pad = Rect::new(
                rest.x,
                rest.y + 1,
                rest.width.min(44),
                rest.height.saturating_sub(1),
            );
            keypad::render(buf, pad, app.lang, hits);
        }
        Panel::Answers => draw_answers(app, buf, rest, step, p, hits),
        Panel::None => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    /// A phone screen (index into the lesson's screens); interactive in a tap step.
    Phone(usize, bool),
    /// The list of choices or order items (drawn beside the phone when there is one).
    Answers,
    Keypad,
}

fn panel_kind(step: &Step, p: &Player) -> Panel {
    let done = p.feedback == Feedback::Right;
    match (&step.exercise, step.screen) {
        (Exercise::Tap { .. }, Some(s)) => Panel::Phone(s, !done),
        (Exercise::Digits { .. }, _) if !done => Panel::Keypad,
        (Exercise::Choice { .. } | Exercise::Order { .. }, None) if !done => Panel::Answers,
        (_, Some(s)) => Panel::Phone(s, false),
        _ => Panel::None,
    }
}

fn answer_rows(step: &Step) -> usize {
    match &step.exercise {
        Exercise::Choice { choices, .. } => choices.len(),
        Exercise::Order { items } => items.len(),
        _ => 0,
    }
}

fn footer_keys(w: &'static Words, step: &Step, p: &Player) -> Vec<Key> {
    let back = Key::new(w.key_esc, w.word_back, Some(Action::Back));
    let help = Key::new(w.key_help, w.word_help, Some(Action::Help));
    if p.feedback == Feedback::Right || matches!(step.exercise, Exercise::Read) {
        return vec![
            Key::new(w.key_enter, w.word_continue, Some(Action::Confirm)),
            back,
            help,
        ];
    }
    match step.exercise {
        Exercise::Digits { .. } => vec![
            Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
            back,
            Key::new(w.key_delete, w.word_delete, Some(Action::Delete)),
            help,
        ],
        Exercise::Order { .. } => vec![
            Key::new(w.key_numbers, w.word_choose, None),
            back,
            Key::new(w.key_delete, w.word_delete, Some(Action::Delete)),
            help,
        ],
        _ => vec![
            Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
            back,
            help,
            Key::new(w.key_numbers, w.word_choose, None),
            Key::new(w.key_arrows, w.word_move, None),
        ],
    }
}

/// The text column: praise, the instruction, then feedback or help.
fn message(app: &App, w: &Words, lesson: &Lesson, step: &Step, p: &Player) -> Vec<(String, Style)> {
    let lang = app.lang;
    let mut out = Vec::new();
    if p.praise && p.feedback == Feedback::None {
        out.push((w.well_done.to_string(), theme::right()));
    }
    out.push((step.say.get(lang).to_string(), theme::strong()));
    let hint = step.hint.as_ref().map(|h| h.get(lang).to_string());
    match p.feedback {
        Feedback::Right => {
            out.push((w.right.to_string(), theme::right()));
            if let Some(why) = &step.why {
                out.push((why.get(lang).to_string(), theme::base()));
            }
        }
        Feedback::Wrong if p.wrong < 2 => {
            out.push((w.wrong_first.to_string(), theme::not_yet()));
            if let Some(h) = hint {
                out.push((h, theme::base()));
            }
        }
        Feedback::Wrong => {
            out.push((w.wrong_again.to_string(), theme::not_yet()));
            out.push((pointer(app, w, lesson, step, p), theme::not_yet()));
        }
        Feedback::NothingTyped => out.push((w.nothing_typed.to_string(), theme::not_yet())),
        Feedback::None => {
            if p.wrong >= 2 {
                out.push((pointer(app, w, lesson, step, p), theme::not_yet()));
            } else if matches!(step.exercise, Exercise::Read) {
                out.push((w.read_on.to_string(), theme::dim()));
            } else if matches!(step.exercise, Exercise::Order { .. }) {
                out.push((w.order_tip.to_string(), theme::dim()));
            }
        }
    }
    out
}

/// "» It is “X”. Press 3." — the words that point at the right answer.
fn pointer(app: &App, w: &Words, lesson: &Lesson, step: &Step, p: &Player) -> String {
    let lang = app.lang;
    let at = right_answer_cursor(step, p);
    match (&step.exercise, at) {
        (Exercise::Tap { target }, _) => {
            let screen = &lesson.screens[step.screen.unwrap_or(0)];
            let key = phone::key_of(screen, *target).unwrap_or(0).to_string();
            fill_in(
                w.point_tap,
                &[
                    ("label", screen.items[*target].label.get(lang)),
                    ("key", &key),
                ],
            )
        }
        (Exercise::Choice { choices, right }, _) => fill_in(
            w.point_choice,
            &[
                ("label", choices[*right].text.get(lang)),
                ("key", &(right + 1).to_string()),
            ],
        ),
        (Exercise::Order { items }, Some(pos)) => fill_in(
            w.point_order,
            &[
                ("label", items[p.shuffle[pos]].text.get(lang)),
                ("key", &(pos + 1).to_string()),
            ],
        ),
        (Exercise::Digits { answer, .. }, _) => {
            let spaced: Vec<String> = answer.chars().map(String::from).collect();
            fill_in(w.point_digits, &[("digits", &spaced.join(" "))])
        }
        _ => String::new(),
    }
}

/// On a small screen, drops the lines that matter least until the text fits: first praise and
/// tips, then the "not quite" headline. The instruction, the hint and the pointer always stay.
fn fit_message(mut text: Vec<(String, Style)>, width: u16, rows: u16) -> Vec<(String, Style)> {
    let w = words(crate::lang::Lang::Zh);
    let e = words(crate::lang::Lang::En);
    let droppable = |line: &str| {
        [w, e].iter().any(|w| {
            [
                w.well_done,
                w.read_on,
                w.order_tip,
                w.wrong_first,
                w.wrong_again,
                w.right,
            ]
            .contains(&line)
        })
    };
    while wrapped_height(&text, width) > rows {
        match text.iter().position(|(line, _)| droppable(line)) {
            Some(i) => {
                text.remove(i);
            }
            None => break,
        }
    }
    text
}

fn wrapped_height(text: &[(String, Style)], width: u16) -> u16 {
    text.iter()
        .map(|(t, _)| wrap(t, width as usize).len() as u16)
        .sum()
}

fn draw_message(buf: &mut Buffer, area: Rect, text: &[(String, Style)]) -> u16 {
    let mut y = area.y;
    for (t, style) in text {
        let wrapped = wrap(t, area.width as usize);
        let room = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
        y += lines(buf, room, &wrapped, *style);
    }
    y - area.y
}

#[allow(clippy::too_many_arguments)]
fn draw_phone(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    lesson: &Lesson,
    screen: usize,
    interactive: bool,
    p: &Player,
    hits: &mut Hits,
) {
    let view = phone::Phone {
        screen: &lesson.screens[screen],
        lang: app.lang,
        cursor: interactive.then_some(p.cursor),
        interactive,
    };
    phone::render(buf, area, &view, hits);
}

fn draw_answers(app: &App, buf: &mut Buffer, area: Rect, step: &Step, p: &Player, hits: &mut Hits) {
    if p.feedback == Feedback::Right {
        return;
    }
    let entries: Vec<Entry> = match &step.exercise {
        Exercise::Choice { choices, .. } => choices
            .iter()
            .map(|c| Entry::new(c.text.get(app.lang), ""))
            .collect(),
        Exercise::Order { items } => p
            .shuffle
            .iter()
            .map(|&i| {
                let placed = p.placed.iter().position(|&x| x == i);
                let detail = placed.map_or(String::new(), |n| match app.lang {
                    crate::lang::Lang::Zh => format!("✓ 第{}", n + 1),
                    crate::lang::Lang::En => format!("✓ #{}", n + 1),
                });
                Entry::new(items[i].text.get(app.lang), detail)
            })
            .collect(),
        _ => return,
    };
    menu::render(buf, area, &entries, p.cursor, hits);
}

fn draw_typed(app: &App, buf: &mut Buffer, area: Rect, step: &Step, p: &Player) {
    let w = words(app.lang);
    let Exercise::Digits { answer, secret } = &step.exercise else {
        return;
    };
    let shown: String = if *secret {
        "*".repeat(p.typed.len())
    } else {
        p.typed.clone()
    };
    let blanks = answer.len().saturating_sub(p.typed.len());
    let spaced: Vec<String> = shown
        .chars()
        .map(String::from)
        .chain(std::iter::repeat_n("_".to_string(), blanks))
        .collect();
    let line = format!("{} {}", w.your_input, spaced.join(" "));
    fill(
        buf,
        Rect::new(
            area.x,
            area.y,
            area.width.min(width(&line) as u16 + 1),
            1.min(area.height),
        ),
        theme::base(),
    );
    put(buf, area, area.x, area.y, &line, theme::strong());
}

/// An empty phone (frame, status bar and the step screen's title) for the keypad; returns the
/// room inside it.
fn phone_frame(app: &App, buf: &mut Buffer, area: Rect, lesson: &Lesson, step: &Step) -> Rect {
    let title = step
        .screen
        .and_then(|i| lesson.screens[i].title.as_ref())
        .map(|t| t.get(app.lang).to_string())
        .unwrap_or_default();
    phone::frame(buf, area, &title)
}

/// The step's hint and the keys, over the player.
pub fn help_dialog(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let hint = app
        .current_step()
        .and_then(|s| s.hint.as_ref().map(|h| h.get(app.lang).to_string()))
        .unwrap_or_default();
    let text = if hint.is_empty() {
        w.help_keys.to_string()
    } else {
        format!("{hint}\n\n{}", w.help_keys)
    };
    let entries = [Entry::new(w.help_close, "")];
    super::common::dialog(buf, area, hits, &text, &entries, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_a_small_screen_the_instruction_and_the_pointer_outlast_the_headline() {
        let w = words(crate::lang::Lang::En);
        let say = "Find the green Phone icon on the home screen and tap it once.".to_string();
        let pointer = "» It is “Phone” in the yellow box. Press 1 or Enter.".to_string();
        let text = vec![
            (say.clone(), theme::strong()),
            (w.wrong_again.to_string(), theme::not_yet()),
            (pointer.clone(), theme::not_yet()),
        ];
        let kept = fit_message(text.clone(), 38, 4);
        let lines: Vec<&str> = kept.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(lines, [say.as_str(), pointer.as_str()]);
        assert_eq!(
            fit_message(text, 38, 20).len(),
            3,
            "nothing is dropped when it fits"
        );
    }
}
