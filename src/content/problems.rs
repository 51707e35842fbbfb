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

/// What `Problems::at` takes: a message in both languages. (There is deliberately no
/// conversion from a plain `String`: a message not said in Chinese does not compile.)
pub trait IntoSaid {
    fn into_said(self) -> Said;
}

impl IntoSaid for Said {
    fn into_said(self) -> Said {
        self
    }
}

impl PackError {
    /// A problem that is not in any file (a bug in zhulao itself, or a preview target that
    /// is gone).
    pub fn internal(message: Said) -> PackError {
        PackError {
            file: "zhulao".into(),
            line: 0,
            column: 0,
            message,
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
    // Slips in the syntax (Chinese punctuation, quotes that do not pair up): all of them named
    // at once, where the parser would stop at the first with a message that does not say what
    // is wrong.
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
            let (span, message) = plain_toml_message(source, span, err.message());
            problems.at(span, message);
            None
        }
    }
}

/// The line around byte `at`: its start offset and its text (without the line break).
fn line_at(source: &str, at: usize) -> (usize, &str) {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    (start, source[start..end].trim_end_matches('\r'))
}

/// The name of a table header line (`[[steps]` → "steps"), if the line is one.
fn header_name(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.starts_with(['[', '【', '［']) {
        return None;
    }
    let name: String = line
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    Some(if name.is_empty() {
        "steps".into()
    } else {
        name
    })
}

/// Said about a header line written wrong.
fn header_said(name: &str) -> Said {
    said!(
        "这一行请写成 [[{name}]]：左右各两个英文方括号，中间是名字",
        "write this line as [[{name}]]: two English brackets on each side of the name"
    )
}

/// The brace or bracket a line opens and does not close, outside its strings.
fn unclosed_on(line: &str) -> Option<(char, char)> {
    let (mut braces, mut brackets) = (0i32, 0i32);
    let mut quote: Option<char> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '{') => braces += 1,
            (None, '}') => braces -= 1,
            (None, '[') => brackets += 1,
            (None, ']') => brackets -= 1,
            _ => {}
        }
    }
    if braces > 0 {
        Some(('{', '}'))
    } else if brackets > 0 {
        Some(('[', ']'))
    } else {
        None
    }
}

/// For an error at the start of a line: the line before it (not blank, not a comment) if it
/// opens a brace or bracket it does not close — that is what is wrong. Its end, and the pair.
fn unclosed_before(source: &str, at: usize) -> Option<(usize, char, char)> {
    let (start, line) = line_at(source, at);
    if !source[start..at.max(start)].trim().is_empty() {
        return None;
    }
    let mut end = start.checked_sub(1)?;
    loop {
        let (prev_start, prev) = line_at(source, end);
        let text = prev.trim();
        if !text.is_empty() && !text.starts_with('#') {
            let _ = line;
            return unclosed_on(prev).map(|(open, close)| (prev_start + prev.len(), open, close));
        }
        end = prev_start.checked_sub(1)?;
    }
}

/// serde's and the TOML parser's messages are written for programmers: each one we can meet
/// becomes what to do, in both languages, with the place to do it (the parser's own place, or
/// where the fix goes when that is clearer: the backslash, the end of the unclosed line).
fn plain_toml_message(source: &str, span: Range<usize>, message: &str) -> (Range<usize>, Said) {
    let message = message.trim();
    let at = span.start.min(source.len());
    let (line_start, line) = line_at(source, at);
    let before = source.get(line_start..at).unwrap_or("");
    let here = source.get(at..).and_then(|s| s.chars().next());
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let said = |message: Said| (span.clone(), message);

    if let Some(rest) = message.strip_prefix("unknown field `") {
        return said(unknown_field(rest));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return said(match field {
            "zh" => said!(
                "这段文字缺少中文：请加上 `zh = \"…\"`",
                "missing translation: add `zh = \"…\"` to this text"
            ),
            "en" => said!(
                "这段文字缺少英文翻译：请加上 `en = \"…\"`",
                "missing translation: add `en = \"…\"` to this text"
            ),
            _ => said!(
                "这里缺少 `{field}`：请加上一行 `{field} = …`",
                "missing field '{field}': add `{field} = …` here"
            ),
        });
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let value = source.get(span.clone()).unwrap_or("");
        return said(wrong_type(found, wanted, value, line, message));
    }
    if what == "duplicate key" {
        let key = source
            .get(span.clone())
            .unwrap_or("")
            .trim_matches(|c: char| matches!(c, '"' | '\'' | '[' | ']') || c.is_whitespace());
        return said(said!(
            "`{key}` 写了两次：同一个地方每个名字只能写一次，请删掉或改掉多出来的那个",
            "`{key}` is given twice: a name may be given once in one place; delete or rename the extra one"
        ));
    }
    if what.starts_with("invalid basic string")
        || what.starts_with("invalid literal string")
        || what.starts_with("invalid multi-line")
        || what == "invalid string"
    {
        let three = if what.contains("literal") {
            "'''"
        } else {
            "\"\"\""
        };
        let one = if what.contains("literal") { "'" } else { "\"" };
        return said(
            if expected.contains("visible characters") || expected.contains("characters") {
                said!(
                    "这段文字里有一个看不见的控制字符：请删掉它（也可以把这几个字删掉重新打）",
                    "an invisible control character in this text: delete it (or delete these words and type them again)"
                )
            } else if what.contains("multi-line") {
                said!(
                    "用三个引号 {three} 开头的多行文字没有结尾：请在文字最后补上 {three}",
                    "a text begun with {three} is not closed: put {three} at its end"
                )
            } else {
                said!(
                    "这一行的引号没有配对：请在文字的结尾补一个英文的 {one}",
                    "the quotes on this line do not pair up: type an English {one} at the end of the text"
                )
            },
        );
    }
    if what == "missing escaped value" || what == "too few unicode value digits" {
        let backslash = before.rfind('\\').map_or(at, |i| line_start + i);
        return (
            backslash..backslash + 1,
            said!(
                "文字里的反斜杠 \\ 有特殊用途：要写 \\ 本身，请写两个 \\\\；不需要的话请删掉",
                "a backslash \\ starts a special code in a text: to show a \\, type two (\\\\); otherwise delete it"
            ),
        );
    }
    if what == "key with no value" || what == "missing assignment between key-value pairs" {
        // `kind: "read"`: the parser stops at the colon, or just after it.
        if let Some(colon) = before
            .trim_end()
            .strip_suffix(':')
            .map(str::len)
            .or(matches!(here, Some(':')).then_some(before.len()))
        {
            // The key just before the colon (in an inline table, after its `{` or `,`).
            let key = before[..colon]
                .rsplit(['{', ','])
                .next()
                .unwrap_or("")
                .trim();
            let at = line_start + colon;
            return (
                at..at + 1,
                said!(
                    "请把冒号 : 换成英文的等号 =，例如 {key} = \"…\"",
                    "type = instead of the colon :, e.g. {key} = \"…\""
                ),
            );
        }
        let key = before.trim();
        return said(
            if here.is_some_and(|c| c.is_alphanumeric()) && !key.is_empty() {
                let name = line.split('=').next().unwrap_or(line).trim();
                said!(
                    "名字里不能有空格：请把 '{name}' 连起来写（中间可以用 - 或 _），后面再写 = 和值",
                    "a name cannot have spaces: write '{name}' as one word (with - or _), then = and the value"
                )
            } else if key.is_empty() {
                said!(
                    "这里缺少英文的等号 =：每一项写成 名字 = 值，例如 kind = \"read\"",
                    "an English = is missing here: each entry is name = value, e.g. kind = \"read\""
                )
            } else {
                said!(
                    "`{key}` 后面要有一个英文的等号 =，例如 {key} = \"…\"",
                    "`{key}` needs an English = after it, e.g. {key} = \"…\""
                )
            },
        );
    }
    if what == "extra `=`"
        || what == "extra assignment between key-value pairs"
        || what == "unexpected `=` in array"
    {
        return said(said!(
            "这里多了一个等号 =，请删掉",
            "one = too many here: delete it"
        ));
    }
    if matches!(
        what,
        "missing comma between key-value pairs"
            | "missing comma between array elements"
            | "unclosed inline table"
            | "unclosed array"
    ) {
        if let Some((end, open, close)) = unclosed_before(source, at) {
            return (
                end..end,
                said!(
                    "这一行的 {open} 没有配对：请在这一行的末尾补一个 {close}",
                    "the {open} on this line is not closed: add {close} at the end of the line"
                ),
            );
        }
        return said(match what {
            "unclosed inline table" => said!(
                "这里的 {{ 没有配对：请在这一项的末尾补一个 }}",
                "this {{ is not closed: add }} at the end of the entry"
            ),
            "unclosed array" => said!(
                "这里的 [ 没有配对：请在这一组的末尾补一个 ]",
                "this [ is not closed: add ] at the end of the list"
            ),
            _ => said!(
                "两项之间要用英文逗号 , 隔开：请在这里加一个 ,",
                "put an English comma , between two entries here"
            ),
        });
    }
    if let Some(name) = header_name(line)
        && (what.contains("table")
            || what == "unexpected key or value"
            || what == "unexpected content"
            || what.contains("keys cannot be empty")
            || what.contains("unquoted key"))
    {
        return said(header_said(&name));
    }
    if what == "unexpected key or value" || what == "unexpected content" {
        return said(match here {
            Some(c @ ('}' | ']')) => said!(
                "这里多了一个 {c}，请删掉",
                "one {c} too many here: delete it"
            ),
            _ => said!(
                "一行只能写一项：请把这里多出来的内容删掉，或者移到下一行",
                "one entry per line: delete what is extra here, or move it to a line of its own"
            ),
        });
    }
    if what == "unquoted keys cannot be empty"
        || what == "missing key for inline table element"
        || what == "missing value"
        || what == "missing value for key"
        || what == "invalid value"
        || what == "invalid key-value pair"
        || what == "invalid inline table element"
    {
        return said(said!(
            "这里缺少名字或值：每一项写成 名字 = 值，例如 kind = \"read\"",
            "a name or a value is missing here: each entry is name = value, e.g. kind = \"read\""
        ));
    }
    if what == "invalid unquoted key" || what == "invalid key" {
        let key = line.split(['=', ' ']).next().unwrap_or("").trim();
        return said(said!(
            "'{key}' 不能做名字：等号左边的名字只能用英文字母、数字、- 和 _，请照课程说明写，例如 say",
            "'{key}' cannot be a name: the name left of = uses only English letters, digits, - and _, as the guide shows, e.g. say"
        ));
    }
    if what == "string values must be quoted" {
        let rest = source.get(at..).unwrap_or("");
        let rest = rest[..rest.find('\n').unwrap_or(rest.len())].trim();
        return said(if rest.is_empty() || rest.starts_with('#') {
            said!(
                "等号右边还没有写内容：请写上，例如 \"…\"",
                "nothing after the =: write the value, e.g. \"…\""
            )
        } else {
            said!(
                "文字两头要加英文引号 \"：请写成 \"…\"",
                "a text needs English quotes \" around it: write \"…\""
            )
        });
    }
    if what == "invalid boolean" {
        return said(said!(
            "这里请写 true 或 false（小写，不加引号）；如果是文字，请在两头加上英文引号 \"",
            "write true or false here (small letters, no quotes); a text needs English quotes \" around it"
        ));
    }
    if what.contains("date") || what.contains("time") {
        return said(said!(
            "日期要加英文引号：请写成 \"2026-11\" 这样",
            "a date needs English quotes: write it like \"2026-11\""
        ));
    }
    if [
        "number",
        "float",
        "integer",
        "exponent",
        "fraction",
        "mantissa",
        "leading zero",
        "sign",
        "radix",
        "`_`",
        "overflowed",
    ]
    .iter()
    .any(|w| what.contains(w))
    {
        return said(said!(
            "这个数字写得不对：请只写阿拉伯数字，例如 10（前面不加 0，不加引号）",
            "this number is not written right: use plain digits, e.g. 10 (no 0 in front, no quotes)"
        ));
    }
    if what.starts_with("carriage return") {
        return said(said!(
            "这里有一个多余的回车符：请用文字编辑器把这个文件重新保存一次",
            "a stray carriage return here: save the file again with an ordinary text editor"
        ));
    }
    if what.contains("comment") {
        return said(said!(
            "# 后面的说明里有一个看不见的控制字符：请删掉它",
            "an invisible control character in the comment after #: delete it"
        ));
    }
    if what.starts_with("extra comma") {
        return said(said!(
            "这里多了一个逗号 ,，请删掉",
            "one comma too many here: delete it"
        ));
    }
    if let Some(missing) = what.strip_prefix("missing ").and_then(|w| match w {
        "opening quote" => Some("\""),
        "array opening" => Some("["),
        "inline table opening" => Some("{"),
        _ => None,
    }) {
        return said(said!(
            "这里缺少开头的 {missing}：请补上",
            "the opening {missing} is missing here: add it"
        ));
    }
    if what.contains("recurs") {
        return said(said!(
            "这里的括号套得太深了：请少套几层",
            "brackets are nested too deep here: use fewer"
        ));
    }
    said(said!(
        "这一行的写法有误，请对照课程说明里的例子检查（{message}）",
        "{message}"
    ))
}

/// "unknown field `hnit`, expected one of `id`, `kind`, …": what to say, with "did you mean"
/// and the fields allowed there.
fn unknown_field(rest: &str) -> Said {
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches(',')
        .trim()
        .replace("expected one of ", "")
        .replace("expected ", "");
    let options: Vec<&str> = expected
        .split([','])
        .flat_map(|o| o.split(" or "))
        .map(|o| o.trim().trim_matches('`'))
        .filter(|o| !o.is_empty())
        .collect();
    let Text {
        zh: dym_zh,
        en: dym_en,
    } = super::slips::did_you_mean(field, options.iter().copied());
    let list_zh = options
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join("、");
    // A step's or a screen's field above its [[steps]] / [[screens]] line.
    const STEP: &[&str] = &[
        "kind", "say", "hint", "why", "target", "choices", "answer", "secret", "leads_to",
        "verdict", "signs",
    ];
    const SCREEN: &[&str] = &[
        "layout", "tabs", "back", "action", "banner", "popup", "call", "pad",
    ];
    let above = if options.contains(&"steps") && STEP.contains(&field) {
        Some("steps")
    } else if options.contains(&"screens") && SCREEN.contains(&field) {
        Some("screens")
    } else {
        None
    };
    match above {
        Some(table) => said!(
            "这里没有 '{field}' 这一项{dym_zh}（这里可以写：{list_zh}）；如果它属于某一步或某个屏幕，请在它上面加一行 [[{table}]]",
            "unknown field '{field}'{dym_en} (allowed here: {expected}); if it belongs to a step or a screen, put a line [[{table}]] above it"
        ),
        None => said!(
            "这里没有 '{field}' 这一项{dym_zh}（这里可以写：{list_zh}）",
            "unknown field '{field}'{dym_en} (allowed here: {expected})"
        ),
    }
}

/// "invalid type: string \"1\", expected i64": what this place needs, with an example.
fn wrong_type(found: &str, wanted: &str, value: &str, line: &str, message: &str) -> Said {
    let looks_like_date =
        value.trim().starts_with(|c: char| c.is_ascii_digit()) && value.contains('-');
    if wanted == "struct RawText" {
        return said!(
            "这里要写中英两段文字：{{ zh = \"…\", en = \"…\" }}",
            "this needs a text in both languages: {{ zh = \"…\", en = \"…\" }}"
        );
    }
    if wanted.starts_with("struct ") || wanted == "a map" {
        return said!(
            "这里要写用花括号括起来的一组内容：{{ … }}",
            "this needs entries in braces: {{ … }}"
        );
    }
    if wanted == "a sequence" {
        if let Some(name) = header_name(line) {
            return header_said(&name);
        }
        return said!(
            "这里要写用方括号括起来的一组：[ … ]，例如 [{{ zh = \"…\", en = \"…\" }}]",
            "this needs a list in brackets: [ … ], e.g. [{{ zh = \"…\", en = \"…\" }}]"
        );
    }
    if wanted == "a string" || wanted == "a borrowed string" {
        if found == "map" && looks_like_date {
            return said!(
                "日期要加英文引号：请写成 \"2026-11\" 这样",
                "a date needs English quotes: write it like \"2026-11\""
            );
        }
        return said!(
            "这里要写一段文字，两头加英文引号，例如 \"…\"",
            "this needs a text in English quotes, e.g. \"…\""
        );
    }
    if wanted == "a boolean" {
        return said!(
            "这里请写 true 或 false（小写，不加引号）",
            "write true or false here (small letters, no quotes)"
        );
    }
    let integer = [
        "i8",
        "i16",
        "i32",
        "i64",
        "u8",
        "u16",
        "u32",
        "u64",
        "usize",
        "an integer",
    ];
    if integer.contains(&wanted) {
        if found.contains(" as ") {
            return said!(
                "这个数太大了：请写一个小一点的整数，例如 10",
                "this number is too big: use a smaller whole number, e.g. 10"
            );
        }
        return said!(
            "这里要写一个整数（不加引号），例如 10",
            "this needs a whole number (no quotes), e.g. 10"
        );
    }
    said!(
        "这里的值写得不对，请对照课程说明里的例子检查（{message}）",
        "{message}"
    )
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

/// What an id names, in Chinese ("lesson" → "课").
fn what_zh(what: &str) -> &str {
    match what {
        "pack" => "课程包",
        "lesson" => "课",
        "screen" => "屏幕",
        "step" => "步骤",
        "item" => "项目",
        "choice" => "选项",
        "sign" => "破绽",
        other => other,
    }
}

pub fn check_id(problems: &mut Problems, id: &Str, what: &str) -> String {
    let value = id.get_ref();
    if !is_id(value) {
        let zh = what_zh(what);
        problems.at(
            id.span(),
            said!(
                "{zh}的 id '{value}' 写得不对：只能用 1 到 {MAX_ID_LEN} 个小写英文字母 a-z、数字 0-9 和减号 -（不能有空格、大写字母或汉字）",
                "{what} id '{value}' must be 1–{MAX_ID_LEN} characters of a-z, 0-9 and '-'"
            ),
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
                let Text {
                    zh: place_zh,
                    en: place_en,
                } = match first {
                    Some(span) => {
                        let (line, column) = line_column(problems.source, span.start);
                        said!(
                            "第 {line} 行第 {column} 列已经用过",
                            "first used at line {line}, column {column}"
                        )
                    }
                    None => said!(
                        "zhulao 自己做的部分已经用了这个 id",
                        "zhulao gives that id to a part it makes itself"
                    ),
                };
                let (what, zh) = (self.what, what_zh(self.what));
                problems.at(
                    id.span(),
                    said!(
                        "{zh}的 id '{value}' 重复了（{place_zh}）：请换一个不同的 id",
                        "duplicate {what} id '{value}' ({place_en})"
                    ),
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
    let language = if lang == "zh" { "中文" } else { "英文" };
    if value.is_empty() {
        problems.at(
            s.span(),
            said!(
                "这里的{language}（`{lang}`）是空的：请写上文字",
                "the `{lang}` text is empty"
            ),
        );
    } else if chars > field.max_chars() {
        let (name, max) = (field.name(), field.max_chars());
        problems.at(
            s.span(),
            said!(
                "这段 `{name}` 的{language}（`{lang}`）有 {chars} 个字，最多只能 {max} 个字，这样小屏幕才放得下：请写短一些",
                "this `{name}` ({lang}) has {chars} characters; at most {max} are allowed, so it fits on a small screen"
            ),
        );
    } else if let Err(problem) = crate::inert::check_display_text(&value) {
        let zh = problem.zh();
        problems.at_char(
            s.span(),
            problem.ch(),
            said!(
                "这段{language}（`{lang}`）里{zh}",
                "the `{lang}` text {problem}"
            ),
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

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Step {
        kind: String,
        hint: Option<String>,
        level: Option<i64>,
    }

    /// The one problem `src` has, as `Step`.
    fn problem(src: &str) -> PackError {
        let mut p = Problems::new("f.toml", src);
        assert!(parse::<Step>(&mut p, src).is_none(), "{src}");
        assert_eq!(p.list.len(), 1, "{:?}", p.list);
        p.list.remove(0)
    }

    #[test]
    fn the_parsers_words_become_what_to_do_in_both_languages() {
        let e = problem("kind: \"read\"\n");
        assert_eq!((e.line, e.column), (1, 5));
        assert_eq!(
            e.message.zh,
            "请把冒号 : 换成英文的等号 =，例如 kind = \"…\""
        );
        assert_eq!(
            e.message.en,
            "type = instead of the colon :, e.g. kind = \"…\""
        );

        let e = problem("kind = \"read\"\nhnit = \"x\"\n");
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message
                .zh
                .starts_with("这里没有 'hnit' 这一项（是不是想写 `hint`？）")
        );
        assert!(
            e.message
                .en
                .starts_with("unknown field 'hnit' — did you mean `hint`?")
        );

        let e = problem("hint = \"x\"\n");
        assert!(e.message.zh.contains("缺少 `kind`"), "{:?}", e.message);
        assert!(e.message.en.starts_with("missing field 'kind'"));

        let e = problem("kind = 1\n");
        assert!(e.message.zh.contains("英文引号"), "{:?}", e.message);
        assert!(e.message.en.contains("English quotes"));

        let e = problem("kind = \"a\"\nlevel = \"3\"\n");
        assert!(e.message.zh.contains("整数"), "{:?}", e.message);
        assert!(e.message.en.contains("whole number"));
    }

    #[test]
    fn a_message_is_shown_in_the_language_asked_for() {
        let src = "kind = \"read”\n";
        let e = problem(src);
        let zh = e.shown(crate::lang::Lang::Zh);
        let en = e.shown(crate::lang::Lang::En);
        assert!(
            zh.starts_with("f.toml:1:13: 用了中文引号 ” ，请换成英文的 \""),
            "{zh}"
        );
        assert!(
            en.starts_with("f.toml:1:13: a Chinese quote ”: type the English \" instead"),
            "{en}"
        );
    }

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
