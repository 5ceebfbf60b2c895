//! The application's routes: every URL the server answers, nothing else.
//!
//! No route takes a file name: documents are found by their catalogue id, assets by an exact
//! key, and the profile and output folder come from the command line only. Anything else is 404.

use std::sync::Arc;

use axum::middleware::{from_fn_with_state, map_response};
use axum::routing::{get, post};
use axum::Router;

use super::security;
use super::state::AppState;

/// The routes, behind the guards (Host first, then token, then cross-site writes) and with the
/// security headers on every response.
pub(super) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(super::dashboard::show))
        .route("/start", get(super::start::show).post(super::start::answer))
        .route("/documents/{id}", get(super::dashboard::document))
        .route("/checklist", get(super::checklist::show))
        .route("/records", get(super::records::show))
        .route("/local", get(super::local::show))
        .route("/local/accept", post(super::local::accept_edit))
        .route("/local/edit", get(super::local::editor).post(super::local::save_edit))
        .route("/records/add", post(super::records::add))
        .route(
            "/records/vendor-answers",
            post(super::records::upload).layer(axum::extract::DefaultBodyLimit::max(super::security::UPLOAD_LIMIT)),
        )
        .route("/facility", get(super::forms::facility).post(super::forms::save_facility))
        .route("/organization", get(super::forms::organization).post(super::forms::save_organization))
        .route("/rules", get(super::forms::rules).post(super::forms::save_rules))
        .route("/training", get(super::forms::training).post(super::forms::save_training))
        .route("/audit", get(super::forms::audit).post(super::forms::save_audit))
        .route("/systems", get(super::lists::systems).post(super::lists::save_system))
        .route("/vendors", get(super::lists::vendors).post(super::lists::save_vendor))
        .route("/contacts", get(super::lists::contacts).post(super::lists::save_contact))
        .route("/people", get(super::lists::people).post(super::lists::save_person))
        .route("/devices", get(super::lists::assets).post(super::lists::save_asset))
        .route("/roles", get(super::roles::roles).post(super::roles::save_role))
        .route("/network", get(super::lists::network).post(super::forms::save_network))
        .route("/network/devices", post(super::lists::save_vpn_device))
        .route("/network/devices/add", post(super::lists::add_vpn_device))
        .route("/network/devices/remove", post(super::lists::remove_vpn_device))
        .route("/network/segments", get(super::lists::segments).post(super::lists::save_segment))
        .route("/network/segments/add", post(super::lists::add_segment))
        .route("/network/segments/remove", post(super::lists::remove_segment))
        .route("/systems/add", post(super::lists::add_system))
        .route("/systems/remove", post(super::lists::remove_system))
        .route("/vendors/add", post(super::lists::add_vendor))
        .route("/vendors/remove", post(super::lists::remove_vendor))
        .route("/contacts/add", post(super::lists::add_contact))
        .route("/contacts/remove", post(super::lists::remove_contact))
        .route("/people/add", post(super::lists::add_person))
        .route("/people/remove", post(super::lists::remove_person))
        .route("/devices/add", post(super::lists::add_asset))
        .route("/devices/remove", post(super::lists::remove_asset))
        .route("/download/{file}", get(super::download::file))
        .route("/approve", post(super::approve::approve))
        .route("/assets/{name}", get(super::pages::asset))
        .layer(from_fn_with_state(state.clone(), security::cross_site))
        .layer(from_fn_with_state(state.clone(), security::token))
        .layer(from_fn_with_state(state.clone(), security::host))
        .layer(map_response(security::headers))
        .with_state(state)
}
