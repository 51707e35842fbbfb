//! The two languages zhulao speaks. Chinese is the default because the learners are Chinese
//! seniors; English serves volunteers and visitors. Every user-visible string exists in both, so a
//! language switch never leaves half a screen untranslated.

use crate::named::named_enum;

named_enum! {
    /// A language of the app and of every lesson text. Stored as "zh" / "en".
    #[derive(Default, serde::Serialize, serde::Deserialize)]
    pub enum Lang {
        #[default]
        Zh = "zh",
        En = "en",
    }
}

impl Lang {
    /// The other language: the welcome screen's switch flips between the two.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The BCP 47 tag used in records (xAPI `language`) and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!(
                "unknown language '{other}': use zh (中文) or en (English)"
            )),
        }
    }
}

/// A string in both languages, as written in lesson packs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spellings_a_volunteer_might_type() {
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("中文".parse::<Lang>(), Ok(Lang::Zh));
        let err = "fr".parse::<Lang>().unwrap_err();
        assert!(err.contains("use zh"), "{err}");
    }

    #[test]
    fn toggling_twice_returns_to_the_start() {
        assert_eq!(Lang::Zh.toggled(), Lang::En);
        assert_eq!(Lang::Zh.toggled().toggled(), Lang::Zh);
    }
}
