//! What the choosing screens share: a page with a heading, a few lines of text and a big-button
//! menu, with the same footer keys everywhere; and stars.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Action;
use crate::ui::textblock::{self, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::{self, Entry};
use crate::ui::widgets::page::{self, Key};
use crate::ui::{Hits, ViewCx};

/// A choosing screen: where we are, some text, and the entries to choose from.
pub struct MenuPage<'a> {
    /// The page header (top row): where the learner is.
    header: &'a str,
    /// A heading drawn in big glyphs at 大字 / 特大 (at normal size the header says it).
    heading: Option<&'a str>,
    intro: TextBlock,
    entries: &'a [Entry],
    cursor: usize,
    esc_word: Option<&'static str>,
    /// Esc does nothing here (the welcome screen of a kiosk): no footer key for it.
    no_esc: bool,
    /// A key of this screen's own, shown after Enter and Esc.
    extra_key: Option<Key>,
}

impl<'a> MenuPage<'a> {
    pub fn new(header: &'a str, entries: &'a [Entry], cursor: usize) -> Self {
        MenuPage {
            header,
            heading: None,
            intro: TextBlock::new(),
            entries,
            cursor,
            esc_word: None,
            no_esc: false,
            extra_key: None,
        }
    }

    pub fn key(mut self, key: Key) -> Self {
        self.extra_key = Some(key);
        self
    }

    pub fn heading(mut self, heading: &'a str) -> Self {
        self.heading = Some(heading);
        self
    }

    /// Text above the menu.
    pub fn intro(mut self, intro: TextBlock) -> Self {
        self.intro = intro;
        self
    }

    /// What Esc does here, when it is not "back" (on the welcome screen it leaves).
    pub fn esc(mut self, word: &'static str) -> Self {
        self.esc_word = Some(word);
        self
    }

    /// No Esc key in the footer: Esc does nothing here.
    pub fn no_esc(mut self) -> Self {
        self.no_esc = true;
        self
    }

    /// The words read aloud: the heading and the text above the menu.
    pub fn spoken(&self) -> String {
        self.text().spoken()
    }

    fn text(&self) -> TextBlock {
        let mut text = TextBlock::new();
        if let Some(h) = self.heading {
            text.push_heading(h, Role::Title);
        }
        text.paras.extend(self.intro.paras.iter().cloned());
        text
    }

    /// Header, text, then the menu filling the rest.
    pub fn render(&self, cx: &ViewCx, buf: &mut Buffer, area: Rect, hits: &mut Hits) {
        let mut keys = choose_keys(cx, self.esc_word.unwrap_or(cx.words.word_back));
        if let Some(key) = &self.extra_key {
            keys.insert(2, Key::new(key.key, key.word, key.action.clone()));
        }
        if self.no_esc {
            keys.retain(|k| k.action != Some(Action::Back));
        }
        let body = page::render(cx, buf, area, self.header, "", &keys, hits);
        let text = self.text();
        let mut y = body.y;
        if !text.is_empty() {
            // The choices matter more than the words above them: leave room for three of them
            // (as big buttons on a roomy touchscreen).
            let shown = (self.entries.len() as u16).clamp(1, 3);
            let min_menu = if cx.kiosk && area.height >= page::ROOMY_HEIGHT {
                shown * 3
            } else {
                shown
            };
            let fitted = text.fit(body.width, body.height.saturating_sub(min_menu), cx.size);
            y += textblock::draw(
                cx,
                buf,
                Rect::new(body.x, y, body.width, body.height),
                &fitted,
            );
            if fitted.height() > 0 && body.bottom() > y + min_menu {
                y += 1;
            }
        }
        let menu_area = Rect::new(body.x, y, body.width, body.bottom().saturating_sub(y));
        menu::render(
            buf,
            menu_area,
            self.entries,
            Some(self.cursor),
            cx.kiosk,
            &cx.theme,
            hits,
        );
    }
}

pub fn choose_keys(cx: &ViewCx, esc_word: &'static str) -> Vec<Key> {
    let w = cx.words;
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
