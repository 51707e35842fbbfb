//! The built-in course. `src/build.rs` validates `lessons/` when zhulao is built — a broken built-in
//! pack fails `cargo build` with its `file:line:column` — and stores the validated packs in the
//! compact form of `content::compact`, which is embedded here. Launch decodes it: no TOML is
//! parsed or validated for the built-in course, however many lessons it has. A centre's own
//! `--lessons` folder is still read and validated at start (it can change between runs).

use std::path::Path;

use rust_embed::RustEmbed;

use crate::content::{Library, Pack, PackError, Source, compact};

#[derive(RustEmbed)]
#[folder = "$OUT_DIR/built-in/"]
struct Compiled;

/// The built-in packs.
pub fn packs() -> Result<Vec<Pack>, PackError> {
    let bytes = Compiled::get("packs.bin")
        .map(|f| f.data.into_owned())
        .ok_or_else(|| {
            PackError::internal(crate::said!(
                "这个 zhulao 里没有内置课程（打包时出了错）",
                "the built-in course is missing from this build"
            ))
        })?;
    compact::decode(&bytes)
        .map_err(|e| PackError::internal(crate::said!("内置课程读不出来（{e}）", "{e}")))
}

/// The library the app runs on: the built-in packs, plus (replacing same-id packs) a centre's
/// own.
pub fn load_library(extra: Option<&Path>) -> Result<Library, Vec<PackError>> {
    let mut errors = Vec::new();
    let mut library = Library::default();
    match packs() {
        Ok(packs) => library.merge(packs),
        Err(e) => errors.push(e),
    }
    if let Some(dir) = extra {
        match Source::directory(dir) {
            Ok(source) => {
                let (packs, mut e) = source.load();
                errors.append(&mut e);
                library.merge(packs);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(library)
    } else {
        Err(errors)
    }
}

/// The ids of the built-in packs (a centre's pack with one of them replaces it).
pub fn ids() -> Vec<String> {
    packs()
        .map(|p| p.into_iter().map(|p| p.id).collect())
        .unwrap_or_default()
}
