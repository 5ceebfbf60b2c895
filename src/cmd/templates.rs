//! `kitei templates export`: the built-in templates as files, to start an override from.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::i18n::{text, Msg};
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
    let problems = problems(dir, templates.iter().map(|(n, _)| *n), force);
    if !problems.is_empty() {
        bail!(text(Msg::ExportBlocked(&problems.join("\n"))));
    }
    for (name, template) in &templates {
        let path = dir.join(name);
        let folder = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).with_context(|| text(Msg::CannotCreate(&folder.display().to_string())))?;
        // Only templates get a base line: wording.yaml is compared key by key when loaded.
        let based = match name.ends_with(".md") {
            true => format!("{}{template}", crate::render::export_base_line(template)),
            false => template.to_string(),
        };
        crate::write::write_file_atomic(&path, based.as_bytes())?;
    }
    eprintln!("wrote {} templates to {} (kitei {})", templates.len(), dir.display(), env!("CARGO_PKG_VERSION"));
    Ok(ExitCode::SUCCESS)
}

/// Every reason a template could not be written, one line each, found before anything is written:
/// a file where a folder is needed, a folder where a template goes, or (without `--force`) a file
/// already there. Each file is then written atomically, so an export is whole or absent.
fn problems<'a>(dir: &Path, names: impl Iterator<Item = &'a str>, force: bool) -> Vec<String> {
    let mut found = Vec::new();
    for name in names {
        let path = dir.join(name);
        let blocked = path.ancestors().skip(1).take_while(|a| a.starts_with(dir)).find(|a| a.exists() && !a.is_dir());
        let line = match std::fs::symlink_metadata(&path) {
            _ if blocked.is_some() => blocked.map(|b| text(Msg::ExportNotAFolder(&b.display().to_string()))),
            Ok(meta) if meta.is_dir() => Some(text(Msg::ExportIsAFolder(&path.display().to_string()))),
            Ok(_) if !force => Some(text(Msg::ExportExists(&path.display().to_string()))),
            _ => None,
        };
        if let Some(line) = line.filter(|l| !found.contains(l)) {
            found.push(line);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_found_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "mine").unwrap();
        std::fs::create_dir(dir.path().join("b.md")).unwrap();
        std::fs::write(dir.path().join("sub"), "a file").unwrap();
        let names = ["a.md", "b.md", "sub/c.md", "sub/d.md", "e.md"];
        let found = problems(dir.path(), names.into_iter(), false);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(problems(dir.path(), names.into_iter(), true).len(), 2, "--force overwrites files only");
    }
}
