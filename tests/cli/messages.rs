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

/// Words that show an English sentence; names, ids and file formats are not sentences.
const ENGLISH: &[&str] =
    &["the", "of", "to", "and", "is", "for", "this", "with", "an", "not", "Print", "Usage", "Options", "hint", "error"];

fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| ENGLISH.contains(word)).collect()
}

fn japanese(command: &mut std::process::Command) -> (i32, String, String) {
    run(command.env("LANG", "ja_JP.UTF-8"))
}

#[test]
fn help_of_every_command_is_japanese_or_english_with_lang_c() {
    let commands: &[&[&str]] = &[
        &[],
        &["build"],
        &["check"],
        &["init"],
        &["areas"],
        &["schema"],
        &["guideline"],
        &["guideline", "toc"],
        &["guideline", "show"],
        &["guideline", "diff"],
        &["guideline", "stats"],
        &["diff"],
        &["completions"],
        &["serve"],
    ];
    for command in commands {
        let (code, stdout, stderr) = japanese(kitei().args(*command).arg("--help"));
        assert_eq!(code, 0, "{command:?}: {stderr}");
        assert!(stdout.contains("使い方: kitei") && stdout.contains("オプション:"), "{command:?}: {stdout}");
        assert!(english_words(&stdout).is_empty(), "{command:?}: {:?}\n{stdout}", english_words(&stdout));
        let (code, stdout, _) = run(kitei().args(*command).arg("--help"));
        assert_eq!(code, 0);
        assert!(stdout.contains("Usage: kitei") && stdout.contains("Options:"), "LANG=C {command:?}: {stdout}");
    }
    let (_, stdout, _) = japanese(kitei().arg("--help"));
    assert!(stdout.contains("コマンド:") && stdout.contains("ヘルプを表示する"), "{stdout}");
    let (_, stdout, _) = japanese(kitei().args(["diff", "--help"]));
    assert!(stdout.contains("引数:") && stdout.contains("新旧対照表"), "{stdout}");
    let (code, stdout, _) = japanese(kitei().args(["help", "help"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("使い方: kitei help") && english_words(&stdout).is_empty(), "{stdout}");
}

/// One profile mistake of each kind, as (what it is, text in the sample, replacement, words of the
/// English message).
const MISTAKES: &[(&str, &str, &str, &str)] = &[
    ("unknown key", "  address:", "  adress:", "unknown key"),
    ("wrong type", "  beds: 0", "  beds: many", "expected"),
    ("full-width indentation", "  beds: 0", "\u{3000}\u{3000}beds: 0", "full-width space"),
    ("YAML tag", "  beds: 0", "  beds: !!binary MA==", "YAML tag"),
    ("invisible character", "  name: さくら内科クリニック", "  name: さくら\u{202e}内科", "must not contain"),
    ("long value", "  phone: 03-3420-0000", "  phone: PHONE", "characters long"),
    ("unreadable date", "  effective_date: 2026-04-01", "  effective_date: April 1", "is not a date"),
    ("implausible year", "  effective_date: 2026-04-01", "  effective_date: 1900-04-01", "not plausible"),
    ("date off the calendar", "  effective_date: 2026-04-01", "  effective_date: 2026-02-30", "calendar"),
    ("facility id", "id: sakura-clinic", "id: さくら/clinic", "folder name"),
    ("unknown person", "  head: sakurai", "  head: sakurao", "unknown person"),
    (
        "own deputy",
        "operations: { person: aoki, title: 運用管理者 }",
        "operations: { person: aoki, title: 運用管理者, deputy: aoki }",
        "deputy of their own",
    ),
    ("key listed twice", "  - key: receipt", "  - key: ehr", "listed twice"),
    ("duplicate YAML key", "  beds: 0", "  beds: 0\n  beds: 1", "appears twice"),
    ("month", "  month: 10", "  month: 13", "between 1 and 12"),
    ("extends outside", "id: sakura-clinic", "extends: /etc/hosts.yaml\nid: sakura-clinic", "cannot read the base"),
    ("extends not YAML", "id: sakura-clinic", "extends: /etc/passwd\nid: sakura-clinic", "not a profile"),
];

#[test]
fn each_kind_of_profile_diagnostic_is_japanese_or_english_with_lang_c() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (kind, from, to, english)) in MISTAKES.iter().enumerate() {
        let to = to.replace("PHONE", &"0".repeat(1_200));
        let profile = variant(dir.path(), &format!("p{i}.yaml"), from, &to);
        let (code, _, stderr) = japanese(kitei().arg("check").arg(&profile));
        assert_ne!(code, 0, "{kind}");
        assert!(stderr.starts_with("エラー: "), "{kind}: {stderr}");
        assert!(english_words(&stderr).is_empty(), "{kind}: {:?}\n{stderr}", english_words(&stderr));
        let (_, _, stderr) = run(kitei().arg("check").arg(&profile));
        assert!(stderr.starts_with("error: ") && stderr.contains(english), "LANG=C {kind}: {stderr}");
    }
    let (code, _, stderr) = japanese(kitei().arg("check").arg(dir.path().join("missing.yaml")));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("ファイルがありません") && english_words(&stderr).is_empty(), "{stderr}");
}

#[test]
fn command_summaries_are_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("mine.yaml");
    let (code, _, stderr) = japanese(kitei().args(["init", "-o"]).arg(&profile));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("を書き出しました") && english_words(&stderr).is_empty(), "{stderr}");
    let (code, _, stderr) = japanese(kitei().args(["init", "-o"]).arg(&profile));
    assert_eq!(code, 2);
    assert!(stderr.contains("既にあります") && stderr.contains("--force"), "{stderr}");
    let (code, _, stderr) = japanese(kitei().arg("check").arg(&profile));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("警告: ") && stderr.contains("例のままです") && english_words(&stderr).is_empty(),
        "{stderr}"
    );
    let (code, stdout, _) = japanese(kitei().arg("areas"));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("vendors[].contract.covers に書ける分野"), "{stdout}");
    let (code, _, stderr) = japanese(kitei().args(["guideline", "show", "control.99"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("という章・節・遵守事項はありません") && english_words(&stderr).is_empty(), "{stderr}");
    let (old, new) = (dir.path().join("a.md"), dir.path().join("b.md"));
    std::fs::write(&old, "# 規程\n\n## 1. 目的\n\n古い。\n").unwrap();
    std::fs::write(&new, "# 規程\n\n## 1. 目的\n\n新しい。\n").unwrap();
    let (code, _, stderr) = japanese(kitei().arg("diff").arg(&old).arg(&new));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("b: 変更 1"), "{stderr}");
    let (_, _, stderr) = run(kitei().arg("diff").arg(&old).arg(&new));
    assert!(stderr.contains("b: changed 1"), "LANG=C: {stderr}");
}

#[test]
fn command_line_mistakes_are_japanese() {
    for (args, expected) in [
        (&["bild"][..], "`bild` というコマンドはありません"),
        (&["build", "--foo"][..], "`--foo` というオプションはありません"),
        (&["build", "--format", "xls"][..], "`xls` は指定できません（使える値: md, pdf, typ, docx）"),
        (&["diff"][..], "を指定してください"),
    ] {
        let (code, _, stderr) = japanese(kitei().args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.starts_with("エラー: ") && stderr.contains(expected), "{args:?}: {stderr}");
        assert!(english_words(&stderr).is_empty(), "{args:?}: {stderr}");
        let (code, _, stderr) = run(kitei().args(args));
        assert_eq!(code, 2);
        assert!(stderr.starts_with("error: "), "LANG=C {args:?}: {stderr}");
    }
}

/// Each line of `stderr` that says something, at most once (the `|` and `^` of a source excerpt
/// say nothing by themselves).
fn assert_no_line_repeats(stderr: &str) {
    let says_something = |l: &&str| l.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let lines: Vec<&str> = stderr.lines().map(str::trim).filter(says_something).collect();
    for (i, line) in lines.iter().enumerate() {
        assert!(!lines[..i].contains(line), "`{line}` is printed twice:\n{stderr}");
    }
    // A cause printed inside another line and again on its own counts as twice too.
    for (i, line) in lines.iter().enumerate() {
        let cause = line.trim_start_matches("caused by: ").trim_start_matches("error: ");
        let elsewhere =
            lines.iter().enumerate().any(|(j, other)| j != i && other.len() > line.len() && other.contains(cause));
        assert!(!elsewhere || cause.len() < 8, "`{cause}` is printed twice:\n{stderr}");
    }
}

#[test]
fn a_bad_profile_prints_each_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "bad.yaml", "effective_date: ", "effective_date: not-a-date # ");
    for command in [
        &["build"][..],
        &["check"],
        &["checklist"],
        &["local", "status"],
        &["guideline", "diff", "6.0", "7.0", "--profile"],
    ] {
        let mut kitei = kitei();
        kitei.args(command).arg(&profile);
        if command[0] == "build" || command[0] == "checklist" {
            kitei.arg("-o").arg(dir.path().join("out"));
        }
        let (code, _, stderr) = run(&mut kitei);
        assert_ne!(code, 0, "{command:?}: {stderr}");
        assert!(stderr.contains("bad.yaml:"), "{command:?} names the file: {stderr}");
        assert_no_line_repeats(&stderr);
    }
}

#[test]
fn a_bad_override_prints_each_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("security-policy.md"), "{{ facility.name\n").unwrap();
    let profile = dir.path().join("clinic.yaml");
    std::fs::copy(sample(), &profile).unwrap();
    for command in [&["build"][..], &["local", "status"], &["guideline", "diff", "6.0", "7.0", "--profile"]] {
        let mut kitei = kitei();
        kitei.args(command).arg(&profile);
        if command[0] == "build" {
            kitei.arg("-o").arg(dir.path().join("out"));
        }
        let (code, _, stderr) = run(&mut kitei);
        assert_ne!(code, 0, "{command:?}: {stderr}");
        assert!(stderr.contains("security-policy.md"), "{command:?} names the template: {stderr}");
        assert_no_line_repeats(&stderr);
    }
}
