//! Files beside a profile that are not what they should be: links out of the facility's folder,
//! FIFOs, system files, oversized files, invisible characters; and the dates, ids and streams
//! of issue 22. Nothing foreign is read or echoed, nothing hangs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

const SECRET: &str = "SECRET_TOKEN_xyz";
const EDITS: &str = "edits:\n  - append: violation\n    text: 追加の項。\n";

/// A facility folder with the sample profile as `clinic.yaml`.
fn facility() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("clinic.yaml");
    std::fs::copy(sample(), &profile).unwrap();
    (dir, profile)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs `command`, failing the test if it has not ended within 60 seconds (a hang).
fn run_bounded(command: &mut Command) -> (i32, String, String) {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("kitei runs");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            let output = child.wait_with_output().unwrap();
            return (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("kitei hung: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn build(profile: &Path, out: &Path) -> (i32, String, String) {
    run_bounded(kitei().arg("build").arg(profile).arg("-o").arg(out).args(["--format", "md"]).env(SECRET, "leaked"))
}

/// Everything kitei wrote below `out`, as text.
fn written(out: &Path) -> String {
    if !out.exists() {
        return String::new();
    }
    snapshot_tree(out).into_iter().map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned()).collect()
}

fn assert_nothing_leaked(what: &str, stdout: &str, stderr: &str, out: &Path) {
    for shown in [stdout, stderr, &written(out)] {
        assert!(!shown.contains(SECRET) && !shown.contains("root:"), "{what}: {shown}");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

/// The facility files a link may pose as, with what the rest of the folder needs for kitei to
/// read that file.
const KINDS: [(&str, &str); 4] = [
    ("local/operations-regulation.yaml", ""),
    ("local/operations-regulation.accepted.yaml", EDITS),
    ("templates/security-policy.md", ""),
    ("templates/wording.yaml", ""),
];

#[cfg(unix)]
#[test]
fn every_kind_of_facility_file_linked_to_the_environment_or_passwd_is_refused_unread() {
    for target in ["/proc/self/environ", "/etc/passwd"] {
        for (file, edits) in KINDS {
            let (dir, profile) = facility();
            if !edits.is_empty() {
                write(&dir.path().join("local/operations-regulation.yaml"), edits);
            }
            let link = dir.path().join(file);
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(target, &link).unwrap();
            let out = dir.path().join("out");
            let (code, stdout, stderr) = build(&profile, &out);
            assert_ne!(code, 0, "{file} → {target}: {stderr}");
            assert!(stderr.contains(file), "names the file: {stderr}");
            assert_nothing_leaked(&format!("{file} → {target}"), &stdout, &stderr, &out);
        }
        let (dir, _) = facility();
        let profile = dir.path().join("linked.yaml");
        std::os::unix::fs::symlink(target, &profile).unwrap();
        let (code, stdout, stderr) = run_bounded(kitei().arg("check").arg(&profile).env(SECRET, "leaked"));
        assert_ne!(code, 0, "{stderr}");
        assert_nothing_leaked(&format!("profile → {target}"), &stdout, &stderr, &dir.path().join("out"));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_profile_accepted_file_edits_or_template_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.yaml");
    mkfifo(&fifo);
    let (code, _, stderr) = run_bounded(kitei().arg("check").arg(&fifo));
    assert_ne!(code, 0);
    assert!(stderr.contains("fifo.yaml is not a regular file"), "{stderr}");

    for (file, edits) in KINDS {
        let (dir, profile) = facility();
        if !edits.is_empty() {
            write(&dir.path().join("local/operations-regulation.yaml"), edits);
        }
        mkfifo(&dir.path().join(file));
        let (code, _, stderr) = build(&profile, &dir.path().join("out"));
        assert_ne!(code, 0, "{file}");
        assert!(stderr.contains("is not a regular file"), "{file}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_refused_and_a_link_inside_the_folder_is_followed() {
    let (dir, profile) = facility();
    write(&dir.path().join("local/operations-regulation.yaml"), EDITS);
    let accepted = dir.path().join("local/operations-regulation.accepted.yaml");
    std::os::unix::fs::symlink("/dev/zero", &accepted).unwrap();
    let (code, _, stderr) = build(&profile, &dir.path().join("out"));
    assert_ne!(code, 0);
    assert!(stderr.contains("a file of the system"), "{stderr}");

    std::fs::remove_file(&accepted).unwrap();
    write(&dir.path().join("shared/edits.yaml"), EDITS);
    std::fs::remove_file(dir.path().join("local/operations-regulation.yaml")).unwrap();
    std::os::unix::fs::symlink("../shared/edits.yaml", dir.path().join("local/operations-regulation.yaml")).unwrap();
    let (code, _, stderr) = build(&profile, &dir.path().join("out"));
    assert_eq!(code, 0, "a link inside the facility's folder is read: {stderr}");
}

#[test]
fn files_over_their_kind_limit_are_refused_by_name() {
    let (dir, profile) = facility();
    write(&dir.path().join("templates/security-policy.md"), &"あ".repeat(400_000));
    let (code, _, stderr) = build(&profile, &dir.path().join("out"));
    assert_ne!(code, 0);
    assert!(stderr.contains("security-policy.md is larger than 1024 KB"), "{stderr}");

    let (dir, profile) = facility();
    write(&dir.path().join("local/operations-regulation.yaml"), &format!("# {}\nedits: []\n", "x".repeat(1 << 20)));
    let (code, _, stderr) = build(&profile, &dir.path().join("out"));
    assert_ne!(code, 0);
    assert!(stderr.contains("operations-regulation.yaml is larger than 1024 KB"), "{stderr}");
}

#[test]
fn invisible_characters_in_edits_wording_and_templates_are_refused_at_their_place() {
    let cases = [
        ("local/operations-regulation.yaml", "edits:\n  - append: violation\n    text: 追加\u{202e}の項。\n", ":3:"),
        ("local/operations-regulation.yaml", "edits:\n  - append: violation\n    text: \"追加\\u202Eの項。\"\n", ":3:"),
        (
            "local/operations-regulation.yaml",
            "edits:\n  - insert_after: violation\n    label: a\u{200b}b\n    title: 見出し\n    text: 本文\n",
            ":3:",
        ),
        ("templates/wording.yaml", "cover:\n  version: \"第{n}版\u{202e}\"\n", ":2:"),
        ("templates/security-policy.md", "# 方針\n\n本文\u{202e}です。\n", ":3:"),
    ];
    for (file, text, place) in cases {
        let (dir, profile) = facility();
        write(&dir.path().join(file), text);
        let (code, _, stderr) = build(&profile, &dir.path().join("out"));
        assert_ne!(code, 0, "{file}: {stderr}");
        assert!(stderr.contains(&format!("{file}{place}")), "{file}: {stderr}");
        assert!(stderr.contains("U+202E") || stderr.contains("U+200B"), "{file}: {stderr}");
        assert!(!stderr.contains('\u{202e}') && !stderr.contains('\u{200b}'), "{file}: {stderr}");
    }
}

#[test]
fn era_dates_outside_their_era_are_refused() {
    for written in ["令和0年3月2日", "令和元年4月1日", "平成40年3月2日"] {
        let dir = tempfile::tempdir().unwrap();
        let profile =
            variant(dir.path(), "clinic.yaml", "effective_date: 2026-04-01", &format!("effective_date: {written}"));
        let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
        assert_ne!(code, 0, "{written}");
        assert!(stderr.contains(&format!("`{written}` is outside the era")), "{written}: {stderr}");
    }
}

#[test]
fn windows_device_names_and_ids_differing_in_case_are_refused() {
    for id in ["CON", "nul", "Com1", "lpt9"] {
        let dir = tempfile::tempdir().unwrap();
        let profile = variant(dir.path(), "clinic.yaml", "id: sakura-clinic", &format!("id: {id}"));
        let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
        assert_ne!(code, 0, "{id}");
        assert!(stderr.contains("Windows reserves"), "{id}: {stderr}");
    }
    let dir = tempfile::tempdir().unwrap();
    variant(dir.path(), "a.yaml", "id: sakura-clinic", "id: Sakura");
    variant(dir.path(), "b.yaml", "id: sakura-clinic", "id: sakura");
    let (code, _, stderr) = run(kitei().arg("build").arg(dir.path()).arg("-o").arg(dir.path().join("out")));
    assert_ne!(code, 0);
    assert!(stderr.contains("differ only in case"), "{stderr}");
    assert!(!dir.path().join("out").exists(), "nothing is built");
}

#[test]
fn a_carriage_return_in_a_value_is_shown_not_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", "name: さくら内科クリニック", "name: \"さくら\\r内科\"");
    let (code, stdout, stderr) = run(kitei().arg("check").arg(&profile));
    assert_ne!(code, 0);
    assert!(stderr.contains("U+000D"), "{stderr}");
    assert!(!stderr.contains('\r') && !stdout.contains('\r'), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_full_stdout_ends_with_an_error_not_a_panic() {
    let commands: [&[&str]; 4] = [&["schema"], &["check"], &["checklist"], &["guideline", "toc"]];
    let dir = tempfile::tempdir().unwrap();
    for arguments in commands {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let mut command = kitei();
        command.args(arguments);
        if matches!(arguments[0], "check" | "checklist") {
            command.arg(sample());
        }
        if arguments[0] == "checklist" {
            command.arg("-o").arg(dir.path().join("checklist"));
        }
        let output = command.stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{arguments:?}");
        assert!(stderr.contains("cannot write to standard output"), "{arguments:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{arguments:?}: {stderr}");
    }
}

#[test]
fn guideline_diff_counts_the_same_changes_both_ways() {
    let count = |old: &str, new: &str| -> std::collections::BTreeMap<String, usize> {
        let (code, stdout, stderr) = run(kitei().args(["guideline", "diff", old, new, "--format", "json"]));
        assert_eq!(code, 0, "{stderr}");
        let entries: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
        let mut counts = std::collections::BTreeMap::new();
        for entry in entries {
            *counts.entry(entry["kind"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        counts
    };
    let (forward, backward) = (count("6.0", "7.0"), count("7.0", "6.0"));
    let get = |m: &std::collections::BTreeMap<String, usize>, k: &str| m.get(k).copied().unwrap_or(0);
    assert!(get(&forward, "moved") > 0, "{forward:?}");
    assert_eq!(get(&forward, "moved"), get(&backward, "moved"), "{forward:?} {backward:?}");
    assert_eq!(get(&forward, "changed"), get(&backward, "changed"), "{forward:?} {backward:?}");
    assert_eq!(get(&forward, "added"), get(&backward, "removed"), "{forward:?} {backward:?}");
    assert_eq!(get(&forward, "removed"), get(&backward, "added"), "{forward:?} {backward:?}");
}

/// kitei without `--lang` and without a locale: Japanese.
fn kitei_ja() -> Command {
    let mut command = kitei();
    command.env_remove("LANG");
    command
}

#[test]
fn errors_of_local_edits_wording_templates_and_reader_are_japanese_by_default() {
    let (dir, profile) = facility();
    write(&dir.path().join("local/operations-regulation.yaml"), "edits:\n  - append: pasword\n    text: 追加。\n");
    let out = dir.path().join("out");
    let (_, _, stderr) = run(kitei_ja().arg("build").arg(&profile).arg("-o").arg(&out));
    assert!(stderr.contains("というラベルの条はありません") && stderr.contains("もしかして"), "{stderr}");
    let (_, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--lang", "en"]));
    assert!(stderr.contains("has no article labelled `pasword`"), "{stderr}");

    let (dir, profile) = facility();
    write(&dir.path().join("templates/wording.yaml"), "cover:\n  versoin: 第{n}版\n");
    let (_, _, stderr) = run(kitei_ja().arg("build").arg(&profile).arg("-o").arg(dir.path().join("out")));
    assert!(stderr.contains("wording の項目 `cover.versoin` はありません"), "{stderr}");

    let (dir, profile) = facility();
    write(&dir.path().join("templates/wording.yaml"), "cover:\n  version: 第版\n");
    let (_, _, stderr) = run(kitei_ja().arg("build").arg(&profile).arg("-o").arg(dir.path().join("out")));
    assert!(stderr.contains("差し込み項目"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = run(kitei_ja().args(["templates", "export"]).arg(dir.path()));
    assert_eq!(code, 0);
    let (code, _, stderr) = run(kitei_ja().args(["templates", "export"]).arg(dir.path()));
    assert_ne!(code, 0);
    assert!(stderr.contains("何も書き出していません"), "{stderr}");

    let fifo_dir = tempfile::tempdir().unwrap();
    let missing = fifo_dir.path().join("none.yaml");
    let (_, _, stderr) = run(kitei_ja().arg("check").arg(&missing));
    assert!(stderr.contains("を読めません"), "{stderr}");
}

/// A file given directly as the profile that is not named as one (`/etc/passwd`, a key file) is
/// refused before it is opened: no line of it reaches the terminal, in either language, by
/// any command that takes a profile.
#[test]
fn a_file_given_as_the_profile_that_is_no_yaml_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("token");
    std::fs::write(&secret, format!("{SECRET}: value\n")).unwrap();
    let passwd = Path::new("/etc/passwd");
    for file in [secret.as_path(), passwd].into_iter().filter(|f| f.is_file()) {
        for command in [&["check"][..], &["status"], &["local", "status"], &["checklist"]] {
            for lang in ["en", "ja"] {
                let (code, stdout, stderr) =
                    run_bounded(kitei().args(command).arg(file).args(["--lang", lang]).current_dir(dir.path()));
                assert_ne!(code, 0, "{command:?} {}: {stderr}", file.display());
                let out = dir.path().join("out");
                assert_nothing_leaked(&format!("{command:?} {}", file.display()), &stdout, &stderr, &out);
                let named =
                    if lang == "en" { "is not a profile" } else { "はプロファイルではありません" };
                assert!(stderr.contains(named) && stderr.contains(&file.display().to_string()), "{stderr}");
            }
        }
    }
    let (code, stdout, stderr) =
        run_bounded(kitei().arg("build").arg(passwd).arg("-o").arg(dir.path().join("out")).args(["--format", "md"]));
    assert_ne!(code, 0);
    assert_nothing_leaked("build /etc/passwd", &stdout, &stderr, &dir.path().join("out"));
}

/// `kitei diff` reads output folders through the facility-file reader: a document swapped for a
/// link out of the folder or a FIFO is refused, named, never echoed and never waited on.
#[cfg(unix)]
#[test]
fn diff_refuses_a_document_of_an_output_folder_that_is_a_link_out_or_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for out in [&old, &new] {
        let (code, _, stderr) =
            run(kitei().arg("build").arg("-o").arg(out).args(["--format", "md", "--date", "2026-04-01"]));
        assert_eq!(code, 0, "{stderr}");
    }
    let (old, new) = (old.join("sakura-clinic"), new.join("sakura-clinic"));
    let (code, _, stderr) = run_bounded(kitei().arg("diff").arg(&old).arg(&new));
    assert_eq!(code, 0, "the same build twice is no difference: {stderr}");

    let document = new.join("security-policy.md");
    std::fs::remove_file(&document).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", &document).unwrap();
    let (code, stdout, stderr) = run_bounded(kitei().arg("diff").arg(&old).arg(&new));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("security-policy.md") && stderr.contains("outside"), "{stderr}");
    assert_nothing_leaked("diff with a link to /etc/passwd", &stdout, &stderr, &dir.path().join("none"));

    std::fs::remove_file(&document).unwrap();
    mkfifo(&document);
    let (code, _, stderr) = run_bounded(kitei().arg("diff").arg(&old).arg(&new));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("security-policy.md is not a regular file"), "{stderr}");

    std::fs::remove_file(&document).unwrap();
    std::fs::write(&document, vec![b'a'; 16 * 1024 * 1024 + 1]).unwrap();
    let (code, _, stderr) = run_bounded(kitei().arg("diff").arg(old.join("security-policy.md")).arg(&document));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("security-policy.md"), "{stderr}");
}
