//! A guideline revision expressed as changes to its base version.
//!
//! MHLW revises the guideline in place; rather than copy four volumes, a new version's folder lists
//! what it adds, changes, removes and moves. The result is a small file a reviewer can read, and
//! `kitei guideline diff` can report changes exactly as the content states them.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::guideline::{Mark, Provenance, Role, VolumeKey};
use super::yaml;
use super::LoadError;
use crate::diagnostic::SourceDiagnostic;
use crate::model::{Entry, Guideline, Requirement};

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
    removed: Vec<Spanned<String>>,
    #[serde(default)]
    moved: Vec<MovedRequirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryChange {
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddedRequirement {
    id: Spanned<String>,
    #[serde(default)]
    section: Option<String>,
    label: String,
    owner: Role,
    provenance: Provenance,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    mark: Option<Vec<Mark>>,
    /// The public source of the new item (notice, volume PDF, secondary source).
    #[serde(default)]
    source: Option<String>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangedRequirement {
    id: Spanned<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    provenance: Option<Provenance>,
    #[serde(default)]
    area: Option<String>,
    /// The public source of the change.
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MovedRequirement {
    from: Spanned<String>,
    to: String,
    #[serde(default)]
    section: Option<String>,
}

/// Applies a changes file to `guideline` (a copy of the base version).
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
        match guideline.entries.iter_mut().find(|e| e.id == change.id.value) {
            Some(entry) => update_entry(entry, change.title, change.summary),
            None => {
                problems.push(error_at(&change.id, format!("no chapter or section `{}` to change", change.id.value)))
            }
        }
    }
    for id in raw.removed {
        let before = guideline.requirements.len();
        guideline.requirements.retain(|r| r.id != id.value);
        if guideline.requirements.len() == before {
            problems.push(error_at(&id, format!("no requirement `{}` to remove", id.value)));
        }
    }
    for change in raw.changed {
        match guideline.requirements.iter_mut().find(|r| r.id == change.id.value) {
            Some(requirement) => {
                requirement.label = change.label.unwrap_or_else(|| requirement.label.clone());
                requirement.text = change.text.unwrap_or_else(|| requirement.text.clone());
                requirement.provenance = change.provenance.unwrap_or(requirement.provenance);
                requirement.area = change.area.or_else(|| requirement.area.clone());
                requirement.source = change.source.or_else(|| requirement.source.clone());
            }
            None => problems.push(error_at(&change.id, format!("no requirement `{}` to change", change.id.value))),
        }
    }
    for moved in raw.moved {
        let Some(requirement) = guideline.requirements.iter_mut().find(|r| r.id == moved.from.value) else {
            problems.push(error_at(&moved.from, format!("no requirement `{}` to move", moved.from.value)));
            continue;
        };
        match parse_requirement_id(&moved.to) {
            Some(parsed) => {
                requirement.id = moved.to.clone();
                requirement.volume = parsed.volume;
                requirement.section = moved.section.unwrap_or_else(|| parsed.number.clone());
                requirement.number = parsed.number;
                requirement.no = parsed.no;
                requirement.supplement = parsed.supplement;
                guideline.renamed.push((moved.from.value.clone(), moved.to));
            }
            None => problems.push(error_at(&moved.from, format!("`{}` is not a requirement id", moved.to))),
        }
    }
    for added in raw.added {
        match parse_requirement_id(&added.id.value) {
            Some(parsed) => {
                let requirement = Requirement {
                    id: added.id.value.clone(),
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
                    source: added.source,
                };
                insert_in_order(&mut guideline.requirements, requirement);
            }
            None => problems.push(error_at(
                &added.id,
                format!("`{}` is not a requirement id (volume.number-item)", added.id.value),
            )),
        }
    }
    Ok(())
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
