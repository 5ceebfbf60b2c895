//! Stage 2, resolve: in, a guideline and a profile; out, a `Resolution` (what the guideline asks of
//! this facility).
//!
//! From the profile it derives the reference pattern (with the reasoning, so a 運用管理者 can check
//! it), gives every requirement a status (`required`, `delegated` to a named vendor, or
//! `not-applicable`) with a reason in Japanese, and says who holds each role. The rules are data
//! (`applicability.yaml`); this module only applies them.

mod marks;
pub mod open_items;
mod outsourcing;
mod pattern;
pub mod responsibility;
pub mod support;

use serde::Serialize;

pub use marks::{effective_mark, numeral};
pub use open_items::OpenItem;
pub use outsourcing::{maintenance_outsourced, OutsourcingDecision};
pub use pattern::{derive_pattern, PatternDecision, PatternStep};
pub use responsibility::{Doer, Responsibility};

use crate::load::profile::ProfileData;
use crate::load::{Profile, SharedContent};
use crate::model::{Condition, Guideline, Requirement, Role};
use crate::wording::Wording;

/// What a requirement means for this facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The facility meets it itself.
    Required,
    /// A vendor's contract carries it (cloud facilities, simplifiable parts only).
    Delegated,
    /// It does not apply.
    NotApplicable,
}

impl Status {
    /// Short Japanese label for table cells (explained in a legend).
    pub fn short_label(self, wording: &Wording) -> &str {
        match self {
            Self::Required => crate::w!(wording, "status.required_short"),
            Self::Delegated => crate::w!(wording, "status.delegated_short"),
            Self::NotApplicable => crate::w!(wording, "status.not_applicable_short"),
        }
    }

    /// Japanese label.
    pub fn label(self, wording: &Wording) -> &str {
        match self {
            Self::Required => crate::w!(wording, "status.required"),
            Self::Delegated => crate::w!(wording, "status.delegated"),
            Self::NotApplicable => crate::w!(wording, "status.not_applicable"),
        }
    }
}

/// One requirement's status for the facility.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    /// The requirement id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// Why, in Japanese.
    pub reason: String,
    /// Vendors that carry it (for `delegated`).
    pub vendors: Vec<String>,
    /// Whether the reason is simply the pattern's default ("the pattern reads this part"), which
    /// documents state once instead of on every row.
    pub routine: bool,
}

/// The facility's statement of applicability.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The derived reference pattern and why.
    pub pattern: PatternDecision,
    /// Statuses, in the guideline's order.
    pub requirements: Vec<Resolved>,
    /// Who holds each role.
    pub roles: Vec<RoleHolder>,
    /// Whether the facility is a 保守委託機関 (guideline 7.0), and why.
    pub outsourcing: OutsourcingDecision,
    /// Who does what: posts, deputies, the CISO, each area of each system.
    pub responsibility: Responsibility,
    /// What the profile leaves undecided (the 課題一覧).
    pub open_items: Vec<OpenItem>,
}

impl Resolution {
    /// The status of a requirement.
    pub fn status(&self, id: &str) -> Option<&Resolved> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// Each requirement of `guideline` with its status, paired by id (never by position: a status
    /// list built for another version of the guideline cannot shift onto the wrong requirement).
    pub fn paired<'a>(&'a self, guideline: &'a Guideline) -> impl Iterator<Item = (&'a Requirement, &'a Resolved)> {
        let by_id: std::collections::HashMap<&str, &Resolved> =
            self.requirements.iter().map(|s| (s.id.as_str(), s)).collect();
        guideline.requirements.iter().filter_map(move |r| by_id.get(r.id.as_str()).map(|s| (r, *s)))
    }

    /// The holder of a role.
    pub fn role(&self, role: Role) -> &RoleHolder {
        self.roles.iter().find(|r| r.role == role).unwrap_or(&self.roles[0])
    }
}

/// Who holds a role, under the title the facility uses.
#[derive(Debug, Clone, Serialize)]
pub struct RoleHolder {
    /// The guideline role.
    pub role: Role,
    /// The guideline's term (read as 運用管理者 for operations in patterns III and IV).
    pub term: String,
    /// The facility's title for it.
    pub title: String,
    /// The person's name.
    pub name: String,
    /// The person's position.
    pub position: String,
    /// The person's key in the profile.
    pub person: String,
}

/// Resolves the guideline for a checked profile.
/// `shared` gives the open-item checks and the vendor-security wording; `wording` the reasons'.
pub fn resolve(guideline: &Guideline, profile: &Profile, wording: &Wording, shared: &SharedContent) -> Resolution {
    let pattern = derive_pattern(guideline, &profile.data, wording);
    let outsourcing = maintenance_outsourced(profile, wording);
    let facts = Facts { data: &profile.data, outsourced: outsourcing.qualifies, wording };
    let requirements =
        guideline.requirements.iter().map(|r| resolve_requirement(guideline, &facts, &pattern.id, r)).collect();
    let roles = [Role::Governance, Role::Management, Role::Operations]
        .into_iter()
        .map(|role| role_holder(profile, guideline, &pattern.id, role, wording))
        .collect();
    let responsibility = responsibility::resolve(profile, &shared.legal);
    let open_items =
        open_items::collect(guideline, profile, &responsibility, &shared.open_items, &shared.vendor_security);
    Resolution { pattern, requirements, roles, outsourcing, responsibility, open_items }
}

/// The facts of a facility that conditions test.
struct Facts<'a> {
    data: &'a ProfileData,
    outsourced: bool,
    wording: &'a Wording,
}

fn resolve_requirement(guideline: &Guideline, facts: &Facts<'_>, pattern: &str, requirement: &Requirement) -> Resolved {
    let (data, wording) = (facts.data, facts.wording);
    let rules = &guideline.applicability;
    let resolved = |status, reason: String, vendors| Resolved {
        id: requirement.id.clone(),
        status,
        reason,
        vendors,
        routine: false,
    };
    if let Some(exclusion) = rules
        .conditions
        .iter()
        .find(|c| condition_holds(c.when, facts) && c.selectors.iter().any(|s| requirement.matches(s)))
    {
        return resolved(Status::NotApplicable, exclusion.reason.clone(), Vec::new());
    }
    let seed_reading = if rules.is_simplifiable(pattern, requirement) {
        crate::w!(wording, "status.simplifiable")
    } else {
        crate::w!(wording, "status.to_refer")
    };
    if let Some(reason) = marks::excluded_by_mark(guideline, requirement, pattern, seed_reading, wording) {
        // A chapter printed for on-premises systems (［Ⅰ、Ⅲ］) still applies to the systems a cloud
        // facility uses: their provider carries it under contract and the facility confirms it is
        // done (委託・履行確認), never 適用除外.
        let providers = cloud_providers(data);
        if !providers.is_empty() {
            let names: Vec<String> = providers.iter().map(|v| v.name.clone()).collect();
            let reason = crate::w!(
                wording,
                "status.carried_by_provider",
                printed = crate::model::Mark::printed(
                    wording,
                    marks::effective_mark(guideline, requirement).unwrap_or_default()
                ),
                pattern = numeral(pattern),
                vendors = names.join(crate::w!(wording, "lists.separator"))
            );
            return resolved(Status::Delegated, reason, providers.iter().map(|v| v.key.clone()).collect());
        }
        return resolved(Status::NotApplicable, reason, Vec::new());
    }
    let shown = numeral(pattern);
    if !rules.is_simplifiable(pattern, requirement) {
        if rules.simplifying_patterns.iter().any(|p| p == pattern)
            && rules.simplifiable.iter().any(|s| requirement.matches(s))
        {
            let reason = rules
                .never_simplified_note(requirement)
                .map_or_else(|| crate::w!(wording, "status.never_simplified", pattern = shown), str::to_owned);
            return resolved(Status::Required, reason, Vec::new());
        }
        let reason = crate::w!(wording, "status.referred", pattern = shown);
        return Resolved { routine: true, ..resolved(Status::Required, reason, Vec::new()) };
    }
    let vendors = covering_vendors(data, requirement);
    if vendors.is_empty() {
        let area = requirement
            .area
            .as_deref()
            .and_then(|a| guideline.area(a))
            .map(|a| a.title.as_str())
            .unwrap_or(crate::w!(wording, "status.this_area"));
        return resolved(Status::Required, crate::w!(wording, "status.no_contract", area = area), Vec::new());
    }
    let names: Vec<String> = vendors.iter().map(|v| v.name.clone()).collect();
    resolved(
        Status::Delegated,
        crate::w!(
            wording,
            "status.delegated_reason",
            pattern = shown,
            vendors = names.join(crate::w!(wording, "lists.separator"))
        ),
        vendors.iter().map(|v| v.key.clone()).collect(),
    )
}

/// The vendors providing the facility's cloud systems that hold medical information, each once.
fn cloud_providers(data: &ProfileData) -> Vec<&crate::load::profile::Vendor> {
    let mut providers: Vec<&crate::load::profile::Vendor> = Vec::new();
    let cloud = data
        .systems
        .iter()
        .filter(|s| s.holds_medical_information() && s.hosting == crate::load::profile::Hosting::Cloud);
    for vendor in cloud.filter_map(|s| s.vendor.as_ref()).filter_map(|v| data.vendors.iter().find(|d| d.key == v.value))
    {
        if !providers.iter().any(|p| p.key == vendor.key) {
            providers.push(vendor);
        }
    }
    providers
}

fn covering_vendors<'a>(data: &'a ProfileData, requirement: &Requirement) -> Vec<&'a crate::load::profile::Vendor> {
    let Some(area) = requirement.area.as_deref() else {
        return Vec::new();
    };
    data.vendors.iter().filter(|v| v.contract.covers.iter().any(|c| c.value == area)).collect()
}

fn condition_holds(condition: Condition, facts: &Facts<'_>) -> bool {
    let data = facts.data;
    match condition {
        Condition::NotMaintenanceOutsourced => !facts.outsourced,
        Condition::NoESignature => !data.signs_electronically(),
        Condition::NoScanning => !data.organization.scanning,
        Condition::NoWirelessLan => !data.network.wireless_lan,
        Condition::NoRemoteAccess => !data.network.remote_access,
    }
}

fn role_holder(profile: &Profile, guideline: &Guideline, pattern: &str, role: Role, wording: &Wording) -> RoleHolder {
    let roles = &profile.data.roles;
    let assignment = match role {
        Role::Governance => &roles.governance,
        Role::Management => &roles.management,
        Role::Operations => &roles.operations,
    };
    let read_as_manager = guideline.applicability.pattern(pattern).is_some_and(|p| p.operations_read_as_manager);
    let term = if role == Role::Operations && read_as_manager {
        crate::w!(wording, "roles.operations_manager")
    } else {
        role.guideline_term(wording)
    };
    let person = profile.person(&assignment.person.value);
    RoleHolder {
        role,
        term: term.to_owned(),
        title: assignment.title.clone().unwrap_or_else(|| term.to_owned()),
        name: person.map(|p| p.name.clone()).unwrap_or_default(),
        position: person.map(|p| p.position.clone()).unwrap_or_default(),
        person: assignment.person.value.clone(),
    }
}
