//! The server's guards and pages, through its router without a browser or a socket
//! (`tower::ServiceExt::oneshot`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use tower::ServiceExt;

use super::app::router;
use super::state::AppState;
use super::ServeConfig;

const PORT: u16 = 4321;
const HOST: &str = "127.0.0.1:4321";
const SAMPLE: &str = include_str!("../../content/samples/midori-clinic.yaml");

/// A server over a copy of the sample clinic (or no profile at all).
struct Fixture {
    _dir: tempfile::TempDir,
    profile: PathBuf,
    state: Arc<AppState>,
}

fn fixture(with_profile: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("clinic.yaml");
    if with_profile {
        std::fs::write(&profile, SAMPLE).unwrap();
    }
    let config = ServeConfig { profile: profile.clone(), output: dir.path().join("out"), port: PORT };
    let state = Arc::new(AppState::new(config, PORT).unwrap());
    Fixture { _dir: dir, profile, state }
}

fn block<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

impl Fixture {
    fn cookie(&self) -> String {
        format!("kitei-{PORT}={}", self.state.secrets.session)
    }

    fn send(&self, request: Request<Body>) -> (StatusCode, Response<()>, String) {
        block(async {
            let response = router(self.state.clone()).oneshot(request).await.unwrap();
            let (parts, body) = response.into_parts();
            let bytes = to_bytes(body, usize::MAX).await.unwrap();
            (parts.status, Response::from_parts(parts, ()), String::from_utf8_lossy(&bytes).into_owned())
        })
    }

    /// A GET with our Host and cookie.
    fn get(&self, uri: &str) -> (StatusCode, Response<()>, String) {
        let request = Request::get(uri).header(header::HOST, HOST).header(header::COOKIE, self.cookie());
        self.send(request.body(Body::empty()).unwrap())
    }

    /// A same-origin form POST with our Host, cookie and form token.
    fn post(&self, uri: &str, fields: &[(&str, &str)]) -> (StatusCode, Response<()>, String) {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("csrf", self.state.secrets.form());
        for (k, v) in fields {
            form.append_pair(k, v);
        }
        let request = Request::post(uri)
            .header(header::HOST, HOST)
            .header(header::COOKIE, self.cookie())
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(request.body(Body::from(form.finish())).unwrap())
    }
}

fn location(response: &Response<()>) -> &str {
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[test]
fn without_the_token_nothing_opens() {
    let f = fixture(true);
    let request = Request::get("/").header(header::HOST, HOST).body(Body::empty()).unwrap();
    let (status, response, body) = f.send(request);
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("token="), "{body}");
    assert!(response.headers().contains_key("content-security-policy"));
    let wrong = Request::get("/?token=0000").header(header::HOST, HOST).body(Body::empty()).unwrap();
    assert_eq!(f.send(wrong).0, StatusCode::FORBIDDEN);
    let stolen = Request::get("/").header(header::HOST, HOST).header(header::COOKIE, format!("kitei-{PORT}=abc"));
    assert_eq!(f.send(stolen.body(Body::empty()).unwrap()).0, StatusCode::FORBIDDEN);
}

#[test]
fn the_token_becomes_an_http_only_cookie_and_leaves_the_address() {
    let f = fixture(true);
    let uri = format!("/facility?token={}", f.state.secrets.token());
    let (status, response, _) = f.send(Request::get(uri).header(header::HOST, HOST).body(Body::empty()).unwrap());
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/facility");
    let cookie = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with(&f.cookie()), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert_eq!(response.headers().get("referrer-policy").unwrap(), "no-referrer");
}

#[test]
fn another_host_is_refused_even_with_the_cookie() {
    let f = fixture(true);
    for host in ["evil.example:4321", "127.0.0.1:80", "127.0.0.1", "localhost.evil.example:4321"] {
        let request = Request::get("/").header(header::HOST, host).header(header::COOKIE, f.cookie());
        assert_eq!(f.send(request.body(Body::empty()).unwrap()).0, StatusCode::FORBIDDEN, "{host}");
    }
    let absolute = Request::get("http://evil.example/").header(header::HOST, HOST).header(header::COOKIE, f.cookie());
    assert_eq!(f.send(absolute.body(Body::empty()).unwrap()).0, StatusCode::FORBIDDEN);
    let localhost =
        Request::get("/assets/style.css").header(header::HOST, "localhost:4321").header(header::COOKIE, f.cookie());
    assert_eq!(f.send(localhost.body(Body::empty()).unwrap()).0, StatusCode::OK);
}

#[test]
fn a_cross_site_post_is_refused_and_nothing_is_written() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let body = format!("csrf={}&name=x", f.state.secrets.form());
    let attempts: [&[(&str, &str)]; 5] = [
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site")],
        &[("origin", "http://127.0.0.1:9999")],
        &[("origin", "null")],
        &[],
    ];
    for headers in attempts {
        let mut request = Request::post("/facility")
            .header(header::HOST, HOST)
            .header(header::COOKIE, f.cookie())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let (status, _, _) = f.send(request.body(Body::from(body.clone())).unwrap());
        assert_eq!(status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    // Same origin but without the form token.
    let request = Request::post("/facility")
        .header(header::HOST, HOST)
        .header(header::COOKIE, f.cookie())
        .header(header::ORIGIN, "http://127.0.0.1:4321")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    assert_eq!(f.send(request.body(Body::from("name=x")).unwrap()).0, StatusCode::FORBIDDEN);
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn no_address_reaches_a_file() {
    let f = fixture(true);
    let paths = [
        "/..",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e%2fclinic.yaml",
        "/assets/..%5c..%5cclinic.yaml",
        "/assets/style.css%00.yaml",
        "/assets/%2fetc%2fpasswd",
        "/download/..%2fclinic.yaml",
        "/download/%2e%2e%2fclinic.pdf",
        "/download/clinic.yaml",
        "/download/security-policy.pdf%00",
        "/documents/..%2f..%2fetc%2fpasswd",
        "/documents/%2e%2e",
        "/clinic.yaml",
        "//etc/passwd",
    ];
    for path in paths {
        let (status, _, body) = f.get(path);
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert!(!body.contains("midorikawa") && !body.contains("root:"), "{path}");
    }
}

#[test]
fn every_response_carries_the_security_headers() {
    let f = fixture(true);
    let (_, response, _) = f.get("/assets/style.css");
    let csp = response.headers().get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(response.headers().get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
    assert!(!response.headers().contains_key("access-control-allow-origin"));
}

#[test]
fn the_first_visit_asks_and_writes_the_starter_profile() {
    let f = fixture(false);
    let (status, response, _) = f.get("/");
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/start"));
    let (status, _, body) = f.get("/start");
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("専任") && body.contains("スキャナ"), "{body}");
    let answers = [("hosting", "on-premises"), ("dedicated_staff", "yes"), ("e_signature", "no"), ("scanning", "yes")];
    let (status, response, _) = f.post("/start", &answers);
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/"));
    let written = std::fs::read_to_string(&f.profile).unwrap();
    let expected = crate::starter::starter_profile(&crate::starter::StarterAnswers {
        cloud: false,
        dedicated_staff: true,
        e_signature: false,
        scanning: true,
    });
    assert_eq!(written, expected);
    // A second answer never overwrites it.
    let (status, _, _) = f.post("/start", &answers);
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(std::fs::read_to_string(&f.profile).unwrap(), expected);
}

#[test]
fn the_dashboard_shows_the_pattern_the_open_items_and_the_documents() {
    let f = fixture(true);
    let (status, _, body) = f.get("/");
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("医療法人みどり会"), "{body}");
    assert!(body.contains("参照パターン"), "{body}");
    assert!(body.contains("/documents/security-policy"), "{body}");
    let (status, _, page) = f.get("/documents/security-policy");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h"), "{page}");
    assert!(!page.contains("<!--"), "raw HTML comments reach the preview");
}

fn version_in(page: &str) -> String {
    let at = page.find("name=\"file_version\" value=\"").unwrap() + "name=\"file_version\" value=\"".len();
    page[at..at + 64].to_owned()
}

#[test]
fn a_save_keeps_comments_backs_up_and_hostile_text_stays_inert() {
    let f = fixture(true);
    let (_, _, page) = f.get("/facility");
    let hostile = "<script>alert(1)</script> #set page(x) **太字** [x](javascript:alert(1))";
    let fields = [("file_version", version_in(&page)), ("name", hostile.to_owned())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, response, body) = f.post("/facility", &fields);
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/facility?saved=1"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert!(written.starts_with(SAMPLE.lines().next().unwrap()), "the first comment is kept");
    let parsed: serde_json::Value = serde_saphyr::from_str(&written).unwrap();
    assert_eq!(parsed["facility"]["name"], hostile);
    let backups = std::fs::read_dir(f.profile.parent().unwrap().join(".kitei/backup")).unwrap().count();
    assert_eq!(backups, 1);
    let (_, _, page) = f.get("/facility");
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"), "{page}");
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("<script>"), "{dashboard}");
    let (_, _, document) = f.get("/documents/security-policy");
    assert!(!document.contains("<script>") && !document.contains("<strong>太字"), "{document}");
}

#[test]
fn an_invalid_value_is_shown_beside_its_field_and_nothing_is_saved() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/facility");
    let version = version_in(&page);
    let (status, _, body) =
        f.post("/facility", &[("file_version", &version), ("beds", "たくさん"), ("kind", "castle")]);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("整数") && body.contains("一覧から選んで"), "{body}");
    assert!(body.contains("たくさん"), "the input is kept: {body}");
    let (status, _, body) = f.post("/facility", &[("file_version", &version), ("name", "")]);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Values only the profile's checks refuse: a bidi override, and 10,000 characters.
    let long = "長".repeat(10_000);
    for value in ["名前\u{202e}逆", long.as_str()] {
        let (status, _, body) = f.post("/facility", &[("file_version", &version), ("name", value)]);
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let field = body.find("id=\"field-name\"").unwrap();
        let next = body[field..].find("id=\"field-kind\"").unwrap() + field;
        assert!(body[field..next].contains("class=\"error problem\""), "{}", &body[field..next]);
    }
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn a_second_tab_gets_409_and_keeps_its_input() {
    let f = fixture(true);
    let (_, _, page) = f.get("/facility");
    let version = version_in(&page);
    let (status, _, _) = f.post("/facility", &[("file_version", &version), ("phone", "048-111-1111")]);
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after_first = std::fs::read(&f.profile).unwrap();
    let (status, _, body) = f.post("/facility", &[("file_version", &version), ("phone", "048-222-2222")]);
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("048-222-2222") && body.contains("048-111-1111"), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), after_first);
}

#[test]
fn a_system_is_saved_by_its_key() {
    let f = fixture(true);
    let (status, _, page) = f.get("/systems");
    assert_eq!(status, StatusCode::OK);
    let data: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    let key = data["systems"][1]["key"].as_str().unwrap().to_owned();
    let fields = [("file_version", version_in(&page)), ("system", key), ("rto_hours", "12".to_owned())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = f.post("/systems", &fields);
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let parsed: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&f.profile).unwrap()).unwrap();
    assert_eq!(parsed["systems"][1]["rto_hours"], 12);
    let unknown = [("file_version", version_in(&f.get("/systems").2)), ("system", "nothing".to_owned())];
    let unknown: Vec<(&str, &str)> = unknown.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(f.post("/systems", &unknown).0, StatusCode::NOT_FOUND);
}

/// Every sample and starter profile: a save that changes nothing keeps every value, and a save of
/// one field changes only that field.
#[test]
fn profiles_round_trip() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/samples");
    let mut texts: Vec<String> = std::fs::read_dir(samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".records.yaml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for bits in 0..16u8 {
        let answers = crate::starter::StarterAnswers {
            cloud: bits & 1 != 0,
            dedicated_staff: bits & 2 != 0,
            e_signature: bits & 4 != 0,
            scanning: bits & 8 != 0,
        };
        texts.push(crate::starter::starter_profile(&answers));
    }
    use super::edit::{patch, Change, NewValue, Step};
    for text in &texts {
        let data: serde_json::Value = serde_saphyr::from_str(text).unwrap();
        let name = data["facility"]["name"].as_str().unwrap().to_owned();
        let same =
            Change { path: vec![Step::Key("facility".into()), Step::Key("name".into())], value: NewValue::Text(name) };
        let out = patch(text, &[same]).unwrap();
        assert_eq!(serde_saphyr::from_str::<serde_json::Value>(&out).unwrap(), data);
        let rto = Change {
            path: vec![Step::Key("systems".into()), Step::Index(0), Step::Key("rto_hours".into())],
            value: NewValue::Int(6),
        };
        let out = patch(text, &[rto]).unwrap();
        let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).count();
        assert_eq!(comments(&out), comments(text));
    }
}

#[test]
fn the_approve_button_records_an_approval_as_kitei_approve_does() {
    let f = fixture(false);
    let answers = [("hosting", "cloud"), ("dedicated_staff", "no"), ("e_signature", "no"), ("scanning", "no")];
    assert_eq!(f.post("/start", &answers).0, StatusCode::SEE_OTHER);
    let refused = f.post("/approve", &[("by", "director"), ("date", "2026-04-01")]);
    assert_eq!(refused.0, StatusCode::INTERNAL_SERVER_ERROR, "open items refuse an approval: {}", refused.2);
    assert!(refused.2.contains("まだ決めていないこと") && refused.2.contains("残っていても承認する"), "{}", refused.2);
    assert!(!refused.2.contains("--allow-open") && !refused.2.contains("rules."), "no CLI flag nor key: {}", refused.2);
    let (status, response, body) =
        f.post("/approve", &[("by", "director"), ("date", "2026-04-01"), ("allow_open", "yes")]);
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/?approved=1"), "{body}");
    let approvals = crate::approvals::Approvals::beside(&f.profile).unwrap();
    assert_eq!(approvals.next_seq(), 2);
    // A date before the last approval is refused in the page's words (a date field, no flags).
    let earlier = f.post("/approve", &[("by", "director"), ("date", "2026-03-01"), ("allow_open", "yes")]);
    assert_eq!(earlier.0, StatusCode::INTERNAL_SERVER_ERROR, "{}", earlier.2);
    assert!(earlier.2.contains("前に承認した日（令和8年4月1日）より前"), "{}", earlier.2);
    assert!(!earlier.2.contains("--"), "no command-line flag: {}", earlier.2);
    let (status, response, _) = f.get("/download/checklist.xlsx");
    assert_eq!(status, StatusCode::OK);
    let disposition = response.headers().get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"checklist-") && disposition.contains(".xlsx"),
        "{disposition}"
    );
    let (_, _, dashboard) = f.get("/?approved=1");
    assert!(dashboard.contains("id=\"approved\""), "{dashboard}");
}

#[test]
fn a_rule_the_starter_leaves_open_is_decided_on_its_page_and_leaves_the_open_items() {
    let f = fixture(false);
    let answers = [("hosting", "cloud"), ("dedicated_staff", "no"), ("e_signature", "no"), ("scanning", "no")];
    assert_eq!(f.post("/start", &answers).0, StatusCode::SEE_OTHER);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("rules#field-lockout_attempts"), "{dashboard}");
    let (status, _, page) = f.get("/rules");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("禁止") || page.contains("prohibited"), "{page}");
    let fields = [
        ("file_version", version_in(&page)),
        ("lockout_attempts", "10".into()),
        ("external_media", "prohibited".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = f.post("/rules", &fields);
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert!(written.contains("# 施設の規則。"), "the comments stay: {written}");
    let parsed: serde_json::Value = serde_saphyr::from_str(&written).unwrap();
    assert_eq!(parsed["rules"]["lockout_attempts"], 10);
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("rules#field-lockout_attempts"), "{dashboard}");
    assert!(dashboard.contains("rules#field-take_out"), "{dashboard}");
}

/// The fields of a POST, with the version of `page`.
fn with_version<'a>(page: &str, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut all = vec![("file_version", version_in(page))];
    all.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    all
}

fn pairs<'a>(fields: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn a_vendor_is_saved_by_its_key_and_the_comments_stay() {
    let f = fixture(true);
    let (status, _, page) = f.get("/vendors");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"vendor-saitama-system\"") && page.contains("name=\"vendor\""), "{page}");
    assert!(page.contains("id=\"field-saitama-system-contract-confirmed\""), "{page}");
    assert!(page.contains("IPsec"), "the transports are choices in Japanese: {page}");
    assert!(!page.contains("vendors の key"), "no profile key in the help: {page}");
    let fields = with_version(
        &page,
        &[
            ("vendor", "iryo-cloud"),
            ("contract.confirmed", "2026-04-01"),
            ("contact.email", "support@example.jp"),
            ("contract.remote_maintenance", "false"),
        ],
    );
    let (status, response, body) = f.post("/vendors", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/vendors?saved=1#vendor-iryo-cloud"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).count();
    assert_eq!(comments(&written), comments(SAMPLE));
    let parsed: serde_json::Value = serde_saphyr::from_str(&written).unwrap();
    let mut expected: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    expected["vendors"][1]["contract"]["confirmed"] = "2026-04-01".into();
    expected["vendors"][1]["contact"]["email"] = "support@example.jp".into();
    assert_eq!(parsed, expected, "only the changed fields changed; an absent no stays absent");
    let unknown = with_version(&f.get("/vendors").2, &[("vendor", "nobody")]);
    assert_eq!(f.post("/vendors", &pairs(&unknown)).0, StatusCode::NOT_FOUND);
}

#[test]
fn an_invalid_vendor_value_is_shown_beside_its_field_and_nothing_is_saved() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/vendors");
    let fields = with_version(
        &page,
        &[
            ("vendor", "saitama-system"),
            ("contract.confirmed", "来月"),
            ("contract.remote_transport", "carrier-pigeon"),
        ],
    );
    let (status, _, body) = f.post("/vendors", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let field = body.find("id=\"field-saitama-system-contract-confirmed\"").unwrap();
    let next = body[field..].find("id=\"field-saitama-system-contract-remote_maintenance\"").unwrap() + field;
    assert!(body[field..next].contains("日付") && body[field..next].contains("来月"), "{}", &body[field..next]);
    assert!(body.contains("一覧から選んで"), "{body}");
    // A value only the profile's checks refuse: a required name emptied, a bidi override.
    for (key, value) in [("name", ""), ("contact.phone", "048\u{202e}1")] {
        let fields = with_version(&page, &[("vendor", "saitama-system"), (key, value)]);
        let (status, _, body) = f.post("/vendors", &pairs(&fields));
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{key}: {body}");
        assert!(body.contains("id=\"invalid\""), "{body}");
    }
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn hostile_vendor_text_is_stored_as_text_and_shown_inert() {
    let f = fixture(true);
    let (_, _, page) = f.get("/vendors");
    let hostile = "<script>alert(1)</script> #set page(x) **太字** {{ csrf }}";
    let fields = with_version(&page, &[("vendor", "saitama-system"), ("contact.hours", hostile)]);
    let (status, _, body) = f.post("/vendors", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let parsed: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&f.profile).unwrap()).unwrap();
    assert_eq!(parsed["vendors"][0]["contact"]["hours"], hostile);
    let (_, _, page) = f.get("/vendors");
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"), "{page}");
    assert!(page.contains("{{ csrf }}"), "user text is not a template: {page}");
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("<script>"), "{dashboard}");
}

#[test]
fn a_stale_vendor_form_gets_409_and_keeps_its_input() {
    let f = fixture(true);
    let (_, _, page) = f.get("/vendors");
    let first = with_version(&page, &[("vendor", "saitama-system"), ("contact.hours", "平日9時〜17時")]);
    assert_eq!(f.post("/vendors", &pairs(&first)).0, StatusCode::SEE_OTHER);
    let after_first = std::fs::read(&f.profile).unwrap();
    let second = with_version(&page, &[("vendor", "saitama-system"), ("contact.hours", "平日8時〜20時")]);
    let (status, _, body) = f.post("/vendors", &pairs(&second));
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("平日8時〜20時") && body.contains("保存されている値: 平日9時〜17時"), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), after_first);
}

#[test]
fn a_vendor_open_item_links_to_its_field_and_leaves_when_decided() {
    let f = fixture(true);
    let (_, _, page) = f.get("/vendors");
    let open = with_version(&page, &[("vendor", "iryo-cloud"), ("contract.bcp_procedure", "")]);
    assert_eq!(f.post("/vendors", &pairs(&open)).0, StatusCode::SEE_OTHER);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("vendors#field-iryo-cloud-contract-bcp_procedure"), "{dashboard}");
    let decided = with_version(&f.get("/vendors").2, &[("vendor", "iryo-cloud"), ("contract.bcp_procedure", "true")]);
    assert_eq!(f.post("/vendors", &pairs(&decided)).0, StatusCode::SEE_OTHER);
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("vendors#field-iryo-cloud-contract-bcp_procedure"), "{dashboard}");
}

#[test]
fn an_emergency_contact_is_saved_by_its_place() {
    let f = fixture(true);
    let (status, _, page) = f.get("/contacts");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"contact-1\"") && page.contains("name=\"contact\""), "{page}");
    let fields = with_version(&page, &[("contact", "1"), ("phone", "048-830-1111"), ("note", "")]);
    let (status, _, body) = f.post("/contacts", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let parsed: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&f.profile).unwrap()).unwrap();
    assert_eq!(parsed["emergency_contacts"][1]["phone"], "048-830-1111");
    assert!(parsed["emergency_contacts"][1].get("note").is_none());
    assert_eq!(parsed["emergency_contacts"][0]["phone"], "#9110");
    let bad = with_version(&f.get("/contacts").2, &[("contact", "0"), ("kind", "fire-brigade")]);
    assert_eq!(f.post("/contacts", &pairs(&bad)).0, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The parsed profile as it is on disk.
fn on_disk(f: &Fixture) -> serde_json::Value {
    serde_saphyr::from_str(&std::fs::read_to_string(&f.profile).unwrap()).unwrap()
}

fn comments(text: &str) -> usize {
    text.lines().filter(|l| l.trim_start().starts_with('#')).count()
}

/// The part of `page` from `id`'s element up to the next field.
fn field_part<'p>(page: &'p str, id: &str) -> &'p str {
    let at = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}: {page}"));
    let end = page[at + 1..].find("class=\"field").map_or(page.len(), |n| n + at + 1);
    &page[at..end]
}

#[test]
fn a_person_is_saved_by_their_key_and_no_key_is_shown() {
    let f = fixture(true);
    let (status, _, page) = f.get("/people");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"person-nishida\"") && page.contains("西田 恵子"), "{page}");
    assert!(!page.contains("people の key") && !page.contains(">midorikawa<"), "no profile key shown: {page}");
    let hostile = "<img src=x onerror=alert(1)> {{ csrf }}";
    let fields = with_version(&page, &[("person", "ueno"), ("position", hostile), ("email", "ueno@example.jp")]);
    let (status, response, body) = f.post("/people", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/people?saved=1#person-ueno"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&written), comments(SAMPLE));
    let mut expected: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    expected["people"][2]["position"] = hostile.into();
    expected["people"][2]["email"] = "ueno@example.jp".into();
    assert_eq!(on_disk(&f), expected, "only the changed fields changed");
    let (_, _, page) = f.get("/people");
    assert!(page.contains("&lt;img") && !page.contains("<img"), "{page}");
    // The roles page offers people by name and position, the hostile one escaped.
    let (_, _, roles) = f.get("/roles");
    assert!(!roles.contains("<img"), "{roles}");
}

#[test]
fn an_invalid_person_is_refused_beside_the_field_and_a_stale_form_gets_409() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/people");
    let fields = with_version(&page, &[("person", "hayashi"), ("name", "")]);
    let (status, _, body) = f.post("/people", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(field_part(&body, "field-hayashi-name").contains("入力してください"), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
    let first = with_version(&page, &[("person", "hayashi"), ("phone", "内線 31")]);
    assert_eq!(f.post("/people", &pairs(&first)).0, StatusCode::SEE_OTHER);
    let after_first = std::fs::read(&f.profile).unwrap();
    let second = with_version(&page, &[("person", "hayashi"), ("phone", "内線 32")]);
    let (status, _, body) = f.post("/people", &pairs(&second));
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("内線 32") && body.contains("保存されている値: 内線 31"), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), after_first);
}

#[test]
fn a_post_and_its_deputy_are_chosen_from_the_people() {
    let f = fixture(true);
    let (status, _, page) = f.get("/roles");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"role-management\"") && page.contains("企画管理者"), "{page}");
    assert!(page.contains("上野 聡（医事課主任）"), "people are choices by name: {page}");
    let fields = with_version(&page, &[("role", "management"), ("deputy", "hayashi")]);
    let (status, response, body) = f.post("/roles", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/roles?saved=1#role-management"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&written), comments(SAMPLE));
    let mut expected: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    expected["roles"]["management"]["deputy"] = "hayashi".into();
    assert_eq!(on_disk(&f), expected);
    // An optional post not in the file is set up by choosing its person.
    let fields = with_version(&f.get("/roles").2, &[("role", "audit"), ("person", "hayashi"), ("title", "監査担当")]);
    assert_eq!(f.post("/roles", &pairs(&fields)).0, StatusCode::SEE_OTHER);
    assert_eq!(on_disk(&f)["roles"]["audit"]["title"], "監査担当");
}

#[test]
fn a_post_cannot_be_its_own_deputy_nor_name_a_stranger() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/roles");
    let fields = with_version(&page, &[("role", "operations"), ("deputy", "ueno")]);
    let (status, _, body) = f.post("/roles", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problem = field_part(&body, "field-operations-deputy");
    assert!(problem.contains("上野 聡") && problem.contains("problem"), "the check's message, by name: {problem}");
    assert!(!problem.contains("`ueno`"), "no key in the message: {problem}");
    let fields = with_version(&page, &[("role", "operations"), ("person", "nobody")]);
    let (status, _, body) = f.post("/roles", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_part(&body, "field-operations-person").contains("一覧から選んで"), "{body}");
    let unknown = with_version(&page, &[("role", "king"), ("person", "ueno")]);
    assert_eq!(f.post("/roles", &pairs(&unknown)).0, StatusCode::NOT_FOUND);
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn a_missing_deputy_links_to_its_field_on_the_roles_page() {
    let f = fixture(true);
    let (_, _, page) = f.get("/roles");
    let fields = with_version(&page, &[("role", "management"), ("deputy", "")]);
    assert_eq!(f.post("/roles", &pairs(&fields)).0, StatusCode::SEE_OTHER);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("roles#field-management-deputy"), "{dashboard}");
    let (_, _, page) = f.get("/roles");
    assert!(page.contains("id=\"field-management-deputy\""), "{page}");
}

#[test]
fn the_network_page_saves_its_answers_and_an_absent_internet_reads_as_yes() {
    let f = fixture(true);
    let (status, _, page) = f.get("/network");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("無線"), "{page}");
    let fields = with_version(&page, &[("wireless_lan", "false"), ("remote_access", "true"), ("internet", "true")]);
    let (status, _, body) = f.post("/network", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let mut expected: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    expected["network"]["wireless_lan"] = false.into();
    expected["network"]["remote_access"] = true.into();
    assert_eq!(on_disk(&f), expected);
    let bad = with_version(&f.get("/network").2, &[("internet", "maybe")]);
    assert_eq!(f.post("/network", &pairs(&bad)).0, StatusCode::UNPROCESSABLE_ENTITY);
    // A profile without `internet:` shows はい, and saving it unchanged writes nothing.
    let text = std::fs::read_to_string(&f.profile).unwrap().replacen("\n  internet: true\n", "\n", 1);
    std::fs::write(&f.profile, &text).unwrap();
    let (_, _, page) = f.get("/network");
    assert!(field_part(&page, "field-internet").contains("value=\"true\" selected"), "{page}");
    let same = with_version(&page, &[("internet", "true")]);
    assert_eq!(f.post("/network", &pairs(&same)).0, StatusCode::SEE_OTHER);
    assert_eq!(std::fs::read_to_string(&f.profile).unwrap(), text);
}

#[test]
fn an_undecided_internet_exit_links_to_the_network_page_where_it_is_written() {
    let f = fixture(true);
    // The clinic without its exit: a 課題一覧 row that opens the network page at the exit's line.
    let text = std::fs::read_to_string(&f.profile).unwrap();
    let start = text.find("  exit:").unwrap();
    let end = start + text[start..].find("  segments:").unwrap();
    std::fs::write(&f.profile, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("network#field-exit-line"), "{dashboard}");
    let (_, _, page) = f.get("/network");
    assert!(page.contains("id=\"field-exit-line\""), "{page}");
    let fields = with_version(
        &page,
        &[("exit.line", "光回線"), ("exit.device", "院内ルータ"), ("exit.managed_by", "saitama-system")],
    );
    let (status, _, body) = f.post("/network", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let saved = on_disk(&f);
    assert_eq!(saved["network"]["exit"]["device"], "院内ルータ");
    assert_eq!(saved["network"]["exit"]["managed_by"], "saitama-system");
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("network#field-exit-line"), "{dashboard}");
}

#[test]
fn a_device_is_added_to_a_profile_without_a_ledger_then_edited_and_removed() {
    let f = fixture(true);
    let (status, _, page) = f.get("/devices");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"asset-new\"") && page.contains("action=\"&#x2F;devices&#x2F;add\""), "{page}");
    assert!(page.contains("医療機器"), "kinds are choices in Japanese: {page}");
    let bad =
        with_version(&page, &[("name", "サーバ"), ("kind", "server"), ("location", ""), ("support_end", "いつか")]);
    let (status, _, body) = f.post("/devices/add", &pairs(&bad));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(field_part(&body, "field-new-support_end").contains("日付"), "{body}");
    assert!(field_part(&body, "field-new-location").contains("入力してください"), "{body}");
    assert_eq!(std::fs::read_to_string(&f.profile).unwrap(), SAMPLE, "nothing written");
    let hostile = "<b>NAS</b> # 本当";
    let fields = with_version(
        &page,
        &[
            ("name", hostile),
            ("kind", "server"),
            ("location", "2階 サーバ室"),
            ("system", "ehr"),
            ("vendor", "saitama-system"),
            ("manager", "運用管理者"),
            ("users", "医師・看護師"),
            ("version", "5.2"),
            ("capacity", "4TB"),
            ("support_end", "2030-03-31"),
            ("remote_maintenance", "true"),
            ("two_factor", "false"),
        ],
    );
    let (status, response, body) = f.post("/devices/add", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/devices?saved=1#asset-0"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&written), comments(SAMPLE));
    let parsed = on_disk(&f);
    let asset = &parsed["assets"][0];
    assert_eq!(asset["name"], hostile);
    assert_eq!(asset["support_end"], "2030-03-31");
    assert_eq!(asset["version"], "5.2", "a version stays text");
    assert_eq!(asset["system"], "ehr");
    let (_, _, page) = f.get("/devices");
    assert!(page.contains("&lt;b&gt;NAS") && !page.contains("<b>NAS"), "{page}");
    let edit = with_version(&page, &[("asset", "0"), ("capacity", "8TB")]);
    assert_eq!(f.post("/devices", &pairs(&edit)).0, StatusCode::SEE_OTHER);
    assert_eq!(on_disk(&f)["assets"][0]["capacity"], "8TB");
    let remove = with_version(&f.get("/devices").2, &[("asset", "0")]);
    let (status, response, body) = f.post("/devices/remove", &pairs(&remove));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/devices?removed=1"), "{body}");
    assert!(on_disk(&f)["assets"].as_array().unwrap().is_empty());
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("devices#asset-new"), "an empty ledger links to the add form: {dashboard}");
    let (_, _, page) = f.get("/devices?removed=1");
    assert!(page.contains("id=\"removed\""), "{page}");
}

#[test]
fn a_system_and_a_vendor_are_added_with_keys_the_user_never_types() {
    let f = fixture(true);
    let (_, _, page) = f.get("/vendors");
    let fields = with_version(&page, &[("name", "株式会社あたらし")]);
    let (status, response, body) = f.post("/vendors/add", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/vendors?saved=1#vendor-vendor-3"), "{body}");
    let (_, _, page) = f.get("/systems");
    assert!(page.contains("株式会社あたらし"), "the new vendor is a choice: {page}");
    let fields = with_version(
        &page,
        &[
            ("name", "Web問診"),
            ("kind", "web-booking"),
            ("hosting", "cloud"),
            ("vendor", "vendor-3"),
            ("medical_information", "true"),
            ("priority", "3"),
        ],
    );
    let (status, response, body) = f.post("/systems/add", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/systems?saved=1#system-system-4"), "{body}");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&written), comments(SAMPLE));
    let parsed = on_disk(&f);
    assert_eq!(parsed["systems"][3]["vendor"], "vendor-3");
    assert_eq!(parsed["systems"][3]["priority"], 3);
    assert_eq!(parsed["vendors"][2]["name"], "株式会社あたらし");
    let mut before: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    before["systems"].as_array_mut().unwrap().truncate(3);
    let mut now = parsed.clone();
    now["systems"].as_array_mut().unwrap().truncate(3);
    now["vendors"].as_array_mut().unwrap().truncate(2);
    assert_eq!(now, before, "the other items are untouched");
    // A kind that is not one of the choices is refused beside its field.
    let bad = with_version(&f.get("/systems").2, &[("name", "x"), ("kind", "mainframe"), ("hosting", "cloud")]);
    let (status, _, body) = f.post("/systems/add", &pairs(&bad));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_part(&body, "field-new-kind").contains("一覧から選んで"), "{body}");
}

#[test]
fn a_vendor_a_system_still_names_cannot_be_removed() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/vendors");
    assert!(page.contains("id=\"remove-vendor-saitama-system\""), "{page}");
    let fields = with_version(&page, &[("vendor", "saitama-system")]);
    let (status, _, body) = f.post("/vendors/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("電子カルテ「ミドリカルテ」") && body.contains("削除できません"), "{body}");
    let refusal = &body[body.find("<p class=\"error\">").unwrap()..];
    let refusal = &refusal[..refusal.find("</p>").unwrap()];
    assert!(refusal.contains("保守用VPNルータ"), "the network's VPN router names it too: {refusal}");
    assert!(!refusal.contains("vendor") && !refusal.contains("saitama"), "no profile key in the refusal: {refusal}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
    // Once nothing names it (here: a vendor just added), it goes.
    let added = with_version(&page, &[("name", "消える会社")]);
    assert_eq!(f.post("/vendors/add", &pairs(&added)).0, StatusCode::SEE_OTHER);
    let fields = with_version(&f.get("/vendors").2, &[("vendor", "vendor-3")]);
    let (status, _, body) = f.post("/vendors/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(on_disk(&f), serde_saphyr::from_str::<serde_json::Value>(SAMPLE).unwrap());
    let unknown = with_version(&f.get("/vendors").2, &[("vendor", "vendor-3")]);
    assert_eq!(f.post("/vendors/remove", &pairs(&unknown)).0, StatusCode::NOT_FOUND);
}

#[test]
fn a_missing_contact_links_to_the_add_form_and_a_stale_removal_gets_409() {
    let f = fixture(true);
    let (_, _, page) = f.get("/contacts");
    let fields = with_version(&page, &[("contact", "0")]);
    let (status, _, body) = f.post("/contacts/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(on_disk(&f)["emergency_contacts"].as_array().unwrap().len(), 2);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("contacts#contact-new"), "{dashboard}");
    // The same stale form again: the contacts moved, nothing is removed.
    let after = std::fs::read(&f.profile).unwrap();
    let (status, _, body) = f.post("/contacts/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("id=\"conflict\""), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), after);
    let (_, _, page) = f.get("/contacts");
    let stale = version_in(&page);
    let add = with_version(&page, &[("kind", "police"), ("name", "警察相談専用電話"), ("phone", "#9110")]);
    let (status, response, body) = f.post("/contacts/add", &pairs(&add));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/contacts?saved=1#contact-2"), "{body}");
    let (_, _, dashboard) = f.get("/");
    assert!(!dashboard.contains("contacts#contact-new"), "{dashboard}");
    // An add form made before that save is a conflict too, and keeps its input.
    let again = [("file_version", stale), ("kind", "mhlw".into()), ("name", "厚労省".into()), ("phone", "03".into())];
    let (status, _, body) = f.post("/contacts/add", &pairs(&again));
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("厚労省"), "{body}");
    assert_eq!(on_disk(&f)["emergency_contacts"].as_array().unwrap().len(), 3);
}

#[test]
fn adding_and_removing_need_the_form_token() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/contacts");
    for path in ["/contacts/remove", "/contacts/add", "/devices/add", "/vendors/remove"] {
        let body = format!("version={}&contact=0&vendor=saitama-system&name=x&kind=police&phone=1", version_in(&page));
        let request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, f.cookie())
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        assert_eq!(f.send(request.body(Body::from(body)).unwrap()).0, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn the_network_page_lists_its_vpn_devices_which_are_added_edited_and_removed() {
    let f = fixture(true);
    let (status, _, page) = f.get("/network");
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("id=\"network\"") && page.contains("id=\"device-0\"") && page.contains("保守用VPNルータ"),
        "{page}"
    );
    assert!(page.contains("id=\"device-new\""), "{page}");
    let fields = with_version(&page, &[("device", "0"), ("managed_by", "")]);
    let (status, response, body) = f.post("/network/devices", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/network?saved=1#device-0"), "{body}");
    let mut expected: serde_json::Value = serde_saphyr::from_str(SAMPLE).unwrap();
    expected["network"]["vpn_devices"][0].as_object_mut().unwrap().remove("managed_by");
    assert_eq!(on_disk(&f), expected);
    let bad = with_version(&f.get("/network").2, &[("device", "0"), ("managed_by", "nobody")]);
    let (status, _, body) = f.post("/network/devices", &pairs(&bad));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_part(&body, "field-0-managed_by").contains("一覧から選んで"), "{body}");
    let blank = with_version(&f.get("/network").2, &[("name", " ")]);
    let (status, _, body) = f.post("/network/devices/add", &pairs(&blank));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_part(&body, "field-new-name").contains("入力してください"), "{body}");
    assert!(body.contains("id=\"network\"") && body.contains("id=\"device-0\""), "the whole page stays: {body}");
    let add = with_version(&f.get("/network").2, &[("name", "院内ルータ"), ("managed_by", "iryo-cloud")]);
    let (status, response, body) = f.post("/network/devices/add", &pairs(&add));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/network?saved=1#device-1"), "{body}");
    assert_eq!(on_disk(&f)["network"]["vpn_devices"][1]["managed_by"], "iryo-cloud");
    let remove = with_version(&f.get("/network").2, &[("device", "0")]);
    assert_eq!(f.post("/network/devices/remove", &pairs(&remove)).0, StatusCode::SEE_OTHER);
    let devices = on_disk(&f)["network"]["vpn_devices"].clone();
    assert_eq!(devices.as_array().unwrap().len(), 1);
    assert_eq!(devices[0]["name"], "院内ルータ");
    let written = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&written), comments(SAMPLE));
}

#[test]
fn a_checks_refusal_names_fields_and_vendors_in_words() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/vendors");
    let fields = with_version(&page, &[("vendor", "saitama-system"), ("contract.remote_maintenance", "false")]);
    let (status, _, body) = f.post("/vendors", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problems: Vec<&str> = body.split("class=\"error").skip(1).map(|p| &p[..p.find("</p>").unwrap()]).collect();
    assert!(problems.iter().any(|p| p.contains("リモート保守の通信方式")), "{problems:?}");
    for p in &problems {
        assert!(!p.contains("remote_") && !p.contains("saitama") && !p.contains("true"), "{p}");
    }
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
}

#[test]
fn a_person_is_added_and_one_still_holding_a_post_is_not_removed() {
    let f = fixture(true);
    let (_, _, page) = f.get("/people");
    let fields = with_version(&page, &[("person", "midorikawa")]);
    let (status, _, body) = f.post("/people/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let refusal = &body[body.find("<p class=\"error\">").unwrap()..];
    let refusal = &refusal[..refusal.find("</p>").unwrap()];
    assert!(refusal.contains("施設の基本情報") && refusal.contains("役割と代理"), "{refusal}");
    assert!(refusal.contains("承認する人"), "{refusal}");
    assert_eq!(refusal.matches("役割と代理").count(), 1, "each page once: {refusal}");
    assert_eq!(std::fs::read_to_string(&f.profile).unwrap(), SAMPLE);
    let add = with_version(&page, &[("name", "新人 太郎"), ("position", "医事課")]);
    let (status, response, body) = f.post("/people/add", &pairs(&add));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/people?saved=1#person-person-5"), "{body}");
    assert_eq!(on_disk(&f)["people"][4]["name"], "新人 太郎");
    let (_, _, roles) = f.get("/roles");
    assert!(roles.contains("新人 太郎（医事課）"), "the new person can hold a post: {roles}");
    let remove = with_version(&f.get("/people").2, &[("person", "person-5")]);
    assert_eq!(f.post("/people/remove", &pairs(&remove)).0, StatusCode::SEE_OTHER);
    assert_eq!(on_disk(&f), serde_saphyr::from_str::<serde_json::Value>(SAMPLE).unwrap());
}

#[test]
fn the_checklist_page_shows_the_answers_and_what_is_left_to_confirm() {
    let f = fixture(true);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("href=\"/checklist\""), "{dashboard}");
    let (status, _, page) = f.get("/checklist");
    assert_eq!(status, StatusCode::OK, "{page}");
    let counts = page.split("id=\"checklist-counts\">").nth(1).and_then(|s| s.split("</p>").next()).unwrap();
    assert!(counts.contains("はい ") && counts.contains("いいえ ") && counts.contains("未確認 "), "{counts}");
    // The table is the checklist's own: the same item texts and answers the build writes.
    assert!(page.contains("<table>") && page.contains("医療情報システム安全管理責任者を置いている"), "{page}");
    let unconfirmed = page.matches("<td><strong>未確認</strong></td>").count();
    assert!(counts.contains(&format!("未確認 {unconfirmed}項目")), "{counts} vs {unconfirmed} in the table");
    assert_eq!(page.contains("に記録してから提出してください"), unconfirmed > 0);
    assert!(!page.contains("<!--"), "raw HTML comments reach the page");
}

/// The records file the page writes, beside the fixture's profile.
fn records_on_disk(f: &Fixture) -> Option<String> {
    std::fs::read_to_string(crate::records::path_beside(&f.profile)).ok()
}

#[test]
fn a_record_is_appended_as_kitei_record_appends_it_and_the_checklist_reads_it() {
    let f = fixture(true);
    let (status, _, page) = f.get("/records");
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("まだ記録はありません"), "{page}");
    let (_, _, before) = f.get("/checklist");
    let hostile = "<script>alert(1)</script> 問題なし";
    let fields = [
        ("kind", "account-review"),
        ("date", "2026-03-01"),
        ("post", "事務長"),
        ("result", "pass"),
        ("findings", hostile),
        ("period_from", "2025-04-01"),
        ("period_to", "2026-02-28"),
    ];
    let (status, response, _) = f.post("/records/add", &fields);
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/records?saved=1");
    let written = records_on_disk(&f).expect("the records file is written");
    assert!(written.contains("kind: account-review") && written.contains("2026-03-01"), "{written}");
    // What the page wrote is a valid records file for the command line's reader.
    let source = crate::pipeline::ProfileSource::read(&f.profile).unwrap();
    let (_, profile) = f.state.session.load(&source, None).unwrap();
    let records = crate::records::load_beside(&profile).unwrap();
    assert_eq!(records.entries.len(), 1);
    assert_eq!(records.entries[0].findings.as_deref(), Some(hostile), "stored as text");
    let (_, _, page) = f.get("/records?saved=1");
    assert!(page.contains("id=\"saved\"") && page.contains("アカウント"), "{page}");
    assert!(!page.contains("<script>alert(1)</script>"), "shown escaped: {page}");
    let (_, _, after) = f.get("/checklist");
    assert_ne!(before, after, "the checklist answers from the new record");
}

#[test]
fn an_incomplete_record_is_refused_with_its_reasons_and_nothing_is_written() {
    let f = fixture(true);
    let fields = [("kind", "patch"), ("date", ""), ("post", ""), ("attendees", "many"), ("period_from", "2026-01-01")];
    let (status, _, page) = f.post("/records/add", &fields);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    for reason in ["実施した日を入力してください", "役職を入力してください", "参加者数は数字", "初日と末日の両方"]
    {
        assert!(page.contains(reason), "{reason}: {page}");
    }
    assert!(page.contains("value=\"many\""), "the input is kept: {page}");
    assert!(records_on_disk(&f).is_none(), "nothing written");
    // A scope the profile does not know is refused by the records check itself.
    let fields = [("kind", "patch"), ("date", "2026-03-01"), ("post", "事務長"), ("scope", "no-such-device")];
    let (status, _, page) = f.post("/records/add", &fields);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("no-such-device"), "{page}");
    assert!(records_on_disk(&f).is_none(), "nothing written");
    // Without the form token nothing is recorded.
    let request = axum::http::Request::post("/records/add")
        .header(header::HOST, HOST)
        .header(header::COOKIE, f.cookie())
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("kind=patch&date=2026-03-01&post=x"))
        .unwrap();
    assert_eq!(f.send(request).0, StatusCode::FORBIDDEN);
    assert!(records_on_disk(&f).is_none());
}

#[test]
fn a_local_edit_is_reviewed_and_accepted_in_the_page_as_kitei_local_accept_does() {
    let f = fixture(true);
    let (_, _, page) = f.get("/local");
    assert!(page.contains("施設で変えた条はありません"), "{page}");
    let local = f.profile.parent().unwrap().join("local");
    std::fs::create_dir_all(&local).unwrap();
    let edits =
        "edits:\n  - replace: purpose\n    text: |\n      この規程は、<b>当院</b>の医療情報を守るために定める。\n";
    std::fs::write(local.join("operations-regulation.yaml"), edits).unwrap();
    let (status, _, page) = f.get("/local");
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("目的（条の書き換え）") && page.contains("まだ確認していません"), "{page}");
    assert!(
        page.contains("&lt;b&gt;当院&lt;&#x2F;b&gt;") || page.contains("&lt;b&gt;当院&lt;/b&gt;"),
        "escaped: {page}"
    );
    assert!(!page.contains("[[para]]") && !page.contains("[[article:"), "no template markers: {page}");
    let (status, response, _) = f.post("/local/accept", &[("key", "purpose")]);
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/local?accepted=1");
    let accepted = std::fs::read_to_string(local.join("operations-regulation.accepted.yaml")).unwrap();
    assert!(accepted.contains("purpose"), "{accepted}");
    let (_, _, page) = f.get("/local?accepted=1");
    assert!(
        page.contains("id=\"accepted\"") && page.contains("確認済み") && !page.contains("見比べて確認した</button>"),
        "{page}"
    );
    // An unknown key changes nothing.
    let (status, _, _) = f.post("/local/accept", &[("key", "no-such-article")]);
    assert_ne!(status, StatusCode::SEE_OTHER);
    assert_eq!(std::fs::read_to_string(local.join("operations-regulation.accepted.yaml")).unwrap(), accepted);
}

/// The version field of a page's form.
fn file_version_in(page: &str) -> String {
    let at = page.find("name=\"file_version\" value=\"").unwrap() + "name=\"file_version\" value=\"".len();
    page[at..].split('"').next().unwrap().to_owned()
}

#[test]
fn an_article_is_rewritten_in_the_page_and_prints_in_the_regulation() {
    let f = fixture(true);
    let (_, _, list) = f.get("/local");
    assert!(list.contains("<option value=\"purpose\">目的</option>"), "{list}");
    let (status, _, page) = f.get("/local/edit?article=purpose");
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.contains("[[article:") && page.contains("この規程は"), "{page}");
    let version = file_version_in(&page);
    let text = "この規程は、当院の医療情報を<守る>ために定める。\n\n職員は、この規程を守る。";
    let fields = [("article", "purpose"), ("title", "目的と趣旨"), ("text", text), ("file_version", version.as_str())];
    let (status, response, body) = f.post("/local/edit", &fields);
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&response), "/local?saved=1");
    let local = f.profile.parent().unwrap().join("local");
    let written = std::fs::read_to_string(local.join("operations-regulation.yaml")).unwrap();
    assert!(written.contains("replace: purpose") && written.contains("目的と趣旨"), "{written}");
    let accepted = std::fs::read_to_string(local.join("operations-regulation.accepted.yaml")).unwrap();
    assert!(accepted.contains("purpose"), "written against the text the page showed: {accepted}");
    let (_, _, regulation) = f.get("/documents/operations-regulation");
    assert!(regulation.contains("第1条（目的と趣旨）") && regulation.contains("&lt;守る&gt;"), "{regulation}");
    assert!(regulation.contains("２　職員は、この規程を守る。"), "a second paragraph is a 項: {regulation}");
    let (_, _, list) = f.get("/local?saved=1");
    assert!(list.contains("id=\"saved\"") && list.contains("確認済み"), "{list}");

    // Written again: the same edit changes in place (one edit per article).
    let (_, _, page) = f.get("/local/edit?article=purpose");
    assert!(page.contains("目的と趣旨"), "the facility's text is offered: {page}");
    let version = file_version_in(&page);
    let fields = [
        ("article", "purpose"),
        ("title", ""),
        ("text", "この規程は目的を定める。"),
        ("file_version", version.as_str()),
    ];
    assert_eq!(f.post("/local/edit", &fields).0, StatusCode::SEE_OTHER);
    let written = std::fs::read_to_string(local.join("operations-regulation.yaml")).unwrap();
    assert_eq!(written.matches("replace: purpose").count(), 1, "{written}");
    assert!(!written.contains("目的と趣旨"), "{written}");

    // Refused, nothing written: a stale page, a marker only the documents' structure may hold.
    let stale = [("article", "purpose"), ("title", ""), ("text", "別の文"), ("file_version", version.as_str())];
    let (status, _, page) = f.post("/local/edit", &stale);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("別の文"), "the input is kept: {page}");
    let now = file_version_in(&f.get("/local/edit?article=purpose").2);
    let marker = [
        ("article", "purpose"),
        ("title", ""),
        ("text", "[[meets:control.1-1]]満たす"),
        ("file_version", now.as_str()),
    ];
    let (status, _, page) = f.post("/local/edit", &marker);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert_eq!(std::fs::read_to_string(local.join("operations-regulation.yaml")).unwrap(), written);
}

#[test]
fn every_article_rewritten_with_the_text_the_page_offers_prints_as_before() {
    let f = fixture(true);
    let source = crate::pipeline::ProfileSource::read(&f.profile).unwrap();
    let options = crate::pipeline::RenderOptions { guideline: None, templates: None, date: None };
    let before = f.state.session.render(&source, &options).unwrap();
    let regulation = before.documents.iter().find(|d| d.spec.id == "operations-regulation").unwrap();
    assert!(regulation.articles.len() > 40, "{}", regulation.articles.len());
    let mut edits = String::from("edits:\n");
    for article in &regulation.articles {
        let quoted = serde_json::to_string(&article.text).unwrap();
        edits.push_str(&format!("  - replace: {}\n    text: {quoted}\n", article.label));
    }
    let local = f.profile.parent().unwrap().join("local");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(local.join("operations-regulation.yaml"), edits).unwrap();
    let after = f.state.session.render(&source, &options).unwrap();
    let edited = after.documents.iter().find(|d| d.spec.id == "operations-regulation").unwrap();
    assert_eq!(edited.local.len(), regulation.articles.len());
    assert_eq!(edited.body, regulation.body);
}

#[test]
fn the_organization_page_changes_what_decides_the_pattern() {
    let f = fixture(true);
    let (status, _, page) = f.get("/organization");
    assert_eq!(status, StatusCode::OK, "{page}");
    let (_, _, before) = f.get("/");
    let fields = with_version(
        &page,
        &[
            ("dedicated_it_staff", "true"),
            ("e_signature", "false"),
            ("scanning", "true"),
            ("paper_charts", "false"),
            ("staff_count", "35"),
            ("committee.meets", ""),
        ],
    );
    let (status, _, body) = f.post("/organization", &pairs(&fields));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let disk = on_disk(&f);
    assert_eq!(disk["organization"]["dedicated_it_staff"], true);
    assert_eq!(disk["organization"]["staff_count"], 35);
    assert!(disk["organization"].get("committee").is_none(), "an empty field creates no committee: {disk}");
    let (_, _, after) = f.get("/");
    assert_ne!(before, after, "the pattern and its reasoning follow the answer");
    let bad = with_version(&f.get("/organization").2, &[("dedicated_it_staff", "maybe")]);
    assert_eq!(f.post("/organization", &pairs(&bad)).0, StatusCode::UNPROCESSABLE_ENTITY);
}

/// A same-origin upload of `bytes` as the form's `file`, to `uri`.
fn upload(f: &Fixture, uri: &str, bytes: &[u8]) -> (StatusCode, Response<()>, String) {
    let mut body = b"--KITEIBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"answers.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--KITEIBOUNDARY--\r\n");
    let request = Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::COOKIE, f.cookie())
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=KITEIBOUNDARY")
        .body(Body::from(body))
        .unwrap();
    f.send(request)
}

#[test]
fn a_vendors_workbook_is_taken_in_from_the_page_as_kitei_record_takes_it() {
    let f = fixture(true);
    let source = crate::pipeline::ProfileSource::read(&f.profile).unwrap();
    let (_, profile) = f.state.session.load(&source, None).unwrap();
    let vendor = profile.data.vendors[0].key.clone();
    let issued = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let wording = crate::wording::embedded();
    let files =
        crate::emit::checklist::vendor_form_files(f.state.session.content(), &profile, "R8", &vendor, issued, wording)
            .unwrap();
    let workbook = files.iter().find(|file| file.path.ends_with(".xlsx")).unwrap().bytes.clone();
    let uri = format!("/records/vendor-answers?csrf={}", f.state.secrets.form());
    // Not a workbook, or none: refused with the reason, nothing written.
    let (status, _, page) = upload(&f, &uri, b"PK\x03\x04 not really a workbook");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("記録していません"), "{page}");
    assert_eq!(upload(&f, &uri, b"").0, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(records_on_disk(&f).is_none());
    // Without the form token in the address, another site's upload is refused.
    assert_eq!(upload(&f, "/records/vendor-answers", &workbook).0, StatusCode::FORBIDDEN);
    assert!(records_on_disk(&f).is_none());
    // The form the facility issued, returned (here still blank: every item 回答待ち).
    let (status, response, body) = upload(&f, &uri, &workbook);
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&response), "/records?saved=1");
    let written = records_on_disk(&f).unwrap();
    assert!(written.contains("kind: vendor-answers") && written.contains(&vendor), "{written}");
    let (_, _, page) = f.get("/records");
    assert!(page.contains(&profile.data.vendors[0].name), "the entry names its vendor: {page}");
}

#[test]
fn an_awaited_vendor_answer_links_to_taking_in_the_workbook() {
    let f = fixture(true);
    let (_, _, dashboard) = f.get("/");
    assert!(dashboard.contains("事業者確認用") && dashboard.contains("records#vendor-answers\">"), "{dashboard}");
}

#[test]
fn a_vpn_devices_peers_segment_and_line_and_a_segments_members_are_chosen_by_name() {
    let f = fixture(true);
    let device = [("name", "受付PC"), ("kind", "pc"), ("location", "受付")];
    assert_eq!(f.post("/devices/add", &pairs(&with_version(&f.get("/devices").2, &device))).0, StatusCode::SEE_OTHER);
    let (status, _, page) = f.get("/network");
    assert_eq!(status, StatusCode::OK);
    let connects = field_part(&page, "field-0-connects");
    assert!(connects.contains("株式会社さいたまメディカルシステム（事業者）"), "{connects}");
    assert!(connects.contains("電子カルテ「ミドリカルテ」（システム）") && connects.contains("checked"), "{connects}");
    assert!(!connects.contains(">saitama") && !connects.contains(" ehr"), "no key shown: {connects}");
    assert!(field_part(&page, "field-0-segment").contains("病棟無線LAN"), "segments by name: {page}");
    let fields = with_version(
        &page,
        &[
            ("device", "0"),
            ("connects", ""),
            ("connects:system:ehr", "on"),
            ("connects:vendor:saitama-system", "on"),
            ("segment", "事務系"),
            ("line", "閉域網（IP-VPN）"),
        ],
    );
    let (status, response, body) = f.post("/network/devices", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/network?saved=1#device-0"), "{body}");
    let (status, _, page) = f.get("/network/segments");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"segment-1\"") && page.contains("id=\"segment-new\""), "{page}");
    assert!(field_part(&page, "field-1-assets").contains("受付PC"), "devices by name: {page}");
    let fields = with_version(
        &page,
        &[
            ("segment", "1"),
            ("systems", ""),
            ("systems:pacs", "on"),
            ("systems:ehr", "on"),
            ("assets", ""),
            ("assets:受付PC", "on"),
        ],
    );
    let (status, response, body) = f.post("/network/segments", &pairs(&fields));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/network/segments?saved=1#segment-1"), "{body}");
    // The profile read again through the same loader as `kitei check` has them.
    let text = std::fs::read_to_string(&f.profile).unwrap();
    let data = crate::load::parse_profile(&f.profile, &text).unwrap();
    let vpn = &data.network.vpn_devices[0];
    let peers: Vec<(Option<&str>, Option<&str>)> = vpn
        .connects
        .iter()
        .map(|p| (p.vendor.as_ref().map(|r| r.value.as_str()), p.system.as_ref().map(|r| r.value.as_str())))
        .collect();
    assert_eq!(peers, [(Some("saitama-system"), None), (None, Some("ehr"))], "in the order of the choices");
    assert_eq!(vpn.segment.as_ref().map(|s| s.value.as_str()), Some("事務系"));
    assert_eq!(vpn.line.as_deref(), Some("閉域網（IP-VPN）"));
    let segment = &data.network.segments[1];
    let systems: Vec<&str> = segment.systems.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(systems, ["ehr", "pacs"]);
    assert_eq!(segment.assets.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(), ["受付PC"]);
    assert!(segment.wireless, "a field the form did not send stays");
    assert_eq!(comments(&text), comments(SAMPLE));
    // Nothing chosen: the list goes; a choice not offered is refused beside its field.
    let none = with_version(&f.get("/network").2, &[("device", "0"), ("connects", ""), ("segment", "")]);
    assert_eq!(f.post("/network/devices", &pairs(&none)).0, StatusCode::SEE_OTHER);
    let device = &on_disk(&f)["network"]["vpn_devices"][0];
    assert!(device.get("connects").is_none() && device.get("segment").is_none(), "{device}");
    let bad = with_version(&f.get("/network").2, &[("device", "0"), ("connects", ""), ("connects:system:nope", "on")]);
    let (status, _, body) = f.post("/network/devices", &pairs(&bad));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_part(&body, "field-0-connects").contains("一覧から選んで"), "{body}");
}

#[test]
fn a_segment_is_added_and_one_a_vpn_device_names_is_not_removed() {
    let f = fixture(true);
    let before = std::fs::read(&f.profile).unwrap();
    let (_, _, page) = f.get("/network/segments");
    let fields = with_version(&page, &[("segment", "0")]);
    let (status, _, body) = f.post("/network/segments/remove", &pairs(&fields));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let refusal = &body[body.find("<p class=\"error\">この区画").expect(&body)..];
    let refusal = &refusal[..refusal.find("</p>").unwrap()];
    assert!(refusal.contains("保守用VPNルータ") && refusal.contains("削除できません"), "{refusal}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
    // A segment named twice is refused beside its name; a new one is appended and can go.
    let twice = with_version(&page, &[("name", "事務系"), ("internet", "true"), ("wireless", "false")]);
    let (status, _, body) = f.post("/network/segments/add", &pairs(&twice));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(field_part(&body, "field-new-name").contains("事務系"), "{body}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), before);
    let add = with_version(
        &page,
        &[
            ("name", "ゲスト無線"),
            ("internet", "true"),
            ("wireless", "true"),
            ("systems", ""),
            ("systems:receipt", "on"),
        ],
    );
    let (status, response, body) = f.post("/network/segments/add", &pairs(&add));
    assert_eq!((status, location(&response)), (StatusCode::SEE_OTHER, "/network/segments?saved=1#segment-3"), "{body}");
    let added = &on_disk(&f)["network"]["segments"][3];
    assert_eq!(added["systems"], serde_json::json!(["receipt"]), "{added}");
    assert_eq!(added["wireless"], true);
    let remove = with_version(&f.get("/network/segments").2, &[("segment", "3")]);
    assert_eq!(f.post("/network/segments/remove", &pairs(&remove)).0, StatusCode::SEE_OTHER);
    assert_eq!(on_disk(&f), serde_saphyr::from_str::<serde_json::Value>(SAMPLE).unwrap());
}

#[test]
fn a_stale_segment_or_vpn_device_form_gets_409_and_keeps_its_input() {
    let f = fixture(true);
    let (_, _, page) = f.get("/network/segments");
    let first = with_version(&page, &[("segment", "0"), ("systems", ""), ("systems:ehr", "on")]);
    assert_eq!(f.post("/network/segments", &pairs(&first)).0, StatusCode::SEE_OTHER);
    let after = std::fs::read(&f.profile).unwrap();
    let stale = with_version(&page, &[("segment", "0"), ("systems", ""), ("systems:receipt", "on")]);
    let (status, _, body) = f.post("/network/segments", &pairs(&stale));
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("id=\"conflict\""), "{body}");
    let systems = field_part(&body, "field-0-systems");
    assert!(systems.contains("保存されている値: 電子カルテ「ミドリカルテ」"), "the saved value in words: {systems}");
    assert!(!systems.contains("保存されている値: ehr"), "{systems}");
    assert_eq!(std::fs::read(&f.profile).unwrap(), after);
    let device = with_version(&page, &[("device", "0"), ("line", "専用線")]);
    assert_eq!(f.post("/network/devices", &pairs(&device)).0, StatusCode::CONFLICT);
    assert_eq!(std::fs::read(&f.profile).unwrap(), after);
}

#[test]
fn a_renamed_segment_or_device_is_renamed_where_it_is_named() {
    let f = fixture(true);
    let device = [("name", "受付PC"), ("kind", "pc"), ("location", "受付")];
    assert_eq!(f.post("/devices/add", &pairs(&with_version(&f.get("/devices").2, &device))).0, StatusCode::SEE_OTHER);
    let member =
        with_version(&f.get("/network/segments").2, &[("segment", "2"), ("assets", ""), ("assets:受付PC", "on")]);
    assert_eq!(f.post("/network/segments", &pairs(&member)).0, StatusCode::SEE_OTHER);
    let rename = with_version(&f.get("/network/segments").2, &[("segment", "0"), ("name", "診療系")]);
    let (status, _, body) = f.post("/network/segments", &pairs(&rename));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(on_disk(&f)["network"]["vpn_devices"][0]["segment"], "診療系");
    let rename = with_version(&f.get("/devices").2, &[("asset", "0"), ("name", "受付端末")]);
    let (status, _, body) = f.post("/devices", &pairs(&rename));
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(on_disk(&f)["network"]["segments"][2]["assets"], serde_json::json!(["受付端末"]));
    let text = std::fs::read_to_string(&f.profile).unwrap();
    assert_eq!(comments(&text), comments(SAMPLE));
}
