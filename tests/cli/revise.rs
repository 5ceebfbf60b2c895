//! Guideline 7.0: the changes, the regenerated rulebook, and the 新旧対照表 between them.

use crate::support::*;

#[test]
fn guideline_diff_lists_the_7_0_changes() {
    let (code, stdout, stderr) = run(kitei().args(["guideline", "diff", "6.0", "7.0", "--format", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let changes: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let kind_of = |id: &str| changes.iter().find(|c| c["id"] == id).map(|c| c["kind"].as_str().unwrap().to_owned());
    assert_eq!(kind_of("control.14-6").as_deref(), Some("changed"), "periodic password change no longer required");
    assert_eq!(kind_of("control.14-k6").as_deref(), Some("added"), "account lockout added, position unknown");
    assert_eq!(kind_of("control.14-5").as_deref(), Some("moved"), "2FA, quoted as 7.0's ⑤");
    assert_eq!(kind_of("governance.1.1-k3").as_deref(), Some("added"), "サイバーセキュリティ基本法");
    assert!(changes.iter().any(|c| c["id"].as_str().unwrap().starts_with("outsourced.")), "the new volume");
    for change in changes.iter().filter(|c| !c["id"].as_str().unwrap().starts_with("outsourced.")) {
        assert!(change["source"].as_str().is_some_and(|s| !s.is_empty()), "{change}");
        assert!(change["verified"].is_boolean(), "{change}");
    }
    let lockout = changes.iter().find(|c| c["id"] == "control.14-k6").unwrap();
    assert_eq!(lockout["verified"], false, "its place in 7.0 is not known");
}

#[test]
fn guideline_diff_for_a_clinic_names_its_documents_and_articles() {
    let (code, stdout, stderr) =
        run(kitei().args(["guideline", "diff", "6.0", "7.0", "--lang", "ja", "--profile"]).arg(sample()));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("[変更] control.14-6"), "{stdout}");
    assert!(stdout.contains("出典: "), "{stdout}");
    assert!(stdout.contains("→ 医療情報システム運用管理規程 第"), "{stdout}");
    assert!(stdout.contains("（パスワード等の管理）"), "{stdout}");
}

#[test]
fn rebuilding_with_7_0_and_approving_bumps_changed_documents_and_keeps_6_0_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = sample_copy(dir.path());
    assert_eq!(run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).arg("--strict")).0, 0);
    approve_ok(&profile, &out, "2026-04-01", &[]);
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args([
        "--guideline",
        "7.0",
        "--set-guideline",
        "--date",
        "2026-10-01",
        "--strict",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let draft = manifest(&out.join("sakura-clinic"));
    let regulation =
        draft["documents"].as_array().unwrap().iter().find(|d| d["id"] == "operations-regulation").unwrap();
    assert_eq!((regulation["version"].as_u64(), regulation["state"].as_str()), (Some(1), Some("draft")));
    // The approval takes the guideline the folder's draft follows.
    approve_ok(&profile, &out, "2026-10-01", &[]);
    let folder = out.join("sakura-clinic");
    let manifest: serde_json::Value = manifest(&folder);
    assert_eq!(manifest["guideline"], "7.0");
    let doc = |id: &str| manifest["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
    let regulation = doc("operations-regulation");
    assert_eq!(regulation["version"], 2);
    assert!(regulation["history"][1]["reason"].as_str().unwrap().contains("第7.0版"));
    assert_eq!(doc("responsibility-matrix")["version"], 2, "its 準拠 line changed, so it is a new 版 too");
    assert!(folder.join("history/operations-regulation/1/operations-regulation.md").is_file());
    let statement = std::fs::read_to_string(folder.join("statement-of-applicability.md")).unwrap();
    assert!(statement.contains("保守委託機関に該当する"), "the sample contracts every server's updates in writing");

    let tables = dir.path().join("tables");
    let (code, _, stderr) = run(kitei()
        .arg("diff")
        .arg(&folder)
        .args(["--versions", "1,2", "--document", "operations-regulation", "-o"])
        .arg(&tables));
    assert_eq!(code, 1, "different versions exit 1: {stderr}");
    assert!(stderr.contains("operations-regulation: changed"), "{stderr}");
    let md = std::fs::read_to_string(tables.join("operations-regulation.diff.md")).unwrap();
    assert!(md.starts_with("# 医療情報システム運用管理規程 新旧対照表\n\nさくら内科クリニック　改正日　令和"), "{md}");
    assert!(md.contains("\n\n（傍線部分は改正部分）\n\n"), "{md}");
    // The title block prints as text, never as Markdown source (`# …` or `| 項目 | 内容 |`).
    assert!(!md.contains("\\#") && !md.contains("\\|") && !md.contains("\\-\\-\\-"), "{md}");
    assert!(md.contains("項目　内容"), "the title block's rows as text: {md}");
    let password_row =
        md.lines().find(|l| l.contains("（パスワード等の管理）")).expect("the password article is in the table");
    let (new_side, old_side) = {
        let cells: Vec<&str> = password_row.split(" | ").collect();
        (cells[0], cells[1])
    };
    assert!(
        old_side.contains("<ins>90日を超えない期間ごとに変更するとともに</ins>"),
        "periodic change removed: {old_side}"
    );
    assert!(
        new_side.contains("<ins>5回連続して認証に失敗した利用者IDを一時的に利用できなくする設定を行う。"),
        "lockout added: {new_side}"
    );
    assert!(md.contains("| （略） | （略） | |"));
    let text = pdf_text(&tables.join("operations-regulation.diff.pdf"));
    assert!(text.contains("改正後") && text.contains("改正前") && text.contains("（傍線部分は改正部分）"));
}

#[test]
fn diff_of_identical_documents_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "md"])).0, 0);
    let md = out.join("sakura-clinic/operations-regulation.md");
    let (code, stdout, _) = run(kitei().arg("diff").arg(&md).arg(&md));
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
}

#[test]
fn an_override_naming_an_old_id_still_builds_and_is_told_to_update() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let policy =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/security-policy.md"))
            .unwrap();
    // control.13-1 was kitei's own item numbered as if official; it is now control.13-k1.
    std::fs::write(templates.join("security-policy.md"), format!("{policy}\n[[meets:control.13-1]]\n")).unwrap();
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--format", "md", "--strict", "--templates"])
        .arg(&templates));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: template `security-policy.md`: `[[meets:control.13-1]]` names a renumbered requirement; it is now `control.13-k1`"),
        "{stderr}"
    );
}

#[test]
fn a_rulebook_built_before_the_numbering_correction_rebuilds_with_a_version_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = sample_copy(dir.path());
    let build =
        || run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md", "--date", "2026-12-01"]));
    assert_eq!(build().0, 0);
    // The manifest as a build before approvals and before the correction wrote it: every document
    // a 版, no numbering revision, and the 適用宣言書 (which printed the old numbers) with other content.
    let path = out.join("sakura-clinic/manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(manifest["numbering_revision"], 2, "a build records the numbering it used");
    let object = manifest.as_object_mut().unwrap();
    object.remove("numbering_revision");
    object.remove("lifecycle");
    object.insert("inputs_sha256".into(), "".into());
    for document in manifest["documents"].as_array_mut().unwrap() {
        let entry = document.as_object_mut().unwrap();
        entry.remove("state");
        entry.insert("version".into(), 1.into());
        entry.insert(
            "history".into(),
            serde_json::json!([{"version": 1, "date": "2026-04-01", "summary": "制定", "reason": "新規制定"}]),
        );
        if entry["id"] == "statement-of-applicability" {
            entry.insert("content_sha256".into(), "0".repeat(64).into());
        }
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();

    let (code, _, stderr) = build();
    assert_eq!(code, 0, "{stderr}");
    approve_ok(&profile, &out, "2026-12-01", &[]);
    let rebuilt = crate::support::manifest(&out.join("sakura-clinic"));
    let doc = |id: &str| rebuilt["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
    let statement = doc("statement-of-applicability");
    assert_eq!(statement["version"], 2);
    assert_eq!(statement["history"][1]["reason"], "遵守事項の番号を公表版に合わせて訂正");
    assert_eq!(doc("security-policy")["version"], 1, "unchanged documents keep their 版");
    assert_eq!(rebuilt["numbering_revision"], 2);
    let md = std::fs::read_to_string(out.join("sakura-clinic/statement-of-applicability.md")).unwrap();
    assert!(md.contains("| 第2版 | 令和8年12月1日 |") && md.contains("遵守事項の番号を公表版に合わせて訂正"), "{md}");
}
