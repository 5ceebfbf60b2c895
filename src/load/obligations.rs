//! The dated 2FA obligation (`content/checklists/obligations.yaml`): guideline 7.0 asks systems
//! renewed from 令和9年4月1日 on to adopt two-factor authentication at that renewal. The rule is
//! content; `checklist::obligations` says which systems it makes due.

use chrono::NaiveDate;
use serde::Deserialize;

/// The file, below `content/`.
pub const FILE: &str = "checklists/obligations.yaml";

/// The 2FA obligation as content states it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorRule {
    /// Renewals on or after this date must bring 2FA.
    pub from: NaiveDate,
    /// The rule in kitei's words.
    pub text: String,
    /// Where it comes from.
    pub source: String,
    /// Whether confirmed in a public source.
    pub verified: bool,
}

/// The file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawObligations {
    pub(super) two_factor: TwoFactorRule,
}
