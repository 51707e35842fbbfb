//! "Who is learning?": big name buttons, and adding a learner by typed name or by number.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::MenuPage;
use crate::app::{Action, App, NameProblem};
use crate::ui::draw::{button, fill, frame, lines, put};
use crate::ui::hits::Hits;
use crate::ui::strings::words;
use crate::ui::text::{width, wrap};
use crate::ui::theme;
use crate::ui::widgets::menu::Entry;
use crate::ui::widgets::page::{self, Key};

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
    MenuPage::new(w.who, &entries)
        .intro(&intro)
        .render(app, buf, area, hits);
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
    let shown = format!("{} {}{}", theme::FOCUS, app.name_input, theme::CARET);
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
    let help = wrap(w.type_name_help, body.width as usize);
    let room = body.bottom().saturating_sub(y);
    let ok_h = if room >= help.len() as u16 + 4 { 3 } else { 1 };
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
