//! Drawing the lesson player: the step's instruction (in big glyphs at 大字 / 特大 when they
//! fit), feedback and help under it, and the exercise — a simulated phone, a list of answers, an
//! order to build or a keypad. Wide terminals put the phone beside the text (like a teacher
//! holding up a phone); narrow ones, and big text that needs the width, stack them, giving the
//! text the room it needs first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Offset, Rect};

use super::{Feedback, Listed, Player, right_answer_cursor};
use crate::app::Action;
use crate::content::{DigitsFormat, Direction, Exercise, Lesson, Step, Verdict};
use crate::settings::TextSize;
use crate::ui::draw::{fill, put};
use crate::ui::text::width;
use crate::ui::textblock::{self, Fitted, Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::{self, Entry};
use crate::ui::widgets::page::{self, Key};
use crate::ui::widgets::{keypad, phone};
use crate::ui::words::fill as fill_in;
use crate::ui::{Hits, ViewCx};

/// Body width from which the phone goes beside the text instead of under it.
const SIDE_BY_SIDE: u16 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    /// A phone screen (index into the lesson's screens); interactive in a tap step.
    Phone(usize, bool),
    /// The list of choices or order items (drawn beside the phone when there is one).
    Answers,
    Keypad,
}

pub fn render(p: &Player, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let (Some(pack), Some(lesson), Some(step)) =
        (p.at.pack(cx.lib), p.lesson(cx.lib), p.step(cx.lib))
    else {
        return;
    };
    let header = format!(
        "{} › {}",
        pack.title.get(cx.lang),
        lesson.title.get(cx.lang)
    );
    let counter = fill_in(
        cx.words.step_of,
        &[
            ("n", &(p.step + 1).to_string()),
            ("total", &lesson.steps.len().to_string()),
        ],
    );
    let (header, counter) = super::review::heading(p, cx).unwrap_or((header, counter));
    let keys = footer_keys(cx, lesson, step, p);
    let body = page::render(cx, buf, area, &header, &counter, &keys, hits);
    let text = message(p, cx, lesson, step, false);
    // Stacked, a judge step shows its answers instead of the phone: the message it judges is
    // then quoted in the text.
    let stacked_text = if matches!(step.exercise, Exercise::Judge { .. }) {
        message(p, cx, lesson, step, true)
    } else {
        text.clone()
    };
    let view = View {
        p,
        cx,
        lesson,
        step,
    };
    let panel = panel_kind(step, p);
    if body.width >= SIDE_BY_SIDE && panel != Panel::None {
        let side = view.side_layout(body, panel, &text);
        // Big text that does not fit beside the phone may fit above it.
        if cx.size == TextSize::Normal || side.1.size != TextSize::Normal {
            return view.draw_side(buf, hits, side);
        }
        let stacked = view.stacked_layout(body, panel, &stacked_text);
        if stacked.2.size != TextSize::Normal {
            return view.draw_stacked(buf, hits, stacked);
        }
        return view.draw_side(buf, hits, side);
    }
    let stacked = view.stacked_layout(body, panel, &stacked_text);
    view.draw_stacked(buf, hits, stacked);
}

/// The words read aloud: the same paragraphs the screen shows.
pub fn spoken(p: &Player, cx: &ViewCx) -> Option<String> {
    let lesson = p.lesson(cx.lib)?;
    let step = p.step(cx.lib)?;
    // A judge step's message is read out too: it is what the learner must judge.
    let mut block = message(p, cx, lesson, step, true);
    block.paras.retain(|para| !para.only_big);
    Some(block.spoken())
}

struct View<'a> {
    p: &'a Player,
    cx: &'a ViewCx<'a>,
    lesson: &'a Lesson,
    step: &'a Step,
}

/// Side by side: (text area, fitted text, phone area, panel).
type Side = (Rect, Fitted, Rect, Panel);
/// Stacked: (body, panel, fitted text).
type Stacked = (Rect, Panel, Fitted);

impl View<'_> {
    fn side_layout(&self, body: Rect, panel: Panel, text: &TextBlock) -> Side {
        let panel_w = (body.width / 2).clamp(30, 44);
        // The words at the left, a gap of two, the phone at the right.
        let panel_w = panel_w.min(body.width);
        let text_w = body.width.saturating_sub(panel_w + 2);
        let text_col = Rect {
            width: text_w,
            ..body
        };
        let panel_col = Rect {
            x: body.right() - panel_w,
            width: panel_w,
            ..body
        };
        // The text starts level with the phone's status bar, one row below its top edge.
        let text_area = text_col.offset(Offset { x: 0, y: 1 }).intersection(body);
        // Tall enough for any screen (12 items) or the keypad; more is only empty glass.
        let panel_area = Rect {
            height: body.height.min(26),
            ..panel_col
        };
        // Choices beside the phone need their rows under the text.
        let below = match panel {
            Panel::Phone(..) => answer_rows(self.step, self.p) as u16,
            _ => 0,
        };
        let fitted = text.fit(
            text_area.width,
            text_area.height.saturating_sub(below),
            self.cx.size,
        );
        (text_area, fitted, panel_area, panel)
    }

    fn draw_side(&self, buf: &mut Buffer, hits: &mut Hits, side: Side) {
        let (text_area, fitted, panel_area, panel) = side;
        let (cx, p, step) = (self.cx, self.p, self.step);
        let used = textblock::draw(cx, buf, text_area, &fitted);
        let below = Rect::new(
            text_area.x,
            text_area.y + used + 1,
            text_area.width,
            text_area.height.saturating_sub(used + 1),
        );
        match panel {
            Panel::Phone(i, interactive) => {
                self.draw_phone(buf, panel_area, i, interactive, hits);
                self.draw_answers(buf, below, hits);
            }
            Panel::Keypad => {
                // The pad sits in a phone, under the app's title, like the real screen.
                let inner = self.phone_frame(buf, panel_area);
                self.draw_typed(buf, Rect::new(inner.x, inner.y, inner.width, 1), false);
                let pad = Rect::new(
                    inner.x,
                    inner.y + 2,
                    inner.width,
                    inner.height.saturating_sub(2).min(keypad::ROWS * 3),
                );
                keypad::render(cx, buf, pad, pad_extra(step), hits);
            }
            Panel::Answers => self.draw_answers(buf, panel_area, hits),
            Panel::None => {}
        }
        let _ = (p, step);
    }

    /// Text first, then the panel in what is left. A choice or order step shows its answers
    /// here rather than its phone screen: the question itself must stand alone.
    fn stacked_layout(&self, body: Rect, panel: Panel, text: &TextBlock) -> Stacked {
        let (p, step) = (self.p, self.step);
        let answers_due = p.feedback != Feedback::Right
            && matches!(
                step.exercise,
                Exercise::Choice { .. } | Exercise::Order { .. } | Exercise::Judge { .. }
            );
        let panel = if answers_due { Panel::Answers } else { panel };
        let room = body.height.saturating_sub(min_panel(panel, step, p)).max(1);
        let fitted = text.fit(body.width, room, self.cx.size);
        (body, panel, fitted)
    }

    fn draw_stacked(&self, buf: &mut Buffer, hits: &mut Hits, stacked: Stacked) {
        let (body, panel, fitted) = stacked;
        let cx = self.cx;
        let used = textblock::draw(cx, buf, body, &fitted);
        let gap = u16::from(body.height > used + min_panel(panel, self.step, self.p) + 1);
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
                    self.draw_phone(buf, prect, i, interactive, hits);
                }
            }
            Panel::Keypad => {
                // No phone frame to carry "安全键盘" here: the line says it.
                self.draw_typed(buf, Rect::new(rest.x, rest.y, rest.width, 1), true);
                let pad = Rect::new(
                    rest.x,
                    rest.y + 1,
                    rest.width.min(44),
                    rest.height.saturating_sub(1),
                );
                keypad::render(cx, buf, pad, pad_extra(self.step), hits);
            }
            Panel::Answers => self.draw_answers(buf, rest, hits),
            Panel::None => {}
        }
    }

    fn draw_phone(&self, buf: &mut Buffer, area: Rect, screen: usize, on: bool, hits: &mut Hits) {
        let p = self.p;
        let mut view = step_phone(
            &self.lesson.screens[screen],
            self.step,
            on,
            p.cursor,
            p.level,
            self.cx.lang,
            &self.cx.theme,
        );
        view.scroll = p.scroll;
        phone::render(buf, area, &view, hits);
    }

    fn draw_answers(&self, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
        let (p, cx) = (self.p, self.cx);
        if p.feedback == Feedback::Right {
            return;
        }
        let entries: Vec<Entry> = match &self.step.exercise {
            Exercise::Order { .. } => p
                .shuffle
                .iter()
                .zip(p.listed(self.step))
                .map(|(&i, listed)| {
                    let placed = p.placed.iter().position(|&x| x == i);
                    let detail = placed.map_or(String::new(), |n| {
                        fill_in(cx.words.order_placed, &[("n", &(n + 1).to_string())])
                    });
                    Entry::new(listed_words(cx, listed), detail)
                })
                .collect(),
            _ => p
                .listed(self.step)
                .into_iter()
                .map(|listed| Entry::new(listed_words(cx, listed), ""))
                .collect(),
        };
        if entries.is_empty() {
            return;
        }
        menu::render(buf, area, &entries, p.cursor, cx.kiosk, &cx.theme, hits);
    }

    fn draw_typed(&self, buf: &mut Buffer, area: Rect, say_pad: bool) {
        let secure = self
            .step
            .screen
            .is_some_and(|s| self.lesson.screens[s].secure_pad);
        let pad = if say_pad && secure {
            format!("{} · ", self.cx.words.secure_pad)
        } else {
            String::new()
        };
        let line = format!(
            "{pad}{} {}",
            self.cx.words.your_input,
            typed_display(self.p, self.lesson, self.step, " ")
        );
        fill(
            buf,
            Rect::new(
                area.x,
                area.y,
                area.width.min(width(&line) as u16 + 1),
                1.min(area.height),
            ),
            self.cx.theme.base(),
        );
        put(
            buf,
            area,
            area.x,
            area.y,
            &line,
            self.cx.style(Role::Strong),
        );
    }

    /// An empty phone (frame, status bar and the step screen's title) for the keypad; returns
    /// the room inside it.
    fn phone_frame(&self, buf: &mut Buffer, area: Rect) -> Rect {
        let screen = self.step.screen.map(|i| &self.lesson.screens[i]);
        let title = screen
            .and_then(|s| s.title.as_ref())
            .map(|t| t.get(self.cx.lang).to_string())
            .unwrap_or_default();
        // A bank's secure pad says so in its title bar, as the real one does.
        let title = match screen {
            Some(s) if s.secure_pad => format!("{} · {title}", self.cx.words.secure_pad),
            _ => title,
        };
        phone::frame(buf, area, title.trim_end_matches(" · "), &self.cx.theme)
    }
}

/// The digits typed so far, masked when secret (or typed on a secure pad), with `_` for the
/// ones still to come (not for an amount, whose length is the learner's to know), grouped as
/// the real form shows the number.
fn typed_display(p: &Player, lesson: &Lesson, step: &Step, sep: &str) -> String {
    let Exercise::Digits {
        answer,
        secret,
        format,
    } = &step.exercise
    else {
        return String::new();
    };
    let secure = step.screen.is_some_and(|s| lesson.screens[s].secure_pad);
    let shown: String = if *secret || secure {
        "*".repeat(p.typed.len())
    } else {
        p.typed.clone()
    };
    let blanks = match format {
        DigitsFormat::Amount => 0,
        _ => answer.len().saturating_sub(p.typed.len()),
    };
    let all: String = shown
        .chars()
        .chain(std::iter::repeat_n('_', blanks))
        .collect();
    if *format != DigitsFormat::Plain {
        return super::digits::grouped(&all, *format);
    }
    all.chars().map(String::from).collect::<Vec<_>>().join(sep)
}

/// The key a digits step's pad has besides the digits, if its number needs one.
fn pad_extra(step: &Step) -> Option<keypad::Extra> {
    match step.exercise {
        Exercise::Digits {
            format: DigitsFormat::Amount,
            ..
        } => Some(keypad::Extra::Point),
        Exercise::Digits {
            format: DigitsFormat::Id,
            ..
        } => Some(keypad::Extra::X),
        _ => None,
    }
}

fn min_panel(panel: Panel, step: &Step, p: &Player) -> u16 {
    match panel {
        Panel::Phone(_, true) => 5,
        Panel::Phone(_, false) => 0,
        Panel::Keypad => keypad::ROWS + 1,
        Panel::Answers => answer_rows(step, p) as u16,
        Panel::None => 0,
    }
}

/// The words of one listed answer.
fn listed_words(cx: &ViewCx, listed: Listed) -> String {
    match listed {
        Listed::Text(t) => t.get(cx.lang).to_string(),
        Listed::Verdict(Verdict::Safe) => cx.words.judge_safe.to_string(),
        Listed::Verdict(Verdict::Suspicious) => cx.words.judge_suspicious.to_string(),
    }
}

/// What a phone screen says, as one line of text: the message a judge step asks about, quoted
/// when the phone itself is not shown (a small window) and read aloud.
fn screen_summary(screen: &crate::content::Screen, cx: &ViewCx) -> String {
    use crate::content::{ItemKind, Place};
    let lang = cx.lang;
    let mut parts: Vec<String> = Vec::new();
    if let Some(call) = &screen.call {
        let number = call.number.as_deref().unwrap_or("");
        parts.push(
            format!("☏ {} {number}", call.from.get(lang))
                .trim()
                .to_string(),
        );
    }
    for (_, item) in screen.placed(Place::Banner) {
        let from = item.detail.as_ref().map_or("", |d| d.get(lang));
        parts.push(fill_in(
            cx.words.message_from,
            &[
                ("from", &format!("✉ {from}")),
                ("text", item.label.get(lang)),
            ],
        ));
    }
    for (_, item) in screen.placed(Place::Body) {
        if matches!(item.kind, ItemKind::Bubble | ItemKind::Text) {
            parts.push(item.label.get(lang).to_string());
        }
    }
    if let Some(popup) = &screen.popup {
        if let Some(t) = &popup.title {
            parts.push(t.get(lang).to_string());
        }
        parts.push(popup.text.get(lang).to_string());
    }
    if parts.is_empty()
        && let Some(t) = &screen.title
    {
        parts.push(t.get(lang).to_string());
    }
    parts.join(" ")
}

/// The phone of a step as the player draws it: `on` while the step can still be answered
/// (then the things to tap are numbered, and the step's gesture is asked for), `cursor` the
/// highlighted item, `level` where a slider stands. The take-home sheet draws it too
/// (`records::print::sheet`), so the paper shows what the lesson shows.
pub fn step_phone<'a>(
    screen: &'a crate::content::Screen,
    step: &Step,
    on: bool,
    cursor: Option<usize>,
    level: u8,
    lang: crate::lang::Lang,
    theme: &'a crate::ui::theme::Theme,
) -> phone::Phone<'a> {
    // What the step asks of the finger, while it can still be answered.
    let (asks, interactive, cursor) = match (&step.exercise, on) {
        (_, false) => (phone::Asks::Tap, false, None),
        (Exercise::Swipe { .. }, true) => (phone::Asks::Swipe, false, None),
        (Exercise::Hold { .. }, true) => (phone::Asks::Hold, true, cursor),
        (Exercise::Slide { target, .. }, true) => (
            phone::Asks::Slide {
                item: *target,
                level,
            },
            false,
            None,
        ),
        _ => (phone::Asks::Tap, true, cursor),
    };
    phone::Phone {
        screen,
        lang,
        theme,
        cursor,
        interactive,
        asks,
        scroll: None,
    }
}

fn panel_kind(step: &Step, p: &Player) -> Panel {
    let done = p.feedback == Feedback::Right;
    if let (true, Some(next)) = (done, step.leads_to) {
        // The right tap took the phone to its next screen.
        return Panel::Phone(next, false);
    }
    match (&step.exercise, step.screen) {
        (
            Exercise::Tap { .. }
            | Exercise::Swipe { .. }
            | Exercise::Hold { .. }
            | Exercise::Slide { .. },
            Some(s),
        ) => Panel::Phone(s, !done),
        (Exercise::Digits { .. }, _) if !done => Panel::Keypad,
        (Exercise::Choice { .. } | Exercise::Order { .. } | Exercise::Judge { .. }, None)
            if !done =>
        {
            Panel::Answers
        }
        (_, Some(s)) => Panel::Phone(s, false),
        _ => Panel::None,
    }
}

fn answer_rows(step: &Step, p: &Player) -> usize {
    p.listed(step).len()
}

fn footer_keys(cx: &ViewCx, lesson: &Lesson, step: &Step, p: &Player) -> Vec<Key> {
    let w = cx.words;
    let back = Key::new(w.key_esc, w.word_back, Some(Action::Back));
    let help = Key::new(w.key_help, w.word_help, Some(Action::Help));
    let read = Key::new(w.key_read, w.word_read, Some(Action::ReadAloud));
    if p.feedback == Feedback::Right || matches!(step.exercise, Exercise::Read) {
        return vec![
            Key::new(w.key_enter, w.word_continue, Some(Action::Confirm)),
            back,
            help,
            read,
        ];
    }
    match step.exercise {
        Exercise::Digits { .. } => vec![
            Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
            back,
            Key::new(w.key_delete, w.word_delete, Some(Action::Delete)),
            help,
            read,
        ],
        Exercise::Order { .. } => vec![
            Key::new(w.key_numbers, w.word_choose, None),
            back,
            Key::new(w.key_delete, w.word_delete, Some(Action::Delete)),
            help,
            read,
        ],
        // The arrow key that swipes is named: the one of the way to go.
        Exercise::Swipe { direction } => {
            let key = match direction {
                Direction::Up => "↑",
                Direction::Down => "↓",
                Direction::Left => "←",
                Direction::Right => "→",
            };
            vec![Key::new(key, w.steps.word_swipe, None), back, help, read]
        }
        Exercise::Hold { .. } => vec![
            Key::new(
                w.steps.key_space,
                w.steps.word_hold,
                Some(Action::Hold(None)),
            ),
            back,
            help,
            Key::new(w.key_arrows, w.word_move, None),
            read,
        ],
        Exercise::Slide { .. } => vec![
            Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
            back,
            Key::new("← →", w.steps.word_slide, None),
            help,
            read,
        ],
        _ => {
            let mut keys = vec![
                Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
                back,
                help,
                Key::new(w.key_numbers, w.word_choose, None),
                Key::new(w.key_arrows, w.word_move, None),
                read,
            ];
            if long_screen(lesson, step) {
                keys.insert(3, Key::new(w.steps.key_pages, w.steps.word_scroll, None));
            }
            keys
        }
    }
}

/// Whether the step's phone screen is a long one (a list that scrolls on most windows): the
/// footer then names the keys that move it.
fn long_screen(lesson: &Lesson, step: &Step) -> bool {
    step.screen.is_some_and(|s| {
        let screen = &lesson.screens[s];
        screen.placed(crate::content::Place::Body).count() >= LONG_BODY
    })
}

/// Body items from which a phone screen is long.
const LONG_BODY: usize = 8;

/// The text column: praise, the instruction, then feedback or help — each with how much it
/// matters when room is short.
fn message(p: &Player, cx: &ViewCx, lesson: &Lesson, step: &Step, summary: bool) -> TextBlock {
    let (w, lang) = (cx.words, cx.lang);
    let mut out = TextBlock::new();
    if p.praise && p.feedback == Feedback::None {
        out.push(w.well_done, Role::Right, Priority::Extra);
    }
    // A step that comes back alone in a review says first where it comes from, and what was
    // happening there, so that "登录好了…" does not start from nowhere.
    if p.review.is_some() {
        let from = fill_in(w.steps.review_from, &[("lesson", lesson.title.get(lang))]);
        let line = match &step.context {
            Some(c) => format!("{from}：{}", c.get(lang)),
            None => from,
        };
        out.push(line, Role::Dim, Priority::Keep);
    }
    out.push_big(step.say.get(lang), Role::Strong);
    if p.pressing.is_some() {
        // A finger is down on it: only that, until it lifts.
        out.push(w.steps.holding, Role::Right, Priority::Keep);
        return out;
    }
    if let Exercise::Judge { verdict, .. } = &step.exercise {
        if summary && let Some(s) = step.screen {
            out.push(
                format!("“{}”", screen_summary(&lesson.screens[s], cx)),
                Role::Title,
                Priority::Keep,
            );
        }
        if p.verdict_done && p.feedback != Feedback::Right {
            let next = match verdict {
                Verdict::Suspicious => w.judge_sign_suspicious,
                Verdict::Safe => w.judge_sign_safe,
            };
            out.push(next, Role::Right, Priority::Keep);
        }
    }
    if matches!(step.exercise, Exercise::Digits { .. }) && p.feedback != Feedback::Right {
        // The digits typed so far, big where the text is big (the phone shows them too).
        out.push_heading(typed_display(p, lesson, step, ""), Role::Strong);
    }
    let hint = step.hint.as_ref().map(|h| h.get(lang).to_string());
    match p.feedback {
        Feedback::Right => {
            out.push(w.right, Role::Right, Priority::Useful);
            if let Some(why) = &step.why {
                out.push(why.get(lang), Role::Base, Priority::Keep);
            }
        }
        Feedback::Wrong if p.wrong < 2 => {
            out.push(w.wrong_first, Role::NotYet, Priority::Useful);
            // Why that answer is wrong, when it can be said, before the hint.
            if let Some(why) = &p.explain {
                out.push(why.get(lang), Role::NotYet, Priority::Keep);
            }
            if let Some(h) = hint {
                out.push(h, Role::Base, Priority::Keep);
            }
        }
        Feedback::Wrong => {
            out.push(w.wrong_again, Role::NotYet, Priority::Useful);
            if let Some(why) = &p.explain {
                out.push(why.get(lang), Role::NotYet, Priority::Keep);
            }
            out.push(pointer(p, cx, lesson, step), Role::NotYet, Priority::Keep);
        }
        Feedback::NothingTyped => {
            out.push(w.nothing_typed, Role::NotYet, Priority::Keep);
        }
        Feedback::NothingChosen => {
            let said = match step.exercise {
                Exercise::Swipe { .. } => w.steps.first_swipe,
                Exercise::Hold { .. } => w.steps.first_hold,
                Exercise::Slide { .. } => w.steps.first_slide,
                _ => w.nothing_chosen,
            };
            out.push(said, Role::NotYet, Priority::Keep);
        }
        Feedback::None => {
            if p.wrong >= 2 {
                out.push(pointer(p, cx, lesson, step), Role::NotYet, Priority::Keep);
            } else if let (1, Some(h)) = (p.wrong, hint) {
                // Back on a step answered wrong once before (after a restart, say): the hint.
                out.push(h, Role::Base, Priority::Keep);
            } else if matches!(step.exercise, Exercise::Read) {
                out.push(w.read_on, Role::Dim, Priority::Extra);
            } else if matches!(step.exercise, Exercise::Order { .. }) {
                out.push(w.order_tip, Role::Dim, Priority::Extra);
            } else if matches!(step.exercise, Exercise::Judge { .. }) && !p.verdict_done {
                out.push(w.judge_first, Role::Dim, Priority::Extra);
            }
        }
    }
    out
}

/// "» It is “X”. Press 3." — the words that point at the right answer.
fn pointer(p: &Player, cx: &ViewCx, lesson: &Lesson, step: &Step) -> String {
    let (w, lang) = (cx.words, cx.lang);
    let at = right_answer_cursor(step, p);
    let screen = step.screen.map(|s| &lesson.screens[s]);
    match (&step.exercise, at) {
        (Exercise::Tap { target, .. }, _) => {
            let Some(screen) = screen else {
                return String::new();
            };
            let label = screen.items[*target].words(lang);
            match phone::key_of(screen, *target) {
                Some(key) => fill_in(w.point_tap, &[("label", &label), ("key", &key.to_string())]),
                // The numbers follow a long list as it moves: Enter, on the highlight.
                None => fill_in(w.steps.point_tap_enter, &[("label", &label)]),
            }
        }
        (Exercise::Hold { target }, _) => {
            let label = screen.map_or(String::new(), |s| s.items[*target].words(lang));
            fill_in(w.steps.point_hold, &[("label", &label)])
        }
        (Exercise::Slide { level, .. }, _) => fill_in(
            w.steps.point_slide,
            &[("want", &level.to_string()), ("keys", "← →")],
        ),
        (Exercise::Swipe { direction }, _) => {
            let (way, key) = match direction {
                Direction::Up => (w.steps.way_up, "↑"),
                Direction::Down => (w.steps.way_down, "↓"),
                Direction::Left => (w.steps.way_left, "←"),
                Direction::Right => (w.steps.way_right, "→"),
            };
            fill_in(w.steps.point_swipe, &[("way", way), ("key", key)])
        }
        (Exercise::Choice { choices, right }, Some(pos)) => fill_in(
            w.point_choice,
            &[
                ("label", choices[*right].text.get(lang)),
                ("key", &(pos + 1).to_string()),
            ],
        ),
        (Exercise::Order { items }, Some(pos)) => fill_in(
            w.point_order,
            &[
                ("label", items[p.shuffle[pos]].text.get(lang)),
                ("key", &(pos + 1).to_string()),
            ],
        ),
        (Exercise::Judge { .. }, Some(pos)) => {
            let listed = p.listed(step);
            let label = listed
                .get(pos)
                .map_or(String::new(), |l| listed_words(cx, *l));
            fill_in(
                w.point_choice,
                &[("label", &label), ("key", &(pos + 1).to_string())],
            )
        }
        (Exercise::Digits { answer, .. }, _) => {
            let spaced: Vec<String> = answer.chars().map(String::from).collect();
            fill_in(w.point_digits, &[("digits", &spaced.join(" "))])
        }
        _ => String::new(),
    }
}
