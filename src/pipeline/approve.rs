//! Approval: the current draft of a facility's rulebook becomes its next 版.
//!
//! A build only ever writes a 案. Approval is a recorded decision: who (a post, and a person when
//! named), on what date, in force from what date, over which documents' exact content (a digest).
//! [`record`] appends the event to `<profile>.approvals.yaml`; the caller then builds the
//! approved set from it. `kitei approve` and the approve button of `kitei serve` both call it. A
//! draft with undecided matters or unreviewed local edits is refused unless `allow_open`, and
//! then what is open is recorded with the approval and printed in the 改訂履歴.

use std::path::{Path, PathBuf};

use anyhow::bail;
use chrono::NaiveDate;

use super::{ProfileSource, RenderOptions, Rendered, Session};
use crate::approvals::{self, Action, ApprovalEvent, Approvals, ApprovedBy, ApprovedDocument};
use crate::emit::revise::{self, Approved, BuildFacts};
use crate::emit::{approved_of, content_digest};
use crate::i18n::{text, Msg, ReportedEvent};
use crate::load::read::{self, Kind};
use crate::load::Content;
use crate::render::{documents::is_register, RenderedDocument};
use crate::write::{self, DocumentState, Manifest};

/// What an approval decides.
#[derive(Debug, Clone, Default)]
pub(crate) struct ApproveRequest<'a> {
    /// A post (院長) or the key of a person of the profile.
    pub by: &'a str,
    /// The approval date.
    pub date: NaiveDate,
    /// The date the approved 版 takes effect (default: the approval date; never before it).
    pub effective: Option<NaiveDate>,
    /// Documents to approve (default: every draft).
    pub documents: &'a [String],
    /// Approve even with undecided matters or unaccepted local edits.
    pub allow_open: bool,
    /// The reason for the revision (default: from what changed).
    pub reason: Option<&'a str>,
    /// Guideline version (default: the one the folder's draft follows, else the profile's).
    pub guideline: Option<&'a str>,
    /// Folder of template overrides (default: templates/ beside the profile).
    pub templates: Option<&'a Path>,
    /// Accept an approval dated before the last one.
    pub allow_backdate: bool,
}

/// Records the approval of the current draft of `source` (built into `output`): the event and
/// the approvals file it was appended to.
pub(crate) fn record(
    source: &ProfileSource,
    output: &Path,
    request: &ApproveRequest<'_>,
) -> anyhow::Result<(ApprovalEvent, PathBuf)> {
    let effective = request.effective.unwrap_or(request.date);
    if effective < request.date {
        bail!(text(Msg::EffectiveBeforeApproval));
    }
    let current = Current::read(source, output, request.guideline, request.templates, Some(request.date))?;
    refuse_backdating(&current.approvals, request.date, request.allow_backdate)?;
    if !request.allow_backdate {
        refuse_before_reported_events(&current.rendered, request.date)?;
    }
    if current.approvals.events.is_empty() {
        // The first 版 fixes the 制定日: a profile that states another one is corrected first.
        super::check_first_approval(source, request.date)?;
    }
    let documents = approved_documents(&current, request.documents)?;
    let open_items = open_items(&current.rendered, request.allow_open)?;
    let event = ApprovalEvent {
        seq: current.approvals.next_seq(),
        action: Action::Approve,
        documents: documents.iter().map(|(d, _)| d.clone()).collect(),
        approver: approver(&current.rendered, request.by),
        approved_on: request.date,
        effective_on: effective,
        reason: request.reason.map_or_else(|| reason(&current.rendered, &documents), str::to_owned),
        open_items,
        guideline: current.rendered.guideline.version.clone(),
        profile_sha256: current.rendered.profile.hash.clone(),
        numbering_revision: current.rendered.guideline.numbering.revision,
        templates_sha256: current.rendered.templates_sha256.clone(),
    };
    let (path, updated) = approvals::append(&source.path, &event)?;
    write::write_file_atomic(&path, updated.as_bytes())?;
    Ok((event, path))
}

/// A facility's current draft next to what is approved: what `approve` and `status` read.
pub(crate) struct Current {
    /// The rendered draft.
    pub rendered: Rendered,
    /// The output folder's manifest, if built before.
    pub previous: Option<Manifest>,
    /// The facility's output folder.
    pub folder: PathBuf,
    /// The approvals beside the profile.
    pub approvals: Approvals,
}

impl Current {
    /// Renders the profile as the folder's draft was built: with the guideline that draft follows
    /// unless one is given.
    pub(crate) fn read(
        source: &ProfileSource,
        output: &Path,
        guideline: Option<&str>,
        templates: Option<&Path>,
        date: Option<NaiveDate>,
    ) -> anyhow::Result<Self> {
        let session = Session::new(Content::embedded());
        let mut loaded = session.load(source, guideline)?;
        let folder = output.join(&loaded.1.id);
        let previous = write::read_manifest(&folder);
        if let Some(built) = previous.as_ref().filter(|m| guideline.is_none() && m.guideline != loaded.0.version) {
            loaded = session.load(source, Some(&built.guideline))?;
        }
        let options = RenderOptions { guideline: None, templates, date };
        let rendered = session.render_loaded(source, loaded, &options)?;
        let approvals = Approvals::beside(&source.path)?;
        Ok(Self { rendered, previous, folder, approvals })
    }

    /// The documents that are approved (not registers), with their digest and approved 版.
    pub(crate) fn documents(&self) -> Vec<(&RenderedDocument, String, Option<Approved>)> {
        let (profile, guideline) = (&self.rendered.profile, &self.rendered.guideline);
        self.rendered
            .documents
            .iter()
            .filter(|d| !is_register(d.spec.id))
            .map(|d| {
                let wording = self.rendered.wording;
                let digest = content_digest(d, profile, guideline, wording);
                let approved = approved_of(d, profile, guideline, self.previous.as_ref(), &self.approvals, wording);
                (d, digest, approved)
            })
            .collect()
    }
}

/// Why an approval's date is refused. Typed, so that `kitei serve` can word it for its form
/// (which has a date field, not `--date` and `--allow-backdate`); the command line prints it as is.
#[derive(Debug)]
pub(crate) enum DateRefused {
    /// Before the last approval: the 改訂履歴 would run backwards.
    BeforeLast {
        /// The date given.
        date: NaiveDate,
        /// The last approval's date.
        last: NaiveDate,
    },
    /// Before an event the text reports: the 版 would cite what had not happened yet.
    BeforeReportedEvent {
        /// The date given.
        date: NaiveDate,
        /// The event.
        event: Reported,
        /// The event's date.
        on: NaiveDate,
    },
}

impl std::fmt::Display for DateRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match self {
            Self::BeforeLast { date, last } => {
                text(Msg::ApproveBeforeLast { date: &date.to_string(), last: &last.to_string() })
            }
            Self::BeforeReportedEvent { date, event, on } => text(Msg::ApproveBeforeReportedEvent {
                date: &date.to_string(),
                event: event.as_message(),
                on: &on.to_string(),
            }),
        };
        f.write_str(&message)
    }
}

impl std::error::Error for DateRefused {}

/// An event the documents report, by the name of what it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reported {
    /// A vendor's written role split confirmed.
    ContractConfirmed(String),
    /// A system's backup restored in a test.
    RestoreTested(String),
}

impl Reported {
    fn as_message(&self) -> ReportedEvent<'_> {
        match self {
            Self::ContractConfirmed(vendor) => ReportedEvent::ContractConfirmed(vendor),
            Self::RestoreTested(system) => ReportedEvent::RestoreTested(system),
        }
    }
}

/// An approval dated before the last one would make the 改訂履歴 run backwards.
fn refuse_backdating(approvals: &Approvals, date: NaiveDate, allowed: bool) -> Result<(), DateRefused> {
    match revise::last_approval(approvals) {
        Some(last) if date < last && !allowed => Err(DateRefused::BeforeLast { date, last }),
        _ => Ok(()),
    }
}

/// An approval dated before an event its text reports (a vendor's role split confirmed in
/// writing, a restore test) would print a 版 that cites what had not happened yet on its date.
fn refuse_before_reported_events(rendered: &Rendered, date: NaiveDate) -> Result<(), DateRefused> {
    let data = &rendered.profile.data;
    let confirmed =
        data.vendors.iter().filter_map(|v| Some((Reported::ContractConfirmed(v.name.clone()), v.contract.confirmed?)));
    let restored = data
        .systems
        .iter()
        .filter_map(|s| Some((Reported::RestoreTested(s.name.clone()), s.backup.as_ref()?.last_restore_test?)));
    match confirmed.chain(restored).filter(|(_, on)| *on > date).max_by_key(|(_, on)| *on) {
        Some((event, on)) => Err(DateRefused::BeforeReportedEvent { date, event, on }),
        None => Ok(()),
    }
}

/// The documents this approval gives a 版 (each with the approved 版 it follows, if any): every
/// draft, or those of `--documents` (each must be a draft).
fn approved_documents(current: &Current, only: &[String]) -> anyhow::Result<Vec<(ApprovedDocument, Option<Approved>)>> {
    let all = current.documents();
    for id in only {
        let Some((_, digest, approved)) = all.iter().find(|(d, _, _)| d.spec.id == id) else {
            let allowed: Vec<&str> = all.iter().map(|(d, _, _)| d.spec.id).collect();
            bail!(text(Msg::ApproveUnknownDocument { id, allowed: &allowed.join(", ") }));
        };
        if let Some(a) = approved.as_ref().filter(|a| a.content_sha256 == *digest) {
            bail!(text(Msg::ApproveUnchanged { id, version: a.version }));
        }
    }
    let chosen: Vec<_> = all
        .into_iter()
        .filter(|(d, _, _)| only.is_empty() || only.iter().any(|o| o == d.spec.id))
        .filter(|(_, digest, approved)| approved.as_ref().is_none_or(|a| a.content_sha256 != *digest))
        .map(|(d, digest, approved)| {
            let version = approved.as_ref().map_or(0, |a| a.version) + 1;
            let changes = changes_since(current, d, approved.as_ref());
            (ApprovedDocument { id: d.spec.id.to_owned(), version, digest, changes }, approved)
        })
        .collect();
    if chosen.is_empty() {
        bail!(text(Msg::ApproveNothing));
    }
    Ok(chosen)
}

/// The articles or sections that differ from the approved 版 (its Markdown kept in the folder or
/// under `history/`); none for a first approval or when that text is gone.
fn changes_since(current: &Current, document: &RenderedDocument, approved: Option<&Approved>) -> Vec<String> {
    let Some(approved) = approved else { return Vec::new() };
    let id = document.spec.id;
    let kept = current.folder.join(write::HISTORY).join(id).join(approved.version.to_string()).join(format!("{id}.md"));
    let printed = current.previous.as_ref().and_then(|m| m.document(id)).is_some_and(|e| {
        e.version == approved.version
            && (e.state == DocumentState::Approved || current.previous.as_ref().is_some_and(|m| m.lifecycle == 0))
    });
    // Through the facility-file reader: a link out of the folder or a FIFO there is never read.
    let read = |path: &Path| read::read(path, Kind::Output, &current.folder).ok();
    let text = read(&kept).or_else(|| printed.then(|| read(&current.folder.join(format!("{id}.md")))).flatten());
    let Some(text) = text else { return Vec::new() };
    let wording = current.rendered.wording;
    let old = crate::emit::compose::without_supplementary(&text, wording);
    revise::changed_sections(&old, &document.body, wording)
}

/// The undecided matters and unaccepted local edits: refused, or listed for the record under
/// `--allow-open`.
fn open_items(rendered: &Rendered, allow_open: bool) -> anyhow::Result<Vec<String>> {
    if !allow_open {
        if !rendered.undecided.is_empty() {
            let ids = rendered.undecided.join(", ");
            bail!(text(Msg::ApproveOpenItems { count: rendered.undecided.len(), ids: &ids }));
        }
        if !rendered.local_warnings.is_empty() {
            let edits = rendered.local_warnings.join("; ");
            bail!(text(Msg::ApproveLocalEdits { count: rendered.local_warnings.len(), edits: &edits }));
        }
        return Ok(Vec::new());
    }
    let undecided =
        rendered.resolution.open_items.iter().filter(|i| rendered.undecided.contains(&i.key)).map(|i| i.item.clone());
    Ok(undecided.chain(rendered.local_warnings.iter().cloned()).collect())
}

/// The approver: a person of the profile (their post and name) or a post as written.
fn approver(rendered: &Rendered, by: &str) -> ApprovedBy {
    match rendered.profile.person(by) {
        Some(person) => ApprovedBy { post: person.position.clone(), name: Some(person.name.clone()) },
        None => ApprovedBy { post: by.trim().to_owned(), name: None },
    }
}

/// The 理由 of the revision: what differs from the facts of each document's approved text, each
/// reason once.
fn reason(rendered: &Rendered, documents: &[(ApprovedDocument, Option<Approved>)]) -> String {
    let facts = BuildFacts {
        guideline: &rendered.guideline.version,
        edition: &rendered.guideline.edition,
        numbering: &rendered.guideline.numbering,
        profile_sha256: &rendered.profile.hash,
        templates_sha256: &rendered.templates_sha256,
        wording: rendered.wording,
    };
    let mut reasons: Vec<String> = Vec::new();
    for (_, approved) in documents {
        let reason = revise::reason(&facts, approved.as_ref().map(|a| &a.facts));
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    reasons.join(crate::w!(rendered.wording, "lists.separator"))
}
