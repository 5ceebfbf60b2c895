//! Integration tests: the real `kitei` binary on real profiles.

mod approve;
mod batches;
mod build;
mod check;
mod checklist;
mod consistency;
mod document_control;
mod documents;
mod docx;
mod evidence;
mod extends;
mod figures;
mod guideline;
mod hard_inputs;
mod hostile_files;
mod init;
mod input_text;
mod local;
mod messages;
mod output_safety;
mod overrides;
mod portfolio;
mod print;
mod revise;
mod support;
mod voice;
