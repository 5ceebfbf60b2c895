//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// The `kitei` binary.
/// The `kitei` binary, speaking English (`LANG=C`), as the tests read its messages.
pub(crate) fn kitei() -> Command {
    let mut command = Command::cargo_bin("kitei").expect("the kitei binary is built");
    command.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    command
}

/// The bundled sample profile.
pub(crate) fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/samples/sakura-clinic.yaml")
}

/// The sample's text with `from` replaced by `to`, written into `dir` as `name`.
pub(crate) fn variant(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(sample()).unwrap();
    assert!(text.contains(from), "the sample has no `{from}`");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// Runs the command, returning (exit code, stdout, stderr).
pub(crate) fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().expect("kitei runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file below `dir` (not folders), sorted by path.
pub(crate) fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every file below `dir` with its bytes, sorted by path.
pub(crate) fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|path| (path.strip_prefix(dir).unwrap().to_owned(), std::fs::read(&path).unwrap()))
        .collect()
}

/// Text of a PDF via poppler's pdftotext (installed by .ci/run).
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A facility folder's `manifest.json`.
pub(crate) fn manifest(folder: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap()
}

/// The sample copied into `dir` as `clinic.yaml`: approvals are written beside a profile, never
/// beside the repository's sample.
pub(crate) fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("clinic.yaml");
    std::fs::copy(sample(), &path).unwrap();
    path
}

/// `kitei approve PROFILE -o OUT --by 院長 --date DATE …`, which must succeed; returns its stderr.
pub(crate) fn approve_ok(profile: &Path, out: &Path, date: &str, extra: &[&str]) -> String {
    let (code, _, stderr) =
        run(kitei().arg("approve").arg(profile).arg("-o").arg(out).args(["--by", "院長", "--date", date]).args(extra));
    assert_eq!(code, 0, "{stderr}");
    stderr
}
