//! `kitei areas`: the areas of responsibility a vendor contract can cover.
//!
//! A profile says what a vendor's contract carries with `vendors[].contract.covers: [backup, …]`;
//! the words allowed there are the rows of the 責任分界表, kept in `content/areas.yaml`. A person
//! writing a profile should not have to read kitei's source to find them.

use std::process::ExitCode;

use clap::Args;

use super::check::ReportFormat;
use crate::load::Content;
use crate::pipeline::{Session, DEFAULT_GUIDELINE};

/// Arguments of `kitei areas`.
#[derive(Debug, Args)]
pub struct AreasArgs {
    /// Guideline version.
    #[arg(long, default_value = DEFAULT_GUIDELINE)]
    pub version: String,
    /// Output format.
    #[arg(long, default_value = "text", ignore_case = true)]
    pub format: ReportFormat,
}

/// Runs `kitei areas`.
pub(super) fn run(args: AreasArgs) -> anyhow::Result<ExitCode> {
    let guideline = Session::new(Content::embedded()).guideline(&args.version)?;
    if args.format == ReportFormat::Json {
        outln!("{}", serde_json::to_string_pretty(&guideline.areas)?);
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", crate::i18n::text(crate::i18n::Msg::AreasHeading));
    let width = guideline.areas.iter().map(|a| a.key.len()).max().unwrap_or(0);
    for area in &guideline.areas {
        outln!("  {:<width$}  {}　{}", area.key, area.title, area.description);
    }
    Ok(ExitCode::SUCCESS)
}
