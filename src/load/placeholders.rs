//! The `例）` examples `kitei init` writes into a starter profile.
//!
//! A starter profile builds as it is, so that a person sees the whole rulebook at once; its names
//! and addresses are examples marked 「例）」. Left unchanged, they would be printed in approved
//! documents as if they were the facility's own, so each one still there is a warning.

/// The mark `kitei init` puts before every example value.
pub const MARK: &str = "例）";

/// The example values still in `text`: (line, the value as written), comments aside.
pub fn find(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split(" #").next().unwrap_or_default();
            if code.trim_start().starts_with('#') {
                return None;
            }
            let at = code.find(MARK)?;
            let value: String = code[at..].chars().take_while(|c| !matches!(c, ',' | '}' | '"' | '\'')).collect();
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
}
