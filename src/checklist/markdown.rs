//! The filled checklist as Markdown (and, through the typeset stage, as PDF): one table per form
//! with はい/いいえ, 確認日, 目標日 and the evidence, then the open items and the 2FA renewals. The
//! provenance of every item and how far its wording was verified is not part of what the facility
//! answers and submits: it goes to the facility's working paper, the 根拠資料 ([`sources_section`]).

use std::fmt::Write as _;

use super::answer::{Answer, FilledChecklist, FilledForm};
use super::{open_items, Change, Edition};
use crate::render::escape_markdown as esc;
use crate::w;
use crate::wareki;
use crate::wording::Wording;

/// The document body (everything after the title block).
pub(crate) fn body(filled: &FilledChecklist<'_>, compare: Option<(&Edition, &[Change])>) -> String {
    let wording = filled.wording;
    let mut out = String::new();
    let edition = filled.edition;
    let _ = writeln!(out, "{}", w!(wording, "checklist.about_heading"));
    let _ = writeln!(
        out,
        "{}",
        w!(
            wording,
            "checklist.about",
            edition = esc(&edition.title),
            published = esc(&edition.published),
            facility = esc(&filled.facility_name)
        )
    );
    let _ = writeln!(out, "{}\n", esc(&edition.usage.text));
    let _ = writeln!(out, "{}", w!(wording, "checklist.facts_table"));
    let _ = writeln!(out, "| {} | {} |", w!(wording, "cover.facility"), esc(&filled.facility_name));
    let _ = writeln!(out, "| {} | {} |", w!(wording, "checklist.checked"), wareki::format(filled.checked));
    let _ = writeln!(out, "| {} | {} |", w!(wording, "checklist.target_limit"), wareki::format(filled.fiscal_year_end));
    let _ = writeln!(out, "| {} | {} |\n", w!(wording, "checklist.owner"), esc(&filled.owner));
    let _ = writeln!(out, "## 2. {}\n", esc(&filled.facility.title));
    form_table(&mut out, filled, &filled.facility);
    let _ = writeln!(out, "{}", w!(wording, "checklist.vendor_heading"));
    if filled.vendors.is_empty() {
        let _ = writeln!(out, "{}", w!(wording, "checklist.no_vendors"));
    } else {
        let _ = writeln!(out, "{}", w!(wording, "checklist.vendors"));
        for (n, form) in filled.vendors.iter().enumerate() {
            let _ = writeln!(out, "### 3.{} {}\n", n + 1, esc(form.vendor.as_deref().unwrap_or_default()));
            form_table(&mut out, filled, form);
        }
    }
    two_factor_section(&mut out, filled);
    open_items_section(&mut out, filled);
    if let Some((old, changes)) = compare {
        compare_section(&mut out, old, edition, changes, wording);
    }
    out
}

fn form_table(out: &mut String, filled: &FilledChecklist<'_>, form: &FilledForm<'_>) {
    let wording = filled.wording;
    let _ = writeln!(out, "{}", w!(wording, "checklist.form_table"));
    for a in &form.items {
        let basis: Vec<String> = a.evidence.iter().chain(&a.facts).chain(&a.reason).map(|s| esc(s)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            esc(&a.item.display_number(wording)),
            esc(&a.item.text),
            match a.answer {
                Answer::No => w!(wording, "checklist.no_strong"),
                Answer::Unconfirmed => w!(wording, "checklist.unconfirmed_strong"),
                _ => a.answer.label(wording),
            },
            wareki::format(filled.checked),
            a.target.map(wareki::format).unwrap_or_else(|| w!(wording, "checklist.none").to_owned()),
            if basis.is_empty() {
                w!(wording, "checklist.none").to_owned()
            } else {
                basis.join(w!(wording, "checklist.basis_separator"))
            }
        );
    }
    out.push('\n');
}

fn two_factor_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let wording = filled.wording;
    let rule = &filled.two_factor_rule;
    let _ = writeln!(out, "{}", w!(wording, "checklist.two_factor_heading"));
    let _ = writeln!(
        out,
        "{}",
        w!(wording, "checklist.rule_with_source", rule = esc(rule.text.trim()), source = esc(rule.source.trim()))
    );
    if filled.two_factor.is_empty() {
        let _ = writeln!(out, "{}", w!(wording, "checklist.all_two_factor"));
        return;
    }
    for due in &filled.two_factor {
        let _ = writeln!(out, "- {}", esc(&due.message(rule, wording)));
    }
    out.push('\n');
}

fn open_items_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let wording = filled.wording;
    let items = open_items(filled);
    let _ = writeln!(out, "{}", w!(wording, "checklist.open_items_heading"));
    if items.is_empty() {
        let _ = writeln!(out, "{}", w!(wording, "checklist.no_open_items"));
        return;
    }
    let _ = writeln!(out, "{}", w!(wording, "checklist.open_items_table"));
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

/// The checklist's part of the facility's 根拠資料 (`emit::sources`, a working paper that is not
/// approved or submitted): how the edition was filled in and where that is stated, where each
/// item's number and wording were checked, which were not, and what the edition is based on when
/// its own wording is not known. `heading` is the section's heading line.
pub(crate) fn sources_section(out: &mut String, edition: &Edition, heading: &str, wording: &Wording) {
    let _ = writeln!(out, "{heading}");
    if let Some(note) = &edition.base_note {
        let _ = writeln!(out, "{}", w!(wording, "checklist.note", note = esc(note)));
    }
    let unverified = edition.items.iter().filter(|i| !i.verified).count();
    if unverified > 0 {
        let _ = writeln!(out, "{}", w!(wording, "checklist.unverified_note", n = unverified));
    }
    let _ = writeln!(out, "{}", w!(wording, "checklist.published", source = esc(edition.published_source.trim())));
    let usage = &edition.usage;
    let status = if usage.verified { w!(wording, "checklist.verified") } else { w!(wording, "checklist.unverified") };
    let _ =
        writeln!(out, "{}", w!(wording, "checklist.usage_source", source = esc(usage.source.trim()), status = status));
    let _ = writeln!(out, "{}", w!(wording, "checklist.provenance_table"));
    for item in &edition.items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&item.display_number(wording)),
            if item.guideline.is_empty() {
                w!(wording, "checklist.none").to_owned()
            } else {
                esc(&item.guideline.join(w!(wording, "lists.separator")))
            },
            if item.verified { w!(wording, "checklist.verified") } else { w!(wording, "checklist.unverified") },
            esc(&item.source)
        );
    }
    out.push('\n');
}

fn compare_section(out: &mut String, old: &Edition, new: &Edition, changes: &[Change], wording: &Wording) {
    let _ = writeln!(out, "{}", w!(wording, "checklist.changes_heading", old = esc(&old.title)));
    if changes.is_empty() {
        let _ = writeln!(out, "{}", w!(wording, "checklist.no_changes"));
        if new.base_note.is_some() {
            let _ = writeln!(out, "{}", w!(wording, "checklist.inherited", new = esc(&new.key), old = esc(&old.key)));
        }
        return;
    }
    let _ = writeln!(out, "{}", w!(wording, "checklist.changes_table"));
    for change in changes {
        let (kind, key, edition) = match change {
            Change::Added(k) => (w!(wording, "checklist.added"), k, new),
            Change::Changed(k) => (w!(wording, "comparison.changed"), k, new),
            Change::Removed(k) => (w!(wording, "comparison.removed"), k, old),
        };
        if let Some(item) = edition.items.iter().find(|i| &i.key == key) {
            let _ = writeln!(out, "| {kind} | {} | {} |", esc(&item.display_number(wording)), esc(&item.text));
        }
    }
    out.push('\n');
}
