//! Dated obligations: two-factor authentication at the first renewal after 令和9年4月1日.
//!
//! Guideline 7.0 asks systems renewed from 令和9年4月1日 on to adopt 2FA at that renewal (systems
//! running on that day: at their next renewal). Each system carries its planned renewal date in
//! the profile; this module says, as of a date, which systems without 2FA are due, and which
//! renewal already passed without it. The rule itself is content (`checklists/obligations.yaml`).

use chrono::NaiveDate;

use super::OpenItem;
use crate::load::Profile;
use crate::wareki;

pub(crate) use crate::load::obligations::TwoFactorRule;

/// What a system without 2FA faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DueKind {
    /// Its renewal on or after the rule's date has passed, and it still has no 2FA.
    Missed,
    /// Its renewal is on or after the rule's date and still ahead: 2FA comes with it.
    Due,
    /// It is renewed before the rule's date; 2FA comes at the renewal after that one.
    Later,
    /// No renewal date is recorded, so the deadline cannot be told.
    Unknown,
}

/// A system without 2FA and what its renewal means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TwoFactorDue {
    /// System key.
    pub key: String,
    /// System name.
    pub system: String,
    /// Planned renewal.
    pub renewal: Option<NaiveDate>,
    /// What that means.
    pub kind: DueKind,
}

impl TwoFactorDue {
    /// One line in Japanese.
    pub(crate) fn message(&self, rule: &TwoFactorRule, wording: &crate::wording::Wording) -> String {
        let from = wareki::format(rule.from);
        match (self.kind, self.renewal) {
            (DueKind::Missed, Some(r)) => {
                crate::w!(
                    wording,
                    "checklist.two_factor_missed",
                    system = self.system,
                    renewal = wareki::format(r),
                    from = from
                )
            }
            (DueKind::Due, Some(r)) => {
                crate::w!(
                    wording,
                    "checklist.two_factor_due",
                    system = self.system,
                    renewal = wareki::format(r),
                    from = from
                )
            }
            (DueKind::Later, Some(r)) => {
                crate::w!(
                    wording,
                    "checklist.two_factor_later",
                    system = self.system,
                    renewal = wareki::format(r),
                    from = from
                )
            }
            _ => crate::w!(wording, "checklist.two_factor_unknown", system = self.system),
        }
    }

    /// The 課題一覧 entry, for a renewal that is due or missed.
    pub(crate) fn open_item(
        &self,
        owner: &str,
        rule: &TwoFactorRule,
        wording: &crate::wording::Wording,
    ) -> Option<OpenItem> {
        let due = match self.kind {
            DueKind::Missed | DueKind::Due => self.renewal?,
            DueKind::Later | DueKind::Unknown => return None,
        };
        Some(OpenItem {
            id: format!("two-factor.{}", self.key),
            title: crate::w!(wording, "checklist.two_factor_title", system = self.system),
            subject: crate::w!(wording, "checklist.two_factor_title", system = self.system),
            numbers: Vec::new(),
            requirement: None,
            undecided: Vec::new(),
            action: self.message(rule, wording),
            due,
            owner: owner.to_owned(),
            source: rule.source.trim().to_owned(),
        })
    }
}

/// The systems without 2FA, as of `date`.
pub(crate) fn two_factor_due(profile: &Profile, rule: &TwoFactorRule, date: NaiveDate) -> Vec<TwoFactorDue> {
    profile
        .data
        .systems
        .iter()
        .filter(|s| !s.authentication.two_factor)
        .map(|s| {
            let kind = match s.renewal {
                None => DueKind::Unknown,
                Some(r) if r < rule.from => DueKind::Later,
                Some(r) if r <= date => DueKind::Missed,
                Some(_) => DueKind::Due,
            };
            TwoFactorDue { key: s.key.clone(), system: s.name.clone(), renewal: s.renewal, kind }
        })
        .collect()
}
