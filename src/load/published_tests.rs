//! The shipped 6.0 model against what the published text was seen to print (research of 2026-12,
//! reports in the project's verify notes). Fails when the model drifts: an official number added
//! that nobody saw in the published text, a verified one dropped, a count or a mark changed.

use super::{load_guideline, Content};
use crate::model::{Guideline, Mark};

/// Where the 遵守事項 list of an anchor was read.
enum Seen {
    /// The whole list was read: these are all its items.
    Complete,
    /// Only these items were read (the list continues, or the page was cut off).
    Partial,
}

/// (chapter or subsection, official item suffixes in the model, how much was read, source).
const PUBLISHED: &[(&str, &[&str], Seen, &str)] = &[
    ("governance.1.1", &["1", "2"], Seen::Complete, "日本病院会による第6.0版経営管理編目次の再掲 p.3 (wic-net 17674)"),
    ("governance.1.2.1", &["a1"], Seen::Partial, "同 p.3: 〈説明責任〉① のみ判読"),
    ("governance.1.2.2", &["a1", "b1", "b2", "b3"], Seen::Complete, "同 p.4: 〈説明責任〉①、〈善後策を講ずる責任〉①②③"),
    ("governance.2.1", &["1", "2", "3"], Seen::Complete, "経営管理編 p.12 (wic-net 9464/12)"),
    ("governance.3.1.1", &["1"], Seen::Complete, "経営管理編 p.15"),
    ("governance.3.4.3", &["1", "2"], Seen::Complete, "経営管理編 p.21"),
    ("governance.5.2.1", &["1"], Seen::Complete, "経営管理編 p.25"),
    ("governance.5.2.2", &["1"], Seen::Partial, "経営管理編 p.25 (① の途中で切れる)"),
    ("management.2", &["1"], Seen::Partial, "Q&A p.35 (企2章第①条)"),
    ("management.5", &["1", "2", "3", "4"], Seen::Complete, "企画管理編 p.28 (wic-net 9465/28)"),
    ("management.7", &["1", "2", "3", "4", "5", "6"], Seen::Partial, "企画管理編 p.33 (①–⑤), Q&A p.45 (⑥)"),
    ("management.8", &["3", "5", "6"], Seen::Partial, "Q&A pp.49–50 (企8章第③⑤⑥条)"),
    ("management.9", &["2"], Seen::Partial, "Q&A p.52 (企9章②条関係)"),
    ("management.10", &["1", "2", "3"], Seen::Partial, "各編間相関表 p.4 (企画管理編 10 ①–③、③ の途中で切れる)"),
    ("management.11", &["1", "2", "3", "4", "5", "6"], Seen::Partial, "企画管理編 p.46 (⑥ の途中で切れる)"),
    ("management.13", &["2"], Seen::Partial, "Q&A pp.56–57 (企13章第②条)"),
    ("management.14", &["1"], Seen::Partial, "Q&A pp.59–61 (企14章第①条)"),
    ("management.15", &["1", "2", "3", "4", "5"], Seen::Partial, "企画管理編 p.61 (①–④), 各編間相関表 p.8 (⑤)"),
    ("management.16", &["3"], Seen::Partial, "Q&A p.65 (企16章第③条)"),
    ("control.1", &["1"], Seen::Complete, "システム運用編 p.9"),
    ("control.2", &["1", "2", "3", "4", "5"], Seen::Complete, "システム運用編 p.10"),
    ("control.3", &["1", "2", "3", "4"], Seen::Partial, "システム運用編 p.11 (④ の途中で切れる)"),
    ("control.7", &["13"], Seen::Partial, "Q&A p.79 (シス7章第⑬条)"),
    ("control.10", &["4"], Seen::Partial, "総務省の対応表 (wic-net 10202 p.27) による公表版の引用"),
    ("control.11", &["1"], Seen::Partial, "システム運用編 p.34"),
    ("control.12", &["1", "2"], Seen::Partial, "システム運用編 p.37"),
    ("control.13", &["6", "11", "12", "13"], Seen::Partial, "Q&A p.94 (⑥), システム運用編 pp.40–41, 各編間相関表 p.9"),
    ("control.14", &["1", "2", "3", "4", "6", "8"], Seen::Partial, "システム運用編 p.47 (①–④), Q&A pp.103, 109 (⑥⑧)"),
    ("control.16", &["1", "2"], Seen::Complete, "システム運用編 p.52"),
    ("control.17", &["1", "2", "3", "4"], Seen::Partial, "システム運用編 p.53 (④ の途中で切れる)"),
    ("control.18", &["1"], Seen::Complete, "システム運用編 p.54, 各編間相関表 p.8"),
];

const ALL: &[Mark] = &[Mark::I, Mark::II, Mark::III, Mark::IV];
const ON_PREMISES: &[Mark] = &[Mark::I, Mark::III];

/// システム運用編 headings whose printed pattern mark was read (others carry none in the model).
const MARKS: &[(&str, &[Mark], &str)] = &[
    ("control.1", ALL, "システム運用編 p.9"),
    ("control.2", ALL, "システム運用編 p.10"),
    ("control.3", ALL, "システム運用編 p.11"),
    ("control.5", ON_PREMISES, "システム運用編 目次 p.3"),
    ("control.6", ALL, "システム運用編 目次 p.3"),
    ("control.7", ALL, "システム運用編 目次 p.3"),
    ("control.11", ALL, "システム運用編 p.34"),
    ("control.12", ON_PREMISES, "システム運用編 p.37: ［Ⅰ、Ⅲ なお遵守事項⑤・⑥及び12.3は、Ⅱ、Ⅳも参照］"),
    ("control.12.3", ALL, "同上"),
    ("control.14", ALL, "システム運用編 p.47"),
    ("control.16", ALL, "システム運用編 p.52"),
    ("control.17", ON_PREMISES, "システム運用編 p.53"),
    ("control.18", ALL, "システム運用編 p.54"),
];

fn guideline() -> Guideline {
    load_guideline(&Content::embedded(), "6.0").expect("the shipped 6.0 loads")
}

/// Official items numbered directly under `anchor` (a chapter's or a subsection's own list).
fn official_under(g: &Guideline, anchor: &str) -> Vec<String> {
    let (volume, number) = anchor.split_once('.').expect("volume.number");
    g.requirements
        .iter()
        .filter(|r| !r.supplement && r.volume.as_str() == volume && r.number == number)
        .map(|r| r.id.rsplit_once('-').map(|(_, n)| n.to_owned()).unwrap_or_default())
        .collect()
}

#[test]
fn official_numbers_are_exactly_those_seen_in_the_published_text() {
    let g = guideline();
    for (anchor, seen, extent, source) in PUBLISHED {
        let kind = match extent {
            Seen::Complete => "the complete list",
            Seen::Partial => "the items read",
        };
        assert_eq!(official_under(&g, anchor), *seen, "{anchor}: {kind} of {source}");
    }
    let listed: Vec<&str> = PUBLISHED.iter().map(|(anchor, ..)| *anchor).collect();
    for r in g.requirements.iter().filter(|r| !r.supplement) {
        let anchor = format!("{}.{}", r.volume.as_str(), r.number);
        assert!(listed.contains(&anchor.as_str()), "{} has an official number nobody saw published", r.id);
    }
}

#[test]
fn every_official_item_names_its_source_and_no_kitei_item_looks_official() {
    let g = guideline();
    for r in &g.requirements {
        if r.supplement {
            assert!(r.id.contains("-k"), "{}", r.id);
        } else {
            assert_eq!(r.provenance, crate::model::Provenance::Guideline, "{} is official but not verified", r.id);
            assert!(r.source.as_deref().is_some_and(|s| !s.is_empty()), "{} has no source", r.id);
        }
    }
}

#[test]
fn printed_marks_are_recorded_and_no_other() {
    let g = guideline();
    for (id, mark, source) in MARKS {
        assert_eq!(g.entry(id).and_then(|e| e.mark.as_deref()), Some(*mark), "{id}: {source}");
    }
    for entry in g.entries.iter().filter(|e| e.mark.is_some()) {
        assert!(MARKS.iter().any(|(id, ..)| *id == entry.id), "{} carries a mark nobody read", entry.id);
    }
}
