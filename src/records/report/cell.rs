//! What goes into a report's cells: text made safe from spreadsheet formulas, and times in the
//! form both formats share (numbers are rounded by `ui::figures`).
//!
//! A learner's name, a group's name and a pack's titles are outside text. A spreadsheet treats
//! text that begins with `=`, `+`, `-` or `@` (and, in some programs, a tab or a carriage
//! return before them) as a formula: `=HYPERLINK("http://…","点这里")` in a CSV file becomes a
//! live link, and worse (OWASP, "CSV injection"). Every text cell of a report goes through
//! [`needs_guard`]:
//!
//! - CSV: such a text gets a leading apostrophe (`'`), which Excel and WPS show as text and
//!   which a reader sees as the mark it is ([`csv_text`]).
//! - XLSX: the text is written as a string cell, which is never evaluated (rust_xlsxwriter's
//!   `write_string` makes a shared-string cell and has no way to make a formula from text),
//!   and with the cell style's "quote prefix" set: that is what Excel itself stores when a user
//!   types `'=…`, so the cell shows the text exactly and stays text even when someone edits it
//!   and presses Enter. The value read back is the original text, unchanged.

use std::borrow::Cow;

use time::{OffsetDateTime, UtcOffset};

/// Whether a spreadsheet could take this text for a formula (the OWASP list).
pub fn needs_guard(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// A text cell for a CSV file: with a leading apostrophe when it could be a formula.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// "2026-11-29 18:05", in the report's time zone.
pub fn date_time(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// "UTC+08:00", "UTC".
pub fn zone_label(offset: UtcOffset) -> String {
    if offset == UtcOffset::UTC {
        return "UTC".into();
    }
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", h.abs(), m.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_guarded_and_nothing_else() {
        for text in [
            "=1+1",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert!(needs_guard(text), "{text:?}");
            assert_eq!(csv_text(text), format!("'{text}"));
        }
        for text in [
            "",
            "张三",
            "张三,李四",
            "\"引号\"",
            " =1",
            "1-2",
            "学员 7",
            "'a",
        ] {
            assert!(!needs_guard(text), "{text:?}");
            assert_eq!(csv_text(text), text);
        }
    }

    #[test]
    fn zones_are_labelled_with_their_offset() {
        assert_eq!(zone_label(UtcOffset::UTC), "UTC");
        assert_eq!(
            zone_label(UtcOffset::from_hms(8, 0, 0).unwrap()),
            "UTC+08:00"
        );
        assert_eq!(
            zone_label(UtcOffset::from_hms(-3, -30, 0).unwrap()),
            "UTC-03:30"
        );
    }
}
