//! `kitei build`: files, determinism, atomic writes, escaping, versions.

use std::process::Command;

use crate::support::*;

const DOCUMENTS: [&str; 13] = [
    "security-policy",
    "operations-regulation",
    "user-manual",
    "incident-procedure",
    "downtime-manual",
    "backup-procedure",
    "bcp",
    "cyber-response-plan",
    "asset-register",
    "responsibility-matrix",
    "statement-of-applicability",
    "open-items",
    "traceability-matrix",
];

#[test]
fn the_sample_builds_every_document_as_markdown_and_pdf() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.path().join("sakura-clinic");
    for id in DOCUMENTS {
        assert!(folder.join(format!("{id}.md")).is_file(), "{id}.md");
        assert!(folder.join(format!("{id}.pdf")).is_file(), "{id}.pdf");
    }
    let manifest: serde_json::Value = manifest(&folder);
    assert_eq!(manifest["guideline"], "6.0");
    assert_eq!(manifest["documents"].as_array().unwrap().len(), DOCUMENTS.len());
    assert_eq!(manifest["profile_sha256"].as_str().unwrap().len(), 64);

    let text = pdf_text(&folder.join("operations-regulation.pdf"));
    assert!(text.contains("さくら内科クリニック"), "{text}");
    assert!(text.contains("医療情報システム運用管理規程"));
    let fonts = Command::new("pdffonts").arg(folder.join("security-policy.pdf")).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("BIZUDPMincho-Regular") && fonts.contains("BIZUDPGothic-Bold"), "{fonts}");
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes ")), "every font embedded: {fonts}");
}

#[test]
fn building_twice_gives_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(dir.path()));
        assert_eq!(code, 0, "{stderr}");
    }
    assert!(a.path().join("sakura-clinic/sources.pdf").is_file(), "the 根拠資料 is compared too");
    assert_eq!(snapshot_tree(a.path()), snapshot_tree(b.path()));
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(run(kitei().arg("build").arg("-o").arg(out.path())).0, 0);
    let before = snapshot_tree(out.path());
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(templates.path().join("bcp.md"), "## 壊れた様式\n{{ facility.name | no_such_filter }}\n").unwrap();
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg("-o")
        .arg(out.path())
        .arg("--templates")
        .arg(templates.path())
        .arg("--date")
        .arg("2027-01-01"));
    assert_ne!(code, 0);
    assert!(stderr.contains("bcp.md"), "{stderr}");
    assert_eq!(snapshot_tree(out.path()), before);
}

#[test]
fn a_template_override_is_used_on_every_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", "id: sakura-clinic", "id: override-clinic");
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/security-policy.md"),
        "## 当院の方針\n\n{{ facility.name }}独自の方針である。\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    for _ in 0..2 {
        assert_eq!(run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).arg("--format").arg("md")).0, 0);
        let md = std::fs::read_to_string(out.join("override-clinic/security-policy.md")).unwrap();
        assert!(md.contains("さくら内科クリニック独自の方針である。"), "{md}");
    }
}

#[test]
fn profile_strings_are_data_in_markdown_and_pdf() {
    let hostile = r##"#read("/etc/passwd") {{ x }} {% if %} *bold* $x$ <b>b</b> `code` [[ref:purpose]]"##;
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "hostile.yaml", "name: さくら内科クリニック", &format!("name: '{hostile}'"));
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(out.join("sakura-clinic/security-policy.md")).unwrap();
    let rendered: String = pulldown_cmark::Parser::new(&md)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect();
    assert!(rendered.contains(hostile), "Markdown renders the name literally: {rendered}");
    let text = pdf_text(&out.join("sakura-clinic/security-policy.pdf"));
    for piece in
        ["#read(\"/etc/passwd\")", "{{ x }}", "{% if %}", "*bold*", "$x$", "<b>b</b>", "`code`", "[[ref:purpose]]"]
    {
        assert!(text.contains(piece), "PDF shows {piece} literally: {text}");
    }
}

#[test]
fn unchanged_rebuilds_keep_versions_and_changes_bump_them_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let original = variant(dir.path(), "clinic.yaml", "id: sakura-clinic", "id: sakura-clinic");
    assert_eq!(run(kitei().arg("build").arg(&original).arg("-o").arg(&out)).0, 0);
    approve_ok(&original, &out, "2026-04-01", &[]);
    assert_eq!(run(kitei().arg("build").arg(&original).arg("-o").arg(&out)).0, 0);
    let first = snapshot_tree(&out);
    assert_eq!(run(kitei().arg("build").arg(&original).arg("-o").arg(&out)).0, 0);
    assert_eq!(snapshot_tree(&out), first, "a no-change rebuild rewrites nothing");

    let changed = variant(
        dir.path(),
        "clinic.yaml",
        "services: [オンライン資格確認用回線・VPNルータの設置と保守, インターネット接続用UTMの設置と保守]",
        "services: [回線とVPNルータの保守]",
    );
    let (code, _, stderr) = run(kitei().arg("build").arg(&changed).arg("-o").arg(&out).arg("--date").arg("2026-10-01"));
    assert_eq!(code, 0, "{stderr}");
    approve_ok(&changed, &out, "2026-10-01", &[]);
    let manifest: serde_json::Value = manifest(&out.join("sakura-clinic"));
    let version = |id: &str| {
        manifest["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap()["version"].as_u64().unwrap()
    };
    assert_eq!(version("operations-regulation"), 2, "the regulation's 別表第3 lists the vendor's services");
    assert_eq!(version("statement-of-applicability"), 1, "the statement does not");
    assert!(out.join("sakura-clinic/history/operations-regulation/1/operations-regulation.md").is_file());
    assert!(out.join("sakura-clinic/history/operations-regulation/1/operations-regulation.pdf").is_file());
    let md = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(md.contains("| 第2版 | 令和8年10月1日 |"), "{md}");
    assert!(md.contains("## 附則（令和8年10月1日）"), "the revision adds its 附則: {md}");
    assert!(
        out.join("sakura-clinic/checklist/checklist-R8.xlsx").is_file(),
        "the checklist folder is kitei's: rewritten on a changing rebuild, not refused as a user's file"
    );
}

#[test]
fn a_broken_profile_fails_alone_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let good = variant(dir.path(), "a.yaml", "id: sakura-clinic", "id: clinic-a");
    let bad = variant(dir.path(), "b.yaml", "id: sakura-clinic", "id: clinic-b\nunknown_key: 1");
    let out = dir.path().join("out");
    let (code, _, stderr) =
        run(kitei().arg("build").arg(&good).arg(&bad).arg("-o").arg(&out).arg("--format").arg("md"));
    assert_ne!(code, 0);
    assert!(out.join("clinic-a/security-policy.md").is_file());
    assert!(!out.join("clinic-b").exists());
    assert!(stderr.contains("unknown key `unknown_key`"), "{stderr}");
    assert!(stderr.contains("1 built, 1 failed"), "{stderr}");
}

#[test]
fn facility_ids_cannot_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["../escape", "/etc/x"] {
        let profile = variant(dir.path(), "p.yaml", "id: sakura-clinic", &format!("id: \"{id}\""));
        let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(dir.path().join("out")));
        assert_ne!(code, 0);
        assert!(stderr.contains("cannot be used as a folder name"), "{stderr}");
    }
    assert!(!dir.path().join("escape").exists());
}
