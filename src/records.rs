//! Evidence as data: what the facility did, dated, beside its profile.
//!
//! A rule in the 規程 says what must be done; a checklist answer is a statement of fact to the
//! 保健所. The facts live in `<profile-stem>.records.yaml` beside the profile: one entry per
//! training held, drill, restore test, log or account review, patch round, audit, 2FA change,
//! vendor's answers to the 事業者確認用, or signed attestation — dated (`performed_on`), by whom
//! (`performed_by`), over what (`scope`: asset names, system and vendor keys of the profile), with a
//! result. Entries are never edited: a correction is a new entry that `supersedes` the old one.
//!
//! The file is read raw (every key known, [`yaml::parse`](crate::yaml::parse)) and then
//! checked against the profile (unique ids, scope references, what each kind needs), every fault
//! a `file:line:column` diagnostic. [`append`] adds an entry to the text without touching what
//! is there, validating the result as a whole before it is written atomically.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostic::{closest, Diagnostics, SourceDiagnostic};
use crate::i18n::{text, Msg};
use crate::load::{LoadError, Profile};

/// The records file of a profile: `clinic.yaml` → `clinic.records.yaml` in the same folder.
pub(crate) fn path_beside(profile: &Path) -> PathBuf {
    let stem = profile.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    profile.with_file_name(format!("{stem}.records.yaml"))
}

pub(crate) use crate::load::content::is_records_file;

/// What kind of thing was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// 研修（教育）を行った。
    Training,
    /// 訓練（サイバー攻撃を想定した演習）を行った。
    Drill,
    /// バックアップからの復元（リストア）を試した。
    RestoreTest,
    /// アクセスログを確認した。
    LogReview,
    /// アカウントと権限を棚卸しした（不要なアカウントの削除を含む）。
    AccountReview,
    /// セキュリティパッチを適用した。
    Patch,
    /// 監査・点検を行った。
    Audit,
    /// 二要素認証を導入した・確かめた。
    #[serde(rename = "2fa")]
    TwoFactor,
    /// 事業者確認用への事業者の回答を受け取った。
    VendorAnswers,
    /// チェックリストの項目を責任者が確認し、署名した（自己申告）。
    Attestation,
}

impl RecordKind {
    /// Every kind, in the order of the schema.
    pub const ALL: [RecordKind; 10] = [
        Self::Training,
        Self::Drill,
        Self::RestoreTest,
        Self::LogReview,
        Self::AccountReview,
        Self::Patch,
        Self::Audit,
        Self::TwoFactor,
        Self::VendorAnswers,
        Self::Attestation,
    ];

    /// The word written in the file (`restore-test`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Training => "training",
            Self::Drill => "drill",
            Self::RestoreTest => "restore-test",
            Self::LogReview => "log-review",
            Self::AccountReview => "account-review",
            Self::Patch => "patch",
            Self::Audit => "audit",
            Self::TwoFactor => "2fa",
            Self::VendorAnswers => "vendor-answers",
            Self::Attestation => "attestation",
        }
    }

    /// The kind named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The Japanese name, for documents (`records.kinds.<key>` of the wording).
    pub fn label(self, wording: &crate::wording::Wording) -> &str {
        match self {
            Self::Training => crate::w!(wording, "record_kinds.training"),
            Self::Drill => crate::w!(wording, "record_kinds.drill"),
            Self::RestoreTest => crate::w!(wording, "record_kinds.restore_test"),
            Self::LogReview => crate::w!(wording, "record_kinds.log_review"),
            Self::AccountReview => crate::w!(wording, "record_kinds.account_review"),
            Self::Patch => crate::w!(wording, "record_kinds.patch"),
            Self::Audit => crate::w!(wording, "record_kinds.audit"),
            Self::TwoFactor => crate::w!(wording, "record_kinds.two_factor"),
            Self::VendorAnswers => crate::w!(wording, "record_kinds.vendor_answers"),
            Self::Attestation => crate::w!(wording, "record_kinds.attestation"),
        }
    }
}

/// How it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// 問題なし。
    #[default]
    Pass,
    /// 不合格・問題あり。
    Fail,
    /// 一部に問題あり。
    Partial,
}

/// Who did it: a post (役職), and a name when wanted.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performer {
    /// 役職（例: 事務長、システム管理者）。
    pub post: String,
    /// 氏名（任意）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The period a review covers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// 対象期間の初日。
    #[serde(deserialize_with = "crate::load::dates::required")]
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// 対象期間の末日。
    #[serde(deserialize_with = "crate::load::dates::required")]
    #[schemars(with = "String")]
    pub to: NaiveDate,
}

/// はい or いいえ, as a vendor answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum YesNo {
    /// はい
    Yes,
    /// いいえ
    No,
}

/// One answer of a vendor's 事業者確認用.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorAnswer {
    /// チェックリストの項目キー。
    pub item: String,
    /// 回答（yes: はい、no: いいえ）。
    pub answer: YesNo,
    /// 事業者が記入した確認日。
    #[serde(default, deserialize_with = "crate::load::dates::optional", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
}

/// One entry of the records file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// 記録の識別子（ファイルの中で一意。例: training-2026-10-15）。
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// 種類。
    pub kind: RecordKind,
    /// 実施した日（記録が表す日。記録した日ではない）。
    #[serde(deserialize_with = "crate::load::dates::required")]
    #[schemars(with = "String")]
    pub performed_on: NaiveDate,
    /// 確認の対象期間（ログ・アカウントの確認など）。
    #[serde(default)]
    pub period: Option<Period>,
    /// 記録した日（任意）。
    #[serde(default, deserialize_with = "crate::load::dates::optional")]
    #[schemars(with = "Option<String>")]
    pub recorded_on: Option<NaiveDate>,
    /// 実施した者。
    pub performed_by: Performer,
    /// 対象: 機器台帳の機器の名称、systems 又は vendors の key（省略時は施設全体）。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub scope: Vec<Spanned<String>>,
    /// 結果（pass: 問題なし、fail: 問題あり、partial: 一部に問題あり）。
    #[serde(default)]
    pub result: Outcome,
    /// 所見・指摘事項。
    #[serde(default)]
    pub findings: Option<String>,
    /// 参加者数（研修・訓練）。
    #[serde(default)]
    pub attendees: Option<u32>,
    /// 想定した事態（訓練）。
    #[serde(default)]
    pub scenario: Option<String>,
    /// 適用したパッチの水準（例: 2026年10月の累積更新）。
    #[serde(default)]
    pub patch_level: Option<String>,
    /// 確認した項目のキー（attestation）。
    #[serde(default)]
    pub items: Vec<String>,
    /// 事業者（vendor-answers）。vendors の key。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub vendor: Option<Spanned<String>>,
    /// チェックリストの年度版（vendor-answers。例: R8）。
    #[serde(default)]
    pub edition: Option<String>,
    /// 取り込んだ回答ファイルの SHA-256（vendor-answers）。
    #[serde(default)]
    pub file_sha256: Option<String>,
    /// 項目ごとの回答（vendor-answers。空欄の項目は書かない）。
    #[serde(default)]
    pub answers: Vec<VendorAnswer>,
    /// この記録が訂正する、前の記録の id。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub supersedes: Option<Spanned<String>>,
}

/// The records file as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordsFile {
    /// 記録（追記のみ。訂正は supersedes を付けた新しい記録で行う）。
    #[serde(default)]
    pub records: Vec<Record>,
}

/// A facility's checked records.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// The file they were read from (none when the profile has no records file).
    pub path: Option<PathBuf>,
    /// Every entry in file order.
    pub entries: Vec<Record>,
    /// SHA-256 of the file's text (none without a file).
    pub sha256: Option<String>,
}

impl Records {
    /// Whether the facility keeps a records file.
    pub fn kept(&self) -> bool {
        self.path.is_some()
    }

    /// The entries no later entry supersedes.
    pub fn current(&self) -> impl Iterator<Item = &Record> {
        self.entries
            .iter()
            .filter(|r| !self.entries.iter().any(|o| o.supersedes.as_ref().is_some_and(|s| s.value == r.id.value)))
    }

    /// Current entries of `kind` performed on or before `as_of`, newest first.
    pub fn of_kind(&self, kind: RecordKind, as_of: NaiveDate) -> Vec<&Record> {
        let mut found: Vec<&Record> = self.current().filter(|r| r.kind == kind && r.performed_on <= as_of).collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.performed_on));
        found
    }

    /// The latest vendor-answers entry for `vendor` and `edition` on or before `as_of`.
    pub fn vendor_answers(&self, vendor: &str, edition: &str, as_of: NaiveDate) -> Option<&Record> {
        self.of_kind(RecordKind::VendorAnswers, as_of)
            .into_iter()
            .find(|r| r.vendor.as_ref().is_some_and(|v| v.value == vendor) && r.edition.as_deref() == Some(edition))
    }
}

impl Record {
    /// Whether the entry covers `key` (an asset name, a system or vendor key): an entry without a
    /// scope covers the whole facility.
    pub fn covers(&self, key: &str) -> bool {
        self.scope.is_empty() || self.scope.iter().any(|s| s.value == key)
    }

    /// The entry as a document cites it: 「アカウントの棚卸し 令和8年3月1日（事務長）」.
    pub fn citation(&self, wording: &crate::wording::Wording) -> String {
        crate::w!(
            wording,
            "records.citation",
            kind = self.kind.label(wording),
            date = crate::wareki::format(self.performed_on),
            post = self.performed_by.post
        )
    }
}

/// Reads and checks the records file beside `profile`, or none when there is no such file.
pub(crate) fn load_beside(profile: &Profile) -> Result<Records, LoadError> {
    let path = path_beside(&profile.path);
    if !path.exists() {
        return Ok(Records::default());
    }
    let text = crate::load::read_text(&path)?;
    parse(&path, &text, profile)
}

/// Parses and checks records `text` (of `path`) against `profile`.
pub(crate) fn parse(path: &Path, text: &str, profile: &Profile) -> Result<Records, LoadError> {
    crate::yaml::refuse_bad_text(path, text)?;
    let file: RecordsFile =
        if text.trim().is_empty() { RecordsFile { records: Vec::new() } } else { crate::yaml::parse(path, text)? };
    let problems = check(path, text, &file.records, profile);
    if !problems.is_empty() {
        return Err(Diagnostics(problems).into());
    }
    Ok(Records {
        path: Some(path.to_owned()),
        entries: file.records,
        sha256: Some(crate::digest::sha256_hex(text.as_bytes())),
    })
}

/// Every problem of the entries: duplicate ids, unknown scope or vendor, an unknown superseded
/// id, what a kind needs and lacks, a period that ends before it starts.
fn check(path: &Path, source: &str, records: &[Record], profile: &Profile) -> Vec<SourceDiagnostic> {
    let at = |spanned: &Spanned<String>, message: String| {
        SourceDiagnostic::at_span(path, source, spanned.referenced, message)
    };
    let data = &profile.data;
    let known: Vec<&str> = data
        .assets
        .iter()
        .map(|a| a.name.as_str())
        .chain(data.systems.iter().map(|s| s.key.as_str()))
        .chain(data.vendors.iter().map(|v| v.key.as_str()))
        .collect();
    let mut problems = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let id = &record.id.value;
        if !crate::load::is_safe_id(id) {
            problems.push(at(&record.id, text(Msg::RecordBadId(id))).with_hint(text(Msg::RecordBadIdHint)));
        }
        if records[..index].iter().any(|r| &r.id.value == id) {
            problems.push(at(&record.id, text(Msg::RecordDuplicateId(id))).with_hint(text(Msg::RecordDuplicateIdHint)));
        }
        for scope in &record.scope {
            if !known.contains(&scope.value.as_str()) {
                let hint = match closest(&scope.value, known.iter().copied()) {
                    Some(near) => text(Msg::RecordScopeNear(near)),
                    None => text(Msg::RecordScopeKnown(&known.join(", "))),
                };
                problems.push(at(scope, text(Msg::RecordUnknownScope(&scope.value))).with_hint(hint));
            }
        }
        if let Some(old) = &record.supersedes {
            if !records[..index].iter().any(|r| r.id.value == old.value) {
                problems.push(
                    at(old, text(Msg::RecordUnknownSupersedes(&old.value)))
                        .with_hint(text(Msg::RecordUnknownSupersedesHint)),
                );
            }
        }
        if let Some(period) = &record.period {
            if period.to < period.from {
                problems.push(at(&record.id, text(Msg::RecordPeriodReversed(id))));
            }
        }
        for field in missing_fields(record) {
            problems.push(at(&record.id, text(Msg::RecordNeeds { id, kind: record.kind.key(), field })));
        }
        if let Some(vendor) = &record.vendor {
            if !data.vendors.iter().any(|v| v.key == vendor.value) {
                let names: Vec<&str> = data.vendors.iter().map(|v| v.key.as_str()).collect();
                problems.push(
                    at(vendor, text(Msg::RecordUnknownScope(&vendor.value)))
                        .with_hint(text(Msg::RecordScopeKnown(&names.join(", ")))),
                );
            }
        }
    }
    problems
}

/// The keys a kind needs that the entry leaves out.
fn missing_fields(record: &Record) -> Vec<&'static str> {
    let mut missing = Vec::new();
    match record.kind {
        RecordKind::Training if record.attendees.is_none() => missing.push("attendees"),
        RecordKind::VendorAnswers => {
            if record.vendor.is_none() {
                missing.push("vendor");
            }
            if record.edition.is_none() {
                missing.push("edition");
            }
        }
        RecordKind::Attestation if record.items.is_empty() => missing.push("items"),
        _ => {}
    }
    missing
}

/// A new entry, as `kitei record` builds it from its options.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewRecord {
    /// Kind.
    pub kind: Option<RecordKind>,
    /// Date performed.
    pub performed_on: Option<NaiveDate>,
    /// Post of who did it.
    pub post: String,
    /// Name (optional).
    pub name: Option<String>,
    /// Scope keys.
    pub scope: Vec<String>,
    /// Result.
    pub result: Outcome,
    /// Findings.
    pub findings: Option<String>,
    /// Attendees.
    pub attendees: Option<u32>,
    /// Scenario.
    pub scenario: Option<String>,
    /// Patch level.
    pub patch_level: Option<String>,
    /// Period.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Attested items.
    pub items: Vec<String>,
    /// Vendor.
    pub vendor: Option<String>,
    /// Edition.
    pub edition: Option<String>,
    /// File digest.
    pub file_sha256: Option<String>,
    /// Vendor answers.
    pub answers: Vec<VendorAnswer>,
    /// Superseded id.
    pub supersedes: Option<String>,
}

/// A YAML scalar that reads back as exactly `value` (double-quoted, JSON escapes are valid YAML).
fn scalar(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

impl NewRecord {
    /// The entry as YAML lines of a block sequence item, indented under `records:`.
    fn yaml(&self, id: &str) -> String {
        let mut lines = vec![format!("  - id: {}", scalar(id))];
        let mut field = |key: &str, value: String| lines.push(format!("    {key}: {value}"));
        field("kind", self.kind.map(RecordKind::key).unwrap_or_default().to_owned());
        if let Some(date) = self.performed_on {
            field("performed_on", date.to_string());
        }
        if let Some((from, to)) = self.period {
            field("period", format!("{{ from: {from}, to: {to} }}"));
        }
        let by = match &self.name {
            Some(name) => format!("{{ post: {}, name: {} }}", scalar(&self.post), scalar(name)),
            None => format!("{{ post: {} }}", scalar(&self.post)),
        };
        field("performed_by", by);
        if !self.scope.is_empty() {
            field("scope", format!("[{}]", self.scope.iter().map(|s| scalar(s)).collect::<Vec<_>>().join(", ")));
        }
        if self.result != Outcome::Pass {
            field(
                "result",
                serde_json::to_value(self.result).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            );
        }
        for (key, value) in [
            ("findings", &self.findings),
            ("scenario", &self.scenario),
            ("patch_level", &self.patch_level),
            ("edition", &self.edition),
            ("file_sha256", &self.file_sha256),
            ("vendor", &self.vendor),
            ("supersedes", &self.supersedes),
        ] {
            if let Some(value) = value {
                field(key, scalar(value));
            }
        }
        if let Some(n) = self.attendees {
            field("attendees", n.to_string());
        }
        if !self.items.is_empty() {
            field("items", format!("[{}]", self.items.iter().map(|s| scalar(s)).collect::<Vec<_>>().join(", ")));
        }
        if !self.answers.is_empty() {
            lines.push("    answers:".to_owned());
            for a in &self.answers {
                let answer = if a.answer == YesNo::Yes { "yes" } else { "no" };
                let date = a.date.map(|d| format!(", date: {d}")).unwrap_or_default();
                lines.push(format!("      - {{ item: {}, answer: {answer}{date} }}", scalar(&a.item)));
            }
        }
        lines.join("\n") + "\n"
    }

    /// An id not yet taken: `<kind>-<date>`, then `-2`, `-3`….
    fn fresh_id(&self, taken: &[Record]) -> String {
        let base = format!(
            "{}-{}",
            self.kind.map(RecordKind::key).unwrap_or("record"),
            self.performed_on.map(|d| d.to_string()).unwrap_or_default()
        );
        let base = base.trim_end_matches('-').to_owned();
        let free = |id: &str| !taken.iter().any(|r| r.id.value == id);
        if free(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| free(id)).unwrap_or(base)
    }
}

/// The text of `path` with `entry` appended (the file is created when missing), checked as a
/// whole against `profile`; nothing is written. Returns the new text and the entry's id.
pub(crate) fn append(path: &Path, profile: &Profile, entry: &NewRecord) -> Result<(String, String), LoadError> {
    let old = if path.exists() { crate::load::read_text(path)? } else { String::new() };
    let existing = parse(path, &old, profile)?;
    let id = entry.fresh_id(&existing.entries);
    let mut new = if old.trim().is_empty() { text(Msg::RecordsHeader) } else { old.clone() };
    if !new.ends_with('\n') {
        new.push('\n');
    }
    if existing.entries.is_empty() && !new.lines().any(|l| l.trim_end() == "records:") {
        new.push_str("records:\n");
    }
    new.push_str(&entry.yaml(&id));
    let checked = parse(path, &new, profile)?;
    // The text must read back as the old entries and the new one last (a flow-style list cannot
    // take a block item: refuse rather than write something else).
    if checked.entries.len() != existing.entries.len() + 1 || checked.entries.last().is_none_or(|r| r.id.value != id) {
        return Err(LoadError::Io {
            path: path.to_owned(),
            source: std::io::Error::other(text(Msg::RecordsNotAppendable)),
        });
    }
    Ok((new, id))
}
