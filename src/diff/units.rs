//! Splitting a generated Markdown document into the units a 新旧対照表 aligns: articles (by their
//! `<!-- article:label -->`) or, in documents without articles, sections (by heading).

/// An article or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
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
pub fn preamble() -> &'static str {
    crate::w!("comparison.preamble")
}

/// Splits `markdown` into units: the text before the first section (see [`preamble`]), then each
/// article or section. The 改訂履歴 is left out: it grows with every version by design.
pub fn split_units(markdown: &str) -> Vec<Unit> {
    let mut units: Vec<(String, Vec<String>)> = vec![(preamble().to_owned(), Vec::new())];
    let mut pending_label: Option<String> = None;
    let mut skipping = false;
    for line in markdown.lines() {
        if let Some(label) = line.strip_prefix("<!-- article:").and_then(|l| l.strip_suffix(" -->")) {
            pending_label = Some(label.to_owned());
            continue;
        }
        if let Some(heading) = heading(line) {
            skipping = heading == crate::w!("cover.history_heading");
            if !skipping {
                let label = pending_label.take().unwrap_or_else(|| heading.to_owned());
                units.push((label, vec![heading.to_owned()]));
            }
            continue;
        }
        if skipping || line.trim().is_empty() || line.starts_with("<!--") {
            continue;
        }
        if let Some((_, lines)) = units.last_mut() {
            lines.push(line.trim().to_owned());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_labels_keep_the_title_block_and_skip_history() {
        let md = "# 規程\n\n| 版 | 第2版 |\n\n## 目次\n\n- 第1章\n\n<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n## 改訂履歴\n\n| 第1版 |\n";
        let units = split_units(md);
        assert_eq!(units.len(), 3);
        assert_eq!((units[0].label.as_str(), units[0].text.as_str()), (preamble(), "# 規程\n| 版 | 第2版 |"));
        assert_eq!(units[2].label, "purpose");
        assert_eq!(units[2].text, "第1条（目的）\nこの規程は…");
        assert_eq!(units[2].comparable, "（目的）\nこの規程は…");
    }
}
