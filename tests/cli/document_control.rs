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

/// The sample with `established:` written under its effective date.
fn established(dir: &std::path::Path, date: &str) -> std::path::PathBuf {
    variant(
        dir,
        "clinic.yaml",
        "  effective_date: 2026-04-01\n",
        &format!("  effective_date: 2026-04-01\n  established: {date}\n"),
    )
}

/// The line and column of `established:` in the profile, as a diagnostic names them.
fn established_at(profile: &std::path::Path) -> String {
    let text = std::fs::read_to_string(profile).unwrap();
    let line = text.lines().position(|l| l.trim_start().starts_with("established:")).unwrap() + 1;
    format!("clinic.yaml:{line}:3")
}

#[test]
fn an_establishment_after_the_effective_date_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let profile = established(dir.path(), "2026-05-01");
    let at = established_at(&profile);
    let (code, _, stderr) = run(kitei().current_dir(dir.path()).args(["check", "clinic.yaml"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&at) && stderr.contains("is after the effective date"), "{stderr}");
    assert!(stderr.contains("make it 2026-04-01 or earlier, or remove the line"), "{stderr}");
    let (code, _, stderr) = run(kitei().current_dir(dir.path()).args(["check", "clinic.yaml", "--lang", "ja"]));
    assert_eq!(code, 1);
    assert!(stderr.contains(&at) && stderr.contains("が施行日（effective_date: 2026-04-01）より後です"), "{stderr}");
    let (code, _, stderr) = run(kitei().current_dir(dir.path()).args(["build", "clinic.yaml", "-o", "out"]));
    assert_ne!(code, 0);
    assert!(stderr.contains(&at), "{stderr}");
    assert!(!dir.path().join("out/sakura-clinic").exists(), "nothing built");
}

#[test]
fn an_earlier_establishment_claims_no_version_before_one_is_approved() {
    let dir = tempfile::tempdir().unwrap();
    let profile = established(dir.path(), "2024-04-01");
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.join("sakura-clinic");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains("令和6年4月1日"), "{}: the profile's 制定日 is printed", path.display());
            assert!(!text.contains("| 制定日 |") && !text.contains("| 第1版 |"), "{}", path.display());
        }
    }
    let regulation = std::fs::read_to_string(folder.join("operations-regulation.md")).unwrap();
    assert_eq!(regulation.matches("## 附則").count(), 1, "{regulation}");
    assert!(regulation.contains("この規程は、令和8年4月1日から施行する。"));
    assert!(regulation.contains("| ― | ― | ― | ― | 承認前 |"), "no 改訂履歴 row before an approval");

    // Approving on another day than the profile's 制定日 is refused before anything is recorded.
    let (code, _, stderr) =
        run(kitei().arg("approve").arg(&profile).arg("-o").arg(&out).args(["--by", "院長", "--date", "2026-04-01"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("the first approval would be dated 2026-04-01"), "{stderr}");
    assert!(stderr.contains("write established: 2026-04-01 here or remove the line"), "{stderr}");
    assert!(!dir.path().join("clinic.approvals.yaml").exists(), "nothing recorded");
}

#[test]
fn once_approved_the_establishment_is_the_first_versions_date_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let profile = established(dir.path(), "2026-03-20");
    let out = dir.path().join("out");
    // An approval dated before what its text reports (a contract confirmed on 2026-03-05) is backdated.
    let (code, _, stderr) = run(kitei().arg("approve").arg(&profile).arg("-o").arg(&out).args([
        "--by",
        "院長",
        "--date",
        "2026-03-01",
        "--effective",
        "2026-04-01",
    ]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is before the role split confirmed with 「")
            && !stderr.contains("vendors.")
            && stderr.contains("--allow-backdate"),
        "{stderr}"
    );
    approve_ok(&profile, &out, "2026-03-20", &["--effective", "2026-04-01", "--format", "md"]);
    let regulation = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(regulation.contains("| 制定日 | 令和8年3月20日 |"), "{regulation}");
    assert!(regulation.contains("| 第1版 | 令和8年3月20日 | 令和8年4月1日 | 制定 |"), "{regulation}");
    assert_eq!(regulation.matches("## 附則").count(), 1);
    assert!(regulation.contains("この規程は、令和8年4月1日から施行する。"));

    // The profile may not state a second 制定日 afterwards.
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, text.replace("established: 2026-03-20", "established: 2026-03-01")).unwrap();
    let at = established_at(&profile);
    for command in [&["check", "clinic.yaml"][..], &["build", "clinic.yaml", "-o", "out", "--format", "md"]] {
        let (code, _, stderr) = run(kitei().current_dir(dir.path()).args(command));
        assert_ne!(code, 0, "{command:?}");
        assert!(stderr.contains(&at) && stderr.contains("clinic.approvals.yaml (第1版, 2026-03-20)"), "{stderr}");
        assert!(stderr.contains("write established: 2026-03-20 here or remove the line"), "{stderr}");
    }
    let (_, _, stderr) = run(kitei().current_dir(dir.path()).args(["check", "clinic.yaml", "--lang", "ja"]));
    assert!(
        stderr.contains("承認記録 clinic.approvals.yaml の最初の承認（第1版、2026-03-20）と一致しません"),
        "{stderr}"
    );
    // Without the line, the approvals alone say when the rules were made.
    std::fs::write(&profile, text.replace("  established: 2026-03-20\n", "")).unwrap();
    let (code, _, stderr) =
        run(kitei().current_dir(dir.path()).args(["build", "clinic.yaml", "-o", "out", "--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    let regulation = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(regulation.contains("| 制定日 | 令和8年3月20日 |"), "{regulation}");
}
