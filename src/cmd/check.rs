//! `kitei check`: validate a profile and show what the guideline asks of the facility.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::checklist::obligations::DueKind;
use crate::i18n::{command_label, command_text, text, CommandLabel, CommandMsg, Msg};
use crate::load::{Content, LoadError};
use crate::pipeline::{ProfileSource, Session};
use crate::render::{DutyView, SystemDutiesView};
use crate::resolve::{self, Status};

/// Arguments of `kitei check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The profile to check.
    pub profile: PathBuf,
    /// Output format.
    #[arg(long, default_value = "text", ignore_case = true)]
    pub format: ReportFormat,
    /// Guideline version (default: the profile's).
    #[arg(long, value_name = "VERSION")]
    pub guideline: Option<String>,
    /// The date to judge dated obligations against (YYYY-MM-DD; default: the profile's effective date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For programs (stable keys).
    Json,
}

/// What `kitei check --format json` prints for a valid profile (its schema: `kitei schema --check`).
pub(super) type CheckJson = Report<'static>;

/// The JSON of a valid profile.
#[derive(Serialize, schemars::JsonSchema)]
pub(super) struct Report<'a> {
    valid: bool,
    facility: &'a str,
    guideline: &'a str,
    pattern: &'a str,
    reasoning: &'a [String],
    #[serde(skip)]
    #[schemars(skip)]
    steps: &'a [crate::resolve::PatternStep],
    summary: Summary,
    requirements: Vec<RequirementStatus<'a>>,
    #[schemars(with = "Vec<serde_json::Value>")]
    two_factor: Vec<TwoFactorEntry>,
    #[schemars(with = "serde_json::Value")]
    responsibility: Duties,
    /// The matters the profile leaves undecided (rows of the 課題一覧; `key` is the profile field
    /// that closes each), as in the build's manifest.json.
    open_items: Vec<crate::write::ItemFact>,
}

/// A system without two-factor authentication and its renewal (guideline 7.0: 2FA at the first
/// renewal from 令和9年4月1日 on).
#[derive(Serialize)]
struct TwoFactorEntry {
    system: String,
    renewal: Option<chrono::NaiveDate>,
    /// `missed` (renewal passed without 2FA: a warning), `due`, `later` or `unknown`.
    status: &'static str,
    message: String,
}

/// Who carries out each area, per system and facility-wide: the rows of the 責任分界表, read
/// from the same resolved model (`resolve::responsibility`), so `check` and the document agree.
#[derive(Serialize)]
struct Duties {
    /// Rows carried out by the facility / by a vendor, in normal times.
    by_facility: usize,
    by_vendor: usize,
    /// Rows a national service's operator carries out (neither the facility's nor a vendor's).
    by_operator: usize,
    systems: Vec<SystemDutiesView>,
    facility: Vec<DutyView>,
}

impl Duties {
    fn new(systems: Vec<SystemDutiesView>, facility: Vec<DutyView>) -> Self {
        let rows = || systems.iter().flat_map(|s| &s.rows).chain(&facility);
        let by_vendor = rows().filter(|r| r.by_vendor).count();
        let by_operator = rows().filter(|r| r.by_operator).count();
        let by_facility = rows().count() - by_vendor - by_operator;
        Self { by_facility, by_vendor, by_operator, systems, facility }
    }
}

#[derive(Serialize, Default, schemars::JsonSchema)]
struct Summary {
    required: usize,
    delegated: usize,
    not_applicable: usize,
}

#[derive(Serialize, schemars::JsonSchema)]
struct RequirementStatus<'a> {
    id: &'a str,
    volume: &'a str,
    number: &'a str,
    label: &'a str,
    #[schemars(with = "String")]
    status: Status,
    reason: &'a str,
    vendors: &'a [String],
}

#[derive(Serialize)]
struct Failure {
    valid: bool,
    errors: Vec<ErrorEntry>,
}

#[derive(Serialize)]
struct ErrorEntry {
    file: String,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
}

/// Runs `kitei check`.
pub(super) fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let session = Session::new(Content::embedded());
    let source = ProfileSource::read(&args.profile);
    let examples = source.as_ref().map(crate::pipeline::example_warnings).unwrap_or_default();
    let written = source.as_ref().ok().map(|s| (s.path.clone(), s.text.clone()));
    let loaded = source.and_then(|s| session.load(&s, args.guideline.as_deref()));
    let (guideline, profile) = match loaded {
        Ok(loaded) => loaded,
        Err(error) if args.format == ReportFormat::Json => {
            outln!("{}", serde_json::to_string_pretty(&failure(&error))?);
            return Ok(ExitCode::FAILURE);
        }
        Err(error) => {
            eprintln!("{}", crate::cmd::report(&error.into()));
            return Ok(ExitCode::FAILURE);
        }
    };
    for example in &examples {
        eprintln!("{}: {example}", text(Msg::Warning));
    }
    if let Some(warning) = written.and_then(|(path, written)| exit_warning(&profile, &path, &written)) {
        eprintln!("{}: {warning}", text(Msg::Warning));
    }
    let shared = session.shared()?;
    let resolution = resolve::resolve(&guideline, &profile, crate::wording::embedded(), &shared);
    let mut summary = Summary::default();
    let requirements: Vec<RequirementStatus<'_>> = resolution
        .paired(&guideline)
        .map(|(r, s)| {
            match s.status {
                Status::Required => summary.required += 1,
                Status::Delegated => summary.delegated += 1,
                Status::NotApplicable => summary.not_applicable += 1,
            }
            RequirementStatus {
                id: &r.id,
                volume: r.volume.as_str(),
                number: &r.number,
                label: &r.label,
                status: s.status,
                reason: &s.reason,
                vendors: &s.vendors,
            }
        })
        .collect();
    let date = args.date.unwrap_or(profile.data.document.effective_date);
    let rule = &shared.two_factor;
    let two_factor = crate::checklist::two_factor_due(&profile, rule, date)
        .into_iter()
        .map(|due| TwoFactorEntry {
            system: due.system.clone(),
            renewal: due.renewal,
            status: match due.kind {
                DueKind::Missed => "missed",
                DueKind::Due => "due",
                DueKind::Later => "later",
                DueKind::Unknown => "unknown",
            },
            message: due.message(rule, crate::wording::embedded()),
        })
        .collect();
    let view = crate::render::responsibility_view(&guideline, &profile, &resolution, crate::wording::embedded());
    let responsibility = Duties::new(view.systems, view.facility);
    let report = Report {
        valid: true,
        facility: &profile.data.facility.name,
        guideline: &guideline.version,
        pattern: &resolution.pattern.id,
        reasoning: &resolution.pattern.reasoning,
        steps: &resolution.pattern.steps,
        summary,
        requirements,
        two_factor,
        responsibility,
        open_items: resolution.open_items.iter().map(|i| crate::emit::item_fact(&resolution, i)).collect(),
    };
    match args.format {
        ReportFormat::Json => outln!("{}", serde_json::to_string_pretty(&report)?),
        ReportFormat::Text => print_text(&report)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A step of the pattern's reasoning, in the terminal's language.
fn step_message(step: &crate::resolve::PatternStep) -> CommandMsg<'_> {
    use crate::load::profile::Hosting;
    use crate::resolve::PatternStep as S;
    match step {
        S::System { name, holds_medical_information, hosting } => {
            CommandMsg::PatternSystem { name, holds: *holds_medical_information, cloud: *hosting == Hosting::Cloud }
        }
        S::PaperCharts => CommandMsg::PatternPaperCharts,
        S::AllCloud => CommandMsg::PatternAllCloud(true),
        S::SomeOnPremises => CommandMsg::PatternAllCloud(false),
        S::DedicatedStaff(staff) => CommandMsg::PatternStaff(*staff),
        S::Conclusion(id) => CommandMsg::PatternConclusion { latin: id, numeral: crate::resolve::numeral(id) },
    }
}

/// The warning for an internet exit the profile needs but does not state (it is also a row of
/// the 課題一覧): at the line that makes the facility reach the internet.
fn exit_warning(profile: &crate::load::Profile, path: &std::path::Path, written: &str) -> Option<String> {
    use crate::load::profile::InternetUse;
    let network = &profile.data.network;
    if network.exit.is_some() {
        return None;
    }
    let (kind, name, needle) = match network.internet_use(&profile.data.systems)? {
        InternetUse::Connected => (0, "", "internet:".to_owned()),
        InternetUse::Cloud(system) => (1, system.name.as_str(), format!("key: {}", system.key)),
        InternetUse::Vpn(device) => (2, device.name.as_str(), device.name.clone()),
    };
    let line = written
        .lines()
        .position(|l| l.contains(&needle))
        .or_else(|| written.lines().position(|l| l.starts_with("network:")))
        .map_or(1, |i| i + 1);
    let cause = text(Msg::ExitCause { kind, name });
    Some(text(Msg::InternetExitMissing { place: &format!("{}:{line}", path.display()), cause: &cause }))
}

fn print_text(report: &Report<'_>) -> anyhow::Result<()> {
    outln!("{}", text(Msg::Valid { facility: report.facility, guideline: report.guideline }));
    outln!("\n{}", command_text(CommandMsg::CheckPattern(report.pattern)));
    for step in report.steps {
        outln!("  - {}", command_text(step_message(step)));
    }
    let s = &report.summary;
    let summary =
        CommandMsg::CheckSummary { required: s.required, delegated: s.delegated, not_applicable: s.not_applicable };
    outln!("\n{}", command_text(summary));
    let delegated: Vec<_> = report.requirements.iter().filter(|r| r.status == Status::Delegated).collect();
    if !delegated.is_empty() {
        outln!("\n{}", command_label(CommandLabel::CheckDelegated));
        for r in delegated {
            outln!("  {:<18} {}{}", r.id, r.label, command_text(CommandMsg::Bracketed(&r.vendors.join(", "))));
        }
    }
    print_duties(&report.responsibility)?;
    if !report.two_factor.is_empty() {
        outln!("\n{}", command_label(CommandLabel::CheckTwoFactor));
        for entry in &report.two_factor {
            let mark = if entry.status == "missed" { format!("{}: ", text(Msg::Warning)) } else { String::new() };
            outln!("  {mark}{}", entry.message);
        }
    }
    let excluded: Vec<_> = report.requirements.iter().filter(|r| r.status == Status::NotApplicable).collect();
    if !excluded.is_empty() {
        outln!("\n{}", command_label(CommandLabel::CheckExcluded));
        for r in excluded {
            outln!("  {:<18} {} — {}", r.id, r.label, r.reason);
        }
    }
    Ok(())
}

/// The 責任分界表's rows: each area of each system, then the facility-wide ones.
fn print_duties(duties: &Duties) -> anyhow::Result<()> {
    let counts = CommandMsg::CheckDuties {
        by_facility: duties.by_facility,
        by_vendor: duties.by_vendor,
        by_operator: duties.by_operator,
    };
    outln!("\n{}", command_text(counts));
    let print_rows = |rows: &[DutyView]| -> anyhow::Result<()> {
        for row in rows {
            let who = CommandMsg::CheckDutyRow { normal: &row.normal, emergency: &row.emergency };
            outln!("    {} {}", padded(&row.title, 30), command_text(who));
        }
        Ok(())
    };
    for system in &duties.systems {
        outln!("  {}{}", system.system, command_text(CommandMsg::Bracketed(&system.party)));
        print_rows(&system.rows)?;
    }
    if !duties.facility.is_empty() {
        outln!("  {}", command_label(CommandLabel::CheckFacilityWide));
        print_rows(&duties.facility)?;
    }
    Ok(())
}

/// `text` padded with spaces to `columns` terminal columns (a Japanese character takes two).
fn padded(text: &str, columns: usize) -> String {
    let width: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{text}{}", " ".repeat(columns.saturating_sub(width)))
}

fn failure(error: &LoadError) -> Failure {
    let diagnostics = match error {
        LoadError::Syntax(d) => vec![d.clone()],
        LoadError::Invalid(list) => list.0.clone(),
        other => {
            return Failure {
                valid: false,
                errors: vec![ErrorEntry {
                    file: String::new(),
                    line: 0,
                    column: 0,
                    message: other.to_string(),
                    hint: None,
                }],
            }
        }
    };
    Failure {
        valid: false,
        errors: diagnostics
            .into_iter()
            .map(|d| ErrorEntry {
                file: d.path.display().to_string(),
                line: d.line,
                column: d.column,
                message: d.message,
                hint: d.hint,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::profile::Hosting;
    use crate::resolve::PatternStep;

    /// In Japanese the terminal says what the 適用宣言書 says, word for word.
    #[test]
    fn the_japanese_reasoning_is_the_documents() {
        let steps = [
            PatternStep::System {
                name: "電子カルテ".into(),
                holds_medical_information: true,
                hosting: Hosting::OnPremises,
            },
            PatternStep::System { name: "オン資".into(), holds_medical_information: false, hosting: Hosting::Cloud },
            PatternStep::PaperCharts,
            PatternStep::AllCloud,
            PatternStep::SomeOnPremises,
            PatternStep::DedicatedStaff(true),
            PatternStep::DedicatedStaff(false),
            PatternStep::Conclusion("III".into()),
        ];
        for step in steps {
            assert_eq!(crate::i18n::command_text_ja(step_message(&step)), step.sentence(crate::wording::embedded()));
        }
    }
}
