//! `kitei approve`: the current draft of a facility's rulebook becomes its next 版.
//!
//! A build only ever writes a 案. Approval is a recorded decision: who (a post, and a person when
//! named), on what date, in force from what date, over which documents' exact content (a digest).
//! The event is appended to `<profile>.approvals.yaml`, then the approved set is built from it.
//! A draft with undecided matters or unreviewed local edits is refused unless `--allow-open`,
//! and then what is open is recorded with the approval and printed in the 改訂履歴.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use clap::Args;

use super::build::OutputFormat;
use crate::approvals::{self, Action, ApprovalEvent, Approvals, ApprovedBy, ApprovedDocument};
use crate::i18n::{text, Msg};
use crate::load::read::{self, Kind};
use crate::load::Content;
use crate::pipeline::emit::{approved_of, content_digest};
use crate::pipeline::{BuildConfig, Formats, ProfileSource, RenderOptions, Rendered, Session};
use crate::render::{documents::is_register, RenderedDocument};
use crate::revise::{self, Approved, BuildFacts};
use crate::write::{self, DocumentState, Manifest};

/// Arguments of `kitei approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The facility's profile (the approvals file is written beside it).
    pub profile: PathBuf,
    /// Who approves: a post (院長) or the key of a person of the profile (their post and name).
    #[arg(long, value_name = "POST|PERSON")]
    pub by: String,
    /// The approval date (2026-04-01 or 令和8年4月1日).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::load::dates::parse)]
    pub date: NaiveDate,
    /// The date the approved 版 takes effect (default: the approval date; never before it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::load::dates::parse)]
    pub effective: Option<NaiveDate>,
    /// Documents to approve (ids, comma-separated; default: every draft).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub documents: Vec<String>,
    /// Approve even with undecided matters or unaccepted local edits (recorded with the approval).
    #[arg(long)]
    pub allow_open: bool,
    /// The reason for the revision (the 改訂履歴's 理由; default: from what changed).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Output folder; the facility is written to <DIR>/<facility-id>/.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// Formats to write.
    #[arg(long, value_delimiter = ',', default_value = "md,pdf", ignore_case = true)]
    pub format: Vec<OutputFormat>,
    /// Guideline version (default: the one the folder's draft follows, else the profile's).
    #[arg(long, value_name = "VERSION")]
    pub guideline: Option<String>,
    /// Folder of template overrides (default: templates/ beside the profile).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Accept an approval dated before the last one.
    #[arg(long)]
    pub allow_backdate: bool,
}

/// A facility's current draft next to what is approved: what `approve` and `status` read.
pub(super) struct Current {
    /// The rendered draft.
    pub(super) rendered: Rendered,
    /// The output folder's manifest, if built before.
    pub(super) previous: Option<Manifest>,
    /// The facility's output folder.
    pub(super) folder: PathBuf,
    /// The approvals beside the profile.
    pub(super) approvals: Approvals,
}

impl Current {
    /// Renders the profile as the folder's draft was built: with the guideline that draft follows
    /// unless one is given.
    pub(super) fn read(
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
    pub(super) fn documents(&self) -> Vec<(&RenderedDocument, String, Option<Approved>)> {
        let (profile, guideline) = (&self.rendered.profile, &self.rendered.guideline);
        self.rendered
            .documents
            .iter()
            .filter(|d| !is_register(d.spec.id))
            .map(|d| {
                let digest = content_digest(d, profile, guideline);
                let approved = approved_of(d, profile, guideline, self.previous.as_ref(), &self.approvals);
                (d, digest, approved)
            })
            .collect()
    }
}

/// Runs `kitei approve`.
pub(super) fn run(args: ApproveArgs) -> anyhow::Result<ExitCode> {
    let effective = args.effective.unwrap_or(args.date);
    if effective < args.date {
        bail!(text(Msg::EffectiveBeforeApproval));
    }
    let source = ProfileSource::read(&args.profile)?;
    let current =
        Current::read(&source, &args.output, args.guideline.as_deref(), args.templates.as_deref(), Some(args.date))?;
    refuse_backdating(&current.approvals, args.date, args.allow_backdate)?;
    let documents = approved_documents(&current, &args.documents)?;
    let open_items = open_items(&current.rendered, args.allow_open)?;
    let event = ApprovalEvent {
        seq: current.approvals.next_seq(),
        action: Action::Approve,
        documents: documents.iter().map(|(d, _)| d.clone()).collect(),
        approver: approver(&current.rendered, &args.by),
        approved_on: args.date,
        effective_on: effective,
        reason: args.reason.clone().unwrap_or_else(|| reason(&current.rendered, &documents)),
        open_items,
        guideline: current.rendered.guideline.version.clone(),
        profile_sha256: current.rendered.profile.hash.clone(),
        numbering_revision: current.rendered.guideline.numbering.revision,
        templates_sha256: current.rendered.templates_sha256.clone(),
    };
    let path = approvals::append(&source.path, &event)?;
    eprintln!("{}", text(Msg::ApprovalRecorded { path: &path.display().to_string(), seq: event.seq }));
    for document in &event.documents {
        eprintln!("{}", text(Msg::ApprovedVersion { id: &document.id, version: document.version }));
    }
    let config = BuildConfig {
        output: args.output.clone(),
        formats: formats(&args.format),
        date: Some(args.date),
        guideline: Some(event.guideline.clone()),
        templates: args.templates.clone(),
        strict: false,
        cancel: None,
        allow_backdate: args.allow_backdate,
    };
    let outcome = Session::new(Content::embedded()).build(&source, &config);
    let outcome = outcome.map_err(anyhow::Error::from);
    super::build::report_one(None, &args.profile, &outcome, false);
    Ok(if outcome.is_ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn formats(asked: &[OutputFormat]) -> Formats {
    Formats {
        markdown: asked.contains(&OutputFormat::Md),
        pdf: asked.contains(&OutputFormat::Pdf),
        typst: asked.contains(&OutputFormat::Typ),
        docx: asked.contains(&OutputFormat::Docx),
    }
}

/// An approval dated before the last one would make the 改訂履歴 run backwards.
fn refuse_backdating(approvals: &Approvals, date: NaiveDate, allowed: bool) -> anyhow::Result<()> {
    match revise::last_approval(approvals) {
        Some(last) if date < last && !allowed => {
            bail!(text(Msg::ApproveBeforeLast { date: &date.to_string(), last: &last.to_string() }))
        }
        _ => Ok(()),
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
    let old = crate::render::compose::without_supplementary(&text);
    revise::changed_sections(&old, &document.body)
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
    let _wording = crate::wording::enter(rendered.wording);
    let facts = BuildFacts {
        guideline: &rendered.guideline.version,
        edition: &rendered.guideline.edition,
        numbering: &rendered.guideline.numbering,
        profile_sha256: &rendered.profile.hash,
        templates_sha256: &rendered.templates_sha256,
    };
    let mut reasons: Vec<String> = Vec::new();
    for (_, approved) in documents {
        let reason = revise::reason(&facts, approved.as_ref().map(|a| &a.facts));
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    reasons.join(crate::w!("lists.separator"))
}
