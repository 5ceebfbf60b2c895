//! What templates see: small, serializable views built from the model, the profile and the
//! resolution. They are the contract template authors (and facilities overriding a template) rely
//! on, so they carry ready-to-print Japanese labels rather than enum names.

use crate::w;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::legal::Legal;
use crate::load::profile::*;
use crate::load::vendor_security::VendorSecurity;
use crate::load::{Profile, SharedContent};
use crate::model::{Guideline, Role};
use crate::resolve::{Resolution, RoleHolder, Status};
use crate::wareki;
use crate::wording::Wording;

use super::duty_views::{here, open_items_view, responsibility_view};
pub use super::duty_views::{OpenItemView, PostView, ResponsibilityView};
pub use super::network_view::{ExitView, MemberView, NetworkView, OutsideView, SegmentView, VpnView};

/// Everything a document template receives.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// The facility.
    pub facility: FacilityView,
    /// The guideline version.
    pub guideline: GuidelineView,
    /// The reference pattern.
    pub pattern: PatternView,
    /// Whether the facility is a 保守委託機関 (guideline 7.0) and why; `applies_volume` is true
    /// when the guideline has that volume.
    pub outsourcing: OutsourcingView,
    /// Role holders by role key (governance, management, operations) and audit.
    pub roles: BTreeMap<&'static str, RoleView>,
    /// The committee, if any.
    pub committee: Option<CommitteeView>,
    /// The corporation that runs the facility, if any.
    pub corporation: Option<CorporationView>,
    /// Systems, highest recovery priority first.
    pub systems: Vec<SystemView>,
    /// Vendors.
    pub vendors: Vec<VendorView>,
    /// Network facts.
    pub network: NetworkView,
    /// Operational rules.
    pub rules: RulesView,
    /// Outside contacts.
    pub contacts: Vec<ContactView>,
    /// The 機器台帳 (servers, PCs, network devices).
    pub assets: Vec<AssetView>,
    /// The dated 2FA obligation in Japanese, with its source (`content/checklists/obligations.yaml`).
    pub two_factor_rule: Option<String>,
    /// Training and audit schedule.
    pub schedule: ScheduleView,
    /// Every requirement with its status.
    pub requirements: Vec<RequirementView>,
    /// The distinct non-routine reasons, in order of first use; a requirement's `note` numbers
    /// into this list (1-based), so a table cites 「注3」 instead of repeating the sentence.
    pub reason_notes: Vec<String>,
    /// Requirement id → whether it applies (required or delegated). Templates test
    /// `applies["control.13-13"]` to include an article only when its requirement applies.
    pub applies: BTreeMap<String, bool>,
    /// The 責任分界表 rows.
    pub areas: Vec<AreaView>,
    /// Document control.
    pub document: DocumentControlView,
    /// Who does what, resolved once: posts and deputies, the CISO, each area of each system.
    pub responsibility: ResponsibilityView,
    /// What the profile leaves undecided (the 課題一覧); other documents never print these as decided.
    pub open_items: Vec<OpenItemView>,
    /// Legal anchors and retention periods for this kind of facility (content/legal.yaml).
    pub legal: LegalView,
    /// The wording of the vendor facts (remote transport, BCP 手順書), with its source.
    pub vendor_security: VendorSecurity,
}

/// The law a regulation cites, from content data with its sources.
#[derive(Debug, Clone, Serialize)]
pub struct LegalView {
    /// Provisions obliging the facility to take security measures.
    pub anchors: Vec<crate::load::legal::Anchor>,
    /// Retention periods of records.
    pub retention: Vec<crate::load::legal::Retention>,
}

/// The facility.
#[derive(Debug, Clone, Serialize)]
pub struct FacilityView {
    /// Name.
    pub name: String,
    /// Kind, in Japanese (病院, 診療所…).
    pub kind: &'static str,
    /// Whether it is a pharmacy (its documents say 薬局 and 薬剤師 where a clinic says 診療所).
    pub is_pharmacy: bool,
    /// Whether it is a dental clinic (its documents cite 歯科医師法 where a clinic cites 医師法).
    pub is_dental: bool,
    /// Whether it is a hospital.
    pub is_hospital: bool,
    /// How the facility calls itself in its documents: 当院 (hospitals and clinics), 当薬局, 当施設.
    pub here: &'static str,
    /// Whether it has inpatient beds (its procedures then cover the wards and the night).
    pub inpatient: bool,
    /// Beds.
    pub beds: u32,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: Option<String>,
    /// The head of the facility.
    pub head: PersonView,
    /// Staff count.
    pub staff_count: Option<u32>,
    /// Paper charts.
    pub paper_charts: bool,
    /// Uses electronic signatures.
    pub e_signature: bool,
    /// Scans paper records.
    pub scanning: bool,
}

/// A person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// The guideline version.
#[derive(Debug, Clone, Serialize)]
pub struct GuidelineView {
    /// "6.0".
    pub version: String,
    /// Full title with edition.
    pub title: String,
    /// Edition (第6.0版).
    pub edition: String,
    /// Date of issue in 和暦.
    pub issued: String,
    /// Note on partial content.
    pub provenance_note: Option<String>,
}

/// The reference pattern.
#[derive(Debug, Clone, Serialize)]
pub struct PatternView {
    /// I–IV.
    pub id: String,
    /// Ⅰ–Ⅳ, as the guideline prints it.
    pub numeral: String,
    /// Description.
    pub description: String,
    /// Cloud (II, IV).
    pub cloud: bool,
    /// Dedicated staff (I, II).
    pub dedicated_staff: bool,
    /// Reasoning lines.
    pub reasoning: Vec<String>,
}

/// The 保守委託機関 decision.
#[derive(Debug, Clone, Serialize)]
pub struct OutsourcingView {
    /// Whether the guideline version has the 保守委託機関編.
    pub volume: bool,
    /// Whether the facility qualifies.
    pub qualifies: bool,
    /// Reasons.
    pub reasoning: Vec<String>,
}

/// A role holder.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    /// The guideline's term (運用管理者 for operations in III/IV).
    pub term: String,
    /// The facility's title.
    pub title: String,
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
}

/// The corporation that runs the facility.
#[derive(Debug, Clone, Serialize)]
pub struct CorporationView {
    /// Name (医療法人青葉会).
    pub name: String,
    /// The representative (理事長): name and position.
    pub representative: PersonView,
    /// The body that decides budgets and appointments (理事会).
    pub board: String,
}

/// The committee.
#[derive(Debug, Clone, Serialize)]
pub struct CommitteeView {
    /// Name.
    pub name: String,
    /// Chair.
    pub chair: PersonView,
    /// Members.
    pub members: Vec<PersonView>,
    /// How often it meets, if the profile says (otherwise an open item).
    pub meets: Option<String>,
}

/// A system.
#[derive(Debug, Clone, Serialize)]
pub struct SystemView {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Kind in Japanese.
    pub kind: &'static str,
    /// Kind as the profile writes it (`receipt-ehr`): what templates compare, never the Japanese.
    pub kind_key: &'static str,
    /// Hosting in Japanese.
    pub hosting: &'static str,
    /// Cloud?
    pub cloud: bool,
    /// Vendor name.
    pub vendor: Option<String>,
    /// Vendor phone.
    pub vendor_phone: Option<String>,
    /// Holds medical information.
    pub medical_information: bool,
    /// The operator of a national service, who sets its recovery and keeps its data (then
    /// `rto_hours`, `rpo_hours` and `backup` are not the facility's to decide).
    pub operator: Option<String>,
    /// Recovery priority, if decided (otherwise an open item).
    pub priority: Option<u8>,
    /// RTO in hours.
    pub rto_hours: Option<u32>,
    /// RPO in hours.
    pub rpo_hours: Option<u32>,
    /// The RTO as the tables print it: the hours, the operator's, not set (no medical information)
    /// or 「―」 (open, with its row in the 課題一覧).
    pub rto: String,
    /// The RPO, printed likewise.
    pub rpo: String,
    /// Whether the facility keeps this system's data (sets its targets, backs it up).
    pub own_data: bool,
    /// Whether a recovery target the facility must set is missing (a 課題一覧 row).
    pub targets_open: bool,
    /// Whether it is the RTO that is missing.
    pub rto_open: bool,
    /// Location.
    pub location: Option<String>,
    /// Authentication in Japanese, if the method is decided (otherwise an open item).
    pub authentication: Option<String>,
    /// Two-factor.
    pub two_factor: bool,
    /// Backup.
    pub backup: Option<BackupView>,
    /// Downtime procedure.
    pub downtime: Option<String>,
    /// Planned renewal in 和暦.
    pub renewal: Option<String>,
}

/// A backup.
#[derive(Debug, Clone, Serialize)]
pub struct BackupView {
    /// Method.
    pub method: String,
    /// Frequency.
    pub frequency: String,
    /// Generations.
    pub generations: u32,
    /// Offline copy.
    pub offline: bool,
    /// Immutable copy.
    pub immutable: bool,
    /// Where.
    pub location: Option<String>,
    /// 施設 or 事業者, as printed.
    pub by: &'static str,
    /// Whether the facility takes it (what templates compare, never the printed word).
    pub by_facility: bool,
    /// Last restore test in 和暦.
    pub last_restore_test: Option<String>,
}

/// A vendor.
#[derive(Debug, Clone, Serialize)]
pub struct VendorView {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Services.
    pub services: Vec<String>,
    /// Certifications in Japanese.
    pub certifications: Vec<&'static str>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Hours.
    pub hours: Option<String>,
    /// Area titles the contract covers.
    pub covers: Vec<String>,
    /// Written role split.
    pub written_role_split: bool,
    /// Remote maintenance.
    pub remote_maintenance: bool,
    /// MDS/SDS received.
    pub mds_sds: bool,
    /// All server security updates contracted.
    pub security_updates: bool,
    /// When the role split was first confirmed with the vendor, in 和暦.
    pub confirmed: Option<String>,
    /// Names of the systems it provides.
    pub systems: Vec<String>,
    /// The remote-maintenance transport, ready to print (none: no remote maintenance).
    pub remote_transport: Option<String>,
    /// Whether the recorded transport is one of the accepted ones.
    pub remote_transport_accepted: bool,
    /// The BCP 手順書 fact, ready to print.
    pub bcp_procedure: String,
    /// The BCP 手順書 fact (none: not recorded).
    pub bcp_procedure_provided: Option<bool>,
}

/// Rules, ready to print. A rule the profile does not set is `None` (and an open item): templates
/// then state the principle without a value, never a default as the facility's rule.
#[derive(Debug, Clone, Serialize)]
pub struct RulesView {
    /// Minimum password length.
    pub password_min_length: Option<u8>,
    /// Password change interval (0: no periodic change).
    pub password_change_days: Option<u16>,
    /// Lockout attempts.
    pub lockout_attempts: Option<u8>,
    /// Screen lock minutes.
    pub screen_lock_minutes: Option<u16>,
    /// Log retention years.
    pub log_retention_years: Option<u8>,
    /// External media rule in Japanese.
    pub external_media: Option<&'static str>,
    /// Take-out rule in Japanese.
    pub take_out: Option<&'static str>,
    /// Personal devices rule in Japanese.
    pub personal_devices: Option<&'static str>,
    /// Whether external media may be used at all (false while undecided: nothing is allowed that
    /// nobody allowed).
    pub external_media_allowed: bool,
    /// Whether taking information out is allowed at all (false while undecided).
    pub take_out_allowed: bool,
}

/// An outside contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Kind in Japanese.
    pub kind: &'static str,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Note.
    pub note: Option<String>,
}

/// Training and audits.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleView {
    /// Education sessions a year, if decided (otherwise an open item).
    pub education_per_year: Option<u8>,
    /// Drills a year, if decided (otherwise an open item).
    pub drills_per_year: Option<u8>,
    /// Month.
    pub month: Option<u8>,
    /// Self-checks a year, if decided (otherwise an open item).
    pub self_checks_per_year: Option<u8>,
    /// Internal audits a year, if decided (otherwise an open item).
    pub internal_audits_per_year: Option<u8>,
    /// External audit.
    pub external_audit: bool,
}

/// A requirement with its status for this facility.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementView {
    /// Id.
    pub id: String,
    /// The name readers know: 「シス14③」, or 「シス8（補足1）」 for kitei's own items.
    pub name: String,
    /// Whether it is kitei's own item (listed apart from the published ones).
    pub supplement: bool,
    /// Volume title.
    pub volume: String,
    /// Chapter or section number.
    pub number: String,
    /// ①.
    pub circled: String,
    /// Label.
    pub label: String,
    /// Text.
    pub text: String,
    /// required / delegated / not-applicable.
    pub status: Status,
    /// Status in Japanese.
    pub status_label: &'static str,
    /// Status in one word (自施設 / 事業者 / 除外), for tables.
    pub status_short: &'static str,
    /// Reason.
    pub reason: String,
    /// Whether the reason is the pattern's default (stated once in the document).
    pub routine: bool,
    /// The reason's number in [`DocumentView::reason_notes`] (1-based); `None` when routine.
    pub note: Option<usize>,
    /// The owner: guideline term, facility title, name.
    pub owner: RoleView,
    /// Names of the vendors carrying it.
    pub vendors: Vec<String>,
    /// Provenance in Japanese.
    pub provenance: &'static str,
    /// Provenance in one word (本文 / 概要 / kitei), for tables.
    pub provenance_short: &'static str,
    /// Where the published text prints it (「システム運用編 p.47」), when verified.
    pub source: Option<String>,
    /// The 出典 cell: 「本文 p.47」 (page within the volume), 「概要」 or 「kitei」.
    pub source_cell: String,
    /// The published pattern mark that governs it (「［Ⅰ、Ⅲ］」), where one is printed.
    pub mark: Option<String>,
}

/// A row of the 責任分界表.
#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    /// Key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Vendors whose contract covers it.
    pub vendors: Vec<String>,
    /// Whether the facility carries it alone.
    pub facility_only: bool,
    /// Requirements in this area delegated to a vendor.
    pub delegated: Vec<String>,
}

/// Document control.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentControlView {
    /// 施行日 in 和暦.
    pub effective: String,
    /// 制定日 in 和暦: the date of the first approved 版, set by the pipeline from the approvals
    /// (empty before any approval: a draft claims no 制定). Never the profile's
    /// `document.established`, which may only agree with it.
    pub established: String,
    /// The approver.
    pub approver: PersonView,
    /// The post that approves the policy and the regulation, as the title blocks print it.
    pub approver_title: String,
}

impl DocumentView {
    /// Builds the view for one facility.
    pub fn new(
        guideline: &Guideline,
        profile: &Profile,
        resolution: &Resolution,
        wording: &'static Wording,
        shared: &SharedContent,
    ) -> Self {
        let data = &profile.data;
        let person = |key: &str| person_view(profile, key);
        let mut requirements = requirements_view(guideline, profile, resolution, wording);
        let reason_notes = number_reasons(&mut requirements);
        Self {
            facility: facility_view(data, person(&data.facility.head.value), wording),
            guideline: GuidelineView {
                version: guideline.version.clone(),
                title: format!("{} {}", guideline.title, guideline.edition),
                edition: guideline.edition.clone(),
                issued: wareki::format(guideline.issued),
                provenance_note: guideline.provenance_note.clone(),
            },
            pattern: PatternView {
                id: resolution.pattern.id.clone(),
                numeral: crate::resolve::numeral(&resolution.pattern.id).to_owned(),
                description: resolution.pattern.description.clone(),
                cloud: resolution.pattern.hosting == Hosting::Cloud,
                dedicated_staff: resolution.pattern.dedicated_staff,
                reasoning: resolution.pattern.reasoning.clone(),
            },
            outsourcing: OutsourcingView {
                volume: guideline.volume(crate::model::VolumeKey::Outsourced).is_some(),
                qualifies: resolution.outsourcing.qualifies,
                reasoning: resolution.outsourcing.reasoning.clone(),
            },
            roles: roles_view(profile, resolution, wording),
            committee: data.organization.committee.as_ref().map(|c| CommitteeView {
                name: c.name.clone(),
                chair: person(&c.chair.value),
                members: c.members.iter().map(|m| person(&m.value)).collect(),
                meets: c.meets.clone(),
            }),
            corporation: data.organization.corporation.as_ref().map(|c| CorporationView {
                name: c.name.clone(),
                representative: person(&c.representative.value),
                board: c.board.clone().unwrap_or_else(|| w!(wording, "roles.board").to_owned()),
            }),
            systems: systems_view(profile, &shared.legal, wording),
            vendors: data
                .vendors
                .iter()
                .map(|v| vendor_view(guideline, data, v, wording, &shared.vendor_security))
                .collect(),
            network: NetworkView::new(
                profile,
                wording,
                &|key| {
                    let s = data.systems.iter().find(|s| s.key == key);
                    s.map(|s| format!("{}・{}", system_kind(s.kind, wording), hosting_label(s.hosting, wording)))
                        .unwrap_or_default()
                },
                &|key| {
                    let s = data.systems.iter().find(|s| s.key == key);
                    s.and_then(|s| shared.legal.operator_of(s.kind)).map(str::to_owned)
                },
                &|key| {
                    let v = data.vendors.iter().find(|v| v.key == key);
                    v.filter(|v| v.contract.remote_maintenance)
                        .map(|v| vendor_view(guideline, data, v, wording, &shared.vendor_security))
                        .and_then(|v| v.remote_transport)
                },
            ),
            rules: rules_view(&data.rules, wording),
            contacts: data.emergency_contacts.iter().map(|c| contact_view(c, wording)).collect(),
            assets: data.assets.iter().map(|a| asset_view(profile, a, wording)).collect(),
            two_factor_rule: Some(format!("{}（{}）", shared.two_factor.text.trim(), shared.two_factor.source.trim())),
            schedule: ScheduleView {
                education_per_year: data.training.education_per_year,
                drills_per_year: data.training.drills_per_year,
                month: data.training.month,
                self_checks_per_year: data.audit.self_checks_per_year,
                internal_audits_per_year: data.audit.internal_audits_per_year,
                external_audit: data.audit.external,
            },
            requirements,
            reason_notes,
            applies: resolution
                .requirements
                .iter()
                .map(|r| (r.id.clone(), r.status != Status::NotApplicable))
                .collect(),
            areas: areas_view(guideline, data, resolution),
            document: DocumentControlView {
                effective: wareki::format(data.document.effective_date),
                established: String::new(),
                approver: person(&data.document.approver.value),
                approver_title: management_approver(profile, wording),
            },
            responsibility: responsibility_view(guideline, profile, resolution, wording),
            open_items: open_items_view(guideline, resolution, wording),
            legal: LegalView {
                anchors: shared.legal.anchors_for(data.facility.kind).cloned().collect(),
                retention: shared.legal.retention_for(data.facility.kind).cloned().collect(),
            },
            vendor_security: shared.vendor_security.clone(),
        }
        .with_exit_row()
    }

    /// Points the network's undecided exit at its 課題一覧 row.
    fn with_exit_row(mut self) -> Self {
        let key = crate::resolve::open_items::NETWORK_EXIT;
        self.network.exit_open = self.open_items.iter().find(|i| i.key == key).map(|i| i.no);
        self
    }
}

/// The post that approves the policy and the regulation: the 開設者 when the profile names one
/// (pharmacies), else the position of `document.approver`. The 規程's own article on approval
/// reads the same value, so it and the title block agree.
pub fn management_approver(profile: &Profile, wording: &Wording) -> String {
    let data = &profile.data;
    if data.facility.founder.is_some() {
        return w!(wording, "roles.founder").to_owned();
    }
    profile.person(&data.document.approver.value).map(|p| p.position.clone()).unwrap_or_default()
}

fn person_view(profile: &Profile, key: &str) -> PersonView {
    let p = profile.person(key);
    PersonView {
        name: p.map(|p| p.name.clone()).unwrap_or_default(),
        position: p.map(|p| p.position.clone()).unwrap_or_default(),
        phone: p.and_then(|p| p.phone.clone()),
        email: p.and_then(|p| p.email.clone()),
    }
}

fn facility_view(data: &ProfileData, head: PersonView, wording: &'static Wording) -> FacilityView {
    let f = &data.facility;
    FacilityView {
        name: f.name.clone(),
        kind: facility_kind(f.kind, wording),
        is_pharmacy: f.kind == FacilityKind::Pharmacy,
        is_dental: f.kind == FacilityKind::DentalClinic,
        is_hospital: f.kind == FacilityKind::Hospital,
        here: here(f.kind, wording),
        inpatient: f.beds > 0,
        beds: f.beds,
        address: f.address.clone(),
        phone: f.phone.clone(),
        head,
        staff_count: data.organization.staff_count,
        paper_charts: data.organization.paper_charts,
        e_signature: data.signs_electronically(),
        scanning: data.organization.scanning,
    }
}

fn role_view(holder: &RoleHolder) -> RoleView {
    RoleView {
        term: holder.term.clone(),
        title: holder.title.clone(),
        name: holder.name.clone(),
        position: holder.position.clone(),
    }
}

fn roles_view(
    profile: &Profile,
    resolution: &Resolution,
    wording: &'static Wording,
) -> BTreeMap<&'static str, RoleView> {
    let mut roles: BTreeMap<&'static str, RoleView> =
        [("governance", Role::Governance), ("management", Role::Management), ("operations", Role::Operations)]
            .into_iter()
            .map(|(key, role)| (key, role_view(resolution.role(role))))
            .collect();
    if let Some(audit) = &profile.data.roles.audit {
        let person = person_view(profile, &audit.person.value);
        roles.insert(
            "audit",
            RoleView {
                term: w!(wording, "roles.audit_manager").to_owned(),
                title: audit.title.clone().unwrap_or_else(|| w!(wording, "roles.audit_manager").to_owned()),
                name: person.name,
                position: person.position,
            },
        );
    }
    roles
}

fn systems_view(profile: &Profile, legal: &Legal, wording: &'static Wording) -> Vec<SystemView> {
    let mut systems: Vec<SystemView> = profile
        .data
        .systems
        .iter()
        .map(|s| {
            let vendor = s.vendor.as_ref().and_then(|v| profile.vendor(&v.value));
            SystemView {
                key: s.key.clone(),
                name: s.name.clone(),
                kind: system_kind(s.kind, wording),
                kind_key: s.kind.key(),
                hosting: hosting_label(s.hosting, wording),
                cloud: s.hosting == Hosting::Cloud,
                vendor: vendor.map(|v| v.name.clone()),
                vendor_phone: vendor.and_then(|v| v.contact.as_ref()).map(|c| c.phone.clone()),
                medical_information: s.holds_medical_information(),
                operator: legal.operator_of(s.kind).map(str::to_owned),
                priority: s.priority,
                rto_hours: s.rto_hours,
                rpo_hours: s.rpo_hours,
                rto: recovery_target(s, s.rto_hours, legal, wording),
                rpo: recovery_target(s, s.rpo_hours, legal, wording),
                own_data: s.keeps_own_data(),
                targets_open: s.keeps_own_data() && (s.rto_hours.is_none() || s.rpo_hours.is_none()),
                rto_open: s.keeps_own_data() && s.rto_hours.is_none(),
                location: s.location.clone(),
                authentication: auth_label(&s.authentication, wording),
                two_factor: s.authentication.two_factor,
                backup: s.backup.as_ref().map(|b| backup_view(b, wording)),
                downtime: s.downtime.clone(),
                renewal: s.renewal.map(wareki::format),
            }
        })
        .collect();
    // Decided priorities first, in order; undecided ones after them, in the profile's order.
    systems.sort_by_key(|s| (s.priority.is_none(), s.priority));
    systems
}

/// A recovery target as the tables print it. Only a system whose data the facility keeps has an
/// open target (「―」, a 課題一覧 row); a national service's is its operator's; a system without
/// medical information needs none.
fn recovery_target(s: &System, hours: Option<u32>, legal: &Legal, wording: &'static Wording) -> String {
    match hours {
        Some(hours) => w!(wording, "views.target_hours", hours = hours),
        None if legal.operator_of(s.kind).is_some() => w!(wording, "views.target_by_operator").to_owned(),
        None if !s.keeps_own_data() => w!(wording, "views.target_not_set").to_owned(),
        None => w!(wording, "views.target_open").to_owned(),
    }
}

fn backup_view(b: &Backup, wording: &'static Wording) -> BackupView {
    BackupView {
        method: b.method.clone(),
        frequency: b.frequency.clone(),
        generations: b.generations,
        offline: b.offline,
        immutable: b.immutable,
        location: b.location.clone(),
        by_facility: b.by == Party::Facility,
        by: match b.by {
            Party::Facility => w!(wording, "views.facility"),
            Party::Vendor => w!(wording, "views.vendor"),
        },
        last_restore_test: b.last_restore_test.map(wareki::format),
    }
}

fn vendor_view(
    guideline: &Guideline,
    data: &ProfileData,
    v: &Vendor,
    wording: &'static Wording,
    security: &VendorSecurity,
) -> VendorView {
    let contact = v.contact.as_ref();
    VendorView {
        key: v.key.clone(),
        name: v.name.clone(),
        services: v.services.clone(),
        certifications: v.certifications.iter().map(|c| certification(*c, wording)).collect(),
        phone: contact.map(|c| c.phone.clone()),
        email: contact.and_then(|c| c.email.clone()),
        department: contact.and_then(|c| c.department.clone()),
        hours: contact.and_then(|c| c.hours.clone()),
        covers: v.contract.covers.iter().filter_map(|c| guideline.area(&c.value)).map(|a| a.title.clone()).collect(),
        written_role_split: v.contract.written_role_split,
        remote_maintenance: v.contract.remote_maintenance,
        mds_sds: v.contract.mds_sds,
        security_updates: v.contract.security_updates,
        confirmed: v.contract.confirmed.map(wareki::format),
        systems: data
            .systems
            .iter()
            .filter(|s| s.vendor.as_ref().is_some_and(|r| r.value == v.key))
            .map(|s| s.name.clone())
            .collect(),
        remote_transport: v.contract.remote_maintenance.then(|| {
            v.contract
                .remote_transport
                .map_or_else(|| security.transport.unknown.clone(), |t| security.transport_label(t))
        }),
        remote_transport_accepted: v.contract.remote_transport.is_some_and(|t| t != RemoteTransport::Other),
        bcp_procedure: security.bcp_label(v.contract.bcp_procedure).to_owned(),
        bcp_procedure_provided: v.contract.bcp_procedure,
    }
}

fn rules_view(r: &Rules, wording: &'static Wording) -> RulesView {
    RulesView {
        password_min_length: r.password_min_length,
        password_change_days: r.password_change_days,
        lockout_attempts: r.lockout_attempts,
        screen_lock_minutes: r.screen_lock_minutes,
        log_retention_years: r.log_retention_years,
        external_media: r.external_media.map(|p| permission(p, wording)),
        take_out: r.take_out.map(|p| permission(p, wording)),
        personal_devices: r.personal_devices.map(|p| permission(p, wording)),
        external_media_allowed: r.external_media.is_some_and(|p| p != Permission::Prohibited),
        take_out_allowed: r.take_out.is_some_and(|p| p != Permission::Prohibited),
    }
}

/// A device of the 機器台帳, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct AssetView {
    /// Name.
    pub name: String,
    /// Kind in Japanese.
    pub kind: &'static str,
    /// Kind as the profile spells it (server, pc, network).
    pub category: AssetKind,
    /// Location.
    pub location: String,
    /// OS or firmware.
    pub os: Option<String>,
    /// Vendor name (none: the facility).
    pub vendor: Option<String>,
    /// The system it runs.
    pub system: Option<String>,
    /// Used for remote maintenance.
    pub remote_maintenance: bool,
    /// Support end in 和暦.
    pub support_end: Option<String>,
    /// Two-factor login.
    pub two_factor: bool,
    /// When its support end has passed at the date of the build: the sentence the checklist and
    /// the 課題一覧 print too.
    pub support_ended: Option<String>,
    /// Who manages it (a post or department), if recorded.
    pub manager: Option<String>,
    /// Who uses it, if recorded.
    pub users: Option<String>,
    /// Its main software and version, if recorded.
    pub version: Option<String>,
    /// Storage capacity, if recorded.
    pub capacity: Option<String>,
    /// Whether it holds medical information itself (server, medical device, media): its
    /// capacity belongs in the 台帳.
    pub stores_information: bool,
}

impl DocumentView {
    /// Marks the devices of the 台帳 whose support end has passed at `date` (the build's date).
    pub fn mark_support_ended(&mut self, profile: &Profile, date: chrono::NaiveDate, wording: &Wording) {
        for (view, asset) in self.assets.iter_mut().zip(&profile.data.assets) {
            view.support_ended = crate::resolve::support::support_ended_sentence(asset, date, wording);
        }
    }
}

fn asset_view(profile: &Profile, a: &Asset, wording: &'static Wording) -> AssetView {
    let system = a.system.as_ref().and_then(|k| profile.data.systems.iter().find(|s| s.key == k.value));
    AssetView {
        name: a.name.clone(),
        kind: a.kind.label(wording),
        category: a.kind,
        location: a.location.clone(),
        os: a.os.clone(),
        vendor: a.vendor.as_ref().and_then(|v| profile.vendor(&v.value)).map(|v| v.name.clone()),
        system: system.map(|s| s.name.clone()),
        remote_maintenance: a.remote_maintenance,
        support_end: a.support_end.map(wareki::format),
        two_factor: a.two_factor,
        support_ended: None,
        manager: a.manager.clone(),
        users: a.users.clone(),
        version: a.version.clone(),
        capacity: a.capacity.clone(),
        stores_information: a.kind.stores_information(),
    }
}

fn contact_view(c: &EmergencyContact, wording: &'static Wording) -> ContactView {
    ContactView {
        kind: match c.kind {
            ContactKind::Police => w!(wording, "contacts.police"),
            ContactKind::Prefecture => w!(wording, "contacts.prefecture"),
            ContactKind::Mhlw => w!(wording, "contacts.mhlw"),
            ContactKind::Ppc => w!(wording, "contacts.ppc"),
            ContactKind::Other => w!(wording, "contacts.other"),
        },
        name: c.name.clone(),
        phone: c.phone.clone(),
        note: c.note.clone(),
    }
}

/// Numbers the distinct non-routine reasons in order of first use and marks each requirement
/// with its reason's number.
fn number_reasons(requirements: &mut [RequirementView]) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for requirement in requirements.iter_mut().filter(|r| !r.routine) {
        let index = match notes.iter().position(|n| *n == requirement.reason) {
            Some(index) => index,
            None => {
                notes.push(requirement.reason.clone());
                notes.len() - 1
            }
        };
        requirement.note = Some(index + 1);
    }
    notes
}

fn requirements_view(
    guideline: &Guideline,
    profile: &Profile,
    resolution: &Resolution,
    wording: &'static Wording,
) -> Vec<RequirementView> {
    resolution
        .paired(guideline)
        .map(|(r, s)| RequirementView {
            id: r.id.clone(),
            name: r.name(wording),
            supplement: r.supplement,
            volume: guideline.volume(r.volume).map(|v| v.title.clone()).unwrap_or_default(),
            number: r.number.clone(),
            circled: r.circled(wording),
            label: r.label.clone(),
            text: r.text.clone(),
            status: s.status,
            status_label: s.status.label(wording),
            status_short: s.status.short_label(wording),
            reason: s.reason.clone(),
            routine: s.routine,
            note: None,
            owner: role_view(resolution.role(r.owner)),
            vendors: s
                .vendors
                .iter()
                .map(|key| profile.vendor(key).map_or_else(|| key.clone(), |v| v.name.clone()))
                .collect(),
            provenance: r.provenance.label(wording),
            provenance_short: r.provenance.short_label(wording),
            source: r.source.clone(),
            source_cell: source_cell(guideline, r, wording),
            mark: crate::resolve::effective_mark(guideline, r).map(|m| crate::model::Mark::printed(wording, m)),
        })
        .collect()
}

/// The 出典 cell of a requirement: 「本文 p.47」 for a verified item (its volume is the table's
/// heading, so only the page), else the provenance in one word.
pub fn source_cell(guideline: &Guideline, r: &crate::model::Requirement, wording: &Wording) -> String {
    let volume = guideline.volume(r.volume).map(|v| v.title.as_str()).unwrap_or_default();
    match r.source.as_deref() {
        Some(source) if r.provenance == crate::model::Provenance::Guideline => {
            let page = source.strip_prefix(volume).map(str::trim).filter(|p| !p.is_empty()).unwrap_or(source);
            format!("{} {page}", r.provenance.short_label(wording))
        }
        _ => r.provenance.short_label(wording).to_owned(),
    }
}

fn areas_view(guideline: &Guideline, data: &ProfileData, resolution: &Resolution) -> Vec<AreaView> {
    guideline
        .areas
        .iter()
        .map(|area| {
            let vendors: Vec<String> = data
                .vendors
                .iter()
                .filter(|v| v.contract.covers.iter().any(|c| c.value == area.key))
                .map(|v| v.name.clone())
                .collect();
            let delegated = resolution
                .paired(guideline)
                .filter(|(r, s)| s.status == Status::Delegated && r.area.as_deref() == Some(area.key.as_str()))
                .map(|(r, _)| r.id.clone())
                .collect();
            AreaView {
                key: area.key.clone(),
                title: area.title.clone(),
                description: area.description.clone(),
                facility_only: vendors.is_empty(),
                vendors,
                delegated,
            }
        })
        .collect()
}

fn facility_kind(kind: FacilityKind, wording: &'static Wording) -> &'static str {
    match kind {
        FacilityKind::Hospital => w!(wording, "facility_kinds.hospital"),
        FacilityKind::Clinic => w!(wording, "facility_kinds.clinic"),
        FacilityKind::DentalClinic => w!(wording, "facility_kinds.dental_clinic"),
        FacilityKind::Pharmacy => w!(wording, "facility_kinds.pharmacy"),
        FacilityKind::Other => w!(wording, "facility_kinds.other"),
    }
}

/// A hosting in Japanese.
fn hosting_label(hosting: Hosting, wording: &'static Wording) -> &'static str {
    match hosting {
        Hosting::OnPremises => w!(wording, "views.on_premises"),
        Hosting::Cloud => w!(wording, "views.cloud"),
    }
}

fn system_kind(kind: SystemKind, wording: &'static Wording) -> &'static str {
    match kind {
        SystemKind::Ehr => w!(wording, "systems.ehr"),
        SystemKind::Receipt => w!(wording, "systems.receipt"),
        SystemKind::OnlineQualification => w!(wording, "systems.online_qualification"),
        SystemKind::Pacs => w!(wording, "systems.pacs"),
        SystemKind::Ordering => w!(wording, "systems.ordering"),
        SystemKind::Laboratory => w!(wording, "systems.laboratory"),
        SystemKind::Dispensing => w!(wording, "systems.dispensing"),
        SystemKind::EPrescription => w!(wording, "systems.e_prescription"),
        SystemKind::Reservation => w!(wording, "systems.reservation"),
        SystemKind::ReceiptEhr => w!(wording, "systems.receipt_ehr"),
        SystemKind::WebBooking => w!(wording, "systems.web_booking"),
        SystemKind::ImagingDevice => w!(wording, "systems.imaging_device"),
        SystemKind::Other => w!(wording, "systems.other"),
    }
}

fn auth_label(a: &Authentication, wording: &Wording) -> Option<String> {
    let method = match a.method? {
        AuthMethod::Password => w!(wording, "authentication.password"),
        AuthMethod::IcCard => w!(wording, "authentication.ic_card"),
        AuthMethod::Biometric => w!(wording, "authentication.biometric"),
        AuthMethod::Certificate => w!(wording, "authentication.certificate"),
    };
    Some(if a.two_factor { w!(wording, "authentication.two_factor", method = method) } else { method.to_owned() })
}

fn certification(c: Certification, wording: &'static Wording) -> &'static str {
    match c {
        Certification::Isms => w!(wording, "certifications.isms"),
        Certification::Pmark => w!(wording, "certifications.pmark"),
        Certification::IsmsCloud => w!(wording, "certifications.isms_cloud"),
        Certification::Ismap => "ISMAP",
    }
}

fn permission(p: Permission, wording: &'static Wording) -> &'static str {
    match p {
        Permission::Prohibited => w!(wording, "permissions.prohibited"),
        Permission::Approved => w!(wording, "permissions.approved"),
        Permission::Allowed => w!(wording, "permissions.allowed"),
    }
}
