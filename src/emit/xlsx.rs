//! The filled checklist as an Excel workbook laid out like MHLW's: one sheet per form (the
//! facility's, then one 事業者確認用 per vendor), a title block, then a row per item with the
//! はい / いいえ columns marked ○, 確認日 and 目標日. kitei's evidence goes in a column at the right,
//! so the left part can be copied into the official workbook as it is.
//!
//! The workbook's creation date is pinned to the 確認日 (no wall clock), so the same inputs give
//! byte-identical files.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::checklist::answer::{Answer, FilledChecklist, FilledForm};
use crate::wareki;

/// Column headings of every sheet, in order (`checklist.xlsx_headings`, separated by `|`).
pub(crate) fn headings(wording: &crate::wording::Wording) -> Vec<&str> {
    crate::w!(wording, "checklist.xlsx_headings").split('|').collect()
}

/// The row (0-based) of the headings; items follow it.
pub(crate) const HEADING_ROW: u32 = 4;

/// The mark written in the chosen answer column.
pub(crate) const MARK: &str = "○";

/// Excel refuses a cell longer than 32,767 characters; a facility with thousands of systems would
/// list them all, so the list is cut with a visible mark.
fn within_cell_limit(text: String, wording: &crate::wording::Wording) -> String {
    const LIMIT: usize = 32_000;
    if text.chars().count() <= LIMIT {
        return text;
    }
    text.chars().take(LIMIT).chain(crate::w!(wording, "checklist.cut").chars()).collect()
}

/// Column widths (Excel's units, about one Latin character; a Japanese character takes two):
/// 番号, 確認項目, はい, いいえ, 確認日, 目標日, 根拠. Together they fit an A4 landscape page at
/// about 90 %. How far an item's wording was checked against MHLW's is not a column: the workbook
/// is what the facility submits, and that is the 根拠資料's (a working paper) to say.
const COLUMN_WIDTHS: [f64; 7] = [10.0, 46.0, 6.0, 6.0, 13.0, 13.0, 60.0];

/// Height in points of one line of body text and of the title (LibreOffice and Excel draw the
/// Japanese fonts taller than Latin ones; this leaves room for both).
const BODY_LINE: f64 = 15.0;
const TITLE_LINE: f64 = 19.0;

/// Excel's largest row height, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The width of all columns together.
fn full_width() -> f64 {
    COLUMN_WIDTHS.iter().sum()
}

/// The height a row needs so that each `(text, column width)` shows whole when wrapped: the
/// most lines any of its cells takes, estimated from the text's display width (a Japanese
/// character counts two units) against the column's width less its padding.
fn row_height(cells: &[(&str, f64)], line: f64) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let usable = (width - 1.5).max(1.0);
            text.split('\n')
                .map(|part| {
                    let units: usize = part.chars().map(|c| if crate::diagnostic::is_wide(c) { 2 } else { 1 }).sum();
                    ((units as f64) / usable).ceil().max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * line + 4.0).min(MAX_ROW_HEIGHT)
}

/// How a sheet prints, like MHLW's form: A4 landscape, one page wide, the title block and the
/// column headings repeated on every page, the table as the print area, and the はい / いいえ
/// columns accepting only the mark (or 記入不要) from a list.
fn print_setup(
    sheet: &mut Worksheet,
    last_row: u32,
    last_column: u16,
    wording: &crate::wording::Wording,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_footer("&P / &N");
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    sheet.set_print_area(0, 0, last_row.max(HEADING_ROW), last_column)?;
    if last_row > HEADING_ROW {
        let choice = DataValidation::new().allow_list_strings(&[MARK, crate::w!(wording, "answers.not_required")])?;
        sheet.add_data_validation(HEADING_ROW + 1, 2, last_row, 3, &choice)?;
    }
    Ok(())
}

/// The workbook as bytes.
pub(crate) fn workbook(filled: &FilledChecklist<'_>) -> Result<Vec<u8>, XlsxError> {
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
pub(crate) fn sheet_name(title: &str, vendor_number: Option<usize>) -> String {
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
    let wording = filled.wording;
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let title = Format::new().set_bold().set_font_size(13);
    let label = Format::new().set_bold();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let mark = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::Top);
    let to_confirm = mark.clone().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xFFF2CC));
    let title_text = crate::w!(wording, "checklist.sheet_title", edition = filled.edition.title, form = form.title);
    let last_column = (COLUMN_WIDTHS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last_column, &title_text, &title.clone().set_text_wrap().set_align(FormatAlign::Top))?;
    sheet.set_row_height(0, row_height(&[(&title_text, full_width() * 0.85)], TITLE_LINE))?;
    sheet.write_string_with_format(1, 0, crate::w!(wording, "cover.facility"), &label)?;
    sheet.write_string(1, 1, &filled.facility_name)?;
    if let Some(vendor) = &form.vendor {
        sheet.write_string_with_format(2, 0, crate::w!(wording, "checklist.vendor_name"), &label)?;
        sheet.write_string(2, 1, vendor)?;
    }
    sheet.write_string_with_format(3, 0, crate::w!(wording, "checklist.checked"), &label)?;
    sheet.write_string(3, 1, wareki::format(filled.checked))?;
    for (col, heading) in headings(wording).iter().enumerate() {
        sheet.write_string_with_format(HEADING_ROW, col as u16, *heading, &head)?;
    }
    for (i, a) in form.items.iter().enumerate() {
        let row = HEADING_ROW + 1 + i as u32;
        sheet.write_string_with_format(row, 0, a.item.display_number(wording), &cell)?;
        sheet.write_string_with_format(row, 1, &a.item.text, &cell)?;
        let (yes, no) = match a.answer {
            Answer::Yes => (MARK, ""),
            Answer::No => ("", MARK),
            // Neither is MHLW's answer: the facility confirms the row before it submits.
            Answer::Unconfirmed | Answer::Awaiting => (a.answer.label(wording), ""),
            Answer::NotRequired => (crate::w!(wording, "answers.not_required"), ""),
        };
        let answer_format =
            if matches!(a.answer, Answer::Unconfirmed | Answer::Awaiting) { &to_confirm } else { &mark };
        sheet.write_string_with_format(row, 2, yes, answer_format)?;
        sheet.write_string_with_format(row, 3, no, answer_format)?;
        sheet.write_string_with_format(row, 4, wareki::format(filled.checked), &cell)?;
        sheet.write_string_with_format(row, 5, a.target.map(wareki::format).unwrap_or_default(), &cell)?;
        let basis: Vec<&str> = a.evidence.iter().chain(&a.facts).chain(&a.reason).map(String::as_str).collect();
        let basis = within_cell_limit(basis.join(crate::w!(wording, "checklist.basis_separator")), wording);
        sheet.write_string_with_format(row, 6, &basis, &cell)?;
        sheet.set_row_height(
            row,
            row_height(&[(&a.item.text, COLUMN_WIDTHS[1]), (&basis, COLUMN_WIDTHS[6])], BODY_LINE),
        )?;
    }
    for (col, width) in COLUMN_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    let last_row = HEADING_ROW + form.items.len() as u32;
    print_setup(sheet, last_row, last_column, wording)?;
    Ok(())
}
