//! Builds the checked [`Guideline`] from the raw content files.
//!
//! Ids are derived here (`management.15`, `management.15.1`, `management.15-4`), and everything a
//! later stage relies on is checked: numbering follows the volume structure, ids are unique, every
//! chapter with 遵守事項 has at least one requirement, and every area and selector resolves. Once a
//! version's numbering is matched to the published text (it ships `renames.yaml`), every item the
//! published text states names its `source`, and kitei's own items cannot carry an official number.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::content::Content;
use super::guideline::{Provenance, RawApplicability, RawAreas, RawChapter, RawGuideline, RawRequirement, RawVolume};
use super::LoadError;
use crate::diagnostic::{Diagnostics, SourceDiagnostic};
use crate::model::{
    Applicability, ConditionalExclusion, Entry, Guideline, ItemKind, Level, Numbering, Requirement, Volume,
};
use crate::yaml;

/// One content file, for parsing and for pointing at its lines.
struct File {
    path: PathBuf,
    text: &'static str,
}

impl File {
    fn open(content: &Content, relative: &str) -> Result<Self, LoadError> {
        let path = Path::new("content").join(relative);
        let text = content.text(relative).ok_or_else(|| LoadError::Io {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not in the embedded content"),
        })?;
        Ok(Self { path, text })
    }

    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, LoadError> {
        Ok(yaml::parse(&self.path, self.text)?)
    }

    fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> SourceDiagnostic {
        SourceDiagnostic::at_span(&self.path, self.text, spanned.referenced, message)
    }
}

/// Loads and checks one guideline version from `content`.
pub fn build_guideline(content: &Content, version: &str) -> Result<Guideline, LoadError> {
    let versions = content.versions();
    if !versions.iter().any(|v| v == version) {
        return Err(LoadError::UnknownVersion { version: version.to_owned(), available: versions.join(", ") });
    }
    let meta_file = File::open(content, &format!("guideline/{version}/guideline.yaml"))?;
    let meta: RawGuideline = meta_file.parse()?;
    let mut guideline = match &meta.base {
        Some(base) => build_guideline(content, base)?,
        None => empty_guideline(content)?,
    };
    guideline.version = meta.version.clone();
    guideline.title = meta.title.clone();
    guideline.edition = meta.edition.clone();
    guideline.issued = meta.issued;
    guideline.publisher = meta.publisher.clone();
    guideline.provenance_note = meta.provenance_note.clone();
    guideline.renamed.clear();
    guideline.change_sources.clear();
    let renames = File::open(content, &format!("guideline/{version}/{}", super::renames::FILE)).ok();
    let rules = Rules { published_numbering: renames.is_some() };
    let mut problems = Vec::new();
    for name in &meta.volumes {
        let file = File::open(content, &format!("guideline/{version}/{name}"))?;
        let raw: RawVolume = file.parse()?;
        add_volume(&mut guideline, &file, raw, rules, &mut problems);
    }
    for name in &meta.changes {
        let file = File::open(content, &format!("guideline/{version}/{name}"))?;
        super::changes::apply(&mut guideline, &file.path, file.text, &mut problems)?;
    }
    let rules_file = File::open(content, &format!("guideline/{version}/applicability.yaml")).or_else(|_| {
        File::open(content, &format!("guideline/{}/applicability.yaml", meta.base.as_deref().unwrap_or(version)))
    })?;
    guideline.applicability = applicability(&guideline, &rules_file, &mut problems)?;
    if let Some(file) = &renames {
        super::renames::apply(&mut guideline, &file.path, file.text, &mut problems)?;
    }
    check_whole(&guideline, &meta_file, &mut problems);
    if problems.is_empty() {
        Ok(guideline)
    } else {
        Err(Diagnostics(problems).into())
    }
}

fn empty_guideline(content: &Content) -> Result<Guideline, LoadError> {
    let areas: RawAreas = File::open(content, "areas.yaml")?.parse()?;
    Ok(Guideline {
        version: String::new(),
        title: String::new(),
        edition: String::new(),
        issued: chrono::NaiveDate::MIN,
        publisher: String::new(),
        provenance_note: None,
        volumes: Vec::new(),
        entries: Vec::new(),
        requirements: Vec::new(),
        areas: areas.areas,
        applicability: Applicability {
            patterns: Vec::new(),
            simplifying_patterns: Vec::new(),
            simplifiable: Vec::new(),
            never_simplified: Vec::new(),
            never_simplified_notes: Vec::new(),
            conditions: Vec::new(),
        },
        renamed: Vec::new(),
        numbering: Numbering::default(),
        change_sources: Vec::new(),
    })
}

/// What the checks of one version's files demand.
#[derive(Debug, Clone, Copy)]
struct Rules {
    /// The version's numbering has been matched to the published text (it ships `renames.yaml`):
    /// every `guideline` item names its `source`, and no kitei item carries an official number.
    published_numbering: bool,
}

fn add_volume(
    guideline: &mut Guideline,
    file: &File,
    raw: RawVolume,
    rules: Rules,
    problems: &mut Vec<SourceDiagnostic>,
) {
    let key = raw.volume;
    guideline.volumes.push(Volume {
        key,
        title: raw.title,
        reader: raw.reader,
        seed_reader: raw.seed_reader,
        summary: raw.summary,
    });
    for (index, chapter) in raw.chapters.into_iter().enumerate() {
        let place = Place { file, volume: key, rules };
        add_chapter(guideline, &place, index + 1, chapter, problems);
    }
}

/// Where requirements are being read: the file, its volume and the rules that apply.
struct Place<'a> {
    file: &'a File,
    volume: crate::model::VolumeKey,
    rules: Rules,
}

fn add_chapter(
    guideline: &mut Guideline,
    place: &Place<'_>,
    expected: usize,
    chapter: RawChapter,
    problems: &mut Vec<SourceDiagnostic>,
) {
    let (file, volume) = (place.file, place.volume);
    let number = chapter.number.value.clone();
    if number != expected.to_string() {
        problems.push(
            file.error_at(&chapter.number, format!("chapter number `{number}` is out of order: expected `{expected}`")),
        );
    }
    check_title(file, &chapter.number, &chapter.title, problems);
    let prefix = volume.as_str();
    guideline.entries.push(Entry {
        id: format!("{prefix}.{number}"),
        volume,
        number: number.clone(),
        title: chapter.title,
        seed_title: chapter.seed_title,
        summary: chapter.summary,
        level: Level::Chapter,
        mark: chapter.mark,
        source: chapter.source,
    });
    let section_numbers: Vec<String> = chapter.sections.iter().map(|s| s.number.value.clone()).collect();
    let mut expected_section = SectionOrder::new(&number);
    for section in chapter.sections {
        let level = expected_section.check(file, &section.number, problems);
        check_title(file, &section.number, &section.title, problems);
        let section_number = section.number.value.clone();
        guideline.entries.push(Entry {
            id: format!("{prefix}.{section_number}"),
            volume,
            number: section_number.clone(),
            title: section.title,
            seed_title: section.seed_title,
            summary: section.summary,
            level,
            mark: section.mark,
            source: section.source,
        });
        let mut lists = Vec::new();
        for requirement in section.requirements {
            if let Some(named) = &requirement.section {
                problems.push(file.error_at(
                    named,
                    "`section` is only for chapter-level requirements; this one already sits in a section",
                ));
            }
            let req = requirement_of(place, &section_number, section_number.clone(), requirement, &mut lists, problems);
            guideline.requirements.push(req);
        }
    }
    let mut lists = Vec::new();
    for requirement in chapter.requirements {
        let section = match &requirement.section {
            Some(named) if section_numbers.contains(&named.value) => named.value.clone(),
            Some(named) => {
                problems.push(
                    file.error_at(named, format!("chapter {number} has no section `{}`", named.value))
                        .with_hint(format!("sections of chapter {number}: {}", section_numbers.join(", "))),
                );
                number.clone()
            }
            None => number.clone(),
        };
        let req = requirement_of(place, &number, section, requirement, &mut lists, problems);
        guideline.requirements.push(req);
    }
}

/// The expected numbering of a chapter's sections: `15.1`, `15.2`, … with subsections (`1.2.1`,
/// `1.2.2`, as 経営管理編 numbers them) after their section, in increasing order. Only subsections
/// that carry 遵守事項 need an entry, so their numbers may skip (3.4 then 3.4.3).
struct SectionOrder {
    chapter: String,
    section: u32,
    subsection: u32,
}

impl SectionOrder {
    fn new(chapter: &str) -> Self {
        Self { chapter: chapter.to_owned(), section: 0, subsection: 0 }
    }

    /// Checks the next section number and says whether it is a section or a subsection.
    fn check(&mut self, file: &File, number: &Spanned<String>, problems: &mut Vec<SourceDiagnostic>) -> Level {
        let next_section = format!("{}.{}", self.chapter, self.section + 1);
        let in_section = format!("{}.{}.", self.chapter, self.section);
        let sub = number.value.strip_prefix(&in_section).and_then(|n| n.parse::<u32>().ok());
        if let Some(sub) = sub.filter(|n| self.section > 0 && *n > self.subsection) {
            self.subsection = sub;
            return Level::Subsection;
        }
        if number.value != next_section {
            let expected = if self.section > 0 {
                format!("`{next_section}` (or a subsection `{in_section}{}` or later)", self.subsection + 1)
            } else {
                format!("`{next_section}`")
            };
            problems.push(
                file.error_at(
                    number,
                    format!("section number `{}` is out of order: expected {expected}", number.value),
                ),
            );
        }
        self.section += 1;
        self.subsection = 0;
        if number.value.split('.').count() > 2 {
            Level::Subsection
        } else {
            Level::Section
        }
    }
}

/// `lists`: the headings of the separately numbered lists seen so far under the same anchor.
fn requirement_of(
    place: &Place<'_>,
    anchor: &str,
    section: String,
    raw: RawRequirement,
    lists: &mut Vec<String>,
    problems: &mut Vec<SourceDiagnostic>,
) -> Requirement {
    let file = place.file;
    let (no, supplement) = item_number(file, &raw, problems);
    let kind = item_kind(file, &raw, supplement, lists, problems);
    let id = Requirement::id_of(place.volume, anchor, no, kind);
    let at = |span: &Spanned<String>, message: String| file.error_at(span, message);
    if raw.text.trim().is_empty() || raw.label.value.trim().is_empty() {
        problems.push(at(&raw.label, format!("requirement `{id}` needs a non-empty `label` and `text`")));
    }
    if supplement && raw.provenance == Provenance::Guideline {
        problems.push(
            at(&raw.label, format!("`{id}` is kitei's own item (`supplement:`) but claims provenance `guideline`"))
                .with_hint("an item of the published text has its published number as `no:`; kitei's own items are `kitei` (or `seed`)"),
        );
    }
    if place.rules.published_numbering {
        if raw.provenance == Provenance::Guideline && raw.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            problems.push(
                at(&raw.label, format!("`{id}` has provenance `guideline` but no `source:`")).with_hint(
                    "name the document and page where the item is printed, e.g. `source: システム運用編 p.47`",
                ),
            );
        }
        if !supplement && raw.provenance == Provenance::Kitei {
            problems.push(
                at(&raw.label, format!("`{id}` carries an official item number but is kitei's own formulation"))
                    .with_hint("a number the published text does not print must not look official: make it `supplement: N` (id `…-kN`)"),
            );
        }
    }
    Requirement {
        id,
        volume: place.volume,
        number: anchor.to_owned(),
        no,
        supplement,
        list: raw.list.map(|l| l.value),
        section,
        label: raw.label.value,
        text: raw.text,
        owner: raw.owner,
        provenance: raw.provenance,
        area: raw.area.map(|a| {
            // Checked against areas.yaml in `check_areas`; keep the span for the message.
            if a.value.trim().is_empty() {
                problems.push(file.error_at(&a, "empty `area`"));
            }
            a.value
        }),
        mark: raw.mark,
        source: raw.source,
    }
}

/// Official, supplement, or official in the n-th separately numbered list (by its heading).
fn item_kind(
    file: &File,
    raw: &RawRequirement,
    supplement: bool,
    lists: &mut Vec<String>,
    problems: &mut Vec<SourceDiagnostic>,
) -> ItemKind {
    let Some(list) = &raw.list else {
        return if supplement { ItemKind::Supplement } else { ItemKind::Official };
    };
    if supplement {
        problems.push(file.error_at(list, "`list:` names a published list; kitei's own items are not in one"));
        return ItemKind::Supplement;
    }
    let index = lists.iter().position(|l| *l == list.value).unwrap_or_else(|| {
        lists.push(list.value.clone());
        lists.len() - 1
    });
    if index >= crate::model::LIST_LETTERS.len() {
        problems.push(file.error_at(list, "more separately numbered lists than kitei can name (10)"));
    }
    ItemKind::Listed(index)
}

/// The item's number and whether it is kitei's supplement: exactly one of `no:` and `supplement:`.
fn item_number(file: &File, raw: &RawRequirement, problems: &mut Vec<SourceDiagnostic>) -> (u32, bool) {
    let (number, supplement) = match (&raw.no, &raw.supplement) {
        (Some(no), None) => (no, false),
        (None, Some(k)) => (k, true),
        (Some(no), Some(_)) => {
            problems.push(
                file.error_at(no, "an item has either `no:` (published) or `supplement:` (kitei's own), not both"),
            );
            (no, false)
        }
        (None, None) => {
            problems.push(
                file.error_at(&raw.label, "a requirement needs `no:` (its published number) or `supplement:` (kitei's own item, numbered 1.. per chapter)"),
            );
            return (0, true);
        }
    };
    if number.value == 0 {
        problems.push(file.error_at(number, "item numbers start at 1"));
    }
    (number.value, supplement)
}

fn check_title(file: &File, at: &Spanned<String>, title: &str, problems: &mut Vec<SourceDiagnostic>) {
    if title.trim().is_empty() {
        problems.push(file.error_at(at, format!("`{}` has an empty title", at.value)));
    }
}

fn applicability(
    guideline: &Guideline,
    file: &File,
    problems: &mut Vec<SourceDiagnostic>,
) -> Result<Applicability, LoadError> {
    let raw: RawApplicability = file.parse()?;
    let mut selectors = |list: Vec<Spanned<String>>| -> Vec<String> {
        list.into_iter()
            .map(|s| {
                if !guideline.selector_exists(&s.value) {
                    problems.push(
                        file.error_at(&s, format!("`{}` names no volume, chapter, section or requirement", s.value)),
                    );
                }
                s.value
            })
            .collect()
    };
    let simplifiable = selectors(raw.simplifiable.parts);
    let never_simplified = selectors(raw.simplifiable.except);
    let never_simplified_notes =
        raw.simplifiable.except_notes.into_iter().map(|n| (selectors(n.parts), n.reason)).collect();
    let conditions = raw
        .conditions
        .into_iter()
        .map(|c| ConditionalExclusion { when: c.when, selectors: selectors(c.not_applicable), reason: c.reason })
        .collect();
    Ok(Applicability {
        patterns: raw.patterns,
        simplifying_patterns: raw.simplifiable.patterns,
        simplifiable,
        never_simplified,
        never_simplified_notes,
        conditions,
    })
}

/// Checks that need the whole version: unique ids, every chapter with an item, known areas.
fn check_whole(guideline: &Guideline, meta: &File, problems: &mut Vec<SourceDiagnostic>) {
    let whole = |message: String| SourceDiagnostic::at(&meta.path, meta.text, 1, 1, message);
    let mut seen = HashSet::new();
    for id in guideline.entries.iter().map(|e| &e.id).chain(guideline.requirements.iter().map(|r| &r.id)) {
        if !seen.insert(id.as_str()) {
            problems.push(whole(format!("duplicate id `{id}`")));
        }
    }
    for entry in guideline.entries.iter().filter(|e| e.volume.has_requirements() && e.level == Level::Chapter) {
        if guideline.requirements_of(entry).next().is_none() {
            problems.push(whole(format!("chapter `{}` ({}) has no requirement", entry.id, entry.title)));
        }
    }
    for requirement in &guideline.requirements {
        if let Some(area) = &requirement.area {
            if guideline.area(area).is_none() {
                let keys: Vec<&str> = guideline.areas.iter().map(|a| a.key.as_str()).collect();
                problems.push(
                    whole(format!("requirement `{}` names unknown area `{area}`", requirement.id)).with_optional_hint(
                        crate::diagnostic::closest(area, keys).map(|k| format!("did you mean `{k}`?")),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANAGEMENT: &str = "guideline/6.0/management.yaml";

    fn with_management(edit: impl Fn(&str) -> String) -> Result<Guideline, LoadError> {
        let original = Content::embedded().text(MANAGEMENT).unwrap();
        build_guideline(&Content::embedded().with_file(MANAGEMENT, edit(original)), "6.0")
    }

    fn message(result: Result<Guideline, LoadError>) -> String {
        result.expect_err("the broken content is refused").to_string()
    }

    #[test]
    fn the_shipped_content_loads_with_every_volume() {
        for version in ["6.0", "7.0"] {
            let guideline = build_guideline(&Content::embedded(), version).unwrap();
            let chapters_and_sections =
                guideline.entries.iter().filter(|e| e.volume != crate::model::VolumeKey::Outsourced).count();
            assert_eq!(
                chapters_and_sections, 164,
                "{version}: 156 of the seed and 8 subsections of the published text"
            );
            assert!(guideline.requirements.len() > 250);
        }
    }

    #[test]
    fn a_misnumbered_section_is_located() {
        let shown = message(with_management(|t| t.replacen("number: \"15.1\"", "number: \"15.2\"", 1)));
        assert!(shown.contains("content/guideline/6.0/management.yaml:"), "{shown}");
        assert!(shown.contains("section number `15.2` is out of order: expected `15.1`"), "{shown}");
    }

    #[test]
    fn an_unknown_key_in_content_is_located() {
        let shown = message(with_management(|t| t.replacen("    summary:", "    sumary:", 1)));
        assert!(shown.contains("management.yaml:") && shown.contains("unknown key `sumary`"), "{shown}");
    }

    #[test]
    fn a_requirement_naming_a_missing_section_is_located() {
        let shown = message(with_management(|t| t.replacen("section: \"15.1\"", "section: \"15.9\"", 1)));
        assert!(shown.contains("chapter 15 has no section `15.9`"), "{shown}");
    }
}
