//! The guideline checks on small fixture content (independent of the shipped volumes): official and
//! supplement items, subsections, separately numbered lists, marks, sources and `renames.yaml`.

use super::{build_guideline, Content, LoadError};
use crate::model::{Guideline, Level, Mark};

const GUIDELINE: &str = "version: \"6.0\"\ntitle: T\nedition: 第6.0版\nissued: 2023-05-31\npublisher: 厚生労働省\nvolumes: [governance.yaml, control.yaml]\n";

const APPLICABILITY: &str = r#"patterns:
  - {id: I, hosting: on-premises, dedicated_staff: true, description: a}
  - {id: II, hosting: cloud, dedicated_staff: true, description: b}
  - {id: III, hosting: on-premises, dedicated_staff: false, description: c}
  - {id: IV, hosting: cloud, dedicated_staff: false, description: d}
simplifiable: {patterns: [II, IV], parts: [control], except: [control.1.2]}
conditions: []
"#;

const GOVERNANCE: &str = r#"volume: governance
title: 経営管理編
reader: 経営層
chapters:
  - number: "1"
    title: 責任
    summary: s
    sections:
      - number: "1.1"
        title: 法令
        summary: s
        requirements:
          - no: 1
            label: 法令の遵守
            owner: governance
            provenance: guideline
            source: 経営管理編 p.7
            text: 法令を守ること。
      - number: "1.2"
        title: 責任
        summary: s
        requirements: []
      - number: "1.2.1"
        title: 通常時
        summary: s
        requirements:
          - supplement: 1
            label: 補足
            owner: governance
            provenance: kitei
            text: 補足すること。
      - number: "1.2.2"
        title: 非常時
        summary: s
        requirements:
          - no: 1
            list: 説明責任
            label: 説明
            owner: governance
            provenance: guideline
            source: 経営管理編 p.9
            text: 説明すること。
          - no: 1
            list: 善後策を講ずる責任
            label: 原因究明
            owner: governance
            provenance: guideline
            source: 経営管理編 p.9
            text: 調べること。
"#;

const CONTROL: &str = r#"volume: control
title: システム運用編
reader: システム運用担当者
chapters:
  - number: "1"
    title: 物理
    mark: [I, III]
    source: システム運用編 p.44
    summary: s
    sections:
      - number: "1.1"
        title: 区画
        summary: s
      - number: "1.2"
        title: 端末
        mark: [I, II, III, IV]
        summary: s
    requirements:
      - no: 1
        label: 入退室
        owner: operations
        provenance: guideline
        source: システム運用編 p.44
        text: 入退室を管理すること。
      - no: 2
        section: "1.2"
        mark: [I, II, III, IV]
        label: 離席
        owner: operations
        provenance: guideline
        source: システム運用編 p.45
        text: 離席時に画面を閉じること。
      - supplement: 1
        label: 鍵
        owner: operations
        provenance: kitei
        text: 鍵を管理すること。
"#;

/// The fixture content, with `edit` applied to (path, text) pairs before loading.
fn fixture(edits: &[(&str, &str, &str)], renames: Option<&str>) -> Result<Guideline, LoadError> {
    let mut files = vec![
        ("guideline/6.0/guideline.yaml", GUIDELINE.to_owned()),
        ("guideline/6.0/applicability.yaml", APPLICABILITY.to_owned()),
        ("guideline/6.0/governance.yaml", GOVERNANCE.to_owned()),
        ("guideline/6.0/control.yaml", CONTROL.to_owned()),
    ];
    for (path, from, to) in edits {
        let file = files.iter_mut().find(|(p, _)| p.ends_with(path)).expect("a fixture file");
        assert!(file.1.contains(from), "the fixture has no `{from}`");
        file.1 = file.1.replacen(from, to, 1);
    }
    let mut content = Content::embedded().without_file("guideline/6.0/renames.yaml");
    for (path, text) in files {
        content = content.with_file(path, text);
    }
    if let Some(renames) = renames {
        content = content.with_file("guideline/6.0/renames.yaml", renames.to_owned());
    }
    build_guideline(&content, "6.0")
}

fn refused(result: Result<Guideline, LoadError>) -> String {
    result.expect_err("the fixture is refused").to_string()
}

#[test]
fn official_supplement_and_listed_items_get_distinct_ids_and_names() {
    let g = fixture(&[], None).unwrap();
    let ids: Vec<&str> = g.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "governance.1.1-1",
            "governance.1.2.1-k1",
            "governance.1.2.2-a1",
            "governance.1.2.2-b1",
            "control.1-1",
            "control.1-2",
            "control.1-k1"
        ]
    );
    let name = |id: &str| g.requirement(id).unwrap().name(crate::wording::embedded());
    assert_eq!(name("control.1-2"), "シス1②");
    assert_eq!(name("control.1-k1"), "シス1（補足1）");
    assert_eq!(name("governance.1.2.2-b1"), "経営1.2.2〈善後策を講ずる責任〉①");
    assert_eq!(g.entry("governance.1.2.1").unwrap().level, Level::Subsection);
    assert_eq!(g.entry("control.1").unwrap().mark.as_deref(), Some(&[Mark::I, Mark::III][..]));
    assert_eq!(g.requirement("control.1-1").unwrap().source.as_deref(), Some("システム運用編 p.44"));
    assert!(
        g.requirement("governance.1.2.1-k1").unwrap().matches("governance.1.2"),
        "a section selects its subsections"
    );
}

#[test]
fn an_item_needs_exactly_one_of_no_and_supplement() {
    let both = refused(fixture(
        &[("control.yaml", "      - supplement: 1\n", "      - supplement: 1\n        no: 3\n")],
        None,
    ));
    assert!(both.contains("control.yaml:") && both.contains("either `no:` (published) or `supplement:`"), "{both}");
    let neither =
        refused(fixture(&[("control.yaml", "      - supplement: 1\n        label: 鍵", "      - label: 鍵")], None));
    assert!(neither.contains("needs `no:` (its published number) or `supplement:`"), "{neither}");
}

#[test]
fn a_supplement_cannot_claim_the_published_text() {
    let shown = refused(fixture(
        &[(
            "control.yaml",
            "        label: 鍵\n        owner: operations\n        provenance: kitei",
            "        label: 鍵\n        owner: operations\n        provenance: guideline",
        )],
        None,
    ));
    assert!(
        shown.contains("`control.1-k1` is kitei's own item (`supplement:`) but claims provenance `guideline`"),
        "{shown}"
    );
}

#[test]
fn subsections_follow_their_section_in_order() {
    assert!(fixture(&[("governance.yaml", "number: \"1.2.2\"", "number: \"1.2.3\"")], None).is_ok(), "may skip");
    let shown = refused(fixture(&[("governance.yaml", "number: \"1.2.2\"", "number: \"1.3.1\"")], None));
    assert!(
        shown.contains("section number `1.3.1` is out of order: expected `1.3` (or a subsection `1.2.2` or later)"),
        "{shown}"
    );
}

#[test]
fn every_chapter_needs_an_item_but_sections_need_not() {
    let g = fixture(&[], None).unwrap();
    assert!(g.requirements_of(g.entry("governance.1.2").unwrap()).any(|r| r.number == "1.2.1"));
    assert_eq!(g.requirements_of(g.entry("control.1.1").unwrap()).count(), 0, "a section without items loads");
}

#[test]
fn with_published_numbering_a_guideline_item_needs_its_source_and_kitei_no_official_number() {
    assert!(fixture(&[], Some("renamed: []\n")).is_ok());
    let unsourced =
        refused(fixture(&[("control.yaml", "        source: システム運用編 p.45\n", "")], Some("renamed: []\n")));
    assert!(unsourced.contains("`control.1-2` has provenance `guideline` but no `source:`"), "{unsourced}");
    let kitei = "      - no: 3\n        label: 鍵";
    let shown =
        refused(fixture(&[("control.yaml", "      - supplement: 1\n        label: 鍵", kitei)], Some("renamed: []\n")));
    assert!(shown.contains("`control.1-3` carries an official item number but is kitei's own formulation"), "{shown}");
    assert!(
        fixture(&[("control.yaml", "      - supplement: 1\n        label: 鍵", kitei)], None).is_ok(),
        "not before"
    );
}

#[test]
fn renames_map_old_ids_and_are_checked() {
    let renames = "revision: 1\nrenamed:\n  - {from: control.1-3, to: control.1-k1}\nrepurposed:\n  - {id: control.1-2, old_meaning_to: control.1-k1}\n";
    let g = fixture(&[], Some(renames)).unwrap();
    assert_eq!(g.numbering.revision, 1);
    assert_eq!(g.numbering.reason, "遵守事項の番号を公表版に合わせて訂正");
    assert_eq!(g.current_id("control.1-3"), Some("control.1-k1"));
    assert_eq!(g.numbering.old_meaning_of("control.1-2"), Some("control.1-k1"));
    let broken = "renamed:\n  - {from: control.1-1, to: control.1-9}\n";
    let shown = refused(fixture(&[], Some(broken)));
    assert!(
        shown.contains("renames.yaml:2:") && shown.contains("`control.1-1` is renamed but still exists"),
        "{shown}"
    );
    assert!(shown.contains("`control.1-9` names no requirement"), "{shown}");
}

#[test]
fn duplicate_item_numbers_are_refused() {
    let shown = refused(fixture(&[("control.yaml", "      - no: 2\n", "      - no: 1\n")], None));
    assert!(shown.contains("duplicate id `control.1-1`"), "{shown}");
}
