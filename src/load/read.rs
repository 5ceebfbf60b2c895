//! The one reader for every file kitei takes from a facility's folder: the profile and the bases
//! it extends, `local/<document>.yaml` and its `.accepted.yaml`, template overrides and
//! `wording.yaml`, and any later kind (records, vendor answers).
//!
//! These files are written by people and tools outside kitei, and kitei prints their lines in its
//! messages and their values in signed documents. So a file is read only when it is what it
//! should be:
//!
//! - a regular file: FIFOs, devices, sockets and folders are refused before they are opened (a
//!   FIFO would block forever, `/dev/zero` would never end); the opened descriptor is checked
//!   again (`fstat`), since the path may change between the check and the open;
//! - inside the facility's folder once symlinks are resolved, and never under `/proc`, `/sys` or
//!   `/dev`: a link to `/etc/passwd` or `/proc/self/environ` is refused by name, and its content
//!   is never read, so it can never appear in a message or a document;
//! - at most [`Kind::limit`] bytes, read with a hard cap (a file that grows while it is read
//!   stops at the cap), and UTF-8.
//!
//! Errors name the file and the rule, never the content. This module is a leaf: it imports
//! nothing from later stages, so every stage (and every later kind of input) can call [`read`].

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::i18n::{io_reason, text, Msg};

/// What a file is for; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A facility profile.
    Profile,
    /// A base named by `extends`.
    Base,
    /// `local/<document>.yaml`.
    LocalEdits,
    /// `local/<document>.accepted.yaml`.
    Accepted,
    /// A template override (`templates/*.md`).
    Template,
    /// A facility's `wording.yaml`.
    Wording,
    /// Any other record a facility keeps beside its profile (records, vendor answers).
    Record,
    /// A document of an output folder read back (`kitei diff`): kitei wrote it, but anyone may
    /// have replaced it since.
    Output,
}

impl Kind {
    /// The largest file of this kind kitei reads, in bytes. A profile of a clinic group's ten
    /// thousand terminals is about one megabyte, hence 4 MB; the largest built-in template is
    /// about 40 KB and the built-in wording about 30 KB, so 1 MB leaves room for any real
    /// override, local edit or accepted file while keeping a pasted log or a device out.
    pub const fn limit(self) -> u64 {
        match self {
            Self::Profile | Self::Base => 4 * 1024 * 1024,
            Self::LocalEdits | Self::Accepted | Self::Template | Self::Wording | Self::Record => 1024 * 1024,
            // Each template's output is capped at 8 MB; a document is one template and its parts.
            Self::Output => 16 * 1024 * 1024,
        }
    }
}

/// Why a file was not read. The message names the file and the rule it broke, never its content.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The system could not open or read it (missing, no permission).
    #[error("{}", text(Msg::CannotRead { path: &.path.display().to_string(), cause: &io_reason(.source) }))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A FIFO, device, socket or folder.
    #[error("{}", text(Msg::ReadNotRegular(&.path.display().to_string())))]
    NotRegular {
        /// The file.
        path: PathBuf,
    },
    /// A symlink (or a linked folder) that leads outside the facility's folder.
    #[error("{}", text(Msg::ReadOutside { path: &.path.display().to_string(), folder: &.folder.display().to_string() }))]
    Outside {
        /// The file as named.
        path: PathBuf,
        /// The folder it had to stay in.
        folder: PathBuf,
    },
    /// A file of the system (`/proc`, `/sys`, `/dev`).
    #[error("{}", text(Msg::ReadSystemFile(&.path.display().to_string())))]
    SystemFile {
        /// The file as named.
        path: PathBuf,
    },
    /// Larger than its kind's limit.
    #[error("{}", too_large(.path, *.limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Not UTF-8 text.
    #[error("{}", text(Msg::NotUtf8(&.path.display().to_string())))]
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// A profile whose name is not `.yaml` or `.yml` (`kitei check /etc/passwd`).
    #[error("{}", text(Msg::ProfileNotYaml(&.path.display().to_string())))]
    NotYaml {
        /// The file.
        path: PathBuf,
    },
}

fn too_large(path: &Path, limit: u64) -> String {
    text(Msg::ReadTooLarge { path: &path.display().to_string(), limit_kb: limit / 1024 })
}

impl ReadError {
    /// Whether the file simply does not exist (callers for which a file is optional).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Reads the file at `path` of kind `kind` (a profile must be named `.yaml` or `.yml`), which must stay inside `folder` (the facility's
/// folder: the profile's directory, or the template folder) once symlinks are resolved.
pub fn read(path: &Path, kind: Kind, folder: &Path) -> Result<String, ReadError> {
    read_within(path, kind, &[folder])
}

/// [`read`], for a file that may be missing: `Ok(None)` when there is no such file.
pub fn read_optional(path: &Path, kind: Kind, folder: &Path) -> Result<Option<String>, ReadError> {
    match read(path, kind, folder) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`read`] for a file that may lie inside any of `folders` (a base may come from the profile's
/// folder or from a vendor's shared folder).
pub fn read_within(path: &Path, kind: Kind, folders: &[&Path]) -> Result<String, ReadError> {
    let io = |source| ReadError::Io { path: path.to_owned(), source };
    if kind == Kind::Profile && !is_yaml(path) {
        return Err(ReadError::NotYaml { path: path.to_owned() });
    }
    let real = std::fs::canonicalize(path).map_err(io)?;
    if is_system(&real) {
        return Err(ReadError::SystemFile { path: path.to_owned() });
    }
    let roots: Vec<PathBuf> = folders.iter().filter_map(|f| std::fs::canonicalize(folder_of(f)).ok()).collect();
    if !roots.iter().any(|root| real.starts_with(root)) {
        let folder = folders.first().map_or_else(|| PathBuf::from("."), |f| folder_of(f).to_owned());
        return Err(ReadError::Outside { path: path.to_owned(), folder });
    }
    if !std::fs::metadata(&real).map_err(io)?.is_file() {
        return Err(ReadError::NotRegular { path: path.to_owned() });
    }
    let file = open_no_block(&real).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(ReadError::NotRegular { path: path.to_owned() });
    }
    let limit = kind.limit();
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: path.to_owned(), limit });
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8 { path: path.to_owned() })
}

/// Whether `path` is named as YAML. A profile is given by name, often directly: a file named
/// otherwise (`/etc/passwd`, a key file) is not read at all, so no line of it can reach an error
/// message.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The folder a relative file name without a folder lives in.
fn folder_of(folder: &Path) -> &Path {
    if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }
}

/// Whether a resolved path is one of the system's own (process and device files).
fn is_system(real: &Path) -> bool {
    ["/proc", "/sys", "/dev"].iter().any(|root| real.starts_with(root))
}

/// Opens `path` for reading without following a last symlink and without blocking (a FIFO
/// swapped in after the checks must not hang the open).
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_inside_the_folder_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "id: x\n").unwrap();
        assert_eq!(read(&dir.path().join("a.yaml"), Kind::Profile, dir.path()).unwrap(), "id: x\n");
    }

    #[test]
    fn a_missing_optional_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_optional(&dir.path().join("none.yaml"), Kind::Accepted, dir.path()).unwrap().is_none());
    }

    #[test]
    fn a_file_over_its_kind_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, vec![b'a'; Kind::Template.limit() as usize + 1]).unwrap();
        assert!(matches!(read(&path, Kind::Template, dir.path()), Err(ReadError::TooLarge { .. })));
        std::fs::write(&path, vec![b'a'; Kind::Template.limit() as usize]).unwrap();
        assert!(read(&path, Kind::Template, dir.path()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_fifos_and_devices_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let link = |name: &str, target: &str| {
            let path = dir.path().join(name);
            std::os::unix::fs::symlink(target, &path).unwrap();
            path
        };
        let passwd = link("passwd.yaml", "/etc/passwd");
        assert!(matches!(read(&passwd, Kind::LocalEdits, dir.path()), Err(ReadError::Outside { .. })));
        let environ = link("environ.yaml", "/proc/self/environ");
        assert!(matches!(read(&environ, Kind::Wording, dir.path()), Err(ReadError::SystemFile { .. })));
        let zero = link("zero.yaml", "/dev/zero");
        assert!(matches!(read(&zero, Kind::Accepted, dir.path()), Err(ReadError::SystemFile { .. })));
        let fifo = dir.path().join("fifo.yaml");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(read(&fifo, Kind::Profile, dir.path()), Err(ReadError::NotRegular { .. })));
        assert!(matches!(read(dir.path(), Kind::Accepted, dir.path()), Err(ReadError::NotRegular { .. })));
    }

    #[test]
    fn a_profile_not_named_as_yaml_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["passwd", "id_rsa", "notes.txt", "p.yaml.bak"] {
            std::fs::write(dir.path().join(name), "secret: value\n").unwrap();
            let error = read(&dir.path().join(name), Kind::Profile, dir.path()).unwrap_err();
            assert!(matches!(error, ReadError::NotYaml { .. }), "{name}");
            assert!(!error.to_string().contains("secret"), "{error}");
        }
        for name in ["p.yaml", "p.yml", "P.YAML"] {
            std::fs::write(dir.path().join(name), "id: x\n").unwrap();
            assert!(read(&dir.path().join(name), Kind::Profile, dir.path()).is_ok(), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_folder_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("shared")).unwrap();
        std::fs::write(dir.path().join("shared/w.yaml"), "a: b\n").unwrap();
        std::os::unix::fs::symlink("shared/w.yaml", dir.path().join("w.yaml")).unwrap();
        assert_eq!(read(&dir.path().join("w.yaml"), Kind::Wording, dir.path()).unwrap(), "a: b\n");
    }
}
