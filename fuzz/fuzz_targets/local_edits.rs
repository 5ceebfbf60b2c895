//! Any bytes as `local/operations-regulation.yaml` beside the sample: reading the edits and
//! applying them to the sample's 規程 must end in a result or an error, never a panic or an abort.
//! A rendered 規程 never meets a requirement through the facility's text: `[[meets:…]]` and the
//! other structure markers are refused or escaped (see `kitei::local`).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

struct Sample {
    guideline: kitei::Guideline,
    profile: kitei::load::Profile,
    folder: PathBuf,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let content = kitei::load::Content::embedded();
        let guideline = kitei::load::load_guideline(&content, "6.0").expect("shipped content loads");
        let (_, text) = content.samples().into_iter().find(|(n, _)| *n == "sakura-clinic.yaml").expect("sample");
        let path = std::path::Path::new("sakura-clinic.yaml");
        let data = kitei::load::parse_profile(path, text).expect("sample parses");
        let profile = kitei::load::check_profile(path, text, data, &guideline).expect("sample checks");
        let folder = tempfile_folder();
        Sample { guideline, profile, folder }
    })
}

/// A folder of this process for the edits file (removed by the OS's tmp cleaning).
fn tempfile_folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!("kitei-fuzz-local-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    folder
}

fuzz_target!(|data: &[u8]| {
    let sample = sample();
    let file = sample.folder.join("operations-regulation.yaml");
    std::fs::write(&file, data).expect("write the edits");
    let ids: Vec<&str> = kitei::render::DOCUMENTS.iter().map(|d| d.id).collect();
    let Ok(local) = kitei::local::LocalSet::read(&sample.folder, &ids) else { return };
    let Ok(renderer) = kitei::render::Renderer::with_overrides(Vec::new()) else { return };
    let renderer = renderer.with_local(local);
    let resolution = kitei::resolve::resolve(&sample.guideline, &sample.profile);
    let view = kitei::render::DocumentView::new(&sample.guideline, &sample.profile, &resolution);
    let _ = renderer.render_set(&sample.guideline, &view, &resolution);
});
