//! Writing the yearly checklist's files where `kitei checklist` is told to: answered from the
//! facility's rendered set ([`crate::emit::checklist`]), written atomically, and inside a
//! facility's output folder under its build lock and recorded in its manifest. Outside a
//! facility's folder the facility's 根拠資料 ([`crate::emit::sources`]) is written beside them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::checklist::ChecklistError;
use crate::emit::checklist::{files, vendor_form_files, Facility};
use crate::load::{Content, Profile};
use crate::render::Rendered;

/// Checked settings of `kitei checklist`.
#[derive(Debug, Clone)]
pub(crate) struct ChecklistConfig {
    /// Edition to answer (R7, R8).
    pub edition: String,
    /// 確認日 (default: the profile's effective date).
    pub date: Option<NaiveDate>,
    /// Folder to write into.
    pub output: PathBuf,
    /// An older edition to compare with.
    pub compare: Option<String>,
    /// Whether to write the PDF.
    pub pdf: bool,
    /// Refuse (write nothing) while any item of the facility's form is 未確認.
    pub final_: bool,
}

/// What `kitei checklist` wrote.
#[derive(Debug, Clone)]
pub(crate) struct ChecklistOutcome {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// Number of はい, いいえ on the facility's form.
    pub yes: usize,
    /// いいえ.
    pub no: usize,
    /// Vendor forms.
    pub vendors: usize,
    /// Numbers of the 未確認 items of the facility's form.
    pub unconfirmed: Vec<String>,
}

/// Answers the checklist for a facility rendered by `Session::render`
/// (its template overrides, wording and local edits, as `build` renders it) and writes its files
/// into `config.output`.
pub(crate) fn run(
    content: &Content,
    rendered: &Rendered,
    config: &ChecklistConfig,
) -> Result<ChecklistOutcome, ChecklistError> {
    let date = config.date.unwrap_or(rendered.date);
    let mut made =
        files(content, &Facility::of(rendered), &config.edition, config.compare.as_deref(), date, config.pdf)?;
    if config.final_ && !made.unconfirmed.is_empty() {
        return Err(ChecklistError::Unconfirmed(made.unconfirmed.clone()));
    }
    // Where each item comes from is in the facility's 根拠資料: the one `build` writes at the top
    // of the facility's folder, or, for a checklist written anywhere else, one written beside it.
    if !is_facility_checklist_folder(&config.output, &rendered.profile.id) {
        made.files.extend(crate::emit::sources::files(content, rendered, &config.edition, date, config.pdf)?);
    }
    std::fs::create_dir_all(&config.output)
        .map_err(|e| ChecklistError::Io { path: config.output.clone(), source: e })?;
    // Inside a facility's output folder, write under its build lock (a build's swap must not drop
    // these files) and record them where the build's manifest lists them, so the next build does
    // not take them for hand edits.
    let facility_folder = facility_folder(&config.output);
    let _lock = facility_folder
        .map(super::FolderLock::acquire)
        .transpose()
        .map_err(|e| ChecklistError::Io { path: config.output.clone(), source: e.source })?;
    let mut written = Vec::new();
    for file in &made.files {
        let path = config.output.join(&file.path);
        write_atomic(&path, &file.bytes)?;
        written.push(path);
    }
    if let Some(folder) = facility_folder {
        let files: Vec<(String, &[u8])> =
            made.files.iter().map(|f| (format!("{}/{}", super::CHECKLIST, f.path), f.bytes.as_slice())).collect();
        super::record_rewritten(folder, &files)
            .map_err(|e| ChecklistError::Io { path: folder.join(super::MANIFEST), source: e.source })?;
    }
    Ok(ChecklistOutcome {
        files: written,
        yes: made.yes,
        no: made.no,
        vendors: made.vendors,
        unconfirmed: made.unconfirmed,
    })
}

/// Whether `output` is `<id>/checklist` (where `build` puts the checklist of facility `id`, whose
/// 根拠資料 is `<id>/sources.md`), whether or not the facility was built there yet.
fn is_facility_checklist_folder(output: &Path, id: &str) -> bool {
    output.file_name().is_some_and(|n| n == super::CHECKLIST)
        && output.parent().and_then(Path::file_name).is_some_and(|n| n == id)
}

/// The facility folder `output` is the `checklist/` of (it holds a build's manifest), if any.
fn facility_folder(output: &Path) -> Option<&Path> {
    let folder = output.parent().filter(|_| output.file_name().is_some_and(|n| n == super::CHECKLIST))?;
    folder.join(super::MANIFEST).is_file().then_some(folder)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ChecklistError> {
    super::write_file_atomic(path, bytes).map_err(|e| ChecklistError::Io { path: path.to_owned(), source: e.source })
}

/// Writes the blank 事業者確認用 of `vendor` (its key) for the facility into `output`:
/// `vendor-form-<edition>-<vendor>.xlsx` and `.pdf`. Returns the files written.
pub(crate) fn vendor_form(
    content: &Content,
    profile: &Profile,
    edition: &str,
    vendor: &str,
    issued_on: NaiveDate,
    output: &Path,
    wording: &'static crate::wording::Wording,
) -> Result<Vec<PathBuf>, ChecklistError> {
    let made = vendor_form_files(content, profile, edition, vendor, issued_on, wording)?;
    std::fs::create_dir_all(output).map_err(|e| ChecklistError::Io { path: output.to_owned(), source: e })?;
    let mut written = Vec::new();
    for file in &made {
        let path = output.join(&file.path);
        write_atomic(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
}
