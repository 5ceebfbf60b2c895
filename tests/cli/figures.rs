//! The figures of the PDFs (組織体制図, 連絡体制図, system/network 構成図) and the vendor facts
//! they and the tables show (remote-maintenance transport, the vendor's BCP 手順書).

use std::path::{Path, PathBuf};

use crate::support::{kitei, run, variant};

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/samples/{name}.yaml"))
}

/// The text of a PDF in reading order, without whitespace (boxes side by side would otherwise
/// interleave their lines).
fn pdf_text(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8_lossy(&output.stdout).replace(char::is_whitespace, "")
}

#[test]
fn the_cyber_plan_incident_procedure_and_bcp_draw_both_charts() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run(kitei().arg("build").arg(sample_path("aoba-general-hospital")).arg("-o").arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.path().join("aoba-general-hospital");
    for document in ["cyber-response-plan", "incident-procedure", "bcp"] {
        let text = pdf_text(&folder.join(format!("{document}.pdf")));
        for label in [
            // 連絡体制図
            "連絡体制図（インシデント発生時）",
            "発見した職員等",
            "東北メディカルシステムズ株式会社",
            "株式会社イメージクラウド",
            "厚生労働省",
            "都道府県（保健所）",
            "警察",
            "個人情報保護委員会",
            "速報概ね3〜5日以内",
            // 組織体制図: the caption, every post of the profile and the committee
            "組織体制図（医療情報システムの安全管理）",
            "医療情報システム安全管理責任者",
            "安全管理の最終責任・非常時の最終判断",
            "システムと機器の運用・非常時の技術対応",
        ] {
            assert!(text.contains(label), "{document}: {label} missing");
        }
    }
    let typ = run(kitei()
        .arg("build")
        .arg(sample_path("aoba-general-hospital"))
        .args(["--format", "typ", "-o"])
        .arg(out.path().join("typ")));
    assert_eq!(typ.0, 0, "{}", typ.2);
    let source = std::fs::read_to_string(out.path().join("typ/aoba-general-hospital/cyber-response-plan.typ")).unwrap();
    assert!(!source.contains("kitei-figure:"), "every figure marker of the cyber plan is drawn");
    assert_eq!(source.matches("#figure(").count(), 2, "the contact chart and the organisation chart");
}

#[test]
fn the_asset_register_draws_the_network_diagram_from_the_profile_only() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(kitei().arg("build").arg(sample_path("sakura-clinic")).arg("-o").arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let folder = out.path().join("sakura-clinic");
    let text = pdf_text(&folder.join("asset-register.pdf"));
    let profile = std::fs::read_to_string(sample_path("sakura-clinic")).unwrap();
    for label in [
        "システム・ネットワーク構成図",
        "インターネット",
        "リモート保守",
        "TLS1.2以上（クライアント認証あり）",
        "IP-VPN（閉域網）",
        "受付端末PC-2（オンライン資格確認）",
        "オンライン資格確認用VPNルータ",
    ] {
        assert!(text.contains(label), "{label} missing from the asset register PDF");
    }
    assert!(profile.contains("オンライン資格確認用VPNルータ"));
    // The Markdown carries the same facts as a list (its fallback for the drawing).
    let md = std::fs::read_to_string(folder.join("asset-register.md")).unwrap();
    assert!(md.contains("のリモート保守（通信方式：IP-VPN（閉域網））"), "{md}");
    assert!(md.contains("出典：第6.0版 システム運用編 13章"), "the accepted transports carry their source");
    // A profile without PCs: the category is left out of the drawing with a note, not guessed.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample_path("sakura-clinic")).unwrap();
    let no_pcs: String = text
        .lines()
        .filter(|l| !l.contains("kind: pc") && !l.trim_start().starts_with("assets: [受付端末PC"))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.path().join("no-pcs.yaml");
    std::fs::write(&path, no_pcs).unwrap();
    let built = dir.path().join("out");
    let (code, _, stderr) = run(kitei().arg("build").arg(&path).args(["--format", "md", "-o"]).arg(&built));
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(built.join("sakura-clinic/asset-register.md")).unwrap();
    assert!(md.contains("台帳に記録のない区分（サーバ、端末PC）は、構成図に描いていない。"), "{md}");
    assert!(md.contains("- 端末PC：0台"));
}

#[test]
fn an_unrecorded_transport_or_vendor_bcp_is_an_open_item_shown_as_unconfirmed() {
    let out = tempfile::tempdir().unwrap();
    // The clinic's remote vendor records IPsec; this variant drops its BCP 手順書 fact.
    let midori = std::fs::read_to_string(sample_path("midori-clinic")).unwrap();
    let dropped = "      remote_transport: ipsec-ike\n      bcp_procedure: true\n";
    assert!(midori.contains(dropped));
    let variant = out.path().join("midori-clinic.yaml");
    std::fs::write(&variant, midori.replacen(dropped, "      remote_transport: ipsec-ike\n", 1)).unwrap();
    for path in [sample_path("hikari-pharmacy"), variant] {
        let (code, _, stderr) = run(kitei().arg("build").arg(&path).args(["--format", "md", "-o"]).arg(out.path()));
        assert_eq!(code, 0, "{stderr}");
    }
    let read =
        |name: &str, doc: &str| std::fs::read_to_string(out.path().join(name).join(format!("{doc}.md"))).unwrap();
    // The pharmacy's vendor maintains remotely with no transport recorded; it gave no BCP 手順書.
    let open = read("hikari-pharmacy", "open-items");
    assert!(open.contains("関西ファーマシステム株式会社のリモート保守の通信方式の確認"), "{open}");
    assert!(!open.contains("事業継続（BCP）手順書の提供の有無の確認"), "false is a fact, not an open item");
    let matrix = read("hikari-pharmacy", "responsibility-matrix");
    assert!(matrix.contains("| 関西ファーマシステム株式会社 | 未確認（課題一覧） | 提供を受けていない |"), "{matrix}");
    let bcp = read("hikari-pharmacy", "bcp");
    assert!(bcp.contains("手順書の提供を受けていないため"), "{bcp}");
    let open = read("midori-clinic", "open-items");
    assert!(open.contains("株式会社さいたまメディカルシステムの事業継続（BCP）手順書の提供の有無の確認"), "{open}");
    assert!(!open.contains("さいたまメディカルシステムのリモート保守の通信方式"), "{open}");
    let matrix = read("midori-clinic", "responsibility-matrix");
    assert!(
        matrix.contains("| 株式会社さいたまメディカルシステム | IPsec（鍵交換にIKE）によるVPN | 未確認（課題一覧） |")
    );
    assert!(matrix.contains("| 医事クラウド株式会社 | リモート保守なし | 提供を受けている |"));
}

#[test]
fn a_transport_without_remote_maintenance_or_an_unknown_method_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let contradictory = variant(
        dir.path(),
        "contradictory.yaml",
        "      remote_maintenance: true\n      mds_sds: true\n      remote_transport: ip-vpn\n",
        "      mds_sds: true\n      remote_transport: ip-vpn\n",
    );
    let (code, _, stderr) = run(kitei().arg("check").arg(&contradictory));
    assert_ne!(code, 0);
    assert!(stderr.contains("remote_transport but remote_maintenance is not true"), "{stderr}");
    let text = std::fs::read_to_string(&contradictory).unwrap();
    let line = text.lines().position(|l| l.contains("remote_transport: ip-vpn")).unwrap() + 1;
    assert!(stderr.contains(&format!("contradictory.yaml:{line}:")), "names netlink's line {line}: {stderr}");
    let unknown = variant(dir.path(), "unknown.yaml", "remote_transport: ip-vpn", "remote_transport: ssl-vpn");
    let (code, _, stderr) = run(kitei().arg("check").arg(&unknown));
    assert_ne!(code, 0);
    assert!(stderr.contains("ssl-vpn"), "{stderr}");
}

#[test]
fn the_pharmacy_documents_never_say_hospital_or_clinic_words() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run(kitei().arg("build").arg(sample_path("hikari-pharmacy")).args(["--format", "md", "-o"]).arg(out.path()));
    assert_eq!(code, 0, "{stderr}");
    let mut read = 0;
    let folder = out.path().join("hikari-pharmacy");
    let files = std::fs::read_dir(&folder).unwrap().chain(std::fs::read_dir(folder.join("checklist")).unwrap());
    for entry in files {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            for word in ["当院", "当クリニック", "院内"] {
                assert!(!text.contains(word), "{}: {word}", path.display());
            }
            read += 1;
        }
    }
    assert!(read >= 14, "every document and the checklist were read ({read})");
}
