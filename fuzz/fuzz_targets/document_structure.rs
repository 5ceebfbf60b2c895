//! Any Markdown as a rendered document (structure, legal form, Word, 新旧対照表): see
//! `kitei::fuzzing::document_structure`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kitei::fuzzing::document_structure(data));
