//! What a lesson author's preview shows while a lesson file is broken: each problem as
//! `zhulao check` gives it (`file:line:column: message`), and that saving the fix brings the
//! lesson back by itself. Nothing here can be answered; Ctrl+C or Esc leaves the preview.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Layer, Outcome};
use crate::ui::draw::put;
use crate::ui::text::wrap;
use crate::ui::theme::Role;
use crate::ui::widgets::page::{self, Key};
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// Each problem, as `zhulao check` prints it.
    pub lines: Vec<String>,
}

impl Layer for Problems {
    fn update(&mut self, _cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::back(),
            _ => Outcome::none(),
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let w = cx.words;
        let p = w.preview;
        let keys = [Key::new(w.key_esc, w.word_quit, Some(Action::Back))];
        let body = page::render(cx, buf, area, p.broken, "", &keys, hits);
        let width = body.width as usize;
        let mut rows: Vec<(String, Role)> = Vec::new();
        for line in &self.lines {
            rows.extend(wrap(line, width).into_iter().map(|l| (l, Role::NotYet)));
        }
        rows.push((String::new(), Role::Base));
        for line in [p.fix_and_save, p.leave] {
            rows.extend(wrap(line, width).into_iter().map(|l| (l, Role::Strong)));
        }
        for (i, (line, role)) in rows.iter().take(body.height as usize).enumerate() {
            put(buf, body, body.x, body.y + i as u16, line, cx.style(*role));
        }
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(cx.words.preview.broken.to_string())
    }
}
