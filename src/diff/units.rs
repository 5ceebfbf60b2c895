//! Splitting a generated Markdown document into the units a 新旧対照表 aligns: articles (by their
//! `<!-- article:label -->`) or, in documents without articles, sections (by heading).

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

/// The document title (`# …`).
pub(crate) fn title(markdown: &str) -> Option<String> {
    markdown.lines().find_map(|l| l.strip_prefix("# ")).map(|t| t.trim().replace('\\', ""))
}

/// The label of the text before the first section (the title and, in kitei's documents, the
/// table of 施設名, 版, dates, 承認者 and 準拠): printed, so compared like any article.
pub(crate) fn preamble(wording: &Wording) -> &str {
    crate::w!(wording, "comparison.preamble")
}

/// Splits `markdown` into units: the text before the first section (see [`preamble`]), then each
/// article or section. The 改訂履歴 is left out: it grows with every version by design.
pub(crate) fn split_units(markdown: &str, wording: &Wording) -> Vec<Unit> {
    let mut units: Vec<(String, Vec<String>)> = vec![(preamble(wording).to_owned(), Vec::new())];
    let mut pending_label: Option<String> = None;
    let mut skipping = false;
    for line in markdown.lines() {
        if let Some(label) = line.strip_prefix("<!-- article:").and_then(|l| l.strip_suffix(" -->")) {
            pending_label = Some(label.to_owned());
            continue;
        }
        if let Some(heading) = heading(line) {
            skipping = heading == crate::w!(wording, "cover.history_heading");
            if !skipping {
                let label = pending_label.take().unwrap_or_else(|| heading.to_owned());
                units.push((label, vec![heading.to_owned()]));
            }
            continue;
        }
        if skipping || line.trim().is_empty() || line.starts_with("<!--") {
            continue;
        }
        if let Some(text) = readable(line.trim()) {
            if let Some((_, lines)) = units.last_mut() {
                lines.push(text);
            }
        }
    }
    units
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(label, lines)| {
            let comparable = std::iter::once(without_article_number(&lines[0]))
                .chain(lines[1..].iter().cloned())
                .collect::<Vec<_>>()
                .join("\n");
            Unit { label, text: lines.join("\n"), comparable }
        })
        .collect()
}

/// A line of Markdown source as the text it prints: a title without its `#`, a table row as its
/// cells separated by a full-width space, a bullet as 「・」; a table's rule row is no text.
fn readable(line: &str) -> Option<String> {
    if let Some(title) = line.strip_prefix("# ") {
        return Some(title.trim().to_owned());
    }
    if line.starts_with('|') {
        let cells: Vec<&str> = split_row(line);
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':'))) {
            return None;
        }
        return Some(cells.join("\u{3000}"));
    }
    if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(format!("・{}", item.trim()));
    }
    Some(line.replace("**", ""))
}

/// The cells of a Markdown table row (an escaped `\|` stays inside its cell).
fn split_row(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').filter(|rest| !rest.ends_with('\\')).unwrap_or(inner);
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => {
                cells.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(inner[start..].trim());
    cells.into_iter().map(|c| c.trim_matches('*')).collect()
}

/// The value of a row `| key | value |` of a document's title block.
pub(crate) fn title_block_value(markdown: &str, key: &str) -> Option<String> {
    markdown
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with('|'))
        .map(split_row)
        .find(|cells| cells.len() == 2 && cells[0] == key)
        .map(|cells| unescape(cells[1]))
}

fn heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    (level >= 2 && rest.starts_with(' ')).then(|| rest.trim())
}

/// 第12条（見出し） → （見出し）; other headings are returned as they are.
fn without_article_number(heading: &str) -> String {
    match heading.strip_prefix('第').and_then(|r| r.split_once('条')) {
        Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest.to_owned(),
        _ => heading.to_owned(),
    }
}

/// The units hold Markdown source; show their text, not their escapes.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_labels_keep_the_title_block_and_skip_history() {
        let md = "# 規程\n\n| 版 | 第2版 |\n\n## 目次\n\n- 第1章\n\n<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n## 改訂履歴\n\n| 第1版 |\n";
        let units = split_units(md, crate::wording::embedded());
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
        let md = "# 医療情報システム運用管理規程\n\n| 項目 | 内容 |\n|---|---|\n| 施設名 | さくら \\| 分院 |\n\n## 別表第2\n\n| システム | 目標復旧時間 |\n|:--|--:|\n| **電子カルテ** | 24 時間 |\n\n- 項目\n";
        let units = split_units(md, crate::wording::embedded());
        let all: String = units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join("\n");
        let bare = all.replace("\\|", "");
        assert!(!bare.contains('#') && !bare.contains('|') && !bare.contains("---") && !bare.contains("**"), "{all}");
        assert!(all.contains("医療情報システム運用管理規程\n項目\u{3000}内容\n施設名\u{3000}さくら \\| 分院"), "{all}");
        assert!(all.contains("電子カルテ\u{3000}24 時間") && all.contains("・項目"), "{all}");
        assert_eq!(title_block_value(md, "施設名").as_deref(), Some("さくら | 分院"));
    }
}
