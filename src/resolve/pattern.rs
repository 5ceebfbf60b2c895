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
    /// The steps that led to it, as facts (the terminal prints them in its language).
    pub steps: Vec<PatternStep>,
    /// The same steps as the documents print them, in the facility's wording, one per line.
    pub reasoning: Vec<String>,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PatternStep {
    /// A system in scope: whether it holds medical information (else it only reaches it) and
    /// where it runs.
    System {
        /// The system's name.
        name: String,
        /// Whether it holds medical information.
        holds_medical_information: bool,
        /// Where it runs.
        hosting: Hosting,
    },
    /// The charts are on paper, yet systems in scope touch medical information.
    PaperCharts,
    /// Every system in scope is a cloud service.
    AllCloud,
    /// Some system in scope runs on the premises.
    SomeOnPremises,
    /// Whether there are dedicated operations staff.
    DedicatedStaff(bool),
    /// The pattern reached (`IV`).
    Conclusion(String),
}

impl PatternStep {
    /// The step as the documents print it.
    pub fn sentence(&self, wording: &crate::wording::Wording) -> String {
        match self {
            Self::System { name, holds_medical_information, hosting } => {
                let place = match hosting {
                    Hosting::OnPremises => crate::w!(wording, "pattern.on_premises"),
                    Hosting::Cloud => crate::w!(wording, "views.cloud"),
                };
                let why = if *holds_medical_information {
                    crate::w!(wording, "pattern.handles")
                } else {
                    crate::w!(wording, "pattern.accesses")
                };
                crate::w!(wording, "pattern.system", system = name, why = why, place = place)
            }
            Self::PaperCharts => crate::w!(wording, "pattern.paper_charts").to_owned(),
            Self::AllCloud => crate::w!(wording, "pattern.all_cloud").to_owned(),
            Self::SomeOnPremises => crate::w!(wording, "pattern.some_on_premises").to_owned(),
            Self::DedicatedStaff(true) => crate::w!(wording, "pattern.staff").to_owned(),
            Self::DedicatedStaff(false) => crate::w!(wording, "pattern.no_staff").to_owned(),
            Self::Conclusion(id) => crate::w!(wording, "pattern.conclusion", pattern = super::numeral(id)),
        }
    }
}

/// Systems that bring a facility into the guideline's scope. `medical_information` here already
/// counts the kinds that hold it by nature (a chart built into a レセコン, a web 問診; see
/// `SystemKind::always_holds_medical_information`).
fn in_scope(kind: SystemKind, medical_information: bool) -> bool {
    medical_information || matches!(kind, SystemKind::Receipt | SystemKind::OnlineQualification)
}

/// Derives the pattern.
pub fn derive_pattern(guideline: &Guideline, data: &ProfileData, wording: &crate::wording::Wording) -> PatternDecision {
    let mut steps = Vec::new();
    let scoped: Vec<_> = data.systems.iter().filter(|s| in_scope(s.kind, s.holds_medical_information())).collect();
    for system in &scoped {
        steps.push(PatternStep::System {
            name: system.name.clone(),
            holds_medical_information: system.holds_medical_information(),
            hosting: system.hosting,
        });
    }
    if data.organization.paper_charts {
        steps.push(PatternStep::PaperCharts);
    }
    let hosting = if !scoped.is_empty() && scoped.iter().all(|s| s.hosting == Hosting::Cloud) {
        steps.push(PatternStep::AllCloud);
        Hosting::Cloud
    } else {
        steps.push(PatternStep::SomeOnPremises);
        Hosting::OnPremises
    };
    let staff = data.organization.dedicated_it_staff;
    steps.push(PatternStep::DedicatedStaff(staff));
    let rule = guideline.applicability.patterns.iter().find(|p| p.hosting == hosting && p.dedicated_staff == staff);
    let (id, description) = rule.map(|p| (p.id.clone(), p.description.clone())).unwrap_or_default();
    steps.push(PatternStep::Conclusion(id.clone()));
    let reasoning = steps.iter().map(|step| step.sentence(wording)).collect();
    PatternDecision { id, description, hosting, dedicated_staff: staff, steps, reasoning }
}
