//! The published pattern marks (参照パターン表示) as applicability.
//!
//! The final システム運用編 prints on each chapter heading the reference patterns it addresses
//! ([Ⅰ～Ⅳ] for most, [Ⅰ、Ⅲ] for 5, 12 and 17), and a few sections or items print their own
//! (12.3 and 12⑤⑥ also for Ⅱ、Ⅳ). The seed deck kitei started from simplifies: Ⅱ and Ⅳ may
//! simplify most of the volume where a vendor contract covers it. Where the two disagree the
//! published mark wins, and the reason says so, so a reader can check it against the text.

use crate::model::{Guideline, Mark, Requirement};

/// The Roman numeral of a pattern id (`IV` → `Ⅳ`), as documents print it.
pub fn numeral(pattern: &str) -> &str {
    match pattern {
        "I" => Mark::I.numeral(),
        "II" => Mark::II.numeral(),
        "III" => Mark::III.numeral(),
        "IV" => Mark::IV.numeral(),
        other => other,
    }
}

/// The mark that governs a requirement: its own, else its section's (or subsection's), else its
/// chapter's; `None` where nothing is printed (経営管理編, 企画管理編: every pattern reads them).
pub fn effective_mark<'a>(guideline: &'a Guideline, requirement: &'a Requirement) -> Option<&'a [Mark]> {
    if let Some(mark) = &requirement.mark {
        return Some(mark);
    }
    let entry_mark = |number: &str| {
        guideline
            .entries
            .iter()
            .find(|e| e.volume == requirement.volume && e.number == number)
            .and_then(|e| e.mark.as_deref())
    };
    let mut places = vec![requirement.section.as_str(), requirement.number.as_str()];
    // A subsection's item falls back to its section before its chapter (1.2.1 → 1.2 → 1).
    if let Some((section, _)) = requirement.number.rsplit_once('.') {
        places.push(section);
    }
    places.push(requirement.chapter());
    places.into_iter().find_map(entry_mark)
}

/// Why a requirement does not apply to `pattern` under its published mark, or `None` when the
/// mark includes the pattern (or nothing is printed). `seed_reading` is what the seed's rules
/// would have said (「簡略化可能な項目」, 「参照すべき項目」), named in the reason as overruled.
pub(super) fn excluded_by_mark(
    guideline: &Guideline,
    requirement: &Requirement,
    pattern: &str,
    seed_reading: &str,
    wording: &crate::wording::Wording,
) -> Option<String> {
    let mark = effective_mark(guideline, requirement)?;
    if mark.iter().any(|m| m.id() == pattern) {
        return None;
    }
    let printed = Mark::printed(wording, mark);
    Some(crate::w!(
        wording,
        "status.not_in_mark",
        printed = printed,
        pattern = numeral(pattern),
        seed_reading = seed_reading
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Level, Provenance, Role, VolumeKey};

    fn entry(number: &str, level: Level, mark: Option<Vec<Mark>>) -> Entry {
        Entry {
            id: format!("control.{number}"),
            volume: VolumeKey::Control,
            number: number.to_owned(),
            title: "t".to_owned(),
            seed_title: None,
            summary: "s".to_owned(),
            level,
            mark,
            source: None,
        }
    }

    fn item(no: u32, section: &str, mark: Option<Vec<Mark>>) -> Requirement {
        Requirement {
            id: format!("control.12-{no}"),
            volume: VolumeKey::Control,
            number: "12".to_owned(),
            no,
            supplement: false,
            list: None,
            section: section.to_owned(),
            label: "l".to_owned(),
            text: "t".to_owned(),
            owner: Role::Operations,
            provenance: Provenance::Guideline,
            area: None,
            mark,
            source: Some("システム運用編 p.44".to_owned()),
        }
    }

    fn guideline() -> Guideline {
        let mut g = crate::load::load_guideline(&crate::load::Content::embedded(), "6.0").unwrap();
        g.entries = vec![
            entry("12", Level::Chapter, Some(vec![Mark::I, Mark::III])),
            entry("12.1", Level::Section, None),
            entry("12.3", Level::Section, Some(vec![Mark::I, Mark::II, Mark::III, Mark::IV])),
        ];
        g
    }

    #[test]
    fn the_chapter_mark_excludes_cloud_patterns_and_says_it_overrules_the_seed() {
        let g = guideline();
        let reason =
            excluded_by_mark(&g, &item(1, "12.1", None), "IV", "簡略化可能な項目", crate::wording::embedded()).unwrap();
        assert!(reason.contains("［Ⅰ、Ⅲ］") && reason.contains("参照パターンⅣ"), "{reason}");
        assert!(reason.contains("改定概要資料の整理では簡略化可能な項目とされるが、本文の表示による"), "{reason}");
        assert_eq!(excluded_by_mark(&g, &item(1, "12.1", None), "III", "x", crate::wording::embedded()), None);
    }

    #[test]
    fn an_item_or_section_mark_overrides_the_chapter_mark() {
        let g = guideline();
        let all = vec![Mark::I, Mark::II, Mark::III, Mark::IV];
        assert_eq!(excluded_by_mark(&g, &item(5, "12.2", Some(all)), "II", "x", crate::wording::embedded()), None);
        assert_eq!(excluded_by_mark(&g, &item(7, "12.3", None), "IV", "x", crate::wording::embedded()), None);
        assert_eq!(Mark::printed(crate::wording::embedded(), &[Mark::I, Mark::II, Mark::III, Mark::IV]), "［Ⅰ～Ⅳ］");
    }
}
