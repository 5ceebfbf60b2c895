//! The 根拠資料: one working paper beside a facility's document set that says, for every
//! official-looking fact the set uses, where it comes from and whether it was verified.
//!
//! The documents a committee approves carry no provenance, verification flags or working URLs
//! (they read as the facility's own rules); an inspector or the facility's 企画管理者 still has to
//! be able to check each fact. This paper holds that, once for the whole set: the guideline's
//! 遵守事項 (page of the published volume, or the summary deck, verified or not), the facility's
//! own additional measures (補足), the laws and retention periods, the national services and their
//! operators, the bodies to report to and the contacts the facility wrote itself, the dated 2FA
//! rule, and the yearly checklist's items. It is titled 根拠資料, says in its first sentence that it
//! is not approved, and never carries a 版, 承認 block or 案 mark. It names sources (URLs included)
//! but never the tool as the author of a fact: what the facility adds is the facility's own.
//!
//! `build` writes it as `sources.md` (and `sources.pdf`) at the top of the facility's folder and
//! lists it in the manifest with the checklist's files; `kitei checklist` writes it beside a
//! checklist written outside a facility's folder.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::manifest::OutputFile;
use super::typeset::{self, Cover};
use crate::checklist::{load_edition, markdown, ChecklistError, Edition};
use crate::load::Content;
use crate::model::{Guideline, Provenance, Requirement};
use crate::render::{escape_markdown as esc, Rendered};
use crate::w;
use crate::wareki;
use crate::wording::Wording;

/// The file stem of the 根拠資料 (`sources.md`, `sources.pdf`).
pub(crate) const STEM: &str = "sources";

/// Hosts whose pages are the public bodies' own (ministries, prefectures and cities, the national
/// services' operators): a fact checked against one of them is verified; any other source (a
/// private site, a trade paper, a research note) is not, and the paper says so.
const OFFICIAL_DOMAINS: [&str; 4] = ["go.jp", "lg.jp", "ssk.or.jp", "kokuho.or.jp"];

/// The 根拠資料 of a rendered facility, with the yearly checklist's `edition` (its key) as the
/// checklist section: `sources.md`, and `sources.pdf` when `pdf`.
pub(crate) fn files(
    content: &Content,
    rendered: &Rendered,
    edition: &str,
    date: NaiveDate,
    pdf: bool,
) -> Result<Vec<OutputFile>, ChecklistError> {
    let wording = rendered.wording;
    let edition = load_edition(content, edition, wording)?;
    let body = body(rendered, &edition, date);
    let title = w!(wording, "sources.title");
    let facility = rendered.profile.data.facility.name.clone();
    let rows = cover_rows(rendered, date);
    let mut table = format!("| {} | {} |\n|---|---|\n", w!(wording, "cover.item"), w!(wording, "cover.content"));
    for (key, value) in &rows {
        let _ = writeln!(table, "| {key} | {} |", esc(value));
    }
    let md = format!("# {}\n\n{table}\n{body}", esc(title));
    let mut out = vec![OutputFile { path: format!("{STEM}.md"), bytes: md.into_bytes() }];
    if pdf {
        let cover = Cover {
            ident: format!("{}/{STEM}", rendered.profile.id),
            title: title.to_owned(),
            facility,
            rows,
            date,
            draft_mark: String::new(),
            wording,
        };
        let bytes = typeset::typeset(&cover, &body).map_err(|e| ChecklistError::Typeset(Box::new(e)))?;
        out.push(OutputFile { path: format!("{STEM}.pdf"), bytes });
    }
    Ok(out)
}

/// The cover (and Markdown title block): the facility, the 基準日 and the guideline the set
/// follows. Never a 版, an approver or a 承認 date: the paper is not approved.
fn cover_rows(rendered: &Rendered, date: NaiveDate) -> Vec<(String, String)> {
    let wording = rendered.wording;
    let guideline = &rendered.guideline;
    vec![
        (w!(wording, "cover.facility").to_owned(), rendered.profile.data.facility.name.clone()),
        (w!(wording, "cover.as_of").to_owned(), wareki::format(date)),
        (w!(wording, "cover.conforms_to").to_owned(), format!("{} {}", guideline.title, guideline.edition)),
    ]
}

/// Everything after the title block.
fn body(rendered: &Rendered, edition: &Edition, date: NaiveDate) -> String {
    let wording = rendered.wording;
    let mut out = String::new();
    let facility = &rendered.profile.data.facility.name;
    let _ = writeln!(out, "{}\n", w!(wording, "sources.about", facility = esc(facility), date = wareki::format(date)));
    let _ = writeln!(out, "{}\n", w!(wording, "sources.reading"));
    guideline_section(&mut out, rendered);
    supplements_section(&mut out, rendered);
    legal_section(&mut out, rendered);
    reporting_section(&mut out, rendered);
    obligations_section(&mut out, rendered);
    let heading = w!(wording, "sources.checklist_heading", edition = esc(&edition.title));
    markdown::sources_section(&mut out, edition, &heading, wording);
    format!("{}\n", out.trim_end())
}

/// The published 遵守事項 the set cites (every one the 適用宣言書 lists): the volume and page of
/// the published text, or where a version's change is stated, and whether it was verified.
fn guideline_section(out: &mut String, rendered: &Rendered) {
    let (guideline, wording) = (&rendered.guideline, rendered.wording);
    let _ = writeln!(out, "{}", w!(wording, "sources.guideline_heading"));
    let _ = writeln!(
        out,
        "{}",
        w!(wording, "sources.guideline_about", title = esc(&guideline.title), edition = esc(&guideline.edition))
    );
    if let Some(note) = &guideline.provenance_note {
        let _ = writeln!(out, "{}\n", esc(note.trim()));
    }
    let _ = writeln!(out, "{}", w!(wording, "sources.guideline_table"));
    for (requirement, _) in rendered.resolution.paired(guideline).filter(|(r, _)| !r.supplement) {
        let (source, status) = requirement_source(guideline, requirement, wording);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {status} |",
            esc(&requirement.name(wording)),
            esc(&requirement.label),
            esc(&source)
        );
    }
    out.push('\n');
}

/// Where a published item is stated and how far that was checked.
fn requirement_source<'w>(guideline: &Guideline, r: &Requirement, wording: &'w Wording) -> (String, &'w str) {
    if let Some((_, change)) = guideline.change_sources.iter().find(|(id, _)| *id == r.id) {
        let status = if change.verified {
            w!(wording, "sources.verified_change")
        } else {
            w!(wording, "sources.unverified_change")
        };
        return (change.source.trim().to_owned(), status);
    }
    let source = r.source.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match (r.provenance, source) {
        // A version written as changes to its base: an item it did not change was checked in the
        // base version's text only.
        (Provenance::Guideline, Some(source)) if !guideline.change_sources.is_empty() => {
            (source.to_owned(), w!(wording, "sources.verified_in_base"))
        }
        (Provenance::Guideline, Some(source)) => (source.to_owned(), w!(wording, "sources.verified_text")),
        (Provenance::Seed, _) => (w!(wording, "guideline.seed").to_owned(), w!(wording, "sources.seed")),
        (_, source) => (
            source.map_or_else(|| w!(wording, "checklist.none").to_owned(), str::to_owned),
            w!(wording, "sources.no_source"),
        ),
    }
}

/// The items that are not published 遵守事項 (「補足N」): the facility's own additional measures,
/// or matters the summary deck states; and the rules the facility sets for its vendors.
fn supplements_section(out: &mut String, rendered: &Rendered) {
    let (guideline, wording) = (&rendered.guideline, rendered.wording);
    let _ = writeln!(out, "{}", w!(wording, "sources.supplements_heading"));
    let _ = writeln!(out, "{}", w!(wording, "sources.supplements_about"));
    let _ = writeln!(out, "{}", w!(wording, "sources.supplements_table"));
    for (r, _) in rendered.resolution.paired(guideline).filter(|(r, _)| r.supplement) {
        let change = guideline.change_sources.iter().find(|(id, _)| *id == r.id).map(|(_, c)| c.source.as_str());
        let source = change.or(r.source.as_deref()).map(str::trim).filter(|s| !s.is_empty());
        let basis = match source {
            Some(source) => w!(wording, "sources.own_with_source", source = esc(source)),
            None if r.provenance == Provenance::Seed => w!(wording, "sources.seed_based").to_owned(),
            None => w!(wording, "sources.facility_own").to_owned(),
        };
        let _ = writeln!(out, "| {} | {} | {basis} |", esc(&r.name(wording)), esc(&r.label));
    }
    out.push('\n');
    if rendered.profile.data.vendors.is_empty() {
        return;
    }
    let security = &rendered.shared.vendor_security;
    let _ = writeln!(out, "{}", w!(wording, "sources.vendor_rules_table"));
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        w!(wording, "sources.remote_transport"),
        esc(security.transport.note.trim()),
        w!(wording, "sources.own_with_source", source = esc(security.transport.source.trim()))
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n",
        w!(wording, "sources.bcp_procedure"),
        esc(security.bcp_procedure.note.trim()),
        w!(wording, "sources.facility_own")
    );
}

/// The laws the 規程 cites for this kind of facility, the retention periods of its 別表, and the
/// national services its systems use with their operators.
fn legal_section(out: &mut String, rendered: &Rendered) {
    let wording = rendered.wording;
    let legal = &rendered.shared.legal;
    let data = &rendered.profile.data;
    let _ = writeln!(out, "{}", w!(wording, "sources.legal_heading"));
    let _ = writeln!(out, "{}", w!(wording, "sources.anchors_table"));
    for anchor in legal.anchors_for(data.facility.kind) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            esc(&anchor.law),
            esc(&anchor.source),
            source_status(&anchor.source, wording)
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}", w!(wording, "sources.retention_table"));
    for r in legal.retention_for(data.facility.kind) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&r.record),
            esc(&r.period),
            esc(&r.law),
            esc(&r.source),
            source_status(&r.source, wording)
        );
    }
    out.push('\n');
    let services: Vec<_> =
        legal.national_services.iter().filter(|n| data.systems.iter().any(|s| s.kind == n.kind)).collect();
    if services.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", w!(wording, "sources.services_table"));
    for n in services {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&n.service),
            esc(&n.operator),
            esc(&n.source),
            source_status(&n.source, wording)
        );
    }
    out.push('\n');
}

/// The bodies the incident procedure and the 連絡体制図 name, with when to report and any
/// deadline; then the contacts the facility wrote itself, which no public source confirms.
fn reporting_section(out: &mut String, rendered: &Rendered) {
    let wording = rendered.wording;
    let _ = writeln!(out, "{}", w!(wording, "sources.reporting_heading"));
    let _ = writeln!(out, "{}", w!(wording, "sources.bodies_table"));
    for body in &rendered.shared.reporting {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&body.label),
            esc(body.when.trim()),
            body.deadline.as_deref().map_or_else(|| w!(wording, "checklist.none").to_owned(), |d| esc(d.trim())),
            esc(body.source.trim()),
            source_status(&body.source, wording)
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}", w!(wording, "sources.contacts_about"));
    let contacts = &rendered.view.contacts;
    if contacts.is_empty() {
        let _ = writeln!(out, "{}\n", w!(wording, "sources.no_contacts"));
        return;
    }
    let _ = writeln!(out, "{}", w!(wording, "sources.contacts_table"));
    for c in contacts {
        let example = [c.name.as_str(), c.phone.as_str()].into_iter().chain(c.note.as_deref()).any(is_example);
        let status = if example { w!(wording, "sources.contact_example") } else { w!(wording, "sources.contact_own") };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {status} |",
            c.kind,
            esc(&c.name),
            esc(&c.phone),
            c.note.as_deref().map_or_else(|| w!(wording, "checklist.none").to_owned(), esc)
        );
    }
    out.push('\n');
}

/// Whether a value is one of `kitei init`'s examples (marked 「例）」, or a reserved-looking
/// number or address).
fn is_example(value: &str) -> bool {
    use crate::load::placeholders::{MARK, UNMARKED};
    value.contains(MARK) || UNMARKED.iter().any(|m| value.contains(m))
}

/// The dated obligation the checklist, the 課題一覧 and the plans cite (二要素認証).
fn obligations_section(out: &mut String, rendered: &Rendered) {
    let wording = rendered.wording;
    let rule = &rendered.shared.two_factor;
    let _ = writeln!(out, "{}", w!(wording, "sources.obligations_heading"));
    let _ = writeln!(out, "{}", w!(wording, "sources.obligations_table"));
    let status = if rule.verified { w!(wording, "checklist.verified") } else { w!(wording, "checklist.unverified") };
    let _ = writeln!(
        out,
        "| {} | {} | {} | {status} |\n",
        esc(rule.text.trim()),
        wareki::format(rule.from),
        esc(rule.source.trim())
    );
}

/// 確認済み when every address the source names is a public body's own page (and it names one),
/// else 未確認: a private site, a trade paper or a research note is a lead, not a confirmation.
fn source_status<'w>(source: &str, wording: &'w Wording) -> &'w str {
    let hosts = hosts(source);
    let official = |host: &String| OFFICIAL_DOMAINS.iter().any(|d| host == d || host.ends_with(&format!(".{d}")));
    if !hosts.is_empty() && hosts.iter().all(official) {
        w!(wording, "sources.official")
    } else {
        w!(wording, "sources.secondary")
    }
}

/// The host names in `text`: of each `http(s)://` address, and of each bare `name.tld/path`.
fn hosts(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-._~:/?#@!$&*+,;=%".contains(c)))
        .filter_map(|word| {
            let rest = word.strip_prefix("https://").or_else(|| word.strip_prefix("http://")).unwrap_or(word);
            let host = rest.split('/').next().unwrap_or_default();
            let looks_like_host = host.contains('.')
                && (rest.len() > host.len() || word.len() > rest.len())
                && host
                    .rsplit('.')
                    .next()
                    .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
            looks_like_host.then(|| host.to_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_verified_only_by_public_bodies_pages() {
        let wording = crate::wording::embedded();
        let official = w!(wording, "sources.official");
        assert_eq!(source_status("https://www.mhlw.go.jp/stf/newpage_38915.html", wording), official);
        assert_eq!(source_status("https://www.pref.fukuoka.lg.jp/uploaded/attachment/187975.pdf", wording), official);
        assert_eq!(source_status("https://www.ssk.or.jp/datahealth/s_z_03.html", wording), official);
        assert_ne!(source_status("https://qlifepro.com/news/20240517/mhlw-cyber-attack.html", wording), official);
        assert_ne!(source_status("businesslawyers.jp/practices/1433; 調査記録 facts-2026-12", wording), official);
        assert_ne!(source_status("調査記録 facts-2026-12（Reporting）", wording), official, "no address, no check");
        assert_ne!(
            source_status("https://www.mhlw.go.jp/a.html; https://clips.politylink.jp/clip/4536", wording),
            official,
            "one private source among official ones is not a confirmation"
        );
    }

    #[test]
    fn hosts_are_read_from_addresses_with_and_without_a_scheme() {
        assert_eq!(hosts("出典 https://www.mhlw.go.jp/stf/x.html。"), vec!["www.mhlw.go.jp"]);
        assert_eq!(hosts("wic-net.com/material/document/19102/5（R7）"), vec!["wic-net.com"]);
        assert!(hosts("医師法第24条第2項、R7 マニュアル案 2.3").is_empty());
    }

    #[test]
    fn an_example_value_is_recognised() {
        assert!(is_example("03-0000-0001") && is_example("例）所轄警察署") && is_example("a@example.jp"));
        assert!(!is_example("03-5253-1111"));
    }
}
