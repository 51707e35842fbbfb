//! `zhulao new DIR`: a starter pack a volunteer can copy from — one lesson with every kind of
//! step and every part of a phone screen, each line commented in Chinese and English. The files
//! are the ones under `src/authoring/starter/`, embedded; a test checks they pass `check`.

use std::path::{Path, PathBuf};

/// The starter pack's folder name inside DIR, and its files.
pub const FOLDER: &str = "my-pack";
pub const FILES: [(&str, &str); 2] = [
    ("pack.toml", include_str!("starter/pack.toml")),
    (
        "01-every-kind.toml",
        include_str!("starter/01-every-kind.toml"),
    ),
];

/// Writes the starter pack into `dir/my-pack/` (creating `dir` if needed). Never overwrites:
/// if `dir/my-pack` already exists, nothing is written and the error says so.
pub fn write(dir: &Path) -> Result<PathBuf, String> {
    let pack = dir.join(FOLDER);
    if pack.exists() {
        return Err(format!(
            "{} already exists; nothing was written. Choose another folder, or rename that one.",
            crate::inert::inert(&pack.display().to_string())
        ));
    }
    std::fs::create_dir_all(&pack).map_err(|e| {
        format!(
            "cannot make the folder {}: {}",
            crate::inert::inert(&pack.display().to_string()),
            crate::progress::store::plain_io(&e)
        )
    })?;
    for (name, text) in FILES {
        let path = pack.join(name);
        std::fs::write(&path, text).map_err(|e| {
            format!(
                "cannot write {}: {}",
                crate::inert::inert(&path.display().to_string()),
                crate::progress::store::plain_io(&e)
            )
        })?;
    }
    Ok(pack)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Exercise, Source, StepKind};

    #[test]
    fn the_starter_pack_passes_check_and_shows_every_kind_and_every_phone_part() {
        let dir = tempfile::tempdir().unwrap();
        let pack = write(dir.path()).unwrap();
        assert!(pack.join("pack.toml").is_file());
        let (packs, errors) = Source::directory(dir.path()).unwrap().load();
        assert!(errors.is_empty(), "{errors:#?}");
        let lesson = &packs[0].lessons[0];
        let kinds: std::collections::HashSet<StepKind> =
            lesson.steps.iter().map(|s| s.exercise.kind()).collect();
        assert_eq!(kinds.len(), StepKind::ALL.len(), "{kinds:?}");
        let has = |f: &dyn Fn(&crate::content::Screen) -> bool| lesson.screens.iter().any(f);
        use crate::content::{Layout, Place};
        assert!(has(&|s| s.layout == Layout::Grid));
        assert!(has(&|s| s.layout == Layout::Call));
        assert!(has(&|s| s.popup.is_some()));
        assert!(has(&|s| s.secure_pad));
        for place in [Place::Tab, Place::Back, Place::Action, Place::Banner] {
            assert!(has(&|s| s.has(place)), "{place:?}");
        }
        assert!(has(&|s| s.layout == Layout::Scan));
        assert!(has(&|s| s.layout == Layout::Face));
        assert!(has(&|s| s.sheet.is_some()));
        assert!(has(&|s| s.code.is_some()));
        assert!(has(&|s| s.side && s.has(Place::Side)));
        use crate::content::{CallState, DigitsFormat, ItemKind};
        assert!(has(&|s| s
            .call
            .as_ref()
            .is_some_and(|c| c.state == CallState::Talking)));
        for kind in [ItemKind::Slider, ItemKind::Check, ItemKind::Voice] {
            assert!(has(&|s| s.items.iter().any(|i| i.kind == kind)), "{kind:?}");
        }
        assert!(has(&|s| s.items.iter().any(|i| i.needs.is_some())));
        assert!(has(&|s| s.items.iter().any(|i| i.count.is_some())));
        assert!(has(&|s| s.items.iter().any(|i| i.mine)));
        assert!(has(&|s| s.items.iter().any(|i| i.from.is_some())));
        assert!(has(&|s| s.placed(Place::Body).count() > 9), "a long list");
        assert!(lesson.source.is_some());
        assert!(lesson.steps.iter().any(|s| s.context.is_some()));
        assert!(lesson.steps.iter().any(|s| matches!(
            &s.exercise,
            Exercise::Tap { wrong, .. } if !wrong.is_empty()
        )));
        assert!(lesson.steps.iter().any(|s| matches!(
            &s.exercise,
            Exercise::Digits { format, .. } if *format == DigitsFormat::Amount
        )));
        assert!(lesson.steps.iter().any(|s| s.leads_to.is_some()));
        assert!(
            lesson
                .steps
                .iter()
                .any(|s| matches!(s.exercise, Exercise::Digits { .. }))
        );
    }

    #[test]
    fn an_existing_pack_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(FOLDER)).unwrap();
        std::fs::write(dir.path().join(FOLDER).join("pack.toml"), "mine").unwrap();
        let err = write(dir.path()).unwrap_err();
        assert!(err.contains("already exists"), "{err}");
        let kept = std::fs::read_to_string(dir.path().join(FOLDER).join("pack.toml")).unwrap();
        assert_eq!(kept, "mine");
    }
}
