//! Messages for the people who use kitei: what a build changed and why, an empty folder, the
//! examples `init` left, the areas a contract can cover, formats in any case, readable tables.

use crate::support::*;

#[test]
fn an_empty_folder_argument_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg(dir.path()).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code, 2);
    assert!(stderr.contains("holds no profile"), "{stderr}");
}

#[test]
fn examples_left_by_init_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("mine.yaml");
    let (code, _, stderr) =
        run(kitei().args(["init", "--hosting", "cloud", "--dedicated-staff", "no", "-o"]).arg(&profile));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: ") && stderr.contains("「例）"), "{stderr}");
    assert!(stderr.contains("is still the example `kitei init` wrote"), "{stderr}");
}

#[test]
fn areas_lists_what_a_contract_can_cover() {
    let (code, stdout, stderr) = run(kitei().arg("areas"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("backup") && stdout.contains("network") && stdout.contains("ネットワーク・境界防御"),
        "{stdout}"
    );
    let (code, stdout, _) = run(kitei().args(["areas", "--format", "JSON"]));
    assert_eq!(code, 0);
    let areas: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert!(areas.iter().any(|a| a["key"] == "servers"));
}

#[test]
fn formats_are_case_insensitive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "MD"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("sakura-clinic/security-policy.md").is_file());
}

#[cfg(unix)]
#[test]
fn diff_writes_tables_readable_like_the_build() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("a.md"), dir.path().join("b.md"));
    std::fs::write(&old, "# 規程\n\n## 1. 目的\n\n古い。\n").unwrap();
    std::fs::write(&new, "# 規程\n\n## 1. 目的\n\n新しい。\n").unwrap();
    let tables = dir.path().join("tables");
    let (code, _, stderr) = run(kitei().arg("diff").arg(&old).arg(&new).arg("-o").arg(&tables));
    assert_eq!(code, 1, "{stderr}");
    for name in ["b.diff.md", "b.diff.pdf"] {
        let mode = std::fs::metadata(tables.join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{name}");
    }
}

#[test]
fn messages_and_help_are_japanese_unless_english_is_asked_for() {
    let japanese = |command: &mut std::process::Command| {
        command.env("LANG", "ja_JP.UTF-8");
        run(command)
    };
    let (code, stdout, _) = japanese(kitei().arg("--help"));
    assert_eq!(code, 0);
    assert!(stdout.contains("使い方: kitei") && stdout.contains("規程類（Markdown と PDF）を作成する"), "{stdout}");
    let (_, stdout, _) = japanese(kitei().args(["--lang", "en", "--help"]));
    assert!(stdout.contains("Build the rulebook"), "{stdout}");
    let (_, stdout, _) = run(kitei().arg("--help"));
    assert!(stdout.contains("Build the rulebook"), "LANG=C is English: {stdout}");

    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = japanese(kitei().arg("build").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("警告: フォルダ") && stderr.contains("エラー: 作成するプロファイルがありません"),
        "{stderr}"
    );
    let (code, _, stderr) =
        japanese(kitei().arg("build").arg("-o").arg(dir.path().join("out")).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("作成 さくら内科クリニック") && stderr.contains("参照パターンIV"), "{stderr}");
}

#[test]
fn common_profile_diagnostics_are_japanese_too() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", "  address:", "  adress:");
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile).env("LANG", "ja_JP.UTF-8"));
    assert_ne!(code, 0);
    assert!(
        stderr.contains("エラー: ") && stderr.contains("clinic.yaml:10:3: `adress` という項目（キー）はありません"),
        "{stderr}"
    );
    assert!(stderr.contains("= ヒント: `address` の誤りではありませんか？"), "{stderr}");
}
