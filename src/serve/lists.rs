//! The profile's lists: people, systems, vendors, emergency contacts, the 機器台帳 (assets), the
//! network's VPN devices and its segments,
//! one form per item, a blank form that appends one, and a delete button per item.
//!
//! A list page is a [`List`]: where the items are, what names an item (its `key`, or its place
//! for the contacts and assets, which have none), and its fields. A form carries the item's name
//! in a hidden field and the file's version, so an item that moved meanwhile is a 409, never
//! another item's save or removal. The fields, the checks and the save are the section pages'
//! ([`super::forms`]).
//!
//! A new item of a keyed list gets a key the user never sees (`system-4`): keys are how the
//! profile refers to items, not something a clinic should have to invent. A removal goes through
//! the same checks as every save, so removing a vendor that a system still names is refused by
//! the check `kitei check` runs; the page then says, in words, which items still name it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;

use super::edit::{self, Change, NewValue, Step};
use super::forms::{
    current, field, fields, gather, lookup, mark, nested, new_item, read_form, ready, section_group_as_filed, shown,
    submit, AfterSave, FieldSpec, FormPage, GroupView, Kind, Section, Submitted, NETWORK_PAGE,
};
use super::state::AppState;

/// A page with one form per item of a list of the profile.
pub(super) struct List {
    /// Where the list's forms post (`<path>/add`, `<path>/remove` too).
    path: &'static str,
    /// The page's address (where a save returns to): `path`, or the section's page the list is
    /// shown on.
    page: &'static str,
    /// A section's form shown above the items (the network's answers above its VPN devices).
    section: Option<&'static Section>,
    /// The profile's key of the list (`a.b`: the list `b` of the mapping `a`).
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
    /// What one item is called (「事業者」), for the add form's heading.
    noun: &'static str,
    /// Whether items can be added and removed on the page.
    editable: bool,
    /// Whether other items refer to an item by its name (segments, the 機器台帳's devices), not by
    /// its key.
    referred_by_name: bool,
}

/// The systems.
const SYSTEMS: List = List {
    path: "/systems",
    page: "/systems",
    section: None,
    key: "systems",
    definition: "System",
    item: "system",
    keyed: true,
    title: "医療情報システム",
    intro: "電子カルテ、レセコン、オンライン資格確認など、施設で使うシステムごとに入力します。",
    fields: &SYSTEM,
    noun: "システム",
    editable: true,
    referred_by_name: false,
};

/// The vendors and their contracts.
const VENDORS: List = List {
    path: "/vendors",
    page: "/vendors",
    section: None,
    key: "vendors",
    definition: "Vendor",
    item: "vendor",
    keyed: true,
    title: "事業者と契約",
    intro: "システムの導入・保守やクラウドサービスを提供する事業者ごとに、連絡窓口と契約の内容を入力します。新しく追加した事業者の連絡窓口と契約の内容は、追加したあとに入力します。",
    fields: &VENDOR,
    noun: "事業者",
    editable: true,
    referred_by_name: false,
};

/// The emergency contacts.
const CONTACTS: List = List {
    path: "/contacts",
    page: "/contacts",
    section: None,
    key: "emergency_contacts",
    definition: "EmergencyContact",
    item: "contact",
    keyed: false,
    title: "緊急連絡先",
    intro: "事故や障害のときに連絡する外部の窓口（警察、都道府県、厚生労働省など）です。",
    fields: &CONTACT,
    noun: "連絡先",
    editable: true,
    referred_by_name: false,
};

/// The people named in the documents.
const PEOPLE: List = List {
    path: "/people",
    page: "/people",
    section: None,
    key: "people",
    definition: "Person",
    item: "person",
    keyed: true,
    title: "職員",
    intro:
        "規程に名前が載る職員（院長、責任者、担当者、その代理の者）です。役割の分担は「役割と代理」の画面で選びます。",
    fields: &PERSON,
    noun: "職員",
    editable: true,
    referred_by_name: false,
};

/// The 機器台帳.
const ASSETS: List = List {
    path: "/devices",
    page: "/devices",
    section: None,
    key: "assets",
    definition: "Asset",
    item: "asset",
    keyed: false,
    title: "機器台帳",
    intro: "サーバ、端末PC、ネットワーク機器、医療機器、バックアップ用の外部記録媒体など、施設の機器ごとに入力します。",
    fields: &ASSET,
    noun: "機器",
    editable: true,
    referred_by_name: true,
};

/// The network's VPN devices and routers, on the network's page below its answers.
const VPN_DEVICES: List = List {
    path: "/network/devices",
    page: "/network",
    section: Some(&NETWORK_PAGE),
    key: "network.vpn_devices",
    definition: "NetworkDevice",
    item: "device",
    keyed: false,
    title: "ネットワーク",
    intro: "インターネットへの接続、無線LANの利用、施設の外からの接続があるかどうかと、VPN装置・ルータです。",
    fields: &VPN_DEVICE,
    noun: "VPN装置・ルータ",
    editable: true,
    referred_by_name: false,
};

/// The network's segments and their members, on a page of their own.
const SEGMENTS: List = List {
    path: "/network/segments",
    page: "/network/segments",
    section: None,
    key: "network.segments",
    definition: "Segment",
    item: "segment",
    keyed: false,
    title: "ネットワークの区画",
    intro: "電子カルテ系、事務系、医療機器系、ゲスト用の無線LANなど、施設内のネットワークの区画ごとに、インターネットにつながるか、無線LANか、その区画で使うシステムとつながる機器を選びます。構成図に区画ごとに描かれます。機器は機器台帳に載せたものから選びます。",
    fields: &SEGMENT,
    noun: "区画",
    editable: true,
    referred_by_name: true,
};

/// Each segment's fields.
const SEGMENT: [FieldSpec; 5] = [
    field("name", Kind::Text, true),
    field("internet", Kind::Flag, true),
    field("wireless", Kind::Flag, true),
    field("systems", Kind::Systems, false),
    field("assets", Kind::Assets, false),
];

/// Each VPN device's fields.
const VPN_DEVICE: [FieldSpec; 5] = [
    field("name", Kind::Text, true),
    field("managed_by", Kind::Vendor, false),
    field("connects", Kind::Peers, false),
    field("segment", Kind::Segment, false),
    field("line", Kind::Text, false),
];

/// Each person's fields (their key is made when they are added, never shown).
const PERSON: [FieldSpec; 4] = [
    field("name", Kind::Text, true),
    field("position", Kind::Text, true),
    field("phone", Kind::Text, false),
    field("email", Kind::Text, false),
];

/// Each device's fields (an item of `assets`).
const ASSET: [FieldSpec; 13] = [
    field("name", Kind::Text, true),
    field("kind", Kind::Choice("AssetKind"), true),
    field("location", Kind::Text, true),
    field("os", Kind::Text, false),
    field("version", Kind::Text, false),
    field("system", Kind::System, false),
    field("vendor", Kind::Vendor, false),
    field("manager", Kind::Text, false),
    field("users", Kind::Text, false),
    field("capacity", Kind::Text, false),
    field("support_end", Kind::Date, false),
    field("remote_maintenance", Kind::Flag, true),
    field("two_factor", Kind::Flag, true),
];

/// Each system's fields (an item of `systems`).
const SYSTEM: [FieldSpec; 10] = [
    field("name", Kind::Text, true),
    field("kind", Kind::Choice("SystemKind"), true),
    field("hosting", Kind::Choice("Hosting"), true),
    field("vendor", Kind::Vendor, false),
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
        let mut at = data;
        for part in self.key.split('.') {
            at = &at[part];
        }
        at.as_array().map(Vec::as_slice).unwrap_or_default()
    }

    /// The steps to the list in the profile.
    fn steps(&self) -> Vec<Step> {
        self.key.split('.').map(|k| Step::Key(k.to_owned())).collect()
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
                    action: self.path.into(),
                    submit: "保存する",
                    remove: self.editable,
                    fields: fields(self.fields, self.definition, &format!("field-{name}-"), data, value_of),
                    item: Some(name),
                    problems: Vec::new(),
                }
            })
            .collect()
    }

    /// The blank form that appends an item (showing `value_of`'s values: blank, or as posted).
    fn add_group(&self, data: &Value, value_of: ValueOf<'_>) -> GroupView {
        let specs: Vec<FieldSpec> = self.fields.iter().copied().filter(|s| !s.is_nested()).collect();
        GroupView {
            heading: format!("{}を追加する", self.noun),
            anchor: format!("{}-new", self.item),
            item_name: self.item,
            item: None,
            action: format!("{}/add", self.path),
            submit: "追加する",
            remove: false,
            fields: fields(&specs, self.definition, "field-new-", data, value_of),
            problems: Vec::new(),
        }
    }

    /// Every item's form, then the add form when the list has one.
    fn all_groups(&self, data: &Value, posted: Option<(&str, ValueOf<'_>)>) -> Vec<GroupView> {
        let mut groups: Vec<GroupView> = self.section.iter().map(|s| section_group_as_filed(s, data)).collect();
        groups.extend(self.groups(data, posted));
        if self.editable {
            groups.push(self.add_group(data, &|_: &str| String::new()));
        }
        groups
    }

    /// A key for a new item that no item of the list has.
    fn fresh_key(&self, data: &Value) -> String {
        let taken: Vec<String> = self.items(data).iter().map(|i| shown(i.get("key"))).collect();
        (self.items(data).len() + 1..)
            .map(|n| format!("{}-{n}", self.item))
            .find(|k| !taken.contains(k))
            .unwrap_or_default()
    }

    /// The place of the item named `name`.
    fn index_of(&self, data: &Value, name: &str) -> Option<usize> {
        let items = self.items(data);
        (0..items.len()).find(|i| self.name_of(*i, &items[*i]) == name)
    }

    /// When `changes` rename `item` of a list whose items others name by their name, the same
    /// rename where it is named: a VPN device's segment, a segment's devices. (Otherwise the
    /// checks would refuse the rename as leaving an unknown name behind.)
    fn renamed(&self, data: &Value, item: &Value, changes: &[Change]) -> Vec<Change> {
        let old = shown(item.get("name"));
        let new = changes.iter().find_map(|c| match (c.path.last(), &c.value) {
            (Some(Step::Key(key)), NewValue::Text(new)) if key == "name" => Some(new.clone()),
            _ => None,
        });
        let Some(new) = new.filter(|_| self.referred_by_name && !old.is_empty()) else { return Vec::new() };
        let at = |list: &str, index: usize, field: &str| {
            ["network", list]
                .iter()
                .map(|k| Step::Key((*k).to_owned()))
                .chain([Step::Index(index), Step::Key(field.to_owned())])
                .collect()
        };
        let items = |list: &str| data["network"][list].as_array().cloned().unwrap_or_default();
        match self.key {
            "network.segments" => items("vpn_devices")
                .iter()
                .enumerate()
                .filter(|(_, d)| d["segment"].as_str() == Some(old.as_str()))
                .map(|(i, _)| Change { path: at("vpn_devices", i, "segment"), value: NewValue::Text(new.clone()) })
                .collect(),
            "assets" => items("segments")
                .iter()
                .enumerate()
                .filter_map(|(i, segment)| {
                    let members: Vec<String> = segment["assets"].as_array()?.iter().map(|a| shown(Some(a))).collect();
                    members.contains(&old).then(|| {
                        let renamed = members.into_iter().map(|m| if m == old { new.clone() } else { m }).collect();
                        Change { path: at("segments", i, "assets"), value: NewValue::Texts(renamed) }
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn heading(&self, index: usize, item: &Value) -> String {
        match shown(item.get("name")) {
            name if !name.is_empty() => name,
            _ => format!("{}件目", index + 1),
        }
    }

    fn page(&self, state: &AppState, version: String, groups: Vec<GroupView>) -> FormPage {
        FormPage::new(state, version, (self.title, self.intro), self.path, format!("{}/remove", self.path), groups)
    }
}

/// Reads a field's value by its key (from the file, or from what was posted).
type ValueOf<'a> = &'a dyn Fn(&str) -> String;

/// A list's page as the file is.
fn show(state: &AppState, list: &List, after: &AfterSave) -> Response {
    let Some(current) = ready(state) else { return Redirect::to("/start").into_response() };
    let current = match current {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let groups = list.all_groups(&current.data, None);
    let mut page = list.page(state, edit::version(&current.text), groups);
    page.saved = after.saved.is_some();
    page.removed = after.removed.is_some();
    state.pages.render("form.html", &page)
}

/// Saves one item's form (its name in the hidden field `list.item`).
async fn save(state: &Arc<AppState>, list: &List, posted: HashMap<String, String>) -> Response {
    let current = match current(state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let posted = gather(list.fields, posted, &data);
    let name = posted.get(list.item).cloned().unwrap_or_default();
    let items = list.items(&data);
    let Some(index) = list.index_of(&data, &name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let saved_value = |key: &str| list.value_in(&items[index], key);
    let parent: Vec<Step> = list.steps().into_iter().chain([Step::Index(index)]).collect();
    let read = read_form(&posted, list.fields, &parent, &saved_value, &data).map(|(seen, mut changes)| {
        changes.extend(list.renamed(&data, &items[index], &changes));
        (seen, changes)
    });
    let outcome = submit(state, read).await;
    let input = |key: &str| posted.get(key).cloned().unwrap_or_default();
    let mut groups = list.all_groups(&data, Some((name.as_str(), &input as ValueOf<'_>)));
    let (status, version) = match outcome {
        Submitted::Saved => {
            return Redirect::to(&format!("{}?saved=1#{}-{name}", list.page, list.item)).into_response()
        }
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, problems } => {
            if let Some(group) = groups.get_mut(index + usize::from(list.section.is_some())) {
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

/// Appends the item of the add form.
async fn add(state: &Arc<AppState>, list: &List, posted: HashMap<String, String>) -> Response {
    let current = match current(state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let posted = gather(list.fields, posted, &data);
    let (mut item, problems) = new_item(list.fields, &posted, &data);
    let name = if list.keyed {
        let key = list.fresh_key(&data);
        item.insert(0, ("key".to_owned(), NewValue::Text(key.clone())));
        key
    } else {
        list.items(&data).len().to_string()
    };
    let seen = posted.get("file_version").cloned().unwrap_or_default();
    let read = if problems.is_empty() {
        Ok((seen.clone(), vec![Change { path: list.steps(), value: NewValue::Append(item) }]))
    } else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        Err(Submitted::Rejected { status, version: seen, diagnostics: Vec::new(), problems })
    };
    let outcome = submit(state, read).await;
    let (status, version, diagnostics, problems) = match outcome {
        Submitted::Saved => {
            return Redirect::to(&format!("{}?saved=1#{}-{name}", list.page, list.item)).into_response()
        }
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, problems } => (status, version, diagnostics, problems),
    };
    // Under a conflict the page shows the file as it is now, with the add form as posted.
    let data = if status == StatusCode::CONFLICT { current_data(state).unwrap_or(data) } else { data };
    let input = |key: &str| posted.get(key).cloned().unwrap_or_default();
    let mut groups: Vec<GroupView> = list.section.iter().map(|s| section_group_as_filed(s, &data)).collect();
    groups.extend(list.groups(&data, None));
    let mut adding = list.add_group(&data, &input);
    mark(&mut adding, &problems, &diagnostics, StatusCode::UNPROCESSABLE_ENTITY, &|_: &str| String::new());
    groups.push(adding);
    let mut page = list.page(state, version, groups);
    page.conflict = status == StatusCode::CONFLICT;
    page.invalid = status == StatusCode::UNPROCESSABLE_ENTITY;
    state.pages.render_with(status, "form.html", &page)
}

/// The profile's data as it is now.
fn current_data(state: &AppState) -> Option<Value> {
    current(state).ok().map(|c| c.data)
}

/// Removes the item named in the form, if the checks allow it.
async fn remove(state: &Arc<AppState>, list: &List, posted: HashMap<String, String>) -> Response {
    let current = match current(state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let name = posted.get(list.item).cloned().unwrap_or_default();
    let seen = posted.get("file_version").cloned().unwrap_or_default();
    let Some(index) = list.index_of(&data, &name) else {
        // Named by its place, an item that is gone is a conflict; by its key, it is unknown.
        if !list.keyed && edit::version(&current.text) != seen {
            return conflict_page(state, list, &data, edit::version(&current.text));
        }
        return StatusCode::NOT_FOUND.into_response();
    };
    let path = list.steps().into_iter().chain([Step::Index(index)]).collect();
    let change = Change { path, value: NewValue::Removed };
    let outcome = submit(state, Ok((seen, vec![change]))).await;
    let (status, version, diagnostics) = match outcome {
        Submitted::Saved => return Redirect::to(&format!("{}?removed=1", list.page)).into_response(),
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, .. } => (status, version, diagnostics),
    };
    if status == StatusCode::CONFLICT {
        let data = current_data(state).unwrap_or(data);
        return conflict_page(state, list, &data, version);
    }
    let mut groups = list.all_groups(&data, None);
    if let Some(group) = groups.get_mut(index + usize::from(list.section.is_some())) {
        let item = &list.items(&data)[index];
        let key = shown(item.get(if list.referred_by_name { "name" } else { "key" }));
        let referrers = if key.is_empty() { Vec::new() } else { referrers(&data, &key) };
        if referrers.is_empty() {
            group.problems.extend(diagnostics.iter().map(|d| match &d.hint {
                Some(hint) => format!("{}（{hint}）", d.message),
                None => d.message.clone(),
            }));
        } else {
            group.problems.push(format!(
                "この{}は「{}」で選ばれているため、削除できません。先にそちらで別のものを選ぶか、空欄にしてください。削除していません。",
                list.noun,
                referrers.join("」「")
            ));
        }
    }
    let mut page = list.page(state, version, groups);
    page.invalid = true;
    state.pages.render_with(status, "form.html", &page)
}

/// The list's page after a lost race: the file as it is now, and the conflict's message.
fn conflict_page(state: &AppState, list: &List, data: &Value, version: String) -> Response {
    let mut page = list.page(state, version, list.all_groups(data, None));
    page.conflict = true;
    state.pages.render_with(StatusCode::CONFLICT, "form.html", &page)
}

/// The fields that name another item by its key (or a segment by its name).
const REFERENCES: [&str; 10] =
    ["vendor", "system", "managed_by", "person", "deputy", "head", "founder", "approver", "chair", "segment"];

/// The fields that list other items by their keys (or devices by their names).
const LIST_REFERENCES: [&str; 3] = ["members", "systems", "assets"];

/// What still names the item `key`, in words: the names of the items, or the pages, whose fields
/// refer to it.
fn referrers(data: &Value, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (section, value) in data.as_object().into_iter().flatten() {
        collect_referrers(value, key, &page_name(section), &mut found);
    }
    found
}

fn collect_referrers(value: &Value, key: &str, context: &str, found: &mut Vec<String>) {
    match value {
        // An item of a list is named by its name; a section's mapping by its page.
        Value::Array(items) => items.iter().for_each(|item| {
            let context = item.get("name").and_then(Value::as_str).unwrap_or(context);
            collect_referrers(item, key, context, found);
        }),
        Value::Object(map) => {
            for (field, inner) in map {
                let names_it = REFERENCES.contains(&field.as_str()) && inner.as_str() == Some(key)
                    || LIST_REFERENCES.contains(&field.as_str())
                        && inner.as_array().is_some_and(|m| m.iter().any(|v| v.as_str() == Some(key)));
                if names_it {
                    if !found.iter().any(|f| f == context) {
                        found.push(context.to_owned());
                    }
                } else {
                    collect_referrers(inner, key, context, found);
                }
            }
        }
        _ => {}
    }
}

/// The page that shows a top-level part of the profile, as its nav names it.
fn page_name(section: &str) -> String {
    match section {
        "facility" => "施設の基本情報",
        "roles" => "役割と代理",
        "organization" => "組織",
        "document" => "承認する人",
        "network" => "ネットワーク",
        _ => "施設の情報",
    }
    .to_owned()
}

/// The four handlers of each list: its page (`GET`), one item's form (`POST`), and the add and
/// remove forms (`POST <list>/add`, `POST <list>/remove`). The routes are in `app.rs`.
macro_rules! list_handlers {
    ($($list:ident: $show:ident, $save:ident, $add:ident, $remove:ident;)*) => {$(
        /// The list's page: one form per item, then the add form.
        pub(super) async fn $show(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
            show(&state, &$list, &after)
        }

        /// One item's form.
        pub(super) async fn $save(
            State(state): State<Arc<AppState>>,
            Form(posted): Form<HashMap<String, String>>,
        ) -> Response {
            save(&state, &$list, posted).await
        }

        /// `POST <list>/add`: appends the add form's item.
        pub(super) async fn $add(
            State(state): State<Arc<AppState>>,
            Form(posted): Form<HashMap<String, String>>,
        ) -> Response {
            add(&state, &$list, posted).await
        }

        /// `POST <list>/remove`: removes the item the form names.
        pub(super) async fn $remove(
            State(state): State<Arc<AppState>>,
            Form(posted): Form<HashMap<String, String>>,
        ) -> Response {
            remove(&state, &$list, posted).await
        }
    )*};
}

// `/network` shows the network's answers above its VPN devices; `/devices` is the 機器台帳 (not
// `/assets`, where the stylesheet and fonts are).
list_handlers! {
    SYSTEMS: systems, save_system, add_system, remove_system;
    VENDORS: vendors, save_vendor, add_vendor, remove_vendor;
    CONTACTS: contacts, save_contact, add_contact, remove_contact;
    PEOPLE: people, save_person, add_person, remove_person;
    ASSETS: assets, save_asset, add_asset, remove_asset;
    VPN_DEVICES: network, save_vpn_device, add_vpn_device, remove_vpn_device;
    SEGMENTS: segments, save_segment, add_segment, remove_segment;
}
