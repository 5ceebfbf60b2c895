//! Template overrides run in a sandbox: no environment, no include or import cycles, files that
//! are not templates ignored with a note, a misnamed override named as such.

use crate::support::*;
use std::path::Path;

/// Builds the sample (Markdown only) with the given override files; returns (code, stderr, out).
fn build_with(files: &[(&str, &str)]) -> (i32, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    for (name, text) in files {
        std::fs::write(templates.join(name), text).unwrap();
    }
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--format", "md", "--templates"])
        .arg(&templates)
        .env("KITEI_TEST_SECRET", "hunter2-secret"));
    (code, stderr, dir)
}

#[test]
fn include_and_import_cycles_are_refused_with_the_files_named() {
    let cases: [&[(&str, &str)]; 4] = [
        &[("bcp.md", "{% include \"bcp.md\" %}\n")],
        &[("bcp.md", "{% include \"part.md\" %}\n"), ("part.md", "{% include \"bcp.md\" %}\n")],
        &[("bcp.md", "{% import \"bcp.md\" as m %}\n{{ m::x() }}\n{% macro x() %}x{% endmacro x %}\n")],
        &[
            ("bcp.md", "{% import \"lib.md\" as m %}x\n"),
            ("lib.md", "{% import \"bcp.md\" as n %}{% macro x() %}x{% endmacro x %}\n"),
        ],
    ];
    for files in cases {
        let (code, stderr, dir) = build_with(files);
        assert_eq!(code, 1, "a clean failure, not an abort: {stderr}");
        assert!(stderr.contains("cycle") && stderr.contains("bcp.md"), "{stderr}");
        assert!(!dir.path().join("out/sakura-clinic").exists());
    }
}

#[test]
fn a_deep_include_chain_is_refused() {
    let mut files: Vec<(String, String)> =
        (0..40).map(|i| (format!("p{i}.md"), format!("{{% include \"p{}.md\" %}}", i + 1))).collect();
    files.push(("p40.md".into(), "end".into()));
    files.push(("bcp.md".into(), "{% include \"p0.md\" %}".into()));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let (code, stderr, _) = build_with(&borrowed);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("nest more than 16 deep"), "{stderr}");
}

#[test]
fn templates_cannot_read_environment_variables() {
    let (code, stderr, dir) = build_with(&[("bcp.md", "# x\n\n{{ get_env(name=\"KITEI_TEST_SECRET\") }}\n")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("get_env is not available"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(!dir.path().join("out/sakura-clinic").exists());
}

#[test]
fn a_huge_range_is_refused_instead_of_exhausting_memory() {
    let (code, stderr, _) = build_with(&[("bcp.md", "{% for i in range(end=4000000000) %}x{% endfor %}\n")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("range may give at most"), "{stderr}");
}

#[test]
fn stray_files_are_ignored_misnamed_overrides_warned_and_used_ones_named() {
    let policy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/security-policy.md")).unwrap();
    let (code, stderr, _) = build_with(&[
        (".DS_Store", "\0\0binary"),
        ("notes.txt", "my notes"),
        ("securty-policy.md", "typo"),
        ("security-policy.md", &policy),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(".DS_Store: not a template") && stderr.contains("notes.txt: not a template"), "{stderr}");
    assert!(stderr.contains("securty-policy.md replaces no document; did you mean security-policy.md?"), "{stderr}");
    assert!(stderr.contains("template overrides from") && stderr.contains("security-policy.md"), "{stderr}");
}

#[test]
fn a_file_link_is_not_live_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("bcp.md"),
        "## 連絡\n\n[手順](file:///etc/passwd) と [厚労省](https://www.mhlw.go.jp/)\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) =
        run(kitei().arg("build").arg("-o").arg(&out).args(["--format", "typ", "--templates"]).arg(&templates));
    assert_eq!(code, 0, "{stderr}");
    let typ = std::fs::read_to_string(out.join("sakura-clinic/bcp.typ")).unwrap();
    assert!(!typ.contains("file:///etc/passwd"), "{typ}");
    assert!(typ.contains("#link(\"https://www.mhlw.go.jp/\")"), "{typ}");
}

/// Exports the built-in templates into `dir/templates`, as a facility starts an override.
fn exported(dir: &std::path::Path) -> std::path::PathBuf {
    let templates = dir.join("templates");
    let (code, _, stderr) = run(kitei().args(["templates", "export"]).arg(&templates));
    assert_eq!(code, 0, "{stderr}");
    templates
}

/// Builds the sample as Markdown with `templates` as overrides; returns (code, what it printed).
fn build_md(dir: &std::path::Path, templates: &std::path::Path) -> (i32, String) {
    let (code, stdout, stderr) =
        run(kitei().arg("build").arg("-o").arg(dir.join("out")).args(["--format", "md", "--templates"]).arg(templates));
    (code, format!("{stdout}{stderr}"))
}

#[test]
fn an_exported_set_used_as_overrides_builds_the_same_rulebook_without_warnings() {
    let plain = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg("-o").arg(plain.path()).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let templates = exported(dir.path());
    let (code, stderr) = build_md(dir.path(), &templates);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("older built-in") && !stderr.contains("replaces no document"), "{stderr}");
    let regulation = "sakura-clinic/operations-regulation.md";
    assert_eq!(
        std::fs::read(plain.path().join(regulation)).unwrap(),
        std::fs::read(dir.path().join("out").join(regulation)).unwrap(),
        "the base line is kitei's: it never reaches a document"
    );
}

#[test]
fn one_chapter_of_the_regulation_can_be_overridden_alone() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    let chapter = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/operations-regulation/11-miscellaneous.md");
    let text = std::fs::read_to_string(chapter).unwrap();
    assert!(text.contains("[[article:review|見直し]]"));
    let edited = text.replacen(
        "[[article:review|見直し]]\n",
        "[[article:review|見直し]]\n\n当院独自の見直し条項の文である。\n",
        1,
    );
    std::fs::create_dir_all(templates.join("operations-regulation")).unwrap();
    std::fs::write(templates.join("operations-regulation/11-miscellaneous.md"), edited).unwrap();
    let (code, stderr) = build_md(dir.path(), &templates);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("replaces no document"), "{stderr}");
    assert!(stderr.contains("no kitei-base line"), "an override without a base line is noted: {stderr}");
    let regulation = std::fs::read_to_string(dir.path().join("out/sakura-clinic/operations-regulation.md")).unwrap();
    assert!(regulation.contains("当院独自の見直し条項の文である。"), "the chapter override is used");
    assert!(regulation.contains("（目的）"), "the other chapters stay built-in");
}

#[test]
fn an_override_exported_from_an_older_built_in_warns_and_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let templates = exported(dir.path());
    let chapter = templates.join("operations-regulation/04-general-management.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    let (base, body) = text.split_once('\n').unwrap();
    let hash_at = base.find("sha256=").unwrap() + "sha256=".len();
    let older = format!("{}{}{}", &base[..hash_at], "0".repeat(64), &base[hash_at + 64..]);
    std::fs::write(&chapter, format!("{older}\n{body}")).unwrap();
    let (code, stderr) = build_md(dir.path(), &templates);
    assert_eq!(code, 0, "a drifted override still builds: {stderr}");
    assert!(
        stderr.contains("operations-regulation/04-general-management.md was exported from an older built-in"),
        "{stderr}"
    );
    assert!(!stderr.contains("security-policy.md was exported"), "only the drifted file is named: {stderr}");
}

#[test]
fn a_folder_that_is_not_a_chapter_folder_is_ignored_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("drafts")).unwrap();
    std::fs::write(templates.join("drafts/bcp.md"), "# x\n").unwrap();
    let (code, stderr) = build_md(dir.path(), &templates);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("not a folder of template chapters"), "{stderr}");
    let bcp = std::fs::read_to_string(dir.path().join("out/sakura-clinic/bcp.md")).unwrap();
    assert!(bcp.len() > 100, "the built-in BCP is used");
}

#[test]
fn a_facility_wording_replaces_code_and_template_texts() {
    let policy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/security-policy.md")).unwrap();
    let policy = format!("{policy}\n{{{{ wording.cover.approver }}}}を確かめる。\n");
    let wording =
        "# 施設の言い回し\ncover:\n  approver: 決裁者\nstructure:\n  article_heading: \"#### {number}　{caption}\"\n";
    let (code, stderr, dir) = build_with(&[("wording.yaml", wording), ("security-policy.md", &policy)]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("out/sakura-clinic");
    let policy = std::fs::read_to_string(out.join("security-policy.md")).unwrap();
    assert!(policy.contains("| 決裁者 |") && !policy.contains("| 承認者 |"), "the title block reads it: {policy}");
    assert!(policy.contains("決裁者を確かめる。"), "a template reads it: {policy}");
    let regulation = std::fs::read_to_string(out.join("operations-regulation.md")).unwrap();
    assert!(regulation.contains("#### 第1条　") && !regulation.contains("#### 第1条（"), "{regulation}");
}

#[test]
fn a_facility_wording_with_an_unknown_key_or_wrong_parameters_is_refused_where_it_is_wrong() {
    let (code, stderr, dir) = build_with(&[("wording.yaml", "cover:\n  approvr: 決裁者\n")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("wording.yaml:2:3") && stderr.contains("cover.approvr"), "{stderr}");
    assert!(stderr.contains("did you mean `cover.approver`?"), "{stderr}");
    assert!(!dir.path().join("out/sakura-clinic").exists());
    let (code, stderr, _) = build_with(&[("wording.yaml", "structure:\n  article_number: 第{number}条\n")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("wording.yaml:2:3") && stderr.contains("{n}") && stderr.contains("{number}"), "{stderr}");
}

#[test]
fn templates_export_writes_the_wording_too() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(kitei().args(["templates", "export"]).arg(dir.path().join("t")));
    assert_eq!(code, 0, "{stderr}");
    let wording = std::fs::read_to_string(dir.path().join("t/wording.yaml")).unwrap();
    assert!(wording.contains("approver: 承認者"), "{wording}");
    let (code, _, stderr) = run(kitei()
        .arg("build")
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--format", "md", "--templates"])
        .arg(dir.path().join("t")));
    assert_eq!(code, 0, "the exported folder builds as it is: {stderr}");
}
