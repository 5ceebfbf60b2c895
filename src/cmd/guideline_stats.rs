//! `kitei guideline stats`: how much of the content model is verified against the published text.
//!
//! An inspector who checks one number against the PDF decides whether to trust the rest; this
//! command is how kitei's maintainers (and its README) state that share honestly: requirements
//! per volume and provenance, how many carry a `source`, and whether any of kitei's own items
//! still uses the official id form.

use std::collections::BTreeMap;

use serde::Serialize;

use super::check::ReportFormat;
use crate::i18n::{command_label, command_text, CommandLabel as L, CommandMsg};
use crate::model::{Guideline, Provenance, Requirement};

/// Counts of a set of requirements.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub(super) struct Counts {
    /// All requirements.
    requirements: usize,
    /// Items with a published number (`no:`).
    official: usize,
    /// kitei's own items (`supplement:`).
    supplements: usize,
    /// Provenance `guideline`.
    guideline: usize,
    /// Provenance `seed`.
    seed: usize,
    /// Provenance `kitei`.
    kitei: usize,
    /// Provenance `guideline` with a `source` (verified against the published text).
    verified: usize,
}

impl Counts {
    fn add(&mut self, r: &Requirement) {
        self.requirements += 1;
        if r.supplement {
            self.supplements += 1;
        } else {
            self.official += 1;
        }
        match r.provenance {
            Provenance::Guideline => self.guideline += 1,
            Provenance::Seed => self.seed += 1,
            Provenance::Kitei => self.kitei += 1,
        }
        if is_verified(r) {
            self.verified += 1;
        }
    }
}

/// Whether an item is verified: stated by the published text, with the page it is printed on.
fn is_verified(r: &Requirement) -> bool {
    r.provenance == Provenance::Guideline && r.source.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The whole report.
#[derive(Debug, Serialize)]
pub(super) struct Stats {
    version: String,
    /// Counts per volume key.
    volumes: BTreeMap<&'static str, Counts>,
    /// Totals by provenance.
    provenance: BTreeMap<&'static str, usize>,
    /// Totals over every volume.
    total: Counts,
    /// Share of all requirements that are verified (0–1).
    verified_share: f64,
    /// kitei's own formulations that still carry an official-looking id (`vol.N-M`).
    kitei_with_official_id: Vec<String>,
}

/// Counts the requirements of a guideline version.
pub(super) fn stats(guideline: &Guideline) -> Stats {
    let mut volumes: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for r in &guideline.requirements {
        volumes.entry(r.volume.as_str()).or_default().add(r);
        total.add(r);
    }
    let provenance = [
        (Provenance::Guideline.as_str(), total.guideline),
        (Provenance::Seed.as_str(), total.seed),
        (Provenance::Kitei.as_str(), total.kitei),
    ]
    .into_iter()
    .collect();
    let kitei_with_official_id = guideline
        .requirements
        .iter()
        .filter(|r| !r.supplement && r.provenance == Provenance::Kitei)
        .map(|r| r.id.clone())
        .collect();
    let verified_share = if total.requirements == 0 { 0.0 } else { total.verified as f64 / total.requirements as f64 };
    Stats { version: guideline.version.clone(), volumes, provenance, total, verified_share, kitei_with_official_id }
}

/// Prints the report.
pub(super) fn print(guideline: &Guideline, format: ReportFormat) -> anyhow::Result<()> {
    let report = stats(guideline);
    match format {
        ReportFormat::Json => outln!("{}", serde_json::to_string_pretty(&report)?),
        ReportFormat::Text => print_text(guideline, &report)?,
    }
    Ok(())
}

fn print_text(guideline: &Guideline, report: &Stats) -> anyhow::Result<()> {
    let title = CommandMsg::StatsTitle {
        title: &guideline.title,
        edition: &guideline.edition,
        count: report.total.requirements,
    };
    outln!("{}", command_text(title));
    let columns = [L::StatsVolume, L::StatsItems, L::StatsOfficial, L::StatsSupplements, L::StatsText, L::StatsSeed]
        .map(command_label);
    let [volume, items, official, supplements, body, seed] = columns;
    outln!("\n{volume:<12} {items:>5} {official:>5} {supplements:>5} {body:>5} {seed:>5} {:>5}", "kitei");
    for volume in &guideline.volumes {
        let Some(c) = report.volumes.get(volume.key.as_str()) else { continue };
        outln!(
            "{:<12} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
            volume.title,
            c.requirements,
            c.official,
            c.supplements,
            c.guideline,
            c.seed,
            c.kitei
        );
    }
    let t = &report.total;
    let verified = CommandMsg::StatsVerified {
        verified: t.verified,
        total: t.requirements,
        percent: report.verified_share * 100.0,
    };
    outln!("\n{}", command_text(verified));
    if let Some(note) = &guideline.provenance_note {
        outln!("\n{}", note.trim());
    }
    if !report.kitei_with_official_id.is_empty() {
        let ids = report.kitei_with_official_id.join(", ");
        outln!("{}", command_text(CommandMsg::StatsKiteiOwn { count: report.kitei_with_official_id.len(), ids: &ids }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_add_up_per_volume_and_in_total() {
        let guideline = crate::load::load_guideline(&crate::load::Content::embedded(), "6.0").unwrap();
        let report = stats(&guideline);
        let sum: usize = report.volumes.values().map(|c| c.requirements).sum();
        assert_eq!(sum, guideline.requirements.len());
        assert_eq!(report.provenance.values().sum::<usize>(), guideline.requirements.len());
        assert_eq!(report.total.official + report.total.supplements, guideline.requirements.len());
        assert!(report.total.verified <= report.total.guideline);
    }
}
