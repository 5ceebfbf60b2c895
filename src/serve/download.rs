//! Downloads: a document's PDF or Word file, the yearly checklist's workbook (`checklist.xlsx`), or the whole
//! facility folder as a ZIP. Each is built by the same [`Session::build`] as `kitei build`
//! (a 案 until approved), into the same output folder, and then read back from it.
//!
//! The file is named by the catalogue (`<document id>.pdf`), never by the URL: an id that is not
//! a document of the catalogue is 404.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use zip::write::SimpleFileOptions;

use super::pages::Failure;
use super::state::AppState;
use crate::pipeline::{BuildConfig, Formats, ProfileSource};
use crate::render::documents::DOCUMENTS;

/// What a download asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Wanted {
    /// The whole folder.
    Zip,
    /// The yearly checklist's workbook.
    Checklist,
    /// One built file of a catalogue document (`<id>.pdf`, `<id>.docx`).
    File { id: String, extension: &'static str },
}

/// The download named `file`, if it is one.
fn wanted(file: &str) -> Option<Wanted> {
    match file {
        "all.zip" => return Some(Wanted::Zip),
        "checklist.xlsx" => return Some(Wanted::Checklist),
        _ => {}
    }
    let (id, extension) = file.rsplit_once('.')?;
    let extension = ["pdf", "docx"].into_iter().find(|e| *e == extension)?;
    DOCUMENTS.iter().any(|d| d.id == id).then(|| Wanted::File { id: id.to_owned(), extension })
}

/// `GET /download/{file}`.
pub(super) async fn file(State(state): State<Arc<AppState>>, Path(file): Path<String>) -> Result<Response, Failure> {
    let Some(wanted) = wanted(&file) else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let task = tokio::task::spawn_blocking(move || build_and_read(&state, &wanted));
    let (name, kind, bytes) = task.await?.map_err(|e| Failure(format!("{e:#}")))?;
    let disposition = attachment(&name);
    Ok(([(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

/// Builds the facility folder (Markdown, PDF, Word) and reads what was asked for from it.
fn build_and_read(state: &AppState, wanted: &Wanted) -> anyhow::Result<(String, &'static str, Vec<u8>)> {
    let folder = build(state)?;
    let unreadable = |name: &str| anyhow::anyhow!("{} を読めませんでした", folder.join(name).display());
    match wanted {
        Wanted::Zip => {
            let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((format!("{name}.zip"), "application/zip", zip_folder(&folder)?))
        }
        Wanted::Checklist => {
            let manifest = crate::write::read_manifest(&folder).ok_or_else(|| unreadable(crate::write::MANIFEST))?;
            let path = manifest.files.iter().map(|f| f.path.as_str()).find(|p| p.ends_with(".xlsx"));
            let path = path.ok_or_else(|| unreadable("checklist"))?;
            let bytes = crate::write::read_previous(&folder, path).ok_or_else(|| unreadable(path))?;
            let name = path.rsplit('/').next().unwrap_or(path).to_owned();
            Ok((name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes))
        }
        Wanted::File { id, extension } => {
            let name = format!("{id}.{extension}");
            let bytes = crate::write::read_previous(&folder, &name).ok_or_else(|| unreadable(&name))?;
            let kind = if *extension == "pdf" {
                "application/pdf"
            } else {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            };
            Ok((name, kind, bytes))
        }
    }
}

/// Builds the facility's folder as `kitei build --format md,pdf,docx` would, returning it.
fn build(state: &AppState) -> anyhow::Result<PathBuf> {
    let source = ProfileSource::read(&state.profile)?;
    let config = BuildConfig {
        output: state.output.clone(),
        formats: Formats { markdown: true, pdf: true, typst: false, docx: true },
        date: None,
        guideline: None,
        templates: None,
        strict: false,
        cancel: None,
        allow_backdate: false,
    };
    Ok(state.session.build(&source, &config)?.folder)
}

/// The files kitei wrote in `folder` (the manifest's documents and other files, and the manifest), as a ZIP with
/// fixed timestamps, so the same folder always gives the same bytes.
fn zip_folder(folder: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let manifest = crate::write::read_manifest(folder).ok_or_else(|| anyhow::anyhow!("manifest.json がありません"))?;
    let documents = manifest.documents.iter().flat_map(|d| d.files.iter());
    let mut names: Vec<String> = manifest.files.iter().chain(documents).map(|f| f.path.clone()).collect();
    names.push(crate::write::MANIFEST.to_owned());
    names.sort();
    names.dedup();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for name in names {
        let Some(bytes) = crate::write::read_previous(folder, &name) else { continue };
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `attachment` with an ASCII fallback name and the real one percent-encoded (RFC 6266).
fn attachment(name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalogue_documents_and_the_zip_are_downloads() {
        assert_eq!(wanted("all.zip"), Some(Wanted::Zip));
        assert_eq!(wanted("checklist.xlsx"), Some(Wanted::Checklist));
        assert_eq!(
            wanted("security-policy.pdf"),
            Some(Wanted::File { id: "security-policy".into(), extension: "pdf" })
        );
        for bad in
            ["../profile.yaml", "..%2fprofile.pdf", "security-policy.md", "manifest.json", "x.pdf", "/etc/passwd.pdf"]
        {
            assert_eq!(wanted(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_japanese_file_name_is_encoded() {
        assert_eq!(
            attachment("規程.zip"),
            "attachment; filename=\"__.zip\"; filename*=UTF-8''%E8%A6%8F%E7%A8%8B%2Ezip"
        );
    }
}
