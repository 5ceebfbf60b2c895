//! What rendering a facility gives the later stages: its documents and everything emit needs of
//! them (the guideline, profile, resolution, view, wording, shared content, records, the date).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::load::{Profile, SharedContent};
use crate::model::Guideline;
use crate::resolve::Resolution;

/// A facility's rendered document set and everything later stages need of it; nothing written.
#[derive(Debug)]
pub struct Rendered {
    /// The guideline version in use.
    pub guideline: Arc<Guideline>,
    /// The checked profile.
    pub profile: Profile,
    /// Its resolution; its open items include the checklist's いいえ.
    pub resolution: Resolution,
    /// The view the documents were rendered from (the figures are drawn from it too).
    pub view: super::DocumentView,
    /// The rendered documents, in filing order.
    pub documents: Vec<super::RenderedDocument>,
    /// What the renderer wants a person to know (overrides used, files ignored).
    pub notes: Vec<String>,
    /// What looks wrong but does not stop a build: `例）` values left in the profile, overrides
    /// that replace nothing, templates naming renumbered requirements.
    pub warnings: Vec<String>,
    /// SHA-256 over the templates and local edits in use.
    pub templates_sha256: String,
    /// The wording in use (the facility's `wording.yaml` over kitei's), handed to every stage
    /// that writes document text.
    pub wording: &'static crate::wording::Wording,
    /// The content files every facility shares (legal facts, figure text, …), as loaded once.
    pub shared: Arc<SharedContent>,
    /// The facility's records (`<profile-stem>.records.yaml`), checked.
    pub records: crate::records::Records,
    /// The date of the revision and of the checklist's answers.
    pub date: NaiveDate,
    /// Keys of every entry of the 課題一覧: the matters the profile leaves undecided, then the
    /// yearly checklist's いいえ and dated 2FA renewals that no such matter already covers.
    pub open_items: Vec<String>,
    /// Keys of the matters the profile leaves undecided (what `build` counts and `--strict`
    /// refuses; the checklist's entries carry dates and are listed, not refused).
    pub undecided: Vec<String>,
    /// Required requirements no document meets.
    pub uncovered: Vec<String>,
    /// Local edits not accepted against the current built-in text.
    pub local_warnings: Vec<String>,
    /// Example values of `kitei init` still in the profile (`file:line 値`): a warning, and
    /// `--strict` refuses.
    pub examples: Vec<String>,
}
