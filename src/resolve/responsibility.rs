//! Who does what, resolved once for every document.
//!
//! The 規程, the BCP, the cyber-response plan, the downtime manual and the 責任分界表 all say who
//! holds a post, who stands in for them, who is the CISO and who carries out each area of each
//! system in normal times and in an emergency. When each template worked that out for itself the
//! documents contradicted each other (the CISO was the head in one and the 企画管理者 in another;
//! the BCP's deputies stood in for each other in a circle; a cloud clinic's 責任分界表 gave one
//! value per area for the whole facility). This module decides it once, from the roles, the
//! systems' hosting, the vendors' contracts and each system's backup, and the views only read it.

use serde::Serialize;

use crate::load::legal::Legal;
use crate::load::profile::{Hosting, Party, ProfileData, RoleAssignment, System, Vendor};
use crate::load::Profile;

/// Areas carried per system (the rest are facility-wide: the network, terminals, media, assets,
/// electronic signatures and scanning are the facility's whatever the systems are).
const SYSTEM_AREAS: &[&str] = &[
    "servers",
    "physical",
    "backup",
    "patches",
    "malware",
    "accounts",
    "access_rights",
    "logs",
    "software",
    "remote_maintenance",
    "interoperability",
    "documentation",
    "disposal",
    "incident",
];

/// Facility-wide areas, in the order of the 責任分界表.
const FACILITY_AREAS: &[&str] = &["network", "terminals", "media", "assets", "e_signature", "scanning"];

/// Areas of a national service its operator carries: the service's servers, their premises and the
/// data kept there. The terminal, the line, the staff's accounts and the installer's work stay
/// with the facility and its contract.
const OPERATOR_AREAS: &[&str] = &["servers", "physical", "backup"];

/// Areas whose recovery in an emergency falls to whoever carries them in normal times.
const RECOVERY_AREAS: &[&str] = &["servers", "backup", "patches", "malware", "logs", "software", "network"];

/// Who carries out a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "who", rename_all = "kebab-case")]
pub enum Doer {
    /// The facility itself.
    Facility,
    /// A vendor under its contract (by vendor key); the facility confirms it is done (履行確認).
    Vendor(String),
    /// The operator of a national service (by the name `content/legal.yaml` gives): neither the
    /// facility nor its installer runs the service's servers or keeps its data.
    Operator(String),
}

impl Doer {
    /// The vendor's key, when a vendor does it.
    pub fn vendor(&self) -> Option<&str> {
        match self {
            Self::Vendor(key) => Some(key),
            Self::Facility | Self::Operator(_) => None,
        }
    }
}

/// One area of one system (or of the whole facility), in normal times and in an emergency.
#[derive(Debug, Clone, Serialize)]
pub struct Duty {
    /// The system's key; `None` for a facility-wide area.
    pub system: Option<String>,
    /// The area key (content/areas.yaml).
    pub area: String,
    /// Who does it in normal times.
    pub normal: Doer,
    /// Who does it in an emergency (recovery, investigation); the facility always leads and decides.
    pub emergency: Doer,
}

/// A post of the organisation with its holder and line of succession.
#[derive(Debug, Clone, Serialize)]
pub struct Post {
    /// governance, management, operations, audit or ciso.
    pub key: &'static str,
    /// The person holding it (people key).
    pub person: String,
    /// Who stands in, in order (people keys); never the holder, never anyone twice.
    pub succession: Vec<String>,
}

/// The resolved model of who does what.
#[derive(Debug, Clone, Serialize)]
pub struct Responsibility {
    /// The posts (governance, management, operations, then audit when the profile names one).
    pub posts: Vec<Post>,
    /// The CISO: the profile's `roles.ciso`, else the 企画管理者 (the 規程 says so once).
    pub ciso: Post,
    /// Whether the CISO is a post of its own (`roles.ciso`) rather than the 企画管理者's.
    pub ciso_separate: bool,
    /// Every duty that applies: per system, then facility-wide.
    pub duties: Vec<Duty>,
}

impl Responsibility {
    /// A post by key.
    pub fn post(&self, key: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.key == key)
    }

    /// The duties of one system, in area order.
    pub fn of_system<'a>(&'a self, system: &'a str) -> impl Iterator<Item = &'a Duty> + 'a {
        self.duties.iter().filter(move |d| d.system.as_deref() == Some(system))
    }

    /// Who does `area` across the facility: every system's vendor, the facility, or both.
    pub fn area_split(&self, area: &str) -> AreaSplit {
        let mut duties = self.duties.iter().filter(|d| d.area == area).peekable();
        if duties.peek().is_none() {
            return AreaSplit::Absent;
        }
        let (mut facility, mut vendor) = (false, false);
        for duty in duties {
            match duty.normal {
                Doer::Facility => facility = true,
                Doer::Vendor(_) => vendor = true,
                // A national operator's share is neither the facility's nor a contracted vendor's.
                Doer::Operator(_) => {}
            }
        }
        match (facility, vendor) {
            (true, true) => AreaSplit::Shared,
            (false, true) => AreaSplit::Vendor,
            _ => AreaSplit::Facility,
        }
    }
}

/// How an area is split across the facility's systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaSplit {
    /// The facility does it for every system.
    Facility,
    /// Vendors do it for every system.
    Vendor,
    /// The facility for some systems, vendors for others.
    Shared,
    /// No system or facility-wide duty has this area (e.g. electronic signatures not used).
    Absent,
}

/// Resolves who does what for a checked profile; `legal` names the operators of national services.
pub fn resolve(profile: &Profile, legal: &Legal) -> Responsibility {
    let data = &profile.data;
    let roles = &data.roles;
    let mut posts = vec![
        post("governance", &roles.governance, data),
        post("management", &roles.management, data),
        post("operations", &roles.operations, data),
    ];
    if let Some(audit) = &roles.audit {
        posts.push(post("audit", audit, data));
    }
    let (ciso, ciso_separate) = match &roles.ciso {
        Some(assignment) => (post("ciso", assignment, data), true),
        None => (Post { key: "ciso", ..posts[1].clone() }, false),
    };
    let mut duties: Vec<Duty> = data.systems.iter().flat_map(|s| system_duties(profile, legal, s)).collect();
    duties.extend(facility_duties(data));
    Responsibility { posts, ciso, ciso_separate, duties }
}

/// A post and its line of succession: the role's deputy, then that person's own deputy for the
/// role they hold, and so on, stopping before anyone would appear twice (no circle).
fn post(key: &'static str, assignment: &RoleAssignment, data: &ProfileData) -> Post {
    let holder = assignment.person.value.clone();
    let mut succession: Vec<String> = Vec::new();
    let mut next = assignment.deputy.as_ref().map(|d| d.value.clone());
    while let Some(person) = next.take() {
        if person == holder || succession.contains(&person) {
            break;
        }
        next = deputy_of_person(data, &person);
        succession.push(person);
    }
    Post { key, person: holder, succession }
}

/// The deputy named for whichever of the three roles `person` holds (first found).
fn deputy_of_person(data: &ProfileData, person: &str) -> Option<String> {
    let roles = &data.roles;
    [&roles.governance, &roles.management, &roles.operations]
        .into_iter()
        .find(|r| r.person.value == person && r.deputy.is_some())
        .and_then(|r| r.deputy.as_ref().map(|d| d.value.clone()))
}

fn system_duties<'a>(profile: &'a Profile, legal: &'a Legal, system: &'a System) -> impl Iterator<Item = Duty> + 'a {
    let vendor = system.vendor.as_ref().and_then(|v| profile.vendor(&v.value));
    let operator = legal.operator_of(system.kind);
    SYSTEM_AREAS.iter().filter(move |area| system_area_applies(system, vendor, area)).map(move |area| {
        let normal = match operator {
            Some(name) if OPERATOR_AREAS.contains(area) => Doer::Operator(name.to_owned()),
            _ => normal_doer(system, vendor, area),
        };
        let emergency = emergency_doer(vendor, area, &normal);
        Duty { system: Some(system.key.clone()), area: (*area).to_owned(), normal, emergency }
    })
}

/// Rows that do not apply are absent: no remote maintenance row without remote maintenance, no
/// backup, log or interoperability row for a system that keeps no medical information.
fn system_area_applies(system: &System, vendor: Option<&Vendor>, area: &str) -> bool {
    match area {
        "remote_maintenance" => vendor.is_some_and(|v| v.contract.remote_maintenance || covers(v, area)),
        "backup" => system.holds_medical_information() || system.backup.is_some(),
        // Access logs and standards concern medical information; a system that keeps none (an
        // online eligibility terminal) has no such row.
        "interoperability" | "logs" => system.holds_medical_information(),
        _ => true,
    }
}

fn covers(vendor: &Vendor, area: &str) -> bool {
    vendor.contract.covers.iter().any(|c| c.value == area)
}

fn normal_doer(system: &System, vendor: Option<&Vendor>, area: &str) -> Doer {
    let Some(vendor) = vendor else { return Doer::Facility };
    let by_vendor = match area {
        // A cloud service's servers and data centre are the vendor's by nature; an on-premises
        // server room is the facility's whatever the maintenance contract says.
        "physical" => system.hosting == Hosting::Cloud,
        "servers" => system.hosting == Hosting::Cloud || covers(vendor, area),
        // A cloud service's software and its configuration are the provider's: the customer
        // cannot change them. A national service (online eligibility, e-prescriptions) is
        // configured by neither the facility nor its installer; only the contract decides here.
        "software" => (system.hosting == Hosting::Cloud && !system.kind.is_national_service()) || covers(vendor, area),
        // The system's own backup entry says who takes it; the contract decides otherwise.
        "backup" => system.backup.as_ref().map_or_else(|| covers(vendor, area), |b| b.by == Party::Vendor),
        _ => covers(vendor, area),
    };
    if by_vendor {
        Doer::Vendor(vendor.key.clone())
    } else {
        Doer::Facility
    }
}

/// Who acts in an emergency: a vendor that carries an area in normal times keeps it (an outage
/// does not hand its maintenance, manuals, disposal or standards to the facility); the facility
/// leads and decides in every case.
fn emergency_doer(vendor: Option<&Vendor>, area: &str, normal: &Doer) -> Doer {
    match (vendor, normal) {
        (_, Doer::Vendor(key)) => Doer::Vendor(key.clone()),
        (_, Doer::Operator(name)) => Doer::Operator(name.clone()),
        (Some(v), _) if covers(v, "incident") && RECOVERY_AREAS.contains(&area) => Doer::Vendor(v.key.clone()),
        _ => Doer::Facility,
    }
}

fn facility_duties(data: &ProfileData) -> impl Iterator<Item = Duty> + '_ {
    FACILITY_AREAS.iter().filter(|area| facility_area_applies(data, area)).map(|area| {
        let normal =
            data.vendors.iter().find(|v| covers(v, area)).map_or(Doer::Facility, |v| Doer::Vendor(v.key.clone()));
        let emergency = normal.clone();
        Duty { system: None, area: (*area).to_owned(), normal, emergency }
    })
}

fn facility_area_applies(data: &ProfileData, area: &str) -> bool {
    match area {
        "e_signature" => data.signs_electronically(),
        "scanning" => data.organization.scanning,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(yaml: &str) -> Profile {
        let content = crate::load::Content::embedded();
        let guideline = crate::load::load_guideline(&content, "6.0").unwrap();
        let path = std::path::Path::new("t.yaml");
        let data = crate::load::parse_profile(path, yaml).unwrap();
        crate::load::check_profile(path, yaml, data, &guideline).unwrap()
    }

    const MIXED: &str = include_str!("../../content/samples/midori-clinic.yaml");

    fn legal() -> &'static Legal {
        &crate::load::SharedContent::embedded().legal
    }

    #[test]
    fn a_national_services_servers_and_data_are_its_operators() {
        let r = resolve(&profile(include_str!("../../content/samples/hikari-pharmacy.yaml")), legal());
        let operator = legal().operator_of(crate::load::profile::SystemKind::EPrescription).unwrap();
        let doer = |system: &str, area: &str| r.of_system(system).find(|d| d.area == area).map(|d| d.normal.clone());
        for area in ["servers", "physical", "backup"] {
            assert_eq!(doer("eprescription", area), Some(Doer::Operator(operator.to_owned())), "{area}");
        }
        assert_eq!(doer("eprescription", "accounts"), Some(Doer::Facility), "staff accounts stay the pharmacy's");
        assert_eq!(doer("ons", "servers"), Some(Doer::Operator(operator.to_owned())));
        assert!(
            r.of_system("dispensing").all(|d| !matches!(d.normal, Doer::Operator(_))),
            "a pharmacy's own dispensing system has no national operator"
        );
    }

    #[test]
    fn a_mixed_clinic_splits_each_area_per_system() {
        let r = resolve(&profile(MIXED), legal());
        let doer = |system: &str, area: &str| {
            r.of_system(system).find(|d| d.area == area).map(|d| d.normal.clone()).expect("row exists")
        };
        assert_eq!(doer("ehr", "physical"), Doer::Facility, "an on-premises server room is the clinic's");
        assert_eq!(doer("receipt", "physical"), Doer::Vendor("iryo-cloud".into()), "a cloud data centre is not");
        assert_eq!(r.area_split("physical"), AreaSplit::Shared);
        assert!(r.duties.iter().all(|d| d.area != "e_signature"), "no e-signature row without e-signatures");
        assert!(r.duties.iter().any(|d| d.area == "scanning"));
    }

    #[test]
    fn a_vendor_keeps_its_areas_in_an_emergency_and_a_cloud_provider_its_software() {
        for sample in [MIXED, include_str!("../../content/samples/sakura-clinic.yaml")] {
            let r = resolve(&profile(sample), legal());
            for duty in &r.duties {
                if let Doer::Vendor(key) = &duty.normal {
                    assert_eq!(duty.emergency, Doer::Vendor(key.clone()), "{:?} {}", duty.system, duty.area);
                }
            }
        }
        let r = resolve(&profile(MIXED), legal());
        let software = r.of_system("receipt").find(|d| d.area == "software").map(|d| d.normal.clone());
        assert_eq!(software, Some(Doer::Vendor("iryo-cloud".into())), "a SaaS's configuration is its provider's");
    }

    #[test]
    fn succession_never_comes_back_to_the_holder() {
        // The sample's 企画管理者 and 運用管理者 stand in for each other: the line of succession
        // of each stops at the other instead of going round.
        let r = resolve(&profile(MIXED), legal());
        assert_eq!(r.post("management").unwrap().succession, vec!["ueno".to_owned()]);
        assert_eq!(r.post("operations").unwrap().succession, vec!["nishida".to_owned()]);
        assert_eq!(r.post("governance").unwrap().succession, vec!["hayashi".to_owned()]);
        let yaml = MIXED.replace("deputy: hayashi }", "deputy: nishida }");
        let r = resolve(&profile(&yaml), legal());
        assert_eq!(r.post("governance").unwrap().succession, vec!["nishida".to_owned(), "ueno".to_owned()]);
    }

    #[test]
    fn the_ciso_is_the_management_post_unless_named() {
        let r = resolve(&profile(MIXED), legal());
        assert!(!r.ciso_separate);
        assert_eq!(r.ciso.person, r.post("management").unwrap().person);
    }
}
