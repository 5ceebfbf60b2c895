//! The document set a facility keeps, in the order it is filed.

use crate::w;

/// One document of the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSpec {
    /// File stem and id in the manifest.
    pub id: &'static str,
    /// Japanese title.
    pub title: &'static str,
    /// The short name a table uses to cite it (the traceability matrix lists them with the titles).
    pub short: &'static str,
    /// The tera template under `templates/`.
    pub template: &'static str,
    /// Who approves it.
    pub approver: Approver,
}

/// Who approves a document (企画管理編 4: policies and regulations by 経営層, procedures by the 企画管理者).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approver {
    /// The approver named in the profile's document control (経営層).
    Management,
    /// The 企画管理者.
    SafetyManager,
}

/// Every document kitei generates, in filing order. The traceability matrix comes last because it
/// reports where the others meet each requirement.
pub static DOCUMENTS: std::sync::LazyLock<Vec<DocumentSpec>> = std::sync::LazyLock::new(|| {
    vec![
        DocumentSpec {
            id: "security-policy",
            title: w!(crate::wording::embedded(), "documents.policy_title"),
            short: w!(crate::wording::embedded(), "documents.policy_short"),
            template: "security-policy.md",
            approver: Approver::Management,
        },
        DocumentSpec {
            id: "operations-regulation",
            title: w!(crate::wording::embedded(), "documents.regulation_title"),
            short: w!(crate::wording::embedded(), "documents.regulation_short"),
            template: "operations-regulation.md",
            approver: Approver::Management,
        },
        DocumentSpec {
            id: "user-manual",
            title: w!(crate::wording::embedded(), "documents.user_manual_title"),
            short: w!(crate::wording::embedded(), "documents.user_manual_short"),
            template: "user-manual.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "incident-procedure",
            title: w!(crate::wording::embedded(), "documents.incident_title"),
            short: w!(crate::wording::embedded(), "documents.incident_short"),
            template: "incident-procedure.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "downtime-manual",
            title: w!(crate::wording::embedded(), "documents.downtime_title"),
            short: w!(crate::wording::embedded(), "documents.downtime_short"),
            template: "downtime-manual.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "backup-procedure",
            title: w!(crate::wording::embedded(), "documents.backup_title"),
            short: w!(crate::wording::embedded(), "documents.backup_short"),
            template: "backup-procedure.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "bcp",
            title: w!(crate::wording::embedded(), "documents.bcp_title"),
            short: w!(crate::wording::embedded(), "documents.bcp_short"),
            template: "bcp.md",
            approver: Approver::Management,
        },
        DocumentSpec {
            id: "cyber-response-plan",
            title: w!(crate::wording::embedded(), "documents.cyber_response_title"),
            short: w!(crate::wording::embedded(), "documents.cyber_response_short"),
            template: "cyber-response-plan.md",
            approver: Approver::Management,
        },
        DocumentSpec {
            id: "asset-register",
            title: w!(crate::wording::embedded(), "documents.asset_register_title"),
            short: w!(crate::wording::embedded(), "documents.asset_register_short"),
            template: "asset-register.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "responsibility-matrix",
            title: w!(crate::wording::embedded(), "documents.responsibility_title"),
            short: w!(crate::wording::embedded(), "documents.responsibility_short"),
            template: "responsibility-matrix.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "statement-of-applicability",
            title: w!(crate::wording::embedded(), "documents.applicability_title"),
            short: w!(crate::wording::embedded(), "documents.applicability_short"),
            template: "statement-of-applicability.md",
            approver: Approver::Management,
        },
        DocumentSpec {
            id: "open-items",
            title: w!(crate::wording::embedded(), "documents.open_items_title"),
            short: w!(crate::wording::embedded(), "documents.open_items_short"),
            template: "open-items.md",
            approver: Approver::SafetyManager,
        },
        DocumentSpec {
            id: "traceability-matrix",
            title: w!(crate::wording::embedded(), "documents.traceability_title"),
            short: w!(crate::wording::embedded(), "documents.traceability_short"),
            template: "traceability-matrix.md",
            approver: Approver::SafetyManager,
        },
    ]
});

/// The id of the document that must be rendered after all others.
pub const TRACEABILITY: &str = "traceability-matrix";

/// The id of the 課題一覧 (rendered again once the yearly checklist has added its items).
pub const OPEN_ITEMS: &str = "open-items";

/// The asset register (機器台帳 and its forms).
pub const ASSET_REGISTER: &str = "asset-register";

/// Whether document `id` is a register: a record of facts as of its 基準日 (the 機器台帳, the
/// 課題一覧, the traceability table), kept up to date by every build, never a 案 and never 版'd.
/// Only rules (方針, 規程, 手順書, 計画, 責任分界表, 適用宣言書) are approved.
pub fn is_register(id: &str) -> bool {
    [ASSET_REGISTER, OPEN_ITEMS, TRACEABILITY].contains(&id)
}
