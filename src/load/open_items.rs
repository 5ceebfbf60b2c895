//! The open-item checks (`content/open-items.yaml`): which profile values, left out, become an
//! entry of the 課題一覧, with what to decide, why, the requirement that asks for it and who
//! decides. Loaded once with the rest of the content ([`super::shared`]); `resolve` applies them.

use std::path::Path;

use crate::diagnostic::SourceDiagnostic;
use crate::model::Role;
use crate::yaml;

/// One check of [`content/open-items.yaml`](../../../content/open-items.yaml): the open item a
/// missing profile value becomes.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Which value is checked (known to `resolve::open_items`).
    pub field: String,
    /// The body's name, for `emergency_contacts` (also the key of its open item).
    #[serde(default)]
    pub label: Option<String>,
    /// What is to be decided; `{system}`, `{vendor}` or `{committee}` is replaced by the name.
    pub item: String,
    /// Why it matters.
    pub why: String,
    /// The requirement that asks for it.
    pub requirement: String,
    /// Who decides it.
    pub owner: Role,
}

/// The checks, by group, in the order their open items are listed.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// Operational rules.
    pub rules: Vec<Check>,
    /// Per-system values.
    pub systems: Vec<Check>,
    /// Deputies of the posts.
    pub deputies: Vec<Check>,
    /// Emergency contacts.
    pub emergency_contacts: Vec<Check>,
    /// Vendor contracts.
    pub vendors: Vec<Check>,
    /// The committee.
    pub committee: Vec<Check>,
    /// Training and audit frequencies.
    pub schedule: Vec<Check>,
    /// The network (its internet exit).
    pub network: Vec<Check>,
}

/// The file the checks are read from, embedded.
pub const FILE: &str = "content/open-items.yaml";

/// The fields each group knows, in the code's terms. Every one must have exactly one entry.
pub const KNOWN: [(&str, &[&str]); 8] = [
    (
        "rules",
        &[
            "password_min_length",
            "password_change_days",
            "lockout_attempts",
            "screen_lock_minutes",
            "log_retention_years",
            "external_media",
            "take_out",
            "personal_devices",
        ],
    ),
    (
        "systems",
        &[
            "priority",
            "authentication.method",
            "rto_hours",
            "rpo_hours",
            "downtime",
            "backup",
            "backup.offline",
            "backup.last_restore_test",
        ],
    ),
    ("deputies", &["management", "operations"]),
    ("emergency_contacts", &["police", "prefecture", "mhlw"]),
    ("vendors", &["contract"]),
    ("committee", &["meets"]),
    (
        "schedule",
        &[
            "training.education_per_year",
            "training.drills_per_year",
            "audit.self_checks_per_year",
            "audit.internal_audits_per_year",
        ],
    ),
    ("network", &["exit"]),
];

/// Parses and checks the checks: a field the code does not know, a field listed twice, a check of
/// the code with no entry, or an emergency contact without its label is an error at its line.
pub fn parse(text: &str) -> Result<Checks, SourceDiagnostic> {
    let path = Path::new(FILE);
    let checks: Checks = yaml::parse(path, text)?;
    let at_field = |field: &str, message: String| {
        let line = text.lines().position(|l| l.trim_start().trim_start_matches("- ") == format!("field: {field}"));
        SourceDiagnostic::at(path, text, line.map_or(1, |l| l + 1), 1, message)
    };
    for (group, known) in KNOWN {
        let entries = checks.group(group);
        let mut seen = std::collections::BTreeSet::new();
        for check in entries {
            if !known.contains(&check.field.as_str()) {
                let hint = crate::diagnostic::closest(&check.field, known.iter().copied())
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                return Err(at_field(&check.field, format!("`{group}` has no check `{}`{hint}", check.field)));
            }
            if !seen.insert(check.field.as_str()) {
                return Err(at_field(&check.field, format!("`{group}.{}` is listed twice", check.field)));
            }
            if group == "emergency_contacts" && check.label.is_none() {
                return Err(at_field(&check.field, format!("`{group}.{}` needs a `label`", check.field)));
            }
        }
        if let Some(missing) = known.iter().find(|k| !seen.contains(**k)) {
            return Err(SourceDiagnostic::at(path, text, 1, 1, format!("`{group}` lacks the check `{missing}`")));
        }
    }
    Ok(checks)
}

impl Checks {
    /// The checks of a group, by its name in the file.
    pub fn group(&self, name: &str) -> &[Check] {
        match name {
            "rules" => &self.rules,
            "systems" => &self.systems,
            "deputies" => &self.deputies,
            "emergency_contacts" => &self.emergency_contacts,
            "committee" => &self.committee,
            "schedule" => &self.schedule,
            "network" => &self.network,
            _ => &self.vendors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = include_str!("../../content/open-items.yaml");

    #[test]
    fn the_checks_file_is_valid_and_its_requirements_exist() {
        let checks = parse(TEXT).unwrap();
        let content = crate::load::Content::embedded();
        let guideline = crate::load::load_guideline(&content, "6.0").unwrap();
        for (group, _) in KNOWN {
            for check in checks.group(group) {
                assert!(
                    guideline.requirement(&check.requirement).is_some(),
                    "{FILE}: `{group}.{}` cites `{}`, which guideline 6.0 lacks",
                    check.field,
                    check.requirement
                );
            }
        }
    }

    #[test]
    fn an_unknown_or_repeated_or_missing_check_is_refused() {
        let typo = TEXT.replacen("field: lockout_attempts", "field: lockout_attempt", 1);
        assert!(parse(&typo).unwrap_err().to_string().contains("did you mean `lockout_attempts`?"));
        let twice = TEXT.replacen("field: lockout_attempts", "field: take_out", 1);
        assert!(parse(&twice).unwrap_err().to_string().contains("`rules.take_out` is listed twice"));
        let start = TEXT.find("  - field: take_out").unwrap();
        let end = start + TEXT[start..].find("  - field: personal_devices").unwrap();
        let missing = format!("{}{}", &TEXT[..start], &TEXT[end..]);
        assert!(parse(&missing).unwrap_err().to_string().contains("`rules` lacks the check `take_out`"));
        let owner = TEXT.replacen("owner: governance", "owner: director", 1);
        assert!(parse(&owner).is_err());
    }
}
