//! Any text as template overrides: see `kitei::fuzzing::template_override`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kitei::fuzzing::template_override(data));
