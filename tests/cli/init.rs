//! `kitei init`: every pattern combination gives a profile that builds unchanged.

use crate::support::*;

#[test]
fn every_starter_profile_builds_as_written() {
    let dir = tempfile::tempdir().unwrap();
    for hosting in ["on-premises", "cloud"] {
        for staff in ["yes", "no"] {
            for extras in ["no", "yes"] {
                let profile = dir.path().join(format!("{hosting}-{staff}-{extras}.yaml"));
                let args =
                    ["--hosting", hosting, "--dedicated-staff", staff, "--e-signature", extras, "--scanning", extras];
                assert_eq!(run(kitei().arg("init").arg("-o").arg(&profile).args(args)).0, 0);
                let text = std::fs::read_to_string(&profile).unwrap();
                assert!(text.starts_with("# yaml-language-server: $schema="));
                let (code, _, stderr) = run(kitei()
                    .arg("build")
                    .arg(&profile)
                    .arg("-o")
                    .arg(dir.path().join("out"))
                    .arg("--format")
                    .arg("md"));
                assert_eq!(code, 0, "{hosting}/{staff}/{extras}: {stderr}");
            }
        }
    }
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.yaml");
    std::fs::write(&profile, "keep").unwrap();
    assert_ne!(run(kitei().arg("init").arg("-o").arg(&profile)).0, 0);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), "keep");
}

#[test]
fn schema_describes_the_profile_and_refuses_unknown_keys() {
    let (code, stdout, _) = run(kitei().arg("schema"));
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["properties"]["facility"].is_object());
}
