//! `kitei guideline`: the content model as users see it.

use crate::support::*;

#[test]
fn toc_lists_all_164_chapters_sections_and_subsections_in_order() {
    let (code, stdout, _) = run(kitei().args(["guideline", "toc", "--format", "json"]));
    assert_eq!(code, 0);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(entries.len(), 164);
    let count = |volume: &str| entries.iter().filter(|e| e["volume"] == volume).count();
    assert_eq!((count("overview"), count("governance"), count("management"), count("control")), (17, 25, 61, 61));
    let entry = |id: &str| entries.iter().find(|e| e["id"] == id).unwrap().clone();
    assert_eq!(entry("governance.1.2.2")["level"], "subsection");
    assert_eq!(entry("control.12")["mark"], serde_json::json!(["I", "III"]));
    assert_eq!(entry("control.14")["source"], "システム運用編 p.47");
    assert_eq!(entries[0]["number"], "1");
    assert!(entries.iter().any(|e| e["volume"] == "management" && e["number"] == "7.2"));
    assert!(entries.iter().any(|e| e["volume"] == "control" && e["number"] == "18.1"));
}

#[test]
fn show_management_15_lists_its_items_and_what_cannot_be_simplified() {
    let (code, stdout, _) = run(kitei().args(["guideline", "show", "management.15", "--lang", "ja"]));
    assert_eq!(code, 0);
    for name in ["企画15①", "企画15④", "企画15⑤", "企画15（補足9）"] {
        assert!(stdout.contains(name), "{name}: {stdout}");
    }
    let never: Vec<&str> = stdout.lines().filter(|l| l.contains("簡略化不可")).collect();
    for id in [
        "management.15-1 ",
        "management.15-4 ",
        "management.15-k2 ",
        "management.15-k3 ",
        "management.15-k4 ",
        "management.15-k9 ",
    ] {
        assert!(never.iter().any(|l| l.contains(id)), "{id} is never simplifiable: {stdout}");
    }
    assert!(stdout.lines().any(|l| l.contains("management.15-5 ") && l.contains("簡略化可")));
}

#[test]
fn show_a_requirement_gives_owner_provenance_and_rules() {
    let (code, stdout, _) = run(kitei().args(["guideline", "show", "management.15-4", "--lang", "ja"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("所管: 企画管理者"));
    assert!(stdout.contains("出典: ガイドライン本文（企画管理編 p.61）"), "{stdout}");
    assert!(stdout.contains("パターンII: 参照する"));
}

#[test]
fn show_json_carries_source_provenance_and_the_governing_mark() {
    let (code, stdout, _) = run(kitei().args(["guideline", "show", "control.12-1", "--format", "json"]));
    assert_eq!(code, 0);
    let item: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (item["provenance"].as_str(), item["source"].as_str()),
        (Some("guideline"), Some("システム運用編 p.37"))
    );
    assert_eq!(item["name"], "シス12①");
    assert_eq!(item["effective_mark"], serde_json::json!(["I", "III"]), "the chapter's printed mark");
    let (_, stdout, _) = run(kitei().args(["guideline", "show", "control.12", "--format", "json"]));
    let chapter: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let supplement = chapter["requirements"].as_array().unwrap().iter().find(|r| r["supplement"] == true).unwrap();
    assert_eq!(supplement["provenance"], "kitei");
    assert!(supplement["name"].as_str().unwrap().contains("（補足"), "{supplement}");
}

#[test]
fn show_an_id_from_before_the_numbering_correction_finds_its_new_id() {
    let (code, stdout, stderr) = run(kitei().args(["guideline", "show", "control.14-11"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("`control.14-11` was renumbered; it is now `control.14-6`"), "{stderr}");
    assert!(stdout.starts_with("control.14-6 "), "{stdout}");
}

#[test]
fn stats_count_volumes_and_provenance_and_the_verified_share() {
    let (code, stdout, _) = run(kitei().args(["guideline", "stats", "--format", "json"]));
    assert_eq!(code, 0);
    let stats: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let provenance = &stats["provenance"];
    let total = stats["total"]["requirements"].as_u64().unwrap();
    let sum: u64 = ["guideline", "seed", "kitei"].iter().map(|k| provenance[k].as_u64().unwrap()).sum();
    assert_eq!(sum, total);
    let volumes: u64 = ["governance", "management", "control"]
        .iter()
        .map(|v| stats["volumes"][v]["requirements"].as_u64().unwrap())
        .sum();
    assert_eq!(volumes, total);
    assert_eq!(stats["kitei_with_official_id"], serde_json::json!([]), "no kitei item uses the official id form");
    assert_eq!(stats["total"]["verified"], provenance["guideline"], "every guideline item names its source");
    let share = stats["verified_share"].as_f64().unwrap();
    assert!(share > 0.2 && share < 1.0, "{share}");
    let (_, text, _) = run(kitei().args(["guideline", "stats", "--lang", "ja"]));
    assert!(text.contains("公表版の本文で確認し出典（頁）を記録した項目"), "{text}");
}

#[test]
fn unknown_ids_are_errors() {
    let (code, _, stderr) = run(kitei().args(["guideline", "show", "management.99"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("no chapter, section or requirement"));
}

#[test]
fn the_7_0_outline_and_stats_state_the_q_and_a_status_with_its_source() {
    for args in [["guideline", "stats", "--version", "7.0"], ["guideline", "toc", "--version", "7.0"]] {
        let (code, stdout, stderr) = run(kitei().args(args));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("第7.0版のQ&Aは"), "{args:?}: {stdout}");
        assert!(stdout.contains("令和8年7月公表予定"), "{args:?}");
        assert!(stdout.contains("0000516275_00006"), "{args:?}: the landing page is cited");
    }
}
