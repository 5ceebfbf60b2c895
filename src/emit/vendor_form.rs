//! The blank 事業者確認用 a vendor fills in, and the facts the import checks it against.
//!
//! A vendor answers the items it carries in a workbook kitei issued: a visible sheet (number,
//! item, an answer cell that only takes はい or いいえ, a date cell) and a hidden meta sheet that
//! says what was issued — form id, edition, facility, vendor, issue date, and for every row the
//! item key, its number and the SHA-256 of the item text as issued. The import
//! ([`crate::emit::vendor_import`]) reads the meta sheet back, so an edited item text, a
//! moved row or a form for another facility is refused with the cell named. Written with
//! rust_xlsxwriter like the checklist workbook; the creation date is the issue date, so the same
//! inputs give the same bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    XlsxError,
};

use crate::checklist::{Edition, FormKey, Item};
use crate::digest::sha256_hex;
use crate::wareki;

/// The form id in the meta sheet: the layout's name and version.
pub(crate) const FORM_ID: &str = "kitei-vendor-form/1";

/// The hidden sheet's name.
pub(crate) const META_SHEET: &str = "meta";

/// The row (0-based) of the visible sheet's headings; items follow it.
pub(crate) const HEADING_ROW: u32 = 5;

/// The meta sheet's row (0-based) of the per-item headings; items follow it.
pub(crate) const META_ITEMS_ROW: u32 = 7;

/// Columns of the visible sheet.
pub(crate) mod col {
    /// 番号.
    pub(crate) const NUMBER: u16 = 0;
    /// 確認項目.
    pub(crate) const TEXT: u16 = 1;
    /// 回答.
    pub(crate) const ANSWER: u16 = 2;
    /// 確認日.
    pub(crate) const DATE: u16 = 3;
}

/// What a form was issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    /// The edition key (R8).
    pub edition: String,
    /// The facility id.
    pub facility: String,
    /// The facility's name (shown).
    pub facility_name: String,
    /// The vendor key.
    pub vendor: String,
    /// The vendor's name (shown).
    pub vendor_name: String,
    /// The issue date.
    pub issued_on: NaiveDate,
}

/// The items a vendor answers, in the edition's order.
pub(crate) fn vendor_items(edition: &Edition) -> Vec<&Item> {
    edition.items.iter().filter(|i| i.forms.contains(&FormKey::Vendor)).collect()
}

/// The SHA-256 of an item's text as the form shows it.
pub(crate) fn text_digest(text: &str) -> String {
    sha256_hex(text.as_bytes())
}

/// The visible sheet's name: the edition's title of the vendor form (Excel's forbidden
/// characters removed, at most 31).
pub(crate) fn sheet_name(edition: &Edition) -> String {
    let title = edition.form(FormKey::Vendor).map(|f| f.title.as_str()).unwrap_or(FORM_ID);
    title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

/// The workbook.
pub(crate) fn workbook(
    edition: &Edition,
    issue: &Issue,
    wording: &crate::wording::Wording,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(issue.issued_on.year()).unwrap_or(2026),
        issue.issued_on.month() as u8,
        issue.issued_on.day() as u8,
    )?;
    let title = crate::w!(wording, "vendor_form.title", edition = edition.title, vendor = issue.vendor_name);
    book.set_properties(&DocProperties::new().set_title(&title).set_creation_datetime(&created));
    let items = vendor_items(edition);
    visible_sheet(&mut book, edition, issue, &items, &title, wording)?;
    meta_sheet(&mut book, issue, &items, wording)?;
    book.save_to_buffer()
}

fn visible_sheet(
    book: &mut Workbook,
    edition: &Edition,
    issue: &Issue,
    items: &[&Item],
    title: &str,
    wording: &crate::wording::Wording,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(edition))?;
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let answer = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_unlocked()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xFFF2CC));
    let date = answer.clone().set_num_format("yyyy/mm/dd");
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(13))?;
    let header = [
        (crate::w!(wording, "cover.facility"), issue.facility_name.clone()),
        (crate::w!(wording, "checklist.vendor_name"), issue.vendor_name.clone()),
        (crate::w!(wording, "vendor_form.issued_on"), wareki::format(issue.issued_on)),
    ];
    for (row, (label, value)) in header.iter().enumerate() {
        sheet.write_string_with_format(row as u32 + 1, 0, *label, &bold)?;
        sheet.write_string(row as u32 + 1, 1, value)?;
    }
    sheet.write_string(4, 0, crate::w!(wording, "vendor_form.instructions"))?;
    for (column, heading) in crate::w!(wording, "vendor_form.headings").split('|').enumerate() {
        sheet.write_string_with_format(HEADING_ROW, column as u16, heading, &head)?;
    }
    for (i, item) in items.iter().enumerate() {
        let row = HEADING_ROW + 1 + i as u32;
        sheet.write_string_with_format(row, col::NUMBER, item.display_number(wording), &cell)?;
        sheet.write_string_with_format(row, col::TEXT, &item.text, &cell)?;
        sheet.write_blank(row, col::ANSWER, &answer)?;
        sheet.write_blank(row, col::DATE, &date)?;
    }
    if let Some(last) = (!items.is_empty()).then(|| HEADING_ROW + items.len() as u32) {
        let yes_no = DataValidation::new()
            .allow_list_strings(&[crate::w!(wording, "answers.yes"), crate::w!(wording, "answers.no")])?
            .set_error_message(crate::w!(wording, "vendor_form.answer_error"))?;
        sheet.add_data_validation(HEADING_ROW + 1, col::ANSWER, last, col::ANSWER, &yes_no)?;
        let earliest = ExcelDateTime::from_ymd(2000, 1, 1)?;
        let dates = DataValidation::new().allow_date(DataValidationRule::GreaterThanOrEqualTo(earliest));
        sheet.add_data_validation(HEADING_ROW + 1, col::DATE, last, col::DATE, &dates)?;
    }
    for (column, width) in [(col::NUMBER, 12.0), (col::TEXT, 70.0), (col::ANSWER, 12.0), (col::DATE, 14.0)] {
        sheet.set_column_width(column, width)?;
    }
    Ok(())
}

fn meta_sheet(
    book: &mut Workbook,
    issue: &Issue,
    items: &[&Item],
    wording: &crate::wording::Wording,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(META_SHEET)?;
    sheet.set_hidden(true);
    let pairs = [
        ("form", FORM_ID.to_owned()),
        ("edition", issue.edition.clone()),
        ("facility", issue.facility.clone()),
        ("vendor", issue.vendor.clone()),
        ("issued_on", issue.issued_on.to_string()),
        ("first_row", (HEADING_ROW + 2).to_string()),
    ];
    for (row, (key, value)) in pairs.iter().enumerate() {
        sheet.write_string(row as u32, 0, *key)?;
        sheet.write_string(row as u32, 1, value)?;
    }
    for (column, heading) in ["key", "number", "sha256", "row"].iter().enumerate() {
        sheet.write_string(META_ITEMS_ROW, column as u16, *heading)?;
    }
    for (i, item) in items.iter().enumerate() {
        let row = META_ITEMS_ROW + 1 + i as u32;
        sheet.write_string(row, 0, &item.key)?;
        sheet.write_string(row, 1, item.display_number(wording))?;
        sheet.write_string(row, 2, text_digest(&item.text))?;
        sheet.write_string(row, 3, (HEADING_ROW + 2 + i as u32).to_string())?;
    }
    Ok(())
}

/// The blank form as Markdown (for the PDF): the same rows, with empty answer and date columns.
pub(crate) fn markdown(edition: &Edition, issue: &Issue, wording: &crate::wording::Wording) -> String {
    use crate::render::escape_markdown as esc;
    let mut out = String::new();
    out.push_str(&crate::w!(
        wording,
        "vendor_form.about",
        facility = esc(&issue.facility_name),
        vendor = esc(&issue.vendor_name),
        issued = wareki::format(issue.issued_on)
    ));
    out.push('\n');
    out.push_str(crate::w!(wording, "vendor_form.table"));
    out.push('\n');
    for item in vendor_items(edition) {
        out.push_str(&format!(
            "| {} | {} | {} | |\n",
            esc(&item.display_number(wording)),
            esc(&item.text),
            crate::w!(wording, "vendor_form.choice")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Content;

    #[test]
    fn the_form_has_a_hidden_meta_sheet_with_a_digest_per_row() {
        let content = Content::embedded();
        let edition = crate::checklist::load_edition(&content, "R8", crate::wording::embedded()).unwrap();
        let issue = Issue {
            edition: "R8".into(),
            facility: "f".into(),
            facility_name: "F".into(),
            vendor: "v".into(),
            vendor_name: "V".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        };
        let bytes = workbook(&edition, &issue, crate::wording::embedded()).unwrap();
        assert_eq!(bytes, workbook(&edition, &issue, crate::wording::embedded()).unwrap(), "deterministic");
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let meta = book.worksheet_range(META_SHEET).unwrap();
        assert_eq!(meta.get_value((0, 1)).unwrap().to_string(), FORM_ID);
        let first = &vendor_items(&edition)[0];
        assert_eq!(meta.get_value((META_ITEMS_ROW + 1, 0)).unwrap().to_string(), first.key);
        assert_eq!(meta.get_value((META_ITEMS_ROW + 1, 2)).unwrap().to_string(), text_digest(&first.text));
        let visible = book.worksheet_range(&sheet_name(&edition)).unwrap();
        assert_eq!(visible.get_value((HEADING_ROW + 1, 1)).unwrap().to_string(), first.text);
    }
}
