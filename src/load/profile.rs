//! The facility profile: what a rulebook needs to know about one facility.
//!
//! These types are the raw, deserialized shape of the YAML a facility writes (`deny_unknown_fields`
//! everywhere, so a typo is an error, not a silently ignored key). [`check`](super::check_profile)
//! turns them into a [`Profile`](crate::Profile) whose cross-references are known to resolve. Doc
//! comments double as the descriptions in the JSON Schema (`kitei schema`), so they are written for
//! the person editing the profile.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub use crate::model::terms::Hosting;
use crate::wording::Wording;

/// A reference to another entry of the profile (a person, a vendor), remembered with its position
/// so that a dangling reference can be reported at the line that makes it.
pub type Ref = Spanned<String>;

/// A facility profile as written in YAML.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileData {
    /// 出力フォルダ名にも使う施設ID（英数字・ハイフン・アンダースコア）。省略時はファイル名。
    #[serde(default)]
    pub id: Option<String>,
    /// 共通設定として読み込む基礎プロファイル（このファイルからの相対パス）。この施設の値が優先される。
    #[serde(default)]
    pub extends: Option<String>,
    /// 準拠するガイドラインの版（例: "6.0"）。`--guideline` が優先される。
    #[serde(default)]
    pub guideline: Option<String>,
    /// 施設の基本情報。
    pub facility: Facility,
    /// 体制と、参照パターン・適用範囲を決める事項。
    pub organization: Organization,
    /// 規程に登場する職員。`key` で他の項目から参照する。
    pub people: Vec<Person>,
    /// ガイドラインの役割と、それを担う職員・施設での呼称。
    pub roles: Roles,
    /// 医療情報システム（電子カルテ、レセコン、オンライン資格確認端末など）。
    pub systems: Vec<System>,
    /// 医療情報システム・サービス事業者。
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    /// ネットワークの構成。
    #[serde(default)]
    pub network: Network,
    /// パスワードや媒体などの運用ルール。定めていない項目は課題一覧（未決事項）に載る。
    #[serde(default)]
    pub rules: Rules,
    /// 非常時の外部連絡先（警察、都道府県、厚生労働省など）。
    #[serde(default)]
    pub emergency_contacts: Vec<EmergencyContact>,
    /// 機器台帳に載せる機器（サーバ、端末PC、ネットワーク機器）。
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// 教育・訓練の計画。
    #[serde(default)]
    pub training: Training,
    /// 点検・監査の計画。
    #[serde(default)]
    pub audit: Audit,
    /// 文書管理（施行日、承認者）。
    pub document: DocumentControl,
}

/// The facility itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// 施設の正式名称。
    pub name: String,
    /// 施設の種類。
    pub kind: FacilityKind,
    /// 病床数（無床なら 0）。
    #[serde(default)]
    pub beds: u32,
    /// 所在地。
    pub address: String,
    /// 代表電話番号。
    #[serde(default)]
    pub phone: Option<String>,
    /// 施設の長（院長・管理者）。people の key。
    #[schemars(with = "String")]
    pub head: Ref,
    /// 開設者（薬局では方針と運用管理規程を承認する者。法人の場合はその代表者）。people の key。
    /// 設定したときは document.approver と同じ人を指定する。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub founder: Option<Ref>,
}

/// The kinds of facility the guideline addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FacilityKind {
    /// 病院
    Hospital,
    /// 診療所
    Clinic,
    /// 歯科診療所
    DentalClinic,
    /// 薬局
    Pharmacy,
    /// その他（訪問看護ステーション等）
    Other,
}

/// The organisation and the facts that decide the reference pattern and scope.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// システム運用専任の担当者がいるか（参照パターンⅠ/Ⅱ か Ⅲ/Ⅳ かを決める）。
    pub dedicated_it_staff: bool,
    /// 法令で定められた記名・押印に電子署名を用いるシステムがあるか。
    pub e_signature: bool,
    /// 紙媒体の診療録等をスキャナ等で電子化して保存するか。
    pub scanning: bool,
    /// 診療録が紙運用か（医事会計やオンライン資格確認の端末で医療情報に触れる場合も対象になる）。
    #[serde(default)]
    pub paper_charts: bool,
    /// 職員数（おおよそ）。
    #[serde(default)]
    pub staff_count: Option<u32>,
    /// 医療情報システムに関する委員会（ない場合は省略）。
    #[serde(default)]
    pub committee: Option<Committee>,
    /// 施設を開設する法人（医療法人等。個人開設の場合は省略）。設定すると、規程類は安全管理の予算と人員、
    /// 企画管理者の任命を法人の機関（理事会、理事長）に諮るものとして定める。
    #[serde(default)]
    pub corporation: Option<Corporation>,
}

/// The corporation that runs the facility (a 医療法人): the budget and the appointments the
/// facility's head cannot decide alone are the corporation's.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Corporation {
    /// 法人の名称（例: 医療法人青葉会）。
    pub name: String,
    /// 法人の代表者（理事長）。people の key。
    #[schemars(with = "String")]
    pub representative: Ref,
    /// 予算と人事を議決する機関の名称（省略時は「理事会」）。
    #[serde(default)]
    pub board: Option<String>,
}

/// A committee on information systems.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// 委員会の名称。
    pub name: String,
    /// 委員長。people の key。
    #[schemars(with = "String")]
    pub chair: Ref,
    /// 委員。people の key。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub members: Vec<Ref>,
    /// 開催頻度（例: 年4回）。省略時は未決事項として課題一覧に載り、規程は頻度を別に定めるとする。
    #[serde(default)]
    pub meets: Option<String>,
}

/// A member of staff named in the documents.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// 他の項目から参照するための key（英数字）。
    pub key: String,
    /// 氏名。
    pub name: String,
    /// 職名（例: 院長、事務長）。
    pub position: String,
    /// 電話番号・内線。
    #[serde(default)]
    pub phone: Option<String>,
    /// メールアドレス。
    #[serde(default)]
    pub email: Option<String>,
}

/// Who holds each of the guideline's roles, and the title the facility gives it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// 経営層（意思決定・経営層）を代表する者。
    pub governance: RoleAssignment,
    /// 企画管理者（医療情報システムの安全管理の責任者）。
    pub management: RoleAssignment,
    /// システム運用担当者。専任がいない施設（パターンⅢ/Ⅳ）では運用管理者として読み替える者。
    pub operations: RoleAssignment,
    /// 監査責任者（省略時は置かない）。
    #[serde(default)]
    pub audit: Option<RoleAssignment>,
    /// 最高情報セキュリティ責任者（CISO）。省略時は企画管理者がその職務を行う。
    #[serde(default)]
    pub ciso: Option<RoleAssignment>,
}

/// One role: a person and the title the facility uses.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleAssignment {
    /// 担当する職員。people の key。
    #[schemars(with = "String")]
    pub person: Ref,
    /// 施設での呼称（例: 医療情報システム安全管理責任者）。省略時はガイドラインの用語。
    #[serde(default)]
    pub title: Option<String>,
    /// 不在時にその職務を代行する職員。people の key（担当する職員と別の者）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub deputy: Option<Ref>,
}

/// An information system.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// 他の項目から参照するための key。
    pub key: String,
    /// システムの名称（製品名など）。
    pub name: String,
    /// システムの種類。
    pub kind: SystemKind,
    /// 設置形態: 施設内に保有（on-premises）か、クラウドサービス（cloud）か。
    pub hosting: Hosting,
    /// 提供・保守する事業者。vendors の key。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub vendor: Option<Ref>,
    /// 医療情報（診療録、検査結果、画像、処方等）を保存・表示するか。
    pub medical_information: bool,
    /// 復旧の優先順位（1 が最優先）。省略時は未決事項として課題一覧に載る（医療情報を扱うシステム）。
    #[serde(default)]
    pub priority: Option<u8>,
    /// 目標復旧時間（時間）。
    #[serde(default)]
    pub rto_hours: Option<u32>,
    /// 目標復旧時点（時間）。
    #[serde(default)]
    pub rpo_hours: Option<u32>,
    /// 端末・サーバの設置場所。
    #[serde(default)]
    pub location: Option<String>,
    /// 利用者の認証。
    #[serde(default)]
    pub authentication: Authentication,
    /// バックアップ（クラウドで事業者が取得する場合もその内容を書く）。
    #[serde(default)]
    pub backup: Option<Backup>,
    /// 停止時の代替運用（例: 紙カルテと手書き伝票で受付・診療を続ける）。
    #[serde(default)]
    pub downtime: Option<String>,
    /// 次回の更新（リプレース）予定日（YYYY-MM-DD）。二要素認証の導入期限の判定に用いる。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub renewal: Option<NaiveDate>,
}

/// A device of the 機器台帳.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// 機器の名称・管理番号。
    pub name: String,
    /// 機器の種類。
    pub kind: AssetKind,
    /// 設置場所。
    pub location: String,
    /// OS・ファームウェア（例: Windows Server 2022）。
    #[serde(default)]
    pub os: Option<String>,
    /// 保守する事業者。vendors の key（施設が管理する場合は省略）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub vendor: Option<Ref>,
    /// この機器で動く医療情報システム。systems の key。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub system: Option<Ref>,
    /// リモート保守（リモートメンテナンス）に用いるか（事業者に確認した結果）。
    #[serde(default)]
    pub remote_maintenance: bool,
    /// OS・製品のサポート（保守）終了日（YYYY-MM-DD）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub support_end: Option<NaiveDate>,
    /// ログインに二要素認証を用いているか。
    #[serde(default)]
    pub two_factor: bool,
    /// 機器を管理する者（職名又は部署。例: 運用管理者、放射線科）。省略すると台帳に「未記入」と示す。
    #[serde(default)]
    pub manager: Option<String>,
    /// 機器を利用する者（例: 受付職員、医師・看護師）。省略すると台帳に「未記入」と示す。
    #[serde(default)]
    pub users: Option<String>,
    /// 主なソフトウェアとそのバージョン（例: 電子カルテ端末ソフト 5.2）。
    #[serde(default)]
    pub version: Option<String>,
    /// 医療情報を保存する機器（サーバ、医療機器、外部記録媒体）の保存容量（例: 4TB）。
    #[serde(default)]
    pub capacity: Option<String>,
}

/// Kinds of device in the 機器台帳.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssetKind {
    /// サーバ
    Server,
    /// 端末PC
    Pc,
    /// ネットワーク機器（ルータ、VPN装置、無線LANアクセスポイント等）
    Network,
    /// 医療機器（CT・超音波診断装置等のモダリティとその画像端末）
    MedicalDevice,
    /// 外部記録媒体（バックアップ用の外付けディスク、USBメモリ等）
    Media,
}

impl AssetKind {
    /// Whether devices of this kind hold medical information themselves (their 保存容量 belongs
    /// in the 台帳).
    pub fn stores_information(self) -> bool {
        matches!(self, Self::Server | Self::MedicalDevice | Self::Media)
    }
}

impl SystemKind {
    /// Kinds that hold medical information by their nature: a レセコン with a built-in chart holds the
    /// chart, and a web 問診 holds what patients say about their health. For them a profile's
    /// `medical_information: false` is overridden, so no document leaves them out of the backup,
    /// log, 2FA and checklist duties that systems holding medical information carry.
    pub fn always_holds_medical_information(self) -> bool {
        matches!(self, Self::ReceiptEhr | Self::WebBooking | Self::ImagingDevice)
    }

    /// The word a profile writes for this kind (`receipt-ehr`), which templates compare against
    /// rather than the kind's Japanese name (a facility's wording may change that).
    pub fn key(self) -> &'static str {
        match self {
            Self::Ehr => "ehr",
            Self::Receipt => "receipt",
            Self::OnlineQualification => "online-qualification",
            Self::Pacs => "pacs",
            Self::Ordering => "ordering",
            Self::Laboratory => "laboratory",
            Self::Dispensing => "dispensing",
            Self::EPrescription => "e-prescription",
            Self::Reservation => "reservation",
            Self::ReceiptEhr => "receipt-ehr",
            Self::WebBooking => "web-booking",
            Self::ImagingDevice => "imaging-device",
            Self::Other => "other",
        }
    }

    /// Whether this is a service run nationally for every facility (オンライン資格確認,
    /// 電子処方箋管理サービス): its servers, its data and their backup belong to the operator named
    /// in `content/legal.yaml`; the facility and its installer answer for the terminal and the line.
    pub fn is_national_service(self) -> bool {
        matches!(self, Self::OnlineQualification | Self::EPrescription)
    }
}

impl System {
    /// Whether the system holds medical information: as the profile says, or by its kind.
    pub fn holds_medical_information(&self) -> bool {
        self.medical_information || self.kind.always_holds_medical_information()
    }

    /// Whether the facility (itself or through its vendor) keeps this system's data, and so sets
    /// its recovery targets, backs it up and tests the restore: a system holding medical
    /// information, unless a national operator keeps that data.
    pub fn keeps_own_data(&self) -> bool {
        self.holds_medical_information() && !self.kind.is_national_service()
    }
}

impl ProfileData {
    /// Whether documents are signed electronically: the profile says so, or the facility issues or
    /// dispenses electronic prescriptions (whose signatures are electronic by nature), so a
    /// pharmacy with 電子処方箋 is never declared free of electronic signatures.
    pub fn signs_electronically(&self) -> bool {
        self.organization.e_signature || self.systems.iter().any(|s| s.kind == SystemKind::EPrescription)
    }
}

impl AssetKind {
    /// The Japanese label.
    pub fn label(self, wording: &Wording) -> &str {
        match self {
            Self::Server => crate::w!(wording, "assets.server"),
            Self::Pc => crate::w!(wording, "assets.pc"),
            Self::Network => crate::w!(wording, "assets.network"),
            Self::MedicalDevice => crate::w!(wording, "assets.medical_device"),
            Self::Media => crate::w!(wording, "assets.media"),
        }
    }
}

/// Kinds of information system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SystemKind {
    /// 電子カルテ
    Ehr,
    /// レセプトコンピュータ・医事会計
    Receipt,
    /// オンライン資格確認等システム
    OnlineQualification,
    /// 画像管理（PACS）
    Pacs,
    /// オーダリング
    Ordering,
    /// 検査システム
    Laboratory,
    /// 調剤・薬歴
    Dispensing,
    /// 電子処方箋
    EPrescription,
    /// 予約・問診
    Reservation,
    // The doc comments of the variants are the choices `kitei serve` shows, so the reasons sit here.
    // `receipt-ehr`: one product holding the chart and the billing, as many dental and small clinics
    // use. It is its own kind (not `ehr` or `receipt`) so that the 代替運用マニュアル says one outage
    // stops both the chart and the billing, and so that it always counts as holding medical
    // information (a chart is in it), whatever `medical_information` says.
    // `web-booking`: a service on the internet where patients book and answer the 問診 before their
    // visit. The answers are medical information (要配慮個人情報), so it is in the guideline's scope,
    // and its staff login falls under the 2FA rule like any other system's; it is neither a national
    // service (as オンライン資格確認 is) nor an e-prescription system (so it implies no e-signature).
    /// 電子カルテ一体型レセプトコンピュータ
    ReceiptEhr,
    /// Web予約・問診サービス
    WebBooking,
    // `imaging-device`: an X-ray or other imaging device with the PC that stores and shows its
    // images, as clinics without a PACS have. Its images are records of care, so it always holds
    // medical information; the downtime manual says what to do while it cannot take pictures.
    /// 画像診断装置・画像端末（X線撮影装置等）
    ImagingDevice,
    /// その他
    Other,
}

/// How users of a system are authenticated.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authentication {
    /// 認証方式。省略時は未決事項として課題一覧に載る（医療情報を扱うシステム）。
    #[serde(default)]
    pub method: Option<AuthMethod>,
    /// 二要素認証を用いているか。
    #[serde(default)]
    pub two_factor: bool,
}

/// Authentication methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// ID とパスワード
    Password,
    /// IC カード
    IcCard,
    /// 生体認証
    Biometric,
    /// 電子証明書
    Certificate,
}

/// How a system's data is backed up.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// 方法（例: 外付けHDDへの差分バックアップ、事業者のクラウド内での自動取得）。
    pub method: String,
    /// 頻度（例: 毎日、毎週）。
    pub frequency: String,
    /// 保持する世代数。
    pub generations: u32,
    /// ネットワークから切り離した（オフライン）複製があるか。
    #[serde(default)]
    pub offline: bool,
    /// 改ざんできない（イミュータブル）複製があるか。
    #[serde(default)]
    pub immutable: bool,
    /// 保管場所。
    #[serde(default)]
    pub location: Option<String>,
    /// 取得の担い手: facility（施設）か vendor（事業者）。
    #[serde(default = "defaults::backup_by")]
    pub by: Party,
    /// 最後にリストア（復元）を確認した日。
    #[serde(default, deserialize_with = "super::dates::optional")]
    #[schemars(with = "Option<String>")]
    pub last_restore_test: Option<NaiveDate>,
}

/// Who carries out a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    /// 施設
    Facility,
    /// 事業者
    Vendor,
}

/// An information system or service vendor.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// 他の項目から参照するための key。
    pub key: String,
    /// 事業者名。
    pub name: String,
    /// 提供するサービス・製品。
    #[serde(default)]
    pub services: Vec<String>,
    /// 取得している認証。
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// 連絡窓口。
    #[serde(default)]
    pub contact: Option<VendorContact>,
    /// 契約の内容。
    #[serde(default)]
    pub contract: Contract,
}

/// Certifications the guideline asks facilities to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Certification {
    /// ISMS 認証（JIS Q 27001）
    Isms,
    /// プライバシーマーク（JIS Q 15001）
    Pmark,
    /// ISMS クラウドセキュリティ認証（JIS Q 27017）
    IsmsCloud,
    /// 政府情報システムのためのセキュリティ評価制度（ISMAP）
    Ismap,
}

/// How to reach a vendor.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorContact {
    /// 担当部署。
    #[serde(default)]
    pub department: Option<String>,
    /// 電話番号。
    pub phone: String,
    /// メールアドレス。
    #[serde(default)]
    pub email: Option<String>,
    /// 受付時間（例: 平日9時〜18時、障害は24時間）。
    #[serde(default)]
    pub hours: Option<String>,
}

/// What a vendor's contract covers.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// 契約で事業者が担う領域（content/areas.yaml の key: servers, backup, patches, logs など）。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub covers: Vec<Ref>,
    /// 責任分界が書面（契約書・SLA・役割分担表）で明確になっているか。
    #[serde(default)]
    pub written_role_split: bool,
    /// リモート保守を行うか。
    #[serde(default)]
    pub remote_maintenance: bool,
    /// 役割分担（責任分界）を事業者と初めて確認した日（厚生労働省の役割分担確認表の「初回確認」）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub confirmed: Option<NaiveDate>,
    /// 製造業者/サービス事業者による医療情報セキュリティ開示書（MDS/SDS）を受領しているか。
    #[serde(default)]
    pub mds_sds: bool,
    /// サーバ等のセキュリティ更新をすべて書面の契約で委託しているか（第7.0版の保守委託機関の判定に用いる）。
    #[serde(default)]
    pub security_updates: bool,
    /// リモート保守の通信方式（remote_maintenance が true のとき）。書かなければ未確認として課題一覧に載る。
    #[serde(default)]
    pub remote_transport: Option<RemoteTransport>,
    /// 事業者の事業継続（BCP）手順書の提供を受けているか（true / false）。書かなければ未確認として課題一覧に載る。
    #[serde(default)]
    pub bcp_procedure: Option<bool>,
}

/// How a vendor's remote maintenance reaches the facility (content/vendor-security.yaml labels them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RemoteTransport {
    /// 専用線
    LeasedLine,
    /// IP-VPN（閉域網）
    IpVpn,
    /// IPsec（鍵交換に IKE）による VPN
    IpsecIke,
    /// TLS 1.2 以上（クライアント認証あり）
    TlsClientAuth,
    /// その他の方式（上の四つに当たらない）
    Other,
}

impl RemoteTransport {
    /// The profile's spelling, which is also the key in content/vendor-security.yaml.
    pub fn key(self) -> &'static str {
        match self {
            Self::LeasedLine => "leased-line",
            Self::IpVpn => "ip-vpn",
            Self::IpsecIke => "ipsec-ike",
            Self::TlsClientAuth => "tls-client-auth",
            Self::Other => "other",
        }
    }
}

/// The network.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// インターネットに接続しているか。
    #[serde(default = "defaults::yes")]
    pub internet: bool,
    /// インターネットへの出口（回線とその出口のルータ・UTM 等）。インターネットに接続する施設、クラウドサービスを
    /// 使う施設、インターネットの回線を通る VPN 装置がある施設で書く。書かなければ未決事項として課題一覧に載る。
    #[serde(default)]
    pub exit: Option<InternetExit>,
    /// 施設内のネットワークの区画（例: 電子カルテ系、事務系、医療機器系、ゲスト無線）と、それぞれにつながる
    /// システム・機器。構成図に区画ごとに描く。
    #[serde(default)]
    pub segments: Vec<Segment>,
    /// VPN 装置・ルータ等（名称、管理者、接続先）。
    #[serde(default)]
    pub vpn_devices: Vec<NetworkDevice>,
    /// 無線 LAN を医療情報システムに用いるか。
    #[serde(default)]
    pub wireless_lan: bool,
    /// 施設外から医療情報システムに接続するか（リモートアクセス）。
    #[serde(default)]
    pub remote_access: bool,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            internet: true,
            exit: None,
            segments: Vec::new(),
            vpn_devices: Vec::new(),
            wireless_lan: false,
            remote_access: false,
        }
    }
}

/// Where the facility meets the internet: the line, its provider and the router or UTM at the
/// exit, with who manages that device.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternetExit {
    /// 回線の種類と提供する事業者（例: 光回線（○○株式会社））。
    pub line: String,
    /// インターネット接続事業者（ISP）の名称。
    #[serde(default)]
    pub isp: Option<String>,
    /// 出口の機器（ルータ、UTM（統合脅威管理装置）、ファイアウォール等）の名称。機器台帳に載せる機器と同じ名称で書く。
    pub device: String,
    /// 出口の機器を管理する事業者。vendors の key（施設が管理する場合は省略）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub managed_by: Option<Ref>,
}

/// A segment of the facility's network and what sits in it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// 区画の名称（例: 電子カルテ系、事務系、医療機器系、ゲスト無線）。VPN 装置の segment から参照する。
    pub name: String,
    /// インターネットにつながるか。この区画からインターネットへの出口（exit）を通る。
    #[serde(default)]
    pub internet: bool,
    /// 無線 LAN の区画か。
    #[serde(default)]
    pub wireless: bool,
    /// この区画の端末やサーバで使うシステム。systems の key。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub systems: Vec<Ref>,
    /// この区画につながる機器。assets の name（機器台帳に書いた名称）。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub assets: Vec<Ref>,
}

/// A network device such as a VPN router.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkDevice {
    /// 機器の名称。
    pub name: String,
    /// 管理する事業者。vendors の key（施設が管理する場合は省略）。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub managed_by: Option<Ref>,
    /// この装置で接続する相手（事業者の保守拠点、クラウドサービス等のシステム）。
    #[serde(default)]
    pub connects: Vec<VpnPeer>,
    /// この装置がつながる施設内の区画。segments の name。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub segment: Option<Ref>,
    /// インターネットと別に使う回線。閉域網、専用線等を使う場合に、その回線を書く（例: 閉域網（IP-VPN））。
    /// 省略時はインターネットへの出口（exit）の回線を通る。
    #[serde(default)]
    pub line: Option<String>,
}

/// What a VPN device connects to: one vendor's maintenance site or one system.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VpnPeer {
    /// 接続先の事業者（その保守拠点）。vendors の key。system と同時には書かない。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub vendor: Option<Ref>,
    /// 接続先のシステム（クラウドサービス等）。systems の key。vendor と同時には書かない。
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub system: Option<Ref>,
}

impl Network {
    /// Why the facility reaches the internet, if it does: `internet: true`, a cloud system that no
    /// VPN device on a line of its own reaches, or a VPN device over the internet line. Such a
    /// facility must state its exit ([`Self::exit`]).
    pub fn internet_use<'a>(&'a self, systems: &'a [System]) -> Option<InternetUse<'a>> {
        if self.internet {
            return Some(InternetUse::Connected);
        }
        let own_line = |key: &str| {
            self.vpn_devices.iter().any(|d| {
                d.line.is_some() && d.connects.iter().any(|p| p.system.as_ref().is_some_and(|s| s.value == key))
            })
        };
        if let Some(system) = systems.iter().find(|s| s.hosting == Hosting::Cloud && !own_line(&s.key)) {
            return Some(InternetUse::Cloud(system));
        }
        self.vpn_devices.iter().find(|d| d.line.is_none()).map(InternetUse::Vpn)
    }
}

/// Why a profile needs an internet exit.
#[derive(Debug, Clone, Copy)]
pub enum InternetUse<'a> {
    /// `network.internet` is true.
    Connected,
    /// A cloud system reached over the internet.
    Cloud(&'a System),
    /// A VPN device over the internet line.
    Vpn(&'a NetworkDevice),
}

/// Operational rules. A rule the profile does not set is not printed as the facility's rule: it
/// becomes an open item in the 課題一覧 (what kitei recommends goes there, not into the 規程).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// パスワードの最小文字数。省略時は未決事項として課題一覧に載る。
    #[serde(default)]
    pub password_min_length: Option<u8>,
    /// パスワードの変更間隔（日）。0 は定期変更をしない。省略時は未決事項。
    #[serde(default)]
    pub password_change_days: Option<u16>,
    /// アカウントをロックするまでの連続失敗回数。省略時は未決事項。
    #[serde(default)]
    pub lockout_attempts: Option<u8>,
    /// 無操作で画面をロックするまでの分数。省略時は未決事項。
    #[serde(default)]
    pub screen_lock_minutes: Option<u16>,
    /// アクセスログの保存年数。省略時は未決事項。
    #[serde(default)]
    pub log_retention_years: Option<u8>,
    /// USB メモリ等の外部記録媒体の利用。省略時は未決事項。
    #[serde(default)]
    pub external_media: Option<Permission>,
    /// 医療情報の持出し。省略時は未決事項。
    #[serde(default)]
    pub take_out: Option<Permission>,
    /// 私物端末（BYOD）の利用。省略時は未決事項。
    #[serde(default)]
    pub personal_devices: Option<Permission>,
}

/// Whether something is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Permission {
    /// 禁止
    Prohibited,
    /// 企画管理者の承認を得た場合に限り可
    Approved,
    /// 可
    Allowed,
}

/// An outside body to call in an emergency.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyContact {
    /// 連絡先の種類。
    pub kind: ContactKind,
    /// 名称（例: ○○警察署 サイバー犯罪相談窓口）。
    pub name: String,
    /// 電話番号。
    pub phone: String,
    /// 補足（受付時間など）。
    #[serde(default)]
    pub note: Option<String>,
}

/// Kinds of outside contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContactKind {
    /// 警察
    Police,
    /// 都道府県・保健所
    Prefecture,
    /// 厚生労働省
    Mhlw,
    /// 個人情報保護委員会
    Ppc,
    /// その他
    Other,
}

/// Training and drills. A frequency left out is not printed as the facility's rule: it becomes an
/// open item in the 課題一覧.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// 全職員向け情報セキュリティ教育の年間回数。省略時は未決事項として課題一覧に載る。
    #[serde(default)]
    pub education_per_year: Option<u8>,
    /// サイバー攻撃を想定した訓練の年間回数。省略時は未決事項。
    #[serde(default)]
    pub drills_per_year: Option<u8>,
    /// 実施月（例: 6）。
    #[serde(default)]
    pub month: Option<u8>,
}

/// Inspections and audits. A frequency left out becomes an open item in the 課題一覧.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// 自己点検の年間回数。省略時は未決事項として課題一覧に載る。
    #[serde(default)]
    pub self_checks_per_year: Option<u8>,
    /// 内部監査の年間回数。省略時は未決事項。
    #[serde(default)]
    pub internal_audits_per_year: Option<u8>,
    /// 外部監査を受けるか。
    #[serde(default)]
    pub external: bool,
}

/// Document control.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentControl {
    /// 施行日（2026-04-01、令和8年4月1日 など）。
    #[serde(deserialize_with = "super::dates::required")]
    #[schemars(with = "String")]
    pub effective_date: NaiveDate,
    /// 制定日（省略可）。制定日は最初に承認された版の日付であり、承認記録（kitei approve）から決まる。書くときは、
    /// 承認前は施行日以前の日付、承認後は最初の承認の日付と同じでなければならない（違えば誤り）。
    #[serde(default, deserialize_with = "super::dates::optional")]
    #[schemars(with = "Option<String>")]
    pub established: Option<NaiveDate>,
    /// 承認者。people の key。
    #[schemars(with = "String")]
    pub approver: Ref,
}

mod defaults {
    use super::*;

    pub(super) fn yes() -> bool {
        true
    }
    pub(super) fn backup_by() -> Party {
        Party::Facility
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dental sample with every `medical_information` flag turned off.
    fn dental_without_flags() -> ProfileData {
        let text = include_str!("../../content/samples/kaede-dental-clinic.yaml")
            .replace("medical_information: true", "medical_information: false");
        crate::load::parse_profile(std::path::Path::new("kaede.yaml"), &text).unwrap()
    }

    #[test]
    fn a_chart_in_a_receipt_system_a_web_questionnaire_and_an_imaging_device_hold_medical_information_by_kind() {
        let data = dental_without_flags();
        let held: Vec<(SystemKind, bool)> =
            data.systems.iter().map(|s| (s.kind, s.holds_medical_information())).collect();
        assert_eq!(
            held,
            [
                (SystemKind::ReceiptEhr, true),
                (SystemKind::WebBooking, true),
                (SystemKind::OnlineQualification, false),
                (SystemKind::ImagingDevice, true)
            ]
        );
    }

    /// The internet use of the clinic with `from` replaced by `to`, as the kind of its reason.
    fn internet_use(replacements: &[(&str, &str)]) -> Option<String> {
        let mut text = include_str!("../../content/samples/sakura-clinic.yaml").to_owned();
        for (from, to) in replacements {
            assert!(text.contains(from), "{from}");
            text = text.replace(from, to);
        }
        let data = crate::load::parse_profile(std::path::Path::new("s.yaml"), &text).unwrap();
        data.network.internet_use(&data.systems).map(|u| match u {
            InternetUse::Connected => "internet".to_owned(),
            InternetUse::Cloud(s) => format!("cloud {}", s.key),
            InternetUse::Vpn(d) => format!("vpn {}", d.name),
        })
    }

    #[test]
    fn a_facility_reaches_the_internet_by_its_flag_a_cloud_service_or_a_vpn_over_its_line() {
        assert_eq!(internet_use(&[]).as_deref(), Some("internet"));
        let closed = ("network:\n  internet: true", "network:\n  internet: false");
        assert_eq!(internet_use(&[closed]).as_deref(), Some("cloud ehr"), "the cloud chart is reached over it");
        // The cloud systems on premises, the VPN on a closed line of its own: no internet.
        let own_line = (
            "      segment: オンライン資格確認用ネットワーク",
            "      segment: オンライン資格確認用ネットワーク\n      line: 閉域網（IP-VPN）",
        );
        let on_premises =
            [closed, ("    hosting: cloud\n    vendor: medicloud", "    hosting: on-premises\n    vendor: medicloud")];
        assert_eq!(internet_use(&[on_premises[0], on_premises[1], own_line]), None);
        assert_eq!(
            internet_use(&[on_premises[0], on_premises[1]]).as_deref(),
            Some("cloud ons"),
            "a cloud service through a VPN over the internet line"
        );
        let ons = ("    hosting: cloud\n    vendor: netlink", "    hosting: on-premises\n    vendor: netlink");
        assert_eq!(
            internet_use(&[on_premises[0], on_premises[1], ons]).as_deref(),
            Some("vpn オンライン資格確認用VPNルータ"),
            "a VPN to its vendor over the internet line"
        );
        let sakura = include_str!("../../content/samples/sakura-clinic.yaml");
        let without = sakura.replace("  internet: true\n  exit:", "  exit:");
        let data = crate::load::parse_profile(std::path::Path::new("s.yaml"), &without).unwrap();
        assert!(data.network.internet, "`internet` defaults to yes");
    }

    #[test]
    fn the_new_kinds_do_not_imply_electronic_signatures() {
        assert!(!dental_without_flags().signs_electronically(), "neither kind issues e-prescriptions");
    }
}
