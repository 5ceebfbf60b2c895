//! Integration tests: the real `kitei` binary on real profiles.

mod build;
mod check;
mod documents;
mod docx;
mod guideline;
mod hard_inputs;
mod init;
mod local;
mod revise;
mod support;
