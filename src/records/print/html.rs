//! The printed document around the pages: one self-contained HTML file (its styles inside it;
//! no outside file, font or script), laid out for A4 with `@page`, each page of a certificate
//! or each lesson of a sheet starting on a new sheet of paper. Any browser prints it; headless
//! Chromium turns it into a PDF (`pdf`). Text is never smaller than 18 pt.

use crate::lang::Lang;

/// Text from a pack, a learner's name or a centre's name, made safe to put in HTML (in text
/// and in attribute values).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business on paper (and some are not allowed in XML,
            // which the pictures are).
            c if c.is_control() && c != '\n' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// What is printed: it decides the paper's orientation and the styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Certificates: A4 landscape, one to a page.
    Certificate,
    /// Take-home sheets: A4 portrait, each lesson from a new page.
    Sheet,
}

/// Fonts that have Chinese characters, on Linux (Noto CJK, WenQuanYi), Windows and macOS;
/// the browser takes the first it has.
const FONTS: &str = r#""Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Heiti SC", sans-serif"#;

/// Latin fonts for English text (Linux, Windows, macOS).
const LATIN: &str = r#""DejaVu Sans", "Liberation Sans", "Noto Sans", Arial, Helvetica"#;

/// For the phone pictures: a monospaced font with Chinese first, whose half-width letters
/// fit a cell.
const MONO: &str = r#""Noto Sans Mono CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei Mono", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", monospace"#;

const COMMON_CSS: &str = r#"
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: FONTS; font-size: 18pt; line-height: 1.45; color: #000; background: #fff; }
.page + .page { break-before: page; }
p { margin: 0 0 0.35em; }
svg.screen { display: block; font-family: MONO; }
@media screen {
  body { background: #d8d8d8; }
  .page { background: #fff; margin: 1em auto; box-shadow: 0 0 6px #888; }
}
"#;

const SHEET_CSS: &str = r#"
@page { size: A4 portrait; margin: 12mm 13mm 12mm; }
@media screen { .page { width: 210mm; padding: 12mm 13mm; } }
h1 { font-size: 26pt; line-height: 1.25; margin: 0 0 0.2em; }
.course { font-size: 18pt; margin: 0; }
.how { border: 2pt solid #000; border-radius: 6pt; padding: 0.3em 0.6em; margin: 0.5em 0; }
.learned { margin: 0.3em 0 0.6em; padding-left: 1.4em; }
.step { border-top: 2pt solid #000; padding: 3mm 0 4mm; break-inside: avoid; }
.beside { display: flex; gap: 5mm; align-items: flex-start; margin-top: 2mm; }
.beside .phone { flex: none; }
.beside .notes { flex: 1 1 0; min-width: 0; }
.step h2 { font-size: 22pt; margin: 0 0 0.2em; }
.say { font-size: 20pt; font-weight: 700; }
.do { font-size: 20pt; border-left: 5pt solid #000; padding-left: 0.4em; }
.label { font-weight: 700; }
.answers { margin: 0.2em 0 0.4em; padding-left: 1.6em; }
.safety { border: 4pt double #000; border-radius: 6pt; padding: 0.4em 0.8em; margin-top: 4mm; break-inside: avoid; }
.safety h2 { font-size: 22pt; margin: 0 0 0.2em; }
.safety ul { margin: 0; padding-left: 1.4em; }
.foot { margin-top: 3mm; font-size: 18pt; text-align: right; }
"#;

const CERTIFICATE_CSS: &str = r#"
@page { size: A4 landscape; margin: 10mm; }
.page { height: 188mm; border: 6pt double #7a1010; padding: 12mm 22mm; display: flex; flex-direction: column; text-align: center; overflow: hidden; }
@media screen { .page { width: 297mm; height: 210mm; } }
.title { font-size: 48pt; font-weight: 700; letter-spacing: 0.3em; padding-left: 0.3em; color: #7a1010; margin: 0 0 0.3em; line-height: 1.2; }
.certify { font-size: 24pt; margin: 0; }
.name { font-size: 44pt; font-weight: 700; margin: 0.1em auto 0.2em; padding: 0 0.8em; border-bottom: 2pt solid #000; display: inline-block; }
.body { font-size: 26pt; margin: 0.2em 0; }
.lessons { font-size: 18pt; margin: 0.4em 0; }
.cheer { font-size: 26pt; font-weight: 700; margin: 0.3em 0; }
.signed { margin-top: auto; align-self: flex-end; text-align: right; font-size: 24pt; line-height: 1.6; }
"#;

/// The whole file: `pages` (each an element with class `page`) in a document titled `title`.
/// `page_of` ("第 {page} 页，共 {pages} 页"), if given, is printed at the foot of every sheet
/// of paper, so that loose pages find their order again.
pub fn document(
    lang: Lang,
    kind: Kind,
    title: &str,
    page_of: Option<&str>,
    pages: &[String],
) -> String {
    let own = match kind {
        Kind::Certificate => CERTIFICATE_CSS,
        Kind::Sheet => SHEET_CSS,
    };
    // English in a Latin font first: a Chinese font's quotation marks are full width.
    let fonts = match lang {
        Lang::Zh => FONTS.to_string(),
        Lang::En => format!("{LATIN}, {FONTS}"),
    };
    let mut css = format!("{COMMON_CSS}{own}")
        .replace("FONTS", &fonts)
        .replace("MONO", MONO);
    if let Some(template) = page_of {
        css.push_str(&format!(
            "@page {{ @bottom-center {{ content: {}; font-family: {fonts}; font-size: 18pt; }} }}\n",
            counters(template)
        ));
    }
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n<body>\n",
        lang.tag(),
        escape(title)
    ));
    for page in pages {
        out.push_str(page);
        out.push('\n');
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A words template with "{page}" and "{pages}" as a CSS `content` value: the words quoted,
/// the placeholders page counters.
fn counters(template: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (words, tail) = rest.split_at(at);
        let counter = if tail.starts_with("{pages}") {
            Some(("counter(pages)", "{pages}".len()))
        } else if tail.starts_with("{page}") {
            Some(("counter(page)", "{page}".len()))
        } else {
            None
        };
        match counter {
            Some((counter, len)) => {
                parts.push(css_string(words));
                parts.push(counter.to_string());
                rest = &tail[len..];
            }
            None => {
                parts.push(css_string(&rest[..=at]));
                rest = &rest[at + 1..];
            }
        }
    }
    parts.push(css_string(rest));
    parts.retain(|p| p != "\"\"");
    parts.join(" ")
}

/// A CSS string: quoted, with quotes, backslashes and line breaks escaped.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '<' | '>' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A paragraph with a class (`text` is escaped here).
pub fn para(class: &str, text: &str) -> String {
    format!("<p class=\"{class}\">{}</p>", escape(text))
}

/// A list (each item escaped here).
pub fn list<'a>(class: &str, ordered: bool, items: impl IntoIterator<Item = &'a str>) -> String {
    let tag = if ordered { "ol" } else { "ul" };
    let mut out = format!("<{tag} class=\"{class}\">");
    for item in items {
        out.push_str(&format!("<li>{}</li>", escape(item)));
    }
    out.push_str(&format!("</{tag}>"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_pack_text_are_escaped_in_text_and_attributes() {
        assert_eq!(
            escape("<img src=x onerror=\"a\">&'"),
            "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            escape("王\u{1b}]0;x\u{7}秀英"),
            "王\u{fffd}]0;x\u{fffd}秀英"
        );
    }

    #[test]
    fn a_document_stands_alone_prints_on_a4_and_breaks_between_pages() {
        let pages = vec![
            "<section class=\"page\">一</section>".to_string(),
            "<section class=\"page\">二</section>".to_string(),
        ];
        let sheet = document(
            Lang::Zh,
            Kind::Sheet,
            "练习单 <1>",
            Some("第 {page} 页，共 {pages} 页"),
            &pages,
        );
        assert!(sheet.starts_with("<!DOCTYPE html>"));
        assert!(sheet.contains("<html lang=\"zh-CN\">"));
        assert!(sheet.contains("<meta charset=\"utf-8\">"));
        assert!(sheet.contains("<title>练习单 &lt;1&gt;</title>"));
        assert!(sheet.contains("size: A4 portrait"));
        assert!(sheet.contains(".page + .page { break-before: page; }"));
        assert!(sheet.contains("Noto Sans CJK SC"));
        // Nothing from outside: no links, scripts, pictures or web fonts.
        for outside in [
            "<link", "<script", "<img", "@import", "url(", "http:", "https:",
        ] {
            assert!(!sheet.contains(outside), "{outside} in the sheet");
        }
        assert!(sheet.contains(r#"content: "第 " counter(page) " 页，共 " counter(pages) " 页";"#));
        let certificate = document(Lang::En, Kind::Certificate, "c", None, &pages);
        assert!(certificate.contains("<html lang=\"en\">"));
        assert!(certificate.contains("size: A4 landscape"));
        assert!(certificate.contains(r#"font-family: "DejaVu Sans""#));
        assert!(sheet.contains(r#"font-family: "Noto Sans CJK SC""#));
    }

    #[test]
    fn page_numbers_are_css_counters_among_quoted_words() {
        assert_eq!(
            counters("Page {page} of {pages}"),
            r#""Page " counter(page) " of " counter(pages)"#
        );
        assert_eq!(counters("{page}"), "counter(page)");
        assert_eq!(counters("a\"{x}"), r#""a\"{" "x}""#);
    }

    #[test]
    fn no_text_is_set_smaller_than_18_points() {
        for kind in [Kind::Sheet, Kind::Certificate] {
            let doc = document(Lang::Zh, kind, "t", Some("{page}"), &[]);
            for size in doc.split("font-size:").skip(1) {
                let pt: f32 = size
                    .trim_start()
                    .split("pt")
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("font-size not in points: {size}"));
                assert!(pt >= 18.0, "{pt} pt in {kind:?}");
            }
        }
    }
}
