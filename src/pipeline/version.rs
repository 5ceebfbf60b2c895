//! Which guideline version a facility follows, read the same way by every command.
//!
//! The version is stated in one place: the profile's `guideline:` key (else
//! [`super::DEFAULT_GUIDELINE`]). `build --guideline V` on a profile that says another version
//! either rewrites that line (`--set-guideline`) or stops naming the line to write; the commands
//! that read a built facility (`local`, `checklist`, `guideline diff --profile`) follow the version
//! of its last build (its `manifest.json`) unless told otherwise, and say which they use — so a
//! revision cannot loop between two versions.

use std::path::{Path, PathBuf};

use super::{ProfileSource, Session, DEFAULT_GUIDELINE};
use crate::i18n::{text, Msg, PortfolioMsg};
use crate::load::LoadError;

/// Where the version a command uses came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VersionSource {
    /// `--guideline` on the command line.
    Flag,
    /// The facility's last build (its manifest).
    LastBuild(PathBuf),
    /// The profile's `guideline:` key (or the base it extends).
    Profile,
    /// Neither: kitei's default.
    Default,
}

/// The version a command uses, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChosenVersion {
    /// The guideline version (6.0, 7.0).
    pub version: String,
    /// Where it came from.
    pub source: VersionSource,
}

impl ChosenVersion {
    /// 「ガイドライン第7.0版（前回の作成 out/x/manifest.json）」, for the terminal.
    pub(crate) fn describe(&self) -> String {
        let manifest;
        let from = match &self.source {
            VersionSource::Flag => "--guideline",
            VersionSource::LastBuild(path) => {
                manifest = path.display().to_string();
                manifest.as_str()
            }
            VersionSource::Profile => "guideline:",
            VersionSource::Default => "",
        };
        let kind = match self.source {
            VersionSource::Flag => 0,
            VersionSource::LastBuild(_) => 1,
            VersionSource::Profile => 2,
            VersionSource::Default => 3,
        };
        text(Msg::Portfolio(PortfolioMsg::VersionUsed { version: &self.version, kind, from }))
    }
}

/// The version a command reading facility `source` uses: `flag`, else the version of the last
/// build in `output/<id>/manifest.json`, else the profile's, else the default.
pub(crate) fn chosen(
    session: &Session,
    source: &ProfileSource,
    flag: Option<&str>,
    output: &Path,
) -> Result<ChosenVersion, LoadError> {
    if let Some(version) = flag {
        return Ok(ChosenVersion { version: version.to_owned(), source: VersionSource::Flag });
    }
    let (_, profile) = session.load(source, None)?;
    let folder = output.join(&profile.id);
    if let Some(manifest) = crate::write::read_manifest(&folder) {
        let path = folder.join(crate::write::MANIFEST);
        return Ok(ChosenVersion { version: manifest.guideline, source: VersionSource::LastBuild(path) });
    }
    Ok(match profile.data.guideline {
        Some(version) => ChosenVersion { version, source: VersionSource::Profile },
        None => ChosenVersion { version: DEFAULT_GUIDELINE.to_owned(), source: VersionSource::Default },
    })
}

/// Where a profile file states its version: the line of its top-level `guideline:` key, or the
/// line after which one is to be written (after `id:`, else at the top).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GuidelineLine {
    /// 1-based line number: of the key, or of the line to insert after (0: before the first).
    pub line: usize,
    /// Whether the key is there (else it is to be added).
    pub present: bool,
}

/// Finds the `guideline:` line of a profile's own text (not of the base it extends).
pub(crate) fn guideline_line(text: &str) -> GuidelineLine {
    let mut after_id = 0;
    for (index, line) in text.lines().enumerate() {
        if is_key(line, "guideline") {
            return GuidelineLine { line: index + 1, present: true };
        }
        if is_key(line, "id") || (after_id == 0 && is_key(line, "extends")) {
            after_id = index + 1;
        }
    }
    GuidelineLine { line: after_id, present: false }
}

fn is_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// The line to write: `guideline: "7.0"`.
pub(crate) fn line_to_write(version: &str) -> String {
    format!("guideline: \"{version}\"")
}

/// The profile text with its `guideline:` line set to `version`, every other byte kept (a comment
/// after the value stays; a missing key is added after `id:`).
pub(crate) fn with_guideline(text: &str, version: &str) -> String {
    let at = guideline_line(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + 24);
    if !at.present && at.line == 0 {
        out.push_str(&line_to_write(version));
        out.push_str(newline);
    }
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if at.present && index + 1 == at.line {
            let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
            // The comment after the value, with the spaces before it.
            let comment = line
                .find(" #")
                .map(|i| line[line[..i].trim_end().len()..].trim_end_matches(['\r', '\n']))
                .unwrap_or("");
            out.push_str(&line_to_write(version));
            out.push_str(comment);
            out.push_str(ending);
            continue;
        }
        out.push_str(line);
        if !at.present && index + 1 == at.line {
            if !line.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(&line_to_write(version));
            out.push_str(newline);
        }
    }
    out
}

/// Whether version `a` is older than `b` (6.0 < 7.0 < 7.1).
pub(crate) fn older(a: &str, b: &str) -> bool {
    let number = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    number(a) < number(b)
}

/// Refuses a build whose profile follows an older version than the folder's last build, naming
/// the profile's line and the line to write (a 改訂履歴 runs forward; the usual cause is a
/// revision built with `--guideline` while the profile still says the old version).
pub(crate) fn refuse_behind(
    source: &ProfileSource,
    previous: Option<&crate::write::Manifest>,
    version: &str,
) -> Result<(), super::BuildError> {
    let Some(previous) = previous.filter(|m| older(version, &m.guideline)) else { return Ok(()) };
    let at = guideline_line(&source.text);
    let place = format!("{}:{}", source.path.display(), at.line.max(1));
    let message = PortfolioMsg::GuidelineBehind {
        at: &place,
        previous: &previous.guideline,
        profile: version,
        present: at.present,
    };
    Err(super::BuildError::GuidelineBehind(text(Msg::Portfolio(message))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_replaced_and_everything_else_kept() {
        let text = "id: x  # the id\nguideline: \"6.0\"   # followed\nfacility:\n  guideline: keep\n";
        assert_eq!(guideline_line(text), GuidelineLine { line: 2, present: true });
        let edited = with_guideline(text, "7.0");
        assert_eq!(edited, "id: x  # the id\nguideline: \"7.0\"   # followed\nfacility:\n  guideline: keep\n");
    }

    #[test]
    fn a_missing_key_is_added_after_the_id() {
        let text = "extends: base.yaml\nid: x\nfacility: {}\n";
        assert_eq!(guideline_line(text), GuidelineLine { line: 2, present: false });
        assert_eq!(with_guideline(text, "7.0"), "extends: base.yaml\nid: x\nguideline: \"7.0\"\nfacility: {}\n");
        assert_eq!(with_guideline("facility: {}\r\n", "7.0"), "guideline: \"7.0\"\r\nfacility: {}\r\n");
        assert_eq!(with_guideline("id: x", "7.0"), "id: x\nguideline: \"7.0\"\n");
    }
}
