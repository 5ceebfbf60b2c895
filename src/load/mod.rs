//! Stage 1, load: read the guideline content and a facility profile, and check them.
//!
//! Both are deserialized raw (every key known, every type right) and then checked (numbering,
//! unique ids, references that resolve). Every failure is a [`SourceDiagnostic`] that points at a
//! line of the file. Nothing here knows about documents or output.

mod changes;
mod check_guideline;
mod check_profile;
pub mod content;
pub mod dates;
pub mod extends;
#[cfg(test)]
mod fixture_tests;
pub mod guideline;
pub mod legal;
pub mod placeholders;
pub mod profile;
#[cfg(test)]
mod published_tests;
mod renames;
pub mod vendor_security;
pub mod yaml;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use check_guideline::build_guideline;
pub use check_profile::{check_profile, is_safe_id, Profile};
pub use content::Content;

use crate::diagnostic::{Diagnostics, SourceDiagnostic};
use crate::i18n::{io_reason, text, Msg};
use crate::model::Guideline;

/// Why loading failed.
#[derive(Debug, Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("{}", text(Msg::CannotRead { path: &.path.display().to_string(), cause: &io_reason(.source) }))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not UTF-8.
    #[error("{}", text(Msg::NotUtf8(&.path.display().to_string())))]
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// The YAML is malformed or does not fit the expected shape.
    #[error("{0}")]
    Syntax(#[from] SourceDiagnostic),
    /// The YAML parsed but its content is inconsistent.
    #[error("{0}")]
    Invalid(#[from] Diagnostics),
    /// No content for the requested guideline version.
    #[error("{}", unknown_version(.version, .available))]
    UnknownVersion {
        /// Requested version.
        version: String,
        /// Versions shipped.
        available: String,
    },
}

fn unknown_version(version: &str, available: &str) -> String {
    text(Msg::UnknownGuideline { version, available })
}

/// Loads and checks the shipped content of a guideline version.
pub fn load_guideline(content: &Content, version: &str) -> Result<Guideline, LoadError> {
    build_guideline(content, version)
}

/// Deserializes a profile's text (no cross-reference checks yet; `extends` is followed by
/// [`extends::follow`] before this).
pub fn parse_profile(path: &Path, text: &str) -> Result<profile::ProfileData, LoadError> {
    Ok(yaml::parse(path, text)?)
}

/// The largest profile kitei reads, in bytes. A real profile is a few kilobytes; a clinic group's
/// ten thousand terminals are about one megabyte. A larger file is a mistake (a log, a device such
/// as `/dev/zero`), and reading it whole would only exhaust memory.
pub const MAX_PROFILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a profile (or a base it extends) as UTF-8 text: a regular file of at most
/// [`MAX_PROFILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(io(std::io::Error::other(text(Msg::NotRegularFile))));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_PROFILE_BYTES {
        let limit = MAX_PROFILE_BYTES / (1024 * 1024);
        return Err(io(std::io::Error::other(text(Msg::TooLarge(limit)))));
    }
    String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 { path: path.to_owned() })
}
