//! The wording of the generated documents that Rust code writes: labels, headings, sentences.
//!
//! Every such text lives in one embedded, keyed file, `templates/wording.yaml`, grouped by area
//! (`documents`, `cover`, `structure`, …). Code reads it with [`w!`] (`w!(wording, "cover.version", n = 3)`),
//! templates with `{{ wording.cover.version }}`. Parameters are `{name}`; any other brace is text.
//!
//! A facility may replace entries with a `wording.yaml` beside its template overrides (see
//! [`Wording::with_overrides`]): an unknown area or key is an error at its line and column naming
//! the nearest known key, and a replacement must take exactly the parameters of the text it
//! replaces. The unit tests below check that every key the code names exists and every key of the
//! file is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostic::{closest, SourceDiagnostic};
use crate::i18n::{self, Msg};

/// The file name of the wording, embedded and in a facility's template folder.
pub(crate) const FILE: &str = "wording.yaml";

/// The embedded wording file.
pub(crate) const EMBEDDED: &str = include_str!("../templates/wording.yaml");

/// The longest replacement a facility may write, in characters: the limit of a profile's values.
/// kitei's longest text is far shorter; a pasted file would become a document of tens of MB.
pub(crate) const MAX_VALUE: usize = 1_000;

/// Keyed texts: `area.key` → text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    entries: BTreeMap<String, String>,
}

type Areas = BTreeMap<String, BTreeMap<String, String>>;

impl Wording {
    fn from_areas(areas: Areas) -> Self {
        let entries = areas
            .into_iter()
            .flat_map(|(area, keys)| keys.into_iter().map(move |(key, text)| (format!("{area}.{key}"), text)))
            .collect();
        Self { entries }
    }

    /// The text of `key`. Keys are checked by the unit tests against the code that names them, so
    /// an unknown key is a bug in kitei, not in a facility's input.
    pub fn get(&self, key: &str) -> &str {
        match self.entries.get(key) {
            Some(text) => text,
            None => panic!("wording key `{key}` is not in {FILE}"),
        }
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn format(&self, key: &str, values: &[(&str, &str)]) -> String {
        let text = self.get(key);
        debug_assert_eq!(
            params(text),
            values.iter().map(|(n, _)| (*n).to_owned()).collect::<BTreeSet<_>>(),
            "parameters of wording key `{key}`"
        );
        substitute(text, values)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The wording as `{area: {key: text}}`, what templates see as `wording`.
    pub fn nested(&self) -> BTreeMap<&str, BTreeMap<&str, &str>> {
        let mut out: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for (full, text) in &self.entries {
            if let Some((area, key)) = full.split_once('.') {
                out.entry(area).or_default().insert(key, text);
            }
        }
        out
    }

    /// This wording with a facility's replacements from `text` (the contents of `path`).
    pub fn with_overrides(&self, path: &Path, text: &str) -> Result<Self, SourceDiagnostic> {
        let areas: Option<Areas> = crate::yaml::parse(path, text)?;
        let mut entries = self.entries.clone();
        for (area, keys) in areas.unwrap_or_default() {
            let known_area = self.entries.keys().any(|k| k.split_once('.').is_some_and(|(a, _)| a == area));
            if !known_area {
                let (line, column) = locate(text, &area, None);
                let areas: BTreeSet<&str> =
                    self.entries.keys().filter_map(|k| k.split_once('.').map(|(a, _)| a)).collect();
                return Err(SourceDiagnostic::at(path, text, line, column, i18n::text(Msg::WordingUnknownArea(&area)))
                    .with_optional_hint(
                        closest(&area, areas.iter().copied()).map(|a| i18n::text(Msg::DidYouMean2(a))),
                    ));
            }
            for (key, replacement) in keys {
                let full = format!("{area}.{key}");
                let (line, column) = locate(text, &area, Some(&key));
                let Some(original) = self.entries.get(&full) else {
                    return Err(SourceDiagnostic::at(
                        path,
                        text,
                        line,
                        column,
                        i18n::text(Msg::WordingUnknownKey(&full)),
                    )
                    .with_optional_hint(closest(&full, self.keys()).map(|k| i18n::text(Msg::DidYouMean2(k)))));
                };
                if PROCESS_WIDE.iter().any(|p| full.starts_with(p)) && replacement != *original {
                    return Err(SourceDiagnostic::at(
                        path,
                        text,
                        line,
                        column,
                        i18n::text(Msg::WordingProcessWide(&full)),
                    )
                    .with_hint(i18n::text(Msg::WordingRemoveEntry)));
                }
                let (want, have) = (params(original), params(&replacement));
                if want != have {
                    let list =
                        |set: &BTreeSet<String>| set.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ");
                    return Err(SourceDiagnostic::at(
                        path,
                        text,
                        line,
                        column,
                        i18n::text(Msg::WordingParams { key: &full, want: &list(&want), have: &list(&have) }),
                    )
                    .with_hint(i18n::text(Msg::WordingOriginal(original))));
                }
                if let Some(marker) = added_marker(original, &replacement) {
                    let message = crate::i18n::text(crate::i18n::Msg::WordingMarker { key: &full, marker: &marker });
                    return Err(SourceDiagnostic::at(path, text, line, column, message));
                }
                if replacement.chars().count() > MAX_VALUE {
                    let message = crate::i18n::text(crate::i18n::Msg::WordingTooLong { key: &full, limit: MAX_VALUE });
                    return Err(SourceDiagnostic::at(path, text, line, column, message));
                }
                entries.insert(full, replacement);
            }
        }
        Ok(Self { entries })
    }
}

/// `wording` for the rest of the process: one copy per distinct set of texts, so a batch of many
/// facilities sharing one `wording.yaml` keeps one copy.
pub(crate) fn intern(wording: Wording) -> &'static Wording {
    static INTERNED: std::sync::Mutex<BTreeMap<Vec<(String, String)>, &'static Wording>> =
        std::sync::Mutex::new(BTreeMap::new());
    if wording == *embedded() {
        return embedded();
    }
    let key: Vec<(String, String)> = wording.entries.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut interned = INTERNED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    interned.entry(key).or_insert_with(|| Box::leak(Box::new(wording)))
}

/// Texts read once per process (document titles, a guideline's renumbering reason), which a
/// facility's `wording.yaml` therefore cannot replace.
const PROCESS_WIDE: &[&str] = &["documents.", "guideline.renumbered"];

/// The embedded wording, parsed once per process.
pub(crate) fn embedded() -> &'static Wording {
    static WORDING: std::sync::OnceLock<Wording> = std::sync::OnceLock::new();
    WORDING.get_or_init(|| {
        let areas: Areas = serde_saphyr::from_str(EMBEDDED).unwrap_or_else(|e| panic!("embedded {FILE}: {e}"));
        Wording::from_areas(areas)
    })
}

/// A text of `wording` (a `&Wording`, passed, never looked up): `w!(wording, "area.key")` is a
/// `&str`; with parameters, `w!(wording, "area.key", name = value, …)` is a `String` with each
/// `{name}` replaced by `value`.
#[macro_export]
macro_rules! w {
    ($wording:expr, $key:literal) => {
        $crate::wording::Wording::get($wording, $key)
    };
    ($wording:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::wording::Wording::format($wording, $key, &[$((stringify!($name), &*$value.to_string())),+])
    };
}

/// The `{name}` parameters of a text.
/// A marker of kitei's structure that `replacement` adds to `original`: any `[[…]]` or `<!--`
/// (no text of kitei's has one: they would make articles, chapters, coverage or figures), or more
/// headings than kitei's text has (a `## 附則` smuggled into a sentence).
fn added_marker(original: &str, replacement: &str) -> Option<String> {
    let headings = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).count();
    let first = |t: &str| {
        ["[[", "<!--"].iter().filter_map(|m| t.find(m)).min().map(|at| t[at..].chars().take(24).collect::<String>())
    };
    if let Some(marker) = first(replacement).filter(|_| first(original).is_none()) {
        return Some(marker);
    }
    (headings(replacement) > headings(original)).then(|| {
        let line = replacement.lines().find(|l| l.trim_start().starts_with('#')).unwrap_or_default();
        line.trim().chars().take(24).collect()
    })
}

fn params(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('}') else { break };
        let name = &rest[..end];
        if is_param(name) {
            found.insert(name.to_owned());
            rest = &rest[end + 1..];
        }
    }
    found
}

fn is_param(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn substitute(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after
            .find('}')
            .filter(|end| is_param(&after[..*end]))
            .and_then(|end| values.iter().find(|(n, _)| *n == &after[..end]).map(|(_, v)| (end, *v)));
        match value {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The 1-based line and column of `area:` (or of `key:` inside it) in a two-level YAML file.
fn locate(text: &str, area: &str, key: Option<&str>) -> (usize, usize) {
    let names = |line: &str, name: &str| {
        let trimmed = line.trim_start();
        [format!("{name}:"), format!("\"{name}\":"), format!("'{name}':")].iter().any(|p| trimmed.starts_with(p))
    };
    let mut in_area = false;
    let mut area_at = (1, 1);
    for (index, line) in text.lines().enumerate() {
        let indented = line.starts_with([' ', '\t']);
        if !indented && !line.trim().is_empty() && !line.starts_with('#') {
            in_area = names(line, area);
            if in_area {
                area_at = (index + 1, 1);
                if key.is_none() {
                    return area_at;
                }
            }
        } else if in_area && key.is_some_and(|k| names(line, k)) {
            return (index + 1, line.chars().take_while(|c| c.is_whitespace()).count() + 1);
        }
    }
    area_at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `w!("…")` and `wording.area.key` in `src/` and `templates/`, with where it is.
    fn used_keys() -> BTreeMap<String, String> {
        let mut used = BTreeMap::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for pattern in ["src/**/*.rs", "templates/**/*.md"] {
            let pattern = root.join(pattern).to_string_lossy().into_owned();
            files.extend(glob::glob(&pattern).unwrap().flatten());
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (marker, end) in [("w!(", '"'), ("wording.", ' ')] {
                for (at, _) in text.match_indices(marker) {
                    let rest = &text[at + marker.len()..];
                    let key: String = if end == '"' {
                        // `w!(wording, "area.key"…)`: the first literal after the wording.
                        let Some(quote) = rest.find('"') else { continue };
                        if rest[..quote].contains(';') || !rest[..quote].contains(',') {
                            continue;
                        }
                        rest[quote + 1..].chars().take_while(|c| *c != '"').collect()
                    } else {
                        let area: String =
                            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                        let key: String = rest[area.len()..]
                            .strip_prefix('.')
                            .map(|r| r.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
                            .unwrap_or_default();
                        if area.is_empty() || key.is_empty() || file.extension().is_some_and(|e| e == "rs") {
                            continue;
                        }
                        format!("{area}.{key}")
                    };
                    let valid = |part: &str| {
                        !part.is_empty()
                            && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    };
                    if key == "area.key" || !key.split_once('.').is_some_and(|(a, k)| valid(a) && valid(k)) {
                        continue;
                    }
                    used.entry(key).or_insert_with(|| file.display().to_string());
                }
            }
        }
        used
    }

    #[test]
    fn every_key_the_code_names_exists() {
        let wording = embedded();
        let known: BTreeSet<&str> = wording.keys().collect();
        let missing: Vec<String> = used_keys()
            .into_iter()
            .filter(|(k, _)| !known.contains(k.as_str()))
            .map(|(k, f)| format!("{k} ({f})"))
            .collect();
        assert!(missing.is_empty(), "keys not in {FILE}: {missing:?}");
    }

    #[test]
    fn every_key_of_the_file_is_used() {
        let used = used_keys();
        let unused: Vec<&str> = embedded().keys().filter(|k| !used.contains_key(*k)).collect();
        assert!(unused.is_empty(), "keys of {FILE} no code or template reads: {unused:?}");
    }

    #[test]
    fn an_override_cannot_add_kiteis_markers_or_be_overlong() {
        let wording = embedded();
        let path = Path::new("wording.yaml");
        for text in [
            "cover:\n  facility: \"[[meets:management.15-4]]\"\n",
            "cover:\n  facility: \"<!-- article:x -->\"\n",
            "cover:\n  facility: \"名称\\n## 附則\"\n",
        ] {
            let err = wording.with_overrides(path, text).unwrap_err().to_string();
            assert!(err.contains("wording.yaml:2:"), "{err}");
        }
        let long = format!("cover:\n  facility: \"{}\"\n", "あ".repeat(MAX_VALUE + 1));
        assert!(wording.with_overrides(path, &long).is_err());
        assert!(wording.with_overrides(path, "cover:\n  facility: 施設名\n").is_ok());
    }

    #[test]
    fn parameters_are_replaced_and_other_braces_kept() {
        assert_eq!(substitute("第{n}条 {x} {}", &[("n", "3")]), "第3条 {x} {}");
        assert_eq!(params("{a}と{b_2}、{Not}{}"), ["a", "b_2"].iter().map(|s| s.to_string()).collect());
    }

    #[test]
    fn an_override_replaces_a_text() {
        let key = embedded().keys().next().unwrap().to_owned();
        let (area, name) = key.split_once('.').unwrap();
        let original = embedded().get(&key);
        let params: String = params(original).iter().map(|p| format!("{{{p}}}")).collect();
        let text = format!("{area}:\n  {name}: \"新しい{params}\"\n");
        let wording = embedded().with_overrides(Path::new("wording.yaml"), &text).unwrap();
        assert_eq!(wording.get(&key), format!("新しい{params}"));
    }

    #[test]
    fn a_text_is_read_from_the_wording_passed() {
        let replaced = embedded().with_overrides(Path::new("w.yaml"), "cover:\n  approver: 決裁者\n").unwrap();
        assert!(std::ptr::eq(intern(embedded().clone()), embedded()));
        let replaced = intern(replaced);
        assert_eq!(crate::w!(replaced, "cover.approver"), "決裁者");
        std::thread::spawn(move || assert_eq!(crate::w!(replaced, "cover.approver"), "決裁者")).join().unwrap();
        assert_eq!(crate::w!(embedded(), "cover.approver"), "承認者");
    }

    #[test]
    fn a_text_read_once_per_process_cannot_be_replaced() {
        let error = embedded().with_overrides(Path::new("w.yaml"), "documents:\n  policy_title: 方針\n").unwrap_err();
        assert!(error.message.contains("cannot be replaced per facility"), "{error}");
        let exported = embedded().with_overrides(Path::new("w.yaml"), EMBEDDED).unwrap();
        assert_eq!(&exported, embedded(), "the exported file, unchanged, is accepted as it is");
    }

    #[test]
    fn an_unknown_key_is_named_with_the_nearest() {
        let text = "# comment\ncover:\n  facilty: 施設\n";
        let error = embedded().with_overrides(Path::new("w.yaml"), text).unwrap_err();
        assert_eq!((error.line, error.column), (3, 3), "{error}");
        assert!(error.message.contains("cover.facilty"), "{error}");
        assert_eq!(error.hint.as_deref(), Some("did you mean `cover.facility`?"));
        let error = embedded().with_overrides(Path::new("w.yaml"), "cuver:\n  facility: x\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 1));
        assert_eq!(error.hint.as_deref(), Some("did you mean `cover`?"));
    }

    #[test]
    fn a_replacement_must_take_the_same_parameters() {
        let error = embedded().with_overrides(Path::new("w.yaml"), "cover:\n  version: 第{n}版{extra}\n").unwrap_err();
        assert!(error.message.contains("{extra}"), "{error}");
        let error = embedded().with_overrides(Path::new("w.yaml"), "cover:\n  version: 版\n").unwrap_err();
        assert!(error.message.contains("none"), "{error}");
    }

    /// Where a source file may hold Japanese text, and why it is not wording of a document.
    /// `("path", None)` allows the whole file; `("path", Some(text))` one literal containing `text`.
    const ALLOWED: &[(&str, Option<&str>, &str)] = &[
        ("src/i18n.rs", None, "the CLI message catalogue: what kitei says on the terminal, not document text"),
        ("src/i18n/", None, "parts of the CLI message catalogue (the portfolio's and the commands' reports)"),
        ("src/serve/", None, "the screens of `kitei serve` (labels, help, refusals), not document text"),
        (
            "src/wareki.rs",
            None,
            "the Japanese calendar itself (era names, their first days, 年月日): facts, not wording",
        ),
        ("src/load/dates.rs", None, "parsing 和暦 dates a person typed (令和8年4月1日, R8.4.1)"),
        ("src/load/placeholders.rs", Some("例）"), "recognising a sample value left in a profile (input, not output)"),
        ("src/emit/docx/package.rs", Some("明朝"), "font family names Word looks up"),
        (
            "src/emit/docx/mod.rs",
            Some("name=\"図{n}\""),
            "a picture's name in Word's XML (shown only in its selection pane)",
        ),
        ("src/emit/docx/package.rs", Some("ゴシック"), "font family names Word looks up"),
        ("src/load/check_profile.rs", Some("開設者"), "an English diagnostic naming the profile's term"),
        ("src/load/check_guideline.rs", Some("システム運用編 p.47"), "an English diagnostic's example"),
    ];

    /// The string literals of `text` (outside comments, before its `#[cfg(test)]` module), with lines.
    fn literals(text: &str) -> Vec<(usize, String)> {
        // Up to the unit-test module (a `#[cfg(test)]` on anything else is scanned).
        let end = text
            .match_indices("#[cfg(test)]")
            .find(|(at, mark)| text[at + mark.len()..].trim_start().starts_with("mod "))
            .map_or(text.len(), |(at, _)| at);
        let text = &text[..end];
        let chars: Vec<char> = text.chars().collect();
        let (mut found, mut i, mut line) = (Vec::new(), 0, 1);
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if c == '\n' {
                line += 1;
                i += 1;
            } else if c == '/' && next == Some('/') {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            } else if c == '/' && next == Some('*') {
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            } else if c == '\'' {
                i += match (next, chars.get(i + 2)) {
                    (Some('\\'), _) => 2 + chars[i + 2..].iter().position(|c| *c == '\'').unwrap_or(0) + 1,
                    (Some(_), Some('\'')) => 3,
                    _ => 1,
                };
            } else if c == '"'
                || (c == 'r'
                    && matches!(next, Some('"' | '#'))
                    && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_'))
            {
                let start_line = line;
                let raw = c == 'r';
                let mut j = i + usize::from(raw);
                let mut hashes = 0;
                while raw && chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                j += 1;
                let mut literal = String::new();
                while j < chars.len() {
                    let d = chars[j];
                    if !raw && d == '\\' {
                        literal.push(d);
                        literal.extend(chars.get(j + 1));
                        line += usize::from(chars.get(j + 1) == Some(&'\n'));
                        j += 2;
                        continue;
                    }
                    if d == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    line += usize::from(d == '\n');
                    literal.push(d);
                    j += 1;
                }
                found.push((start_line, literal));
                i = j;
            } else {
                i += 1;
            }
        }
        found
    }

    /// Kana or kanji (the middle dot ・ is punctuation).
    fn japanese(text: &str) -> bool {
        text.chars().any(|c| {
            matches!(c as u32, 0x3040..=0x309F | 0x30A0..=0x30FA | 0x30FC..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
        })
    }

    #[test]
    fn no_japanese_sentence_of_a_document_is_written_in_the_code() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let pattern = root.join("src/**/*.rs").to_string_lossy().into_owned();
        let mut found = Vec::new();
        let mut used = BTreeSet::new();
        for file in glob::glob(&pattern).unwrap().flatten() {
            let relative = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if relative.ends_with("_tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            for (line, literal) in literals(&text).into_iter().filter(|(_, l)| japanese(l)) {
                let allowed = ALLOWED
                    .iter()
                    .position(|(path, part, _)| relative.starts_with(path) && part.is_none_or(|p| literal.contains(p)));
                match allowed {
                    Some(index) => {
                        used.insert(index);
                    }
                    None => found.push(format!("{relative}:{line}: {literal:?}")),
                }
            }
        }
        assert!(
            found.is_empty(),
            "Japanese text in code (move it to templates/{FILE} or content/):\n{}",
            found.join("\n")
        );
        let stale: Vec<&str> =
            ALLOWED.iter().enumerate().filter(|(i, _)| !used.contains(i)).map(|(_, (path, _, _))| *path).collect();
        assert!(stale.is_empty(), "allowlist entries that match nothing (remove them): {stale:?}");
    }

    #[test]
    fn the_scanner_finds_literals_and_skips_comments_and_tests() {
        let source = "// 注記\nlet a = \"施設\";\nlet b = r#\"\"規程\"\"#; let c = '\"'; let d: &'static str = \"x\";\n#[cfg(test)]\nmod t { const T: &str = \"試験\"; }\n";
        let found: Vec<(usize, String)> = literals(source).into_iter().filter(|(_, l)| japanese(l)).collect();
        assert_eq!(found, [(2, "施設".to_owned()), (3, "\"規程\"".to_owned())]);
    }
}
