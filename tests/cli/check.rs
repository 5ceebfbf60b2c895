//! `kitei check`: diagnostics for bad profiles, and statuses for every pattern.

use crate::support::*;

fn check_fails_with(name: &str, from: &str, to: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), name, from, to);
    let check = run(kitei().arg("check").arg(&profile));
    let build = run(kitei().arg("build").arg(&profile).arg("-o").arg(dir.path().join("out")).arg("--format").arg("md"));
    for (command, (code, _, stderr)) in [("check", check), ("build", build)] {
        assert_ne!(code, 0, "{command} must fail");
        for piece in expected {
            assert!(stderr.contains(piece), "{command}: expected {piece:?} in:\n{stderr}");
        }
    }
}

#[test]
fn a_typo_in_a_key_names_the_place_and_the_nearest_key() {
    check_fails_with(
        "typo.yaml",
        "  address:",
        "  adress:",
        &["typo.yaml:10:3: unknown key `adress`", "10 |   adress: 東京都", "   |   ^", "did you mean `address`?"],
    );
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    check_fails_with(
        "type.yaml",
        "  beds: 0",
        "  beds: many",
        &["type.yaml:9:9: expected a whole number, found `many`", "|         ^"],
    );
}

#[test]
fn a_missing_field_is_named() {
    check_fails_with(
        "missing.yaml",
        "  address: 東京都世田谷区桜丘三丁目1番2号\n",
        "",
        &["missing.yaml:", "missing required key `address`", "= help:"],
    );
}

#[test]
fn an_unknown_vendor_is_reported_where_it_is_used() {
    let sample = std::fs::read_to_string(sample()).unwrap();
    let line = sample.lines().position(|l| l.contains("vendor: netlink")).unwrap() + 1;
    check_fails_with(
        "vendor.yaml",
        "vendor: netlink",
        "vendor: netlnk",
        &[&format!("vendor.yaml:{line}:13: unknown vendor `netlnk`"), "did you mean `netlink`?"],
    );
}

#[test]
fn check_json_reports_errors_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "typo.yaml", "  address:", "  adress:");
    let (code, stdout, _) = run(kitei().arg("check").arg(&profile).arg("--format").arg("json"));
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"][0]["line"], 10);
    assert_eq!(json["errors"][0]["column"], 3);
}

/// Writes a profile with `kitei init` and returns `kitei check --format json` of it.
fn statuses(hosting: &str, staff: &str, esig: &str, scan: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.yaml");
    let args = [
        "init",
        "-o",
        profile.to_str().unwrap(),
        "--hosting",
        hosting,
        "--dedicated-staff",
        staff,
        "--e-signature",
        esig,
        "--scanning",
        scan,
    ];
    assert_eq!(run(kitei().args(args)).0, 0);
    let (code, stdout, stderr) = run(kitei().arg("check").arg(&profile).arg("--format").arg("json"));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn with_status<'a>(json: &'a serde_json::Value, status: &str) -> Vec<&'a str> {
    json["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == status)
        .map(|r| r["id"].as_str().unwrap())
        .collect()
}

/// The parts the seed lets a cloud facility simplify (企画管理編 4.4, 5, 15 but ④⑥⑦⑧⑬ — ⑥⑦⑧⑬ unverified,
/// held by kitei's 15-k2/k3/k4/k9; システム運用編 outside 1–4, 6–8, 11, 12.3), judged from the requirement's
/// id and its section in the content.
fn simplifiable(
    requirement: &serde_json::Value,
    guideline_sections: &std::collections::HashMap<String, String>,
) -> bool {
    let id = requirement["id"].as_str().unwrap();
    let section = guideline_sections.get(id).map(String::as_str).unwrap_or_default();
    if let Some(rest) = id.strip_prefix("management.") {
        let (chapter, no) = rest.split_once('-').unwrap();
        return section == "4.4" || chapter == "5" || (chapter == "15" && !["4", "k2", "k3", "k4", "k9"].contains(&no));
    }
    if let Some(rest) = id.strip_prefix("control.") {
        let chapter: u32 = rest.split_once('-').unwrap().0.parse().unwrap();
        return !matches!(chapter, 1..=4 | 6..=8 | 11) && section != "12.3";
    }
    false
}

fn sections() -> std::collections::HashMap<String, String> {
    let mut map = std::collections::HashMap::new();
    for volume in ["management", "control"] {
        let text =
            std::fs::read_to_string(format!("{}/content/guideline/6.0/{volume}.yaml", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let (mut chapter, mut no) = (String::new(), String::new());
        for line in text.lines() {
            let t = line.trim().trim_start_matches("- ");
            if let Some(n) = t.strip_prefix("number: ") {
                let n = n.trim_matches('"');
                if !n.contains('.') {
                    chapter = n.to_owned();
                }
            } else if let Some(n) = t.strip_prefix("no: ") {
                no = n.to_owned();
            } else if let Some(n) = t.strip_prefix("supplement: ") {
                no = format!("k{n}");
            } else if let Some(s) = t.strip_prefix("section: ") {
                map.insert(format!("{volume}.{chapter}-{no}"), s.trim_matches('"').to_owned());
            }
        }
    }
    map
}

#[test]
fn on_premises_patterns_delegate_nothing() {
    for staff in ["yes", "no"] {
        let json = statuses("on-premises", staff, "no", "no");
        assert_eq!(json["pattern"], if staff == "yes" { "I" } else { "III" });
        assert!(with_status(&json, "delegated").is_empty(), "{:?}", with_status(&json, "delegated"));
    }
}

#[test]
fn cloud_patterns_delegate_only_simplifiable_parts_and_exactly_those_the_contract_covers() {
    let sections = sections();
    for staff in ["yes", "no"] {
        let json = statuses("cloud", staff, "no", "no");
        assert_eq!(json["pattern"], if staff == "yes" { "II" } else { "IV" });
        let delegated = with_status(&json, "delegated");
        assert!(!delegated.is_empty());
        for r in json["requirements"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            if r["status"] == "delegated" {
                assert!(simplifiable(r, &sections), "{id} is delegated but not simplifiable");
            }
        }
        // The starter profile's contract does not cover accounts: kitei's 15 item on authentication stays required.
        assert!(with_status(&json, "required").contains(&"management.15-k1"));
        // 15④ is never simplified.
        assert!(with_status(&json, "required").contains(&"management.15-4"));
    }
}

#[test]
fn e_signature_and_scanning_parts_drop_out_when_unused() {
    let without = statuses("on-premises", "yes", "no", "no");
    let excluded = with_status(&without, "not-applicable");
    assert!(excluded.iter().any(|id| id.starts_with("management.14-")));
    assert!(excluded.iter().any(|id| id.starts_with("control.15-")));
    assert!(excluded.iter().any(|id| id.starts_with("management.16-")));
    assert!(excluded.iter().any(|id| id.starts_with("control.16-")));
    let with = statuses("on-premises", "yes", "yes", "yes");
    let excluded = with_status(&with, "not-applicable");
    assert!(!excluded.iter().any(|id| id.starts_with("management.14-") || id.starts_with("management.16-")));
}

#[test]
fn a_paper_chart_clinic_with_billing_and_online_qualification_is_pattern_three() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample())
        .unwrap()
        .replacen("  scanning: false\n", "  scanning: false\n  paper_charts: true\n", 1)
        .replacen("    kind: receipt\n    hosting: cloud\n", "    kind: receipt\n    hosting: on-premises\n", 1)
        .replacen(
            "    kind: ehr\n    hosting: cloud\n    vendor: medicloud\n    medical_information: true\n",
            "    kind: other\n    hosting: cloud\n    vendor: medicloud\n    medical_information: false\n",
            1,
        );
    let profile = dir.path().join("paper.yaml");
    std::fs::write(&profile, text).unwrap();
    let (code, stdout, stderr) = run(kitei().arg("check").arg(&profile).arg("--format").arg("json"));
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["pattern"], "III");
    assert!(json["reasoning"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("紙運用")));
}

#[test]
fn published_marks_put_on_premises_chapters_on_the_cloud_provider_and_say_so() {
    // Chapters printed ［Ⅰ、Ⅲ］ still apply to a cloud facility's systems: the provider carries them
    // and the facility confirms it (委託・履行確認), never 適用除外.
    let cloud = statuses("cloud", "no", "no", "no");
    let item = |json: &serde_json::Value, id: &str| {
        json["requirements"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone()
    };
    for id in ["control.5-k1", "control.12-1", "control.17-1"] {
        let r = item(&cloud, id);
        assert_eq!(r["status"], "delegated", "{id}: {r}");
        let reason = r["reason"].as_str().unwrap();
        assert!(
            reason.contains("参照パターン表示［Ⅰ、Ⅲ］は施設内に保有するシステムに係るもの")
                && reason.contains("履行を確認"),
            "{reason}"
        );
    }
    let section_12_3 = item(&cloud, "control.12-k4");
    assert_ne!(section_12_3["status"], "not-applicable", "12.3 is printed for Ⅱ、Ⅳ too: {section_12_3}");
    let on_premises = statuses("on-premises", "no", "no", "no");
    assert_eq!(item(&on_premises, "control.12-1")["status"], "required");
}

#[test]
fn a_deputy_who_holds_the_role_is_refused_where_it_is_named() {
    check_fails_with(
        "deputy.yaml",
        "deputy: kato }",
        "deputy: aoki }",
        &["deputy.yaml:37:63: ", "`aoki` is named as the deputy of their own role", "a deputy is another person"],
    );
}

/// The rows of a 責任分界表 as (section heading, area, normal, emergency).
fn matrix_rows(matrix: &str) -> Vec<(String, String, String, String)> {
    let mut rows = Vec::new();
    let mut section = String::new();
    for line in matrix.lines() {
        if let Some(heading) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## 4.").map(|_| "施設全体"))
        {
            section = heading.to_owned();
            continue;
        }
        if line.starts_with("## ") && !line.starts_with("## 3.") {
            section.clear();
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if !section.is_empty() && cells.len() == 3 && cells[0] != "領域" && !cells[0].starts_with("---") {
            rows.push((section.clone(), cells[0].to_owned(), cells[1].to_owned(), cells[2].to_owned()));
        }
    }
    rows
}

#[test]
fn check_reports_the_same_division_of_work_as_the_responsibility_matrix() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["midori-clinic", "sakura-clinic"] {
        let profile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"));
        let (code, stdout, stderr) = run(kitei().arg("check").arg(&profile).arg("--format").arg("json"));
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let duties = &json["responsibility"];
        // The matrix prints systems whose hosting, vendor and rows are the same as one table
        // 「A ほかNシステム」; check lists every system: group check's systems the same way.
        let mut groups: Vec<(Vec<&str>, &serde_json::Value)> = Vec::new();
        for system in duties["systems"].as_array().unwrap() {
            let alike =
                |other: &serde_json::Value| ["hosting", "vendor", "rows"].iter().all(|k| other[*k] == system[*k]);
            let name = system["system"].as_str().unwrap();
            match groups.iter_mut().find(|(_, first)| alike(first)) {
                Some((names, _)) => names.push(name),
                None => groups.push((vec![name], system)),
            }
        }
        let mut from_check = Vec::new();
        for (names, system) in &groups {
            let party = system["party"].as_str().unwrap();
            let others = if names.len() > 1 { format!("ほか{}システム", names.len() - 1) } else { String::new() };
            for row in system["rows"].as_array().unwrap() {
                from_check.push((
                    format!("{}{others}（{party}）", names[0]),
                    row["title"].as_str().unwrap().to_owned(),
                    row["normal"].as_str().unwrap().to_owned(),
                    row["emergency"].as_str().unwrap().to_owned(),
                ));
            }
        }
        let systems = duties["systems"].as_array().unwrap().len();
        assert!(name != "midori-clinic" || groups.len() < systems, "midori's two on-premises systems share a table");
        for row in duties["facility"].as_array().unwrap() {
            let cell = |k: &str| row[k].as_str().unwrap().to_owned();
            from_check.push(("施設全体".to_owned(), cell("title"), cell("normal"), cell("emergency")));
        }
        let (code, _, stderr) =
            run(kitei().arg("build").arg(&profile).arg("-o").arg(dir.path()).args(["--format", "md"]));
        assert_eq!(code, 0, "{stderr}");
        let matrix = std::fs::read_to_string(dir.path().join(name).join("responsibility-matrix.md")).unwrap();
        let from_matrix: Vec<_> = matrix_rows(&matrix)
            .into_iter()
            .map(|(section, area, normal, emergency)| {
                // 「3.1 電子カルテ…」: the matrix numbers its sections.
                let section = section
                    .split_once(' ')
                    .filter(|(n, _)| n.starts_with("3."))
                    .map_or(section.clone(), |(_, s)| s.to_owned());
                (section, area, normal, emergency)
            })
            .collect();
        assert_eq!(from_check, from_matrix, "{name}: check and the 責任分界表 disagree");
        // The counts are per system (a table shared by two systems counts twice).
        let mut all_rows = 0;
        let mut by_vendor = 0;
        let mut by_operator = 0;
        let operator = |r: &serde_json::Value| r["normal"].as_str().is_some_and(|n| n.contains("支払基金"));
        for (names, system) in &groups {
            let rows = system["rows"].as_array().unwrap();
            all_rows += names.len() * rows.len();
            by_vendor += names.len() * rows.iter().filter(|r| r["normal"] != "当院" && !operator(r)).count();
            by_operator += names.len() * rows.iter().filter(|r| operator(r)).count();
        }
        let facility = &duties["facility"].as_array().unwrap();
        all_rows += facility.len();
        by_vendor += facility.iter().filter(|r| r["normal"] != "当院").count();
        assert_eq!(duties["by_operator"].as_u64().unwrap() as usize, by_operator, "{name}");
        assert!(by_vendor > 0, "{name}: vendors carry areas");
        assert_eq!(duties["by_vendor"].as_u64().unwrap() as usize, by_vendor, "{name}");
        assert_eq!(duties["by_facility"].as_u64().unwrap() as usize, all_rows - by_vendor - by_operator, "{name}");
        let (_, text, _) = run(kitei().args(["check", "--lang", "ja"]).arg(&profile));
        assert!(text.contains(&format!("事業者が実施 {by_vendor}")), "{name}: {text}");
        assert!(!text.contains("事業者が実施 0"), "{name}: {text}");
    }
}

#[test]
fn a_founder_who_is_not_the_approver_is_refused_at_the_approver() {
    check_fails_with(
        "founder.yaml",
        "  head: sakurai\n",
        "  head: sakurai\n  founder: aoki\n",
        &["founder.yaml:", "is not the 開設者 `aoki`", "facility.founder"],
    );
}
