//! Accepting a facility's local edits: the built-in text under each chosen edit is recorded in
//! `local/<document>.accepted.yaml`, so builds stop warning and `--strict` passes. `kitei local
//! accept` and the review page of `kitei serve` both accept through [`accept`], so the two write
//! the same file the same way.

use std::collections::BTreeMap;
use std::path::Path;

use crate::render::local::{self, Accepted, LocalError};
use crate::render::RenderedDocument;

/// Which edits to accept.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Chosen<'a> {
    /// Every edit of every document.
    All,
    /// The edits with these keys (the article an edit changes; for `insert_after`, the new label).
    Keys(&'a [String]),
}

impl Chosen<'_> {
    fn includes(&self, key: &str) -> bool {
        match self {
            Self::All => true,
            Self::Keys(keys) => keys.iter().any(|k| k == key),
        }
    }
}

/// What [`accept`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AcceptedEdits {
    /// Per document id, the keys accepted, in the order of the document's edits.
    pub accepted: Vec<(&'static str, Vec<String>)>,
    /// Chosen keys that no edit has.
    pub unknown: Vec<String>,
}

/// Records, for the chosen edits of the facility whose profile is `profile`, the built-in text
/// they now stand on (`documents`: the facility's rendered set). Records of edits that no longer
/// exist are dropped; a file is rewritten only when its records change.
pub(crate) fn accept(
    profile: &Path,
    documents: &[RenderedDocument],
    chosen: Chosen<'_>,
) -> Result<AcceptedEdits, LocalError> {
    let set = crate::pipeline::local_edits(profile)?;
    let mut outcome = AcceptedEdits::default();
    if let Chosen::Keys(keys) = chosen {
        outcome.unknown = keys.to_vec();
    }
    for document in documents.iter().filter(|d| !d.local.is_empty()) {
        let Some(edits) = set.document(document.spec.id) else { continue };
        let mut records: BTreeMap<String, Accepted> = edits.accepted.clone();
        records.retain(|key, _| document.local.iter().any(|r| r.key == *key));
        let mut accepted = Vec::new();
        for report in document.local.iter().filter(|r| chosen.includes(&r.key)) {
            records.insert(report.key.clone(), Accepted::of(&report.builtin));
            outcome.unknown.retain(|k| *k != report.key);
            accepted.push(report.key.clone());
        }
        if records != edits.accepted {
            let path = edits.accepted_path();
            crate::write::write_file_atomic(&path, local::accepted_text(&records).as_bytes())
                .map_err(|e| LocalError::Io { action: "write", path: path.clone(), source: e.source })?;
        }
        if !accepted.is_empty() {
            outcome.accepted.push((document.spec.id, accepted));
        }
    }
    Ok(outcome)
}
