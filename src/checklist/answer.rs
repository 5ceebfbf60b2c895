//! Answers each item of an edition from the profile, the resolved statuses and the articles the
//! rendered documents declare (`[[meets:…]]`).
//!
//! An item is はい when each fact it needs holds and at least one of its requirements is met by an
//! article of the document set (or carried by a vendor's contract); the articles are cited as the
//! evidence. Otherwise it is いいえ with the reason, a 目標日 within the fiscal year, and so an
//! entry for the 課題一覧. The vendor forms (事業者確認用) are pre-filled from each vendor's contract:
//! はい where the contract carries the item's area, いいえ (ask the vendor) where it says nothing.

use crate::w;
use chrono::{Datelike, NaiveDate};

use super::obligations::{two_factor_due, TwoFactorDue, TwoFactorRule};
use super::{resolve_requirement, Contradiction, Edition, EvidenceScope, Fact, FormKey, Item};
use crate::load::profile::{ContactKind, Party, Permission, Vendor};
use crate::load::Profile;
use crate::model::Guideline;
use crate::records::{Outcome, Record, RecordKind, Records, YesNo};
use crate::render::{self, RenderedDocument};
use crate::resolve::{Resolution, Status};
use crate::wareki;
use crate::wording::Wording;

/// はい, いいえ, 未確認 (a rule exists, no record shows it done), 回答待ち (a vendor has not
/// answered), or 記入不要 (an item only asked of facilities with a vendor contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// はい
    Yes,
    /// いいえ
    No,
    /// 未確認: the facility must confirm it before the checklist is submitted.
    Unconfirmed,
    /// 回答待ち: the vendor's 事業者確認用 is not answered.
    Awaiting,
    /// 記入不要
    NotRequired,
}

impl Answer {
    /// The Japanese word.
    pub(crate) fn label(self, wording: &Wording) -> &str {
        match self {
            Self::Yes => w!(wording, "answers.yes"),
            Self::No => w!(wording, "answers.no"),
            Self::Unconfirmed => w!(wording, "answers.unconfirmed"),
            Self::Awaiting => w!(wording, "answers.awaiting"),
            Self::NotRequired => w!(wording, "answers.not_required"),
        }
    }
}

/// An item with its answer.
#[derive(Debug, Clone)]
pub(crate) struct AnsweredItem<'e> {
    /// The item.
    pub item: &'e Item,
    /// The answer.
    pub answer: Answer,
    /// The articles (document and 条) that meet it.
    pub evidence: Vec<String>,
    /// Profile facts behind the answer, in Japanese.
    pub facts: Vec<String>,
    /// For いいえ: why, and what to do.
    pub reason: Option<String>,
    /// For いいえ: the 目標日.
    pub target: Option<NaiveDate>,
    /// For いいえ: keys of the profile's open items (課題一覧) that are its whole cause; empty when
    /// anything else is missing too.
    pub undecided: Vec<String>,
}

/// One filled form: the facility's, or one vendor's.
#[derive(Debug, Clone)]
pub(crate) struct FilledForm<'e> {
    /// Form title (医療機関確認用, 事業者確認用).
    pub title: String,
    /// The vendor's name, for a 事業者確認用.
    pub vendor: Option<String>,
    /// The vendor's key.
    pub vendor_key: Option<String>,
    /// Answers in the edition's order.
    pub items: Vec<AnsweredItem<'e>>,
}

/// A filled checklist.
#[derive(Debug, Clone)]
pub(crate) struct FilledChecklist<'e> {
    /// The edition.
    pub edition: &'e Edition,
    /// Facility name.
    pub facility_name: String,
    /// 確認日.
    pub checked: NaiveDate,
    /// The last day of the fiscal year of the 確認日 (いいえ items are due by then).
    pub fiscal_year_end: NaiveDate,
    /// Who sees to open items (the facility's title for the 企画管理者 and the name).
    pub owner: String,
    /// The facility's form.
    pub facility_form_title: String,
    /// The facility's answers.
    pub facility: FilledForm<'e>,
    /// One 事業者確認用 per vendor.
    pub vendors: Vec<FilledForm<'e>>,
    /// Systems without two-factor authentication and what their renewal means.
    pub two_factor: Vec<TwoFactorDue>,
    /// The dated 2FA obligation.
    pub two_factor_rule: TwoFactorRule,
    /// The facility's own records found lacking beyond the items (training not held within the
    /// interval the 規程 sets), one sentence each.
    pub lacking_records: Vec<String>,
    /// The wording the answers are written in (and the forms print in).
    pub wording: &'static Wording,
}

/// What answering needs.
pub(crate) struct Inputs<'a> {
    /// The checked profile.
    pub profile: &'a Profile,
    /// The guideline version in use.
    pub guideline: &'a Guideline,
    /// Its resolution for the profile.
    pub resolution: &'a Resolution,
    /// The rendered document set (for the articles that meet each requirement).
    pub rendered: &'a [RenderedDocument],
    /// 確認日.
    pub date: NaiveDate,
    /// The content every facility shares (the dated 2FA rule, the open-item checks).
    pub shared: &'a crate::load::SharedContent,
    /// What the facility recorded as done.
    pub records: &'a Records,
    /// The edition being answered (vendors' answers count for it only).
    pub edition: &'a str,
    /// The facility's wording.
    pub wording: &'static Wording,
}

/// The last day (31 March) of the Japanese fiscal year that contains `date`.
pub(crate) fn fiscal_year_end(date: NaiveDate) -> NaiveDate {
    let year = if date.month() >= 4 { date.year() + 1 } else { date.year() };
    NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(date)
}

/// Answers every form of `edition` for the facility.
pub(crate) fn fill<'e>(edition: &'e Edition, inputs: &Inputs<'_>) -> FilledChecklist<'e> {
    let data = &inputs.profile.data;
    let fiscal_year_end = fiscal_year_end(inputs.date);
    let two_factor = two_factor_due(inputs.profile, &inputs.shared.two_factor, inputs.date);
    let management = inputs.resolution.role(crate::model::Role::Management);
    let owner = format!("{}（{}）", management.title, management.name);
    let form_title = edition
        .facility_form(data.facility.kind)
        .map(|f| f.title.clone())
        .unwrap_or_else(|| w!(inputs.wording, "answers.facility_form").to_owned());
    let gate_open = !data.systems.is_empty();
    let facility_items = edition
        .items
        .iter()
        .filter(|i| i.forms.iter().any(|f| *f != FormKey::Vendor))
        .map(|item| facility_answer(item, inputs, gate_open, fiscal_year_end, &two_factor))
        .collect();
    let vendors = match edition.form(FormKey::Vendor) {
        Some(form) => {
            data.vendors.iter().map(|v| vendor_form(edition, &form.title, v, inputs, fiscal_year_end)).collect()
        }
        None => Vec::new(),
    };
    FilledChecklist {
        edition,
        facility_name: data.facility.name.clone(),
        checked: inputs.date,
        fiscal_year_end,
        owner,
        facility_form_title: form_title.clone(),
        facility: FilledForm { title: form_title, vendor: None, vendor_key: None, items: facility_items },
        vendors,
        two_factor,
        two_factor_rule: inputs.shared.two_factor.clone(),
        lacking_records: training_lacking(inputs).into_iter().collect(),
        wording: inputs.wording,
    }
}

/// The sentence for a training not held within the interval the 規程 sets (12 months divided by
/// the trainings per year), when the facility keeps records; none otherwise.
fn training_lacking(inputs: &Inputs<'_>) -> Option<String> {
    let per_year = inputs.profile.data.training.education_per_year.filter(|n| *n > 0)?;
    if !inputs.records.kept() {
        return None;
    }
    let months = (12 / u32::from(per_year)).max(1);
    let cutoff = inputs.date.checked_sub_months(chrono::Months::new(months)).unwrap_or(inputs.date);
    let latest = inputs.records.of_kind(RecordKind::Training, inputs.date).into_iter().next();
    match latest {
        Some(r) if r.performed_on >= cutoff => None,
        Some(r) => Some(w!(
            inputs.wording,
            "evidence.training_stale",
            months = months,
            date = wareki::format(inputs.date),
            last = r.citation(inputs.wording)
        )),
        None => Some(w!(inputs.wording, "evidence.training_none", months = months, date = wareki::format(inputs.date))),
    }
}

fn facility_answer<'e>(
    item: &'e Item,
    inputs: &Inputs<'_>,
    gate_open: bool,
    fiscal_year_end: NaiveDate,
    two_factor: &[TwoFactorDue],
) -> AnsweredItem<'e> {
    let not_required = |reason: &str| AnsweredItem {
        item,
        answer: Answer::NotRequired,
        evidence: Vec::new(),
        facts: vec![reason.to_owned()],
        reason: None,
        target: None,
        undecided: Vec::new(),
    };
    if !item.gate && !gate_open {
        return not_required(w!(inputs.wording, "answers.no_systems"));
    }
    if item.vendor_only && inputs.profile.data.vendors.is_empty() {
        return not_required(w!(inputs.wording, "answers.no_vendors"));
    }
    let evidence = evidence(item, inputs);
    let mut facts = Vec::new();
    let mut missing = Vec::new();
    let mut undecided = Some(Vec::new());
    for fact in &item.facts {
        match evaluate(*fact, inputs) {
            Ok(found) => facts.push(found),
            Err(lack) => {
                missing.push(lack);
                undecided = undecided.zip(undecided_causes(*fact, inputs)).map(|(a, b)| [a, b].concat());
            }
        }
    }
    if evidence.is_empty() {
        missing.push(w!(inputs.wording, "answers.no_article").to_owned());
        undecided = None;
    }
    let found = contradictions(item, inputs, two_factor);
    if missing.is_empty() {
        if !found.is_empty() {
            return contradicted(item, inputs, evidence, facts, found, fiscal_year_end);
        }
        return from_records(item, inputs, evidence, facts, fiscal_year_end);
    }
    // The facility's own data is cited beside what is missing (2-⑪: the renewal already missed).
    for (reason, key) in found {
        missing.push(reason);
        undecided = undecided.zip(key).map(|(mut keys, key)| {
            keys.push(key);
            keys
        });
    }
    let undecided = undecided.unwrap_or_default();
    // A いいえ that only waits for matters of the 課題一覧 is due when they are.
    let decided_by = undecided
        .iter()
        .filter_map(|key| inputs.resolution.open_items.iter().find(|o| &o.key == key))
        .map(|o| o.due)
        .max()
        .map(|d| d.min(fiscal_year_end));
    let target = if let Some(date) = decided_by {
        Some(date)
    } else if item.facts.contains(&Fact::TwoFactor) {
        two_factor.iter().filter_map(|d| d.renewal).filter(|r| *r > inputs.date).min().map(|r| r.min(fiscal_year_end))
    } else {
        None
    };
    AnsweredItem {
        item,
        answer: Answer::No,
        evidence,
        facts,
        reason: Some(missing.join(w!(inputs.wording, "checklist.basis_separator"))),
        target: Some(target.unwrap_or(fiscal_year_end)),
        undecided,
    }
}

/// When a fact fails only because the profile leaves something undecided: the keys of those
/// open items (see [`crate::resolve::open_items`]). None when anything else is missing.
fn undecided_causes(fact: Fact, inputs: &Inputs<'_>) -> Option<Vec<String>> {
    let data = &inputs.profile.data;
    let mut keys = Vec::new();
    match fact {
        Fact::PasswordRules => match data.rules.password_min_length {
            None => keys.push("rules.password_min_length".to_owned()),
            Some(length) if length >= 8 && data.rules.password_change_days.is_none() => {
                keys.push("rules.password_change_days".to_owned())
            }
            Some(_) => return None,
        },
        Fact::ExternalMediaRestricted if data.rules.external_media.is_none() => {
            keys.push("rules.external_media".to_owned())
        }
        Fact::ContactChart => {
            if data.vendors.iter().any(|v| v.contact.is_none()) {
                return None;
            }
            let missing = [ContactKind::Police, ContactKind::Prefecture, ContactKind::Mhlw]
                .into_iter()
                .filter(|k| !data.emergency_contacts.iter().any(|c| c.kind == *k));
            let checks = &inputs.shared.open_items;
            keys.extend(missing.filter_map(|k| crate::resolve::open_items::emergency_contact_key(checks, k)));
        }
        Fact::BackupGenerations => {
            for system in data.systems.iter().filter(|s| s.keeps_own_data()) {
                match &system.backup {
                    None => keys.push(format!("systems.{}.backup", system.key)),
                    Some(b) if b.generations >= 2 && (b.offline || b.immutable) => {}
                    Some(b) if b.generations >= 2 => keys.push(format!("systems.{}.backup.offline", system.key)),
                    Some(_) => return None,
                }
            }
        }
        Fact::RestoreTested => {
            let year_before = inputs.date - chrono::Days::new(366);
            for system in data.systems.iter().filter(|s| s.keeps_own_data()) {
                match &system.backup {
                    None => keys.push(format!("systems.{}.backup", system.key)),
                    Some(b) if b.by != Party::Facility => {}
                    Some(_) if restore_record(inputs, &system.key, year_before).is_some() => {}
                    Some(b) => match b.last_restore_test {
                        None => keys.push(format!("systems.{}.backup.last_restore_test", system.key)),
                        Some(d) if d >= year_before && d <= inputs.date => {}
                        Some(_) => return None,
                    },
                }
            }
        }
        _ => return None,
    }
    let open = |key: &String| inputs.resolution.open_items.iter().any(|o| &o.key == key);
    (!keys.is_empty() && keys.iter().all(open)).then_some(keys)
}

/// The articles that meet the item's requirements (and the vendors that carry delegated ones).
fn evidence(item: &Item, inputs: &Inputs<'_>) -> Vec<String> {
    let mut places = Vec::new();
    for id in item.requirements.iter().filter_map(|id| resolve_requirement(inputs.guideline, id)) {
        let Some(status) = inputs.resolution.status(id) else { continue };
        if status.status == Status::NotApplicable {
            continue;
        }
        for place in render::places_meeting(id, inputs.rendered) {
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    places
}

/// A fact's finding in Japanese (Ok) or what is missing (Err).
fn evaluate(fact: Fact, inputs: &Inputs<'_>) -> Result<String, String> {
    let data = &inputs.profile.data;
    let medical = || data.systems.iter().filter(|s| s.holds_medical_information());
    match fact {
        Fact::InformationSystems => {
            let names: Vec<&str> = data.systems.iter().map(|s| s.name.as_str()).collect();
            if names.is_empty() {
                Err(w!(inputs.wording, "answers.no_systems_registered").to_owned())
            } else {
                Ok(w!(inputs.wording, "answers.systems", names = names.join(w!(inputs.wording, "lists.separator"))))
            }
        }
        Fact::SafetyManager => {
            let holder = inputs.resolution.role(crate::model::Role::Management);
            Ok(format!("{}: {}　{}", holder.title, holder.position, holder.name))
        }
        Fact::AssetRegister | Fact::RemoteMaintenanceRecorded if data.assets.is_empty() => {
            Err(w!(inputs.wording, "answers.no_assets").to_owned())
        }
        Fact::AssetRegister => Ok(w!(inputs.wording, "answers.asset_register", n = data.assets.len())),
        Fact::RemoteMaintenanceRecorded => {
            let remote: Vec<&str> =
                data.assets.iter().filter(|a| a.remote_maintenance).map(|a| a.name.as_str()).collect();
            Ok(if remote.is_empty() {
                w!(inputs.wording, "answers.no_remote_devices").to_owned()
            } else {
                w!(
                    inputs.wording,
                    "answers.remote_devices",
                    devices = remote.join(w!(inputs.wording, "lists.separator"))
                )
            })
        }
        Fact::MdsSds => {
            let lacking: Vec<&str> =
                data.vendors.iter().filter(|v| !v.contract.mds_sds).map(|v| v.name.as_str()).collect();
            if lacking.is_empty() {
                Ok(w!(inputs.wording, "answers.mds_received").to_owned())
            } else {
                Err(w!(
                    inputs.wording,
                    "answers.mds_lacking",
                    vendors = lacking.join(w!(inputs.wording, "lists.separator"))
                ))
            }
        }
        Fact::PasswordRules => password_rules(inputs),
        Fact::ExternalMediaRestricted => match data.rules.external_media {
            None => Err(w!(inputs.wording, "answers.media_undecided").to_owned()),
            Some(Permission::Allowed) => Err(w!(inputs.wording, "answers.media_unrestricted").to_owned()),
            Some(Permission::Approved) => Ok(w!(inputs.wording, "answers.media_approved").to_owned()),
            Some(Permission::Prohibited) => Ok(w!(inputs.wording, "answers.media_prohibited").to_owned()),
        },
        Fact::TwoFactor => {
            let lacking: Vec<&str> =
                medical().filter(|s| !s.authentication.two_factor).map(|s| s.name.as_str()).collect();
            if lacking.is_empty() {
                Ok(w!(inputs.wording, "answers.all_two_factor").to_owned())
            } else {
                Err(w!(
                    inputs.wording,
                    "answers.two_factor_lacking",
                    systems = lacking.join(w!(inputs.wording, "lists.separator"))
                ))
            }
        }
        Fact::ContactChart => contact_chart(inputs),
        Fact::BackupGenerations => {
            let lacking: Vec<&str> = data
                .systems
                .iter()
                .filter(|s| s.keeps_own_data())
                .filter(|s| !s.backup.as_ref().is_some_and(|b| b.generations >= 2 && (b.offline || b.immutable)))
                .map(|s| s.name.as_str())
                .collect();
            if lacking.is_empty() {
                Ok(w!(inputs.wording, "answers.backup_generations").to_owned())
            } else {
                Err(w!(
                    inputs.wording,
                    "answers.backup_lacking",
                    systems = lacking.join(w!(inputs.wording, "lists.separator"))
                ))
            }
        }
        Fact::RestoreTested => restore_tested(inputs),
    }
}

fn password_rules(inputs: &Inputs<'_>) -> Result<String, String> {
    let rules = &inputs.profile.data.rules;
    let all_2fa = inputs.profile.data.systems.iter().all(|s| s.authentication.two_factor);
    let Some(length) = rules.password_min_length else {
        return Err(w!(inputs.wording, "answers.password_undecided").to_owned());
    };
    let change = rules.password_change_days;
    let finding = w!(
        inputs.wording,
        "answers.password",
        length = length,
        change = change.map(|d| w!(inputs.wording, "answers.password_change", days = d)).unwrap_or_default()
    );
    if length >= 13 || (length >= 8 && (all_2fa || change.is_some_and(|d| d > 0))) {
        Ok(finding)
    } else {
        Err(w!(inputs.wording, "answers.password_finding", finding = finding))
    }
}

fn contact_chart(inputs: &Inputs<'_>) -> Result<String, String> {
    let data = &inputs.profile.data;
    let kinds = [
        (ContactKind::Police, w!(inputs.wording, "answers.police")),
        (ContactKind::Prefecture, w!(inputs.wording, "answers.prefecture")),
        (ContactKind::Mhlw, w!(inputs.wording, "answers.mhlw")),
    ];
    let mut lacking: Vec<String> = kinds
        .iter()
        .filter(|(k, _)| !data.emergency_contacts.iter().any(|c| c.kind == *k))
        .map(|(_, name)| (*name).to_owned())
        .collect();
    lacking.extend(
        data.vendors
            .iter()
            .filter(|v| v.contact.is_none())
            .map(|v| w!(inputs.wording, "answers.vendor_contact", vendor = v.name)),
    );
    if lacking.is_empty() {
        Ok(w!(inputs.wording, "answers.contacts_listed").to_owned())
    } else {
        Err(w!(
            inputs.wording,
            "answers.contacts_lacking",
            contacts = lacking.join(w!(inputs.wording, "lists.separator"))
        ))
    }
}

fn restore_tested(inputs: &Inputs<'_>) -> Result<String, String> {
    let data = &inputs.profile.data;
    let year_before = inputs.date - chrono::Days::new(366);
    let lacking: Vec<&str> = data
        .systems
        .iter()
        .filter(|s| s.keeps_own_data())
        .filter(|s| {
            s.backup.as_ref().is_none_or(|b| {
                b.by == Party::Facility
                    && !b.last_restore_test.is_some_and(|d| d >= year_before && d <= inputs.date)
                    && restore_record(inputs, &s.key, year_before).is_none()
            })
        })
        .map(|s| s.name.as_str())
        .collect();
    if lacking.is_empty() {
        let tested: Vec<String> = data
            .systems
            .iter()
            .filter(|s| s.keeps_own_data())
            .filter_map(|s| restore_record(inputs, &s.key, year_before))
            .map(|r| r.citation(inputs.wording))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !tested.is_empty() {
            return Ok(tested.join(w!(inputs.wording, "lists.separator")));
        }
        Ok(w!(inputs.wording, "answers.restore_tested").to_owned())
    } else {
        Err(w!(
            inputs.wording,
            "answers.restore_lacking",
            date = wareki::format(inputs.date),
            systems = lacking.join(w!(inputs.wording, "lists.separator"))
        ))
    }
}

/// A いいえ because the facility's own data contradicts the item: each fact cited. When every
/// fact is a matter the 課題一覧 already lists, the いいえ is linked to those rows.
fn contradicted<'e>(
    item: &'e Item,
    inputs: &Inputs<'_>,
    evidence: Vec<String>,
    facts: Vec<String>,
    found: Vec<(String, Option<String>)>,
    fiscal_year_end: NaiveDate,
) -> AnsweredItem<'e> {
    let open = |key: &String| inputs.resolution.open_items.iter().find(|o| &o.key == key);
    let keys: Option<Vec<String>> = found.iter().map(|(_, key)| key.clone().filter(|k| open(k).is_some())).collect();
    let undecided = keys.unwrap_or_default();
    let target =
        undecided.iter().filter_map(open).map(|o| o.due).max().map_or(fiscal_year_end, |d| d.min(fiscal_year_end));
    let reasons: Vec<String> = found.into_iter().map(|(reason, _)| reason).collect();
    AnsweredItem {
        item,
        answer: Answer::No,
        evidence,
        facts,
        reason: Some(reasons.join(w!(inputs.wording, "checklist.basis_separator"))),
        target: Some(target),
        undecided,
    }
}

/// The facts of the facility's own data that contradict the item (as its content names them),
/// each with the key of the 課題一覧 row that already holds the matter, if any.
fn contradictions(item: &Item, inputs: &Inputs<'_>, two_factor: &[TwoFactorDue]) -> Vec<(String, Option<String>)> {
    let data = &inputs.profile.data;
    let mut found = Vec::new();
    for contradiction in &item.contradicted_by {
        match contradiction {
            Contradiction::SupportEnded => {
                found.extend(support_ended(inputs.profile, inputs.date, inputs.wording).into_iter().map(|s| (s, None)));
            }
            Contradiction::TwoFactorMissed => found.extend(
                two_factor
                    .iter()
                    .filter(|d| d.kind == super::obligations::DueKind::Missed)
                    .map(|d| (d.message(&inputs.shared.two_factor, inputs.wording), None)),
            ),
            Contradiction::RemotePathRefused => {
                for vendor in data.vendors.iter().filter(|v| v.contract.remote_maintenance) {
                    let refused = match vendor.contract.remote_transport {
                        None => w!(inputs.wording, "evidence.remote_path_unrecorded", vendor = vendor.name),
                        Some(crate::load::profile::RemoteTransport::Other) => {
                            w!(inputs.wording, "evidence.remote_path_refused", vendor = vendor.name)
                        }
                        Some(_) => continue,
                    };
                    found.push((refused, Some(format!("vendors.{}.remote_transport", vendor.key))));
                }
            }
            Contradiction::VendorNo => {
                for vendor in &data.vendors {
                    let Some(record) = inputs.records.vendor_answers(&vendor.key, inputs.edition, inputs.date) else {
                        continue;
                    };
                    if record.answers.iter().any(|a| a.item == item.key && a.answer == YesNo::No) {
                        let date = wareki::format(record.performed_on);
                        found.push((w!(inputs.wording, "evidence.vendor_no", vendor = vendor.name, date = date), None));
                    }
                }
            }
        }
    }
    found
}

pub(crate) use crate::resolve::support::support_ended;

/// はい, いいえ or 未確認 from the records the item's content names (an item without an evidence
/// rule is はい on its articles and facts).
fn from_records<'e>(
    item: &'e Item,
    inputs: &Inputs<'_>,
    evidence: Vec<String>,
    mut facts: Vec<String>,
    fiscal_year_end: NaiveDate,
) -> AnsweredItem<'e> {
    let answered = |answer, evidence, facts, reason: Option<String>, target| AnsweredItem {
        item,
        answer,
        evidence,
        facts,
        reason,
        target,
        undecided: Vec::new(),
    };
    let Some(rule) = &item.evidence else {
        return answered(Answer::Yes, evidence, facts, None, None);
    };
    let cutoff = inputs.date.checked_sub_months(chrono::Months::new(rule.window_months)).unwrap_or(inputs.date);
    let relevant: Vec<&Record> = inputs
        .records
        .current()
        .filter(|r| r.performed_on <= inputs.date)
        .filter(|r| rule.kinds.contains(&r.kind) || (r.kind == RecordKind::Attestation && r.items.contains(&item.key)))
        .collect();
    let targets: Vec<&str> = match rule.scope {
        EvidenceScope::Assets if !inputs.profile.data.assets.is_empty() => {
            inputs.profile.data.assets.iter().map(|a| a.name.as_str()).collect()
        }
        _ => Vec::new(),
    };
    let latest_for = |target: Option<&str>| {
        relevant.iter().filter(|r| target.is_none_or(|t| r.covers(t))).max_by_key(|r| r.performed_on).copied()
    };
    let latest: Vec<(Option<&str>, Option<&Record>)> = if targets.is_empty() {
        vec![(None, latest_for(None))]
    } else {
        targets.iter().map(|t| (Some(*t), latest_for(Some(t)))).collect()
    };
    let mut cited: Vec<&Record> = latest.iter().filter_map(|(_, r)| *r).collect();
    cited.sort_by_key(|r| (r.performed_on, r.id.value.clone()));
    cited.dedup_by_key(|r| r.id.value.clone());
    let failed: Vec<String> =
        cited.iter().filter(|r| r.result != Outcome::Pass).map(|r| cite(r, inputs.wording)).collect();
    let stale: Vec<String> =
        cited.iter().filter(|r| r.performed_on < cutoff).map(|r| cite(r, inputs.wording)).collect();
    if !failed.is_empty() || !stale.is_empty() {
        let mut reasons: Vec<String> =
            failed.into_iter().map(|c| w!(inputs.wording, "evidence.record_failed", record = c)).collect();
        reasons.extend(stale.into_iter().map(|c| {
            w!(
                inputs.wording,
                "evidence.record_stale",
                record = c,
                months = rule.window_months,
                date = wareki::format(inputs.date)
            )
        }));
        let reason = Some(reasons.join(w!(inputs.wording, "checklist.basis_separator")));
        return answered(Answer::No, evidence, facts, reason, Some(fiscal_year_end));
    }
    let uncovered: Vec<&str> = latest.iter().filter(|(_, r)| r.is_none()).filter_map(|(t, _)| *t).collect();
    if cited.is_empty() || !uncovered.is_empty() {
        let kinds: Vec<&str> = rule.kinds.iter().map(|k| k.label(inputs.wording)).collect();
        let kinds = kinds.join(w!(inputs.wording, "lists.separator"));
        let reason = if cited.is_empty() {
            w!(inputs.wording, "evidence.no_record", kinds = kinds, months = rule.window_months)
        } else {
            w!(
                inputs.wording,
                "evidence.uncovered",
                kinds = kinds,
                assets = uncovered.join(w!(inputs.wording, "lists.separator"))
            )
        };
        facts.extend(cited.iter().map(|r| cite(r, inputs.wording)));
        return answered(Answer::Unconfirmed, evidence, facts, Some(reason), None);
    }
    facts.extend(cited.iter().map(|r| cite(r, inputs.wording)));
    answered(Answer::Yes, evidence, facts, None, None)
}

/// A record as an answer cites it; an attestation says it is the facility's own statement.
fn cite(record: &Record, wording: &Wording) -> String {
    if record.kind == RecordKind::Attestation {
        w!(wording, "evidence.self_declared", record = record.citation(wording))
    } else {
        record.citation(wording)
    }
}

/// The latest passing restore test on record for `system` since `since`.
fn restore_record<'r>(inputs: &Inputs<'r>, system: &str, since: NaiveDate) -> Option<&'r Record> {
    inputs
        .records
        .of_kind(RecordKind::RestoreTest, inputs.date)
        .into_iter()
        .find(|r| r.performed_on >= since && r.result == Outcome::Pass && r.covers(system))
}

/// A 事業者確認用 pre-filled from the vendor's contract.
fn vendor_form<'e>(
    edition: &'e Edition,
    title: &str,
    vendor: &Vendor,
    inputs: &Inputs<'_>,
    fiscal_year_end: NaiveDate,
) -> FilledForm<'e> {
    let items = edition
        .items
        .iter()
        .filter(|i| i.forms.contains(&FormKey::Vendor))
        .map(|item| vendor_answer(item, vendor, inputs, fiscal_year_end))
        .collect();
    FilledForm {
        title: title.to_owned(),
        vendor: Some(vendor.name.clone()),
        vendor_key: Some(vendor.key.clone()),
        items,
    }
}

fn vendor_answer<'e>(
    item: &'e Item,
    vendor: &Vendor,
    inputs: &Inputs<'_>,
    fiscal_year_end: NaiveDate,
) -> AnsweredItem<'e> {
    let contract = &vendor.contract;
    let mut facts = Vec::new();
    if item.facts.contains(&Fact::RemoteMaintenanceRecorded) {
        let remote = if contract.remote_maintenance {
            w!(inputs.wording, "answers.yes_remote")
        } else {
            w!(inputs.wording, "answers.no_remote")
        };
        facts.push(w!(inputs.wording, "answers.contract_remote", remote = remote));
    }
    let areas: Vec<String> = item
        .requirements
        .iter()
        .filter_map(|id| resolve_requirement(inputs.guideline, id))
        .filter_map(|id| inputs.guideline.requirement(id)?.area.clone())
        .filter(|area| contract.covers.iter().any(|c| &c.value == area))
        .filter_map(|area| inputs.guideline.area(&area).map(|a| a.title.clone()))
        .collect();
    if !areas.is_empty() {
        let mut unique = areas.clone();
        unique.dedup();
        facts.push(w!(
            inputs.wording,
            "answers.contract_areas",
            areas = unique.join(w!(inputs.wording, "lists.separator"))
        ));
    }
    let answered = |answer, evidence, reason, target| AnsweredItem {
        item,
        answer,
        evidence,
        facts: facts.clone(),
        reason,
        target,
        undecided: Vec::new(),
    };
    let record = inputs.records.vendor_answers(&vendor.key, inputs.edition, inputs.date);
    let given = record.and_then(|r| r.answers.iter().find(|a| a.item == item.key).map(|a| (r, a)));
    match given {
        Some((record, given)) => {
            let date = wareki::format(given.date.unwrap_or(record.performed_on));
            let evidence = vec![w!(inputs.wording, "evidence.vendor_answered", vendor = vendor.name, date = date)];
            match given.answer {
                YesNo::Yes => answered(Answer::Yes, evidence, None, None),
                YesNo::No => answered(
                    Answer::No,
                    evidence,
                    Some(w!(inputs.wording, "evidence.vendor_answered_no", vendor = vendor.name)),
                    Some(fiscal_year_end),
                ),
            }
        }
        None => answered(
            Answer::Awaiting,
            Vec::new(),
            Some(w!(inputs.wording, "answers.vendor_unconfirmed", vendor = vendor.name)),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fiscal_year_ends_on_31_march() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(fiscal_year_end(d(2026, 4, 1)), d(2027, 3, 31));
        assert_eq!(fiscal_year_end(d(2027, 3, 31)), d(2027, 3, 31));
        assert_eq!(fiscal_year_end(d(2026, 12, 2)), d(2027, 3, 31));
    }
}
