//! Writing a report file whole or not at all: into a hidden temporary file beside it, flushed to
//! disk, then renamed over the old one. A full disk, a pulled USB stick or a crash half-way
//! leaves the previous report as it was (and at worst a `.zhulao-…part` file beside it).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::ReportError;

/// A report file being written.
pub struct Pending {
    path: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
}

impl Pending {
    /// Checks that `path` can be written (its folder exists and takes a new file) and opens the
    /// temporary file beside it.
    pub fn create(path: &Path) -> Result<Pending, ReportError> {
        let place = |reason: Why| ReportError::Place {
            path: path.to_path_buf(),
            reason,
        };
        let name = path.file_name().ok_or_else(|| place(Why::NoFileName))?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match std::fs::metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(place(Why::NotADirectory)),
            Err(e) => return Err(place(Why::of(&e))),
        }
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(place(Why::IsADirectory));
        }
        let temp = dir.join(format!(
            ".zhulao-{}-{}.part",
            name.to_string_lossy(),
            uuid::Uuid::new_v4().simple()
        ));
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| place(Why::of(&e)))?;
        Ok(Pending {
            path: path.to_path_buf(),
            temp,
            out: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.out.as_mut().expect("written before commit")
    }

    /// The error for a write that failed: an I/O failure in plain words, anything else as it is.
    pub fn explain(&self, detail: String, io: Option<std::io::ErrorKind>) -> ReportError {
        match io {
            Some(kind) => ReportError::Place {
                path: self.path.clone(),
                reason: Why::of(&std::io::Error::from(kind)),
            },
            None => ReportError::Format(crate::inert::inert(&detail).into_owned()),
        }
    }

    /// Flushes the new file to disk; it is not yet in place.
    fn finish(&mut self) -> Result<(), ReportError> {
        if let Some(out) = self.out.take() {
            let file = out
                .into_inner()
                .map_err(|e| self.explain(String::new(), Some(e.error().kind())))?;
            file.sync_all()
                .map_err(|e| self.explain(String::new(), Some(e.kind())))?;
        }
        Ok(())
    }

    fn rename(&mut self) -> Result<(), ReportError> {
        std::fs::rename(&self.temp, &self.path)
            .map_err(|e| self.explain(String::new(), Some(e.kind())))?;
        self.temp = PathBuf::new();
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself to disk (best effort: not every system opens folders).
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// Puts the new file in place of the old.
    pub fn commit(mut self) -> Result<(), ReportError> {
        self.finish()?;
        self.rename()
    }
}

/// Puts several files in place once every one of them is complete.
pub fn commit_all(mut files: Vec<Pending>) -> Result<(), ReportError> {
    for f in &mut files {
        f.finish()?;
    }
    for f in &mut files {
        f.rename()?;
    }
    Ok(())
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            self.out = None;
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Why a report file cannot be written, in plain words (see `shown`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    NoFileName,
    PermissionDenied,
    ReadOnly,
    Full,
    TooLarge,
    NoFolder,
    NotADirectory,
    IsADirectory,
    /// Anything else, as the system said it (made inert).
    Other(String),
}

impl Why {
    pub fn of(e: &std::io::Error) -> Why {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::PermissionDenied => Why::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem => Why::ReadOnly,
            ErrorKind::StorageFull => Why::Full,
            ErrorKind::FileTooLarge => Why::TooLarge,
            ErrorKind::NotFound => Why::NoFolder,
            ErrorKind::NotADirectory => Why::NotADirectory,
            ErrorKind::IsADirectory => Why::IsADirectory,
            _ => Why::Other(crate::inert::inert(&e.to_string()).into_owned()),
        }
    }

    pub fn shown(&self, lang: crate::lang::Lang) -> String {
        let (zh, en) = match self {
            Why::NoFileName => (
                "请给一个文件名，比如 report.xlsx",
                "give a file name, such as report.xlsx",
            ),
            Why::PermissionDenied => (
                "没有权限（请选一个可以写入的文件夹）",
                "permission denied (choose a folder you can write to)",
            ),
            Why::ReadOnly => ("这个磁盘是只读的", "the disk is read-only"),
            Why::Full => ("磁盘满了", "the disk is full"),
            Why::TooLarge => (
                "磁盘满了，或者文件超过了系统允许的大小",
                "the disk is full, or the file is larger than this system allows",
            ),
            Why::NoFolder => ("文件夹不存在", "the folder does not exist"),
            Why::NotADirectory => (
                "路径中有一部分是文件，不是文件夹",
                "part of the path is a file, not a folder",
            ),
            Why::IsADirectory => ("已经有一个同名的文件夹", "there is a folder of that name"),
            Why::Other(said) => return said.clone(),
        };
        match lang {
            crate::lang::Lang::Zh => zh.to_string(),
            crate::lang::Lang::En => en.to_string(),
        }
    }
}
