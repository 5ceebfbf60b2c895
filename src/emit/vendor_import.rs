//! Reads a vendor's filled 事業者確認用 back, refusing anything but the form kitei issued.
//!
//! The workbook comes from outside the facility, so it is read as hostile: a size cap and a
//! compression-ratio check before any XML is parsed, the hidden meta sheet must name this
//! facility, a vendor of the profile and a known edition, every row the form issued must be
//! where it was with the same item text (SHA-256; a changed text means the form must be issued
//! again), answers are exactly はい or いいえ typed as values (no formulas, no merged cells), and
//! sheets are at most [`MAX_ROWS`] rows. Every refusal names the cell (`sheet!C7`) and never
//! echoes what the cell holds. A blank answer is 回答待ち: it is left out of the record.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use thiserror::Error;

use super::vendor_form::{self, col, HEADING_ROW, META_ITEMS_ROW, META_SHEET};
use crate::checklist::Edition;
use crate::i18n::{text, Msg};
use crate::records::{VendorAnswer, YesNo};

/// The largest answers file read, in bytes (the form is about 10 KB).
pub(crate) const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// The most a single part of the workbook may expand to.
pub(crate) const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
/// The highest compression ratio accepted for a part larger than 1 MB.
pub(crate) const MAX_RATIO: u64 = 100;
/// The most rows a sheet of the form may have.
pub(crate) const MAX_ROWS: usize = 1_000;

/// Why the answers were refused (the message is for people, in the current language).
#[derive(Debug, Error)]
#[error("{message}")]
pub(crate) struct ImportError {
    /// What is wrong, naming the cell.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

impl ImportError {
    fn new(message: String) -> Self {
        Self { message, hint: None }
    }

    fn reissue(message: String) -> Self {
        Self { message, hint: Some(text(Msg::VendorReissueHint)) }
    }
}

/// The answers read from a form.
#[derive(Debug, Clone)]
pub(crate) struct ImportedAnswers {
    /// The vendor key (from the meta sheet, checked against the profile).
    pub vendor: String,
    /// The edition.
    pub edition: String,
    /// The date the form was issued.
    pub issued_on: NaiveDate,
    /// SHA-256 of the file.
    pub file_sha256: String,
    /// Answers given (blank ones left out).
    pub answers: Vec<VendorAnswer>,
    /// Items left blank (回答待ち).
    pub waiting: usize,
}

/// What the form must match: the facility id, the vendor keys of the profile, and the editions.
pub(crate) struct Expect<'a> {
    /// Facility id.
    pub facility: &'a str,
    /// Vendor keys.
    pub vendors: Vec<&'a str>,
    /// Loads an edition by key (None when kitei has no such edition).
    pub edition: &'a dyn Fn(&str) -> Option<Edition>,
    /// The wording the form was issued in.
    pub wording: &'a crate::wording::Wording,
}

/// The bytes of the file at `path`, refused past [`MAX_FILE_BYTES`].
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, ImportError> {
    let cannot = |e: std::io::Error| {
        ImportError::new(text(Msg::CannotRead {
            path: &path.display().to_string(),
            cause: &crate::i18n::io_reason(&e),
        }))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::new(text(Msg::VendorFileTooLarge(MAX_FILE_BYTES / (1024 * 1024)))));
    }
    Ok(bytes)
}

/// Reads the answers from the bytes of a workbook.
pub(crate) fn import(bytes: &[u8], expect: &Expect<'_>) -> Result<ImportedAnswers, ImportError> {
    check_zip(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == META_SHEET) {
        return Err(ImportError::reissue(text(Msg::VendorSheetMissing(META_SHEET))));
    }
    let meta = sheet(&mut book, META_SHEET)?;
    let value = |row: u32| cell_text(&meta, row, 1);
    let mismatch = |what: &str, row: u32| {
        ImportError::reissue(text(Msg::VendorMetaMismatch { what, cell: &cell_name(META_SHEET, row, 1) }))
    };
    if value(0) != vendor_form::FORM_ID {
        return Err(mismatch(crate::w!(expect.wording, "vendor_form.meta_form"), 0));
    }
    let edition = (expect.edition)(&value(1))
        .ok_or_else(|| mismatch(crate::w!(expect.wording, "vendor_form.meta_edition"), 1))?;
    if value(2) != expect.facility {
        return Err(mismatch(crate::w!(expect.wording, "vendor_form.meta_facility"), 2));
    }
    let vendor = value(3);
    if !expect.vendors.contains(&vendor.as_str()) {
        return Err(mismatch(crate::w!(expect.wording, "vendor_form.meta_vendor"), 3));
    }
    let issued_on = crate::load::dates::parse(&value(4))
        .map_err(|_| mismatch(crate::w!(expect.wording, "vendor_form.meta_issued"), 4))?;
    let visible_name = vendor_form::sheet_name(&edition);
    if !names.contains(&visible_name) {
        return Err(ImportError::reissue(text(Msg::VendorSheetMissing(&visible_name))));
    }
    for name in [META_SHEET, visible_name.as_str()] {
        refuse_formulas(&mut book, name)?;
        refuse_merged(&mut book, name)?;
    }
    let visible = sheet(&mut book, &visible_name)?;
    let (answers, waiting) = answers(&meta, &visible, &visible_name, &edition, expect.wording)?;
    Ok(ImportedAnswers {
        vendor,
        edition: edition.key.clone(),
        issued_on,
        file_sha256: crate::digest::sha256_hex(bytes),
        answers,
        waiting,
    })
}

/// Refuses a package whose parts expand far beyond their compressed size (a zip bomb) before
/// calamine inflates anything.
fn check_zip(bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
        let (size, packed) = (part.size(), part.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > MAX_PART_BYTES || (size > 1024 * 1024 && size / packed > MAX_RATIO) || total > 4 * MAX_PART_BYTES {
            return Err(ImportError::new(text(Msg::VendorZipBomb)));
        }
    }
    Ok(())
}

fn sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<calamine::Range<Data>, ImportError> {
    let range = book.worksheet_range(name).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
    if range.height() > MAX_ROWS || range.end().is_some_and(|(row, _)| row as usize >= MAX_ROWS) {
        return Err(ImportError::new(text(Msg::VendorTooManyRows { sheet: name, max: MAX_ROWS })));
    }
    Ok(range)
}

fn refuse_formulas(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<(), ImportError> {
    let formulas = book.worksheet_formula(name).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
    if let Some((row, column, _)) = formulas.used_cells().find(|(_, _, f)| !f.is_empty()) {
        let (top, left) = formulas.start().unwrap_or((0, 0));
        let cell = cell_name(name, top + row as u32, (left + column as u32) as u16);
        return Err(ImportError::new(text(Msg::VendorFormula(&cell))));
    }
    Ok(())
}

fn refuse_merged(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<(), ImportError> {
    let merged = book.merge_cells_by_sheet_name(name).map_err(|_| ImportError::new(text(Msg::VendorFileNotXlsx)))?;
    if let Some(region) = merged.first() {
        let cell = cell_name(name, region.start.0, region.start.1 as u16);
        return Err(ImportError::new(text(Msg::VendorMerged(&cell))));
    }
    Ok(())
}

/// The answers of every row the meta sheet lists, checked against the visible sheet.
fn answers(
    meta: &calamine::Range<Data>,
    visible: &calamine::Range<Data>,
    visible_name: &str,
    edition: &Edition,
    wording: &crate::wording::Wording,
) -> Result<(Vec<VendorAnswer>, usize), ImportError> {
    let items = vendor_form::vendor_items(edition);
    let mut seen: Vec<String> = Vec::new();
    let mut answers = Vec::new();
    let mut waiting = 0;
    let mut row = META_ITEMS_ROW + 1;
    loop {
        let key = cell_text(meta, row, 0);
        if key.is_empty() {
            break;
        }
        let meta_cell = cell_name(META_SHEET, row, 0);
        let Some(item) = items.iter().find(|i| i.key == key) else {
            return Err(ImportError::reissue(text(Msg::VendorUnknownItem(&meta_cell))));
        };
        if seen.contains(&key) {
            return Err(ImportError::reissue(text(Msg::VendorDuplicateItem(&meta_cell))));
        }
        seen.push(key.clone());
        let digest = cell_text(meta, row, 2);
        let at: u32 = cell_text(meta, row, 3)
            .parse::<u32>()
            .ok()
            .filter(|r| *r > HEADING_ROW + 1)
            .ok_or_else(|| ImportError::reissue(text(Msg::VendorMissingRow(&cell_name(META_SHEET, row, 3)))))?
            - 1;
        let text_cell = cell_name(visible_name, at, col::TEXT);
        let shown = cell_text(visible, at, col::TEXT);
        if shown.is_empty() {
            return Err(ImportError::reissue(text(Msg::VendorMissingRow(&text_cell))));
        }
        if vendor_form::text_digest(&shown) != digest || vendor_form::text_digest(&item.text) != digest {
            return Err(ImportError::reissue(text(Msg::VendorTextChanged(&text_cell))));
        }
        let answer_cell = cell_name(visible_name, at, col::ANSWER);
        let answer = match visible.get_value((at, u32::from(col::ANSWER))) {
            None | Some(Data::Empty) => None,
            Some(Data::String(s)) if s.trim().is_empty() => None,
            Some(Data::String(s)) if s.trim() == crate::w!(wording, "answers.yes") => Some(YesNo::Yes),
            Some(Data::String(s)) if s.trim() == crate::w!(wording, "answers.no") => Some(YesNo::No),
            Some(_) => return Err(ImportError::new(text(Msg::VendorBadAnswer(&answer_cell)))),
        };
        let date_cell = cell_name(visible_name, at, col::DATE);
        let date = match visible.get_value((at, u32::from(col::DATE))) {
            None | Some(Data::Empty) => None,
            Some(Data::DateTime(d)) => {
                Some(excel_date(d.as_f64()).ok_or_else(|| ImportError::new(text(Msg::VendorBadDate(&date_cell))))?)
            }
            Some(Data::String(s)) if s.trim().is_empty() => None,
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) => Some(
                crate::load::dates::parse(s.get(..10.min(s.len())).unwrap_or(s))
                    .or_else(|_| crate::load::dates::parse(s))
                    .map_err(|_| ImportError::new(text(Msg::VendorBadDate(&date_cell))))?,
            ),
            Some(_) => return Err(ImportError::new(text(Msg::VendorBadDate(&date_cell)))),
        };
        match answer {
            Some(answer) => answers.push(VendorAnswer { item: key, answer, date }),
            None => waiting += 1,
        }
        row += 1;
    }
    if let Some(missing) = items.iter().find(|i| !seen.contains(&i.key)) {
        let _ = missing;
        return Err(ImportError::reissue(text(Msg::VendorMissingRow(&cell_name(META_SHEET, row, 0)))));
    }
    Ok((answers, waiting))
}

/// The date of an Excel serial day number (day 1 is 1900-01-01, counted from 1899-12-30 for
/// Excel's leap-year quirk), within the years a profile accepts.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=200_000.0).contains(&serial) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))?;
    let year = chrono::Datelike::year(&date);
    (crate::load::dates::FIRST_YEAR..=crate::load::dates::LAST_YEAR).contains(&year).then_some(date)
}

/// A cell's text as shown (numbers and dates as calamine prints them), or empty.
fn cell_text(range: &calamine::Range<Data>, row: u32, column: u16) -> String {
    match range.get_value((row, u32::from(column))) {
        None | Some(Data::Empty) => String::new(),
        Some(value) => value.to_string(),
    }
}

/// `sheet!C7` for a 0-based row and column.
pub(crate) fn cell_name(sheet: &str, row: u32, column: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(column) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{sheet}!{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_does() {
        assert_eq!(cell_name("s", 0, 0), "s!A1");
        assert_eq!(cell_name("s", 6, 2), "s!C7");
        assert_eq!(cell_name("s", 0, 26), "s!AA1");
    }
}
