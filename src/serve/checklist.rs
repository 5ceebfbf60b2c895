//! The yearly checklist in the page: the answers the build writes into `checklist/`, from the same
//! render, with the counts a 事務長 looks at first (how many はい, いいえ and 未確認 are left before
//! the form can be submitted).

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::dashboard::with_rendered;
use super::pages::{preview_html, Failure};
use super::state::AppState;
use crate::emit::checklist::{files, Facility};

/// What the page shows.
#[derive(Serialize)]
struct ChecklistView {
    /// HTML made by [`preview_html`] from the checklist's Markdown.
    html: String,
    yes: usize,
    no: usize,
    /// Numbers of the items to confirm before submitting.
    unconfirmed: Vec<String>,
    /// Vendors whose 事業者確認用 is part of the form.
    vendors: usize,
}

/// `GET /checklist`: the default edition answered for the facility.
pub(super) async fn show(State(state): State<Arc<AppState>>) -> Result<Response, Failure> {
    let shared = state.clone();
    let view = with_rendered(&state, move |rendered| {
        let facility = Facility::of(rendered);
        let content = shared.session.content();
        let made = files(content, &facility, crate::checklist::DEFAULT_EDITION, None, rendered.date, false)
            .map_err(|e| e.to_string())?;
        let markdown = made
            .files
            .iter()
            .find(|f| f.path.ends_with(".md"))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        Ok::<_, String>(ChecklistView {
            html: preview_html(&crate::render::document::Document::parse(markdown, rendered.wording)),
            yes: made.yes,
            no: made.no,
            unconfirmed: made.unconfirmed,
            vendors: made.vendors,
        })
    })
    .await?;
    Ok(match view.and_then(|v| v) {
        Ok(view) => state.pages.render("checklist.html", &view),
        Err(error) => Failure(error).into_response(),
    })
}
