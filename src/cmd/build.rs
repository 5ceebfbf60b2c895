//! `kitei build`: one facility or a whole portfolio, in parallel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::i18n::{text, Msg};
use crate::load::Content;
use crate::pipeline::{BuildConfig, BuildOutcome, Formats, ProfileSource, Session};

/// Arguments of `kitei build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Profiles to build: files, folders (every .yaml in them) or glob patterns.
    /// Without any, kitei builds its bundled sample clinic.
    pub profiles: Vec<String>,
    /// Output folder; each facility is written to <DIR>/<facility-id>/.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// Formats to write (formats the output folder already holds are kept up to date too).
    #[arg(long, value_delimiter = ',', default_value = "md,pdf", ignore_case = true)]
    pub format: Vec<OutputFormat>,
    /// Date of this revision (2026-10-01 or 令和8年10月1日); defaults to the profile's effective date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::load::dates::parse)]
    pub date: Option<chrono::NaiveDate>,
    /// Guideline version to follow (e.g. 6.0, 7.0); defaults to the profile's.
    #[arg(long, value_name = "VERSION")]
    pub guideline: Option<String>,
    /// Folder of template overrides (default: templates/ beside each profile).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Fail when a required requirement is met by no document.
    #[arg(long)]
    pub strict: bool,
    /// Number of facilities built at once (default and maximum: the number of cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Accept a revision dated before the previous one, or an older guideline version.
    #[arg(long)]
    pub allow_backdate: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Markdown.
    Md,
    /// PDF.
    Pdf,
    /// The typst source of each PDF.
    Typ,
    /// Word.
    Docx,
}

/// Runs `kitei build`.
pub(super) fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let sources = sources(&args.profiles)?;
    let config = BuildConfig {
        output: args.output.clone(),
        formats: Formats {
            markdown: args.format.contains(&OutputFormat::Md),
            pdf: args.format.contains(&OutputFormat::Pdf),
            typst: args.format.contains(&OutputFormat::Typ),
            docx: args.format.contains(&OutputFormat::Docx),
        },
        date: args.date,
        guideline: args.guideline.clone(),
        templates: args.templates.clone(),
        strict: args.strict,
        cancel: Some(interrupt_flag()),
        allow_backdate: args.allow_backdate,
    };
    let Formats { markdown, pdf, typst, docx } = config.formats;
    if !(markdown || pdf || typst || docx) {
        bail!(text(Msg::FormatNeedsOne));
    }
    let session = Session::new(Content::embedded());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs(args.jobs)).build()?;
    let loaded: Vec<_> = pool.install(|| {
        sources
            .par_iter()
            .map(|(path, source)| {
                let source = source.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
                let loaded = session.load(source, config.guideline.as_deref()).map_err(anyhow::Error::from)?;
                Ok((path.clone(), source.clone(), loaded))
            })
            .collect::<Vec<anyhow::Result<_>>>()
    });
    refuse_duplicate_ids(&loaded)?;
    let interactive = std::io::stderr().is_terminal() && sources.len() > 1;
    let progress = interactive.then(|| progress_bar(sources.len() as u64));
    let results: Vec<(PathBuf, anyhow::Result<BuildOutcome>)> = pool.install(|| {
        sources
            .par_iter()
            .zip(loaded)
            .map(|((path, _), loaded)| {
                let result = loaded.and_then(|(_, source, loaded)| {
                    session.build_loaded(&source, loaded, &config).map_err(anyhow::Error::from)
                });
                report_one(progress.as_ref(), path, &result);
                (path.clone(), result)
            })
            .collect()
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let code = summarise(&results);
    if config.cancel.as_ref().is_some_and(|c| c.load(std::sync::atomic::Ordering::SeqCst)) {
        eprintln!("{}", text(Msg::Interrupted));
        return Ok(ExitCode::from(130));
    }
    Ok(code)
}

/// Facilities built at once: as asked, but never more than the cores (each build keeps a core
/// busy; more at once only adds memory and makes every build slower).
fn jobs(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    match asked {
        Some(n) if n > cores => {
            eprintln!("{}: {}", text(Msg::Warning), text(Msg::JobsCapped { asked: n, cores }));
            cores
        }
        Some(0) | None => cores,
        Some(n) => n,
    }
}

type Loaded =
    (PathBuf, crate::pipeline::ProfileSource, (std::sync::Arc<crate::model::Guideline>, crate::load::Profile));

/// Two profiles with the same `id` would write into the same folder, the second as a new 版 of
/// the first: refused, naming both files, before anything is built.
fn refuse_duplicate_ids(loaded: &[anyhow::Result<Loaded>]) -> anyhow::Result<()> {
    let mut seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for (path, _, (_, profile)) in loaded.iter().flatten() {
        if let Some(first) = seen.insert(profile.id.as_str(), path) {
            let (first, second) = (first.display().to_string(), path.display().to_string());
            clashes.push(text(Msg::IdClash { id: &profile.id, first: &first, second: &second }));
        }
    }
    if !clashes.is_empty() {
        bail!("{}\n{}", clashes.join("\n"), text(Msg::IdClashHint));
    }
    Ok(())
}

/// A flag set by Ctrl-C (SIGINT), SIGTERM or SIGHUP: builds in flight finish or write nothing, none
/// start. (A service manager or `timeout` stops kitei with SIGTERM; that must be as clean as Ctrl-C.)
fn interrupt_flag() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let handler_flag = flag.clone();
    // A second handler cannot be installed (e.g. in tests calling this twice); then Ctrl-C keeps
    // its default effect, which is still safe because every write is atomic.
    let _ = ctrlc::set_handler(move || handler_flag.store(true, std::sync::atomic::Ordering::SeqCst));
    flag
}

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

pub(super) fn report_one(
    progress: Option<&indicatif::ProgressBar>,
    path: &Path,
    result: &anyhow::Result<BuildOutcome>,
) {
    let line = match result {
        Ok(outcome) => {
            let folder = outcome.folder.display().to_string();
            let mut line = text(Msg::Built {
                name: &outcome.name,
                folder: &folder,
                documents: outcome.documents,
                pattern: &outcome.pattern,
                open_items: outcome.open_items.len(),
                dated_items: outcome.dated_items,
            });
            for revised in &outcome.revised {
                line.push_str(&format!("\n{}", text(Msg::NewVersion(revised))));
            }
            if !outcome.drafts.is_empty() {
                line.push_str(&format!("\n{}", text(Msg::DraftsBuilt { count: outcome.drafts.len() })));
            }
            for note in &outcome.notes {
                line.push_str(&format!("\n{}", text(Msg::Note(note))));
            }
            for warning in &outcome.warnings {
                line.push_str(&format!("\n{}: {warning}", text(Msg::Warning)));
            }
            if !outcome.uncovered.is_empty() {
                let ids = outcome.uncovered.join(", ");
                let uncovered = text(Msg::Uncovered { count: outcome.uncovered.len(), ids: &ids });
                line.push_str(&format!("\n{}: {uncovered}", text(Msg::Warning)));
            }
            for warning in &outcome.local_warnings {
                line.push_str(&format!("\nwarning: {warning}"));
            }
            line
        }
        Err(error) => format!("{}\n{}", text(Msg::Failed(&path.display().to_string())), crate::cmd::report(error)),
    };
    match progress {
        Some(bar) => {
            bar.println(line);
            bar.inc(1);
        }
        None => eprintln!("{line}"),
    }
}

fn summarise(results: &[(PathBuf, anyhow::Result<BuildOutcome>)]) -> ExitCode {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    if results.len() > 1 {
        eprintln!("\n{}", text(Msg::SummaryHeader));
        for (path, result) in results {
            match result {
                Ok(o) => eprintln!(
                    "{:<28} {:>9} {:>8} {:>9} {:>7}",
                    o.facility,
                    o.documents,
                    o.changed.len(),
                    o.uncovered.len() + o.warnings.len(),
                    0
                ),
                Err(_) => eprintln!("{:<28} {:>9} {:>8} {:>9} {:>7}", path.display(), "-", "-", "-", 1),
            }
        }
        eprintln!("{}", text(Msg::BatchTotal { built: results.len() - failed, failed }));
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Expands the arguments into profile sources; with none, the bundled sample.
fn sources(arguments: &[String]) -> anyhow::Result<Vec<(PathBuf, anyhow::Result<ProfileSource>)>> {
    if arguments.is_empty() {
        let (name, text) = Content::embedded()
            .samples()
            .into_iter()
            .find(|(name, _)| *name == DEFAULT_SAMPLE)
            .with_context(|| text(Msg::SampleMissing))?;
        let path = PathBuf::from("content/samples").join(name);
        return Ok(vec![(path.clone(), Ok(ProfileSource { path, text: text.to_owned() }))]);
    }
    let mut paths = Vec::new();
    for argument in arguments {
        let found = expand(argument)?;
        if found.is_empty() {
            eprintln!("{}: {}", text(Msg::Warning), text(Msg::EmptyFolder(argument)));
        }
        paths.extend(found);
    }
    if paths.is_empty() {
        bail!("{}", text(Msg::NoProfiles));
    }
    let sources =
        paths.into_iter().map(|p| (p.clone(), ProfileSource::read(&p).map_err(anyhow::Error::from))).collect();
    Ok(without_bases(sources))
}

/// Drops the files that other profiles of the batch `extends`: they are shared settings, not
/// facilities (a vendor's folder holds `base.yaml` beside its clinics).
fn without_bases(
    sources: Vec<(PathBuf, anyhow::Result<ProfileSource>)>,
) -> Vec<(PathBuf, anyhow::Result<ProfileSource>)> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let bases: Vec<PathBuf> = sources
        .iter()
        .filter_map(|(_, source)| source.as_ref().ok())
        .filter_map(|s| {
            let tree: serde_json::Value = serde_saphyr::from_str(&s.text).ok()?;
            let base = tree.get("extends")?.as_str()?;
            Some(canonical(&s.path.parent().unwrap_or(Path::new(".")).join(base)))
        })
        .collect();
    sources.into_iter().filter(|(path, _)| !bases.contains(&canonical(path))).collect()
}

/// The sample `kitei build` builds without arguments.
pub(super) const DEFAULT_SAMPLE: &str = "sakura-clinic.yaml";

fn expand(argument: &str) -> anyhow::Result<Vec<PathBuf>> {
    let path = Path::new(argument);
    if path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| text(Msg::CannotList(&path.display().to_string())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
            .collect();
        found.sort();
        return Ok(found);
    }
    if argument.contains(['*', '?', '[']) {
        let mut found: Vec<PathBuf> =
            glob::glob(argument).with_context(|| text(Msg::BadPattern(argument)))?.filter_map(Result::ok).collect();
        found.sort();
        if found.is_empty() {
            bail!(text(Msg::NoProfileMatches(argument)));
        }
        return Ok(found);
    }
    Ok(vec![path.to_owned()])
}
