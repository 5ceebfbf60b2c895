//! `local/<document>.accepted.yaml`: the built-in text each edit was accepted against.
//!
//! kitei writes this file (`kitei local accept`); people commit it beside their edits and never
//! edit it. It keeps the text itself, not only its hash, so that `kitei local status` can show
//! what the built-in article said when the edit was made.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::LocalError;

/// The built-in text an edit was accepted against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// SHA-256 (hex) of `text`.
    pub sha256: String,
    /// The built-in article as kitei rendered it then (markers unresolved).
    pub text: String,
}

impl Accepted {
    /// Records `text`.
    pub fn of(text: &str) -> Self {
        Self { sha256: crate::digest::sha256_hex(text.as_bytes()), text: text.to_owned() }
    }
}

/// Reads an accepted file (inside `folder`, through [`crate::load::read`]): the records and the
/// file's text. A missing file means nothing was accepted yet.
pub(super) fn read(path: &Path, folder: &Path) -> Result<(BTreeMap<String, Accepted>, String), LocalError> {
    let Some(text) = crate::load::read::read_optional(path, crate::load::read::Kind::Accepted, folder)? else {
        return Ok((BTreeMap::new(), String::new()));
    };
    if text.trim().lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok((BTreeMap::new(), text));
    }
    crate::yaml::refuse_invisible(path, &text)?;
    let records = crate::yaml::parse(path, &text)?;
    Ok((records, text))
}

/// The file's text: a comment, then each edit's record with the text as a block literal.
pub(super) fn to_yaml(records: &BTreeMap<String, Accepted>) -> String {
    #[derive(Serialize)]
    struct Record<'a> {
        sha256: &'a str,
        text: serde_saphyr::LitStr<'a>,
    }
    let shaped: BTreeMap<&str, Record<'_>> = records
        .iter()
        .map(|(k, v)| (k.as_str(), Record { sha256: &v.sha256, text: serde_saphyr::LitStr(&v.text) }))
        .collect();
    let body = serde_saphyr::to_string(&shaped).unwrap_or_default();
    format!("{HEADER}{body}")
}

const HEADER: &str = "# Written by `kitei local accept`: the built-in text each local edit was made against.\n# Commit it with the edits; do not edit it by hand.\n";

/// The text of the accepted file of `records` (the caller writes it with [`crate::write`]'s one
/// atomic writer).
pub fn accepted_text(records: &BTreeMap<String, Accepted>) -> String {
    to_yaml(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_the_file() {
        let mut records = BTreeMap::new();
        records.insert("password".to_owned(), Accepted::of("[[article:password|パスワード]]\n\n  字下げ\n末尾の文。"));
        records.insert("a".to_owned(), Accepted::of("一行"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.accepted.yaml");
        std::fs::write(&path, accepted_text(&records)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Written by `kitei local accept`"), "{text}");
        assert_eq!(read(&path, dir.path()).unwrap().0, records, "{text}");
    }

    #[test]
    fn a_missing_file_is_nothing_accepted() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("x.accepted.yaml"), dir.path()).unwrap().0.is_empty());
    }
}
