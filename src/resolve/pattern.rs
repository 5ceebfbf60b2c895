//! Deriving the reference pattern (参照パターン I–IV) from the profile.
//!
//! Two questions decide it: whether the systems that touch medical information are held by the
//! facility (on-premises) or used as cloud services, and whether there are dedicated operations
//! staff. A facility with paper charts is still in scope when its billing system or オンライン資格確認
//! terminal touches medical information; those systems count even if `medical_information` is false.

use serde::Serialize;

use crate::load::profile::{Hosting, ProfileData, SystemKind};
use crate::model::Guideline;

/// The derived pattern with the steps that led to it.
#[derive(Debug, Clone, Serialize)]
pub struct PatternDecision {
    /// I, II, III or IV.
    pub id: String,
    /// The pattern's description.
    pub description: String,
    /// How the systems are held.
    pub hosting: Hosting,
    /// Whether there are dedicated staff.
    pub dedicated_staff: bool,
    /// The reasoning, in Japanese, one step per line.
    pub reasoning: Vec<String>,
}

/// Systems that bring a facility into the guideline's scope.
fn in_scope(kind: SystemKind, medical_information: bool) -> bool {
    medical_information || matches!(kind, SystemKind::Receipt | SystemKind::OnlineQualification)
}

/// Derives the pattern.
pub fn derive_pattern(guideline: &Guideline, data: &ProfileData) -> PatternDecision {
    let mut reasoning = Vec::new();
    let scoped: Vec<_> = data.systems.iter().filter(|s| in_scope(s.kind, s.medical_information)).collect();
    for system in &scoped {
        let place = match system.hosting {
            Hosting::OnPremises => "施設内に保有（オンプレミス型）",
            Hosting::Cloud => "クラウドサービス型",
        };
        let why = if system.medical_information {
            "医療情報を扱う"
        } else {
            "医療情報へのアクセスが生じる"
        };
        reasoning.push(format!("「{}」は{why}システムであり、{place}である。", system.name));
    }
    if data.organization.paper_charts {
        reasoning.push(
            "診療録は紙運用であるが、上記のシステムで医療情報に触れるため、ガイドラインの対象となる。".to_owned(),
        );
    }
    let hosting = if !scoped.is_empty() && scoped.iter().all(|s| s.hosting == Hosting::Cloud) {
        reasoning
            .push("医療情報に関わるシステムはすべてクラウドサービス型であり、施設に保有しない運用である。".to_owned());
        Hosting::Cloud
    } else {
        reasoning.push("医療情報に関わるシステムの一部または全部を施設内に保有して運用している。".to_owned());
        Hosting::OnPremises
    };
    let staff = data.organization.dedicated_it_staff;
    reasoning.push(
        if staff {
            "システム運用専任の担当者がいる。"
        } else {
            "システム運用専任の担当者がいない。"
        }
        .to_owned(),
    );
    let rule = guideline.applicability.patterns.iter().find(|p| p.hosting == hosting && p.dedicated_staff == staff);
    let (id, description) = rule.map(|p| (p.id.clone(), p.description.clone())).unwrap_or_default();
    reasoning.push(format!("よって参照パターン{}とする。", super::numeral(&id)));
    PatternDecision { id, description, hosting, dedicated_staff: staff, reasoning }
}
