//! YAML parsing with errors a person can act on.
//!
//! serde-saphyr reports the line and column of every failure, including missing fields and
//! duplicate keys; this module turns its errors into [`SourceDiagnostic`]s with the offending line
//! and, for the common mistakes, a hint (the nearest known key, the allowed values).

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::Options;

use crate::diagnostic::{closest, invisible, SourceDiagnostic};
use crate::i18n::{text, Msg};

/// Deserializes `text` (the contents of `path`) into `T`.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, SourceDiagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| diagnose(path, text, &error))
}

/// The longest value a profile may hold, in characters. Real names and notes run to tens of
/// characters; a value far longer is a pasted file or a quote left open, and it would be printed
/// in the running header of every page of every document.
pub(crate) const MAX_VALUE_CHARS: usize = 1_000;

/// Refuses text a profile must not hold, pointing at it, before the YAML is deserialized:
/// invisible characters (controls, bidi overrides, zero-width) written or escaped, full-width
/// spaces used as indentation, `!!binary` and custom tags, and values longer than
/// [`MAX_VALUE_CHARS`]. Syntax errors are left to [`parse`], which explains them.
pub(crate) fn refuse_bad_text(path: &Path, text: &str) -> Result<(), SourceDiagnostic> {
    refuse_written_characters(path, text)?;
    refuse_bad_values(path, text, Some(MAX_VALUE_CHARS))
}

/// The profile's character rules for any other YAML file whose texts reach a document or the
/// terminal (local edits, accepted files, `wording.yaml`): invisible characters written or
/// escaped, full-width indentation and custom tags are refused at their line and column. Values
/// may be longer than a profile's (a local edit replaces a whole article).
pub(crate) fn refuse_invisible(path: &Path, text: &str) -> Result<(), SourceDiagnostic> {
    refuse_written_characters(path, text)?;
    refuse_bad_values(path, text, None)
}

/// Refuses an invisible character written anywhere in `text` (a template), at its line and
/// column: a tab and line ends (`\n`, `\r\n`) aside, and a byte order mark at the start.
pub(crate) fn refuse_invisible_in_text(path: &Path, text: &str) -> Result<(), SourceDiagnostic> {
    for (index, line) in text.lines().enumerate() {
        let bom = usize::from(index == 0);
        let found = line.chars().enumerate().skip(bom).find(|(_, c)| is_refused(*c, false));
        if let Some((column, c)) = found {
            return Err(invisible_at(path, text, index + 1, column + 1, c));
        }
    }
    Ok(())
}

/// Whether `c` may not stand in a file's text: an invisible character other than a tab, or a
/// carriage return that does not end a line (`lines` removes those); in a value a line feed is
/// fine too.
fn is_refused(c: char, in_value: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !in_value,
        '\r' => true,
        c => invisible(c).is_some(),
    }
}

fn refuse_written_characters(path: &Path, text: &str) -> Result<(), SourceDiagnostic> {
    for (index, line) in text.lines().enumerate() {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\u{3000}').collect();
        if let Some(column) = indent.chars().position(|c| c == '\u{3000}') {
            return Err(SourceDiagnostic::at(path, text, index + 1, column + 1, self::text(Msg::FullWidthIndent))
                .with_hint(self::text(Msg::FullWidthIndentHint)));
        }
        let bom = usize::from(index == 0);
        let found = line.chars().enumerate().skip(bom).find(|(_, c)| is_refused(*c, false));
        if let Some((column, c)) = found {
            return Err(invisible_at(path, text, index + 1, column + 1, c));
        }
    }
    Ok(())
}

fn refuse_bad_values(path: &Path, text: &str, max_chars: Option<usize>) -> Result<(), SourceDiagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser};
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let Event::Scalar(value, _, _, tag) = event else { continue };
        let (line, column) = (span.start.line(), span.start.col() + 1);
        if let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema() || t.is_yaml_core_schema_tag("binary")) {
            let message = self::text(Msg::YamlTag(tag.suffix()));
            return Err(SourceDiagnostic::at(path, text, line, column, message).with_hint(self::text(Msg::YamlTagHint)));
        }
        if let Some(c) = value.chars().find(|c| is_refused(*c, true)) {
            return Err(invisible_at(path, text, line, column, c));
        }
        let chars = value.chars().count();
        if let Some(max) = max_chars.filter(|max| chars > *max) {
            let message = self::text(Msg::ValueTooLong { chars, max });
            return Err(
                SourceDiagnostic::at(path, text, line, column, message).with_hint(self::text(Msg::ValueTooLongHint))
            );
        }
    }
    Ok(())
}

fn invisible_at(path: &Path, text: &str, line: usize, column: usize, c: char) -> SourceDiagnostic {
    let what = invisible(c).unwrap_or("a control character");
    let message = self::text(Msg::InvisibleChar { code: c as u32, what });
    SourceDiagnostic::at(path, text, line, column, message).with_hint(self::text(Msg::InvisibleCharHint))
}

/// Limits that keep hostile YAML (alias bombs, absurd nesting) from exhausting memory.
fn options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: 32 * 1024 * 1024,
        },
    }
}

fn diagnose(path: &Path, text: &str, error: &serde_saphyr::Error) -> SourceDiagnostic {
    let message = without_location(&first_line(&error.without_snippet().to_string()));
    let (line, column) =
        error.location().map(|location| (location.line() as usize, location.column() as usize)).unwrap_or((1, 1));
    let found = value_at(text, line, column);
    let (message, hint) = explain(&message, &found);
    SourceDiagnostic::at(path, text, line, column, message).with_optional_hint(hint)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().trim().to_owned()
}

/// serde-saphyr appends " at line N, column M"; the diagnostic shows the place itself.
fn without_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The scalar written at `line`/`column` (1-based, characters), for "found …" messages.
fn value_at(text: &str, line: usize, column: usize) -> String {
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let rest: String = source.chars().skip(column.saturating_sub(1)).collect();
    rest.split(" #").next().unwrap_or_default().trim().trim_end_matches(',').to_owned()
}

/// Rewrites serde's terse messages into what a profile author needs, with a hint.
fn explain(message: &str, found: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        let key = rest.trim_start_matches(':').split(", set DuplicateKeyPolicy").next().unwrap_or_default().trim();
        return (text(Msg::DuplicateKey(key)), Some(text(Msg::DuplicateKeyHint)));
    }
    if message.starts_with("budget breached") {
        return (text(Msg::AliasBomb), Some(text(Msg::AliasBombHint)));
    }
    if let Some((_, expected)) = message.strip_prefix("invalid type: ").and_then(|rest| rest.split_once(", expected "))
    {
        return (text(Msg::Expected { expected, found }), Some(text(Msg::ExpectedHint(expected))));
    }
    if let Some(expected) = message.strip_prefix("invalid ") {
        return (text(Msg::Expected { expected, found }), Some(text(Msg::ExpectedHint(expected))));
    }
    for (serde_says, keys) in [("unknown field", true), ("unknown variant", false)] {
        if let Some((found, expected)) = unknown_name(message, serde_says) {
            let allowed = expected.join(", ");
            let hint = match closest(&found, expected.iter().map(String::as_str)) {
                Some(near) => text(Msg::DidYouMean { near, allowed: &allowed, keys }),
                None => text(Msg::AllowedAre { allowed: &allowed, keys }),
            };
            let message = if keys { Msg::UnknownKey(&found) } else { Msg::UnknownValue(&found) };
            return (text(message), Some(hint));
        }
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return (text(Msg::MissingKey(&field)), Some(text(Msg::MissingKeyHint(&field))));
    }
    if let Some(expected) = message.strip_prefix("expected ").filter(|e| e.ends_with(" start")) {
        return (text(Msg::Expected { expected, found }), Some(text(Msg::ExpectedHint(expected))));
    }
    if message.starts_with("missing field") || message.starts_with("unknown") || message.is_empty() {
        return (message.to_owned(), None);
    }
    (text(Msg::YamlSyntax(message)), Some(text(Msg::YamlSyntaxHint)))
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" (or "expected `a` or `b`").
fn unknown_name(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split_once(prefix)?.1;
    let found = between(rest, "`", "`")?;
    let expected_part = rest.split_once("expected").map(|(_, e)| e).unwrap_or("");
    let expected_part = expected_part.trim().trim_start_matches("one of").trim();
    let expected = expected_part
        .split([',', ' '])
        .map(|name| name.trim().trim_matches('`'))
        .filter(|name| !name.is_empty() && *name != "or")
        .map(str::to_owned)
        .collect();
    Some((found, expected))
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(text[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are only deserialized")]
    struct Doc {
        name: String,
        count: u32,
    }

    fn error_of(text: &str) -> SourceDiagnostic {
        parse::<Doc>(Path::new("doc.yaml"), text).unwrap_err()
    }

    #[test]
    fn unknown_key_names_the_nearest_known_one() {
        let e = error_of("name: x\ncuont: 1\n");
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert_eq!(e.message, "unknown key `cuont`");
        assert!(e.hint.unwrap().contains("did you mean `count`?"));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let e = error_of("name: x\ncount: many\n");
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn missing_key_is_reported_with_a_hint() {
        let e = error_of("name: x\n");
        assert!(e.message.contains("missing required key `count`"), "{e}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse::<serde::de::IgnoredAny>(Path::new("bomb.yaml"), &bomb).is_err());
    }
}
