//! Any bytes as a profile: see `kitei::fuzzing::profile_loader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kitei::fuzzing::profile_loader(data));
