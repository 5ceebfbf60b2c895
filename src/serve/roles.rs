//! The roles page: who holds each of the guideline's posts (経営層, 企画管理者, システム運用担当者,
//! and the optional 監査責任者 and CISO), what the facility calls it, and who deputises.
//!
//! The posts are keys of one mapping, not a list, so each post is its own form (a hidden field
//! names it) over the same fields; people are chosen from the profile's people, never typed, so a
//! post can only name someone the 職員 page knows. The checks that run on every save refuse a
//! post that is its own deputy, with their message beside the field.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;

use super::edit::{self, Step};
use super::forms::{
    current, field, fields, lookup, mark, read_form, ready, submit, AfterSave, FieldSpec, FormPage, GroupView, Kind,
    Submitted,
};
use super::schema_text;
use super::state::AppState;

/// The posts, in the order the documents name them: (key, required).
const POSTS: [(&str, bool); 5] =
    [("governance", true), ("management", true), ("operations", true), ("audit", false), ("ciso", false)];

/// A post's fields (of a required post, the person is required).
const REQUIRED_POST: [FieldSpec; 3] =
    [field("person", Kind::Person, true), field("title", Kind::Text, false), field("deputy", Kind::Person, false)];

/// An optional post's fields: left blank, the post is not set up.
const OPTIONAL_POST: [FieldSpec; 3] =
    [field("person", Kind::Person, false), field("title", Kind::Text, false), field("deputy", Kind::Person, false)];

const PATH: &str = "/roles";

fn specs(required: bool) -> &'static [FieldSpec] {
    if required {
        &REQUIRED_POST
    } else {
        &OPTIONAL_POST
    }
}

/// Reads a field's value by its key (from the file, or from what was posted).
type ValueOf<'a> = &'a dyn Fn(&str) -> String;

/// One form per post; the post named `posted`'s shows the posted values.
fn groups(data: &Value, posted: Option<(&str, ValueOf<'_>)>) -> Vec<GroupView> {
    POSTS
        .iter()
        .map(|(post, required)| {
            let from_file = |key: &str| lookup(&data["roles"][*post], key);
            let value_of: ValueOf<'_> = match posted {
                Some((p, input)) if p == *post => input,
                _ => &from_file,
            };
            GroupView {
                heading: schema_text::label("Roles", post),
                anchor: format!("role-{post}"),
                item_name: "role",
                item: Some((*post).to_owned()),
                action: PATH.into(),
                submit: "保存する",
                remove: false,
                fields: fields(specs(*required), "RoleAssignment", &format!("field-{post}-"), data, value_of),
                problems: Vec::new(),
            }
        })
        .collect()
}

fn page(state: &AppState, version: String, groups: Vec<GroupView>) -> FormPage {
    let heading = (
        "役割と代理",
        "規程で定める責任者・担当者に、職員の誰が当たるかと、不在のときに代わりを務める人です。職員は「職員」の画面で追加できます。",
    );
    FormPage::new(state, version, heading, PATH, String::new(), groups)
}

/// `GET /roles`.
pub(super) async fn roles(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
    let Some(current) = ready(&state) else { return Redirect::to("/start").into_response() };
    let current = match current {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let mut page = page(&state, edit::version(&current.text), groups(&current.data, None));
    page.saved = after.saved.is_some();
    state.pages.render("form.html", &page)
}

/// `POST /roles`: one post's form.
pub(super) async fn save_role(
    State(state): State<Arc<AppState>>,
    Form(posted): Form<HashMap<String, String>>,
) -> Response {
    let current = match current(&state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let name = posted.get("role").cloned().unwrap_or_default();
    let Some(index) = POSTS.iter().position(|(p, _)| *p == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (post, required) = POSTS[index];
    let saved_value = |key: &str| lookup(&data["roles"][post], key);
    let parent = [Step::Key("roles".into()), Step::Key(post.into())];
    let read = read_form(&posted, specs(required), &parent, &saved_value, &data);
    let outcome = submit(&state, read).await;
    let input = |key: &str| posted.get(key).cloned().unwrap_or_default();
    let mut groups = groups(&data, Some((post, &input)));
    let (status, version) = match outcome {
        Submitted::Saved => return Redirect::to(&format!("{PATH}?saved=1#role-{post}")).into_response(),
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, problems } => {
            mark(&mut groups[index], &problems, &diagnostics, status, &saved_value);
            (status, version)
        }
    };
    let mut page = page(&state, version, groups);
    page.conflict = status == StatusCode::CONFLICT;
    page.invalid = status == StatusCode::UNPROCESSABLE_ENTITY;
    state.pages.render_with(status, "form.html", &page)
}
