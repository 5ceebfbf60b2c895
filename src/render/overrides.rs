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

/// How deep includes, imports and extends may nest.
pub(super) const MAX_DEPTH: usize = 16;

/// How many numbers `range` may produce.
const MAX_RANGE: usize = 10_000;

/// How deeply brackets and tags may nest in one override (tera's parser recurses on both).
const MAX_NESTING: usize = 64;

/// The overrides found in a folder, and what a person should hear about them.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// (template name, text), sorted.
    pub(super) templates: Vec<(String, String)>,
    /// Files ignored, overrides used.
    pub(super) notes: Vec<String>,
    /// The facility's `wording.yaml`: (path, text).
    pub(super) wording: Option<(std::path::PathBuf, String)>,
}

/// Reads the `.md` files of `dir`; everything else is ignored with a note.
pub(super) fn read(dir: &Path) -> Result<Found, RenderError> {
    let io = |source| RenderError::Override { path: dir.to_owned(), source };
    let mut found = Found::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(io)?.collect::<Result<_, _>>().map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_file() {
            continue;
        }
        if name == crate::wording::FILE {
            let text = std::fs::read_to_string(&path)
                .map_err(|source| RenderError::Override { path: path.clone(), source })?;
            found.wording = Some((path, text));
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".md") {
            found.notes.push(format!("ignored {}: not a template (templates are .md files)", path.display()));
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|source| RenderError::Override { path: path.clone(), source })?;
        found.templates.push((name, text));
    }
    Ok(found)
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
            message: format!("brackets nest {deepest} deep; a template override may nest at most {MAX_NESTING}"),
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
                format!("templates include or import each other in a cycle: {shown}")
            } else {
                format!("includes, imports and extends nest more than {MAX_DEPTH} deep: {shown}")
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
        .map(|name| match crate::diagnostic::closest(name, embedded.iter().copied()) {
            Some(near) => format!("template override {name} replaces no document; did you mean {near}?"),
            None => format!("template override {name} replaces no document (documents: {})", embedded.join(", ")),
        })
        .collect()
}
