//! The network the profile states — the internet exit, the segments, the VPN devices and what they
//! connect — drawn as lines in the 構成図 and stated as text under it, and the exit a facility on
//! the internet must state (else a warning, a 課題一覧 row and a refused `--strict`).
//!
//! The drawing is read back from the typst source the build writes: every box with its bold title
//! and every line, joined where an end of one line lies on another line or on a box's edge. Two
//! boxes are connected when one run of lines touches both, which is what a reader of the PDF sees.

use std::path::{Path, PathBuf};

use crate::support::{kitei, pdf_text, run};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

const SAMPLES: [&str; 5] =
    ["sakura-clinic", "aoba-general-hospital", "hikari-pharmacy", "midori-clinic", "kaede-dental-clinic"];

/// A box of the drawing: its bold title and its edges (mm).
#[derive(Debug)]
struct Box {
    title: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

type Segment = ((f64, f64), (f64, f64));

/// The number after `key` in `text`, up to `mm`.
fn number(text: &str, key: &str) -> f64 {
    let at = text.find(key).unwrap_or_else(|| panic!("{key} in {text}")) + key.len();
    text[at..].split("mm").next().unwrap().trim().parse().unwrap()
}

/// The typst string literal after `key` in `line`, unescaped.
fn literal_after(line: &str, key: &str) -> String {
    let at = line.find(key).unwrap() + key.len();
    let mut out = String::new();
    let mut chars = line[at..].chars();
    assert_eq!(chars.next(), Some('"'));
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' => break,
            c => out.push(c),
        }
    }
    out
}

/// The boxes and lines of the 構成図 in a document's typst source.
fn drawing(typ: &str) -> (Vec<Box>, Vec<Segment>) {
    let start = typ.find("#figure(caption: \"システム・ネットワーク構成図\"").expect("the 構成図 is drawn");
    let end = start + typ[start..].find("\n}))").expect("the figure ends");
    let mut boxes = Vec::new();
    let mut lines = Vec::new();
    for line in typ[start..end].lines() {
        if line.contains("rect(") && line.contains("weight: \"bold\"") {
            boxes.push(Box {
                title: literal_after(line, "size: 7.5pt, "),
                x: number(line, "dx: "),
                y: number(line, "dy: "),
                w: number(line, "rect(width: "),
                h: number(line, "height: "),
            });
        } else if line.contains("line(start: (") {
            let start = line.find("line(start: (").unwrap() + "line(start: (".len();
            let end = line.find("end: (").unwrap() + "end: (".len();
            let point = |s: &str| {
                let mut parts = s.split("mm").map(|p| p.trim_start_matches([',', ' ']).trim());
                (parts.next().unwrap().parse().unwrap(), parts.next().unwrap().parse().unwrap())
            };
            lines.push((point(&line[start..]), point(&line[end..])));
        }
    }
    (boxes, lines)
}

const EPS: f64 = 0.12;

fn on_segment(p: (f64, f64), s: &Segment) -> bool {
    let ((x1, y1), (x2, y2)) = *s;
    let within = |v: f64, a: f64, b: f64| v >= a.min(b) - EPS && v <= a.max(b) + EPS;
    within(p.0, x1, x2) && within(p.1, y1, y2) && ((x1 - x2).abs() < EPS || (y1 - y2).abs() < EPS)
}

fn on_edge(p: (f64, f64), b: &Box) -> bool {
    let inside = p.0 >= b.x - EPS && p.0 <= b.x + b.w + EPS && p.1 >= b.y - EPS && p.1 <= b.y + b.h + EPS;
    let edge = (p.0 - b.x).abs() < EPS
        || (p.0 - b.x - b.w).abs() < EPS
        || (p.1 - b.y).abs() < EPS
        || (p.1 - b.y - b.h).abs() < EPS;
    inside && edge
}

/// Pairs of box titles joined by one run of lines.
fn connections(typ: &str) -> Vec<(String, String)> {
    let (boxes, lines) = drawing(typ);
    // Union the lines that touch (an end of one on the other).
    let mut group: Vec<usize> = (0..lines.len()).collect();
    fn root(group: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while group[i] != i {
            i = group[i];
        }
        i
    }
    for i in 0..lines.len() {
        for j in 0..lines.len() {
            let touches = [lines[i].0, lines[i].1].iter().any(|p| on_segment(*p, &lines[j]));
            if i != j && touches {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a] = b;
            }
        }
    }
    let roots: Vec<usize> = (0..lines.len()).map(|i| root(&mut group, i)).collect();
    let mut pairs = Vec::new();
    for r in roots.iter().copied().collect::<std::collections::BTreeSet<usize>>() {
        let touched: Vec<&Box> = boxes
            .iter()
            .filter(|b| {
                (0..lines.len()).any(|i| roots[i] == r && [lines[i].0, lines[i].1].iter().any(|p| on_edge(*p, b)))
            })
            .collect();
        for (i, a) in touched.iter().enumerate() {
            for b in &touched[i + 1..] {
                pairs.push((a.title.clone(), b.title.clone()));
            }
        }
    }
    pairs
}

fn connected(pairs: &[(String, String)], a: &str, b: &str) -> bool {
    pairs.iter().any(|(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// Pairs of box titles.
type Pairs<'a> = &'a [(&'a str, &'a str)];

/// Builds the samples as typst sources, Markdown and PDF into `out`.
fn build_samples(out: &Path) {
    let profiles: Vec<PathBuf> = SAMPLES.iter().map(|s| sample(s)).collect();
    let (code, _, stderr) = run(kitei().arg("build").args(&profiles).args(["--format", "md,pdf,typ", "-o"]).arg(out));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn every_samples_network_diagram_draws_the_connections_its_profile_states() {
    let dir = tempfile::tempdir().unwrap();
    build_samples(dir.path());
    let read = |name: &str, file: &str| std::fs::read_to_string(dir.path().join(name).join(file)).unwrap();
    // (sample, [(box, box)] that the profile states joined, [(box, box)] it does not)
    let stated: [(&str, Pairs, Pairs); 5] = [
        (
            "sakura-clinic",
            &[
                ("インターネット", "インターネット接続用UTM"),
                ("インターネット接続用UTM", "院内LAN（診療・受付）"),
                ("院内LAN（診療・受付）", "クラウド電子カルテ「さくらカルテ」"),
                ("院内LAN（診療・受付）", "受付端末PC-1"),
                ("クラウド電子カルテ「さくらカルテ」", "インターネット"),
                ("インターネット", "オンライン資格確認用VPNルータ"),
                ("オンライン資格確認等システム", "インターネット"),
                ("ネットリンク株式会社", "インターネット"),
                ("オンライン資格確認用VPNルータ", "オンライン資格確認用ネットワーク"),
                ("オンライン資格確認用ネットワーク", "受付端末PC-2（オンライン資格確認）"),
            ],
            &[
                ("インターネット接続用UTM", "オンライン資格確認用ネットワーク"),
                ("株式会社メディクラウド", "インターネット"),
            ],
        ),
        (
            "aoba-general-hospital",
            &[
                ("インターネット", "インターネット接続用UTM"),
                ("インターネット接続用UTM", "事務系"),
                ("事務系", "医事会計サーバ"),
                ("閉域網（IP-VPN）", "保守用リモート接続装置"),
                ("東北メディカルシステムズ株式会社", "閉域網（IP-VPN）"),
                ("保守用リモート接続装置", "電子カルテ系"),
                ("クラウドPACS接続用VPN装置", "電子カルテ系"),
                ("インターネット", "クラウドPACS接続用VPN装置"),
                ("クラウドPACS「ImageCloud」", "インターネット"),
                ("電子カルテ系", "電子カルテシステム「AOBA-EHR」"),
                ("医療機器系", "CT装置（操作・画像端末を含む）"),
            ],
            &[
                ("インターネット接続用UTM", "電子カルテ系"),
                ("インターネット接続用UTM", "医療機器系"),
                ("東北メディカルシステムズ株式会社", "インターネット"),
            ],
        ),
        (
            "hikari-pharmacy",
            &[
                ("インターネット", "店舗ルータ"),
                ("店舗ルータ", "店舗LAN"),
                ("インターネット", "オンライン資格確認用VPNルータ"),
                ("オンライン資格確認用VPNルータ", "店舗LAN"),
                ("オンライン資格確認等システム", "インターネット"),
                ("電子処方箋管理サービス", "インターネット"),
                ("店舗LAN", "調剤・薬歴サーバ"),
            ],
            &[],
        ),
        (
            "midori-clinic",
            &[
                ("インターネット", "インターネット接続用ルータ（ファイアウォール機能付き）"),
                ("インターネット接続用ルータ（ファイアウォール機能付き）", "事務系"),
                ("保守用VPNルータ", "電子カルテ系"),
                ("株式会社さいたまメディカルシステム", "インターネット"),
                ("クラウドレセコン「医事クラウド」", "インターネット"),
            ],
            &[
                ("インターネット接続用ルータ（ファイアウォール機能付き）", "電子カルテ系"),
                ("保守用VPNルータ", "病棟無線LAN"),
            ],
        ),
        (
            "kaede-dental-clinic",
            &[
                ("インターネット", "インターネット接続用UTM"),
                ("インターネット接続用UTM", "院内LAN（受付・診療室）"),
                ("オンライン資格確認用VPNルータ", "オンライン資格確認用ネットワーク"),
                ("医療機器系", "デジタルパノラマX線撮影装置（画像端末を含む）"),
                ("Web予約・問診サービス「よやくサンプル」", "インターネット"),
            ],
            &[("インターネット接続用UTM", "医療機器系")],
        ),
    ];
    for (name, joined, apart) in stated {
        let typ = read(name, "asset-register.typ");
        let pairs = connections(&typ);
        for (a, b) in joined {
            assert!(connected(&pairs, a, b), "{name}: 「{a}」 and 「{b}」 are not joined: {pairs:?}");
        }
        for (a, b) in apart {
            assert!(!connected(&pairs, a, b), "{name}: 「{a}」 and 「{b}」 are joined, the profile says not");
        }
        // Every line joins two boxes or hangs a segment's members: none ends in the air.
        let (boxes, lines) = drawing(&typ);
        for (i, segment) in lines.iter().enumerate() {
            for end in [segment.0, segment.1] {
                let held = boxes.iter().any(|b| on_edge(end, b))
                    || lines.iter().enumerate().any(|(j, other)| i != j && on_segment(end, other));
                assert!(held, "{name}: a line ends at {end:?} on nothing");
            }
        }
        // Nothing of the tool: no profile key, no placeholder.
        let figure = &typ[typ.find("#figure(caption: \"システム・ネットワーク構成図\"").unwrap()..];
        let figure = &figure[..figure.find("\n}))").unwrap()];
        for key in
            ["netlink", "medicloud", "tohoku-medical", "kansai-ph", "saitama-system", "dentalsys", "\"ons\"", "ehr\""]
        {
            assert!(!figure.contains(key), "{name}: the figure prints the key {key}");
        }
        // The PDF prints the same names, and the Markdown states the same connections as text.
        let pdf: String = pdf_text(&dir.path().join(name).join("asset-register.pdf"))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for (a, b) in joined {
            for title in [a, b] {
                let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(pdf.contains(&compact), "{name}: 「{title}」 missing from the PDF");
            }
        }
        let md = read(name, "asset-register.md");
        assert!(md.contains("**ネットワークの接続**（構成図の線で示すもの）"), "{name}");
        assert!(md.contains("- インターネットへの出口："), "{name}: {md}");
    }
    // The text of the connections, per sample.
    let md = read("sakura-clinic", "asset-register.md");
    for line in [
        "- インターネットへの出口：インターネット接続用UTM（管理：ネットリンク株式会社）。回線は光回線（事業所向け）、接続事業者はサンプル光インターネット（サンプルの値）である。",
        "- 区画「院内LAN（診療・受付）」：インターネットへの出口につながる。",
        "- オンライン資格確認用VPNルータ（VPN装置、管理：ネットリンク株式会社）：オンライン資格確認等システム、ネットリンク株式会社の保守拠点とインターネットの回線で接続する（区画「オンライン資格確認用ネットワーク」）。",
        "- オンライン資格確認等システム（クラウドサービス、社会保険診療報酬支払基金及び国民健康保険中央会）：オンライン資格確認用VPNルータを経て接続する。",
    ] {
        assert!(md.contains(line), "{line}\n{md}");
    }
    let aoba = read("aoba-general-hospital", "asset-register.md");
    assert!(aoba.contains("- 区画「電子カルテ系」：インターネットへの出口につながらない。"), "{aoba}");
    assert!(aoba.contains("東北メディカルシステムズ株式会社の保守拠点と閉域網（IP-VPN）で接続する"), "{aoba}");
    // The other documents that speak of the network name the same exit and segments.
    let bcp = read("sakura-clinic", "bcp.md");
    assert!(bcp.contains("- インターネットへの接続：あり（出口：インターネット接続用UTM、管理：ネットリンク株式会社、回線：光回線（事業所向け））"), "{bcp}");
    assert!(bcp.contains("インターネットへの出口（インターネット接続用UTM）及び事業者のリモート保守の経路"), "{bcp}");
    let bcp = read("aoba-general-hospital", "bcp.md");
    assert!(bcp.contains("保守用リモート接続装置（管理：東北メディカルシステムズ株式会社、接続先：東北メディカルシステムズ株式会社の保守拠点、回線：閉域網（IP-VPN）、区画：電子カルテ系）"), "{bcp}");
    assert!(bcp.contains("- 施設内のネットワークの区画：電子カルテ系（インターネットへの出口につながらない）、事務系（インターネットへの出口につながる）"), "{bcp}");
    let regulation = read("aoba-general-hospital", "operations-regulation.md");
    assert!(regulation.contains("| インターネット接続用UTM（インターネットへの出口） | 当院 |"), "{regulation}");
    let plan = read("hikari-pharmacy", "cyber-response-plan.md");
    assert!(plan.contains("クラウドサービスの利用。出口：店舗ルータ）"), "{plan}");
}

/// sakura without its exit (the lines from `  exit:` to `  segments:`).
fn without_exit(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(sample("sakura-clinic")).unwrap();
    let start = text.find("  exit:").unwrap();
    let end = start + text[start..].find("  segments:").unwrap();
    let path = dir.join("no-exit.yaml");
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    path
}

#[test]
fn a_profile_on_the_internet_without_its_exit_is_warned_listed_and_refused_by_strict() {
    let dir = tempfile::tempdir().unwrap();
    let profile = without_exit(dir.path());
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    assert_eq!(code, 0, "an undecided matter is not an error: {stderr}");
    let text = std::fs::read_to_string(&profile).unwrap();
    let line = text.lines().position(|l| l.trim() == "internet: true").unwrap() + 1;
    assert!(
        stderr.contains(&format!("warning: {}:{line}: the facility is connected to the internet", profile.display())),
        "{stderr}"
    );
    assert!(stderr.contains("no internet exit (network.exit"), "{stderr}");
    let (_, _, japanese) = run(kitei().args(["--lang", "ja", "check"]).arg(&profile));
    assert!(japanese.contains("インターネットへの出口（network.exit"), "{japanese}");
    let (_, json, _) = run(kitei().args(["check", "--format", "json"]).arg(&profile));
    assert!(json.contains("\"network.exit\""), "{json}");
    // A build lists it in the 課題一覧 and points the 構成図 at its row.
    let out = dir.path().join("out");
    let (code, stdout, stderr) = run(kitei().arg("build").arg(&profile).args(["--format", "md,typ", "-o"]).arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert!(format!("{stdout}{stderr}").contains("1 open item(s)"), "{stdout}{stderr}");
    let folder = out.join("sakura-clinic");
    let open = std::fs::read_to_string(folder.join("open-items.md")).unwrap();
    assert!(
        open.contains("| 1 | インターネットへの出口（回線、出口のルータ・UTM等及びその管理者）の確認と記録 |"),
        "{open}"
    );
    let typ = std::fs::read_to_string(folder.join("asset-register.typ")).unwrap();
    assert!(typ.contains("\"未定（課題一覧 1）\""), "the 構成図 points at the row");
    let pairs = connections(&typ);
    assert!(connected(&pairs, "インターネット", "インターネットへの出口"), "{pairs:?}");
    let md = std::fs::read_to_string(folder.join("asset-register.md")).unwrap();
    assert!(md.contains("- インターネットへの出口：未定（課題一覧 1）"), "{md}");
    // --strict refuses, naming the matter.
    let (code, _, stderr) =
        run(kitei().arg("build").arg(&profile).arg("--strict").arg("-o").arg(dir.path().join("strict")));
    assert_ne!(code, 0);
    assert!(stderr.contains("network.exit"), "{stderr}");
    // Stated, the warning and the row are gone.
    let (code, _, stderr) = run(kitei().arg("check").arg(sample("sakura-clinic")));
    assert_eq!(code, 0);
    assert!(!stderr.contains("internet exit"), "{stderr}");
}

#[test]
fn unknown_network_references_are_errors_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("aoba-general-hospital")).unwrap();
    let broken = text
        .replace("      systems: [receipt, ons]", "      systems: [receipt, onz]")
        .replace("connects: [{ system: pacs }]", "connects: [{ system: pacs, vendor: imagecloud }]")
        .replace("      segment: 電子カルテ系\n      line:", "      segment: 電カル系\n      line:");
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, &broken).unwrap();
    let (code, _, stderr) = run(kitei().arg("check").arg(&path));
    assert_eq!(code, 1, "{stderr}");
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (needle, message) in [
        ("systems: [receipt, onz]", "unknown system `onz`"),
        ("segment: 電カル系", "unknown network segment `電カル系`"),
        ("vendor: imagecloud }]", "names both a vendor and a system"),
    ] {
        let place = format!("broken.yaml:{}:", line(needle));
        assert!(stderr.lines().any(|l| l.contains(&place) && l.contains(message)), "{place} {message}: {stderr}");
    }
    assert!(stderr.contains("電子カルテ系"), "the hint names the segments: {stderr}");
}
