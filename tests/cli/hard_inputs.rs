//! Hard inputs: malformed and hostile profiles, overrides that misbehave, unwritable output,
//! interrupts. Each gets a clear error or a correct document, never a panic, and the previous
//! output is never damaged.

use std::process::{Command, Stdio};

use crate::support::*;

fn assert_clean_failure(code: i32, stderr: &str) {
    assert_ne!(code, 0);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
}

/// Writes `bytes` as profile `name`, runs `kitei check` on it, asserts a clean failure and
/// returns what it printed.
fn check_fails_cleanly(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (code, _, stderr) = run(kitei().arg("check").arg(&path));
    assert_clean_failure(code, &stderr);
    stderr
}

#[test]
fn malformed_yaml_is_located() {
    let stderr = check_fails_cleanly("broken.yaml", "facility:\n  name: [unclosed\n  kind: clinic\n");
    assert!(stderr.contains("broken.yaml:"), "{stderr}");
}

#[test]
fn yaml_bombs_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!("b{i}: &b{i} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    let nested = format!("facility: {}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
    for (name, text) in [("bomb.yaml", bomb), ("deep.yaml", nested)] {
        check_fails_cleanly(name, text);
    }
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let stderr = check_fails_cleanly("latin1.yaml", b"facility:\n  name: \xff\xfe\n");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}

#[test]
fn control_bidi_and_zero_width_characters_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let name = "さくら\u{200B}内科\u{202E}クリニック\u{7}\u{1b}[31m";
    let profile = variant(
        dir.path(),
        "odd.yaml",
        "name: さくら内科クリニック",
        &format!("name: \"{}\"", name.replace('\u{7}', "\\a").replace('\u{1b}', "\\e")),
    );
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out));
    assert_clean_failure(code, &stderr);
    assert!(stderr.contains("odd.yaml:7:") && stderr.contains("U+200B"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_thousand_systems_build_and_ten_thousand_are_refused_at_their_list() {
    let dir = tempfile::tempdir().unwrap();
    let profile = |count: usize| {
        let mut systems = String::from("systems:\n");
        for i in 0..count {
            systems.push_str(&format!("  - {{ key: s{i}, name: 端末{i}, kind: other, hosting: cloud, vendor: medicloud, medical_information: true }}\n"));
        }
        // The sample's 機器台帳 and network name its own systems, which this profile replaces.
        let text = std::fs::read_to_string(sample()).unwrap();
        let text = [", system: receipt", ", system: ons", ", system: ehr", "{ system: ons }, "]
            .iter()
            .fold(text, |t, r| t.replace(r, ""))
            .replace("systems: [ehr, receipt]", "systems: []")
            .replace("systems: [ons]", "systems: []");
        let start = text.find("systems:\n").unwrap();
        let end = text.find("vendors:\n").unwrap();
        let path = dir.path().join(format!("huge-{count}.yaml"));
        std::fs::write(&path, format!("{}{}{}", &text[..start], systems, &text[end..])).unwrap();
        path
    };
    let build = |path: &std::path::Path| {
        run(kitei().arg("build").arg(path).arg("-o").arg(dir.path().join("out")).args(["--format", "md"]))
    };
    let (code, _, stderr) = build(&profile(1_000));
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(dir.path().join("out/sakura-clinic/responsibility-matrix.md")).unwrap();
    assert!(md.contains("端末999"));
    let (code, _, stderr) = build(&profile(10_000));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("huge-10000.yaml:40:1: `systems` has 10000 entries, over the limit of 1000"), "{stderr}");
}

#[test]
fn a_huge_string_is_refused_where_it_starts_in_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let name = "あ".repeat(100_000);
    let path = variant(dir.path(), "huge-name.yaml", "name: さくら内科クリニック", &format!("name: {name}"));
    let (code, _, stderr) = run(kitei().arg("build").arg(&path).arg("-o").arg(dir.path().join("out")));
    assert_clean_failure(code, &stderr);
    assert!(stderr.contains("huge-name.yaml:7:9: this value is 100000 characters long"), "{stderr}");
    assert!(stderr.len() < 2_000, "the line is shown cut, not whole: {} bytes", stderr.len());
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

#[test]
fn overrides_that_loop_or_recurse_fail_without_touching_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "md"])).0, 0);
    let before = snapshot_tree(&out);
    let cases = [
        (
            "bcp.md",
            "{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% for k in range(end=10000) %}{% endfor %}{% endfor %}{% endfor %}\n",
            "longer than",
        ),
        (
            "bcp.md",
            "{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}\n{{ self::f(n=1) }}\n",
            "cannot bound recursion",
        ),
        (
            "bcp.md",
            "{%- macro f(n) -%}{{ self::f(n=n+1) }}{%- endmacro f -%}\n{{ self::f(n=1) }}\n",
            "cannot bound recursion",
        ),
        ("bcp.md", "{{ nothing.here }}\n", "bcp.md"),
    ];
    for (name, text, expected) in cases {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(templates.path().join(name), text).unwrap();
        let (code, _, stderr) =
            run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "md", "--templates"]).arg(templates.path()));
        assert_clean_failure(code, &stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(snapshot_tree(&out), before);
    }
}

#[test]
fn an_unwritable_output_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(file.join("out")).args(["--format", "md"]));
    assert_clean_failure(code, &stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// A temporary folder with `count` clinic profiles (derived from the sample) in its `profiles/`.
fn portfolio(count: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    for i in 0..count {
        variant(&profiles, &format!("clinic-{i:03}.yaml"), "id: sakura-clinic", &format!("id: clinic-{i:03}"));
    }
    (dir, profiles)
}

#[test]
fn a_batch_of_a_hundred_with_one_broken_profile() {
    let (dir, profiles) = portfolio(100);
    let out = dir.path().join("out");
    let broken = profiles.join("clinic-042.yaml");
    // A first, good build of clinic-042, then a typo: its previous output must survive.
    assert_eq!(run(kitei().arg("build").arg(&broken).arg("-o").arg(&out).args(["--format", "md"])).0, 0);
    let before = snapshot_tree(&out.join("clinic-042"));
    let text = std::fs::read_to_string(&broken).unwrap().replace("  address:", "  adress:");
    std::fs::write(&broken, text).unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg(&profiles).arg("-o").arg(&out).args(["--format", "md"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("99 built, 1 failed"), "{stderr}");
    assert!(stderr.contains("clinic-042.yaml:10:3: unknown key `adress`"), "{stderr}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 100);
    assert_eq!(snapshot_tree(&out.join("clinic-042")), before);
}

#[test]
fn an_interrupt_in_a_batch_leaves_only_whole_folders() {
    stop_a_batch_with(libc::SIGINT);
}

#[test]
fn a_termination_request_in_a_batch_leaves_only_whole_folders() {
    stop_a_batch_with(libc::SIGTERM);
}

/// Sends `signal` to a batch in progress: it ends with 130 (or had already finished), and every
/// folder in the output is a whole rulebook.
fn stop_a_batch_with(signal: libc::c_int) {
    let (dir, profiles) = portfolio(24);
    let out = dir.path().join("out");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kitei"))
        .arg("build")
        .arg(&profiles)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = child.wait().unwrap();
    let built: Vec<_> = std::fs::read_dir(&out).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    assert!(status.code() == Some(130) || built.len() == 24, "interrupted ({status:?}) or already done");
    for folder in &built {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "no staging folder is left behind: {name}");
        let manifest: serde_json::Value = manifest(folder);
        assert_eq!(manifest["documents"].as_array().unwrap().len(), 13, "{name} is whole");
    }
}

/// Runs `test` with a fresh tmpfs of `size` mounted at `disk` inside `dir`, and unmounts it
/// whatever happens. Skips (with a note) where mounting is not allowed (it needs root);
/// `an_unwritable_output_folder_…` covers those machines.
fn on_a_small_disk(size: &str, test: impl FnOnce(&std::path::Path, &std::path::Path) + std::panic::UnwindSafe) {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    let result = std::panic::catch_unwind(|| test(dir.path(), &disk));
    let _ = Command::new("umount").arg(&disk).status();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_previous_output() {
    on_a_small_disk("1m", |_, disk| {
        assert_eq!(run(kitei().arg("build").arg("-o").arg(disk).args(["--format", "md"])).0, 0);
        let before = snapshot_tree(disk);
        let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(disk).args(["--format", "md,pdf"]));
        assert_clean_failure(code, &stderr);
        assert!(stderr.contains("No space left on device"), "{stderr}");
        assert_eq!(snapshot_tree(disk), before, "the Markdown-only build is intact and no staging folder is left");
    });
}

#[test]
fn a_read_only_disk_fails_cleanly_and_keeps_the_previous_output() {
    on_a_small_disk("64m", |dir, disk| {
        let profile = variant(dir, "clinic.yaml", "id: sakura-clinic", "id: sakura-clinic");
        assert_eq!(run(kitei().arg("build").arg(&profile).arg("-o").arg(disk).args(["--format", "md"])).0, 0);
        let before = snapshot_tree(disk);
        let remounted = Command::new("mount").args(["-o", "remount,ro"]).arg(disk).status();
        assert!(remounted.is_ok_and(|s| s.success()), "the tmpfs can be made read-only");
        // A real change, so that the build has something to write.
        variant(dir, "clinic.yaml", "さくら内科クリニック", "さくら内科・小児科クリニック");
        let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(disk).args(["--format", "md"]));
        assert_clean_failure(code, &stderr);
        assert!(stderr.contains("Read-only file system"), "{stderr}");
        assert_eq!(snapshot_tree(disk), before);
    });
}

#[test]
fn a_batch_shows_a_progress_bar_on_a_terminal_and_plain_lines_elsewhere() {
    let (dir, profiles) = portfolio(3);
    let command = format!(
        "LANG=C '{}' build '{}' -o '{}' --format md",
        assert_cmd::cargo::cargo_bin("kitei").display(),
        profiles.display(),
        dir.path().join("tty").display()
    );
    // `script` (util-linux) runs the command on a pseudo-terminal and copies what it drew.
    let Ok(output) = Command::new("script").args(["-qec", &command, "/dev/null"]).output() else {
        eprintln!("skipped: `script` is not installed");
        return;
    };
    let drawn = String::from_utf8_lossy(&output.stdout);
    assert!(drawn.contains("█") && drawn.contains("3/3"), "a bar counting to 3/3 was drawn: {drawn}");
    assert!(drawn.contains("3 built, 0 failed"), "{drawn}");

    let (code, _, stderr) =
        run(kitei().arg("build").arg(&profiles).arg("-o").arg(dir.path().join("pipe")).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("█") && !stderr.contains('\u{1b}'), "no bar or escape codes in a log: {stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("built ")).count(), 3, "{stderr}");
}
