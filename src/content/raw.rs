//! The lesson files exactly as written, before any check beyond TOML syntax and field names.
//! Every value a validation message may point at is `Spanned`, so the volunteer who wrote the
//! pack is told the line and column of the mistake, not just its name.

use serde::Deserialize;
use toml::Spanned;

pub type Str = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub zh: Str,
    pub en: Str,
}

pub type SText = Spanned<RawText>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub id: Str,
    pub order: i64,
    pub title: SText,
    pub about: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLesson {
    pub id: Str,
    pub title: SText,
    pub checked: Str,
    pub learned: Spanned<Vec<SText>>,
    #[serde(default)]
    pub screens: Vec<Spanned<RawScreen>>,
    #[serde(default)]
    pub steps: Vec<Spanned<RawStep>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScreen {
    pub id: Str,
    pub layout: Str,
    pub title: Option<SText>,
    pub items: Spanned<Vec<Spanned<RawItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Str,
    pub label: SText,
    pub kind: Option<Str>,
}

/// One step of any kind. The fields of all kinds live side by side so the validator can say
/// "a tap step needs `target`" or "`answer` belongs to digits steps" in plain words, which a
/// serde-tagged enum cannot.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub id: Str,
    pub kind: Str,
    pub say: SText,
    pub hint: Option<SText>,
    pub why: Option<SText>,
    pub screen: Option<Str>,
    pub target: Option<Str>,
    pub choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub items: Option<Spanned<Vec<Spanned<RawOrderItem>>>>,
    pub answer: Option<Str>,
    pub secret: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Str,
    pub text: SText,
    #[serde(default)]
    pub right: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrderItem {
    pub id: Str,
    pub text: SText,
}

/// An entry with an id and a text: a choice or an order item.
pub trait Labelled {
    fn parts(&self) -> (&Str, &SText);
}

impl Labelled for RawChoice {
    fn parts(&self) -> (&Str, &SText) {
        (&self.id, &self.text)
    }
}

impl Labelled for RawOrderItem {
    fn parts(&self) -> (&Str, &SText) {
        (&self.id, &self.text)
    }
}
