//! `manifest.json`: what a build wrote, so the next build can tell what changed.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Name of the manifest file.
pub(crate) const MANIFEST: &str = "manifest.json";
/// Folder of previous versions.
pub(crate) const HISTORY: &str = "history";

/// The subfolder of the yearly checklist. Its files are listed in the manifest like the
/// documents'; anything else in it (another edition from `kitei checklist`, a user's note) is kept.
pub(crate) const CHECKLIST: &str = "checklist";

/// A file to write, relative to the facility folder.
#[derive(Debug, Clone)]
pub(crate) struct OutputFile {
    /// Relative path (may contain `/`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Reads the manifest of a previous build, if there is a valid one.
pub(crate) fn read_manifest(folder: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(folder.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Reads a file of a previous build.
pub(crate) fn read_previous(folder: &Path, relative: &str) -> Option<Vec<u8>> {
    fs::read(folder.join(relative)).ok()
}

/// The manifest of one facility's output folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
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
    /// The other files the build wrote (the yearly checklist under `checklist/`, the 根拠資料
    /// `sources.md` and `.pdf`); absent in manifests written before they were recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileEntry>,
    /// What the facility still has to decide or do, as data (for `kitei report`); absent in
    /// manifests written before kitei recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FacilityFacts>,
    /// 1 when the manifest was written by a kitei that keeps drafts and approvals apart (0, or
    /// absent: every build was a 版, and the 版 it lists are taken as approved on migration).
    #[serde(default)]
    pub lifecycle: u32,
}

/// The facts of a build a vendor's overview needs: pattern, guideline, the 課題一覧 as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FacilityFacts {
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
    /// Required requirements that no document meets (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncovered: Vec<String>,
    /// What rendering the documents warned of (absent when nothing). With `uncovered`, what a
    /// no-change rebuild reports without rendering the facility again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One row of the 課題一覧 as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemFact {
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

/// The manifest format of this kitei (see [`Manifest::lifecycle`]).
pub(crate) const LIFECYCLE: u32 = 1;

/// Where a document stands.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum DocumentState {
    /// The current text is not approved (never, or changed since): printed as 案.
    #[default]
    Draft,
    /// The current text is an approved 版.
    Approved,
    /// A register (台帳, 課題一覧, traceability): a record as of its 基準日, never a 版.
    Register,
}

/// The approval of a document's current 版.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApprovalRecord {
    /// The approved 版.
    pub version: u32,
    /// The approving post.
    pub post: String,
    /// The approving person, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Approval date; absent for a 版 taken over from a build before approvals existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub approved_on: Option<chrono::NaiveDate>,
    /// 施行日.
    #[schemars(with = "String")]
    pub effective_on: chrono::NaiveDate,
    /// SHA-256 of the approved content.
    pub content_sha256: String,
    /// Undecided matters left open by the approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_items: Vec<String>,
}

/// The 版 a folder built before approvals existed held: taken as approved, carried from manifest to
/// manifest so its history survives.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Baseline {
    /// 版.
    pub version: u32,
    /// SHA-256 of its content.
    pub content_sha256: String,
    /// Its 改訂履歴, oldest first.
    pub history: Vec<Revision>,
    /// The guideline version of the build that made it.
    pub guideline: String,
    /// That build's requirement numbering revision.
    #[serde(default)]
    pub numbering_revision: u32,
    /// That build's profile hash.
    pub profile_sha256: String,
    /// That build's template hash.
    pub templates_sha256: String,
}

/// One document in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentEntry {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The approved 版 (0: never approved, or a register).
    pub version: u32,
    /// SHA-256 of the document's current content, the draft digest (body and title block, without
    /// version data).
    pub content_sha256: String,
    /// Draft, approved or register.
    #[serde(default)]
    pub state: DocumentState,
    /// The approval of the 版 in `version`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<ApprovalRecord>,
    /// The 版 taken over from a build before approvals existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Revision history, oldest first.
    pub history: Vec<Revision>,
    /// Files written for this document.
    pub files: Vec<FileEntry>,
}

/// A row of the 改訂履歴.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Revision {
    /// 版.
    pub version: u32,
    /// Date (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub date: chrono::NaiveDate,
    /// What changed, in Japanese.
    pub summary: String,
    /// Why, in Japanese.
    pub reason: String,
    /// 施行日, when it differs from `date` (the approval date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective: Option<chrono::NaiveDate>,
}

impl Revision {
    /// The date this 版 took effect.
    pub(crate) fn effective_on(&self) -> chrono::NaiveDate {
        self.effective.unwrap_or(self.date)
    }
}

/// A written file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileEntry {
    /// Path relative to the facility folder.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

impl Manifest {
    /// The entry for a document.
    pub(crate) fn document(&self, id: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every file the build wrote, except the manifest itself: the documents' and the others.
    pub(crate) fn listed(&self) -> impl Iterator<Item = &FileEntry> {
        self.documents.iter().flat_map(|d| &d.files).chain(&self.files)
    }
}
