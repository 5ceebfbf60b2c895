//! The yearly MHLW cybersecurity checklist (医療機関におけるサイバーセキュリティ対策チェックリスト),
//! answered from what kitei already knows about a facility.
//!
//! Every year a facility answers the checklist item by item (はい/いいえ, 確認日, and for いいえ a
//! 目標日 within the fiscal year), and the 都道府県 look at it at the 立入検査. The items are data
//! (`content/checklists/<edition>/checklist.yaml`): each names the guideline requirements whose
//! articles meet it and the profile facts it needs. [`answer`] applies them to a resolved
//! profile and its rendered documents; [`markdown`] and [`xlsx`] lay the answers out; [`open_items`]
//! hands the いいえ items (and dated obligations) to whoever keeps the 課題一覧.
//!
//! Provenance is kept per item: an item whose number or wording kitei could not confirm in a
//! public copy of the MHLW material says so (`verified: false`), in the facility's 根拠資料 (never
//! in the checklist it submits).

pub(crate) mod answer;
pub(crate) mod markdown;
pub(crate) mod obligations;

use crate::i18n::{text, write_reason, Msg};
use serde::Deserialize;
use thiserror::Error;

use crate::load::profile::FacilityKind;
use crate::load::Content;
use crate::model::Guideline;

pub(crate) use answer::{Answer, AnsweredItem, FilledChecklist};
pub(crate) use obligations::two_factor_due;

/// The edition `kitei checklist` answers when none is named.
pub(crate) const DEFAULT_EDITION: &str = "R8";

/// Why a checklist could not be loaded.
#[derive(Debug, Error)]
pub(crate) enum ChecklistError {
    /// No content for the edition.
    #[error("{}", text(Msg::ChecklistUnknownEdition { edition, available }))]
    UnknownEdition {
        /// Requested.
        edition: String,
        /// Shipped.
        available: String,
    },
    /// A content file is malformed.
    #[error("{0}")]
    Content(#[from] crate::diagnostic::SourceDiagnostic),
    /// An item names a requirement that neither guideline version has.
    #[error("{}", text(Msg::ChecklistUnknownRequirement { edition, item, version, id }))]
    UnknownRequirement {
        /// Edition.
        edition: String,
        /// Item key.
        item: String,
        /// Requirement id.
        id: String,
        /// Guideline version.
        version: String,
    },
    /// The PDF could not be typeset.
    #[error(transparent)]
    Typeset(Box<dyn std::error::Error + Send + Sync>),
    /// The workbook could not be written.
    #[error("{}", text(Msg::ChecklistWorkbook(.0)))]
    Xlsx(String),
    /// `--final` while items are 未確認.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::ChecklistUnconfirmed(&.0.join(", "))))]
    Unconfirmed(Vec<String>),
    /// `--vendor-form` names no vendor of the profile.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::UnknownVendor { vendor, known }))]
    UnknownVendor {
        /// Written.
        vendor: String,
        /// The profile's vendor keys.
        known: String,
    },
    /// A file could not be written.
    #[error("{}", text(Msg::WriteFailed { path: &.path.display().to_string(), cause: &write_reason(.source) }))]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Which workbook a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FormKey {
    /// 医療機関確認用 (R8: 医療機関・薬局確認用).
    Facility,
    /// 薬局確認用 (R5–R7).
    Pharmacy,
    /// 事業者確認用, one per vendor.
    Vendor,
}

/// A form (workbook) of an edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Form {
    /// Its key.
    pub key: FormKey,
    /// Its title as MHLW names it.
    pub title: String,
    /// The kinds of facility that fill it (empty for the vendor form).
    #[serde(default)]
    pub applies_to: Vec<FacilityKind>,
}

/// A profile fact an item needs, evaluated in [`answer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Fact {
    /// The profile lists information systems.
    InformationSystems,
    /// A 企画管理者 (安全管理責任者) is named.
    SafetyManager,
    /// The 機器台帳 (`assets:`) lists devices.
    AssetRegister,
    /// Every device of the 台帳 records whether it is used for remote maintenance.
    RemoteMaintenanceRecorded,
    /// Every vendor that supplies a system has handed over its MDS/SDS.
    MdsSds,
    /// The password rule meets the item (8+ with periodic change, or 2FA, or 13+).
    PasswordRules,
    /// External media are not freely allowed.
    ExternalMediaRestricted,
    /// Every system holding medical information uses two-factor authentication.
    TwoFactor,
    /// Contacts for police, prefecture and MHLW, and every vendor's contact, are recorded.
    ContactChart,
    /// Every system holding medical information keeps several generations, one offline or immutable.
    BackupGenerations,
    /// A restore was tested within the year before the check date.
    RestoreTested,
}

/// Which records make an item はい, and for how long.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceRule {
    /// The kinds of record that show it done (an attestation naming the item always counts too).
    pub kinds: Vec<crate::records::RecordKind>,
    /// A record older than this many months before the 確認日 is stale (いいえ, cited).
    pub window_months: u32,
    /// What the records must cover between them.
    #[serde(default)]
    pub scope: EvidenceScope,
}

/// What the records of an item must cover.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EvidenceScope {
    /// The facility as a whole: one record suffices.
    #[default]
    Facility,
    /// Every device of the 台帳 (a record without a scope covers all).
    Assets,
}

/// A fact of the facility's own data that contradicts a はい.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Contradiction {
    /// A device of the 台帳 is past its OS/support end.
    SupportEnded,
    /// A system without 2FA is past a renewal that had to bring it.
    TwoFactorMissed,
    /// A vendor's remote-maintenance path is not recorded or not one the guideline accepts.
    RemotePathRefused,
    /// A vendor answered いいえ to the item on its 事業者確認用.
    VendorNo,
}

/// How the edition asks the facility to fill it in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Usage {
    /// Our summary.
    pub text: String,
    /// Where it comes from (the 根拠資料 prints it).
    pub source: String,
    /// Whether it was confirmed in a public copy.
    pub verified: bool,
}

/// One item of the checklist.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Item {
    /// Stable key (editions are compared by it).
    pub key: String,
    /// Section number ("0" for the gate).
    pub section: String,
    /// Section title (kept in the file for people reading it; the forms print item numbers).
    #[allow(dead_code)]
    pub section_title: String,
    /// The number as MHLW prints it (2-⑦), when confirmed.
    #[serde(default)]
    pub number: Option<String>,
    /// The gate item: いいえ means nothing else is checked.
    #[serde(default)]
    pub gate: bool,
    /// The item in kitei's words.
    pub text: String,
    /// Forms it appears on.
    pub forms: Vec<FormKey>,
    /// The guideline references the manual prints (▶システム運用編 8.1).
    #[serde(default)]
    pub guideline: Vec<String>,
    /// kitei requirement ids whose articles meet it.
    pub requirements: Vec<String>,
    /// Profile facts it needs.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Only asked when the facility has a vendor contract (記入不要 otherwise).
    #[serde(default)]
    pub vendor_only: bool,
    /// The records that show the item is done (none: the profile and the articles suffice).
    #[serde(default)]
    pub evidence: Option<EvidenceRule>,
    /// The facility's own data that makes the item いいえ.
    #[serde(default)]
    pub contradicted_by: Vec<Contradiction>,
    /// Where the item was found.
    pub source: String,
    /// Whether its number and gist were confirmed in a public copy of the MHLW material.
    pub verified: bool,
}

impl Item {
    /// The number as printed, or a visible mark that it was not confirmed.
    pub(crate) fn display_number(&self, wording: &crate::wording::Wording) -> String {
        self.number
            .clone()
            .unwrap_or_else(|| crate::w!(wording, "checklist.number_unconfirmed", section = self.section))
    }
}

/// An edition of the checklist, ready to answer.
#[derive(Debug, Clone)]
pub(crate) struct Edition {
    /// "R7", "R8".
    pub key: String,
    /// Title.
    pub title: String,
    /// When it was published (as far as known).
    pub published: String,
    /// Where that is stated.
    pub published_source: String,
    /// A note when the items are carried from an earlier edition.
    pub base_note: Option<String>,
    /// Its forms.
    pub forms: Vec<Form>,
    /// How to fill it in.
    pub usage: Usage,
    /// Items in order.
    pub items: Vec<Item>,
}

impl Edition {
    /// The form with `key`.
    pub(crate) fn form(&self, key: FormKey) -> Option<&Form> {
        self.forms.iter().find(|f| f.key == key)
    }

    /// The form a facility of `kind` fills.
    pub(crate) fn facility_form(&self, kind: FacilityKind) -> Option<&Form> {
        self.forms.iter().find(|f| f.key != FormKey::Vendor && f.applies_to.contains(&kind))
    }

    /// Checks that each item names at least one requirement `guideline` has (or renamed): an item
    /// may also name requirements that only a later version has (control.14-14 of 7.0).
    pub(crate) fn check_requirements(&self, guideline: &Guideline) -> Result<(), ChecklistError> {
        for item in &self.items {
            if !item.requirements.iter().any(|id| resolve_requirement(guideline, id).is_some()) {
                return Err(ChecklistError::UnknownRequirement {
                    edition: self.key.clone(),
                    item: item.key.clone(),
                    id: item.requirements.join(" "),
                    version: guideline.version.clone(),
                });
            }
        }
        Ok(())
    }
}

/// A requirement id as `guideline` knows it (following renames since its base version).
pub(crate) fn resolve_requirement<'g>(guideline: &'g Guideline, id: &str) -> Option<&'g str> {
    if let Some(found) = guideline.requirement(id) {
        return Some(&found.id);
    }
    let renamed = guideline.renamed.iter().find(|(old, _)| old == id)?;
    guideline.requirement(&renamed.1).map(|r| r.id.as_str())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    edition: String,
    title: String,
    published: String,
    published_source: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    base_note: Option<String>,
    forms: Vec<Form>,
    usage: Usage,
    items: Vec<Item>,
}

/// The editions kitei ships, oldest first.
pub(crate) fn editions(content: &Content) -> Vec<String> {
    let mut found: Vec<String> = ["R5", "R6", "R7", "R8", "R9", "R10"]
        .iter()
        .filter(|e| content.text(&path_of(e)).is_some())
        .map(|e| e.to_string())
        .collect();
    found.dedup();
    found
}

fn path_of(edition: &str) -> String {
    format!("checklists/{edition}/checklist.yaml")
}

/// Loads an edition; one that names a `base` takes the base's items, each marked unverified.
pub(crate) fn load_edition(
    content: &Content,
    edition: &str,
    wording: &crate::wording::Wording,
) -> Result<Edition, ChecklistError> {
    let path = path_of(edition);
    let text = content.text(&path).ok_or_else(|| ChecklistError::UnknownEdition {
        edition: edition.to_owned(),
        available: editions(content).join(", "),
    })?;
    let raw: RawEdition = crate::yaml::parse(std::path::Path::new(&format!("content/{path}")), text)?;
    let mut items = raw.items;
    if let Some(base) = raw.base.as_deref().filter(|b| *b != edition) {
        let base_edition = load_edition(content, base, wording)?;
        let note = raw.base_note.clone().unwrap_or_default();
        items.extend(base_edition.items.into_iter().map(|mut item| {
            item.verified = false;
            item.source =
                crate::w!(wording, "checklist.inherited_source", note = note, base = base, source = item.source);
            item
        }));
    }
    Ok(Edition {
        key: raw.edition,
        title: raw.title,
        published: raw.published,
        published_source: raw.published_source,
        base_note: raw.base_note,
        forms: raw.forms,
        usage: raw.usage,
        items,
    })
}

/// An item added, removed or changed between two editions (`kitei checklist --compare`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Only in the newer edition.
    Added(String),
    /// Only in the older edition.
    Removed(String),
    /// In both, with different number or text.
    Changed(String),
}

/// What changed from `old` to `new`, by item key, in the newer edition's order.
pub(crate) fn compare(old: &Edition, new: &Edition) -> Vec<Change> {
    let mut changes = Vec::new();
    for item in &new.items {
        match old.items.iter().find(|o| o.key == item.key) {
            None => changes.push(Change::Added(item.key.clone())),
            Some(o) if o.number != item.number || o.text != item.text || o.forms != item.forms => {
                changes.push(Change::Changed(item.key.clone()))
            }
            Some(_) => {}
        }
    }
    changes.extend(
        old.items.iter().filter(|o| !new.items.iter().any(|n| n.key == o.key)).map(|o| Change::Removed(o.key.clone())),
    );
    changes
}

/// An entry for the 課題一覧 (未決事項): something the facility still has to do, by a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenItem {
    /// Stable id, also its key in the 課題一覧 (`checklist.R8.password-quality`,
    /// `checklist.R8.<vendor>.<item>`, `two-factor.ehr`).
    pub id: String,
    /// What it is about, one line, with the item's number.
    pub title: String,
    /// What it is about without the number (the 課題一覧 shows the number apart).
    pub subject: String,
    /// What to do, and why.
    pub action: String,
    /// By when.
    pub due: chrono::NaiveDate,
    /// Who sees to it (the facility's title for the 企画管理者).
    pub owner: String,
    /// Where the obligation comes from.
    pub source: String,
    /// The numbers of the checklist items it stands for, with their edition (「R8 2-⑦」): one
    /// for an item of the facility's form, each いいえ of a vendor's form, none for a 2FA renewal.
    pub numbers: Vec<String>,
    /// The first of the item's requirements (as the edition names it).
    pub requirement: Option<String>,
    /// Keys of the profile's open items that are the whole cause of this いいえ (the 課題一覧
    /// links them rather than listing the matter twice); empty when something else is missing.
    pub undecided: Vec<String>,
}

/// Every いいえ of a filled checklist (facility and vendor forms) and every due or missed 2FA
/// renewal, as entries for the 課題一覧.
pub(crate) fn open_items(filled: &FilledChecklist) -> Vec<OpenItem> {
    let wording = filled.wording;
    let mut items = Vec::new();
    let edition = &filled.edition.key;
    // One matter, one row: the 2FA item's いいえ is the systems' dated renewals, so when a renewal
    // row exists the item's number joins it instead of standing as a second row with another date.
    let mut renewals: Vec<OpenItem> = filled
        .two_factor
        .iter()
        .filter_map(|due| due.open_item(&filled.owner, &filled.two_factor_rule, wording))
        .collect();
    for answered in filled.facility.items.iter().filter(|a| a.answer == Answer::No) {
        if !renewals.is_empty() && answered.item.facts.contains(&Fact::TwoFactor) {
            for renewal in &mut renewals {
                renewal.numbers.push(format!("{edition} {}", answered.item.display_number(wording)));
                renewal.requirement =
                    renewal.requirement.take().or_else(|| answered.item.requirements.first().cloned());
            }
            continue;
        }
        items.push(OpenItem {
            id: format!("checklist.{edition}.{}", answered.item.key),
            title: format!("{} {}", answered.item.display_number(wording), answered.item.text),
            subject: answered.item.text.clone(),
            action: answered.reason.clone().unwrap_or_default(),
            due: answered.target.unwrap_or(filled.fiscal_year_end),
            owner: filled.owner.clone(),
            source: format!("{} {}", filled.edition.title, answered.item.display_number(wording)),
            numbers: vec![format!("{edition} {}", answered.item.display_number(wording))],
            requirement: answered.item.requirements.first().cloned(),
            undecided: answered.undecided.clone(),
        });
    }
    // 未確認 items all ask the same of the facility: show (record) that they are done.
    let unconfirmed: Vec<&AnsweredItem> =
        filled.facility.items.iter().filter(|a| a.answer == Answer::Unconfirmed).collect();
    if !unconfirmed.is_empty() {
        let numbers: Vec<String> = unconfirmed.iter().map(|a| a.item.display_number(wording)).collect();
        items.push(OpenItem {
            id: format!("checklist.{edition}.unconfirmed"),
            title: format!(
                "{} {}",
                crate::w!(wording, "evidence.unconfirmed_subject"),
                numbers.join(crate::w!(wording, "lists.separator"))
            ),
            subject: crate::w!(wording, "evidence.unconfirmed_subject").to_owned(),
            action: crate::w!(
                wording,
                "evidence.unconfirmed_action",
                numbers = numbers.join(crate::w!(wording, "lists.separator"))
            ),
            due: filled.fiscal_year_end,
            owner: filled.owner.clone(),
            source: format!("{} {}", filled.edition.title, filled.facility.title),
            numbers: numbers.iter().map(|n| format!("{edition} {n}")).collect(),
            requirement: None,
            undecided: Vec::new(),
        });
    }
    // A vendor's いいえ (or its silence) all ask the same thing of the facility: one row a vendor.
    // A vendor's いいえ that already makes the facility's item いいえ (`vendor-no`) is that row's matter.
    let facility_no = |key: &str| {
        filled.facility.items.iter().any(|a| {
            a.item.key == key && a.answer == Answer::No && a.item.contradicted_by.contains(&Contradiction::VendorNo)
        })
    };
    for form in &filled.vendors {
        let noes: Vec<&AnsweredItem> =
            form.items.iter().filter(|a| a.answer == Answer::No && !facility_no(&a.item.key)).collect();
        let waiting: Vec<&AnsweredItem> = form.items.iter().filter(|a| a.answer == Answer::Awaiting).collect();
        let reasons: Vec<String> =
            [noes.first(), waiting.first()].into_iter().flatten().filter_map(|a| a.reason.clone()).collect();
        if reasons.is_empty() {
            continue;
        }
        let action = reasons.join(crate::w!(wording, "checklist.basis_separator"));
        let listed: Vec<&AnsweredItem> =
            form.items.iter().filter(|a| noes.iter().chain(&waiting).any(|b| std::ptr::eq(*b, *a))).collect();
        let listed = &listed;
        let vendor = form.vendor.clone().unwrap_or_default();
        let numbers: Vec<String> = listed.iter().map(|a| a.item.display_number(wording)).collect();
        items.push(OpenItem {
            id: format!("checklist.{edition}.{}", form.vendor_key.clone().unwrap_or_default()),
            title: format!(
                "{} {}",
                crate::w!(wording, "checklist.vendor_form", vendor = vendor),
                numbers.join(crate::w!(wording, "lists.separator"))
            ),
            subject: crate::w!(wording, "checklist.vendor_form", vendor = vendor),
            action,
            due: listed.iter().filter_map(|a| a.target).max().unwrap_or(filled.fiscal_year_end),
            owner: filled.owner.clone(),
            source: format!("{} {}", filled.edition.title, form.title),
            numbers: numbers.iter().map(|n| format!("{edition} {n}")).collect(),
            requirement: None,
            undecided: Vec::new(),
        });
    }
    for lacking in &filled.lacking_records {
        items.push(OpenItem {
            id: "records.training".to_owned(),
            title: crate::w!(wording, "evidence.training_subject").to_owned(),
            subject: crate::w!(wording, "evidence.training_subject").to_owned(),
            action: lacking.clone(),
            due: filled.fiscal_year_end,
            owner: filled.owner.clone(),
            source: crate::w!(wording, "evidence.training_source").to_owned(),
            numbers: Vec::new(),
            requirement: None,
            undecided: Vec::new(),
        });
    }
    items.extend(renewals);
    items
}

/// Puts the checklist's entries into the 課題一覧 (`open`, the profile's open items): a いいえ
/// wholly caused by matters the profile leaves undecided is linked to those items (they name its
/// number) instead of being listed twice; any other becomes an item of its own, owned by the
/// 企画管理者. Returns whether the 課題一覧 changed.
pub(crate) fn merge_open_items(
    items: &[OpenItem],
    guideline: &Guideline,
    open: &mut Vec<crate::resolve::OpenItem>,
) -> bool {
    let mut changed = false;
    for item in items {
        let linked: Vec<usize> =
            item.undecided.iter().filter_map(|key| open.iter().position(|o| &o.key == key)).collect();
        if !item.undecided.is_empty() && linked.len() == item.undecided.len() {
            for index in linked {
                for number in &item.numbers {
                    if !open[index].checklist.contains(number) {
                        open[index].checklist.push(number.clone());
                    }
                }
            }
            changed |= !item.numbers.is_empty();
            continue;
        }
        open.push(crate::resolve::OpenItem {
            key: item.id.clone(),
            item: item.subject.clone(),
            why: item.action.clone(),
            requirement: item
                .requirement
                .as_deref()
                .and_then(|id| resolve_requirement(guideline, id))
                .map(str::to_owned),
            owner: crate::model::Role::Management,
            due: item.due,
            checklist: item.numbers.clone(),
        });
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_edition_loads_and_names_known_requirements() {
        let content = Content::embedded();
        let editions = editions(&content);
        assert!(editions.contains(&"R7".to_owned()) && editions.contains(&"R8".to_owned()), "{editions:?}");
        for version in ["6.0", "7.0"] {
            let guideline = crate::load::load_guideline(&content, version).unwrap();
            for edition in &editions {
                let loaded = load_edition(&content, edition, crate::wording::embedded()).unwrap();
                assert!(!loaded.items.is_empty(), "{edition}");
                loaded.check_requirements(&guideline).unwrap();
            }
        }
    }

    #[test]
    fn r8_carries_r7_items_as_unverified() {
        let content = Content::embedded();
        let r8 = load_edition(&content, "R8", crate::wording::embedded()).unwrap();
        assert!(r8.items.iter().all(|i| !i.verified));
        let r7 = load_edition(&content, "R7", crate::wording::embedded()).unwrap();
        assert_eq!(r7.items.len(), r8.items.len());
        assert!(compare(&r7, &r8).is_empty());
        assert!(r8.facility_form(FacilityKind::Pharmacy).is_some_and(|f| f.title == "医療機関・薬局確認用"));
        assert!(r7.facility_form(FacilityKind::Pharmacy).is_some_and(|f| f.title == "薬局確認用"));
    }

    #[test]
    fn an_unconfirmed_number_is_marked() {
        let content = Content::embedded();
        let r7 = load_edition(&content, "R7", crate::wording::embedded()).unwrap();
        let item = r7.items.iter().find(|i| i.key == "two-factor").unwrap();
        assert_eq!(item.display_number(crate::wording::embedded()), "2-（番号未確認）");
    }
}
