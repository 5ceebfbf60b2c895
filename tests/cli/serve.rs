//! `kitei serve` as a clinic uses it: the real binary, a real socket and, when chromium-driver
//! is installed, Debian's Chromium driven headless through WebDriver (fantoccini). Screenshots of
//! the pages go to `target/e2e/`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::support::{kitei, pdf_text};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A running `kitei serve`, stopped when dropped.
struct Served {
    child: Child,
    url: String,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `kitei serve --port 0 --no-open <target>` and reads the URL it prints first.
fn serve(target: &Path) -> Served {
    let mut child = kitei()
        .args(["serve", "--port", "0", "--no-open"])
        .arg(target)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().to_owned();
    assert!(url.starts_with("http://127.0.0.1:") && url.contains("/?token="), "{url}");
    let port = url["http://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
    Served { child, url, port }
}

/// One raw HTTP/1.1 request; (status, whole response).
fn raw(port: u16, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

#[test]
fn the_server_listens_on_loopback_only_and_refuses_strangers() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path());
    let port = server.port;
    let (status, body) = raw(port, &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("token="), "{body}");
    let (status, _) =
        raw(port, &format!("GET / HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 403);
    let path = "/../../etc/passwd";
    let token = &server.url[server.url.find("token=").unwrap()..];
    let (status, response) =
        raw(port, &format!("GET {path}?{token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 303, "{response}");
    let cookie = response.lines().find_map(|l| l.strip_prefix("set-cookie: ")).unwrap().split(';').next().unwrap();
    let (status, response) = raw(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 404, "{response}");
    assert!(!response.contains("root:"));
    // Nothing answers on another address of this machine.
    let addresses: Vec<std::net::IpAddr> = local_addresses();
    for address in addresses {
        assert!(TcpStream::connect((address, port)).is_err(), "{address} answers");
    }
}

/// This machine's non-loopback IPv4 addresses (from `hostname -I`, when it exists).
fn local_addresses() -> Vec<std::net::IpAddr> {
    let Ok(output) = Command::new("hostname").arg("-I").output() else { return Vec::new() };
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|a| a.parse().ok())
        .filter(|a: &std::net::IpAddr| a.is_ipv4() && !a.is_loopback())
        .collect()
}

/// A running chromedriver, stopped when dropped.
struct Driver {
    /// Held only to be killed on drop (`kill_on_drop`).
    _child: tokio::process::Child,
    port: u16,
}

async fn chromedriver() -> Driver {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(CHROMEDRIVER)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let port = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                return rest.trim_end_matches('.').trim().parse::<u16>().unwrap();
            }
        }
        panic!("chromedriver ended without a port");
    })
    .await
    .expect("chromedriver starts within 20 s");
    // Keep draining its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Driver { _child: child, port }
}

async fn browser(driver: &Driver, profile_dir: &Path, downloads: &Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=ja",
        "--window-size=1280,900",
    ];
    let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile_dir.display()));
    let options = serde_json::json!({
        "binary": CHROMIUM,
        "args": args,
        "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
        },
    });
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

fn e2e_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::write(e2e_dir().join(format!("{name}.png")), png).unwrap();
}

async fn text_of(c: &Client, css: &str) -> String {
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.unwrap().text().await.unwrap()
}

/// Sets a text field and submits its form.
async fn fill_and_save(c: &Client, field: &str, value: &str) {
    let input = c.find(Locator::Css(field)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
    let form = c.find(Locator::Css("form.profile-form")).await.unwrap();
    form.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
}

#[tokio::test]
async fn a_new_clinic_goes_from_the_questions_to_a_downloaded_rulebook_in_a_browser() {
    if !Path::new(CHROMEDRIVER).exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI must install chromium-driver");
        eprintln!("skipped: {CHROMEDRIVER} is not installed (apt-get install chromium chromium-driver)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let clinic = dir.path().join("clinic");
    std::fs::create_dir(&clinic).unwrap();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let server = serve(&clinic);
    let driver = chromedriver().await;
    let c = browser(&driver, &dir.path().join("chrome"), &downloads).await;
    let outcome = tokio::time::timeout(Duration::from_secs(240), flow(&c, &server, &clinic, &downloads)).await;
    let _ = c.close().await;
    drop(driver);
    outcome.expect("the flow ends within 240 s");
}

async fn flow(c: &Client, server: &Served, clinic: &Path, downloads: &Path) {
    let base = format!("http://127.0.0.1:{}", server.port);
    // The printed URL: the token becomes a cookie, the address loses it, the questions come first.
    c.goto(&server.url).await.unwrap();
    assert!(text_of(c, "h1").await.contains("4つの質問"));
    let url = c.current_url().await.unwrap();
    assert_eq!((url.path(), url.query()), ("/start", None));
    shot(c, "1-questions").await;
    c.find(Locator::Css("input[name=hosting][value=on-premises]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Id("start-submit")).await.unwrap().click().await.unwrap();
    assert!(text_of(c, "#facility-name").await.contains("みどり内科クリニック"));
    assert!(clinic.join("profile.yaml").exists());
    assert!(text_of(c, "#open-items").await.contains("入力する"));
    shot(c, "2-dashboard").await;

    // Hostile text is saved as text and shown as text.
    let hostile = "<script>alert(1)</script>#set page(fill: red) **太字** [x](javascript:alert(1))";
    c.goto(&format!("{base}/facility")).await.unwrap();
    fill_and_save(c, "#input-field-name", hostile).await;
    assert!(text_of(c, "#saved").await.contains("保存しました"));
    c.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(text_of(c, "#facility-name").await, hostile);
    let scripts = "return Array.from(document.scripts).map(s => s.outerHTML.slice(0, 120))";
    let scripts = c.execute(scripts, vec![]).await.unwrap();
    assert_eq!(scripts, serde_json::json!([]), "{}", c.source().await.unwrap());
    c.goto(&format!("{base}/documents/security-policy")).await.unwrap();
    let document = text_of(c, "#document").await;
    assert!(document.contains("<script>alert(1)</script>"), "{document}");
    assert!(document.contains("**太字**") && document.contains("[x](javascript:alert(1))"), "{document}");
    let links = c.execute("return document.querySelectorAll('#document a, script').length", vec![]).await;
    assert_eq!(links.unwrap(), serde_json::json!(0));
    shot(c, "3-document").await;

    // An invalid value: its message beside the field, nothing saved.
    let before = std::fs::read(clinic.join("profile.yaml")).unwrap();
    c.goto(&format!("{base}/facility")).await.unwrap();
    fill_and_save(c, "#input-field-name", "名前\u{202e}逆").await;
    let problem = text_of(c, "#field-name .problem").await;
    assert!(problem.contains("U+202E") && !problem.contains("this line"), "Japanese whatever the locale: {problem}");
    assert_eq!(std::fs::read(clinic.join("profile.yaml")).unwrap(), before);
    shot(c, "4-invalid").await;

    // Two tabs: the second save is told and keeps its input.
    c.goto(&format!("{base}/facility")).await.unwrap();
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap().handle;
    c.switch_to_window(second).await.unwrap();
    c.goto(&format!("{base}/facility")).await.unwrap();
    fill_and_save(c, "#input-field-phone", "03-1111-1111").await;
    assert!(text_of(c, "#saved").await.contains("保存しました"));
    c.close_window().await.unwrap();
    c.switch_to_window(first).await.unwrap();
    fill_and_save(c, "#input-field-phone", "03-2222-2222").await;
    assert!(text_of(c, "#conflict").await.contains("入力はそのまま"));
    let kept = c.find(Locator::Css("#input-field-phone")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("03-2222-2222"));
    shot(c, "5-conflict").await;

    // The 機器台帳: a device added with the blank form, then removed with its button.
    c.goto(&format!("{base}/devices")).await.unwrap();
    let adding = c.find(Locator::Id("asset-new")).await.unwrap();
    adding.find(Locator::Css("#input-field-new-name")).await.unwrap().send_keys("受付端末PC <b>1</b>").await.unwrap();
    adding.find(Locator::Css("#input-field-new-location")).await.unwrap().send_keys("受付").await.unwrap();
    adding.find(Locator::Css("#input-field-new-kind option[value=pc]")).await.unwrap().click().await.unwrap();
    adding.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    assert!(text_of(c, "#saved").await.contains("保存しました"));
    let written = std::fs::read_to_string(clinic.join("profile.yaml")).unwrap();
    assert!(written.contains("受付端末PC <b>1</b>") && written.contains("kind: pc"), "{written}");
    assert_eq!(text_of(c, "#asset-0 h2").await, "受付端末PC <b>1</b>");
    shot(c, "6-device-added").await;
    c.find(Locator::Css("#remove-asset-0 button")).await.unwrap().click().await.unwrap();
    assert!(text_of(c, "#removed").await.contains("削除しました"));
    let written = std::fs::read_to_string(clinic.join("profile.yaml")).unwrap();
    assert!(!written.contains("受付端末PC"), "{written}");

    // The yearly checklist, answered in the page from the same render.
    c.goto(&format!("{base}/")).await.unwrap();
    c.find(Locator::Id("show-checklist")).await.unwrap().click().await.unwrap();
    let counts = text_of(c, "#checklist-counts").await;
    assert!(counts.contains("はい") && counts.contains("未確認"), "{counts}");
    assert!(text_of(c, "#document").await.contains("医療情報システム安全管理責任者"));
    shot(c, "7-checklist").await;

    // A page of another site cannot post to the server.
    let attack = format!(
        "data:text/html,<form method=post action='{base}/facility'><input name=csrf value=x><input name=name value=x></form><script>document.forms[0].submit()</script>"
    );
    c.goto(&attack).await.unwrap();
    assert!(text_of(c, "body").await.contains("開けません"));

    // The whole folder as a ZIP, whose PDFs pdftotext reads.
    c.goto(&format!("{base}/")).await.unwrap();
    c.find(Locator::Id("download-zip")).await.unwrap().click().await.unwrap();
    let zip = wait_for_zip(downloads).await;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut pdf = Vec::new();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().map(|n| n.into_owned()).unwrap_or_default())
        .collect();
    let Ok(mut entry) = archive.by_name("security-policy.pdf") else { panic!("{names:?}") };
    entry.read_to_end(&mut pdf).unwrap();
    drop(entry);
    let pdf_path = downloads.join("security-policy.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let text = pdf_text(&pdf_path);
    assert!(text.contains("alert(1)"), "{text}");
}

/// The ZIP Chromium saved, once complete.
async fn wait_for_zip(folder: &Path) -> PathBuf {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(180) {
        let done = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|e| e == "zip"));
        if let Some(zip) = done {
            return zip;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("no ZIP was downloaded within 180 s");
}
