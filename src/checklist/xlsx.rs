//! The filled checklist as an Excel workbook laid out like MHLW's: one sheet per form (the
//! facility's, then one 事業者確認用 per vendor), a title block, then a row per item with the
//! はい / いいえ columns marked ○, 確認日 and 目標日. kitei's evidence goes in a column at the right,
//! so the left part can be copied into the official workbook as it is.
//!
//! The workbook's creation date is pinned to the 確認日 (no wall clock), so the same inputs give
//! byte-identical files.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::answer::{Answer, FilledChecklist, FilledForm};
use crate::wareki;

/// Column headings of every sheet, in order (`checklist.xlsx_headings`, separated by `|`).
pub fn headings() -> Vec<&'static str> {
    crate::w!("checklist.xlsx_headings").split('|').collect()
}

/// The row (0-based) of the headings; items follow it.
pub const HEADING_ROW: u32 = 4;

/// The mark written in the chosen answer column.
pub const MARK: &str = "○";

/// Excel refuses a cell longer than 32,767 characters; a facility with thousands of systems would
/// list them all, so the list is cut with a visible mark.
fn within_cell_limit(text: String) -> String {
    const LIMIT: usize = 32_000;
    if text.chars().count() <= LIMIT {
        return text;
    }
    text.chars().take(LIMIT).chain(crate::w!("checklist.cut").chars()).collect()
}

/// The workbook as bytes.
pub fn workbook(filled: &FilledChecklist<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(chrono::Datelike::year(&filled.checked)).unwrap_or(2026),
        chrono::Datelike::month(&filled.checked) as u8,
        chrono::Datelike::day(&filled.checked) as u8,
    )?;
    let properties =
        DocProperties::new().set_title(&filled.edition.title).set_author("kitei").set_creation_datetime(&created);
    book.set_properties(&properties);
    write_sheet(&mut book, filled, &filled.facility, sheet_name(&filled.facility.title, None))?;
    for (n, form) in filled.vendors.iter().enumerate() {
        write_sheet(&mut book, filled, form, sheet_name(&form.title, Some(n + 1)))?;
    }
    book.save_to_buffer()
}

/// The sheet name of a form: its title, numbered for vendor forms (Excel allows no `[]:*?/\` and
/// at most 31 characters, so vendor names stay in the sheet, not in its name).
pub fn sheet_name(title: &str, vendor_number: Option<usize>) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(24).collect();
    match vendor_number {
        Some(n) => format!("{clean}_{n}"),
        None => clean,
    }
}

fn write_sheet(
    book: &mut Workbook,
    filled: &FilledChecklist<'_>,
    form: &FilledForm<'_>,
    name: String,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let title = Format::new().set_bold().set_font_size(13);
    let label = Format::new().set_bold();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let mark = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::Top);
    let to_confirm = mark.clone().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xFFF2CC));
    sheet.write_string_with_format(
        0,
        0,
        crate::w!("checklist.sheet_title", edition = filled.edition.title, form = form.title),
        &title,
    )?;
    sheet.write_string_with_format(1, 0, crate::w!("cover.facility"), &label)?;
    sheet.write_string(1, 1, &filled.facility_name)?;
    if let Some(vendor) = &form.vendor {
        sheet.write_string_with_format(2, 0, crate::w!("checklist.vendor_name"), &label)?;
        sheet.write_string(2, 1, vendor)?;
    }
    sheet.write_string_with_format(3, 0, crate::w!("checklist.checked"), &label)?;
    sheet.write_string(3, 1, wareki::format(filled.checked))?;
    for (col, heading) in headings().iter().enumerate() {
        sheet.write_string_with_format(HEADING_ROW, col as u16, *heading, &head)?;
    }
    for (i, a) in form.items.iter().enumerate() {
        let row = HEADING_ROW + 1 + i as u32;
        sheet.write_string_with_format(row, 0, a.item.display_number(), &cell)?;
        sheet.write_string_with_format(row, 1, &a.item.text, &cell)?;
        let (yes, no) = match a.answer {
            Answer::Yes => (MARK, ""),
            Answer::No => ("", MARK),
            // Neither is MHLW's answer: the facility confirms the row before it submits.
            Answer::Unconfirmed | Answer::Awaiting => (a.answer.label(), ""),
            Answer::NotRequired => (crate::w!("answers.not_required"), ""),
        };
        let answer_format =
            if matches!(a.answer, Answer::Unconfirmed | Answer::Awaiting) { &to_confirm } else { &mark };
        sheet.write_string_with_format(row, 2, yes, answer_format)?;
        sheet.write_string_with_format(row, 3, no, answer_format)?;
        sheet.write_string_with_format(row, 4, wareki::format(filled.checked), &cell)?;
        sheet.write_string_with_format(row, 5, a.target.map(wareki::format).unwrap_or_default(), &cell)?;
        let basis: Vec<&str> = a.evidence.iter().chain(&a.facts).chain(&a.reason).map(String::as_str).collect();
        sheet.write_string_with_format(
            row,
            6,
            within_cell_limit(basis.join(crate::w!("checklist.basis_separator"))),
            &cell,
        )?;
        sheet.write_string_with_format(
            row,
            7,
            if a.item.verified { crate::w!("checklist.verified") } else { crate::w!("checklist.unverified") },
            &cell,
        )?;
    }
    for (col, width) in [(0u16, 14.0), (1, 48.0), (2, 7.0), (3, 7.0), (4, 16.0), (5, 16.0), (6, 60.0), (7, 10.0)] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}
