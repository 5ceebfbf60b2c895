//! `extends: base.yaml`: a vendor's shared profile, overridden by each clinic's own file.
//!
//! The base and the clinic's file are merged as YAML trees (mappings merge key by key, the clinic
//! winning; lists of entries with a `key` merge entry by entry; other lists are replaced), and
//! the merged tree is checked as one profile. So that errors still point at the line a person
//! wrote, each diagnostic on the merged text is mapped back to the file the line came from.
//!
//! A base is only a `.yaml`/`.yml` regular file inside the profile's own folder tree, or inside
//! the folder named by the environment variable [`BASES_ENV`] (a vendor's shared bases): a profile
//! from elsewhere must not make kitei read `/etc/passwd` or a token file and print its lines in an
//! error message.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::read::{read_within, Kind};
use super::LoadError;
use crate::diagnostic::{Diagnostics, SourceDiagnostic};
use crate::i18n::{self, Msg};
use crate::yaml;

/// How deep `extends` may chain before kitei assumes a cycle.
const MAX_DEPTH: usize = 8;

/// The environment variable naming a further folder that bases may come from.
pub const BASES_ENV: &str = "KITEI_BASES";

/// A profile after `extends` was followed.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged YAML text that is parsed and checked.
    pub text: String,
    /// The files that contributed, the profile itself first: (path, text).
    pub sources: Vec<(PathBuf, String)>,
}

/// Follows `extends` from the profile at `path` (text `text`). Without `extends` the text is
/// returned as it is.
pub fn follow(path: &Path, text: &str) -> Result<Merged, LoadError> {
    let mut sources = vec![(path.to_owned(), text.to_owned())];
    let mut tree = tree_of(path, text)?;
    let mut current = path.to_owned();
    while let Some(base) = take_extends(&mut tree) {
        if sources.len() > MAX_DEPTH {
            let at = SourceDiagnostic::at(path, text, 1, 1, i18n::text(Msg::ExtendsTooDeep(MAX_DEPTH)))
                .with_hint(i18n::text(Msg::ExtendsTooDeepHint));
            return Err(at.into());
        }
        let (current_path, current_text) = sources.last().map(|(p, t)| (p.clone(), t.clone())).unwrap_or_default();
        let base_path = current.parent().unwrap_or(Path::new(".")).join(&base);
        allowed(path, &base_path, &base).map_err(|problem| at_extends(&current_path, &current_text, problem))?;
        let base_text =
            read_within(&base_path, Kind::Base, &base_folders(path).iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
        let mut base_tree = tree_of(&base_path, &base_text)?;
        let next = take_extends(&mut base_tree);
        merge(&mut base_tree, tree);
        tree = base_tree;
        if let Some(next) = next {
            tree.as_object_mut().map(|m| m.insert("extends".to_owned(), Value::String(next)));
        }
        sources.push((base_path.clone(), base_text));
        current = base_path;
    }
    if sources.len() == 1 {
        return Ok(Merged { text: text.to_owned(), sources });
    }
    let merged = serde_saphyr::to_string(&tree)
        .map_err(|e| SourceDiagnostic::at(path, text, 1, 1, i18n::text(Msg::MergeFailed(&e.to_string()))))?;
    Ok(Merged { text: merged, sources })
}

/// Why `base_path` (written `written`) may not be a base of the profile at `profile`, if so.
fn allowed(profile: &Path, base_path: &Path, written: &str) -> Result<(), String> {
    let extension = base_path.extension().and_then(|e| e.to_str());
    if !matches!(extension, Some("yaml" | "yml")) {
        return Err(i18n::text(Msg::BaseNotYaml(written)));
    }
    let canonical = std::fs::canonicalize(base_path)
        .map_err(|e| i18n::text(Msg::BaseUnreadable { written, cause: &i18n::io_reason(&e) }))?;
    if !std::fs::metadata(&canonical).is_ok_and(|m| m.is_file()) {
        return Err(i18n::text(Msg::BaseNotFile(written)));
    }
    let inside = base_folders(profile)
        .into_iter()
        .filter_map(|root| std::fs::canonicalize(root).ok())
        .any(|root| canonical.starts_with(root));
    if !inside {
        return Err(i18n::text(Msg::BaseOutside { written, env: BASES_ENV }));
    }
    Ok(())
}

/// The folders a base of `profile` may come from: the profile's own, and [`BASES_ENV`]'s.
fn base_folders(profile: &Path) -> Vec<PathBuf> {
    let home = profile.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::iter::once(home.to_owned()).chain(std::env::var_os(BASES_ENV).map(PathBuf::from)).collect()
}

/// A diagnostic at the `extends:` line of `text`.
fn at_extends(path: &Path, text: &str, message: String) -> LoadError {
    let line = text.lines().position(|l| l.trim_start().starts_with("extends:")).map_or(1, |i| i + 1);
    SourceDiagnostic::at(path, text, line, 1, message).into()
}

fn tree_of(path: &Path, text: &str) -> Result<Value, LoadError> {
    yaml::refuse_bad_text(path, text)?;
    let tree: Value = yaml::parse(path, text)?;
    if !tree.is_object() {
        return Err(SourceDiagnostic::at(path, text, 1, 1, i18n::text(Msg::NotAMapping)).into());
    }
    Ok(tree)
}

fn take_extends(tree: &mut Value) -> Option<String> {
    match tree.as_object_mut()?.remove("extends")? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// Merges `over` into `base`: mappings key by key, keyed lists entry by entry, the rest replaced.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(base), Value::Array(over)) if is_keyed(base) && is_keyed(&over) => {
            for entry in over {
                let key = entry.get("key").cloned();
                match base.iter_mut().find(|b| b.get("key") == key.as_ref()) {
                    Some(existing) => merge(existing, entry),
                    None => base.push(entry),
                }
            }
        }
        (base, over) => *base = over,
    }
}

fn is_keyed(list: &[Value]) -> bool {
    list.iter().all(|v| v.get("key").is_some_and(Value::is_string))
}

impl Merged {
    /// Maps diagnostics on the merged text back to the file and line a person wrote.
    pub fn remap(&self, error: LoadError) -> LoadError {
        if self.sources.len() == 1 {
            return error;
        }
        match error {
            LoadError::Syntax(d) => LoadError::Syntax(self.remap_one(d)),
            LoadError::Invalid(list) => {
                LoadError::Invalid(Diagnostics(list.0.into_iter().map(|d| self.remap_one(d)).collect()))
            }
            other => other,
        }
    }

    fn remap_one(&self, d: SourceDiagnostic) -> SourceDiagnostic {
        let Some(merged_line) = d.source_line.as_deref() else { return d };
        let wanted = merged_line.trim().trim_start_matches("- ");
        let found = self.sources.iter().find_map(|(path, text)| {
            text.lines().enumerate().find_map(|(i, line)| {
                let trimmed = line.trim().trim_start_matches("- ");
                (!wanted.is_empty() && same_entry(trimmed, wanted)).then(|| {
                    let shift = line.chars().count() as isize - merged_line.chars().count() as isize;
                    (path, text, i + 1, (d.column as isize + shift).max(1) as usize)
                })
            })
        });
        // A flow mapping (`{ key: x, nmae: y }`) is written out one entry a line in the merged
        // text: look for the entry inside a line.
        let found = found.or_else(|| {
            self.sources.iter().find_map(|(path, text)| {
                text.lines().enumerate().find_map(|(i, line)| {
                    let at = contains_entry(line, wanted)?;
                    Some((path, text, i + 1, at + 1))
                })
            })
        });
        match found {
            Some((path, text, line, column)) => SourceDiagnostic {
                hint: d.hint.clone(),
                ..SourceDiagnostic::at(path, text, line, column, d.message.clone())
            },
            None => SourceDiagnostic { path: self.sources[0].0.clone(), ..d },
        }
    }
}

/// The character column where `entry` (`key: value`) stands inside `line`, quotes aside.
fn contains_entry(line: &str, entry: &str) -> Option<usize> {
    let normal = |s: &str| s.replace(['"', '\''], "");
    let (line, entry) = (normal(line), normal(entry));
    if entry.len() < 3 || !entry.contains(':') {
        return None;
    }
    let byte = line.match_indices(&entry).find_map(|(at, _)| {
        let before = line[..at].chars().next_back();
        before.is_none_or(|c| matches!(c, ' ' | '{' | ',')).then_some(at)
    })?;
    Some(line[..byte].chars().count())
}

/// Whether two lines state the same key and value (the merged text may quote differently).
fn same_entry(a: &str, b: &str) -> bool {
    let normal = |s: &str| s.replace(['"', '\''], "");
    normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keyed_lists_merge_by_key_and_mappings_deeply() {
        let mut base = json!({"vendors": [{"key": "v", "name": "Base", "contract": {"covers": ["backup"], "mds_sds": true}}], "rules": {"screen_lock_minutes": 10}});
        let over = json!({"vendors": [{"key": "v", "contract": {"covers": ["servers"]}}, {"key": "w", "name": "New"}], "rules": {"take_out": "prohibited"}});
        merge(&mut base, over);
        assert_eq!(base["vendors"][0]["contract"]["covers"], json!(["servers"]));
        assert_eq!(base["vendors"][0]["contract"]["mds_sds"], json!(true));
        assert_eq!(base["vendors"][1]["name"], json!("New"));
        assert_eq!(base["rules"], json!({"screen_lock_minutes": 10, "take_out": "prohibited"}));
    }
}
