//! The choosing screens: welcome, who is learning, pack list, lesson list, lesson complete, and
//! the new-learner name field. Each is a title, a few lines of text and a big-button menu.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, NameProblem, Screen};
use crate::ui::draw::{button, fill, frame, lines, put};
use crate::ui::hits::Hits;
use crate::ui::strings::{fill as fill_in, words};
use crate::ui::text::{width, wrap};
use crate::ui::theme;
use crate::ui::widgets::menu::{self, Entry};
use crate::ui::widgets::page::{self, Key};

pub fn choose_keys(app: &App, esc_word: &'static str) -> Vec<Key> {
    let w = words(app.lang);
    vec![
        Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
        Key::new(w.key_esc, esc_word, Some(Action::Back)),
        Key::new(w.key_numbers, w.word_choose, None),
        Key::new(w.key_arrows, w.word_move, None),
    ]
}

/// Title, wrapped intro text, then the menu filling the rest.
fn menu_page(
    buf: &mut Buffer,
    area: Rect,
    hits: &mut Hits,
    header: &str,
    intro: &[(String, ratatui::style::Style)],
    entries: &[Entry],
    cursor: usize,
    keys: &[Key],
) {
    let body = page::render(buf, area, header, "", keys, hits);
    let mut y = body.y;
    for (text, style) in intro {
        let wrapped = wrap(text, body.width as usize);
        // Leave at least one menu row.
        let room = body.bottom().saturating_sub(y + 1);
        let take = (wrapped.len() as u16).min(room);
        y += lines(
            buf,
            Rect::new(body.x, y, body.width, take),
            &wrapped,
            *style,
        );
    }
    if !intro.is_empty() && body.bottom() > y + 3 {
        y += 1;
    }
    let menu_area = Rect::new(body.x, y, body.width, body.bottom().saturating_sub(y));
    menu::render(buf, menu_area, entries, cursor, hits);
}

pub fn welcome(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries = [Entry::new(w.start, ""), Entry::new(w.switch_language, "")];
    let keys = choose_keys(app, w.word_quit);
    let intro = [(w.tagline.to_string(), theme::strong())];
    let header = if app.lang == crate::lang::Lang::Zh {
        "智慧助老".to_string()
    } else {
        "zhulao · Smart Aid for Seniors".to_string()
    };
    menu_page(
        buf, area, hits, &header, &intro, &entries, app.cursor, &keys,
    );
}

pub fn learners(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let mut entries: Vec<Entry> = app
        .learners
        .iter()
        .map(|l| Entry::new(l.display_name(app.lang), ""))
        .collect();
    entries.push(Entry::new(format!("+ {}", w.new_named), ""));
    entries.push(Entry::new(format!("+ {}", w.new_numbered), ""));
    let intro: Vec<(String, _)> = if app.learners.is_empty() {
        vec![(w.no_learners_yet.to_string(), theme::base())]
    } else {
        vec![]
    };
    let keys = choose_keys(app, w.word_back);
    menu_page(buf, area, hits, w.who, &intro, &entries, app.cursor, &keys);
}

pub fn new_learner(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let keys = [
        Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
        Key::new(w.key_esc, w.word_back, Some(Action::Back)),
        Key::new(w.key_delete, w.word_delete, Some(Action::Delete)),
    ];
    let body = page::render(buf, area, w.type_name, "", &keys, hits);
    let mut y = body.y;
    let field_h = if body.height >= 8 { 3 } else { 1 };
    let field = Rect::new(body.x, y, body.width.min(40), field_h);
    let inner = if field_h == 3 {
        fill(buf, field, theme::focus());
        frame(buf, field, true)
    } else {
        fill(buf, field, theme::focus());
        field
    };
    let shown = format!("▶ {}▏", app.name_input);
    put(buf, inner, inner.x, inner.y, &shown, theme::focus());
    y += field_h;
    let message = match app.name_problem {
        Some(NameProblem::Empty) => Some(w.name_empty),
        Some(NameProblem::TooLong) => Some(w.name_too_long),
        None => None,
    };
    if let Some(m) = message {
        let text = wrap(&format!("✗ {m}"), body.width as usize);
        y += lines(
            buf,
            Rect::new(body.x, y, body.width, body.bottom() - y),
            &text,
            theme::not_yet(),
        );
    }
    let ok_h = if body.bottom().saturating_sub(y) >= 6 {
        3
    } else {
        1
    };
    let help = wrap(w.type_name_help, body.width as usize);
    let help_room = body.bottom().saturating_sub(y + ok_h + 1);
    y += lines(
        buf,
        Rect::new(body.x, y, body.width, help_room),
        &help,
        theme::dim(),
    );
    if y + ok_h <= body.bottom() {
        let ok = Rect::new(body.x, y, (width(w.ok) as u16 + 8).min(body.width), ok_h);
        button(buf, ok, w.ok, false);
        hits.add(ok, Action::Confirm);
    }
}

pub fn packs(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries: Vec<Entry> = app
        .library
        .packs
        .iter()
        .map(|p| {
            let done = p
                .lessons
                .iter()
                .filter(|l| app.progress.lesson(&p.id, &l.id).is_complete())
                .count();
            let detail = if done == p.lessons.len() {
                format!("✓ {}", w.done)
            } else {
                format!("{done}/{}", p.lessons.len())
            };
            Entry::new(p.title.get(app.lang), detail)
        })
        .collect();
    let name = app
        .learner
        .as_ref()
        .map(|l| l.display_name(app.lang))
        .unwrap_or_default();
    let header = format!("{name} › {}", w.choose_pack);
    let keys = choose_keys(app, w.word_back);
    menu_page(buf, area, hits, &header, &[], &entries, app.cursor, &keys);
}

pub fn lessons(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let Some(pack) = app.current_pack() else {
        return;
    };
    let entries: Vec<Entry> = pack
        .lessons
        .iter()
        .map(|l| {
            let progress = app.progress.lesson(&pack.id, &l.id);
            let detail = match (progress.resume_step(l), progress.is_complete()) {
                (Some(step), _) => fill_in(
                    w.step_of,
                    &[
                        ("n", &(step + 1).min(l.steps.len()).to_string()),
                        ("total", &l.steps.len().to_string()),
                    ],
                ),
                (None, true) => format!("✓ {}", stars(progress.stars())),
                (None, false) => w.not_started.to_string(),
            };
            Entry::new(l.title.get(app.lang), detail)
        })
        .collect();
    let header = format!("{} › {}", pack.title.get(app.lang), w.choose_lesson);
    let keys = choose_keys(app, w.word_back);
    menu_page(buf, area, hits, &header, &[], &entries, app.cursor, &keys);
}

/// "★★☆": earned stars filled, the rest hollow.
pub fn stars(n: u8) -> String {
    (0..3).map(|i| if i < n { '★' } else { '☆' }).collect()
}

pub fn complete(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let Some(lesson) = app.current_lesson() else {
        return;
    };
    let mut intro = vec![
        (w.lesson_done.to_string(), theme::right()),
        (
            format!("{} {}", w.stars_earned, stars(app.earned_stars)),
            theme::strong(),
        ),
    ];
    let learned: Vec<String> = lesson
        .learned
        .iter()
        .map(|t| format!("✓ {}", t.get(app.lang)))
        .collect();
    if area.height >= 16 {
        intro.push((w.you_learned.to_string(), theme::strong()));
        for l in learned {
            intro.push((l, theme::base()));
        }
    }
    if app.earned_stars < 3 && area.height >= 20 {
        intro.push((w.practice_more.to_string(), theme::dim()));
    }
    let next = if app.next_lesson().is_some() {
        w.next_lesson
    } else {
        w.all_done
    };
    let entries = [
        Entry::new(next, ""),
        Entry::new(w.again, ""),
        Entry::new(w.back_to_list, ""),
    ];
    let keys = choose_keys(app, w.word_back);
    let header = app
        .current_pack()
        .map(|p| format!("{} › {}", p.title.get(app.lang), lesson.title.get(app.lang)))
        .unwrap_or_default();
    menu_page(
        buf, area, hits, &header, &intro, &entries, app.cursor, &keys,
    );
}

/// The quit question, drawn over whatever screen is showing.
pub fn quit_dialog(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    let w = words(app.lang);
    let entries = [Entry::new(w.quit_yes, ""), Entry::new(w.quit_no, "")];
    dialog(buf, area, hits, w.quit_question, &entries, app.quit_cursor);
}

/// A box in the middle of the screen with a question and a menu; it covers what is under it.
pub fn dialog(
    buf: &mut Buffer,
    area: Rect,
    hits: &mut Hits,
    question: &str,
    entries: &[Entry],
    cursor: usize,
) {
    let bw = area.width.saturating_sub(4).min(60);
    let text = wrap(question, bw.saturating_sub(4) as usize);
    let menu_rows = if area.height >= 16 { 3 } else { 1 } * entries.len() as u16;
    let bh = (text.len() as u16 + menu_rows + 3).min(area.height);
    let rect = crate::ui::draw::centered(area, bw, bh);
    hits.cover(area);
    fill(buf, rect, theme::base());
    let inner = frame(buf, rect, false);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let used = lines(buf, inner, &text, theme::strong());
    let m = Rect::new(
        inner.x,
        inner.y + used + 1,
        inner.width,
        inner.height.saturating_sub(used + 1),
    );
    menu::render(buf, m, entries, cursor, hits);
}

/// Which menu screen to draw.
pub fn render(app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
    match app.screen {
        Screen::Welcome => welcome(app, buf, area, hits),
        Screen::Learners => learners(app, buf, area, hits),
        Screen::NewLearnerName => new_learner(app, buf, area, hits),
        Screen::Packs => packs(app, buf, area, hits),
        Screen::Lessons => lessons(app, buf, area, hits),
        Screen::Complete => complete(app, buf, area, hits),
        Screen::Player => {}
    }
}
