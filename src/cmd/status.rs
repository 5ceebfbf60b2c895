//! `kitei status`: what of a facility's rulebook is approved, what is a draft, what is open.
//!
//! Derived every time from the profile, the approvals file and the output folder's baseline,
//! never stored: a status cannot drift from the records it is read from.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::approve::Current;
use crate::i18n::{command_text, text, CommandMsg, Msg};
use crate::pipeline::ProfileSource;
use crate::render::documents::is_register;
use crate::wareki;

/// Arguments of `kitei status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The facility's profile.
    pub profile: PathBuf,
    /// Output folder the facility was built into (its manifest holds 版 of older builds).
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

/// How `status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// For people.
    Text,
    /// For programs (keys stable).
    Json,
}

/// The status of a facility's rulebook (the JSON output).
#[derive(Debug, Serialize)]
struct Status {
    facility: String,
    guideline: String,
    documents: Vec<DocumentStatus>,
    /// Ids of the documents whose current text is not approved.
    awaiting_approval: Vec<String>,
    open_items: usize,
    local_edits: usize,
}

#[derive(Debug, Serialize)]
struct DocumentStatus {
    id: String,
    title: String,
    /// approved | draft | never-approved | register
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_on: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_on: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approver: Option<String>,
}

/// Runs `kitei status`: exit 0 when every document's current text is approved, 1 when some
/// document awaits approval, 2 on an error.
pub(super) fn run(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let source = ProfileSource::read(&args.profile)?;
    let current = Current::read(&source, &args.output, None, None, None)?;
    let status = status_of(&current);
    match args.format {
        StatusFormat::Json => outln!("{}", serde_json::to_string_pretty(&status)?),
        StatusFormat::Text => out!("{}", as_text(&status)),
    }
    Ok(if status.awaiting_approval.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn status_of(current: &Current) -> Status {
    let rendered = &current.rendered;
    let mut documents: Vec<DocumentStatus> = current
        .documents()
        .into_iter()
        .map(|(d, digest, approved)| {
            let record = approved.as_ref().and_then(|a| a.record.as_ref());
            let state = match &approved {
                None => "never-approved",
                Some(a) if a.content_sha256 == digest => "approved",
                Some(_) => "draft",
            };
            DocumentStatus {
                id: d.spec.id.to_owned(),
                title: d.spec.title.to_owned(),
                state,
                approved_version: approved.as_ref().map(|a| a.version),
                approved_on: record.and_then(|r| r.approved_on),
                effective_on: record.map(|r| r.effective_on),
                approver: record.map(|r| match &r.name {
                    Some(name) => format!("{} {name}", r.post),
                    None => r.post.clone(),
                }),
            }
        })
        .collect();
    documents.extend(rendered.documents.iter().filter(|d| is_register(d.spec.id)).map(|d| DocumentStatus {
        id: d.spec.id.to_owned(),
        title: d.spec.title.to_owned(),
        state: "register",
        approved_version: None,
        approved_on: None,
        effective_on: None,
        approver: None,
    }));
    let awaiting_approval =
        documents.iter().filter(|d| matches!(d.state, "draft" | "never-approved")).map(|d| d.id.clone()).collect();
    Status {
        facility: rendered.profile.id.clone(),
        guideline: rendered.guideline.version.clone(),
        documents,
        awaiting_approval,
        open_items: rendered.undecided.len(),
        local_edits: rendered.local_warnings.len(),
    }
}

fn as_text(status: &Status) -> String {
    let mut out = format!("{} ({})\n{}\n", status.facility, status.guideline, text(Msg::StatusHeader));
    for d in &status.documents {
        let state = match d.state {
            "approved" => text(Msg::StatusApproved),
            "draft" => text(Msg::StatusDraftOf),
            "register" => text(Msg::StatusRegister),
            _ => text(Msg::StatusNeverApproved),
        };
        let mut line = format!("{:<30}{state}", d.id);
        if let Some(version) = d.approved_version {
            line.push_str(&format!(" | {}", command_text(CommandMsg::Version(version))));
        }
        if let Some(on) = d.approved_on {
            line.push_str(&format!(" | {}: {}", text(Msg::StatusApprovedOn), wareki::format(on)));
        }
        if let Some(on) = d.effective_on {
            line.push_str(&format!(" | {}: {}", text(Msg::StatusEffectiveOn), wareki::format(on)));
        }
        if let Some(by) = &d.approver {
            line.push_str(&format!(" | {by}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let summary = Msg::StatusSummary {
        drafts: status.awaiting_approval.len(),
        open_items: status.open_items,
        local_edits: status.local_edits,
    };
    out.push_str(&format!("{}\n", text(summary)));
    out
}
