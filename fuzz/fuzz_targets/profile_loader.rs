//! Any bytes as a profile: loading and checking must return a value or an error, never panic
//! or hang (YAML budgets bound aliases and depth).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn guideline() -> &'static kitei::Guideline {
    static GUIDELINE: OnceLock<kitei::Guideline> = OnceLock::new();
    GUIDELINE.get_or_init(|| kitei::load::load_guideline(&kitei::load::Content::embedded(), "6.0").expect("shipped content loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.yaml");
    if let Ok(profile) = kitei::load::parse_profile(path, text) {
        if let Ok(profile) = kitei::load::check_profile(path, text, profile, guideline()) {
            let resolution = kitei::resolve::resolve(guideline(), &profile);
            let _ = kitei::render::DocumentView::new(guideline(), &profile, &resolution);
        }
    }
});
