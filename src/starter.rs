//! The starter profile: what `kitei init` and the first visit of `kitei serve` write.
//!
//! Both ask the same four questions that decide the reference pattern and write the same text,
//! so the one function lives here, below both commands. The profile written answers them, names
//! example people, systems and vendors to be replaced, and builds as it is. What only the facility
//! can decide (its rules, deputies, recovery targets, the date its role split with a vendor was
//! confirmed) is left out and shown as commented examples: until the facility writes them they are
//! open items of the 課題一覧, never kitei's defaults printed as its decisions.

use std::path::Path;

use crate::i18n::{text, Msg};

/// Why the starter profile was not written.
#[derive(Debug, thiserror::Error)]
pub enum StarterError {
    /// The path is a symbolic link.
    #[error("{}", text(Msg::InitSymlink(.0)))]
    Symlink(String),
    /// The file exists and overwriting was not asked for.
    #[error("{}", text(Msg::FileExists(.0)))]
    Exists(String),
    /// The file could not be written.
    #[error("{}", text(Msg::CannotCreate(.path)))]
    Write {
        /// The file, as shown.
        path: String,
        /// The cause.
        #[source]
        source: crate::write::WriteError,
    },
}

/// The answers to the four questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StarterAnswers {
    /// The systems that hold medical information are cloud services (else on the premises).
    pub cloud: bool,
    /// There are staff dedicated to running the systems.
    pub dedicated_staff: bool,
    /// Electronic signatures replace legally required seals and signatures.
    pub e_signature: bool,
    /// Paper records are scanned and kept electronically.
    pub scanning: bool,
}

/// Writes the starter profile for `answers` to `path`, atomically; refused when `path` is a
/// symbolic link, or exists and `force` is not set.
pub fn write(path: &Path, answers: &StarterAnswers, force: bool) -> Result<(), StarterError> {
    let shown = path.display().to_string();
    if path.is_symlink() {
        return Err(StarterError::Symlink(shown));
    }
    if path.exists() && !force {
        return Err(StarterError::Exists(shown));
    }
    // Atomic: a link planted after the check above is replaced, never written through.
    crate::write::write_file_atomic(path, starter_profile(answers).as_bytes())
        .map_err(|source| StarterError::Write { path: shown, source })
}

/// The URL editors use to find the schema (written by `kitei schema`).
pub const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=./kitei-profile.schema.json\n# (kitei schema > kitei-profile.schema.json で補完・検証用のスキーマを書き出せます)\n";

/// The starter profile text for these answers.
pub fn starter_profile(answers: &StarterAnswers) -> String {
    let cloud = answers.cloud;
    let staff = answers.dedicated_staff;
    let hosting = if cloud { "cloud" } else { "on-premises" };
    let covers = if cloud {
        "      # 契約で事業者が担う領域（content/areas.yaml の key）。クラウド型（パターンⅡ・Ⅳ）では、\n      # ここに書いた領域の簡略化可能な遵守事項が「事業者が実施」となる。\n      covers: [servers, backup, patches, malware, logs, physical, remote_maintenance, software, documentation]\n"
    } else {
        "      # 契約で事業者が担う領域（content/areas.yaml の key）。\n      covers: [remote_maintenance, software]\n"
    };
    let operations = if staff {
        "  operations: { person: it-staff, title: システム管理者 }\n  # 代行者（不在のとき職務を代行する者）を決めたら deputy を加える（未決のあいだは課題一覧に載る）。\n  # 例: management: { person: manager, title: 医療情報システム安全管理責任者, deputy: director }\n"
    } else {
        "  # 専任の担当者がいない施設（パターンⅢ・Ⅳ）では、運用管理者として読み替える者を指定する。\n  operations: { person: manager, title: 運用管理者 }\n  # 代行者（不在のとき職務を代行する者）を決めたら deputy を加える（未決のあいだは課題一覧に載る）。\n  # 例: governance: { person: director, title: 院長, deputy: manager }\n"
    };
    let it_person = if staff {
        "  - key: it-staff\n    name: 情報 太郎\n    position: システム管理者\n    phone: 内線 300\n"
    } else {
        ""
    };
    format!(
        r##"{SCHEMA_COMMENT}# kitei 施設プロファイル（kitei init が作成した雛形）。
# 「例」と書かれた値を自施設の内容に置き換え、kitei check で確認してから kitei build で規程類を作成する。
id: my-clinic                     # 出力フォルダ名（英数字・ハイフン）
guideline: "6.0"                  # 準拠するガイドラインの版

facility:
  name: 例）みどり内科クリニック
  kind: clinic                    # hospital | clinic | dental-clinic | pharmacy | other
  beds: 0
  address: 例）東京都千代田区霞が関一丁目2番2号
  phone: 03-0000-0000
  head: director                  # 施設の長（people の key）

organization:
  dedicated_it_staff: {staff}     # システム運用専任の担当者がいるか
  e_signature: {esig}             # 法令上の記名・押印に電子署名を用いるか
  scanning: {scan}                # 紙の診療録等をスキャナで電子化して保存するか
  staff_count: 10

people:
  - key: director
    name: 例）緑川 一郎
    position: 院長
    phone: 内線 100
  - key: manager
    name: 例）青山 花子
    position: 事務長
    phone: 内線 200
    email: manager@example.jp
{it_person}
roles:
  governance: {{ person: director, title: 院長 }}
  management: {{ person: manager, title: 医療情報システム安全管理責任者 }}
{operations}
systems:
  - key: ehr
    name: 例）電子カルテシステム
    kind: ehr
    hosting: {hosting}              # on-premises | cloud
    vendor: ehr-vendor
    medical_information: true
    priority: 1
    # 目標復旧時間と目標復旧時点（時間）。決めたら書く（未決のあいだは課題一覧に載る）。
    # rto_hours: 24
    # rpo_hours: 24
    authentication: {{ method: password, two_factor: false }}
    backup:
      method: 例）事業者による自動バックアップ
      frequency: 毎日
      generations: 7
      offline: true
      by: {backup_by}
      # 復元テストをした日。実施したら書く（未実施のあいだは課題一覧に載る）。
      # last_restore_test: 2026-03-15
    downtime: 紙の診療録と手書きの処方箋・伝票で診療を継続する
  - key: ons
    name: オンライン資格確認等システム
    kind: online-qualification
    hosting: cloud
    vendor: ehr-vendor
    medical_information: false
    priority: 2
    downtime: 保険証・資格確認書の目視確認に切り替える

vendors:
  - key: ehr-vendor
    name: 例）株式会社メディカルシステムズ
    services: [電子カルテの提供・保守]
    certifications: [isms, pmark]
    contact: {{ department: サポートセンター, phone: 0120-000-000, hours: 平日9時〜18時 }}
    contract:
{covers}      # 役割分担を書面（厚生労働省の役割分担確認表等）で確認したら true にし、確認した日を書く
      # （未確認のあいだは課題一覧に載る）。
      written_role_split: false
      # confirmed: 2026-03-01
      remote_maintenance: true
      mds_sds: true
      # remote_transport: ip-vpn   # leased-line | ip-vpn | ipsec-ike | tls-client-auth | other
      # bcp_procedure: true

network:
  internet: true
  wireless_lan: false
  remote_access: false

# 施設の規則。書いていない項目は施設の決定として印字されず、課題一覧（未決事項）に載る。
# 施設で決めた値を書く（次は書き方の例であり、kitei の推奨値ではない）。
# rules:
#   password_min_length: 13
#   password_change_days: 0        # 0 は定期変更をしない
#   lockout_attempts: 10
#   screen_lock_minutes: 10
#   log_retention_years: 5
#   external_media: prohibited     # prohibited | approved（企画管理者の承認を得た場合に限り可） | allowed
#   take_out: approved
#   personal_devices: prohibited

# 教育・訓練と点検・監査の年間回数。書いていない回数は課題一覧に載り、文書は「定期に」とだけ書く。
# training:
#   education_per_year: 1
#   drills_per_year: 1
# audit:
#   self_checks_per_year: 1
#   internal_audits_per_year: 1

emergency_contacts:
  - {{ kind: police, name: 例）所轄警察署 サイバー犯罪相談窓口, phone: 03-0000-0002 }}
  - {{ kind: prefecture, name: 例）都道府県 医療政策担当課, phone: 03-0000-0001 }}
  - {{ kind: mhlw, name: 例）厚生労働省の担当部署（確かめた部署名と番号を書く）, phone: 03-0000-0003 }}

document:
  effective_date: 2026-04-01      # 施行日
  approver: director              # 規程を承認する者（people の key）
"##,
        staff = staff,
        esig = answers.e_signature,
        scan = answers.scanning,
        backup_by = if cloud { "vendor" } else { "facility" },
    )
}
