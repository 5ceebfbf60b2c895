//! Any Markdown through the typst converter: see `kitei::fuzzing::markdown_to_typst`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kitei::fuzzing::markdown_to_typst(data));
