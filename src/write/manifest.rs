//! `manifest.json`: what a build wrote, so the next build can tell what changed.

use serde::{Deserialize, Serialize};

/// The manifest of one facility's output folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// kitei's version.
    pub kitei: String,
    /// Guideline version the rulebook follows.
    pub guideline: String,
    /// The revision of kitei's requirement numbering the build used (`renames.yaml`); 0, or absent
    /// in manifests written before it was recorded, means the numbering before any correction.
    #[serde(default)]
    pub numbering_revision: u32,
    /// Facility id.
    pub facility: String,
    /// SHA-256 of the profile text.
    pub profile_sha256: String,
    /// SHA-256 over the templates used (embedded and overrides).
    pub templates_sha256: String,
    /// SHA-256 over every input of the build (kitei version, guideline content, profile,
    /// templates, formats): when it is unchanged, the folder is up to date and nothing is redone.
    #[serde(default)]
    pub inputs_sha256: String,
    /// The documents, in filing order.
    pub documents: Vec<DocumentEntry>,
    /// The other files the build wrote (the yearly checklist under `checklist/`); absent in
    /// manifests written before they were recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileEntry>,
}

/// One document in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// 版.
    pub version: u32,
    /// SHA-256 of the document's content (body and title block, without version data).
    pub content_sha256: String,
    /// Revision history, oldest first.
    pub history: Vec<Revision>,
    /// Files written for this document.
    pub files: Vec<FileEntry>,
}

/// A row of the 改訂履歴.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// 版.
    pub version: u32,
    /// Date (YYYY-MM-DD).
    pub date: chrono::NaiveDate,
    /// What changed, in Japanese.
    pub summary: String,
    /// Why, in Japanese.
    pub reason: String,
}

/// A written file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Path relative to the facility folder.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

impl Manifest {
    /// The entry for a document.
    pub fn document(&self, id: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every file the build wrote, except the manifest itself: the documents' and the others.
    pub fn listed(&self) -> impl Iterator<Item = &FileEntry> {
        self.documents.iter().flat_map(|d| &d.files).chain(&self.files)
    }
}
