//! `kitei guideline`: the content model as users see it.

use crate::support::*;

#[test]
fn toc_lists_all_156_chapters_and_sections_in_order() {
    let (code, stdout, _) = run(kitei().args(["guideline", "toc", "--format", "json"]));
    assert_eq!(code, 0);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(entries.len(), 156);
    let count = |volume: &str| entries.iter().filter(|e| e["volume"] == volume).count();
    assert_eq!((count("overview"), count("governance"), count("management"), count("control")), (17, 19, 60, 60));
    assert_eq!(entries[0]["number"], "1");
    assert!(entries.iter().any(|e| e["volume"] == "management" && e["number"] == "7.2"));
    assert!(entries.iter().any(|e| e["volume"] == "control" && e["number"] == "18.1"));
}

#[test]
fn show_management_15_lists_thirteen_items_and_what_cannot_be_simplified() {
    let (code, stdout, _) = run(kitei().args(["guideline", "show", "management.15"]));
    assert_eq!(code, 0);
    for circled in ["①", "④", "⑬"] {
        assert!(stdout.contains(circled), "{stdout}");
    }
    let never: Vec<&str> = stdout.lines().filter(|l| l.contains("簡略化不可")).collect();
    for id in ["management.15-4 ", "management.15-6 ", "management.15-7 ", "management.15-8 ", "management.15-13"] {
        assert!(never.iter().any(|l| l.contains(id)), "{id} is never simplifiable: {stdout}");
    }
    assert!(stdout.lines().any(|l| l.contains("management.15-1 ") && l.contains("簡略化可")));
}

#[test]
fn show_a_requirement_gives_owner_provenance_and_rules() {
    let (code, stdout, _) = run(kitei().args(["guideline", "show", "management.15-4"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("所管: 企画管理者"));
    assert!(stdout.contains("出典: ガイドライン本文"));
    assert!(stdout.contains("パターンII: 参照する"));
}

#[test]
fn unknown_ids_are_errors() {
    let (code, _, stderr) = run(kitei().args(["guideline", "show", "management.99"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("no chapter, section or requirement"));
}
