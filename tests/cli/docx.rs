//! Word output: every document and the 新旧対照表 as `.docx`, opened by LibreOffice (headless,
//! installed by .ci/run), converted to PDF and read back with pdftotext.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// Converts every `.docx` in `dir` to PDF with one LibreOffice run; returns the PDFs.
fn libreoffice_to_pdf(docx: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = out.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(docx)
        .output()
        .expect("LibreOffice is installed (.ci/run installs libreoffice-writer-nogui)");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    docx.iter()
        .map(|d| {
            let pdf = out.join(format!("{}.pdf", d.file_stem().unwrap().to_str().unwrap()));
            assert!(
                pdf.is_file(),
                "LibreOffice converted {}: {}",
                d.display(),
                String::from_utf8_lossy(&status.stdout)
            );
            pdf
        })
        .collect()
}

#[test]
fn every_document_and_the_comparison_open_in_libreoffice_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let profile = sample_copy(dir.path());
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md,docx"]));
    assert_eq!(code, 0, "{stderr}");
    let draft = squeeze_text(&pdf_text(
        &libreoffice_to_pdf(&[out.join("sakura-clinic/bcp.docx")], &dir.path().join("draft"))[0],
    ));
    assert!(draft.contains("【案】"), "a draft says so in Word too: {draft}");
    approve_ok(&profile, &out, "2026-04-01", &["--format", "md,docx"]);
    let revision = ["--format", "md,docx", "--guideline", "7.0", "--set-guideline", "--date", "2026-10-01"];
    assert_eq!(run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(revision)).0, 0);
    approve_ok(&profile, &out, "2026-10-01", &["--format", "md,docx"]);
    let folder = out.join("sakura-clinic");
    let manifest = manifest(&folder);
    let documents: Vec<String> =
        manifest["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(documents.len(), 13);
    let tables = dir.path().join("tables");
    let (code, _, stderr) = run(kitei()
        .arg("diff")
        .arg(&folder)
        .args(["--versions", "1,2", "--document", "operations-regulation", "--format", "docx", "-o"])
        .arg(&tables));
    assert_eq!(code, 1, "{stderr}");
    assert!(!tables.join("operations-regulation.diff.md").exists(), "only the formats asked for");

    let mut docx: Vec<PathBuf> = documents.iter().map(|id| folder.join(format!("{id}.docx"))).collect();
    docx.push(tables.join("operations-regulation.diff.docx"));
    let converted = dir.path().join("converted");
    let pdfs = libreoffice_to_pdf(&docx, &converted);

    let squeeze = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (id, pdf) in documents.iter().zip(&pdfs) {
        let text = pdf_text(pdf);
        let title = manifest["documents"].as_array().unwrap().iter().find(|d| d["id"] == *id).unwrap()["title"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(squeeze(&text).contains(&squeeze(&title)), "{id}: the cover shows the title");
        assert!(text.contains("さくら内科クリニック"), "{id}: the facility");
        let register = ["asset-register", "open-items", "traceability-matrix"].contains(&id.as_str());
        assert_eq!(text.contains("改訂履歴"), !register, "{id}: the revision history (registers have none)");
        assert!(!text.contains("【案】"), "{id}: approved, no draft mark");
        assert!(squeeze(&text).contains("2/"), "{id}: page numbers N / M in the footer");
    }
    // pdftotext spaces Latin digits off Japanese text (第 1 条); compare without spaces.
    let regulation = squeeze(&pdf_text(&pdfs[documents.iter().position(|d| d == "operations-regulation").unwrap()]));
    let markdown = std::fs::read_to_string(folder.join("operations-regulation.md")).unwrap();
    // In legal form, as in the PDF: 「（目的）」 above, 「第1条　この規程は…」 (or the heading kept,
    // for an article that opens with a table).
    for heading in markdown.lines().filter_map(|l| l.strip_prefix("#### ")) {
        let (number, caption) = heading.split_once('（').unwrap();
        let legal = squeeze(&format!("（{caption}{number}"));
        assert!(
            regulation.contains(&legal) || regulation.contains(&squeeze(heading)),
            "the article {heading} is in the Word file"
        );
    }
    let comparison = squeeze(&pdf_text(pdfs.last().unwrap()));
    assert!(
        comparison.contains("改正後") && comparison.contains("改正前") && comparison.contains("（傍線部分は改正部分）")
    );
    assert!(comparison.contains("（パスワード等の管理）"), "{comparison}");
}

fn squeeze_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Images in a PDF (not their soft masks), by poppler's pdfimages.
fn images(pdf: &Path) -> usize {
    let output = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages is installed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count()
}

/// Pages of a PDF, by poppler's pdfinfo.
fn page_count(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is installed (poppler-utils)");
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo reads {}: {info}", pdf.display()))
}

/// Word and the PDF paginate alike: the 運用管理規程 within 10 % of the PDF's page count (it was 29
/// pages in Word against 19 while the section snapped every line to a 18 pt grid), every other
/// document within two pages; and the Word files carry the PDF's figures (連絡体制図, 組織体制図,
/// 構成図) as pictures that LibreOffice shows.
#[test]
fn word_files_paginate_like_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let samples = ["sakura-clinic", "aoba-general-hospital"];
    let mut faults = Vec::new();
    for id in samples {
        let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{id}.yaml"));
        let (code, _, stderr) =
            run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "pdf,docx"]));
        assert_eq!(code, 0, "{stderr}");
        let folder = out.join(id);
        let mut docx: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .collect();
        docx.sort();
        assert_eq!(docx.len(), 13, "{id}: every document in Word");
        let converted = libreoffice_to_pdf(&docx, &dir.path().join(format!("converted-{id}")));
        for (word_file, word_pdf) in docx.iter().zip(&converted) {
            let stem = word_file.file_stem().unwrap().to_str().unwrap();
            let (pdf, word) = (page_count(&folder.join(format!("{stem}.pdf"))), page_count(word_pdf));
            let allowed = if stem == "operations-regulation" { pdf.div_ceil(10) } else { 2 };
            if pdf.abs_diff(word) > allowed {
                faults.push(format!("{id}/{stem}: PDF {pdf} pages, Word {word} (allowed ±{allowed})"));
            }
            let figures = match stem {
                "incident-procedure" | "bcp" | "cyber-response-plan" => 2,
                "asset-register" => 1,
                _ => 0,
            };
            if images(word_pdf) != figures {
                faults.push(format!("{id}/{stem}: {} pictures in Word, {figures} figures", images(word_pdf)));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
