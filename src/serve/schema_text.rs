//! Labels, help and choices for the forms, from the profile's JSON Schema (`kitei schema`).
//!
//! The schema's descriptions are the doc comments of the profile's types, written for the person
//! editing the profile; the forms show the same words, so there is one text to keep right. A
//! label is a description's first phrase; the help drops sentences that name profile keys.

use std::sync::OnceLock;

use serde_json::Value;

/// The profile's schema as JSON, made once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(crate::load::profile::ProfileData).to_value())
}

/// The description of `field` of the type `definition` (`Facility`, `System`, …).
pub(super) fn description(definition: &str, field: &str) -> String {
    schema()["$defs"][definition]["properties"][field]["description"].as_str().unwrap_or(field).to_owned()
}

/// A short label: the description up to its first bracket, colon or full stop.
pub(super) fn label(definition: &str, field: &str) -> String {
    let text = description(definition, field);
    let end = text.find(['（', '。', ':', '：']).unwrap_or(text.len());
    text[..end].trim().to_owned()
}

/// The help: the description's sentences that name no profile key (no ASCII words).
pub(super) fn help(definition: &str, field: &str) -> String {
    description(definition, field)
        .split_inclusive('。')
        .filter(|s| !s.chars().any(|c| c.is_ascii_lowercase()))
        .collect()
}

/// The choices of an enum type: (value written in the profile, its Japanese description).
pub(super) fn choices(definition: &str) -> Vec<(String, String)> {
    let Some(variants) = schema()["$defs"][definition]["oneOf"].as_array() else { return Vec::new() };
    variants
        .iter()
        .filter_map(|v| {
            let value = v["const"].as_str().or_else(|| v["enum"][0].as_str())?.to_owned();
            let label = v["description"].as_str().unwrap_or(&value).to_owned();
            Some((value, label))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_help_come_from_the_schema() {
        assert_eq!(label("Facility", "name"), "施設の正式名称");
        assert_eq!(label("Facility", "beds"), "病床数");
        assert!(!help("Facility", "head").contains("key"), "{}", help("Facility", "head"));
        assert_eq!(label("System", "hosting"), "設置形態");
    }

    #[test]
    fn an_enum_gives_its_choices_in_japanese() {
        let kinds = choices("FacilityKind");
        assert!(kinds.contains(&("clinic".to_owned(), "診療所".to_owned())), "{kinds:?}");
        assert_eq!(kinds.len(), 5);
        let systems = choices("SystemKind");
        for (value, label) in
            [("receipt-ehr", "電子カルテ一体型レセプトコンピュータ"), ("web-booking", "Web予約・問診サービス")]
        {
            assert!(systems.contains(&(value.to_owned(), label.to_owned())), "{systems:?}");
        }
    }
}
