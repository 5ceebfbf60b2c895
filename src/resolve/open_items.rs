//! What the profile leaves undecided: the 課題一覧（未決事項）.
//!
//! A document a committee approves must not print kitei's defaults as the facility's rules
//! ("lock after 5 tries" where nobody decided 5) nor placeholders ("未設定", "未実施"). Every value
//! the documents would need but the profile does not give becomes an open item here instead: what
//! is to be decided, which requirement asks for it, who decides, and by when. The other documents
//! state only what is decided (or delegate to "別に定める"); `build` reports the count and
//! `--strict` refuses to build while any item is open.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::responsibility::Responsibility;
use crate::load::profile::{ContactKind, ProfileData, RemoteTransport};
use crate::load::vendor_security::VendorSecurity;
use crate::load::Profile;
use crate::model::{Guideline, Role};

/// One undecided matter.
#[derive(Debug, Clone, Serialize)]
pub struct OpenItem {
    /// A stable key (`rules.lockout_attempts`, `systems.ehr.rto_hours`), for tests and tools.
    pub key: String,
    /// What is to be decided, in Japanese.
    pub item: String,
    /// Why it matters, in Japanese.
    pub why: String,
    /// The requirement that asks for it (an id of this guideline version), if any.
    pub requirement: Option<String>,
    /// The role that decides it.
    pub owner: Role,
    /// kitei's proposed date to decide it by: three months after the documents take effect (for
    /// an item of the yearly checklist, its 目標日).
    pub due: NaiveDate,
    /// The yearly checklist's items (「R8 2-⑨」) answered いいえ because of this matter, or that
    /// this entry is.
    pub checklist: Vec<String>,
}

/// Collects the open items of a profile. Requirement ids that this guideline version lacks are
/// left out rather than cited wrongly.
pub fn collect(guideline: &Guideline, profile: &Profile, responsibility: &Responsibility) -> Vec<OpenItem> {
    let data = &profile.data;
    let effective = data.document.effective_date;
    let due = effective.checked_add_months(Months::new(3)).unwrap_or(effective);
    let mut items = Vec::new();
    let mut add = |key: String, item: String, why: &str, requirement: &str, owner: Role| {
        let requirement = guideline.requirement(requirement).map(|r| r.id.clone());
        items.push(OpenItem { key, item, why: why.to_owned(), requirement, owner, due, checklist: Vec::new() });
    };
    for (key, item, why, requirement) in rule_gaps(data) {
        add(format!("rules.{key}"), item.to_owned(), why, requirement, Role::Management);
    }
    for (key, item, why, requirement) in system_gaps(data) {
        add(key, item, why, requirement, Role::Management);
    }
    for post in ["management", "operations"].iter().filter_map(|k| responsibility.post(k)) {
        if post.succession.is_empty() && !(post.key == "operations" && same_person(responsibility)) {
            let title = if post.key == "management" { "企画管理者" } else { "運用担当の責任者" };
            add(
                format!("roles.{}.deputy", post.key),
                format!("{title}が不在のときに職務を代行する者の指名"),
                "不在や兼務のときにも安全管理と非常時の指揮が途切れないよう、代行者をあらかじめ定めておく必要がある。",
                "management.3-k7",
                Role::Governance,
            );
        }
    }
    for (kind, label) in [
        (ContactKind::Police, "警察"),
        (ContactKind::Prefecture, "都道府県・保健所"),
        (ContactKind::Mhlw, "厚生労働省"),
    ] {
        if !data.emergency_contacts.iter().any(|c| c.kind == kind) {
            add(
                format!("emergency_contacts.{label}"),
                format!("非常時の連絡先（{label}）の確認と登録"),
                "サイバー攻撃等の非常時に報告・相談する関係機関の連絡先を、通常時から一覧にしておく必要がある。",
                "management.12-k3",
                Role::Management,
            );
        }
    }
    for vendor in data.vendors.iter().filter(|v| !v.contract.written_role_split || v.contract.confirmed.is_none()) {
        add(
            format!("vendors.{}.contract", vendor.key),
            format!("{}との役割分担（責任分界）の書面での確認", vendor.name),
            "事業者との役割分担を書面で確認していないと、責任分界表の記載を契約で裏付けられない。",
            "management.2-k3",
            Role::Management,
        );
    }
    for (key, (item, why), requirement) in vendor_fact_gaps(data) {
        add(key, item, &why, requirement, Role::Management);
    }
    items
}

/// Vendor facts the profile leaves open: a remote-maintenance transport not recorded (or not one
/// of the accepted ones), a BCP 手順書 whose provision is not recorded. Wording from content.
fn vendor_fact_gaps(data: &ProfileData) -> Vec<(String, (String, String), &'static str)> {
    let content = VendorSecurity::embedded();
    let mut gaps = Vec::new();
    for v in &data.vendors {
        let transport = match v.contract.remote_transport {
            _ if !v.contract.remote_maintenance => None,
            None => Some(&content.transport.open_item),
            Some(RemoteTransport::Other) => Some(&content.transport.other_item),
            Some(_) => None,
        };
        if let Some(w) = transport {
            gaps.push((
                format!("vendors.{}.remote_transport", v.key),
                (w.item_for(&v.name), w.why.clone()),
                "control.10-k2",
            ));
        }
        if v.contract.bcp_procedure.is_none() {
            let w = &content.bcp_procedure.open_item;
            gaps.push((
                format!("vendors.{}.bcp_procedure", v.key),
                (w.item_for(&v.name), w.why.clone()),
                "management.11-2",
            ));
        }
    }
    gaps
}

fn same_person(r: &Responsibility) -> bool {
    r.post("management").map(|p| &p.person) == r.post("operations").map(|p| &p.person)
}

type Gap = (&'static str, &'static str, &'static str, &'static str);

/// Operational rules the profile does not set.
fn rule_gaps(data: &ProfileData) -> Vec<Gap> {
    let r = &data.rules;
    let gaps: [(bool, Gap); 8] = [
        (
            r.password_min_length.is_none(),
            (
                "password_min_length",
                "パスワードの最小文字数",
                "推測されにくいパスワードの基準を定め、利用者に示す必要がある。",
                "control.14-6",
            ),
        ),
        (
            r.password_change_days.is_none(),
            (
                "password_change_days",
                "パスワードの定期変更の要否と間隔",
                "パスワードの変更の運用を定め、利用者に示す必要がある。",
                "control.14-6",
            ),
        ),
        (
            r.lockout_attempts.is_none(),
            (
                "lockout_attempts",
                "認証に連続して失敗したときに利用者IDをロックする回数",
                "パスワードの推測による不正な利用を防ぐ設定を定める必要がある。",
                "control.14-6",
            ),
        ),
        (
            r.screen_lock_minutes.is_none(),
            (
                "screen_lock_minutes",
                "端末の画面を自動でロックするまでの時間",
                "離席中の端末が第三者に使われないよう、自動ロックの時間を定める必要がある。",
                "control.8-k8",
            ),
        ),
        (
            r.log_retention_years.is_none(),
            (
                "log_retention_years",
                "アクセスログ（証跡）の保存期間",
                "不正なアクセスの調査と説明責任のため、証跡の保存期間を定める必要がある。",
                "control.17-2",
            ),
        ),
        (
            r.external_media.is_none(),
            (
                "external_media",
                "USBメモリ等の外部記録媒体の利用の可否",
                "外部記録媒体は不正ソフトウェアの侵入と情報の漏えいの経路となるため、利用の可否を定める必要がある。",
                "management.15-3",
            ),
        ),
        (
            r.take_out.is_none(),
            (
                "take_out",
                "医療情報の施設外への持出しの可否",
                "持出しの可否と手続を定めなければ、許可と記録の仕組みを設けられない。",
                "management.8-5",
            ),
        ),
        (
            r.personal_devices.is_none(),
            (
                "personal_devices",
                "私物の端末・媒体の業務利用の可否",
                "私物端末の利用を認めるかどうかで、講じる対策が大きく変わる。",
                "management.8-k3",
            ),
        ),
    ];
    gaps.into_iter().filter(|(open, _)| *open).map(|(_, gap)| gap).collect()
}

/// Per-system values the BCP, the backup procedure and the downtime manual need.
fn system_gaps(data: &ProfileData) -> Vec<(String, String, &'static str, &'static str)> {
    let mut gaps = Vec::new();
    for s in data.systems.iter().filter(|s| s.medical_information) {
        let mut gap = |field: &str, what: &str, why: &'static str, requirement: &'static str| {
            gaps.push((format!("systems.{}.{field}", s.key), format!("{}の{what}", s.name), why, requirement));
        };
        if s.rto_hours.is_none() {
            gap(
                "rto_hours",
                "目標復旧時間",
                "復旧の優先順位と、代替運用をどれだけ続けるかを決める基準になる。",
                "management.15-k4",
            );
        }
        if s.rpo_hours.is_none() {
            gap(
                "rpo_hours",
                "目標復旧時点",
                "バックアップの頻度と、復旧後に入力し直す範囲を決める基準になる。",
                "management.15-k4",
            );
        }
        if s.downtime.is_none() {
            gap(
                "downtime",
                "停止時の代替手段",
                "システムが止まったときに診療を続ける手段を、あらかじめ定めて訓練しておく必要がある。",
                "control.11-1",
            );
        }
        match &s.backup {
            None => gap(
                "backup",
                "バックアップの方法・頻度・世代数",
                "医療情報の滅失に備え、バックアップを定めた頻度と世代数で取得する必要がある。",
                "control.12-k1",
            ),
            Some(b) => {
                if !b.offline && !b.immutable {
                    gap(
                        "backup.offline",
                        "ネットワークから切り離した又は書換えのできないバックアップの確保",
                        "ランサムウェアはネットワークにつながったバックアップも暗号化することがある。",
                        "control.12-k2",
                    );
                }
                if b.last_restore_test.is_none() {
                    gap(
                        "backup.last_restore_test",
                        "バックアップからの復元試験の実施",
                        "バックアップから実際に復元できることを確かめておく必要がある。",
                        "control.11-k2",
                    );
                }
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(yaml: &str) -> Vec<OpenItem> {
        let content = crate::load::Content::embedded();
        let guideline = crate::load::load_guideline(&content, "6.0").unwrap();
        let path = std::path::Path::new("t.yaml");
        let data = crate::load::parse_profile(path, yaml).unwrap();
        let profile = crate::load::check_profile(path, yaml, data, &guideline).unwrap();
        let responsibility = super::super::responsibility::resolve(&profile);
        collect(&guideline, &profile, &responsibility)
    }

    const SAKURA: &str = include_str!("../../content/samples/sakura-clinic.yaml");

    #[test]
    fn a_profile_that_decides_everything_has_no_open_item() {
        assert!(items(SAKURA).is_empty(), "{:?}", items(SAKURA));
    }

    #[test]
    fn a_rule_left_out_becomes_an_open_item_with_its_requirement_owner_and_date() {
        let found = items(&SAKURA.replace("  lockout_attempts: 5\n", "").replace(", deputy: kato", ""));
        let keys: Vec<&str> = found.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["rules.lockout_attempts", "roles.management.deputy"]);
        let lockout = &found[0];
        assert_eq!(lockout.requirement.as_deref(), Some("control.14-6"));
        assert_eq!(lockout.owner, Role::Management);
        assert_eq!(lockout.due, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), "three months after 施行");
        assert_eq!(found[1].owner, Role::Governance, "the head names deputies");
    }
}
