//! Making outside text harmless before it reaches the screen.
//!
//! A lesson pack is outside input: a volunteer wrote it, a download or a USB
//! stick brought it, and nobody checked it byte by byte. The same goes for a
//! learner's name, a file name, an unknown TOML key or an error message that
//! echoes any of these. Printed raw, such text must not be able to talk to
//! the terminal: an ESC sequence can set the clipboard (OSC 52), retitle the
//! window, move the cursor or recolour the screen; a right-to-left override
//! can make a label read backwards; invisible and zero-width characters can
//! make two different names look the same or scramble the rows of a table.
//!
//! Three tools, for three jobs:
//!
//! * [`inert`] (and [`inert_bytes`], [`inert_os`]) — the one way to turn any
//!   outside text into something safe to print or draw. It never refuses; it
//!   rewrites every dangerous or invisible character as a visible escape.
//! * [`check_display_text`] — the gate for text a pack or a learner provides
//!   (labels, instructions, names). It refuses what [`inert`] would escape,
//!   and emoji too, with a [`TextProblem`] that tells a volunteer (in English)
//!   or a learner (in Chinese, [`TextProblem::zh`]) what to delete.
//! * [`normalise_name`] — the key used to decide whether two learner names
//!   are "the same name".
//!
//! # The escape form
//!
//! Every escaped character is written as `\u{XXXX}`: a backslash, `u`, and the
//! code point in upper-case hex with at least four digits inside braces, e.g.
//! `\u{001B}` for ESC, `\u{000A}` for a line feed, `\u{202E}` for a
//! right-to-left override, `\u{E0041}` for a tag character. One form for
//! everything, including C0 controls, so a reader learns it once, and it names
//! the same number as the `U+XXXX` in [`TextProblem`]'s messages. The escape is
//! for reading, not for parsing back: a literal backslash in the input is left
//! as it is, so an input that already contains the text `\u{001B}` looks the
//! same as one that contained a real ESC (both are harmless).
//!
//! Bytes that are not UTF-8 (only [`inert_bytes`] / [`inert_os`] see them) are
//! written `\xHH`, so a broken file name stays tellable from a real character.
//!
//! # What gets escaped
//!
//! * C0 controls U+0000–U+001F (ESC, BEL, and also TAB, LF and CR: callers
//!   print single-line messages, and a raw line break in a message about a
//!   pack would let the pack forge the next line), DEL U+007F, C1 controls
//!   U+0080–U+009F (U+009B is a one-byte CSI on some terminals).
//! * Bidi controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
//! * Invisible characters: everything Unicode marks Default_Ignorable that is
//!   not covered by another kind (zero-width space/joiners U+200B–U+200D, word
//!   joiner and invisible operators U+2060–U+2064, U+206A–U+206F, U+FEFF,
//!   U+180E, soft hyphen U+00AD, combining grapheme joiner U+034F, the Hangul
//!   fillers U+115F, U+1160, U+3164, U+FFA0 that are a known "invisible name"
//!   trick, …), plus any other character of general category Cf (format), such
//!   as the interlinear annotation marks U+FFF9–U+FFFB.
//! * Line and paragraph separators U+2028, U+2029.
//! * Tag characters U+E0000–U+E007F (they can smuggle hidden ASCII text).
//! * Variation selectors U+FE00–U+FE0F, U+E0100–U+E01EF and the Mongolian
//!   free variation selectors U+180B–U+180D, U+180F: invisible, and VS16
//!   (U+FE0F) turns a one-column text symbol into a two-column emoji in some
//!   terminals but not others, which shifts every column after it.
//! * Noncharacters U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF in every plane. (These
//!   *can* occur in a `&str`; only surrogates cannot.)
//! * Private use U+E000–U+F8FF and planes 15–16. Decision: escaped. They have
//!   no meaning outside an agreed font, so a learner's screen shows an empty
//!   box, or whatever icon a patched font put there (Nerd Fonts, the Apple
//!   logo at U+F8FF), often two columns wide while the layout counts one.
//!   Old GB18030/GBK converters mapped a few rare Han characters into this
//!   area; showing the code point is more helpful than showing a blank.
//!
//! Emoji are *not* escaped by [`inert`]: they cannot command a terminal, and
//! the invisible parts of emoji sequences (VS16, ZWJ, tags) are escaped. They
//! are refused by [`check_display_text`] instead.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The symbols the app's own layout uses. They are text symbols (one column,
/// no emoji presentation) and stay allowed in pack and learner text even if
/// a future Unicode version were to give one of them pictographic status.
///
/// As of Unicode 18 none of them has `Emoji` or `Emoji_Presentation`; of
/// them only ★ (U+2605) was `Extended_Pictographic`, and only up to Unicode
/// 16 (Unicode 17 removed that property from all 672 assigned characters
/// that are not emoji). Box drawing and block elements (U+2500–U+259F) are
/// allowed as a range, see [`is_app_mark`].
pub const APP_MARKS: &[char] = &[
    '✓', '✗', '»', '›', '★', '☆', '^', '_', '…', '·', '—', '“', '”', '‘', '’',
];

/// True for the app's own layout marks: [`APP_MARKS`] and box drawing /
/// block elements U+2500–U+259F.
pub fn is_app_mark(c: char) -> bool {
    ('\u{2500}'..='\u{259F}').contains(&c) || APP_MARKS.contains(&c)
}

/// The kinds of character that [`inert`] escapes (everything but emoji).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unsafe {
    Control,
    Bidi,
    Invisible,
    LineSeparator,
    Tag,
    VariationSelector,
    PrivateUse,
    Noncharacter,
}

/// Which kind of unsafe character `c` is, or `None` if it may be printed.
fn unsafe_kind(c: char) -> Option<Unsafe> {
    let u = u32::from(c);
    // What nearly every drawn text is made of — printable ASCII, Chinese characters, CJK
    // punctuation, full-width forms, box drawing — has no unsafe character: answered before
    // the general-category lookup below, which is the slow part of drawing a frame otherwise.
    if matches!(u, 0x20..=0x7E | 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF01..=0xFF5E | 0x2500..=0x259F)
    {
        return None;
    }
    let kind = match u {
        0x00..=0x1F | 0x7F..=0x9F => Unsafe::Control,
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => Unsafe::Bidi,
        0x2028 | 0x2029 => Unsafe::LineSeparator,
        0xE0000..=0xE007F => Unsafe::Tag,
        0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x180B..=0x180D | 0x180F => Unsafe::VariationSelector,
        // Default_Ignorable_Code_Point (Unicode 16/17) not covered above.
        0x00AD
        | 0x034F
        | 0x115F
        | 0x1160
        | 0x17B4
        | 0x17B5
        | 0x180E
        | 0x200B..=0x200D
        | 0x2060..=0x206F
        | 0x3164
        | 0xFEFF
        | 0xFFA0
        | 0xFFF0..=0xFFFB
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0080..=0xE0FFF => Unsafe::Invisible,
        0xFDD0..=0xFDEF => Unsafe::Noncharacter,
        _ if u & 0xFFFE == 0xFFFE => Unsafe::Noncharacter,
        0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD => Unsafe::PrivateUse,
        // Any other format character (Arabic number signs, Egyptian
        // hieroglyph format controls, …): invisible or layout-changing.
        _ if c.general_category() == GeneralCategory::Format => Unsafe::Invisible,
        _ => return None,
    };
    Some(kind)
}

/// Makes any outside text harmless to print to a terminal or draw.
///
/// Every control, bidi, invisible, separator, tag, variation-selector,
/// noncharacter and private-use character (see the module docs for the exact
/// list) is replaced by the visible escape `\u{XXXX}`. Everything else,
/// including Chinese text, punctuation and emoji, passes unchanged.
///
/// Returns [`Cow::Borrowed`] when nothing needed escaping, so the common case
/// costs one scan and no allocation. The output contains only characters that
/// [`inert`] itself would leave alone, so `inert(inert(s)) == inert(s)`.
///
/// For example `pack␛]0;pwned␇` (ESC and BEL) becomes `pack\u{001B}]0;pwned\u{0007}`
/// (a unit test holds it to that).
pub fn inert(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(|c| unsafe_kind(c).is_some()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if unsafe_kind(c).is_some() {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`inert`], cut to its first `most` characters with "…" after them: for quoting what a file
/// said in a message, where a 200 KB value would bury the message itself.
pub fn brief(s: &str, most: usize) -> Cow<'_, str> {
    let cut = s.char_indices().nth(most).map(|(i, _)| i);
    match cut {
        None => inert(s),
        Some(i) => Cow::Owned(format!("{}…", inert(&s[..i]))),
    }
}

/// Like [`inert`], for bytes that may not be UTF-8 (file names, OS strings,
/// process output). Valid UTF-8 runs go through [`inert`]; each byte that is
/// not part of valid UTF-8 is written as `\xHH` (upper-case hex) rather than
/// U+FFFD, so two different broken names do not print the same.
///
/// For example the bytes `caf`, 0xE9, ESC, `[2J` become `caf\xE9\u{001B}[2J` (a unit test
/// holds it to that).
pub fn inert_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&inert(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// Like [`inert`], for an [`OsStr`] (a path, an environment variable, an
/// argument). Borrowed when it is valid Unicode and needs no escaping;
/// otherwise as [`inert_bytes`] on its encoded bytes (on Windows, an unpaired
/// surrogate shows as three `\xHH` escapes).
pub fn inert_os(s: &OsStr) -> Cow<'_, str> {
    match s.to_str() {
        Some(s) => inert(s),
        None => Cow::Owned(inert_bytes(s.as_encoded_bytes())),
    }
}

fn push_escape(out: &mut String, c: char) {
    use fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
}

mod gate;
mod names;

pub use gate::{TextProblem, check_display_text, check_name, is_emoji};
pub use names::normalise_name;

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters the brief says must never reach a terminal raw.
    fn forbidden(c: char) -> bool {
        matches!(u32::from(c),
            0x00..=0x1F | 0x7F | 0x80..=0x9F
            | 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C
            | 0x200B..=0x200D | 0x2060..=0x2064 | 0xFEFF | 0x180E | 0x00AD
            | 0x2028 | 0x2029 | 0xE0000..=0xE007F
            | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
    }

    fn is_borrowed(c: Cow<'_, str>) -> bool {
        matches!(c, Cow::Borrowed(_))
    }

    // ---- inert ----

    #[test]
    fn the_documented_example_holds() {
        assert_eq!(
            inert("pack\u{1b}]0;pwned\u{7}"),
            "pack\\u{001B}]0;pwned\\u{0007}"
        );
    }

    #[test]
    fn osc52_clipboard_sequence_in_a_pack_title_cannot_reach_the_terminal() {
        let out = inert("Lesson 1\u{1b}]52;c;aGk=\u{7}");
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{7}'));
        assert_eq!(out, "Lesson 1\\u{001B}]52;c;aGk=\\u{0007}");
    }

    #[test]
    fn window_retitle_and_colour_sequences_are_shown_not_obeyed() {
        let out = inert("\u{1b}]0;hacked\u{1b}\\\u{1b}[31mred");
        assert!(!out.contains('\u{1b}'));
        assert_eq!(out, "\\u{001B}]0;hacked\\u{001B}\\\\u{001B}[31mred");
    }

    #[test]
    fn c1_csi_byte_is_escaped() {
        assert_eq!(inert("a\u{9b}31mb"), "a\\u{009B}31mb");
    }

    #[test]
    fn del_is_escaped() {
        assert_eq!(inert("x\u{7f}"), "x\\u{007F}");
    }

    #[test]
    fn right_to_left_override_in_a_file_name_is_escaped() {
        // "invoice\u{202E}fdp.exe" would display as "invoiceexe.pdf".
        assert_eq!(inert("invoice\u{202E}fdp.exe"), "invoice\\u{202E}fdp.exe");
    }

    #[test]
    fn tab_and_newline_are_escaped_so_messages_stay_on_one_line() {
        assert_eq!(inert("a\tb\nc\r"), "a\\u{0009}b\\u{000A}c\\u{000D}");
    }

    #[test]
    fn plain_chinese_sentence_with_quotes_and_check_mark_is_borrowed_unchanged() {
        let s = "王秀英说：“今天学会了发微信。”✓ 很好！";
        let out = inert(s);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(out, s);
    }

    #[test]
    fn plain_ascii_and_app_marks_are_borrowed() {
        for s in [
            "",
            "pack-01.toml",
            "» next › ★☆ … · — ‘a’ ^_^",
            "┌──┐│█▀▄░▒▓│└──┘",
        ] {
            assert!(is_borrowed(inert(s)), "{s:?}");
        }
    }

    #[test]
    fn emoji_pass_through_inert_but_their_invisible_glue_is_escaped() {
        assert!(is_borrowed(inert("😀🎉")));
        assert_eq!(inert("❤\u{FE0F}"), "❤\\u{FE0F}");
        assert_eq!(inert("👨\u{200D}👩\u{200D}👧"), "👨\\u{200D}👩\\u{200D}👧");
    }

    #[test]
    fn zero_width_and_invisible_chars_are_escaped() {
        assert_eq!(inert("王\u{200B}丽"), "王\\u{200B}丽");
        assert_eq!(inert("\u{FEFF}id"), "\\u{FEFF}id");
        assert_eq!(inert("co\u{AD}op"), "co\\u{00AD}op");
        assert_eq!(inert("\u{3164}"), "\\u{3164}");
        assert_eq!(inert("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn tag_characters_hiding_ascii_are_escaped_with_five_digits() {
        assert_eq!(inert("ok\u{E0041}\u{E0042}"), "ok\\u{E0041}\\u{E0042}");
    }

    #[test]
    fn private_use_and_noncharacters_are_escaped() {
        assert_eq!(inert("\u{E000}\u{F8FF}"), "\\u{E000}\\u{F8FF}");
        assert_eq!(inert("\u{10FFFD}"), "\\u{10FFFD}");
        assert_eq!(inert("\u{FFFE}\u{FDD0}"), "\\u{FFFE}\\u{FDD0}");
    }

    #[test]
    fn inert_is_idempotent() {
        let once = inert("\u{1b}[2J\u{202E}x\u{E0041}").into_owned();
        let twice = inert(&once);
        assert!(matches!(twice, Cow::Borrowed(_)));
        assert_eq!(twice, once);
    }

    #[test]
    fn no_char_in_the_bmp_or_beyond_survives_inert_as_a_forbidden_char() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0; 4];
            let s = format!("a{}b", c.encode_utf8(&mut buf));
            let out = inert(&s);
            assert!(
                !out.chars().any(forbidden),
                "U+{:04X} came out as {out:?}",
                u32::from(c)
            );
            if forbidden(c) {
                assert_eq!(out, format!("a\\u{{{:04X}}}b", u32::from(c)));
            }
        }
    }

    #[test]
    fn every_char_inert_escapes_is_refused_by_check_display_text_and_vice_versa() {
        // Bar what cannot command a terminal but cannot be read either: emoji, unassigned code
        // points, blanks and marks with nothing to sit on are refused but not escaped.
        for c in char::MIN..=char::MAX {
            let s = c.to_string();
            let escaped = !is_borrowed(inert(&s));
            let problem = check_display_text(&s).err();
            match problem {
                None => assert!(!escaped, "U+{:04X}", u32::from(c)),
                Some(
                    TextProblem::Emoji { .. }
                    | TextProblem::Unassigned { .. }
                    | TextProblem::Blank { .. }
                    | TextProblem::LoneMark { .. },
                ) => assert!(!escaped, "U+{:04X}", u32::from(c)),
                Some(_) => assert!(escaped, "U+{:04X}", u32::from(c)),
            }
        }
    }

    #[test]
    fn broken_utf8_file_name_shows_its_bytes_and_no_escape_char() {
        let out = inert_bytes(b"caf\xE9\x1b[2J\xFF.toml");
        assert_eq!(out, "caf\\xE9\\u{001B}[2J\\xFF.toml");
    }

    #[test]
    fn valid_utf8_bytes_read_as_text() {
        assert_eq!(inert_bytes("课程一.toml".as_bytes()), "课程一.toml");
    }

    #[test]
    fn os_str_is_borrowed_when_clean() {
        let p = std::path::Path::new("/packs/课程一.toml");
        assert!(is_borrowed(inert_os(p.as_os_str())));
        assert_eq!(inert_os(OsStr::new("a\u{1b}b")), "a\\u{001B}b");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_os_str_is_escaped_bytewise() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(inert_os(OsStr::from_bytes(b"a\x80\x07")), "a\\x80\\u{0007}");
    }

    // ---- check_display_text ----
}
