//! The house rule of `src/`: data flows one way, load → resolve → render → emit → write.
//!
//! Reads every `crate::…` (and `super::…` reaching the crate root) path in the code of
//! `src/**/*.rs` (comments and unit-test modules left out) and refuses (a) an import from a later
//! stage into an earlier one, and (b) any import cycle between top-level modules or between the
//! modules of one folder (`render/views` ⇄ `render/duty_views`). A new top-level
//! module must be given its place in [`PLACES`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where a top-level module stands. Modules may import their own stage and earlier ones.
const PLACES: &[(&str, u8)] = &[
    // Below the stages: vocabulary every stage may use.
    ("bounded", BASE),
    ("diagnostic", BASE),
    ("digest", BASE),
    ("i18n", BASE),
    ("wareki", BASE),
    ("yaml", BASE),
    // load: content, the profile and the facility's other files, checked; the model they build.
    ("load", LOAD),
    ("model", LOAD),
    ("wording", LOAD),
    ("records", LOAD),
    ("approvals", LOAD),
    // resolve: what the guideline asks of this facility.
    ("resolve", RESOLVE),
    // render: the document set as Markdown, what it answers (the yearly checklist) and how two
    // versions of a document differ.
    ("render", RENDER),
    ("checklist", RENDER),
    ("diff", RENDER),
    // emit: 版 and 改訂履歴, title blocks, figures, PDF, Word, Excel, the manifest.
    ("emit", EMIT),
    // write: the output folder and the facility's files, atomically.
    ("write", WRITE),
    // On top: connect the stages, talk to people.
    ("pipeline", TOP),
    ("report", TOP),
    ("cmd", TOP),
    // The starter profile a new facility begins with, written for `kitei init` and the
    // questionnaire of `kitei serve`.
    ("starter", TOP),
    // The local web application of `kitei serve`: on top of the pipeline like the commands.
    ("serve", TOP),
    // The fuzzers' entry points: they drive the stages as a build does.
    ("fuzzing", TOP),
];

const BASE: u8 = 0;
const LOAD: u8 = 1;
const RESOLVE: u8 = 2;
const RENDER: u8 = 3;
const EMIT: u8 = 4;
const WRITE: u8 = 5;
const TOP: u8 = 6;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src/` (`render/views.rs` → `["render", "views"]`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code of a file: comments dropped, and its unit-test module (and test-only files) left out.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The modules a file's code names, as their first two path segments from the crate root
/// (`crate::render::views::X` → `["render", "views"]`), with the line of the first mention.
fn references(path: &[String], code: &str) -> BTreeMap<Vec<String>, usize> {
    let mut found = BTreeMap::new();
    for (index, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(['c', 's']) {
            let tail = &rest[at..];
            let boundary = rest[..at].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let target = if !boundary {
                None
            } else if let Some(after) = tail.strip_prefix("crate::") {
                Some(segments(&[], after))
            } else if tail.starts_with("super::") {
                resolve_super(path, tail)
            } else {
                None
            };
            if let Some(target) = target.filter(|t| !t.is_empty()) {
                found.entry(target).or_insert(index + 1);
            }
            rest = &rest[at + 1..];
        }
        // `use crate::{a, b::c}`.
        if let Some(group) = line.trim_start().strip_prefix("use crate::{") {
            for item in group.split(',') {
                found.entry(segments(&[], item.trim())).or_insert(index + 1);
            }
        }
    }
    found
}

/// The top-level modules a file's code names, with the line of the first mention.
fn imports(path: &[String], code: &str, modules: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for (target, line) in references(path, code) {
        if let Some(top) = target.first().filter(|t| modules.contains(*t) && Some(*t) != path.first()) {
            let at = found.entry(top.clone()).or_insert(line);
            *at = (*at).min(line);
        }
    }
    found
}

/// `prefix` followed by the first two segments of the path `text` starts with.
fn segments(prefix: &[String], text: &str) -> Vec<String> {
    let mut out = prefix.to_vec();
    let mut rest = text;
    while out.len() < 2 {
        let name = first_segment(rest);
        if name.is_empty() {
            break;
        }
        rest = rest[name.len()..].strip_prefix("::").unwrap_or_default();
        out.push(name);
    }
    out
}

fn first_segment(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Where `super::super::x` leads from the module at `path`: the first two segments from the root.
fn resolve_super(path: &[String], mut tail: &str) -> Option<Vec<String>> {
    let mut depth = path.len();
    while let Some(rest) = tail.strip_prefix("super::") {
        depth = depth.checked_sub(1)?;
        tail = rest;
    }
    Some(segments(&path[..depth.min(2)], tail)).filter(|_| depth <= 2)
}

/// Every edge between top-level modules: (from, to) → where.
fn edges() -> (BTreeMap<(String, String), String>, BTreeSet<String>) {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_path(f.strip_prefix(&root).ok()?).first().cloned())
        .filter(|m| m != "main" && m != "lib")
        .collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap();
        let path = module_path(relative);
        let Some(from) = path.first().filter(|m| modules.contains(*m)) else { continue };
        let name = relative.to_string_lossy();
        if name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (to, line) in imports(&path, &code(&text), &modules) {
            edges.entry((from.clone(), to)).or_insert_with(|| format!("src/{name}:{line}"));
        }
    }
    (edges, modules)
}

/// Every edge between two submodules of one folder (`render/views` → `render/duty_views`).
fn sub_edges() -> BTreeMap<(String, String), String> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let paths: Vec<Vec<String>> = files.iter().map(|f| module_path(f.strip_prefix(&root).unwrap())).collect();
    let siblings: BTreeSet<Vec<String>> = paths.iter().filter(|p| p.len() >= 2).map(|p| p[..2].to_vec()).collect();
    let mut edges = BTreeMap::new();
    for (file, path) in files.iter().zip(&paths) {
        let name = file.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        if path.len() < 2 || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (to, line) in references(path, &code(&text)) {
            if to.len() == 2 && to[0] == path[0] && to[1] != path[1] && siblings.contains(&to) {
                let key = (path[..2].join("/"), to.join("/"));
                edges.entry(key).or_insert_with(|| format!("src/{name}:{line}"));
            }
        }
    }
    edges
}

/// A cycle among `edges`, as the modules on it and where each step is written, if any.
fn cycle(edges: &BTreeMap<(String, String), String>) -> Option<String> {
    let nodes: BTreeSet<&String> = edges.keys().map(|(from, _)| from).collect();
    let next = |m: &str| edges.keys().filter(move |(f, _)| f == m).map(|(_, t)| t.clone()).collect::<Vec<_>>();
    for start in nodes {
        // Depth-first from `start`: a path back to it is a cycle.
        let mut stack = vec![vec![start.clone()]];
        let mut seen = BTreeSet::new();
        while let Some(route) = stack.pop() {
            let last = route.last().unwrap().clone();
            for to in next(&last) {
                if &to == start {
                    let mut hops = route.clone();
                    hops.push(to.clone());
                    let at: Vec<&str> =
                        hops.windows(2).map(|w| edges[&(w[0].clone(), w[1].clone())].as_str()).collect();
                    return Some(format!("{} ({})", hops.join(" → "), at.join(", ")));
                }
                if seen.insert(to.clone()) {
                    let mut longer = route.clone();
                    longer.push(to);
                    stack.push(longer);
                }
            }
        }
    }
    None
}

fn place(module: &str) -> u8 {
    PLACES.iter().find(|(m, _)| *m == module).map(|(_, p)| *p).unwrap_or_else(|| {
        panic!("src/{module}: a new top-level module needs its place in PLACES (tests/cli/layering.rs)")
    })
}

#[test]
fn every_top_level_module_has_a_place_in_the_pipeline() {
    let (_, modules) = edges();
    for module in &modules {
        place(module);
    }
    let stale: Vec<&str> = PLACES.iter().map(|(m, _)| *m).filter(|m| !modules.contains(*m)).collect();
    assert!(stale.is_empty(), "PLACES lists modules that no longer exist: {stale:?}");
}

#[test]
fn no_stage_imports_a_later_one() {
    let (edges, _) = edges();
    let wrong: Vec<String> = edges
        .iter()
        .filter(|((from, to), _)| place(to) > place(from) || (place(to) == TOP && place(from) != TOP))
        .map(|((from, to), at)| format!("{from} imports the later {to} ({at})"))
        .collect();
    assert!(wrong.is_empty(), "data flows load → resolve → render → emit → write:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let (edges, _) = edges();
    if let Some(found) = cycle(&edges) {
        panic!("import cycle: {found}");
    }
}

#[test]
fn no_two_modules_of_one_folder_import_each_other() {
    if let Some(found) = cycle(&sub_edges()) {
        panic!("import cycle: {found}");
    }
}

#[test]
fn the_scanner_sees_paths_groups_and_super() {
    let modules: BTreeSet<String> = ["render", "write", "load"].iter().map(|s| s.to_string()).collect();
    let path = vec!["render".to_owned(), "views".to_owned()];
    let found = imports(&path, "use crate::{load::Profile, write};\nlet x = super::super::load::x;", &modules);
    assert_eq!(found.keys().collect::<Vec<_>>(), ["load", "write"]);
    let found = references(&path, "use super::duty_views::here;\nuse crate::render::escape::x;");
    let found: Vec<String> = found.keys().map(|k| k.join("/")).collect();
    assert_eq!(found, ["render/duty_views", "render/escape"]);
    assert!(imports(&path, &code("// crate::write\n/// [`crate::write`]\n"), &modules).is_empty());
    assert!(imports(&path, "my_crate::write::x", &modules).is_empty());
}
