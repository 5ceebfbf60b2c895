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

/// The starter profile, byte for byte: the snapshots were taken from the profile kitei wrote with a
/// `format!` before it became the template `templates/starter/profile.yaml`. The two cover both
/// values of every question.
#[test]
fn the_starter_profile_is_byte_for_byte_the_same() {
    let cases = [
        (
            "init_cloud_defaults",
            ["--hosting", "cloud", "--dedicated-staff", "no", "--e-signature", "no", "--scanning", "no"],
        ),
        (
            "init_on_premises_all_yes",
            ["--hosting", "on-premises", "--dedicated-staff", "yes", "--e-signature", "yes", "--scanning", "yes"],
        ),
    ];
    for (name, args) in cases {
        let (code, stdout, stderr) = run(kitei().arg("init").args(args));
        assert_eq!((code, stderr.as_str()), (0, ""));
        // A snapshot compares lines; the end of the file is checked byte for byte here.
        assert!(stdout.ends_with("（people の key）\n") && !stdout.ends_with("\n\n"), "{stdout:?}");
        insta::assert_snapshot!(name, stdout);
    }
    let (_, default, _) = run(kitei().arg("init"));
    let (_, cloud, _) = run(kitei().arg("init").args(cases[0].1));
    assert_eq!(default, cloud, "the defaults are cloud, no, no, no");
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

/// The 課題一覧 of a profile built into `out`, as its rows' text.
fn open_items(profile: &std::path::Path, out: &std::path::Path) -> String {
    let (code, _, stderr) = run(kitei().arg("build").arg(profile).arg("-o").arg(out).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    std::fs::read_to_string(out.join("my-clinic/open-items.md")).unwrap()
}

#[test]
fn a_starter_profile_leaves_what_the_facility_decides_open_and_shows_how_to_decide_it() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("starter.yaml");
    assert_eq!(run(kitei().arg("init").arg("-o").arg(&profile).args(["--hosting", "on-premises"])).0, 0);
    let text = std::fs::read_to_string(&profile).unwrap();
    for example in [
        "# rules:",
        "#   lockout_attempts:",
        "# training:",
        "# audit:",
        "deputy:",
        "# confirmed:",
        "# rto_hours:",
        "written_role_split: false",
    ] {
        assert!(text.contains(example), "the starter shows {example}");
    }
    let undecided =
        ["パスワードの最小文字数", "職務を代行する者", "役割分担", "目標復旧時間", "内部監査の年間の実施回数"];
    let open = open_items(&profile, &dir.path().join("a"));
    for item in undecided {
        assert!(open.contains(item), "open item {item} in:\n{open}");
    }
    // The 根拠資料 says which contacts are still the starter's examples, and confirms none.
    let paper = std::fs::read_to_string(dir.path().join("a/my-clinic/sources.md")).unwrap();
    let contacts: Vec<&str> = paper.lines().filter(|l| l.contains("03-0000-000")).collect();
    assert!(!contacts.is_empty(), "{paper}");
    assert!(contacts.iter().all(|l| l.ends_with("| 未確認（記入例であり実在しない） |")), "{contacts:?}");
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(dir.path().join("s")).arg("--strict"));
    assert_ne!(code, 0, "--strict refuses a starter with open items");
    assert!(stderr.contains("example value(s)") && stderr.contains("03-0000-0000"), "{stderr}");
    assert!(!text.contains("03-5253-1111"), "the starter presents no unverified number as a fact");

    // Writing the commented examples in decides them: the rows go.
    let decided = text
        .lines()
        .map(|line| match line {
            "# rules:" | "# training:" | "# audit:" => line.replacen("# ", "", 1),
            l if l.starts_with("#   ") => l.replacen("#   ", "  ", 1),
            l if l.starts_with("    # rto_hours") || l.starts_with("    # rpo_hours") => l.replacen("# ", "", 1),
            l if l.starts_with("      # confirmed:") => l.replacen("# ", "", 1),
            "      written_role_split: false" => "      written_role_split: true".to_owned(),
            "  management: { person: manager, title: 医療情報システム安全管理責任者 }" => {
                "  management: { person: manager, title: 医療情報システム安全管理責任者, deputy: director }".to_owned()
            }
            l => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&profile, decided).unwrap();
    let open = open_items(&profile, &dir.path().join("b"));
    for item in undecided {
        assert!(!open.contains(item), "{item} is decided now:\n{open}");
    }
}
