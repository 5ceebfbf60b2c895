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

/// Clinics `a`…: the sample under its own id and name each, in `dir/profiles/`.
fn clinics(dir: &Path, names: &[&str]) -> PathBuf {
    let profiles = dir.join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    for name in names {
        let text = std::fs::read_to_string(sample()).unwrap();
        let text = text.replacen("id: sakura-clinic", &format!("id: {name}"), 1).replacen(
            "name: さくら内科クリニック",
            &format!("name: {name}クリニック"),
            1,
        );
        std::fs::write(profiles.join(format!("{name}.yaml")), text).unwrap();
    }
    profiles
}

fn md_build(profiles: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    run(kitei().arg("build").arg(profiles).arg("-o").arg(out).args(["--format", "md"]).args(extra))
}

#[test]
fn a_batch_groups_identical_new_versions_says_unchanged_and_diffs_per_facility() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = clinics(dir.path(), &["alpha", "beta", "gamma"]);
    let out = dir.path().join("out");
    let (code, _, stderr) = md_build(&profiles, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let header = stderr.lines().find(|l| l.starts_with("facility")).expect(&stderr);
    for column in ["pat", "open", "due", "review"] {
        assert!(header.contains(column), "{header}");
    }
    let (code, _, stderr) = md_build(&profiles, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("unchanged ")).count(), 3, "{stderr}");
    assert!(!stderr.contains("built "), "{stderr}");

    // A fourth clinic built only once: it has no second 版 to compare.
    let lone = clinics(dir.path(), &["delta"]).join("delta.yaml");
    std::fs::rename(&lone, dir.path().join("delta.yaml")).unwrap();
    assert_eq!(md_build(&dir.path().join("delta.yaml"), &out, &[]).0, 0);
    let approve_all = |date: &str| {
        for id in ["alpha", "beta", "gamma"] {
            approve_ok(&profiles.join(format!("{id}.yaml")), &out, date, &["--format", "md"]);
        }
    };
    approve_all("2026-04-01");

    // A build makes drafts (no 版); each facility's approval then gives its 第2版.
    let (code, _, stderr) =
        md_build(&profiles, &out, &["--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("  new 版: "), "a batch leaves each new 版 to the grouped summary: {stderr}");
    approve_all("2026-10-01");

    let tables = dir.path().join("tables");
    let (code, _, stderr) =
        run(kitei().arg("diff").arg(&out).args(["--versions", "1,2", "--format", "md", "-o"]).arg(&tables));
    assert_eq!(code, 1, "{stderr}");
    for id in ["alpha", "beta", "gamma"] {
        assert!(tables.join(id).join("security-policy.diff.md").is_file(), "{id}: {stderr}");
    }
    assert!(!tables.join("delta").exists());
    assert!(stderr.contains("no change in 1 facilities: delta"), "{stderr}");
}

#[test]
fn report_lists_every_facility_and_shared_items_in_four_formats_escaping_names() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    let pharmacy = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/samples/hikari-pharmacy.yaml");
    std::fs::copy(&pharmacy, profiles.join("hikari.yaml")).unwrap();
    let text = std::fs::read_to_string(sample()).unwrap();
    let hostile =
        text.replacen("name: さくら内科クリニック", "name: '<script>alert(1)</script> & \"x\" | *y* =1+1'", 1);
    std::fs::write(profiles.join("sakura.yaml"), hostile).unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = md_build(&profiles, &out, &[]);
    assert_eq!(code, 0, "{stderr}");

    let manifest = manifest(&out.join("hikari-pharmacy"));
    let facts = &manifest["facts"];
    assert_eq!(facts["pattern"], "III");
    let open = facts["open_items"].as_array().unwrap();
    assert!(!open.is_empty(), "{facts}");
    assert!(open.iter().all(|i| i["key"].is_string() && i["due"].is_string() && i["owner"].is_string()));

    let reports = dir.path().join("reports");
    let (code, _, stderr) = run(kitei()
        .arg("report")
        .arg(&out)
        .args(["--format", "md,csv,json,html", "--date", "2030-01-01", "-o"])
        .arg(&reports));
    assert_eq!(code, 0, "{stderr}");
    let read = |ext: &str| std::fs::read_to_string(reports.join(format!("report.{ext}"))).unwrap();

    let json: serde_json::Value = serde_json::from_str(&read("json")).unwrap();
    let facilities = json["facilities"].as_array().unwrap();
    assert_eq!(facilities.len(), 2);
    let hikari = facilities.iter().find(|f| f["id"] == "hikari-pharmacy").unwrap();
    assert_eq!(hikari["open_items"].as_array().unwrap().len(), open.len());
    assert!(facilities[0]["overdue"].as_u64().unwrap() >= facilities[1]["overdue"].as_u64().unwrap());
    let first_key = open[0]["key"].as_str().unwrap();
    let shared = json["shared_items"].as_array().unwrap();
    assert!(shared.iter().any(|s| s["key"] == first_key), "{shared:?}");

    let html = read("html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"), "{html}");
    assert!(!html.contains("<script") && !html.contains("src="), "nothing active or external: {html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), "{html}");
    assert!(html.contains(first_key), "the field that closes an open item is shown");

    let md = read("md");
    assert!(md.contains("\\<script\\>") && md.contains("\\*y\\*") && md.contains("\\|"), "{md}");
    assert!(md.contains("hikari-pharmacy"), "{md}");

    let csv = read("csv");
    assert!(csv.starts_with("id,name,pattern,guideline"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains(first_key), "{csv}");

    // check --format json carries the same open items as the manifest.
    let (_, stdout, _) = run(kitei().args(["check", "--format", "json"]).arg(profiles.join("hikari.yaml")));
    let check: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let check_keys: Vec<&str> =
        check["open_items"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    let manifest_keys: Vec<&str> = open.iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(check_keys, manifest_keys);

    // The schemas name every key the real output has.
    for (flag, value) in [("--manifest", &manifest), ("--check", &check)] {
        let (code, stdout, _) = run(kitei().args(["schema", flag]));
        assert_eq!(code, 0);
        let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        for key in value.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{flag}: {key} is not in the schema");
        }
    }
    let (_, stdout, _) = run(kitei().args(["schema", "--manifest"]));
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let facts_schema = schema["$defs"]["FacilityFacts"]["properties"].as_object().unwrap();
    for key in facts.as_object().unwrap().keys() {
        assert!(facts_schema.contains_key(key), "facts.{key} is not in the schema");
    }
}

#[test]
fn shards_split_a_batch_disjointly_and_the_report_merges_them() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["c1", "c2", "c3", "c4", "c5", "c6"];
    let profiles = clinics(dir.path(), &names);
    let mut built: Vec<String> = Vec::new();
    let mut folders = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("out-{k}"));
        let (code, _, stderr) = md_build(&profiles, &out, &["--shard", &format!("{k}/3")]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains(&format!("shard {k}/3: building")), "{stderr}");
        if out.exists() {
            for entry in std::fs::read_dir(&out).unwrap() {
                built.push(entry.unwrap().file_name().to_string_lossy().into_owned());
            }
        }
        folders.push(out);
    }
    built.sort();
    assert_eq!(built, names, "every facility exactly once");
    let existing: Vec<&PathBuf> = folders.iter().filter(|f| f.exists()).collect();
    let (code, stdout, stderr) = run(kitei().arg("report").args(&existing).args(["--format", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["facilities"].as_array().unwrap().len(), 6);

    let (code, _, stderr) = md_build(&profiles, &dir.path().join("x"), &["--shard", "4/3"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is not K/N"), "{stderr}");
}
