//! Local edits: a facility's own changes to the built-in documents, article by article.
//!
//! Copying a whole template to change one sentence freezes that version of kitei's text: after an
//! upgrade nothing compares the copy with the new built-in one. Local edits instead name the
//! article they change by the label kitei already keeps (`[[article:password|…]]`) and say what
//! to do with it — `replace`, `append` (a 項), `insert_after` (a new article) or `remove`. They
//! are applied to the Markdown that tera produced, before [`crate::render::structure`] numbers the
//! articles, so numbering and cross-references stay automatic.
//!
//! Each edit is made against a built-in text. `kitei local accept` records that text and its
//! SHA-256 in `local/<document>.accepted.yaml`; when a later kitei (or guideline, or profile)
//! changes the built-in text under an edit, the build warns, `kitei local status` shows the three
//! texts (built-in when accepted, built-in now, local) and `--strict` fails until the edit is
//! accepted again.
//!
//! Files, beside the profile:
//!
//! ```yaml
//! # local/operations-regulation.yaml
//! edits:
//!   - replace: password            # the article's label
//!     title: パスワードの管理       # optional: a new 見出し
//!     text: |
//!       第一項の文。
//!
//!       第二項の文（段落ごとに項になる）。
//!   - append: password             # adds a 項 at the end of the article
//!     text: …
//!   - insert_after: password       # a new article after `password`
//!     label: usb-memory
//!     title: USBメモリの利用
//!     text: …
//!   - remove: wireless-lan
//! ```

mod accepted;
mod apply;
mod markers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

use crate::diagnostic::{closest, SourceDiagnostic};
use crate::i18n::{self, Msg};
use crate::load::read::{self as reader, Kind};

pub use accepted::{accepted_text, Accepted};
pub use apply::{apply, articles, Applied, Article, Report, State};

/// The folder of local edits beside a profile.
pub const FOLDER: &str = "local";

/// Suffix of the files kitei writes to record what each edit was accepted against.
pub const ACCEPTED_SUFFIX: &str = ".accepted.yaml";

/// Why local edits could not be read or applied.
#[derive(Debug, Error)]
pub enum LocalError {
    /// A file of the facility's folder was refused or could not be read.
    #[error(transparent)]
    Read(#[from] crate::load::read::ReadError),
    /// A file could not be read or written.
    #[error("{}", io_message(.action, .path, .source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is malformed, or an edit names an article the document does not have.
    #[error("{0}")]
    Source(#[from] SourceDiagnostic),
}

/// The message of [`LocalError::Io`]: a write failure never reads as a read failure.
fn io_message(action: &str, path: &Path, source: &std::io::Error) -> String {
    let path = path.display().to_string();
    match action {
        "write" => i18n::text(Msg::WriteFailed { path: &path, cause: &crate::i18n::write_reason(source) }),
        _ => i18n::text(Msg::CannotRead { path: &path, cause: &crate::i18n::io_reason(source) }),
    }
}

/// One local edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The article's text (and optionally its 見出し) replaced.
    Replace {
        /// Article label.
        label: String,
        /// New 見出し, when it changes.
        title: Option<String>,
        /// New body.
        text: String,
    },
    /// A 項 added at the end of the article.
    Append {
        /// Article label.
        label: String,
        /// The new paragraph(s).
        text: String,
    },
    /// A new article after an existing one.
    InsertAfter {
        /// The article it follows.
        anchor: String,
        /// The new article's label.
        label: String,
        /// Its 見出し.
        title: String,
        /// Its body.
        text: String,
    },
    /// The article dropped.
    Remove {
        /// Article label.
        label: String,
    },
}

impl Edit {
    /// The label `kitei local accept` and the accepted file know the edit by: the article it
    /// changes, or for a new article its own label.
    pub fn key(&self) -> &str {
        match self {
            Self::Replace { label, .. } | Self::Append { label, .. } | Self::Remove { label } => label,
            Self::InsertAfter { label, .. } => label,
        }
    }

    /// The built-in article the edit is made against.
    pub fn target(&self) -> &str {
        match self {
            Self::Replace { label, .. } | Self::Append { label, .. } | Self::Remove { label } => label,
            Self::InsertAfter { anchor, .. } => anchor,
        }
    }

    /// `replace`, `append`, `insert_after` or `remove`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Replace { .. } => "replace",
            Self::Append { .. } => "append",
            Self::InsertAfter { .. } => "insert_after",
            Self::Remove { .. } => "remove",
        }
    }
}

/// An edit and the line of the file it was written on (for errors).
#[derive(Debug, Clone)]
pub struct Located {
    /// The edit.
    pub edit: Edit,
    /// Where its target label is written.
    pub at: serde_saphyr::Location,
}

/// The local edits of one document.
#[derive(Debug, Clone)]
pub struct DocumentEdits {
    /// Document id.
    pub document: String,
    /// The edits file.
    pub path: PathBuf,
    /// Its text (for diagnostics).
    pub text: String,
    /// The edits, in file order.
    pub edits: Vec<Located>,
    /// What each edit was accepted against, by [`Edit::key`].
    pub accepted: BTreeMap<String, Accepted>,
}

impl DocumentEdits {
    /// The accepted file beside the edits file.
    pub fn accepted_path(&self) -> PathBuf {
        accepted_path(&self.path, &self.document)
    }

    /// A diagnostic at the edit's label.
    fn error_at(&self, at: serde_saphyr::Location, message: impl Into<String>) -> LocalError {
        LocalError::Source(SourceDiagnostic::at_span(&self.path, &self.text, at, message))
    }
}

/// All local edits of a facility.
#[derive(Debug, Clone, Default)]
pub struct LocalSet {
    documents: Vec<DocumentEdits>,
    /// The text of each document's accepted file, read once (for the build's fingerprint).
    accepted_texts: Vec<String>,
}

impl LocalSet {
    /// The edits in `local/` beside `profile`; empty when there is no such folder.
    /// `documents` are the ids a file may be named after.
    pub fn beside(profile: &Path, documents: &[&str]) -> Result<Self, LocalError> {
        let dir = profile.parent().unwrap_or(Path::new(".")).join(FOLDER);
        if !dir.is_dir() {
            return Ok(Self::default());
        }
        Self::read(&dir, documents)
    }

    /// Reads every `<document>.yaml` of `dir` (and its `.accepted.yaml`) through the
    /// facility-file reader ([`crate::load::read`]): each must be a regular file inside the
    /// facility's folder (the folder holding `dir`).
    pub fn read(dir: &Path, documents: &[&str]) -> Result<Self, LocalError> {
        let io = |source| LocalError::Io { action: "read", path: dir.to_owned(), source };
        let folder = dir.parent().unwrap_or(Path::new("."));
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .filter(|p| !p.to_string_lossy().ends_with(ACCEPTED_SUFFIX))
            .collect();
        paths.sort();
        let mut set = Self::default();
        for path in paths {
            let (document, accepted_text) = read_document(&path, folder, documents)?;
            set.documents.push(document);
            set.accepted_texts.push(accepted_text);
        }
        Ok(set)
    }

    /// The edits of one document, if it has any.
    pub fn document(&self, id: &str) -> Option<&DocumentEdits> {
        self.documents.iter().find(|d| d.document == id)
    }

    /// Every document with edits.
    pub fn documents(&self) -> &[DocumentEdits] {
        &self.documents
    }

    /// Whether there are no edits at all.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The texts of all files, for the build's fingerprint (a changed edit must rebuild).
    pub fn fingerprint_parts(&self) -> Vec<String> {
        self.documents
            .iter()
            .zip(&self.accepted_texts)
            .flat_map(|(d, accepted)| [d.path.display().to_string(), d.text.clone(), accepted.clone()])
            .collect()
    }
}

/// One line per edit that is not accepted against the current built-in text, for `build`.
pub fn warnings(rendered: &[crate::render::RenderedDocument], profile: &Path) -> Vec<String> {
    let profile = profile.display().to_string();
    rendered
        .iter()
        .flat_map(|d| d.local.iter().map(move |r| (d.spec.id, r)))
        .filter_map(|(document, r)| match r.state {
            State::Accepted => None,
            State::Unaccepted => {
                Some(i18n::text(Msg::LocalUnaccepted { document, kind: r.kind, key: &r.key, profile: &profile }))
            }
            State::Changed => {
                Some(i18n::text(Msg::LocalChanged { document, kind: r.kind, key: &r.key, profile: &profile }))
            }
        })
        .collect()
}

fn accepted_path(edits: &Path, document: &str) -> PathBuf {
    edits.with_file_name(format!("{document}{ACCEPTED_SUFFIX}"))
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    edits: Vec<RawEdit>,
}

/// One edit as written: exactly one of the four verbs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdit {
    replace: Option<Spanned<String>>,
    append: Option<Spanned<String>>,
    insert_after: Option<Spanned<String>>,
    remove: Option<Spanned<String>>,
    label: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

/// Reads one edits file (inside `folder`) and its accepted file: the edits and the accepted
/// file's text ("" when there is none).
fn read_document(path: &Path, folder: &Path, documents: &[&str]) -> Result<(DocumentEdits, String), LocalError> {
    let text = reader::read(path, Kind::LocalEdits, folder)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    if !documents.contains(&stem.as_str()) {
        let hint = closest(&stem, documents.iter().copied())
            .map(|c| i18n::text(Msg::DidYouMean2(&format!("{c}.yaml"))))
            .unwrap_or_else(|| i18n::text(Msg::LocalDocumentsAre(&documents.join(", "))));
        let message = i18n::text(Msg::LocalNotADocument(&stem));
        return Err(SourceDiagnostic::at(path, &text, 1, 1, message).with_hint(hint).into());
    }
    crate::yaml::refuse_invisible(path, &text)?;
    let raw: RawFile = crate::yaml::parse(path, &text)?;
    let edits = raw.edits.into_iter().map(|e| checked(path, &text, e)).collect::<Result<Vec<_>, _>>()?;
    let (accepted, accepted_text) = accepted::read(&accepted_path(path, &stem), folder)?;
    let document = DocumentEdits { document: stem, path: path.to_owned(), text, edits, accepted };
    refuse_duplicate_keys(&document)?;
    Ok((document, accepted_text))
}

/// Checks `text` as the edits file `path` would be read (one verb per edit, the fields it needs,
/// no marker only kitei may write, one edit per article) without reading or writing anything:
/// what `kitei serve` proposes to write is checked before it is written.
pub fn check_proposed(path: &Path, text: &str) -> Result<(), LocalError> {
    crate::yaml::refuse_invisible(path, text)?;
    let raw: RawFile = crate::yaml::parse(path, text)?;
    let edits = raw.edits.into_iter().map(|e| checked(path, text, e)).collect::<Result<Vec<_>, _>>()?;
    let document = DocumentEdits {
        document: String::new(),
        path: path.to_owned(),
        text: text.to_owned(),
        edits,
        accepted: BTreeMap::new(),
    };
    refuse_duplicate_keys(&document)
}

/// Turns a raw edit into an [`Edit`]: one verb, and the fields that verb needs.
fn checked(path: &Path, text: &str, raw: RawEdit) -> Result<Located, LocalError> {
    let verbs = [
        ("replace", &raw.replace),
        ("append", &raw.append),
        ("insert_after", &raw.insert_after),
        ("remove", &raw.remove),
    ];
    let given: Vec<(&str, &Spanned<String>)> = verbs.iter().filter_map(|(n, v)| v.as_ref().map(|v| (*n, v))).collect();
    let [(verb, target)] = given[..] else {
        let line = given.get(1).map(|(_, s)| s.referenced);
        let message = i18n::text(Msg::LocalOneVerb);
        return Err(match line {
            Some(at) => SourceDiagnostic::at_span(path, text, at, message.clone()),
            None => SourceDiagnostic::at(path, text, 1, 1, message),
        }
        .into());
    };
    let at = target.referenced;
    let missing = |field: &str| -> LocalError {
        SourceDiagnostic::at_span(path, text, at, i18n::text(Msg::LocalNeeds { verb, field })).into()
    };
    let label = target.value.clone();
    let edit = match verb {
        "replace" => Edit::Replace { label, title: raw.title, text: raw.text.ok_or_else(|| missing("text"))? },
        "append" => Edit::Append { label, text: raw.text.ok_or_else(|| missing("text"))? },
        "insert_after" => Edit::InsertAfter {
            anchor: label,
            label: raw.label.ok_or_else(|| missing("label"))?,
            title: raw.title.ok_or_else(|| missing("title"))?,
            text: raw.text.ok_or_else(|| missing("text"))?,
        },
        _ => Edit::Remove { label },
    };
    let located = Located { edit, at };
    markers::check(path, text, &located)?;
    Ok(located)
}

/// One edit per article: two edits of the same article would depend on their order.
fn refuse_duplicate_keys(document: &DocumentEdits) -> Result<(), LocalError> {
    for (i, located) in document.edits.iter().enumerate() {
        let key = located.edit.key();
        if document.edits[..i].iter().any(|e| e.edit.key() == key) {
            return Err(document.error_at(located.at, i18n::text(Msg::LocalSecondEdit(key))));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<DocumentEdits, LocalError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("operations-regulation.yaml");
        std::fs::write(&path, text).unwrap();
        read_document(&path, dir.path(), &["operations-regulation", "security-policy"]).map(|(d, _)| d)
    }

    #[test]
    fn the_four_verbs_parse() {
        let edits = parse(
            "edits:\n  - replace: a\n    title: 甲\n    text: 本文\n  - append: b\n    text: 追加\n  - insert_after: b\n    label: n\n    title: 新\n    text: 新しい条\n  - remove: c\n",
        )
        .unwrap();
        let kinds: Vec<_> = edits.edits.iter().map(|e| (e.edit.kind(), e.edit.key(), e.edit.target())).collect();
        assert_eq!(
            kinds,
            vec![("replace", "a", "a"), ("append", "b", "b"), ("insert_after", "n", "b"), ("remove", "c", "c")]
        );
        assert_eq!(edits.edits[3].at.line(), 11);
    }

    #[test]
    fn an_edit_with_two_verbs_or_a_missing_field_is_refused_at_its_line() {
        let err = parse("edits:\n  - replace: a\n    remove: a\n").unwrap_err().to_string();
        assert!(err.contains("exactly one of"), "{err}");
        let err = parse("edits:\n  - insert_after: a\n    title: x\n    text: y\n").unwrap_err().to_string();
        assert!(err.contains("`insert_after` needs `label`") && err.contains(":2:"), "{err}");
    }

    #[test]
    fn a_file_named_after_no_document_is_refused_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("operation-regulation.yaml");
        std::fs::write(&path, "edits: []\n").unwrap();
        let err = read_document(&path, dir.path(), &["operations-regulation"]).unwrap_err().to_string();
        assert!(err.contains("did you mean `operations-regulation.yaml`"), "{err}");
    }

    #[test]
    fn two_edits_of_one_article_are_refused() {
        let err = parse("edits:\n  - replace: a\n    text: x\n  - append: a\n    text: y\n").unwrap_err().to_string();
        assert!(err.contains("a second edit of `a`"), "{err}");
    }
}
