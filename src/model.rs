//! The checked guideline model: every chapter, section and requirement with its derived id.
//!
//! Built from the raw files in [`crate::load::guideline`] by [`crate::load::load_guideline`]; once
//! built, every id is unique, every reference resolves and the numbering follows the volume
//! structure, so later stages never have to second-guess the content.

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::load::guideline::{Area, Condition, PatternRule, Provenance, Role, VolumeKey};

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

/// Whether an entry is a chapter or a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 章
    Chapter,
    /// 節
    Section,
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
    /// Item number (④ → 4).
    pub no: u32,
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
}

impl Requirement {
    /// The chapter number ("15" for "15.1").
    pub fn chapter(&self) -> &str {
        self.number.split('.').next().unwrap_or(&self.number)
    }

    /// The item number as the guideline prints it: ①, ②, … (plain digits beyond ⑳).
    pub fn circled(&self) -> String {
        circled(self.no)
    }

    /// Whether a selector (volume, chapter, section or requirement id) names this requirement.
    pub fn matches(&self, selector: &str) -> bool {
        if selector == self.id {
            return true;
        }
        match selector.strip_prefix(self.volume.as_str()) {
            Some("") => true,
            Some(rest) => {
                rest.strip_prefix('.').is_some_and(|n| n == self.chapter() || n == self.section || n == self.number)
            }
            None => false,
        }
    }
}

/// ① … ⑳ for 1 … 20, else the number in parentheses.
pub fn circled(n: u32) -> String {
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
