//! The guideline as data: raw shapes of the files under `content/guideline/<version>/`.
//!
//! These mirror the YAML one to one (see `content/README.md`); [`crate::model`] holds the checked
//! model with derived ids that the rest of kitei uses.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub use crate::model::terms::{Area, Condition, Mark, PatternRule, Provenance, Role, VolumeKey};

/// `guideline.yaml`: a version's metadata and its files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuideline {
    /// The version, e.g. "6.0".
    pub version: String,
    /// The guideline's title.
    pub title: String,
    /// The edition as printed, e.g. 第6.0版.
    pub edition: String,
    /// Date of issue.
    pub issued: chrono::NaiveDate,
    /// Issuing body.
    pub publisher: String,
    /// The version this one is expressed as changes to (7.0 on 6.0).
    #[serde(default)]
    pub base: Option<String>,
    /// A note on where the content comes from (e.g. partial knowledge of a new version).
    #[serde(default)]
    pub provenance_note: Option<String>,
    /// Volume files, in order.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Change files applied on top of the base version.
    #[serde(default)]
    pub changes: Vec<String>,
}

/// One volume file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVolume {
    /// Which volume.
    pub volume: VolumeKey,
    /// Its Japanese title.
    pub title: String,
    /// The reader it addresses, in the published wording.
    pub reader: String,
    /// The seed deck's wording for the reader, where it differs.
    #[serde(default)]
    pub seed_reader: Option<String>,
    /// Our summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Chapters in order.
    pub chapters: Vec<RawChapter>,
}

/// A chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChapter {
    /// Its number, e.g. "15".
    pub number: Spanned<String>,
    /// Published title.
    pub title: String,
    /// The seed's title where it differs.
    #[serde(default)]
    pub seed_title: Option<String>,
    /// The published pattern mark of the heading (システム運用編: [Ⅰ、Ⅲ] → `[I, III]`).
    #[serde(default)]
    pub mark: Option<Vec<Mark>>,
    /// Where the chapter's 遵守事項 are printed (document and page, e.g. `システム運用編 p.44`).
    #[serde(default)]
    pub source: Option<String>,
    /// Our summary.
    pub summary: String,
    /// Its sections.
    #[serde(default)]
    pub sections: Vec<RawSection>,
    /// Chapter-level requirements.
    #[serde(default)]
    pub requirements: Vec<RawRequirement>,
}

/// A section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Its number, e.g. "15.1".
    pub number: Spanned<String>,
    /// Published title.
    pub title: String,
    /// The seed's title where it differs.
    #[serde(default)]
    pub seed_title: Option<String>,
    /// A pattern mark printed on the section where it differs from its chapter's.
    #[serde(default)]
    pub mark: Option<Vec<Mark>>,
    /// Where the section's 遵守事項 are printed.
    #[serde(default)]
    pub source: Option<String>,
    /// Our summary.
    pub summary: String,
    /// Section-level requirements.
    #[serde(default)]
    pub requirements: Vec<RawRequirement>,
}

/// A requirement (遵守事項): an official item (`no:`) or one of kitei's own (`supplement:`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequirement {
    /// The published item number (④ → 4).
    #[serde(default)]
    pub no: Option<Spanned<u32>>,
    /// kitei's own item, numbered 1.. per chapter (or subsection): id `control.8-k1`.
    #[serde(default)]
    pub supplement: Option<Spanned<u32>>,
    /// The printed heading of the list the item belongs to, where a subsection prints several
    /// separately numbered lists (経営管理編 1.2.2: <説明責任> ①, <善後策を講ずる責任> ①②③).
    #[serde(default)]
    pub list: Option<Spanned<String>>,
    /// For chapter-level requirements: the section that explains it.
    #[serde(default)]
    pub section: Option<Spanned<String>>,
    /// A pattern mark printed on this item where it differs from its chapter's.
    #[serde(default)]
    pub mark: Option<Vec<Mark>>,
    /// Where the item is printed (document and page); required for provenance `guideline`.
    #[serde(default)]
    pub source: Option<String>,
    /// Short label.
    pub label: Spanned<String>,
    /// The role that owns it.
    pub owner: Role,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Area of responsibility.
    #[serde(default)]
    pub area: Option<Spanned<String>>,
    /// The requirement in our words.
    pub text: String,
}

/// `areas.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAreas {
    /// The areas.
    pub areas: Vec<Area>,
}

/// `applicability.yaml`: the reference patterns and what applies to whom.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApplicability {
    /// The four reference patterns.
    pub patterns: Vec<PatternRule>,
    /// What a cloud facility may simplify when a vendor contract covers it.
    pub simplifiable: Simplifiable,
    /// Parts that drop out when a facility lacks a feature.
    pub conditions: Vec<ConditionRule>,
}

/// Parts a cloud facility may simplify.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simplifiable {
    /// The patterns allowed to simplify.
    pub patterns: Vec<String>,
    /// Selectors (volume, chapter, section or requirement ids) that may be simplified.
    pub parts: Vec<Spanned<String>>,
    /// Selectors that may never be simplified.
    pub except: Vec<Spanned<String>>,
    /// Reasons to show instead of the standard one for some of the `except` selectors.
    #[serde(default)]
    pub except_notes: Vec<ExceptNote>,
}

/// A reason shown for parts that may never be simplified (e.g. where the seed's rule names items
/// whose published text kitei could not verify).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptNote {
    /// Selectors the reason is for.
    pub parts: Vec<Spanned<String>>,
    /// The reason, in Japanese.
    pub reason: String,
}

/// A part that drops out when a condition holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionRule {
    /// The condition.
    pub when: Condition,
    /// What drops out.
    pub not_applicable: Vec<Spanned<String>>,
    /// Why, in Japanese.
    pub reason: String,
}
