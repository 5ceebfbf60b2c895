//! Escaping profile strings for Markdown.
//!
//! Everything a facility writes is data. Tera's autoescape runs this function on every `{{ }}`
//! output of a `.md` template, so `*bold*`, `# heading`, `<b>`, `[link](x)` and `[[ref:…]]` in a
//! profile appear literally in the document instead of becoming markup (or kitei's own markers).

/// Escapes `text` so that CommonMark renders it literally, on one line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    let mut digits_only = true;
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                out.push(' ');
                continue;
            }
            c if c.is_control() => continue,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits_only && !at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        at_start = at_start && c == ' ';
        digits_only = digits_only && (c.is_ascii_digit() || c == ' ');
    }
    out
}

/// Markdown source as the text it prints: each backslash escape taken out (the inverse of
/// [`escape_markdown`] for one line).
pub(crate) fn unescape_markdown(text: &str) -> String {
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
    use super::escape_markdown;

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(escape_markdown("*bold* <b>"), r"\*bold\* \<b\>");
        assert_eq!(escape_markdown("# title"), r"\# title");
        assert_eq!(escape_markdown("- item"), r"\- item");
        assert_eq!(escape_markdown("1. item"), r"1\. item");
        assert_eq!(escape_markdown("[[ref:x]]"), r"\[\[ref:x\]\]");
        assert_eq!(escape_markdown("a\nb"), "a b");
    }

    #[test]
    fn ordinary_text_is_left_readable() {
        assert_eq!(escape_markdown("03-1234-5678"), "03-1234-5678");
        assert_eq!(escape_markdown("さくら内科クリニック"), "さくら内科クリニック");
        assert_eq!(escape_markdown("info@example.jp"), "info@example.jp");
    }
}
