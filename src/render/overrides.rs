//! A facility's template overrides, read and checked before they may run.
//!
//! Overrides are written by people outside kitei (a vendor, a clinic's IT contact), and they run
//! inside a batch that builds other facilities too. So they get a sandbox: no environment
//! variables (`get_env` would copy secrets into a PDF), no unbounded `range`, and no include,
//! import or extends cycle (tera follows them until the stack overflows, which aborts the whole
//! process). Files that are not templates are ignored with a note; an override that replaces no
//! document and is used by no other override is a warning naming the nearest document.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use tera::ast::Node;
use tera::Tera;

use super::RenderError;
use crate::digest::sha256_hex;
use crate::i18n::{command_text, CommandMsg};
use crate::load::read::Kind;

/// How deep includes, imports and extends may nest.
pub(super) const MAX_DEPTH: usize = 16;

/// How many numbers `range` may produce.
const MAX_RANGE: usize = 10_000;

/// How deeply brackets and tags may nest in one override (tera's parser recurses on both).
const MAX_NESTING: usize = 64;

/// The overrides found in a folder, and what a person should hear about them.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// (template name, text), sorted; a chapter of a long template is named with its folder
    /// (`operations-regulation/04-general-management.md`).
    pub(super) templates: Vec<(String, String)>,
    /// Files ignored, overrides used.
    pub(super) notes: Vec<String>,
    /// (template name, SHA-256 of the built-in text it was exported from), from its base line.
    pub(super) bases: Vec<(String, String)>,
    /// The facility's `wording.yaml`: (path, text).
    pub(super) wording: Option<(std::path::PathBuf, String)>,
}

/// The first line `kitei templates export` writes into each file: which built-in text the
/// override starts from, so that a later kitei can tell when the built-in changed under it.
/// It is a tera comment, and [`read`] removes it before the template is parsed.
const BASE_PREFIX: &str = "{# kitei-base sha256=";

/// The base line for a built-in template's text.
pub(crate) fn base_line(text: &str) -> String {
    format!(
        "{BASE_PREFIX}{} (kitei {}: leave this line; kitei compares it with the built-in) #}}\n",
        sha256_hex(text.as_bytes()),
        env!("CARGO_PKG_VERSION")
    )
}

/// Splits a base line off `text`: (recorded SHA-256, the template proper).
fn split_base(text: &str) -> (Option<String>, &str) {
    let Some(rest) = text.strip_prefix(BASE_PREFIX) else { return (None, text) };
    let Some((line, body)) = rest.split_once('\n') else { return (None, text) };
    let hash: String = line.chars().take_while(char::is_ascii_hexdigit).collect();
    if hash.len() != 64 || !line.trim_end().ends_with("#}") {
        return (None, text);
    }
    (Some(hash), body)
}

/// Reads the `.md` files of `dir`, and of its subfolders named like a built-in folder of
/// chapters (`operations-regulation/`); everything else is ignored with a note.
pub(super) fn read(dir: &Path) -> Result<Found, RenderError> {
    let folders: BTreeSet<&str> =
        super::builtin_templates().iter().filter_map(|(name, _)| name.split_once('/')).map(|(f, _)| f).collect();
    let mut found = Found::default();
    let place = Place { root: dir, folder: None };
    read_folder(dir, place, &folders, &mut found)?;
    found.templates.sort();
    Ok(found)
}

/// Where a folder of overrides stands: the template folder every file must stay inside (see
/// [`crate::load::read`]), and the chapter folder being read, if any.
#[derive(Clone, Copy)]
struct Place<'a> {
    root: &'a Path,
    folder: Option<&'a str>,
}

fn read_folder(dir: &Path, place: Place<'_>, folders: &BTreeSet<&str>, found: &mut Found) -> Result<(), RenderError> {
    let io = |source| RenderError::Override { path: dir.to_owned(), source };
    let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(io)?.collect::<Result<_, _>>().map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if place.folder.is_none() && folders.contains(name.as_str()) {
                read_folder(&path, Place { folder: Some(&name), ..place }, folders, found)?;
            } else if !name.starts_with('.') {
                found.notes.push(command_text(CommandMsg::OverrideNotAFolder(&path.display().to_string())));
            }
            continue;
        }
        if place.folder.is_none() && name == crate::wording::FILE {
            let text = read_checked(&path, Kind::Wording, place.root)?;
            found.wording = Some((path, text));
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".md") {
            found.notes.push(command_text(CommandMsg::OverrideNotATemplate(&path.display().to_string())));
            continue;
        }
        let text = read_checked(&path, Kind::Template, place.root)?;
        let name = match place.folder {
            Some(folder) => format!("{folder}/{name}"),
            None => name,
        };
        let (base, body) = split_base(&text);
        if let Some(base) = base {
            found.bases.push((name.clone(), base));
        }
        found.templates.push((name, body.to_owned()));
    }
    Ok(())
}

/// Reads a facility's template or `wording.yaml` through the facility-file reader and refuses
/// the invisible characters a profile may not hold, at their line and column.
fn read_checked(path: &Path, kind: Kind, root: &Path) -> Result<String, RenderError> {
    let text = crate::load::read::read(path, kind, root)?;
    match kind {
        Kind::Wording => crate::yaml::refuse_invisible(path, &text)?,
        _ => crate::yaml::refuse_invisible_in_text(path, &text)?,
    }
    Ok(text)
}

/// Warnings for whole-file overrides of built-in templates whose built-in text changed since
/// they were exported (the override keeps the old wording and misses the new one).
pub(super) fn drifted(found: &Found, builtin: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    found
        .bases
        .iter()
        .filter_map(|(name, base)| {
            let current = builtin.get(name)?;
            (sha256_hex(current.as_bytes()) != *base).then(|| command_text(CommandMsg::OverrideDrifted(name)))
        })
        .collect()
}

/// Notes for overrides of built-in templates that carry no base line: kitei cannot tell when the
/// built-in changes under them.
pub(super) fn without_base(found: &Found, builtin: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    found
        .templates
        .iter()
        .filter(|(name, _)| builtin.contains_key(name) && !found.bases.iter().any(|(n, _)| n == name))
        .map(|(name, _)| command_text(CommandMsg::OverrideWithoutBase(name)))
        .collect()
}

/// The sandbox: functions that reach outside the template or grow without bound are replaced.
pub(super) fn seal(tera: &mut Tera) {
    tera.register_function("get_env", |_: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        Err(tera::Error::msg("get_env is not available: templates cannot read environment variables"))
    });
    tera.register_function("range", bounded_range);
}

fn bounded_range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |key: &str| args.get(key).and_then(tera::Value::as_u64).map(|n| n as usize);
    let (start, end, step) = (number("start").unwrap_or(0), number("end"), number("step_by").unwrap_or(1));
    let Some(end) = end else { return Err(tera::Error::msg("range needs `end`")) };
    if step == 0 || start > end {
        return Err(tera::Error::msg("range needs 0 < step_by and start ≤ end"));
    }
    if (end - start).div_ceil(step) > MAX_RANGE {
        return Err(tera::Error::msg(format!("range may give at most {MAX_RANGE} numbers")));
    }
    Ok((start..end).step_by(step).collect::<Vec<_>>().into())
}

/// Refuses brackets or block tags nested deeper than [`MAX_NESTING`] before tera parses them.
pub(super) fn refuse_deep_nesting(name: &str, text: &str) -> Result<(), RenderError> {
    let (mut brackets, mut deepest) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => brackets += 1,
            ')' | ']' | '}' => brackets = brackets.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(brackets);
    }
    if deepest > MAX_NESTING {
        return Err(RenderError::Template {
            template: name.to_owned(),
            message: command_text(CommandMsg::TemplateNesting { deepest, max: MAX_NESTING }),
        });
    }
    Ok(())
}

/// Refuses include/import/extends cycles and chains deeper than [`MAX_DEPTH`], naming the chain.
pub(super) fn refuse_cycles(tera: &Tera) -> Result<(), RenderError> {
    let edges: HashMap<String, BTreeSet<String>> =
        tera.get_template_names().map(|name| (name.to_owned(), uses(tera, name))).collect();
    for start in edges.keys() {
        walk(&edges, &mut vec![start.clone()])?;
    }
    Ok(())
}

fn walk(edges: &HashMap<String, BTreeSet<String>>, chain: &mut Vec<String>) -> Result<(), RenderError> {
    let Some(current) = chain.last().cloned() else { return Ok(()) };
    for next in edges.get(&current).into_iter().flatten() {
        if chain.contains(next) || chain.len() >= MAX_DEPTH {
            let shown = chain.iter().chain(std::iter::once(next)).cloned().collect::<Vec<_>>().join(" → ");
            let message = if chain.contains(next) {
                command_text(CommandMsg::TemplateCycle(&shown))
            } else {
                command_text(CommandMsg::TemplateTooDeep { max: MAX_DEPTH, chain: &shown })
            };
            return Err(RenderError::Template { template: chain[0].clone(), message });
        }
        chain.push(next.clone());
        walk(edges, chain)?;
        chain.pop();
    }
    Ok(())
}

/// The templates `name` includes, imports or extends.
fn uses(tera: &Tera, name: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let Ok(template) = tera.get_template(name) else { return found };
    found.extend(template.parent.iter().cloned());
    found.extend(template.imported_macro_files.iter().map(|(file, _)| file.clone()));
    collect(&template.ast, &mut found);
    for definition in template.macros.values() {
        collect(&definition.body, &mut found);
    }
    found
}

fn collect(nodes: &[Node], found: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => found.extend(names.iter().cloned()),
            Node::ImportMacro(_, file, _) | Node::Extends(_, file) => {
                found.insert(file.clone());
            }
            Node::MacroDefinition(_, definition, _) => collect(&definition.body, found),
            Node::Block(_, block, _) => collect(&block.body, found),
            Node::FilterSection(_, section, _) => collect(&section.body, found),
            Node::Forloop(_, forloop, _) => {
                collect(&forloop.body, found);
                collect(forloop.empty_body.as_deref().unwrap_or_default(), found);
            }
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    collect(body, found);
                }
                collect(branches.otherwise.as_ref().map(|(_, b)| b.as_slice()).unwrap_or_default(), found);
            }
            _ => {}
        }
    }
}

/// Warnings for overrides that replace no document and that no other override uses.
pub(super) fn unmatched(templates: &[(String, String)], embedded: &[&str], tera: &Tera) -> Vec<String> {
    let used: BTreeSet<String> = templates.iter().flat_map(|(name, _)| uses(tera, name)).collect();
    templates
        .iter()
        .map(|(name, _)| name)
        .filter(|name| !embedded.contains(&name.as_str()) && !used.contains(*name))
        .map(|name| {
            let near = crate::diagnostic::closest(name, embedded.iter().copied());
            let documents = embedded.join(", ");
            command_text(CommandMsg::OverrideUnmatched { name, near, documents: &documents })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_line_is_split_off_and_its_hash_kept() {
        let text = "本文\n";
        let exported = format!("{}{text}", base_line(text));
        assert_eq!(split_base(&exported), (Some(sha256_hex(text.as_bytes())), text));
    }

    #[test]
    fn text_without_a_well_formed_base_line_is_left_whole() {
        for text in ["本文\n", "{# kitei-base sha256=abc #}\n本文\n", "{# kitei-base sha256=", "{# a comment #}\n本文"]
        {
            assert_eq!(split_base(text), (None, text), "{text}");
        }
    }
}
