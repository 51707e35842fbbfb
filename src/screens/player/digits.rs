//! A digits exercise: a number, an amount or a code typed on the number keys or the on-screen
//! pad — an amount with its point (25.50), an ID number ending in X, a card or a phone number
//! (shown grouped as they are printed). A secret (a PIN), or anything typed on a bank's secure
//! pad, is recorded as a fixed mask: not even its length is kept.

use super::{Feedback, Player, SECRET_MASK, judged};
use crate::app::{Action, Ctx, Outcome};
use crate::content::{DigitsFormat, Step};

/// The most characters a number in `format` has.
fn longest(format: DigitsFormat) -> usize {
    match format {
        DigitsFormat::Plain | DigitsFormat::Card => crate::content::problems::MAX_DIGITS,
        DigitsFormat::Amount => 12,
        DigitsFormat::Phone => 11,
        DigitsFormat::Id => 18,
    }
}

/// Whether `c` may come next after `typed` in `format`: digits anywhere, one point in an amount
/// (with two decimals after it at most), an X only last in an ID number.
fn may_type(typed: &str, c: char, format: DigitsFormat) -> bool {
    if typed.len() >= longest(format) {
        return false;
    }
    let decimals = typed.split_once('.').map(|(_, d)| d.len());
    match c {
        '0'..='9' => {
            let amount_full = format == DigitsFormat::Amount && decimals.is_some_and(|d| d >= 2);
            !(amount_full || typed.ends_with('X'))
        }
        '.' => format == DigitsFormat::Amount && decimals.is_none() && !typed.is_empty(),
        'X' => format == DigitsFormat::Id && typed.len() == 17,
        _ => false,
    }
}

pub(super) fn answer(
    p: &mut Player,
    cx: &Ctx,
    step: &Step,
    answer: &str,
    secret: bool,
    format: DigitsFormat,
    action: Action,
) -> Outcome {
    let typed = match action {
        Action::Digit(d) if d <= 9 => Some(char::from(b'0' + d)),
        Action::Point => Some('.'),
        Action::Letter('x') => Some('X'),
        _ => None,
    };
    if let Some(c) = typed {
        if may_type(&p.typed, c, format) {
            p.typed.push(c);
        }
        p.feedback = Feedback::None;
        return Outcome::none();
    }
    match action {
        Action::Delete => {
            p.typed.pop();
            Outcome::none()
        }
        Action::Confirm => {
            if p.typed.is_empty() {
                p.feedback = Feedback::NothingTyped;
                return Outcome::none();
            }
            let correct = p.typed == answer;
            let hidden = secret || p.lesson(cx.lib).is_some_and(|l| l.answer_is_secret(step));
            let response = if hidden {
                SECRET_MASK.to_string()
            } else {
                p.typed.clone()
            };
            p.record(cx, step, judged(correct), response)
        }
        _ => Outcome::none(),
    }
}

/// `typed` as the real form shows it: a card number in fours, a phone number 3-4-4, an ID
/// number 6-8-4; the rest as typed.
pub fn grouped(typed: &str, format: DigitsFormat) -> String {
    let groups: &[usize] = match format {
        DigitsFormat::Card => &[4, 4, 4, 4, 4],
        DigitsFormat::Phone => &[3, 4, 4],
        DigitsFormat::Id => &[6, 8, 4],
        DigitsFormat::Plain | DigitsFormat::Amount => return typed.to_string(),
    };
    let chars: Vec<char> = typed.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for &n in groups {
        if at >= chars.len() {
            break;
        }
        if at > 0 {
            out.push(' ');
        }
        out.extend(&chars[at..(at + n).min(chars.len())]);
        at += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_takes_only_what_its_form_takes() {
        let typed = |keys: &str, format| {
            let mut s = String::new();
            for c in keys.chars() {
                if may_type(&s, c, format) {
                    s.push(c);
                }
            }
            s
        };
        assert_eq!(typed("25.505", DigitsFormat::Amount), "25.50");
        assert_eq!(
            typed(".5", DigitsFormat::Amount),
            "5",
            "no point before a digit"
        );
        assert_eq!(typed("1.2.3", DigitsFormat::Amount), "1.23");
        assert_eq!(typed("12.5", DigitsFormat::Plain), "125");
        assert_eq!(
            typed("11010519491231002X", DigitsFormat::Id),
            "11010519491231002X"
        );
        assert_eq!(typed("X1101", DigitsFormat::Id), "1101", "X only last");
        assert_eq!(typed("138001380001", DigitsFormat::Phone), "13800138000");
    }

    #[test]
    fn numbers_are_shown_grouped_as_printed() {
        assert_eq!(
            grouped("6222020123456789012", DigitsFormat::Card),
            "6222 0201 2345 6789 012"
        );
        assert_eq!(grouped("13800138000", DigitsFormat::Phone), "138 0013 8000");
        assert_eq!(
            grouped("11010519491231002X", DigitsFormat::Id),
            "110105 19491231 002X"
        );
        assert_eq!(grouped("1380", DigitsFormat::Phone), "138 0");
        assert_eq!(grouped("25.50", DigitsFormat::Amount), "25.50");
    }
}
