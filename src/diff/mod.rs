//! Beside the pipeline: comparing two versions of a document as a 新旧対照表.
//!
//! Approval of an amendment in Japan runs on a 新旧対照表: 改正後 on the left, 改正前 on the right,
//! aligned article by article, changed characters underlined (傍線), unchanged articles shown as
//! （略）. Articles are aligned by their label (kept in the Markdown as `<!-- article:label -->`),
//! so inserting an article does not make every later one look changed, and a renumbering alone is
//! not a change. Japanese has no spaces, so the inline diff works on characters.
//!
//! [`compare`] builds a [`Comparison`]; [`markdown`] and [`typst`] print it.

pub(crate) mod guideline;

mod units;

pub(crate) use units::{preamble, split_units, Unit};

use crate::render::document::Document;
use crate::w;
use crate::wording::Wording;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What happened to one article or section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Remark {
    /// Same text.
    Unchanged,
    /// Text changed.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// Present in both, at another place in the order.
    Moved,
}

impl Remark {
    /// The word printed in the remarks column.
    pub(crate) fn label(self, wording: &Wording) -> &str {
        match self {
            Self::Unchanged => "",
            Self::Changed => w!(wording, "comparison.changed"),
            Self::Added => w!(wording, "comparison.added"),
            Self::Removed => w!(wording, "comparison.removed"),
            Self::Moved => w!(wording, "comparison.moved"),
        }
    }
}

/// A run of text, underlined or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Span {
    /// The text.
    pub text: String,
    /// Whether it is a changed part (傍線).
    pub marked: bool,
}

/// One row of the table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    /// The article label or heading used to align.
    pub label: String,
    /// What happened.
    pub remark: Remark,
    /// The new text (empty when removed), split into marked and unmarked runs.
    pub new: Vec<Span>,
    /// The old text (empty when added).
    pub old: Vec<Span>,
}

/// The comparison of two versions of one document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Comparison {
    /// The document's title (from the new version).
    pub title: String,
    /// The facility and the date of the new version (its 最終改定日, else its 制定日), from the
    /// new document's title block; printed under the title.
    pub facts: Option<String>,
    /// Rows in the new version's order, removed rows where they stood.
    pub rows: Vec<Row>,
    /// The wording the table is printed in (and the documents were written in).
    #[serde(skip)]
    pub wording: &'static Wording,
}

impl Comparison {
    /// Whether anything differs.
    pub(crate) fn differs(&self) -> bool {
        self.rows.iter().any(|r| r.remark != Remark::Unchanged)
    }

    /// Rows by remark, for the terminal summary.
    pub(crate) fn count(&self, remark: Remark) -> usize {
        self.rows.iter().filter(|r| r.remark == remark).count()
    }
}

/// Compares two Markdown documents.
pub(crate) fn compare(old: &str, new: &str, wording: &'static Wording) -> Comparison {
    let (old, new) = (Document::parse(old, wording), Document::parse(new, wording));
    let old_units = split_units(&old, wording);
    let new_units = split_units(&new, wording);
    let title = new.title().or_else(|| old.title()).unwrap_or_default().to_owned();
    let stayed = in_order_labels(&old_units, &new_units);
    let mut rows: Vec<Row> = new_units
        .iter()
        .map(|unit| match old_units.iter().find(|o| o.label == unit.label) {
            Some(old_unit) => compared_row(old_unit, unit, stayed.contains(&unit.label)),
            None => Row { label: unit.label.clone(), remark: Remark::Added, new: marked(&unit.text), old: Vec::new() },
        })
        .collect();
    insert_removed(&mut rows, &old_units, &new_units);
    Comparison { title, facts: heading_facts(&new, wording), rows, wording }
}

/// 「さくら内科クリニック　改正日　令和8年10月1日」 from a document's title block.
fn heading_facts(document: &Document, wording: &Wording) -> Option<String> {
    let facility = document.title_block_value(crate::w!(wording, "cover.facility"))?;
    let date = document
        .title_block_value(crate::w!(wording, "cover.revised"))
        .or_else(|| document.title_block_value(crate::w!(wording, "cover.established")))?;
    Some(crate::w!(wording, "comparison.facts", facility = facility, date = date))
}

/// Puts each removed unit after the row of the unit that preceded it in the old version.
fn insert_removed(rows: &mut Vec<Row>, old_units: &[Unit], new_units: &[Unit]) {
    let mut after = 0; // insertion point for the next removed unit
    for old_unit in old_units {
        if let Some(position) = rows.iter().position(|r| r.label == old_unit.label && r.remark != Remark::Removed) {
            after = position + 1;
        } else if !new_units.iter().any(|n| n.label == old_unit.label) {
            let row = Row {
                label: old_unit.label.clone(),
                remark: Remark::Removed,
                new: Vec::new(),
                old: marked(&old_unit.text),
            };
            rows.insert(after.min(rows.len()), row);
            after += 1;
        }
    }
}

fn compared_row(old: &Unit, new: &Unit, in_place: bool) -> Row {
    if old.comparable == new.comparable {
        let remark = if in_place { Remark::Unchanged } else { Remark::Moved };
        return Row { label: new.label.clone(), remark, new: plain(&new.text), old: plain(&old.text) };
    }
    let (new_spans, old_spans) = inline_diff(&old.text, &new.text);
    let remark = if in_place { Remark::Changed } else { Remark::Moved };
    Row { label: new.label.clone(), remark, new: new_spans, old: old_spans }
}

/// Labels common to both versions that keep their relative order (a longest common subsequence);
/// the other common labels have moved.
fn in_order_labels(old: &[Unit], new: &[Unit]) -> Vec<String> {
    let a: Vec<&str> = old.iter().map(|u| u.label.as_str()).filter(|l| new.iter().any(|n| n.label == *l)).collect();
    let b: Vec<&str> = new.iter().map(|u| u.label.as_str()).filter(|l| old.iter().any(|o| o.label == *l)).collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut kept) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            kept.push(a[i].to_owned());
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// Character-level diff: (new spans, old spans), changed characters marked on both sides.
///
/// A raw character diff of Japanese matches stray single characters (the 期 of 定期 and of 期間),
/// which scatters underlines through a rewritten phrase. Short equal runs between two changes are
/// therefore folded into the change, as a person marking up an amendment would.
pub(crate) fn inline_diff(old: &str, new: &str) -> (Vec<Span>, Vec<Span>) {
    let diff = TextDiff::from_chars(old, new);
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_owned())),
        }
    }
    let (mut new_spans, mut old_spans) = (Vec::new(), Vec::new());
    for (index, (tag, text)) in runs.iter().enumerate() {
        let between_changes = index > 0 && index + 1 < runs.len();
        let fold = *tag == ChangeTag::Equal && between_changes && text.chars().count() < SHORT_RUN;
        match tag {
            ChangeTag::Equal => {
                push_span(&mut new_spans, text, fold);
                push_span(&mut old_spans, text, fold);
            }
            ChangeTag::Insert => push_span(&mut new_spans, text, true),
            ChangeTag::Delete => push_span(&mut old_spans, text, true),
        }
    }
    (new_spans, old_spans)
}

/// Equal runs shorter than this, between two changes, count as changed.
const SHORT_RUN: usize = 3;

fn push_span(spans: &mut Vec<Span>, text: &str, marked: bool) {
    match spans.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => spans.push(Span { text: text.to_owned(), marked }),
    }
}

fn plain(text: &str) -> Vec<Span> {
    vec![Span { text: text.to_owned(), marked: false }]
}

fn marked(text: &str) -> Vec<Span> {
    vec![Span { text: text.to_owned(), marked: true }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regulation(articles: &[(&str, &str, &str)]) -> String {
        let mut out = String::from("# 運用管理規程\n\n| 項目 | 内容 |\n|---|---|\n| 版 | 第1版 |\n\n");
        for (i, (label, title, body)) in articles.iter().enumerate() {
            out.push_str(&format!("<!-- article:{label} -->\n#### 第{}条（{title}）\n\n{body}\n\n", i + 1));
        }
        out + "## 改訂履歴\n\n| 版 |\n|---|\n| 第1版 |\n"
    }

    #[test]
    fn an_inserted_article_aligns_and_later_ones_stay_unchanged() {
        let old = regulation(&[
            ("purpose", "目的", "目的を定める。"),
            ("scope", "範囲", "範囲を定める。"),
            ("review", "見直し", "毎年見直す。"),
        ]);
        let new = regulation(&[
            ("purpose", "目的", "目的を定める。"),
            ("lockout", "ロック", "5回失敗でロックする。"),
            ("scope", "範囲", "範囲を定める。"),
            ("review", "見直し", "毎年見直す。"),
        ]);
        let c = compare(&old, &new, crate::wording::embedded());
        let remarks: Vec<_> = c.rows.iter().map(|r| (r.label.as_str(), r.remark)).collect();
        assert_eq!(
            remarks,
            vec![
                (preamble(crate::wording::embedded()), Remark::Unchanged),
                ("purpose", Remark::Unchanged),
                ("lockout", Remark::Added),
                ("scope", Remark::Unchanged),
                ("review", Remark::Unchanged)
            ]
        );
        assert_eq!(c.title, "運用管理規程");
    }

    #[test]
    fn deleted_and_moved_articles_are_labelled() {
        let old = regulation(&[
            ("a", "甲", "甲の文。"),
            ("b", "乙", "乙の文。"),
            ("c", "丙", "丙の文。"),
            ("d", "丁", "丁の文。"),
        ]);
        let new = regulation(&[("a", "甲", "甲の文。"), ("d", "丁", "丁の文。"), ("c", "丙", "丙の文。")]);
        let c = compare(&old, &new, crate::wording::embedded());
        let remark = |label: &str| c.rows.iter().find(|r| r.label == label).unwrap().remark;
        assert_eq!(remark("b"), Remark::Removed);
        assert!(remark("c") == Remark::Moved || remark("d") == Remark::Moved);
        assert_eq!(remark("a"), Remark::Unchanged);
    }

    #[test]
    fn changed_characters_are_marked_on_both_sides() {
        let (new, old) = inline_diff("パスワードは定期的に変更する。", "パスワードは変更しない。");
        assert!(new.iter().any(|s| s.marked && s.text.contains("しない")), "{new:?}");
        assert!(old.iter().any(|s| s.marked && s.text.contains("定期的に")), "{old:?}");
        assert!(new.iter().any(|s| !s.marked && s.text.starts_with("パスワードは")));
    }

    #[test]
    fn identical_documents_do_not_differ() {
        let doc = regulation(&[("a", "甲", "同じ。")]);
        assert!(!compare(&doc, &doc, crate::wording::embedded()).differs());
    }
}
