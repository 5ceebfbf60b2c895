//! Local edits (local/<document>.yaml): applied per article, renumbered, shown in the 新旧対照表,
//! and checked against the built-in text they were accepted on.

use std::path::{Path, PathBuf};

use crate::support::*;

const EDITS: &str = "edits:
  - replace: violation
    text: |
      職員等がこの規程に違反したときは、就業規則の定めるところにより懲戒処分を行う。

      事業者の違反には、委託契約の定めるところにより必要な措置を講じる。
  - insert_after: violation
    label: usb-memory
    title: USBメモリの利用
    text: 職員等は、許可なくUSBメモリを医療情報システムの端末に接続してはならない。[[ref:violation]]の規定を準用する。
";

/// A facility folder: the sample profile as `clinic.yaml`, with `local/operations-regulation.yaml`.
fn facility(edits: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("clinic.yaml");
    std::fs::copy(sample(), &profile).unwrap();
    write_edits(dir.path(), edits);
    (dir, profile)
}

fn write_edits(dir: &Path, edits: &str) {
    std::fs::create_dir_all(dir.join("local")).unwrap();
    std::fs::write(dir.join("local/operations-regulation.yaml"), edits).unwrap();
}

fn build(profile: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(["--format", "md"]).args(extra))
}

#[test]
fn edits_renumber_and_the_comparison_shows_exactly_them() {
    let (dir, profile) = facility("edits: []\n");
    let out = dir.path().join("out");
    assert_eq!(build(&profile, &out, &["--strict"]).0, 0);
    approve_ok(&profile, &out, "2026-04-01", &[]);
    write_edits(dir.path(), EDITS);

    let (code, _, stderr) = build(&profile, &out, &["--strict", "--date", "2026-10-01"]);
    assert_eq!(code, 1, "--strict fails while edits are not accepted: {stderr}");
    assert!(stderr.contains("`replace violation` is not accepted yet"), "{stderr}");
    let (code, _, stderr) = build(&profile, &out, &["--date", "2026-10-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: operations-regulation: `insert_after usb-memory` is not accepted yet"),
        "{stderr}"
    );

    let (code, _, stderr) =
        run(kitei().arg("approve").arg(&profile).arg("-o").arg(&out).args(["--by", "院長", "--date", "2026-10-01"]));
    assert_eq!(code, 2, "unaccepted local edits are not approved: {stderr}");
    assert!(stderr.contains("local edit(s) are not accepted") && stderr.contains("--allow-open"), "{stderr}");

    let (code, _, stderr) = run(kitei().args(["local", "accept"]).arg(&profile).arg("--all"));
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("local/operations-regulation.accepted.yaml").is_file());
    let (code, _, stderr) = build(&profile, &out, &["--strict", "--date", "2026-10-01"]);
    assert_eq!(code, 0, "accepted edits pass --strict: {stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    approve_ok(&profile, &out, "2026-10-01", &[]);

    let folder = out.join("sakura-clinic");
    let md = std::fs::read_to_string(folder.join("operations-regulation.md")).unwrap();
    let number = |title: &str| -> usize {
        let line = md.lines().find(|l| l.starts_with("#### 第") && l.contains(title)).expect(title);
        line.trim_start_matches("#### 第").split('条').next().unwrap().parse().unwrap()
    };
    let (violation, usb) = (number("（違反に対する措置）"), number("（USBメモリの利用）"));
    assert_eq!(usb, violation + 1, "the new article is numbered after the one it follows");
    assert!(md.contains("２　事業者の違反には"), "a second paragraph becomes 項 ２");
    assert!(md.contains(&format!("第{violation}条の規定を準用する。")), "references resolve to numbers");
    assert!(!md.contains("処分を行うことがある"));

    let (code, stdout, stderr) =
        run(kitei().arg("diff").arg(&folder).args(["--versions", "1,2", "--document", "operations-regulation"]));
    assert_eq!(code, 1, "{stderr}");
    let rows: Vec<&str> = stdout.lines().filter(|l| l.ends_with("| 変更 |") || l.ends_with("| 新設 |")).collect();
    assert_eq!(
        rows.len(),
        5,
        "the title block (版), the edited article, the new one, the 目次's article range and the new 附則: {stdout}"
    );
    assert!(rows.iter().any(|r| r.contains("（違反に対する措置）") && r.ends_with("| 変更 |")), "{stdout}");
    assert!(rows.iter().any(|r| r.contains("（USBメモリの利用）") && r.ends_with("| 新設 |")), "{stdout}");
    assert!(rows.iter().any(|r| r.starts_with("| 目次") && r.ends_with("| 変更 |")), "{stdout}");
    assert!(stderr.contains("changed 3 / added 2 / removed 0 / moved 0"), "{stderr}");
}

#[test]
fn a_built_in_change_under_an_edit_warns_and_status_shows_three_texts() {
    let (dir, profile) = facility(EDITS);
    let out = dir.path().join("out");
    assert_eq!(run(kitei().args(["local", "accept"]).arg(&profile).args(["violation", "usb-memory"])).0, 0);
    let (code, stdout, _) = run(kitei().args(["local", "status"]).arg(&profile));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("operations-regulation: replace violation — accepted"), "{stdout}");

    // A new kitei whose built-in article changed, simulated by a template override.
    let chapter = "operations-regulation/11-miscellaneous.md";
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates").join(chapter);
    let changed = std::fs::read_to_string(builtin).unwrap().replace("処分を行うことがある", "懲戒処分を行うことがある");
    std::fs::create_dir_all(dir.path().join("templates/operations-regulation")).unwrap();
    std::fs::write(dir.path().join("templates").join(chapter), changed).unwrap();

    let (code, _, stderr) = build(&profile, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: operations-regulation: the built-in text under `replace violation` changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the built-in text under `insert_after usb-memory` changed"),
        "an inserted article is made against the one it follows: {stderr}"
    );
    assert_eq!(build(&profile, &out, &["--strict"]).0, 1);

    let (code, stdout, _) = run(kitei().args(["local", "status"]).arg(&profile));
    assert_eq!(code, 1, "an edit needs review: {stdout}");
    let section = |title: &str| -> String {
        let start = stdout.find(&format!("── {title} ──")).unwrap_or_else(|| panic!("{title}: {stdout}"));
        stdout[start..].lines().skip(1).take_while(|l| l.starts_with("    ")).collect::<Vec<_>>().join("\n")
    };
    assert!(section("built-in when accepted").contains("就業規則その他の定めるところにより処分を行うことがある"));
    assert!(section("built-in now").contains("懲戒処分を行うことがある"));
    assert!(section("what changed in the built-in text").contains("{+懲戒+}"), "{stdout}");
    assert!(section("local").contains("懲戒処分を行う。"), "{stdout}");

    assert_eq!(run(kitei().args(["local", "accept"]).arg(&profile).arg("violation")).0, 0);
    let (code, _, stderr) = build(&profile, &out, &["--strict"]);
    assert_eq!(code, 1, "usb-memory is still to review: {stderr}");
    assert!(!stderr.contains("`replace violation`"), "{stderr}");
    assert_eq!(run(kitei().args(["local", "accept"]).arg(&profile).arg("usb-memory")).0, 0);
    let (code, _, stderr) = build(&profile, &out, &["--strict"]);
    assert_eq!(code, 0, "re-accepted: {stderr}");
}

#[test]
fn an_edit_of_a_missing_article_is_an_error_naming_it() {
    let (dir, profile) = facility("edits:\n  - append: violaton\n    text: 追加。\n");
    let (code, _, stderr) = build(&profile, &dir.path().join("out"), &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("local/operations-regulation.yaml:2:"), "{stderr}");
    assert!(stderr.contains("has no article labelled `violaton`"), "{stderr}");
    assert!(stderr.contains("did you mean `violation`?"), "{stderr}");
    let (code, _, stderr) = run(kitei().args(["local", "accept"]).arg(&profile).arg("--all"));
    assert_eq!(code, 2, "{stderr}");
    assert!(!dir.path().join("local/operations-regulation.accepted.yaml").exists());
}

#[test]
fn accepting_an_unknown_label_fails() {
    let (_dir, profile) = facility(EDITS);
    let (code, _, stderr) = run(kitei().args(["local", "accept"]).arg(&profile).arg("nothing-here"));
    assert_eq!(code, 2);
    assert!(stderr.contains("no local edit is labelled nothing-here"), "{stderr}");
}

#[test]
fn templates_export_writes_the_built_in_templates_and_keeps_edited_copies() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("templates");
    let (code, _, stderr) = run(kitei().args(["templates", "export"]).arg(&target));
    assert_eq!(code, 0, "{stderr}");
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let builtin_files: Vec<_> =
        snapshot_tree(&builtin).into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "md")).collect();
    for (path, bytes) in &builtin_files {
        let exported = std::fs::read_to_string(target.join(path)).unwrap();
        let (base, body) = exported.split_once('\n').unwrap();
        assert!(base.starts_with("{# kitei-base sha256=") && base.ends_with("#}"), "{path:?}: {base}");
        assert_eq!(body.as_bytes(), bytes.as_slice(), "{path:?}");
    }
    assert!(builtin_files.len() >= 13, "{}", builtin_files.len());
    assert!(
        builtin_files.iter().any(|(p, _)| p.starts_with("operations-regulation")),
        "the 規程 is exported in chapters"
    );
    let (code, _, stderr) = run(kitei().args(["templates", "export"]).arg(&target));
    assert_eq!(code, 2, "existing copies are not overwritten without --force");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(run(kitei().args(["templates", "export", "--force"]).arg(&target)).0, 0);
}

#[test]
fn guideline_diff_for_a_facility_cites_the_article_numbers_of_its_own_regulation() {
    // A new article right after the first moves every later article of the facility's 規程.
    let (dir, profile) = facility(
        "edits:
  - insert_after: purpose
    label: local-notice
    title: 周知
    text: 企画管理者は、この規程を全ての職員等に周知する。
",
    );
    let out = dir.path().join("out");
    let (code, _, stderr) = build(&profile, &out, &["--guideline", "7.0", "--set-guideline"]);
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    let heading = |title: &str| -> String {
        let line = md.lines().find(|l| l.starts_with("#### 第") && l.contains(title)).expect(title);
        line.trim_start_matches("#### ").to_owned()
    };
    assert_eq!(heading("（周知）"), "第2条（周知）", "the edit is in the built 規程");
    let built = heading("（パスワード等の管理）");

    let cited = |profile: &Path| -> String {
        let (code, stdout, stderr) = run(kitei().args(["guideline", "diff", "6.0", "7.0", "--profile"]).arg(profile));
        assert_eq!(code, 0, "{stderr}");
        let line = stdout
            .lines()
            .find(|l| l.contains("→ 医療情報システム運用管理規程 第") && l.contains("（パスワード等の管理）"))
            .unwrap_or_else(|| panic!("{stdout}"));
        line.trim().trim_start_matches("→ 医療情報システム運用管理規程 ").to_owned()
    };
    assert_eq!(cited(&profile), built, "the same article number as the facility's built 規程");
    assert_ne!(cited(&sample()), built, "without the edit the article has another number");
}
