//! `manifest.json`: what a build wrote, so the next build can tell what changed.

use serde::{Deserialize, Serialize};

/// The manifest of one facility's output folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
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
    /// What the facility still has to decide or do, as data (for `kitei report`); absent in
    /// manifests written before kitei recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FacilityFacts>,
}

/// The facts of a build a vendor's overview needs: pattern, guideline, the 課題一覧 as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilityFacts {
    /// The facility's name.
    pub name: String,
    /// Reference pattern (I–IV).
    pub pattern: String,
    /// The date of this build's revision (`--date`, else the profile's effective date): the
    /// build date a person gave, never the clock.
    #[schemars(with = "String")]
    pub date: chrono::NaiveDate,
    /// Matters the profile leaves undecided (rows of the 課題一覧); `key` is the profile field
    /// whose value closes each.
    pub open_items: Vec<ItemFact>,
    /// The yearly checklist's dated rows of the 課題一覧 (いいえ with a 目標日, due 2FA renewals).
    pub dated_items: Vec<ItemFact>,
    /// Local edits whose built-in text changed or that are not accepted yet (`kitei local status`).
    pub local_review: Vec<String>,
}

/// One row of the 課題一覧 as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemFact {
    /// For an open item, the profile field that closes it (`rules.lockout_attempts`,
    /// `systems.ehr.rto_hours`); for a dated item, its stable id (`checklist.R8.backup-offline`).
    pub key: String,
    /// What is to be decided or done.
    pub item: String,
    /// Who decides it (the facility's title for the role).
    pub owner: String,
    /// By when.
    #[schemars(with = "String")]
    pub due: chrono::NaiveDate,
    /// The requirement that asks for it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// The vendor whose answer or confirmation closes it, when it waits on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
}

/// One document in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
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
    /// Its approval state (`draft`, `approved`), when a build records one; absent means draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// A row of the 改訂履歴.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// 版.
    pub version: u32,
    /// Date (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub date: chrono::NaiveDate,
    /// What changed, in Japanese.
    pub summary: String,
    /// Why, in Japanese.
    pub reason: String,
}

/// A written file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
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
