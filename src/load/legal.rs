//! Legal anchors and retention periods (`content/legal.yaml`).
//!
//! The 運用管理規程 cites the law that obliges the facility to keep its systems safe and lists
//! how long each record must be kept. Those are facts a committee checks against the law, so they
//! live in content data with the source each was verified against, never in a template.

use serde::{Deserialize, Serialize};

use super::profile::FacilityKind;

/// The legal content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// Provisions that oblige the facility to take security measures.
    pub anchors: Vec<Anchor>,
    /// Retention periods of records.
    pub retention: Vec<Retention>,
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
        assert!(legal.retention_for(FacilityKind::Pharmacy).any(|r| r.record == "調剤録"));
        assert!(legal.retention_for(FacilityKind::Hospital).any(|r| r.period == "2年"));
    }
}
