//! `kitei templates export`: the built-in templates as files, to start an override from.

use crate::i18n::{self, Msg};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};

/// `kitei templates …`.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into DIR (default: templates/). A file there with a
    /// template's name replaces it in builds of profiles beside DIR; the 規程 comes in chapters
    /// (DIR/operations-regulation/NN-….md), each replaceable alone. Each file starts with a
    /// base line that lets a later kitei warn when the built-in changes under the copy. Prefer
    /// local edits (local/<document>.yaml) for changes to single articles, which survive upgrades.
    Export(ExportArgs),
}

/// Arguments of `kitei templates export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write them.
    #[arg(default_value = "templates")]
    pub dir: PathBuf,
    /// Overwrite files that already exist (your edits in them are lost).
    #[arg(long)]
    pub force: bool,
}

/// Runs `kitei templates …`.
pub(super) fn run(command: TemplatesCommand) -> anyhow::Result<ExitCode> {
    match command {
        TemplatesCommand::Export(args) => export(&args.dir, args.force),
    }
}

fn export(dir: &Path, force: bool) -> anyhow::Result<ExitCode> {
    let templates = crate::render::builtin_templates();
    let existing: Vec<&str> = templates.iter().map(|(n, _)| *n).filter(|n| dir.join(n).exists()).collect();
    if !force && !existing.is_empty() {
        let (dir, files) = (dir.display().to_string(), existing.join(", "));
        bail!("{}", i18n::text(Msg::TemplatesExist { dir: &dir, files: &files }));
    }
    // Every target checked before the first is written: a file where a folder must be (or a
    // folder where a template must be) stops the export with nothing half written.
    if let Some(blocked) = templates.iter().find_map(|(name, _)| blocked(dir, name)) {
        bail!("{}", i18n::text(Msg::TemplatesBlocked(&blocked.display().to_string())));
    }
    let cannot_create = |path: &Path| i18n::text(Msg::CannotCreate(&path.display().to_string()));
    std::fs::create_dir_all(dir).with_context(|| cannot_create(dir))?;
    for (name, text) in &templates {
        let path = dir.join(name);
        let folder = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).with_context(|| cannot_create(folder))?;
        let mut temp = tempfile::NamedTempFile::new_in(folder)?;
        // Only templates get a base line: wording.yaml is compared key by key when loaded.
        let based = match name.ends_with(".md") {
            true => format!("{}{text}", crate::render::export_base_line(text)),
            false => text.to_string(),
        };
        std::io::Write::write_all(&mut temp, based.as_bytes())?;
        crate::local::readable(temp.as_file())?;
        temp.persist(&path).with_context(|| i18n::text(Msg::CannotWriteTo(&path.display().to_string())))?;
    }
    let (count, dir, version) = (templates.len(), dir.display().to_string(), env!("CARGO_PKG_VERSION"));
    eprintln!("{}", i18n::text(Msg::TemplatesWrote { count, dir: &dir, version }));
    Ok(ExitCode::SUCCESS)
}

/// The first path on the way to template `name` under `dir` that is in the way: a file where a
/// folder must be, or a folder where the template must be.
fn blocked(dir: &Path, name: &str) -> Option<PathBuf> {
    let target = dir.join(name);
    let folders = target.ancestors().skip(1).take_while(|a| a.starts_with(dir)).collect::<Vec<_>>();
    let file_in_the_way = folders.into_iter().rev().find(|a| a.exists() && !a.is_dir()).map(Path::to_owned);
    file_in_the_way.or_else(|| target.is_dir().then_some(target))
}
