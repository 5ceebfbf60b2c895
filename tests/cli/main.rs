//! Integration tests: the real `kitei` binary on real profiles.

mod build;
mod check;
mod docx;
mod documents;
mod guideline;
mod hard_inputs;
mod init;
mod local;
mod revise;
mod support;
