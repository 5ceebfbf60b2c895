//! Any Markdown through the typst converter: the result must parse as typst markup without
//! errors, and text must never turn into code (no function calls other than the ones the
//! converter writes for structure).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    let typst = kitei::typeset::markup::markdown_to_typst(markdown);
    let tree = typst::syntax::parse(&typst);
    assert!(tree.errors_and_warnings().0.is_empty(), "converter output does not parse: {markdown:?} → {typst:?}");
});
