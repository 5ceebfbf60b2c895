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

/// Systems that bring a facility into the guideline's scope. `medical_information` here already
/// counts the kinds that hold it by nature (a chart built into a レセコン, a web 問診; see
/// `SystemKind::always_holds_medical_information`).
fn in_scope(kind: SystemKind, medical_information: bool) -> bool {
    medical_information || matches!(kind, SystemKind::Receipt | SystemKind::OnlineQualification)
}

/// Derives the pattern.
pub fn derive_pattern(guideline: &Guideline, data: &ProfileData, wording: &crate::wording::Wording) -> PatternDecision {
    let mut reasoning = Vec::new();
    let scoped: Vec<_> = data.systems.iter().filter(|s| in_scope(s.kind, s.holds_medical_information())).collect();
    for system in &scoped {
        let place = match system.hosting {
            Hosting::OnPremises => crate::w!(wording, "pattern.on_premises"),
            Hosting::Cloud => crate::w!(wording, "views.cloud"),
        };
        let why = if system.holds_medical_information() {
            crate::w!(wording, "pattern.handles")
        } else {
            crate::w!(wording, "pattern.accesses")
        };
        reasoning.push(crate::w!(wording, "pattern.system", system = system.name, why = why, place = place));
    }
    if data.organization.paper_charts {
        reasoning.push(crate::w!(wording, "pattern.paper_charts").to_owned());
    }
    let hosting = if !scoped.is_empty() && scoped.iter().all(|s| s.hosting == Hosting::Cloud) {
        reasoning.push(crate::w!(wording, "pattern.all_cloud").to_owned());
        Hosting::Cloud
    } else {
        reasoning.push(crate::w!(wording, "pattern.some_on_premises").to_owned());
        Hosting::OnPremises
    };
    let staff = data.organization.dedicated_it_staff;
    reasoning.push(
        if staff { crate::w!(wording, "pattern.staff") } else { crate::w!(wording, "pattern.no_staff") }.to_owned(),
    );
    let rule = guideline.applicability.patterns.iter().find(|p| p.hosting == hosting && p.dedicated_staff == staff);
    let (id, description) = rule.map(|p| (p.id.clone(), p.description.clone())).unwrap_or_default();
    reasoning.push(crate::w!(wording, "pattern.conclusion", pattern = super::numeral(&id)));
    PatternDecision { id, description, hosting, dedicated_staff: staff, reasoning }
}
