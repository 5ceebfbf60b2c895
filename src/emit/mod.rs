//! Stage 4, emit: in, a facility's rendered document set; out, the bytes of every file of its
//! folder (Markdown with title block and 改訂履歴, PDF, Word, the checklist's Excel, the manifest).
//!
//! [`emit`] decides each document's state (案, an approved 版, or a register) from the approvals
//! and the previous build's baseline, composes the printed header and the 改訂履歴, keeps the
//! approved files a 案 or a new 版 replaces under `history/`, reuses a PDF whose Markdown did not
//! change, typesets the rest, adds the yearly checklist, the 根拠資料 (the working paper of where
//! each fact comes from, [`sources`]) and the manifest. It writes nothing: the caller writes the
//! files it returns.

pub(crate) mod checklist;
pub(crate) mod comparison;
pub(crate) mod compose;
pub(crate) mod docx;
pub(crate) mod figures;
pub(crate) mod manifest;
pub(crate) mod revise;
pub(crate) mod sources;
pub(crate) mod typeset;
pub(crate) mod vendor_form;
pub(crate) mod vendor_import;
pub(crate) mod xlsx;

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use thiserror::Error;

use self::manifest::{DocumentEntry, DocumentState, FileEntry, Manifest, OutputFile};
use self::revise::Versioned;
use self::typeset::Cover;
use crate::approvals::Approvals;
use crate::digest::sha256_hex;
use crate::i18n::{text, Msg};
use crate::load::{Content, Profile};
use crate::model::Guideline;
use crate::render::document::Document;
use crate::render::{self, Rendered, RenderedDocument};
use crate::wording::Wording;

/// Which files to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Formats {
    /// Markdown.
    pub markdown: bool,
    /// PDF.
    pub pdf: bool,
    /// The typst source of each PDF (for inspection and benchmarks against the typst CLI).
    pub typst: bool,
    /// Word (`.docx`).
    pub docx: bool,
}

/// Why emitting failed.
#[derive(Debug, Error)]
pub(crate) enum EmitError {
    /// Typesetting failed.
    #[error(transparent)]
    Typeset(#[from] typeset::TypesetError),
    /// A Word file could not be made.
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    /// The yearly checklist could not be answered.
    #[error(transparent)]
    Checklist(#[from] crate::checklist::ChecklistError),
    /// A revision would run backwards (a guideline version older than the previous build's).
    #[error("{}", crate::i18n::text(crate::i18n::Msg::Backwards(.0)))]
    Backwards(String),
}

/// What emitting needs besides the rendered set: the previous build and the build's settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EmitSettings<'a> {
    /// The previous build's manifest, if the folder holds one.
    pub previous: Option<&'a Manifest>,
    /// The facility's folder (previous files are read from it).
    pub folder: &'a Path,
    /// The formats to write.
    pub formats: Formats,
    /// The build's date (a register's 基準日, the checklist's 確認日).
    pub date: NaiveDate,
    /// Accept a guideline version older than the previous build's.
    pub allow_backdate: bool,
    /// The approvals recorded beside the profile.
    pub approvals: &'a Approvals,
    /// The fingerprint of the build's inputs, recorded in the manifest.
    pub inputs_sha256: &'a str,
}

/// The files of a build, ready to write, and what a person should know of them.
#[derive(Debug, Clone)]
pub(crate) struct Emitted {
    /// The documents' files, the manifest, then the checklist's files and the 根拠資料.
    pub files: Vec<OutputFile>,
    /// Documents printed as a newly approved 版 (approved since the previous build).
    pub changed: Vec<String>,
    /// Each newly approved 版, with its 改訂履歴 row.
    pub revised: Vec<NewVersion>,
    /// Documents printed as 案.
    pub drafts: Vec<String>,
}

/// A newly approved 版 of a document, as its 改訂履歴 records it (the terminal prints it in its
/// language, quoting the row's text, which is the document's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewVersion {
    /// The document's id.
    pub id: String,
    /// The 版.
    pub version: u32,
    /// The row's 改定箇所.
    pub summary: String,
    /// The row's 理由.
    pub reason: String,
}

/// Versions, composes and typesets every rendered document and adds the checklist, the 根拠資料
/// and the manifest.
pub(crate) fn emit(content: &Content, rendered: &Rendered, settings: &EmitSettings<'_>) -> Result<Emitted, EmitError> {
    let (guideline, profile) = (&rendered.guideline, &rendered.profile);
    if !settings.allow_backdate {
        refuse_older_guideline(settings.previous, &guideline.version)?;
    }
    let output = |document: &RenderedDocument| output_document(rendered, document, settings);
    // Documents are typeset side by side, except large ones (a facility with hundreds of systems):
    // those go one at a time afterwards, since two of them at once held over 1 GB.
    let small: Vec<Option<(DocumentEntry, Vec<OutputFile>)>> = rendered
        .documents
        .par_iter()
        .map(|document| (!typeset::is_large(&document.body)).then(|| output(document)).transpose())
        .collect::<Result<_, _>>()?;
    let outputs: Vec<(DocumentEntry, Vec<OutputFile>)> = rendered
        .documents
        .iter()
        .zip(small)
        .map(|(document, done)| done.map_or_else(|| output(document), Ok))
        .collect::<Result<_, _>>()?;
    let changed = newly_approved(settings.previous, &outputs);
    let drafts = outputs
        .iter()
        .filter(|(entry, _)| entry.state == DocumentState::Draft)
        .map(|(entry, _)| entry.id.clone())
        .collect();
    // The checklist, and the working paper beside the set listed with its files (never a document:
    // no state, no 版), typeset side by side.
    let (checklist, sources) = rayon::join(
        || checklist_files(content, rendered, settings.date, settings.formats.pdf),
        || sources::files(content, rendered, crate::checklist::DEFAULT_EDITION, settings.date, settings.formats.pdf),
    );
    let mut checklist = checklist?;
    checklist.extend(sources?);
    let revised = revised_lines(&changed, &outputs);
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
            lifecycle: manifest::LIFECYCLE,
            files: checklist
                .iter()
                .map(|f| FileEntry { path: f.path.clone(), sha256: crate::digest::sha256_hex(&f.bytes) })
                .collect(),
        },
    );
    files.extend(checklist);
    Ok(Emitted { files, changed, revised, drafts })
}

/// The facility's 課題一覧 and state as data, for the manifest (and `kitei report`).
pub(crate) fn facts_of(rendered: &Rendered, date: NaiveDate) -> manifest::FacilityFacts {
    let (mut open_items, mut dated_items) = (Vec::new(), Vec::new());
    for item in &rendered.resolution.open_items {
        let fact = item_fact(&rendered.resolution, item);
        if rendered.undecided.contains(&item.key) {
            open_items.push(fact);
        } else {
            dated_items.push(fact);
        }
    }
    manifest::FacilityFacts {
        name: rendered.profile.data.facility.name.clone(),
        pattern: rendered.resolution.pattern.id.clone(),
        date,
        open_items,
        dated_items,
        local_review: rendered.local_warnings.clone(),
        uncovered: rendered.uncovered.clone(),
        warnings: rendered.documents.iter().flat_map(|d| d.warnings.iter().cloned()).collect(),
    }
}

/// A row of the 課題一覧 as data (also what `kitei check --format json` lists).
pub(crate) fn item_fact(
    resolution: &crate::resolve::Resolution,
    item: &crate::resolve::OpenItem,
) -> manifest::ItemFact {
    manifest::ItemFact {
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
) -> Result<Vec<OutputFile>, EmitError> {
    use crate::emit::checklist::{files, Facility};
    let facility = Facility::of(rendered);
    let made = files(content, &facility, crate::checklist::DEFAULT_EDITION, None, date, pdf)?;
    Ok(made
        .files
        .into_iter()
        .map(|f| OutputFile { path: format!("{}/{}", manifest::CHECKLIST, f.path), bytes: f.bytes })
        .collect())
}

/// Ids of the documents printed as an approved 版 that the previous build did not print as that
/// 版 (none on a first build without approvals).
fn newly_approved(previous: Option<&Manifest>, outputs: &[(DocumentEntry, Vec<OutputFile>)]) -> Vec<String> {
    outputs
        .iter()
        .filter(|(entry, _)| entry.state == DocumentState::Approved)
        .filter(|(entry, _)| {
            previous
                .and_then(|m| m.document(&entry.id))
                .is_none_or(|d| printed_version(previous, d) != Some(entry.version))
        })
        .map(|(entry, _)| entry.id.clone())
        .collect()
}

/// The 版 the previous build printed for a document: its approved 版 when it was printed as such
/// (a manifest from before approvals printed every document as its 版).
fn printed_version(previous: Option<&Manifest>, entry: &DocumentEntry) -> Option<u32> {
    let old_format = previous.is_some_and(|m| m.lifecycle < manifest::LIFECYCLE);
    (entry.version > 0 && (old_format || entry.state == DocumentState::Approved)).then_some(entry.version)
}

/// Each newly approved document's 版 and its last 改訂履歴 row.
fn revised_lines(changed: &[String], outputs: &[(DocumentEntry, Vec<OutputFile>)]) -> Vec<NewVersion> {
    outputs
        .iter()
        .filter(|(entry, _)| changed.contains(&entry.id))
        .filter_map(|(entry, _)| {
            let row = entry.history.last()?;
            Some(NewVersion {
                id: entry.id.clone(),
                version: entry.version,
                summary: row.summary.clone(),
                reason: row.reason.clone(),
            })
        })
        .collect()
}

/// Refuses a guideline version older than the previous build's.
fn refuse_older_guideline(previous: Option<&Manifest>, version: &str) -> Result<(), EmitError> {
    let Some(previous) = previous else { return Ok(()) };
    let number = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    if number(version) < number(&previous.guideline) {
        return Err(EmitError::Backwards(text(Msg::OlderGuideline { previous: &previous.guideline, version })));
    }
    Ok(())
}

/// All files of the build, the manifest (completed with the document entries) last.
fn with_manifest(outputs: Vec<(DocumentEntry, Vec<OutputFile>)>, mut manifest: Manifest) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (entry, document_files) in outputs {
        files.extend(document_files);
        manifest.documents.push(entry);
    }
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    files.push(OutputFile { path: manifest::MANIFEST.to_owned(), bytes: json.into_bytes() });
    files
}

/// Decides the state of one document, composes and typesets it; returns its manifest entry and files.
fn output_document(
    rendered: &Rendered,
    document: &RenderedDocument,
    settings: &EmitSettings<'_>,
) -> Result<(DocumentEntry, Vec<OutputFile>), EmitError> {
    let (profile, guideline, wording) = (&rendered.profile, &rendered.guideline, rendered.wording);
    let (folder, formats) = (settings.folder, settings.formats);
    let mut files = Vec::new();
    let id = document.spec.id;
    let content_sha256 = content_digest(document, profile, guideline, wording);
    let (versioned, baseline) = state_of(document, profile, &content_sha256, settings, wording);
    let md_path = format!("{id}.md");
    let pdf_path = format!("{id}.pdf");
    let docx_path = format!("{id}.docx");
    let meta = compose::Meta::new(document.spec, profile, guideline, &versioned, settings.date, wording);
    let markdown = compose::markdown(&meta, &document.body);
    let mut entry = DocumentEntry {
        id: id.to_owned(),
        title: document.spec.title.to_owned(),
        version: versioned.version,
        content_sha256,
        state: versioned.state,
        approval: versioned.approval.clone(),
        baseline,
        history: versioned.history.clone(),
        files: Vec::new(),
    };
    files.extend(kept_approved_files(settings, id, &versioned, &markdown));
    if formats.markdown {
        push_file(&mut files, &mut entry, md_path.clone(), markdown.clone().into_bytes());
    }
    let cover = Cover {
        ident: format!("{}/{id}/{}{}", profile.id, versioned.version, if versioned.is_draft() { "-draft" } else { "" }),
        title: document.spec.title.to_owned(),
        facility: profile.data.facility.name.clone(),
        rows: meta.cover_rows(),
        date: settings.date,
        draft_mark: if versioned.is_draft() {
            crate::w!(wording, "cover.draft_mark").to_owned()
        } else {
            String::new()
        },
        wording,
    };
    let typst_body = Document::parse(compose::typst_body(&meta, &document.body), wording);
    let figures = figures::for_document(id, &rendered.view, wording, &rendered.shared);
    if formats.typst {
        let source = typeset::typst_source_with_figures(&cover, &typst_body, &figures);
        push_file(&mut files, &mut entry, format!("{id}.typ"), source.into_bytes());
    }
    if formats.docx {
        let pictures = figures
            .iter()
            .map(|(name, code)| {
                typeset::picture::figure_picture(&cover.ident, code, settings.date).map(|p| (name.clone(), p))
            })
            .collect::<Result<Vec<_>, _>>()?;
        push_file(&mut files, &mut entry, docx_path, crate::emit::docx::document(&cover, &typst_body, &pictures)?);
    }
    if formats.pdf {
        let reusable = reuse_pdf(settings.previous, folder, id, &md_path, &pdf_path, &markdown);
        let bytes = match reusable {
            Some(bytes) => bytes,
            None => typeset::typeset_with_figures(&cover, &typst_body, &figures)?,
        };
        push_file(&mut files, &mut entry, pdf_path, bytes);
    }
    Ok((entry, files))
}

/// SHA-256 of what a 版 covers: the printed identity (title, facility, approving post, 準拠) and
/// the body, without version data, approval or 案 marks. What an approval records and a later
/// build compares.
pub(crate) fn content_digest(
    document: &RenderedDocument,
    profile: &Profile,
    guideline: &Guideline,
    wording: &Wording,
) -> String {
    let printed = compose::printed_identity(document.spec, profile, guideline, wording);
    sha256_hex(format!("{printed}\n{}", document.body).as_bytes())
}

/// The approved 版 of a document: its baseline in the previous manifest (migrated or carried),
/// then the approval events naming it. None for a register or a document never approved.
pub(crate) fn approved_of(
    document: &RenderedDocument,
    profile: &Profile,
    guideline: &Guideline,
    previous: Option<&Manifest>,
    approvals: &Approvals,
    wording: &Wording,
) -> Option<revise::Approved> {
    let content_sha256 = content_digest(document, profile, guideline, wording);
    baseline_and_approved(document, profile, &content_sha256, previous, approvals, wording).1
}

fn baseline_and_approved(
    document: &RenderedDocument,
    profile: &Profile,
    content_sha256: &str,
    previous: Option<&Manifest>,
    approvals: &Approvals,
    wording: &Wording,
) -> (Option<manifest::Baseline>, Option<revise::Approved>) {
    let id = document.spec.id;
    if render::documents::is_register(id) {
        return (None, None);
    }
    let legacy = legacy_digest(document, &profile.data.facility.name);
    let baseline = revise::baseline_of(previous, id, content_sha256, &legacy);
    let approved = revise::approved(baseline.as_ref(), approvals, id, wording);
    (baseline, approved)
}

/// A document's state in this build, and the baseline its manifest entry carries.
fn state_of(
    document: &RenderedDocument,
    profile: &Profile,
    content_sha256: &str,
    settings: &EmitSettings<'_>,
    wording: &Wording,
) -> (Versioned, Option<manifest::Baseline>) {
    if render::documents::is_register(document.spec.id) {
        return (Versioned::register(), None);
    }
    let (baseline, approved) =
        baseline_and_approved(document, profile, content_sha256, settings.previous, settings.approvals, wording);
    (revise::version_of(approved.as_ref(), content_sha256), baseline)
}

/// The approved 版 the folder printed, copied under `history/<id>/<版>/` once, when this build
/// prints something else in its place (a 案, or the next 版): approved files are never lost.
fn kept_approved_files(settings: &EmitSettings<'_>, id: &str, now: &Versioned, markdown: &str) -> Vec<OutputFile> {
    let Some(previous) = settings.previous else { return Vec::new() };
    let Some(entry) = previous.document(id) else { return Vec::new() };
    let Some(version) = printed_version(settings.previous, entry) else { return Vec::new() };
    let unchanged = now.state == DocumentState::Approved && now.version == version;
    let md_unchanged =
        entry.files.iter().any(|f| f.path.ends_with(".md") && f.sha256 == sha256_hex(markdown.as_bytes()));
    let kept = format!("{}/{id}/{version}", manifest::HISTORY);
    if unchanged || md_unchanged || render::documents::is_register(id) || settings.folder.join(&kept).is_dir() {
        return Vec::new();
    }
    entry
        .files
        .iter()
        .filter_map(|f| {
            let bytes = manifest::read_previous(settings.folder, &f.path)?;
            Some(OutputFile { path: format!("{kept}/{}", f.path), bytes })
        })
        .collect()
}

/// Before the 版 covered the whole printed header, kitei hashed only the title, the facility name
/// and the body. A baseline recorded with a hash of that kind (and the same guideline) is the
/// current content: upgrading kitei alone must not turn an approved document into a 案.
fn legacy_digest(document: &RenderedDocument, facility: &str) -> String {
    sha256_hex(format!("{}\n{facility}\n{}", document.spec.title, document.body).as_bytes())
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
    let pdf = manifest::read_previous(folder, pdf_path)?;
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
            articles: Vec::new(),
        };
        let old_hash = sha256_hex(format!("{}\n{}\n{}", spec.title, "さくら", "本文").as_bytes());
        assert_eq!(legacy_digest(&document, "さくら"), old_hash);
        assert_ne!(legacy_digest(&document, "あおば"), old_hash);
    }
}
