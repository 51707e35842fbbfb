//! The build script (Cargo.toml: `build = "src/build.rs"`; kept in src/ beside the modules it
//! compiles). Validates the built-in course (`lessons/`) with zhulao's own pack validation, and stores it
//! in the compact pre-validated form that `src/built_in.rs` embeds. A problem in a built-in
//! pack fails the build with the same `file:line:column: message` that `zhulao check` prints.

// The content modules are shared with the app; the build uses only part of them.
#![allow(dead_code, unused_imports, unused_macros)]

#[path = "named.rs"]
mod named;

#[path = "lang.rs"]
mod lang;

#[path = "inert/mod.rs"]
mod inert;

#[path = "content/mod.rs"]
mod content;

use std::path::{Path, PathBuf};

fn main() {
    for watched in [
        "lessons",
        "src/content",
        "src/lang.rs",
        "src/inert",
        "src/named.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let (packs, errors) = match content::Source::directory(&lessons) {
        Ok(source) => source.load(),
        Err(e) => (Vec::new(), vec![e]),
    };
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{}", e.shown(lang::Lang::En));
        }
        eprintln!(
            "The built-in lessons have {} problem(s); fix them (`zhulao check lessons` says the same).",
            errors.len()
        );
        std::process::exit(1);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built-in");
    std::fs::create_dir_all(&out).expect("make OUT_DIR/built-in");
    std::fs::write(out.join("packs.bin"), content::compact::encode(&packs))
        .expect("write the compact course");
}
