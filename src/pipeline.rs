//! The build pipeline for one facility: load → resolve → render → emit → write.
//!
//! Each stage is its own module with a small typed interface; this module only connects them.
//! [`Session::render`] loads, resolves and renders a facility (with its template overrides, local
//! edits and the yearly checklist's entries in the 課題一覧) into a [`Rendered`], writing nothing;
//! every command that needs a facility's documents starts there. `build` first skips a folder that
//! is up to date (its manifest records the same inputs; nothing is rendered, so a no-change rebuild
//! of a batch costs little more than loading the profiles), then renders, applies the
//! `--strict` checks and hands the rest to [`emit`] (versions,
//! header and 改訂履歴, PDF reuse, typesetting, manifest) before writing. [`Session`] holds what a
//! batch shares: the content and each guideline version, loaded and checked once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use thiserror::Error;

use crate::digest::{fingerprint, sha256_hex};
use crate::emit::{self, typeset::TypesetError};
use crate::i18n::{text, Msg};
use crate::load::{self, Content, LoadError, Profile, SharedContent};
use crate::model::Guideline;
use crate::render::{self, RenderError, RenderedDocument, Renderer};
use crate::resolve::{self, Resolution, Status};
use crate::write::{self, Manifest, WriteError};

pub(crate) mod approve;
pub(crate) mod local;
pub(crate) mod vendor_answers;
pub(crate) mod version;

pub(crate) use crate::emit::Formats;
pub(crate) use crate::render::Rendered;

/// The guideline version used when neither the profile nor the command line names one.
pub(crate) const DEFAULT_GUIDELINE: &str = "6.0";

/// Checked settings of a build.
#[derive(Debug, Clone)]
pub(crate) struct BuildConfig {
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
pub(crate) struct ProfileSource {
    /// Its path (shown in messages; used for `templates/` and `extends`).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

impl ProfileSource {
    /// Reads a profile file.
    pub(crate) fn read(path: &Path) -> Result<Self, LoadError> {
        Ok(Self { path: path.to_owned(), text: load::read_text(path)? })
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub(crate) struct BuildOutcome {
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
    /// Documents printed as a newly approved 版.
    pub changed: Vec<String>,
    /// Each newly approved 版, with its 改訂履歴 row.
    pub revised: Vec<crate::emit::NewVersion>,
    /// Documents printed as 案 (their text is not approved).
    pub drafts: Vec<String>,
    /// Required requirements no document meets.
    pub uncovered: Vec<String>,
    /// Keys of the matters the profile leaves undecided (listed in the 課題一覧).
    pub open_items: Vec<String>,
    /// How many rows of the 課題一覧 are the yearly checklist's dated entries (いいえ and 2FA
    /// renewals) rather than undecided matters.
    pub dated_items: usize,
    /// What the build did that a person should know (overrides used, formats kept).
    pub notes: Vec<String>,
    /// What looks wrong but did not stop the build.
    pub warnings: Vec<String>,
    /// Local edits not accepted against the current built-in text (see [`crate::render::local`]).
    pub local_warnings: Vec<String>,
    /// Whether the folder was up to date and nothing was written.
    pub unchanged: bool,
}

/// Why a build failed.
#[derive(Debug, Error)]
pub(crate) enum BuildError {
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
    Docx(#[from] crate::emit::docx::DocxError),
    /// The build was interrupted before it wrote anything.
    #[error("{}", text(Msg::FacilityInterrupted))]
    Interrupted,
    /// A local edits file could not be read.
    #[error(transparent)]
    Local(#[from] crate::render::local::LocalError),
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
    /// `--strict` and example values of `kitei init` are still in the profile (`file:line 値`).
    #[error("{}", listed(.0, |count, ids| Msg::StrictExamples { count, ids }))]
    ExamplesLeft(Vec<String>),
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
    /// The profile's guideline version is older than the last build's (the message names the
    /// profile's line and the line to write).
    #[error("{0}")]
    GuidelineBehind(String),
    /// The approvals file could not be read or is invalid.
    #[error(transparent)]
    Approvals(#[from] crate::approvals::ApprovalsError),
}

impl From<crate::emit::EmitError> for BuildError {
    fn from(error: crate::emit::EmitError) -> Self {
        use crate::emit::EmitError;
        match error {
            EmitError::Typeset(e) => Self::Typeset(e),
            EmitError::Docx(e) => Self::Docx(e),
            EmitError::Checklist(e) => Self::Checklist(e),
            EmitError::Backwards(message) => Self::Backwards(message),
        }
    }
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
pub(crate) struct Session {
    content: Content,
    content_sha256: std::sync::OnceLock<String>,
    guidelines: Mutex<HashMap<String, Arc<Guideline>>>,
    shared: Mutex<Option<Arc<SharedContent>>>,
}

impl Session {
    /// A session over the embedded content.
    pub(crate) fn new(content: Content) -> Self {
        Self {
            content,
            content_sha256: std::sync::OnceLock::new(),
            guidelines: Mutex::default(),
            shared: Mutex::default(),
        }
    }

    /// The content.
    pub(crate) fn content(&self) -> &Content {
        &self.content
    }

    /// A guideline version, loaded once.
    pub(crate) fn guideline(&self, version: &str) -> Result<Arc<Guideline>, LoadError> {
        if let Some(found) = self.guidelines.lock().unwrap_or_else(|e| e.into_inner()).get(version) {
            return Ok(found.clone());
        }
        let loaded = Arc::new(load::load_guideline(&self.content, version)?);
        self.guidelines.lock().unwrap_or_else(|e| e.into_inner()).insert(version.to_owned(), loaded.clone());
        Ok(loaded)
    }

    /// The content files every facility shares besides the guideline, loaded once.
    pub(crate) fn shared(&self) -> Result<Arc<SharedContent>, LoadError> {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = shared.as_ref() {
            return Ok(found.clone());
        }
        let loaded = Arc::new(SharedContent::load(&self.content)?);
        *shared = Some(loaded.clone());
        Ok(loaded)
    }

    /// Loads and checks a profile, choosing the guideline version (flag, then profile, then default).
    /// Once the approvals beside it record a first 版, a `document.established` that is not that
    /// 版's date is refused at its line (the 制定日 is one fact; an approvals file that cannot be
    /// read is reported by whatever reads it for the 版).
    pub(crate) fn load(
        &self,
        source: &ProfileSource,
        version: Option<&str>,
    ) -> Result<(Arc<Guideline>, Profile), LoadError> {
        let approvals = crate::approvals::Approvals::beside(&source.path).unwrap_or_default();
        let file = crate::approvals::path_beside(&source.path).display().to_string();
        let first = first_approval(&approvals).map(|date| load::FirstApproval::Recorded { date, file: &file });
        let merged = load::extends::follow(&source.path, &source.text)?;
        let loaded = self.load_merged(&source.path, &merged.text, version, first);
        loaded.map_err(|e| merged.remap(e))
    }

    fn load_merged(
        &self,
        path: &Path,
        text: &str,
        version: Option<&str>,
        first: Option<load::FirstApproval<'_>>,
    ) -> Result<(Arc<Guideline>, Profile), LoadError> {
        let data = load::parse_profile(path, text)?;
        let version = version.or(data.guideline.as_deref()).unwrap_or(DEFAULT_GUIDELINE).to_owned();
        let guideline = self.guideline(&version)?;
        let profile = load::check_profile(path, text, data, &guideline)?;
        if let Some(first) = first {
            load::check_established(path, text, &profile.data, first)?;
        }
        Ok((guideline, profile))
    }

    /// Loads, resolves and renders a facility's documents with its template overrides and local
    /// edits, and answers the yearly checklist into the 課題一覧, writing nothing. What `build`
    /// emits, `kitei local` compares and `guideline diff --profile` cites.
    pub(crate) fn render(&self, source: &ProfileSource, options: &RenderOptions<'_>) -> Result<Rendered, BuildError> {
        let loaded = self.load(source, options.guideline)?;
        self.render_loaded(source, loaded, options)
    }

    /// [`Session::render`] for a profile already loaded with [`Session::load`].
    pub(crate) fn render_loaded(
        &self,
        source: &ProfileSource,
        loaded: (Arc<Guideline>, Profile),
        options: &RenderOptions<'_>,
    ) -> Result<Rendered, BuildError> {
        self.render_with(source, loaded, options, renderer_for(source, options.templates)?)
    }

    /// [`Session::render_loaded`] with the facility's renderer made already ([`renderer_for`]).
    fn render_with(
        &self,
        source: &ProfileSource,
        (guideline, profile): (Arc<Guideline>, Profile),
        options: &RenderOptions<'_>,
        renderer: Renderer,
    ) -> Result<Rendered, BuildError> {
        // The facility's wording: what resolve, the views and emit write is in it.
        let wording = renderer.wording();
        let shared = self.shared()?;
        let records = crate::records::load_beside(&profile)?;
        let date = date_of(options, &profile);
        let mut resolution = resolve::resolve(&guideline, &profile, wording, &shared);
        // A restore test on record closes the matter 「リストアを確認していない」.
        resolution.open_items.retain(|item| !records_close(&records, &item.key, date));
        let undecided = resolution.open_items.iter().map(|i| i.key.clone()).collect();
        // The 制定日 templates may print is the first approved 版's date, from the approvals only.
        let approvals = crate::approvals::Approvals::beside(&source.path)?;
        let established = first_approval(&approvals).map(crate::wareki::format).unwrap_or_default();
        let view_of = |resolution: &Resolution| {
            let mut view = render::DocumentView::new(&guideline, &profile, resolution, wording, &shared);
            view.mark_support_ended(&profile, date, wording);
            view.document.established.clone_from(&established);
            view
        };
        let mut view = view_of(&resolution);
        let mut documents = renderer.render_primary(&guideline, &view)?;
        // The derived phase: the checklist is answered from the rendered documents, its いいえ join
        // the 課題一覧, and the 課題一覧 and the traceability matrix are rendered once, last.
        let checklist = self.checklist_open_items(&crate::checklist::answer::Inputs {
            profile: &profile,
            guideline: &guideline,
            resolution: &resolution,
            rendered: &documents,
            date,
            shared: &shared,
            records: &records,
            edition: crate::checklist::DEFAULT_EDITION,
            wording,
        })?;
        if crate::checklist::merge_open_items(&checklist, &guideline, &mut resolution.open_items) {
            view = view_of(&resolution);
        }
        renderer.render_derived(&guideline, &view, &resolution, &mut documents)?;
        let uncovered = uncovered(&guideline, &resolution, &documents);
        let open_items = resolution.open_items.iter().map(|i| i.key.clone()).collect();
        let local_warnings = crate::render::local::warnings(&documents, &source.path);
        let mut warnings = [example_warnings(source), renderer.warnings().to_vec()].concat();
        warnings.extend(documents.iter().flat_map(|d| d.warnings.iter().cloned()));
        Ok(Rendered {
            guideline,
            profile,
            resolution,
            view,
            documents,
            notes: renderer.notes().to_vec(),
            warnings,
            templates_sha256: renderer.fingerprint().to_owned(),
            wording,
            shared,
            records,
            date,
            open_items,
            undecided,
            uncovered,
            local_warnings,
            examples: load::placeholders::find(&source.text)
                .into_iter()
                .map(|(line, value)| format!("{}:{line} {value}", source.path.display()))
                .collect(),
        })
    }

    /// The 課題一覧 entries of the yearly checklist edition `inputs.edition`, answered.
    fn checklist_open_items(
        &self,
        inputs: &crate::checklist::answer::Inputs<'_>,
    ) -> Result<Vec<crate::checklist::OpenItem>, BuildError> {
        use crate::checklist::{self, answer};
        let edition = checklist::load_edition(&self.content, inputs.edition, inputs.wording)?;
        edition.check_requirements(inputs.guideline)?;
        Ok(checklist::open_items(&answer::fill(&edition, inputs)))
    }

    /// Builds one facility's rulebook.
    pub(crate) fn build(&self, source: &ProfileSource, config: &BuildConfig) -> Result<BuildOutcome, BuildError> {
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let loaded = self.load(source, config.guideline.as_deref())?;
        self.build_loaded(source, loaded, config)
    }

    /// Builds one facility's rulebook from a profile already loaded with [`Session::load`]:
    /// render, the `--strict` checks, the up-to-date check, emit, write.
    pub(crate) fn build_loaded(
        &self,
        source: &ProfileSource,
        loaded: (Arc<Guideline>, Profile),
        config: &BuildConfig,
    ) -> Result<BuildOutcome, BuildError> {
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let options = RenderOptions { guideline: None, templates: config.templates.as_deref(), date: config.date };
        let renderer = renderer_for(source, options.templates)?;
        let (guideline, profile) = &loaded;
        let folder = config.output.join(&profile.id);
        let _lock = write::FolderLock::acquire(&folder)?;
        let previous = write::read_manifest(&folder);
        if !config.allow_backdate && config.guideline.is_none() {
            version::refuse_behind(source, previous.as_ref(), &guideline.version)?;
        }
        refuse_hand_edits(&folder, previous.as_ref())?;
        let approvals = crate::approvals::Approvals::beside(&source.path)?;
        let mut notes = renderer.notes().to_vec();
        let formats = formats_to_keep(config.formats, previous.as_ref(), &folder, &mut notes);
        let records = crate::records::load_beside(profile)?;
        let inputs = self.inputs_fingerprint(&Inputs {
            guideline: &guideline.version,
            profile: &profile.hash,
            templates: renderer.fingerprint(),
            formats,
            records: records.sha256.as_deref(),
            date: date_of(&options, profile),
            approvals: &approvals,
        });
        // Up to date: the folder holds what these inputs give, so nothing is rendered (a no-change
        // rebuild of a batch costs loading the profiles). `--strict` renders to check again.
        if let Some(previous) = previous.as_ref().filter(|m| !config.strict && up_to_date(m, &inputs, &folder)) {
            if let Some(outcome) = unchanged(source, profile, &renderer, previous, &folder, notes.clone()) {
                return Ok(outcome);
            }
        }
        let rendered = self.render_with(source, loaded, &options, renderer)?;
        strict_checks(&rendered, config.strict)?;
        let outcome = |documents, changed, revised, drafts, warnings| BuildOutcome {
            facility: rendered.profile.id.clone(),
            name: rendered.profile.data.facility.name.clone(),
            folder: folder.clone(),
            pattern: rendered.resolution.pattern.id.clone(),
            documents,
            changed,
            revised,
            drafts,
            uncovered: rendered.uncovered.clone(),
            open_items: rendered.undecided.clone(),
            dated_items: rendered.open_items.len().saturating_sub(rendered.undecided.len()),
            notes: notes.clone(),
            warnings,
            local_warnings: rendered.local_warnings.clone(),
            unchanged: false,
        };
        if let Some(previous) = previous.as_ref().filter(|m| up_to_date(m, &inputs, &folder)) {
            let outcome = outcome(
                previous.documents.len(),
                Vec::new(),
                Vec::new(),
                drafts_of(previous),
                rendered.warnings.clone(),
            );
            return Ok(BuildOutcome { unchanged: true, ..outcome });
        }
        let settings = emit::EmitSettings {
            previous: previous.as_ref(),
            folder: &folder,
            formats,
            date: rendered.date,
            allow_backdate: config.allow_backdate,
            inputs_sha256: &inputs,
            approvals: &approvals,
        };
        let emitted = emit::emit(&self.content, &rendered, &settings)?;
        if config.cancelled() {
            return Err(BuildError::Interrupted);
        }
        let edited = write::edited_files(&folder, previous.as_ref(), &emitted.files);
        if !edited.is_empty() {
            return Err(BuildError::HandEdited { folder: folder.clone(), files: edited });
        }
        write::write_folder(&folder, &emitted.files, previous.as_ref())?;
        let warnings = rendered.warnings.clone();
        Ok(outcome(rendered.documents.len(), emitted.changed, emitted.revised, emitted.drafts, warnings))
    }

    /// SHA-256 over everything a build depends on, known before rendering: what is rendered (and
    /// the checklist's answers in the 課題一覧) follows from these, so a folder built from the
    /// same inputs is up to date without rendering anything.
    fn inputs_fingerprint(&self, inputs: &Inputs<'_>) -> String {
        let content = self.content_sha256.get_or_init(|| self.content.fingerprint());
        let formats = format!("{:?}", inputs.formats);
        let mut parts = vec![
            env!("CARGO_PKG_VERSION"),
            content.as_str(),
            inputs.guideline,
            inputs.profile,
            inputs.templates,
            formats.as_str(),
            // The manifest's shape: a folder written before it carried the facts a no-change
            // rebuild reports (uncovered requirements, warnings) is rebuilt once.
            "manifest-facts-2",
            // The files beside the documents: a folder written before the 根拠資料 (`sources.md`)
            // was one of them is rebuilt once.
            "working-paper-1",
        ];
        parts.extend(inputs.records);
        // The date is the registers' 基準日 and the checklist's 確認日; the approvals decide every 版.
        let date = inputs.date.to_string();
        let approved: String = inputs.approvals.events.iter().map(crate::approvals::event_yaml).collect();
        parts.extend([date.as_str(), approved.as_str()]);
        fingerprint(parts)
    }
}

/// What a build's output depends on (see [`Session::inputs_fingerprint`]); the content and kitei's
/// version join them there.
struct Inputs<'a> {
    /// The guideline version.
    guideline: &'a str,
    /// SHA-256 of the profile (with what it extends).
    profile: &'a str,
    /// The templates' fingerprint, with overrides and local edits.
    templates: &'a str,
    /// The formats written.
    formats: Formats,
    /// SHA-256 of the records file, when there is one.
    records: Option<&'a str>,
    /// The build's date.
    date: NaiveDate,
    /// The approvals recorded beside the profile.
    approvals: &'a crate::approvals::Approvals,
}

/// The renderer of a facility: the built-in templates with its overrides (`templates` or
/// `templates/` beside the profile) and its local edits.
fn renderer_for(source: &ProfileSource, templates: Option<&Path>) -> Result<Renderer, BuildError> {
    let overrides = templates.map(Path::to_owned).or_else(|| beside_profile(&source.path));
    Ok(Renderer::new(overrides.as_deref())?.with_local(local_edits(&source.path)?))
}

/// The outcome of a build whose folder is up to date, from what its manifest recorded; none
/// when the manifest holds no facts (then the facility is rendered to say what it is).
fn unchanged(
    source: &ProfileSource,
    profile: &Profile,
    renderer: &Renderer,
    previous: &Manifest,
    folder: &Path,
    notes: Vec<String>,
) -> Option<BuildOutcome> {
    let facts = previous.facts.as_ref()?;
    let mut warnings = [example_warnings(source), renderer.warnings().to_vec()].concat();
    warnings.extend(facts.warnings.iter().cloned());
    Some(BuildOutcome {
        facility: profile.id.clone(),
        name: profile.data.facility.name.clone(),
        folder: folder.to_owned(),
        pattern: facts.pattern.clone(),
        documents: previous.documents.len(),
        changed: Vec::new(),
        revised: Vec::new(),
        drafts: drafts_of(previous),
        uncovered: facts.uncovered.clone(),
        open_items: facts.open_items.iter().map(|i| i.key.clone()).collect(),
        dated_items: facts.dated_items.len(),
        notes,
        warnings,
        local_warnings: facts.local_review.clone(),
        unchanged: true,
    })
}

/// The documents a manifest records as 案.
fn drafts_of(manifest: &Manifest) -> Vec<String> {
    manifest.documents.iter().filter(|d| d.state == write::DocumentState::Draft).map(|d| d.id.clone()).collect()
}

/// How to render a facility.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RenderOptions<'a> {
    /// Guideline version (default: the profile's, else [`DEFAULT_GUIDELINE`]); ignored by
    /// [`Session::render_loaded`], whose profile is loaded already.
    pub guideline: Option<&'a str>,
    /// Template override folder (default: `templates/` beside the profile, if present).
    pub templates: Option<&'a Path>,
    /// The date of the revision and of the checklist's answers (default: the profile's effective date).
    pub date: Option<NaiveDate>,
}

/// Fails a `--strict` build on an uncovered requirement, an open item or an unaccepted local edit.
fn strict_checks(rendered: &Rendered, strict: bool) -> Result<(), BuildError> {
    if !strict {
        return Ok(());
    }
    if !rendered.uncovered.is_empty() {
        return Err(BuildError::Uncovered(rendered.uncovered.clone()));
    }
    if !rendered.examples.is_empty() {
        return Err(BuildError::ExamplesLeft(rendered.examples.clone()));
    }
    if !rendered.undecided.is_empty() {
        return Err(BuildError::OpenItems(rendered.undecided.clone()));
    }
    if !rendered.local_warnings.is_empty() {
        return Err(BuildError::LocalUnaccepted(rendered.local_warnings.clone()));
    }
    Ok(())
}

/// The date of the revision and the checklist's answers.
fn date_of(options: &RenderOptions<'_>, profile: &Profile) -> NaiveDate {
    options.date.unwrap_or(profile.data.document.effective_date)
}

/// Refuses to record the first 版 on `date` when the profile states another 制定日, at its line.
pub(crate) fn check_first_approval(source: &ProfileSource, date: NaiveDate) -> Result<(), LoadError> {
    let merged = load::extends::follow(&source.path, &source.text)?;
    let data = load::parse_profile(&source.path, &merged.text).map_err(|e| merged.remap(e))?;
    let first = load::FirstApproval::Proposed(date);
    load::check_established(&source.path, &merged.text, &data, first).map_err(|e| merged.remap(e))
}

/// The date of the first approved 版 (the 制定日), when the approvals record one.
pub(crate) fn first_approval(approvals: &crate::approvals::Approvals) -> Option<NaiveDate> {
    approvals.events.first().map(|e| e.approved_on)
}

/// Whether the records settle an open item of the profile: a restore test on record (on or
/// before `date`) for a system whose backup has no `last_restore_test`.
fn records_close(records: &crate::records::Records, key: &str, date: NaiveDate) -> bool {
    let Some(system) = key.strip_prefix("systems.").and_then(|k| k.strip_suffix(".backup.last_restore_test")) else {
        return false;
    };
    records
        .of_kind(crate::records::RecordKind::RestoreTest, date)
        .iter()
        .any(|r| r.result == crate::records::Outcome::Pass && r.covers(system))
}

/// A warning for each `例）` example of `kitei init` still in the profile.
pub(crate) fn example_warnings(source: &ProfileSource) -> Vec<String> {
    load::placeholders::find(&source.text)
        .into_iter()
        .map(|(line, value)| {
            let place = format!("{}:{line}", source.path.display());
            text(Msg::ExampleLeft { place: &place, value: &value })
        })
        .collect()
}

/// Refuses files of the previous build that were edited since (their hash differs from the
/// manifest), before anything is rendered again. Here only Markdown and typst sources are compared
/// (hashing every PDF would cost a no-change rebuild of a large batch most of its time, and an
/// up-to-date build writes nothing); a build that will write compares every format with
/// [`write::edited_files`] before the swap.
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

/// Whether the folder holds what a build with these inputs would write: same inputs, and every
/// file the manifest lists still there.
fn up_to_date(manifest: &Manifest, inputs: &str, folder: &Path) -> bool {
    !manifest.inputs_sha256.is_empty()
        && manifest.lifecycle == write::LIFECYCLE
        && manifest.inputs_sha256 == inputs
        && manifest.documents.iter().flat_map(|d| &d.files).all(|f| folder.join(&f.path).is_file())
}

/// The local edits in `local/` beside the profile (none when there is no such folder).
pub(crate) fn local_edits(profile: &Path) -> Result<crate::render::local::LocalSet, crate::render::local::LocalError> {
    let ids: Vec<&str> = render::DOCUMENTS.iter().map(|d| d.id).collect();
    crate::render::local::LocalSet::beside(profile, &ids)
}

/// `templates/` beside the profile, when it exists.
fn beside_profile(profile: &Path) -> Option<PathBuf> {
    let dir = profile.parent()?.join("templates");
    dir.is_dir().then_some(dir)
}

/// Required requirements that no rendered document meets.
pub(crate) fn uncovered(guideline: &Guideline, resolution: &Resolution, rendered: &[RenderedDocument]) -> Vec<String> {
    resolution
        .paired(guideline)
        .filter(|(_, s)| s.status == Status::Required)
        .filter(|(r, _)| render::places_meeting(&r.id, rendered).is_empty())
        .map(|(r, _)| r.id.clone())
        .collect()
}
