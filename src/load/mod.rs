//! Stage 1, load: read the guideline content and a facility profile, and check them.
//!
//! Both are deserialized raw (every key known, every type right) and then checked (numbering,
//! unique ids, references that resolve). Every failure is a [`SourceDiagnostic`] that points at a
//! line of the file. Nothing here knows about documents or output.

mod changes;
mod check_guideline;
mod check_profile;
pub mod content;
pub mod extends;
#[cfg(test)]
mod fixture_tests;
pub mod guideline;
pub mod legal;
pub mod profile;
#[cfg(test)]
mod published_tests;
mod renames;
pub mod yaml;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use check_guideline::build_guideline;
pub use check_profile::{check_profile, is_safe_id, sha256_hex, Profile};
pub use content::Content;

use crate::diagnostic::{Diagnostics, SourceDiagnostic};
use crate::model::Guideline;

/// Why loading failed.
#[derive(Debug, Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not UTF-8.
    #[error("{path}: the file is not valid UTF-8 text (save it as UTF-8)")]
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
    #[error("kitei has no content for guideline version {version} (available: {available})")]
    UnknownVersion {
        /// Requested version.
        version: String,
        /// Versions shipped.
        available: String,
    },
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

/// Reads a file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
    String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 { path: path.to_owned() })
}
