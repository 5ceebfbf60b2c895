//! The title block and revision history around a document body.
//!
//! The body is what templates produce; the 版, dates, approver and 改訂履歴 come from the build's
//! version decision. Markdown gets them as a table at the top and a history table at the end; the
//! PDF puts the same facts on its cover page.

use crate::load::Profile;
use crate::model::Guideline;
use crate::render::documents::{Approver, DocumentSpec};
use crate::render::escape_markdown;
use crate::revise::Versioned;
use crate::wareki;

/// The facts printed around a body.
#[derive(Debug, Clone)]
pub struct Meta {
    title: String,
    facility: String,
    version: u32,
    established: String,
    revised: Option<String>,
    approver: String,
    guideline: String,
    history: Vec<[String; 4]>,
}

impl Meta {
    /// Collects the facts for one document.
    pub fn new(spec: DocumentSpec, profile: &Profile, guideline: &Guideline, versioned: &Versioned) -> Self {
        let data = &profile.data;
        let first = versioned.history.first();
        let last = versioned.history.last().filter(|r| r.version > 1);
        Self {
            title: spec.title.to_owned(),
            facility: data.facility.name.clone(),
            version: versioned.version,
            established: first.map(|r| wareki::format(r.date)).unwrap_or_default(),
            revised: last.map(|r| wareki::format(r.date)),
            approver: approver(spec, profile),
            guideline: guideline_line(guideline),
            history: versioned
                .history
                .iter()
                .map(|r| [format!("第{}版", r.version), wareki::format(r.date), r.summary.clone(), r.reason.clone()])
                .collect(),
        }
    }

    /// Rows of the cover table (also the Markdown title block).
    pub fn cover_rows(&self) -> Vec<(String, String)> {
        let mut rows = vec![
            ("施設名".to_owned(), self.facility.clone()),
            ("版".to_owned(), format!("第{}版", self.version)),
            ("制定日".to_owned(), self.established.clone()),
        ];
        if let Some(revised) = &self.revised {
            rows.push(("最終改定日".to_owned(), revised.clone()));
        }
        rows.push(("承認者".to_owned(), self.approver.clone()));
        rows.push(("準拠".to_owned(), self.guideline.clone()));
        rows
    }

    fn history_table(&self) -> String {
        let mut table = String::from("## 改訂履歴\n\n| 版 | 制定・改定日 | 改定箇所 | 理由 |\n|---|---|---|---|\n");
        for row in &self.history {
            let cells: Vec<String> = row.iter().map(|c| escape_markdown(c)).collect();
            table.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        table
    }
}

fn approver(spec: DocumentSpec, profile: &Profile) -> String {
    let data = &profile.data;
    let approver = match spec.approver {
        Approver::Management => {
            profile.person(&data.document.approver.value).map(|p| format!("{}　{}", p.position, p.name))
        }
        Approver::SafetyManager => {
            let title = data.roles.management.title.clone().unwrap_or_else(|| "企画管理者".to_owned());
            profile.person(&data.roles.management.person.value).map(|p| format!("{title}　{}", p.name))
        }
    };
    approver.unwrap_or_default()
}

fn guideline_line(guideline: &Guideline) -> String {
    format!("{} {}", guideline.title, guideline.edition)
}

/// Everything printed around a body that is not version data (title, facility, approver, 準拠):
/// part of what a 版 covers, so that a changed 準拠 line is a new 版 like a changed article.
pub fn printed_identity(spec: DocumentSpec, profile: &Profile, guideline: &Guideline) -> String {
    [spec.title.to_owned(), profile.data.facility.name.clone(), approver(spec, profile), guideline_line(guideline)]
        .join("\n")
}

/// The complete Markdown file.
pub fn markdown(meta: &Meta, body: &str) -> String {
    let mut out = format!("# {}\n\n| 項目 | 内容 |\n|---|---|\n", escape_markdown(&meta.title));
    for (key, value) in meta.cover_rows() {
        out.push_str(&format!("| {} | {} |\n", key, escape_markdown(&value)));
    }
    out.push('\n');
    out.push_str(body.trim_end());
    out.push_str("\n\n");
    out.push_str(&meta.history_table());
    out
}

/// What the PDF shows after its cover and table of contents.
pub fn typst_body(meta: &Meta, body: &str) -> String {
    format!("{}\n\n{}", body.trim_end(), meta.history_table())
}
