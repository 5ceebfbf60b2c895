//! `kitei guideline diff`: what a new guideline version changes, optionally for one facility.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::check::ReportFormat;
use crate::diff::guideline::{changes, ChangeKind, RequirementChange};
use crate::i18n::{command_label, command_text, CommandLabel as L, CommandMsg};
use crate::pipeline::{ProfileSource, RenderOptions, Session};
use crate::render::places_meeting;
use crate::resolve::Status;

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    change: &'a RequirementChange,
    /// For a facility: its status before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<(Option<Status>, Option<Status>)>,
    /// For a facility: the documents and articles that meet (or met) the requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    touches: Vec<String>,
}

/// Runs `kitei guideline diff`.
pub(super) fn run(
    session: &Session,
    old: &str,
    new: &str,
    profile: Option<&Path>,
    format: ReportFormat,
) -> anyhow::Result<ExitCode> {
    let (before, after) = (session.guideline(old)?, session.guideline(new)?);
    let all = changes(&before, &after);
    let entries: Vec<Entry<'_>> = match profile {
        None => all.iter().map(|change| Entry { change, status: None, touches: Vec::new() }).collect(),
        Some(path) => for_facility(session, path, old, new, &all)?,
    };
    match format {
        ReportFormat::Json => outln!("{}", serde_json::to_string_pretty(&entries)?),
        ReportFormat::Text => print_text(&before.edition, &after.edition, after.provenance_note.as_deref(), &entries)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Keeps the changes that apply to the facility in either version, with the places they touch.
fn for_facility<'a>(
    session: &Session,
    path: &Path,
    old: &str,
    new: &str,
    all: &'a [RequirementChange],
) -> anyhow::Result<Vec<Entry<'a>>> {
    let source = ProfileSource::read(path)?;
    let mut facts = Vec::new();
    for version in [old, new] {
        // The facility's own 規程: its template overrides and local edits, as `build` renders it.
        let rendered =
            session.render(&source, &RenderOptions { guideline: Some(version), ..RenderOptions::default() })?;
        facts.push((rendered.resolution, rendered.documents));
    }
    let status = |index: usize, id: Option<&str>| id.and_then(|id| facts[index].0.status(id)).map(|r| r.status);
    Ok(all
        .iter()
        .filter_map(|change| {
            let old_id = change.from.as_deref().or((change.kind != ChangeKind::Added).then_some(change.id.as_str()));
            let new_id = (change.kind != ChangeKind::Removed).then_some(change.id.as_str());
            let (before, after) = (status(0, old_id), status(1, new_id));
            let applies = |s: Option<Status>| s.is_some_and(|s| s != Status::NotApplicable);
            if !applies(before) && !applies(after) {
                return None;
            }
            let mut touches: Vec<String> = new_id.map(|id| places_meeting(id, &facts[1].1)).unwrap_or_default();
            if touches.is_empty() {
                touches = old_id.map(|id| places_meeting(id, &facts[0].1)).unwrap_or_default();
            }
            Some(Entry { change, status: Some((before, after)), touches })
        })
        .collect())
}

fn print_text(old: &str, new: &str, note: Option<&str>, entries: &[Entry<'_>]) -> anyhow::Result<()> {
    outln!("{}", command_text(CommandMsg::GuidelineChanges { old, new, count: entries.len() }));
    if let Some(note) = note {
        outln!("{}: {note}", command_label(L::Note));
    }
    for entry in entries {
        let c = entry.change;
        let from = c.from.as_deref().map(|f| command_text(CommandMsg::FormerId(f))).unwrap_or_default();
        outln!("\n[{}] {}{from} {}", kind_label(c.kind), c.id, c.label);
        if let (Some(old_text), Some(new_text)) = (&c.old_text, &c.new_text) {
            if old_text != new_text {
                outln!("  {}: {old_text}\n  {}: {new_text}", command_label(L::Before), command_label(L::After));
            }
        } else if let Some(text) = c.new_text.as_ref().or(c.old_text.as_ref()) {
            outln!("  {text}");
        }
        if let Some(source) = &c.source {
            let confirmed = command_label(if c.verified == Some(true) { L::Verified } else { L::NotVerified });
            let confirmed = command_text(CommandMsg::Bracketed(confirmed));
            outln!("  {}: {source}{confirmed}", command_label(L::Source));
        }
        for place in &entry.touches {
            outln!("  → {place}");
        }
    }
    Ok(())
}

/// A change's kind on the terminal (the 新旧対照表's own words are the documents' wording).
fn kind_label(kind: ChangeKind) -> &'static str {
    command_label(match kind {
        ChangeKind::Added => L::Added,
        ChangeKind::Changed => L::Changed,
        ChangeKind::Removed => L::Removed,
        ChangeKind::Moved => L::Moved,
    })
}
