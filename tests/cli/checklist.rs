//! `kitei checklist` and what `build` adds for the yearly inspection: the MHLW checklist answered
//! (Markdown, PDF, XLSX read back), the 連絡体制図 drawn in the incident procedure, the 機器台帳,
//! and the 2FA renewal deadline in `check`, the checklist and its open items.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Reader, Xlsx};

use crate::support::*;

const SAMPLES: [&str; 4] = ["sakura-clinic", "aoba-general-hospital", "hikari-pharmacy", "kaede-dental-clinic"];

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

/// Rows of a sheet below the headings, as strings.
fn item_rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(sheet).unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let heading = rows.iter().position(|r| r.first().is_some_and(|c| c == "番号")).expect("a heading row");
    rows[heading + 1..].to_vec()
}

fn answer(row: &[String]) -> &str {
    match (row[2].as_str(), row[3].as_str()) {
        ("○", "") => "はい",
        ("", "○") => "いいえ",
        ("記入不要", "") => "記入不要",
        ("未確認", "") => "未確認",
        ("回答待ち", "") => "回答待ち",
        other => panic!("row {row:?} has no single answer: {other:?}"),
    }
}

#[test]
fn every_sample_gets_a_filled_r8_checklist_that_reads_back() {
    for name in SAMPLES {
        let out = tempfile::tempdir().unwrap();
        let (code, stdout, stderr) =
            run(kitei().arg("checklist").arg(sample_path(name)).args(["--edition", "R8", "-o"]).arg(out.path()));
        assert_eq!(code, 0, "{name}: {stderr}");
        for ext in ["md", "pdf", "xlsx"] {
            assert!(out.path().join(format!("checklist-R8.{ext}")).is_file(), "{name}: {ext} ({stdout})");
        }
        let markdown = std::fs::read_to_string(out.path().join("checklist-R8.md")).unwrap();
        // Provenance and verification status go to the facility's 根拠資料 (written beside a
        // checklist answered outside the facility's folder), not into the checklist.
        assert!(!out.path().join("checklist-R8-sources.md").exists(), "{name}: one working paper, not two");
        let sources = std::fs::read_to_string(out.path().join("sources.md")).unwrap();
        assert!(
            sources.starts_with("# 根拠資料\n")
                && sources.contains("承認の対象ではなく")
                && sources.contains("| 番号 | ガイドラインの参照 | 確認状況 | 出典 |")
        );
        assert!(out.path().join("sources.pdf").is_file(), "{name}");
        assert!(!markdown.contains("確認状況") && !markdown.contains("kitei"), "{name}: {markdown}");
        let mut book: Xlsx<_> = open_workbook(out.path().join("checklist-R8.xlsx")).unwrap();
        let sheets = book.sheet_names();
        assert_eq!(sheets[0], "医療機関・薬局確認用", "{name}");
        let rows = item_rows(&mut book, &sheets[0]);
        assert!(rows.len() >= 18, "{name}: {rows:?}");
        let range = book.worksheet_range(&sheets[0]).unwrap();
        let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
        assert!(
            !cells.iter().any(|c| c == "確認状況" || c == "確認済み"),
            "{name}: a verification column in the workbook"
        );
        assert!(rows.iter().all(|row| row.len() <= 7), "{name}: {rows:?}");
        for row in &rows {
            let answer = answer(row);
            // The Markdown table has the same answer for the same item.
            let line = markdown.lines().find(|l| l.contains(&row[1])).unwrap_or_else(|| panic!("{}", row[1]));
            assert!(line.contains(answer), "{name}: {line} vs {answer}");
            if answer == "いいえ" {
                assert!(!row[5].is_empty(), "{name}: いいえ without 目標日: {row:?}");
                assert!(markdown.contains("## 5. 課題"), "{name}");
            } else if answer == "はい" {
                assert!(row[6].contains('第') || row[6].contains("台帳"), "{name}: はい without an article: {row:?}");
            }
        }
        let vendors = if name == "aoba-general-hospital" { 2 } else { 0 };
        if vendors > 0 {
            assert_eq!(sheets.len(), 1 + vendors, "{name}: one 事業者確認用 per vendor: {sheets:?}");
            let vendor_rows = item_rows(&mut book, &sheets[1]);
            assert!(vendor_rows.iter().all(|r| answer(r) != "記入不要"));
        }
    }
}

#[test]
fn every_cited_article_exists_in_the_built_documents() {
    for name in SAMPLES {
        let out = tempfile::tempdir().unwrap();
        let (code, _, stderr) = run(kitei().arg("build").arg(sample_path(name)).arg("-o").arg(out.path()));
        assert_eq!(code, 0, "{stderr}");
        let folder = out.path().join(name);
        let checklist = folder.join("checklist");
        assert!(checklist.join("checklist-R8.xlsx").is_file(), "build writes the checklist");
        let mut book: Xlsx<_> = open_workbook(checklist.join("checklist-R8.xlsx")).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let documents: Vec<(String, String)> = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|e| {
                let path = e.unwrap().path();
                (path.extension()? == "md").then(|| {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let title = text.lines().next().unwrap().trim_start_matches("# ").to_owned();
                    (title, text)
                })
            })
            .collect();
        let mut cited = 0;
        for row in item_rows(&mut book, &sheet).iter().filter(|r| answer(r) == "はい") {
            for place in row[6].split('。') {
                let Some((title, text)) = documents.iter().find(|(t, _)| place.starts_with(t.as_str())) else {
                    continue;
                };
                let location = place[title.len()..].trim();
                let article = location.split('（').next().unwrap();
                assert!(text.contains(article), "{name}: {title} has no {location}");
                cited += 1;
            }
        }
        assert!(cited > 10, "{name}: only {cited} citations");
    }
}

#[test]
fn compare_lists_the_differences_between_editions() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run(kitei().arg("checklist").arg(sample()).args(["--edition", "R8", "--compare", "R7", "-o"]).arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let markdown = std::fs::read_to_string(out.path().join("checklist-R8.md")).unwrap();
    assert!(markdown.contains("からの変更"), "{markdown}");
    assert!(markdown.contains("未確認"));
}

#[test]
fn the_checklist_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let (code, _, stderr) = run(kitei().arg("checklist").arg(sample()).arg("-o").arg(dir.path()));
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(snapshot_tree(a.path()), snapshot_tree(b.path()));
}

#[test]
fn a_renewal_after_the_2fa_date_without_2fa_is_shown_everywhere() {
    // The sample's レセコン has no 2FA and is renewed on 2027-10-01.
    let (code, stdout, stderr) = run(kitei().arg("check").arg(sample()));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("レセプトコンピュータ「医事フロント」: 令和9年10月1日の更新時に二要素認証を導入する"),
        "{stdout}"
    );
    let (code, stdout, _) = run(kitei().arg("check").arg(sample()).args(["--date", "2028-01-10"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("warning: レセプトコンピュータ「医事フロント」: 更新予定日（令和9年10月1日）"), "{stdout}");
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run(kitei().arg("checklist").arg(sample()).args(["--date", "2028-01-10", "-o"]).arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let markdown = std::fs::read_to_string(out.path().join("checklist-R8.md")).unwrap();
    let open_items = markdown.split("## 5. 課題").nth(1).unwrap().split("## 6.").next().unwrap();
    assert!(open_items.contains("レセプトコンピュータ「医事フロント」の二要素認証"), "{open_items}");
    assert!(open_items.contains("既に過ぎた"), "{open_items}");
}

#[test]
fn the_incident_procedure_draws_the_contact_chart() {
    let out = tempfile::tempdir().unwrap();
    let hospital = sample_path("aoba-general-hospital");
    let (code, _, stderr) = run(kitei().arg("build").arg(&hospital).arg("-o").arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.path().join("aoba-general-hospital");
    // Reading order, not layout: boxes side by side would interleave their lines.
    let output =
        std::process::Command::new("pdftotext").arg(folder.join("incident-procedure.pdf")).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).replace(char::is_whitespace, "");
    for label in [
        "連絡体制図（インシデント発生時）",
        "発見した職員等",
        "医療情報システム安全管理責任者",
        "東北メディカルシステムズ株式会社",
        "株式会社イメージクラウド",
        "厚生労働省",
        "都道府県（保健所）",
        "警察",
        "個人情報保護委員会",
        "速報概ね3〜5日以内",
        "個人情報保護法相談ダイヤル",
    ] {
        assert!(text.contains(label), "{label} missing from the chart");
    }
    let typ = run(kitei().arg("build").arg(&hospital).args(["--format", "typ", "-o"]).arg(out.path().join("typ")));
    assert_eq!(typ.0, 0, "{}", typ.2);
    let source = std::fs::read_to_string(out.path().join("typ/aoba-general-hospital/incident-procedure.typ")).unwrap();
    assert!(source.contains("polygon(") && source.contains("rect("), "drawn with shapes");
}

#[test]
fn the_asset_register_lists_every_asset_of_the_profile() {
    for name in SAMPLES {
        let out = tempfile::tempdir().unwrap();
        let (code, _, stderr) =
            run(kitei().arg("build").arg(sample_path(name)).args(["--format", "md", "-o"]).arg(out.path()));
        assert_eq!(code, 0, "{stderr}");
        let register = std::fs::read_to_string(out.path().join(name).join("asset-register.md")).unwrap();
        let profile = std::fs::read_to_string(sample_path(name)).unwrap();
        let assets: Vec<&str> = profile
            .lines()
            .filter(|l| l.trim_start().starts_with("- { name:") && l.contains("kind: ") && l.contains("location:"))
            .map(|l| l.split("name: ").nth(1).unwrap().split(',').next().unwrap())
            .collect();
        assert!(!assets.is_empty(), "{name}");
        for asset in assets {
            assert!(register.contains(asset), "{name}: {asset} missing from the 台帳");
        }
        for form in ["持出し簿", "アカウント申請書", "点検記録票"] {
            assert!(register.contains(form), "{name}: {form}");
        }
    }
}

/// The cells of each table row of `markdown` between `from` and `to`.
fn table_rows<'a>(markdown: &'a str, from: &str, to: &str) -> Vec<Vec<&'a str>> {
    let section = markdown.split(from).nth(1).unwrap_or_else(|| panic!("no {from}"));
    let section = section.split(to).next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

#[test]
fn every_no_of_the_checklist_is_in_the_open_items_list_with_the_same_date() {
    let out = tempfile::tempdir().unwrap();
    let pharmacy = sample_path("hikari-pharmacy");
    let (code, _, stderr) = run(kitei().arg("build").arg(&pharmacy).args(["--format", "md", "-o"]).arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.path().join("hikari-pharmacy");
    let checklist = std::fs::read_to_string(folder.join("checklist/checklist-R8.md")).unwrap();
    let open_items = std::fs::read_to_string(folder.join("open-items.md")).unwrap();
    let listed = table_rows(&open_items, "## 2. 未決事項", "## 3.");
    let noes: Vec<Vec<&str>> =
        table_rows(&checklist, "## 2. ", "## 3.").into_iter().filter(|row| row[2] == "**いいえ**").collect();
    assert!(!noes.is_empty(), "the pharmacy answers some item いいえ: {checklist}");
    for row in &noes {
        let (number, target) = (row[0], row[4]);
        let mark = format!("R8 {number}");
        let entry = listed
            .iter()
            .find(|cells| cells[1].contains("（チェックリスト ") && cells[1].contains(&mark))
            .unwrap_or_else(|| panic!("いいえ {number} is not in the 課題一覧:\n{open_items}"));
        assert_eq!(entry.last().copied(), Some(target), "the 目標日 of {number} and its 課題一覧 date");
    }
    let marks: Vec<String> = noes.iter().map(|row| format!("R8 {}", row[0])).collect();
    for mark in &marks {
        // The vendors' rows and the one row of every 未確認 item are other matters.
        let own = |cells: &&Vec<&str>| !cells[1].contains("事業者確認用") && !cells[1].contains("未確認項目");
        let names =
            |cells: &&Vec<&str>| cells[1].contains(&format!("{mark}）")) || cells[1].contains(&format!("{mark}、"));
        let rows = listed.iter().filter(own).filter(names).count();
        assert_eq!(rows, 1, "{mark} is listed once (linked to a matter already open, not repeated):\n{open_items}");
    }
}

#[test]
fn the_checklist_command_answers_as_build_does_with_a_facility_template_override() {
    let dir = tempfile::tempdir().unwrap();
    let profile = crate::support::variant(dir.path(), "clinic.yaml", "id: sakura-clinic", "id: local-clinic");
    // An article of the facility's own ahead of 第1条 renumbers every article the answers cite.
    let chapter = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/operations-regulation/01-general.md");
    let text = std::fs::read_to_string(chapter).unwrap();
    let local = text.replacen(
        "[[chapter:総則]]\n",
        "[[chapter:総則]]\n\n[[article:local-first|施設の定め]]\n\nこの条は、施設が加えたものである。\n",
        1,
    );
    assert_ne!(local, text);
    std::fs::create_dir_all(dir.path().join("templates/operations-regulation")).unwrap();
    std::fs::write(dir.path().join("templates/operations-regulation/01-general.md"), local).unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(&profile).arg("-o").arg(&out).args(["--format", "md"]));
    assert_eq!(code, 0, "{stderr}");
    let regulation = std::fs::read_to_string(out.join("local-clinic/operations-regulation.md")).unwrap();
    assert!(regulation.contains("第1条（施設の定め）"), "the override is in use");
    let built = std::fs::read_to_string(out.join("local-clinic/checklist/checklist-R8.md")).unwrap();
    let alone = dir.path().join("alone");
    let (code, _, stderr) = run(kitei().arg("checklist").arg(&profile).args(["--edition", "R8", "-o"]).arg(&alone));
    assert_eq!(code, 0, "{stderr}");
    let answered = std::fs::read_to_string(alone.join("checklist-R8.md")).unwrap();
    assert!(built.contains('第'), "the answers cite articles: {built}");
    let differs = answered.lines().zip(built.lines()).find(|(a, b)| a != b);
    assert_eq!(differs, None, "`kitei checklist` and `build` give the same answers and citations");
    assert_eq!(answered.lines().count(), built.lines().count());
}
