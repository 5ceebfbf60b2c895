//! What the profile leaves undecided: the 課題一覧（未決事項）.
//!
//! A document a committee approves must not print kitei's defaults as the facility's rules
//! ("lock after 5 tries" where nobody decided 5) nor placeholders ("未設定", "未実施"). Every value
//! the documents would need but the profile does not give becomes an open item here instead: what
//! is to be decided, which requirement asks for it, who decides, and by when. The other documents
//! state only what is decided (or delegate to "別に定める"); `build` reports the count and
//! `--strict` refuses to build while any item is open.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::responsibility::Responsibility;
use crate::load::open_items::{Check, Checks};
use crate::load::profile::{ContactKind, ProfileData, RemoteTransport, Rules, System};
use crate::load::vendor_security::VendorSecurity;
use crate::load::Profile;
use crate::model::{Guideline, Role};

/// One undecided matter.
#[derive(Debug, Clone, Serialize)]
pub struct OpenItem {
    /// A stable key (`rules.lockout_attempts`, `systems.ehr.rto_hours`), for tests and tools.
    pub key: String,
    /// What is to be decided, in Japanese.
    pub item: String,
    /// Why it matters, in Japanese.
    pub why: String,
    /// The requirement that asks for it (an id of this guideline version), if any.
    pub requirement: Option<String>,
    /// The role that decides it.
    pub owner: Role,
    /// kitei's proposed date to decide it by: three months after the documents take effect (for
    /// an item of the yearly checklist, its 目標日).
    pub due: NaiveDate,
    /// The yearly checklist's items (「R8 2-⑨」) answered いいえ because of this matter, or that
    /// this entry is.
    pub checklist: Vec<String>,
}

/// Collects the open items of a profile. Requirement ids that this guideline version lacks are
/// left out rather than cited wrongly.
pub fn collect(
    guideline: &Guideline,
    profile: &Profile,
    responsibility: &Responsibility,
    checks: &Checks,
    vendor_security: &VendorSecurity,
) -> Vec<OpenItem> {
    let data = &profile.data;
    let effective = data.document.effective_date;
    let due = effective.checked_add_months(Months::new(3)).unwrap_or(effective);
    let mut items = Vec::new();
    let mut add_item = |key: String, item: String, why: String, requirement: &str, owner: Role| {
        let requirement = guideline.requirement(requirement).map(|r| r.id.clone());
        items.push(OpenItem { key, item, why, requirement, owner, due, checklist: Vec::new() });
    };
    let mut add = |key: String, item: String, check: &Check| {
        add_item(key, item, check.why.clone(), &check.requirement, check.owner);
    };
    for check in checks.rules.iter().filter(|c| rule_open(&data.rules, &c.field)) {
        add(format!("rules.{}", check.field), check.item.clone(), check);
    }
    for s in &data.systems {
        let asked = |field: &str| system_asks(s, field);
        for check in checks.systems.iter().filter(|c| asked(&c.field) && system_open(s, &c.field)) {
            add(format!("systems.{}.{}", s.key, check.field), check.item.replace("{system}", &s.name), check);
        }
    }
    for post in ["management", "operations"].iter().filter_map(|k| responsibility.post(k)) {
        if post.succession.is_empty() && !(post.key == "operations" && same_person(responsibility)) {
            if let Some(check) = checks.deputies.iter().find(|c| c.field == post.key) {
                add(format!("roles.{}.deputy", post.key), check.item.clone(), check);
            }
        }
    }
    for check in &checks.emergency_contacts {
        let kind = contact_kind(&check.field);
        if !data.emergency_contacts.iter().any(|c| c.kind == kind) {
            let label = check.label.as_deref().unwrap_or_default();
            add(format!("emergency_contacts.{label}"), check.item.clone(), check);
        }
    }
    for vendor in data.vendors.iter().filter(|v| !v.contract.written_role_split || v.contract.confirmed.is_none()) {
        for check in &checks.vendors {
            add(format!("vendors.{}.contract", vendor.key), check.item.replace("{vendor}", &vendor.name), check);
        }
    }
    if let Some(committee) = &data.organization.committee {
        for check in checks.committee.iter().filter(|c| c.field == "meets" && committee.meets.is_none()) {
            add(
                format!("organization.committee.{}", check.field),
                check.item.replace("{committee}", &committee.name),
                check,
            );
        }
    }
    for check in checks.schedule.iter().filter(|c| schedule_open(data, &c.field)) {
        add(check.field.clone(), check.item.clone(), check);
    }
    if data.network.exit.is_none() && data.network.internet_use(&data.systems).is_some() {
        for check in checks.network.iter().filter(|c| c.field == "exit") {
            add(NETWORK_EXIT.to_owned(), check.item.clone(), check);
        }
    }
    for (key, (item, why), requirement) in vendor_fact_gaps(data, vendor_security) {
        add_item(key, item, why, requirement, Role::Management);
    }
    items
}

/// The key of the open item for an internet exit the profile does not state (the 構成図 points to
/// its row).
pub const NETWORK_EXIT: &str = "network.exit";

/// Vendor facts the profile leaves open: a remote-maintenance transport not recorded (or not one
/// of the accepted ones), a BCP 手順書 whose provision is not recorded. Wording from content.
fn vendor_fact_gaps(data: &ProfileData, content: &VendorSecurity) -> Vec<(String, (String, String), &'static str)> {
    let mut gaps = Vec::new();
    for v in &data.vendors {
        let transport = match v.contract.remote_transport {
            _ if !v.contract.remote_maintenance => None,
            None => Some(&content.transport.open_item),
            Some(RemoteTransport::Other) => Some(&content.transport.other_item),
            Some(_) => None,
        };
        if let Some(w) = transport {
            gaps.push((
                format!("vendors.{}.remote_transport", v.key),
                (w.item_for(&v.name), w.why.clone()),
                "control.10-k2",
            ));
        }
        if v.contract.bcp_procedure.is_none() {
            let w = &content.bcp_procedure.open_item;
            gaps.push((
                format!("vendors.{}.bcp_procedure", v.key),
                (w.item_for(&v.name), w.why.clone()),
                "management.11-2",
            ));
        }
    }
    gaps
}

/// The body an `emergency_contacts` check is about.
fn contact_kind(field: &str) -> ContactKind {
    match field {
        "police" => ContactKind::Police,
        "prefecture" => ContactKind::Prefecture,
        _ => ContactKind::Mhlw,
    }
}

/// The key of the open item for a missing emergency contact of `kind` (what the yearly checklist
/// links its いいえ to), if content/open-items.yaml checks that body.
pub fn emergency_contact_key(checks: &Checks, kind: ContactKind) -> Option<String> {
    let check = checks.emergency_contacts.iter().find(|c| contact_kind(&c.field) == kind)?;
    Some(format!("emergency_contacts.{}", check.label.as_deref().unwrap_or_default()))
}

fn same_person(r: &Responsibility) -> bool {
    r.post("management").map(|p| &p.person) == r.post("operations").map(|p| &p.person)
}

/// Whether the operational rule `field` is left undecided.
fn rule_open(r: &Rules, field: &str) -> bool {
    match field {
        "password_min_length" => r.password_min_length.is_none(),
        "password_change_days" => r.password_change_days.is_none(),
        "lockout_attempts" => r.lockout_attempts.is_none(),
        "screen_lock_minutes" => r.screen_lock_minutes.is_none(),
        "log_retention_years" => r.log_retention_years.is_none(),
        "external_media" => r.external_media.is_none(),
        "take_out" => r.take_out.is_none(),
        _ => r.personal_devices.is_none(),
    }
}

/// Whether a yearly frequency of training or audit is left undecided.
fn schedule_open(data: &ProfileData, field: &str) -> bool {
    match field {
        "training.education_per_year" => data.training.education_per_year.is_none(),
        "training.drills_per_year" => data.training.drills_per_year.is_none(),
        "audit.self_checks_per_year" => data.audit.self_checks_per_year.is_none(),
        _ => data.audit.internal_audits_per_year.is_none(),
    }
}

/// Whether a per-system field is the facility's to decide for `s`. Every system is in the BCP's
/// table of priorities and fallbacks; its login concerns the guideline when it holds medical
/// information; its recovery targets and backup when the facility keeps its data (a national
/// service's operator decides those).
fn system_asks(s: &System, field: &str) -> bool {
    match field {
        "priority" | "downtime" => true,
        "rto_hours" | "rpo_hours" => s.keeps_own_data(),
        _ if field.starts_with("backup") => s.keeps_own_data(),
        _ => s.holds_medical_information(),
    }
}

/// Whether a per-system value the BCP, the backup procedure or the downtime manual needs is missing.
fn system_open(s: &System, field: &str) -> bool {
    match field {
        "priority" => s.priority.is_none(),
        "authentication.method" => s.authentication.method.is_none(),
        "rto_hours" => s.rto_hours.is_none(),
        "rpo_hours" => s.rpo_hours.is_none(),
        "downtime" => s.downtime.is_none(),
        "backup" => s.backup.is_none(),
        "backup.offline" => s.backup.as_ref().is_some_and(|b| !b.offline && !b.immutable),
        _ => s.backup.as_ref().is_some_and(|b| b.last_restore_test.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(yaml: &str) -> Vec<OpenItem> {
        let content = crate::load::Content::embedded();
        let guideline = crate::load::load_guideline(&content, "6.0").unwrap();
        let path = std::path::Path::new("t.yaml");
        let data = crate::load::parse_profile(path, yaml).unwrap();
        let profile = crate::load::check_profile(path, yaml, data, &guideline).unwrap();
        let responsibility =
            super::super::responsibility::resolve(&profile, &crate::load::shared::SharedContent::embedded().legal);
        let shared = crate::load::shared::SharedContent::embedded();
        collect(&guideline, &profile, &responsibility, &shared.open_items, &shared.vendor_security)
    }

    const SAKURA: &str = include_str!("../../content/samples/sakura-clinic.yaml");

    #[test]
    fn a_profile_that_decides_everything_has_no_open_item() {
        assert!(items(SAKURA).is_empty(), "{:?}", items(SAKURA));
    }

    #[test]
    fn a_rule_left_out_becomes_an_open_item_with_its_requirement_owner_and_date() {
        let found = items(&SAKURA.replace("  lockout_attempts: 5\n", "").replace(", deputy: kato", ""));
        let keys: Vec<&str> = found.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["rules.lockout_attempts", "roles.management.deputy"]);
        let lockout = &found[0];
        assert_eq!(lockout.requirement.as_deref(), Some("control.14-6"));
        assert_eq!(lockout.owner, Role::Management);
        assert_eq!(lockout.due, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), "three months after 施行");
        assert_eq!(found[1].owner, Role::Governance, "the head names deputies");
    }

    #[test]
    fn a_committee_without_its_frequency_is_an_open_item_not_a_default() {
        let aoba = include_str!("../../content/samples/aoba-general-hospital.yaml");
        let keys = |yaml: &str| items(yaml).into_iter().map(|i| i.key).collect::<Vec<_>>();
        assert!(!keys(aoba).contains(&"organization.committee.meets".to_owned()));
        let line = aoba.lines().find(|l| l.trim_start().starts_with("meets:")).unwrap();
        let without = aoba.replace(&format!("{line}\n"), "");
        let found = items(&without);
        let item = found.iter().find(|i| i.key == "organization.committee.meets").expect("an open item");
        assert!(item.item.contains("委員会"), "{}", item.item);
        assert_eq!(item.owner, Role::Governance);
    }

    #[test]
    fn a_training_or_audit_frequency_left_out_is_an_open_item_not_once_a_year() {
        let without = SAKURA.replace("  education_per_year: 1\n", "").replace("  internal_audits_per_year: 1\n", "");
        let keys: Vec<String> = items(&without).into_iter().map(|i| i.key).collect();
        assert_eq!(keys, ["training.education_per_year", "audit.internal_audits_per_year"]);
    }

    #[test]
    fn a_facility_on_the_internet_without_its_exit_has_an_open_item_for_it() {
        let start = SAKURA.find("  exit:").unwrap();
        let end = start + SAKURA[start..].find("  segments:").unwrap();
        let without = format!("{}{}", &SAKURA[..start], &SAKURA[end..]);
        let found = items(&without);
        assert_eq!(found.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), [NETWORK_EXIT]);
        assert_eq!(found[0].owner, Role::Operations);
        assert_eq!(found[0].requirement.as_deref(), Some("control.13-k1"));
        // Off the internet, with every system on the premises and no VPN: nothing to state.
        let closed = without
            .replace("network:\n  internet: true", "network:\n  internet: false")
            .replace("hosting: cloud", "hosting: on-premises")
            .replace("      connects: [{ system: ons }, { vendor: netlink }]\n", "      line: 閉域網（IP-VPN）\n");
        assert!(items(&closed).is_empty(), "{:?}", items(&closed));
    }

    #[test]
    fn a_recovery_priority_left_out_is_an_open_item_not_priority_3() {
        let without = SAKURA.replacen("    priority: 1\n", "", 1);
        let keys: Vec<String> = items(&without).into_iter().map(|i| i.key).collect();
        assert_eq!(keys, ["systems.ehr.priority"]);
    }
}
