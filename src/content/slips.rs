//! The slips a volunteer makes typing TOML with a Chinese input method, found before the TOML
//! parser sees them. The parser would stop at the first with "expected newline, `#`"; this
//! names each one — “ ” ， ： ＝ 【】 and the full-width space — where it is, and says which
//! English character to type instead. Inside strings and comments these characters are text
//! and fine (a `say` may well quote “微信”).
//!
//! Also here: "did you mean `hint`?" for a misspelt field, kind, layout or colour.

use std::ops::Range;

/// A full-width character typed where TOML needs its ASCII twin, and what to say about it.
fn slip(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '“' | '”' | '＂' => ("中文引号", "\""),
        '‘' | '’' | '＇' => ("中文单引号", "'"),
        '，' => ("中文逗号", ","),
        '：' => ("中文冒号", "="),
        '＝' => ("全角等号", "="),
        '【' | '［' => ("中文方括号", "["),
        '】' | '］' => ("中文方括号", "]"),
        '｛' => ("全角花括号", "{"),
        '｝' => ("全角花括号", "}"),
        '。' => ("中文句号", "."),
        '\u{3000}' => ("全角空格", " "),
        _ => return None,
    })
}

fn english(c: char) -> &'static str {
    match c {
        '“' | '”' | '＂' => "a Chinese quote",
        '‘' | '’' | '＇' => "a Chinese single quote",
        '，' => "a full-width comma",
        '：' => "a full-width colon",
        '＝' => "a full-width equals sign",
        '【' | '】' | '［' | '］' => "a full-width bracket",
        '｛' | '｝' => "a full-width brace",
        '。' => "a Chinese full stop",
        _ => "a full-width space",
    }
}

/// Every input-method slip outside strings and comments: its byte span and the message.
pub fn input_method_slips(source: &str) -> Vec<(Range<usize>, String)> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let mut found = Vec::new();
    let mut state = In::Code;
    let mut chars = source.char_indices().peekable();
    let rest = |i: usize| &source[i..];
    while let Some((i, c)) = chars.next() {
        match state {
            In::Code => match c {
                '#' => state = In::Comment,
                '"' if rest(i).starts_with("\"\"\"") => {
                    chars.nth(1);
                    state = In::MultiBasic;
                }
                '"' => state = In::Basic,
                '\'' if rest(i).starts_with("'''") => {
                    chars.nth(1);
                    state = In::MultiLiteral;
                }
                '\'' => state = In::Literal,
                _ => {
                    if let Some((zh, ascii)) = slip(c) {
                        found.push((
                            i..i + c.len_utf8(),
                            format!(
                                "用了{zh} {c} ，请改成英文的 {ascii} ({} {c}: type the English {ascii})",
                                english(c)
                            ),
                        ));
                    }
                }
            },
            In::Comment => {
                if c == '\n' {
                    state = In::Code;
                }
            }
            In::Basic => match c {
                '\\' => {
                    chars.next();
                }
                // A string left open at the end of its line: TOML's own message says so.
                '"' | '\n' => state = In::Code,
                _ => {}
            },
            In::Literal => {
                if c == '\'' || c == '\n' {
                    state = In::Code;
                }
            }
            In::MultiBasic => match c {
                '\\' => {
                    chars.next();
                }
                '"' if rest(i).starts_with("\"\"\"") => {
                    chars.nth(1);
                    state = In::Code;
                }
                _ => {}
            },
            In::MultiLiteral => {
                if rest(i).starts_with("'''") {
                    chars.nth(1);
                    state = In::Code;
                }
            }
        }
    }
    found
}

/// The option closest to a misspelt `word` (at most two letters off, and not a wholly different
/// short word), for "did you mean …?".
pub fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
    .max(1);
    options
        .into_iter()
        .map(|o| (distance(word, o), o))
        .filter(|(d, o)| *d <= limit && *d < o.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Edit distance where swapping two neighbouring letters ("hnit") is one slip.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// " (did you mean `hint`?)", or nothing.
pub fn did_you_mean<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, options).map_or(String::new(), |o| format!(" — did you mean `{o}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_in_the_syntax_is_named_but_not_inside_strings_or_comments() {
        let src =
            "id = “a”\nsay = { zh = \"点“微信”，好\"， en = 'it’s' }\n# 注释：没关系\nx = [1，2]\n";
        let found = input_method_slips(src);
        let chars: Vec<&str> = found.iter().map(|(r, _)| &src[r.clone()]).collect();
        assert_eq!(chars, ["“", "”", "，", "，"]);
        assert!(found[0].1.contains("中文引号") && found[0].1.contains('"'));
        assert!(found[2].1.contains("中文逗号") && found[2].1.contains("full-width comma"));
    }

    #[test]
    fn multi_line_strings_and_escapes_are_text() {
        let src = "a = \"\"\"\n“引号”，\n\"\"\"\nb = '''，'''\nc = \"\\\"，\"\nd = ：\n";
        let found = input_method_slips(src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&src[found[0].0.clone()], "：");
    }

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let fields = [
            "id", "kind", "say", "hint", "why", "screen", "target", "choices",
        ];
        assert_eq!(nearest("hnit", fields), Some("hint"));
        assert_eq!(nearest("sreen", fields), Some("screen"));
        assert_eq!(nearest("choises", fields), Some("choices"));
        assert_eq!(nearest("colour", fields), None);
        assert_eq!(nearest("x", fields), None);
        assert_eq!(nearest("jduge", ["tap", "judge", "read"]), Some("judge"));
    }
}
