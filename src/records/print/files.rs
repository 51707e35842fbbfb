//! Where printed files go and what they are called: named in words a teacher looks for
//! (结业证书-王秀英-微信读书.html, 练习单-微信读书-1-搜索一本书.pdf), never written over unless
//! asked (`--replace`), and written whole or not at all (a temporary file beside it, renamed
//! into place), so a pulled USB stick leaves no half a sheet behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Characters no file name may hold on Windows, macOS or Linux (a USB stick goes between
/// them), and spaces, which make a name awkward to type in a shell.
fn unsafe_in_name(c: char) -> bool {
    matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control()
}

/// A file name (without its extension) from its parts: each part's unsafe characters and
/// spaces become "_", and the parts are joined with "-". Long names are cut (between
/// characters) so that the name stays within what file systems take.
pub fn stem(parts: &[&str]) -> String {
    let cleaned: Vec<String> = parts
        .iter()
        .map(|p| {
            let p: String = p
                .trim()
                .chars()
                .map(|c| {
                    if unsafe_in_name(c) || c.is_whitespace() {
                        '_'
                    } else {
                        c
                    }
                })
                .collect();
            p.trim_matches(['.', '_']).to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    // At most 200 bytes (cut between characters), well under the usual 255 with ".html".
    let mut name = String::new();
    for c in cleaned.join("-").chars() {
        if name.len() + c.len_utf8() > 200 {
            break;
        }
        name.push(c);
    }
    name
}

/// The two files of one printing.
pub struct Planned {
    pub html: PathBuf,
    pub pdf: PathBuf,
}

pub fn plan(dir: &Path, stem: &str) -> Planned {
    Planned {
        html: dir.join(format!("{stem}.html")),
        pdf: dir.join(format!("{stem}.pdf")),
    }
}

impl Planned {
    /// The first of the files that is already there (checked before anything is written, so
    /// a refusal leaves everything as it was).
    pub fn taken(&self) -> Option<&Path> {
        [&self.html, &self.pdf]
            .into_iter()
            .find(|p| std::fs::symlink_metadata(p).is_ok())
            .map(PathBuf::as_path)
    }
}

/// A hidden temporary name beside `path`.
pub fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".zhulao-{}-{}.part",
        name,
        uuid::Uuid::new_v4().simple()
    ))
}

/// Writes `text` to `path` whole: into a temporary file, flushed to disk, renamed into place.
pub fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
    let temp = temporary(path);
    let written = (|| {
        let mut file = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_chinese_and_lose_what_file_systems_refuse() {
        assert_eq!(
            stem(&["结业证书", "王秀英", "微信读书"]),
            "结业证书-王秀英-微信读书"
        );
        assert_eq!(
            stem(&["certificate", "Wang Xiuying", "WeRead: books/audio?"]),
            "certificate-Wang_Xiuying-WeRead__books_audio"
        );
        assert_eq!(stem(&["练习单", "..", " ", "a\u{1b}b"]), "练习单-a_b");
        let long = stem(&["很长的名字"; 30]);
        assert!(long.len() <= 200 && long.len() > 190, "{}", long.len());
        assert!(long.starts_with("很长的名字-很长的名字"));
    }

    #[test]
    fn a_file_is_written_whole_and_a_taken_name_is_found_first() {
        let dir = tempfile::tempdir().unwrap();
        let planned = plan(dir.path(), "练习单");
        assert!(planned.taken().is_none());
        write_whole(&planned.pdf, "旧").unwrap();
        assert_eq!(planned.taken(), Some(planned.pdf.as_path()));
        write_whole(&planned.html, "<p>新</p>").unwrap();
        assert_eq!(planned.taken(), Some(planned.html.as_path()));
        assert_eq!(std::fs::read_to_string(&planned.html).unwrap(), "<p>新</p>");
        // Nothing else is left in the folder.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
