//! The house rule of `src/`: data flows one way, load → resolve → render → emit → write.
//!
//! Reads every `crate::…` (and `super::…` reaching the crate root) path in the code of
//! `src/**/*.rs` (comments and unit-test modules left out) and refuses (a) an import from a later
//! stage into an earlier one, and (b) any import cycle between top-level modules. A new top-level
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

/// The top-level modules a file's code names, with the line of the first mention.
fn imports(path: &[String], code: &str, modules: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for (index, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(['c', 's']) {
            let tail = &rest[at..];
            let boundary = rest[..at].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let target = if !boundary {
                None
            } else if let Some(after) = tail.strip_prefix("crate::") {
                Some(first_segment(after))
            } else if tail.starts_with("super::") {
                resolve_super(path, tail)
            } else {
                None
            };
            if let Some(target) = target.filter(|t| modules.contains(t) && Some(t) != path.first()) {
                found.entry(target).or_insert(index + 1);
            }
            rest = &rest[at + 1..];
        }
        // `use crate::{a, b::c}`.
        if let Some(group) = line.trim_start().strip_prefix("use crate::{") {
            for item in group.split(',') {
                let name = first_segment(item.trim());
                if modules.contains(&name) && Some(&name) != path.first() {
                    found.entry(name).or_insert(index + 1);
                }
            }
        }
    }
    found
}

fn first_segment(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Where `super::super::x` leads from the module at `path`, when it reaches the crate root.
fn resolve_super(path: &[String], mut tail: &str) -> Option<String> {
    let mut depth = path.len();
    while let Some(rest) = tail.strip_prefix("super::") {
        depth = depth.checked_sub(1)?;
        tail = rest;
    }
    (depth == 0).then(|| first_segment(tail))
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
    let (edges, modules) = edges();
    let next = |m: &str| edges.keys().filter(move |(f, _)| f == m).map(|(_, t)| t.clone()).collect::<Vec<_>>();
    for start in &modules {
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
                    panic!("import cycle: {} ({})", hops.join(" → "), at.join(", "));
                }
                if seen.insert(to.clone()) {
                    let mut longer = route.clone();
                    longer.push(to);
                    stack.push(longer);
                }
            }
        }
    }
}

#[test]
fn the_scanner_sees_paths_groups_and_super() {
    let modules: BTreeSet<String> = ["render", "write", "load"].iter().map(|s| s.to_string()).collect();
    let path = vec!["render".to_owned(), "views".to_owned()];
    let found = imports(&path, "use crate::{load::Profile, write};\nlet x = super::super::load::x;", &modules);
    assert_eq!(found.keys().collect::<Vec<_>>(), ["load", "write"]);
    assert!(imports(&path, &code("// crate::write\n/// [`crate::write`]\n"), &modules).is_empty());
    assert!(imports(&path, "my_crate::write::x", &modules).is_empty());
}
