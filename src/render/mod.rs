//! Stage 3, render: the document set as Markdown.
//!
//! Each document is a tera template (embedded from `templates/`, overridable file by file from a
//! facility's own folder) fed a [`DocumentView`]. Every `{{ }}` output is Markdown-escaped, so
//! profile text stays text. After tera, [`structure`] numbers the articles, resolves
//! cross-references and collects which requirements each place meets.

pub mod compose;
pub mod documents;
mod escape;
pub mod figures;
pub mod structure;
pub mod views;

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use rayon::prelude::*;

use crate::bounded::{self, Abandoned};
use serde::Serialize;
use tera::Tera;
use thiserror::Error;

pub use documents::{DocumentSpec, DOCUMENTS};
pub use escape::escape_markdown;
pub use structure::Coverage;
pub use views::DocumentView;

use crate::model::Guideline;
use crate::resolve::{Resolution, Status};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Why rendering failed.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template could not be parsed or rendered.
    #[error("template `{template}`: {message}")]
    Template {
        /// Template name.
        template: String,
        /// The error chain.
        message: String,
    },
    /// A template override folder could not be read.
    #[error("cannot read template override {path}: {source}")]
    Override {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An article marker is wrong.
    #[error("template `{template}`: {source}")]
    Structure {
        /// Template name.
        template: String,
        /// The cause.
        source: structure::StructureError,
    },
    /// A template claims to meet a requirement the guideline does not have.
    #[error("template `{template}` declares `[[meets:{id}]]`, but guideline {version} has no requirement `{id}`")]
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
}

/// The tera environment: embedded templates plus a facility's overrides.
pub struct Renderer {
    tera: std::sync::Arc<Tera>,
    fingerprint: String,
}

impl Renderer {
    /// The embedded templates, then the files in `overrides` (same name replaces). The embedded
    /// set is parsed once per process and shared; only overrides are parsed per facility.
    pub fn new(overrides: Option<&Path>) -> Result<Self, RenderError> {
        let base = embedded()?;
        let Some(dir) = overrides else {
            return Ok(Self { tera: base.tera.clone(), fingerprint: base.fingerprint.clone() });
        };
        let found = read_overrides(dir)?;
        for (name, text) in &found {
            refuse_unbounded_recursion(name, text)?;
        }
        let mut tera = (*base.tera).clone();
        tera.add_raw_templates(found.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error("(loading overrides)", &e))?;
        let mut sources = base.sources.clone();
        sources.extend(found);
        let fingerprint = crate::pipeline::fingerprint(sources.iter().flat_map(|(n, t)| [n.as_str(), t.as_str()]));
        Ok(Self { tera: std::sync::Arc::new(tera), fingerprint })
    }

    /// SHA-256 over every template in use, so a build can tell that a template changed.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Renders every document of the set.
    pub fn render_set(
        &self,
        guideline: &Guideline,
        view: &DocumentView,
        resolution: &Resolution,
    ) -> Result<Vec<RenderedDocument>, RenderError> {
        let mut context = tera::Context::from_serialize(view).map_err(|e| template_error("(context)", &e))?;
        let shared = std::sync::Arc::new(context.clone());
        let mut rendered: Vec<RenderedDocument> = DOCUMENTS
            .par_iter()
            .filter(|d| d.id != documents::TRACEABILITY)
            .map(|spec| self.render_one(guideline, spec, &shared))
            .collect::<Result<_, _>>()?;
        context.insert("trace", &trace_rows(guideline, resolution, &rendered));
        context.insert("cited_documents", &cited_documents(&rendered));
        let shared = std::sync::Arc::new(context);
        if let Some(spec) = DOCUMENTS.iter().find(|d| d.id == documents::TRACEABILITY) {
            rendered.push(self.render_one(guideline, spec, &shared)?);
        }
        Ok(rendered)
    }

    fn render_one(
        &self,
        guideline: &Guideline,
        spec: &DocumentSpec,
        context: &std::sync::Arc<tera::Context>,
    ) -> Result<RenderedDocument, RenderError> {
        let raw = self.render_bounded(spec.template, context)?;
        let structured = structure::resolve(&raw)
            .map_err(|source| RenderError::Structure { template: spec.template.to_owned(), source })?;
        if let Some(unknown) = structured.coverage.iter().find(|c| guideline.requirement(&c.requirement).is_none()) {
            return Err(RenderError::UnknownRequirement {
                template: spec.template.to_owned(),
                id: unknown.requirement.clone(),
                version: guideline.version.clone(),
            });
        }
        Ok(RenderedDocument { spec: *spec, body: structured.markdown, coverage: structured.coverage })
    }
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
        let sources: std::collections::BTreeMap<String, String> = TEMPLATES
            .files()
            .filter_map(|f| Some((f.path().to_str()?.to_owned(), f.contents_utf8()?.to_owned())))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".md"]);
        tera.set_escape_fn(escape_markdown);
        tera.register_filter("join_ja", join_ja);
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(
            |e| match template_error("(embedded)", &e) {
                RenderError::Template { message, .. } => message,
                other => other.to_string(),
            },
        )?;
        let fingerprint = crate::pipeline::fingerprint(sources.iter().flat_map(|(n, t)| [n.as_str(), t.as_str()]));
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

fn trace_rows(guideline: &Guideline, resolution: &Resolution, rendered: &[RenderedDocument]) -> Vec<TraceRow> {
    guideline
        .requirements
        .iter()
        .zip(&resolution.requirements)
        .filter(|(_, s)| s.status != Status::NotApplicable)
        .map(|(r, s)| TraceRow {
            id: r.id.clone(),
            volume: guideline.volume(r.volume).map(|v| v.title.clone()).unwrap_or_default(),
            number: r.number.clone(),
            circled: r.circled(),
            label: r.label.clone(),
            status: s.status.short_label(),
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

/// Stack for a render thread (the default of spawned threads).
const RENDER_STACK: usize = 2 * 1024 * 1024;

/// `["A", "B", "C"] | join_ja` → 「A、B及びC」, the way Japanese regulations list things.
fn join_ja(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let items: Vec<String> = match value {
        tera::Value::Array(items) => {
            items.iter().map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())).collect()
        }
        other => return Err(tera::Error::msg(format!("join_ja expects a list, found {other}"))),
    };
    let joined = match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}及び{last}", rest.join("、")),
    };
    Ok(tera::Value::String(joined))
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

fn read_overrides(dir: &Path) -> Result<Vec<(String, String)>, RenderError> {
    let io = |source| RenderError::Override { path: dir.to_owned(), source };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).map(str::to_owned);
        if let (true, Some(name)) = (path.is_file(), name) {
            let text = std::fs::read_to_string(&path)
                .map_err(|source| RenderError::Override { path: path.clone(), source })?;
            found.push((name, text));
        }
    }
    found.sort();
    Ok(found)
}

fn template_error(template: &str, error: &dyn std::error::Error) -> RenderError {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    RenderError::Template { template: template.to_owned(), message }
}
