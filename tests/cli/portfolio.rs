//! A vendor's portfolio: one source for the guideline version (the 7.0 revision without a loop),
//! the batch summary (grouped new 版, 変更なし), `kitei diff` on a batch folder, `kitei report`
//! and shards.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Two local edits of the 規程; the built-in text under `password` changes in 7.0.
const TWO_EDITS: &str = "edits:
  - replace: violation
    text: 職員等がこの規程に違反したときは、就業規則の定めるところにより懲戒処分を行う。
  - append: password
    text: パスワードは紙に書いて端末に貼ってはならない。
";

/// The sample as `clinic.yaml` in a fresh folder, with the two local edits.
fn clinic() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("clinic.yaml");
    std::fs::copy(sample(), &profile).unwrap();
    std::fs::create_dir(dir.path().join("local")).unwrap();
    std::fs::write(dir.path().join("local/operations-regulation.yaml"), TWO_EDITS).unwrap();
    (dir, profile)
}

/// `kitei ARGS…` run in `dir` (so `out/` is the default output of build and local).
fn kitei_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(kitei().current_dir(dir).args(args))
}

#[test]
fn the_7_0_revision_with_two_local_edits_runs_from_build_to_accepted_without_a_loop() {
    let (dir, _) = clinic();
    let dir = dir.path();
    assert_eq!(kitei_in(dir, &["build", "clinic.yaml", "--format", "md"]).0, 0);
    let (code, _, stderr) = kitei_in(dir, &["local", "accept", "clinic.yaml", "--all"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("using guideline 6.0 (from the last build"), "{stderr}");

    // --guideline on a profile that says 6.0 stops at the line to change, and writes nothing.
    let (code, _, stderr) =
        kitei_in(dir, &["build", "clinic.yaml", "--format", "md", "--guideline", "7.0", "--date", "2026-10-01"]);
    assert_ne!(code, 0);
    let line = std::fs::read_to_string(dir.join("clinic.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("guideline:"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("clinic.yaml:{line}:")), "{stderr}");
    assert!(stderr.contains("guideline: \"7.0\""), "{stderr}");
    assert_eq!(manifest(&dir.join("out/sakura-clinic"))["guideline"], "6.0");

    // --set-guideline builds and then records the version in the profile, losslessly.
    let before = std::fs::read_to_string(dir.join("clinic.yaml")).unwrap();
    let (code, _, stderr) = kitei_in(
        dir,
        &["build", "clinic.yaml", "--format", "md", "--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("set guideline: \"7.0\""), "{stderr}");
    assert!(stderr.contains("changed since the edit was accepted"), "7.0 changes the text under an edit: {stderr}");
    let after = std::fs::read_to_string(dir.join("clinic.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("guideline: \"7.0\""), "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());

    // local status follows the last build (7.0), says so, and names the edit to review.
    let (code, stdout, stderr) = kitei_in(dir, &["local", "status", "clinic.yaml"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("using guideline 7.0 (from the last build"), "{stderr}");
    assert!(stdout.contains("append password — the built-in text changed"), "{stdout}");
    assert!(stdout.contains("replace violation — accepted"), "{stdout}");

    let (code, _, stderr) = kitei_in(dir, &["local", "accept", "clinic.yaml", "password"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kitei_in(dir, &["local", "status", "clinic.yaml"]).0, 0, "both edits accepted");
    let (code, _, stderr) = kitei_in(dir, &["build", "clinic.yaml", "--format", "md", "--strict"]);
    assert_eq!(code, 0, "--strict passes without --guideline: {stderr}");
    let (code, _, stderr) = kitei_in(dir, &["build", "clinic.yaml", "--format", "md"]);
    assert_eq!(code, 0, "a later plain build: {stderr}");
    assert!(stderr.contains("unchanged さくら内科クリニック"), "{stderr}");
    assert!(!stderr.contains("--date"), "{stderr}");
    assert_eq!(manifest(&dir.join("out/sakura-clinic"))["guideline"], "7.0");

    // A profile put back to 6.0 under a 7.0 build names its line, not --date.
    std::fs::write(dir.join("clinic.yaml"), &before).unwrap();
    let (code, _, stderr) = kitei_in(dir, &["build", "clinic.yaml", "--format", "md"]);
    assert_ne!(code, 0);
    assert!(stderr.contains(&format!("clinic.yaml:{line}: the last build follows guideline 7.0")), "{stderr}");
    assert!(stderr.contains("guideline: \"7.0\"") && !stderr.contains("--date"), "{stderr}");
}
