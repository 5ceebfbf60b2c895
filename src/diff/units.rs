//! Splitting a generated Markdown document into the units a 新旧対照表 aligns: articles (by their
//! `<!-- article:label -->`) or, in documents without articles, sections (by heading).

use crate::render::document::{Document, Kind};
use crate::wording::Wording;

/// An article or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Alignment key: the article label, or the heading text.
    pub label: String,
    /// The text shown in the table (heading and body, one line per paragraph).
    pub text: String,
    /// The text compared for changes: like `text`, but with the article number left out, so that
    /// renumbering alone is not a change.
    pub comparable: String,
}

/// The label of the text before the first section (the title and, in kitei's documents, the
/// table of 施設名, 版, dates, 承認者 and 準拠): printed, so compared like any article.
pub(crate) fn preamble(wording: &Wording) -> &str {
    crate::w!(wording, "comparison.preamble")
}

/// Splits a document into units: the text before the first section (see [`preamble`]), then each
/// article or section. The 改訂履歴 is left out: it grows with every version by design. Units
/// hold the printed text (a table row as its cells separated by a full-width space, a list item
/// after 「・」), never Markdown source.
pub(crate) fn split_units(document: &Document, wording: &Wording) -> Vec<Unit> {
    // (label, lines, the first line as compared: an article's caption without its number)
    let mut units: Vec<(String, Vec<String>, Option<String>)> = vec![(preamble(wording).to_owned(), Vec::new(), None)];
    let mut skipping = false;
    for block in &document.blocks {
        let lines: Vec<String> = match &block.kind {
            Kind::Heading { level: 2.., text, key } => {
                skipping = text == crate::w!(wording, "cover.history_heading");
                if !skipping {
                    units.push((key.clone().unwrap_or_else(|| text.clone()), vec![text.clone()], None));
                }
                continue;
            }
            Kind::Article(article) => {
                skipping = false;
                units.push((article.label.clone(), vec![article.heading()], Some(article.caption.clone())));
                continue;
            }
            _ if skipping => continue,
            Kind::Heading { text, .. } => vec![text.clone()],
            Kind::Paragraph { text, .. } => text.lines().map(str::to_owned).collect(),
            Kind::Table(rows) => rows.iter().map(|cells| cells.join("\u{3000}")).collect(),
            Kind::List(items) => items.iter().map(|item| format!("・{}", item.replace('\n', " "))).collect(),
            Kind::Other(text) => text.lines().map(str::to_owned).collect(),
            Kind::Figure(_) => continue,
        };
        if let Some((_, text, _)) = units.last_mut() {
            text.extend(lines.into_iter().filter(|l| !l.trim().is_empty()));
        }
    }
    units
        .into_iter()
        .filter(|(_, lines, _)| !lines.is_empty())
        .map(|(label, lines, caption)| {
            let comparable = std::iter::once(caption.unwrap_or_else(|| lines[0].clone()))
                .chain(lines[1..].iter().cloned())
                .collect::<Vec<_>>()
                .join("\n");
            Unit { label, text: lines.join("\n"), comparable }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_labels_keep_the_title_block_and_skip_history() {
        let md = "# 規程\n\n| 版 | 第2版 |\n|---|---|\n\n## 目次\n\n- 第1章\n\n<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n## 改訂履歴\n\n| 第1版 |\n";
        let units = split_units(&Document::parse(md, crate::wording::embedded()), crate::wording::embedded());
        assert_eq!(units.len(), 3);
        assert_eq!(
            (units[0].label.as_str(), units[0].text.as_str()),
            (preamble(crate::wording::embedded()), "規程\n版\u{3000}第2版")
        );
        assert_eq!(units[2].label, "purpose");
        assert_eq!(units[2].text, "第1条（目的）\nこの規程は…");
        assert_eq!(units[2].comparable, "（目的）\nこの規程は…");
    }

    #[test]
    fn tables_titles_and_bullets_read_as_text_not_markdown() {
        let md = "# 医療情報システム運用管理規程\n\n| 項目 | 内容 |\n|---|---|\n| 施設名 | さくら \\| 分院 |\n\n## 別表第2\n\n| システム | 目標復旧時間 |\n|:--|--:|\n| **電子カルテ** | 24 時間 |\n\n- 項目\n\n> 引用の文\n\n```\n枠の文\n```\n";
        let units = split_units(&Document::parse(md, crate::wording::embedded()), crate::wording::embedded());
        let all: String = units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join("\n");
        let bare = all.replace("さくら | 分院", "");
        assert!(!bare.contains('#') && !bare.contains('|') && !bare.contains("---") && !bare.contains("**"), "{all}");
        assert!(all.contains("医療情報システム運用管理規程\n項目\u{3000}内容\n施設名\u{3000}さくら | 分院"), "{all}");
        assert!(all.contains("電子カルテ\u{3000}24 時間") && all.contains("・項目"), "{all}");
        assert!(all.contains("\n引用の文\n枠の文"), "a quote and code are compared too: {all}");
    }
}
