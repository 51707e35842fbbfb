//! When two learner names are "the same name": the key they are compared by.

use unicode_normalization::UnicodeNormalization;

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
/// So `Wang  Li` and `wang li` are the same name, `王秀英 ` is `王秀英`, and `ＡＢＣ` is `abc`
/// (`the_examples_above_hold`).
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

    #[test]
    fn the_examples_above_hold() {
        assert_eq!(normalise_name("Wang  Li"), normalise_name("wang li"));
        assert_eq!(normalise_name("王秀英 "), "王秀英");
        assert_eq!(normalise_name("ＡＢＣ"), "abc");
    }
}
