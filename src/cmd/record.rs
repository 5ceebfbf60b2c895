//! `kitei record`: appends an entry to the facility's records file (`<profile>.records.yaml`),
//! for people who do not edit YAML; or reads a vendor's filled 事業者確認用 back.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::i18n::{text, Msg};
use crate::load::Content;
use crate::pipeline::{ProfileSource, Session};
use crate::records::{self, NewRecord, Outcome, RecordKind};

/// Arguments of `kitei record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The facility profile.
    pub profile: PathBuf,
    /// What was done (training, drill, restore-test, log-review, account-review, patch, audit,
    /// 2fa, attestation).
    #[arg(value_name = "KIND")]
    pub kind: Option<String>,
    /// The date it was done (YYYY-MM-DD or 令和8年10月1日).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The post of who did it (事務長, システム管理者…).
    #[arg(long, value_name = "POST")]
    pub by: Option<String>,
    /// The name of who did it (optional).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// What it covered: asset names, system or vendor keys (comma-separated; default: the whole facility).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub scope: Vec<String>,
    /// The result.
    #[arg(long, value_enum, default_value = "pass")]
    pub result: ResultArg,
    /// Findings.
    #[arg(long, value_name = "TEXT")]
    pub findings: Option<String>,
    /// Number of attendees (training, drill).
    #[arg(long, value_name = "N")]
    pub attendees: Option<u32>,
    /// The scenario (drill).
    #[arg(long, value_name = "TEXT")]
    pub scenario: Option<String>,
    /// The patch level applied (patch).
    #[arg(long, value_name = "TEXT")]
    pub patch_level: Option<String>,
    /// The period reviewed (log-review, account-review): FROM,TO.
    #[arg(long, value_name = "FROM,TO", value_delimiter = ',', num_args = 2, value_parser = parse_date)]
    pub period: Vec<NaiveDate>,
    /// Checklist item keys confirmed (attestation; comma-separated).
    #[arg(long, value_name = "KEY,…", value_delimiter = ',')]
    pub items: Vec<String>,
    /// The id of an earlier record this one corrects.
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<String>,
    /// A vendor's filled 事業者確認用 (.xlsx) to record.
    #[arg(long, value_name = "FILE.xlsx", conflicts_with = "kind")]
    pub vendor_answers: Option<PathBuf>,
}

/// `--result`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResultArg {
    /// 問題なし
    Pass,
    /// 問題あり
    Fail,
    /// 一部に問題あり
    Partial,
}

fn parse_date(written: &str) -> Result<NaiveDate, String> {
    crate::load::dates::parse(written)
}

/// Runs `kitei record`.
pub(super) fn run(args: RecordArgs) -> anyhow::Result<ExitCode> {
    let session = Session::new(Content::embedded());
    let source = ProfileSource::read(&args.profile)?;
    let (_, profile) = session.load(&source, None)?;
    let path = records::path_beside(&profile.path);
    let entry = match &args.vendor_answers {
        Some(file) => vendor_entry(&session, &profile, file, &args)?,
        None => plain_entry(&args)?,
    };
    let (new_text, id) = records::append(&path, &profile, &entry)?;
    crate::write::write_file_atomic(&path, new_text.as_bytes())?;
    outln!("{}", text(Msg::RecordAppended { path: &path.display().to_string(), id: &id }));
    Ok(ExitCode::SUCCESS)
}

fn plain_entry(args: &RecordArgs) -> anyhow::Result<NewRecord> {
    let Some(kind_written) = &args.kind else { bail!(text(Msg::RecordNeedsKind)) };
    let kind = RecordKind::from_key(kind_written)
        .filter(|k| *k != RecordKind::VendorAnswers)
        .ok_or_else(|| anyhow::anyhow!(text(Msg::RecordNeedsKind)))?;
    let Some(date) = args.date else { bail!(text(Msg::RecordNeedsOption("--date"))) };
    let Some(post) = args.by.clone() else { bail!(text(Msg::RecordNeedsOption("--by"))) };
    Ok(NewRecord {
        kind: Some(kind),
        performed_on: Some(date),
        post,
        name: args.name.clone(),
        scope: args.scope.clone(),
        result: match args.result {
            ResultArg::Pass => Outcome::Pass,
            ResultArg::Fail => Outcome::Fail,
            ResultArg::Partial => Outcome::Partial,
        },
        findings: args.findings.clone(),
        attendees: args.attendees,
        scenario: args.scenario.clone(),
        patch_level: args.patch_level.clone(),
        period: match args.period[..] {
            [from, to] => Some((from, to)),
            _ => None,
        },
        items: args.items.clone(),
        supersedes: args.supersedes.clone(),
        ..NewRecord::default()
    })
}

fn vendor_entry(
    session: &Session,
    profile: &crate::load::Profile,
    file: &std::path::Path,
    args: &RecordArgs,
) -> anyhow::Result<NewRecord> {
    use crate::pipeline::vendor_answers::{received, Recorded};
    let refused = |e: crate::emit::vendor_import::ImportError| match &e.hint {
        Some(hint) => anyhow::anyhow!("{}\n  = {}: {hint}", e.message, text(Msg::Help)),
        None => anyhow::anyhow!(e.message.clone()),
    };
    let bytes = crate::emit::vendor_import::read_capped(file).map_err(refused)?;
    let recorded = Recorded { date: args.date, by: args.by.clone(), name: args.name.clone() };
    let got = received(session, profile, &bytes, recorded).map_err(refused)?;
    let (vendor, yes, no, waiting) = (&got.vendor, got.yes, got.no, got.waiting);
    eprintln!("{}", text(Msg::VendorAnswersRecorded { vendor, yes, no, waiting }));
    Ok(got.entry)
}
