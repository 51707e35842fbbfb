//! The rules every piece of a pack must follow, and how a broken rule is told: the limits, the
//! checks shared by packs, lessons, screens and steps (ids, texts), and `Problems`, which
//! collects each problem with its `file:line:column` so that a volunteer hears of all of them in
//! one run. `validate` (a whole file), `screens` (a phone screen) and `steps` (a step) all check
//! with these.

use std::borrow::Cow;
use std::collections::HashMap;

use std::ops::Range;

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use super::raw::*;
use crate::lang::Text;

/// Limits that keep every exercise usable with number keys and on a 40×12 screen.
pub const MAX_TAPPABLE: usize = 9;
/// Body items on one screen: a long list scrolls (a "more below" cue shows).
pub const MAX_ITEMS: usize = 30;
pub const MAX_STEPS: usize = 40;
pub const MAX_ID_LEN: usize = 40;
/// The longest number a digits step asks for (a bank card has up to 19 digits).
pub const MAX_DIGITS: usize = 19;

/// One problem in a lesson pack, located for the person who will fix it, and said in both
/// languages: `check` and `preview` speak Chinese unless asked for English (`--lang en`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Said,
}

/// A message in both languages.
pub type Said = Text;

/// `said!("中文 {x}", "English {x}")`: a message in both languages, each written with
/// `format!`'s rules (values named inside the braces).
#[macro_export]
macro_rules! said {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::lang::Text {
            zh: format!($zh),
            en: format!($en),
        }
    };
}

/// What `Problems::at` takes: a message in both languages. (A `String` is a message not yet
/// translated, shown as it is in both.)
pub trait IntoSaid {
    fn into_said(self) -> Said;
}

impl IntoSaid for Said {
    fn into_said(self) -> Said {
        self
    }
}

impl IntoSaid for String {
    fn into_said(self) -> Said {
        Text {
            zh: self.clone(),
            en: self,
        }
    }
}

impl IntoSaid for &str {
    fn into_said(self) -> Said {
        self.to_string().into_said()
    }
}

impl PackError {
    /// A problem that is not in any file (a bug in zhulao itself).
    pub fn internal(message: &str) -> PackError {
        PackError {
            file: "zhulao".into(),
            line: 0,
            column: 0,
            message: message.into_said(),
        }
    }

    /// `file:line:column: message` in `lang`, inert: a file name or a value echoed from a pack
    /// can hold anything, and must not be able to talk to the terminal it is printed on.
    pub fn shown(&self, lang: crate::lang::Lang) -> String {
        let line = format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            brief_quotes(self.message.get(lang))
        );
        crate::inert::inert(&line).into_owned()
    }
}

/// The longest quoted value a message shows whole.
const MOST_QUOTED: usize = 60;
/// The longest message shown whole.
const MOST_MESSAGE: usize = 600;

/// `message` with each value it quotes ('…') cut to `MOST_QUOTED` characters and the whole to
/// `MOST_MESSAGE`: a file may hold a 200 KB id, and the message must still fit on a screen.
fn brief_quotes(message: &str) -> Cow<'_, str> {
    if message.chars().count() <= MOST_QUOTED {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4 * MOST_MESSAGE));
    // A quote opens after a space or punctuation and closes before one: the apostrophe of
    // "a call's" is neither.
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let opens = |s: &str, i: usize| !word(s[..i].chars().next_back());
    let closes = |s: &str, i: usize| !word(s[i + 1..].chars().next());
    let mut rest = message;
    while let Some(open) = rest
        .match_indices('\'')
        .map(|(i, _)| i)
        .find(|&i| opens(rest, i))
    {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest
            .match_indices('\'')
            .map(|(i, _)| i)
            .find(|&i| closes(rest, i))
        else {
            break;
        };
        out.push_str(&crate::inert::brief(&rest[..close], MOST_QUOTED));
        out.push('\'');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    if let Some((i, _)) = out.char_indices().nth(MOST_MESSAGE) {
        out.truncate(i);
        out.push('…');
    }
    Cow::Owned(out)
}

/// Collects problems for one file, converting byte spans into line and column.
pub struct Problems<'a> {
    file: &'a str,
    source: &'a str,
    pub list: Vec<PackError>,
}

impl<'a> Problems<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Problems {
            file,
            source,
            list: Vec::new(),
        }
    }

    /// A problem with one character inside `span`: the column points at the character itself.
    pub fn at_char(&mut self, span: Range<usize>, ch: char, message: impl IntoSaid) {
        let start = self
            .source
            .get(span.clone())
            .and_then(|s| s.find(ch))
            .map_or(span.start, |i| span.start + i);
        self.at(start..span.end, message);
    }

    pub fn at(&mut self, span: Range<usize>, message: impl IntoSaid) {
        let (line, column) = line_column(self.source, span.start);
        self.list.push(PackError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into_said(),
        });
    }

    /// The 1-based line of a byte offset in this file.
    pub fn line_of(&self, offset: usize) -> usize {
        line_column(self.source, offset).0
    }

    pub fn is_clean(&self) -> bool {
        self.list.is_empty()
    }
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Parses TOML into a raw shape; a syntax error or unknown field becomes one located problem.
pub fn parse<T: DeserializeOwned>(problems: &mut Problems, source: &str) -> Option<T> {
    // Chinese punctuation in the syntax: all of them named at once, where the parser would
    // stop at the first with a message that does not say what is wrong.
    let slips = super::slips::input_method_slips(source);
    if !slips.is_empty() {
        for (span, message) in slips {
            problems.at(span, message);
        }
        return None;
    }
    match toml::from_str::<T>(source) {
        Ok(value) => Some(value),
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            problems.at(span, plain_toml_message(err.message()));
            None
        }
    }
}

/// serde's messages are written for programmers; reword the common ones for volunteers.
fn plain_toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(',')
            .trim()
            .replace("expected one of ", "")
            .replace("expected ", "");
        let options: Vec<&str> = expected
            .split(',')
            .map(|o| o.trim().trim_matches('`'))
            .collect();
        let hint = super::slips::did_you_mean(field, options.iter().copied());
        return format!("unknown field '{field}'{hint} (allowed here: {expected})");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return if field == "zh" || field == "en" {
            format!("missing translation: add `{field} = \"…\"` to this text")
        } else {
            format!("missing field '{field}'")
        };
    }
    message.to_string()
}

/// Whether `value` is an id a pack may give (its pack, a lesson, a step, a screen, an item):
/// 1–`MAX_ID_LEN` characters of a-z, 0-9 and '-' — safe in a file name, a web address and a
/// spreadsheet, and the same however it is typed.
pub fn is_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_ID_LEN
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn check_id(problems: &mut Problems, id: &Str, what: &str) -> String {
    let value = id.get_ref();
    if !is_id(value) {
        problems.at(
            id.span(),
            format!("{what} id '{value}' must be 1–{MAX_ID_LEN} characters of a-z, 0-9 and '-'"),
        );
    }
    value.clone()
}

/// Remembers ids in one scope and reports the second use of any.
pub struct IdScope {
    /// Each id, and where it was first given (None: made by zhulao itself, e.g. `back`).
    seen: HashMap<String, Option<Range<usize>>>,
    what: &'static str,
}

impl IdScope {
    pub fn new(what: &'static str) -> Self {
        IdScope {
            seen: HashMap::new(),
            what,
        }
    }

    /// Claims an id zhulao makes itself (`back`, `accept`); false if it was taken already.
    pub fn take(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_string(), None).is_none()
    }

    /// Claims an id from the pack; a second use is reported with where the first one is.
    pub fn claim(&mut self, problems: &mut Problems, id: &Str) -> String {
        let value = check_id(problems, id, self.what);
        match self.seen.get(&value) {
            Some(first) => {
                let place = match first {
                    Some(span) => {
                        let (line, column) = line_column(problems.source, span.start);
                        format!("first used at line {line}, column {column}")
                    }
                    None => "zhulao gives that id to a part it makes itself".to_string(),
                };
                problems.at(
                    id.span(),
                    format!("duplicate {} id '{value}' ({place})", self.what),
                );
            }
            None => {
                self.seen.insert(value.clone(), Some(id.span()));
            }
        }
        value
    }
}

/// Which text of a pack a string is: each has its own length limit, so that no single text can
/// swamp a screen (or the app: a 17-million-character `say` once took a second per key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Say,
    Hint,
    Why,
    /// A step's one line of what is happening, for a review.
    Context,
    /// A phone screen's item.
    Label,
    /// A message on a phone screen: an SMS banner, a chat bubble, a pop-up's text.
    Message,
    /// A choice or an order item.
    Answer,
    Title,
    ScreenTitle,
    About,
    Learned,
}

impl Field {
    /// The most characters one language's text may have.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Say | Field::Hint | Field::Why | Field::About => 160,
            Field::Message => 100,
            Field::Answer | Field::Learned | Field::Context => 60,
            Field::Label | Field::Title => 40,
            Field::ScreenTitle => 30,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::Say => "say",
            Field::Hint => "hint",
            Field::Why => "why",
            Field::Context => "context",
            Field::Label => "label",
            Field::Message => "text",
            Field::Answer => "text",
            Field::Title => "title",
            Field::ScreenTitle => "title",
            Field::About => "about",
            Field::Learned => "learned",
        }
    }
}

fn check_string(problems: &mut Problems, s: &Str, lang: &str, field: Field) -> String {
    let value: String = s.get_ref().trim().nfc().collect();
    let chars = value.chars().count();
    if value.is_empty() {
        problems.at(s.span(), format!("the `{lang}` text is empty"));
    } else if chars > field.max_chars() {
        problems.at(
            s.span(),
            format!(
                "this `{}` ({lang}) has {chars} characters; at most {} are allowed, so it fits on a small screen",
                field.name(),
                field.max_chars()
            ),
        );
    } else if let Err(problem) = crate::inert::check_display_text(&value) {
        problems.at_char(
            s.span(),
            problem.ch(),
            format!("the `{lang}` text {problem}"),
        );
    }
    value
}

pub fn text(problems: &mut Problems, t: &SText, field: Field) -> Text {
    let raw = t.get_ref();
    Text {
        zh: check_string(problems, &raw.zh, "zh", field),
        en: check_string(problems, &raw.en, "en", field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_quoted_value_is_cut_but_an_apostrophe_is_not_a_quote() {
        let long = "x".repeat(200);
        let message = format!(
            "a call's `state` is \"incoming\", \"talking\", \"video\" or \"video-incoming\" (a video call coming in), not '{long}'"
        );
        let shown = brief_quotes(&message);
        assert!(
            shown.starts_with("a call's `state` is \"incoming\""),
            "{shown}"
        );
        assert!(shown.contains("not 'xxx"), "{shown}");
        assert!(shown.chars().count() < 200, "{shown}");
        let short = "a code's `kind` is \"pay\" (a barcode over a QR code) or \"qr\" (one QR code), not 'barcode'";
        assert_eq!(brief_quotes(short), short);
    }
}
