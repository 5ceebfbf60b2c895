//! `kitei guideline`: the guideline's table of contents and entries, from the content model.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;
use serde::Serialize;

use super::check::ReportFormat;
use crate::load::Content;
use crate::model::{Guideline, Level};
use crate::pipeline::{Session, DEFAULT_GUIDELINE};

/// `kitei guideline` subcommands.
#[derive(Debug, Subcommand)]
pub enum GuidelineCommand {
    /// Print the table of contents of every volume.
    Toc {
        /// Guideline version.
        #[arg(long, default_value = DEFAULT_GUIDELINE)]
        version: String,
        /// Output format.
        #[arg(long, default_value = "text", ignore_case = true)]
        format: ReportFormat,
    },
    /// List requirement-level changes between two versions (e.g. `kitei guideline diff 6.0 7.0`).
    Diff {
        /// The earlier version.
        old: String,
        /// The later version.
        new: String,
        /// Only what applies to this facility, with the documents and articles each change touches.
        #[arg(long, value_name = "PROFILE")]
        profile: Option<std::path::PathBuf>,
        /// Output format.
        #[arg(long, default_value = "text", ignore_case = true)]
        format: ReportFormat,
    },
    /// Show a chapter, section or requirement (e.g. management.15, control.14.1, management.15-4).
    Show {
        /// The id.
        id: String,
        /// Guideline version.
        #[arg(long, default_value = DEFAULT_GUIDELINE)]
        version: String,
    },
}

#[derive(Serialize)]
struct TocEntry<'a> {
    volume: &'a str,
    number: &'a str,
    title: &'a str,
    level: Level,
    id: &'a str,
}

/// Runs a `kitei guideline` subcommand.
pub(super) fn run(command: GuidelineCommand) -> anyhow::Result<ExitCode> {
    let session = Session::new(Content::embedded());
    match command {
        GuidelineCommand::Toc { version, format } => {
            let guideline = session.guideline(&version)?;
            toc(&guideline, format)?;
        }
        GuidelineCommand::Diff { old, new, profile, format } => {
            return super::guideline_diff::run(&session, &old, &new, profile.as_deref(), format);
        }
        GuidelineCommand::Show { id, version } => {
            let guideline = session.guideline(&version)?;
            show(&guideline, &id)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn toc(guideline: &Guideline, format: ReportFormat) -> anyhow::Result<()> {
    match format {
        ReportFormat::Json => {
            let entries: Vec<TocEntry<'_>> = guideline
                .entries
                .iter()
                .map(|e| TocEntry {
                    volume: e.volume.as_str(),
                    number: &e.number,
                    title: &e.title,
                    level: e.level,
                    id: &e.id,
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&entries)?);
        }
        ReportFormat::Text => {
            println!("{} {}", guideline.title, guideline.edition);
            for volume in &guideline.volumes {
                println!("\n{}（読者: {}）", volume.title, volume.reader);
                for entry in guideline.entries.iter().filter(|e| e.volume == volume.key) {
                    let indent = if entry.level == Level::Section { "    " } else { "  " };
                    println!("{indent}{} {}", entry.number, entry.title);
                }
            }
        }
    }
    Ok(())
}

fn show(guideline: &Guideline, id: &str) -> anyhow::Result<()> {
    if let Some(entry) = guideline.entry(id) {
        let volume = guideline.volume(entry.volume).map(|v| v.title.as_str()).unwrap_or_default();
        println!("{id}  {volume} {} {}", entry.number, entry.title);
        if let Some(seed) = &entry.seed_title {
            println!("（改定概要資料での表題: {seed}）");
        }
        println!("\n{}\n", entry.summary);
        let requirements: Vec<_> = guideline.requirements_of(entry).collect();
        if !requirements.is_empty() {
            println!("遵守事項:");
        }
        for r in requirements {
            let simplify = if guideline.applicability.is_simplifiable("II", r) {
                "クラウド型（Ⅱ・Ⅳ）は契約により簡略化可"
            } else {
                "簡略化不可"
            };
            println!(
                "  {} {:<20} [{} / {} / {}]\n      {}",
                r.circled(),
                r.id,
                r.owner.guideline_term(),
                r.provenance.label(),
                simplify,
                r.text
            );
        }
        return Ok(());
    }
    if let Some(r) = guideline.requirement(id) {
        let volume = guideline.volume(r.volume).map(|v| v.title.as_str()).unwrap_or_default();
        println!("{id}  {volume} {} {} {}", r.number, r.circled(), r.label);
        println!("\n{}\n", r.text);
        println!("所管: {}", r.owner.guideline_term());
        println!("出典: {}", r.provenance.label());
        println!("関連する節: {}", r.section);
        if let Some(area) = r.area.as_deref().and_then(|a| guideline.area(a)) {
            println!("責任分界の領域: {}", area.title);
        }
        let rules = &guideline.applicability;
        println!("\n適用:");
        for pattern in &rules.patterns {
            let note = if rules.is_simplifiable(&pattern.id, r) {
                "事業者との契約に含まれる場合は簡略化可"
            } else {
                "参照する"
            };
            println!("  パターン{}: {note}", pattern.id);
        }
        for c in rules.conditions.iter().filter(|c| c.selectors.iter().any(|s| r.matches(s))) {
            println!("  条件: {}", c.reason);
        }
        return Ok(());
    }
    bail!("guideline {} has no chapter, section or requirement `{id}` (try `kitei guideline toc`)", guideline.version)
}
