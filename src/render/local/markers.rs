//! What a facility may write in a local edit, and how it is kept from becoming kitei's structure.
//!
//! A local edit's text is the facility's prose. kitei's markers decide what a rulebook *is* —
//! its articles (`[[article:…]]`), chapters (`[[chapter:…]]`), 附則 (a `## 附則` heading), the
//! requirements a place meets (`[[meets:…]]`, which the 適用宣言書 and `--strict` trust) — so a
//! local edit must not be able to write them: an empty article whose text said `[[meets:…]]`
//! would "meet" an audit requirement. Per marker:
//!
//! | in the text | |
//! |---|---|
//! | `[[ref:label]]` (label in the label characters) | allowed: cites another article |
//! | `[[item]]`, `[[para]]` at the start of a line | allowed: a 号, a 項 |
//! | any other `[[…` (`meets`, `article`, `chapter`, `toc`, …) | refused at its `file:line:column` |
//! | `<!--` (kitei's comments: `<!-- article:… -->`, `<!-- supplementary -->`, figures) | refused |
//! | a heading (a line starting with `#`, such as `## 附則`) | refused |
//! | every other Markdown character (`*`, `_`, `|`, `<`, a leading `-`, …) | escaped: printed as written |
//!
//! Labels (the article an edit names, and a new article's `label:`) are lower-case ASCII
//! letters, digits, `-` and `_` (at most 64, starting with a letter or digit), like kitei's own;
//! `a|b` would otherwise be split by the article marker. A title is escaped like the text.

use std::path::Path;

use super::{Edit, LocalError, Located};
use crate::diagnostic::SourceDiagnostic;
use crate::i18n::{text, Msg};

/// The longest label.
const MAX_LABEL: usize = 64;

/// Whether `label` is in the label characters.
pub(crate) fn valid_label(label: &str) -> bool {
    let mut chars = label.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && label.len() <= MAX_LABEL
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Refuses a label outside the label characters, or a marker only kitei may write in the text or
/// title, at the place in the file where it is written.
pub(super) fn check(path: &Path, source: &str, located: &Located) -> Result<(), LocalError> {
    let (labels, title, body): (Vec<&str>, Option<&str>, Option<&str>) = match &located.edit {
        Edit::Replace { label, title, text } => (vec![label.as_str()], title.as_deref(), Some(text.as_str())),
        Edit::Append { label, text } => (vec![label.as_str()], None, Some(text.as_str())),
        Edit::InsertAfter { anchor, label, title, text } => {
            (vec![anchor.as_str(), label.as_str()], Some(title.as_str()), Some(text.as_str()))
        }
        Edit::Remove { label } => (vec![label.as_str()], None, None),
    };
    let start = line_offset(source, located.at.line() as usize);
    for label in labels {
        if !valid_label(label) {
            return Err(error_at(path, source, start, label, text(Msg::LocalLabel(label))));
        }
    }
    for written in [title, body].into_iter().flatten() {
        if let Some(marker) = refused_marker(written) {
            return Err(error_at(path, source, start, &marker, text(Msg::LocalMarker { marker: &marker })));
        }
    }
    Ok(())
}

/// The first marker of `written` that only kitei may write, as written (shortened).
pub(crate) fn refused_marker(written: &str) -> Option<String> {
    for line in written.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            return Some(shortened(trimmed));
        }
        if let Some(at) = line.find("<!--") {
            return Some(shortened(&line[at..]));
        }
        let mut rest = line;
        let mut at_start = true;
        while let Some(at) = rest.find("[[") {
            let marker = &rest[at..];
            let allowed = reference_length(marker).is_some()
                || (at_start && at == 0 && (marker.starts_with("[[item]]") || marker.starts_with("[[para]]")));
            if !allowed {
                return Some(shortened(marker.split_inclusive("]]").next().unwrap_or(marker)));
            }
            let skip = reference_length(marker).unwrap_or("[[item]]".len());
            rest = &marker[skip..];
            at_start = false;
        }
    }
    None
}

/// The length of `[[ref:label]]` at the start of `text`, when it is one with a valid label.
fn reference_length(text: &str) -> Option<usize> {
    let label = text.strip_prefix("[[ref:")?;
    let end = label.find("]]")?;
    valid_label(&label[..end]).then_some("[[ref:".len() + end + "]]".len())
}

fn shortened(marker: &str) -> String {
    let mut out: String = marker.chars().take(40).collect();
    if marker.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// `written` as Markdown that prints as written: every character escaped except the markers a
/// local edit may use (`[[ref:label]]`, and `[[item]]`/`[[para]]` at a line's start), which
/// [`refused_marker`] has left as the only ones.
pub(crate) fn escaped(written: &str) -> String {
    written
        .lines()
        .map(|line| {
            let (prefix, rest) = ["[[item]]", "[[para]]"]
                .iter()
                .find_map(|m| line.strip_prefix(m).map(|rest| (*m, rest)))
                .unwrap_or(("", line));
            format!("{prefix}{}", escaped_inline(rest))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line escaped, its `[[ref:label]]` kept.
fn escaped_inline(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("[[ref:") {
        let Some(length) = reference_length(&rest[at..]) else { break };
        out.push_str(&escape_piece(&rest[..at], out.is_empty()));
        out.push_str(&rest[at..at + length]);
        rest = &rest[at + length..];
    }
    out.push_str(&escape_piece(rest, out.is_empty()));
    out
}

/// [`crate::render::escape_markdown`], without its line-start rules inside a line.
fn escape_piece(piece: &str, line_start: bool) -> String {
    if line_start || piece.is_empty() {
        return crate::render::escape_markdown(piece);
    }
    // A non-start piece: escaping "x" + piece and dropping "x" keeps a leading `-` or `1.` literal.
    crate::render::escape_markdown(&format!("x{piece}"))[1..].to_owned()
}

/// The byte offset where line `line` (1-based) of `source` starts.
fn line_offset(source: &str, line: usize) -> usize {
    source.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}

/// A diagnostic at the first place from `start` where `needle` is written (or at `start`).
fn error_at(path: &Path, source: &str, start: usize, needle: &str, message: String) -> LocalError {
    let found = source.get(start..).and_then(|s| s.find(needle.trim_end_matches('…'))).map(|i| start + i);
    let offset = found.unwrap_or(start);
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    LocalError::Source(SourceDiagnostic::at(path, source, line, column, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_kiteis_characters() {
        assert!(valid_label("usb-memory") && valid_label("a_1") && valid_label("9"));
        for bad in ["a|b", "", "A", "-a", "a b", "ラベル", "a]]", &"a".repeat(65)] {
            assert!(!valid_label(bad), "{bad}");
        }
    }

    #[test]
    fn structure_markers_are_refused_and_references_allowed() {
        for refused in [
            "本文\n[[meets:management.15-4]]",
            "[[article:x|見出し]]",
            "[[chapter:総則]]",
            "本文[[toc]]",
            "## 附則",
            "  # 見出し",
            "<!-- article:x -->",
            "[[ref:a|b]]",
            "途中の[[item]]",
        ] {
            assert!(refused_marker(refused).is_some(), "{refused}");
        }
        assert_eq!(refused_marker("本文\n[[meets:x]]").as_deref(), Some("[[meets:x]]"));
        for allowed in ["[[ref:purpose]]のとおり", "[[item]]一つ目", "[[para]]二項 [[ref:a]]と[[ref:b]]", "第1の文"]
        {
            assert_eq!(refused_marker(allowed), None, "{allowed}");
        }
    }

    #[test]
    fn other_markdown_is_printed_as_written() {
        assert_eq!(escaped("**太字** | 表"), r"\*\*太字\*\* \| 表");
        assert_eq!(escaped("- 箇条\n[[item]]号の*文*"), "\\- 箇条\n[[item]]号の\\*文\\*");
        assert_eq!(escaped("[[ref:purpose]]の_目的_"), r"[[ref:purpose]]の\_目的\_");
        assert_eq!(escaped("普通の文。"), "普通の文。");
    }
}
