//! The profile's lists: systems, vendors and emergency contacts, one form per item.
//!
//! A list page is a [`List`]: where the items are, what names an item (its `key`, or its place
//! for the contacts, which have none), and its fields. A form carries the item's name in a hidden
//! field and the file's version, so an item that moved meanwhile is a 409, never another item's
//! save. The fields, the checks and the save are the section pages' ([`super::forms`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;

use super::edit::{self, Step};
use super::forms::{
    current, field, fields, lookup, mark, nested, read_form, ready, shown, submit, AfterSave, FieldSpec, FormPage,
    GroupView, Kind, Submitted,
};
use super::state::AppState;

/// A page with one form per item of a list of the profile.
pub(super) struct List {
    /// The page's address.
    path: &'static str,
    /// The profile's key of the list.
    key: &'static str,
    /// The schema definition of an item (for labels and help).
    definition: &'static str,
    /// The hidden field naming an item, and the prefix of its form's anchor.
    item: &'static str,
    /// Whether items are named by their `key` (else by their place in the list).
    keyed: bool,
    title: &'static str,
    intro: &'static str,
    fields: &'static [FieldSpec],
}

/// The systems.
const SYSTEMS: List = List {
    path: "/systems",
    key: "systems",
    definition: "System",
    item: "system",
    keyed: true,
    title: "医療情報システム",
    intro: "電子カルテ、レセコン、オンライン資格確認など、施設で使うシステムごとに入力します。",
    fields: &SYSTEM,
};

/// The vendors and their contracts.
const VENDORS: List = List {
    path: "/vendors",
    key: "vendors",
    definition: "Vendor",
    item: "vendor",
    keyed: true,
    title: "事業者と契約",
    intro: "システムの導入・保守やクラウドサービスを提供する事業者ごとに、連絡窓口と契約の内容を入力します。",
    fields: &VENDOR,
};

/// The emergency contacts.
const CONTACTS: List = List {
    path: "/contacts",
    key: "emergency_contacts",
    definition: "EmergencyContact",
    item: "contact",
    keyed: false,
    title: "緊急連絡先",
    intro: "事故や障害のときに連絡する外部の窓口（警察、都道府県、厚生労働省など）です。",
    fields: &CONTACT,
};

/// Each system's fields (an item of `systems`).
const SYSTEM: [FieldSpec; 9] = [
    field("name", Kind::Text, true),
    field("kind", Kind::Choice("SystemKind"), true),
    field("hosting", Kind::Choice("Hosting"), true),
    field("medical_information", Kind::Flag, true),
    field("priority", Kind::Number, false),
    field("rto_hours", Kind::Number, false),
    field("rpo_hours", Kind::Number, false),
    field("location", Kind::Text, false),
    field("downtime", Kind::LongText, false),
];

/// Each vendor's fields: its name, its contact and its contract's facts.
const VENDOR: [FieldSpec; 12] = [
    field("name", Kind::Text, true),
    nested("contact.department", "VendorContact", Kind::Text, false),
    nested("contact.phone", "VendorContact", Kind::Text, false),
    nested("contact.email", "VendorContact", Kind::Text, false),
    nested("contact.hours", "VendorContact", Kind::Text, false),
    nested("contract.written_role_split", "Contract", Kind::Flag, true),
    nested("contract.confirmed", "Contract", Kind::Date, false),
    nested("contract.remote_maintenance", "Contract", Kind::Flag, true),
    nested("contract.remote_transport", "Contract", Kind::Choice("RemoteTransport"), false),
    nested("contract.mds_sds", "Contract", Kind::Flag, true),
    nested("contract.security_updates", "Contract", Kind::Flag, true),
    nested("contract.bcp_procedure", "Contract", Kind::Flag, false),
];

/// Each emergency contact's fields.
const CONTACT: [FieldSpec; 4] = [
    field("kind", Kind::Choice("ContactKind"), true),
    field("name", Kind::Text, true),
    field("phone", Kind::Text, true),
    field("note", Kind::Text, false),
];

impl List {
    /// The name of the item at `index` (its key, or its place).
    fn name_of(&self, index: usize, item: &Value) -> String {
        if self.keyed {
            item["key"].as_str().unwrap_or_default().to_owned()
        } else {
            index.to_string()
        }
    }

    /// The list's items in the file.
    fn items<'a>(&self, data: &'a Value) -> &'a [Value] {
        data[self.key].as_array().map(Vec::as_slice).unwrap_or_default()
    }

    /// A field's value in the file.
    fn value_in(&self, item: &Value, key: &str) -> String {
        lookup(item, key)
    }

    /// One form per item; the item named `posted`'s shows the posted values.
    fn groups(&self, data: &Value, posted: Option<(&str, ValueOf<'_>)>) -> Vec<GroupView> {
        self.items(data)
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let name = self.name_of(index, item);
                let from_file = |key: &str| self.value_in(item, key);
                let value_of: ValueOf<'_> = match posted {
                    Some((n, input)) if n == name => input,
                    _ => &from_file,
                };
                GroupView {
                    heading: self.heading(index, item),
                    anchor: format!("{}-{name}", self.item),
                    item_name: self.item,
                    fields: fields(self.fields, self.definition, &format!("field-{name}-"), data, value_of),
                    item: Some(name),
                    problems: Vec::new(),
                }
            })
            .collect()
    }

    fn heading(&self, index: usize, item: &Value) -> String {
        match shown(item.get("name")) {
            name if !name.is_empty() => name,
            _ => format!("{}件目", index + 1),
        }
    }

    fn page(&self, state: &AppState, version: String, groups: Vec<GroupView>) -> FormPage {
        FormPage {
            csrf: state.secrets.form().to_owned(),
            version,
            title: self.title.into(),
            intro: self.intro.into(),
            action: self.path.into(),
            saved: false,
            conflict: false,
            invalid: false,
            groups,
        }
    }
}

/// Reads a field's value by its key (from the file, or from what was posted).
type ValueOf<'a> = &'a dyn Fn(&str) -> String;

/// A list's page as the file is.
fn show(state: &AppState, list: &List, saved: bool) -> Response {
    let Some(current) = ready(state) else { return Redirect::to("/start").into_response() };
    let current = match current {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let groups = list.groups(&current.data, None);
    let mut page = list.page(state, edit::version(&current.text), groups);
    page.saved = saved;
    state.pages.render("form.html", &page)
}

/// Saves one item's form (its name in the hidden field `list.item`).
async fn save(state: &Arc<AppState>, list: &List, posted: HashMap<String, String>) -> Response {
    let current = match current(state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let name = posted.get(list.item).cloned().unwrap_or_default();
    let items = list.items(&data);
    let Some(index) = (0..items.len()).find(|i| list.name_of(*i, &items[*i]) == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let saved_value = |key: &str| list.value_in(&items[index], key);
    let parent = [Step::Key(list.key.into()), Step::Index(index)];
    let read = read_form(&posted, list.fields, &parent, &saved_value, &data);
    let outcome = submit(state, read).await;
    let input = |key: &str| posted.get(key).cloned().unwrap_or_default();
    let mut groups = list.groups(&data, Some((name.as_str(), &input as ValueOf<'_>)));
    let (status, version) = match outcome {
        Submitted::Saved => {
            return Redirect::to(&format!("{}?saved=1#{}-{name}", list.path, list.item)).into_response()
        }
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, problems } => {
            if let Some(group) = groups.get_mut(index) {
                mark(group, &problems, &diagnostics, status, &saved_value);
            }
            (status, version)
        }
    };
    let mut page = list.page(state, version, groups);
    page.conflict = status == StatusCode::CONFLICT;
    page.invalid = status == StatusCode::UNPROCESSABLE_ENTITY;
    state.pages.render_with(status, "form.html", &page)
}

/// `GET /systems`.
pub(super) async fn systems(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
    show(&state, &SYSTEMS, after.saved.is_some())
}

/// `POST /systems`: one system's form.
pub(super) async fn save_system(
    State(state): State<Arc<AppState>>,
    Form(posted): Form<HashMap<String, String>>,
) -> Response {
    save(&state, &SYSTEMS, posted).await
}

/// `GET /vendors`.
pub(super) async fn vendors(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
    show(&state, &VENDORS, after.saved.is_some())
}

/// `POST /vendors`: one vendor's form.
pub(super) async fn save_vendor(
    State(state): State<Arc<AppState>>,
    Form(posted): Form<HashMap<String, String>>,
) -> Response {
    save(&state, &VENDORS, posted).await
}

/// `GET /contacts`.
pub(super) async fn contacts(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
    show(&state, &CONTACTS, after.saved.is_some())
}

/// `POST /contacts`: one contact's form.
pub(super) async fn save_contact(
    State(state): State<Arc<AppState>>,
    Form(posted): Form<HashMap<String, String>>,
) -> Response {
    save(&state, &CONTACTS, posted).await
}
