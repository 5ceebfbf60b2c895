//! Saving a form into the profile: patch the YAML in place, verify, check, back up, write.
//!
//! The profile file stays the truth, and it is the facility's: its comments, layout and every
//! value the form does not show must survive a save. So a save edits the syntax tree
//! (yaml-edit), then parses the old and new text as plain data and requires the new one to be
//! exactly the old one with the intended changes; anything else is refused, not written. The
//! result passes the same checks as `kitei check` before it is written. The previous file is kept
//! under `.kitei/backup/`. Two tabs (or a tab and an editor) never lose an update: a form carries
//! the SHA-256 of the bytes it was made from, and a save from an older version is refused (409).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde_json::Value;
use yaml_edit::{Document, Mapping, YamlValue};

use super::state::AppState;
use crate::diagnostic::SourceDiagnostic;
use crate::load::LoadError;
use crate::pipeline::ProfileSource;

/// How many backups of a profile are kept.
const BACKUPS_KEPT: usize = 20;

/// One step into the profile: a mapping key, or an item of the list under the previous key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// A key of a mapping.
    Key(String),
    /// An item of a list.
    Index(usize),
}

/// The value a field is to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NewValue {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// Yes or no.
    Bool(bool),
    /// A list of texts (a segment's systems, by key).
    Texts(Vec<String>),
    /// A list of one-key mappings (a VPN device's `connects: [{ vendor: x }, { system: y }]`).
    Pairs(Vec<(String, String)>),
    /// The key is removed (an optional field left empty).
    Absent,
    /// A new item appended to the list at the change's path (its fields in order; nested
    /// mappings are not made here).
    Append(Vec<(String, NewValue)>),
    /// The item at the change's path (its last step an index) is removed from its list.
    Removed,
}

/// One field to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    /// Where (the last step is the field's key).
    pub(super) path: Vec<Step>,
    /// What.
    pub(super) value: NewValue,
}

/// Why a patch could not be made safely.
#[derive(Debug, thiserror::Error)]
pub(super) enum EditError {
    /// The file is not YAML the editor can read.
    #[error("プロファイルを読み取れませんでした: {0}")]
    Parse(String),
    /// The place to write is not in the file (its path kept for the log, not shown: it is a
    /// profile key).
    #[error("施設の情報のファイルに、書き込む場所が見つかりませんでした。ファイルは変更していません。画面を開き直してから、もう一度お試しください")]
    NoPlace(String),
    /// The patched file would change more than the form's fields.
    #[error("ほかの値を変えずに保存することができませんでした。ファイルは変更していません")]
    Unsafe,
}

/// The version a form carries: SHA-256 of the profile's bytes.
pub(super) fn version(text: &str) -> String {
    crate::digest::sha256_hex(text.as_bytes())
}

/// `text` with `changes` applied, comments and layout kept; refused unless exactly the intended
/// values changed.
pub(super) fn patch(text: &str, changes: &[Change]) -> Result<String, EditError> {
    let document = Document::from_str(text).map_err(|e| EditError::Parse(e.to_string()))?;
    for change in changes {
        apply(&document, change)?;
    }
    let patched = document.to_string();
    verify(text, &patched, changes)?;
    Ok(patched)
}

fn apply(document: &Document, change: &Change) -> Result<(), EditError> {
    let place = || shown(&change.path);
    match &change.value {
        NewValue::Append(fields) => {
            return append(document, &change.path, fields).ok_or_else(|| EditError::NoPlace(place()))
        }
        NewValue::Removed => return remove(document, &change.path).ok_or_else(|| EditError::NoPlace(place())),
        _ => {}
    }
    let (Some(Step::Key(key)), parents) = (change.path.last(), &change.path[..change.path.len().saturating_sub(1)])
    else {
        return Err(EditError::NoPlace(place()));
    };
    let Some(mapping) = navigate(document, parents) else {
        return create_section(document, parents, key, &change.value).ok_or_else(|| EditError::NoPlace(place()));
    };
    match &change.value {
        NewValue::Text(text) => mapping.set(key.as_str(), text.as_str()),
        NewValue::Int(number) => mapping.set(key.as_str(), *number),
        NewValue::Bool(yes) => mapping.set(key.as_str(), *yes),
        NewValue::Texts(_) | NewValue::Pairs(_) => {
            mapping.set(key.as_str(), yaml_value(&change.value).ok_or_else(|| EditError::NoPlace(place()))?)
        }
        NewValue::Absent => {
            mapping.remove(key.as_str());
        }
        NewValue::Append(_) | NewValue::Removed => return Err(EditError::NoPlace(place())),
    }
    Ok(())
}

/// A value of a new item, or a list a field holds.
fn yaml_value(value: &NewValue) -> Option<YamlValue> {
    match value {
        NewValue::Text(text) => Some(text.as_str().into()),
        NewValue::Int(number) => Some((*number).into()),
        NewValue::Bool(yes) => Some((*yes).into()),
        NewValue::Texts(items) => Some(YamlValue::Sequence(items.iter().map(|t| t.as_str().into()).collect())),
        NewValue::Pairs(pairs) => Some(YamlValue::Sequence(
            pairs
                .iter()
                .map(|(k, v)| YamlValue::Mapping([(k.clone(), YamlValue::from(v.as_str()))].into_iter().collect()))
                .collect(),
        )),
        NewValue::Absent | NewValue::Append(_) | NewValue::Removed => None,
    }
}

/// Appends an item with `fields` (in their order) to the list at `path`; a list that is not in
/// the file yet (a profile without `assets:`) is created under its mapping.
fn append(document: &Document, path: &[Step], fields: &[(String, NewValue)]) -> Option<()> {
    let (Step::Key(list), parents) = path.split_last()? else { return None };
    let mapping = navigate(document, parents)?;
    let mut item = yaml_edit::MappingBuilder::new();
    for (key, value) in fields {
        if let Some(value) = yaml_value(value) {
            item = item.pair(key.as_str(), value);
        }
    }
    let item = item.build_document();
    let item = item.as_mapping()?;
    match mapping.get_sequence(list.as_str()) {
        Some(sequence) => sequence.push(&item),
        None if mapping.get(list.as_str()).is_none() => {
            let sequence = yaml_edit::SequenceBuilder::new().item(&item).build_document();
            mapping.set(list.as_str(), &sequence.as_sequence()?);
        }
        // `list: ~` or anything else: not a place to append to.
        None => return None,
    }
    Some(())
}

/// Removes the item at `path` (its last step an index) from its list.
fn remove(document: &Document, path: &[Step]) -> Option<()> {
    let (Step::Index(index), parents) = path.split_last()? else { return None };
    let (Step::Key(list), outer) = parents.split_last()? else { return None };
    let sequence = navigate(document, outer)?.get_sequence(list.as_str())?;
    sequence.remove(*index).map(|_| ())
}

/// Writes `key: value` into a new mapping `parents` (a `rules:` the starter profile leaves
/// commented out, a vendor's `contract:`: a top-level section or a key of a list's item), when
/// that mapping is not in the file at all.
fn create_section(document: &Document, parents: &[Step], key: &str, value: &NewValue) -> Option<()> {
    let (Step::Key(section), outer) = parents.split_last()? else { return None };
    let root = match outer.last() {
        None => document.as_mapping()?,
        // An optional role (`roles.audit`) not in the file yet.
        Some(Step::Index(_) | Step::Key(_)) => navigate(document, outer)?,
    };
    if root.get(section.as_str()).is_some() {
        return None;
    }
    let Some(value) = yaml_value(value) else { return Some(()) };
    root.set(section.as_str(), YamlValue::Mapping([(key.to_owned(), value)].into_iter().collect()));
    Some(())
}

/// The mapping at `steps` (each index follows the key of its list).
fn navigate(document: &Document, steps: &[Step]) -> Option<Mapping> {
    let mut mapping = document.as_mapping()?;
    let mut steps = steps.iter().peekable();
    while let Some(step) = steps.next() {
        let Step::Key(key) = step else { return None };
        mapping = match steps.peek() {
            Some(Step::Index(index)) => {
                steps.next();
                mapping.get_sequence(key.as_str())?.get(*index)?.as_mapping()?.clone()
            }
            _ => mapping.get_mapping(key.as_str())?,
        };
    }
    Some(mapping)
}

fn shown(path: &[Step]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Index(i) => i.to_string(),
        })
        .collect();
    parts.join(".")
}

/// Requires `patched` to read as `original` with `changes` applied, and nothing else.
fn verify(original: &str, patched: &str, changes: &[Change]) -> Result<(), EditError> {
    let mut expected = data(original).map_err(EditError::Parse)?;
    for change in changes {
        expect(&mut expected, change).ok_or(EditError::Unsafe)?;
    }
    match data(patched) {
        Ok(found) if found == expected => Ok(()),
        _ => Err(EditError::Unsafe),
    }
}

/// The YAML as plain data.
fn data(text: &str) -> Result<Value, String> {
    serde_saphyr::from_str::<Value>(text).map_err(|e| e.to_string())
}

/// `value` with `change` made, as plain data.
fn expect(value: &mut Value, change: &Change) -> Option<()> {
    let (last, parents) = change.path.split_last()?;
    if change.value == NewValue::Removed {
        let (Step::Index(index), _) = (last, ()) else { return None };
        let list = walk(value, parents)?.as_array_mut()?;
        (*index < list.len()).then(|| list.remove(*index))?;
        return Some(());
    }
    if let NewValue::Append(fields) = &change.value {
        let Step::Key(key) = last else { return None };
        let map = walk(value, parents)?.as_object_mut()?;
        let list = map.entry(key.as_str()).or_insert_with(|| Value::Array(Vec::new())).as_array_mut()?;
        let item = fields.iter().filter_map(|(k, v)| Some((k.clone(), plain(v)?))).collect();
        list.push(Value::Object(item));
        return Some(());
    }
    let mut at = value;
    for step in parents {
        at = match step {
            // A section that is not in the file yet is created by the change.
            Step::Key(key) => {
                at.as_object_mut()?.entry(key.as_str()).or_insert_with(|| Value::Object(Default::default()))
            }
            Step::Index(index) => at.get_mut(*index)?,
        };
    }
    let (Step::Key(key), Value::Object(map)) = (last, at) else { return None };
    match &change.value {
        NewValue::Text(text) => map.insert(key.clone(), Value::String(text.clone())),
        NewValue::Int(number) => map.insert(key.clone(), Value::from(*number)),
        NewValue::Absent => map.remove(key),
        NewValue::Append(_) | NewValue::Removed => return None,
        other => map.insert(key.clone(), plain(other)?),
    };
    Some(())
}

/// The place at `steps` of existing data.
fn walk<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    let mut at = value;
    for step in steps {
        at = match step {
            Step::Key(key) => at.get_mut(key.as_str())?,
            Step::Index(index) => at.get_mut(*index)?,
        };
    }
    Some(at)
}

/// A new item's scalar as plain data.
fn plain(value: &NewValue) -> Option<Value> {
    match value {
        NewValue::Text(text) => Some(Value::String(text.clone())),
        NewValue::Int(number) => Some(Value::from(*number)),
        NewValue::Bool(yes) => Some(Value::Bool(*yes)),
        NewValue::Texts(items) => Some(Value::Array(items.iter().map(|t| Value::String(t.clone())).collect())),
        NewValue::Pairs(pairs) => Some(Value::Array(
            pairs
                .iter()
                .map(|(k, v)| Value::Object([(k.clone(), Value::String(v.clone()))].into_iter().collect()))
                .collect(),
        )),
        NewValue::Absent | NewValue::Append(_) | NewValue::Removed => None,
    }
}

/// What a save did.
#[derive(Debug)]
pub(super) enum Saved {
    /// Written.
    Done,
    /// The file changed since the form was made: nothing written; its current text.
    Conflict(String),
    /// The checks of `kitei check` found problems: nothing written.
    Invalid(Vec<SourceDiagnostic>),
}

/// Saves `changes` made on the version `seen` of the profile.
pub(super) fn save(state: &AppState, seen: &str, changes: &[Change]) -> anyhow::Result<Saved> {
    let _saving = state.saving.lock().unwrap_or_else(|e| e.into_inner());
    let text = crate::load::read_text(&state.profile)?;
    if version(&text) != seen {
        return Ok(Saved::Conflict(text));
    }
    let patched = patch(&text, changes)?;
    let source = ProfileSource { path: state.profile.clone(), text: patched.clone() };
    if let Err(error) = state.session.load(&source, None) {
        return Ok(Saved::Invalid(problems(error)));
    }
    backup(&state.profile, &text)?;
    crate::write::write_file_atomic(&state.profile, patched.as_bytes())?;
    Ok(Saved::Done)
}

/// The diagnostics of a failed load (one without a place becomes one at line 1).
fn problems(error: LoadError) -> Vec<SourceDiagnostic> {
    match error {
        LoadError::Syntax(one) => vec![one],
        LoadError::Invalid(many) => many.0,
        other => vec![SourceDiagnostic::at(Path::new(""), "", 1, 1, other.to_string())],
    }
}

/// Keeps `text` as `.kitei/backup/<name>-<seconds>.yaml` beside the profile, and the last
/// [`BACKUPS_KEPT`] of them.
fn backup(profile: &Path, text: &str) -> anyhow::Result<PathBuf> {
    let folder = profile.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(".kitei/backup");
    std::fs::create_dir_all(&folder)?;
    let stem = profile.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut path = folder.join(format!("{stem}-{seconds}.yaml"));
    let mut n = 1;
    while path.exists() {
        path = folder.join(format!("{stem}-{seconds}-{n}.yaml"));
        n += 1;
    }
    crate::write::write_file_atomic(&path, text.as_bytes())?;
    prune(&folder, &stem);
    Ok(path)
}

/// Removes all but the newest [`BACKUPS_KEPT`] backups of `stem`.
fn prune(folder: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let prefix = format!("{stem}-");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort();
    let excess = found.len().saturating_sub(BACKUPS_KEPT);
    for (_, path) in found.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str) -> Vec<Step> {
        path.split('.').map(|p| p.parse().map_or_else(|_| Step::Key(p.to_owned()), Step::Index)).collect()
    }

    fn text(path: &str, value: &str) -> Change {
        Change { path: key(path), value: NewValue::Text(value.to_owned()) }
    }

    const SAMPLE: &str = "# 見出し\nfacility:\n  name: 旧名 # 正式名称\n  beds: 0\n  phone: 03-1\nsystems:\n  - key: ehr\n    name: カルテ\n  - key: ons\n    name: 資格確認\n";

    #[test]
    fn a_patch_changes_the_value_and_keeps_comments() {
        let out = patch(SAMPLE, &[text("facility.name", "新名")]).unwrap();
        assert!(out.contains("# 見出し"), "{out}");
        assert!(out.contains("新名"), "{out}");
        assert!(!out.contains("旧名"), "{out}");
    }

    #[test]
    fn hostile_text_stays_text() {
        for value in [
            "a: b # c",
            "<script>alert(1)</script>",
            "#set page(x)",
            "yes",
            "010",
            "- x",
            "行1\n行2",
            "\"引用\"",
            "\u{202e}abc",
        ] {
            let out = patch(SAMPLE, &[text("facility.name", value)]).unwrap();
            let read = data(&out).unwrap();
            assert_eq!(read["facility"]["name"], Value::String(value.to_owned()), "{out}");
        }
    }

    #[test]
    fn a_list_item_field_numbers_and_removal() {
        let changes = [
            Change { path: key("systems.1.priority"), value: NewValue::Int(2) },
            Change { path: key("facility.phone"), value: NewValue::Absent },
            Change { path: key("facility.beds"), value: NewValue::Int(19) },
        ];
        let out = patch(SAMPLE, &changes).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["systems"][1]["priority"], Value::from(2));
        assert_eq!(read["systems"][0].get("priority"), None);
        assert_eq!(read["facility"].get("phone"), None);
        assert_eq!(read["facility"]["beds"], Value::from(19));
    }

    #[test]
    fn a_missing_place_is_refused() {
        // (A missing mapping one level down is made, as an optional role's is; its key is then
        // for the profile's checks to refuse.)
        assert!(matches!(patch(SAMPLE, &[text("facility.nothing.deeper.x", "1")]), Err(EditError::NoPlace(_))));
        assert!(matches!(patch(SAMPLE, &[text("systems.9.name", "1")]), Err(EditError::NoPlace(_))));
    }

    #[test]
    fn a_missing_mapping_of_a_list_item_is_created() {
        let changes = [
            text("systems.1.contract.confirmed", "2026-04-01"),
            Change { path: key("systems.1.contract.mds_sds"), value: NewValue::Bool(true) },
        ];
        let out = patch(SAMPLE, &changes).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["systems"][1]["contract"]["confirmed"], "2026-04-01");
        assert_eq!(read["systems"][1]["contract"]["mds_sds"], true);
        assert_eq!(read["systems"][0].get("contract"), None);
        assert!(out.contains("# 見出し"), "{out}");
    }

    #[test]
    fn an_item_is_appended_in_order_and_one_removed() {
        let fields = vec![
            ("key".to_owned(), NewValue::Text("new".into())),
            ("name".to_owned(), NewValue::Text("新しい: システム".into())),
            ("priority".to_owned(), NewValue::Int(3)),
            ("medical_information".to_owned(), NewValue::Bool(true)),
        ];
        let out = patch(SAMPLE, &[Change { path: key("systems"), value: NewValue::Append(fields.clone()) }]).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["systems"][2]["name"], "新しい: システム", "{out}");
        assert_eq!(read["systems"][2]["priority"], 3, "{out}");
        assert!(out.find("key: new").unwrap() < out.find("priority: 3").unwrap(), "{out}");
        assert!(out.contains("# 見出し"), "{out}");
        let out = patch(&out, &[Change { path: key("systems.0"), value: NewValue::Removed }]).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["systems"].as_array().unwrap().len(), 2, "{out}");
        assert_eq!(read["systems"][0]["key"], "ons", "{out}");
        let out = patch(SAMPLE, &[Change { path: key("assets"), value: NewValue::Append(fields) }]).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["assets"][0]["key"], "new", "{out}");
        assert!(patch(SAMPLE, &[Change { path: key("systems.5"), value: NewValue::Removed }]).is_err());
    }

    #[test]
    fn a_list_of_texts_or_of_one_key_mappings_replaces_the_one_written() {
        let text = "network:\n  segments:\n    - name: 事務系 # 受付\n      systems: [ehr]\n  vpn_devices:\n    - name: VPN\n      connects: [{ vendor: a }]\n      segment: 事務系 # 区画\n";
        let changes = [
            Change {
                path: key("network.segments.0.systems"),
                value: NewValue::Texts(vec!["ehr".into(), "ons".into()]),
            },
            Change { path: key("network.segments.0.assets"), value: NewValue::Texts(vec!["受付PC: 1".into()]) },
            Change {
                path: key("network.vpn_devices.0.connects"),
                value: NewValue::Pairs(vec![("vendor".into(), "a".into()), ("system".into(), "ons".into())]),
            },
        ];
        let out = patch(text, &changes).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["network"]["segments"][0]["systems"], serde_json::json!(["ehr", "ons"]), "{out}");
        assert_eq!(read["network"]["segments"][0]["assets"], serde_json::json!(["受付PC: 1"]), "{out}");
        let peers = serde_json::json!([{ "vendor": "a" }, { "system": "ons" }]);
        assert_eq!(read["network"]["vpn_devices"][0]["connects"], peers, "{out}");
        assert!(out.contains("# 受付") && out.contains("# 区画"), "{out}");
        let fields = vec![
            ("name".to_owned(), NewValue::Text("新".into())),
            ("systems".to_owned(), NewValue::Texts(vec!["ehr".into()])),
        ];
        let out = patch(&out, &[Change { path: key("network.segments"), value: NewValue::Append(fields) }]).unwrap();
        assert_eq!(data(&out).unwrap()["network"]["segments"][1]["systems"], serde_json::json!(["ehr"]), "{out}");
    }

    #[test]
    fn a_missing_section_is_created() {
        let changes = [
            Change { path: key("rules.lockout_attempts"), value: NewValue::Int(10) },
            text("rules.external_media", "prohibited"),
        ];
        let out = patch(SAMPLE, &changes).unwrap();
        let read = data(&out).unwrap();
        assert_eq!(read["rules"]["lockout_attempts"], Value::from(10));
        assert_eq!(read["rules"]["external_media"], "prohibited");
        assert_eq!(read["facility"]["name"], "旧名");
    }
}
