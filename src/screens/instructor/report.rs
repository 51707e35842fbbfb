//! The teacher's report screen: asks where to write the bureau's report — each USB stick, the
//! Documents folder, or zhulao's data folder (`records::report::places`) — writes it there in
//! the teacher's language, and says plainly where the file went. The places are looked for
//! when the screen opens; a stick plugged in later shows after Esc and opening it again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, Ctx, Effect, Layer, Outcome, menu_choice};
use crate::records::report::places::{Place, PlaceKind};
use crate::screens::common::MenuPage;
use crate::ui::textblock::{Priority, TextBlock};
use crate::ui::theme::Role;
use crate::ui::widgets::menu::Entry;
use crate::ui::words::fill;
use crate::ui::{Hits, ViewCx};

#[derive(Debug, Clone, Default)]
pub struct ReportScreen {
    pub cursor: usize,
    /// The places offered, once looked for.
    pub places: Option<Vec<Place>>,
    /// The place being written to, or last written to.
    chosen: Option<usize>,
    /// The file written, or why not.
    pub result: Option<Result<std::path::PathBuf, String>>,
}

impl ReportScreen {
    /// Opens the screen and looks for the places.
    pub fn open() -> Outcome {
        Outcome::push(ReportScreen::default()).with(Effect::FindPlaces)
    }

    fn place_name(cx: &ViewCx, place: &Place) -> String {
        let a = cx.words.attendance;
        let folder = place.folder.display().to_string();
        let folder = crate::inert::inert(&folder);
        match &place.kind {
            PlaceKind::Usb(label) => fill(a.report_usb, &[("label", &crate::inert::inert(label))]),
            PlaceKind::Documents => fill(a.report_documents, &[("path", &folder)]),
            PlaceKind::Data => fill(a.report_data, &[("path", &folder)]),
        }
    }

    fn entries(&self, cx: &ViewCx) -> Vec<Entry> {
        self.places
            .iter()
            .flatten()
            .map(|p| Entry::new(Self::place_name(cx, p), ""))
            .collect()
    }

    fn intro(&self, cx: &ViewCx) -> TextBlock {
        let a = cx.words.attendance;
        let mut intro = TextBlock::new();
        let chosen = self
            .chosen
            .and_then(|i| self.places.as_ref()?.get(i))
            .map(|p| Self::place_name(cx, p));
        match (&self.result, chosen) {
            (Some(Ok(path)), Some(place)) => {
                let path = path.display().to_string();
                let said = fill(
                    a.report_written,
                    &[("place", &place), ("path", &crate::inert::inert(&path))],
                );
                for line in said.lines() {
                    intro.push(line.to_string(), Role::Strong, Priority::Keep);
                }
            }
            (Some(Err(reason)), _) => {
                intro.push(
                    fill(a.report_failed, &[("reason", reason)]),
                    Role::NotYet,
                    Priority::Keep,
                );
            }
            (None, Some(_)) => {
                intro.push(a.report_writing, Role::Strong, Priority::Keep);
            }
            _ => {
                intro.push(a.report_where, Role::Strong, Priority::Keep);
                let usb = self
                    .places
                    .iter()
                    .flatten()
                    .any(|p| matches!(p.kind, PlaceKind::Usb(_)));
                if self.places.is_some() && !usb {
                    intro.push(a.report_no_usb, Role::Base, Priority::Useful);
                }
            }
        }
        intro
    }
}

impl Layer for ReportScreen {
    fn update(&mut self, cx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::back(),
            Action::Places(places) => {
                self.places = Some(places);
                Outcome::none()
            }
            Action::ReportWritten(result) => {
                self.result = Some(result);
                Outcome::none()
            }
            other => {
                let len = self.places.as_ref().map_or(0, Vec::len);
                let Some(i) = menu_choice(&mut self.cursor, len, &other) else {
                    return Outcome::none();
                };
                let Some(place) = self.places.as_ref().and_then(|p| p.get(i)) else {
                    return Outcome::none();
                };
                self.chosen = Some(i);
                self.result = None;
                Outcome::effect(Effect::WriteReport {
                    place: place.clone(),
                    lang: cx.session.settings.lang,
                })
            }
        }
    }

    fn render(&self, cx: &ViewCx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
        let entries = self.entries(cx);
        MenuPage::new(cx.words.attendance.report_title, &entries, self.cursor)
            .intro(self.intro(cx))
            .esc(cx.words.word_back)
            .render(cx, buf, area, hits);
    }

    fn spoken(&self, cx: &ViewCx) -> Option<String> {
        Some(self.intro(cx).spoken())
    }
}
