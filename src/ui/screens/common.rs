//! What the choosing screens share: a page of title, a few lines of text and a big-button
//! menu; the footer keys for choosing; centred dialogs; stars.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{Action, App};
use crate::ui::draw::{fill, frame, lines};
use crate::ui::hits::Hits;
use crate::ui::strings::words;
use crate::ui::text::wrap;
use crate::ui::theme;
use crate::ui::widgets::menu::{self, Entry};
use crate::ui::widgets::page::{self, Key};

/// A choosing screen: where we are, some text, and the entries to choose from. The footer keys
/// and the highlight come from the app, so every choosing screen behaves the same.
pub struct MenuPage<'a> {
    header: &'a str,
    intro: &'a [(String, Style)],
    entries: &'a [Entry],
    esc_word: Option<&'static str>,
}

impl<'a> MenuPage<'a> {
    pub fn new(header: &'a str, entries: &'a [Entry]) -> Self {
        MenuPage {
            header,
            intro: &[],
            entries,
            esc_word: None,
        }
    }

    /// Lines of text above the menu.
    pub fn intro(mut self, intro: &'a [(String, Style)]) -> Self {
        self.intro = intro;
        self
    }

    /// What Esc does here, when it is not "back" (on the welcome screen it leaves).
    pub fn esc(mut self, word: &'static str) -> Self {
        self.esc_word = Some(word);
        self
    }

    /// Title, wrapped intro text, then the menu filling the rest.
    pub fn render(&self, app: &App, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
        let keys = choose_keys(app, self.esc_word.unwrap_or(words(app.lang).word_back));
        let body = page::render(buf, area, self.header, "", &keys, hits);
        let mut y = body.y;
        for (text, style) in self.intro {
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
        if !self.intro.is_empty() && body.bottom() > y + 3 {
            y += 1;
        }
        let menu_area = Rect::new(body.x, y, body.width, body.bottom().saturating_sub(y));
        menu::render(buf, menu_area, self.entries, app.cursor, hits);
    }
}

fn choose_keys(app: &App, esc_word: &'static str) -> Vec<Key> {
    let w = words(app.lang);
    vec![
        Key::new(w.key_enter, w.word_ok, Some(Action::Confirm)),
        Key::new(w.key_esc, esc_word, Some(Action::Back)),
        Key::new(w.key_numbers, w.word_choose, None),
        Key::new(w.key_arrows, w.word_move, None),
    ]
}

/// "★★☆": earned stars filled, the rest hollow.
pub fn stars(n: u8) -> String {
    (0..3).map(|i| if i < n { '★' } else { '☆' }).collect()
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
    // One thing at a time: the screen behind a question is cleared, not shown through.
    fill(buf, area, theme::base());
    let bw = area.width.saturating_sub(2).min(60);
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
