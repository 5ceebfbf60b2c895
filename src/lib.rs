//! kitei (規程) writes the information-security rulebook that a Japanese hospital, clinic or
//! pharmacy must keep under the MHLW 「医療情報システムの安全管理に関するガイドライン」.
//!
//! The pipeline, one folder per stage, data flowing one way (a stage imports only earlier ones;
//! `tests/cli/layering.rs` refuses anything else and any import cycle):
//!
//! 1. [`load`] — the guideline content (embedded YAML), the content every facility shares and a
//!    facility profile, checked; with [`model`], [`wording`], [`records`] and [`approvals`], the
//!    facility's other input files;
//! 2. [`resolve`] — the reference pattern, the status of every requirement, the 課題一覧;
//! 3. [`render`] — the document set as Markdown (tera templates, local edits, article numbering),
//!    the yearly [`checklist`] answered from it, and [`diff`] comparing two versions of a document;
//! 4. [`emit`] — 版 and 改訂履歴, title blocks, figures, PDF (typst), Word, Excel, the manifest;
//! 5. [`write`] — the output folder and the facility's files, atomically, through one writer.
//!
//! Under them [`bounded`], [`diagnostic`], [`digest`], [`i18n`], [`wareki`] and [`yaml`]; on top
//! [`pipeline`] (connects the stages for one facility), [`report`], the binary's commands in [`cmd`]
//! and [`serve`], the local web application of `kitei serve` (on top of the pipeline like `cmd`).

pub(crate) mod approvals;
pub(crate) mod bounded;
pub(crate) mod checklist;
pub mod cmd;
pub(crate) mod diagnostic;
pub(crate) mod diff;
pub mod digest;
pub(crate) mod emit;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod i18n;
pub mod load;
pub(crate) mod model;
pub(crate) mod pipeline;
pub(crate) mod records;
pub mod render;
pub(crate) mod report;
pub mod resolve;
pub(crate) mod serve;
pub(crate) mod starter;
pub(crate) mod wareki;
pub(crate) mod wording;
pub(crate) mod write;
pub(crate) mod yaml;

pub use load::Profile;
pub use model::Guideline;
