//! The content files kitei ships, embedded in the binary.
//!
//! The `content/` folder is compiled in with `include_dir`, so a fresh machine needs nothing but
//! the binary. Paths stay the repository's (`content/guideline/6.0/control.yaml`), which is what
//! a content author sees in an error message.

use std::path::Path;

use include_dir::{include_dir, Dir};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// A tree of content files: the embedded one, or (for tests of the checks) files in memory.
#[derive(Debug, Clone)]
pub struct Content {
    dir: &'static Dir<'static>,
    replaced: std::collections::BTreeMap<String, &'static str>,
    removed: std::collections::BTreeSet<String>,
}

impl Default for Content {
    fn default() -> Self {
        Self::embedded()
    }
}

impl Content {
    /// The content compiled into kitei.
    pub fn embedded() -> Self {
        Self { dir: &EMBEDDED, replaced: std::collections::BTreeMap::new(), removed: std::collections::BTreeSet::new() }
    }

    /// The embedded content with one file's text replaced (leaked: meant for tests and tools).
    pub fn with_file(mut self, path: &str, text: String) -> Self {
        self.removed.remove(path);
        self.replaced.insert(path.to_owned(), Box::leak(text.into_boxed_str()));
        self
    }

    /// The embedded content without one file (for tests of optional files).
    pub fn without_file(mut self, path: &str) -> Self {
        self.replaced.remove(path);
        self.removed.insert(path.to_owned());
        self
    }

    /// The text of a file, by its path below `content/`.
    pub fn text(&self, path: &str) -> Option<&'static str> {
        if self.removed.contains(path) {
            return None;
        }
        if let Some(text) = self.replaced.get(path) {
            return Some(text);
        }
        self.dir.get_file(path).and_then(|file| file.contents_utf8())
    }

    /// SHA-256 over every content file (paths and texts), so a build can tell the content changed.
    pub fn fingerprint(&self) -> String {
        let mut files: Vec<(String, &str)> = Vec::new();
        collect(self.dir, &mut files);
        files.retain(|(p, _)| !self.removed.contains(p));
        for (path, text) in &self.replaced {
            files.retain(|(p, _)| p != path);
            files.push((path.clone(), text));
        }
        files.sort();
        crate::digest::fingerprint(files.iter().flat_map(|(p, t)| [p.as_str(), *t]))
    }

    /// The guideline versions shipped (folders under `guideline/`), sorted.
    pub fn versions(&self) -> Vec<String> {
        let mut versions: Vec<String> = self
            .dir
            .get_dir("guideline")
            .map(|dir| dir.dirs().filter_map(|d| d.path().file_name()?.to_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        versions.sort_by_key(|v| version_key(v));
        versions
    }

    /// Bundled sample profiles: (file name, text).
    pub fn samples(&self) -> Vec<(&'static str, &'static str)> {
        let Some(dir) = self.dir.get_dir("samples") else {
            return Vec::new();
        };
        let mut samples: Vec<_> = dir
            .files()
            .filter(|f| !is_records_file(f.path()))
            .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents_utf8()?)))
            .collect();
        samples.sort();
        samples
    }
}

/// Whether `path` is a records file (`*.records.yaml`), not a profile: a folder or glob of
/// profiles skips it.
pub fn is_records_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".records.yaml") || n.ends_with(".records.yml"))
}

fn version_key(version: &str) -> Vec<u32> {
    version.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        if let (Some(path), Some(text)) = (file.path().to_str(), file.contents_utf8()) {
            out.push((path.to_owned(), text));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
