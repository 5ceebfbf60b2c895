//! Applying a document's local edits to the Markdown tera produced (markers still unresolved).
//!
//! The text is cut into articles — from an `[[article:label|見出し]]` line up to the next article,
//! chapter, heading or structure comment — and the rest, which passes through untouched. `[[meets:…]]` lines are not
//! text: they stay with a replaced article (its traceability does not change with its wording),
//! and they are left out of the text that edits are compared against, so a change in what an
//! article is recorded to meet is not a change under the edit.

use super::markers::escaped;
use super::{DocumentEdits, Edit, LocalError};
use crate::diagnostic::closest;
use crate::i18n::{self, Msg};

/// A document after its local edits, and what each edit found.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The edited Markdown (markers unresolved).
    pub text: String,
    /// One report per edit, in file order.
    pub reports: Vec<Report>,
}

/// Whether an edit still stands on the built-in text it was accepted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The built-in text is the one accepted.
    Accepted,
    /// Never accepted (`kitei local accept` records it).
    Unaccepted,
    /// The built-in text changed since the edit was accepted.
    Changed,
}

/// What one edit found.
#[derive(Debug, Clone)]
pub struct Report {
    /// [`Edit::key`].
    pub key: String,
    /// [`Edit::kind`].
    pub kind: &'static str,
    /// The accepted state.
    pub state: State,
    /// The built-in article under the edit, now.
    pub builtin: String,
    /// The built-in article when the edit was accepted.
    pub accepted: Option<String>,
    /// The article as the edit makes it (empty when removed).
    pub local: String,
}

/// Applies `edits` to `raw`. An edit whose article does not exist is an error naming it.
pub fn apply(raw: &str, edits: &DocumentEdits) -> Result<Applied, LocalError> {
    let segments = segments(raw);
    let labels: Vec<&str> = segments.iter().filter_map(Segment::label).collect();
    check_labels(edits, &labels)?;
    let mut text = String::with_capacity(raw.len());
    let mut reports = Vec::new();
    for segment in &segments {
        let Segment::Article { label, lines } = segment else {
            segment.push_to(&mut text);
            continue;
        };
        let builtin = builtin_text(lines);
        for located in edits.edits.iter().filter(|e| e.edit.target() == *label) {
            let local = edited(&located.edit, lines);
            if !matches!(located.edit, Edit::InsertAfter { .. }) {
                text.push_str(&local);
            }
            reports.push(report(edits, &located.edit, &builtin, &local));
        }
        if !edits.edits.iter().any(|e| e.edit.target() == *label && !matches!(e.edit, Edit::InsertAfter { .. })) {
            segment.push_to(&mut text);
        }
        for located in edits.edits.iter().filter(|e| e.edit.target() == *label) {
            if let Edit::InsertAfter { .. } = located.edit {
                text.push_str(&edited(&located.edit, lines));
            }
        }
    }
    refuse_dangling_references(edits, &text)?;
    reports.sort_by_key(|r| edits.edits.iter().position(|e| e.edit.key() == r.key));
    Ok(Applied { text, reports })
}

fn report(edits: &DocumentEdits, edit: &Edit, builtin: &str, local: &str) -> Report {
    let accepted = edits.accepted.get(edit.key());
    let state = match accepted {
        None => State::Unaccepted,
        Some(a) if a.sha256 == crate::digest::sha256_hex(builtin.as_bytes()) => State::Accepted,
        Some(_) => State::Changed,
    };
    Report {
        key: edit.key().to_owned(),
        kind: edit.kind(),
        state,
        builtin: builtin.to_owned(),
        accepted: accepted.map(|a| a.text.clone()),
        local: tidy(local),
    }
}

/// One built-in article as a local edit would write it: its label, its 見出し and its text (no
/// article line, no `[[meets:]]`, the first paragraph bare and each later one a 項, Markdown
/// escapes taken out), so that a `replace` with exactly this text leaves the article as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The label (`password`).
    pub label: String,
    /// The 見出し.
    pub title: String,
    /// The text.
    pub text: String,
}

/// The articles of `raw` (tera's output, markers unresolved), in order.
pub fn articles(raw: &str) -> Vec<Article> {
    if !raw.contains("[[article:") {
        return Vec::new();
    }
    segments(raw)
        .iter()
        .filter_map(|segment| {
            let Segment::Article { label, lines } = segment else { return None };
            let (_, title) = article_marker(lines.first()?.trim())?;
            let body: Vec<&str> = lines[1..].iter().copied().filter(|l| !is_meets(l)).collect();
            let text = tidy(&body.iter().map(|l| format!("{}\n", l.trim_start())).collect::<String>());
            let text: Vec<String> = text.lines().map(|l| l.strip_prefix("[[para]]").unwrap_or(l).to_owned()).collect();
            Some(Article {
                label: (*label).to_owned(),
                title: crate::render::unescape_markdown(title),
                text: crate::render::unescape_markdown(&text.join("\n")),
            })
        })
        .collect()
}

/// A run of lines: one article, or text between articles.
enum Segment<'a> {
    Article { label: &'a str, lines: Vec<&'a str> },
    Other(Vec<&'a str>),
}

impl Segment<'_> {
    fn label(&self) -> Option<&str> {
        match self {
            Self::Article { label, .. } => Some(label),
            Self::Other(_) => None,
        }
    }

    fn push_to(&self, out: &mut String) {
        let (Self::Article { lines, .. } | Self::Other(lines)) = self;
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
}

fn segments(raw: &str) -> Vec<Segment<'_>> {
    let mut segments: Vec<Segment<'_>> = Vec::new();
    for line in raw.lines() {
        let trimmed = line.trim();
        if let Some((label, _)) = article_marker(trimmed) {
            segments.push(Segment::Article { label, lines: vec![line] });
            continue;
        }
        // A comment of the document's structure (`<!-- supplementary -->`, where the 附則 go) is
        // not the text of the article it follows: an edit of that article must keep it.
        let ends_article = trimmed.starts_with("[[chapter:") || trimmed.starts_with('#') || trimmed.starts_with("<!--");
        match segments.last_mut() {
            Some(Segment::Article { lines, .. }) if !ends_article => lines.push(line),
            Some(Segment::Other(lines)) => lines.push(line),
            _ => segments.push(Segment::Other(vec![line])),
        }
    }
    segments
}

/// `(label, 見出し)` of an `[[article:label|見出し]]` line.
fn article_marker(line: &str) -> Option<(&str, &str)> {
    line.strip_prefix("[[article:")?.strip_suffix("]]")?.split_once('|')
}

fn is_meets(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("[[meets:") && line.ends_with("]]")
}

/// The article as an edit is compared against: no `[[meets:]]` lines, blank runs collapsed.
fn builtin_text(lines: &[&str]) -> String {
    tidy(&lines.iter().filter(|l| !is_meets(l)).map(|l| format!("{l}\n")).collect::<String>())
}

/// Trailing spaces and runs of blank lines removed, no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The Markdown an edit puts in place of (or, for `insert_after`, after) the article `lines`.
fn edited(edit: &Edit, lines: &[&str]) -> String {
    let header = lines.first().copied().unwrap_or_default().trim();
    let meets: String = lines.iter().filter(|l| is_meets(l)).map(|l| format!("{}\n", l.trim())).collect();
    match edit {
        Edit::Replace { label, title, text } => {
            let title = match title {
                Some(title) => crate::render::escape_markdown(title),
                None => article_marker(header).map(|(_, t)| t.to_owned()).unwrap_or_default(),
            };
            format!("[[article:{label}|{title}]]\n\n{}\n\n{meets}\n", paragraphs(&escaped(text), false))
        }
        Edit::Append { text, .. } => {
            let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
            format!("{}\n\n{}\n\n", body.trim_end(), paragraphs(&escaped(text), true))
        }
        Edit::InsertAfter { label, title, text, .. } => {
            let title = crate::render::escape_markdown(title);
            format!("\n[[article:{label}|{title}]]\n\n{}\n\n", paragraphs(&escaped(text), false))
        }
        Edit::Remove { .. } => String::new(),
    }
}

/// A facility's text as article body: each paragraph after the first (or every one, when
/// `continuing` an article) becomes a 項 (`[[para]]`); a line that starts with `[[item]]` or
/// `[[para]]` is a paragraph of its own.
fn paragraphs(text: &str, continuing: bool) -> String {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let starts_block = line.starts_with("[[item]]") || line.starts_with("[[para]]");
        match blocks.last_mut() {
            Some(block) if open && !starts_block => block.push(line),
            _ => blocks.push(vec![line]),
        }
        open = true;
    }
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let text = block.join("\n");
            let marked = text.starts_with("[[item]]") || text.starts_with("[[para]]");
            if (i > 0 || continuing) && !marked {
                format!("[[para]]{text}")
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn check_labels(edits: &DocumentEdits, labels: &[&str]) -> Result<(), LocalError> {
    for located in &edits.edits {
        let target = located.edit.target();
        if !labels.contains(&target) {
            let hint = match closest(target, labels.iter().copied()) {
                Some(near) => i18n::text(Msg::DidYouMean2(near)),
                None => i18n::text(Msg::LocalLabelsHint),
            };
            let message =
                i18n::text(Msg::LocalNoArticle { kind: located.edit.kind(), target, document: &edits.document });
            return Err(edits.error_at(located.at, message).with_hint(hint));
        }
        if let Edit::InsertAfter { label, .. } = &located.edit {
            if labels.contains(&label.as_str()) {
                let message = i18n::text(Msg::LocalLabelTaken(label));
                return Err(edits.error_at(located.at, message));
            }
        }
    }
    Ok(())
}

/// A removed article that other articles still cite (`[[ref:label]]`) would leave them pointing
/// nowhere; say which edit and which articles.
fn refuse_dangling_references(edits: &DocumentEdits, text: &str) -> Result<(), LocalError> {
    for located in &edits.edits {
        let Edit::Remove { label } = &located.edit else { continue };
        let citing: Vec<&str> = segments(text)
            .iter()
            .filter_map(|s| match s {
                Segment::Article { label: citer, lines }
                    if lines.iter().any(|l| l.contains(&format!("[[ref:{label}]]"))) =>
                {
                    Some(*citer)
                }
                _ => None,
            })
            .collect();
        if !citing.is_empty() || text.contains(&format!("[[ref:{label}]]")) {
            let message = i18n::text(Msg::LocalRemoveCited { label, citing: &citing.join(", ") });
            return Err(edits.error_at(located.at, message));
        }
    }
    Ok(())
}

impl LocalError {
    /// Adds a hint to a diagnostic.
    fn with_hint(self, hint: String) -> Self {
        match self {
            Self::Source(d) => Self::Source(d.with_hint(hint)),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::super::{Accepted, Located};
    use super::*;
    use crate::render::structure;

    const RAW: &str = "## 目次\n\n[[toc]]\n\n[[chapter:総則]]\n\n[[article:purpose|目的]]\n\nこの規程は目的を定める。\n\n[[meets:a.1-1]]\n\n[[article:password|パスワード]]\n\nパスワードは定期的に変更する。\n\n[[para]][[ref:purpose]]のとおり。\n\n[[meets:b.1-1]]\n\n[[article:review|見直し]]\n\n毎年見直す。[[ref:password]]も見直す。\n\n## 附則\n\n施行する。\n";

    fn edits(edits: Vec<Edit>) -> DocumentEdits {
        DocumentEdits {
            document: "operations-regulation".into(),
            path: PathBuf::from("local/operations-regulation.yaml"),
            text: "edits:\n".into(),
            edits: edits.into_iter().map(|edit| Located { edit, at: serde_saphyr::Location::UNKNOWN }).collect(),
            accepted: BTreeMap::new(),
        }
    }

    fn numbered(applied: &Applied) -> String {
        structure::resolve(&applied.text, crate::wording::embedded()).unwrap().markdown
    }

    #[test]
    fn replace_keeps_the_label_and_what_the_article_meets() {
        let applied = apply(
            RAW,
            &edits(vec![Edit::Replace {
                label: "password".into(),
                title: Some("パスワードの管理".into()),
                text: "変更は求めない。\n\n漏えいのおそれがあるときは直ちに変更する。".into(),
            }]),
        )
        .unwrap();
        let out = structure::resolve(&applied.text, crate::wording::embedded()).unwrap();
        assert!(
            out.markdown.contains(
                "#### 第2条（パスワードの管理）\n\n変更は求めない。\n\n２　漏えいのおそれがあるときは直ちに変更する。"
            ),
            "{}",
            out.markdown
        );
        assert!(!out.markdown.contains("定期的に"));
        assert!(out.coverage.iter().any(|c| c.requirement == "b.1-1" && c.location.contains("第2条")));
        assert_eq!(applied.reports[0].state, State::Unaccepted);
        assert_eq!(
            applied.reports[0].builtin,
            "[[article:password|パスワード]]\n\nパスワードは定期的に変更する。\n\n[[para]][[ref:purpose]]のとおり。"
        );
    }

    #[test]
    fn an_article_replaced_by_its_own_offered_text_prints_as_before() {
        let raw =
            RAW.replace("も見直す。", "も見直す。\n\n[[item]]一つ目\n\n[[item]]二つ目").replace("毎年", "毎年\\*");
        let offered = articles(&raw);
        assert_eq!(offered.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(), ["purpose", "password", "review"]);
        assert_eq!(offered[1].title, "パスワード");
        assert_eq!(offered[1].text, "パスワードは定期的に変更する。\n\n[[ref:purpose]]のとおり。");
        assert!(offered[2].text.contains("毎年*見直す。"), "escapes taken out: {}", offered[2].text);
        let untouched = structure::resolve(&raw, crate::wording::embedded()).unwrap().markdown;
        for article in &offered {
            let replaced = apply(
                &raw,
                &edits(vec![Edit::Replace { label: article.label.clone(), title: None, text: article.text.clone() }]),
            )
            .unwrap();
            assert_eq!(numbered(&replaced), untouched, "{}", article.label);
        }
    }

    #[test]
    fn an_edit_of_the_last_article_keeps_the_place_of_the_supplementary_provisions() {
        let raw = RAW.replace("## 附則", "<!-- supplementary -->\n\n## 別表第1");
        for edit in [
            Edit::Replace { label: "review".into(), title: None, text: "毎年見直す。".into() },
            Edit::Remove { label: "review".into() },
        ] {
            let applied = apply(&raw, &edits(vec![edit])).unwrap();
            assert!(applied.text.contains("<!-- supplementary -->\n\n## 別表第1"), "{}", applied.text);
        }
    }

    #[test]
    fn append_adds_a_numbered_paragraph() {
        let applied =
            apply(RAW, &edits(vec![Edit::Append { label: "purpose".into(), text: "追加の項。".into() }])).unwrap();
        assert!(numbered(&applied).contains("この規程は目的を定める。\n\n２　追加の項。"), "{}", numbered(&applied));
    }

    #[test]
    fn an_inserted_article_renumbers_the_later_ones_and_their_references() {
        let applied = apply(
            RAW,
            &edits(vec![Edit::InsertAfter {
                anchor: "purpose".into(),
                label: "usb".into(),
                title: "USBメモリ".into(),
                text: "USBメモリは使わない。[[ref:password]]を守る。".into(),
            }]),
        )
        .unwrap();
        let md = numbered(&applied);
        assert!(md.contains("#### 第2条（USBメモリ）\n\nUSBメモリは使わない。第3条を守る。"), "{md}");
        assert!(md.contains("#### 第4条（見直し）\n\n毎年見直す。第3条も見直す。"), "{md}");
        assert!(md.contains("- 第1章　総則（第1条―第4条）"), "{md}");
    }

    #[test]
    fn remove_drops_the_article_unless_it_is_cited() {
        let applied = apply(RAW, &edits(vec![Edit::Remove { label: "review".into() }])).unwrap();
        assert!(!numbered(&applied).contains("見直し"));
        assert!(numbered(&applied).contains("## 附則"), "text after the last article stays");
        let err = apply(RAW, &edits(vec![Edit::Remove { label: "purpose".into() }])).unwrap_err().to_string();
        assert!(err.contains("`remove purpose`: other articles cite it (password)"), "{err}");
    }

    #[test]
    fn an_unknown_label_is_an_error_naming_it() {
        let err = apply(RAW, &edits(vec![Edit::Remove { label: "pasword".into() }])).unwrap_err().to_string();
        assert!(err.contains("has no article labelled `pasword`"), "{err}");
        assert!(err.contains("did you mean `password`?"), "{err}");
    }

    #[test]
    fn the_state_follows_the_accepted_text() {
        let mut document = edits(vec![Edit::Append { label: "purpose".into(), text: "追加。".into() }]);
        let builtin = "[[article:purpose|目的]]\n\nこの規程は目的を定める。";
        document.accepted.insert("purpose".into(), Accepted::of(builtin));
        assert_eq!(apply(RAW, &document).unwrap().reports[0].state, State::Accepted);
        let changed = RAW.replace("目的を定める。", "目的及び範囲を定める。");
        let report = &apply(&changed, &document).unwrap().reports[0];
        assert_eq!(report.state, State::Changed);
        assert_eq!(report.accepted.as_deref(), Some(builtin));
        assert!(report.builtin.contains("目的及び範囲"));
        assert!(report.local.ends_with("[[para]]追加。"), "{}", report.local);
        let only_meets_changed = RAW.replace("[[meets:a.1-1]]", "[[meets:a.1-2]]");
        assert_eq!(apply(&only_meets_changed, &document).unwrap().reports[0].state, State::Accepted);
    }
}
