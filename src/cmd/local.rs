//! `kitei local status|accept`: a facility's local edits against kitei's built-in text.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};

use crate::i18n::{command_label, text, CommandLabel as L, Msg};
use crate::load::Content;
use crate::pipeline::local::Chosen;
use crate::pipeline::{ProfileSource, RenderOptions, Session};
use crate::render::local::{Report, State};
use crate::render::RenderedDocument;

/// `kitei local …`.
#[derive(Debug, Subcommand)]
pub enum LocalCommand {
    /// Show each local edit: accepted, not yet accepted, or changed under it (old built-in, new
    /// built-in and local text). Exit 1 when an edit needs review.
    Status(LocalArgs),
    /// Record the current built-in text under edits (after reviewing them), so that builds stop
    /// warning and `--strict` passes.
    Accept(AcceptArgs),
}

/// The profile whose `local/` folder to read.
#[derive(Debug, Args)]
pub struct LocalArgs {
    /// The facility's profile (its `local/` folder is beside it).
    pub profile: PathBuf,
    /// Guideline version (default: the one of the facility's last build in --out, else the profile's).
    #[arg(long, value_name = "VERSION")]
    pub guideline: Option<String>,
    /// The build output folder whose <id>/manifest.json gives the guideline version of the last build.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Folder of template overrides (default: templates/ beside the profile).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Arguments of `kitei local accept`.
#[derive(Debug, Args)]
pub struct AcceptArgs {
    #[command(flatten)]
    local: LocalArgs,
    /// Labels of the edits to accept (the article an edit changes; for `insert_after`, the new
    /// article's label).
    #[arg(required_unless_present = "all")]
    pub labels: Vec<String>,
    /// Accept every edit.
    #[arg(long)]
    pub all: bool,
}

/// Runs `kitei local …`.
pub(super) fn run(command: LocalCommand) -> anyhow::Result<ExitCode> {
    match command {
        LocalCommand::Status(args) => status(&args),
        LocalCommand::Accept(args) => accept(&args),
    }
}

fn render(args: &LocalArgs) -> anyhow::Result<Vec<RenderedDocument>> {
    let source = ProfileSource::read(&args.profile)?;
    let session = Session::new(Content::embedded());
    let chosen = crate::pipeline::version::chosen(&session, &source, args.guideline.as_deref(), &args.out)?;
    eprintln!("{}", chosen.describe());
    let options = RenderOptions { guideline: Some(&chosen.version), templates: args.templates.as_deref(), date: None };
    Ok(session.render(&source, &options)?.documents)
}

fn status(args: &LocalArgs) -> anyhow::Result<ExitCode> {
    let rendered = render(args)?;
    let mut attention = 0;
    let mut out = String::new();
    for document in rendered.iter().filter(|d| !d.local.is_empty()) {
        for report in &document.local {
            attention += usize::from(report.state != State::Accepted);
            out.push_str(&describe(document.spec.id, report));
        }
    }
    if out.is_empty() {
        eprintln!("{}", text(Msg::LocalNone(&args.profile.display().to_string())));
        return Ok(ExitCode::SUCCESS);
    }
    out!("{out}");
    Ok(if attention == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// One edit: a status line and, unless it is accepted, the texts to review.
fn describe(document: &str, report: &Report) -> String {
    let state = command_label(match report.state {
        State::Accepted => L::LocalAccepted,
        State::Unaccepted => L::LocalUnaccepted,
        State::Changed => L::LocalChanged,
    });
    let mut out = format!("{document}: {} {} — {state}\n", report.kind, report.key);
    if report.state == State::Accepted {
        return out;
    }
    if let Some(old) = &report.accepted {
        out.push_str(&section(L::LocalBuiltinThen, old));
        out.push_str(&section(L::LocalBuiltinNow, &report.builtin));
        out.push_str(&section(L::LocalBuiltinChanges, &changes(old, &report.builtin)));
    } else {
        out.push_str(&section(L::LocalBuiltinNow, &report.builtin));
    }
    let local = if report.local.is_empty() { command_label(L::LocalRemoved) } else { report.local.as_str() };
    out.push_str(&section(L::LocalText, local));
    out
}

fn section(title: L, text: &str) -> String {
    let body: String = text.lines().map(|l| format!("    {l}\n")).collect();
    format!("  ── {} ──\n{body}", command_label(title))
}

/// The built-in change as `[-removed-]{+added+}` marks in the new text.
fn changes(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut out = String::new();
    for group in diff.iter_all_changes().collect::<Vec<_>>().chunk_by(|a, b| a.tag() == b.tag()) {
        let text: String = group.iter().map(|c| c.value()).collect();
        match group[0].tag() {
            similar::ChangeTag::Equal => out.push_str(&text),
            similar::ChangeTag::Delete => out.push_str(&format!("[-{text}-]")),
            similar::ChangeTag::Insert => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}

fn accept(args: &AcceptArgs) -> anyhow::Result<ExitCode> {
    let rendered = render(&args.local)?;
    let chosen = if args.all { Chosen::All } else { Chosen::Keys(&args.labels) };
    let outcome = crate::pipeline::local::accept(&args.local.profile, &rendered, chosen)?;
    for (document, keys) in &outcome.accepted {
        let keys = keys.join(", ");
        eprintln!("{}", text(Msg::LocalAcceptedKeys { document, keys: &keys }));
    }
    if !outcome.unknown.is_empty() {
        let (labels, profile) = (outcome.unknown.join(", "), args.local.profile.display().to_string());
        bail!("{}", text(Msg::LocalNoSuchLabel { labels: &labels, profile: &profile }));
    }
    Ok(ExitCode::SUCCESS)
}
