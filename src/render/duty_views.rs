//! What templates see of the resolved responsibility model and of the open items.
//!
//! Every document reads these views, so "who does what" is worded in one place: the CISO, each
//! post's deputies, and each area of each system in normal times and in an emergency.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Profile;
use crate::model::{Guideline, Role};
use crate::resolve::responsibility::{AreaSplit, Duty, Post};
use crate::resolve::{Doer, Resolution};
use crate::wareki;
use crate::wording::Wording;

/// A post with its holder and deputies.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    /// The facility's title for the post.
    pub title: String,
    /// The holder's name.
    pub name: String,
    /// The holder's position.
    pub position: String,
    /// The holder's phone.
    pub phone: Option<String>,
    /// Deputies in order, each 「職名　氏名」.
    pub deputies: Vec<String>,
    /// The deputies' positions in the same order, for prose (which names posts, not people).
    pub deputy_positions: Vec<String>,
}

/// The areas of one system.
#[derive(Debug, Clone, Serialize)]
pub struct SystemDutiesView {
    /// The system's name.
    pub system: String,
    /// Hosting in a word (オンプレミス / クラウド).
    pub hosting: &'static str,
    /// The vendor's name.
    pub vendor: Option<String>,
    /// The operator of a national service (then the vendor installs and maintains the terminal).
    pub operator: Option<String>,
    /// Who provides it, as the heading's bracket prints it (「クラウド、A社」, or the operator
    /// and the installer of a national service).
    pub party: String,
    /// The rows.
    pub rows: Vec<DutyView>,
}

/// Systems whose areas are split alike, printed as one table.
#[derive(Debug, Clone, Serialize)]
pub struct SystemGroupView {
    /// The systems' names, in the profile's order.
    pub systems: Vec<String>,
    /// Hosting in a word (オンプレミス / クラウド).
    pub hosting: &'static str,
    /// The vendor's name.
    pub vendor: Option<String>,
    /// The operator of a national service.
    pub operator: Option<String>,
    /// Who provides them, as the heading's bracket prints it.
    pub party: String,
    /// The rows all of them share.
    pub rows: Vec<DutyView>,
}

/// One area: who does it in normal times and in an emergency.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct DutyView {
    /// Area key.
    pub area: String,
    /// Area title.
    pub title: String,
    /// Normal times, ready to print (「当施設」 or the vendor's name).
    pub normal: String,
    /// Emergency, ready to print.
    pub emergency: String,
    /// Whether a national service's operator does it in normal times.
    pub by_operator: bool,
    /// Whether a vendor does it in normal times (the facility then confirms it: 履行確認).
    pub by_vendor: bool,
}

/// One open item, numbered.
#[derive(Debug, Clone, Serialize)]
pub struct OpenItemView {
    /// 1-based.
    pub no: usize,
    /// The stable key of the matter (`emergency_contacts.警察`), for figures that point at the row.
    pub key: String,
    /// What is to be decided.
    pub item: String,
    /// Why it matters.
    pub why: String,
    /// The requirement as readers know it: 「企画15⑧（バックアップと復旧目標）」.
    pub requirement: Option<String>,
    /// Who decides (the facility's title).
    pub owner: String,
    /// Target date in 和暦.
    pub due: String,
    /// The yearly checklist's items it answers (「R8 2-⑨」).
    pub checklist: Vec<String>,
}

/// The responsibility views, built once.
#[derive(Debug, Clone, Serialize)]
pub struct ResponsibilityView {
    /// Posts by key (governance, management, operations, audit).
    pub posts: BTreeMap<&'static str, PostView>,
    /// The CISO.
    pub ciso: PostView,
    /// Whether the CISO is a post of its own rather than the 企画管理者's.
    pub ciso_separate: bool,
    /// Per system, in the profile's order.
    pub systems: Vec<SystemDutiesView>,
    /// Systems split alike, grouped (a group's place is its first system's).
    pub groups: Vec<SystemGroupView>,
    /// Facility-wide areas.
    pub facility: Vec<DutyView>,
    /// Area key → facility / vendor / shared / absent across the facility.
    pub split: BTreeMap<String, AreaSplit>,
}

/// Builds the responsibility views (the 責任分界表 and `kitei check` print the same rows).
pub fn responsibility_view(
    guideline: &Guideline,
    profile: &Profile,
    resolution: &Resolution,
    wording: &'static Wording,
) -> ResponsibilityView {
    let r = &resolution.responsibility;
    // Grouped once: a profile may list thousands of systems.
    let mut by_system: std::collections::HashMap<&str, Vec<&Duty>> = std::collections::HashMap::new();
    for duty in &r.duties {
        if let Some(system) = duty.system.as_deref() {
            by_system.entry(system).or_default().push(duty);
        }
    }
    let systems: Vec<SystemDutiesView> = profile
        .data
        .systems
        .iter()
        .map(|s| {
            let duties = by_system.get(s.key.as_str()).map(Vec::as_slice).unwrap_or_default();
            let hosting = match s.hosting {
                crate::load::profile::Hosting::OnPremises => crate::w!(wording, "views.on_premises_short"),
                crate::load::profile::Hosting::Cloud => crate::w!(wording, "views.cloud_short"),
            };
            let vendor = s.vendor.as_ref().and_then(|v| profile.vendor(&v.value)).map(|v| v.name.clone());
            let operator = duties.iter().find_map(|d| match &d.normal {
                Doer::Operator(name) => Some(name.clone()),
                _ => None,
            });
            SystemDutiesView {
                system: s.name.clone(),
                party: party(hosting, vendor.as_deref(), operator.as_deref(), wording),
                hosting,
                vendor,
                operator,
                rows: duties.iter().map(|d| duty_view(guideline, profile, d, wording)).collect(),
            }
        })
        .collect();
    let split = guideline.areas.iter().map(|a| (a.key.clone(), r.area_split(&a.key))).collect();
    let groups = group_alike(&systems);
    ResponsibilityView {
        posts: r.posts.iter().map(|p| (p.key, post_view(profile, resolution, p, wording))).collect(),
        ciso: post_view(profile, resolution, &r.ciso, wording),
        ciso_separate: r.ciso_separate,
        systems,
        groups,
        facility: r
            .duties
            .iter()
            .filter(|d| d.system.is_none())
            .map(|d| duty_view(guideline, profile, d, wording))
            .collect(),
        split,
    }
}

/// Who provides a system, as a heading's bracket prints it. A national service names its operator
/// first: the installer only sets up and maintains the terminal and the line.
fn party(hosting: &str, vendor: Option<&str>, operator: Option<&str>, wording: &'static Wording) -> String {
    match (operator, vendor) {
        (Some(operator), Some(vendor)) => {
            crate::w!(wording, "views.party_national_installed", operator = operator, vendor = vendor)
        }
        (Some(operator), None) => crate::w!(wording, "views.party_national", operator = operator),
        (None, Some(vendor)) => crate::w!(wording, "views.party_vendor", hosting = hosting, vendor = vendor),
        (None, None) => hosting.to_owned(),
    }
}

/// Groups the systems whose hosting, vendor and rows are the same. A department with dozens of
/// like systems then reads one table with their names instead of dozens of identical tables (and
/// a PDF of 1,000 such systems stays within memory).
fn group_alike(systems: &[SystemDutiesView]) -> Vec<SystemGroupView> {
    let mut groups: Vec<SystemGroupView> = Vec::new();
    let mut index: std::collections::HashMap<(&'static str, Option<&str>, &[DutyView]), usize> =
        std::collections::HashMap::new();
    for s in systems {
        let key = (s.hosting, s.vendor.as_deref(), s.rows.as_slice());
        match index.get(&key) {
            Some(&i) => groups[i].systems.push(s.system.clone()),
            None => {
                index.insert(key, groups.len());
                groups.push(SystemGroupView {
                    systems: vec![s.system.clone()],
                    hosting: s.hosting,
                    vendor: s.vendor.clone(),
                    operator: s.operator.clone(),
                    party: s.party.clone(),
                    rows: s.rows.clone(),
                });
            }
        }
    }
    groups
}

fn post_view(profile: &Profile, resolution: &Resolution, post: &Post, wording: &Wording) -> PostView {
    let person = profile.person(&post.person);
    let title = match post.key {
        "governance" => resolution.role(Role::Governance).title.clone(),
        "management" => resolution.role(Role::Management).title.clone(),
        "operations" => resolution.role(Role::Operations).title.clone(),
        "audit" => profile
            .data
            .roles
            .audit
            .as_ref()
            .and_then(|a| a.title.clone())
            .unwrap_or(crate::w!(wording, "roles.audit_manager").into()),
        _ => profile
            .data
            .roles
            .ciso
            .as_ref()
            .and_then(|a| a.title.clone())
            .unwrap_or(crate::w!(wording, "roles.ciso").into()),
    };
    PostView {
        title,
        name: person.map(|p| p.name.clone()).unwrap_or_default(),
        position: person.map(|p| p.position.clone()).unwrap_or_default(),
        phone: person.and_then(|p| p.phone.clone()),
        deputies: post
            .succession
            .iter()
            .filter_map(|key| profile.person(key))
            .map(|p| format!("{}　{}", p.position, p.name))
            .collect(),
        deputy_positions: post
            .succession
            .iter()
            .filter_map(|key| profile.person(key))
            .map(|p| p.position.clone())
            .collect(),
    }
}

fn duty_view(guideline: &Guideline, profile: &Profile, duty: &Duty, wording: &'static Wording) -> DutyView {
    let name = |doer: &Doer| match doer {
        Doer::Facility => here(profile.data.facility.kind, wording).to_owned(),
        Doer::Vendor(key) => profile.vendor(key).map_or_else(|| key.clone(), |v| v.name.clone()),
        Doer::Operator(name) => name.clone(),
    };
    DutyView {
        area: duty.area.clone(),
        title: guideline.area(&duty.area).map(|a| a.title.clone()).unwrap_or_else(|| duty.area.clone()),
        normal: name(&duty.normal),
        emergency: name(&duty.emergency),
        by_vendor: duty.normal.vendor().is_some(),
        by_operator: matches!(duty.normal, Doer::Operator(_)),
    }
}

/// How a facility of `kind` calls itself in its documents.
pub(super) fn here(kind: crate::load::profile::FacilityKind, wording: &'static Wording) -> &'static str {
    match kind {
        crate::load::profile::FacilityKind::Hospital
        | crate::load::profile::FacilityKind::Clinic
        | crate::load::profile::FacilityKind::DentalClinic => crate::w!(wording, "views.here_medical"),
        crate::load::profile::FacilityKind::Pharmacy => crate::w!(wording, "views.here_pharmacy"),
        crate::load::profile::FacilityKind::Other => crate::w!(wording, "views.here_other"),
    }
}

/// The open items, numbered, with the owner's title and the requirement's label.
pub(super) fn open_items_view(guideline: &Guideline, resolution: &Resolution, wording: &Wording) -> Vec<OpenItemView> {
    resolution
        .open_items
        .iter()
        .enumerate()
        .map(|(i, item)| OpenItemView {
            no: i + 1,
            key: item.key.clone(),
            item: item.item.clone(),
            why: item.why.clone(),
            requirement: item
                .requirement
                .as_deref()
                .and_then(|id| guideline.requirement(id))
                .map(|r| format!("{}（{}）", r.name(wording), r.label)),
            owner: resolution.role(item.owner).title.clone(),
            due: wareki::format(item.due),
            checklist: item.checklist.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(name: &str, vendor: &str, backup_by: &str) -> SystemDutiesView {
        let row = |area: &str, by: &str| DutyView {
            area: area.to_owned(),
            title: area.to_owned(),
            normal: by.to_owned(),
            emergency: by.to_owned(),
            by_vendor: by != "当院",
            by_operator: false,
        };
        SystemDutiesView {
            system: name.to_owned(),
            hosting: "オンプレミス",
            vendor: Some(vendor.to_owned()),
            operator: None,
            party: format!("オンプレミス、{vendor}"),
            rows: vec![row("infrastructure", vendor), row("backup", backup_by)],
        }
    }

    #[test]
    fn systems_split_alike_share_one_table_in_the_profiles_order() {
        let systems = [
            system("電子カルテ", "A社", "当院"),
            system("レセコン", "B社", "当院"),
            system("部門システム", "A社", "当院"),
            system("画像システム", "A社", "A社"),
        ];
        let groups = group_alike(&systems);
        let names: Vec<Vec<&str>> = groups.iter().map(|g| g.systems.iter().map(String::as_str).collect()).collect();
        assert_eq!(names, [vec!["電子カルテ", "部門システム"], vec!["レセコン"], vec!["画像システム"]]);
        assert_eq!(groups[0].rows, systems[0].rows);
    }
}
