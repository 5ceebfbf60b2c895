//! One set of facts: every document of a sample states the same CISO, deputies, division of work,
//! recovery priorities and contacts, and no approved document holds placeholder text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kitei::load::profile::ProfileData;

use crate::support::*;

/// Samples that decide everything (they build with `--strict`), and the one that leaves matters open.
const COMPLETE: [&str; 4] = ["sakura-clinic", "aoba-general-hospital", "midori-clinic", "kaede-dental-clinic"];
const WITH_OPEN_ITEMS: &str = "hikari-pharmacy";

fn profile_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

fn profile(name: &str) -> ProfileData {
    let path = profile_path(name);
    kitei::load::parse_profile(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Builds a sample and returns its documents by id.
fn documents(name: &str, strict: bool, out: &Path) -> BTreeMap<String, String> {
    let mut command = kitei();
    command.arg("build").arg(profile_path(name)).arg("-o").arg(out).args(["--format", "md"]);
    if strict {
        command.arg("--strict");
    }
    let (code, _, stderr) = run(&mut command);
    assert_eq!(code, 0, "{name}: {stderr}");
    let folder = out.join(name);
    manifest(&folder)["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let id = d["id"].as_str().unwrap().to_owned();
            let text = std::fs::read_to_string(folder.join(format!("{id}.md"))).unwrap();
            (id, text)
        })
        .collect()
}

fn all_samples(out: &Path) -> Vec<(&'static str, ProfileData, BTreeMap<String, String>)> {
    COMPLETE
        .iter()
        .map(|&name| (name, profile(name), documents(name, true, out)))
        .chain(std::iter::once((WITH_OPEN_ITEMS, profile(WITH_OPEN_ITEMS), documents(WITH_OPEN_ITEMS, false, out))))
        .collect()
}

fn person_name(data: &ProfileData, key: &str) -> String {
    data.people.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap()
}

/// The 規程 outside its 別表: the title block (which names the approver by post), the 目次, the
/// articles and the 附則. People, systems, vendors and contacts belong in the 別表 after them.
fn articles(regulation: &str) -> &str {
    regulation.split("## 別表第1").next().unwrap()
}

#[test]
fn no_approved_document_holds_placeholder_text() {
    let out = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(out.path()) {
        for (id, text) in docs.iter().filter(|(id, _)| id.as_str() != "open-items") {
            for placeholder in ["未設定", "未実施", "定められていません", "**注意**", "（未登録）", "未記載"]
            {
                assert!(!text.contains(placeholder), "{name}/{id} contains {placeholder}");
            }
        }
    }
}

#[test]
fn the_regulation_names_positions_and_keeps_people_in_its_tables() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        let regulation = &docs["operations-regulation"];
        for person in &data.people {
            assert!(!articles(regulation).contains(&person.name), "{name}: {} named in an article", person.name);
        }
        for contact in &data.emergency_contacts {
            assert!(!articles(regulation).contains(&contact.phone), "{name}: a phone number in an article");
        }
        assert!(regulation.contains("## 別表第1"), "{name}");
        assert_eq!(regulation.matches("## 目次").count(), 1, "{name}: one 目次");
        assert!(regulation.contains("（委任）") && regulation.contains("（相談窓口）"), "{name}");
        // The title block's 準拠 row states the edition in force; the articles define the
        // ガイドライン without it.
        let from_toc = &regulation[regulation.find("## 目次").unwrap()..];
        assert!(!articles(from_toc).contains("第6.0版"), "{name}: the ガイドライン is defined without its edition");
    }
}

/// The security policy (a 規程-register document with no 別表) names posts; the only name is the
/// head's signature under the date.
#[test]
fn the_security_policy_names_positions_not_people() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        let policy = &docs["security-policy"];
        let head = data.people.iter().find(|p| p.key == data.facility.head.value).unwrap();
        let signature = format!("\n{}　{}\n", head.position, head.name);
        assert_eq!(policy.matches(&signature).count(), 1, "{name}: the head signs the policy once");
        let body = policy.replacen(&signature, "\n", 1);
        for person in &data.people {
            assert!(!body.contains(&person.name), "{name}: {} named in the security policy", person.name);
        }
    }
}

/// Outside tables (the 別表 and the procedures' who-does-what tables, which list holders) and the
/// signature of the head or the governance post under a declaration, every document's prose names
/// posts, not people.
#[test]
fn prose_names_posts_not_people() {
    let out = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
    for (name, data, docs) in all_samples(out.path()) {
        let signers = [&data.facility.head.value, &data.roles.governance.person.value].map(|k| person_name(&data, k));
        let signature = |l: &str| !l.contains('。') && signers.iter().any(|s| l.trim().ends_with(&format!("　{s}")));
        for (id, text) in docs.iter().filter(|(id, _)| id.as_str() != "open-items") {
            let prose = text.lines().filter(|l| !l.starts_with('|') && !signature(l));
            for line in prose {
                for person in data.people.iter().filter(|p| line.contains(&p.name)) {
                    found.push(format!("{name}/{id}: {} named in: {line}", person.name));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn title_blocks_name_the_approving_post_never_a_person() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        for (id, text) in &docs {
            let title_block = text.split("\n## ").next().unwrap();
            let register = ["asset-register", "open-items", "traceability-matrix"].contains(&id.as_str());
            let post = if register { "| 管理者 |" } else { "| 承認者 |" };
            assert!(title_block.contains(post), "{name}/{id}");
            for person in &data.people {
                assert!(!title_block.contains(&person.name), "{name}/{id}: {} in the title block", person.name);
            }
        }
    }
}

#[test]
fn a_pharmacy_is_approved_by_its_founder_and_cites_its_own_law() {
    let out = tempfile::tempdir().unwrap();
    let docs = documents(WITH_OPEN_ITEMS, false, out.path());
    for id in ["security-policy", "operations-regulation", "bcp"] {
        assert!(docs[id].contains("| 承認者 | 開設者（承認前） |"), "{id}: a draft names the post that approves it");
    }
    let regulation = articles(&docs["operations-regulation"]);
    assert!(
        regulation.contains("方針及びこの規程は開設者が承認し"),
        "the article on approval agrees with the title block"
    );
    assert!(regulation
        .contains("医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律施行規則の定めるところにより"));
    assert!(!regulation.contains("医療法施行規則第14条"), "the 医療法 anchor is for hospitals and clinics");
    let clinic = documents("sakura-clinic", true, out.path());
    assert!(articles(&clinic["operations-regulation"]).contains("医療法施行規則第14条第2項の定めるところにより"));
}

#[test]
fn emergency_accounts_are_provided_for_in_the_regulation_and_the_bcp() {
    let out = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(out.path()) {
        let regulation = articles(&docs["operations-regulation"]);
        let article = regulation.split("（非常時用の利用者ID）").nth(1).expect("an article on emergency accounts");
        let article = article.split("\n#### ").next().unwrap();
        for rule in [
            "使用を許可したときに限り",
            "封印し、企画管理者が施錠して保管する",
            "証跡により検知",
            "認証情報を変更して改めて封印",
            "使用が許可の範囲に限られていたことを確認",
        ] {
            assert!(article.contains(rule), "{name}: the article says {rule}");
        }
        let bcp = &docs["bcp"];
        assert!(bcp.contains("封印して保管している非常時用の利用者IDを使う"), "{name}: the BCP's first response");
        assert!(
            bcp.contains("非常時用の利用者IDを使ったときは、その認証情報を変更して封印し直し"),
            "{name}: the BCP's recovery"
        );
        assert!(
            docs["traceability-matrix"].lines().any(|l| l.contains("シス11①") && l.contains("（非常時用の利用者ID）")),
            "{name}: the article meets システム運用編 11①"
        );
    }
}

#[test]
fn the_ciso_and_the_deputies_are_the_same_in_every_document() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        let ciso_key = data.roles.ciso.as_ref().map_or(&data.roles.management.person.value, |c| &c.person.value);
        let ciso = person_name(&data, ciso_key);
        let ciso_position = data.people.iter().find(|p| p.key == *ciso_key).map(|p| p.position.clone()).unwrap();
        let others: Vec<String> = data.people.iter().filter(|p| p.key != *ciso_key).map(|p| p.name.clone()).collect();
        let mut stated = 0;
        for (id, text) in &docs {
            for line in text.lines().filter(|l| l.contains("CISO") && !l.contains("CSIRT")) {
                // In a table row, the post and its holder; the deputies' cell may name others.
                let line = match line.strip_prefix('|') {
                    Some(row) => row.split('|').take(2).collect::<Vec<_>>().join("|"),
                    None => line.to_owned(),
                };
                let line = line.as_str();
                assert!(!others.iter().any(|o| line.contains(o.as_str())), "{name}/{id}: CISO is {ciso}: {line}");
                // Prose names the post (「CISOは、副院長とする。」); the 別表 and tables its holder.
                if line.contains(&ciso)
                    || line.contains(&format!("は、{ciso_position}とする。"))
                    || line.contains("企画管理者が行う")
                    || line.contains("責任者（")
                {
                    stated += 1;
                }
            }
        }
        assert!(stated >= 2, "{name}: the CISO is stated in the regulation and the plans");
        assert!(!docs["cyber-response-plan"].contains("CISO）の職務は、院長が"), "{name}");
        let deputy = data.roles.management.deputy.as_ref().map(|d| person_name(&data, &d.value));
        if let Some(deputy) = deputy {
            for id in ["operations-regulation", "bcp"] {
                assert!(docs[id].contains(&deputy), "{name}/{id} names the 企画管理者's deputy {deputy}");
            }
        }
        assert!(!docs["bcp"].contains("対応責任者が不在のときは統括責任者が"), "{name}: no circle of deputies");
        // The 企画管理者's first deputy is the same post in 別表第1, the incident procedure and the manual.
        let deputy = data.roles.management.deputy.as_ref().map_or_else(
            || data.people.iter().find(|p| p.key == data.facility.head.value).unwrap().position.clone(),
            |d| data.people.iter().find(|p| p.key == d.value).unwrap().position.clone(),
        );
        for id in ["incident-procedure", "user-manual"] {
            let stated = docs[id].split("が不在").nth(1).unwrap_or_default();
            assert!(
                stated
                    .trim_start_matches("又は連絡が取れない")
                    .trim_start_matches('の')
                    .trim_start_matches("ときは")
                    .trim_start_matches('、')
                    .starts_with(&deputy),
                "{name}/{id}: the 企画管理者's deputy is {deputy}"
            );
        }
    }
}

#[test]
fn recovery_priorities_are_printed_as_the_profile_gives_them() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        for system in &data.systems {
            // An undecided priority is an open item, shown as 「―」, never a number kitei chose.
            let priority = system.priority.map_or("―".to_owned(), |p| p.to_string());
            let row = format!("| {priority} | {} |", system.name);
            assert!(docs["bcp"].contains(&row), "{name}: BCP {row}");
            assert!(docs["downtime-manual"].contains(&row), "{name}: downtime manual {row}");
        }
    }
}

#[test]
fn contacts_are_the_same_everywhere() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        for contact in &data.emergency_contacts {
            for id in ["operations-regulation", "incident-procedure", "bcp", "cyber-response-plan"] {
                assert!(docs[id].contains(&contact.phone), "{name}/{id} lists {}", contact.phone);
            }
        }
    }
}

#[test]
fn a_cloud_clinic_puts_no_server_room_or_log_review_on_itself() {
    let out = tempfile::tempdir().unwrap();
    let docs = documents("sakura-clinic", true, out.path());
    let regulation = articles(&docs["operations-regulation"]);
    for duty in ["管理区域", "無停電電源の設備を備えた場所", "監視カメラ"] {
        assert!(!regulation.contains(duty), "the vendor's contract covers it: {duty}");
    }
    // The provider records the access logs; reviewing staff access stays with the clinic.
    assert!(regulation.contains("職員等のアクセスの確認は、当院が行う"), "the clinic reviews staff access");
    assert!(regulation.contains("履行を確認") || regulation.contains("結果を記録する"), "a 履行確認 clause instead");
    let matrix = &docs["responsibility-matrix"];
    assert!(matrix.contains("| 物理的安全管理 | 株式会社メディクラウド |"), "{matrix}");
}

#[test]
fn the_mixed_clinic_agrees_across_documents_and_covers_the_wards() {
    let out = tempfile::tempdir().unwrap();
    let docs = documents("midori-clinic", true, out.path());
    for id in ["responsibility-matrix", "operations-regulation", "bcp", "downtime-manual"] {
        assert!(docs[id].contains("病棟"), "{id} mentions the wards");
        assert!(docs[id].contains("夜間"), "{id} mentions the night");
    }
    let matrix = &docs["responsibility-matrix"];
    let section = |system: &str| -> String {
        matrix
            .split("### ")
            .skip(1)
            .find(|s| s.lines().next().unwrap().contains(system))
            .map(|s| s.split("\n## ").next().unwrap().to_owned())
            .unwrap()
    };
    assert!(section("電子カルテ「ミドリカルテ」").contains("| 物理的安全管理 | 当院 |"), "{matrix}");
    assert!(section("医事クラウド").contains("| 物理的安全管理 | 医事クラウド株式会社 |"), "{matrix}");
    assert!(section("医事クラウド").contains("| バックアップ・復旧 | 医事クラウド株式会社 |"), "{matrix}");
    assert!(section("電子カルテ「ミドリカルテ」").contains("| バックアップ・復旧 | 当院 |"), "{matrix}");
    assert!(!matrix.contains("電子署名・タイムスタンプ"), "no e-signature row without e-signatures");
    assert!(matrix.contains("スキャナ等による電子化"));
    let regulation = articles(&docs["operations-regulation"]);
    assert!(regulation.contains("管理区域"), "the on-premises servers need a server room");
    assert!(regulation.contains("事業者のデータセンタ等に設置するとされた"), "and the cloud part is the vendor's");
    assert!(regulation.contains("電子署名を用いないため"), "scanning without e-signatures keeps the originals");
    assert!(!regulation.contains("電子署名とタイムスタンプを、電子化の後速やかに付与する"));
}

#[test]
fn open_items_are_listed_counted_and_refused_by_strict() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run(kitei().arg("build").arg(profile_path(WITH_OPEN_ITEMS)).arg("-o").arg(out.path()).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("open item(s) in 課題一覧") && !stderr.contains(" 0 open item"), "{stderr}");
    let items = std::fs::read_to_string(out.path().join(WITH_OPEN_ITEMS).join("open-items.md")).unwrap();
    for expected in [
        "関西ファーマシステム株式会社との役割分担",
        "オンライン資格確認等システムの停止時の代替手段",
        "厚生労働省",
        "企画2（補足3）",
    ] {
        assert!(items.contains(expected), "{expected}: {items}");
    }
    // A national service's recovery targets and backup are its operator's, not the pharmacy's.
    for unexpected in ["電子処方箋管理サービスの目標復旧時間", "電子処方箋管理サービスのバックアップ"]
    {
        assert!(!items.contains(unexpected), "{unexpected}: {items}");
    }
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg(profile_path(WITH_OPEN_ITEMS))
        .arg("-o")
        .arg(out.path().join("strict"))
        .args(["--format", "md", "--strict"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("still undecided"), "{stderr}");
    let (_, _, stderr) =
        run(kitei().arg("build").arg(profile_path("sakura-clinic")).arg("-o").arg(out.path()).args(["--format", "md"]));
    assert!(stderr.contains(", 0 open item(s) in 課題一覧"), "{stderr}");
    // The 課題一覧's other rows are the yearly checklist's dated entries, counted apart.
    let list = std::fs::read_to_string(out.path().join("sakura-clinic/open-items.md")).unwrap();
    let rows = list.lines().filter(|l| l.starts_with("| ") && l[2..].starts_with(|c: char| c.is_ascii_digit())).count();
    assert!(rows > 0, "{list}");
    assert!(stderr.contains(&format!(", 0 open item(s) in 課題一覧, plus {rows} dated checklist item(s)")), "{stderr}");
}

#[test]
fn an_approved_revision_adds_a_supplementary_provision_for_its_date() {
    let out = tempfile::tempdir().unwrap();
    let profile = sample_copy(out.path());
    let build = |extra: &[&str]| {
        let (code, _, stderr) =
            run(kitei().arg("build").arg(&profile).arg("-o").arg(out.path()).args(["--format", "md,typ"]).args(extra));
        assert_eq!(code, 0, "{stderr}");
        std::fs::read_to_string(out.path().join("sakura-clinic/operations-regulation.md")).unwrap()
    };
    let first = build(&[]);
    assert_eq!(first.matches("## 附則").count(), 1, "{first}");
    assert!(first.contains("この規程は、令和8年4月1日から施行する。"));
    approve_ok(&profile, out.path(), "2026-04-01", &["--format", "md,typ"]);
    let approved = std::fs::read_to_string(out.path().join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(approved.contains("| 制定日 | 令和8年4月1日 |"), "制定日 and 施行日 agree");
    assert!(approved.contains("この規程は、令和8年4月1日から施行する。"));
    let draft = build(&["--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"]);
    assert_eq!(draft.matches("## 附則").count(), 1, "a draft adds no 附則: {draft}");
    approve_ok(&profile, out.path(), "2026-10-01", &["--format", "md,typ"]);
    let revised = std::fs::read_to_string(out.path().join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(revised.contains("## 附則（令和8年10月1日）"), "{revised}");
    assert!(revised.contains("この規程は、令和8年10月1日から施行する。"));
    assert!(revised.find("## 附則\n").unwrap() < revised.find("## 附則（令和8年10月1日）").unwrap());
    assert!(revised.find("## 附則（令和8年10月1日）").unwrap() < revised.find("## 別表第1").unwrap());
    let typ = std::fs::read_to_string(out.path().join("sakura-clinic/operations-regulation.typ")).unwrap();
    assert!(!typ.contains("#outline("), "the regulation's own 目次 is the only one");
}

/// Official sites whose addresses an approved document may print (ministries and the e-Gov law
/// database); any other address is a working source and belongs in the 根拠資料.
const OFFICIAL_DOMAINS: [&str; 5] = ["mhlw.go.jp", "ppc.go.jp", "nisc.go.jp", "e-gov.go.jp", "meti.go.jp"];

/// Profile keys and tool words that must never reach a document a facility approves.
const TOOL_WORDS: [&str; 16] = [
    "kitei",
    "verified",
    "プロファイル",
    "systems の",
    "renewal",
    "assets",
    "emergency_contacts",
    "contract.",
    "covers",
    "deputy",
    "remote_transport",
    "bcp_procedure",
    "wic-net",
    "github",
    "yrese",
    "に記入する）",
];

/// `text` without its `<!-- … -->` markers (article labels for local edits, never printed).
fn printed(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

/// The tool words, internal requirement ids (`control.14-k1`) and unofficial addresses in the
/// printed part of `text`.
fn tool_text(text: &str) -> Vec<String> {
    let lower = printed(text).to_lowercase();
    let mut found: Vec<String> = TOOL_WORDS.iter().filter(|w| lower.contains(*w)).map(|w| (*w).to_owned()).collect();
    for volume in ["overview.", "governance.", "management.", "control.", "outsourcing."] {
        for (at, _) in lower.match_indices(volume) {
            let next = lower[at + volume.len()..].chars().next();
            let before = lower[..at].chars().next_back();
            if next.is_some_and(|c| c.is_ascii_digit()) && !before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                found.push(lower[at..].chars().take(20).collect());
            }
        }
    }
    for scheme in ["http://", "https://", "www."] {
        for (at, _) in lower.match_indices(scheme) {
            let address: String = lower[at..].chars().take_while(|c| c.is_ascii_graphic()).collect();
            let host = address.trim_start_matches(scheme).split('/').next().unwrap_or_default().to_owned();
            if !OFFICIAL_DOMAINS.iter().any(|d| host == *d || host.ends_with(&format!(".{d}"))) {
                found.push(address);
            }
        }
    }
    found
}

#[test]
fn the_tool_word_list_catches_what_it_should() {
    assert!(tool_text("シス14（kitei 補足1）").contains(&"kitei".to_owned()));
    assert!(!tool_text("課題一覧 control.14-k1 を見よ").is_empty());
    assert!(!tool_text("出典 https://wic-net.com/material/document/1").is_empty());
    assert!(
        tool_text("出典 https://www.mhlw.go.jp/stf/newpage_38915.html、シス14（補足1）、remote control.").is_empty()
    );
}

#[test]
fn no_approved_document_or_checklist_holds_tool_text() {
    let out = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(out.path()) {
        let checklist = out.path().join(name).join("checklist").join("checklist-R8.md");
        let checklist = std::fs::read_to_string(&checklist).unwrap_or_else(|e| panic!("{}: {e}", checklist.display()));
        let documents = docs.iter().map(|(id, text)| (id.as_str(), text.as_str()));
        for (id, text) in documents.chain(std::iter::once(("checklist-R8", checklist.as_str()))) {
            let found = tool_text(text);
            assert!(found.is_empty(), "{name}/{id} holds tool text: {found:?}");
        }
    }
}

/// The addresses in `text` (`https://…`, and `name.tld/path` written without a scheme), with the
/// Markdown escapes of the printed file undone.
fn addresses(text: &str) -> Vec<String> {
    let plain = text.replace('\\', "");
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-._~:/?#@!$&*+,;=%".contains(c)))
        .filter(|w| {
            let rest = w.strip_prefix("https://").or_else(|| w.strip_prefix("http://")).unwrap_or(w);
            let host = rest.split('/').next().unwrap_or_default();
            rest.contains('/')
                && host.contains('.')
                && host.rsplit('.').next().is_some_and(|t| t.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn one_working_paper_of_sources_beside_each_set_and_none_of_it_in_what_is_approved() {
    let out = tempfile::tempdir().unwrap();
    let shared = kitei::load::SharedContent::load(&kitei::load::Content::embedded()).unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        let folder = out.path().join(name);
        // Exactly one 根拠資料, at the top of the folder, listed in the manifest; the checklist
        // keeps no list of its own.
        let papers: Vec<_> = files_below(&folder)
            .into_iter()
            .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.starts_with("# 根拠資料")))
            .collect();
        assert_eq!(papers, vec![folder.join("sources.md")], "{name}");
        let listed = manifest(&folder)["files"].as_array().unwrap().iter().any(|f| f["path"] == "sources.md");
        assert!(listed, "{name}: the manifest lists sources.md");
        assert!(!docs.contains_key("sources"), "{name}: the 根拠資料 is not a document of the approved set");
        let paper = std::fs::read_to_string(folder.join("sources.md")).unwrap();
        // A working paper: says it is not approved, carries no 版, 承認 or 案 mark, never names the tool.
        assert!(paper.contains("承認の対象ではなく"), "{name}");
        for row in ["版", "制定日", "最終改定日", "承認者", "承認者氏名", "承認日", "施行日", "署名"]
        {
            assert!(!paper.contains(&format!("\n| {row} |")), "{name}: the 根拠資料 has a {row} row");
        }
        for mark in ["## 改訂履歴", "【案】", "kitei"] {
            assert!(!paper.contains(mark), "{name}: the 根拠資料 holds {mark}");
        }
        // Every legal fact the set uses, with its source.
        let plain = paper.replace('\\', "");
        for anchor in shared.legal.anchors_for(data.facility.kind) {
            assert!(plain.contains(&anchor.law) && plain.contains(&anchor.source), "{name}: {}", anchor.law);
        }
        for retention in shared.legal.retention_for(data.facility.kind) {
            assert!(
                plain.contains(&retention.record) && plain.contains(&retention.source),
                "{name}: {}",
                retention.record
            );
        }
        for service in shared.legal.national_services.iter().filter(|n| data.systems.iter().any(|s| s.kind == n.kind)) {
            assert!(
                plain.contains(&service.operator) && plain.contains(&service.source),
                "{name}: {}",
                service.service
            );
        }
        for body in &shared.reporting {
            assert!(plain.contains(&body.label) && plain.contains(body.source.trim()), "{name}: {}", body.label);
        }
        // The facility's own contacts are marked as its own, never as confirmed.
        for contact in &data.emergency_contacts {
            let row = plain
                .lines()
                .find(|l| l.contains(&contact.phone))
                .unwrap_or_else(|| panic!("{name}: {}", contact.phone));
            assert!(row.ends_with("| 未確認（施設の記入） |"), "{name}: {row}");
        }
        // The checklist's items, as the checklist lists them.
        let checklist = std::fs::read_to_string(folder.join("checklist/checklist-R8.md")).unwrap();
        let numbers: Vec<String> = table_rows(&checklist)
            .into_iter()
            .filter(|r| r.len() == 6 && r[0] != "番号")
            .map(|r| r[0].clone())
            .collect();
        assert!(!numbers.is_empty(), "{name}");
        let section = paper.split("## 6. チェックリストの項目").nth(1).expect("the checklist's section");
        for number in &numbers {
            assert!(section.contains(&format!("| {number} |")), "{name}: checklist item {number}");
        }
        // Its sources stay in it: no approved document (nor the checklist) prints one of its addresses.
        let sources = addresses(&paper);
        assert!(sources.iter().any(|a| a.contains("mhlw.go.jp")), "{name}: {sources:?}");
        for (id, text) in
            docs.iter().map(|(id, t)| (id.as_str(), t.as_str())).chain([("checklist-R8", checklist.as_str())])
        {
            let text = text.replace('\\', "");
            for address in &sources {
                assert!(!text.contains(address.as_str()), "{name}/{id} prints the source {address}");
            }
        }
    }
}

/// The rows of every Markdown table in `text` as cells.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect()
}

#[test]
fn access_logs_are_reviewed_by_the_facility_in_every_document() {
    let out = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(out.path()) {
        let regulation = articles(&docs["operations-regulation"]);
        assert!(
            regulation.contains("職員等のアクセスの確認は、"),
            "{name}: the 規程 keeps the review with the facility"
        );
        assert!(!regulation.contains("証跡の定期的な確認は、責任分界表に定めるところにより事業者が行う"), "{name}");
        assert!(
            !docs["responsibility-matrix"].contains("| 証跡（ログ）の取得と確認"),
            "{name}: the vendor's row is recording only"
        );
        for row in table_rows(&docs["statement-of-applicability"]) {
            if row[0] == "シス17①" {
                assert_ne!(row[2], "除外", "{name}: access logs are never 適用除外");
            }
        }
        let checklist = std::fs::read_to_string(out.path().join(name).join("checklist/checklist-R8.md")).unwrap();
        for row in table_rows(&checklist) {
            if row.get(1).is_some_and(|t| t.contains("アクセスログ")) {
                assert!(!row.iter().any(|c| c.contains("定めた条がない")), "{name}: {row:?}");
            }
        }
    }
}

#[test]
fn on_premises_chapters_are_carried_by_a_cloud_provider_never_excluded() {
    let out = tempfile::tempdir().unwrap();
    let docs = documents("sakura-clinic", true, out.path());
    for row in table_rows(&docs["statement-of-applicability"]) {
        for chapter in ["シス5", "シス12", "シス17"] {
            let own = row[0].strip_prefix(chapter).is_some_and(|rest| rest.starts_with(|c: char| !c.is_ascii_digit()));
            if own {
                assert!(!row.iter().any(|c| c == "除外"), "a cloud clinic's {} is 委託・履行確認: {row:?}", row[0]);
            }
        }
    }
}

#[test]
fn a_vendor_keeps_its_areas_in_an_emergency_and_the_facility_its_own_decisions() {
    let out = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(out.path()) {
        let matrix = &docs["responsibility-matrix"];
        let here = if matrix.contains("（以下「当薬局」という。）") { "当薬局" } else { "当院" };
        let split = matrix.split("## 3. ").nth(1).and_then(|rest| rest.split("\n## 5. ").next()).unwrap();
        for row in table_rows(split).iter().filter(|r| r.len() == 3) {
            if row[1] != here && row[1] != "通常時" {
                assert_eq!(
                    row[2], row[1],
                    "{name}: {row:?} — an emergency does not hand a vendor's area to the facility"
                );
            }
        }
        for own in ["保管場所の選定と承認", "通常時のマニュアル整備", "非常時のマニュアル整備", "代行入力の確定手順"]
        {
            let delegated = table_rows(matrix).into_iter().any(|r| r.len() == 3 && r[1] == own);
            assert!(!delegated, "{name}: 「{own}」 is the facility's own decision, not a vendor's");
        }
    }
}

#[test]
fn open_item_pointers_resolve_and_history_is_not_backdated() {
    let out = tempfile::tempdir().unwrap();
    for (name, data, docs) in all_samples(out.path()) {
        let items: Vec<String> = table_rows(&docs["open-items"])
            .into_iter()
            .filter(|r| r[0].parse::<usize>().is_ok())
            .map(|r| r[1].to_owned())
            .collect();
        let rows = items.len();
        for (id, text) in docs.iter().filter(|(id, _)| id.as_str() != "open-items") {
            if text.contains("課題一覧（未決事項）に掲げて") {
                assert!(rows > 0, "{name}/{id} points to the 課題一覧, which has no row");
            }
            for (system, row) in dash_rows_pointing_to_open_items(text, &data) {
                assert!(
                    items.iter().any(|item| item.contains(&system)),
                    "{name}/{id}: 「―」 in {row} points to the 課題一覧, which has no row for {system}"
                );
            }
            for (at, _) in text.match_indices("未定（課題一覧 ") {
                let n: usize =
                    text[at..].split(' ').nth(1).and_then(|s| s.split('）').next()).unwrap().parse().unwrap();
                assert!(n >= 1 && n <= rows, "{name}/{id}: row {n} of {rows}");
            }
        }
        // The first 版 is not dated before what its text reports (a contract confirmed, a restore test).
        let regulation = &docs["operations-regulation"];
        // A draft carries no 改訂履歴 row yet: its first 附則 states the 施行日 it proposes.
        let first =
            regulation.split("この規程は、").nth(1).and_then(|r| r.split("から施行する").next()).unwrap().to_owned();
        let effective = data.document.effective_date;
        let events = data
            .vendors
            .iter()
            .filter_map(|v| v.contract.confirmed)
            .chain(data.systems.iter().filter_map(|s| s.backup.as_ref().and_then(|b| b.last_restore_test)));
        for event in events {
            assert!(event <= effective, "{name}: 第1版 ({first}) is dated before {event}");
        }
    }
}

/// The 和暦 date of `date` as documents print it (令和8年4月1日).
fn wareki(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("令和{}年{}月{}日", date.year() - 2018, date.month(), date.day())
}

#[test]
fn no_sample_is_backdated_once_approved() {
    let dir = tempfile::tempdir().unwrap();
    for name in COMPLETE.iter().chain([&WITH_OPEN_ITEMS]) {
        let data = profile(name);
        let folder = dir.path().join(name);
        std::fs::create_dir(&folder).unwrap();
        let profile = folder.join(format!("{name}.yaml"));
        std::fs::copy(profile_path(name), &profile).unwrap();
        let records = profile_path(name).with_extension("records.yaml");
        if records.is_file() {
            std::fs::copy(&records, folder.join(format!("{name}.records.yaml"))).unwrap();
        }
        let out = folder.join("out");
        let date = data.document.effective_date.to_string();
        approve_ok(&profile, &out, &date, &["--format", "md", "--allow-open"]);
        let established = wareki(data.document.effective_date);
        let events: Vec<chrono::NaiveDate> = data
            .vendors
            .iter()
            .filter_map(|v| v.contract.confirmed)
            .chain(data.systems.iter().filter_map(|s| s.backup.as_ref().and_then(|b| b.last_restore_test)))
            .collect();
        for event in &events {
            assert!(*event <= data.document.effective_date, "{name}: the text reports {event}, after its 制定日");
        }
        let manifest = manifest(&out.join(name));
        for document in manifest["documents"].as_array().unwrap().iter().filter(|d| d["state"] == "approved") {
            let id = document["id"].as_str().unwrap();
            let text = std::fs::read_to_string(out.join(name).join(format!("{id}.md"))).unwrap();
            // The 制定日 on the cover is the first 版's approval, and nothing claims an earlier 版.
            assert!(text.contains(&format!("| 制定日 | {established} |")), "{name}/{id}");
            let first =
                table_rows(&text).into_iter().find(|r| r[0] == "第1版").unwrap_or_else(|| panic!("{name}/{id}"));
            assert_eq!(first[1], established, "{name}/{id}: {first:?}");
            assert_eq!(first[2], established, "{name}/{id}: 施行日 {first:?}");
            if id == "operations-regulation" {
                let provision = text.split("## 附則\n\n").nth(1).unwrap().lines().next().unwrap();
                assert_eq!(provision, format!("この規程は、{established}から施行する。"), "{name}");
                assert_eq!(text.matches("## 附則").count(), 1, "{name}: one 附則 for one 施行日");
            }
        }
    }
}

/// The rows with a 「―」 cell of every table whose next paragraph says 「―」 is in the 課題一覧,
/// each with the profile's system it names (rows that name no system are not returned).
fn dash_rows_pointing_to_open_items(text: &str, data: &ProfileData) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        let in_table = line.starts_with('|');
        match (in_table, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                start = None;
                let next = lines[i..].iter().find(|l| !l.trim().is_empty()).copied().unwrap_or_default();
                if !(next.contains("「―」") && next.contains("課題一覧")) {
                    continue;
                }
                for row in &lines[from..i] {
                    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
                    if !cells.contains(&"―") {
                        continue;
                    }
                    let system = data.systems.iter().find(|s| cells.contains(&s.name.as_str()));
                    if let Some(system) = system {
                        found.push((system.name.clone(), (*row).to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn a_pharmacy_with_electronic_prescriptions_is_not_free_of_electronic_signatures() {
    let out = tempfile::tempdir().unwrap();
    let docs = documents(WITH_OPEN_ITEMS, false, out.path());
    assert!(profile(WITH_OPEN_ITEMS).systems.iter().any(|s| s.name.contains("電子処方箋")));
    for row in table_rows(&docs["statement-of-applicability"]) {
        if row[0].starts_with("企画14") || row[0].starts_with("シス15") {
            assert_ne!(row[2], "除外", "{row:?}");
        }
    }
    assert!(docs["operations-regulation"].contains("HPKI"), "the 規程 provides for HPKI signatures");
    let policy = &docs["security-policy"];
    assert!(policy.contains("薬剤師法") && !policy.contains("医師法その他"), "a pharmacy's policy cites its own laws");
}

/// The 台帳 records what the 規程's article on it requires of every device (設置場所, 管理者,
/// 利用者, ソフトウェアのバージョン, 保守・サポートの期限) and the 保存容量 its article on storage
/// places there; medical devices and media have kinds of their own; an unrecorded value says so.
#[test]
fn the_register_has_the_columns_the_regulation_requires() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _, docs) in all_samples(dir.path()) {
        let regulation = &docs["operations-regulation"];
        let register = &docs["asset-register"];
        assert!(
            regulation.contains("設置場所、管理者、利用者、ソフトウェアのバージョン及び保守・サポートの期限"),
            "{name}"
        );
        assert!(regulation.contains("保存容量は、情報機器台帳に明記する"), "{name}");
        if register.contains("登録された機器はない") {
            continue;
        }
        let headers: String = register.lines().filter(|l| l.starts_with("| 名称 |")).collect();
        for column in ["設置場所", "管理者", "利用者", "ソフトウェアのバージョン", "保存容量", "サポート終了日"]
        {
            assert!(headers.contains(column), "{name}: the 台帳 has a {column} column: {headers}");
        }
    }
    let aoba = documents("aoba-general-hospital", false, &dir.path().join("aoba"));
    let register = &aoba["asset-register"];
    assert!(register.contains("| CT装置（操作・画像端末を含む） | 医療機器 |"), "{register}");
    assert!(register.contains("| バックアップ用外付けディスク（2台を交互に使用） | 外部記録媒体 |"));
    assert!(register.contains("| 電子カルテ端末（病棟・外来 計180台） | 端末PC | 各病棟・外来 | 未記入 | 未記入 |"));
    assert!(register.contains("- 医療機器：1台") && register.contains("- 外部記録媒体：1台"));
}

/// Where a vendor manages the network (the 責任分界表 says so), the 規程 hands the vendor the
/// network watch (IDS, firewall and VPN logs) and asks the facility for the vendor's report, and never
/// tells the facility to check work records against logs it does not hold.
#[test]
fn network_duties_follow_the_responsibility_matrix() {
    let out = tempfile::tempdir().unwrap();
    let mut delegated = 0;
    for (name, _, docs) in all_samples(out.path()) {
        let regulation = &docs["operations-regulation"];
        let network = table_rows(&docs["responsibility-matrix"])
            .into_iter()
            .find(|r| r[0] == "ネットワーク・境界防御")
            .map(|r| r[1].to_owned())
            .unwrap();
        let by_vendor = !network.starts_with('当');
        assert_eq!(regulation.contains("ネットワークの管理を受け持つ事業者に行わせる"), by_vendor, "{name}: {network}");
        assert_eq!(
            regulation.contains("侵入検知・防止の仕組み等により不正な通信を検知し遮断できるようにし"),
            !by_vendor,
            "{name}"
        );
        assert!(!regulation.contains("作業記録をログと照合"), "{name}");
        delegated += usize::from(by_vendor);
    }
    assert!(delegated > 0, "a sample delegates its network to a vendor");
}

/// A facility run by a corporation (医療法人) raises its security budget and staff through the
/// corporation's board, and the policy and the 規程 say the same; one run by its head says nothing
/// of a board.
#[test]
fn a_corporations_board_decides_the_budget_in_the_policy_and_the_regulation() {
    let out = tempfile::tempdir().unwrap();
    let mut corporations = 0;
    for (name, data, docs) in all_samples(out.path()) {
        let policy = &docs["security-policy"];
        let regulation = &docs["operations-regulation"];
        match &data.organization.corporation {
            Some(c) => {
                corporations += 1;
                let board = c.board.clone().unwrap_or_else(|| "理事会".to_owned());
                let budget = format!("{}の{board}の議決を経て確保する", c.name);
                assert!(policy.contains(&budget), "{name}: {policy}");
                assert!(
                    regulation.contains(&format!("{}の予算及び人員に係るものは、{board}に諮って", c.name)),
                    "{name}"
                );
            }
            None => assert!(!policy.contains("理事会") && !regulation.contains("理事会"), "{name}"),
        }
    }
    assert!(corporations > 0, "a sample is run by a 医療法人");
}
