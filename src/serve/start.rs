//! The first visit: the questions `kitei init` asks, answered in the browser, writing the same
//! starter profile through the same function ([`crate::starter`]).

use std::sync::Arc;

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::pages::Failure;
use super::state::AppState;
use crate::starter::StarterAnswers;

/// What the questionnaire page shows.
#[derive(Serialize)]
struct StartView<'a> {
    csrf: &'a str,
    file: String,
}

/// The questionnaire, or the dashboard when the profile exists already.
pub(super) async fn show(State(state): State<Arc<AppState>>) -> Response {
    if state.profile.exists() {
        return Redirect::to("/").into_response();
    }
    let view = StartView { csrf: state.secrets.form(), file: state.profile.display().to_string() };
    state.pages.render("start.html", &view)
}

/// The answers as posted (each radio button sends `yes`/`no`, hosting `cloud`/`on-premises`).
#[derive(Debug, Deserialize)]
pub(super) struct StartForm {
    hosting: String,
    dedicated_staff: String,
    e_signature: String,
    scanning: String,
}

impl StartForm {
    fn answers(&self) -> StarterAnswers {
        StarterAnswers {
            cloud: self.hosting != "on-premises",
            dedicated_staff: self.dedicated_staff == "yes",
            e_signature: self.e_signature == "yes",
            scanning: self.scanning == "yes",
        }
    }
}

/// Writes the starter profile (never over an existing file) and goes to the dashboard.
pub(super) async fn answer(State(state): State<Arc<AppState>>, Form(form): Form<StartForm>) -> Response {
    if state.profile.exists() {
        return Redirect::to("/").into_response();
    }
    if let Some(folder) = state.profile.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(error) = std::fs::create_dir_all(folder) {
            return Failure::from(error).into_response();
        }
    }
    match crate::starter::write(&state.profile, &form.answers(), false) {
        Ok(()) => Redirect::to("/").into_response(),
        Err(error) => Failure(format!("{error:#}")).into_response(),
    }
}
