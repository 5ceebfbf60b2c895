//! A facility's own article and 項 forms (`wording.yaml`) reach every format intact: the PDF prints
//! its articles in legal form, Word styles its 項 and 号, and the 新旧対照表 aligns articles and
//! treats a renumbering as no change, exactly as with kitei's own forms. Nothing downstream reads
//! 「第」「条」 or 「２　」.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::*;

/// Articles as 「第1條　【目的】」, 項 as 「２．」, 号 as 「１）」.
const FORMS: &str = "structure:\n  article_number: \"第{n}條\"\n  article_caption: \"【{title}】\"\n  article_heading: \"#### {number}　{caption}\"\n  paragraph_mark: \"{n}．\"\n  item_mark: \"{n}）\"\n";

/// Builds the sample, then the sample with a wireless LAN (an article inserted in the middle of
/// the 規程, renumbering every later one), in `dir`; with `wording` as the facility's
/// `templates/wording.yaml` when given. Returns the two facility folders.
fn two_versions(dir: &Path, wording: Option<&str>) -> (PathBuf, PathBuf) {
    let profile = sample_copy(dir);
    if let Some(text) = wording {
        std::fs::create_dir(dir.join("templates")).unwrap();
        std::fs::write(dir.join("templates/wording.yaml"), text).unwrap();
    }
    let wireless = variant(dir, "wireless.yaml", "  wireless_lan: false", "  wireless_lan: true");
    let mut folders = Vec::new();
    for (profile, out) in [(&profile, "old"), (&wireless, "new")] {
        let out = dir.join(out);
        let (code, _, stderr) =
            run(kitei().arg("build").arg(profile).arg("-o").arg(&out).args(["--format", "md,pdf,docx"]));
        assert_eq!(code, 0, "{stderr}");
        folders.push(out.join("sakura-clinic"));
    }
    (folders.remove(0), folders.remove(0))
}

/// The paragraph styles of a `.docx`'s body, in order.
fn paragraph_styles(docx: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml.split("<w:pStyle w:val=\"").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
}

/// `kitei diff` of the 規程 between two folders: (exit code, its summary line).
fn regulation_diff(old: &Path, new: &Path, templates: Option<&Path>) -> (i32, String, String) {
    let mut command = kitei();
    command.arg("diff").arg(old.join("operations-regulation.md")).arg(new.join("operations-regulation.md"));
    if let Some(dir) = templates {
        command.arg("--templates").arg(dir);
    }
    run(&mut command)
}

#[test]
fn a_facilitys_article_and_paragraph_forms_give_the_same_pdf_word_and_comparison() {
    let (kiteis, facilitys) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (k_old, k_new) = two_versions(kiteis.path(), None);
    let (f_old, f_new) = two_versions(facilitys.path(), Some(FORMS));

    // The Markdown is written in the facility's forms.
    let md = std::fs::read_to_string(f_new.join("operations-regulation.md")).unwrap();
    assert!(md.contains("#### 第1條　【目的】") && !md.contains("#### 第1条"), "{md}");
    assert!(md.contains("\n２．") && md.contains("\n１）"), "{md}");

    // PDF: the caption above, the number starting the article's first sentence.
    let pdf: String = pdf_text(&f_new.join("operations-regulation.pdf")).split_whitespace().collect();
    assert!(pdf.contains("【目的】第1條この規程は"), "{pdf}");
    assert!(!pdf.contains("第1條【目的】"), "no article keeps its heading form in the PDF: {pdf}");
    let kiteis_pdf: String = pdf_text(&k_new.join("operations-regulation.pdf")).split_whitespace().collect();
    assert_eq!(
        pdf.matches("條").count() + pdf.matches("条").count(),
        kiteis_pdf.matches("条").count(),
        "the same text, every article number and reference in the facility's form"
    );
    assert!(pdf.matches("條").count() > 60, "{pdf}");

    // Word: the same paragraphs get the 項 and 号 styles as under kitei's forms.
    let styles = paragraph_styles(&f_new.join("operations-regulation.docx"));
    let kiteis_styles = paragraph_styles(&k_new.join("operations-regulation.docx"));
    let count = |styles: &[String], name: &str| styles.iter().filter(|s| *s == name).count();
    assert!(count(&styles, "Kou") > 20 && count(&styles, "Gou") > 20, "{styles:?}");
    assert_eq!(styles, kiteis_styles, "the same structure, paragraph by paragraph");

    // 新旧対照表: the inserted article is the one addition; renumbering changes nothing else,
    // exactly as under kitei's forms.
    let (code, kiteis_table, kiteis_summary) = regulation_diff(&k_old, &k_new, None);
    assert_eq!(code, 1, "{kiteis_summary}");
    let (code, table, summary) = regulation_diff(&f_old, &f_new, Some(&facilitys.path().join("templates")));
    assert_eq!(code, 1, "{summary}");
    assert_eq!(summary, kiteis_summary, "the same rows change under either form");
    assert!(summary.contains("added 1 / removed 0 / moved 0"), "{summary}");
    assert!(table.contains("第") && table.contains("條") && !table.contains("####"), "{table}");
    assert_eq!(table.lines().count(), kiteis_table.lines().count(), "{table}");
    // Read without the facility's forms, every renumbered article would look changed.
    let (_, _, unaware) = regulation_diff(&f_old, &f_new, None);
    assert_ne!(unaware, summary, "the forms are what tells the articles apart: {unaware}");
}
