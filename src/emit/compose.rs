//! The title block and revision history around a document body.
//!
//! The body is what templates produce; the 版, dates, approver and 改訂履歴 come from the build's
//! version decision. Markdown gets them as a table at the top and a history table at the end; the
//! PDF puts the same facts on its cover page.

use super::manifest::{ApprovalRecord, DocumentState};
use crate::emit::revise::Versioned;
use crate::load::Profile;
use crate::model::Guideline;
use crate::render::documents::{Approver, DocumentSpec};
use crate::render::escape_markdown;
use crate::w;
use crate::wareki;
use crate::wording::Wording;

/// The facts printed around a body.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    title: String,
    facility: String,
    version: u32,
    state: DocumentState,
    established: String,
    revised: Option<String>,
    approver: String,
    approval: Option<ApprovalRecord>,
    as_of: String,
    guideline: String,
    history: Vec<[String; 5]>,
    /// The 附則 of a regulation, one per date it took effect (empty for other documents).
    supplementary: Vec<String>,
    /// The facility's wording.
    wording: &'static Wording,
}

impl Meta {
    /// Collects the facts for one document; `as_of` is the build's date (a register's 基準日).
    pub(crate) fn new(
        spec: DocumentSpec,
        profile: &Profile,
        guideline: &Guideline,
        versioned: &Versioned,
        as_of: chrono::NaiveDate,
        wording: &'static Wording,
    ) -> Self {
        let data = &profile.data;
        let first = versioned.history.first();
        let last = versioned.history.last().filter(|r| r.version > 1);
        Self {
            title: spec.title.to_owned(),
            facility: data.facility.name.clone(),
            version: versioned.version,
            state: versioned.state,
            established: first.map(|r| wareki::format(r.date)).unwrap_or_default(),
            revised: last.map(|r| wareki::format(r.date)),
            approver: approver(spec, profile, wording),
            approval: versioned.approval.clone(),
            as_of: wareki::format(as_of),
            guideline: guideline_line(guideline),
            history: versioned
                .history
                .iter()
                .map(|r| {
                    [
                        w!(wording, "cover.version", n = r.version),
                        wareki::format(r.date),
                        wareki::format(r.effective_on()),
                        r.summary.clone(),
                        r.reason.clone(),
                    ]
                })
                .collect(),
            supplementary: if spec.id == REGULATION {
                supplementary_provisions(versioned, data.document.effective_date, wording)
            } else {
                Vec::new()
            },
            wording,
        }
    }

    /// Whether the document is a 案.
    pub(crate) fn is_draft(&self) -> bool {
        self.state == DocumentState::Draft
    }

    /// Rows of the cover table (also the Markdown title block). An approved 版 ends with its
    /// 承認 block (post, name, dates) and an empty 署名 row to sign; a 案 says so instead.
    pub(crate) fn cover_rows(&self) -> Vec<(String, String)> {
        let mut rows = vec![(w!(self.wording, "cover.facility").to_owned(), self.facility.clone())];
        if self.state == DocumentState::Register {
            rows.push((w!(self.wording, "cover.as_of").to_owned(), self.as_of.clone()));
            rows.push((w!(self.wording, "cover.kept_by").to_owned(), self.approver.clone()));
            rows.push((w!(self.wording, "cover.conforms_to").to_owned(), self.guideline.clone()));
            return rows;
        }
        let version = match (self.state, self.version) {
            (DocumentState::Draft, 0) => w!(self.wording, "cover.draft").to_owned(),
            (DocumentState::Draft, n) => w!(self.wording, "cover.draft_of", n = n),
            (_, n) => w!(self.wording, "cover.version", n = n),
        };
        rows.push((w!(self.wording, "cover.version_label").to_owned(), version));
        if !self.established.is_empty() {
            rows.push((w!(self.wording, "cover.established").to_owned(), self.established.clone()));
        }
        if let Some(revised) = &self.revised {
            rows.push((w!(self.wording, "cover.revised").to_owned(), revised.clone()));
        }
        rows.push((w!(self.wording, "cover.conforms_to").to_owned(), self.guideline.clone()));
        if self.is_draft() {
            rows.push((
                w!(self.wording, "cover.approver").to_owned(),
                w!(self.wording, "cover.approver_pending", post = self.approver),
            ));
            return rows;
        }
        self.approval_rows(&mut rows);
        rows
    }

    /// The 承認 block of an approved 版.
    fn approval_rows(&self, rows: &mut Vec<(String, String)>) {
        let Some(record) = &self.approval else {
            rows.push((w!(self.wording, "cover.approver").to_owned(), self.approver.clone()));
            return;
        };
        rows.push((w!(self.wording, "cover.approver").to_owned(), record.post.clone()));
        if let Some(name) = &record.name {
            rows.push((w!(self.wording, "cover.approver_name").to_owned(), name.clone()));
        }
        if let Some(on) = record.approved_on {
            rows.push((w!(self.wording, "cover.approved_on").to_owned(), wareki::format(on)));
        }
        rows.push((w!(self.wording, "cover.effective_on").to_owned(), wareki::format(record.effective_on)));
        rows.push((w!(self.wording, "cover.signature").to_owned(), String::new()));
    }

    fn history_table(&self) -> String {
        if self.state == DocumentState::Register {
            return String::new();
        }
        let mut table = String::from(w!(self.wording, "cover.history"));
        if self.history.is_empty() {
            table.push_str(w!(self.wording, "cover.history_none"));
        }
        for row in &self.history {
            let cells: Vec<String> = row.iter().map(|c| escape_markdown(c)).collect();
            table.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        table
    }

    /// The line under the title of a 案 (empty otherwise).
    fn draft_notice(&self) -> String {
        match (self.state, self.version) {
            (DocumentState::Draft, 0) => w!(self.wording, "cover.draft_notice").to_owned(),
            (DocumentState::Draft, n) => w!(self.wording, "cover.draft_notice_of", n = n),
            _ => String::new(),
        }
    }
}

/// The document whose body ends with 附則 that accumulate with each revision.
const REGULATION: &str = "operations-regulation";

/// The 附則 of a regulation: the first for the date it took effect, then one more,
/// 「附則（令和N年M月D日）」, for every later approved 版's 施行日. A 案 adds none: a first draft
/// shows the 附則 it proposes (the profile's effective date), an amendment only the approved ones.
/// A 版 taken over from a build before approvals also counts the profile's effective date, as
/// those builds did.
fn supplementary_provisions(versioned: &Versioned, effective: chrono::NaiveDate, wording: &Wording) -> Vec<String> {
    let mut dates: Vec<chrono::NaiveDate> = versioned.history.iter().map(|r| r.effective_on()).collect();
    if versioned.approval.is_none() && (dates.is_empty() || !versioned.is_draft()) {
        dates.push(effective);
    }
    dates.sort_unstable();
    dates.dedup();
    dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            let heading = match i {
                0 => w!(wording, "supplementary.heading_first").to_owned(),
                _ => w!(wording, "supplementary.heading_later", date = wareki::format(*date)),
            };
            format!("{heading}\n\n{}\n", w!(wording, "supplementary.takes_effect", date = wareki::format(*date)))
        })
        .collect()
}

/// Where a template puts the 附則 (before its 別表); without it they follow the body.
pub(crate) const SUPPLEMENTARY_MARKER: &str = "<!-- supplementary -->";

/// The body with its 附則, if any, in place of [`SUPPLEMENTARY_MARKER`] (or at the end).
fn with_supplementary(meta: &Meta, body: &str) -> String {
    let provisions: Vec<&str> = meta.supplementary.iter().map(|p| p.trim_end()).collect();
    let provisions = provisions.join("\n\n");
    match body.split_once(SUPPLEMENTARY_MARKER) {
        Some((before, after)) => {
            let after = after.trim();
            let mut out = format!("{}\n\n{provisions}", before.trim_end());
            if !after.is_empty() {
                out.push_str("\n\n");
                out.push_str(after);
            }
            out.trim_end().to_owned()
        }
        None if provisions.is_empty() => body.trim_end().to_owned(),
        None => format!("{}\n\n{provisions}", body.trim_end()),
    }
}

/// `markdown` without its 附則 sections: they are written from the revision history, not by the
/// template, so comparing an old file with a new body must leave them out (or every revision
/// would list 「附則（削除）」 among the changed places).
pub(crate) fn without_supplementary(markdown: &str, wording: &Wording) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut skipping = false;
    for line in markdown.lines() {
        if line.starts_with("## ") {
            skipping = line.starts_with(w!(wording, "supplementary.heading_prefix"));
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The approver as the title block prints it: the post, never the person's name (people change
/// without the document changing; their names are in the 規程's 別表第1). A pharmacy's
/// regulations and policies are approved by its 開設者 (`facility.founder`).
fn approver(spec: DocumentSpec, profile: &Profile, wording: &Wording) -> String {
    let data = &profile.data;
    match spec.approver {
        Approver::Management => crate::render::management_approver(profile, wording),
        Approver::SafetyManager => {
            data.roles.management.title.clone().unwrap_or_else(|| w!(wording, "roles.safety_manager").to_owned())
        }
    }
}

fn guideline_line(guideline: &Guideline) -> String {
    format!("{} {}", guideline.title, guideline.edition)
}

/// Everything printed around a body that is not version data (title, facility, approver, 準拠):
/// part of what a 版 covers, so that a changed 準拠 line is a new 版 like a changed article.
pub(crate) fn printed_identity(
    spec: DocumentSpec,
    profile: &Profile,
    guideline: &Guideline,
    wording: &Wording,
) -> String {
    [
        spec.title.to_owned(),
        profile.data.facility.name.clone(),
        approver(spec, profile, wording),
        guideline_line(guideline),
    ]
    .join("\n")
}

/// The complete Markdown file.
pub(crate) fn markdown(meta: &Meta, body: &str) -> String {
    let mut out = format!("# {}\n\n", escape_markdown(&meta.title));
    let notice = meta.draft_notice();
    if !notice.is_empty() {
        out.push_str(&format!("{notice}\n\n"));
    }
    out.push_str(&format!(
        "| {} | {} |\n|---|---|\n",
        w!(meta.wording, "cover.item"),
        w!(meta.wording, "cover.content")
    ));
    for (key, value) in meta.cover_rows() {
        out.push_str(&format!("| {} | {} |\n", key, escape_markdown(&value)));
    }
    out.push('\n');
    out.push_str(&with_supplementary(meta, body));
    out.push_str("\n\n");
    out.push_str(&meta.history_table());
    format!("{}\n", out.trim_end())
}

/// What the PDF shows after its cover and table of contents.
pub(crate) fn typst_body(meta: &Meta, body: &str) -> String {
    let notice = meta.draft_notice();
    let notice = if notice.is_empty() { String::new() } else { format!("{notice}\n\n") };
    format!("{notice}{}\n\n{}", with_supplementary(meta, body), meta.history_table()).trim_end().to_owned() + "\n"
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::emit::manifest::Revision;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn versioned(dates: &[NaiveDate]) -> Versioned {
        let history = dates
            .iter()
            .enumerate()
            .map(|(i, d)| Revision {
                version: i as u32 + 1,
                date: *d,
                summary: "制定".into(),
                reason: "新規制定".into(),
                effective: None,
            })
            .collect();
        Versioned { version: dates.len() as u32, history, state: DocumentState::Approved, approval: None }
    }

    #[test]
    fn each_revision_date_adds_a_supplementary_provision() {
        let provisions = supplementary_provisions(
            &versioned(&[date(2026, 4, 1), date(2026, 10, 1)]),
            date(2026, 4, 1),
            crate::wording::embedded(),
        );
        assert_eq!(provisions.len(), 2);
        assert!(provisions[0].starts_with("## 附則\n\nこの規程は、令和8年4月1日から施行する。"), "{provisions:?}");
        assert!(provisions[1].starts_with("## 附則（令和8年10月1日）\n\nこの規程は、令和8年10月1日から施行する。"));
    }

    #[test]
    fn a_later_effective_date_than_the_establishment_is_its_own_provision() {
        let provisions =
            supplementary_provisions(&versioned(&[date(2024, 4, 1)]), date(2026, 4, 1), crate::wording::embedded());
        assert_eq!(provisions.len(), 2, "{provisions:?}");
        assert!(provisions[1].contains("令和8年4月1日から施行する"));
    }

    #[test]
    fn provisions_go_where_the_template_marks_them_and_are_left_out_for_comparison() {
        let meta = Meta {
            title: String::new(),
            facility: String::new(),
            version: 1,
            state: DocumentState::Approved,
            established: String::new(),
            revised: None,
            approver: String::new(),
            approval: None,
            as_of: String::new(),
            guideline: String::new(),
            history: Vec::new(),
            supplementary: vec!["## 附則\n\nこの規程は、令和8年4月1日から施行する。\n".into()],
            wording: crate::wording::embedded(),
        };
        let body = format!("本文\n\n{SUPPLEMENTARY_MARKER}\n\n## 別表第1\n\n表\n");
        let out = with_supplementary(&meta, &body);
        assert!(out.find("## 附則").unwrap() < out.find("## 別表第1").unwrap(), "{out}");
        assert!(!out.contains(SUPPLEMENTARY_MARKER));
        let stripped = without_supplementary(&out, crate::wording::embedded());
        assert!(!stripped.contains("附則") && stripped.contains("## 別表第1"), "{stripped}");
    }
}
