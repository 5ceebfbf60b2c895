//! Any text as template overrides (one document's template and a partial it may include, split
//! at the first NUL): building the renderer and rendering the sample's documents must return a
//! result or an error, never overflow the stack, abort, hang past the time limit or read the
//! environment.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

struct Sample {
    guideline: kitei::Guideline,
    profile: kitei::load::Profile,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        // A template that could read the environment would print this into a document.
        std::env::set_var("KITEI_FUZZ_SECRET", "KITEI_FUZZ_SECRET_VALUE");
        let content = kitei::load::Content::embedded();
        let guideline = kitei::load::load_guideline(&content, "6.0").expect("shipped content loads");
        let (_, text) = content.samples().into_iter().find(|(n, _)| *n == "sakura-clinic.yaml").expect("sample");
        let path = Path::new("sakura-clinic.yaml");
        let data = kitei::load::parse_profile(path, text).expect("sample parses");
        let profile = kitei::load::check_profile(path, text, data, &guideline).expect("sample checks");
        Sample { guideline, profile }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (main, partial) = text.split_once('\0').unwrap_or((text, ""));
    let templates = vec![("bcp.md".to_owned(), main.to_owned()), ("part.md".to_owned(), partial.to_owned())];
    let Ok(renderer) = kitei::render::Renderer::with_overrides(templates) else { return };
    let sample = sample();
    let resolution = kitei::resolve::resolve(&sample.guideline, &sample.profile);
    let view = kitei::render::DocumentView::new(&sample.guideline, &sample.profile, &resolution);
    if let Ok(rendered) = renderer.render_set(&sample.guideline, &view, &resolution) {
        assert!(rendered.iter().all(|d| !d.body.contains("KITEI_FUZZ_SECRET_VALUE")));
    }
});
