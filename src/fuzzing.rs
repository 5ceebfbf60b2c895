//! What the fuzzers in `fuzz/` run, one function per target, each taking the fuzzer's bytes.
//!
//! The targets used to call into the pipeline's modules directly, so every move of a module (the
//! emit stage, the crate surface made `pub(crate)`) broke them silently: they live in their own
//! crate, which `cargo test` never builds. Here the code of each target is part of kitei, compiled
//! and run on a few seeds by `cargo test`, and the fuzz crate only names these functions. Built
//! for the fuzzers with the `fuzzing` feature, and for kitei's own tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::load::{self, Content, Profile, SharedContent};
use crate::model::Guideline;
use crate::render::document::Document;
use crate::render::{DocumentView, Renderer, DOCUMENTS};
use crate::wording::{self, Wording};

/// The embedded guideline 6.0 and the sakura sample, checked once per process.
struct Sample {
    guideline: Guideline,
    profile: Profile,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let content = Content::embedded();
        let guideline = load::load_guideline(&content, "6.0").expect("shipped content loads");
        let (_, text) = content.samples().into_iter().find(|(n, _)| *n == "sakura-clinic.yaml").expect("sample");
        let path = Path::new("sakura-clinic.yaml");
        let data = load::parse_profile(path, text).expect("sample parses");
        let profile = load::check_profile(path, text, data, &guideline).expect("sample checks");
        Sample { guideline, profile }
    })
}

/// Renders every document of `profile` with `renderer`, as a build does (primary, then derived).
fn render_all(renderer: &Renderer, guideline: &Guideline, profile: &Profile) -> Option<Vec<String>> {
    let (wording, shared) = (renderer.wording(), SharedContent::embedded());
    let resolution = crate::resolve::resolve(guideline, profile, wording, shared);
    let view = DocumentView::new(guideline, profile, &resolution, wording, shared);
    let mut set = renderer.render_primary(guideline, &view).ok()?;
    renderer.render_derived(guideline, &view, &resolution, &mut set).ok()?;
    Some(set.into_iter().map(|d| d.body).collect())
}

/// Any bytes as a profile: loading, checking, resolving and viewing end in a value or an error,
/// never a panic or a hang (the YAML budgets bound aliases and depth).
pub fn profile_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.yaml");
    let guideline = &sample().guideline;
    let Ok(profile) = load::parse_profile(path, text) else { return };
    let Ok(profile) = load::check_profile(path, text, profile, guideline) else { return };
    let (wording, shared) = (wording::embedded(), SharedContent::embedded());
    let resolution = crate::resolve::resolve(guideline, &profile, wording, shared);
    let _ = DocumentView::new(guideline, &profile, &resolution, wording, shared);
}

/// Any Markdown through the typst converter: the result parses as typst markup without errors,
/// so text never turns into code.
pub fn markdown_to_typst(data: &[u8]) {
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    let typst = crate::emit::typeset::markup::markdown_to_typst(markdown);
    assert_parses(markdown, &typst);
}

/// Any Markdown as a rendered document: reading its structure, printing its articles in legal
/// form and converting it for typst, Word and the 新旧対照表 end without a panic, and the typst
/// source parses without errors.
pub fn document_structure(data: &[u8]) {
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    let wording: &'static Wording = wording::embedded();
    let document = Document::parse(markdown, wording);
    let typst =
        crate::emit::typeset::markup::document_to_typst(&document, Some(crate::w!(wording, "typeset.contents")));
    assert_parses(markdown, &typst);
    let _ = crate::emit::docx::body_xml(&document, wording);
    let _ = crate::diff::compare(markdown, "", wording);
}

fn assert_parses(markdown: &str, typst: &str) {
    let tree = typst::syntax::parse(typst);
    assert!(tree.errors_and_warnings().0.is_empty(), "converter output does not parse: {markdown:?} → {typst:?}");
}

/// Any text as template overrides (one document's template and a partial it may include, split
/// at the first NUL): building the renderer and rendering the sample's documents end in a result
/// or an error, never a stack overflow, an abort, a hang past the time limit or a read of the
/// environment.
pub fn template_override(data: &[u8]) {
    static SECRET: OnceLock<()> = OnceLock::new();
    SECRET.get_or_init(|| {
        // A template that could read the environment would print this into a document.
        std::env::set_var("KITEI_FUZZ_SECRET", "KITEI_FUZZ_SECRET_VALUE");
    });
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (main, partial) = text.split_once('\0').unwrap_or((text, ""));
    let templates = vec![("bcp.md".to_owned(), main.to_owned()), ("part.md".to_owned(), partial.to_owned())];
    let Ok(renderer) = Renderer::with_overrides(templates) else { return };
    let sample = sample();
    if let Some(bodies) = render_all(&renderer, &sample.guideline, &sample.profile) {
        assert!(bodies.iter().all(|body| !body.contains("KITEI_FUZZ_SECRET_VALUE")));
    }
}

/// Any bytes as `local/operations-regulation.yaml` beside the sample: reading the edits and
/// applying them to the sample's 規程 end in a result or an error, never a panic or an abort. The
/// structure markers are refused or escaped, so the facility's text never meets a requirement.
pub fn local_edits(data: &[u8]) {
    let folder = local_folder();
    std::fs::write(folder.join("operations-regulation.yaml"), data).expect("write the edits");
    let ids: Vec<&str> = DOCUMENTS.iter().map(|d| d.id).collect();
    let Ok(local) = crate::render::local::LocalSet::read(&folder, &ids) else { return };
    let Ok(renderer) = Renderer::with_overrides(Vec::new()) else { return };
    let sample = sample();
    let _ = render_all(&renderer.with_local(local), &sample.guideline, &sample.profile);
}

/// A `local/` folder of this process, inside a facility folder of its own.
fn local_folder() -> PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let folder = std::env::temp_dir().join(format!("kitei-fuzz-{}", std::process::id())).join("local");
            std::fs::create_dir_all(&folder).expect("temporary folder");
            folder
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULATION: &str = "# 規程\n\n<!-- article:a -->\n#### 第1条（目的）\n\n本文。\n\n２　二項。\n\n（１）一号。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    /// Every target runs on a seed, so the fuzz crate's functions always exist and compile.
    #[test]
    fn every_target_runs_on_its_seeds() {
        profile_loader(include_bytes!("../content/samples/sakura-clinic.yaml"));
        profile_loader(b"facility: [");
        for markdown in [REGULATION, "#", "> - [ ] `x`\n\n[^1]: y\n", "<!-- article:a -->\n#"] {
            markdown_to_typst(markdown.as_bytes());
            document_structure(markdown.as_bytes());
        }
        template_override(b"{{ get_env(name=\"KITEI_FUZZ_SECRET\") }}\0");
        template_override(b"{% include \"part.md\" %}\0[[toc]]");
        local_edits(b"edits:\n  - replace: password\n    text: \"[[meets:x]]\"\n");
        local_edits(b"\xff");
        // The whole set renders on these, so the targets reach past the readers.
        let renderer = Renderer::with_overrides(vec![
            ("bcp.md".into(), "{% include \"part.md\" %}".into()),
            ("part.md".into(), "x".into()),
        ]);
        assert!(render_all(&renderer.unwrap(), &sample().guideline, &sample().profile).is_some());
    }
}
