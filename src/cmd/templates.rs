//! `kitei templates export`: the built-in templates as files, to start an override from.

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
        bail!(
            "{} already holds {} (an override you may have edited); use --force to overwrite",
            dir.display(),
            existing.join(", ")
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, text) in &templates {
        let path = dir.join(name);
        let folder = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
        let mut temp = tempfile::NamedTempFile::new_in(folder)?;
        // Only templates get a base line: wording.yaml is compared key by key when loaded.
        let based = match name.ends_with(".md") {
            true => format!("{}{text}", crate::render::export_base_line(text)),
            false => text.to_string(),
        };
        std::io::Write::write_all(&mut temp, based.as_bytes())?;
        crate::local::readable(temp.as_file())?;
        temp.persist(&path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("wrote {} templates to {} (kitei {})", templates.len(), dir.display(), env!("CARGO_PKG_VERSION"));
    Ok(ExitCode::SUCCESS)
}
