//! Stage 5, write: a facility's output folder appears whole or not at all.
//!
//! Everything is written into a temporary folder beside the target; only when every file is there
//! is the old folder moved aside and the new one renamed into place. A failed build (a template
//! error, a full disk, an interrupt) leaves the previous output exactly as it was. The previous
//! versions kept under `history/` are carried into the new folder.

pub mod manifest;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use manifest::{DocumentEntry, FileEntry, Manifest, Revision};

/// Name of the manifest file.
pub const MANIFEST: &str = "manifest.json";
/// Folder of previous versions.
pub const HISTORY: &str = "history";

/// Why writing failed.
#[derive(Debug, Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// What was being written.
    pub path: PathBuf,
    /// The cause.
    pub source: io::Error,
}

/// A file to write, relative to the facility folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path (may contain `/`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Wraps an I/O error with the path it concerns.
fn failed(path: &Path) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_owned();
    move |source| WriteError { path, source }
}

/// Reads the manifest of a previous build, if there is a valid one.
pub fn read_manifest(folder: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(folder.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Reads a file of a previous build.
pub fn read_previous(folder: &Path, relative: &str) -> Option<Vec<u8>> {
    fs::read(folder.join(relative)).ok()
}

/// Writes `files` as the new content of `target`, atomically, keeping `target/history/`.
pub fn write_folder(target: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(failed(parent))?;
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let staging =
        tempfile::Builder::new().prefix(&format!(".{name}.kitei-new-")).tempdir_in(parent).map_err(failed(parent))?;
    let previous_history = target.join(HISTORY);
    if previous_history.is_dir() {
        copy_tree(&previous_history, &staging.path().join(HISTORY))?;
    }
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(failed(dir))?;
        }
        fs::write(&path, &file.bytes).map_err(failed(&path))?;
    }
    swap_into_place(staging, target)
}

/// Moves the staged folder to `target`; the previous folder is removed only after the swap.
fn swap_into_place(staging: tempfile::TempDir, target: &Path) -> Result<(), WriteError> {
    let staged = staging.keep();
    if target.exists() {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let aside = tempfile::Builder::new().prefix(".kitei-old-").tempdir_in(parent).map_err(failed(parent))?.keep();
        let aside_target = aside.join("previous");
        if let Err(e) = fs::rename(target, &aside_target) {
            let _ = fs::remove_dir_all(&staged);
            let _ = fs::remove_dir_all(&aside);
            return Err(failed(target)(e));
        }
        if let Err(e) = fs::rename(&staged, target) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&aside_target, target);
            let _ = fs::remove_dir_all(&staged);
            let _ = fs::remove_dir_all(&aside);
            return Err(failed(target)(e));
        }
        let _ = fs::remove_dir_all(&aside);
    } else if let Err(e) = fs::rename(&staged, target) {
        let _ = fs::remove_dir_all(&staged);
        return Err(failed(target)(e));
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(to).map_err(failed(to))?;
    for entry in fs::read_dir(from).map_err(failed(from))? {
        let entry = entry.map_err(failed(from))?;
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(failed(&source))?.is_dir() {
            copy_tree(&source, &dest)?;
        } else if fs::hard_link(&source, &dest).is_err() {
            fs::copy(&source, &dest).map_err(failed(&source))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn replaces_the_folder_and_keeps_history() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.md", "one"), file("history/a/1/a.md", "old")]).unwrap();
        write_folder(&target, &[file("b.md", "two")]).unwrap();
        assert!(!target.join("a.md").exists());
        assert_eq!(fs::read_to_string(target.join("b.md")).unwrap(), "two");
        assert_eq!(fs::read_to_string(target.join("history/a/1/a.md")).unwrap(), "old");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("clinic")]);
    }
}
