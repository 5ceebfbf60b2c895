//! What kitei writes never costs what it did not write, nor its own history; what a facility
//! writes beside the profile cannot make kitei's structure; work is bounded.

use std::path::{Path, PathBuf};

use crate::support::*;

/// The sample as `clinic.yaml` in a fresh folder.
fn facility() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("clinic.yaml");
    std::fs::copy(sample(), &profile).unwrap();
    (dir, profile)
}

fn build(profile: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(extra))
}

/// Changes the profile's text (not its meaning), so the next build writes its folder again.
fn touch(profile: &Path, note: &str) {
    let text = std::fs::read_to_string(profile).unwrap();
    std::fs::write(profile, format!("{text}\n# {note}\n")).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
#[cfg(unix)]
fn files_and_folders_kitei_did_not_write_survive_anywhere_with_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--format", "md"]).0, 0);
    let folder = out.join("sakura-clinic");
    std::fs::write(folder.join("checklist/note.txt"), "mine").unwrap();
    std::fs::create_dir_all(folder.join("scans/empty")).unwrap();
    std::fs::create_dir_all(folder.join("private")).unwrap();
    std::fs::write(folder.join("private/signed.pdf"), "scan").unwrap();
    std::fs::set_permissions(folder.join("private"), std::fs::Permissions::from_mode(0o700)).unwrap();
    let (code, _, stderr) = run(kitei()
        .args(["checklist"])
        .arg(&profile)
        .args(["--edition", "R7"])
        .arg("-o")
        .arg(folder.join("checklist")));
    assert_eq!(code, 0, "{stderr}");
    assert!(folder.join("checklist/checklist-R7.xlsx").is_file());

    touch(&profile, "rebuilt");
    let (code, _, stderr) = build(&profile, &out, &["--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(folder.join("checklist/note.txt")).unwrap(), "mine");
    assert!(folder.join("checklist/checklist-R7.xlsx").is_file(), "kitei checklist's own output survives");
    assert!(folder.join("checklist/checklist-R8.xlsx").is_file());
    assert!(folder.join("scans/empty").is_dir(), "an empty folder survives");
    assert_eq!(std::fs::read_to_string(folder.join("private/signed.pdf")).unwrap(), "scan");
    assert_eq!(mode(&folder.join("private")), 0o700, "a private folder stays private");
    let listed = manifest(&folder)["files"].as_array().unwrap().len();
    assert!(listed >= 2, "the checklist's files are in the manifest");
}

#[test]
fn a_hand_edited_docx_stops_the_build_and_is_kept() {
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--format", "md,docx"]).0, 0);
    let docx = out.join("sakura-clinic/security-policy.docx");
    let mut bytes = std::fs::read(&docx).unwrap();
    bytes.extend_from_slice(b"edited");
    std::fs::write(&docx, &bytes).unwrap();
    touch(&profile, "rebuilt");
    let (code, _, stderr) = build(&profile, &out, &["--format", "md,docx", "--date", "2026-10-01"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("security-policy.docx"), "{stderr}");
    assert_eq!(std::fs::read(&docx).unwrap(), bytes, "the edited file is untouched");
}

#[test]
fn a_build_killed_between_the_two_renames_is_recovered_with_its_history() {
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--format", "md"]).0, 0);
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md"]);
    let folder = out.join("sakura-clinic");
    // The state a build killed after moving the previous output aside leaves: no folder, the
    // previous output in `.…kitei-old-*/previous`, a complete staged folder beside it.
    let aside = out.join(".sakura-clinic.kitei-old-x1");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::rename(&folder, aside.join("previous")).unwrap();
    std::fs::create_dir_all(out.join(".sakura-clinic.kitei-new-y2/history")).unwrap();

    let changed = variant(dir.path(), "clinic.yaml", "name: さくら内科クリニック", "name: さくら内科医院");
    let (code, _, stderr) = build(&changed, &out, &["--format", "md", "--date", "2026-10-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("put back"), "{stderr}");
    approve_ok(&changed, &out, "2026-10-01", &["--format", "md"]);
    let manifest = manifest(&folder);
    let versions: Vec<u64> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["state"] != "register")
        .map(|d| d["version"].as_u64().unwrap())
        .collect();
    assert!(versions.iter().all(|v| *v == 2), "history goes on at 第2版: {versions:?}");
    assert!(folder.join("history/security-policy/1/security-policy.md").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("sakura-clinic")], "{leftovers:?}");
}

#[test]
#[cfg(unix)]
fn a_fifo_or_a_symlink_at_the_lock_is_refused_without_hanging_or_writing_through() {
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let lock = out.join(".sakura-clinic.kitei-lock");
    let fifo = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let (code, _, stderr) = build(&profile, &out, &["--format", "md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");

    std::fs::remove_file(&lock).unwrap();
    let target = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let (code, _, stderr) = build(&profile, &out, &["--format", "md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!target.exists(), "nothing is created at the link's target");
}

#[test]
fn diff_never_writes_over_its_inputs() {
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--format", "md"]).0, 0);
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md"]);
    let changed = variant(dir.path(), "clinic.yaml", "name: さくら内科クリニック", "name: さくら内科医院");
    assert_eq!(build(&changed, &out, &["--format", "md", "--date", "2026-10-01"]).0, 0);
    approve_ok(&changed, &out, "2026-10-01", &["--format", "md"]);
    let folder = out.join("sakura-clinic");
    let (code, _, stderr) =
        run(kitei().arg("diff").arg(&folder).args(["--versions", "1,2", "--format", "md", "-o"]).arg(&folder));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is one of the compared inputs"), "{stderr}");

    let tables = dir.path().join("tables");
    std::fs::create_dir_all(&tables).unwrap();
    let old = tables.join("security-policy.diff.md");
    std::fs::copy(folder.join("history/security-policy/1/security-policy.md"), &old).unwrap();
    let before = std::fs::read(&old).unwrap();
    let new = tables.join("security-policy.md");
    std::fs::copy(folder.join("security-policy.md"), &new).unwrap();
    let (code, _, stderr) = run(kitei().arg("diff").arg(&old).arg(&new).args(["--format", "md", "-o"]).arg(&tables));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read(&old).unwrap(), before, "the OLD input is untouched");
}

#[test]
#[cfg(unix)]
fn init_does_not_write_through_a_symlink_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "precious").unwrap();
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (code, _, stderr) =
        run(kitei().args(["init", "--hosting", "cloud", "--dedicated-staff", "no", "--force", "-o"]).arg(&link));
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("is a symlink"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
}

#[test]
fn templates_export_reports_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("security-policy.md")).unwrap();
    std::fs::write(templates.join("operations-regulation"), "a file").unwrap();
    let (code, _, stderr) = run(kitei().args(["templates", "export"]).arg(&templates).arg("--force"));
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("security-policy.md") && stderr.contains("operations-regulation"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(&templates).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(written.len(), 2, "nothing else was written: {written:?}");
}

/// The sample with `local/operations-regulation.yaml`.
fn with_edits(edits: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, profile) = facility();
    std::fs::create_dir_all(dir.path().join("local")).unwrap();
    std::fs::write(dir.path().join("local/operations-regulation.yaml"), edits).unwrap();
    (dir, profile)
}

#[test]
fn a_local_edit_cannot_make_an_article_meet_a_requirement() {
    let edits = "edits:\n  - replace: violation\n    text: |\n      （空）\n      [[meets:management.15-4]]\n";
    let (dir, profile) = with_edits(edits);
    let out = dir.path().join("out");
    for strict in [&["--format", "md"][..], &["--format", "md", "--strict"][..]] {
        let (code, _, stderr) = build(&profile, &out, strict);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("operations-regulation.yaml:5:7"), "{stderr}");
        assert!(stderr.contains("`[[meets:management.15-4]]` is kitei's marker"), "{stderr}");
    }
    assert!(!out.join("sakura-clinic").exists());
}

#[test]
fn local_edits_cannot_write_chapters_headings_comments_or_odd_labels() {
    for (edits, expected) in [
        ("edits:\n  - append: violation\n    text: \"[[chapter:附則]]\"\n", "[[chapter:附則]]"),
        ("edits:\n  - append: violation\n    text: |\n      文\n      ## 附則\n", "## 附則"),
        ("edits:\n  - append: violation\n    text: \"<!-- article:x -->\"\n", "<!--"),
        ("edits:\n  - insert_after: violation\n    label: a|b\n    title: 題\n    text: 文\n", "`a|b`"),
    ] {
        let (dir, profile) = with_edits(edits);
        let (code, _, stderr) = build(&profile, &dir.path().join("out"), &["--format", "md"]);
        assert_eq!(code, 1, "{edits}: {stderr}");
        assert!(stderr.contains(expected) && stderr.contains("operations-regulation.yaml:"), "{stderr}");
    }
}

#[test]
fn other_markdown_in_a_local_edit_prints_as_written() {
    let edits = "edits:\n  - append: violation\n    text: \"**重要** な点は[[ref:purpose]]のとおり\"\n";
    let (dir, profile) = with_edits(edits);
    let out = dir.path().join("out");
    let (code, _, stderr) = build(&profile, &out, &["--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    assert!(text.contains(r"\*\*重要\*\* な点は第1条のとおり"), "escaped, the reference resolved");
}

#[test]
fn a_template_whose_output_passes_the_limit_is_refused_by_name() {
    let (dir, profile) = facility();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let doubling =
        "{% set_global s = \"xxxxxxxx\" %}{% for i in range(end=21) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}";
    std::fs::write(dir.path().join("templates/security-policy.md"), doubling).unwrap();
    let (code, _, stderr) = build(&profile, &dir.path().join("out"), &["--format", "md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("security-policy.md") && stderr.contains("over the limit of 8 MB"), "{stderr}");
}

#[test]
fn a_template_doubling_a_string_without_end_stops_at_the_memory_limit() {
    let (dir, profile) = facility();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let doubling =
        "{% set_global s = \"xxxxxxxx\" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}";
    std::fs::write(dir.path().join("templates/security-policy.md"), doubling).unwrap();
    let (code, _, stderr) = build(&profile, &dir.path().join("out"), &["--format", "md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("used too much memory"), "{stderr}");
    assert!(!dir.path().join("out/sakura-clinic").exists());
}

#[test]
fn a_profile_past_the_limits_is_refused_at_its_list() {
    let (dir, _) = facility();
    let asset = "  - { name: 端末, kind: pc, location: 受付, os: Windows 11 Pro }\n";
    let many = format!("assets:\n{}", asset.repeat(2_001));
    let profile = variant(dir.path(), "big.yaml", "assets:\n", &many);
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("`assets` has 2006 entries, over the limit of 2000"), "{stderr}");
}

#[test]
fn kitei_checklist_answering_again_into_the_folder_is_not_a_hand_edit() {
    let (dir, profile) = facility();
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--format", "md"]).0, 0);
    let checklist = out.join("sakura-clinic/checklist");
    let before = std::fs::read(checklist.join("checklist-R8.md")).unwrap();
    let (code, _, stderr) =
        run(kitei().arg("checklist").arg(&profile).args(["--date", "2026-12-01", "-o"]).arg(&checklist));
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(std::fs::read(checklist.join("checklist-R8.md")).unwrap(), before, "answered on another date");
    touch(&profile, "rebuilt");
    let (code, _, stderr) = build(&profile, &out, &["--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
}
