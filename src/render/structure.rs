//! Article numbering, cross-references and traceability markers.
//!
//! Templates never write article numbers. They write markers that this pass resolves after tera
//! has run, so that an article dropped by a condition (no wireless LAN, no electronic signatures)
//! renumbers everything after it and every "第N条の規定により" still points at the right article:
//!
//! | marker (alone on a line unless noted) | becomes |
//! |---|---|
//! | `[[toc]]` | the 目次 with each 章's article range |
//! | `[[chapter:総則]]` | `### 第1章　総則` |
//! | `[[article:purpose\|目的]]` | `#### 第1条（目的）` (the label stays as an HTML comment for diffs) |
//! | `[[para]]` (start of a line) | `２　`, `３　` … within the article (the wording's 項 mark) |
//! | `[[item]]` (start of a line) | `（１）`, `（２）` … within the paragraph (the wording's 号 mark) |
//! | `[[ref:purpose]]` (anywhere) | `第1条` |
//! | `[[meets:management.15-4 control.14-1]]` | nothing; records that this place meets those requirements |
//! | a heading with `[[ref:…]]` | the heading, after `<!-- section:KEY -->` (its text before the first reference) |
//!
//! Profile strings cannot forge a marker: Markdown escaping turns their `[` into `\[`.

use std::collections::HashMap;

use super::document::{article_caption, article_number, item_mark, paragraph_mark};
use crate::w;
use crate::wording::Wording;
use thiserror::Error;

/// A place in a document that meets requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The requirement id.
    pub requirement: String,
    /// The article (第12条（パスワード）) or heading where it is met.
    pub location: String,
}

/// What the pass produced.
#[derive(Debug, Clone)]
pub struct Structured {
    /// Final Markdown.
    pub markdown: String,
    /// Requirements met, and where.
    pub coverage: Vec<Coverage>,
}

/// A marker that cannot be resolved (a template bug or a broken override).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum StructureError {
    /// `[[ref:x]]` names no article.
    #[error("{}", crate::i18n::command_text(crate::i18n::CommandMsg::RefUnknown(.0)))]
    UnknownReference(String),
    /// Two articles share a label.
    #[error("{}", crate::i18n::command_text(crate::i18n::CommandMsg::LabelTwice(.0)))]
    DuplicateLabel(String),
    /// A marker is malformed.
    #[error("{}", crate::i18n::command_text(crate::i18n::CommandMsg::MarkerMalformed(.0)))]
    Malformed(String),
}

struct Article {
    label: String,
    number: usize,
}

struct Chapter {
    title: String,
    first: usize,
    last: usize,
}

/// Resolves the markers in `markdown`.
pub fn resolve(markdown: &str, wording: &Wording) -> Result<Structured, StructureError> {
    let numbered = number_articles(markdown, wording)?;
    let numbers: HashMap<&str, usize> = numbered.articles.iter().map(|a| (a.label.as_str(), a.number)).collect();
    let mut text = resolve_references(&numbered.text, &numbers, wording)?;
    if text.contains("[[toc]]") {
        text = text.replace("[[toc]]", &table_of_contents(&numbered.chapters, wording));
    }
    Ok(Structured { markdown: tidy(&text), coverage: numbered.coverage })
}

struct Numbered {
    text: String,
    articles: Vec<Article>,
    chapters: Vec<Chapter>,
    coverage: Vec<Coverage>,
}

fn number_articles(markdown: &str, wording: &Wording) -> Result<Numbered, StructureError> {
    let mut out = Numbered {
        text: String::with_capacity(markdown.len()),
        articles: Vec::new(),
        chapters: Vec::new(),
        coverage: Vec::new(),
    };
    let mut location = String::new();
    let (mut paragraph, mut item) = (1usize, 0usize);
    for line in markdown.lines() {
        let trimmed = line.trim();
        if let Some(title) = marker(trimmed, "chapter") {
            out.chapters.push(Chapter {
                title: title.to_owned(),
                first: out.articles.len() + 1,
                last: out.articles.len(),
            });
            out.text.push_str(&w!(wording, "structure.chapter_heading", n = out.chapters.len(), title = title));
            out.text.push('\n');
            location = w!(wording, "structure.chapter_location", n = out.chapters.len(), title = title);
        } else if let Some(body) = marker(trimmed, "article") {
            let (label, title) = body.split_once('|').ok_or_else(|| StructureError::Malformed(trimmed.to_owned()))?;
            if out.articles.iter().any(|a| a.label == label) {
                return Err(StructureError::DuplicateLabel(label.to_owned()));
            }
            let number = out.articles.len() + 1;
            out.articles.push(Article { label: label.to_owned(), number });
            if let Some(chapter) = out.chapters.last_mut() {
                chapter.last = number;
            }
            let (number, caption) = (article_number(wording, number), article_caption(wording, title));
            let heading = w!(wording, "structure.article_heading", number = number, caption = caption);
            out.text.push_str(&format!("<!-- article:{label} -->\n{heading}\n"));
            location = w!(wording, "structure.article_location", number = number, caption = caption);
            (paragraph, item) = (1, 0);
        } else if let Some(ids) = marker(trimmed, "meets") {
            out.coverage.extend(
                ids.split_whitespace().map(|id| Coverage { requirement: id.to_owned(), location: location.clone() }),
            );
        } else if let Some(rest) = line.strip_prefix("[[para]]") {
            paragraph += 1;
            item = 0;
            out.text.push_str(&format!("{}{}\n", paragraph_mark(wording, paragraph), rest.trim_start()));
        } else if let Some(rest) = line.strip_prefix("[[item]]") {
            item += 1;
            out.text.push_str(&format!("{}{}\n", item_mark(wording, item), rest.trim_start()));
        } else {
            if let Some(heading) = heading_text(line) {
                location = heading.to_owned();
                // A heading naming articles (「別表第2（第3条、第36条関係）」) changes with every
                // renumbering; the 新旧対照表 aligns it by the part before the first reference.
                if let Some((key, _)) = heading.split_once("[[ref:") {
                    let key = key.trim_end_matches(['（', '(', ' ', '\u{3000}']);
                    out.text.push_str(&format!("<!-- section:{key} -->\n"));
                }
            }
            out.text.push_str(line);
            out.text.push('\n');
        }
    }
    Ok(out)
}

/// The body of `[[name:body]]` when `line` is exactly that marker.
fn marker<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    line.strip_prefix("[[")?.strip_suffix("]]")?.strip_prefix(name)?.strip_prefix(':')
}

fn heading_text(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    (rest.len() < line.len() && rest.starts_with(' ')).then(|| rest.trim())
}

fn resolve_references(text: &str, numbers: &HashMap<&str, usize>, wording: &Wording) -> Result<String, StructureError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[ref:") {
        let escaped = start > 0 && rest.as_bytes()[start - 1] == b'\\';
        out.push_str(&rest[..start]);
        let after = &rest[start + 6..];
        let end = after.find("]]").ok_or_else(|| StructureError::Malformed("[[ref:".to_owned()))?;
        let label = &after[..end];
        if escaped {
            out.push_str(&rest[start..start + 6 + end + 2]);
        } else {
            let number = numbers.get(label).ok_or_else(|| StructureError::UnknownReference(label.to_owned()))?;
            out.push_str(&article_number(wording, *number));
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn table_of_contents(chapters: &[Chapter], wording: &Wording) -> String {
    chapters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let range = match c.last.cmp(&c.first) {
                std::cmp::Ordering::Less => String::new(),
                std::cmp::Ordering::Equal => {
                    w!(wording, "structure.toc_one_article", article = article_number(wording, c.first))
                }
                std::cmp::Ordering::Greater => w!(
                    wording,
                    "structure.toc_articles",
                    first = article_number(wording, c.first),
                    last = article_number(wording, c.last)
                ),
            };
            w!(wording, "structure.toc_chapter", n = i + 1, title = c.title, range = range) + "\n"
        })
        .collect::<String>()
        + w!(wording, "structure.toc_supplementary")
        + "\n"
}

/// Collapses runs of blank lines left by template conditionals.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::embedded;

    const REGULATION: &str = "[[toc]]\n[[chapter:総則]]\n[[article:purpose|目的]]\nこの規程は…\n[[article:scope|適用範囲]]\n[[meets:management.1-1]]\n[[ref:purpose]]の目的のため…\n[[para]]職員は…\n[[item]]一つ目\n[[item]]二つ目\n[[chapter:雑則]]\n[[article:review|見直し]]\n[[ref:scope]]を見直す。\n";

    #[test]
    fn articles_are_numbered_and_references_resolved() {
        let out = resolve(REGULATION, embedded()).unwrap();
        assert!(out.markdown.contains("#### 第1条（目的）"));
        assert!(out.markdown.contains("#### 第3条（見直し）"));
        assert!(out.markdown.contains("第1条の目的のため"));
        assert!(out.markdown.contains("第2条を見直す。"));
        assert!(out.markdown.contains("２　職員は…"));
        assert!(out.markdown.contains("（２）二つ目"));
        assert!(out.markdown.contains("- 第1章　総則（第1条―第2条）"));
        assert!(out.markdown.contains("- 第2章　雑則（第3条）"));
        assert_eq!(
            out.coverage,
            vec![Coverage { requirement: "management.1-1".into(), location: "第2条（適用範囲）".into() }]
        );
    }

    #[test]
    fn dropping_an_article_renumbers_later_references() {
        let without_scope =
            REGULATION.replace("[[article:scope|適用範囲]]\n", "").replace("[[ref:scope]]", "[[ref:purpose]]");
        let out = resolve(&without_scope, embedded()).unwrap();
        assert!(out.markdown.contains("#### 第2条（見直し）"));
        assert!(out.markdown.contains("第1条を見直す。"));
    }

    #[test]
    fn unknown_reference_and_duplicate_label_fail() {
        assert_eq!(
            resolve("[[ref:nowhere]]", embedded()).unwrap_err(),
            StructureError::UnknownReference("nowhere".into())
        );
        assert_eq!(
            resolve("[[article:a|x]]\n[[article:a|y]]\n", embedded()).unwrap_err(),
            StructureError::DuplicateLabel("a".into())
        );
    }

    #[test]
    fn escaped_markers_from_profile_text_stay_text() {
        let out = resolve("施設名 \\[\\[ref:x\\]\\] です\n", embedded()).unwrap();
        assert!(out.markdown.contains("\\[\\[ref:x\\]\\]"));
    }
}
