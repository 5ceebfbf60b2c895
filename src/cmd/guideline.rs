//! `kitei guideline`: the guideline's table of contents and entries, from the content model.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;
use serde::Serialize;

use super::check::ReportFormat;
use crate::i18n::{command_label, command_text, text, CommandLabel as L, CommandMsg, Msg};
use crate::load::Content;
use crate::model::{Entry, Guideline, Level, Mark, Requirement};
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
        /// Output format.
        #[arg(long, default_value = "text")]
        format: ReportFormat,
    },
    /// Count the requirements per volume and provenance, and how many are verified against the
    /// published text.
    Stats {
        /// Guideline version.
        #[arg(long, default_value = DEFAULT_GUIDELINE)]
        version: String,
        /// Output format.
        #[arg(long, default_value = "text")]
        format: ReportFormat,
    },
}

#[derive(Serialize)]
struct TocEntry<'a> {
    volume: &'a str,
    number: &'a str,
    title: &'a str,
    level: Level,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<&'a [Mark]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// A requirement as `show --format json` prints it: the model's fields, its name and the mark
/// that governs it.
#[derive(Serialize)]
struct RequirementJson<'a> {
    #[serde(flatten)]
    requirement: &'a Requirement,
    name: String,
    /// The published mark that governs it (its own, its section's or its chapter's).
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_mark: Option<&'a [Mark]>,
}

/// A chapter or section as `show --format json` prints it.
#[derive(Serialize)]
struct EntryJson<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    requirements: Vec<RequirementJson<'a>>,
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
        GuidelineCommand::Show { id, version, format } => {
            let guideline = session.guideline(&version)?;
            match format {
                ReportFormat::Text => show(&guideline, &id)?,
                ReportFormat::Json => show_json(&guideline, &id)?,
            }
        }
        GuidelineCommand::Stats { version, format } => {
            let guideline = session.guideline(&version)?;
            super::guideline_stats::print(&guideline, format)?;
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
                    mark: e.mark.as_deref(),
                    source: e.source.as_deref(),
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&entries)?);
        }
        ReportFormat::Text => {
            outln!("{} {}", guideline.title, guideline.edition);
            if let Some(note) = &guideline.provenance_note {
                outln!("{}", note.trim());
            }
            for volume in &guideline.volumes {
                let readers = CommandMsg::VolumeReaders { title: &volume.title, readers: &volume.reader };
                outln!("\n{}", command_text(readers));
                for entry in guideline.entries.iter().filter(|e| e.volume == volume.key) {
                    let indent = match entry.level {
                        Level::Chapter => "  ",
                        Level::Section => "    ",
                        Level::Subsection => "      ",
                    };
                    let mark =
                        entry.mark.as_deref().map(|m| Mark::printed(crate::wording::embedded(), m)).unwrap_or_default();
                    outln!("{indent}{} {}{mark}", entry.number, entry.title);
                }
            }
        }
    }
    Ok(())
}

fn requirement_json<'a>(guideline: &'a Guideline, requirement: &'a Requirement) -> RequirementJson<'a> {
    RequirementJson {
        requirement,
        name: requirement.name(crate::wording::embedded()),
        effective_mark: crate::resolve::effective_mark(guideline, requirement),
    }
}

fn show_json(guideline: &Guideline, id: &str) -> anyhow::Result<()> {
    let id = current_id(guideline, id);
    let json = if let Some(entry) = guideline.entry(&id) {
        let requirements = guideline.requirements_of(entry).map(|r| requirement_json(guideline, r)).collect();
        serde_json::to_string_pretty(&EntryJson { entry, requirements })?
    } else if let Some(r) = guideline.requirement(&id) {
        serde_json::to_string_pretty(&requirement_json(guideline, r))?
    } else {
        bail!(text(Msg::NoSuchEntry { version: &guideline.version, id: &id }))
    };
    outln!("{json}");
    Ok(())
}

/// `id`, or the id a numbering correction gave it (saying so on stderr).
fn current_id(guideline: &Guideline, id: &str) -> String {
    if guideline.entry(id).is_some() || guideline.requirement(id).is_some() {
        return id.to_owned();
    }
    match guideline.current_id(id) {
        Some(current) => {
            eprintln!("{}", text(Msg::Renumbered { id, current }));
            current.to_owned()
        }
        None => id.to_owned(),
    }
}

fn show(guideline: &Guideline, id: &str) -> anyhow::Result<()> {
    let id = current_id(guideline, id);
    let id = id.as_str();
    if let Some(entry) = guideline.entry(id) {
        let volume = guideline.volume(entry.volume).map(|v| v.title.as_str()).unwrap_or_default();
        let mark = entry.mark.as_deref().map(|m| Mark::printed(crate::wording::embedded(), m)).unwrap_or_default();
        outln!("{id}  {volume} {} {}{mark}", entry.number, entry.title);
        if let Some(source) = &entry.source {
            outln!("{}", command_text(CommandMsg::EntrySource(source)));
        }
        if let Some(seed) = &entry.seed_title {
            outln!("{}", command_text(CommandMsg::SeedTitle(seed)));
        }
        outln!("\n{}\n", entry.summary);
        let requirements: Vec<_> = guideline.requirements_of(entry).collect();
        if !requirements.is_empty() {
            outln!("{}", command_label(L::Requirements));
        }
        for r in requirements {
            let simplify = if guideline.applicability.is_simplifiable("II", r) {
                command_label(L::CloudSimplified)
            } else {
                command_label(L::NotSimplified)
            };
            outln!(
                "  {} {:<20} [{} / {} / {}]\n      {}",
                r.name(crate::wording::embedded()),
                r.id,
                r.owner.guideline_term(crate::wording::embedded()),
                r.provenance.label(crate::wording::embedded()),
                simplify,
                r.text
            );
        }
        return Ok(());
    }
    if let Some(r) = guideline.requirement(id) {
        let volume = guideline.volume(r.volume).map(|v| v.title.as_str()).unwrap_or_default();
        outln!("{id}  {volume} {} {} {}", r.number, r.circled(crate::wording::embedded()), r.label);
        outln!("\n{}\n", r.text);
        outln!("{}: {}", command_label(L::Owner), r.owner.guideline_term(crate::wording::embedded()));
        let source = r.source.as_deref().map(|s| command_text(CommandMsg::Bracketed(s))).unwrap_or_default();
        outln!("{}: {}{source}", command_label(L::Source), r.provenance.label(crate::wording::embedded()));
        if let Some(mark) = crate::resolve::effective_mark(guideline, r) {
            outln!("{}: {}", command_label(L::PatternMark), Mark::printed(crate::wording::embedded(), mark));
        }
        outln!("{}: {}", command_label(L::Section), r.section);
        if let Some(area) = r.area.as_deref().and_then(|a| guideline.area(a)) {
            outln!("{}: {}", command_label(L::Area), area.title);
        }
        let rules = &guideline.applicability;
        outln!("\n{}", command_label(L::Applies));
        let mark = crate::resolve::effective_mark(guideline, r);
        for pattern in &rules.patterns {
            let note = if mark.is_some_and(|m| !m.iter().any(|m| m.id() == pattern.id)) {
                command_label(L::NotReferred)
            } else if rules.is_simplifiable(&pattern.id, r) {
                command_label(L::SimplifiedByContract)
            } else {
                command_label(L::Referred)
            };
            outln!("  {}", command_text(CommandMsg::PatternNote { pattern: &pattern.id, note }));
        }
        for c in rules.conditions.iter().filter(|c| c.selectors.iter().any(|s| r.matches(s))) {
            outln!("  {}: {}", command_label(L::Condition), c.reason);
        }
        return Ok(());
    }
    bail!(text(Msg::NoSuchEntry { version: &guideline.version, id }))
}
