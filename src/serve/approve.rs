//! The approve button: the current draft becomes the next 版, recorded by the same function as
//! `kitei approve` ([`crate::pipeline::approve::record`]), then built into the output folder.

use std::sync::Arc;

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::pages::Failure;
use super::state::AppState;
use crate::pipeline::approve::{record, ApproveRequest};
use crate::pipeline::{BuildConfig, Formats, ProfileSource};

/// Today's date (UTC), the approval form's default.
pub(super) fn today() -> NaiveDate {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    NaiveDate::default() + chrono::Days::new(seconds / 86_400)
}

/// The approval form.
#[derive(Debug, Deserialize)]
pub(super) struct ApproveForm {
    by: String,
    date: String,
    #[serde(default)]
    allow_open: Option<String>,
}

/// `POST /approve`: records the approval and builds the approved set (PDF and Word).
pub(super) async fn approve(State(state): State<Arc<AppState>>, Form(form): Form<ApproveForm>) -> Response {
    let task = tokio::task::spawn_blocking(move || approve_now(&state, &form));
    match task.await {
        Ok(Ok(())) => Redirect::to("/?approved=1").into_response(),
        Ok(Err(error)) => Failure(format!("{error:#}")).into_response(),
        Err(error) => Failure::from(error).into_response(),
    }
}

fn approve_now(state: &AppState, form: &ApproveForm) -> anyhow::Result<()> {
    let date = crate::load::dates::parse(&form.date).map_err(anyhow::Error::msg)?;
    let source = ProfileSource::read(&state.profile)?;
    let request =
        ApproveRequest { by: &form.by, date, allow_open: form.allow_open.is_some(), ..ApproveRequest::default() };
    let (event, _) = record(&source, &state.output, &request)?;
    let config = BuildConfig {
        output: state.output.clone(),
        formats: Formats { markdown: true, pdf: true, typst: false, docx: true },
        date: Some(date),
        guideline: Some(event.guideline),
        templates: None,
        strict: false,
        cancel: None,
        allow_backdate: false,
    };
    state.session.build(&source, &config)?;
    Ok(())
}
