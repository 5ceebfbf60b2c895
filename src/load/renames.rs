//! `renames.yaml`: how kitei's requirement ids changed when its items were matched to the
//! published text.
//!
//! Before the content was checked against the published volumes, kitei numbered many of its own
//! formulations as if they were official items. Correcting that changed ids that templates
//! (`[[meets:…]]`, a facility's overrides), earlier builds and `guideline diff` may still name. This
//! file keeps the old → new mapping so that they keep working, and a revision number that a build
//! records in its manifest, so a rebuild can say in its 改訂履歴 that the numbering was corrected.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::LoadError;
use crate::diagnostic::SourceDiagnostic;
use crate::model::Guideline;
use crate::yaml;

/// The file's name in a version's folder.
pub(super) const FILE: &str = "renames.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRenames {
    /// Raised with each correction of the numbering (1 for the first).
    #[serde(default = "first_revision")]
    revision: u32,
    /// The 改訂履歴 reason of a rebuild after this correction.
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    renamed: Vec<Renamed>,
    #[serde(default)]
    repurposed: Vec<Repurposed>,
}

fn first_revision() -> u32 {
    1
}

/// An old id that no longer exists, and the id that now carries its meaning.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Renamed {
    from: Spanned<String>,
    to: Spanned<String>,
}

/// An id that still exists but now means a published item, and where its old meaning went.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Repurposed {
    id: Spanned<String>,
    old_meaning_to: Spanned<String>,
}

/// Reads the file into `guideline.numbering`, checking every id against the loaded requirements.
pub(super) fn apply(
    guideline: &mut Guideline,
    path: &Path,
    text: &str,
    problems: &mut Vec<SourceDiagnostic>,
) -> Result<(), LoadError> {
    let raw: RawRenames = yaml::parse(path, text)?;
    let at = |span: &Spanned<String>, message: String| SourceDiagnostic::at_span(path, text, span.referenced, message);
    let exists = |id: &str| guideline.requirement(id).is_some();
    let mut seen = HashSet::new();
    for entry in &raw.renamed {
        if exists(&entry.from.value) {
            problems.push(
                at(&entry.from, format!("`{}` is renamed but still exists", entry.from.value))
                    .with_hint("an id that now means another item belongs under `repurposed:`"),
            );
        }
        if !exists(&entry.to.value) {
            problems.push(at(&entry.to, format!("`{}` names no requirement", entry.to.value)));
        }
        if !seen.insert(entry.from.value.clone()) {
            problems.push(at(&entry.from, format!("`{}` is renamed twice", entry.from.value)));
        }
    }
    for entry in &raw.repurposed {
        for id in [&entry.id, &entry.old_meaning_to] {
            if !exists(&id.value) {
                problems.push(at(id, format!("`{}` names no requirement", id.value)));
            }
        }
        if !seen.insert(entry.id.value.clone()) {
            problems.push(at(&entry.id, format!("`{}` is listed twice", entry.id.value)));
        }
    }
    let numbering = &mut guideline.numbering;
    numbering.revision = numbering.revision.max(raw.revision);
    numbering.reason =
        raw.reason.unwrap_or_else(|| crate::w!(crate::wording::embedded(), "guideline.renumbered").to_owned());
    numbering.renamed.extend(raw.renamed.into_iter().map(|r| (r.from.value, r.to.value)));
    numbering.repurposed.extend(raw.repurposed.into_iter().map(|r| (r.id.value, r.old_meaning_to.value)));
    Ok(())
}
