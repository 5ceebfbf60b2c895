//! `kitei build`: one facility or a whole portfolio, in parallel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::i18n::{text, Msg, PortfolioMsg};
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
    /// With --guideline: after a successful build, write that version into each profile's
    /// `guideline:` line (otherwise a profile that says another version stops the build).
    #[arg(long, requires = "guideline")]
    pub set_guideline: bool,
    /// Build only shard K of N (e.g. 2/4): a stable share of the profiles chosen by a hash of each
    /// file's name, so N machines given the same profiles build each facility exactly once.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

/// `K/N` with 1 ≤ K ≤ N.
fn parse_shard(written: &str) -> Result<(usize, usize), String> {
    let bad = || text(Msg::Portfolio(PortfolioMsg::BadShard(written)));
    let (k, n) = written.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// Whether `path` is in shard `k` of `n`: by SHA-256 of its file name (not of the folder, so
/// machines that check the profiles out elsewhere agree; not of the list, so a shard's share does
/// not depend on the other shards' inputs).
pub(crate) fn in_shard(path: &Path, (k, n): (usize, usize)) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let digest = crate::digest::sha256_hex(name.as_bytes());
    let value = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
    value % n as u64 == (k - 1) as u64
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
    let mut sources = sources(&args.profiles)?;
    if let Some(shard) = args.shard {
        let total = sources.len();
        sources.retain(|(path, _)| in_shard(path, shard));
        let share = PortfolioMsg::ShardShare { index: shard.0, count: shard.1, chosen: sources.len(), total };
        eprintln!("{}", text(Msg::Portfolio(share)));
        if sources.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
    }
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
    let bundled = args.profiles.is_empty();
    let loaded: Vec<_> = loaded
        .into_iter()
        .map(|l| l.and_then(|l| version_agrees(l, config.guideline.as_deref(), bundled || args.set_guideline)))
        .collect();
    let interactive = std::io::stderr().is_terminal() && sources.len() > 1;
    let progress = interactive.then(|| progress_bar(sources.len() as u64));
    let batch = sources.len() > 1;
    let results: Vec<(PathBuf, anyhow::Result<BuildOutcome>)> = pool.install(|| {
        sources
            .par_iter()
            .zip(loaded)
            .map(|((path, _), loaded)| {
                let result = loaded.and_then(|(_, source, loaded)| {
                    session.build_loaded(&source, loaded, &config).map_err(anyhow::Error::from)
                });
                let result = result.and_then(|outcome| set_guideline(path, &args, bundled, outcome));
                report_one(progress.as_ref(), path, &result, batch);
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

/// A profile loaded with `--guideline V` must say V itself (the version a facility follows is
/// stated once, in its profile): otherwise it stops here, naming the line to write — unless the
/// build is to write it (`--set-guideline`) or the profile is the bundled sample.
fn version_agrees(loaded: Loaded, asked: Option<&str>, allowed: bool) -> anyhow::Result<Loaded> {
    use crate::pipeline::version::guideline_line;
    let (path, source, (guideline, profile)) = loaded;
    let says = profile.data.guideline.as_deref().unwrap_or(crate::pipeline::DEFAULT_GUIDELINE);
    match asked {
        Some(asked) if asked != says && !allowed => {
            let at = guideline_line(&source.text);
            let place = format!("{}:{}", source.path.display(), at.line.max(1));
            bail!(text(Msg::Portfolio(PortfolioMsg::GuidelineMismatch {
                at: &place,
                profile: says,
                asked,
                present: at.present
            })))
        }
        _ => Ok((path, source, (guideline, profile))),
    }
}

/// `--set-guideline`: after a successful build, the profile's `guideline:` line says the version
/// built (written whole, every other byte kept); a note says where.
fn set_guideline(
    path: &Path,
    args: &BuildArgs,
    bundled: bool,
    mut outcome: BuildOutcome,
) -> anyhow::Result<BuildOutcome> {
    use crate::pipeline::version::{guideline_line, with_guideline};
    let Some(version) = args.guideline.as_deref().filter(|_| args.set_guideline && !bundled) else {
        return Ok(outcome);
    };
    let original = crate::load::read_text(path)?;
    let edited = with_guideline(&original, version);
    if edited != original {
        crate::write::write_file_atomic(path, edited.as_bytes())?;
        let place = format!("{}:{}", path.display(), guideline_line(&edited).line);
        outcome.notes.push(text(Msg::Portfolio(PortfolioMsg::GuidelineSet { at: &place, version })));
    }
    Ok(outcome)
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
    let mut seen: std::collections::HashMap<String, (&str, &Path)> = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for (path, _, (_, profile)) in loaded.iter().flatten() {
        // Windows and macOS fold case: `Sakura` and `sakura` are one folder there.
        if let Some((first_id, first)) = seen.insert(profile.id.to_lowercase(), (profile.id.as_str(), path)) {
            let (first, second) = (first.display().to_string(), path.display().to_string());
            clashes.push(if first_id == profile.id {
                text(Msg::IdClash { id: &profile.id, first: &first, second: &second })
            } else {
                let profiles = format!("{first}, {second}");
                text(Msg::CaseCollidingIds { first: first_id, second: &profile.id, profiles: &profiles })
            });
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

/// One facility's lines as it finishes. In a batch, each new 版 is left to the summary, which
/// groups the identical ones (one change to a shared base is one line, not one per clinic).
pub(super) fn report_one(
    progress: Option<&indicatif::ProgressBar>,
    path: &Path,
    result: &anyhow::Result<BuildOutcome>,
    batch: bool,
) {
    let line = match result {
        Ok(outcome) => {
            let folder = outcome.folder.display().to_string();
            let mut line = if outcome.unchanged {
                text(Msg::Portfolio(PortfolioMsg::Unchanged { name: &outcome.name, folder: &folder }))
            } else {
                text(Msg::Built {
                    name: &outcome.name,
                    folder: &folder,
                    documents: outcome.documents,
                    pattern: &outcome.pattern,
                    open_items: outcome.open_items.len(),
                    dated_items: outcome.dated_items,
                })
            };
            for revised in outcome.revised.iter().filter(|_| !batch) {
                line.push_str(&format!("\n{}", text(Msg::NewVersion(&new_version(revised)))));
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
                line.push_str(&format!("\n{}: {warning}", text(Msg::Warning)));
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

/// The batch's summary: one row per facility (pattern, documents, new 版, open items, dated
/// items, local edits to review, warnings, errors), then each distinct new 版 once with the
/// number of facilities that got it.
fn summarise(results: &[(PathBuf, anyhow::Result<BuildOutcome>)]) -> ExitCode {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    if results.len() > 1 {
        eprintln!("\n{}", text(Msg::Portfolio(PortfolioMsg::SummaryHeader)));
        for (path, result) in results {
            match result {
                Ok(o) => eprintln!(
                    "{:<24} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6} {:>4} {:>4}",
                    o.facility,
                    o.pattern,
                    o.documents,
                    o.changed.len(),
                    o.open_items.len(),
                    o.dated_items,
                    o.local_warnings.len(),
                    o.uncovered.len() + o.warnings.len(),
                    0
                ),
                Err(_) => eprintln!(
                    "{:<24} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6} {:>4} {:>4}",
                    path.display(),
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    1
                ),
            }
        }
        let groups = grouped_revisions(results.iter().filter_map(|(_, r)| r.as_ref().ok()));
        if !groups.is_empty() {
            eprintln!("\n{}", text(Msg::Portfolio(PortfolioMsg::GroupedHeading)));
            for (line, count) in groups {
                eprintln!("{}", text(Msg::Portfolio(PortfolioMsg::Grouped { count, line: &line })));
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

/// A new 版 as the terminal names it: 「security-policy 第2版（改定箇所：理由）」, the row's
/// text quoted as the document has it.
fn new_version(revised: &crate::emit::NewVersion) -> String {
    text(Msg::VersionLine {
        id: &revised.id,
        version: revised.version,
        summary: &revised.summary,
        reason: &revised.reason,
    })
}

/// Each distinct new 版 line with how many facilities got it, most frequent first (ties in the
/// order first seen).
fn grouped_revisions<'a>(outcomes: impl Iterator<Item = &'a BuildOutcome>) -> Vec<(String, usize)> {
    let mut groups: Vec<(String, usize)> = Vec::new();
    for line in outcomes.flat_map(|o| o.revised.iter()).map(new_version) {
        match groups.iter_mut().find(|(seen, _)| *seen == line) {
            Some((_, count)) => *count += 1,
            None => groups.push((line, 1)),
        }
    }
    groups.sort_by_key(|group| std::cmp::Reverse(group.1));
    groups
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

/// A file kitei keeps beside a profile (its records or its approvals), which a folder or glob of
/// profiles skips.
fn is_companion_file(path: &Path) -> bool {
    crate::records::is_records_file(path) || crate::approvals::is_approvals_file(path)
}

fn expand(argument: &str) -> anyhow::Result<Vec<PathBuf>> {
    let path = Path::new(argument);
    if path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| text(Msg::CannotList(&path.display().to_string())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
            .filter(|p| !is_companion_file(p))
            .collect();
        found.sort();
        return Ok(found);
    }
    if argument.contains(['*', '?', '[']) {
        let mut found: Vec<PathBuf> =
            glob::glob(argument).with_context(|| text(Msg::BadPattern(argument)))?.filter_map(Result::ok).collect();
        found.retain(|p| !is_companion_file(p));
        found.sort();
        if found.is_empty() {
            bail!(text(Msg::NoProfileMatches(argument)));
        }
        return Ok(found);
    }
    Ok(vec![path.to_owned()])
}
