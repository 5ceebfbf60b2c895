//! Any bytes as a facility's local edits of its 規程: see `kitei::fuzzing::local_edits`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kitei::fuzzing::local_edits(data));
