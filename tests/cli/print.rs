//! The print check: in every PDF of every bundled sample, and of a profile with long names and
//! long telephone numbers, no printed word overlaps or runs into another (a table cell's text
//! that spills into the next column). Words and their boxes come from poppler's
//! `pdftotext -bbox-layout`; the check uses nothing of kitei's own idea of the layout, so a wrong
//! width estimate cannot hide from it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{files_below, kitei, run};

/// One printed word and its box (points, y downwards).
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    /// pdftotext's line: words of one line are one run of text (one cell's line).
    line: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// Every word of a PDF with its page, line and box.
fn words(pdf: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(output.status.success(), "pdftotext read {}", pdf.display());
    let xml = String::from_utf8_lossy(&output.stdout);
    let (mut page, mut line) = (0, 0);
    let mut words = Vec::new();
    for raw in xml.lines() {
        let tag = raw.trim();
        if tag.starts_with("<page ") {
            page += 1;
        } else if tag.starts_with("<line ") {
            line += 1;
        } else if tag.starts_with("<word ") {
            let text = tag.split_once('>').map(|(_, rest)| rest.trim_end_matches("</word>")).unwrap_or_default();
            words.push(Word {
                page,
                line,
                x0: attribute(tag, "xMin"),
                y0: attribute(tag, "yMin"),
                x1: attribute(tag, "xMax"),
                y1: attribute(tag, "yMax"),
                text: text.to_owned(),
            });
        }
    }
    // The draft's watermark (a large 「案」 behind every page) is drawn under the text on purpose.
    words.retain(|w| !(w.text == "案" && w.x1 - w.x0 > 60.0));
    words
}

/// Words closer than this (points) side by side on one baseline but in different runs of text
/// have run into each other: cells are set 1.2 em (about 10 pt) apart.
const CROWDED: f64 = 2.0;

/// Pairs of words that overlap, or that belong to different runs of text yet touch on the same
/// baseline.
fn collisions(words: &[Word]) -> Vec<(Word, Word)> {
    let mut sorted: Vec<&Word> = words.iter().collect();
    sorted.sort_by(|a, b| (a.page, a.y0).partial_cmp(&(b.page, b.y0)).unwrap());
    let mut found = Vec::new();
    for (i, a) in sorted.iter().enumerate() {
        for b in sorted[i + 1..].iter().take_while(|b| b.page == a.page && b.y0 < a.y1) {
            let height = (a.y1 - a.y0).min(b.y1 - b.y0);
            let vertical = a.y1.min(b.y1) - a.y0.max(b.y0);
            let horizontal = a.x1.min(b.x1) - a.x0.max(b.x0);
            let overlapping = horizontal > 0.5 && vertical > 0.3 * height;
            let crowded = a.line != b.line && vertical > 0.6 * height && horizontal > -CROWDED;
            if overlapping || crowded {
                found.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    found
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

/// sakura with a long facility name, long vendor names and long telephone numbers.
fn long_profile(dir: &Path) -> PathBuf {
    let mut text = std::fs::read_to_string(sample("sakura-clinic")).unwrap();
    for (from, to) in [
        ("id: sakura-clinic", "id: long-names"),
        (
            "name: さくら内科クリニック",
            "name: 医療法人社団さくら会 さくら内科・循環器内科・糖尿病内科クリニック 世田谷駅前分院",
        ),
        ("0120-111-222", "+81-120-111-222-0000"),
        ("03-5000-1234", "+81-3-5000-1234-5678"),
        ("phone: 03-5320-0000", "phone: +81-3-5320-0000-9999"),
        ("株式会社メディクラウド", "株式会社メディクラウド・ヘルスケアソリューションズ・ジャパン"),
        ("ネットリンク株式会社", "ネットリンク・コミュニケーションズ・テクノロジー株式会社"),
    ] {
        assert!(text.contains(from), "the sample has {from}");
        text = text.replace(from, to);
    }
    let path = dir.join("long-names.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

fn pdfs_below(dir: &Path) -> Vec<PathBuf> {
    files_below(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect()
}

#[test]
fn the_check_sees_a_number_overprinted_by_the_next_column() {
    let word =
        |line, x0: f64, x1: f64, text: &str| Word { page: 1, line, x0, y0: 566.2, x1, y1: 574.7, text: text.into() };
    // The fault as it was printed in sakura's incident procedure §3.2.
    let overprinted = [word(1, 364.3, 429.3, "03-5000-1234"), word(2, 418.3, 435.3, "平日")];
    assert_eq!(collisions(&overprinted).len(), 1);
    let touching = [word(1, 364.3, 429.3, "03-5320-0000"), word(2, 430.0, 447.0, "サンプル")];
    assert_eq!(collisions(&touching).len(), 1, "a number running into the next cell");
    let apart = [word(1, 364.3, 429.3, "03-5000-1234"), word(2, 439.5, 456.5, "平日")];
    assert!(collisions(&apart).is_empty());
    let one_line = [word(1, 364.3, 380.0, "電話"), word(1, 381.7, 429.3, "03-5000-1234")];
    assert!(collisions(&one_line).is_empty(), "words of one line sit close");
}

#[test]
fn no_printed_text_overlaps_in_any_document_of_any_sample_or_of_long_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut profiles: Vec<PathBuf> =
        ["sakura-clinic", "aoba-general-hospital", "midori-clinic", "hikari-pharmacy", "kaede-dental-clinic"]
            .map(sample)
            .into();
    profiles.push(long_profile(dir.path()));
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").args(&profiles).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let pdfs = pdfs_below(&out);
    assert!(pdfs.len() >= 6 * 13, "every document of every profile: {}", pdfs.len());
    let mut faults = Vec::new();
    for pdf in &pdfs {
        for (a, b) in collisions(&words(pdf)) {
            faults.push(format!(
                "{} p.{}: 「{}」 ({:.1}–{:.1}) and 「{}」 ({:.1}–{:.1}) at y {:.1}",
                pdf.strip_prefix(&out).unwrap().display(),
                a.page,
                a.text,
                a.x0,
                a.x1,
                b.text,
                b.x0,
                b.x1,
                a.y0
            ));
        }
    }
    assert!(faults.is_empty(), "{} collisions:\n{}", faults.len(), faults.join("\n"));
}

/// Text of each page of a PDF (pdftotext's reading order), without whitespace.
fn pages(pdf: &Path) -> Vec<String> {
    let output = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext is installed");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .split('\u{c}')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|page| !page.is_empty())
        .collect()
}

#[test]
fn the_checklist_workbook_prints_from_libreoffice_calc_like_the_ministrys_form() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(sample("sakura-clinic")).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let checklist = out.join("sakura-clinic/checklist");
    let workbook = checklist.join("checklist-R8.xlsx");
    let converted = dir.path().join("calc");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .arg(&workbook)
        .output()
        .expect("LibreOffice is installed (.ci/run installs libreoffice-calc-nogui)");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pages = pages(&converted.join("checklist-R8.pdf"));

    let markdown = std::fs::read_to_string(checklist.join("checklist-R8.md")).unwrap();
    let title = markdown.lines().find_map(|l| l.strip_prefix("# ")).unwrap().replace(char::is_whitespace, "");
    assert!(pages[0].contains(&title[..title.len().min(30)]), "the title on page 1: {}", pages[0]);
    // One page wide: the 15 or so items of the facility's form and each vendor's fit on a few
    // pages, each with the headings (repeated) and so the はい / いいえ columns beside the items.
    assert!(pages.len() <= 8, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("確認項目") && page.contains("はい") && page.contains("いいえ"),
            "page {}: {page}",
            n + 1
        );
    }
    // Every item's text prints whole: its first and last characters are on some page (a row too
    // low for its wrapped text would cut the end off).
    let all = pages.concat();
    // The item rows: the table rows after a 「番号」 heading row.
    let mut in_items = false;
    let mut items = Vec::new();
    for line in markdown.lines() {
        in_items = (in_items && line.starts_with('|')) || line.starts_with("| 番号 | 確認項目");
        if in_items && !line.starts_with("| 番号") && !line.starts_with("|---") {
            items.push(line);
        }
    }
    assert!(items.len() > 10, "{markdown}");
    for line in items {
        let cells: Vec<&str> = line.split(" | ").collect();
        let Some(text) = cells.get(1).map(|t| t.replace(char::is_whitespace, "")) else { continue };
        let chars: Vec<char> = text.chars().filter(|c| !"\\*`".contains(*c)).collect();
        if chars.len() < 12 {
            continue;
        }
        let head: String = chars[..6].iter().collect();
        let tail: String = chars[chars.len() - 6..].iter().collect();
        assert!(all.contains(&head) && all.contains(&tail), "item cut: {text}");
    }
}

/// The 規程's own 目次 gives each chapter's page, and that page is where the chapter begins.
#[test]
fn the_regulations_contents_give_the_page_each_chapter_begins_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(sample("sakura-clinic")).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let markdown = std::fs::read_to_string(out.join("sakura-clinic/operations-regulation.md")).unwrap();
    let chapters: Vec<String> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("### 第").map(|rest| format!("第{rest}")))
        .filter(|h| h.contains('章'))
        .collect();
    assert!(chapters.len() >= 10, "{chapters:?}");
    let pages = pages(&out.join("sakura-clinic/operations-regulation.pdf"));
    let contents = pages.iter().find(|p| p.contains("目次")).expect("a 目次 page");
    for chapter in &chapters {
        let heading: String = chapter.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
        let at = contents.find(&heading).unwrap_or_else(|| panic!("{heading} in the 目次: {contents}"));
        let after: String = contents[at..].chars().skip_while(|c| *c != '．').skip_while(|c| *c == '．').collect();
        let page: usize = after.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap();
        let printed = &pages[page - 1];
        // The chapter heading is on that page as a heading, not only as a 目次 entry.
        let body = if page == pages.iter().position(|p| p == contents).unwrap() + 1 {
            printed.rsplit("附則").next().unwrap().to_owned()
        } else {
            printed.clone()
        };
        assert!(body.contains(&heading), "{heading} begins on page {page}: {printed}");
    }
}
