//! The command line: one module per command, each with one entry function.
//!
//! Arguments are parsed by clap into `*Args` structs close to the flags; each command checks them
//! into the library's typed configuration and calls the pipeline. Errors travel as `anyhow` from
//! here up, and [`report`] prints every cause.

/// `print!` that returns an error instead of panicking when standard output is full or closed
/// (`kitei schema > /dev/full`); used by every command in place of `print!`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cmd::write_stdout(format_args!($($arg)*))?
    };
}

/// `println!` that returns an error instead of panicking (see [`out!`]).
macro_rules! outln {
    () => {
        $crate::cmd::write_stdout(format_args!("\n"))?
    };
    ($($arg:tt)*) => {
        $crate::cmd::write_stdout(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

mod approve;
mod areas;
mod build;
mod check;
mod checklist;
mod diff;
mod guideline;
mod guideline_diff;
mod guideline_stats;
mod init;
mod local;
mod record;
mod report;
mod serve;
mod status;
mod templates;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// kitei writes a medical facility's information-security rulebook (規程) from its profile,
/// following the MHLW guideline for the safety management of medical information systems.
#[derive(Debug, Parser)]
#[command(name = "kitei", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages and help (ja, en; default: from the locale, Japanese unless it is
    /// another language or C).
    #[arg(long, global = true, value_name = "LANG", ignore_case = true)]
    pub lang: Option<crate::i18n::Lang>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the rulebook (Markdown and PDF) of one or more facilities.
    Build(build::BuildArgs),
    /// Approve the current draft as the next 版 (recorded beside the profile), then build it.
    Approve(approve::ApproveArgs),
    /// Show what is approved, what is a draft and what is open (exit 1: a draft awaits approval).
    Status(status::StatusArgs),
    /// Check a profile and show its reference pattern and what applies to it.
    Check(check::CheckArgs),
    /// Answer the yearly MHLW cybersecurity checklist (Markdown, PDF, XLSX) from a profile.
    Checklist(checklist::ChecklistArgs),
    /// Write a commented starter profile for your situation.
    Init(init::InitArgs),
    /// List the areas a vendor contract can cover (the words of `vendors[].contract.covers`).
    Areas(areas::AreasArgs),
    /// Record what was done (training, restore test, …) or a vendor's answers, in the records file.
    Record(record::RecordArgs),
    /// Print the JSON Schema of the profile (for editor completion and validation).
    Schema(SchemaArgs),
    /// An overview of every built facility (pattern, open and dated items, reviews) from output folders.
    Report(report::ReportArgs),
    /// Browse the guideline: table of contents, one entry, or the changes between versions.
    #[command(subcommand)]
    Guideline(guideline::GuidelineCommand),
    /// Compare two versions of documents as a 新旧対照表 (exit 0: identical, 1: different).
    Diff(diff::DiffArgs),
    /// Make, review and download the rulebook in a browser (a local web page on this computer).
    Serve(serve::ServeArgs),
    /// Review and accept the facility's local edits (local/<document>.yaml beside the profile).
    #[command(subcommand)]
    Local(local::LocalCommand),
    /// The built-in templates, to start a whole-file override from.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Which JSON Schema `kitei schema` prints (default: the profile's).
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The schema of a build folder's manifest.json instead.
    #[arg(long, conflicts_with = "check")]
    pub manifest: bool,
    /// The schema of `kitei check --format json` instead.
    #[arg(long, conflicts_with = "records")]
    pub check: bool,
    /// The schema of the records file (<profile>.records.yaml) instead.
    #[arg(long, conflicts_with = "manifest")]
    pub records: bool,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Approve(args) => approve::run(args),
        Command::Status(args) => status::run(args),
        Command::Check(args) => check::run(args),
        Command::Checklist(args) => checklist::run(args),
        Command::Init(args) => init::run(args),
        Command::Areas(args) => areas::run(args),
        Command::Record(args) => record::run(args),
        Command::Schema(args) => {
            let schema = if args.manifest {
                schemars::schema_for!(crate::write::Manifest)
            } else if args.check {
                schemars::schema_for!(check::CheckJson)
            } else if args.records {
                schemars::schema_for!(crate::records::RecordsFile)
            } else {
                schemars::schema_for!(crate::load::profile::ProfileData)
            };
            outln!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(args) => report::run(args),
        Command::Guideline(command) => guideline::run(command),
        Command::Diff(args) => diff::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Local(command) => local::run(command),
        Command::Templates(command) => templates::run(command),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "kitei", &mut script);
            out!("{}", String::from_utf8_lossy(&script));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Standard output could not be written (a full disk, a closed pipe, `> /dev/full`).
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::i18n::text(crate::i18n::Msg::StdoutFailed(&crate::i18n::write_reason(.0))))]
pub struct StdoutError(#[source] pub std::io::Error);

/// Writes `args` to standard output and flushes it, returning what went wrong rather than
/// panicking as `print!` does.
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) -> Result<(), StdoutError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_fmt(args).and_then(|()| out.flush()).map_err(StdoutError)
}

/// Whether `error` is a closed pipe on standard output (`kitei … | head`): the reader has gone,
/// and like other command-line tools kitei then ends quietly.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.downcast_ref::<StdoutError>().is_some_and(|e| e.0.kind() == std::io::ErrorKind::BrokenPipe)
}

/// An error with all its causes, for the terminal.
pub fn report(error: &anyhow::Error) -> String {
    use crate::i18n::{text, Msg};
    use crate::load::LoadError;
    if let Some(load) = error.downcast_ref::<LoadError>() {
        return match load {
            LoadError::Invalid(diagnostics) => diagnostics.to_string(),
            other => format!("{}: {}", text(Msg::Error), crate::diagnostic::visible(&other.to_string())),
        };
    }
    let mut message = format!("{}: {}", text(Msg::Error), crate::diagnostic::visible(&error.to_string()));
    for cause in error.chain().skip(1) {
        let cause = crate::diagnostic::visible(&cause.to_string());
        // Transparent wrappers repeat their source's text; print each fact once.
        if !message.contains(&cause) {
            message.push_str(&text(Msg::CausedBy(&cause)));
        }
    }
    message
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
