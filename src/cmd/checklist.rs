//! `kitei checklist`: the yearly MHLW cybersecurity checklist, answered from the profile.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::checklist;
use crate::i18n::{command_text, text, CommandMsg, Msg};
use crate::load::Content;
use crate::pipeline::{ProfileSource, RenderOptions, Session};
use crate::write::checklist::ChecklistConfig;

/// Arguments of `kitei checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// The facility profile.
    pub profile: PathBuf,
    /// The edition of the checklist (R7, R8).
    #[arg(long, default_value = checklist::DEFAULT_EDITION)]
    pub edition: String,
    /// 確認日 (YYYY-MM-DD; default: the profile's effective date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Output folder (default: out/<facility id>/checklist).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also list the items added or changed since this edition.
    #[arg(long, value_name = "EDITION")]
    pub compare: Option<String>,
    /// Guideline version (default: the one of the facility's last build in --out, else the profile's).
    #[arg(long, value_name = "VERSION")]
    pub guideline: Option<String>,
    /// For submission: refuse (exit 1, nothing written) while any item is 未確認.
    #[arg(long = "final", id = "final")]
    pub final_: bool,
    /// Write the blank 事業者確認用 (XLSX and PDF) for this vendor (its key) instead.
    #[arg(long, value_name = "VENDOR")]
    pub vendor_form: Option<String>,
    /// The build output folder whose <id>/manifest.json gives the guideline version of the last build.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

/// Runs `kitei checklist`.
pub(super) fn run(args: ChecklistArgs) -> anyhow::Result<ExitCode> {
    let session = Session::new(Content::embedded());
    let source = ProfileSource::read(&args.profile)?;
    if let Some(vendor) = &args.vendor_form {
        let (_, profile) = session.load(&source, args.guideline.as_deref())?;
        let output = args.output.unwrap_or_else(|| args.out.join(&profile.id).join("checklist"));
        let date = args.date.unwrap_or(profile.data.document.effective_date);
        let files = crate::write::checklist::vendor_form(
            session.content(),
            &profile,
            &args.edition,
            vendor,
            date,
            &output,
            crate::wording::embedded(),
        )?;
        outln!("{}", text(Msg::VendorFormWritten(vendor)));
        for file in &files {
            outln!("  {}", file.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    // The same rendering as `build`: the facility's template overrides, wording and local edits.
    let chosen = crate::pipeline::version::chosen(&session, &source, args.guideline.as_deref(), &args.out)?;
    eprintln!("{}", chosen.describe());
    let options = RenderOptions { guideline: Some(&chosen.version), templates: None, date: args.date };
    let rendered = session
        .render(&source, &options)
        .with_context(|| text(Msg::ChecklistCannotAnswer(&args.profile.display().to_string())))?;
    let output = args.output.unwrap_or_else(|| args.out.join(&rendered.profile.id).join("checklist"));
    let config = ChecklistConfig {
        edition: args.edition,
        date: args.date,
        output,
        compare: args.compare,
        pdf: true,
        final_: args.final_,
    };
    let outcome = match crate::write::checklist::run(session.content(), &rendered, &config) {
        // Not a failure of kitei: the facility has items to confirm (exit 1, like `--strict`).
        Err(checklist::ChecklistError::Unconfirmed(items)) => {
            let (error, message) = (Msg::Error, Msg::ChecklistUnconfirmed(&items.join(", ")));
            eprintln!("{}: {}", text(error), text(message));
            return Ok(ExitCode::from(1));
        }
        other => other.with_context(|| text(Msg::ChecklistCannotAnswer(&args.profile.display().to_string())))?,
    };
    let counts = CommandMsg::ChecklistCounts {
        edition: &config.edition,
        yes: outcome.yes,
        no: outcome.no,
        unconfirmed: outcome.unconfirmed.len(),
        vendors: outcome.vendors,
    };
    outln!("{}", command_text(counts));
    for file in &outcome.files {
        outln!("  {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}
