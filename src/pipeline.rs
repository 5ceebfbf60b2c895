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
    /// Required requirements no document meets.
    pub uncovered: Vec<String>,
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
    /// The build was interrupted before it wrote anything.
    #[error("interrupted: nothing was written for this facility; its previous output is unchanged")]
    Interrupted,
    /// The yearly checklist could not be answered.
    #[error(transparent)]
    Checklist(#[from] crate::checklist::ChecklistError),
    /// `--strict` and some requirements are not met by any document.
    #[error("{} required requirement(s) are met by no document: {}", .0.len(), .0.join(", "))]
    Uncovered(Vec<String>),
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

    /// Builds one facility's rulebook.
    pub fn build(&self, source: &ProfileSource, config: &BuildConfig) -> Result<BuildOutcome, BuildError> {
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let (guideline, profile) = self.load(source, config.guideline.as_deref())?;
        let resolution = resolve::resolve(&guideline, &profile);
        let view = render::DocumentView::new(&guideline, &profile, &resolution);
        let overrides = config.templates.clone().or_else(|| beside_profile(&source.path));
        let renderer = Renderer::new(overrides.as_deref())?;
        let rendered = renderer.render_set(&guideline, &view, &resolution)?;
        let uncovered = uncovered(&guideline, &resolution, &rendered);
        if config.strict && !uncovered.is_empty() {
            return Err(BuildError::Uncovered(uncovered));
        }
        let folder = config.output.join(&profile.id);
        let previous = write::read_manifest(&folder);
        let inputs = self.inputs_fingerprint(&guideline, &profile, &renderer, config);
        let outcome = |documents, changed| BuildOutcome {
            facility: profile.id.clone(),
            name: profile.data.facility.name.clone(),
            folder: folder.clone(),
            pattern: resolution.pattern.id.clone(),
            documents,
            changed,
            uncovered: uncovered.clone(),
        };
        if let Some(previous) = previous.as_ref().filter(|m| up_to_date(m, &inputs, &folder)) {
            return Ok(outcome(previous.documents.len(), Vec::new()));
        }
        let facts = BuildFacts {
            previous: previous.as_ref(),
            guideline: &guideline.version,
            edition: &guideline.edition,
            profile_sha256: &profile.hash,
            templates_sha256: renderer.fingerprint(),
            date: config.date.unwrap_or(profile.data.document.effective_date),
            established: profile.data.document.established.unwrap_or(profile.data.document.effective_date),
        };
        let outputs: Vec<(DocumentEntry, Vec<OutputFile>)> = rendered
            .par_iter()
            .map(|document| output_document(&profile, &guideline, &view, document, &facts, &folder, config.formats))
            .collect::<Result<_, _>>()?;
        let changed = changed_documents(facts.previous, &outputs);
        let checklist = checklist_files(self, &profile, &guideline, &resolution, &rendered, facts.date, config)?;
        let mut files = with_manifest(
            outputs,
            Manifest {
                kitei: env!("CARGO_PKG_VERSION").to_owned(),
                guideline: guideline.version.clone(),
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
        write::write_folder(&folder, &files)?;
        Ok(outcome(rendered.len(), changed))
    }

    /// SHA-256 over everything a build depends on.
    fn inputs_fingerprint(
        &self,
        guideline: &Guideline,
        profile: &Profile,
        renderer: &Renderer,
        config: &BuildConfig,
    ) -> String {
        let content = self.content_sha256.get_or_init(|| self.content.fingerprint());
        let formats = format!("{:?}", config.formats);
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
    Ok(made.files.into_iter().map(|f| OutputFile { path: format!("checklist/{}", f.path), bytes: f.bytes }).collect())
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
    let content_sha256 =
        sha256_hex(format!("{}\n{}\n{}", document.spec.title, view.facility.name, document.body).as_bytes());
    let md_path = format!("{id}.md");
    let pdf_path = format!("{id}.pdf");
    let previous_md = facts.previous.and_then(|_| write::read_previous(folder, &md_path));
    let previous_body = previous_md.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
    let places = revise::changed_sections(&previous_body, &document.body);
    let versioned = revise::version_of(facts, id, &content_sha256, &places);
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
        for kept in [&md_path, &pdf_path] {
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
