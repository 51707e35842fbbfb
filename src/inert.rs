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

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{EmojiStatus, GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

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
    if (0x20..0x7F).contains(&u) {
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
/// ```
/// # use zhulao::inert::inert;
/// assert_eq!(inert("pack\u{1b}]0;pwned\u{7}"), "pack\\u{001B}]0;pwned\\u{0007}");
/// ```
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

/// Like [`inert`], for bytes that may not be UTF-8 (file names, OS strings,
/// process output). Valid UTF-8 runs go through [`inert`]; each byte that is
/// not part of valid UTF-8 is written as `\xHH` (upper-case hex) rather than
/// U+FFFD, so two different broken names do not print the same.
///
/// ```
/// # use zhulao::inert::inert_bytes;
/// assert_eq!(inert_bytes(b"caf\xE9\x1b[2J"), "caf\\xE9\\u{001B}[2J");
/// ```
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

/// What is wrong with a text that [`check_display_text`] refused.
///
/// `ch` is the first offending character; `at` is its position counted in
/// characters (not bytes), starting at 0. [`fmt::Display`] gives a plain
/// English sentence for a volunteer (positions counted from 1 there);
/// [`TextProblem::zh`] a short Chinese one for a learner typing a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// A C0 control (including tab, line feed, carriage return, ESC), DEL or
    /// a C1 control.
    Control { ch: char, at: usize },
    /// A bidirectional-text control, which can reorder what is shown.
    Bidi { ch: char, at: usize },
    /// A zero-width or otherwise invisible formatting character.
    Invisible { ch: char, at: usize },
    /// U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR.
    LineSeparator { ch: char, at: usize },
    /// A tag character U+E0000–U+E007F.
    Tag { ch: char, at: usize },
    /// A variation selector (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian FVS).
    VariationSelector { ch: char, at: usize },
    /// A private-use character.
    PrivateUse { ch: char, at: usize },
    /// A noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
    Noncharacter { ch: char, at: usize },
    /// An emoji or a part of an emoji sequence (keycap mark, flag letter,
    /// skin-tone modifier), or a code point Unicode reserves for future
    /// emoji.
    Emoji { ch: char, at: usize },
}

impl TextProblem {
    /// The offending character.
    pub fn ch(&self) -> char {
        self.parts().0
    }

    /// Its position in the text, counted in characters from 0.
    pub fn at(&self) -> usize {
        self.parts().1
    }

    fn parts(&self) -> (char, usize) {
        match *self {
            Self::Control { ch, at }
            | Self::Bidi { ch, at }
            | Self::Invisible { ch, at }
            | Self::LineSeparator { ch, at }
            | Self::Tag { ch, at }
            | Self::VariationSelector { ch, at }
            | Self::PrivateUse { ch, at }
            | Self::Noncharacter { ch, at }
            | Self::Emoji { ch, at } => (ch, at),
        }
    }

    /// A short Chinese message for the learner-name case, e.g.
    /// "名字里有看不见的字符，请删掉后重打".
    pub fn zh(&self) -> &'static str {
        match self {
            Self::Emoji { .. } => "名字里不能用表情符号，请删掉后重打",
            Self::PrivateUse { .. } => "名字里有显示不出来的字符，请删掉后重打",
            _ => "名字里有看不见的字符，请删掉后重打",
        }
    }

    /// (what it is, with an article; why it is a problem; what to do).
    fn explain(&self) -> (String, &'static str, &'static str) {
        const DELETE: &str = "delete it";
        let (ch, _) = self.parts();
        let named = |s: &str| s.to_owned();
        match self {
            Self::Control { .. } => match ch {
                '\n' => (
                    named("a line break"),
                    "would split this one-line text",
                    "put the text on one line",
                ),
                '\r' => (
                    named("a carriage return"),
                    "can make the screen write over the start of the line",
                    DELETE,
                ),
                '\t' => (
                    named("a Tab character"),
                    "shows as a gap of unpredictable width",
                    "use a normal space instead",
                ),
                '\u{1B}' => (
                    named("an escape character"),
                    "can send hidden commands to the terminal",
                    DELETE,
                ),
                _ => (
                    named("an invisible control character"),
                    "can send hidden commands to the terminal",
                    DELETE,
                ),
            },
            Self::Bidi { .. } => {
                let name = match ch {
                    '\u{202A}' => "a left-to-right embedding",
                    '\u{202B}' => "a right-to-left embedding",
                    '\u{202C}' => "a pop-directional-formatting mark",
                    '\u{202D}' => "a left-to-right override",
                    '\u{202E}' => "a right-to-left override",
                    '\u{2066}' => "a left-to-right isolate",
                    '\u{2067}' => "a right-to-left isolate",
                    '\u{2068}' => "a first-strong isolate",
                    '\u{2069}' => "a pop-directional-isolate mark",
                    '\u{200E}' => "a left-to-right mark",
                    '\u{200F}' => "a right-to-left mark",
                    '\u{061C}' => "an Arabic letter mark",
                    _ => "a text-direction control",
                };
                let why = if matches!(ch, '\u{202D}' | '\u{202E}') {
                    "can make text display backwards"
                } else {
                    "is invisible and can make text display in the wrong order"
                };
                (named(name), why, DELETE)
            }
            Self::Invisible { .. } => {
                let name = match ch {
                    '\u{200B}' => "a zero-width space",
                    '\u{200C}' => "a zero-width non-joiner",
                    '\u{200D}' => "a zero-width joiner",
                    '\u{2060}' => "a word joiner",
                    '\u{FEFF}' => "a zero-width no-break space (byte order mark)",
                    '\u{00AD}' => "a soft hyphen",
                    '\u{180E}' => "a Mongolian vowel separator",
                    '\u{034F}' => "a combining grapheme joiner",
                    '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "a Hangul filler",
                    '\u{2061}'..='\u{2064}' => "an invisible maths operator",
                    _ => "an invisible formatting character",
                };
                (named(name), "cannot be seen on screen", DELETE)
            }
            Self::LineSeparator { .. } => (
                named(if ch == '\u{2028}' {
                    "a line separator"
                } else {
                    "a paragraph separator"
                }),
                "breaks the line on some screens but not on others",
                "delete it or use a normal space",
            ),
            Self::Tag { .. } => (
                named("an invisible tag character"),
                "can hide text that nobody sees",
                DELETE,
            ),
            Self::VariationSelector { .. } => match ch {
                '\u{FE0F}' => (
                    named("an emoji presentation selector"),
                    "is invisible and turns the character before it into an emoji picture",
                    DELETE,
                ),
                _ => (
                    named("a variation selector"),
                    "is invisible and changes how the character before it looks",
                    DELETE,
                ),
            },
            Self::PrivateUse { .. } => (
                named("a private-use character"),
                "has no standard meaning and shows as an empty box or a random picture",
                "replace it with the real character",
            ),
            Self::Noncharacter { .. } => (
                named("a noncharacter"),
                "is not a real character and cannot be shown",
                DELETE,
            ),
            Self::Emoji { .. } => {
                let what = match u32::from(ch) {
                    0x20E3 => named("a keycap mark (part of a number-in-a-box emoji)"),
                    0x1F1E6..=0x1F1FF => named("a flag letter (part of a flag emoji)"),
                    0x1F3FB..=0x1F3FF => named("a skin-tone modifier (part of an emoji)"),
                    _ if ch.general_category() == GeneralCategory::Unassigned => {
                        named("an emoji or picture symbol this app does not know yet")
                    }
                    _ => format!("the emoji {ch}"),
                };
                (
                    what,
                    "the large-type screen cannot show reliably",
                    "delete it or say it in words",
                )
            }
        }
    }
}

impl fmt::Display for TextProblem {
    /// E.g. "contains a right-to-left override (U+202E) at character 3, which
    /// can make text display backwards; delete it".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ch, at) = self.parts();
        let (what, why, fix) = self.explain();
        write!(
            f,
            "contains {what} (U+{:04X}) at character {}, which {why}; {fix}",
            u32::from(ch),
            at + 1
        )
    }
}

impl std::error::Error for TextProblem {}

/// Checks a text that a lesson pack or a learner provides (a label, an
/// instruction, a name) before it is accepted.
///
/// Refuses, naming the first offending character:
/// * everything [`inert`] would escape (controls including tab and line
///   break, bidi controls, invisible characters, separators, tags, variation
///   selectors, private use, noncharacters);
/// * emoji, by Unicode property (see [`is_emoji`]).
///
/// The app's own layout marks ([`is_app_mark`]) are always allowed.
/// A field that may legitimately span lines should be split on `'\n'` by the
/// caller and each line checked.
pub fn check_display_text(s: &str) -> Result<(), TextProblem> {
    for (at, ch) in s.chars().enumerate() {
        if let Some(kind) = unsafe_kind(ch) {
            return Err(match kind {
                Unsafe::Control => TextProblem::Control { ch, at },
                Unsafe::Bidi => TextProblem::Bidi { ch, at },
                Unsafe::Invisible => TextProblem::Invisible { ch, at },
                Unsafe::LineSeparator => TextProblem::LineSeparator { ch, at },
                Unsafe::Tag => TextProblem::Tag { ch, at },
                Unsafe::VariationSelector => TextProblem::VariationSelector { ch, at },
                Unsafe::PrivateUse => TextProblem::PrivateUse { ch, at },
                Unsafe::Noncharacter => TextProblem::Noncharacter { ch, at },
            });
        }
        if is_emoji(ch) {
            return Err(TextProblem::Emoji { ch, at });
        }
    }
    Ok(())
}

/// True if `c` is refused as an emoji by [`check_display_text`].
///
/// The rule is "`Emoji_Presentation=Yes`, or `Extended_Pictographic=Yes`,
/// unless it is one of the app's own marks", plus U+20E3 COMBINING ENCLOSING
/// KEYCAP. Property data comes from the `unicode-properties` crate (Unicode
/// 18.0), which has `Emoji`, `Emoji_Presentation` and `Emoji_Component` but
/// not `Extended_Pictographic`; that one is derived exactly, as defined since
/// Unicode 17.0:
///
/// * an assigned character is `Extended_Pictographic` iff it is `Emoji` and
///   not one of the emoji components `#`, `*`, `0`–`9`, regional indicators,
///   skin-tone modifiers (Unicode 17 removed the property from the 672
///   assigned non-emoji symbols, e.g. ★, chess pieces, mahjong tiles);
/// * an unassigned code point is `Extended_Pictographic` iff it lies in
///   U+1F000–U+1FAFF or U+1FC00–U+1FFFD (reserved for future emoji, so an
///   emoji from a newer phone is still caught).
///
/// So `❤`, `☎`, `✈`, `©`, `™`, `▶`, `↔` (emoji with text presentation by
/// default) are refused, while `#`, digits, `✓`, `✗`, `★`, `☆`, arrows
/// `←↑→↓` and box drawing are not emoji and pass.
pub fn is_emoji(c: char) -> bool {
    if c.is_ascii() || is_app_mark(c) {
        return false;
    }
    match c.emoji_status() {
        // Emoji_Presentation=Yes (this includes regional indicators, skin
        // tones and the hair components).
        EmojiStatus::EmojiPresentation
        | EmojiStatus::EmojiPresentationAndModifierBase
        | EmojiStatus::EmojiPresentationAndEmojiComponent
        | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent => true,
        // Emoji=Yes, not a component: Extended_Pictographic.
        EmojiStatus::EmojiModifierBase | EmojiStatus::EmojiOther => true,
        // Emoji=Yes and a component, text presentation: only # * 0-9.
        EmojiStatus::EmojiOtherAndEmojiComponent => false,
        // ZWJ, VS16, tags (all escaped anyway) and the keycap mark.
        EmojiStatus::NonEmojiButEmojiComponent => c == '\u{20E3}',
        EmojiStatus::NonEmoji => is_reserved_pictographic(c),
        // `EmojiStatus` is non-exhaustive: a future status is some kind of
        // emoji, so refuse it.
        _ => true,
    }
}

/// Unassigned code points that default to `Extended_Pictographic=Yes`.
fn is_reserved_pictographic(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x1FC00..=0x1FFFD)
        && c.general_category() == GeneralCategory::Unassigned
}

/// The key for deciding whether two learner names are the same name.
///
/// Not for display: show the name as typed (after [`check_display_text`]),
/// compare `normalise_name(a) == normalise_name(b)` to enforce uniqueness.
/// It does not remove invisible characters — names must pass
/// [`check_display_text`] first.
///
/// * trims, and collapses every inner run of whitespace (ASCII, U+00A0,
///   U+3000 ideographic space, …) to one ASCII space;
/// * folds full-width ASCII (U+FF01–U+FF5E: letters, digits and punctuation
///   such as `（）`) to half-width;
/// * folds the look-alike dots used between the parts of a transcribed name
///   (U+30FB ・, U+FF65 ･, U+2027 ‧, U+2022 •, U+2219 ∙, U+22C5 ⋅) to U+00B7 ·;
/// * lower-cases (Unicode lower case, which covers ASCII and pinyin with tone
///   marks such as Ǚ → ǚ);
/// * NFC, last, so the key is always in canonical composed form.
///
/// ```
/// # use zhulao::inert::normalise_name;
/// assert_eq!(normalise_name("Wang  Li"), normalise_name("wang li"));
/// assert_eq!(normalise_name("王秀英 "), "王秀英");
/// assert_eq!(normalise_name("ＡＢＣ"), "abc");
/// ```
pub fn normalise_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let c = match u32::from(c) {
            u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
            0x30FB | 0xFF65 | 0x2027 | 0x2022 | 0x2219 | 0x22C5 => '·',
            _ => c,
        };
        out.extend(c.to_lowercase());
    }
    out.nfc().collect()
}

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
        for c in char::MIN..=char::MAX {
            let s = c.to_string();
            let escaped = !is_borrowed(inert(&s));
            let problem = check_display_text(&s).err();
            match problem {
                None => assert!(!escaped, "U+{:04X}", u32::from(c)),
                Some(TextProblem::Emoji { .. }) => assert!(!escaped, "U+{:04X}", u32::from(c)),
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

    #[test]
    fn each_listed_emoji_is_refused() {
        for e in [
            "✅",
            "⚡",
            "⌚",
            "❌",
            "⬛",
            "😀",
            "🎉",
            "🧧",
            "❤",
            "❤\u{FE0F}",
            "☎",
            "✈",
            "✈\u{FE0F}",
            "©",
            "™",
            "▶",
            "🦀",
        ] {
            let first = e.chars().next().unwrap();
            assert_eq!(
                check_display_text(e),
                Err(TextProblem::Emoji { ch: first, at: 0 }),
                "{e:?}"
            );
        }
    }

    #[test]
    fn emoji_in_the_middle_of_a_label_is_found_at_its_char_position() {
        assert_eq!(
            check_display_text("恭喜发财🧧!"),
            Err(TextProblem::Emoji { ch: '🧧', at: 4 })
        );
    }

    #[test]
    fn flags_are_refused_by_their_regional_indicators() {
        assert_eq!(
            check_display_text("🇨🇳"),
            Err(TextProblem::Emoji {
                ch: '\u{1F1E8}',
                at: 0
            })
        );
    }

    #[test]
    fn keycap_mark_is_refused_with_or_without_vs16() {
        assert_eq!(
            check_display_text("1\u{20E3}"),
            Err(TextProblem::Emoji {
                ch: '\u{20E3}',
                at: 1
            })
        );
        // 1️⃣ = 1 + U+FE0F + U+20E3: the selector is met first.
        assert_eq!(
            check_display_text("1\u{FE0F}\u{20E3}"),
            Err(TextProblem::VariationSelector {
                ch: '\u{FE0F}',
                at: 1
            })
        );
    }

    #[test]
    fn skin_tone_modifier_is_refused_even_alone() {
        assert_eq!(
            check_display_text("\u{1F3FD}"),
            Err(TextProblem::Emoji {
                ch: '\u{1F3FD}',
                at: 0
            })
        );
        assert!(matches!(
            check_display_text("👍🏽"),
            Err(TextProblem::Emoji { ch: '👍', at: 0 })
        ));
    }

    #[test]
    fn zwj_family_emoji_is_refused() {
        assert_eq!(
            check_display_text("👨\u{200D}👩\u{200D}👧"),
            Err(TextProblem::Emoji { ch: '👨', at: 0 })
        );
    }

    #[test]
    fn zwj_between_two_han_characters_is_refused_as_invisible() {
        assert_eq!(
            check_display_text("王\u{200D}丽"),
            Err(TextProblem::Invisible {
                ch: '\u{200D}',
                at: 1
            })
        );
    }

    #[test]
    fn future_emoji_code_points_are_refused() {
        // U+1FAFF is reserved (unassigned) in the Symbols and Pictographs
        // Extended-A block: Extended_Pictographic by default.
        assert_eq!(
            check_display_text("\u{1FAFF}"),
            Err(TextProblem::Emoji {
                ch: '\u{1FAFF}',
                at: 0
            })
        );
    }

    #[test]
    fn app_layout_marks_are_allowed() {
        for m in APP_MARKS {
            assert_eq!(check_display_text(&m.to_string()), Ok(()), "{m}");
        }
        let boxes: String = ('\u{2500}'..='\u{259F}').collect();
        assert_eq!(check_display_text(&boxes), Ok(()));
        assert_eq!(
            check_display_text("✓ 对 ✗ 错 » 下一课 › 第二步 ★★☆"),
            Ok(())
        );
    }

    #[test]
    fn app_marks_are_not_emoji_by_unicode_data_either() {
        // The allow-list must not be hiding a real emoji.
        for m in APP_MARKS.iter().copied().chain('\u{2500}'..='\u{259F}') {
            assert!(
                matches!(m.emoji_status(), EmojiStatus::NonEmoji),
                "U+{:04X} {:?}",
                u32::from(m),
                m.emoji_status()
            );
        }
    }

    #[test]
    fn digits_hash_star_and_plain_symbols_pass() {
        assert_eq!(check_display_text("第1课 #2 *3 ← → ↑ ↓ ¥10 ○ △"), Ok(()));
    }

    #[test]
    fn tag_characters_are_refused() {
        assert_eq!(
            check_display_text("hi\u{E0068}"),
            Err(TextProblem::Tag {
                ch: '\u{E0068}',
                at: 2
            })
        );
    }

    #[test]
    fn control_bidi_separator_and_private_use_are_refused_by_kind() {
        assert!(matches!(
            check_display_text("a\u{1b}[31m"),
            Err(TextProblem::Control {
                ch: '\u{1b}',
                at: 1
            })
        ));
        assert!(matches!(
            check_display_text("x\u{9b}"),
            Err(TextProblem::Control { .. })
        ));
        assert!(matches!(
            check_display_text("abc\u{202E}"),
            Err(TextProblem::Bidi { at: 3, .. })
        ));
        assert!(matches!(
            check_display_text("第一行\u{2029}"),
            Err(TextProblem::LineSeparator { .. })
        ));
        assert!(matches!(
            check_display_text("\u{E000}"),
            Err(TextProblem::PrivateUse { .. })
        ));
        assert!(matches!(
            check_display_text("\u{FFFF}"),
            Err(TextProblem::Noncharacter { .. })
        ));
        assert!(matches!(
            check_display_text("\u{FE0E}"),
            Err(TextProblem::VariationSelector { .. })
        ));
    }

    #[test]
    fn right_to_left_override_message_tells_a_volunteer_what_to_do() {
        let p = check_display_text("abc\u{202E}def").unwrap_err();
        assert_eq!(
            p.to_string(),
            "contains a right-to-left override (U+202E) at character 4, \
             which can make text display backwards; delete it"
        );
    }

    #[test]
    fn emoji_message_names_the_emoji_and_its_code_point() {
        let p = check_display_text("好😀").unwrap_err();
        assert_eq!(
            p.to_string(),
            "contains the emoji 😀 (U+1F600) at character 2, which the large-type \
             screen cannot show reliably; delete it or say it in words"
        );
    }

    #[test]
    fn newline_message_asks_for_one_line() {
        let p = check_display_text("a\nb").unwrap_err();
        assert_eq!(
            p.to_string(),
            "contains a line break (U+000A) at character 2, which would split this \
             one-line text; put the text on one line"
        );
    }

    #[test]
    fn messages_never_contain_the_invisible_character_itself() {
        for s in [
            "\u{1b}",
            "\u{202E}",
            "\u{200B}",
            "\u{E0041}",
            "\u{FE0F}",
            "\u{E000}",
            "1\u{20E3}",
            "🇨🇳",
            "\u{1F3FD}",
            "\u{1FAFF}",
        ] {
            let msg = check_display_text(s).unwrap_err().to_string();
            assert!(is_borrowed(inert(&msg)), "{msg:?}");
        }
    }

    #[test]
    fn learner_gets_chinese_messages() {
        let invisible = check_display_text("王\u{200B}秀英").unwrap_err();
        assert_eq!(invisible.zh(), "名字里有看不见的字符，请删掉后重打");
        let emoji = check_display_text("秀英🌸").unwrap_err();
        assert_eq!(emoji.zh(), "名字里不能用表情符号，请删掉后重打");
        assert_eq!(emoji.ch(), '🌸');
        assert_eq!(emoji.at(), 2);
    }

    #[test]
    fn ordinary_names_and_labels_pass() {
        for s in [
            "王秀英",
            "Wang Li",
            "阿依古丽·买买提",
            "第三课：用微信视频聊天",
            "Lǚ Xiù",
        ] {
            assert_eq!(check_display_text(s), Ok(()), "{s}");
        }
    }

    // ---- normalise_name ----

    #[test]
    fn names_differing_in_spaces_and_case_are_the_same() {
        assert_eq!(normalise_name("Wang  Li"), normalise_name("wang li"));
        assert_eq!(normalise_name("  Wang \t Li "), "wang li");
    }

    #[test]
    fn trailing_and_ideographic_spaces_do_not_make_a_new_name() {
        assert_eq!(normalise_name("王秀英 "), normalise_name("王秀英"));
        assert_eq!(
            normalise_name("\u{3000}王\u{3000}\u{3000}秀英\u{3000}"),
            "王 秀英"
        );
    }

    #[test]
    fn full_width_letters_and_digits_fold_to_ascii() {
        assert_eq!(normalise_name("ＡＢＣ"), "abc");
        assert_eq!(normalise_name("李明１２３"), "李明123");
        assert_eq!(normalise_name("李（小）"), normalise_name("李(小)"));
    }

    #[test]
    fn decomposed_and_composed_accents_are_the_same_name() {
        assert_eq!(normalise_name("Lu\u{308}\u{300}"), normalise_name("Lǜ"));
        assert_eq!(normalise_name("LǙ"), "lǚ");
    }

    #[test]
    fn look_alike_name_dots_are_the_same() {
        assert_eq!(
            normalise_name("阿依古丽・买买提"),
            normalise_name("阿依古丽·买买提")
        );
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(normalise_name("王秀英"), normalise_name("王秀芳"));
        assert_ne!(normalise_name("wang li"), normalise_name("wangli"));
    }
}
