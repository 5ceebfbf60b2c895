//! Legal anchors, retention periods and the operators of national services (`content/legal.yaml`).
//!
//! The 運用管理規程 cites the law that obliges the facility to keep its systems safe and lists
//! how long each record must be kept. Those are facts a committee checks against the law, so they
//! live in content data with the source each was verified against, never in a template.

use serde::{Deserialize, Serialize};

use super::profile::{FacilityKind, SystemKind};

/// The legal content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// Provisions that oblige the facility to take security measures.
    pub anchors: Vec<Anchor>,
    /// Retention periods of records.
    pub retention: Vec<Retention>,
    /// Services run nationally, with their operator.
    #[serde(default)]
    pub national_services: Vec<NationalService>,
}

/// A service run nationally for every facility (オンライン資格確認等システム), and who runs it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NationalService {
    /// The profile's system kind it is.
    pub kind: SystemKind,
    /// The service's name.
    pub service: String,
    /// The operator, as documents print it.
    pub operator: String,
    /// Where it was verified.
    pub source: String,
}

/// A provision the regulation cites as its legal basis.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Stable key.
    pub key: String,
    /// Facility kinds it applies to.
    pub kinds: Vec<FacilityKind>,
    /// The provision (医療法施行規則第14条第2項).
    pub law: String,
    /// What it requires, in Japanese.
    pub text: String,
    /// The measure the 規程 undertakes under it, worded as the provision words it (printed after
    /// 「…の定めるところにより、」).
    pub measure: String,
    /// Where it was verified.
    pub source: String,
}

/// How long a record is kept, and by which law.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// The record.
    pub record: String,
    /// Facility kinds it applies to.
    pub kinds: Vec<FacilityKind>,
    /// The period as the law states it.
    pub period: String,
    /// The provision.
    pub law: String,
    /// Where it was verified.
    pub source: String,
    /// A caveat (e.g. an amendment under discussion).
    #[serde(default)]
    pub note: Option<String>,
}

impl Legal {
    /// Anchors that apply to a kind of facility.
    pub fn anchors_for(&self, kind: FacilityKind) -> impl Iterator<Item = &Anchor> {
        self.anchors.iter().filter(move |a| a.kinds.contains(&kind))
    }

    /// The operator of a national service of `kind`, if it is one this file names.
    pub fn operator_of(&self, kind: SystemKind) -> Option<&str> {
        self.national_services.iter().find(|n| n.kind == kind).map(|n| n.operator.as_str())
    }

    /// Retention periods that apply to a kind of facility.
    pub fn retention_for(&self, kind: FacilityKind) -> impl Iterator<Item = &Retention> {
        self.retention.iter().filter(move |r| r.kinds.contains(&kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_legal_content_parses_and_cites_a_source_for_every_fact() {
        let legal = &crate::load::SharedContent::embedded().legal;
        assert!(!legal.retention.is_empty() && !legal.anchors.is_empty());
        for r in &legal.retention {
            assert!(r.source.starts_with("http"), "{r:?}");
        }
        for a in &legal.anchors {
            assert!(a.source.starts_with("http"), "{a:?}");
        }
        for n in &legal.national_services {
            assert!(n.source.starts_with("http") && n.kind.is_national_service(), "{n:?}");
        }
        assert!(legal.operator_of(SystemKind::OnlineQualification).is_some());
        assert!(legal.operator_of(SystemKind::EPrescription).is_some());
        assert!(legal.retention_for(FacilityKind::Pharmacy).any(|r| r.record == "調剤録"));
        assert!(legal.retention_for(FacilityKind::Hospital).any(|r| r.period == "2年"));
    }
}
