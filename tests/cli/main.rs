//! Integration tests: the real `kitei` binary on real profiles.

mod build;
mod check;
mod checklist;
mod documents;
mod guideline;
mod hard_inputs;
mod init;
mod revise;
mod support;
