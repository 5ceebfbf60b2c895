//! The checked guideline model: every chapter, section and requirement with its derived id.
//!
//! Built from the raw files in [`crate::load::guideline`] by [`crate::load::load_guideline`]; once
//! built, every id is unique, every reference resolves and the numbering follows the volume
//! structure, so later stages never have to second-guess the content.

use chrono::NaiveDate;
use serde::Serialize;

use crate::wording::Wording;

pub(crate) mod terms;

pub(crate) use terms::{Area, Condition, Mark, PatternRule, Provenance, Role, VolumeKey};

/// One version of the guideline, ready to use.
#[derive(Debug, Clone)]
pub struct Guideline {
    /// "6.0", "7.0".
    pub version: String,
    /// The guideline's title.
    pub title: String,
    /// The edition as printed (第6.0版).
    pub edition: String,
    /// Date of issue.
    pub issued: NaiveDate,
    /// Issuing body.
    pub publisher: String,
    /// Where this version's content comes from, when it is partial.
    pub provenance_note: Option<String>,
    /// Volumes in order.
    pub volumes: Vec<Volume>,
    /// Chapters and sections of every volume, in table-of-contents order.
    pub entries: Vec<Entry>,
    /// Every requirement, in order.
    pub requirements: Vec<Requirement>,
    /// Areas of responsibility.
    pub areas: Vec<Area>,
    /// What applies to whom.
    pub applicability: Applicability,
    /// Requirement ids renamed since the base version (old id → new id).
    pub renamed: Vec<(String, String)>,
    /// Corrections of the content's own numbering (`renames.yaml`), inherited by later versions.
    pub numbering: Numbering,
    /// The public source of each change this version makes to its base (requirement or entry id).
    pub change_sources: Vec<(String, ChangeSource)>,
}

/// Where a version's change is stated publicly, and whether kitei confirmed it there.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeSource {
    /// The notice, the volume PDF, or a secondary source quoting them.
    pub source: String,
    /// Confirmed in that source (false: inferred, e.g. the item's position in the new version).
    pub verified: bool,
}

/// A correction of kitei's numbering of the requirements (`content/guideline/<v>/renames.yaml`):
/// ids that kitei used before its items were matched one to one with the published text.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// 0 before any correction; each correction of the numbering raises it. A build records it in
    /// its manifest, so a rebuild can say that the numbering was corrected.
    pub revision: u32,
    /// The 改訂履歴 reason of a rebuild after a correction, in Japanese.
    pub reason: String,
    /// Old ids that no longer exist → the id that now carries their meaning.
    pub renamed: Vec<(String, String)>,
    /// Ids that still exist but now mean a published item → where their old meaning went.
    pub repurposed: Vec<(String, String)>,
}

impl Numbering {
    /// The current id of an id that the correction renamed.
    pub fn renamed_to(&self, old: &str) -> Option<&str> {
        self.renamed.iter().find(|(from, _)| from == old).map(|(_, to)| to.as_str())
    }

    /// Where the old meaning of a repurposed id went.
    pub fn old_meaning_of(&self, id: &str) -> Option<&str> {
        self.repurposed.iter().find(|(from, _)| from == id).map(|(_, to)| to.as_str())
    }
}

/// A volume.
#[derive(Debug, Clone, Serialize)]
pub struct Volume {
    /// Its key.
    pub key: VolumeKey,
    /// Japanese title.
    pub title: String,
    /// The reader it addresses.
    pub reader: String,
    /// The seed's wording for the reader.
    pub seed_reader: Option<String>,
    /// Our summary.
    pub summary: Option<String>,
}

/// Whether an entry is a chapter, a section or (経営管理編) a subsection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 章
    Chapter,
    /// 節
    Section,
    /// A subsection such as 経営管理編 1.2.1, whose 遵守事項 restart at ①.
    Subsection,
}

/// A chapter or section.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// `management.15` or `management.15.1`.
    pub id: String,
    /// Its volume.
    pub volume: VolumeKey,
    /// "15" or "15.1".
    pub number: String,
    /// Published title.
    pub title: String,
    /// The seed's title where it differs.
    pub seed_title: Option<String>,
    /// Our summary.
    pub summary: String,
    /// Chapter or section.
    pub level: Level,
    /// The published pattern mark, where the heading prints one.
    pub mark: Option<Vec<Mark>>,
    /// Where its 遵守事項 are printed.
    pub source: Option<String>,
}

/// A requirement (遵守事項).
#[derive(Debug, Clone, Serialize)]
pub struct Requirement {
    /// `management.15-4`.
    pub id: String,
    /// Its volume.
    pub volume: VolumeKey,
    /// The chapter or section it is numbered under ("15", "1.1").
    pub number: String,
    /// Item number (④ → 4), or the number of kitei's supplement.
    pub no: u32,
    /// Whether this is kitei's own item (`control.8-k1`) rather than a published one.
    pub supplement: bool,
    /// The printed heading of its list, where its (sub)section prints several separately numbered
    /// lists; the id then carries the list's letter in order of appearance (`governance.1.2.2-b1`).
    pub list: Option<String>,
    /// The section that explains it, or its chapter when the chapter has no sections.
    pub section: String,
    /// Short label.
    pub label: String,
    /// The requirement in our words.
    pub text: String,
    /// The role that owns it.
    pub owner: Role,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Area of responsibility.
    pub area: Option<String>,
    /// A pattern mark printed on the item itself, where it differs from its chapter's.
    pub mark: Option<Vec<Mark>>,
    /// Where the item is printed (document and page).
    pub source: Option<String>,
}

impl Requirement {
    /// The id of an item: `control.14-3` (published), `control.8-k1` (kitei's supplement), or
    /// `governance.1.2.2-b1` (published, in the second separately numbered list of its subsection).
    pub fn id_of(volume: VolumeKey, anchor: &str, no: u32, kind: ItemKind) -> String {
        let prefix = match kind {
            ItemKind::Official => String::new(),
            ItemKind::Supplement => "k".to_owned(),
            ItemKind::Listed(index) => LIST_LETTERS.chars().nth(index).map(String::from).unwrap_or_default(),
        };
        format!("{}.{anchor}-{prefix}{no}", volume.as_str())
    }

    /// The name readers know: 「シス14③」, 「経営1.2.2〈善後策を講ずる責任〉①」, or
    /// 「シス8（補足1）」 for kitei's own.
    pub fn name(&self, wording: &Wording) -> String {
        let list = self.list.as_deref().map(|l| crate::w!(wording, "guideline.list", list = l)).unwrap_or_default();
        format!("{}{}{list}{}", self.volume.short(wording), self.number, self.circled(wording))
    }

    /// The chapter number ("15" for "15.1").
    pub fn chapter(&self) -> &str {
        self.number.split('.').next().unwrap_or(&self.number)
    }

    /// The item number as the guideline prints it: ①, ②, … (plain digits beyond ⑳); for kitei's
    /// own items 「（補足1）」, never a circled number that could pass for an official one.
    pub fn circled(&self, wording: &Wording) -> String {
        if self.supplement {
            crate::w!(wording, "guideline.supplement", n = self.no)
        } else {
            circled(self.no)
        }
    }

    /// Whether a selector (volume, chapter, section or requirement id) names this requirement.
    pub fn matches(&self, selector: &str) -> bool {
        if selector == self.id {
            return true;
        }
        match selector.strip_prefix(self.volume.as_str()) {
            Some("") => true,
            Some(rest) => rest.strip_prefix('.').is_some_and(|n| {
                n == self.section
                    || n == self.number
                    || self.number.strip_prefix(n).is_some_and(|tail| tail.starts_with('.'))
            }),
            None => false,
        }
    }
}

/// What kind of item an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A published item.
    Official,
    /// kitei's own item.
    Supplement,
    /// A published item in the n-th (0-based) separately numbered list of its subsection.
    Listed(usize),
}

/// Letters of separately numbered lists in ids (`-a1`, `-b1`); `k` is kept for supplements.
pub(crate) const LIST_LETTERS: &str = "abcdefghij";

/// ① … ⑳ for 1 … 20, else the number in parentheses.
pub(crate) fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x245F + n).map(String::from).unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// Checked applicability rules.
#[derive(Debug, Clone)]
pub struct Applicability {
    /// The reference patterns.
    pub patterns: Vec<PatternRule>,
    /// Patterns that may simplify.
    pub simplifying_patterns: Vec<String>,
    /// Selectors that may be simplified.
    pub simplifiable: Vec<String>,
    /// Selectors never simplified.
    pub never_simplified: Vec<String>,
    /// Reasons shown for some never-simplified selectors instead of the standard one.
    pub never_simplified_notes: Vec<(Vec<String>, String)>,
    /// Parts that drop out under a condition.
    pub conditions: Vec<ConditionalExclusion>,
}

/// Parts that drop out when a condition holds.
#[derive(Debug, Clone)]
pub struct ConditionalExclusion {
    /// The condition.
    pub when: Condition,
    /// Selectors that drop out.
    pub selectors: Vec<String>,
    /// Why, in Japanese.
    pub reason: String,
}

impl Applicability {
    /// Whether a pattern may simplify `requirement` (when a contract covers it).
    pub fn is_simplifiable(&self, pattern: &str, requirement: &Requirement) -> bool {
        self.simplifying_patterns.iter().any(|p| p == pattern)
            && self.simplifiable.iter().any(|s| requirement.matches(s))
            && !self.never_simplified.iter().any(|s| requirement.matches(s))
    }

    /// The reason to show when `requirement` may not be simplified, where the rules give one.
    pub fn never_simplified_note(&self, requirement: &Requirement) -> Option<&str> {
        self.never_simplified_notes
            .iter()
            .find(|(parts, _)| parts.iter().any(|s| requirement.matches(s)))
            .map(|(_, reason)| reason.as_str())
    }

    /// The rule for a pattern id.
    pub fn pattern(&self, id: &str) -> Option<&PatternRule> {
        self.patterns.iter().find(|p| p.id == id)
    }
}

impl Guideline {
    /// A requirement by id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The current id of `id`: itself when it exists, else where a numbering correction or a
    /// later version's renumbering took it.
    pub fn current_id<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        if self.requirement(id).is_some() {
            return Some(id);
        }
        let corrected = self.numbering.renamed_to(id).unwrap_or(id);
        let moved = self.renamed.iter().find(|(from, _)| from == corrected).map_or(corrected, |(_, to)| to.as_str());
        self.requirement(moved).map(|r| r.id.as_str())
    }

    /// A chapter or section by id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// A volume by key.
    pub fn volume(&self, key: VolumeKey) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.key == key)
    }

    /// An area by key.
    pub fn area(&self, key: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.key == key)
    }

    /// Whether a selector names anything in this guideline.
    pub fn selector_exists(&self, selector: &str) -> bool {
        self.volumes.iter().any(|v| v.key.as_str() == selector)
            || self.entries.iter().any(|e| e.id == selector)
            || self.requirements.iter().any(|r| r.id == selector)
    }

    /// Requirements that belong to an entry (chapter: all of its requirements; section: those it explains).
    pub fn requirements_of<'a>(&'a self, entry: &'a Entry) -> impl Iterator<Item = &'a Requirement> + 'a {
        self.requirements.iter().filter(move |r| r.matches(&entry.id))
    }
}
