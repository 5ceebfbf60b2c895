//! Requirement-level changes between two guideline versions.
//!
//! Requirements are matched by id; where a version renumbers one, its content says so (`moved`),
//! and the pair is reported as 移動 rather than as a deletion and an addition.

use serde::Serialize;

use crate::model::{Guideline, Requirement};

/// What happened to a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ChangeKind {
    /// New in the later version.
    Added,
    /// Wording changed.
    Changed,
    /// Deleted.
    Removed,
    /// Renumbered.
    Moved,
}

/// One requirement-level change.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RequirementChange {
    /// What happened.
    pub kind: ChangeKind,
    /// Id in the later version (or the removed id).
    pub id: String,
    /// Id in the earlier version, when moved.
    pub from: Option<String>,
    /// Label.
    pub label: String,
    /// Text in the earlier version.
    pub old_text: Option<String>,
    /// Text in the later version.
    pub new_text: Option<String>,
    /// The public source the later version's content names for this change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Whether kitei confirmed the change in that source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
}

/// The renumberings between `old` and `new` as (id in `old`, id in `new`), whichever of the two
/// records them: a later version records the ids it renumbered, so comparing it with an earlier
/// one (`guideline diff 7.0 6.0`) reads the same records backwards. Only pairs whose ids exist on
/// both sides count (a version also records ids corrected before it was published).
fn renumbered(old: &Guideline, new: &Guideline) -> Vec<(String, String)> {
    let forward = new.renamed.iter().map(|(from, to)| (from.clone(), to.clone()));
    let backward = old.renamed.iter().map(|(from, to)| (to.clone(), from.clone()));
    forward
        .chain(backward)
        .filter(|(o, n)| o != n && old.requirement(o).is_some() && new.requirement(n).is_some())
        .filter(|(o, _)| new.requirement(o).is_none())
        .collect()
}

/// The changes from `old` to `new`, in the later version's order (removals last). Symmetric:
/// comparing the other way round turns additions into removals and keeps every move a move.
pub(crate) fn changes(old: &Guideline, new: &Guideline) -> Vec<RequirementChange> {
    let pairs = renumbered(old, new);
    let moved_from = |id: &str| pairs.iter().find(|(_, to)| to == id).map(|(from, _)| from.clone());
    let mut out = Vec::new();
    for requirement in &new.requirements {
        let from = moved_from(&requirement.id);
        let before = old.requirement(from.as_deref().unwrap_or(&requirement.id));
        let change = match (before, &from) {
            (None, _) => Some(ChangeKind::Added),
            (Some(_), Some(_)) => Some(ChangeKind::Moved),
            (Some(b), None) if b.text != requirement.text || b.label != requirement.label => Some(ChangeKind::Changed),
            _ => None,
        };
        if let Some(kind) = change {
            out.push(with_source(new, change_of(kind, requirement, before, from)));
        }
    }
    let renamed_away = |id: &str| pairs.iter().any(|(from, _)| from == id);
    for requirement in old.requirements.iter().filter(|r| new.requirement(&r.id).is_none() && !renamed_away(&r.id)) {
        let removed = RequirementChange {
            kind: ChangeKind::Removed,
            id: requirement.id.clone(),
            from: None,
            label: requirement.label.clone(),
            old_text: Some(requirement.text.clone()),
            new_text: None,
            source: None,
            verified: None,
        };
        out.push(with_source(new, removed));
    }
    out
}

fn change_of(
    kind: ChangeKind,
    requirement: &Requirement,
    before: Option<&Requirement>,
    from: Option<String>,
) -> RequirementChange {
    RequirementChange {
        kind,
        id: requirement.id.clone(),
        from,
        label: requirement.label.clone(),
        old_text: before.map(|b| b.text.clone()),
        new_text: Some(requirement.text.clone()),
        source: None,
        verified: None,
    }
}

/// The change with the source the later version's content gives for it.
fn with_source(new: &Guideline, mut change: RequirementChange) -> RequirementChange {
    if let Some((_, found)) = new.change_sources.iter().find(|(id, _)| *id == change.id) {
        change.source = Some(found.source.clone());
        change.verified = Some(found.verified);
    }
    change
}
