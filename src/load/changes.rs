//! A guideline revision expressed as changes to its base version.
//!
//! MHLW revises the guideline in place; rather than copy four volumes, a new version's folder lists
//! what it adds, changes, removes and moves. The result is a small file a reviewer can read, and
//! `kitei guideline diff` can report changes exactly as the content states them.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::guideline::{Mark, Provenance, Role, VolumeKey};
use super::LoadError;
use crate::diagnostic::SourceDiagnostic;
use crate::model::{ChangeSource, Entry, Guideline, Requirement};
use crate::yaml;

/// A changes file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChanges {
    #[serde(default)]
    entries: Vec<EntryChange>,
    #[serde(default)]
    added: Vec<AddedRequirement>,
    #[serde(default)]
    changed: Vec<ChangedRequirement>,
    #[serde(default)]
    removed: Vec<RemovedRequirement>,
    #[serde(default)]
    moved: Vec<MovedRequirement>,
}

/// Where a change is stated publicly, and whether kitei could confirm it there.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    /// The public source (notice, volume PDF number, or a secondary source quoting it).
    source: String,
    /// Whether the fact was confirmed in that source (false: inferred, e.g. an item's position).
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovedRequirement {
    id: Spanned<String>,
    #[serde(flatten)]
    evidence: Evidence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryChange {
    id: Spanned<String>,
    #[serde(flatten)]
    evidence: Evidence,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddedRequirement {
    id: Spanned<String>,
    #[serde(flatten)]
    evidence: Evidence,
    #[serde(default)]
    section: Option<String>,
    label: String,
    owner: Role,
    provenance: Provenance,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    mark: Option<Vec<Mark>>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangedRequirement {
    id: Spanned<String>,
    #[serde(flatten)]
    evidence: Evidence,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    provenance: Option<Provenance>,
    #[serde(default)]
    area: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MovedRequirement {
    from: Spanned<String>,
    to: String,
    #[serde(default)]
    section: Option<String>,
    #[serde(flatten)]
    evidence: Evidence,
}

/// Applies a changes file to `guideline` (a copy of the base version), recording each change's
/// public source in `guideline.change_sources`.
pub(super) fn apply(
    guideline: &mut Guideline,
    path: &Path,
    text: &str,
    problems: &mut Vec<SourceDiagnostic>,
) -> Result<(), LoadError> {
    let raw: RawChanges = yaml::parse(path, text)?;
    let error_at =
        |spanned: &Spanned<String>, message: String| SourceDiagnostic::at_span(path, text, spanned.referenced, message);
    for change in raw.entries {
        record(guideline, &change.id.value, change.evidence);
        match guideline.entries.iter_mut().find(|e| e.id == change.id.value) {
            Some(entry) => update_entry(entry, change.title, change.summary),
            None => {
                problems.push(error_at(&change.id, format!("no chapter or section `{}` to change", change.id.value)))
            }
        }
    }
    for removed in raw.removed {
        record(guideline, &removed.id.value, removed.evidence);
        let before = guideline.requirements.len();
        guideline.requirements.retain(|r| r.id != removed.id.value);
        if guideline.requirements.len() == before {
            problems.push(error_at(&removed.id, format!("no requirement `{}` to remove", removed.id.value)));
        }
    }
    for change in raw.changed {
        record(guideline, &change.id.value, change.evidence);
        match guideline.requirements.iter_mut().find(|r| r.id == change.id.value) {
            Some(requirement) => {
                requirement.label = change.label.unwrap_or_else(|| requirement.label.clone());
                requirement.text = change.text.unwrap_or_else(|| requirement.text.clone());
                requirement.provenance = change.provenance.unwrap_or(requirement.provenance);
                requirement.area = change.area.or_else(|| requirement.area.clone());
            }
            None => problems.push(error_at(&change.id, format!("no requirement `{}` to change", change.id.value))),
        }
    }
    for moved in raw.moved {
        move_requirement(guideline, moved, &error_at, problems);
    }
    for added in raw.added {
        let span = added.id.clone();
        match requirement_added(added) {
            Some((requirement, evidence)) => {
                record(guideline, &requirement.id, evidence);
                insert_in_order(&mut guideline.requirements, requirement);
            }
            None => problems.push(error_at(
                &span,
                format!("`{}` is not a requirement id (volume.number-item, or -kN for kitei's own)", span.value),
            )),
        }
    }
    for requirement in guideline.requirements.iter().filter(|r| r.supplement && r.provenance == Provenance::Guideline) {
        problems.push(SourceDiagnostic::at(
            path,
            text,
            1,
            1,
            format!("`{}` is kitei's own item (`-kN`) but has provenance `guideline`", requirement.id),
        ));
    }
    Ok(())
}

/// Keeps the public source of a change (the later one wins for an id changed twice).
fn record(guideline: &mut Guideline, id: &str, evidence: Evidence) {
    guideline.change_sources.retain(|(known, _)| known != id);
    guideline
        .change_sources
        .push((id.to_owned(), ChangeSource { source: evidence.source, verified: evidence.verified }));
}

fn move_requirement(
    guideline: &mut Guideline,
    moved: MovedRequirement,
    error_at: &dyn Fn(&Spanned<String>, String) -> SourceDiagnostic,
    problems: &mut Vec<SourceDiagnostic>,
) {
    let Some(parsed) = parse_requirement_id(&moved.to) else {
        problems.push(error_at(&moved.from, format!("`{}` is not a requirement id", moved.to)));
        return;
    };
    let Some(requirement) = guideline.requirements.iter_mut().find(|r| r.id == moved.from.value) else {
        problems.push(error_at(&moved.from, format!("no requirement `{}` to move", moved.from.value)));
        return;
    };
    requirement.id = moved.to.clone();
    requirement.volume = parsed.volume;
    requirement.section = moved.section.unwrap_or_else(|| parsed.number.clone());
    requirement.number = parsed.number;
    requirement.no = parsed.no;
    requirement.supplement = parsed.supplement;
    guideline.renamed.push((moved.from.value.clone(), moved.to.clone()));
    record(guideline, &moved.to, moved.evidence);
}

fn requirement_added(added: AddedRequirement) -> Option<(Requirement, Evidence)> {
    let parsed = parse_requirement_id(&added.id.value)?;
    let requirement = Requirement {
        id: added.id.value,
        volume: parsed.volume,
        section: added.section.unwrap_or_else(|| parsed.number.clone()),
        number: parsed.number,
        no: parsed.no,
        supplement: parsed.supplement,
        list: None,
        label: added.label,
        text: added.text,
        owner: added.owner,
        provenance: added.provenance,
        area: added.area,
        mark: added.mark,
        source: Some(added.evidence.source.clone()),
    };
    Some((requirement, added.evidence))
}

fn update_entry(entry: &mut Entry, title: Option<String>, summary: Option<String>) {
    if let Some(title) = title {
        entry.seed_title = None;
        entry.title = title;
    }
    if let Some(summary) = summary {
        entry.summary = summary;
    }
}

/// A requirement id taken apart.
pub(crate) struct ParsedId {
    pub(crate) volume: VolumeKey,
    /// The chapter or (sub)section it is numbered under.
    pub(crate) number: String,
    pub(crate) no: u32,
    /// kitei's own item (`-kN`).
    pub(crate) supplement: bool,
}

/// Splits `control.14-6` into (control, "14", 6) and `control.8-k1` into (control, "8", 1, supplement).
pub(crate) fn parse_requirement_id(id: &str) -> Option<ParsedId> {
    let (volume, rest) = id.split_once('.')?;
    let (number, no) = rest.rsplit_once('-')?;
    let volume = VolumeKey::parse(volume)?;
    let (no, supplement) = match no.strip_prefix('k') {
        Some(k) => (k, true),
        None => (no, false),
    };
    let no: u32 = no.parse().ok().filter(|n| *n > 0)?;
    Some(ParsedId { volume, number: number.to_owned(), no, supplement })
}

/// Inserts after the last requirement of the same volume and chapter, keeping the order readable.
fn insert_in_order(requirements: &mut Vec<Requirement>, requirement: Requirement) {
    let position = requirements
        .iter()
        .rposition(|r| r.volume == requirement.volume && r.number == requirement.number)
        .or_else(|| requirements.iter().rposition(|r| r.volume == requirement.volume))
        .map(|i| i + 1)
        .unwrap_or(requirements.len());
    requirements.insert(position, requirement);
}
