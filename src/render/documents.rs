//! The document set a facility keeps, in the order it is filed.

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
pub const DOCUMENTS: &[DocumentSpec] = &[
    DocumentSpec {
        id: "security-policy",
        title: "情報セキュリティ方針",
        short: "方針",
        template: "security-policy.md",
        approver: Approver::Management,
    },
    DocumentSpec {
        id: "operations-regulation",
        title: "医療情報システム運用管理規程",
        short: "規程",
        template: "operations-regulation.md",
        approver: Approver::Management,
    },
    DocumentSpec {
        id: "user-manual",
        title: "医療情報システム利用者マニュアル",
        short: "利用者マニュアル",
        template: "user-manual.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "incident-procedure",
        title: "非常時・インシデント対応手順書",
        short: "対応手順書",
        template: "incident-procedure.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "downtime-manual",
        title: "代替運用マニュアル",
        short: "代替運用マニュアル",
        template: "downtime-manual.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "backup-procedure",
        title: "バックアップ・リストア手順書",
        short: "バックアップ手順書",
        template: "backup-procedure.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "bcp",
        title: "医療情報システムに関する事業継続計画（サイバー攻撃対応）",
        short: "BCP",
        template: "bcp.md",
        approver: Approver::Management,
    },
    DocumentSpec {
        id: "cyber-response-plan",
        title: "サイバーセキュリティ対応計画",
        short: "対応計画",
        template: "cyber-response-plan.md",
        approver: Approver::Management,
    },
    DocumentSpec {
        id: "asset-register",
        title: "情報機器台帳及び様式",
        short: "台帳・様式",
        template: "asset-register.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "responsibility-matrix",
        title: "責任分界表",
        short: "責任分界表",
        template: "responsibility-matrix.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "statement-of-applicability",
        title: "適用宣言書",
        short: "適用宣言書",
        template: "statement-of-applicability.md",
        approver: Approver::Management,
    },
    DocumentSpec {
        id: "open-items",
        title: "課題一覧（未決事項）",
        short: "課題一覧",
        template: "open-items.md",
        approver: Approver::SafetyManager,
    },
    DocumentSpec {
        id: "traceability-matrix",
        title: "遵守事項トレーサビリティ表",
        short: "トレーサビリティ表",
        template: "traceability-matrix.md",
        approver: Approver::SafetyManager,
    },
];

/// The id of the document that must be rendered after all others.
pub const TRACEABILITY: &str = "traceability-matrix";

/// The id of the 課題一覧 (rendered again once the yearly checklist has added its items).
pub const OPEN_ITEMS: &str = "open-items";
