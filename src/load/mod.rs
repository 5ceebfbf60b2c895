//! Stage 1, load: in, the embedded content and a facility's files; out, a checked `Guideline`,
//! `Profile` and `SharedContent`.
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
pub mod figures;
#[cfg(test)]
mod fixture_tests;
pub mod guideline;
pub mod legal;
pub mod obligations;
pub mod open_items;
pub mod placeholders;
pub mod profile;
#[cfg(test)]
mod published_tests;
pub mod read;
mod renames;
pub mod shared;
pub mod vendor_security;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use check_guideline::build_guideline;
pub use check_profile::{check_established, check_profile, is_reserved_id, is_safe_id, FirstApproval, Profile};
pub use content::Content;
pub use shared::SharedContent;

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
    /// A facility file was refused or could not be read (see [`read`]).
    #[error(transparent)]
    Read(#[from] read::ReadError),
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
    Ok(crate::yaml::parse(path, text)?)
}

/// The largest profile kitei reads, in bytes (see [`read::Kind::limit`]).
pub const MAX_PROFILE_BYTES: u64 = read::Kind::Profile.limit();

/// Reads a profile as UTF-8 text through the facility-file reader ([`read`]): a regular file of
/// at most [`MAX_PROFILE_BYTES`], inside its own folder once symlinks are resolved.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    Ok(read::read(path, read::Kind::Profile, folder)?)
}
