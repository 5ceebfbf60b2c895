//! The `例）` examples `kitei init` writes into a starter profile.
//!
//! A starter profile builds as it is, so that a person sees the whole rulebook at once; its names
//! and addresses are examples marked 「例）」. Left unchanged, they would be printed in approved
//! documents as if they were the facility's own, so each one still there is a warning.

/// The mark `kitei init` puts before every example value.
pub const MARK: &str = "例）";

/// Example values that cannot carry the mark (a phone number, a mail address must stay valid):
/// the reserved-looking numbers and the domain `kitei init` writes. Any value containing one is
/// an example too.
pub const UNMARKED: &[&str] = &["03-0000-000", "@example.jp", "@example.com"];

/// The example values still in `text`: (line, the value as written), comments aside.
pub fn find(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split(" #").next().unwrap_or_default();
            if code.trim_start().starts_with('#') {
                return None;
            }
            let at = std::iter::once(MARK).chain(UNMARKED.iter().copied()).filter_map(|m| code.find(m)).min()?;
            let start = code[..at].rfind([':', ',', '{', '"', '\'']).map_or(0, |p| p + 1);
            let value: String = code[start..].chars().take_while(|c| !matches!(c, ',' | '}' | '"' | '\'')).collect();
            Some((i + 1, value.trim().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_example_values_but_not_comments() {
        let text = "# 例）ここはコメント\nfacility:\n  name: 例）みどり内科クリニック\n  - { kind: police, name: 例）所轄警察署, phone: x }\n";
        assert_eq!(find(text), vec![(3, "例）みどり内科クリニック".to_owned()), (4, "例）所轄警察署".to_owned())]);
    }

    #[test]
    fn finds_example_numbers_and_addresses_that_carry_no_mark() {
        let text = "  phone: 03-0000-0000\n  email: manager@example.jp\n  - { kind: mhlw, name: 例）窓口, phone: 03-0000-0002 }\n  phone: 03-5000-1234\n";
        assert_eq!(
            find(text),
            vec![(1, "03-0000-0000".to_owned()), (2, "manager@example.jp".to_owned()), (3, "例）窓口".to_owned())]
        );
    }
}
