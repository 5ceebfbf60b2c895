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

pub use manifest::{ApprovalRecord, Baseline, DocumentEntry, DocumentState, FileEntry, Manifest, Revision, LIFECYCLE};

/// Name of the manifest file.
pub const MANIFEST: &str = "manifest.json";
/// Folder of previous versions.
pub const HISTORY: &str = "history";

/// A subfolder kitei writes whole on every build (the yearly checklist): what is in it is kitei's,
/// even though the manifest lists only the documents.
pub const CHECKLIST: &str = "checklist";

fn write_failed(path: &Path, source: &io::Error) -> String {
    let (path, cause) = (path.display().to_string(), crate::i18n::io_reason(source));
    crate::i18n::text(crate::i18n::Msg::WriteFailed { path: &path, cause: &cause })
}

/// Why writing failed.
#[derive(Debug, Error)]
#[error("{}", write_failed(.path, .source))]
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

/// Writes `files` as the new content of `target`, atomically, keeping `target/history/` and every
/// file kitei did not write (a signed scan a user keeps beside the documents). `previous` is the
/// manifest of the output being replaced: the files it lists are kitei's; anything else is the
/// user's and is carried into the new folder. A user's file where kitei would now write one is
/// refused, and nothing is written. The caller holds the folder's [`FolderLock`].
pub fn write_folder(target: &Path, files: &[OutputFile], previous: Option<&Manifest>) -> Result<(), WriteError> {
    let parent = parent_of(target);
    fs::create_dir_all(parent).map_err(failed(parent))?;
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    remove_stale_staging(parent, name);
    let kept = users_files(target, files, previous)?;
    let staging =
        tempfile::Builder::new().prefix(&format!(".{name}.kitei-new-")).tempdir_in(parent).map_err(failed(parent))?;
    let previous_history = target.join(HISTORY);
    if previous_history.is_dir() {
        copy_tree(&previous_history, &staging.path().join(HISTORY))?;
    }
    for relative in &kept {
        let (source, dest) = (target.join(relative), staging.path().join(relative));
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(failed(dir))?;
        }
        link_or_copy(&source, &dest)?;
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
        let parent = parent_of(target);
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}.kitei-old-"))
            .tempdir_in(parent)
            .map_err(failed(parent))?
            .keep();
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
        } else {
            link_or_copy(&source, &dest)?;
        }
    }
    Ok(())
}

fn link_or_copy(source: &Path, dest: &Path) -> Result<(), WriteError> {
    if fs::hard_link(source, dest).is_err() {
        fs::copy(source, dest).map_err(failed(source))?;
    }
    Ok(())
}

fn parent_of(target: &Path) -> &Path {
    target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Files below `target` (outside `history/`) that kitei did not write: neither the manifest nor a
/// file the previous manifest lists. Refuses when one of them is where kitei would write now.
fn users_files(target: &Path, files: &[OutputFile], previous: Option<&Manifest>) -> Result<Vec<String>, WriteError> {
    let mut found = Vec::new();
    list_files(target, "", &mut found)?;
    let kitei_wrote = |path: &str| {
        path == MANIFEST
            || path.starts_with(&format!("{CHECKLIST}/"))
            || previous.is_some_and(|m| m.documents.iter().flat_map(|d| &d.files).any(|f| f.path == path))
    };
    let mut kept = Vec::new();
    for path in found.into_iter().filter(|p| !kitei_wrote(p)) {
        if files.iter().any(|f| f.path == path) {
            let message = format!(
                "{} was not written by kitei (manifest.json does not list it) and kitei would replace it; \
                 move it out of the folder and build again",
                target.join(&path).display()
            );
            return Err(WriteError { path: target.join(&path), source: io::Error::other(message) });
        }
        kept.push(path);
    }
    Ok(kept)
}

fn list_files(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), WriteError> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries {
        let entry = entry.map_err(failed(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let kind = entry.file_type().map_err(failed(&entry.path()))?;
        if kind.is_dir() {
            if relative != HISTORY {
                list_files(&entry.path(), &relative, found)?;
            }
        } else {
            found.push(relative);
        }
    }
    Ok(())
}

/// Removes what a killed build left beside `name`: its staging folder and the previous output it
/// had moved aside. Called under the folder's lock, so no live build of `name` owns them.
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let prefixes = [format!(".{name}.kitei-new-"), format!(".{name}.kitei-old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// An advisory lock on one facility's output folder, held for a whole build: two kitei processes
/// building the same facility would otherwise both read the same previous manifest and one
/// update (and its `history/` entries) would be lost. The second waits for the first.
///
/// The lock file `.<name>.kitei-lock` beside the folder is removed when the lock is released, so
/// no lock files accumulate; a waiter that then holds a lock on the removed file sees that the
/// path no longer names its file and locks again.
#[derive(Debug)]
pub struct FolderLock {
    file: fs::File,
    path: PathBuf,
}

impl FolderLock {
    /// Locks `target` (the facility folder). When another process holds it, says so on stderr
    /// and waits.
    pub fn acquire(target: &Path) -> Result<Self, WriteError> {
        let parent = parent_of(target);
        fs::create_dir_all(parent).map_err(failed(parent))?;
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let path = parent.join(format!(".{name}.kitei-lock"));
        let mut told = false;
        loop {
            let file =
                fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(failed(&path))?;
            if file.try_lock().is_err() {
                if !told {
                    eprintln!("{}", crate::i18n::text(crate::i18n::Msg::Waiting(&target.display().to_string())));
                    told = true;
                }
                file.lock().map_err(failed(&path))?;
            }
            if same_file(&file, &path) {
                return Ok(Self { file, path });
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiter never mistakes a fresh file for this one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file` (it was not removed and created again meanwhile).
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
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
        write_folder(&target, &[file("a.md", "one"), file("history/a/1/a.md", "old")], None).unwrap();
        let previous = manifest_listing(&["a.md"]);
        write_folder(&target, &[file("b.md", "two")], Some(&previous)).unwrap();
        assert!(!target.join("a.md").exists());
        assert_eq!(fs::read_to_string(target.join("b.md")).unwrap(), "two");
        assert_eq!(fs::read_to_string(target.join("history/a/1/a.md")).unwrap(), "old");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("clinic")]);
    }

    fn manifest_listing(paths: &[&str]) -> Manifest {
        Manifest {
            kitei: "0".into(),
            guideline: "6.0".into(),
            numbering_revision: 0,
            facility: "clinic".into(),
            profile_sha256: String::new(),
            templates_sha256: String::new(),
            inputs_sha256: String::new(),
            lifecycle: LIFECYCLE,
            documents: vec![DocumentEntry {
                id: "a".into(),
                title: "A".into(),
                version: 1,
                content_sha256: String::new(),
                state: DocumentState::Approved,
                approval: None,
                baseline: None,
                history: Vec::new(),
                files: paths.iter().map(|p| FileEntry { path: (*p).into(), sha256: String::new() }).collect(),
            }],
        }
    }

    #[test]
    fn a_users_file_is_kept_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.md", "one")], None).unwrap();
        fs::create_dir_all(target.join("scans")).unwrap();
        fs::write(target.join("scans/signed.pdf"), "scan").unwrap();
        let previous = manifest_listing(&["a.md"]);
        write_folder(&target, &[file("a.md", "two")], Some(&previous)).unwrap();
        assert_eq!(fs::read_to_string(target.join("scans/signed.pdf")).unwrap(), "scan");
        fs::write(target.join("b.md"), "mine").unwrap();
        assert!(write_folder(&target, &[file("a.md", "three"), file("b.md", "kitei")], Some(&previous)).is_err());
        assert_eq!(fs::read_to_string(target.join("b.md")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(target.join("a.md")).unwrap(), "two");
    }

    #[test]
    fn a_killed_builds_staging_folder_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        fs::create_dir_all(dir.path().join(".clinic.kitei-new-abc/x")).unwrap();
        fs::create_dir_all(dir.path().join(".other.kitei-new-abc")).unwrap();
        write_folder(&target, &[file("a.md", "one")], None).unwrap();
        assert!(!dir.path().join(".clinic.kitei-new-abc").exists());
        assert!(dir.path().join(".other.kitei-new-abc").exists(), "another facility's folder is not touched");
    }
}
