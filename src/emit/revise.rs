//! Version numbers and revision history (版 and 改訂履歴), derived from approvals.
//!
//! A build never takes a 版. A document's 版, 改訂履歴 and 施行日 come from the approval events
//! (`<profile>.approvals.yaml`, see [`crate::approvals`]) that name it, on top of the baseline a
//! folder built before approvals existed held (taken as approved when such a folder is first
//! rebuilt). When the document's current content is the approved content, it is printed as that
//! 版; otherwise it is a 案 (draft) that keeps the approved history and adds nothing to it.
//! Registers (台帳, 課題一覧, traceability) are records as of their 基準日 and never take a 版.

use crate::w;
use crate::wording::Wording;
use chrono::NaiveDate;

use super::manifest::{ApprovalRecord, Baseline, DocumentState, Manifest, Revision};
use crate::approvals::{ApprovalEvent, Approvals};
use crate::diff::Remark;

/// What this build knows about why documents may have changed.
#[derive(Debug, Clone)]
pub(crate) struct BuildFacts<'a> {
    /// This build's guideline version.
    pub guideline: &'a str,
    /// The guideline's edition (第7.0版).
    pub edition: &'a str,
    /// The content's numbering of the requirements (its revision, and the reason to give when the
    /// approved text used an older one).
    pub numbering: &'a crate::model::Numbering,
    /// This build's profile hash.
    pub profile_sha256: &'a str,
    /// This build's template hash.
    pub templates_sha256: &'a str,
    /// The facility's wording.
    pub wording: &'a Wording,
}

/// What an approved text was built from: the facts a new 版's reason compares against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApprovedFacts {
    /// Guideline version.
    pub guideline: String,
    /// Requirement numbering revision.
    pub numbering_revision: u32,
    /// Profile hash.
    pub profile_sha256: String,
    /// Template hash.
    pub templates_sha256: String,
}

/// A document's approved 版, as the approvals (and a migrated baseline) derive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Approved {
    /// 版.
    pub version: u32,
    /// SHA-256 of the approved content.
    pub content_sha256: String,
    /// 改訂履歴, oldest first.
    pub history: Vec<Revision>,
    /// The approval of this 版 (none for a 版 taken over from a build before approvals).
    pub record: Option<ApprovalRecord>,
    /// What the approved text was built from.
    pub facts: ApprovedFacts,
}

/// The version state of one document in this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Versioned {
    /// The approved 版 (0 when never approved, and for registers).
    pub version: u32,
    /// 改訂履歴 of the approved 版s, oldest first (a draft adds no row).
    pub history: Vec<Revision>,
    /// Draft, approved or register.
    pub state: DocumentState,
    /// The approval of `version`, when it is recorded.
    pub approval: Option<ApprovalRecord>,
}

impl Versioned {
    /// The state of a register.
    pub(crate) fn register() -> Self {
        Self { version: 0, history: Vec::new(), state: DocumentState::Register, approval: None }
    }

    /// Whether this is a draft.
    pub(crate) fn is_draft(&self) -> bool {
        self.state == DocumentState::Draft
    }
}

/// The baseline of document `id` in the previous manifest: a manifest written before approvals
/// existed lists every 版 as built; those are taken as approved (migration), and later manifests
/// carry that baseline forward. `legacy_sha256` is the hash an older kitei would have computed
/// for the current content: when it matches (same guideline), the baseline is the current content.
pub(crate) fn baseline_of(
    previous: Option<&Manifest>,
    id: &str,
    content_sha256: &str,
    legacy_sha256: &str,
) -> Option<Baseline> {
    let manifest = previous?;
    let entry = manifest.document(id)?;
    if manifest.lifecycle >= super::manifest::LIFECYCLE {
        return entry.baseline.clone();
    }
    let legacy_match = entry.content_sha256 == legacy_sha256;
    Some(Baseline {
        version: entry.version,
        content_sha256: if legacy_match { content_sha256.to_owned() } else { entry.content_sha256.clone() },
        history: entry.history.clone(),
        guideline: manifest.guideline.clone(),
        numbering_revision: manifest.numbering_revision,
        profile_sha256: manifest.profile_sha256.clone(),
        templates_sha256: manifest.templates_sha256.clone(),
    })
    .filter(|b| b.version > 0)
}

/// The approved 版 of document `id`: the baseline, then every approval event naming it.
pub(crate) fn approved(
    baseline: Option<&Baseline>,
    approvals: &Approvals,
    id: &str,
    wording: &Wording,
) -> Option<Approved> {
    let mut state = baseline.map(|b| Approved {
        version: b.version,
        content_sha256: b.content_sha256.clone(),
        history: b.history.clone(),
        record: None,
        facts: ApprovedFacts {
            guideline: b.guideline.clone(),
            numbering_revision: b.numbering_revision,
            profile_sha256: b.profile_sha256.clone(),
            templates_sha256: b.templates_sha256.clone(),
        },
    });
    for (event, document) in approvals.of_document(id) {
        let mut history = state.take().map(|s| s.history).unwrap_or_default();
        history.push(revision_row(event, document.version, &document.changes, wording));
        state = Some(Approved {
            version: document.version,
            content_sha256: document.digest.clone(),
            history,
            record: Some(record_of(event, document.version, &document.digest)),
            facts: ApprovedFacts {
                guideline: event.guideline.clone(),
                numbering_revision: event.numbering_revision,
                profile_sha256: event.profile_sha256.clone(),
                templates_sha256: event.templates_sha256.clone(),
            },
        });
    }
    state
}

/// The 改訂履歴 row of an approval: dated the approval, 施行日 when later, the open items left
/// by an approval under `--allow-open` named in its reason.
fn revision_row(event: &ApprovalEvent, version: u32, changes: &[String], wording: &Wording) -> Revision {
    let summary = if version == 1 { w!(wording, "history.established").to_owned() } else { summary(changes, wording) };
    let mut reason = event.reason.clone();
    if !event.open_items.is_empty() {
        let items = event.open_items.join(w!(wording, "lists.separator"));
        reason.push_str(&w!(wording, "history.open_items", n = event.open_items.len(), items = items));
    }
    let effective = (event.effective_on != event.approved_on).then_some(event.effective_on);
    Revision { version, date: event.approved_on, summary, reason, effective }
}

fn record_of(event: &ApprovalEvent, version: u32, digest: &str) -> ApprovalRecord {
    ApprovalRecord {
        version,
        post: event.approver.post.clone(),
        name: event.approver.name.clone(),
        approved_on: Some(event.approved_on),
        effective_on: event.effective_on,
        content_sha256: digest.to_owned(),
        open_items: event.open_items.clone(),
    }
}

/// The state of a document whose current content hash is `content_sha256`, given its approved 版.
pub(crate) fn version_of(approved: Option<&Approved>, content_sha256: &str) -> Versioned {
    match approved {
        Some(a) => Versioned {
            version: a.version,
            history: a.history.clone(),
            state: if a.content_sha256 == content_sha256 { DocumentState::Approved } else { DocumentState::Draft },
            approval: a.record.clone(),
        },
        None => Versioned { version: 0, history: Vec::new(), state: DocumentState::Draft, approval: None },
    }
}

fn summary(places: &[String], wording: &Wording) -> String {
    match places.len() {
        0 => w!(wording, "history.general").to_owned(),
        1..=6 => places.join(w!(wording, "lists.separator")),
        n => w!(wording, "history.places_and_more", places = places[..5].join(w!(wording, "lists.separator")), n = n),
    }
}

/// Why a document is revised: what differs between the facts of its approved text and this
/// build's (a first approval: 新規制定).
pub(crate) fn reason(facts: &BuildFacts<'_>, approved: Option<&ApprovedFacts>) -> String {
    let wording = facts.wording;
    let Some(previous) = approved else {
        return w!(wording, "history.new_reason").to_owned();
    };
    let mut reasons = Vec::new();
    if previous.guideline != facts.guideline {
        reasons.push(w!(wording, "history.guideline_reason", edition = facts.edition));
    }
    if previous.numbering_revision < facts.numbering.revision {
        reasons.push(facts.numbering.reason.clone());
    }
    if previous.profile_sha256 != facts.profile_sha256 {
        reasons.push(w!(wording, "history.profile_reason").to_owned());
    }
    if previous.templates_sha256 != facts.templates_sha256 {
        reasons.push(w!(wording, "history.templates_reason").to_owned());
    }
    if reasons.is_empty() {
        reasons.push(w!(wording, "history.other_reason").to_owned());
    }
    reasons.join(w!(wording, "lists.separator"))
}

/// The first day a 版 dated `date` may not precede: the last approval of any document.
pub(crate) fn last_approval(approvals: &Approvals) -> Option<NaiveDate> {
    approvals.events.iter().map(|e| e.approved_on).max()
}

/// The articles or sections that differ between two versions of a Markdown document (added,
/// removed or changed, aligned as in the 新旧対照表), in the new document's order. Used for the
/// 改定箇所 column; a renumbering alone is not a change.
pub(crate) fn changed_sections(old: &str, new: &str, wording: &'static Wording) -> Vec<String> {
    crate::diff::compare(old, new, wording)
        .rows
        .iter()
        .filter(|row| row.remark != Remark::Unchanged)
        // The title block differs in every 版 (its number and date); it is not an amended place.
        .filter(|row| row.label != crate::diff::preamble(wording))
        .map(|row| {
            let heading = |spans: &[crate::diff::Span]| {
                spans.iter().map(|s| s.text.as_str()).collect::<String>().lines().next().unwrap_or_default().to_owned()
            };
            match row.remark {
                Remark::Removed => w!(wording, "history.removed_place", heading = heading(&row.old)),
                _ => heading(&row.new),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approvals::{Action, ApprovedBy, ApprovedDocument};
    use crate::emit::manifest::DocumentEntry;

    static UNCHANGED: std::sync::LazyLock<crate::model::Numbering> = std::sync::LazyLock::new(Default::default);

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn facts() -> BuildFacts<'static> {
        BuildFacts {
            guideline: "7.0",
            edition: "第7.0版",
            numbering: &UNCHANGED,
            profile_sha256: "p",
            templates_sha256: "t",
            wording: crate::wording::embedded(),
        }
    }

    fn old_manifest() -> Manifest {
        Manifest {
            kitei: "0".into(),
            guideline: "6.0".into(),
            numbering_revision: 0,
            facility: "x".into(),
            profile_sha256: "p".into(),
            templates_sha256: "t".into(),
            inputs_sha256: String::new(),
            lifecycle: 0,
            documents: vec![DocumentEntry {
                id: "doc".into(),
                title: "規程".into(),
                version: 2,
                content_sha256: "old".into(),
                state: DocumentState::Draft,
                approval: None,
                baseline: None,
                history: vec![Revision {
                    version: 1,
                    date: date(4, 1),
                    summary: "制定".into(),
                    reason: "新規制定".into(),
                    effective: None,
                }],
                files: vec![],
            }],
            facts: None,
            files: Vec::new(),
        }
    }

    fn event(seq: u32, version: u32, digest: &str, on: NaiveDate, effective: NaiveDate) -> ApprovalEvent {
        ApprovalEvent {
            seq,
            action: Action::Approve,
            documents: vec![ApprovedDocument {
                id: "doc".into(),
                version,
                digest: digest.into(),
                changes: vec!["第12条（パスワードの管理）".into()],
            }],
            approver: ApprovedBy { post: "院長".into(), name: None },
            approved_on: on,
            effective_on: effective,
            reason: "見直し".into(),
            open_items: Vec::new(),
            guideline: "6.0".into(),
            profile_sha256: "p".into(),
            numbering_revision: 0,
            templates_sha256: "t".into(),
        }
    }

    #[test]
    fn a_never_approved_document_is_a_draft_without_a_version() {
        let v = version_of(approved(None, &Approvals::default(), "doc", crate::wording::embedded()).as_ref(), "h");
        assert_eq!((v.version, v.history.len(), v.state), (0, 0, DocumentState::Draft));
    }

    #[test]
    fn an_approval_gives_the_version_and_one_row_and_a_change_makes_a_draft_again() {
        let approvals = Approvals { events: vec![event(1, 1, "h1", date(4, 1), date(4, 1))] };
        let a = approved(None, &approvals, "doc", crate::wording::embedded()).unwrap();
        let v = version_of(Some(&a), "h1");
        assert_eq!((v.version, v.history.len(), v.state), (1, 1, DocumentState::Approved));
        assert_eq!(v.history[0].summary, "制定");
        let draft = version_of(Some(&a), "h2");
        assert_eq!((draft.version, draft.history.len(), draft.state), (1, 1, DocumentState::Draft));
        let later = Approvals {
            events: vec![event(1, 1, "h1", date(4, 1), date(4, 1)), event(2, 2, "h2", date(5, 1), date(6, 1))],
        };
        let v = version_of(approved(None, &later, "doc", crate::wording::embedded()).as_ref(), "h2");
        assert_eq!((v.version, v.history.len(), v.state), (2, 2, DocumentState::Approved));
        let row = v.history.last().unwrap();
        assert_eq!(
            (row.date, row.effective_on(), row.summary.as_str()),
            (date(5, 1), date(6, 1), "第12条（パスワードの管理）")
        );
    }

    #[test]
    fn an_old_folder_keeps_its_versions_as_approved() {
        let m = old_manifest();
        let baseline = baseline_of(Some(&m), "doc", "new", "old").unwrap();
        assert_eq!((baseline.version, baseline.content_sha256.as_str()), (2, "new"), "legacy hash matched");
        let v = version_of(
            approved(Some(&baseline), &Approvals::default(), "doc", crate::wording::embedded()).as_ref(),
            "new",
        );
        assert_eq!((v.version, v.state, v.history.len()), (2, DocumentState::Approved, 1));
        let carried = Manifest { lifecycle: crate::emit::manifest::LIFECYCLE, ..m };
        assert_eq!(baseline_of(Some(&carried), "doc", "new", "old"), None, "only carried when recorded");
    }

    #[test]
    fn the_reason_names_what_changed_since_the_approved_text() {
        let approved_facts = ApprovedFacts {
            guideline: "6.0".into(),
            numbering_revision: 0,
            profile_sha256: "p".into(),
            templates_sha256: "t".into(),
        };
        assert!(reason(&facts(), Some(&approved_facts)).contains("第7.0版"));
        assert_eq!(reason(&facts(), None), "新規制定");
        let corrected = crate::model::Numbering {
            revision: 1,
            reason: "遵守事項の番号を公表版に合わせて訂正".into(),
            ..Default::default()
        };
        let same = BuildFacts { guideline: "6.0", numbering: &corrected, ..facts() };
        assert_eq!(reason(&same, Some(&approved_facts)), "遵守事項の番号を公表版に合わせて訂正");
    }

    #[test]
    fn changed_sections_lists_what_differs() {
        let old = "# T\n\n## A\nx\n## B\ny\n## C\nz\n";
        let new = "# T\n\n## A\nx\n## B\nY\n## D\nw\n";
        assert_eq!(changed_sections(old, new, crate::wording::embedded()), vec!["B", "C（削除）", "D"]);
    }
}
