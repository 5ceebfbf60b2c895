//! The guideline's vocabulary, shared by the raw content files and the checked model: volumes,
//! pattern marks, roles, provenance, areas, the reference patterns and the conditions that remove
//! parts (and how a system is hosted, which the patterns and the profile both name).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::wording::Wording;

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
    pub fn short(self, wording: &Wording) -> &str {
        match self {
            Self::Overview => crate::w!(wording, "guideline.overview_short"),
            Self::Governance => crate::w!(wording, "guideline.governance_short"),
            Self::Management => crate::w!(wording, "guideline.management_short"),
            Self::Control => crate::w!(wording, "guideline.control_short"),
            Self::Outsourced => crate::w!(wording, "guideline.outsourced_short"),
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
    pub fn printed(wording: &Wording, marks: &[Mark]) -> String {
        if marks == [Self::I, Self::II, Self::III, Self::IV] {
            return crate::w!(wording, "guideline.mark_all").to_owned();
        }
        let numerals: Vec<&str> = marks.iter().map(|m| m.numeral()).collect();
        crate::w!(wording, "guideline.mark", patterns = numerals.join(crate::w!(wording, "lists.separator")))
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
    pub fn guideline_term(self, wording: &Wording) -> &str {
        match self {
            Self::Governance => crate::w!(wording, "roles.governance"),
            Self::Management => crate::w!(wording, "roles.safety_manager"),
            Self::Operations => crate::w!(wording, "roles.operations"),
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
    pub fn short_label(self, wording: &Wording) -> &str {
        match self {
            Self::Seed => crate::w!(wording, "guideline.seed_short"),
            Self::Guideline => crate::w!(wording, "guideline.guideline_short"),
            Self::Kitei => crate::w!(wording, "guideline.kitei_short"),
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
    pub fn label(self, wording: &Wording) -> &str {
        match self {
            Self::Seed => crate::w!(wording, "guideline.seed"),
            Self::Guideline => crate::w!(wording, "guideline.guideline"),
            Self::Kitei => crate::w!(wording, "guideline.kitei"),
        }
    }
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

/// One reference pattern.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    /// I, II, III or IV.
    pub id: String,
    /// Whether the facility holds its systems (on-premises) or uses cloud services.
    pub hosting: Hosting,
    /// Whether it has dedicated operations staff.
    pub dedicated_staff: bool,
    /// Japanese description.
    pub description: String,
    /// Whether the システム運用担当者 is read as the 運用管理者.
    #[serde(default)]
    pub operations_read_as_manager: bool,
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

/// Where a system runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    /// 施設内に保有し運用する（オンプレミス型）
    OnPremises,
    /// 施設に保有しない（クラウドサービス型）
    Cloud,
}
