//! The build pipeline for one facility: load → resolve → render → typeset → write.
//!
//! Each stage is its own module with a small typed interface; this module only connects them and
//! decides versions against the previous build. [`Session`] holds what a batch shares: the
//! content and each guideline version, loaded and checked once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::i18n::{text, Msg};
use crate::load::{self, sha256_hex, Content, LoadError, Profile};
use crate::model::Guideline;
use crate::render::{self, RenderError, RenderedDocument, Renderer};
use crate::resolve::{self, Resolution, Status};
use crate::revise::{self, BuildFacts};
use crate::typeset::{self, Cover, TypesetError};
use crate::write::{self, DocumentEntry, FileEntry, Manifest, OutputFile, WriteError};

/// The guideline version used when neither the profile nor the command line names one.
pub const DEFAULT_GUIDELINE: &str = "6.0";

/// Which files to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// Markdown.
    pub markdown: bool,
    /// PDF.
    pub pdf: bool,
    /// The typst source of each PDF (for inspection and benchmarks against the typst CLI).
    pub typst: bool,
    /// Word (`.docx`).
    pub docx: bool,
}

/// Checked settings of a build.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Output root; each facility gets `<output>/<id>/`.
    pub output: PathBuf,
    /// Formats to write.
    pub formats: Formats,
    /// Date of revisions (default: the profile's effective date).
    pub date: Option<NaiveDate>,
    /// Guideline version (default: the profile's, else [`DEFAULT_GUIDELINE`]).
    pub guideline: Option<String>,
    /// Template override folder (default: `templates/` beside the profile, if present).
    pub templates: Option<PathBuf>,
    /// Whether an uncovered requirement is an error.
    pub strict: bool,
    /// Set (by a Ctrl-C handler) to stop: a build that sees it writes nothing.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Accept a revision dated before the previous one, or a guideline version older than the
    /// previous build's (both are refused otherwise: a 改訂履歴 runs forward).
    pub allow_backdate: bool,
}

impl BuildConfig {
    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::SeqCst))
    }
}

/// A profile to build: where it came from and its text.
#[derive(Debug, Clone)]
pub struct ProfileSource {
    /// Its path (shown in messages; used for `templates/` and `extends`).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

impl ProfileSource {
    /// Reads a profile file.
    pub fn read(path: &Path) -> Result<Self, LoadError> {
        Ok(Self { path: path.to_owned(), text: load::read_text(path)? })
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    /// Facility id.
    pub facility: String,
    /// Facility name.
    pub name: String,
    /// Where it was written.
    pub folder: PathBuf,
    /// Reference pattern.
    pub pattern: String,
    /// Number of documents.
    pub documents: usize,
    /// Documents that got a new 版.
    pub changed: Vec<String>,
    /// Each new 版, for people: 「security-policy 第2版（理由）」.
    pub revised: Vec<String>,
    /// Required requirements no document meets.
    pub uncovered: Vec<String>,
    /// Keys of the matters the profile leaves undecided (listed in the 課題一覧).
    pub open_items: Vec<String>,
    /// What the build did that a person should know (overrides used, formats kept).
    pub notes: Vec<String>,
    /// What looks wrong but did not stop the build.
    pub warnings: Vec<String>,
    /// Local edits not accepted against the current built-in text (see [`crate::local`]).
    pub local_warnings: Vec<String>,
}

/// Why a build failed.
#[derive(Debug, Error)]
pub enum BuildError {
    /// Loading the profile or content failed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Rendering failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Typesetting failed.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A Word file could not be made.
    #[error(transparent)]
    Docx(#[from] crate::docx::DocxError),
    /// The build was interrupted before it wrote anything.
    #[error("{}", text(Msg::FacilityInterrupted))]
    Interrupted,
    /// A local edits file could not be read.
    #[error(transparent)]
    Local(#[from] crate::local::LocalError),
    /// `--strict` and some local edits are not accepted against the current built-in text.
    #[error("{} local edit(s) need review: {}", .0.len(), .0.join("; "))]
    LocalUnaccepted(Vec<String>),
    /// The yearly checklist could not be answered.
    #[error(transparent)]
    Checklist(#[from] crate::checklist::ChecklistError),
    /// `--strict` and some requirements are not met by any document.
    #[error("{}", listed(.0, |count, ids| Msg::StrictUncovered { count, ids }))]
    Uncovered(Vec<String>),
    /// `--strict` and the profile leaves matters undecided.
    #[error("{}", listed(.0, |count, ids| Msg::StrictOpenItems { count, ids }))]
    OpenItems(Vec<String>),
    /// Files kitei wrote were changed by hand since; building would lose the edit or keep a
    /// document whose PDF disagrees with it.
    #[error("{}", hand_edited(.folder, .files))]
    HandEdited {
        /// The facility folder.
        folder: PathBuf,
        /// The edited files, relative to it.
        files: Vec<String>,
    },
    /// A revision would run backwards (an earlier date or guideline version than the last one).
    #[error("{}", text(Msg::Backwards(.0)))]
    Backwards(String),
}

/// A message about `ids`, with their count.
fn listed(ids: &[String], message: impl for<'a> Fn(usize, &'a str) -> Msg<'a>) -> String {
    text(message(ids.len(), &ids.join(", ")))
}

fn hand_edited(folder: &Path, files: &[String]) -> String {
    let shown: Vec<String> = files.iter().map(|f| folder.join(f).display().to_string()).collect();
    text(Msg::HandEdited { folder: &folder.display().to_string(), files: &shown.join(", "), one: files.len() == 1 })
}

/// What a batch of builds shares.
#[derive(Default)]
pub struct Session {
    content: Content,
    content_sha256: std::sync::OnceLock<String>,
    guidelines: Mutex<HashMap<String, Arc<Guideline>>>,
}

impl Session {
    /// A session over the embedded content.
    pub fn new(content: Content) -> Self {
        Self { content, content_sha256: std::sync::OnceLock::new(), guidelines: Mutex::default() }
    }

    /// The content.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// A guideline version, loaded once.
    pub fn guideline(&self, version: &str) -> Result<Arc<Guideline>, LoadError> {
        if let Some(found) = self.guidelines.lock().unwrap_or_else(|e| e.into_inner()).get(version) {
            return Ok(found.clone());
        }
        let loaded = Arc::new(load::load_guideline(&self.content, version)?);
        self.guidelines.lock().unwrap_or_else(|e| e.into_inner()).insert(version.to_owned(), loaded.clone());
        Ok(loaded)
    }

    /// Loads and checks a profile, choosing the guideline version (flag, then profile, then default).
    pub fn load(&self, source: &ProfileSource, version: Option<&str>) -> Result<(Arc<Guideline>, Profile), LoadError> {
        let merged = load::extends::follow(&source.path, &source.text)?;
        let loaded = self.load_merged(&source.path, &merged.text, version);
        loaded.map_err(|e| merged.remap(e))
    }

    fn load_merged(
        &self,
        path: &Path,
        text: &str,
        version: Option<&str>,
    ) -> Result<(Arc<Guideline>, Profile), LoadError> {
        let data = load::parse_profile(path, text)?;
        let version = version.or(data.guideline.as_deref()).unwrap_or(DEFAULT_GUIDELINE).to_owned();
        let guideline = self.guideline(&version)?;
        let profile = load::check_profile(path, text, data, &guideline)?;
        Ok((guideline, profile))
    }

    /// Renders a facility's documents with its template overrides and local edits, writing
    /// nothing (what `kitei local status` and `accept` compare).
    pub fn render_documents(
        &self,
        source: &ProfileSource,
        version: Option<&str>,
        templates: Option<&Path>,
    ) -> Result<Vec<RenderedDocument>, BuildError> {
        let (guideline, profile) = self.load(source, version)?;
        let overrides = templates.map(Path::to_owned).or_else(|| beside_profile(&source.path));
        let renderer = Renderer::new(overrides.as_deref())?.with_local(local_edits(&source.path)?);
        let _wording = crate::wording::enter(renderer.wording());
        let resolution = resolve::resolve(&guideline, &profile);
        let view = render::DocumentView::new(&guideline, &profile, &resolution);
        Ok(renderer.render_set(&guideline, &view, &resolution)?)
    }

    /// Builds one facility's rulebook.
    pub fn build(&self, source: &ProfileSource, config: &BuildConfig) -> Result<BuildOutcome, BuildError> {
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let loaded = self.load(source, config.guideline.as_deref())?;
        self.build_loaded(source, loaded, config)
    }

    /// Builds one facility's rulebook from a profile already loaded with [`Session::load`].
    pub fn build_loaded(
        &self,
        source: &ProfileSource,
        (guideline, profile): (Arc<Guideline>, Profile),
        config: &BuildConfig,
    ) -> Result<BuildOutcome, BuildError> {
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let overrides = config.templates.clone().or_else(|| beside_profile(&source.path));
        let renderer = Renderer::new(overrides.as_deref())?.with_local(local_edits(&source.path)?);
        let _wording = crate::wording::enter(renderer.wording());
        let resolution = resolve::resolve(&guideline, &profile);
        let view = render::DocumentView::new(&guideline, &profile, &resolution);
        let rendered = renderer.render_set(&guideline, &view, &resolution)?;
        let uncovered = uncovered(&guideline, &resolution, &rendered);
        if config.strict && !uncovered.is_empty() {
            return Err(BuildError::Uncovered(uncovered));
        }
        let open_items: Vec<String> = resolution.open_items.iter().map(|i| i.key.clone()).collect();
        if config.strict && !open_items.is_empty() {
            return Err(BuildError::OpenItems(open_items));
        }
        let local_warnings = crate::local::warnings(&rendered, &source.path);
        if config.strict && !local_warnings.is_empty() {
            return Err(BuildError::LocalUnaccepted(local_warnings));
        }
        let folder = config.output.join(&profile.id);
        let _lock = write::FolderLock::acquire(&folder)?;
        let previous = write::read_manifest(&folder);
        refuse_hand_edits(&folder, previous.as_ref())?;
        let mut notes = renderer.notes().to_vec();
        let examples = example_warnings(source);
        let formats = formats_to_keep(config.formats, previous.as_ref(), &folder, &mut notes);
        let inputs = self.inputs_fingerprint(&guideline, &profile, &renderer, formats);
        let outcome = |documents, changed, revised, warnings| BuildOutcome {
            facility: profile.id.clone(),
            name: profile.data.facility.name.clone(),
            folder: folder.clone(),
            pattern: resolution.pattern.id.clone(),
            documents,
            changed,
            revised,
            uncovered: uncovered.clone(),
            open_items: open_items.clone(),
            notes: notes.clone(),
            warnings,
            local_warnings: local_warnings.clone(),
        };
        if let Some(previous) = previous.as_ref().filter(|m| up_to_date(m, &inputs, &folder)) {
            let mut warnings = [examples, renderer.warnings().to_vec()].concat();
            warnings.extend(rendered.iter().flat_map(|d| d.warnings.iter().cloned()));
            return Ok(outcome(previous.documents.len(), Vec::new(), Vec::new(), warnings));
        }
        if !config.allow_backdate {
            refuse_older_guideline(previous.as_ref(), &guideline.version)?;
        }
        let facts = BuildFacts {
            previous: previous.as_ref(),
            guideline: &guideline.version,
            edition: &guideline.edition,
            numbering: &guideline.numbering,
            profile_sha256: &profile.hash,
            templates_sha256: renderer.fingerprint(),
            date: config.date.unwrap_or(profile.data.document.effective_date),
            established: profile.data.document.established.unwrap_or(profile.data.document.effective_date),
        };
        let outputs: Vec<(DocumentEntry, Vec<OutputFile>)> = rendered
            .par_iter()
            .map(|document| {
                let _wording = crate::wording::enter(renderer.wording());
                output_document(&profile, &guideline, &view, document, &facts, &folder, formats)
            })
            .collect::<Result<_, _>>()?;
        let changed = changed_documents(facts.previous, &outputs);
        let checklist = checklist_files(self, &profile, &guideline, &resolution, &rendered, facts.date, config)?;
        let mut warnings = [examples, renderer.warnings().to_vec()].concat();
        warnings.extend(rendered.iter().flat_map(|d| d.warnings.iter().cloned()));
        if let Some(previous) = facts.previous {
            let entries: Vec<&DocumentEntry> = outputs.iter().map(|(entry, _)| entry).collect();
            let dating = date_problems(previous, &entries, config.date.is_some());
            if let Some(backwards) = dating.backwards.filter(|_| !config.allow_backdate) {
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
                templates_sha256: renderer.fingerprint().to_owned(),
                inputs_sha256: inputs.clone(),
                documents: Vec::new(),
            },
        );
        files.extend(checklist);
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        write::write_folder(&folder, &files, facts.previous)?;
        Ok(outcome(rendered.len(), changed, revised, warnings))
    }

    /// SHA-256 over everything a build depends on.
    fn inputs_fingerprint(
        &self,
        guideline: &Guideline,
        profile: &Profile,
        renderer: &Renderer,
        formats: Formats,
    ) -> String {
        let content = self.content_sha256.get_or_init(|| self.content.fingerprint());
        let formats = format!("{formats:?}");
        fingerprint([
            env!("CARGO_PKG_VERSION"),
            content.as_str(),
            guideline.version.as_str(),
            profile.hash.as_str(),
            renderer.fingerprint(),
            formats.as_str(),
        ])
    }
}

/// The yearly checklist (default edition) beside the documents, under `checklist/`.
fn checklist_files(
    session: &Session,
    profile: &Profile,
    guideline: &Guideline,
    resolution: &Resolution,
    rendered: &[RenderedDocument],
    date: NaiveDate,
    config: &BuildConfig,
) -> Result<Vec<OutputFile>, BuildError> {
    use crate::checklist::output::{files, Facility};
    let facility = Facility { profile, guideline, resolution, rendered };
    let made = files(session.content(), &facility, crate::checklist::DEFAULT_EDITION, None, date, config.formats.pdf)?;
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

/// A warning for each `例）` example of `kitei init` still in the profile.
pub fn example_warnings(source: &ProfileSource) -> Vec<String> {
    load::placeholders::find(&source.text)
        .into_iter()
        .map(|(line, value)| {
            let place = format!("{}:{line}", source.path.display());
            text(Msg::ExampleLeft { place: &place, value: &value })
        })
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

/// Refuses files of the previous build that were edited since (their hash differs from the
/// manifest). Markdown and typst sources are compared by hash; a PDF only by presence (hashing
/// every PDF would cost a no-change rebuild of a large batch most of its time).
fn refuse_hand_edits(folder: &Path, previous: Option<&Manifest>) -> Result<(), BuildError> {
    let Some(previous) = previous else { return Ok(()) };
    let edited: Vec<String> = previous
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .filter(|f| f.path.ends_with(".md") || f.path.ends_with(".typ"))
        .filter(|f| write::read_previous(folder, &f.path).is_some_and(|bytes| sha256_hex(&bytes) != f.sha256))
        .map(|f| f.path.clone())
        .collect();
    if edited.is_empty() {
        return Ok(());
    }
    Err(BuildError::HandEdited { folder: folder.to_owned(), files: edited })
}

/// The formats to write: those asked for, and those the folder already holds (a narrower
/// `--format` must not delete the documents already there, nor leave them stale).
fn formats_to_keep(asked: Formats, previous: Option<&Manifest>, folder: &Path, notes: &mut Vec<String>) -> Formats {
    let present = |extension: &str| {
        previous.is_some_and(|m| {
            m.documents
                .iter()
                .flat_map(|d| &d.files)
                .any(|f| f.path.ends_with(extension) && folder.join(&f.path).is_file())
        })
    };
    let kept = Formats {
        markdown: asked.markdown || present(".md"),
        pdf: asked.pdf || present(".pdf"),
        typst: asked.typst || present(".typ"),
        docx: asked.docx || present(".docx"),
    };
    let added: Vec<&str> = [
        (kept.markdown && !asked.markdown, "md"),
        (kept.pdf && !asked.pdf, "pdf"),
        (kept.typst && !asked.typst, "typ"),
    ]
    .into_iter()
    .filter_map(|(added, name)| added.then_some(name))
    .collect();
    if !added.is_empty() {
        notes.push(text(Msg::AlsoKept(&added.join(", "))));
    }
    kept
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

/// Whether the folder holds what a build with these inputs would write: same inputs, and every
/// file the manifest lists still there.
fn up_to_date(manifest: &Manifest, inputs: &str, folder: &Path) -> bool {
    !manifest.inputs_sha256.is_empty()
        && manifest.inputs_sha256 == inputs
        && manifest.documents.iter().flat_map(|d| &d.files).all(|f| folder.join(&f.path).is_file())
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

/// The local edits in `local/` beside the profile (none when there is no such folder).
pub fn local_edits(profile: &Path) -> Result<crate::local::LocalSet, crate::local::LocalError> {
    let ids: Vec<&str> = render::DOCUMENTS.iter().map(|d| d.id).collect();
    crate::local::LocalSet::beside(profile, &ids)
}

/// `templates/` beside the profile, when it exists.
fn beside_profile(profile: &Path) -> Option<PathBuf> {
    let dir = profile.parent()?.join("templates");
    dir.is_dir().then_some(dir)
}

/// Required requirements that no rendered document meets.
pub fn uncovered(guideline: &Guideline, resolution: &Resolution, rendered: &[RenderedDocument]) -> Vec<String> {
    guideline
        .requirements
        .iter()
        .zip(&resolution.requirements)
        .filter(|(_, s)| s.status == Status::Required)
        .filter(|(r, _)| render::places_meeting(&r.id, rendered).is_empty())
        .map(|(r, _)| r.id.clone())
        .collect()
}

/// SHA-256 over several texts (used for the template fingerprint).
pub fn fingerprint<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
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
            }],
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
