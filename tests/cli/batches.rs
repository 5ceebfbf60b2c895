//! Batches and the output folder: duplicate ids, concurrent builds, leftovers of a killed build,
//! files a user keeps beside the documents, narrower formats, and `--jobs`.

use crate::support::*;

fn md_build(profile: &std::path::Path, out: &std::path::Path) -> (i32, String, String) {
    run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(["--format", "md"]))
}

#[test]
fn a_batch_with_two_profiles_of_the_same_id_builds_neither() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    variant(&profiles, "a.yaml", "さくら内科クリニック", "あさひ内科クリニック");
    variant(&profiles, "b.yaml", "さくら内科クリニック", "ひかり内科クリニック");
    let out = dir.path().join("out");
    let (code, _, stderr) = md_build(&profiles, &out);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("a.yaml") && stderr.contains("b.yaml") && stderr.contains("`sakura-clinic`"), "{stderr}");
    assert!(!stderr.contains("built "), "{stderr}");
    assert!(!out.exists(), "nothing was built");
}

#[test]
fn concurrent_builds_of_one_facility_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = variant(dir.path(), "first.yaml", "sakura-clinic", "sakura-clinic");
    assert_eq!(md_build(&first, &out).0, 0);
    let a = variant(dir.path(), "a.yaml", "さくら内科クリニック", "さくら内科クリニックA");
    let b = variant(dir.path(), "b.yaml", "さくら内科クリニック", "さくら内科クリニックB");
    let spawn = |profile: &std::path::Path, date: &str| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("kitei"))
            .arg("build")
            .arg(profile)
            .arg("-o")
            .arg(&out)
            .args(["--format", "md", "--date", date])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(&a, "2026-05-01"), spawn(&b, "2026-05-01")];
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let folder = out.join("sakura-clinic");
    let documents = manifest(&folder)["documents"].as_array().unwrap().clone();
    let policy = documents.iter().find(|d| d["id"] == "security-policy").unwrap().clone();
    assert_eq!(policy["state"], "draft", "builds give no 版: {policy}");
    let md = std::fs::read_to_string(folder.join("security-policy.md")).unwrap();
    let recorded = policy["files"][0]["sha256"].as_str().unwrap().to_owned();
    assert_eq!(recorded, kitei::digest::sha256_hex(md.as_bytes()), "the manifest and the file are of the same build");
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("sakura-clinic")], "no lock or staging file is left");
}

#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let stale = out.join(".sakura-clinic.kitei-new-AbCdEf");
    std::fs::create_dir_all(stale.join("history")).unwrap();
    std::fs::write(stale.join("security-policy.md"), "half").unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stale.exists());
}

#[test]
fn files_a_user_keeps_in_the_output_folder_survive_a_changing_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = variant(dir.path(), "clinic.yaml", "sakura-clinic", "sakura-clinic");
    assert_eq!(md_build(&profile, &out).0, 0);
    let folder = out.join("sakura-clinic");
    std::fs::create_dir_all(folder.join("signed")).unwrap();
    std::fs::write(folder.join("signed/approval-scan.pdf"), "scan").unwrap();
    std::fs::write(folder.join("memo.txt"), "memo").unwrap();
    variant(dir.path(), "clinic.yaml", "さくら内科クリニック", "さくら内科・小児科クリニック");
    let (code, _, stderr) =
        run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md", "--date", "2026-06-01"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(folder.join("security-policy.md")).unwrap().contains("小児科"));
    assert_eq!(std::fs::read_to_string(folder.join("signed/approval-scan.pdf")).unwrap(), "scan");
    assert_eq!(std::fs::read_to_string(folder.join("memo.txt")).unwrap(), "memo");
}

#[test]
fn a_users_file_where_kitei_would_write_is_refused_and_nothing_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("out/sakura-clinic");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("security-policy.md"), "my own policy").unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(dir.path().join("out")).args(["--format", "md"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("security-policy.md was not written by kitei"), "{stderr}");
    assert_eq!(std::fs::read_to_string(folder.join("security-policy.md")).unwrap(), "my own policy");
}

#[test]
fn a_narrower_format_never_deletes_the_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(run(kitei().arg("build").arg("-o").arg(&out)).0, 0);
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "typ"]));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.join("sakura-clinic");
    for file in ["security-policy.md", "security-policy.pdf", "security-policy.typ"] {
        assert!(folder.join(file).is_file(), "{file} is there");
    }
    assert!(stderr.contains("also kept md, pdf up to date"), "{stderr}");
}

#[test]
fn jobs_beyond_the_cores_are_capped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    for i in 0..3 {
        variant(&profiles, &format!("c{i}.yaml"), "id: sakura-clinic", &format!("id: c{i}"));
    }
    let started = std::time::Instant::now();
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg(&profiles)
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--format", "md", "-j", "10000"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: --jobs 10000 is more than the"), "{stderr}");
    assert!(!stderr.contains("endless loop"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

/// A batch shares typst's memoized layout between its facilities: what one facility gets must not
/// depend on what else the process typeset. Two clinics built one after the other in one batch
/// (`--jobs 1`, so the second finds the first's layout) and each alone give the same bytes in
/// every file, PDFs and Word files included.
#[test]
fn a_facility_built_in_a_batch_is_byte_identical_to_it_built_alone() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    let sample = std::fs::read_to_string(sample()).unwrap();
    for (file, id, name) in [("a.yaml", "clinic-a", "あさひ内科クリニック"), ("b.yaml", "clinic-b", "ひかり内科")]
    {
        let text = sample.replacen("id: sakura-clinic", &format!("id: {id}"), 1).replacen(
            "  name: さくら内科クリニック",
            &format!("  name: {name}"),
            1,
        );
        std::fs::write(profiles.join(file), text).unwrap();
    }
    let build = |profile: &std::path::Path, out: &std::path::Path| {
        let (code, _, stderr) =
            run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(["--format", "md,pdf,docx", "--jobs", "1"]));
        assert_eq!(code, 0, "{stderr}");
    };
    let batch = dir.path().join("batch");
    build(&profiles, &batch);
    for (file, id) in [("a.yaml", "clinic-a"), ("b.yaml", "clinic-b")] {
        let alone = dir.path().join(id);
        build(&profiles.join(file), &alone);
        let (together, by_itself) = (snapshot_tree(&batch.join(id)), snapshot_tree(&alone.join(id)));
        assert_eq!(together.len(), by_itself.len(), "{id}: the same files");
        for ((path, bytes), (alone_path, alone_bytes)) in together.iter().zip(&by_itself) {
            assert_eq!(path, alone_path);
            assert!(bytes == alone_bytes, "{id}: {} differs between the batch and the build alone", path.display());
        }
        assert!(together.iter().any(|(path, _)| path.extension().is_some_and(|e| e == "pdf")), "PDFs compared");
    }
}
