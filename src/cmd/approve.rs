//! `kitei approve`: the current draft of a facility's rulebook becomes its next 版.
//!
//! The decision is recorded by [`crate::pipeline::approve::record`] (the same function the
//! approve button of `kitei serve` calls); then the approved set is built from it.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::build::OutputFormat;
use crate::i18n::{text, Msg};
use crate::load::Content;
use crate::pipeline::approve::{self, ApproveRequest};
use crate::pipeline::{BuildConfig, Formats, ProfileSource, Session};

pub(super) use crate::pipeline::approve::Current;

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

/// Runs `kitei approve`.
pub(super) fn run(args: ApproveArgs) -> anyhow::Result<ExitCode> {
    let source = ProfileSource::read(&args.profile)?;
    let request = ApproveRequest {
        by: &args.by,
        date: args.date,
        effective: args.effective,
        documents: &args.documents,
        allow_open: args.allow_open,
        reason: args.reason.as_deref(),
        guideline: args.guideline.as_deref(),
        templates: args.templates.as_deref(),
        allow_backdate: args.allow_backdate,
    };
    let (event, path) = approve::record(&source, &args.output, &request)?;
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
