//! Printing a [`Comparison`]: Markdown for review, typst for the PDF that goes to approval.

use super::typeset::markup::{escape, string_literal};
use crate::diff::{Comparison, Remark, Row, Span};
use crate::render::escape_markdown;
use crate::w;

/// The table as Markdown. Changed characters are wrapped in `<ins>` (rendered as underline);
/// unchanged rows collapse to （略） unless `full`.
pub(crate) fn markdown(comparison: &Comparison, full: bool) -> String {
    let facts = comparison.facts.as_deref().map(|f| format!("{}\n\n", escape_markdown(f))).unwrap_or_default();
    let mut out = format!(
        "# {}\n\n{facts}{}\n\n| {} | {} | {} |\n|---|---|---|\n",
        w!(comparison.wording, "comparison.title", title = escape_markdown(&comparison.title)),
        w!(comparison.wording, "comparison.note"),
        w!(comparison.wording, "comparison.after"),
        w!(comparison.wording, "comparison.before"),
        w!(comparison.wording, "comparison.remarks")
    );
    for row in shown_rows(comparison, full) {
        match row {
            None => out.push_str(&format!(
                "| {omitted} | {omitted} | |\n",
                omitted = w!(comparison.wording, "comparison.omitted")
            )),
            Some(row) => out.push_str(&format!(
                "| {} | {} | {} |\n",
                cell_markdown(&row.new),
                cell_markdown(&row.old),
                row.remark.label(comparison.wording)
            )),
        }
    }
    out
}

/// The rows a table shows: every row with `full`, else changed rows with each run of unchanged
/// rows collapsed into one `None` (printed as （略）).
fn shown_rows(comparison: &Comparison, full: bool) -> Vec<Option<&Row>> {
    let mut shown: Vec<Option<&Row>> = Vec::new();
    for row in &comparison.rows {
        match (row.remark == Remark::Unchanged && !full, shown.last()) {
            (true, Some(None)) => {}
            (true, _) => shown.push(None),
            (false, _) => shown.push(Some(row)),
        }
    }
    shown
}

fn cell_markdown(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = escape_markdown_multiline(&s.text);
            if s.marked && !s.text.trim().is_empty() {
                format!("<ins>{text}</ins>")
            } else {
                text
            }
        })
        .collect()
}

fn escape_markdown_multiline(text: &str) -> String {
    text.split('\n').map(escape_markdown).collect::<Vec<_>>().join("<br>")
}

/// The table as a complete typst source (A4 landscape, two text columns and remarks).
pub(crate) fn typst(comparison: &Comparison, full: bool) -> String {
    let title = string_literal(&w!(comparison.wording, "comparison.title", title = comparison.title));
    let mut out = format!(
        r#"#set document(title: {title}, date: none)
#set page(paper: "a4", flipped: true, margin: (x: 15mm, y: 15mm), footer: context align(center, text(size: 8pt, counter(page).display("1 / 1", both: true))))
#set text(lang: "ja", region: "JP", font: ("BIZ UDPMincho",), size: 9pt)
#set par(justify: false, leading: 0.7em)
#set smartquote(enabled: false)
#align(center, text(font: "BIZ UDPGothic", weight: "bold", size: 14pt, {title}))
#align(center, text(size: 10pt)[{facts}])
#align(right, text(size: 9pt)[{note}])
#table(columns: (1fr, 1fr, 3.2em), stroke: 0.5pt, inset: 5pt,
  table.header(..([{after}], [{before}], [{remarks}]).map(c => align(center, text(font: "BIZ UDPGothic", weight: "bold", c)))),
"#,
        facts = escape(comparison.facts.as_deref().unwrap_or_default()),
        note = escape(w!(comparison.wording, "comparison.note")),
        after = escape(w!(comparison.wording, "comparison.after")),
        before = escape(w!(comparison.wording, "comparison.before")),
        remarks = escape(w!(comparison.wording, "comparison.remarks")),
    );
    for row in shown_rows(comparison, full) {
        match row {
            None => out.push_str(&format!(
                "  [{omitted}], [{omitted}], [],\n",
                omitted = escape(w!(comparison.wording, "comparison.omitted"))
            )),
            Some(row) => out.push_str(&typst_row(row, comparison.wording)),
        }
    }
    out.push_str(")\n");
    out
}

fn typst_row(row: &Row, wording: &crate::wording::Wording) -> String {
    format!("  [{}], [{}], [{}],\n", cell_typst(&row.new), cell_typst(&row.old), escape(row.remark.label(wording)))
}

fn cell_typst(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = s.text.split('\n').map(escape).collect::<Vec<_>>().join("#linebreak()");
            if s.marked && !s.text.trim().is_empty() {
                format!("#underline[{text}]")
            } else {
                text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;

    #[test]
    fn markdown_table_has_the_conventions() {
        let old = "# 規程\n\n<!-- article:pw -->\n#### 第1条（パスワード）\n\n定期的に変更する。\n\n<!-- article:x -->\n#### 第2条（その他）\n\n同じ。\n";
        let new = "# 規程\n\n<!-- article:pw -->\n#### 第1条（パスワード）\n\n変更を求めない。\n\n<!-- article:x -->\n#### 第2条（その他）\n\n同じ。\n";
        let md = markdown(&compare(old, new, crate::wording::embedded()), false);
        assert!(md.starts_with("# 規程 新旧対照表\n\n（傍線部分は改正部分）"));
        assert!(md.contains("| 改正後 | 改正前 | 備考 |"));
        assert!(md.contains("<ins>"));
        assert!(md.contains("| （略） | （略） | |"));
        assert!(md.contains("| 変更 |"));
    }
}
