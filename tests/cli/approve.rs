//! Drafts, approvals and 施行: a build writes a 案; only `kitei approve` gives a 版.

use std::path::{Path, PathBuf};

use crate::support::*;

/// The sample copied into `dir` as `clinic.yaml` (approvals are written beside a profile: never
/// beside the repository's sample).
fn clinic(dir: &Path) -> PathBuf {
    copy_profile(dir, &sample(), "clinic.yaml")
}

fn copy_profile(dir: &Path, from: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(from, &path).unwrap();
    path
}

fn build(profile: &Path, out: &Path, extra: &[&str]) {
    let (code, _, stderr) = run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(extra));
    assert_eq!(code, 0, "{stderr}");
}

fn approve(profile: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    run(kitei().arg("approve").arg(profile).arg("-o").arg(out).args(["--by", "院長"]).args(extra))
}

fn document(manifest: &serde_json::Value, id: &str) -> serde_json::Value {
    manifest["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

const REGULATION: &str = "operations-regulation";

#[test]
fn draft_approve_edit_draft_approve() {
    let dir = tempfile::tempdir().unwrap();
    let (profile, out) = (clinic(dir.path()), dir.path().join("out"));
    let folder = out.join("sakura-clinic");

    // A plain build is a 案: no 版, marked on every output, rebuilt as often as wanted.
    build(&profile, &out, &[]);
    build(&profile, &out, &["--date", "2026-03-01"]);
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("draft"), Some(0)));
    assert_eq!(regulation["history"].as_array().unwrap().len(), 0);
    assert_eq!(document(&m, "asset-register")["state"], "register", "a register is never a 案");
    let md = read(&folder.join("operations-regulation.md"));
    assert!(md.lines().nth(2).unwrap().starts_with("**【案】**"), "a visible line under the title: {md}");
    assert_eq!(md.matches("## 附則").count(), 1, "a first draft shows the 附則 it proposes");
    assert!(pdf_text(&folder.join("security-policy.pdf")).contains("【案】"));
    assert!(!profile.with_file_name("clinic.approvals.yaml").exists(), "a build records no approval");

    // The approval gives 第1版 to every document, with the approver's post and dates on the cover.
    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-04-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("approval recorded") && stderr.contains(&format!("{REGULATION} 第1版")), "{stderr}");
    let approvals = read(&profile.with_file_name("clinic.approvals.yaml"));
    assert!(approvals.contains("- seq: 1\n  action: approve\n") && approvals.contains("post: \"院長\""));
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("approved"), Some(1)));
    assert_eq!(regulation["approval"]["approved_on"], "2026-04-01");
    let md = read(&folder.join("operations-regulation.md"));
    assert!(!md.contains("【案】"), "{md}");
    assert!(
        md.contains("| 承認者 | 院長 |")
            && md.contains("| 承認日 | 令和8年4月1日 |")
            && md.contains("| 施行日 | 令和8年4月1日 |")
    );
    assert!(md.contains("| 署名 |  |"), "a space to sign: {md}");
    assert!(!pdf_text(&folder.join("security-policy.pdf")).contains("【案】"));
    let approved_v1 = md.clone();

    // An edit makes a 案 again: the 版 and the history stay, nothing is added.
    std::fs::write(&profile, read(&profile).replacen("screen_lock_minutes: 5", "screen_lock_minutes: 10", 1)).unwrap();
    build(&profile, &out, &[]);
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("draft"), Some(1)));
    assert_eq!(regulation["history"].as_array().unwrap().len(), 1);
    assert_eq!(regulation["approval"]["version"], 1, "the approved 版 is still named");
    assert_eq!(document(&m, "security-policy")["state"], "approved", "an unchanged document stays approved");
    let md = read(&folder.join("operations-regulation.md"));
    assert!(md.contains("**【案】**　この文書は第1版の改正案"), "{md}");
    assert_eq!(md.matches("## 附則").count(), 1, "a draft adds no 附則");
    assert!(pdf_text(&folder.join("operations-regulation.pdf")).contains("案"));
    assert_eq!(read(&folder.join("history/operations-regulation/1/operations-regulation.md")), approved_v1);

    // The second approval: 第2版 with exactly one new 附則 and one 改訂履歴 row, with its dates.
    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-10-01", "--effective", "2026-11-01"]);
    assert_eq!(code, 0, "{stderr}");
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("approved"), Some(2)));
    let history = regulation["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[1]["date"].as_str(), history[1]["effective"].as_str()),
        (Some("2026-10-01"), Some("2026-11-01"))
    );
    assert!(history[1]["summary"].as_str().unwrap().contains("条"), "the changed articles: {}", history[1]);
    let policy = document(&m, "security-policy");
    assert_eq!((policy["version"].as_u64(), policy["history"].as_array().unwrap().len()), (Some(1), 1));
    let md = read(&folder.join("operations-regulation.md"));
    assert_eq!(md.matches("## 附則").count(), 2, "{md}");
    assert!(md.contains("## 附則（令和8年11月1日）\n\nこの規程は、令和8年11月1日から施行する。"));
    assert!(md.contains("| 第2版 | 令和8年10月1日 | 令和8年11月1日 |"), "{md}");
    assert_eq!(md.matches("| 第2版 |").count(), 2, "one history row and the title block");
    let approvals = read(&profile.with_file_name("clinic.approvals.yaml"));
    assert!(approvals.contains("- seq: 2\n") && approvals.contains("施設の体制"), "{approvals}");

    // Nothing left to approve; a plain rebuild keeps the approved set.
    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-10-02"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("nothing to approve"), "{stderr}");
    build(&profile, &out, &[]);
    assert_eq!(document(&manifest(&folder), REGULATION)["state"], "approved");
}

#[test]
fn approval_is_refused_with_open_items_unless_allowed_and_then_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let hikari = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/samples/hikari-pharmacy.yaml");
    let (profile, out) = (copy_profile(dir.path(), &hikari, "hikari.yaml"), dir.path().join("out"));
    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-04-01"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("undecided matter(s)") && stderr.contains("--allow-open"), "{stderr}");
    assert!(!profile.with_file_name("hikari.approvals.yaml").exists(), "nothing recorded");

    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-04-01", "--allow-open"]);
    assert_eq!(code, 0, "{stderr}");
    let approvals = read(&profile.with_file_name("hikari.approvals.yaml"));
    assert!(approvals.contains("  open_items:\n    - \""), "{approvals}");
    let folder = out.join(read_id(&profile));
    let md = read(&folder.join("operations-regulation.md"));
    let row = md.lines().find(|l| l.starts_with("| 第1版 | 令和8年4月1日")).unwrap();
    assert!(row.contains("未決事項") && row.contains("件を残して承認"), "{row}");
}

fn read_id(profile: &Path) -> String {
    read(profile).lines().find_map(|l| l.strip_prefix("id: ")).unwrap().trim().to_owned()
}

#[test]
fn an_effective_date_before_the_approval_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (profile, out) = (clinic(dir.path()), dir.path().join("out"));
    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-04-01", "--effective", "2026-03-31"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("effective date"), "{stderr}");
    assert!(!profile.with_file_name("clinic.approvals.yaml").exists());
}

#[test]
fn status_says_what_is_approved_and_what_is_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (profile, out) = (clinic(dir.path()), dir.path().join("out"));
    let status = |lang: &str| run(kitei().args(["status", "--lang", lang]).arg(&profile).arg("-o").arg(&out));
    let (code, stdout, _) = status("en");
    assert_eq!(code, 1, "never approved: {stdout}");
    assert_eq!(approve(&profile, &out, &["--date", "2026-04-01"]).0, 0);
    assert_eq!(status("en").0, 0, "all approved");
    std::fs::write(&profile, read(&profile).replacen("screen_lock_minutes: 5", "screen_lock_minutes: 10", 1)).unwrap();
    let (code, en, _) = status("en");
    assert_eq!(code, 1);
    let (_, ja, _) = status("ja");
    insta::assert_snapshot!("status_en", en);
    insta::assert_snapshot!("status_ja", ja);
    let (_, json, _) = run(kitei().args(["status", "--format", "json"]).arg(&profile).arg("-o").arg(&out));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["awaiting_approval"], serde_json::json!(["operations-regulation", "user-manual"]));
}

/// A folder built by a kitei before approvals: every document was a 版 as built.
fn make_old_manifest(folder: &Path) {
    let mut m = manifest(folder);
    let object = m.as_object_mut().unwrap();
    object.remove("lifecycle");
    for d in object["documents"].as_array_mut().unwrap() {
        let d = d.as_object_mut().unwrap();
        for key in ["state", "approval", "baseline"] {
            d.remove(key);
        }
        d.insert("version".into(), 2.into());
        d.insert(
            "history".into(),
            serde_json::json!([
                {"version": 1, "date": "2025-04-01", "summary": "制定", "reason": "新規制定"},
                {"version": 2, "date": "2025-10-01", "summary": "全般", "reason": "記載内容の見直し"}
            ]),
        );
    }
    std::fs::write(folder.join("manifest.json"), serde_json::to_string_pretty(&m).unwrap()).unwrap();
}

#[test]
fn a_folder_built_before_approvals_keeps_its_versions_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let (profile, out) = (clinic(dir.path()), dir.path().join("out"));
    let folder = out.join("sakura-clinic");
    build(&profile, &out, &[]);
    make_old_manifest(&folder);

    build(&profile, &out, &[]);
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("approved"), Some(2)));
    assert_eq!(regulation["history"].as_array().unwrap().len(), 2);
    assert_eq!(regulation["baseline"]["version"], 2, "carried to the next manifests");
    let md = read(&folder.join("operations-regulation.md"));
    assert!(!md.contains("【案】") && md.contains("| 版 | 第2版 |"), "{md}");

    std::fs::write(&profile, read(&profile).replacen("screen_lock_minutes: 5", "screen_lock_minutes: 10", 1)).unwrap();
    build(&profile, &out, &[]);
    let regulation = document(&manifest(&folder), REGULATION);
    assert_eq!((regulation["state"].as_str(), regulation["version"].as_u64()), (Some("draft"), Some(2)));
    assert!(folder.join("history/operations-regulation/2/operations-regulation.md").is_file());

    let (code, _, stderr) = approve(&profile, &out, &["--date", "2026-04-01"]);
    assert_eq!(code, 0, "{stderr}");
    let m = manifest(&folder);
    let regulation = document(&m, REGULATION);
    assert_eq!(regulation["version"], 3);
    assert_eq!(regulation["history"].as_array().unwrap().len(), 3);
    assert_eq!(document(&m, "security-policy")["version"], 2, "unchanged: keeps its 版");
    assert!(read(&profile.with_file_name("clinic.approvals.yaml")).contains("version: 3"));
}

/// A facility's `wording.yaml` reaches the approval as it reaches the build: the 版's digest is
/// taken over the header the build prints (here the 安全管理責任者's post, from the wording), so
/// the approved documents print as 第1版, not as 案 again.
#[test]
fn an_approval_under_a_facilitys_wording_is_the_version_the_build_prints() {
    let dir = tempfile::tempdir().unwrap();
    let from = "  management: { person: aoki, title: 医療情報システム安全管理責任者, deputy: kato }";
    let profile = variant(dir.path(), "clinic.yaml", from, "  management: { person: aoki, deputy: kato }");
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/wording.yaml"), "roles:\n  safety_manager: 情報安全責任者\n").unwrap();
    let out = dir.path().join("out");
    build(&profile, &out, &["--format", "md"]);
    let stderr = approve_ok(&profile, &out, "2026-04-01", &["--allow-open"]);
    assert!(!stderr.contains("案"), "{stderr}");
    let m = manifest(&out.join("sakura-clinic"));
    let drafts: Vec<&str> = m["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["state"] == "draft")
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert!(drafts.is_empty(), "approved, yet printed as 案: {drafts:?}");
    let md = read(&out.join("sakura-clinic/backup-procedure.md"));
    assert!(md.contains("情報安全責任者"), "the wording's post on the title block: {md}");
}
