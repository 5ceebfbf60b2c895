//! The yearly checklist's files: the edition answered for a facility (from its rendered document
//! set) as Markdown, PDF and XLSX, and a vendor's blank 事業者確認用. `kitei build` adds [`files`]
//! to a facility's folder; `kitei checklist` writes them through [`crate::write::checklist`].

use chrono::NaiveDate;

use super::manifest::OutputFile;
use super::typeset::{self, Cover};
use super::xlsx;
use crate::checklist::{answer, compare, load_edition, markdown, ChecklistError, Edition};
use crate::load::{Content, Profile};
use crate::model::Guideline;
use crate::render::RenderedDocument;
use crate::resolve::Resolution;
use crate::wareki;

/// What answering needs of a facility.
pub(crate) struct Facility<'a> {
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
    /// The facility's wording.
    pub wording: &'static crate::wording::Wording,
    /// The content every facility shares.
    pub shared: &'a crate::load::SharedContent,
}

impl<'a> Facility<'a> {
    /// What a rendered facility offers for answering (a build's checklist and `kitei checklist`
    /// answer from the same render).
    pub(crate) fn of(rendered: &'a crate::render::Rendered) -> Self {
        Self {
            profile: &rendered.profile,
            guideline: &rendered.guideline,
            resolution: &rendered.resolution,
            rendered: &rendered.documents,
            records: &rendered.records,
            wording: rendered.wording,
            shared: &rendered.shared,
        }
    }
}

/// The files of one checklist and the counts of its answers. Where each item comes from is not
/// among them: it is a section of the facility's 根拠資料 ([`super::sources`]).
pub(crate) struct Made {
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
pub(crate) fn files(
    content: &Content,
    facility: &Facility<'_>,
    edition: &str,
    compare_with: Option<&str>,
    date: NaiveDate,
    pdf: bool,
) -> Result<Made, ChecklistError> {
    let wording = facility.wording;
    let edition: Edition = load_edition(content, edition, wording)?;
    edition.check_requirements(facility.guideline)?;
    let old = compare_with.map(|e| load_edition(content, e, wording)).transpose()?;
    let inputs = answer::Inputs {
        profile: facility.profile,
        guideline: facility.guideline,
        resolution: facility.resolution,
        rendered: facility.rendered,
        date,
        shared: facility.shared,
        records: facility.records,
        edition: &edition.key,
        wording,
    };
    let filled = answer::fill(&edition, &inputs);
    let changes = old.as_ref().map(|o| compare(o, &edition));
    let body = markdown::body(&filled, old.as_ref().zip(changes.as_deref()));
    let title = format!("{}　{}", edition.title, filled.facility_form_title);
    let stem = format!("checklist-{}", edition.key);
    let mut out = Vec::new();
    let md = format!("# {}\n\n{}", crate::render::escape_markdown(&title), body);
    out.push(OutputFile { path: format!("{stem}.md"), bytes: md.into_bytes() });
    if pdf {
        let cover = Cover {
            ident: format!("{}/{stem}", facility.profile.id),
            title: title.clone(),
            facility: filled.facility_name.clone(),
            rows: vec![
                (crate::w!(wording, "cover.facility").to_owned(), filled.facility_name.clone()),
                (crate::w!(wording, "checklist.checked").to_owned(), wareki::format(date)),
                (
                    crate::w!(wording, "checklist.forms").to_owned(),
                    edition
                        .forms
                        .iter()
                        .map(|f| f.title.as_str())
                        .collect::<Vec<_>>()
                        .join(crate::w!(wording, "checklist.forms_separator")),
                ),
            ],
            date,
            draft_mark: String::new(),
            wording,
        };
        out.push(OutputFile {
            path: format!("{stem}.pdf"),
            bytes: typeset::typeset(&cover, &body).map_err(|e| ChecklistError::Typeset(Box::new(e)))?,
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
            .map(|i| i.item.display_number(wording))
            .collect(),
    })
}

/// The blank 事業者確認用 of `vendor` (its key) for the facility:
/// `vendor-form-<edition>-<vendor>.xlsx` and `.pdf`.
pub(crate) fn vendor_form_files(
    content: &Content,
    profile: &Profile,
    edition: &str,
    vendor: &str,
    issued_on: NaiveDate,
    wording: &'static crate::wording::Wording,
) -> Result<Vec<OutputFile>, ChecklistError> {
    use super::vendor_form::{markdown, workbook, Issue};
    let edition = load_edition(content, edition, wording)?;
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
    let xlsx = workbook(&edition, &issue, wording).map_err(|e| ChecklistError::Xlsx(e.to_string()))?;
    let title = crate::w!(wording, "vendor_form.title", edition = edition.title, vendor = found.name);
    let cover = Cover {
        ident: format!("{}/{stem}", profile.id),
        title: title.clone(),
        facility: issue.facility_name.clone(),
        rows: vec![
            (crate::w!(wording, "cover.facility").to_owned(), issue.facility_name.clone()),
            (crate::w!(wording, "checklist.vendor_name").to_owned(), found.name.clone()),
            (crate::w!(wording, "vendor_form.issued_on").to_owned(), wareki::format(issued_on)),
        ],
        date: issued_on,
        draft_mark: String::new(),
        wording,
    };
    let pdf = typeset::typeset(&cover, &markdown(&edition, &issue, wording))
        .map_err(|e| ChecklistError::Typeset(Box::new(e)))?;
    Ok(vec![
        OutputFile { path: format!("{stem}.xlsx"), bytes: xlsx },
        OutputFile { path: format!("{stem}.pdf"), bytes: pdf },
    ])
}
