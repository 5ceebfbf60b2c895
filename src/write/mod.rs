//! Stage 5, write: in, the files emit made; out, a facility's output folder, whole or not at all.
//!
//! Everything is written into a temporary folder beside the target; only when every file is there
//! is the old folder moved aside and the new one renamed into place. A failed build (a template
//! error, a full disk, an interrupt) leaves the previous output exactly as it was. The previous
//! versions kept under `history/` are carried into the new folder.

pub(crate) mod checklist;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub(crate) use crate::emit::manifest::{
    read_manifest, read_previous, DocumentState, FacilityFacts, ItemFact, Manifest, OutputFile, CHECKLIST, HISTORY,
    LIFECYCLE, MANIFEST,
};

fn write_failed(path: &Path, source: &io::Error) -> String {
    let (path, cause) = (path.display().to_string(), crate::i18n::write_reason(source));
    crate::i18n::text(crate::i18n::Msg::WriteFailed { path: &path, cause: &cause })
}

/// Why writing failed.
#[derive(Debug, Error)]
#[error("{}", write_failed(.path, .source))]
pub(crate) struct WriteError {
    /// What was being written.
    pub path: PathBuf,
    /// The cause.
    pub source: io::Error,
}

/// Wraps an I/O error with the path it concerns.
fn failed(path: &Path) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_owned();
    move |source| WriteError { path, source }
}

/// A refusal of the writer, worded for people, as the cause of a [`WriteError`].
fn refused(path: &Path, message: String) -> WriteError {
    WriteError { path: path.to_owned(), source: io::Error::other(message) }
}

/// Writes `bytes` to `path` atomically: into a temporary file beside it, renamed over `path` only
/// when complete, so a reader never sees half a file. A symlink at `path` is replaced by the file,
/// never written through. The one file writer of kitei (checklist, templates, tables, reports, records,
/// approvals, a profile's `guideline:` line, accepted
/// edits); a facility's folder is written whole by [`write_folder`].
pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kitei-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like `fs::write`: the umask applies (tempfile's default would be 0600).
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(failed(path))?;
    io::Write::write_all(&mut temp, bytes).map_err(failed(path))?;
    temp.persist(path).map_err(|e| failed(path)(e.error))?;
    Ok(())
}

/// Writes `files` as the new content of `target`, atomically, keeping `target/history/` and every
/// file and folder kitei did not write (a signed scan a user keeps beside the documents, an empty
/// folder, with its permissions). `previous` is the manifest of the output being replaced: the
/// files it lists are kitei's; anything else is the user's and is carried into the new folder. A
/// user's file where kitei would now write different bytes is refused, and nothing is written.
/// The caller holds the folder's [`FolderLock`].
pub(crate) fn write_folder(target: &Path, files: &[OutputFile], previous: Option<&Manifest>) -> Result<(), WriteError> {
    let parent = parent_of(target);
    fs::create_dir_all(parent).map_err(failed(parent))?;
    let name = folder_name(target);
    recover_interrupted_swap(target)?;
    let tree = Tree::of(target)?;
    let kept = users_files(target, &tree, files, previous)?;
    let staging =
        tempfile::Builder::new().prefix(&format!(".{name}.kitei-new-")).tempdir_in(parent).map_err(failed(parent))?;
    let previous_history = target.join(HISTORY);
    if previous_history.is_dir() {
        copy_tree(&previous_history, &staging.path().join(HISTORY))?;
    }
    for (relative, _) in &tree.folders {
        let dest = staging.path().join(relative);
        fs::create_dir_all(&dest).map_err(failed(&dest))?;
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
    tree.restore_permissions(staging.path())?;
    swap_into_place(staging, target)
}

/// Files kitei wrote in the previous build (the manifest lists them with their SHA-256) that
/// changed since and that this build would replace with other bytes: a hand-edited `.docx`, `.pdf`
/// or `.xlsx` as much as a `.md`. A file whose new bytes equal what is on disk is not an edit
/// (`kitei checklist` wrote the same answers).
pub(crate) fn edited_files(folder: &Path, previous: Option<&Manifest>, files: &[OutputFile]) -> Vec<String> {
    let Some(previous) = previous else { return Vec::new() };
    previous
        .listed()
        .filter_map(|entry| {
            let bytes = read_previous(folder, &entry.path)?;
            let new = files.iter().find(|f| f.path == entry.path);
            let edited = crate::digest::sha256_hex(&bytes) != entry.sha256 && new.is_none_or(|f| f.bytes != bytes);
            edited.then(|| entry.path.clone())
        })
        .collect()
}

/// Records new bytes of files the manifest of `folder` already lists (`kitei checklist` answering
/// again into `checklist/`), so the next build does not take them for hand edits. Files it does
/// not list stay the user's. The caller holds the folder's [`FolderLock`].
pub(crate) fn record_rewritten(folder: &Path, files: &[(String, &[u8])]) -> Result<(), WriteError> {
    let Some(mut manifest) = read_manifest(folder) else { return Ok(()) };
    let mut changed = false;
    for entry in manifest.documents.iter_mut().flat_map(|d| d.files.iter_mut()).chain(manifest.files.iter_mut()) {
        if let Some((_, bytes)) = files.iter().find(|(path, _)| *path == entry.path) {
            entry.sha256 = crate::digest::sha256_hex(bytes);
            changed = true;
        }
    }
    if !changed {
        return Ok(());
    }
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    write_file_atomic(&folder.join(MANIFEST), json.as_bytes())
}

/// Moves the staged folder to `target`; the previous folder is removed only after the swap.
/// Between the two renames the previous output lies in `.<name>.kitei-old-*/previous`, where
/// [`recover_interrupted_swap`] finds it if the process is killed there.
fn swap_into_place(staging: tempfile::TempDir, target: &Path) -> Result<(), WriteError> {
    let staged = staging.keep();
    if target.exists() {
        let parent = parent_of(target);
        let name = folder_name(target);
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}.kitei-old-"))
            .tempdir_in(parent)
            .map_err(failed(parent))?
            .keep();
        let aside_target = aside.join(PREVIOUS);
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

/// The name of the previous output inside its aside folder.
const PREVIOUS: &str = "previous";

fn folder_name(target: &Path) -> &str {
    target.file_name().and_then(|n| n.to_str()).unwrap_or("output")
}

/// Brings back what a build killed during the folder swap left, then removes its leftovers. When
/// `target` is missing and a previous output lies in `.<name>.kitei-old-*/previous` (killed between
/// the two renames), it is renamed back to `target`, so the next build goes on from its manifest
/// and history instead of starting again at 第1版. The staging folders (`.<name>.kitei-new-*`) and
/// any other aside folder are then removed. Must run under the folder's lock (no live build of
/// `name` owns them). Returns whether an output was restored.
pub(crate) fn recover_interrupted_swap(target: &Path) -> Result<bool, WriteError> {
    let parent = parent_of(target);
    let name = folder_name(target);
    let Ok(entries) = fs::read_dir(parent) else { return Ok(false) };
    let (new_prefix, old_prefix) = (format!(".{name}.kitei-new-"), format!(".{name}.kitei-old-"));
    let mut leftovers: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let old = file_name.starts_with(&old_prefix);
            (old || file_name.starts_with(&new_prefix)).then(|| (entry.path(), old))
        })
        .collect();
    leftovers.sort();
    let mut restored = false;
    if fs::symlink_metadata(target).is_err() {
        if let Some((aside, _)) = leftovers.iter().find(|(path, old)| *old && path.join(PREVIOUS).is_dir()) {
            fs::rename(aside.join(PREVIOUS), target).map_err(failed(target))?;
            restored = true;
        }
    }
    for (path, _) in leftovers {
        let _ = fs::remove_dir_all(path);
    }
    Ok(restored)
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
    if let Ok(meta) = fs::metadata(from) {
        fs::set_permissions(to, meta.permissions()).map_err(failed(to))?;
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

/// What a facility folder holds outside `history/`: every file and every folder (with its
/// permissions), relative to the folder. The folder itself is `""`.
#[derive(Debug, Default)]
struct Tree {
    files: Vec<String>,
    folders: Vec<(String, Option<fs::Permissions>)>,
}

impl Tree {
    fn of(target: &Path) -> Result<Self, WriteError> {
        let mut tree = Self::default();
        if let Ok(meta) = fs::metadata(target) {
            tree.folders.push((String::new(), Some(meta.permissions())));
            tree.walk(target, "")?;
        }
        Ok(tree)
    }

    fn walk(&mut self, dir: &Path, prefix: &str) -> Result<(), WriteError> {
        let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
        for entry in entries {
            let entry = entry.map_err(failed(dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            let kind = entry.file_type().map_err(failed(&entry.path()))?;
            if kind.is_dir() {
                if relative != HISTORY {
                    self.folders.push((relative.clone(), entry.metadata().ok().map(|m| m.permissions())));
                    self.walk(&entry.path(), &relative)?;
                }
            } else {
                self.files.push(relative);
            }
        }
        Ok(())
    }

    /// Gives each folder in `staging` the permissions it had in the previous output (deepest
    /// first, so a folder closed to writing is closed only once filled).
    fn restore_permissions(&self, staging: &Path) -> Result<(), WriteError> {
        for (relative, permissions) in self.folders.iter().rev() {
            if let Some(permissions) = permissions {
                let path = staging.join(relative);
                fs::set_permissions(&path, permissions.clone()).map_err(failed(&path))?;
            }
        }
        if self.folders.is_empty() {
            default_folder_permissions(staging)?;
        }
        Ok(())
    }
}

/// A new facility folder gets the permissions `mkdir` would give it, not the 0700 of a temporary
/// folder.
fn default_folder_permissions(staging: &Path) -> Result<(), WriteError> {
    let parent = parent_of(staging);
    let probe = tempfile::Builder::new().prefix(".kitei-mode-").tempdir_in(parent).map_err(failed(parent))?;
    let fresh = probe.path().join("d");
    fs::create_dir(&fresh).map_err(failed(&fresh))?;
    let permissions = fs::metadata(&fresh).map_err(failed(&fresh))?.permissions();
    fs::set_permissions(staging, permissions).map_err(failed(staging))
}

/// Files below `target` (outside `history/`) that kitei did not write: neither the manifest nor a
/// file the previous manifest lists. Refuses when one of them is where kitei would write other
/// bytes now (the same bytes — `kitei checklist` wrote them — are simply taken over).
fn users_files(
    target: &Path,
    tree: &Tree,
    files: &[OutputFile],
    previous: Option<&Manifest>,
) -> Result<Vec<String>, WriteError> {
    let kitei_wrote = |path: &str| path == MANIFEST || previous.is_some_and(|m| m.listed().any(|f| f.path == path));
    let mut kept = Vec::new();
    for path in tree.files.iter().filter(|p| !kitei_wrote(p.as_str())) {
        if let Some(new) = files.iter().find(|f| &f.path == path) {
            if read_previous(target, path).is_some_and(|bytes| bytes == new.bytes) {
                continue;
            }
            let shown = target.join(path).display().to_string();
            return Err(refused(&target.join(path), crate::i18n::text(crate::i18n::Msg::NotKiteis(&shown))));
        }
        kept.push(path.clone());
    }
    Ok(kept)
}

/// An advisory lock on one facility's output folder, held for a whole build: two kitei processes
/// building the same facility would otherwise both read the same previous manifest and one
/// update (and its `history/` entries) would be lost. The second waits for the first.
///
/// The lock file `.<name>.kitei-lock` beside the folder is removed when the lock is released, so
/// no lock files accumulate; a waiter that then holds a lock on the removed file sees that the
/// path no longer names its file and locks again.
#[derive(Debug)]
pub(crate) struct FolderLock {
    file: fs::File,
    path: PathBuf,
}

impl FolderLock {
    /// Locks `target` (the facility folder). When another process holds it, says so on stderr
    /// and waits.
    pub(crate) fn acquire(target: &Path) -> Result<Self, WriteError> {
        let parent = parent_of(target);
        fs::create_dir_all(parent).map_err(failed(parent))?;
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let path = parent.join(format!(".{name}.kitei-lock"));
        let mut told = false;
        loop {
            let file = open_lock_file(&path)?;
            if file.try_lock().is_err() {
                if !told {
                    eprintln!("{}", crate::i18n::text(crate::i18n::Msg::Waiting(&target.display().to_string())));
                    told = true;
                }
                file.lock().map_err(failed(&path))?;
            }
            if same_file(&file, &path) {
                let lock = Self { file, path };
                if recover_interrupted_swap(target)? {
                    let shown = target.display().to_string();
                    eprintln!("{}", crate::i18n::text(crate::i18n::Msg::SwapRecovered(&shown)));
                }
                return Ok(lock);
            }
        }
    }
}

/// Opens (creating) the lock file without following a symlink and without blocking on a FIFO,
/// and refuses anything but a regular file: a symlink planted there must not make kitei create a
/// file at its target, and a FIFO must not hang the build.
fn open_lock_file(path: &Path) -> Result<fs::File, WriteError> {
    let not_a_file = || refused(path, crate::i18n::text(crate::i18n::Msg::LockNotAFile(&path.display().to_string())));
    if fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
        return Err(not_a_file());
    }
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // ELOOP (a symlink) or ENXIO (a FIFO without reader) appeared since the check above.
        Err(_) if fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) => return Err(not_a_file()),
        Err(e) => return Err(failed(path)(e)),
    };
    if !file.metadata().map_err(failed(path))?.is_file() {
        return Err(not_a_file());
    }
    Ok(file)
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
    use crate::emit::manifest::{DocumentEntry, FileEntry};

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
            facts: None,
            files: Vec::new(),
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

    #[test]
    fn an_output_moved_aside_by_a_killed_build_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.md", "one")], None).unwrap();
        let aside = dir.path().join(".clinic.kitei-old-k1");
        fs::create_dir_all(&aside).unwrap();
        fs::rename(&target, aside.join(PREVIOUS)).unwrap();
        fs::create_dir_all(dir.path().join(".clinic.kitei-new-k2")).unwrap();
        assert!(recover_interrupted_swap(&target).unwrap());
        assert_eq!(fs::read_to_string(target.join("a.md")).unwrap(), "one");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("clinic")]);
        assert!(!recover_interrupted_swap(&target).unwrap(), "nothing to do the second time");
    }

    #[test]
    fn when_the_swap_had_finished_the_aside_copy_is_only_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.md", "new")], None).unwrap();
        fs::create_dir_all(dir.path().join(".clinic.kitei-old-k1/previous")).unwrap();
        assert!(!recover_interrupted_swap(&target).unwrap());
        assert_eq!(fs::read_to_string(target.join("a.md")).unwrap(), "new");
        assert!(!dir.path().join(".clinic.kitei-old-k1").exists());
    }

    #[test]
    #[cfg(unix)]
    fn empty_folders_and_their_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.md", "one"), file("checklist/c.md", "c")], None).unwrap();
        fs::create_dir_all(target.join("empty/inner")).unwrap();
        fs::create_dir_all(target.join("private")).unwrap();
        fs::write(target.join("private/x"), "x").unwrap();
        fs::write(target.join("checklist/mine.txt"), "mine").unwrap();
        fs::set_permissions(target.join("private"), fs::Permissions::from_mode(0o700)).unwrap();
        let mut previous = manifest_listing(&["a.md"]);
        previous.files.push(FileEntry { path: "checklist/c.md".into(), sha256: String::new() });
        write_folder(&target, &[file("a.md", "two"), file("checklist/c.md", "c2")], Some(&previous)).unwrap();
        assert!(target.join("empty/inner").is_dir());
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target.join("private")), 0o700);
        assert_eq!(fs::read_to_string(target.join("checklist/mine.txt")).unwrap(), "mine");
        assert_ne!(mode(&target), 0o700, "a new facility folder is not a private temporary folder");
    }

    #[test]
    fn an_edited_file_of_any_format_is_found_unless_rewritten_identically() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        write_folder(&target, &[file("a.docx", "zip"), file("b.pdf", "pdf")], None).unwrap();
        let mut previous = manifest_listing(&["a.docx", "b.pdf"]);
        for entry in &mut previous.documents[0].files {
            entry.sha256 = crate::digest::sha256_hex(fs::read(target.join(&entry.path)).unwrap().as_slice());
        }
        assert!(edited_files(&target, Some(&previous), &[]).is_empty());
        fs::write(target.join("a.docx"), "edited").unwrap();
        assert_eq!(edited_files(&target, Some(&previous), &[file("a.docx", "zip")]), vec!["a.docx".to_owned()]);
        assert!(edited_files(&target, Some(&previous), &[file("a.docx", "edited")]).is_empty());
    }

    #[test]
    #[cfg(unix)]
    fn a_lock_path_that_is_not_a_regular_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(".clinic.kitei-lock");
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        assert!(open_lock_file(&lock).is_err());
        assert!(!target.exists(), "nothing created at the link's target");
        fs::remove_file(&lock).unwrap();
        let path = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        assert!(open_lock_file(&lock).is_err(), "a FIFO is refused without blocking");
    }

    #[test]
    #[cfg(unix)]
    fn the_atomic_writer_replaces_a_symlink_instead_of_writing_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_file_atomic(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        assert!(!link.is_symlink());
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
    }

    #[test]
    fn a_rewrite_by_kitei_checklist_is_recorded_only_for_listed_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clinic");
        let mut manifest = manifest_listing(&["a.md"]);
        manifest.files.push(FileEntry { path: "checklist/c.md".into(), sha256: "old".into() });
        let json = serde_json::to_string_pretty(&manifest).unwrap();
        write_folder(&target, &[file(MANIFEST, &json)], None).unwrap();
        record_rewritten(&target, &[("checklist/c.md".into(), b"new"), ("checklist/other.md".into(), b"x")]).unwrap();
        let recorded = read_manifest(&target).unwrap();
        assert_eq!(recorded.files.len(), 1);
        assert_eq!(recorded.files[0].sha256, crate::digest::sha256_hex(b"new"));
    }
}
