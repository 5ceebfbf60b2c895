//! The whole of what the main commands print, in Japanese and in English: a changed message is a
//! reviewed snapshot diff, not a fragment that a `contains` lets pass. Each transcript is the exit
//! code, standard output and standard error of one run in a temporary facility folder, run from
//! inside it so that every path printed is relative (the folder itself, if printed, is `[DIR]`).

use std::path::Path;
use std::process::Command;

use crate::support::*;

const LANGS: [&str; 2] = ["ja", "en"];

/// A facility folder: the sample profile as `clinic.yaml`.
fn facility() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("clinic.yaml")).unwrap();
    dir
}

/// `kitei --lang LANG ARGS…` run inside `dir`.
fn kitei_in(dir: &Path, lang: &str, args: &[&str]) -> Command {
    let mut command = kitei();
    command.current_dir(dir).args(["--lang", lang]).args(args);
    command
}

/// What a run printed, with the folder it ran in shown as `[DIR]`.
fn transcript(dir: &Path, command: &mut Command) -> String {
    let (code, stdout, stderr) = run(command);
    let text = format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
    let canonical = std::fs::canonicalize(dir).unwrap();
    text.replace(&canonical.display().to_string(), "[DIR]").replace(&dir.display().to_string(), "[DIR]")
}

/// Runs `args` in a fresh facility per language, after `setup`, and snapshots each transcript.
fn snapshot_both(name: &str, setup: impl Fn(&Path), args: &[&str]) {
    for lang in LANGS {
        let dir = facility();
        setup(dir.path());
        let shown = transcript(dir.path(), &mut kitei_in(dir.path(), lang, args));
        insta::assert_snapshot!(format!("{name}_{lang}"), shown);
    }
}

fn build_md(dir: &Path) {
    let (code, _, stderr) = run(&mut kitei_in(dir, "en", &["build", "clinic.yaml", "-o", "out", "--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
}

fn nothing(_: &Path) {}

#[test]
fn check_prints_the_whole_report() {
    snapshot_both("check", nothing, &["check", "clinic.yaml"]);
}

#[test]
fn check_prints_a_profile_error_with_its_place() {
    let broken = |dir: &Path| {
        let text = std::fs::read_to_string(dir.join("clinic.yaml")).unwrap();
        std::fs::write(dir.join("clinic.yaml"), text.replacen("screen_lock_minutes:", "screen_lock_minute:", 1))
            .unwrap();
    };
    snapshot_both("check_error", broken, &["check", "clinic.yaml"]);
}

#[test]
fn build_prints_what_it_made() {
    snapshot_both("build", nothing, &["build", "clinic.yaml", "-o", "out", "--format", "md"]);
}

#[test]
fn status_of_a_draft_never_approved() {
    snapshot_both("status_draft", build_md, &["status", "clinic.yaml", "-o", "out"]);
}

#[test]
fn approve_prints_the_record_and_the_build() {
    let args = ["approve", "clinic.yaml", "-o", "out", "--by", "院長", "--date", "2026-04-01", "--format", "md"];
    snapshot_both("approve", build_md, &args);
}

#[test]
fn checklist_prints_the_counts_and_files() {
    snapshot_both("checklist", build_md, &["checklist", "clinic.yaml"]);
}

const EDITS: &str = "edits:
  - replace: violation
    text: 職員等がこの規程に違反したときは、就業規則の定めるところにより懲戒処分を行う。
  - insert_after: violation
    label: usb-memory
    title: USBメモリの利用
    text: 職員等は、許可なくUSBメモリを医療情報システムの端末に接続してはならない。
";

/// Two local edits: one accepted and then changed under by a newer built-in text (simulated by a
/// template override), one never accepted.
fn local_edits(dir: &Path) {
    std::fs::create_dir_all(dir.join("local")).unwrap();
    std::fs::write(dir.join("local/operations-regulation.yaml"), EDITS).unwrap();
    let (code, _, stderr) = run(&mut kitei_in(dir, "en", &["local", "accept", "clinic.yaml", "violation"]));
    assert_eq!(code, 0, "{stderr}");
    let chapter = "operations-regulation/11-miscellaneous.md";
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates").join(chapter);
    let changed = std::fs::read_to_string(builtin).unwrap().replace("処分を行うことがある", "懲戒処分を行うことがある");
    std::fs::create_dir_all(dir.join("templates/operations-regulation")).unwrap();
    std::fs::write(dir.join("templates").join(chapter), changed).unwrap();
}

#[test]
fn local_status_prints_each_edit_and_the_texts_to_review() {
    snapshot_both("local_status", local_edits, &["local", "status", "clinic.yaml"]);
}

#[test]
fn a_build_with_overrides_and_local_edits_prints_its_notes_and_warnings() {
    snapshot_both("build_overrides", local_edits, &["build", "clinic.yaml", "-o", "out", "--format", "md"]);
}

#[test]
fn guideline_diff_prints_every_change() {
    snapshot_both("guideline_diff", nothing, &["guideline", "diff", "6.0", "7.0"]);
}

#[test]
fn guideline_diff_for_a_facility_prints_the_places_touched() {
    snapshot_both("guideline_diff_facility", nothing, &["guideline", "diff", "6.0", "7.0", "--profile", "clinic.yaml"]);
}

#[test]
fn guideline_show_and_stats_print_their_labels() {
    snapshot_both("guideline_show", nothing, &["guideline", "show", "management.15-4"]);
    snapshot_both("guideline_stats", nothing, &["guideline", "stats"]);
}
