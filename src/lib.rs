//! kitei (規程) writes the information-security rulebook that a Japanese hospital, clinic or
//! pharmacy must keep under the MHLW 「医療情報システムの安全管理に関するガイドライン」.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`load`] — the guideline content (embedded YAML) and a facility profile, checked;
//! 2. [`resolve`] — the reference pattern and the status of every requirement;
//! 3. [`render`] — the document set as Markdown (tera templates, article numbering);
//! 4. [`typeset`] — each document as a PDF (typst, in-process, fonts embedded);
//! 5. [`write`] — the output folder, atomically, with a manifest;
//!
//! and beside them [`diff`] (新旧対照表), [`revise`] (版 and 改訂履歴) and [`checklist`] (the
//! yearly MHLW checklist, answered); [`local`] applies a facility's own edits of built-in
//! articles between tera and numbering. [`pipeline`] connects the stages for one facility; the
//! binary's commands live in [`cmd`], and what they say to people in [`i18n`]; [`serve`] is the
//! local web application of `kitei serve`, on top of the pipeline like [`cmd`].

pub mod approvals;
pub mod bounded;
pub mod checklist;
pub mod cmd;
pub mod diagnostic;
pub mod diff;
pub mod digest;
pub mod docx;
pub mod i18n;
pub mod load;
pub mod local;
pub mod model;
pub mod pipeline;
pub mod records;
pub mod render;
pub mod report;
pub mod resolve;
pub mod revise;
pub mod serve;
pub mod starter;
pub mod typeset;
pub mod wareki;
pub mod wording;
pub mod write;

pub use load::Profile;
pub use model::Guideline;
