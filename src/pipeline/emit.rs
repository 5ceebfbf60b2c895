//! Stage 4, emit: from a rendered document set to the files of a facility's folder.
//!
//! [`emit`] decides each document's 版 against the previous build, composes the printed header
//! and the 改訂履歴, keeps the replaced files under `history/`, reuses a PDF whose Markdown did not
//! change, typesets the rest, adds the yearly checklist and the manifest. It writes nothing: the
//! caller writes the files it returns.

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{BuildError, Formats, Rendered};
use crate::digest::sha256_hex;
use crate::i18n::{text, Msg};
use crate::load::{Content, Profile};
use crate::model::Guideline;
use crate::render::{self, RenderedDocument};
use crate::revise::{self, BuildFacts};
use crate::typeset::{self, Cover};
use crate::write::{self, DocumentEntry, FileEntry, Manifest, OutputFile};

/// What emitting needs besides the rendered set: the previous build and the build's settings.
#[derive(Debug, Clone, Copy)]
pub struct EmitSettings<'a> {
    /// The previous build's manifest, if the folder holds one.
    pub previous: Option<&'a Manifest>,
    /// The facility's folder (previous files are read from it).
    pub folder: &'a Path,
    /// The formats to write.
    pub formats: Formats,
    /// The date of this build's revisions.
    pub date: NaiveDate,
    /// Whether that date was given (`--date`) rather than taken from the profile.
    pub date_given: bool,
    /// Accept a revision dated before the previous one, or an older guideline version.
    pub allow_backdate: bool,
    /// The fingerprint of the build's inputs, recorded in the manifest.
    pub inputs_sha256: &'a str,
}

/// The files of a build, ready to write, and what a person should know of them.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// The documents' files, the manifest, then the checklist's files.
    pub files: Vec<OutputFile>,
    /// Documents that got a new 版.
    pub changed: Vec<String>,
    /// Each new 版, for people: 「security-policy 第2版（理由）」.
    pub revised: Vec<String>,
    /// New 版s dated the same day as the 版 they replace.
    pub warnings: Vec<String>,
}

/// Versions, composes and typesets every rendered document and adds the checklist and manifest.
pub fn emit(content: &Content, rendered: &Rendered, settings: &EmitSettings<'_>) -> Result<Emitted, BuildError> {
    let (guideline, profile) = (&rendered.guideline, &rendered.profile);
    let _wording = crate::wording::enter(rendered.wording);
    if !settings.allow_backdate {
        refuse_older_guideline(settings.previous, &guideline.version)?;
    }
    let facts = BuildFacts {
        previous: settings.previous,
        guideline: &guideline.version,
        edition: &guideline.edition,
        numbering: &guideline.numbering,
        profile_sha256: &profile.hash,
        templates_sha256: &rendered.templates_sha256,
        date: settings.date,
        established: profile.data.document.established.unwrap_or(profile.data.document.effective_date),
    };
    let (folder, formats) = (settings.folder, settings.formats);
    let outputs: Vec<(DocumentEntry, Vec<OutputFile>)> = rendered
        .documents
        .par_iter()
        .map(|document| {
            let _wording = crate::wording::enter(rendered.wording);
            output_document(profile, guideline, &rendered.view, document, &facts, folder, formats)
        })
        .collect::<Result<_, _>>()?;
    let changed = changed_documents(facts.previous, &outputs);
    let checklist = checklist_files(content, rendered, facts.date, formats.pdf)?;
    let mut warnings = Vec::new();
    if let Some(previous) = facts.previous {
        let entries: Vec<&DocumentEntry> = outputs.iter().map(|(entry, _)| entry).collect();
        let dating = date_problems(previous, &entries, settings.date_given);
        if let Some(backwards) = dating.backwards.filter(|_| !settings.allow_backdate) {
            return Err(BuildError::Backwards(backwards));
        }
        warnings.extend(dating.same_day);
    }
    let revised = revised_lines(facts.previous, &outputs);
    let mut files = with_manifest(
        outputs,
        Manifest {
            kitei: env!("CARGO_PKG_VERSION").to_owned(),
            guideline: guideline.version.clone(),
            numbering_revision: guideline.numbering.revision,
            facility: profile.id.clone(),
            profile_sha256: profile.hash.clone(),
            templates_sha256: rendered.templates_sha256.clone(),
            inputs_sha256: settings.inputs_sha256.to_owned(),
            documents: Vec::new(),
            facts: Some(facts_of(rendered, settings.date)),
            files: checklist
                .iter()
                .map(|f| FileEntry { path: f.path.clone(), sha256: crate::digest::sha256_hex(&f.bytes) })
                .collect(),
        },
    );
    files.extend(checklist);
    Ok(Emitted { files, changed, revised, warnings })
}

/// The facility's 課題一覧 and state as data, for the manifest (and `kitei report`).
pub fn facts_of(rendered: &Rendered, date: NaiveDate) -> write::FacilityFacts {
    let (mut open_items, mut dated_items) = (Vec::new(), Vec::new());
    for item in &rendered.resolution.open_items {
        let fact = item_fact(&rendered.resolution, item);
        if rendered.undecided.contains(&item.key) {
            open_items.push(fact);
        } else {
            dated_items.push(fact);
        }
    }
    write::FacilityFacts {
        name: rendered.profile.data.facility.name.clone(),
        pattern: rendered.resolution.pattern.id.clone(),
        date,
        open_items,
        dated_items,
        local_review: rendered.local_warnings.clone(),
    }
}

/// A row of the 課題一覧 as data (also what `kitei check --format json` lists).
pub fn item_fact(resolution: &crate::resolve::Resolution, item: &crate::resolve::OpenItem) -> write::ItemFact {
    write::ItemFact {
        key: item.key.clone(),
        item: item.item.clone(),
        owner: resolution.role(item.owner).title.clone(),
        due: item.due,
        requirement: item.requirement.clone(),
        vendor: vendor_of(&item.key),
    }
}

/// The vendor an item waits on: `vendors.<id>.…` (a profile field of the vendor) or
/// `checklist.<edition>.<vendor>.<item>` (an item of a vendor's 事業者確認用 form).
fn vendor_of(key: &str) -> Option<String> {
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["vendors", vendor, _, ..] => Some((*vendor).to_owned()),
        ["checklist", _, vendor, _] => Some((*vendor).to_owned()),
        _ => None,
    }
}

/// The yearly checklist (default edition) beside the documents, under `checklist/`.
fn checklist_files(
    content: &Content,
    rendered: &Rendered,
    date: NaiveDate,
    pdf: bool,
) -> Result<Vec<OutputFile>, BuildError> {
    use crate::checklist::output::{files, Facility};
    let facility = Facility {
        profile: &rendered.profile,
        guideline: &rendered.guideline,
        resolution: &rendered.resolution,
        rendered: &rendered.documents,
        records: &rendered.records,
    };
    let made = files(content, &facility, crate::checklist::DEFAULT_EDITION, None, date, pdf)?;
    Ok(made
        .files
        .into_iter()
        .map(|f| OutputFile { path: format!("{}/{}", write::CHECKLIST, f.path), bytes: f.bytes })
        .collect())
}

/// Ids of the documents that got a new 版 in this build (none on a first build).
fn changed_documents(previous: Option<&Manifest>, outputs: &[(DocumentEntry, Vec<OutputFile>)]) -> Vec<String> {
    let Some(previous) = previous else { return Vec::new() };
    outputs
        .iter()
        .filter(|(entry, _)| previous.document(&entry.id).is_none_or(|d| d.version != entry.version))
        .map(|(entry, _)| entry.id.clone())
        .collect()
}

/// 「security-policy 第2版（理由）」 for each document that got a new 版.
fn revised_lines(previous: Option<&Manifest>, outputs: &[(DocumentEntry, Vec<OutputFile>)]) -> Vec<String> {
    let changed = changed_documents(previous, outputs);
    outputs
        .iter()
        .filter(|(entry, _)| changed.contains(&entry.id))
        .filter_map(|(entry, _)| {
            let row = entry.history.last()?;
            Some(format!("{} 第{}版（{}：{}）", entry.id, entry.version, row.summary, row.reason))
        })
        .collect()
}

/// Refuses a guideline version older than the previous build's.
fn refuse_older_guideline(previous: Option<&Manifest>, version: &str) -> Result<(), BuildError> {
    let Some(previous) = previous else { return Ok(()) };
    let number = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    if number(version) < number(&previous.guideline) {
        return Err(BuildError::Backwards(text(Msg::OlderGuideline { previous: &previous.guideline, version })));
    }
    Ok(())
}

/// What is wrong with the dates of new 版s.
struct DateProblems {
    /// A new 版 dated before the 版 it replaces.
    backwards: Option<String>,
    /// New 版s dated the same day as the 版 they replace, when no `--date` was given.
    same_day: Vec<String>,
}

fn date_problems(previous: &Manifest, entries: &[&DocumentEntry], date_given: bool) -> DateProblems {
    let mut problems = DateProblems { backwards: None, same_day: Vec::new() };
    for entry in entries {
        let Some(before) = previous.document(&entry.id).filter(|p| p.version != entry.version) else { continue };
        let (Some(old), Some(new)) = (before.history.last(), entry.history.last()) else { continue };
        if new.date < old.date && problems.backwards.is_none() {
            let (new_date, old_date) = (new.date.to_string(), old.date.to_string());
            let (id, new_version, old_version) = (entry.id.as_str(), new.version, old.version);
            problems.backwards =
                Some(text(Msg::DatedBefore { id, new_version, new_date: &new_date, old_version, old_date: &old_date }));
        } else if new.date == old.date && !date_given {
            let (id, new_version, old_version, date) =
                (entry.id.as_str(), new.version, old.version, new.date.to_string());
            problems.same_day.push(text(Msg::SameDate { id, new_version, old_version, date: &date }));
        }
    }
    problems
}

/// All files of the build, the manifest (completed with the document entries) last.
fn with_manifest(outputs: Vec<(DocumentEntry, Vec<OutputFile>)>, mut manifest: Manifest) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (entry, document_files) in outputs {
        files.extend(document_files);
        manifest.documents.push(entry);
    }
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    files.push(OutputFile { path: write::MANIFEST.to_owned(), bytes: json.into_bytes() });
    files
}

/// Versions, composes and typesets one document; returns its manifest entry and files.
fn output_document(
    profile: &Profile,
    guideline: &Guideline,
    view: &render::DocumentView,
    document: &RenderedDocument,
    facts: &BuildFacts<'_>,
    folder: &Path,
    formats: Formats,
) -> Result<(DocumentEntry, Vec<OutputFile>), BuildError> {
    let mut files = Vec::new();
    let id = document.spec.id;
    let printed = render::compose::printed_identity(document.spec, profile, guideline);
    let content_sha256 = sha256_hex(format!("{printed}\n{}", document.body).as_bytes());
    let md_path = format!("{id}.md");
    let pdf_path = format!("{id}.pdf");
    let docx_path = format!("{id}.docx");
    let previous_md = facts.previous.and_then(|_| write::read_previous(folder, &md_path));
    let previous_body = previous_md.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
    let previous_body = render::compose::without_supplementary(&previous_body);
    let places = revise::changed_sections(&previous_body, &document.body);
    let legacy = legacy_unchanged(facts, document, &profile.data.facility.name, &guideline.version);
    let versioned = revise::version_of(facts, id, legacy.as_deref().unwrap_or(&content_sha256), &places);
    let meta = render::compose::Meta::new(document.spec, profile, guideline, &versioned);
    let markdown = render::compose::markdown(&meta, &document.body);
    let mut entry = DocumentEntry {
        id: id.to_owned(),
        title: document.spec.title.to_owned(),
        version: versioned.version,
        content_sha256,
        history: versioned.history.clone(),
        files: Vec::new(),
        // An approval recorded on this 版 stays with it; a new 版 is a draft again.
        state: facts
            .previous
            .and_then(|m| m.document(id))
            .filter(|d| d.version == versioned.version)
            .and_then(|d| d.state.clone()),
    };
    if let Some(old_version) = versioned.previous_version {
        for kept in [&md_path, &pdf_path, &docx_path] {
            if let Some(bytes) = write::read_previous(folder, kept) {
                files.push(OutputFile { path: format!("{}/{id}/{old_version}/{kept}", write::HISTORY), bytes });
            }
        }
    }
    if formats.markdown {
        push_file(&mut files, &mut entry, md_path.clone(), markdown.clone().into_bytes());
    }
    let cover = Cover {
        ident: format!("{}/{id}/{}", profile.id, versioned.version),
        title: document.spec.title.to_owned(),
        facility: profile.data.facility.name.clone(),
        rows: meta.cover_rows(),
        date: facts.date,
    };
    let typst_body = render::compose::typst_body(&meta, &document.body);
    let figures = render::figures::for_document(id, view);
    if formats.typst {
        let source = typeset::typst_source_with_figures(&cover, &typst_body, &figures);
        push_file(&mut files, &mut entry, format!("{id}.typ"), source.into_bytes());
    }
    if formats.docx {
        push_file(&mut files, &mut entry, docx_path, crate::docx::document(&cover, &typst_body)?);
    }
    if formats.pdf {
        let reusable = reuse_pdf(facts.previous, folder, id, &md_path, &pdf_path, &markdown);
        let bytes = match reusable {
            Some(bytes) => bytes,
            None => typeset::typeset_with_figures(&cover, &typst_body, &figures)?,
        };
        push_file(&mut files, &mut entry, pdf_path, bytes);
    }
    Ok((entry, files))
}

/// Before the 版 covered the whole printed header, kitei hashed only the title, the facility name
/// and the body. A document whose hash of that kind and guideline are both unchanged is unchanged:
/// upgrading kitei alone must not give every document a new 版. Returns the previous hash then (the
/// new manifest records the new kind).
fn legacy_unchanged(
    facts: &BuildFacts<'_>,
    document: &RenderedDocument,
    facility: &str,
    guideline: &str,
) -> Option<String> {
    let previous = facts.previous?;
    let entry = previous.document(document.spec.id)?;
    let legacy = sha256_hex(format!("{}\n{facility}\n{}", document.spec.title, document.body).as_bytes());
    (previous.guideline == guideline && entry.content_sha256 == legacy).then(|| entry.content_sha256.clone())
}

/// The previous PDF, when the previous Markdown of this document is byte-identical to this one
/// (then the PDF would be too, so typesetting it again is wasted work).
fn reuse_pdf(
    previous: Option<&Manifest>,
    folder: &Path,
    id: &str,
    md_path: &str,
    pdf_path: &str,
    markdown: &str,
) -> Option<Vec<u8>> {
    let entry = previous?.document(id)?;
    let recorded = |path: &str| entry.files.iter().find(|f| f.path == path).map(|f| f.sha256.clone());
    if recorded(md_path)? != sha256_hex(markdown.as_bytes()) {
        return None;
    }
    let pdf = write::read_previous(folder, pdf_path)?;
    (recorded(pdf_path)? == sha256_hex(&pdf)).then_some(pdf)
}

fn push_file(files: &mut Vec<OutputFile>, entry: &mut DocumentEntry, path: String, bytes: Vec<u8>) {
    entry.files.push(FileEntry { path: path.clone(), sha256: sha256_hex(&bytes) });
    files.push(OutputFile { path, bytes });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_hashed_the_old_way_is_unchanged_after_an_upgrade() {
        let spec = render::DOCUMENTS[0];
        let document = RenderedDocument {
            spec,
            body: "本文".to_owned(),
            coverage: Vec::new(),
            warnings: Vec::new(),
            local: Vec::new(),
        };
        let old_hash = sha256_hex(format!("{}\n{}\n{}", spec.title, "さくら", "本文").as_bytes());
        let previous = Manifest {
            kitei: "0".into(),
            guideline: "6.0".into(),
            numbering_revision: 0,
            facility: "x".into(),
            profile_sha256: String::new(),
            templates_sha256: String::new(),
            inputs_sha256: String::new(),
            documents: vec![DocumentEntry {
                id: spec.id.to_owned(),
                title: spec.title.to_owned(),
                version: 1,
                content_sha256: old_hash.clone(),
                history: Vec::new(),
                files: Vec::new(),
                state: None,
            }],
            facts: None,
            files: Vec::new(),
        };
        let date = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let facts = BuildFacts {
            previous: Some(&previous),
            guideline: "6.0",
            edition: "第6.0版",
            numbering: &crate::model::Numbering::default(),
            profile_sha256: "",
            templates_sha256: "",
            date,
            established: date,
        };
        assert_eq!(legacy_unchanged(&facts, &document, "さくら", "6.0"), Some(old_hash));
        assert_eq!(legacy_unchanged(&facts, &document, "さくら", "7.0"), None, "a new guideline is a change");
        assert_eq!(legacy_unchanged(&facts, &document, "あおば", "6.0"), None);
    }
}
