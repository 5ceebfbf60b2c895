//! `extends` reads only profiles: `.yaml` files under the profile's folder (or `KITEI_BASES`), of
//! a profile's size, and never echoes a file that is not one.

use crate::support::*;

fn with_extends(dir: &std::path::Path, base: &str) -> std::path::PathBuf {
    variant(dir, "clinic.yaml", "guideline: \"6.0\"", &format!("guideline: \"6.0\"\nextends: {base}"))
}

#[test]
fn files_that_are_not_profiles_are_refused_and_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("token.json"), "{\"token\": \"sk-secret-123\"}\n").unwrap();
    for base in ["/etc/passwd", "token.json", "/dev/zero"] {
        let profile = with_extends(dir.path(), base);
        let started = std::time::Instant::now();
        let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
        assert_ne!(code, 0);
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{base} took {:?}", started.elapsed());
        assert!(stderr.contains("is not a profile"), "{base}: {stderr}");
        assert!(!stderr.contains("root:") && !stderr.contains("sk-secret"), "{stderr}");
        assert!(stderr.contains("clinic.yaml:"), "points at the extends line: {stderr}");
    }
}

#[test]
fn a_yaml_name_for_a_device_or_a_file_outside_the_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let clinic = dir.path().join("clinic");
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&clinic).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", clinic.join("zero.yaml")).unwrap();
    let profile = with_extends(&clinic, "zero.yaml");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_ne!(code, 0);
    assert!(stderr.contains("not a regular file"), "{stderr}");

    std::fs::write(shared.join("base.yaml"), "rules:\n  screen_lock_minutes: 5\n").unwrap();
    let profile = with_extends(&clinic, "../shared/base.yaml");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_ne!(code, 0);
    assert!(stderr.contains("outside the profile's folder") && stderr.contains("KITEI_BASES"), "{stderr}");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile).env("KITEI_BASES", &shared));
    assert_eq!(code, 0, "a folder named by KITEI_BASES is allowed: {stderr}");
}

#[test]
fn a_typo_in_a_flow_mapping_of_a_base_points_at_the_base() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.yaml"), "# shared\nvendors:\n  - { key: medicloud, nmae: 株式会社X }\n")
        .unwrap();
    let profile = with_extends(dir.path(), "base.yaml");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_ne!(code, 0);
    assert!(stderr.contains("base.yaml:3:"), "{stderr}");
    assert!(!stderr.contains("clinic.yaml:"), "{stderr}");
}
