//! The filled checklist as Markdown (and, through the typeset stage, as PDF): one table per form
//! with はい/いいえ, 確認日, 目標日 and the evidence, then the open items and the 2FA renewals. The
//! provenance of every item and how far its wording was verified is not part of what the facility
//! answers and submits: it goes to a separate working paper ([`sources`]).

use std::fmt::Write as _;

use super::answer::{Answer, FilledChecklist, FilledForm};
use super::{open_items, Change, Edition};
use crate::render::escape_markdown as esc;
use crate::w;
use crate::wareki;

/// The document body (everything after the title block).
pub fn body(filled: &FilledChecklist<'_>, compare: Option<(&Edition, &[Change])>) -> String {
    let mut out = String::new();
    let edition = filled.edition;
    let _ = writeln!(out, "{}", w!("checklist.about_heading"));
    let _ = writeln!(
        out,
        "{}",
        w!(
            "checklist.about",
            edition = esc(&edition.title),
            published = esc(&edition.published),
            facility = esc(&filled.facility_name)
        )
    );
    let _ = writeln!(out, "{}\n", esc(&edition.usage.text));
    let _ = writeln!(out, "{}", w!("checklist.facts_table"));
    let _ = writeln!(out, "| {} | {} |", w!("cover.facility"), esc(&filled.facility_name));
    let _ = writeln!(out, "| {} | {} |", w!("checklist.checked"), wareki::format(filled.checked));
    let _ = writeln!(out, "| {} | {} |", w!("checklist.target_limit"), wareki::format(filled.fiscal_year_end));
    let _ = writeln!(out, "| {} | {} |\n", w!("checklist.owner"), esc(&filled.owner));
    let _ = writeln!(out, "## 2. {}\n", esc(&filled.facility.title));
    form_table(&mut out, filled, &filled.facility);
    let _ = writeln!(out, "{}", w!("checklist.vendor_heading"));
    if filled.vendors.is_empty() {
        let _ = writeln!(out, "{}", w!("checklist.no_vendors"));
    } else {
        let _ = writeln!(out, "{}", w!("checklist.vendors"));
        for (n, form) in filled.vendors.iter().enumerate() {
            let _ = writeln!(out, "### 3.{} {}\n", n + 1, esc(form.vendor.as_deref().unwrap_or_default()));
            form_table(&mut out, filled, form);
        }
    }
    two_factor_section(&mut out, filled);
    open_items_section(&mut out, filled);
    if let Some((old, changes)) = compare {
        compare_section(&mut out, old, edition, changes);
    }
    out
}

fn form_table(out: &mut String, filled: &FilledChecklist<'_>, form: &FilledForm<'_>) {
    let _ = writeln!(out, "{}", w!("checklist.form_table"));
    for a in &form.items {
        let basis: Vec<String> = a.evidence.iter().chain(&a.facts).chain(&a.reason).map(|s| esc(s)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            esc(&a.item.display_number()),
            esc(&a.item.text),
            if a.answer == Answer::No { w!("checklist.no_strong") } else { a.answer.label() },
            wareki::format(filled.checked),
            a.target.map(wareki::format).unwrap_or_else(|| w!("checklist.none").to_owned()),
            if basis.is_empty() {
                w!("checklist.none").to_owned()
            } else {
                basis.join(w!("checklist.basis_separator"))
            }
        );
    }
    out.push('\n');
}

fn two_factor_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let rule = &filled.two_factor_rule;
    let _ = writeln!(out, "{}", w!("checklist.two_factor_heading"));
    let _ = writeln!(
        out,
        "{}",
        w!("checklist.rule_with_source", rule = esc(rule.text.trim()), source = esc(rule.source.trim()))
    );
    if filled.two_factor.is_empty() {
        let _ = writeln!(out, "{}", w!("checklist.all_two_factor"));
        return;
    }
    for due in &filled.two_factor {
        let _ = writeln!(out, "- {}", esc(&due.message(rule)));
    }
    out.push('\n');
}

fn open_items_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let items = open_items(filled);
    let _ = writeln!(out, "{}", w!("checklist.open_items_heading"));
    if items.is_empty() {
        let _ = writeln!(out, "{}", w!("checklist.no_open_items"));
        return;
    }
    let _ = writeln!(out, "{}", w!("checklist.open_items_table"));
    for item in &items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&item.title),
            esc(&item.action),
            wareki::format(item.due),
            esc(&item.owner)
        );
    }
    out.push('\n');
}

/// The working paper beside the checklist (「根拠資料」, not part of what is approved or submitted):
/// where each item's number and wording were checked, which were not, and what the edition is
/// based on when its own wording is not known.
pub fn sources(edition: &Edition) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", w!("checklist.sources_about"));
    if let Some(note) = &edition.base_note {
        let _ = writeln!(out, "{}", w!("checklist.note", note = esc(note)));
    }
    let unverified = edition.items.iter().filter(|i| !i.verified).count();
    if unverified > 0 {
        let _ = writeln!(out, "{}", w!("checklist.unverified_note", n = unverified));
    }
    provenance(&mut out, edition);
    out
}

fn provenance(out: &mut String, edition: &Edition) {
    let _ = writeln!(out, "{}", w!("checklist.provenance_heading"));
    let _ = writeln!(out, "{}", w!("checklist.published", source = esc(edition.published_source.trim())));
    let _ = writeln!(out, "{}", w!("checklist.provenance_table"));
    for item in &edition.items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&item.display_number()),
            if item.guideline.is_empty() {
                w!("checklist.none").to_owned()
            } else {
                esc(&item.guideline.join(w!("lists.separator")))
            },
            if item.verified { w!("checklist.verified") } else { w!("checklist.unverified") },
            esc(&item.source)
        );
    }
    out.push('\n');
}

fn compare_section(out: &mut String, old: &Edition, new: &Edition, changes: &[Change]) {
    let _ = writeln!(out, "{}", w!("checklist.changes_heading", old = esc(&old.title)));
    if changes.is_empty() {
        let _ = writeln!(out, "{}", w!("checklist.no_changes"));
        if new.base_note.is_some() {
            let _ = writeln!(out, "{}", w!("checklist.inherited", new = esc(&new.key), old = esc(&old.key)));
        }
        return;
    }
    let _ = writeln!(out, "{}", w!("checklist.changes_table"));
    for change in changes {
        let (kind, key, edition) = match change {
            Change::Added(k) => (w!("checklist.added"), k, new),
            Change::Changed(k) => (w!("comparison.changed"), k, new),
            Change::Removed(k) => (w!("comparison.removed"), k, old),
        };
        if let Some(item) = edition.items.iter().find(|i| &i.key == key) {
            let _ = writeln!(out, "| {kind} | {} | {} |", esc(&item.display_number()), esc(&item.text));
        }
    }
    out.push('\n');
}
