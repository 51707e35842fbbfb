//! Where the teacher's report screen offers to write a report: each USB stick mounted under
//! the media folders (`/media/<user>/<label>`, `/run/media/<user>/<label>`, or a stick mounted
//! straight under `/media`), the home folder's Documents / 文档, and zhulao's own data folder —
//! not only the hidden data folder, which a teacher cannot find.
//!
//! A debug build (the tests' binary) looks for sticks under `ZHULAO_TEST_MEDIA` instead of the
//! real media folders, so a test can offer a fake stick; a release build has only the real ones
//! (as with `ZHULAO_TEST_CLOCK`, the name is not even in it).

use std::path::{Path, PathBuf};

/// A folder offered for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    pub folder: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceKind {
    /// A USB stick, by its label (the name of the folder it is mounted on).
    Usb(String),
    Documents,
    /// `reports/` beside the progress file.
    Data,
}

/// The folders under which a desktop mounts USB sticks.
fn media_roots() -> Vec<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(root) = std::env::var_os("ZHULAO_TEST_MEDIA") {
        return vec![PathBuf::from(root)];
    }
    vec![PathBuf::from("/media"), PathBuf::from("/run/media")]
}

/// The mount points of this system (`/proc/self/mounts`; none where there is no such file).
fn mount_points() -> Vec<PathBuf> {
    std::fs::read_to_string("/proc/self/mounts")
        .map(|text| {
            text.lines()
                .filter_map(|l| l.split(' ').nth(1))
                // Spaces in a mount point are written as \040.
                .map(|p| PathBuf::from(p.replace("\\040", " ")))
                .collect()
        })
        .unwrap_or_default()
}

fn folders_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

/// USB sticks under `roots`: a folder that is itself a mount point is a stick; any other
/// folder is a user's (`/media/<user>`) and the folders in it are sticks. Another user's
/// folder cannot be read, so only this user's sticks are offered.
pub fn usb_sticks(roots: &[PathBuf], mounts: &[PathBuf]) -> Vec<Place> {
    let mut sticks = Vec::new();
    for root in roots {
        for dir in folders_in(root) {
            let inside = if mounts.contains(&dir) {
                vec![dir]
            } else {
                folders_in(&dir)
            };
            for stick in inside {
                let label = stick
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                sticks.push(Place {
                    kind: PlaceKind::Usb(label),
                    folder: stick,
                });
            }
        }
    }
    sticks
}

/// Every place to offer, sticks first, then Documents (or 文档) if the home folder has one,
/// then the data folder's `reports/`.
pub fn find_places(data_dir: &Path) -> Vec<Place> {
    let mut places = usb_sticks(&media_roots(), &mount_points());
    let mut documents: Vec<PathBuf> = Vec::new();
    if let Some(dirs) = directories::UserDirs::new() {
        documents.extend(dirs.document_dir().map(Path::to_path_buf));
        for name in ["Documents", "文档"] {
            documents.push(dirs.home_dir().join(name));
        }
    }
    let mut seen = Vec::new();
    for folder in documents {
        if folder.is_dir() && !seen.contains(&folder) {
            seen.push(folder.clone());
            places.push(Place {
                kind: PlaceKind::Documents,
                folder,
            });
        }
    }
    places.push(Place {
        kind: PlaceKind::Data,
        folder: data_dir.join("reports"),
    });
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sticks_are_found_in_a_users_media_folder_and_as_mount_points() {
        let media = tempfile::tempdir().unwrap();
        let user = media.path().join("teacher");
        std::fs::create_dir_all(user.join("KINGSTON")).unwrap();
        std::fs::create_dir_all(user.join("U盘")).unwrap();
        let mounted = media.path().join("usb0");
        std::fs::create_dir_all(&mounted).unwrap();
        std::fs::write(media.path().join("a-file"), "").unwrap();
        let found = usb_sticks(
            &[media.path().to_path_buf()],
            std::slice::from_ref(&mounted),
        );
        let labels: Vec<String> = found
            .iter()
            .map(|p| match &p.kind {
                PlaceKind::Usb(label) => label.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(labels, ["KINGSTON", "U盘", "usb0"]);
        assert!(usb_sticks(&[media.path().join("none")], &[]).is_empty());
    }
}
