//! Pages: the server's own tera templates (`templates/serve/`, embedded), the document preview
//! as HTML, and the embedded assets.
//!
//! The page templates live in a `Tera` of their own with HTML autoescaping on, so every value
//! from the profile is escaped where it is printed; no template applies `|safe` to profile text.
//! The one HTML that is not escaped by tera is a document's preview, made here by pulldown-cmark
//! from the same Markdown the PDF is typeset from, with every raw HTML event, link and image
//! dropped: what a facility typed arrives escaped by the render and stays text.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use include_dir::{include_dir, Dir};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;
use tera::{Context, Tera};

use crate::render::document::{self, Document, Role};

/// The page templates and the stylesheet.
static PAGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates/serve");

/// The page templates, parsed once at start.
pub(super) struct Pages {
    tera: Tera,
}

impl Pages {
    /// Parses the embedded page templates.
    pub(super) fn new() -> Result<Self, tera::Error> {
        let mut tera = Tera::default();
        let files = PAGES
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "html"))
            .filter_map(|f| Some((f.path().to_str()?, f.contents_utf8()?)));
        tera.add_raw_templates(files)?;
        tera.autoescape_on(vec![".html"]);
        Ok(Self { tera })
    }

    /// The page `name` with `view`'s values (status 200), or the error page.
    pub(super) fn render(&self, name: &str, view: &impl Serialize) -> Response {
        self.render_with(StatusCode::OK, name, view)
    }

    /// [`Pages::render`] with another status (422 for an invalid form, 409 for a lost race).
    pub(super) fn render_with(&self, status: StatusCode, name: &str, view: &impl Serialize) -> Response {
        let page = Context::from_serialize(view).and_then(|context| self.tera.render(name, &context));
        match page {
            Ok(page) => (status, Html(page)).into_response(),
            Err(error) => Failure(error_chain(&error)).into_response(),
        }
    }
}

/// A tera error with its causes (the template and the variable at fault).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Something went wrong while answering: a page that says so in Japanese, with the cause.
#[derive(Debug)]
pub(super) struct Failure(pub(super) String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Self(error.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let page = format!(
            "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>エラー</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body><main><h1>処理できませんでした</h1><pre class=\"error\">{}</pre><p><a href=\"/\">トップに戻る</a></p></main></body></html>",
            tera::escape_html(&self.0)
        );
        (StatusCode::INTERNAL_SERVER_ERROR, Html(page)).into_response()
    }
}

/// A document as HTML, with raw HTML, links and images dropped. Its structure, not its text,
/// gives an article's heading the class `article` and a 項 or 号 the class `kou` or `gou` (their
/// hanging indents), in the facility's wording as in kitei's.
pub(super) fn preview_html(document: &Document) -> String {
    let markdown = &document.markdown;
    let mut in_role = false;
    let events = Parser::new_ext(markdown, document::options()).into_offset_iter().filter_map(|(event, range)| {
        if is_dropped(&event) {
            return None;
        }
        Some(match event {
            Event::Start(Tag::Paragraph) => match document.role_at(range.start) {
                Role::Text => event,
                role => {
                    in_role = true;
                    let class = if matches!(role, Role::Paragraph(_)) { "kou" } else { "gou" };
                    Event::Html(format!("<p class=\"{class}\">").into())
                }
            },
            Event::End(TagEnd::Paragraph) if std::mem::take(&mut in_role) => Event::Html("</p>\n".into()),
            Event::Start(Tag::Heading { level, id, attrs, .. }) if document.article_at(range.start) => {
                Event::Start(Tag::Heading { level, id, classes: vec!["article".into()], attrs })
            }
            event => event,
        })
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Events that could carry markup or a URL into the page.
fn is_dropped(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
            | Event::End(TagEnd::Link | TagEnd::Image | TagEnd::HtmlBlock)
    )
}

/// The embedded assets, by exact key: the stylesheet and the fonts the documents use.
pub(super) async fn asset(Path(name): Path<String>) -> Response {
    let found: Option<(&str, &'static [u8])> = match name.as_str() {
        "style.css" => PAGES.get_file("style.css").map(|f| ("text/css; charset=utf-8", f.contents())),
        "gothic.ttf" => Some(("font/ttf", include_bytes!("../../assets/fonts/BIZUDPGothic-Regular.ttf"))),
        "gothic-bold.ttf" => Some(("font/ttf", include_bytes!("../../assets/fonts/BIZUDPGothic-Bold.ttf"))),
        "mincho.ttf" => Some(("font/ttf", include_bytes!("../../assets/fonts/BIZUDPMincho-Regular.ttf"))),
        _ => None,
    };
    match found {
        Some((kind, bytes)) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(markdown: &str) -> String {
        preview_html(&Document::parse(markdown, crate::wording::embedded()))
    }

    #[test]
    fn articles_paragraphs_and_items_get_their_classes_from_the_structure() {
        let html = preview(
            "<!-- article:a -->\n#### 第1条（目的）\n\n本文。\n\n２　二項。\n\n（１）一号。\n\n## 表\n\n２　本文。\n",
        );
        assert!(html.contains("<h4 class=\"article\">第1条（目的）</h4>"), "{html}");
        assert!(
            html.contains("<p class=\"kou\">２　二項。</p>") && html.contains("<p class=\"gou\">（１）一号。</p>"),
            "{html}"
        );
        assert!(html.contains("<h2>表</h2>\n<p>２　本文。</p>"), "{html}");
    }

    #[test]
    fn the_page_templates_parse() {
        Pages::new().unwrap();
    }

    #[test]
    fn raw_html_links_and_images_never_reach_the_preview() {
        let html = preview(
            "# 題\n\n<script>alert(1)</script>\n\n本文 <b>太字</b> [x](javascript:alert(1)) ![i](http://e/x.png)\n",
        );
        assert!(html.contains("<h1>題</h1>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a "), "{html}");
    }

    #[test]
    fn escaped_markdown_stays_text() {
        let html = preview("\\<script\\>alert(1)\\</script\\>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
