//! The guards every request passes, in order: Host, token or cookie, cross-site writes; and the
//! headers every response carries.
//!
//! A server on 127.0.0.1 is reachable by every web page the user opens (a page may post a form to
//! it, or a DNS name may be pointed at 127.0.0.1). So: a Host other than ours is refused (DNS
//! rebinding); a request without this run's token, and later its cookie, is refused; a write must
//! come from our own pages (`Sec-Fetch-Site`/`Origin`, and a hidden form token), since SameSite
//! cookies do not separate ports of one host. The checks are ours (about a hundred lines) rather
//! than a young crate's, and tested here without a browser.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::AppState;

/// The largest form body accepted (a page's fields, with room for long text).
pub(super) const FORM_LIMIT: usize = 1024 * 1024;

/// Name of the hidden field that carries the form token.
pub(super) const FORM_FIELD: &str = "csrf";

/// Equality that takes the same time wherever the first difference is.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why a request is refused, shown as a short Japanese page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// The Host header is not ours.
    Host,
    /// Neither the token nor the cookie.
    Token,
    /// A write from another site or without the form token.
    CrossSite,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let reason = match self {
            Refusal::Host => "このアドレスからは開けません。規程づくりを起動したときに表示されたアドレスを開いてください。",
            Refusal::Token => "この画面を開く権限がありません。規程づくりを起動したときに表示されたアドレス（token= を含むもの）をそのまま開いてください。",
            Refusal::CrossSite => "ほかのページからの送信は受け付けません。規程づくりの画面に戻り、もう一度操作してください。",
        };
        let page = format!(
            "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>開けません</title></head><body><h1>開けません</h1><p>{reason}</p></body></html>"
        );
        (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    }
}

/// First guard: the Host must be `127.0.0.1:PORT` or `localhost:PORT`, and the request line must
/// not name another host (an absolute-form URI).
pub(super) async fn host(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.uri().authority().is_some() || !host_is_ours(request.headers(), state.port) {
        return Refusal::Host.into_response();
    }
    next.run(request).await
}

fn host_is_ours(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// The cookie's name: one per port, so two servers do not overwrite each other's.
fn cookie_name(port: u16) -> String {
    format!("kitei-{port}")
}

/// Second guard: `?token=` (correct) sets the cookie and redirects to the same page without the
/// token; otherwise the cookie must be this run's.
pub(super) async fn token(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if let Some(given) = query_token(request.uri().query()) {
        if !same(&given, &state.secrets.token) {
            return Refusal::Token.into_response();
        }
        let cookie =
            format!("{}={}; HttpOnly; SameSite=Strict; Path=/", cookie_name(state.port), state.secrets.session);
        let location = request.uri().path().to_owned();
        return (StatusCode::SEE_OTHER, [(header::SET_COOKIE, cookie), (header::LOCATION, location)]).into_response();
    }
    if !has_session(request.headers(), state.port, &state.secrets.session) {
        return Refusal::Token.into_response();
    }
    next.run(request).await
}

/// The value of `token=` in a query string.
fn query_token(query: Option<&str>) -> Option<String> {
    query?.split('&').find_map(|pair| pair.strip_prefix("token=")).map(str::to_owned)
}

fn has_session(headers: &HeaderMap, port: u16, session: &str) -> bool {
    let name = cookie_name(port);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(key, value)| key == name && same(value, session))
}

/// The largest upload accepted (a vendor's workbook, with room for the multipart framing).
pub(super) const UPLOAD_LIMIT: usize = crate::emit::vendor_import::MAX_FILE_BYTES as usize + 64 * 1024;

/// Third guard: a request that may change something (anything but GET and HEAD) must come from
/// our own origin and carry the form token: in the form's fields, or, for an upload (whose body is
/// `multipart/form-data`, not fields), in the `csrf` parameter of the address the form posts to.
pub(super) async fn cross_site(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    if !same_origin(request.headers(), state.port) {
        return Refusal::CrossSite.into_response();
    }
    let upload = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let query_token = upload
        .then(|| form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes()).find(|(k, _)| k == FORM_FIELD))
        .flatten()
        .map(|(_, v)| v.into_owned());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, if upload { UPLOAD_LIMIT } else { FORM_LIMIT }).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let token = if upload {
        query_token
    } else {
        form_urlencoded::parse(&bytes).find(|(k, _)| k == FORM_FIELD).map(|(_, v)| v.into_owned())
    };
    if !token.is_some_and(|t| same(&t, &state.secrets.form)) {
        return Refusal::CrossSite.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// `Sec-Fetch-Site: same-origin`, or (older browsers) an `Origin` equal to ours.
fn same_origin(headers: &HeaderMap, port: u16) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else { return false };
    origin == format!("http://127.0.0.1:{port}") || origin == format!("http://localhost:{port}")
}

/// Headers on every response, refusals included: no framing, no foreign scripts or forms, no
/// caching of pages that show the profile, no referrer (it could carry the token).
pub(super) async fn headers(response: Response) -> Response {
    let mut response = response;
    let set = response.headers_mut();
    let fixed = [
        ("content-security-policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("cache-control", "no-store"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ];
    for (name, value) in fixed {
        set.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::super::secrets::Secrets;
    use super::*;

    #[test]
    fn equal_strings_are_the_same_and_others_are_not() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }

    #[test]
    fn the_token_is_read_from_the_query() {
        assert_eq!(query_token(Some("a=1&token=xyz")).as_deref(), Some("xyz"));
        assert_eq!(query_token(Some("tokens=xyz")), None);
        assert_eq!(query_token(None), None);
    }

    #[test]
    fn secrets_are_long_and_distinct() {
        let s = Secrets::new().unwrap();
        assert_eq!(s.token.len(), 64);
        assert_ne!(s.token, s.session);
        assert_ne!(s.session, s.form);
    }

    #[test]
    fn only_our_host_and_port_pass() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(host_is_ours(&h, 8080));
        assert!(!host_is_ours(&h, 8081));
        h.insert(header::HOST, HeaderValue::from_static("localhost:8080"));
        assert!(host_is_ours(&h, 8080));
        h.insert(header::HOST, HeaderValue::from_static("evil.example:8080"));
        assert!(!host_is_ours(&h, 8080));
        assert!(!host_is_ours(&HeaderMap::new(), 8080));
    }

    #[test]
    fn a_write_needs_same_origin() {
        let mut h = HeaderMap::new();
        assert!(!same_origin(&h, 80));
        h.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:80"));
        assert!(same_origin(&h, 80));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-site"));
        assert!(!same_origin(&h, 80));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h, 80));
    }
}
