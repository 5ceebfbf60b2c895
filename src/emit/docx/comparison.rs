//! The 新旧対照表 as a `.docx`: A4 landscape, 改正後 | 改正前 | 備考, changed characters
//! underlined (傍線), runs of unchanged articles as （略）, the header row repeated on every page.

use super::package::{self, Page, Parts};
use super::{paragraph, run, table, Cell, DocxError, RunStyle};
use crate::diff::{Comparison, Remark, Span};
use crate::w;

/// The `.docx` of a comparison (`full`: unchanged articles in full instead of （略）).
pub(crate) fn comparison(comparison: &Comparison, full: bool) -> Result<Vec<u8>, DocxError> {
    let wording = comparison.wording;
    let title = w!(wording, "comparison.title", title = comparison.title);
    let mut body = paragraph("Heading1", &run(&title, RunStyle { bold: true, ..RunStyle::default() }));
    if let Some(facts) = &comparison.facts {
        body.push_str(&paragraph("Note", &run(facts, RunStyle::default())));
    }
    body.push_str(&paragraph("Note", &run(w!(wording, "comparison.note"), RunStyle::default())));
    let mut rows = vec![vec![
        Cell::text(w!(wording, "comparison.after")),
        Cell::text(w!(wording, "comparison.before")),
        Cell::text(w!(wording, "comparison.remarks")),
    ]];
    let mut collapsed = false;
    for row in &comparison.rows {
        if row.remark == Remark::Unchanged && !full {
            if !collapsed {
                rows.push(vec![
                    Cell::text(w!(wording, "comparison.omitted")),
                    Cell::text(w!(wording, "comparison.omitted")),
                    Cell::default(),
                ]);
            }
            collapsed = true;
            continue;
        }
        collapsed = false;
        rows.push(vec![cell(&row.new), cell(&row.old), Cell::text(row.remark.label(wording))]);
    }
    let width = Page::LANDSCAPE.text_width();
    let remarks = 900;
    let side = (width - remarks) / 2;
    body.push_str(&table(&rows, 1, &[side, side, remarks], true));
    let parts = Parts {
        title: &title,
        facility: comparison.facts.as_deref().unwrap_or_default(),
        body: &body,
        page: Page::LANDSCAPE,
        cover: false,
        wording,
        media: &[],
    };
    package::package(&parts).map_err(|source| DocxError { document: title.clone(), source })
}

/// Spans as runs: marked ones underlined, each line of the unit on a line of its own.
fn cell(spans: &[Span]) -> Cell {
    let mut runs = String::new();
    let mut width = 0;
    for span in spans {
        let text = &span.text;
        let style = RunStyle { underline: span.marked && !text.trim().is_empty(), ..RunStyle::default() };
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                runs.push_str("<w:r><w:br/></w:r>");
            }
            runs.push_str(&run(line, style));
            width = width.max(super::display_width(line));
        }
    }
    Cell { runs, width }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_characters_are_underlined_and_the_header_repeats() {
        let old = "# 規程\n\n<!-- article:pw -->\n#### 第1条（パスワード）\n\n定期的に変更する。\n";
        let new = "# 規程\n\n<!-- article:pw -->\n#### 第1条（パスワード）\n\n変更を求めない。\n";
        let bytes = comparison(&crate::diff::compare(old, new, crate::wording::embedded()), false).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains(r#"<w:u w:val="single"/>"#), "{xml}");
        assert!(xml.contains("<w:tblHeader/>") && xml.contains(r#"w:orient="landscape""#));
        assert!(xml.contains("規程 新旧対照表") && xml.contains("変更"));
    }
}
