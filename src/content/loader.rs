//! Where packs come from: a folder of TOML files — the built-in course's `lessons/` when zhulao
//! is built (see `src/build.rs` and `crate::built_in`), and a centre's own folder at run time. Both
//! go through this same validation, so a pack that passes `zhulao check` behaves exactly like a
//! built-in one.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::model::Pack;
use super::problems::Said;
use super::validate::{PackError, validate_lesson, validate_pack};
use crate::said;

/// A set of lesson files keyed by their path relative to the lessons root ("weread/pack.toml"),
/// plus the prefix shown in error messages.
pub struct Source {
    shown_root: String,
    files: BTreeMap<String, FileText>,
}

/// A file's text, or why it could not be read.
type FileText = Result<String, Said>;

/// A validated lesson with the span of its id, or its problems.
type LessonResult = Result<(super::model::Lesson, std::ops::Range<usize>), Vec<PackError>>;

/// The most a lesson file may hold: far more than forty steps need, and little enough that a
/// runaway file cannot make the app slow.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// The most lessons one pack, and packs one folder, may hold.
pub const MAX_LESSONS: usize = 60;
pub const MAX_PACKS: usize = 40;

/// Reads a lesson file, refusing (without reading it all) one that is too big.
fn read_limited(path: &Path) -> FileText {
    use std::io::Read;
    let cannot = |e: std::io::Error| said!("读不了这个文件（{e}）", "cannot read this file: {e}");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let kib = MAX_FILE_BYTES / 1024;
        return Err(said!(
            "这个文件超过了 {kib} KiB：一个课程文件最多 {kib} KiB，请把它分成几课",
            "this file is more than {kib} KiB; a lesson file may be at most {kib} KiB"
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        said!(
            "这个文件不是 UTF-8 编码的文字：请用文字编辑器另存为 UTF-8 格式",
            "this file is not UTF-8 text"
        )
    })
}

/// Said of a folder with lesson files and no pack.toml.
fn no_pack_toml() -> Said {
    said!(
        "这个文件夹里有课程文件，但是没有 pack.toml：请加一个 pack.toml（写明课程包的 id 和名字）",
        "this folder has lesson files but no pack.toml"
    )
}

impl Source {
    /// A folder of packs (each subfolder with a pack.toml), or one pack folder itself.
    pub fn directory(dir: &Path) -> Result<Source, PackError> {
        let shown_root = dir.display().to_string();
        let read_error = |message: Said| PackError {
            file: shown_root.clone(),
            line: 1,
            column: 1,
            message,
        };
        if !dir.is_dir() {
            return Err(read_error(said!(
                "找不到这个课程文件夹（它不存在，或者不是文件夹）",
                "this lessons folder does not exist or is not a folder"
            )));
        }
        let mut files = BTreeMap::new();
        let single_pack = dir.join("pack.toml").is_file();
        let pack_dirs: Vec<(String, PathBuf)> = if single_pack {
            let name = dir
                .file_name()
                .map_or_else(|| "pack".into(), |n| n.to_string_lossy().into_owned());
            vec![(name, dir.to_path_buf())]
        } else {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                read_error(said!(
                    "读不了这个文件夹（{e}）",
                    "cannot read this folder: {e}"
                ))
            })?;
            let mut dirs: Vec<(String, PathBuf)> = entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
                .collect();
            dirs.sort();
            let loose_lessons = std::fs::read_dir(dir)
                .map_err(|e| {
                    read_error(said!(
                        "读不了这个文件夹（{e}）",
                        "cannot read this folder: {e}"
                    ))
                })?
                .filter_map(Result::ok)
                .any(|e| e.path().is_file() && e.file_name().to_string_lossy().ends_with(".toml"));
            if loose_lessons {
                return Err(read_error(no_pack_toml()));
            }
            dirs
        };
        for (name, path) in pack_dirs {
            let entries = std::fs::read_dir(&path).map_err(|e| {
                read_error(said!(
                    "读不了文件夹 {name}（{e}）",
                    "cannot read folder {name}: {e}"
                ))
            })?;
            for entry in entries.filter_map(Result::ok) {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if !file_name.ends_with(".toml") || !entry.path().is_file() {
                    continue;
                }
                files.insert(format!("{name}/{file_name}"), read_limited(&entry.path()));
            }
        }
        if files.is_empty() {
            return Err(read_error(said!(
                "这里没有课程包：一个课程包是一个文件夹，里面有一个 pack.toml 和几个课程 .toml 文件",
                "no lesson packs here: a pack is a folder with a pack.toml and lesson .toml files"
            )));
        }
        let shown_root = if single_pack {
            dir.parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        } else {
            shown_root
        };
        Ok(Source { shown_root, files })
    }

    /// A path as the person who gave it will recognise it.
    fn shown(&self, relative: &str) -> String {
        if self.shown_root.is_empty() {
            relative.to_string()
        } else {
            format!("{}/{relative}", self.shown_root)
        }
    }

    /// Lesson files are independent, so they are parsed on all cores at once: TOML parsing is
    /// most of the launch time.
    fn validate_lessons_in_parallel(&self) -> HashMap<String, LessonResult> {
        let jobs: Vec<(&String, &String)> = self
            .files
            .iter()
            .filter(|(path, _)| !path.ends_with("/pack.toml"))
            .filter_map(|(path, text)| text.as_ref().ok().map(|t| (path, t)))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(jobs.len().max(1));
        let chunk = jobs.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(path, text)| {
                                let shown = self.shown(path);
                                ((*path).clone(), validate_lesson(&shown, text))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// Validates every pack in the source. Good packs are returned even when others fail, so
    /// `check` can list every problem at once; callers decide whether any error is fatal.
    pub fn load(&self) -> (Vec<Pack>, Vec<PackError>) {
        let mut errors = Vec::new();
        let mut by_folder: BTreeMap<&str, Vec<(&str, &FileText)>> = BTreeMap::new();
        for (path, text) in &self.files {
            let (folder, file) = path.split_once('/').unwrap_or(("", path));
            by_folder.entry(folder).or_default().push((file, text));
        }
        if by_folder.len() > MAX_PACKS {
            errors.push(PackError {
                file: self.shown_root.clone(),
                line: 1,
                column: 1,
                message: {
                    let n = by_folder.len();
                    said!(
                        "这个文件夹里有 {n} 个课程包，最多只能放 {MAX_PACKS} 个：请移走一些",
                        "this folder has {n} packs; at most {MAX_PACKS} can be shown"
                    )
                },
            });
            return (Vec::new(), errors);
        }
        let mut validated = self.validate_lessons_in_parallel();
        let mut packs = Vec::new();
        let mut pack_ids: HashMap<String, String> = HashMap::new();
        for (folder, files) in by_folder {
            let shown = |file: &str| self.shown(&format!("{folder}/{file}"));
            let unreadable = |file: &str, message: &Said| PackError {
                file: shown(file),
                line: 1,
                column: 1,
                message: message.clone(),
            };
            let Some((_, pack_text)) = files.iter().find(|(f, _)| *f == "pack.toml") else {
                errors.push(PackError {
                    file: self.shown(folder),
                    line: 1,
                    column: 1,
                    message: no_pack_toml(),
                });
                continue;
            };
            let info = match pack_text {
                Err(message) => {
                    errors.push(unreadable("pack.toml", message));
                    continue;
                }
                Ok(text) => match validate_pack(&shown("pack.toml"), text) {
                    Ok(info) => info,
                    Err(mut e) => {
                        errors.append(&mut e);
                        continue;
                    }
                },
            };
            if let Some(other) = pack_ids.insert(info.id.clone(), folder.to_string()) {
                let (line, column) = super::problems::line_column(
                    pack_text.as_deref().unwrap_or(""),
                    info.id_span.start,
                );
                errors.push(PackError {
                    file: shown("pack.toml"),
                    line,
                    column,
                    message: {
                        let id = &info.id;
                        said!(
                            "课程包的 id '{id}' 重复了：文件夹 {other} 里的课程包也叫这个名字，请改掉其中一个",
                            "duplicate pack id '{id}' (also used by folder {other})"
                        )
                    },
                });
                continue;
            }
            let mut lessons = Vec::new();
            let mut lesson_ids: HashMap<String, String> = HashMap::new();
            let mut failed = false;
            for (file, text) in files.iter().filter(|(f, _)| *f != "pack.toml") {
                let text = match text {
                    Ok(t) => t,
                    Err(message) => {
                        errors.push(unreadable(file, message));
                        failed = true;
                        continue;
                    }
                };
                let result = validated
                    .remove(&format!("{folder}/{file}"))
                    .unwrap_or_else(|| validate_lesson(&shown(file), text));
                match result {
                    Ok((lesson, span)) => {
                        if let Some(other) = lesson_ids.insert(lesson.id.clone(), file.to_string())
                        {
                            let (line, column) = super::problems::line_column(text, span.start);
                            errors.push(PackError {
                                file: shown(file),
                                line,
                                column,
                                message: {
                                    let id = &lesson.id;
                                    said!(
                                        "课的 id '{id}' 重复了：{other} 里的课也叫这个名字，请改掉其中一个",
                                        "duplicate lesson id '{id}' (also in {other})"
                                    )
                                },
                            });
                            failed = true;
                        } else {
                            lessons.push(lesson);
                        }
                    }
                    Err(mut e) => {
                        errors.append(&mut e);
                        failed = true;
                    }
                }
            }
            if lessons.len() > MAX_LESSONS {
                let n = lessons.len();
                errors.push(unreadable(
                    "pack.toml",
                    &said!(
                        "这个课程包有 {n} 课，一个包最多放 {MAX_LESSONS} 课：请把它分成两个课程包",
                        "this pack has {n} lessons; at most {MAX_LESSONS} fit in one pack, so split it"
                    ),
                ));
                continue;
            }
            if lessons.is_empty() && !failed {
                errors.push(unreadable(
                    "pack.toml",
                    &said!(
                        "这个课程包里还没有课：请在 pack.toml 旁边放一个课程 .toml 文件",
                        "this pack has no lessons: add a lesson .toml file beside pack.toml"
                    ),
                ));
                continue;
            }
            if !failed {
                packs.push(Pack {
                    id: info.id,
                    file: shown("pack.toml"),
                    order: info.order,
                    title: info.title,
                    about: info.about,
                    lessons,
                });
            }
        }
        (packs, errors)
    }
}
