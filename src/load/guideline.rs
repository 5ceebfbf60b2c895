//! The guideline as data: raw shapes of the files under `content/guideline/<version>/`.
//!
//! These mirror the YAML one to one (see `content/README.md`); [`crate::model`] holds the checked
//! model with derived ids that the rest of kitei uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

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

/// The four volumes of 6.0 (and the fifth of 7.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VolumeKey {
    /// 概説編
    Overview,
    /// 経営管理編
    Governance,
    /// 企画管理編
    Management,
    /// システム運用編
    Control,
    /// 保守委託機関編 (7.0)
    Outsourced,
}

impl VolumeKey {
    /// The key as written in ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Governance => "governance",
            Self::Management => "management",
            Self::Control => "control",
            Self::Outsourced => "outsourced",
        }
    }

    /// Whether the volume states 遵守事項.
    pub fn has_requirements(self) -> bool {
        self != Self::Overview
    }

    /// The short prefix the guideline's 各編間相関表 and Q&A use for the volume (シス14③).
    pub fn short(self) -> &'static str {
        match self {
            Self::Overview => crate::w!("guideline.overview_short"),
            Self::Governance => crate::w!("guideline.governance_short"),
            Self::Management => crate::w!("guideline.management_short"),
            Self::Control => crate::w!("guideline.control_short"),
            Self::Outsourced => crate::w!("guideline.outsourced_short"),
        }
    }

    /// The volume's key from its id prefix (`control`).
    pub fn parse(key: &str) -> Option<Self> {
        [Self::Overview, Self::Governance, Self::Management, Self::Control, Self::Outsourced]
            .into_iter()
            .find(|v| v.as_str() == key)
    }
}

/// A reference pattern as printed in a pattern mark ([Ⅰ～Ⅳ], [Ⅰ、Ⅲ]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Mark {
    /// Ⅰ: on-premises, dedicated staff.
    I,
    /// Ⅱ: cloud, dedicated staff.
    II,
    /// Ⅲ: on-premises, no dedicated staff.
    III,
    /// Ⅳ: cloud, no dedicated staff.
    IV,
}

impl Mark {
    /// The pattern id used in `applicability.yaml` ("I" … "IV").
    pub fn id(self) -> &'static str {
        match self {
            Self::I => "I",
            Self::II => "II",
            Self::III => "III",
            Self::IV => "IV",
        }
    }

    /// The Roman numeral as printed (Ⅰ … Ⅳ).
    pub fn numeral(self) -> &'static str {
        match self {
            Self::I => "Ⅰ",
            Self::II => "Ⅱ",
            Self::III => "Ⅲ",
            Self::IV => "Ⅳ",
        }
    }

    /// A mark as printed: 「［Ⅰ、Ⅲ］」, or 「［Ⅰ～Ⅳ］」 for all four.
    pub fn printed(marks: &[Mark]) -> String {
        if marks == [Self::I, Self::II, Self::III, Self::IV] {
            return crate::w!("guideline.mark_all").to_owned();
        }
        let numerals: Vec<&str> = marks.iter().map(|m| m.numeral()).collect();
        crate::w!("guideline.mark", patterns = numerals.join(crate::w!("lists.separator")))
    }
}

/// The guideline's three roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// 経営層
    Governance,
    /// 企画管理者
    Management,
    /// システム運用担当者
    Operations,
}

impl Role {
    /// The guideline's term for the role.
    pub fn guideline_term(self) -> &'static str {
        match self {
            Self::Governance => crate::w!("roles.governance"),
            Self::Management => crate::w!("roles.safety_manager"),
            Self::Operations => crate::w!("roles.operations"),
        }
    }
}

/// Where a requirement's wording comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// The MHLW summary deck the project started from.
    Seed,
    /// Confirmed in the published guideline.
    Guideline,
    /// kitei's own formulation.
    Kitei,
}

impl Provenance {
    /// A short label for table cells (explained in a legend).
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Seed => crate::w!("guideline.seed_short"),
            Self::Guideline => crate::w!("guideline.guideline_short"),
            Self::Kitei => crate::w!("guideline.kitei_short"),
        }
    }

    /// The key as written in content and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seed => "seed",
            Self::Guideline => "guideline",
            Self::Kitei => "kitei",
        }
    }

    /// A Japanese label for documents.
    pub fn label(self) -> &'static str {
        match self {
            Self::Seed => crate::w!("guideline.seed"),
            Self::Guideline => crate::w!("guideline.guideline"),
            Self::Kitei => crate::w!("guideline.kitei"),
        }
    }
}

/// `areas.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAreas {
    /// The areas.
    pub areas: Vec<Area>,
}

/// An area of responsibility (a row of the 責任分界表).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The key used in profiles.
    pub key: String,
    /// Japanese title.
    pub title: String,
    /// What it includes.
    pub description: String,
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

/// One reference pattern.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    /// I, II, III or IV.
    pub id: String,
    /// Whether the facility holds its systems (on-premises) or uses cloud services.
    pub hosting: crate::load::profile::Hosting,
    /// Whether it has dedicated operations staff.
    pub dedicated_staff: bool,
    /// Japanese description.
    pub description: String,
    /// Whether the システム運用担当者 is read as the 運用管理者.
    #[serde(default)]
    pub operations_read_as_manager: bool,
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

/// Facts of a facility that remove parts of the guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// No electronic-signature system.
    NoESignature,
    /// No scanning of paper records.
    NoScanning,
    /// No wireless LAN.
    NoWirelessLan,
    /// No remote access from outside.
    NoRemoteAccess,
    /// The facility is not a 保守委託機関 (7.0): it has dedicated staff, or not every system's server
    /// security updates are contracted to a vendor in writing.
    NotMaintenanceOutsourced,
}
