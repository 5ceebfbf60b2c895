//! The approvals file beside a profile (`<profile-stem>.approvals.yaml`): who approved which 版
//! of which document, on what date, in force from what date.
//!
//! A build never assigns a 版: it writes a 案 (draft). Only `kitei approve` does, by appending an
//! event here; the 版, the 改訂履歴 and the 附則 of every later build are derived from these
//! events (and, for folders built before approvals existed, from the manifest's baseline). The
//! file is plain YAML meant for version control and is append-only: kitei re-reads and checks
//! the events already there, then appends the new event's text, so nothing written before is
//! rewritten or lost. A mistake is corrected by a new event, never by an edit.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::SourceDiagnostic;
use crate::i18n::{text, Msg};

/// One approval event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApprovalEvent {
    /// 1, 2, … in the order of the file.
    pub seq: u32,
    /// What was decided.
    pub action: Action,
    /// The documents the decision gave a 版.
    pub documents: Vec<ApprovedDocument>,
    /// Who approved.
    pub approver: ApprovedBy,
    /// The date of the approval.
    pub approved_on: NaiveDate,
    /// The date the approved 版 takes effect (施行日), never before `approved_on`.
    pub effective_on: NaiveDate,
    /// Why the documents were revised (the 改訂履歴's 理由).
    pub reason: String,
    /// The undecided matters left open, when approved with `--allow-open`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_items: Vec<String>,
    /// The guideline version the documents follow.
    pub guideline: String,
    /// SHA-256 of the profile text approved.
    pub profile_sha256: String,
    /// The revision of kitei's requirement numbering the approved text used.
    #[serde(default)]
    pub numbering_revision: u32,
    /// SHA-256 over the templates and local edits the approved text used.
    #[serde(default)]
    pub templates_sha256: String,
}

/// The kinds of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Action {
    /// The current draft of the listed documents becomes their next 版.
    Approve,
}

/// A document given a 版 by an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApprovedDocument {
    /// Document id.
    pub id: String,
    /// The 版 it became.
    pub version: u32,
    /// SHA-256 of its rendered content (the manifest's `content_sha256`).
    pub digest: String,
    /// The articles or sections that differ from the previous 版 (the 改訂履歴's 改定箇所).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// The approving post, and the person when given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApprovedBy {
    /// The post (院長, 開設者, 企画管理者).
    pub post: String,
    /// The person's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Why the approvals file could not be read or written.
#[derive(Debug, Error)]
pub(crate) enum ApprovalsError {
    /// Reading or writing failed.
    #[error("{}", text(Msg::ApprovalsIo { path: &.path.display().to_string(), cause: &.source.to_string() }))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is malformed or its events contradict one another.
    #[error("{0}")]
    Invalid(#[from] SourceDiagnostic),
}

/// The events of an approvals file, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Approvals {
    /// The events, in order.
    pub events: Vec<ApprovalEvent>,
}

/// Where the approvals of the profile at `profile` are kept.
pub(crate) fn path_beside(profile: &Path) -> PathBuf {
    let stem = profile.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    profile.with_file_name(format!("{stem}.approvals.yaml"))
}

/// Whether `path` is an approvals file (`*.approvals.yaml`), not a profile.
pub(crate) fn is_approvals_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".approvals.yaml") || n.ends_with(".approvals.yml"))
}

impl Approvals {
    /// Parses and checks the text of an approvals file (`path` is for messages).
    pub(crate) fn from_str(path: &Path, source: &str) -> Result<Self, ApprovalsError> {
        if source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
            return Ok(Self::default());
        }
        crate::yaml::refuse_bad_text(path, source)?;
        let events: Vec<ApprovalEvent> = crate::yaml::parse(path, source)?;
        check(path, source, &events)?;
        Ok(Self { events })
    }

    /// Reads the approvals of the profile at `profile`; none when the file does not exist.
    pub(crate) fn beside(profile: &Path) -> Result<Self, ApprovalsError> {
        let path = path_beside(profile);
        match std::fs::read_to_string(&path) {
            Ok(source) => Self::from_str(&path, &source),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ApprovalsError::Io { path, source }),
        }
    }

    /// The sequence number the next event takes.
    pub(crate) fn next_seq(&self) -> u32 {
        self.events.last().map_or(1, |e| e.seq + 1)
    }

    /// The events that gave document `id` a 版, oldest first.
    pub(crate) fn of_document<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = (&'a ApprovalEvent, &'a ApprovedDocument)> {
        self.events.iter().filter_map(move |e| e.documents.iter().find(|d| d.id == id).map(|d| (e, d)))
    }
}

/// Checks what YAML alone cannot: numbering, dates and 版 that run forward.
fn check(path: &Path, source: &str, events: &[ApprovalEvent]) -> Result<(), SourceDiagnostic> {
    let mut latest: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for (index, event) in events.iter().enumerate() {
        let at = |message: String| {
            let line = event_line(source, index);
            SourceDiagnostic::at(path, source, line, 1, message)
        };
        if event.seq as usize != index + 1 {
            return Err(at(text(Msg::ApprovalSeq { expected: index + 1, found: event.seq })));
        }
        if event.effective_on < event.approved_on {
            return Err(at(text(Msg::EffectiveBeforeApproval)));
        }
        for document in &event.documents {
            let before = latest.insert(&document.id, document.version).unwrap_or(0);
            if document.version <= before {
                let message = Msg::ApprovalVersionBackwards { id: &document.id, version: document.version, before };
                return Err(at(text(message)));
            }
        }
    }
    Ok(())
}

/// The 1-based line where the `index`-th event of the top-level sequence starts.
fn event_line(source: &str, index: usize) -> usize {
    source.lines().enumerate().filter(|(_, l)| l.starts_with("- ")).nth(index).map_or(1, |(n, _)| n + 1)
}

/// The header of a new approvals file.
const HEADER: &str = "# Written by `kitei approve`: each approval of the rulebook, oldest first.\n# Keep it under version control beside the profile. Never edit an event: record a new one.\n";

/// The YAML text of one event, as an item of the file's top-level sequence. Every string is a
/// double-quoted scalar (JSON's escaping is valid YAML), so no user text becomes structure.
pub(crate) fn event_yaml(event: &ApprovalEvent) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = format!("- seq: {}\n  action: approve\n  documents:\n", event.seq);
    for d in &event.documents {
        out.push_str(&format!(
            "    - id: {}\n      version: {}\n      digest: {}\n",
            q(&d.id),
            d.version,
            q(&d.digest)
        ));
        if !d.changes.is_empty() {
            out.push_str("      changes:\n");
            for change in &d.changes {
                out.push_str(&format!("        - {}\n", q(change)));
            }
        }
    }
    out.push_str(&format!("  approver:\n    post: {}\n", q(&event.approver.post)));
    if let Some(name) = &event.approver.name {
        out.push_str(&format!("    name: {}\n", q(name)));
    }
    out.push_str(&format!("  approved_on: {}\n  effective_on: {}\n", event.approved_on, event.effective_on));
    out.push_str(&format!("  reason: {}\n", q(&event.reason)));
    if !event.open_items.is_empty() {
        out.push_str("  open_items:\n");
        for item in &event.open_items {
            out.push_str(&format!("    - {}\n", q(item)));
        }
    }
    out.push_str(&format!("  guideline: {}\n  profile_sha256: {}\n", q(&event.guideline), q(&event.profile_sha256)));
    out.push_str(&format!("  numbering_revision: {}\n", event.numbering_revision));
    out.push_str(&format!("  templates_sha256: {}\n", q(&event.templates_sha256)));
    out
}

/// The approvals of the profile at `profile` with `event` appended: the file is re-read and
/// checked, the event's text is added after the existing text (kept byte for byte) and the whole
/// is checked again; nothing is written (the caller writes it with [`crate::write`]'s one atomic
/// writer). Returns the file's path and its new text.
pub(crate) fn append(profile: &Path, event: &ApprovalEvent) -> Result<(PathBuf, String), ApprovalsError> {
    let path = path_beside(profile);
    let failed = |source| ApprovalsError::Io { path: path.clone(), source };
    let existing = match std::fs::read_to_string(&path) {
        Ok(existing) => existing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_owned(),
        Err(e) => return Err(failed(e)),
    };
    let before = Approvals::from_str(&path, &existing)?;
    let mut updated = existing;
    if !updated.is_empty() && !updated.ends_with('\n') {
        updated.push('\n');
    }
    updated.push_str(&event_yaml(event));
    let after = Approvals::from_str(&path, &updated)?;
    debug_assert_eq!(after.events.len(), before.events.len() + 1);
    Ok((path, updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u32, version: u32) -> ApprovalEvent {
        ApprovalEvent {
            seq,
            action: Action::Approve,
            documents: vec![ApprovedDocument {
                id: "security-policy".into(),
                version,
                digest: "abc".into(),
                changes: vec!["第3条（\"引用\"）: 改行\nあり".into()],
            }],
            approver: ApprovedBy { post: "院長".into(), name: Some("山田 太郎 #1".into()) },
            approved_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            effective_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            reason: "新規制定: {x}".into(),
            open_items: vec!["- 未決".into()],
            guideline: "6.0".into(),
            profile_sha256: "p".into(),
            numbering_revision: 0,
            templates_sha256: "t".into(),
        }
    }

    #[test]
    fn events_append_and_read_back_without_touching_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("clinic.yaml");
        let (path, first) = append(&profile, &event(1, 1)).unwrap();
        assert_eq!(path, dir.path().join("clinic.approvals.yaml"));
        std::fs::write(&path, &first).unwrap();
        let (_, both) = append(&profile, &event(2, 2)).unwrap();
        std::fs::write(&path, &both).unwrap();
        let both = std::fs::read_to_string(&path).unwrap();
        assert!(both.starts_with(&first), "{both}");
        let read = Approvals::beside(&profile).unwrap();
        assert_eq!(read.events, vec![event(1, 1), event(2, 2)]);
        assert_eq!(read.next_seq(), 3);
    }

    #[test]
    fn events_out_of_order_or_running_backwards_are_refused_at_their_line() {
        let path = Path::new("c.approvals.yaml");
        let text = format!("{}{}", event_yaml(&event(1, 2)), event_yaml(&event(2, 1)));
        let err = Approvals::from_str(path, &text).unwrap_err().to_string();
        assert!(err.contains("c.approvals.yaml:") && err.contains("security-policy"), "{err}");
        let text = format!("{}{}", event_yaml(&event(1, 1)), event_yaml(&event(3, 2)));
        assert!(Approvals::from_str(path, &text).is_err());
        let mut early = event(1, 1);
        early.effective_on = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert!(Approvals::from_str(path, &event_yaml(&early)).is_err());
    }

    #[test]
    fn a_missing_or_empty_file_holds_no_events() {
        assert_eq!(Approvals::beside(Path::new("/nonexistent/x.yaml")).unwrap(), Approvals::default());
        assert_eq!(Approvals::from_str(Path::new("x"), HEADER).unwrap(), Approvals::default());
    }
}
