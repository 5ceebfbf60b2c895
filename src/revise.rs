//! Version numbers and revision history (版 and 改訂履歴) across builds.
//!
//! A document keeps its 版 and its bytes while its content is unchanged. When the content changes
//! (a new guideline version, an edited profile, a changed template), it gets the next 版 and a new
//! 改訂履歴 row whose reason names what changed and whose 改定箇所 lists the articles or sections
//! that differ. The previous version is kept under `history/` by the build.

use crate::w;
use chrono::NaiveDate;

use crate::diff::Remark;
use crate::write::{Manifest, Revision};

/// What this build knows about why documents may have changed.
#[derive(Debug, Clone)]
pub struct BuildFacts<'a> {
    /// The previous build's manifest.
    pub previous: Option<&'a Manifest>,
    /// This build's guideline version.
    pub guideline: &'a str,
    /// The guideline's edition (第7.0版).
    pub edition: &'a str,
    /// The content's numbering of the requirements (its revision, and the reason to give when a
    /// previous build used an older one).
    pub numbering: &'a crate::model::Numbering,
    /// This build's profile hash.
    pub profile_sha256: &'a str,
    /// This build's template hash.
    pub templates_sha256: &'a str,
    /// The date of this build's revisions.
    pub date: NaiveDate,
    /// The date the documents were first established.
    pub established: NaiveDate,
}

/// The version state of one document after this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    /// 版.
    pub version: u32,
    /// History, oldest first.
    pub history: Vec<Revision>,
    /// Whether this build changed the document (a new 版).
    pub changed: bool,
    /// The previous 版, when it changed.
    pub previous_version: Option<u32>,
}

/// Decides the version of document `id` whose content hash is `content_sha256`.
/// `changed_places` lists the articles or sections that differ from the previous version.
pub fn version_of(facts: &BuildFacts<'_>, id: &str, content_sha256: &str, changed_places: &[String]) -> Versioned {
    let Some(previous) = facts.previous.and_then(|m| m.document(id)) else {
        return Versioned {
            version: 1,
            history: vec![Revision {
                version: 1,
                date: facts.established,
                summary: w!("history.established").to_owned(),
                reason: w!("history.new_reason").to_owned(),
            }],
            changed: true,
            previous_version: None,
        };
    };
    if previous.content_sha256 == content_sha256 {
        return Versioned {
            version: previous.version,
            history: previous.history.clone(),
            changed: false,
            previous_version: None,
        };
    }
    let version = previous.version + 1;
    let mut history = previous.history.clone();
    history.push(Revision { version, date: facts.date, summary: summary(changed_places), reason: reason(facts) });
    Versioned { version, history, changed: true, previous_version: Some(previous.version) }
}

fn summary(places: &[String]) -> String {
    match places.len() {
        0 => w!("history.general").to_owned(),
        1..=6 => places.join(w!("lists.separator")),
        n => w!("history.places_and_more", places = places[..5].join(w!("lists.separator")), n = n),
    }
}

fn reason(facts: &BuildFacts<'_>) -> String {
    let Some(previous) = facts.previous else {
        return w!("history.new_reason").to_owned();
    };
    let mut reasons = Vec::new();
    if previous.guideline != facts.guideline {
        reasons.push(w!("history.guideline_reason", edition = facts.edition));
    }
    if previous.numbering_revision < facts.numbering.revision {
        reasons.push(facts.numbering.reason.clone());
    }
    if previous.profile_sha256 != facts.profile_sha256 {
        reasons.push(w!("history.profile_reason").to_owned());
    }
    if previous.templates_sha256 != facts.templates_sha256 {
        reasons.push(w!("history.templates_reason").to_owned());
    }
    if reasons.is_empty() {
        reasons.push(w!("history.other_reason").to_owned());
    }
    reasons.join(w!("lists.separator"))
}

/// The articles or sections that differ between two versions of a Markdown document (added,
/// removed or changed, aligned as in the 新旧対照表), in the new document's order. Used for the
/// 改定箇所 column; a renumbering alone is not a change.
pub fn changed_sections(old: &str, new: &str) -> Vec<String> {
    crate::diff::compare(old, new)
        .rows
        .iter()
        .filter(|row| row.remark != Remark::Unchanged)
        // The title block differs in every 版 (its number and date); it is not an amended place.
        .filter(|row| row.label != crate::diff::preamble())
        .map(|row| {
            let heading = |spans: &[crate::diff::Span]| {
                spans.iter().map(|s| s.text.as_str()).collect::<String>().lines().next().unwrap_or_default().to_owned()
            };
            match row.remark {
                Remark::Removed => w!("history.removed_place", heading = heading(&row.old)),
                _ => heading(&row.new),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::DocumentEntry;

    static UNCHANGED: std::sync::LazyLock<crate::model::Numbering> = std::sync::LazyLock::new(Default::default);

    fn facts(previous: Option<&Manifest>) -> BuildFacts<'_> {
        BuildFacts {
            previous,
            guideline: "7.0",
            edition: "第7.0版",
            numbering: &UNCHANGED,
            profile_sha256: "p",
            templates_sha256: "t",
            date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            established: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            kitei: "0".into(),
            guideline: "6.0".into(),
            numbering_revision: 0,
            facility: "x".into(),
            profile_sha256: "p".into(),
            templates_sha256: "t".into(),
            inputs_sha256: String::new(),
            documents: vec![DocumentEntry {
                id: "doc".into(),
                title: "規程".into(),
                version: 1,
                content_sha256: "old".into(),
                history: vec![Revision {
                    version: 1,
                    date: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
                    summary: "制定".into(),
                    reason: "新規制定".into(),
                }],
                files: vec![],
                state: None,
            }],
            facts: None,
            files: Vec::new(),
        }
    }

    #[test]
    fn first_build_is_version_one() {
        let v = version_of(&facts(None), "doc", "h", &[]);
        assert_eq!((v.version, v.history.len(), v.changed), (1, 1, true));
    }

    #[test]
    fn unchanged_content_keeps_its_version() {
        let m = manifest();
        let v = version_of(&facts(Some(&m)), "doc", "old", &[]);
        assert_eq!((v.version, v.changed), (1, false));
    }

    #[test]
    fn changed_content_gets_the_next_version_with_a_reason() {
        let m = manifest();
        let v = version_of(&facts(Some(&m)), "doc", "new", &["第12条（パスワードの管理）".into()]);
        assert_eq!((v.version, v.changed, v.previous_version), (2, true, Some(1)));
        let row = v.history.last().unwrap();
        assert_eq!(row.summary, "第12条（パスワードの管理）");
        assert!(row.reason.contains("第7.0版"), "{}", row.reason);
    }

    #[test]
    fn a_rebuild_after_a_numbering_correction_says_so() {
        let m = manifest();
        let corrected = crate::model::Numbering {
            revision: 1,
            reason: "遵守事項の番号を公表版に合わせて訂正".into(),
            ..Default::default()
        };
        let same_guideline = BuildFacts { guideline: "6.0", numbering: &corrected, ..facts(Some(&m)) };
        let row = version_of(&same_guideline, "doc", "new", &[]).history.pop().unwrap();
        assert_eq!(row.reason, "遵守事項の番号を公表版に合わせて訂正");
        let recorded = Manifest { numbering_revision: 1, ..m.clone() };
        let again = BuildFacts { guideline: "6.0", numbering: &corrected, ..facts(Some(&recorded)) };
        let row = version_of(&again, "doc", "new", &[]).history.pop().unwrap();
        assert!(!row.reason.contains("番号"), "said once, by the build after the correction: {}", row.reason);
    }

    #[test]
    fn changed_sections_lists_what_differs() {
        let old = "# T\n\n## A\nx\n## B\ny\n## C\nz\n";
        let new = "# T\n\n## A\nx\n## B\nY\n## D\nw\n";
        assert_eq!(changed_sections(old, new), vec!["B", "C（削除）", "D"]);
    }
}
