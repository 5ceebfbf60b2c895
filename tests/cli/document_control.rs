//! Document control: a 版 covers everything printed, revisions run forward in time, `diff` sees
//! whole documents, and a hand-edited output is reported, never silently kept or overwritten.

use crate::support::*;

fn build(out: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    run(kitei().arg("build").arg("-o").arg(out).args(["--format", "md"]).args(extra))
}

fn version_of(folder: &std::path::Path, id: &str) -> serde_json::Value {
    let manifest = manifest(folder);
    manifest["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap()["version"].clone()
}

#[test]
fn a_changed_header_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = sample_copy(dir.path());
    let build_profile = |extra: &[&str]| run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(extra));
    assert_eq!(build_profile(&["--format", "md"]).0, 0);
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md"]);
    let (code, _, stderr) =
        build_profile(&["--format", "md", "--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"]);
    assert_eq!(code, 0, "{stderr}");
    approve_ok(&profile, &out, "2026-10-01", &["--format", "md"]);
    let folder = out.join("sakura-clinic");
    // Its body is the same under 7.0, but its 準拠 line is not: a different text, a new 版.
    assert_eq!(version_of(&folder, "responsibility-matrix"), 2);
    let md = std::fs::read_to_string(folder.join("responsibility-matrix.md")).unwrap();
    assert!(md.contains("第7.0版") && md.contains("| 版 | 第2版 |"), "{md}");
}

#[test]
fn approvals_may_not_run_backwards_without_allow_backdate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = variant(dir.path(), "clinic.yaml", "sakura-clinic", "sakura-clinic");
    let build_profile = |extra: &[&str]| {
        run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md"]).args(extra))
    };
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md"]);
    variant(dir.path(), "clinic.yaml", "さくら内科クリニック", "さくら内科・小児科クリニック");
    let (code, _, stderr) =
        run(kitei().arg("approve").arg(&profile).arg("-o").arg(&out).args(["--by", "院長", "--date", "2025-01-01"]));
    assert_ne!(code, 0);
    assert!(
        stderr.contains("before the last approval (2026-04-01)") && stderr.contains("--allow-backdate"),
        "{stderr}"
    );
    assert_eq!(version_of(&out.join("sakura-clinic"), "security-policy"), 1, "nothing was recorded");
    approve_ok(&profile, &out, "2025-01-01", &["--format", "md", "--allow-backdate"]);
    assert_eq!(version_of(&out.join("sakura-clinic"), "security-policy"), 2);

    let (code, _, stderr) = build_profile(&["--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = build_profile(&["--guideline", "6.0", "--date", "2026-11-01"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("follows guideline 7.0"), "{stderr}");
}

#[test]
fn a_changed_template_makes_a_draft_of_that_document_only_until_approved() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = sample_copy(dir.path());
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md"]);
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let bcp = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/bcp.md")).unwrap();
    std::fs::write(templates.join("bcp.md"), bcp + "\n追記。\n").unwrap();
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg(&profile)
        .arg("-o")
        .arg(&out)
        .args(["--format", "md"])
        .arg("--date")
        .arg("2026-05-01"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("draft: 1 document(s)"), "the build line counts the drafts: {stderr}");
    assert!(!stderr.contains("new 版"), "a build gives no 版: {stderr}");
    assert_eq!(version_of(&out.join("sakura-clinic"), "bcp"), 1);
    let stderr = approve_ok(&profile, &out, "2026-05-01", &["--format", "md"]);
    assert!(stderr.contains("approved: bcp 第2版") && stderr.contains("new 版: bcp 第2版"), "{stderr}");
    assert!(!stderr.contains("security-policy 第2版"), "{stderr}");
}

#[test]
fn diff_compares_whole_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.md"), dir.path().join("new.md"));
    std::fs::write(&old, "Hello world.\n").unwrap();
    std::fs::write(&new, "Goodbye world.\n").unwrap();
    let (code, stdout, stderr) = run(kitei().arg("diff").arg(&old).arg(&new));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("Goodbye") && stdout.contains("Hello"), "{stdout}");
}

#[test]
fn versions_must_be_given_old_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(build(&out, &[]).0, 0);
    let (code, _, stderr) = run(kitei().arg("diff").arg(out.join("sakura-clinic")).args(["--versions", "2,1"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("give the older 版 first"), "{stderr}");
}

#[test]
fn a_hand_edited_document_is_reported_and_neither_kept_silently_nor_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(build(&out, &[]).0, 0);
    let edited = out.join("sakura-clinic/security-policy.md");
    let text = std::fs::read_to_string(&edited).unwrap() + "\n手で追記した一文。\n";
    std::fs::write(&edited, &text).unwrap();
    for extra in [&[][..], &["--guideline", "7.0", "--date", "2026-10-01"][..]] {
        let (code, _, stderr) = build(&out, extra);
        assert_ne!(code, 0);
        assert!(
            stderr.contains("security-policy.md") && stderr.contains("edited by hand since kitei wrote it"),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
    }
    std::fs::remove_file(&edited).unwrap();
    assert_eq!(build(&out, &[]).0, 0, "once the edit is moved out, kitei writes the file again");
}
