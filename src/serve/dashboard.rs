//! The dashboard (pattern and its reasoning, the 課題一覧 with a link to where each row is
//! closed, the documents) and each document's preview, from the same render as the PDF.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::pages::{preview_html, Failure};
use super::state::AppState;
use crate::pipeline::{ProfileSource, RenderOptions, Rendered};
use crate::render::documents::is_register;

/// Renders the profile on a blocking thread (typst and tera are not for the runtime's thread)
/// and hands `view` the result: `Err` carries what is wrong with the profile, for people.
pub(super) async fn with_rendered<T, F>(state: &Arc<AppState>, view: F) -> Result<Result<T, String>, Failure>
where
    T: Send + 'static,
    F: FnOnce(&Rendered) -> T + Send + 'static,
{
    let state = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let source = ProfileSource::read(&state.profile).map_err(|e| e.to_string())?;
        let options = RenderOptions { guideline: None, templates: None, date: None };
        let rendered = state.session.render(&source, &options).map_err(|e| e.to_string())?;
        Ok(view(&rendered))
    });
    task.await.map_err(Failure::from)
}

/// One row of the 課題一覧.
#[derive(Serialize)]
struct ItemView {
    item: String,
    why: String,
    owner: String,
    /// The page (and field) that closes it, when the server has one.
    link: Option<String>,
}

/// One document.
#[derive(Serialize)]
struct DocumentView {
    id: String,
    title: String,
}

/// A person who may approve.
#[derive(Serialize)]
struct PersonView {
    key: String,
    label: String,
    selected: bool,
}

/// What the dashboard shows.
#[derive(Serialize)]
struct DashboardView {
    csrf: String,
    people: Vec<PersonView>,
    today: String,
    approved: bool,
    name: String,
    pattern: String,
    pattern_description: String,
    reasoning: Vec<String>,
    items: Vec<ItemView>,
    documents: Vec<DocumentView>,
    examples: usize,
    error: Option<String>,
}

impl DashboardView {
    fn of(rendered: &Rendered, csrf: &str) -> Self {
        let resolution = &rendered.resolution;
        let items = resolution
            .open_items
            .iter()
            .map(|i| ItemView {
                item: i.item.clone(),
                why: i.why.clone(),
                owner: resolution.role(i.owner).title.clone(),
                link: awaited_vendor(&i.key, rendered).or_else(|| link_for(&i.key)),
            })
            .collect();
        let documents = rendered
            .documents
            .iter()
            .map(|d| DocumentView { id: d.spec.id.to_owned(), title: d.spec.title.to_owned() })
            .collect();
        let data = &rendered.profile.data;
        let approver = data.document.approver.value.as_str();
        let people = data
            .people
            .iter()
            .map(|p| PersonView {
                key: p.key.clone(),
                label: format!("{}（{}）", p.name, p.position),
                selected: p.key == approver,
            })
            .collect();
        Self {
            csrf: csrf.to_owned(),
            people,
            today: super::approve::today().to_string(),
            approved: false,
            name: rendered.profile.data.facility.name.clone(),
            pattern: resolution.pattern.id.clone(),
            pattern_description: resolution.pattern.description.clone(),
            reasoning: resolution.pattern.reasoning.clone(),
            items,
            documents,
            examples: rendered.examples.len(),
            error: None,
        }
    }

    fn failed(error: String, csrf: &str) -> Self {
        Self {
            csrf: csrf.to_owned(),
            people: Vec::new(),
            today: String::new(),
            approved: false,
            name: String::new(),
            pattern: String::new(),
            pattern_description: String::new(),
            reasoning: Vec::new(),
            items: Vec::new(),
            documents: Vec::new(),
            examples: 0,
            error: Some(error),
        }
    }
}

/// A vendor's answers to the 事業者確認用 awaited (`checklist.<edition>.<vendor key>`): taken in
/// on the records page.
fn awaited_vendor(key: &str, rendered: &Rendered) -> Option<String> {
    let (_, vendor) = key.strip_prefix("checklist.")?.split_once('.')?;
    rendered.profile.data.vendors.iter().any(|v| v.key == vendor).then(|| "/records#vendor-answers".to_owned())
}

/// The page and field that close an open item (its key names the profile's place), if the server
/// has a page for it.
pub(super) fn link_for(key: &str) -> Option<String> {
    let mut parts = key.splitn(3, '.');
    match (parts.next()?, parts.next(), parts.next()) {
        // The exit's first field (its line) on the network page.
        ("network", Some("exit"), None) => Some("/network#field-exit-line".into()),
        (section @ ("facility" | "rules" | "training" | "audit" | "network"), Some(field), _) => {
            Some(format!("/{section}#field-{field}"))
        }
        ("organization", Some(field), rest) => {
            Some(format!("/organization#field-{field}{}", rest.map(|r| format!("-{r}")).unwrap_or_default()))
        }
        ("systems", Some(system), Some(field)) => {
            Some(format!("/systems#field-{system}-{}", field.split('.').next().unwrap_or(field)))
        }
        ("systems", Some(system), None) => Some(format!("/systems#system-{system}")),
        ("vendors", Some(vendor), Some("contract") | None) => Some(format!("/vendors#vendor-{vendor}")),
        ("vendors", Some(vendor), Some(field @ ("remote_transport" | "bcp_procedure"))) => {
            Some(format!("/vendors#field-{vendor}-contract-{field}"))
        }
        ("roles", Some(post), Some(field)) => Some(format!("/roles#field-{post}-{field}")),
        ("roles", Some(post), None) => Some(format!("/roles#role-{post}")),
        // The yearly checklist's いいえ that the 機器台帳 answers.
        ("checklist", Some(_), Some("asset-register")) => Some("/devices#asset-new".into()),
        ("checklist", Some(_), Some("remote-maintenance")) => Some("/devices".into()),
        ("checklist", Some(_), Some("contact-chart")) => Some("/contacts".into()),
        // Items a rule covers but no record shows: recording what was done closes them.
        ("checklist", Some(_), Some("unconfirmed")) => Some("/records#record-new".into()),
        // A missing contact is added with the contacts page's blank form.
        ("emergency_contacts", _, _) => Some("/contacts#contact-new".into()),
        _ => None,
    }
}

/// `?approved=1` after an approval.
#[derive(serde::Deserialize)]
pub(super) struct AfterApproval {
    #[serde(default)]
    approved: Option<String>,
}

/// `/`: the questionnaire on a first visit, else the dashboard.
pub(super) async fn show(
    State(state): State<Arc<AppState>>,
    Query(after): Query<AfterApproval>,
) -> Result<Response, Failure> {
    if !state.profile.exists() {
        return Ok(Redirect::to("/start").into_response());
    }
    let csrf = state.secrets.form().to_owned();
    let shown = csrf.clone();
    let mut view = match with_rendered(&state, move |r| DashboardView::of(r, &shown)).await? {
        Ok(view) => view,
        Err(error) => DashboardView::failed(error, &csrf),
    };
    view.approved = after.approved.is_some();
    Ok(state.pages.render("dashboard.html", &view))
}

/// What a document's page shows.
#[derive(Serialize)]
struct PreviewView {
    id: String,
    title: String,
    /// HTML made by [`preview_html`] (raw HTML dropped, text escaped).
    html: String,
    draft: bool,
}

/// `/documents/{id}`: one document by its catalogue id, as HTML.
pub(super) async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, Failure> {
    let preview = with_rendered(&state, move |rendered| {
        let document = rendered.documents.iter().find(|d| d.spec.id == id)?;
        Some(PreviewView {
            id: document.spec.id.to_owned(),
            title: document.spec.title.to_owned(),
            html: preview_html(&crate::render::document::Document::parse(document.body.as_str(), rendered.wording)),
            draft: !is_register(document.spec.id),
        })
    })
    .await?;
    Ok(match preview {
        Ok(Some(view)) => state.pages.render("document.html", &view),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => Failure(error).into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_items_link_to_the_page_that_closes_them() {
        assert_eq!(link_for("systems.ehr.rto_hours").as_deref(), Some("/systems#field-ehr-rto_hours"));
        assert_eq!(link_for("systems.ehr.backup.offline").as_deref(), Some("/systems#field-ehr-backup"));
        assert_eq!(link_for("facility.phone").as_deref(), Some("/facility#field-phone"));
        assert_eq!(link_for("rules.lockout_attempts").as_deref(), Some("/rules#field-lockout_attempts"));
        assert_eq!(link_for("training.drills_per_year").as_deref(), Some("/training#field-drills_per_year"));
        assert_eq!(link_for("vendors.acme.contract").as_deref(), Some("/vendors#vendor-acme"));
        assert_eq!(
            link_for("vendors.acme.bcp_procedure").as_deref(),
            Some("/vendors#field-acme-contract-bcp_procedure")
        );
        assert_eq!(link_for("roles.management.deputy").as_deref(), Some("/roles#field-management-deputy"));
        assert_eq!(link_for("emergency_contacts.都道府県").as_deref(), Some("/contacts#contact-new"));
        assert_eq!(link_for("organization.committee.meets").as_deref(), Some("/organization#field-committee-meets"));
        assert_eq!(link_for("checklist.R8.asset-register").as_deref(), Some("/devices#asset-new"));
        assert_eq!(link_for("checklist.R8.unconfirmed").as_deref(), Some("/records#record-new"));
    }
}
