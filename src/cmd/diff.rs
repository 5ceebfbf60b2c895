//! `kitei diff`: a 新旧対照表 for every changed document between two versions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use crate::diff::{self, Comparison, Remark};
use crate::i18n::{text, Msg, PortfolioMsg};
use crate::load::read::{self, Kind};
use crate::wording::Wording;
use crate::write::{self, HISTORY};

/// Arguments of `kitei diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The old version: a Markdown document or a facility's build folder (with --versions, the
    /// build folder whose history to compare).
    pub old: PathBuf,
    /// The new version: a Markdown document or a build folder (omit with --versions).
    pub new: Option<PathBuf>,
    /// Compare two 版 from a build folder's history, e.g. `--versions 1,2`.
    #[arg(long, value_delimiter = ',', value_name = "OLD,NEW")]
    pub versions: Option<Vec<u32>>,
    /// Only this document (with build folders), e.g. operations-regulation.
    #[arg(long, value_name = "ID")]
    pub document: Option<String>,
    /// Write each table as Markdown and PDF into this folder instead of printing Markdown.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Formats written with --output (md, pdf, docx).
    #[arg(long, value_delimiter = ',', default_value = "md,pdf")]
    pub format: Vec<super::build::OutputFormat>,
    /// Show unchanged articles in full instead of （略）.
    #[arg(long)]
    pub full: bool,
    /// The facility's template folder, whose `wording.yaml` the documents were written in (its
    /// article and 項 forms tell articles apart; the table's own words come from it too).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// A pair of texts to compare, under a document id.
struct Pair {
    id: String,
    old: String,
    new: String,
}

/// Runs `kitei diff`. Exit code 0 when identical, 1 when different (errors exit with 2).
pub(super) fn run(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let wording = match &args.templates {
        Some(dir) => crate::render::Renderer::new(Some(dir))?.wording(),
        None => crate::wording::embedded(),
    };
    if args.versions.is_some() && !args.old.join(write::MANIFEST).is_file() {
        let facilities = crate::report::facility_folders(&args.old);
        if !facilities.is_empty() {
            return run_batch(&args, &facilities, wording);
        }
    }
    let pairs = pairs(&args)?;
    let (differing, markdown_out) = compare_pairs(&pairs, args.output.as_deref(), &args, wording)?;
    out!("{markdown_out}");
    if differing == 0 {
        eprintln!("{}", text(Msg::NoDifferences(pairs.len())));
        return Ok(ExitCode::SUCCESS);
    }
    Ok(ExitCode::from(1))
}

/// `kitei diff OUT --versions A,B` on a batch folder: each facility that changed gets its tables
/// (in `<output>/<id>/`, or printed under its name); the unchanged ones are named in one line.
fn run_batch(args: &DiffArgs, facilities: &[PathBuf], wording: &'static Wording) -> anyhow::Result<ExitCode> {
    let (mut unchanged, mut differing, mut markdown_out) = (Vec::new(), 0, String::new());
    for folder in facilities {
        let id = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let single = DiffArgs { old: folder.clone(), ..args.clone() };
        let pairs = pairs(&single).unwrap_or_default();
        let output = args.output.as_ref().map(|dir| dir.join(&id));
        let (count, markdown) = compare_pairs(&pairs, output.as_deref(), args, wording)?;
        if count == 0 {
            unchanged.push(id);
            continue;
        }
        differing += count;
        if args.output.is_none() {
            markdown_out.push_str(&format!("# {id}\n\n{markdown}"));
        }
    }
    out!("{markdown_out}");
    if !unchanged.is_empty() {
        let ids = unchanged.join(", ");
        eprintln!("{}", text(Msg::Portfolio(PortfolioMsg::DiffUnchanged { count: unchanged.len(), ids: &ids })));
    }
    Ok(if differing == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Compares each pair, printing a summary line per differing document and writing its tables to
/// `output` (or collecting their Markdown); returns how many differ and the Markdown.
fn compare_pairs(
    pairs: &[Pair],
    output: Option<&Path>,
    args: &DiffArgs,
    wording: &'static Wording,
) -> anyhow::Result<(usize, String)> {
    let mut differing = 0;
    let mut markdown_out = String::new();
    for pair in pairs {
        let comparison = diff::compare(&pair.old, &pair.new, wording);
        if !comparison.differs() {
            continue;
        }
        differing += 1;
        eprintln!("{}", summary_line(&pair.id, &comparison));
        match output {
            Some(dir) => write_tables(dir, &pair.id, &comparison, args)?,
            None => {
                markdown_out.push_str(&crate::emit::comparison::markdown(&comparison, args.full));
                markdown_out.push('\n');
            }
        }
    }
    Ok((differing, markdown_out))
}

fn summary_line(id: &str, c: &Comparison) -> String {
    let counts = [Remark::Changed, Remark::Added, Remark::Removed, Remark::Moved].map(|r| c.count(r));
    text(Msg::DiffCounts { id, counts })
}

fn write_tables(dir: &Path, id: &str, comparison: &Comparison, args: &DiffArgs) -> anyhow::Result<()> {
    use super::build::OutputFormat;
    std::fs::create_dir_all(dir).with_context(|| text(Msg::CannotCreate(&dir.display().to_string())))?;
    let full = args.full;
    let mut files = Vec::new();
    if args.format.contains(&OutputFormat::Md) {
        files.push((format!("{id}.diff.md"), crate::emit::comparison::markdown(comparison, full).into_bytes()));
    }
    if args.format.contains(&OutputFormat::Pdf) {
        let source = crate::emit::comparison::typst(comparison, full);
        // The table prints no date; typst's `today` is pinned to a constant for byte-identical output.
        let pinned = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        files.push((
            format!("{id}.diff.pdf"),
            crate::emit::typeset::compile_with_timeout(&format!("{id}.diff"), source, pinned)?,
        ));
    }
    if args.format.contains(&OutputFormat::Docx) {
        files.push((format!("{id}.diff.docx"), crate::emit::docx::comparison(comparison, full)?));
    }
    for (name, _) in &files {
        refuse_overwriting_inputs(&dir.join(name), args)?;
    }
    for (name, bytes) in files {
        let path = dir.join(&name);
        crate::write::write_file_atomic(&path, &bytes)
            .with_context(|| text(Msg::CannotWriteTo(&path.display().to_string())))?;
        eprintln!("{}", text(Msg::Wrote(&path.display().to_string())));
    }
    Ok(())
}

/// Refuses an output file that is one of the compared files, or lies inside a compared build
/// folder (a table written there would change what it compares, or overwrite it).
fn refuse_overwriting_inputs(output: &Path, args: &DiffArgs) -> anyhow::Result<()> {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let folder = output.parent().and_then(canonical);
    let output_path = folder.as_ref().zip(output.file_name()).map(|(f, n)| f.join(n));
    let overlaps =
        [Some(&args.old), args.new.as_ref()].into_iter().flatten().filter_map(|p| canonical(p.as_path())).any(
            |input| {
                output_path.as_ref().is_some_and(|o| *o == input || o.starts_with(&input))
                    || (input.is_file() && canonical(output).is_some_and(|o| o == input))
            },
        );
    if overlaps {
        bail!(text(Msg::DiffOverwritesInput(&output.display().to_string())));
    }
    Ok(())
}

fn pairs(args: &DiffArgs) -> anyhow::Result<Vec<Pair>> {
    if let Some(versions) = &args.versions {
        let [old, new] = versions[..] else { bail!(text(Msg::VersionsTwo)) };
        if old >= new {
            bail!(text(Msg::VersionsOrder { old, new }));
        }
        return history_pairs(&args.old, old, new, args.document.as_deref());
    }
    let Some(new) = &args.new else { bail!(text(Msg::DiffNeedsNew)) };
    if args.old.is_dir() && new.is_dir() {
        return folder_pairs(&args.old, new, args.document.as_deref());
    }
    let read = |p: &Path| read::read(p, Kind::Output, p.parent().unwrap_or(Path::new(".")));
    let id = new.file_stem().and_then(|s| s.to_str()).unwrap_or("document").to_owned();
    Ok(vec![Pair { id, old: read(&args.old)?, new: read(new)? }])
}

/// Documents present in both build folders.
fn folder_pairs(old: &Path, new: &Path, only: Option<&str>) -> anyhow::Result<Vec<Pair>> {
    let manifest = write::read_manifest(new).with_context(|| text(Msg::NoManifest(&new.display().to_string())))?;
    let mut pairs = Vec::new();
    for document in manifest.documents.iter().filter(|d| only.is_none_or(|o| o == d.id)) {
        let name = format!("{}.md", document.id);
        let (o, n) = (read_output(old, &old.join(&name))?, read_output(new, &new.join(&name))?);
        if let (Some(old), Some(new)) = (o, n) {
            pairs.push(Pair { id: document.id.clone(), old, new });
        }
    }
    Ok(pairs)
}

/// Two 版 of each document from a build folder's history (the current 版 is the folder itself).
fn history_pairs(folder: &Path, old: u32, new: u32, only: Option<&str>) -> anyhow::Result<Vec<Pair>> {
    let manifest =
        write::read_manifest(folder).with_context(|| text(Msg::NoManifest(&folder.display().to_string())))?;
    let version_text = |id: &str, current: u32, version: u32| {
        let path = if version == current {
            folder.join(format!("{id}.md"))
        } else {
            folder.join(HISTORY).join(id).join(version.to_string()).join(format!("{id}.md"))
        };
        read_output(folder, &path)
    };
    let mut pairs = Vec::new();
    for document in manifest.documents.iter().filter(|d| only.is_none_or(|o| o == d.id)) {
        let old_text = version_text(&document.id, document.version, old)?;
        let new_text = version_text(&document.id, document.version, new)?;
        if let (Some(o), Some(n)) = (old_text, new_text) {
            pairs.push(Pair { id: document.id.clone(), old: o, new: n });
        }
    }
    if pairs.is_empty() {
        bail!(text(Msg::NoDocumentWithBoth { folder: &folder.display().to_string(), old, new }));
    }
    Ok(pairs)
}

/// A document of the build folder `folder`, or `None` when the folder has no such file. It is read
/// as the facility's files are (a regular file inside the folder, within a size limit): a FIFO, a
/// device or a link out of the folder is an error that never shows the file's content.
fn read_output(folder: &Path, path: &Path) -> anyhow::Result<Option<String>> {
    Ok(read::read_optional(path, Kind::Output, folder)?)
}
