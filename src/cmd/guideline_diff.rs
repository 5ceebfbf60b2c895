//! `kitei guideline diff`: what a new guideline version changes, optionally for one facility.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::check::ReportFormat;
use crate::diff::guideline::{changes, ChangeKind, RequirementChange};
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
    outln!("{old} → {new}: 遵守事項の変更 {} 件", entries.len());
    if let Some(note) = note {
        outln!("注: {note}");
    }
    for entry in entries {
        let c = entry.change;
        let from = c.from.as_deref().map(|f| format!("（旧 {f}）")).unwrap_or_default();
        outln!("\n[{}] {}{from} {}", c.kind.label(crate::wording::embedded()), c.id, c.label);
        if let (Some(old_text), Some(new_text)) = (&c.old_text, &c.new_text) {
            if old_text != new_text {
                outln!("  改正前: {old_text}\n  改正後: {new_text}");
            }
        } else if let Some(text) = c.new_text.as_ref().or(c.old_text.as_ref()) {
            outln!("  {text}");
        }
        if let Some(source) = &c.source {
            let confirmed = if c.verified == Some(true) { "確認済み" } else { "未確認（推測を含む）" };
            outln!("  出典: {source}（{confirmed}）");
        }
        for place in &entry.touches {
            outln!("  → {place}");
        }
    }
    Ok(())
}
