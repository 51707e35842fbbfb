//! The gate for text a pack or a learner provides (labels, instructions, names): it refuses
//! what `inert` would escape, and emoji too, naming the first offending character in plain
//! words for the volunteer who typed it.

use std::fmt;

use unicode_properties::{EmojiStatus, GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

use super::{Unsafe, is_app_mark, unsafe_kind};

/// What is wrong with a text that [`check_display_text`] refused.
///
/// `ch` is the first offending character; `at` is its position counted in
/// characters (not bytes), starting at 0. [`fmt::Display`] gives a plain
/// English sentence for a volunteer (positions counted from 1 there). A
/// learner typing a name is told in the app's own words (`ui::words`).
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
    /// A code point Unicode has not given a character to: no font has it.
    Unassigned { ch: char, at: usize },
    /// A character drawn as nothing at all although it is not a space: the braille blank
    /// U+2800, the object replacement U+FFFC.
    Blank { ch: char, at: usize },
    /// An accent or other combining mark with no letter before it to sit on.
    LoneMark { ch: char, at: usize },
    /// A name with nothing in it that can be seen (only spaces, marks or blanks).
    NothingVisible { ch: char, at: usize },
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
            | Self::Emoji { ch, at }
            | Self::Unassigned { ch, at }
            | Self::Blank { ch, at }
            | Self::LoneMark { ch, at }
            | Self::NothingVisible { ch, at } => (ch, at),
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
            Self::Unassigned { .. } => (
                named("a code point with no character"),
                "no font can show",
                DELETE,
            ),
            Self::Blank { .. } => (
                named(if ch == '\u{2800}' {
                    "a braille blank"
                } else {
                    "an object replacement character"
                }),
                "shows as nothing, or as an empty box, although it is not a space",
                "delete it or use a normal space",
            ),
            Self::LoneMark { .. } => (
                named("an accent with no letter under it"),
                "cannot be shown on its own",
                "delete it, or type the letter it belongs to",
            ),
            Self::NothingVisible { .. } => (
                named("nothing that can be seen"),
                "would be a blank button in the list",
                "type a name with letters or Chinese characters",
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

impl TextProblem {
    /// The problem in Chinese, for a volunteer reading `zhulao check` in Chinese: e.g.
    /// "有一个零宽空格（U+200B，第 3 个字），屏幕上看不见：请删掉它".
    pub fn zh(&self) -> String {
        let (ch, at) = self.parts();
        let (what, why, fix) = self.explain_zh();
        let code = u32::from(ch);
        let n = at + 1;
        if matches!(self, Self::NothingVisible { .. }) {
            return format!("里面没有看得见的字，{why}：{fix}");
        }
        format!("有{what}（U+{code:04X}，第 {n} 个字），{why}：{fix}")
    }

    /// (what it is; why it is a problem; what to do), in Chinese.
    fn explain_zh(&self) -> (String, &'static str, &'static str) {
        const DELETE: &str = "请删掉它";
        let (ch, _) = self.parts();
        let named = |s: &str| s.to_owned();
        match self {
            Self::Control { .. } => match ch {
                '\n' => (
                    named("一个换行"),
                    "会把这一行文字断开",
                    "请把文字写在同一行",
                ),
                '\r' => (
                    named("一个回车符"),
                    "会让屏幕从行首重写，盖住前面的字",
                    DELETE,
                ),
                '\t' => (
                    named("一个 Tab 制表符"),
                    "显示出来的空白宽窄不一定",
                    "请换成普通空格",
                ),
                '\u{1B}' => (
                    named("一个 ESC 转义字符"),
                    "可能向终端发送隐藏的命令",
                    DELETE,
                ),
                _ => (
                    named("一个看不见的控制字符"),
                    "可能向终端发送隐藏的命令",
                    DELETE,
                ),
            },
            Self::Bidi { .. } => {
                let why = if matches!(ch, '\u{202D}' | '\u{202E}') {
                    "会让文字倒过来显示"
                } else {
                    "看不见，还会打乱文字的顺序"
                };
                (named("一个控制文字方向的隐藏符号"), why, DELETE)
            }
            Self::Invisible { .. } => {
                let name = match ch {
                    '\u{200B}' => "一个零宽空格",
                    '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{034F}' => "一个零宽连接符号",
                    '\u{FEFF}' => "一个零宽不换行空格（BOM）",
                    '\u{00AD}' => "一个软连字符",
                    _ => "一个看不见的格式符号",
                };
                (named(name), "屏幕上看不见", DELETE)
            }
            Self::LineSeparator { .. } => (
                named(if ch == '\u{2028}' {
                    "一个行分隔符"
                } else {
                    "一个段落分隔符"
                }),
                "有的屏幕会在这里换行，有的不会",
                "请删掉它，或者换成普通空格",
            ),
            Self::Tag { .. } => (
                named("一个看不见的标签字符"),
                "可能藏着谁也看不见的文字",
                DELETE,
            ),
            Self::VariationSelector { .. } => match ch {
                '\u{FE0F}' => (
                    named("一个表情选择符"),
                    "看不见，会把前面的字变成表情图片",
                    DELETE,
                ),
                _ => (
                    named("一个字形选择符"),
                    "看不见，会改变前面那个字的样子",
                    DELETE,
                ),
            },
            Self::PrivateUse { .. } => (
                named("一个私用区字符"),
                "没有通用的意思，会显示成空方框或者别的图案",
                "请换成真正的字",
            ),
            Self::Noncharacter { .. } => (named("一个非字符"), "不是真正的字，显示不出来", DELETE),
            Self::Unassigned { .. } => (
                named("一个还没有定义的字符编码"),
                "没有字体能显示它",
                DELETE,
            ),
            Self::Blank { .. } => (
                named(if ch == '\u{2800}' {
                    "一个盲文空白"
                } else {
                    "一个对象替换符"
                }),
                "显示出来什么也没有，或者是一个空方框，可它又不是空格",
                "请删掉它，或者换成普通空格",
            ),
            Self::LoneMark { .. } => (
                named("一个单独的附加符号（上面没有字母）"),
                "不能单独显示",
                "请删掉它，或者补上它所属的字母",
            ),
            Self::NothingVisible { .. } => (
                String::new(),
                "在名单里会是一个空白按钮",
                "请写一个有字母或汉字的名字",
            ),
            Self::Emoji { .. } => {
                let what = match u32::from(ch) {
                    0x20E3 => named("一个键帽符号（数字方框表情的一部分）"),
                    0x1F1E6..=0x1F1FF => named("一个国旗字母（国旗表情的一部分）"),
                    0x1F3FB..=0x1F3FF => named("一个肤色符号（表情的一部分）"),
                    _ if ch.general_category() == GeneralCategory::Unassigned => {
                        named("一个本程序还不认识的表情或图形符号")
                    }
                    _ => format!("表情符号 {ch}"),
                };
                (what, "大字屏幕显示不稳定", "请删掉它，或者用文字说")
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
    let mut before = None;
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
        if let Some(problem) = undrawable(before, at, ch) {
            return Err(problem);
        }
        before = Some(ch);
    }
    Ok(())
}

/// Characters that command nothing but draw nothing either (or nothing a reader can use):
/// unassigned code points, blanks that are not spaces, a combining mark with nothing to sit on.
fn undrawable(before: Option<char>, at: usize, ch: char) -> Option<TextProblem> {
    if matches!(ch, '\u{2800}' | '\u{FFFC}') {
        return Some(TextProblem::Blank { ch, at });
    }
    let category = ch.general_category();
    if category == GeneralCategory::Unassigned && !is_reserved_pictographic(ch) {
        return Some(TextProblem::Unassigned { ch, at });
    }
    let is_mark = matches!(
        category,
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    );
    let after_space = before.is_none_or(char::is_whitespace);
    (is_mark && after_space).then_some(TextProblem::LoneMark { ch, at })
}

/// Checks a learner's name (typed, in a roster file, from another machine): what
/// [`check_display_text`] checks, and at least one character that can be seen — a name made
/// only of spaces, accents or blanks would be an empty button in the learner list.
pub fn check_name(s: &str) -> Result<(), TextProblem> {
    check_display_text(s)?;
    let visible = s.chars().any(|c| {
        !c.is_whitespace()
            && !matches!(
                c.general_category(),
                GeneralCategory::NonspacingMark
                    | GeneralCategory::EnclosingMark
                    | GeneralCategory::SpacingMark
            )
    });
    match s.chars().next() {
        Some(first) if !visible => Err(TextProblem::NothingVisible { ch: first, at: 0 }),
        _ => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inert::{APP_MARKS, inert};
    use std::borrow::Cow;

    fn is_borrowed(c: Cow<'_, str>) -> bool {
        matches!(c, Cow::Borrowed(_))
    }

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
    fn blanks_unassigned_code_points_and_lone_marks_are_refused_in_any_text() {
        for (text, bad) in [
            ("\u{2800}", '\u{2800}'),
            ("好\u{FFFC}", '\u{FFFC}'),
            ("\u{0378}", '\u{0378}'),
            ("\u{0301}", '\u{0301}'),
            ("王 \u{0301}", '\u{0301}'),
        ] {
            let problem = check_display_text(text).unwrap_err();
            assert_eq!(problem.ch(), bad, "{text:?}");
        }
        // An accent on its letter is ordinary text, composed or not.
        for fine in ["José", "Jose\u{0301}", "Zoë", "吕", "lǚ"] {
            assert_eq!(check_display_text(fine), Ok(()), "{fine:?}");
        }
    }

    #[test]
    fn a_name_must_show_something() {
        assert!(matches!(
            check_name("\u{2800}"),
            Err(TextProblem::Blank { .. })
        ));
        assert!(matches!(
            check_name("\u{0301}"),
            Err(TextProblem::LoneMark { .. })
        ));
        assert_eq!(check_name("王秀英"), Ok(()));
        assert_eq!(check_name("Li Na"), Ok(()));
    }
}
