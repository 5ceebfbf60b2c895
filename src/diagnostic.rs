//! Errors that point into a source file.
//!
//! A facility's 運用管理者 edits YAML by hand; when something is wrong, the message must say where
//! (`file:line:column`), show the line with a caret under the fault, say what was expected and,
//! where we can guess, suggest a fix. Columns are counted in characters, and the caret is padded by
//! display width, so it sits under the right character even after double-width Japanese text.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem at one place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDiagnostic {
    /// The file the problem is in, as the user named it.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// The text of the offending line, when known.
    pub source_line: Option<String>,
    /// A suggestion for the fix.
    pub hint: Option<String>,
}

impl SourceDiagnostic {
    /// A diagnostic at `line`/`column` of `text` (the whole file), which supplies the shown line.
    pub fn at(path: &Path, text: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        let source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        Self {
            path: path.to_owned(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
            source_line,
            hint: None,
        }
    }

    /// A diagnostic at the place serde-saphyr recorded for a value (a `Spanned` field).
    pub fn at_span(path: &Path, text: &str, at: serde_saphyr::Location, message: impl Into<String>) -> Self {
        Self::at(path, text, at.line() as usize, at.column() as usize, message)
    }

    /// Adds a suggestion.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a suggestion when there is one.
    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }
}

impl fmt::Display for SourceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = visible(&self.path.display().to_string());
        writeln!(f, "{path}:{}:{}: {}", self.line, self.column, visible(&self.message))?;
        if let Some(line) = &self.source_line {
            let (text, column) = excerpt(line, self.column);
            let (before, after): (String, String) = {
                let split = text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
                (visible(&text[..split]), visible(&text[split..]))
            };
            let column = before.chars().count() + 1;
            let text = before + &after;
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {text}")?;
            writeln!(f, "{gutter} | {}^", caret_padding(&text, column))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "  = {}: {}", crate::i18n::text(crate::i18n::Msg::Help), visible(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceDiagnostic {}

/// Several diagnostics reported together (a check reports every problem it finds, not just the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<SourceDiagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {diagnostic}", crate::i18n::text(crate::i18n::Msg::Error))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// How many characters of a long source line are shown before and after the fault.
const SHOWN_BEFORE: usize = 40;
const SHOWN_AFTER: usize = 60;

/// The part of `line` worth showing around `column`, with `…` where it was cut, and the column
/// of the fault in that part. A pasted paragraph must not fill the terminal.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SHOWN_BEFORE);
    let end = (at + SHOWN_AFTER).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at - start + 1 + usize::from(start > 0))
}

/// Spaces (and tabs, kept as tabs) that move a caret under character `column` of `line`,
/// counting East Asian wide characters as two cells.
fn caret_padding(line: &str, column: usize) -> String {
    line.chars()
        .take(column.saturating_sub(1))
        .map(|c| match c {
            '\t' => "\t",
            c if is_wide(c) => "  ",
            _ => " ",
        })
        .collect()
}

/// What an invisible character is, when `c` is one kitei never prints or accepts in a profile:
/// C0 and C1 controls (a tab and line ends aside), bidirectional controls and zero-width
/// characters.
pub(crate) fn invisible(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\r' | '\t' => None,
        '\u{1b}' => Some("ESCAPE, a terminal control sequence"),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("a control character"),
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}' => {
            Some("a bidirectional control that reorders text")
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => Some("a zero-width character"),
        _ => None,
    }
}

/// `text` with every invisible character (and a carriage return, which would let a value
/// overwrite the start of its line) shown as `<U+XXXX>`, for the terminal: a profile value or
/// file name must not move the cursor, recolour the screen or reorder what a person reads.
pub(crate) fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if invisible(c).is_some() || c == '\r' {
            shown.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Whether a character takes two cells in a terminal (CJK, full-width forms, kana).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD)
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len().max(word.len()) / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_fault() {
        let line = format!("{}key: {}", "x".repeat(100), "あ".repeat(5_000));
        let d = SourceDiagnostic::at(Path::new("p.yaml"), &line, 1, 101, "bad");
        let shown = d.to_string();
        let source = shown.lines().nth(2).unwrap();
        assert!(source.starts_with("1 | …xxxx") && source.ends_with("あ…"), "{source}");
        assert!(source.chars().count() < 120, "{source}");
        let caret = shown.lines().nth(3).unwrap();
        // Everything before the fault is one cell a character, so cells and characters agree.
        let under = caret.chars().position(|c| c == '^').unwrap();
        assert_eq!(source.chars().skip(under).take(3).collect::<String>(), "key", "caret under the fault: {shown}");
    }

    #[test]
    fn caret_sits_under_the_column_after_wide_text() {
        let d = SourceDiagnostic::at(Path::new("p.yaml"), "名前: x\nkey: 1", 1, 5, "bad");
        let shown = d.to_string();
        assert!(shown.starts_with("p.yaml:1:5: bad"));
        assert!(shown.contains("1 | 名前: x\n  |       ^"), "{shown}");
    }

    #[test]
    fn invisible_characters_are_shown_not_sent_to_the_terminal() {
        let d = SourceDiagnostic::at(Path::new("p.yaml"), "name: \u{1b}[31mx\u{202e}y", 1, 7, "bad \u{1b}[2J");
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown}");
        assert!(shown.contains("name: <U+001B>[31mx<U+202E>y"), "{shown}");
        assert!(shown.contains("  |       ^"), "caret under the escape: {shown}");
    }

    #[test]
    fn closest_suggests_typos_but_not_strangers() {
        let keys = ["name", "kind", "address"];
        assert_eq!(closest("nmae", keys), Some("name"));
        assert_eq!(closest("adress", keys), Some("address"));
        assert_eq!(closest("completely", keys), None);
    }
}
