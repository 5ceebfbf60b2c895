//! `kitei report`: a vendor's overview of many built facilities, read from their manifests.
//!
//! Every fact comes from the `manifest.json` a build wrote (pattern, guideline, documents and their
//! approval state, the 課題一覧 as data), so a report needs no profile and merges the output
//! folders of several machines (shards). Rows: one per facility, those with overdue dated items
//! first; then the dated items (overdue first), the open items shared by facilities (one vendor's
//! missing answer in thirty clinics is one row) and the answers awaited per vendor. Written as
//! Markdown, CSV, JSON or one self-contained HTML file; facility text is escaped in every format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::{report_label as label, ReportLabel as L};
use crate::write::{self, ItemFact, Manifest};

/// One facility's row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FacilityRow {
    /// Facility id (its folder's name).
    pub id: String,
    /// The output folder it was read from.
    pub folder: PathBuf,
    /// Its name.
    pub name: String,
    /// Reference pattern.
    pub pattern: String,
    /// Guideline version of the last build.
    pub guideline: String,
    /// The last build's revision date.
    pub date: Option<NaiveDate>,
    /// Documents with their 版 and approval state.
    pub documents: Vec<DocumentRow>,
    /// Open items (undecided matters), with the profile field that closes each.
    pub open_items: Vec<ItemFact>,
    /// Dated checklist items, earliest due first.
    pub dated_items: Vec<ItemFact>,
    /// How many dated items are past due at the report's date.
    pub overdue: usize,
    /// Local edits needing review.
    pub local_review: Vec<String>,
    /// Vendors whose answers some item awaits.
    pub vendors: Vec<String>,
}

/// One document of a facility.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentRow {
    /// Document id.
    pub id: String,
    /// 版.
    pub version: u32,
    /// Draft, approved or register (a manifest without a state: draft).
    pub state: crate::write::DocumentState,
}

/// Facilities sharing one open item.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SharedItem {
    /// The profile field that closes it.
    pub key: String,
    /// What is to be decided.
    pub item: String,
    /// The facilities' ids.
    pub facilities: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    /// The date against which items are overdue.
    pub as_of: Option<NaiveDate>,
    /// One row per facility, overdue first.
    pub facilities: Vec<FacilityRow>,
    /// Open items by key, most widely shared first.
    pub shared_items: Vec<SharedItem>,
    /// Vendor → facilities awaiting its answers.
    pub vendors: BTreeMap<String, Vec<String>>,
}

/// Why a report cannot be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReportError {
    /// No facility output in the folders.
    #[error("{}", empty(.0))]
    Empty(String),
    /// The same facility in two folders: (id, first folder, second folder).
    #[error("{}", duplicate(.0, .1, .2))]
    Duplicate(String, String, String),
}

fn empty(folders: &str) -> String {
    crate::i18n::text(crate::i18n::Msg::Portfolio(crate::i18n::PortfolioMsg::ReportEmpty(folders)))
}

fn duplicate(id: &str, first: &str, second: &str) -> String {
    use crate::i18n::{text, Msg, PortfolioMsg};
    text(Msg::Portfolio(PortfolioMsg::ReportDuplicate { id, first, second }))
}

/// The facility folders under `roots`: a folder with a `manifest.json` is one facility, else each
/// of its subfolders that has one (sorted by name).
pub(crate) fn facility_folders(root: &Path) -> Vec<PathBuf> {
    if root.join(write::MANIFEST).is_file() {
        return vec![root.to_owned()];
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.retain(|p| p.join(write::MANIFEST).is_file());
    found.sort();
    found
}

/// Reads the facilities of `roots` (several shard folders merge) and builds the report as of
/// `as_of` (default: the newest build date among them).
pub(crate) fn gather(roots: &[PathBuf], as_of: Option<NaiveDate>) -> Result<Report, ReportError> {
    let mut manifests: Vec<(PathBuf, Manifest)> = Vec::new();
    for root in roots {
        for folder in facility_folders(root) {
            let Some(manifest) = write::read_manifest(&folder) else { continue };
            if let Some((first, _)) = manifests.iter().find(|(_, m)| m.facility == manifest.facility) {
                let (first, second) = (first.display().to_string(), folder.display().to_string());
                return Err(ReportError::Duplicate(manifest.facility.clone(), first, second));
            }
            manifests.push((folder, manifest));
        }
    }
    if manifests.is_empty() {
        let shown: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
        return Err(ReportError::Empty(shown.join(", ")));
    }
    let as_of = as_of.or_else(|| manifests.iter().filter_map(|(_, m)| m.facts.as_ref().map(|f| f.date)).max());
    let mut facilities: Vec<FacilityRow> = manifests.into_iter().map(|(f, m)| row(f, m, as_of)).collect();
    facilities.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.id.cmp(&b.id)));
    Ok(Report { as_of, shared_items: shared_items(&facilities), vendors: vendors(&facilities), facilities })
}

fn row(folder: PathBuf, manifest: Manifest, as_of: Option<NaiveDate>) -> FacilityRow {
    let documents = manifest
        .documents
        .iter()
        .map(|d| DocumentRow { id: d.id.clone(), version: d.version, state: d.state })
        .collect();
    let facts = manifest.facts.unwrap_or_else(|| write::FacilityFacts {
        name: manifest.facility.clone(),
        pattern: String::new(),
        date: NaiveDate::MIN,
        open_items: Vec::new(),
        dated_items: Vec::new(),
        local_review: Vec::new(),
        uncovered: Vec::new(),
        warnings: Vec::new(),
    });
    let mut dated_items = facts.dated_items;
    dated_items.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key.cmp(&b.key)));
    let overdue = dated_items.iter().filter(|i| as_of.is_some_and(|d| i.due < d)).count();
    let mut vendors: Vec<String> =
        facts.open_items.iter().chain(&dated_items).filter_map(|i| i.vendor.clone()).collect();
    vendors.sort();
    vendors.dedup();
    FacilityRow {
        id: manifest.facility,
        folder,
        name: facts.name,
        pattern: facts.pattern,
        guideline: manifest.guideline,
        date: (facts.date != NaiveDate::MIN).then_some(facts.date),
        documents,
        open_items: facts.open_items,
        dated_items,
        overdue,
        local_review: facts.local_review,
        vendors,
    }
}

fn shared_items(facilities: &[FacilityRow]) -> Vec<SharedItem> {
    let mut by_key: BTreeMap<String, SharedItem> = BTreeMap::new();
    for facility in facilities {
        for item in &facility.open_items {
            let entry = by_key.entry(item.key.clone()).or_insert_with(|| SharedItem {
                key: item.key.clone(),
                item: item.item.clone(),
                facilities: Vec::new(),
            });
            entry.facilities.push(facility.id.clone());
        }
    }
    let mut items: Vec<SharedItem> = by_key.into_values().collect();
    items.iter_mut().for_each(|i| i.facilities.sort());
    items.sort_by(|a, b| b.facilities.len().cmp(&a.facilities.len()).then_with(|| a.key.cmp(&b.key)));
    items
}

fn vendors(facilities: &[FacilityRow]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for facility in facilities {
        for vendor in &facility.vendors {
            map.entry(vendor.clone()).or_default().push(facility.id.clone());
        }
    }
    map.values_mut().for_each(|v| v.sort());
    map
}

impl FacilityRow {
    fn approved(&self) -> String {
        let approved = self.documents.iter().filter(|d| d.state == crate::write::DocumentState::Approved).count();
        format!("{approved}/{}", self.documents.len())
    }

    fn date_text(&self) -> String {
        self.date.map(|d| d.to_string()).unwrap_or_default()
    }
}

/// The dated items of every facility, overdue first then by due date: (facility, item, overdue).
fn dated_rows(report: &Report) -> Vec<(&FacilityRow, &ItemFact, bool)> {
    let mut rows: Vec<_> = report
        .facilities
        .iter()
        .flat_map(|f| f.dated_items.iter().map(move |i| (f, i, report.as_of.is_some_and(|d| i.due < d))))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.due.cmp(&b.1.due)).then_with(|| a.0.id.cmp(&b.0.id)));
    rows
}

/// The report as JSON.
pub(crate) fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

/// One CSV cell: quoted when needed, and a leading `= + - @` neutralised so a spreadsheet never
/// reads facility text as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The report as CSV: one row per facility (open item keys joined by `;`).
pub(crate) fn csv(report: &Report) -> String {
    let header = [
        "id",
        "name",
        "pattern",
        "guideline",
        "build_date",
        "documents_approved",
        "open_items",
        "dated_items",
        "overdue",
        "local_review",
        "vendors_awaited",
        "open_item_fields",
        "next_due",
    ];
    let mut out = header.join(",") + "\n";
    for f in &report.facilities {
        let keys: Vec<&str> = f.open_items.iter().map(|i| i.key.as_str()).collect();
        let next_due = f.dated_items.first().map(|i| i.due.to_string()).unwrap_or_default();
        let cells = [
            f.id.clone(),
            f.name.clone(),
            f.pattern.clone(),
            f.guideline.clone(),
            f.date_text(),
            f.approved(),
            f.open_items.len().to_string(),
            f.dated_items.len().to_string(),
            f.overdue.to_string(),
            f.local_review.len().to_string(),
            f.vendors.join(";"),
            keys.join(";"),
            next_due,
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A table: header and rows of already escaped cells.
struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// The report's sections as (heading, table), cells escaped with `escape`.
fn sections(report: &Report, escape: fn(&str) -> String) -> Vec<(&'static str, Table)> {
    let facilities = Table {
        header: vec![
            label(L::Facility),
            label(L::Pattern),
            label(L::Guideline),
            label(L::BuildDate),
            label(L::Documents),
            label(L::Open),
            label(L::Dated),
            label(L::Overdue),
            label(L::Review),
            label(L::Vendors),
        ],
        rows: report
            .facilities
            .iter()
            .map(|f| {
                vec![
                    escape(&format!("{} ({})", f.name, f.id)),
                    escape(&f.pattern),
                    escape(&f.guideline),
                    escape(&f.date_text()),
                    f.approved(),
                    f.open_items.len().to_string(),
                    f.dated_items.len().to_string(),
                    f.overdue.to_string(),
                    f.local_review.len().to_string(),
                    escape(&f.vendors.join(", ")),
                ]
            })
            .collect(),
    };
    let dated = Table {
        header: vec![label(L::Facility), label(L::Item), label(L::Due), label(L::Owner)],
        rows: dated_rows(report)
            .into_iter()
            .map(|(f, i, overdue)| {
                let due = if overdue { format!("{} ({})", i.due, label(L::OverdueMark)) } else { i.due.to_string() };
                vec![escape(&f.name), escape(&i.item), escape(&due), escape(&i.owner)]
            })
            .collect(),
    };
    let shared = Table {
        header: vec![label(L::Item), label(L::Field), label(L::Count), label(L::Facility)],
        rows: report
            .shared_items
            .iter()
            .map(|s| {
                vec![escape(&s.item), escape(&s.key), s.facilities.len().to_string(), escape(&s.facilities.join(", "))]
            })
            .collect(),
    };
    let vendors = Table {
        header: vec![label(L::Vendor), label(L::Count), label(L::Facility)],
        rows: report.vendors.iter().map(|(v, f)| vec![escape(v), f.len().to_string(), escape(&f.join(", "))]).collect(),
    };
    vec![
        (label(L::Facilities), facilities),
        (label(L::DatedSection), dated),
        (label(L::SharedItems), shared),
        (label(L::VendorSection), vendors),
    ]
}

fn as_of_line(report: &Report) -> String {
    format!("{}: {}", label(L::AsOf), report.as_of.map(|d| d.to_string()).unwrap_or_default())
}

/// The report as Markdown (facility text escaped, so a name never becomes markup).
pub(crate) fn markdown(report: &Report) -> String {
    let mut out = format!("# {}\n\n{}\n", label(L::Title), crate::render::escape_markdown(&as_of_line(report)));
    for (heading, table) in sections(report, crate::render::escape_markdown) {
        out.push_str(&format!("\n## {heading}\n\n"));
        if table.rows.is_empty() {
            out.push_str(&format!("{}\n", label(L::Nothing)));
            continue;
        }
        out.push_str(&format!("| {} |\n", table.header.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(table.header.len())));
        for row in &table.rows {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.3em .6em;text-align:left}\
th{background:#eee}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}";

/// The report as one self-contained HTML file (inline CSS, no script, every text escaped).
pub(crate) fn html(report: &Report) -> String {
    let title = escape_html(label(L::Title));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
        match crate::i18n::current() {
            crate::i18n::Lang::Ja => "ja",
            crate::i18n::Lang::En => "en",
        },
        escape_html(&as_of_line(report))
    );
    for (heading, table) in sections(report, escape_html) {
        out.push_str(&format!("<h2>{}</h2>\n", escape_html(heading)));
        if table.rows.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", escape_html(label(L::Nothing))));
            continue;
        }
        out.push_str("<table>\n<tr>");
        for cell in &table.header {
            out.push_str(&format!("<th>{}</th>", escape_html(cell)));
        }
        out.push_str("</tr>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            for cell in row {
                out.push_str(&format!("<td>{cell}</td>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_csv_escape_what_a_facility_wrote() {
        assert_eq!(
            escape_html("<script>\"a\"&'b'</script>"),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("plain"), "plain");
    }
}
