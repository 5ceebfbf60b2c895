//! Evidence behind the checklist's answers: the records file and `kitei record`, answers from
//! facts (はい with the record, いいえ from the facility's own data, 未確認 without a record),
//! `--final`, and the vendor's 事業者確認用 round trip with hostile workbooks refused.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::support::*;

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

/// The checklist's Markdown for `profile` answered into `out`.
fn checklist_md(profile: &Path, out: &Path, extra: &[&str]) -> String {
    let (code, _, stderr) = run(kitei().arg("checklist").arg(profile).arg("-o").arg(out).args(extra));
    assert_eq!(code, 0, "{stderr}");
    std::fs::read_to_string(out.join("checklist-R8.md")).unwrap()
}

/// The line of the facility's table for item `number`.
fn row<'a>(markdown: &'a str, number: &str) -> &'a str {
    markdown.lines().find(|l| l.starts_with(&format!("| {number} |"))).unwrap_or_else(|| panic!("no row {number}"))
}

const DENTAL_PC: &str = "  - { name: 歯科用ユニット制御PC, kind: pc, location: 診療室, os: Windows 10 Pro, vendor: netlink, remote_maintenance: true, support_end: 2025-10-14 }\n";

#[test]
fn a_remotely_maintained_pc_past_its_support_end_makes_patches_no_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let anchor = "  - { name: 受付端末PC-1,";
    let text = std::fs::read_to_string(sample()).unwrap().replacen(anchor, &format!("{DENTAL_PC}{anchor}"), 1);
    let profile = dir.path().join("dental.yaml");
    std::fs::write(&profile, text).unwrap();
    let markdown = checklist_md(&profile, &dir.path().join("cl"), &[]);
    let fact = "情報機器台帳の「歯科用ユニット制御PC」（Windows 10 Pro）はサポート終了日（令和7年10月14日）を過ぎている（令和8年4月1日現在）";
    let patches = row(&markdown, "2-⑥");
    assert!(patches.contains("**いいえ**") && patches.contains(fact), "{patches}");
    // The 台帳 and the 課題一覧 say the same, with the same date.
    let (code, _, stderr) =
        run(kitei().arg("build").arg(&profile).args(["--format", "md", "-o"]).arg(dir.path().join("out")));
    assert_eq!(code, 0, "{stderr}");
    let folder = dir.path().join("out/sakura-clinic");
    let register = std::fs::read_to_string(folder.join("asset-register.md")).unwrap();
    assert!(register.contains(fact), "the 台帳 marks the device");
    let open = std::fs::read_to_string(folder.join("open-items.md")).unwrap();
    assert!(open.contains(fact), "the 課題一覧 cites the same fact");
}

#[test]
fn a_refused_remote_path_makes_source_restriction_no() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "p.yaml", "remote_transport: ip-vpn", "remote_transport: other");
    let markdown = checklist_md(&profile, &dir.path().join("cl"), &[]);
    let line = row(&markdown, "2-⑬");
    assert!(line.contains("**いいえ**") && line.contains("ガイドラインが認める方式ではない"), "{line}");
}

#[test]
fn every_sample_shows_the_answer_kinds_its_data_leads_to() {
    let dir = tempfile::tempdir().unwrap();
    let md = |name: &str| checklist_md(&sample_path(name), &dir.path().join(name), &[]);
    // sakura keeps records: trainings, restore tests, account reviews and patches (not the router).
    let sakura = md("sakura-clinic");
    let reviewed = row(&sakura, "2-⑤");
    assert!(
        reviewed.contains("| はい |") && reviewed.contains("アカウントの棚卸し 令和8年3月2日（事務長）"),
        "{reviewed}"
    );
    let patches = row(&sakura, "2-⑥");
    assert!(patches.contains("**未確認**") && patches.contains("オンライン資格確認用VPNルータ"), "{patches}");
    assert!(sakura.contains("**いいえ**"), "sakura has いいえ too");
    // hikari keeps no records: a rule without a record is 未確認, never はい.
    let hikari = md("hikari-pharmacy");
    for number in ["2-④", "2-⑤", "2-⑥", "2-⑫"] {
        assert!(row(&hikari, number).contains("**未確認**"), "{}", row(&hikari, number));
    }
    // midori: a partial log review is いいえ with the record cited; the last training is too old.
    let midori = md("midori-clinic");
    assert!(midori.contains("アクセスログの確認 令和8年2月27日（システム管理者）"), "the record is cited");
    assert!(midori.contains("研修の実施の記録がない"), "the stale training is a 課題");
    // aoba: the vendor's いいえ reaches the facility's item; its unanswered rows wait.
    let aoba = md("aoba-general-hospital");
    let services = row(&aoba, "2-⑫");
    assert!(services.contains("**いいえ**") && services.contains("の回答（令和8年3月18日）は「いいえ」"), "{services}");
    assert!(aoba.contains("| 回答待ち |"), "unanswered vendor rows wait");
    assert!(!aoba.contains("契約・責任分界表"), "no answer is made up from the contract");
}

#[test]
fn final_refuses_while_items_are_unconfirmed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cl");
    let (code, _, stderr) =
        run(kitei().arg("checklist").arg(sample_path("hikari-pharmacy")).arg("--final").arg("-o").arg(&out));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("未確認") && stderr.contains("2-⑥"), "{stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn record_appends_a_checked_entry_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", "id: sakura-clinic", "id: clinic");
    let records = dir.path().join("clinic.records.yaml");
    let (code, stdout, stderr) = run(kitei().arg("record").arg(&profile).args([
        "patch",
        "--date",
        "2026-03-20",
        "--by",
        "事務長",
        "--scope",
        "診察室端末PC",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("patch-2026-03-20"), "{stdout}");
    let first = std::fs::read_to_string(&records).unwrap();
    let (code, _, stderr) = run(kitei().arg("record").arg(&profile).args([
        "training",
        "--date",
        "令和8年3月25日",
        "--by",
        "事務長",
        "--attendees",
        "7",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let second = std::fs::read_to_string(&records).unwrap();
    assert!(second.starts_with(&first), "append only: the earlier text is kept byte for byte");
    assert!(second.contains("attendees: 7"));
    // An unknown scope is refused with the place in the file, and nothing is written.
    let (code, _, stderr) = run(kitei().arg("record").arg(&profile).args([
        "patch",
        "--date",
        "2026-03-21",
        "--by",
        "事務長",
        "--scope",
        "診察室端末",
    ]));
    assert_ne!(code, 0);
    assert!(stderr.contains("clinic.records.yaml:") && stderr.contains("did you mean"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&records).unwrap(), second);
    // A hand-written fault is reported at its line and column.
    std::fs::write(&records, format!("{second}  - id: x\n    kind: trainng\n")).unwrap();
    let (code, _, stderr2) = run(kitei().arg("checklist").arg(&profile).arg("-o").arg(dir.path().join("cl")));
    assert_ne!(code, 0, "{stderr2}");
    assert!(stderr2.contains("clinic.records.yaml:") && stderr2.contains("training"), "{stderr2}");
    // The patch is cited; the other devices are not covered, so 2-⑥ stays 未確認.
    std::fs::write(&records, &second).unwrap();
    let markdown = checklist_md(&profile, &dir.path().join("cl"), &["--date", "2026-04-01"]);
    let patches = row(&markdown, "2-⑥");
    assert!(patches.contains("**未確認**") && patches.contains("パッチ適用 令和8年3月20日（事務長）"), "{patches}");
}

#[test]
fn the_records_schema_is_printed() {
    let (code, stdout, stderr) = run(kitei().args(["schema", "--records"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("performed_on") && stdout.contains("restore-test") && stdout.contains("2fa"), "{stdout}");
}

// --- the vendor's 事業者確認用 -------------------------------------------------------------

/// The workbook at `path` with the part `name` rewritten by `edit`.
fn edit_part(path: &Path, name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let part_name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if part_name == name {
            bytes = edit(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(part_name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Replaces the blank cell `cell` of the sheet XML with an inline string.
fn fill(xml: String, cell: &str, value: &str) -> String {
    let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no cell {cell}"));
    let end = start + xml[start..].find("/>").unwrap() + 2;
    let style = xml[start..end].split("s=\"").nth(1).map(|s| s.split('"').next().unwrap().to_owned());
    let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
    format!("{}<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{value}</t></is></c>{}", &xml[..start], &xml[end..])
}

struct Issued {
    dir: tempfile::TempDir,
    profile: PathBuf,
    form: PathBuf,
}

fn issue_form() -> Issued {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", "id: sakura-clinic", "id: clinic");
    let out = dir.path().join("forms");
    let (code, stdout, stderr) =
        run(kitei().arg("checklist").arg(&profile).args(["--vendor-form", "netlink", "-o"]).arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("vendor-form-R8-netlink.pdf").is_file(), "{stdout}");
    Issued { form: out.join("vendor-form-R8-netlink.xlsx"), profile, dir }
}

fn import(issued: &Issued, bytes: &[u8]) -> (i32, String, String) {
    let path = issued.dir.path().join("answers.xlsx");
    std::fs::write(&path, bytes).unwrap();
    run(kitei().arg("record").arg(&issued.profile).arg("--vendor-answers").arg(&path))
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

#[test]
fn a_vendor_form_goes_out_blank_and_its_answers_come_back() {
    let issued = issue_form();
    let md = checklist_md(&issued.profile, &issued.dir.path().join("before"), &[]);
    assert!(md.contains("| 回答待ち |"), "the vendor's rows wait for its answers");
    let filled = edit_part(&issued.form, SHEET, |xml| {
        let xml = fill(xml, "C7", "はい");
        let xml = fill(xml, "D7", "2026-03-30");
        fill(xml, "C8", "いいえ")
    });
    let (code, _, stderr) = import(&issued, &filled);
    assert_eq!(code, 0, "{stderr}");
    let records = std::fs::read_to_string(issued.dir.path().join("clinic.records.yaml")).unwrap();
    assert!(records.contains("kind: vendor-answers") && records.contains("file_sha256:"), "{records}");
    assert!(records.contains("answer: yes, date: 2026-03-30") && records.contains("answer: no"), "{records}");
    let md = checklist_md(&issued.profile, &issued.dir.path().join("after"), &["--date", "2026-04-01"]);
    let vendor = md.split("### 3.2").nth(1).unwrap_or_else(|| md.split("### 3.1").nth(1).unwrap());
    assert!(
        vendor.contains("| はい |") && vendor.contains("**いいえ**") && vendor.contains("| 回答待ち |"),
        "{vendor}"
    );
}

#[test]
fn hostile_vendor_workbooks_are_refused_naming_the_cell() {
    let issued = issue_form();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "formula",
            edit_part(&issued.form, SHEET, |xml| {
                let start = xml.find("<c r=\"C7\"").unwrap();
                let end = start + xml[start..].find("/>").unwrap() + 2;
                format!("{}<c r=\"C7\"><f>1+1</f><v>2</v></c>{}", &xml[..start], &xml[end..])
            }),
            "!C7",
        ),
        (
            "merged cells",
            edit_part(&issued.form, SHEET, |xml| {
                xml.replacen(
                    "</sheetData>",
                    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"C7:D7\"/></mergeCells>",
                    1,
                )
            }),
            "!C7",
        ),
        (
            "huge sheet",
            edit_part(&issued.form, SHEET, |xml| {
                xml.replacen(
                    "</sheetData>",
                    "<row r=\"5000\"><c r=\"A5000\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
                    1,
                )
            }),
            "1000",
        ),
        (
            "wrong sheet",
            edit_part(&issued.form, "xl/workbook.xml", |xml| {
                xml.replacen("name=\"事業者確認用\"", "name=\"Sheet1\"", 1)
            }),
            "事業者確認用",
        ),
        (
            "changed text",
            edit_part(&issued.form, "xl/sharedStrings.xml", |xml| {
                xml.replacen("医療情報システム安全管理責任者を置いている", "責任者を置いている", 1)
            }),
            "!B7",
        ),
        ("not a workbook", b"PK not really".to_vec(), "Excel"),
    ];
    for (what, bytes, expected) in cases {
        let (code, _, stderr) = import(&issued, &bytes);
        assert_ne!(code, 0, "{what} accepted");
        assert!(stderr.contains(expected), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
    assert!(!issued.dir.path().join("clinic.records.yaml").exists(), "nothing recorded");
    // A form for another facility is refused too.
    let other = edit_part(&issued.form, "xl/sharedStrings.xml", |xml| xml.replacen(">clinic<", ">other-clinic<", 1));
    let (code, _, stderr) = import(&issued, &other);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("meta!B3"), "{stderr}");
}
