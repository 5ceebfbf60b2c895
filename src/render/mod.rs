//! Stage 3, render: in, a resolution and its view; out, the document set as Markdown (`Rendered`).
//!
//! Each document is a tera template (embedded from `templates/`, overridable file by file from a
//! facility's own folder) fed a [`DocumentView`]. Every `{{ }}` output is Markdown-escaped, so
//! profile text stays text. After tera, [`structure`] numbers the articles, resolves
//! cross-references and collects which requirements each place meets.

pub(crate) mod document;
pub mod documents;
mod duty_views;
mod escape;
pub mod local;
mod network_view;
mod overrides;
mod rendered;
pub mod structure;
mod tera_errors;
pub mod views;

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use rayon::prelude::*;

use crate::bounded::{self, Abandoned};
use crate::i18n::{command_text, CommandMsg};
use serde::Serialize;
use tera::Tera;
use thiserror::Error;

pub use documents::{DocumentSpec, DOCUMENTS};
pub use duty_views::{responsibility_view, DutyView, SystemDutiesView};
pub use escape::escape_markdown;
pub(crate) use escape::unescape_markdown;
pub use rendered::Rendered;
pub use structure::Coverage;
pub use views::{management_approver, DocumentView};

use crate::model::Guideline;
use crate::resolve::{Resolution, Status};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The folder of `templates/` that holds the pages of `kitei serve`, embedded by it.
const SERVE_PAGES: &str = "serve";

/// Why rendering failed.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template could not be parsed or rendered.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::TemplateFailed { template, message }))]
    Template {
        /// Template name.
        template: String,
        /// The error chain.
        message: String,
    },
    /// A template override folder could not be read.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::CannotRead { path: &.path.display().to_string(), cause: &crate::i18n::io_reason(.source) }))]
    Override {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A template or `wording.yaml` of the facility was refused or could not be read.
    #[error(transparent)]
    Read(#[from] crate::load::read::ReadError),
    /// An article marker is wrong.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::TemplateFailed { template, message: &.source.to_string() }))]
    Structure {
        /// Template name.
        template: String,
        /// The cause.
        source: structure::StructureError,
    },
    /// A local edit could not be applied (see [`crate::render::local`]).
    #[error(transparent)]
    Local(#[from] crate::render::local::LocalError),
    /// A facility's `wording.yaml` names an unknown key or changes a text's parameters, or a
    /// template override or `wording.yaml` holds an invisible character (at its line and column).
    #[error(transparent)]
    Wording(#[from] crate::diagnostic::SourceDiagnostic),
    /// A template claims to meet a requirement the guideline does not have.
    #[error("{}", command_text(CommandMsg::MeetsUnknown { template, id, version }))]
    UnknownRequirement {
        /// Template name.
        template: String,
        /// The id.
        id: String,
        /// Guideline version.
        version: String,
    },
}

/// One rendered document, before version information is added.
#[derive(Debug, Clone)]
pub struct RenderedDocument {
    /// Which document.
    pub spec: DocumentSpec,
    /// Markdown body (everything but the title block and the revision history).
    pub body: String,
    /// The requirements it meets, and where.
    pub coverage: Vec<Coverage>,
    /// Things the facility should fix in its templates (a `[[meets:…]]` naming a renumbered id).
    pub warnings: Vec<String>,
    /// What each local edit of the document found (empty without local edits).
    pub local: Vec<crate::render::local::Report>,
    /// Its built-in articles, as a local edit would write them (empty for a document without
    /// articles): what `kitei serve` offers to edit.
    pub articles: Vec<crate::render::local::Article>,
}

/// The tera environment: embedded templates plus a facility's overrides.
pub struct Renderer {
    tera: std::sync::Arc<Tera>,
    fingerprint: String,
    /// Names of the templates the facility overrides (written against older ids, perhaps).
    overridden: Vec<String>,
    notes: Vec<String>,
    warnings: Vec<String>,
    local: Option<std::sync::Arc<crate::render::local::LocalSet>>,
    /// The facility's wording (kitei's, with the facility's replacements): templates read it as
    /// `wording`, code receives it as a value, the `join_ja` filter captures it.
    wording: &'static crate::wording::Wording,
}

impl Renderer {
    /// The embedded templates, then the files in `overrides` (same name replaces). The embedded
    /// set is parsed once per process and shared; only overrides are parsed per facility.
    pub fn new(overrides: Option<&Path>) -> Result<Self, RenderError> {
        let base = embedded()?;
        let Some(dir) = overrides else {
            return Ok(Self {
                tera: base.tera.clone(),
                fingerprint: base.fingerprint.clone(),
                overridden: Vec::new(),
                notes: Vec::new(),
                warnings: Vec::new(),
                local: None,
                wording: crate::wording::embedded(),
            });
        };
        let found = overrides::read(dir)?;
        let mut renderer = Self::with_overrides(found.templates.clone())?;
        renderer.warnings.extend(overrides::drifted(&found, &base.sources));
        renderer.notes = found.notes.clone();
        renderer.notes.extend(overrides::without_base(&found, &base.sources));
        if let Some((path, text)) = &found.wording {
            renderer.wording = crate::wording::intern(crate::wording::embedded().with_overrides(path, text)?);
            // The filter runs on the render threads: it is built with this wording, not looked up.
            let mut tera = (*renderer.tera).clone();
            tera.register_filter("join_ja", join_ja(renderer.wording));
            renderer.tera = std::sync::Arc::new(tera);
            renderer.fingerprint = crate::digest::fingerprint([renderer.fingerprint.as_str(), text.as_str()]);
            renderer.notes.push(command_text(CommandMsg::WordingFrom(&path.display().to_string())));
        }
        if !found.templates.is_empty() {
            let names: Vec<&str> = found.templates.iter().map(|(n, _)| n.as_str()).collect();
            let (dir, names) = (dir.display().to_string(), names.join(", "));
            renderer.notes.push(command_text(CommandMsg::OverridesFrom { dir: &dir, names: &names }));
        }
        Ok(renderer)
    }

    /// The embedded templates with `templates` (name, text) added or replacing them, checked
    /// and sandboxed as overrides from a folder are.
    pub fn with_overrides(templates: Vec<(String, String)>) -> Result<Self, RenderError> {
        let base = embedded()?;
        for (name, text) in &templates {
            overrides::refuse_deep_nesting(name, text)?;
            refuse_unbounded_recursion(name, text)?;
        }
        let tera = parse_overrides(&base.tera, &templates)?;
        let embedded_names: Vec<&str> =
            base.sources.keys().map(String::as_str).filter(|n| n.ends_with(".md")).collect();
        let warnings = overrides::unmatched(&templates, &embedded_names, &tera);
        let overridden = templates.iter().map(|(name, _)| name.clone()).collect();
        let mut sources = base.sources.clone();
        sources.extend(templates);
        let fingerprint = crate::digest::fingerprint(sources.iter().flat_map(|(n, t)| [n.as_str(), t.as_str()]));
        Ok(Self {
            tera: std::sync::Arc::new(tera),
            fingerprint,
            overridden,
            notes: Vec::new(),
            warnings,
            local: None,
            wording: crate::wording::embedded(),
        })
    }

    /// What a person should know about the overrides (which were used, which files were ignored).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Overrides that look wrong: one that replaces no document, or one exported from a built-in
    /// template that has changed since.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Applies a facility's local edits to each document after tera, before its articles are
    /// numbered (see [`crate::render::local`]). The edits join the fingerprint: changing one rebuilds.
    pub fn with_local(mut self, local: crate::render::local::LocalSet) -> Self {
        if local.is_empty() {
            return self;
        }
        let mut parts = vec![self.fingerprint.clone()];
        parts.extend(local.fingerprint_parts());
        self.fingerprint = crate::digest::fingerprint(parts.iter().map(String::as_str));
        self.local = Some(std::sync::Arc::new(local));
        self
    }

    /// The facility's wording: what resolve, render and emit write their texts in.
    pub fn wording(&self) -> &'static crate::wording::Wording {
        self.wording
    }

    /// SHA-256 over every template in use, so a build can tell that a template changed.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Renders every document but the derived ones (see [`DERIVED`]), in filing order.
    pub fn render_primary(
        &self,
        guideline: &Guideline,
        view: &DocumentView,
    ) -> Result<Vec<RenderedDocument>, RenderError> {
        let context = std::sync::Arc::new(self.context(view)?);
        DOCUMENTS
            .par_iter()
            .filter(|d| !DERIVED.contains(&d.id))
            .map(|spec| self.render_one(guideline, spec, &context))
            .collect()
    }

    /// Renders the derived documents once the others are final: the 課題一覧 from `view` (whose
    /// open items include the yearly checklist's, answered from the other documents), then the
    /// traceability matrix from where every document meets each requirement. Each goes to its
    /// place in filing order.
    pub fn render_derived(
        &self,
        guideline: &Guideline,
        view: &DocumentView,
        resolution: &Resolution,
        set: &mut Vec<RenderedDocument>,
    ) -> Result<(), RenderError> {
        let mut context = self.context(view)?;
        for id in DERIVED {
            let Some(spec) = DOCUMENTS.iter().find(|d| d.id == id) else { continue };
            if id == documents::TRACEABILITY {
                context.insert("trace", &trace_rows(guideline, resolution, set, self.wording));
                context.insert("cited_documents", &cited_documents(set));
            }
            let rendered = self.render_one(guideline, spec, &std::sync::Arc::new(context.clone()))?;
            let at = set.iter().take_while(|d| filing_index(d.spec.id) < filing_index(id)).count();
            set.insert(at, rendered);
        }
        Ok(())
    }

    /// The tera context of a facility: its view and its wording.
    fn context(&self, view: &DocumentView) -> Result<tera::Context, RenderError> {
        let mut context = tera::Context::from_serialize(view).map_err(|e| template_error("(context)", &e))?;
        context.insert("wording", &self.wording.nested());
        Ok(context)
    }

    fn render_one(
        &self,
        guideline: &Guideline,
        spec: &DocumentSpec,
        context: &std::sync::Arc<tera::Context>,
    ) -> Result<RenderedDocument, RenderError> {
        let raw = self.render_bounded(spec.template, context)?;
        let articles = crate::render::local::articles(&raw);
        let (raw, local) = match self.local.as_ref().and_then(|l| l.document(spec.id)) {
            Some(edits) => {
                let applied = crate::render::local::apply(&raw, edits)?;
                (applied.text, applied.reports)
            }
            None => (raw, Vec::new()),
        };
        let mut structured = structure::resolve(&raw, self.wording)
            .map_err(|source| RenderError::Structure { template: spec.template.to_owned(), source })?;
        let overridden = self.overridden.iter().any(|name| name == spec.template);
        let warnings = current_ids(guideline, spec.template, overridden, &mut structured.coverage, self.wording)?;
        Ok(RenderedDocument {
            spec: *spec,
            body: structured.markdown,
            coverage: structured.coverage,
            warnings,
            local,
            articles,
        })
    }
}

/// The documents built from the others, in the order they are rendered: the 課題一覧 and the
/// traceability matrix.
pub const DERIVED: [&str; 2] = [documents::OPEN_ITEMS, documents::TRACEABILITY];

/// A document's place in the filing order.
fn filing_index(id: &str) -> usize {
    DOCUMENTS.iter().position(|d| d.id == id).unwrap_or(usize::MAX)
}

/// Points every `[[meets:…]]` at a current requirement id: an id renamed by a numbering correction
/// resolves to its new id with a warning (one a later version renumbered, silently); an id that now means
/// a different published item is kept, with a warning when a facility's override names it (kitei's
/// own templates are written against the current ids); an unknown id is an error.
fn current_ids(
    guideline: &Guideline,
    template: &str,
    overridden: bool,
    coverage: &mut [Coverage],
    wording: &crate::wording::Wording,
) -> Result<Vec<String>, RenderError> {
    let mut warnings = Vec::new();
    for place in coverage.iter_mut() {
        let id = place.requirement.clone();
        if guideline.requirement(&id).is_some() {
            if let Some(old_meaning) = guideline.numbering.old_meaning_of(&id).filter(|_| overridden) {
                let name = guideline.requirement(&id).map(|r| r.name(wording)).unwrap_or_default();
                let published = CommandMsg::MeetsPublished { template, id: &id, name: &name, old: old_meaning };
                warnings.push(command_text(published));
            }
            continue;
        }
        let Some(current) = guideline.current_id(&id) else {
            return Err(RenderError::UnknownRequirement {
                template: template.to_owned(),
                id,
                version: guideline.version.clone(),
            });
        };
        // A later version's renumbering (`moved`) is the guideline's own and silent: kitei's
        // templates serve every version. A correction of kitei's numbering is the template's to fix.
        if guideline.numbering.renamed_to(&id).is_some() {
            let name = guideline.requirement(current).map(|r| r.name(wording)).unwrap_or_default();
            let renumbered = CommandMsg::MeetsRenumbered { template, id: &id, current, name: &name };
            warnings.push(command_text(renumbered));
        }
        place.requirement = current.to_owned();
    }
    warnings.dedup();
    Ok(warnings)
}

/// The built-in templates as (file name, text), sorted by name (what `kitei templates export`
/// writes).
pub fn builtin_templates() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> =
        template_files(&TEMPLATES).into_iter().filter_map(|f| Some((f.path().to_str()?, f.contents_utf8()?))).collect();
    files.sort();
    files
}

/// The first line `kitei templates export` writes into a built-in template's file, recording
/// which built-in text the override starts from (see [`Renderer::warnings`] for what it is for).
pub fn export_base_line(builtin_text: &str) -> String {
    overrides::base_line(builtin_text)
}

/// The folder of `templates/` that holds `kitei init`'s starter profile: not a document's
/// template, so neither rendered, exported nor part of the templates' fingerprint.
const STARTER_FOLDER: &str = "starter";

/// Every file under `dir`, its subfolders included: a long template such as the 規程 keeps its
/// chapters in a folder of their own (`operations-regulation/04-general-management.md`).
/// The pages of `kitei serve` (`templates/serve/`) are not document templates and are left out.
fn template_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File<'a>> = dir.files().collect();
    for sub in dir.dirs().filter(|d| d.path() != Path::new(SERVE_PAGES) && d.path() != Path::new(STARTER_FOLDER)) {
        files.extend(template_files(sub));
    }
    files
}

/// The embedded templates, parsed once per process.
struct Embedded {
    tera: std::sync::Arc<Tera>,
    /// (name, text), sorted by name; an override with the same name replaces an entry.
    sources: std::collections::BTreeMap<String, String>,
    fingerprint: String,
}

fn embedded() -> Result<&'static Embedded, RenderError> {
    static EMBEDDED: std::sync::OnceLock<Result<Embedded, String>> = std::sync::OnceLock::new();
    let loaded = EMBEDDED.get_or_init(|| {
        let sources: std::collections::BTreeMap<String, String> = template_files(&TEMPLATES)
            .into_iter()
            .filter_map(|f| Some((f.path().to_str()?.to_owned(), f.contents_utf8()?.to_owned())))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".md"]);
        tera.set_escape_fn(escape_markdown);
        tera.register_filter("join_ja", join_ja(crate::wording::embedded()));
        overrides::seal(&mut tera);
        let templates = sources.iter().filter(|(n, _)| n.ends_with(".md"));
        tera.add_raw_templates(templates.map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
            match template_error("(embedded)", &e) {
                RenderError::Template { message, .. } => message,
                other => other.to_string(),
            }
        })?;
        let fingerprint = crate::digest::fingerprint(sources.iter().flat_map(|(n, t)| [n.as_str(), t.as_str()]));
        Ok(Embedded { tera: std::sync::Arc::new(tera), sources, fingerprint })
    });
    loaded
        .as_ref()
        .map_err(|message| RenderError::Template { template: "(embedded)".to_owned(), message: message.clone() })
}

/// A row of the traceability matrix: a requirement and the places that meet it.
#[derive(Debug, Clone, Serialize)]
pub struct TraceRow {
    /// Requirement id.
    pub id: String,
    /// 「シス14③」, or 「シス8（補足1）」 for kitei's own items.
    pub name: String,
    /// Whether it is kitei's own item (listed apart).
    pub supplement: bool,
    /// The 出典 cell (「本文 p.47」, 「概要」, 「kitei」).
    pub source: String,
    /// Volume title (the table is grouped by volume).
    pub volume: String,
    /// Chapter or section number.
    pub number: String,
    /// ①.
    pub circled: String,
    /// Its label.
    pub label: String,
    /// Its status label.
    pub status: &'static str,
    /// Places that meet it, cited by the document's short name: 「規程 第12条（パスワードの管理）」.
    pub places: Vec<String>,
}

/// A document the traceability matrix cites, with the short name it cites it by.
#[derive(Debug, Clone, Serialize)]
pub struct CitedDocument {
    /// Short name.
    pub short: &'static str,
    /// Full title.
    pub title: &'static str,
}

fn trace_rows(
    guideline: &Guideline,
    resolution: &Resolution,
    rendered: &[RenderedDocument],
    wording: &'static crate::wording::Wording,
) -> Vec<TraceRow> {
    resolution
        .paired(guideline)
        .filter(|(_, s)| s.status != Status::NotApplicable)
        .map(|(r, s)| TraceRow {
            id: r.id.clone(),
            name: r.name(wording),
            supplement: r.supplement,
            source: views::source_cell(guideline, r, wording),
            volume: guideline.volume(r.volume).map(|v| v.title.clone()).unwrap_or_default(),
            number: r.number.clone(),
            circled: r.circled(wording),
            label: r.label.clone(),
            status: s.status.short_label(wording),
            places: places_named(&r.id, rendered, |spec| spec.short),
        })
        .collect()
}

/// The documents that meet at least one requirement, in filing order, for the matrix's legend.
fn cited_documents(rendered: &[RenderedDocument]) -> Vec<CitedDocument> {
    rendered
        .iter()
        .filter(|d| !d.coverage.is_empty())
        .map(|d| CitedDocument { short: d.spec.short, title: d.spec.title })
        .collect()
}

/// Where the rendered documents meet requirement `id`, each place named by its document's title.
pub fn places_meeting(id: &str, rendered: &[RenderedDocument]) -> Vec<String> {
    places_named(id, rendered, |spec| spec.title)
}

/// Where the rendered documents meet requirement `id`, each document named by `name`.
fn places_named(id: &str, rendered: &[RenderedDocument], name: fn(DocumentSpec) -> &'static str) -> Vec<String> {
    rendered
        .iter()
        .flat_map(|d| {
            d.coverage.iter().filter(move |c| c.requirement == id).map(move |c| {
                if c.location.is_empty() {
                    name(d.spec).to_owned()
                } else {
                    format!("{} {}", name(d.spec), c.location)
                }
            })
        })
        .collect()
}

impl Renderer {
    /// Renders in a worker thread and gives up after [`RENDER_TIMEOUT`]: an override may loop for
    /// ever (`range(end=…)` nested), and one facility's template must not hang a whole batch.
    fn render_bounded(&self, template: &str, context: &std::sync::Arc<tera::Context>) -> Result<String, RenderError> {
        let (tera, name, context) = (self.tera.clone(), template.to_owned(), context.clone());
        let work = move || tera.render(&name, &context);
        let failed = |message: String| RenderError::Template { template: template.to_owned(), message };
        match bounded::run(format!("render {template}"), RENDER_STACK, RENDER_TIMEOUT, work) {
            Ok(Ok(text)) if text.len() > MAX_OUTPUT => {
                Err(failed(crate::i18n::text(crate::i18n::Msg::TemplateTooLarge {
                    template,
                    megabytes: text.len().div_ceil(1 << 20),
                    limit: MAX_OUTPUT >> 20,
                })))
            }
            Ok(result) => result.map_err(|e| template_error(template, &e)),
            Err(Abandoned::TimedOut) => Err(failed(format!(
                "rendering took longer than {} s (an endless loop?) and was abandoned",
                RENDER_TIMEOUT.as_secs()
            ))),
            Err(Abandoned::NotStarted) => Err(failed("no thread could be started for the renderer".to_owned())),
            Err(Abandoned::Died) => Err(failed("the renderer stopped unexpectedly".to_owned())),
        }
    }
}

/// The largest Markdown one template may produce. kitei's largest, the 機器台帳 of 2,000 assets,
/// is well under 1 MB; a loop that repeats text without end is stopped here, before typesetting.
const MAX_OUTPUT: usize = 8 << 20;

/// Stack for a render thread (the default of spawned threads).
const RENDER_STACK: usize = 2 * 1024 * 1024;

/// The `join_ja` filter in `wording`: `["A", "B", "C"] | join_ja` → 「A、B及びC」, the way Japanese
/// regulations list things.
fn join_ja(wording: &'static crate::wording::Wording) -> impl tera::Filter {
    move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        let items: Vec<String> = match value {
            tera::Value::Array(items) => {
                items.iter().map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())).collect()
            }
            other => return Err(tera::Error::msg(format!("join_ja expects a list, found {other}"))),
        };
        let joined = match items.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => {
                crate::w!(wording, "lists.and", rest = rest.join(crate::w!(wording, "lists.separator")), last = last)
            }
        };
        Ok(tera::Value::String(joined))
    }
}

/// How long one template may render. kitei's own take milliseconds.
const RENDER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Refuses override templates whose macros call macros: tera has no recursion limit, and a
/// recursive macro would overflow the stack and abort the whole process (and batch).
fn refuse_unbounded_recursion(name: &str, text: &str) -> Result<(), RenderError> {
    let mut in_macro = false;
    for segment in text.split("{%") {
        let tag = segment.trim_start_matches('-').trim_start();
        if tag.starts_with("endmacro") {
            in_macro = false;
        } else if tag.starts_with("macro") {
            in_macro = true;
        }
        if in_macro && segment.contains("::") {
            return Err(RenderError::Template {
                template: name.to_owned(),
                message: "a macro in a template override calls a macro; kitei does not allow this because it cannot bound recursion".to_owned(),
            });
        }
    }
    Ok(())
}

/// Adds the overrides to a copy of the embedded set, on a thread with a large stack (tera's parser
/// recurses), and refuses include/import cycles before anything renders.
fn parse_overrides(base: &std::sync::Arc<Tera>, found: &[(String, String)]) -> Result<Tera, RenderError> {
    let (base, found) = (base.clone(), found.to_vec());
    let work = move || {
        let mut tera = (*base).clone();
        tera.add_raw_templates(found.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error("(loading overrides)", &e))?;
        overrides::refuse_cycles(&tera)?;
        Ok(tera)
    };
    match bounded::run("parse overrides".to_owned(), PARSE_STACK, RENDER_TIMEOUT, work) {
        Ok(result) => result,
        Err(_) => Err(RenderError::Template {
            template: "(loading overrides)".to_owned(),
            message: "the template overrides could not be parsed in time".to_owned(),
        }),
    }
}

/// Stack for parsing overrides: tera's parser recurses once per nested bracket or tag.
const PARSE_STACK: usize = 64 * 1024 * 1024;

fn template_error(template: &str, error: &(dyn std::error::Error + 'static)) -> RenderError {
    let (named, message) = tera_errors::describe(error);
    RenderError::Template { template: named.unwrap_or_else(|| template.to_owned()), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guideline_with_corrections() -> (Guideline, String) {
        let mut g = crate::load::load_guideline(&crate::load::Content::embedded(), "6.0").unwrap();
        let current = g.requirements[0].id.clone();
        g.numbering.renamed.push(("control.99-1".to_owned(), current.clone()));
        g.numbering.repurposed.push((current.clone(), g.requirements[1].id.clone()));
        (g, current)
    }

    fn place(id: &str) -> Coverage {
        Coverage { requirement: id.to_owned(), location: "第1条（目的）".to_owned() }
    }

    #[test]
    fn a_renamed_id_in_meets_resolves_to_its_new_id_with_a_warning() {
        let (g, current) = guideline_with_corrections();
        let mut coverage = vec![place("control.99-1")];
        let warnings = current_ids(&g, "policy.md", false, &mut coverage, crate::wording::embedded()).unwrap();
        assert_eq!(coverage[0].requirement, current);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`[[meets:control.99-1]]` names a renumbered requirement"), "{warnings:?}");
    }

    #[test]
    fn a_repurposed_id_warns_only_in_a_facility_override() {
        let (g, current) = guideline_with_corrections();
        let mut coverage = vec![place(&current)];
        assert!(current_ids(&g, "policy.md", false, &mut coverage, crate::wording::embedded()).unwrap().is_empty());
        let warnings = current_ids(&g, "policy.md", true, &mut coverage, crate::wording::embedded()).unwrap();
        assert!(warnings[0].contains("check which one this place meets"), "{warnings:?}");
        assert_eq!(coverage[0].requirement, current, "kept");
    }

    #[test]
    fn join_ja_lists_in_the_wording_it_was_built_with() {
        let text = "lists:\n  and: \"{rest}並びに{last}\"\n";
        let replaced =
            crate::wording::intern(crate::wording::embedded().with_overrides(Path::new("w.yaml"), text).unwrap());
        let list = tera::Value::from(vec!["A", "B", "C"]);
        let args = std::collections::HashMap::new();
        let joined = |wording| tera::Filter::filter(&join_ja(wording), &list, &args).unwrap();
        assert_eq!(joined(replaced), "A、B並びにC");
        assert_eq!(joined(crate::wording::embedded()), "A、B及びC");
        // On another thread (where templates render) the facility's wording still holds.
        let filter = join_ja(replaced);
        let on_worker = std::thread::spawn(move || {
            tera::Filter::filter(&filter, &tera::Value::from(vec!["X", "Y"]), &std::collections::HashMap::new())
                .unwrap()
        });
        assert_eq!(on_worker.join().unwrap(), "X並びにY");
    }

    #[test]
    fn an_unknown_id_in_meets_is_an_error() {
        let (g, _) = guideline_with_corrections();
        let error =
            current_ids(&g, "policy.md", false, &mut [place("control.98-1")], crate::wording::embedded()).unwrap_err();
        assert!(error.to_string().contains("has no requirement `control.98-1`"), "{error}");
    }
}
