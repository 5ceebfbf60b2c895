//! `kitei report`: one overview of every facility in one or more build output folders.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::i18n::{text, Msg, PortfolioMsg};
use crate::report;

/// Arguments of `kitei report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Build output folders (out/, or the folders of several shards); a facility folder alone works too.
    #[arg(required = true)]
    pub folders: Vec<PathBuf>,
    /// Formats (md, csv, json, html).
    #[arg(long, value_delimiter = ',', default_value = "md", ignore_case = true)]
    pub format: Vec<ReportFormat>,
    /// Write to this file (one format) or folder (report.<format> for each); default: print.
    #[arg(short, long, value_name = "FILE_OR_DIR")]
    pub output: Option<PathBuf>,
    /// The date against which dated items are overdue (default: the newest build date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::load::dates::parse)]
    pub date: Option<chrono::NaiveDate>,
}

/// Formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// CSV, one row per facility.
    Csv,
    /// JSON, everything.
    Json,
    /// One self-contained HTML file.
    Html,
}

impl ReportFormat {
    fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Html => "html",
        }
    }
}

/// Runs `kitei report`.
pub(super) fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let gathered = report::gather(&args.folders, args.date)?;
    let mut formats = args.format.clone();
    formats.dedup();
    let render = |format: ReportFormat| match format {
        ReportFormat::Md => report::markdown(&gathered),
        ReportFormat::Csv => report::csv(&gathered),
        ReportFormat::Json => report::json(&gathered),
        ReportFormat::Html => report::html(&gathered),
    };
    match &args.output {
        None => {
            for format in &formats {
                out!("{}", render(*format));
            }
        }
        Some(path) if formats.len() == 1 && path.extension().is_some() => write(path, &render(formats[0]))?,
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| text(Msg::CannotCreate(&dir.display().to_string())))?;
            for format in &formats {
                write(&dir.join(format!("report.{}", format.extension())), &render(*format))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a report file whole (a temporary file renamed into place).
fn write(path: &Path, contents: &str) -> anyhow::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).with_context(|| text(Msg::CannotCreate(&folder.display().to_string())))?;
    crate::write::write_file_atomic(path, contents.as_bytes())?;
    eprintln!("{}", text(Msg::Portfolio(PortfolioMsg::ReportWritten(&path.display().to_string()))));
    Ok(())
}
