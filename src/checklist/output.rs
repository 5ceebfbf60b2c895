//! From a profile to the checklist's files: load, resolve and render the document set (for the
//! articles that meet each item), answer the edition, then write Markdown, PDF and XLSX.
//! `kitei checklist` calls [`run`] on what `Session::render` made (as `build` does); `kitei build`
//! adds [`files`] to a facility's folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{answer, compare, load_edition, markdown, obligations, xlsx, ChecklistError, Edition};
use crate::load::{Content, Profile};
use crate::model::Guideline;
use crate::pipeline::Rendered;
use crate::render::RenderedDocument;
use crate::resolve::Resolution;
use crate::typeset::{self, Cover};
use crate::wareki;
use crate::write::OutputFile;

/// Checked settings of `kitei checklist`.
#[derive(Debug, Clone)]
pub struct ChecklistConfig {
    /// Edition to answer (R7, R8).
    pub edition: String,
    /// 確認日 (default: the profile's effective date).
    pub date: Option<NaiveDate>,
    /// Folder to write into.
    pub output: PathBuf,
    /// An older edition to compare with.
    pub compare: Option<String>,
    /// Guideline version (default: the profile's).
    pub guideline: Option<String>,
    /// Whether to write the PDF.
    pub pdf: bool,
    /// Refuse (write nothing) while any item of the facility's form is 未確認.
    pub final_: bool,
}

/// What `kitei checklist` wrote.
#[derive(Debug, Clone)]
pub struct ChecklistOutcome {
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

/// Answers the checklist for a facility rendered by [`Session::render`](crate::pipeline::Session::render)
/// (its template overrides, wording and local edits, as `build` renders it) and writes its files
/// into `config.output`.
pub fn run(
    content: &Content,
    rendered: &Rendered,
    config: &ChecklistConfig,
) -> Result<ChecklistOutcome, ChecklistError> {
    let _wording = crate::wording::enter(rendered.wording);
    let date = config.date.unwrap_or(rendered.date);
    let made = files(
        content,
        &Facility {
            profile: &rendered.profile,
            guideline: &rendered.guideline,
            resolution: &rendered.resolution,
            rendered: &rendered.documents,
            records: &rendered.records,
        },
        &config.edition,
        config.compare.as_deref(),
        date,
        config.pdf,
    )?;
    if config.final_ && !made.unconfirmed.is_empty() {
        return Err(ChecklistError::Unconfirmed(made.unconfirmed.clone()));
    }
    std::fs::create_dir_all(&config.output)
        .map_err(|e| ChecklistError::Io { path: config.output.clone(), source: e })?;
    // Inside a facility's output folder, write under its build lock (a build's swap must not drop
    // these files) and record them where the build's manifest lists them, so the next build does
    // not take them for hand edits.
    let facility_folder = facility_folder(&config.output);
    let _lock = facility_folder
        .map(crate::write::FolderLock::acquire)
        .transpose()
        .map_err(|e| ChecklistError::Io { path: config.output.clone(), source: e.source })?;
    let mut written = Vec::new();
    for file in &made.files {
        let path = config.output.join(&file.path);
        write_atomic(&path, &file.bytes)?;
        written.push(path);
    }
    if let Some(folder) = facility_folder {
        let files: Vec<(String, &[u8])> = made
            .files
            .iter()
            .map(|f| (format!("{}/{}", crate::write::CHECKLIST, f.path), f.bytes.as_slice()))
            .collect();
        crate::write::record_rewritten(folder, &files)
            .map_err(|e| ChecklistError::Io { path: folder.join(crate::write::MANIFEST), source: e.source })?;
    }
    Ok(ChecklistOutcome {
        files: written,
        yes: made.yes,
        no: made.no,
        vendors: made.vendors,
        unconfirmed: made.unconfirmed,
    })
}

/// What answering needs of a facility.
pub struct Facility<'a> {
    /// The profile.
    pub profile: &'a Profile,
    /// The guideline in use.
    pub guideline: &'a Guideline,
    /// Its resolution.
    pub resolution: &'a Resolution,
    /// The rendered documents.
    pub rendered: &'a [RenderedDocument],
    /// Its records.
    pub records: &'a crate::records::Records,
}

/// The files of one checklist and the counts of its answers.
pub struct Made {
    /// `checklist-R8.md`, `.pdf`, `.xlsx`.
    pub files: Vec<OutputFile>,
    /// はい on the facility's form.
    pub yes: usize,
    /// いいえ on the facility's form.
    pub no: usize,
    /// Vendor forms.
    pub vendors: usize,
    /// Numbers of the 未確認 items of the facility's form.
    pub unconfirmed: Vec<String>,
}

/// Answers `edition` for a facility and lays it out as Markdown, (optionally) PDF and XLSX.
pub fn files(
    content: &Content,
    facility: &Facility<'_>,
    edition: &str,
    compare_with: Option<&str>,
    date: NaiveDate,
    pdf: bool,
) -> Result<Made, ChecklistError> {
    let edition: Edition = load_edition(content, edition)?;
    edition.check_requirements(facility.guideline)?;
    let old = compare_with.map(|e| load_edition(content, e)).transpose()?;
    let rule = obligations::load_rule(content)?;
    let inputs = answer::Inputs {
        profile: facility.profile,
        guideline: facility.guideline,
        resolution: facility.resolution,
        rendered: facility.rendered,
        date,
        rule: &rule,
        records: facility.records,
        edition: &edition.key,
    };
    let filled = answer::fill(&edition, &inputs);
    let changes = old.as_ref().map(|o| compare(o, &edition));
    let body = markdown::body(&filled, old.as_ref().zip(changes.as_deref()));
    let title = format!("{}　{}", edition.title, filled.facility_form_title);
    let stem = format!("checklist-{}", edition.key);
    let mut out = Vec::new();
    let md = format!("# {}\n\n{}", crate::render::escape_markdown(&title), body);
    out.push(OutputFile { path: format!("{stem}.md"), bytes: md.into_bytes() });
    let sources_title = crate::w!("checklist.sources_title", edition = edition.title);
    let sources = format!("# {}\n\n{}", crate::render::escape_markdown(&sources_title), markdown::sources(&edition));
    out.push(OutputFile { path: format!("{stem}-sources.md"), bytes: sources.into_bytes() });
    if pdf {
        let cover = Cover {
            ident: format!("{}/{stem}", facility.profile.id),
            title: title.clone(),
            facility: filled.facility_name.clone(),
            rows: vec![
                (crate::w!("cover.facility").to_owned(), filled.facility_name.clone()),
                (crate::w!("checklist.checked").to_owned(), wareki::format(date)),
                (
                    crate::w!("checklist.forms").to_owned(),
                    edition
                        .forms
                        .iter()
                        .map(|f| f.title.as_str())
                        .collect::<Vec<_>>()
                        .join(crate::w!("checklist.forms_separator")),
                ),
            ],
            date,
            draft_mark: String::new(),
        };
        out.push(OutputFile {
            path: format!("{stem}.pdf"),
            bytes: typeset::typeset(&cover, &body).map_err(ChecklistError::Typeset)?,
        });
    }
    let book = xlsx::workbook(&filled).map_err(|e| ChecklistError::Xlsx(e.to_string()))?;
    out.push(OutputFile { path: format!("{stem}.xlsx"), bytes: book });
    let count = |a| filled.facility.items.iter().filter(|i| i.answer == a).count();
    Ok(Made {
        files: out,
        yes: count(answer::Answer::Yes),
        no: count(answer::Answer::No),
        vendors: filled.vendors.len(),
        unconfirmed: filled
            .facility
            .items
            .iter()
            .filter(|i| i.answer == answer::Answer::Unconfirmed)
            .map(|i| i.item.display_number())
            .collect(),
    })
}

/// The facility folder `output` is the `checklist/` of (it holds a build's manifest), if any.
fn facility_folder(output: &Path) -> Option<&Path> {
    let folder = output.parent().filter(|_| output.file_name().is_some_and(|n| n == crate::write::CHECKLIST))?;
    folder.join(crate::write::MANIFEST).is_file().then_some(folder)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ChecklistError> {
    crate::write::write_file_atomic(path, bytes)
        .map_err(|e| ChecklistError::Io { path: path.to_owned(), source: e.source })
}

/// Writes the blank 事業者確認用 of `vendor` (its key) for the facility into `output`:
/// `vendor-form-<edition>-<vendor>.xlsx` and `.pdf`. Returns the files written.
pub fn vendor_form(
    content: &Content,
    profile: &Profile,
    edition: &str,
    vendor: &str,
    issued_on: NaiveDate,
    output: &Path,
) -> Result<Vec<PathBuf>, ChecklistError> {
    use super::vendor_form::{markdown, workbook, Issue};
    let edition = load_edition(content, edition)?;
    let found = profile.data.vendors.iter().find(|v| v.key == vendor).ok_or_else(|| ChecklistError::UnknownVendor {
        vendor: vendor.to_owned(),
        known: profile.data.vendors.iter().map(|v| v.key.as_str()).collect::<Vec<_>>().join(", "),
    })?;
    let issue = Issue {
        edition: edition.key.clone(),
        facility: profile.id.clone(),
        facility_name: profile.data.facility.name.clone(),
        vendor: found.key.clone(),
        vendor_name: found.name.clone(),
        issued_on,
    };
    let stem = format!("vendor-form-{}-{}", edition.key, found.key);
    let xlsx = workbook(&edition, &issue).map_err(|e| ChecklistError::Xlsx(e.to_string()))?;
    let title = crate::w!("vendor_form.title", edition = edition.title, vendor = found.name);
    let cover = Cover {
        ident: format!("{}/{stem}", profile.id),
        title: title.clone(),
        facility: issue.facility_name.clone(),
        rows: vec![
            (crate::w!("cover.facility").to_owned(), issue.facility_name.clone()),
            (crate::w!("checklist.vendor_name").to_owned(), found.name.clone()),
            (crate::w!("vendor_form.issued_on").to_owned(), wareki::format(issued_on)),
        ],
        date: issued_on,
        draft_mark: String::new(),
    };
    let pdf = typeset::typeset(&cover, &markdown(&edition, &issue)).map_err(ChecklistError::Typeset)?;
    std::fs::create_dir_all(output).map_err(|e| ChecklistError::Io { path: output.to_owned(), source: e })?;
    let mut written = Vec::new();
    for (ext, bytes) in [("xlsx", xlsx), ("pdf", pdf)] {
        let path = output.join(format!("{stem}.{ext}"));
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
