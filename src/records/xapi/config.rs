//! The centre's exchange settings: `xapi.toml` in the data folder, then the environment, then
//! the command line (the later wins).
//!
//! ```toml
//! # <data folder>/xapi.toml
//! homepage = "https://our-centre.example/zhulao"   # names the learners' accounts
//!
//! [lrs]
//! url = "https://lrs.example.org/xAPI/"
//! key = "zhulao-room-2"
//! secret = "…"      # or ZHULAO_LRS_KEY / ZHULAO_LRS_SECRET in the environment
//! names = true      # the centre's own LRS: learners' names travel too (default: only ids)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::statement::DEFAULT_HOMEPAGE;

pub const CONFIG_FILE: &str = "xapi.toml";
pub const KEY_VAR: &str = "ZHULAO_LRS_KEY";
pub const SECRET_VAR: &str = "ZHULAO_LRS_SECRET";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    homepage: Option<String>,
    lrs: Option<LrsFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LrsFile {
    url: Option<String>,
    key: Option<String>,
    secret: Option<String>,
    /// Send learners' names, numbers and seats with their records (a centre's own LRS that its
    /// machines share, see `pull`); without it only their random ids go.
    names: Option<bool>,
}

/// The settings in force for one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub homepage: String,
    pub lrs_url: Option<String>,
    pub key: Option<String>,
    pub secret: Option<String>,
    /// `names = true` in `[lrs]`: names go to the LRS too.
    pub share_names: bool,
    /// A note for the instructor (the file holds a secret others can read).
    pub warning: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path} has a mistake: {reason}")]
    Wrong { path: PathBuf, reason: String },
    #[error(
        "the home page '{0}' is not a web address; write it in full, such as https://our-centre.example/zhulao"
    )]
    Homepage(String),
}

/// What the command line and the environment add to the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub homepage: Option<String>,
    pub lrs_url: Option<String>,
    pub key: Option<String>,
    pub secret: Option<String>,
}

impl Overrides {
    /// `--homepage`, `--lrs`, and the key and secret from the environment.
    pub fn from_env(homepage: Option<String>, lrs_url: Option<String>) -> Overrides {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Overrides {
            homepage,
            lrs_url,
            key: var(KEY_VAR),
            secret: var(SECRET_VAR),
        }
    }
}

impl Config {
    /// Reads `xapi.toml` in `data_dir` (none is fine: the defaults), then applies `overrides`.
    pub fn load(data_dir: &Path, overrides: Overrides) -> Result<Config, ConfigError> {
        let path = data_dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path,
                    reason: crate::inert::inert(&e.to_string()).into_owned(),
                });
            }
        };
        let file: ConfigFile = match &text {
            Some(text) => toml::from_str(text).map_err(|e| ConfigError::Wrong {
                path: path.clone(),
                reason: crate::inert::inert(e.message()).into_owned(),
            })?,
            None => ConfigFile::default(),
        };
        let lrs = file.lrs.unwrap_or_default();
        let homepage = overrides
            .homepage
            .or(file.homepage)
            .unwrap_or_else(|| DEFAULT_HOMEPAGE.to_string());
        if !is_web_address(&homepage) {
            return Err(ConfigError::Homepage(
                crate::inert::inert(&homepage).into_owned(),
            ));
        }
        let warning = (lrs.secret.is_some() && readable_by_others(&path)).then(|| {
            format!(
                "{} holds the LRS secret and other users of this computer can read it; run: chmod 600 {}",
                path.display(),
                path.display()
            )
        });
        Ok(Config {
            homepage,
            lrs_url: overrides.lrs_url.or(lrs.url),
            key: overrides.key.or(lrs.key),
            secret: overrides.secret.or(lrs.secret),
            share_names: lrs.names.unwrap_or(false),
            warning,
        })
    }
}

/// `http://` or `https://`, a host, and nothing that cannot stand in an IRI (spaces, quotes,
/// angle brackets, controls).
pub fn is_web_address(s: &str) -> bool {
    let scheme_end = s.find("://").map_or(0, |at| at + 3);
    let scheme = s[..scheme_end].to_ascii_lowercase();
    let rest = (scheme == "https://" || scheme == "http://").then(|| &s[scheme_end..]);
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.contains('@')
        && s.len() <= 2000
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"\"<>\\^`{|}".contains(c))
        && crate::inert::inert(s) == s
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_file_the_default_home_page_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(dir.path(), Overrides::default()).unwrap();
        assert_eq!(c.homepage, DEFAULT_HOMEPAGE);
        assert_eq!(c.lrs_url, None);
    }

    #[test]
    fn the_command_line_and_environment_win_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "homepage = \"https://centre.example/\"\n[lrs]\nurl = \"http://lrs.example/xAPI/\"\nkey = \"k\"\nsecret = \"s\"\n",
        )
        .unwrap();
        let c = Config::load(dir.path(), Overrides::default()).unwrap();
        assert_eq!(c.homepage, "https://centre.example/");
        assert_eq!(c.lrs_url.as_deref(), Some("http://lrs.example/xAPI/"));
        assert_eq!(
            (c.key.as_deref(), c.secret.as_deref()),
            (Some("k"), Some("s"))
        );
        let c = Config::load(
            dir.path(),
            Overrides {
                homepage: Some("https://other.example/".into()),
                lrs_url: Some("http://127.0.0.1:9/xAPI".into()),
                key: Some("k2".into()),
                secret: None,
            },
        )
        .unwrap();
        assert_eq!(c.homepage, "https://other.example/");
        assert_eq!(c.lrs_url.as_deref(), Some("http://127.0.0.1:9/xAPI"));
        assert_eq!(
            (c.key.as_deref(), c.secret.as_deref()),
            (Some("k2"), Some("s"))
        );
    }

    #[test]
    fn a_misspelt_setting_or_a_home_page_that_is_not_a_web_address_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "home_page = \"x\"\n").unwrap();
        assert!(matches!(
            Config::load(dir.path(), Overrides::default()),
            Err(ConfigError::Wrong { .. })
        ));
        std::fs::remove_file(dir.path().join(CONFIG_FILE)).unwrap();
        for bad in [
            "centre",
            "ftp://x",
            "https://",
            "https://a b",
            "https://x/\u{1b}[2J",
        ] {
            let r = Config::load(
                dir.path(),
                Overrides {
                    homepage: Some(bad.into()),
                    ..Overrides::default()
                },
            );
            assert!(matches!(r, Err(ConfigError::Homepage(_))), "{bad}");
        }
    }
}
