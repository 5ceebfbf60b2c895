//! Checks a deserialized profile and turns it into a [`Profile`].
//!
//! Deserialization already refused unknown keys and wrong types; this pass checks what serde
//! cannot: unique keys, references that resolve (a system's vendor must be a listed vendor), a
//! facility id that is safe as a folder name, areas that the content model knows. Every problem is
//! reported, each at its own line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::profile::{Person, ProfileData, Ref, RoleAssignment, Vendor};
use super::LoadError;
use crate::diagnostic::{closest, Diagnostics, SourceDiagnostic};
use crate::i18n::{text, Msg, RefKind};
use crate::model::Guideline;

/// A checked facility profile: every reference in it resolves.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The facility id (a safe folder name).
    pub id: String,
    /// The profile's content.
    pub data: ProfileData,
    /// SHA-256 of the profile text (and its base), recorded in the manifest.
    pub hash: String,
}

impl Profile {
    /// The person with `key` (references are checked, so a checked key always resolves).
    pub fn person(&self, key: &str) -> Option<&Person> {
        self.data.people.iter().find(|p| p.key == key)
    }

    /// The vendor with `key`.
    pub fn vendor(&self, key: &str) -> Option<&Vendor> {
        self.data.vendors.iter().find(|v| v.key == key)
    }
}

/// Checks `data` (read from `path`, whose text is `text`) against the guideline.
pub fn check_profile(path: &Path, text: &str, data: ProfileData, guideline: &Guideline) -> Result<Profile, LoadError> {
    let mut checker = Checker { path, text, problems: Vec::new() };
    let id = checker.facility_id(&data);
    checker.counts(&data);
    checker.references(&data, guideline);
    checker.establishment(&data);
    if !checker.problems.is_empty() {
        return Err(Diagnostics(checker.problems).into());
    }
    Ok(Profile { path: path.to_owned(), id, data, hash: sha256_hex(text.as_bytes()) })
}

/// What a profile's `document.established` (the 制定日) is checked against once a first 版 exists
/// or is being recorded: the 制定日 is one fact, the date of the first approved 版, kept in the
/// approvals file.
#[derive(Debug, Clone, Copy)]
pub enum FirstApproval<'a> {
    /// The first event of the approvals file `file` (shown as written), dated `date`.
    Recorded {
        /// Its approval date.
        date: chrono::NaiveDate,
        /// The approvals file.
        file: &'a str,
    },
    /// `kitei approve --date date` is about to record the first 版.
    Proposed(chrono::NaiveDate),
}

/// Refuses a profile `document.established` that disagrees with the first approval: written
/// there, it would be a second source for the 制定日 (and a backdated one, when earlier). Without
/// `established` nothing is checked (the 制定日 is the approval's). The error is at the
/// `established:` line of `text` (the profile, or the text merged from its bases) with the line to write.
pub fn check_established(
    path: &Path,
    text: &str,
    data: &ProfileData,
    first: FirstApproval<'_>,
) -> Result<(), LoadError> {
    let Some(established) = data.document.established else { return Ok(()) };
    let (date, message) = match first {
        FirstApproval::Recorded { date, file } => {
            let (established, approved) = (established.to_string(), date.to_string());
            (
                date,
                crate::i18n::text(Msg::EstablishedNotFirstApproval {
                    established: &established,
                    approved: &approved,
                    file,
                }),
            )
        }
        FirstApproval::Proposed(date) => {
            let (established, approved) = (established.to_string(), date.to_string());
            (
                date,
                crate::i18n::text(Msg::EstablishedNotApprovalDate { established: &established, approved: &approved }),
            )
        }
    };
    if established == date {
        return Ok(());
    }
    let (line, column) = established_position(text);
    let hint = crate::i18n::text(Msg::EstablishedHint { approved: &date.to_string() });
    Err(SourceDiagnostic::at(path, text, line, column, message).with_hint(hint).into())
}

/// Line and column of `established:` in the top-level `document:` mapping of `text` (1, 1 when
/// it cannot be found, e.g. a flow mapping).
fn established_position(text: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("document:")).map_or(0, |i| i + 1);
    lines
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(i, l)| *i == start || l.is_empty() || l.starts_with([' ', '#']))
        .find_map(|(i, l)| {
            let trimmed = l.trim_start();
            trimmed.starts_with("established:").then(|| (i + 1, l.chars().count() - trimmed.chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

/// Every role assignment of the profile (the three roles, then the audit role and the CISO).
fn role_assignments(data: &ProfileData) -> impl Iterator<Item = &RoleAssignment> {
    let roles = &data.roles;
    [&roles.governance, &roles.management, &roles.operations].into_iter().chain(&roles.audit).chain(&roles.ciso)
}

use crate::digest::sha256_hex;

/// Whether `id` may name a folder: ASCII letters, digits, `-` and `_`, not starting with `-`, at most 64.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !id.starts_with('-')
}

/// Whether `id` is a device name Windows reserves (`CON`, `NUL`, `PRN`, `AUX`, `COM1`–`COM9`,
/// `LPT1`–`LPT9`, in any case, with or without an extension): a folder of that name cannot be
/// created or copied there, so a rulebook built elsewhere could never be opened at the facility.
pub fn is_reserved_id(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "NUL" | "PRN" | "AUX" => true,
        _ => ["COM", "LPT"].iter().any(|prefix| {
            stem.strip_prefix(prefix).is_some_and(|n| n.len() == 1 && n.chars().all(|c| ('1'..='9').contains(&c)))
        }),
    }
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<SourceDiagnostic>,
}

/// The most entries each list of a profile may have: generous for a 1,000-bed hospital, and small
/// enough that a build stays within 1 GB (`benches/bench.sh` measures 1,000 systems and 1,000
/// assets). A profile past them is a mistake (a generated list, a pasted inventory) or a group of
/// facilities that should be split.
pub(crate) const LIMITS: &[(&str, usize)] = &[
    ("people", 2_000),
    ("systems", 1_000),
    ("vendors", 500),
    ("emergency_contacts", 200),
    ("assets", 2_000),
    ("members", 500),
    ("vpn_devices", 500),
];

impl Checker<'_> {
    /// Refuses a list longer than its [`LIMITS`] entry, at its key.
    fn counts(&mut self, data: &ProfileData) {
        let members = data.organization.committee.as_ref().map_or(0, |c| c.members.len());
        let counts = [
            data.people.len(),
            data.systems.len(),
            data.vendors.len(),
            data.emergency_contacts.len(),
            data.assets.len(),
            members,
            data.network.vpn_devices.len(),
        ];
        for ((key, limit), count) in LIMITS.iter().zip(counts) {
            if count > *limit {
                let message = text(Msg::TooMany { key, count, limit: *limit });
                self.problems.push(self.at_key(key, message));
            }
        }
    }

    fn at_ref(&self, reference: &Ref, message: String) -> SourceDiagnostic {
        SourceDiagnostic::at_span(self.path, self.text, reference.referenced, message)
    }

    /// The line where `key:` first appears at the start of a line (for problems without a span): a
    /// top-level key if there is one (a segment's `assets:` is not the 台帳's), else the first.
    fn at_key(&self, key: &str, message: String) -> SourceDiagnostic {
        let needle = format!("{key}:");
        let top = self.text.lines().position(|l| l.starts_with(&needle)).map(|i| (i + 1, 1));
        let (line, column) = top
            .or_else(|| {
                self.text.lines().enumerate().find_map(|(i, l)| {
                    let trimmed = l.trim_start().trim_start_matches("- ");
                    trimmed.starts_with(&needle).then(|| (i + 1, l.chars().count() - trimmed.chars().count() + 1))
                })
            })
            .unwrap_or((1, 1));
        SourceDiagnostic::at(self.path, self.text, line, column, message)
    }

    /// The first line starting with `key:` after the line holding `anchor` (falls back to the first
    /// `key:` of the file).
    fn at_key_after(&self, anchor: &str, key: &str, message: String) -> SourceDiagnostic {
        let needle = format!("{key}:");
        let start = self.text.lines().position(|l| l.contains(anchor)).unwrap_or(0);
        let found = self.text.lines().enumerate().skip(start).find_map(|(i, l)| {
            let trimmed = l.trim_start();
            trimmed.starts_with(&needle).then(|| (i + 1, l.chars().count() - trimmed.chars().count() + 1))
        });
        match found {
            Some((line, column)) => SourceDiagnostic::at(self.path, self.text, line, column, message),
            None => self.at_key(key, message),
        }
    }

    /// The second `key: <key>` inside the top-level list `list` (where a duplicate is written).
    fn at_second_key(&self, list: &str, key: &str, message: String) -> SourceDiagnostic {
        let header = format!("{list}:");
        let start = self.text.lines().position(|l| l.starts_with(&header)).map_or(0, |i| i + 1);
        let needle = format!("key: {key}");
        let found = self
            .text
            .lines()
            .enumerate()
            .skip(start)
            .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '-', '#']))
            .filter_map(|(i, l)| {
                let plain = l.replace(['"', '\''], "");
                let at = plain.match_indices(&needle).find(|(at, _)| {
                    let after = plain[at + needle.len()..].chars().next();
                    after.is_none_or(|c| matches!(c, ' ' | ',' | '}' | '#'))
                })?;
                Some((i + 1, plain[..at.0].chars().count() + 1))
            })
            .nth(1);
        match found {
            Some((line, column)) => SourceDiagnostic::at(self.path, self.text, line, column, message),
            None => self.at_key("key", message),
        }
    }

    fn facility_id(&mut self, data: &ProfileData) -> String {
        match &data.id {
            Some(id) if is_reserved_id(id) => {
                let problem = self.at_key("id", text(Msg::ReservedId(id))).with_hint(text(Msg::BadFacilityIdHint));
                self.problems.push(problem);
                String::new()
            }
            Some(id) if is_safe_id(id) => id.clone(),
            Some(id) => {
                let problem = self.at_key("id", text(Msg::BadFacilityId(id))).with_hint(text(Msg::BadFacilityIdHint));
                self.problems.push(problem);
                String::new()
            }
            None => {
                let stem = self.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
                if is_reserved_id(&stem) {
                    let problem = SourceDiagnostic::at(self.path, self.text, 1, 1, text(Msg::ReservedId(&stem)))
                        .with_hint(text(Msg::BadFileNameIdHint));
                    self.problems.push(problem);
                } else if !is_safe_id(&stem) {
                    let problem = SourceDiagnostic::at(self.path, self.text, 1, 1, text(Msg::BadFileNameId(&stem)))
                        .with_hint(text(Msg::BadFileNameIdHint));
                    self.problems.push(problem);
                }
                stem
            }
        }
    }

    fn references(&mut self, data: &ProfileData, guideline: &Guideline) {
        let people = self.unique_keys("people", data.people.iter().map(|p| p.key.as_str()));
        let vendors = self.unique_keys("vendors", data.vendors.iter().map(|v| v.key.as_str()));
        let systems = self.unique_keys("systems", data.systems.iter().map(|s| s.key.as_str()));
        for reference in data.assets.iter().filter_map(|a| a.system.as_ref()) {
            self.resolve(reference, &systems, RefKind::System, "systems");
        }
        if data.systems.is_empty() {
            let problem = self.at_key("systems", text(Msg::NoSystems)).with_hint(text(Msg::NoSystemsHint));
            self.problems.push(problem);
        }
        let person_refs = [
            &data.facility.head,
            &data.roles.governance.person,
            &data.roles.management.person,
            &data.roles.operations.person,
            &data.document.approver,
        ]
        .into_iter()
        .chain(data.facility.founder.as_ref())
        .chain(data.roles.audit.as_ref().map(|r| &r.person))
        .chain(data.roles.ciso.as_ref().map(|r| &r.person))
        .chain(role_assignments(data).filter_map(|r| r.deputy.as_ref()))
        .chain(data.organization.committee.iter().flat_map(|c| std::iter::once(&c.chair).chain(&c.members)))
        .chain(data.organization.corporation.as_ref().map(|c| &c.representative));
        for reference in person_refs {
            self.resolve(reference, &people, RefKind::Person, "people");
        }
        self.deputies_differ(data);
        self.founder_approves(data);
        let network = &data.network;
        let vendor_refs = data
            .systems
            .iter()
            .filter_map(|s| s.vendor.as_ref())
            .chain(network.vpn_devices.iter().filter_map(|d| d.managed_by.as_ref()))
            .chain(network.exit.as_ref().and_then(|e| e.managed_by.as_ref()))
            .chain(network.vpn_devices.iter().flat_map(|d| &d.connects).filter_map(|p| p.vendor.as_ref()))
            .chain(data.assets.iter().filter_map(|a| a.vendor.as_ref()));
        for reference in vendor_refs {
            self.resolve(reference, &vendors, RefKind::Vendor, "vendors");
        }
        self.network(data, &systems);
        let areas: HashSet<&str> = guideline.areas.iter().map(|a| a.key.as_str()).collect();
        for area in data.vendors.iter().flat_map(|v| &v.contract.covers) {
            self.resolve(area, &areas, RefKind::Area, "content/areas.yaml");
        }
        for vendor in
            data.vendors.iter().filter(|v| v.contract.remote_transport.is_some() && !v.contract.remote_maintenance)
        {
            let problem = self
                .at_key_after(
                    &format!("key: {}", vendor.key),
                    "remote_transport",
                    text(Msg::TransportWithoutRemote(&vendor.key)),
                )
                .with_hint(text(Msg::TransportWithoutRemoteHint));
            self.problems.push(problem);
        }
        if let Some(month) = data.training.month.filter(|m| !(1..=12).contains(m)) {
            let problem = self.at_key("month", text(Msg::MonthOutOfRange(month)));
            self.problems.push(problem);
        }
    }

    /// The network's references: a segment's systems and assets, a VPN device's peers (one vendor
    /// or one system each) and segment; segment names are unique; an exit needs `internet: true`.
    fn network(&mut self, data: &ProfileData, systems: &HashSet<&str>) {
        let network = &data.network;
        let assets: HashSet<&str> = data.assets.iter().map(|a| a.name.as_str()).collect();
        let mut names = HashSet::new();
        for segment in &network.segments {
            if !names.insert(segment.name.as_str()) {
                let problem = self
                    .at_second_name(
                        "segments",
                        &segment.name,
                        text(Msg::ListedTwice { key: &segment.name, list: "network.segments" }),
                    )
                    .with_hint(text(Msg::ListedTwiceNameHint));
                self.problems.push(problem);
            }
            for reference in &segment.systems {
                self.resolve(reference, systems, RefKind::System, "systems");
            }
            for reference in &segment.assets {
                self.resolve(reference, &assets, RefKind::Asset, "assets");
            }
        }
        for device in &network.vpn_devices {
            for peer in &device.connects {
                match (&peer.vendor, &peer.system) {
                    (None, Some(system)) => self.resolve(system, systems, RefKind::System, "systems"),
                    (Some(_), None) => {}
                    (Some(reference), Some(_)) => {
                        let problem = self
                            .at_ref(reference, text(Msg::VpnPeerNotOne(&device.name)))
                            .with_hint(text(Msg::VpnPeerNotOneHint));
                        self.problems.push(problem);
                    }
                    (None, None) => {
                        let problem = self
                            .at_key_after(&device.name, "connects", text(Msg::VpnPeerNotOne(&device.name)))
                            .with_hint(text(Msg::VpnPeerNotOneHint));
                        self.problems.push(problem);
                    }
                }
            }
            if let Some(segment) = &device.segment {
                self.resolve(segment, &names, RefKind::Segment, "network.segments");
            }
        }
        if network.exit.is_some() && !network.internet {
            let problem = self
                .at_key_after("network:", "exit", text(Msg::ExitWithoutInternet))
                .with_hint(text(Msg::ExitWithoutInternetHint));
            self.problems.push(problem);
        }
    }

    /// The second `name: <name>` below the line `list:` (where a duplicate is written).
    fn at_second_name(&self, list: &str, name: &str, message: String) -> SourceDiagnostic {
        let header = format!("{list}:");
        let start = self.text.lines().position(|l| l.trim_start().starts_with(&header)).map_or(0, |i| i + 1);
        let needle = format!("name: {name}");
        let mut found = self.text.lines().enumerate().skip(start).filter_map(|(i, l)| {
            let plain = l.replace(['"', '\''], "");
            let at = plain.find(&needle)?;
            let after = plain[at + needle.len()..].chars().next();
            after.is_none_or(|c| matches!(c, ' ' | ',' | '}' | '#')).then(|| (i + 1, plain[..at].chars().count() + 1))
        });
        match found.nth(1) {
            Some((line, column)) => SourceDiagnostic::at(self.path, self.text, line, column, message),
            None => self.at_key(list, message),
        }
    }

    /// A deputy who is the holder himself stands in for nobody.
    fn deputies_differ(&mut self, data: &ProfileData) {
        for assignment in role_assignments(data) {
            if let Some(deputy) = assignment.deputy.as_ref().filter(|d| d.value == assignment.person.value) {
                let problem =
                    self.at_ref(deputy, text(Msg::OwnDeputy(&deputy.value))).with_hint(text(Msg::OwnDeputyHint));
                self.problems.push(problem);
            }
        }
    }

    /// A 制定日 after the 施行日 would state that the rules took effect before they were made: a
    /// backdated effect. (Against the approvals, see [`check_established`].)
    fn establishment(&mut self, data: &ProfileData) {
        let document = &data.document;
        let Some(established) = document.established.filter(|e| *e > document.effective_date) else { return };
        let (established, effective) = (established.to_string(), document.effective_date.to_string());
        let message = text(Msg::EstablishedAfterEffective { established: &established, effective: &effective });
        let (line, column) = established_position(self.text);
        let problem = SourceDiagnostic::at(self.path, self.text, line, column, message)
            .with_hint(text(Msg::EstablishedAfterEffectiveHint { effective: &effective }));
        self.problems.push(problem);
    }

    /// A facility that names its 開設者 has it approve the documents the 経営層 approves; a
    /// different `document.approver` would leave two approvers on record.
    fn founder_approves(&mut self, data: &ProfileData) {
        let Some(founder) = &data.facility.founder else { return };
        if data.document.approver.value != founder.value {
            let problem = self
                .at_ref(
                    &data.document.approver,
                    format!("the approver `{}` is not the 開設者 `{}`", data.document.approver.value, founder.value),
                )
                .with_hint(
                    "the 開設者 (facility.founder) approves the policy and the regulation: name the same person here",
                );
            self.problems.push(problem);
        }
    }

    fn unique_keys<'k>(&mut self, list: &str, keys: impl Iterator<Item = &'k str>) -> HashSet<&'k str> {
        let mut seen = HashSet::new();
        for key in keys {
            if !seen.insert(key) {
                let problem = self
                    .at_second_key(list, key, text(Msg::ListedTwice { key, list }))
                    .with_hint(text(Msg::ListedTwiceHint));
                self.problems.push(problem);
            }
        }
        seen
    }

    fn resolve(&mut self, reference: &Ref, known: &HashSet<&str>, kind: RefKind, list: &str) {
        if known.contains(reference.value.as_str()) {
            return;
        }
        let mut names: Vec<&str> = known.iter().copied().collect();
        names.sort_unstable();
        let hint = match closest(&reference.value, names.iter().copied()) {
            Some(near) => text(Msg::RefDidYouMean { near, list, names: &names.join(", ") }),
            None if names.is_empty() => text(Msg::RefListEmpty(list)),
            None => text(Msg::RefKnown { list, names: &names.join(", ") }),
        };
        let problem = self.at_ref(reference, text(Msg::UnknownRef { kind, value: &reference.value })).with_hint(hint);
        self.problems.push(problem);
    }
}

#[cfg(test)]
mod tests {
    use super::{check_established, established_position, is_reserved_id, is_safe_id, FirstApproval};
    use crate::load::LoadError;

    /// The sakura sample with `document.established` written (when given), as (text, data, checked).
    fn sample_with(established: Option<&str>) -> (String, super::ProfileData, Result<super::Profile, LoadError>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/samples/sakura-clinic.yaml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        if let Some(date) = established {
            text = text.replacen(
                "  effective_date: 2026-04-01\n",
                &format!("  effective_date: 2026-04-01\n  established: {date}\n"),
                1,
            );
        }
        let data = crate::load::parse_profile(&path, &text).unwrap();
        let guideline = crate::load::load_guideline(&crate::load::Content::embedded(), "6.0").unwrap();
        let checked = super::check_profile(&path, &text, data.clone(), &guideline);
        (text, data, checked)
    }

    fn date(text: &str) -> chrono::NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn an_establishment_after_the_effective_date_is_refused_at_its_line() {
        assert!(sample_with(None).2.is_ok() && sample_with(Some("2026-04-01")).2.is_ok());
        assert!(sample_with(Some("2020-01-01")).2.is_ok(), "an earlier 制定日 is no error before an approval");
        let (text, _, checked) = sample_with(Some("2026-04-02"));
        let LoadError::Invalid(problems) = checked.unwrap_err() else { panic!("a profile diagnostic") };
        let line = text.lines().position(|l| l == "  established: 2026-04-02").unwrap() + 1;
        assert_eq!(problems.0.len(), 1);
        let shown = problems.0[0].to_string();
        assert!(shown.contains(&format!("sakura-clinic.yaml:{line}:3")), "{shown}");
        assert!(shown.contains("2026-04-02") && shown.contains("2026-04-01"), "{shown}");
    }

    #[test]
    fn the_establishment_must_be_the_first_approvals_date() {
        let path = std::path::Path::new("clinic.yaml");
        let (text, data, _) = sample_with(Some("2026-03-20"));
        let recorded = |d: &str| FirstApproval::Recorded { date: date(d), file: "clinic.approvals.yaml" };
        assert!(check_established(path, &text, &data, recorded("2026-03-20")).is_ok());
        assert!(check_established(path, &text, &data, FirstApproval::Proposed(date("2026-03-20"))).is_ok());
        for first in [recorded("2026-04-01"), FirstApproval::Proposed(date("2026-03-19"))] {
            let shown = check_established(path, &text, &data, first).unwrap_err().to_string();
            let line = text.lines().position(|l| l == "  established: 2026-03-20").unwrap() + 1;
            assert!(shown.contains(&format!("clinic.yaml:{line}:3")), "{shown}");
        }
        let (text, data, _) = sample_with(None);
        assert!(check_established(path, &text, &data, recorded("2030-01-01")).is_ok(), "no line, nothing to disagree");
    }

    #[test]
    fn the_establishment_is_found_in_the_document_mapping_only() {
        let text = "id: x\nsystems:\n  - established: 2020-01-01\ndocument:\n  effective_date: 2026-04-01\n  # established: no\n  established: 2026-01-01\n";
        assert_eq!(established_position(text), (7, 3));
        assert_eq!(established_position("document: { established: 2026-01-01 }\n"), (1, 1));
    }

    const SAKURA: &str = include_str!("../../content/samples/sakura-clinic.yaml");

    /// The diagnostics of checking `yaml` (empty when it is valid), as `line:column` and message.
    fn problems(yaml: &str) -> Vec<String> {
        let content = crate::load::Content::embedded();
        let guideline = crate::load::load_guideline(&content, "6.0").unwrap();
        let path = std::path::Path::new("p.yaml");
        let data = crate::load::parse_profile(path, yaml).unwrap();
        match super::check_profile(path, yaml, data, &guideline) {
            Ok(_) => Vec::new(),
            Err(error) => error.to_string().lines().filter(|l| l.contains("p.yaml:")).map(str::to_owned).collect(),
        }
    }

    /// The 1-based line of the first line of `yaml` containing `needle` (after `after`).
    fn line_of(yaml: &str, after: &str, needle: &str) -> usize {
        let start = yaml.lines().position(|l| l.contains(after)).unwrap();
        start + yaml.lines().skip(start).position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn the_samples_network_resolves() {
        assert!(problems(SAKURA).is_empty(), "{:?}", problems(SAKURA));
        let data = crate::load::parse_profile(std::path::Path::new("p.yaml"), SAKURA).unwrap();
        let exit = data.network.exit.as_ref().expect("sakura states its exit");
        assert_eq!(exit.managed_by.as_ref().map(|v| v.value.as_str()), Some("netlink"));
        assert_eq!(data.network.segments.len(), 2);
        assert_eq!(data.network.vpn_devices[0].connects.len(), 2);
    }

    #[test]
    fn unknown_systems_assets_vendors_and_segments_of_the_network_are_refused_at_their_line() {
        let broken = SAKURA
            .replace("      systems: [ehr, receipt]", "      systems: [ehr, rececon]")
            .replace("assets: [受付端末PC-1, 診察室端末PC]", "assets: [受付端末PC-1, 診察室PC]")
            .replace("    managed_by: netlink\n  segments:", "    managed_by: netlnk\n  segments:")
            .replace(
                "connects: [{ system: ons }, { vendor: netlink }]",
                "connects: [{ system: onz }, { vendor: netlinc }]",
            )
            .replace("      segment: オンライン資格確認用ネットワーク", "      segment: オン資ネットワーク");
        let found = problems(&broken);
        let at = |needle: &str, value: &str| {
            let line = line_of(&broken, "network:", needle);
            found.iter().any(|p| p.contains(&format!("p.yaml:{line}:")) && p.contains(value))
        };
        assert!(at("systems: [ehr, rececon]", "`rececon`"), "{found:?}");
        assert!(at("診察室PC]", "`診察室PC`"), "{found:?}");
        assert!(at("managed_by: netlnk", "`netlnk`"), "{found:?}");
        assert!(at("system: onz", "`onz`"), "{found:?}");
        assert!(at("vendor: netlinc", "`netlinc`"), "{found:?}");
        assert!(at("segment: オン資ネットワーク", "`オン資ネットワーク`"), "{found:?}");
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn a_vpn_peer_names_one_party_segments_are_named_once_and_an_exit_needs_the_internet() {
        let both = SAKURA.replace("{ vendor: netlink }]", "{ vendor: netlink, system: ehr }]");
        let found = problems(&both);
        let line = line_of(&both, "vpn_devices:", "connects:");
        assert!(found.len() == 1 && found[0].contains(&format!("p.yaml:{line}:")), "{found:?}");
        let twice = SAKURA
            .replace("name: オンライン資格確認用ネットワーク", "name: 院内LAN（診療・受付）")
            .replace("segment: オンライン資格確認用ネットワーク", "segment: 院内LAN（診療・受付）");
        let found = problems(&twice);
        let line = line_of(&twice, "segments:", "- name: 院内LAN（診療・受付）") + 4;
        assert!(found.len() == 1 && found[0].contains(&format!("p.yaml:{line}:")), "{found:?} at {line}");
        let closed = SAKURA.replace("network:\n  internet: true", "network:\n  internet: false");
        let found = problems(&closed);
        let line = line_of(&closed, "network:", "  exit:");
        assert!(found.len() == 1 && found[0].contains(&format!("p.yaml:{line}:")), "{found:?}");
    }

    #[test]
    fn windows_device_names_are_reserved_in_any_case() {
        for reserved in ["CON", "con", "Nul", "prn", "AUX", "COM1", "com9", "LPT1", "lpt9", "con.txt", "NUL.yaml"] {
            assert!(is_reserved_id(reserved), "{reserved}");
        }
        for fine in ["console", "COM0", "COM10", "lpt", "nul-clinic", "sakura"] {
            assert!(!is_reserved_id(fine), "{fine}");
        }
    }

    #[test]
    fn ids_that_could_escape_the_output_folder_are_refused() {
        assert!(is_safe_id("sakura-clinic_2"));
        for bad in ["", "../x", "/etc", "a/b", "..", "-rf", "名前", "a b", "x\0"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
    }
}
