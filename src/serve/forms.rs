//! The profile's pages of one section each (the facility, the rules, training, audit and the
//! network's answers), and what every form shares (the lists are in [`super::lists`], the posts
//! in [`super::roles`]).
//!
//! Each field is described once ([`FieldSpec`]): its key, what kind of input it is, whether it
//! is required. Labels, help and choices come from the schema ([`super::schema_text`]); the
//! values shown are read from the file as it is. A save writes only the fields that changed,
//! through [`super::edit::save`], and the checks' messages appear beside their field.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::edit::{self, Change, NewValue, Saved, Step};
use super::pages::Failure;
use super::schema_text;
use super::state::AppState;
use crate::diagnostic::SourceDiagnostic;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number.
    Number,
    /// One of an enum's values (the schema's definition name).
    Choice(&'static str),
    /// A person of the profile.
    Person,
    /// A vendor of the profile.
    Vendor,
    /// A system of the profile.
    System,
    /// Any of the profile's systems (a segment's members).
    Systems,
    /// Any of the 機器台帳's devices, by name (a segment's members).
    Assets,
    /// Any of the profile's vendors and systems (what a VPN device connects: `vendor:key` or
    /// `system:key` in the form).
    Peers,
    /// One of the network's segments, by name.
    Segment,
    /// Yes or no (a required one reads an absent key as no: the profile's default).
    Flag,
    /// Yes or no whose absent key reads as yes (the network's `internet`).
    FlagOn,
    /// A date (YYYY-MM-DD).
    Date,
}

/// One field of a form.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldSpec {
    /// The key under the form's mapping; `a.b` for a key of the nested mapping `a`.
    key: &'static str,
    /// The schema definition of a nested key's mapping (for its label and help).
    definition: Option<&'static str>,
    kind: Kind,
    required: bool,
}

/// A field directly under the form's mapping.
pub(super) const fn field(key: &'static str, kind: Kind, required: bool) -> FieldSpec {
    FieldSpec { key, definition: None, kind, required }
}

/// A field of a nested mapping (`contract.confirmed`), described by `definition` in the schema.
pub(super) const fn nested(key: &'static str, definition: &'static str, kind: Kind, required: bool) -> FieldSpec {
    FieldSpec { key, definition: Some(definition), kind, required }
}

impl FieldSpec {
    /// The key's last part (what the profile's line starts with).
    fn leaf(&self) -> &'static str {
        self.key.rsplit('.').next().unwrap_or(self.key)
    }

    /// The value as the field shows it: a required flag that is absent is no.
    fn present(&self, value: String) -> String {
        match self.kind {
            Kind::Flag if value.is_empty() && self.required => "false".into(),
            Kind::FlagOn if value.is_empty() => "true".into(),
            _ => value,
        }
    }

    /// Whether the field holds a list, chosen with checkboxes (its value in the form is the chosen
    /// values, one a line).
    pub(super) fn is_many(&self) -> bool {
        matches!(self.kind, Kind::Systems | Kind::Assets | Kind::Peers)
    }

    /// Whether the field is a key of a nested mapping (not asked when an item is added).
    pub(super) fn is_nested(&self) -> bool {
        self.definition.is_some()
    }
}

/// The value at `key` (`a.b` walks into `a`) of `item`, as a field shows it.
pub(super) fn lookup(item: &Value, key: &str) -> String {
    let mut at = Some(item);
    for part in key.split('.') {
        at = at.and_then(|v| v.get(part));
    }
    shown(at)
}

/// The facility page's fields (`facility` of the profile).
const FACILITY: [FieldSpec; 6] = [
    field("name", Kind::Text, true),
    field("kind", Kind::Choice("FacilityKind"), true),
    field("beds", Kind::Number, true),
    field("address", Kind::Text, true),
    field("phone", Kind::Text, false),
    field("head", Kind::Person, true),
];

/// One choice of a `<select>`.
#[derive(Serialize)]
struct OptionView {
    value: String,
    label: String,
    selected: bool,
}

/// One field as the template shows it.
#[derive(Serialize)]
pub(super) struct FieldView {
    /// The form field's name (the profile key; never shown as text).
    name: String,
    /// The anchor a 課題一覧 row links to.
    anchor: String,
    label: String,
    help: String,
    /// `text`, `textarea`, `number` or `select`.
    input: &'static str,
    value: String,
    required: bool,
    options: Vec<OptionView>,
    /// The checks' messages for this field.
    problems: Vec<String>,
    /// Under a conflict: the value saved meanwhile, when it differs from the input.
    saved_meanwhile: Option<String>,
}

/// One form (a section, or one item of a list).
#[derive(Serialize)]
pub(super) struct GroupView {
    pub(super) heading: String,
    pub(super) anchor: String,
    /// The hidden field that names a list's item (`system`, `vendor`, `contact`).
    pub(super) item_name: &'static str,
    /// The item's key or number (the hidden field's value), for an item of a list.
    pub(super) item: Option<String>,
    /// Where the form posts.
    pub(super) action: String,
    /// The submit button's words.
    pub(super) submit: &'static str,
    /// Whether the item has a delete button (posting to the page's `remove_action`).
    pub(super) remove: bool,
    pub(super) fields: Vec<FieldView>,
    /// Messages that belong to no field of this form.
    pub(super) problems: Vec<String>,
}

/// A whole page.
#[derive(Serialize)]
pub(super) struct FormPage {
    pub(super) csrf: String,
    pub(super) version: String,
    pub(super) title: String,
    pub(super) intro: String,
    pub(super) action: String,
    pub(super) saved: bool,
    /// An item was removed.
    pub(super) removed: bool,
    /// Where an item's delete button posts.
    pub(super) remove_action: String,
    pub(super) conflict: bool,
    pub(super) invalid: bool,
    pub(super) groups: Vec<GroupView>,
}

impl FormPage {
    /// A page of `groups` as first shown (nothing saved, removed or refused yet); its forms post
    /// to `action`, its delete buttons (if any) to `remove_action`.
    pub(super) fn new(
        state: &AppState,
        version: String,
        heading: (&str, &str),
        action: &str,
        remove_action: String,
        groups: Vec<GroupView>,
    ) -> Self {
        let (title, intro) = heading;
        Self {
            csrf: state.secrets.form().to_owned(),
            version,
            title: title.into(),
            intro: intro.into(),
            action: action.into(),
            saved: false,
            removed: false,
            remove_action,
            conflict: false,
            invalid: false,
            groups,
        }
    }
}

/// `?saved=1` after a save.
#[derive(Deserialize)]
pub(super) struct AfterSave {
    #[serde(default)]
    pub(super) saved: Option<String>,
    #[serde(default)]
    pub(super) removed: Option<String>,
}

/// What a page is made from: the file's text and its data.
pub(super) struct Current {
    pub(super) text: String,
    pub(super) data: Value,
}

/// The profile's text and data as they are now.
pub(super) fn current(state: &AppState) -> Result<Current, Failure> {
    let text = crate::load::read_text(&state.profile)?;
    let data = serde_saphyr::from_str::<Value>(&text).map_err(|e| Failure(e.to_string()))?;
    Ok(Current { text, data })
}

/// How a value of the file is shown in a field: a list as its items one a line, a one-key
/// mapping of a list (`{ vendor: x }`) as `vendor:x`.
pub(super) fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) {
                Some((key, value)) => format!("{key}:{}", shown(Some(value))),
                None => shown(Some(item)),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
    }
}

/// The choices of a field of kind `kind`.
fn options(kind: Kind, data: &Value, value: &str, required: bool) -> Vec<OptionView> {
    let pairs: Vec<(String, String)> = match kind {
        Kind::Choice(definition) => schema_text::choices(definition),
        Kind::Flag | Kind::FlagOn => vec![("true".into(), "はい".into()), ("false".into(), "いいえ".into())],
        Kind::Person => people(data),
        Kind::Vendor => named(data, "vendors"),
        Kind::System | Kind::Systems => named(data, "systems"),
        Kind::Assets => names(&data["assets"]),
        Kind::Segment => names(&data["network"]["segments"]),
        Kind::Peers => {
            let vendors =
                named(data, "vendors").into_iter().map(|(k, n)| (format!("vendor:{k}"), format!("{n}（事業者）")));
            let systems =
                named(data, "systems").into_iter().map(|(k, n)| (format!("system:{k}"), format!("{n}（システム）")));
            vendors.chain(systems).collect()
        }
        _ => return Vec::new(),
    };
    if matches!(kind, Kind::Systems | Kind::Assets | Kind::Peers) {
        let chosen: Vec<&str> = value.lines().collect();
        return pairs
            .into_iter()
            .map(|(v, label)| OptionView { selected: chosen.contains(&v.as_str()), value: v, label })
            .collect();
    }
    let blank =
        (!required)
            .then(|| OptionView { value: String::new(), label: "（未定）".into(), selected: value.is_empty() });
    blank
        .into_iter()
        .chain(pairs.into_iter().map(|(v, label)| OptionView { selected: v == value, value: v, label }))
        .collect()
}

/// The people of the profile as (key, 「name（position）」).
fn people(data: &Value) -> Vec<(String, String)> {
    let Some(people) = data["people"].as_array() else { return Vec::new() };
    people
        .iter()
        .filter_map(|p| {
            let key = p["key"].as_str()?.to_owned();
            let name = p["name"].as_str().unwrap_or(&key);
            let label = match p["position"].as_str() {
                Some(position) => format!("{name}（{position}）"),
                None => name.to_owned(),
            };
            Some((key, label))
        })
        .collect()
}

/// The items of the list `list` as (key, name).
fn named(data: &Value, list: &str) -> Vec<(String, String)> {
    let Some(items) = data[list].as_array() else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| {
            let key = item["key"].as_str()?.to_owned();
            let name = item["name"].as_str().unwrap_or(&key).to_owned();
            Some((key, name))
        })
        .collect()
}

/// The names of the items of `list` (devices, segments: what refers to them is their name), as
/// (name, name).
fn names(list: &Value) -> Vec<(String, String)> {
    let Some(items) = list.as_array() else { return Vec::new() };
    items.iter().filter_map(|i| i["name"].as_str()).map(|n| (n.to_owned(), n.to_owned())).collect()
}

fn input_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::LongText => "textarea",
        Kind::Number => "number",
        Kind::Systems | Kind::Assets | Kind::Peers => "checkboxes",
        Kind::Choice(_) | Kind::Person | Kind::Vendor | Kind::System | Kind::Segment | Kind::Flag | Kind::FlagOn => {
            "select"
        }
        Kind::Date => "date",
    }
}

/// The fields of one form, with `values` (the file's, or what was posted).
pub(super) fn fields(
    specs: &[FieldSpec],
    definition: &str,
    anchor: &str,
    data: &Value,
    value_of: &dyn Fn(&str) -> String,
) -> Vec<FieldView> {
    specs
        .iter()
        .map(|spec| {
            let value = spec.present(value_of(spec.key));
            let (definition, key) = match spec.definition {
                Some(nested) => (nested, spec.leaf()),
                None => (definition, spec.key),
            };
            let label = schema_text::label(definition, key);
            // A description that is only its label (「設置場所。」) adds nothing as help.
            let help = schema_text::help(definition, key);
            let help = if help.trim_end_matches('。') == label { String::new() } else { help };
            FieldView {
                name: spec.key.to_owned(),
                anchor: format!("{anchor}{}", spec.key.replace('.', "-")),
                label,
                help,
                input: input_of(spec.kind),
                options: options(spec.kind, data, &value, spec.required),
                value,
                required: spec.required,
                problems: Vec::new(),
                saved_meanwhile: None,
            }
        })
        .collect()
}

/// Reads the posted fields into changes against the file's `current` values; a value that
/// cannot be written (not a number, not one of the choices, missing) is a problem of its field.
fn changes(
    specs: &[FieldSpec],
    parent: &[Step],
    posted: &HashMap<String, String>,
    current: &dyn Fn(&str) -> String,
    data: &Value,
) -> (Vec<Change>, HashMap<String, String>) {
    let mut changes = Vec::new();
    let mut problems = HashMap::new();
    for spec in specs {
        // A field the form did not send is left as it is.
        let Some(given) = posted.get(spec.key).map(|v| v.replace("\r\n", "\n")) else { continue };
        let given = if spec.kind == Kind::LongText { given } else { given.trim().to_owned() };
        if same(spec, &given, &spec.present(current(spec.key))) {
            continue;
        }
        match value_of(spec, &given, data) {
            Ok(value) => {
                let keys = spec.key.split('.').map(|k| Step::Key(k.to_owned()));
                let path = parent.iter().cloned().chain(keys).collect();
                changes.push(Change { path, value });
            }
            Err(problem) => {
                problems.insert(spec.key.to_owned(), problem);
            }
        }
    }
    (changes, problems)
}

/// Whether `given` is what the file holds: for a list, the same items in any order.
fn same(spec: &FieldSpec, given: &str, current: &str) -> bool {
    if !spec.is_many() {
        return given == current;
    }
    let mut given: Vec<&str> = given.lines().collect();
    let mut current: Vec<&str> = current.lines().collect();
    given.sort_unstable();
    current.sort_unstable();
    given == current
}

/// The posted form with each list field's checkboxes (`systems:ehr=on`, sent with a blank
/// `systems` that says the field was on the form) put as its value: the chosen values one a line,
/// in the order of the choices (values that are not among them last, to be refused).
pub(super) fn gather(
    specs: &[FieldSpec],
    mut posted: HashMap<String, String>,
    data: &Value,
) -> HashMap<String, String> {
    for spec in specs.iter().filter(|s| s.is_many()) {
        if !posted.contains_key(spec.key) {
            continue;
        }
        let prefix = format!("{}:", spec.key);
        let mut checked: Vec<String> =
            posted.keys().filter_map(|k| k.strip_prefix(prefix.as_str())).map(str::to_owned).collect();
        checked.sort_unstable();
        let order: Vec<String> = options(spec.kind, data, "", true).into_iter().map(|o| o.value).collect();
        checked.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
        posted.insert(spec.key.to_owned(), checked.join("\n"));
    }
    posted
}

/// The fields of a new item as posted, in the form's order (nested mappings' fields are not
/// asked), or what is wrong with each.
pub(super) fn new_item(
    specs: &[FieldSpec],
    posted: &HashMap<String, String>,
    data: &Value,
) -> (Vec<(String, NewValue)>, HashMap<String, String>) {
    let mut fields = Vec::new();
    let mut problems = HashMap::new();
    for spec in specs.iter().filter(|s| !s.is_nested()) {
        let given = posted.get(spec.key).map(|v| v.replace("\r\n", "\n")).unwrap_or_default();
        let given = if spec.kind == Kind::LongText { given } else { given.trim().to_owned() };
        match value_of(spec, &spec.present(given), data) {
            Ok(NewValue::Absent) => {}
            Ok(value) => fields.push((spec.key.to_owned(), value)),
            Err(problem) => {
                problems.insert(spec.key.to_owned(), problem);
            }
        }
    }
    (fields, problems)
}

/// The value `given` means for `spec`, or what is wrong with it.
fn value_of(spec: &FieldSpec, given: &str, data: &Value) -> Result<NewValue, String> {
    if given.is_empty() {
        return if spec.required { Err("入力してください。".into()) } else { Ok(NewValue::Absent) };
    }
    if spec.is_many() {
        let allowed = options(spec.kind, data, "", true);
        let chosen: Vec<&str> = given.lines().collect();
        if !chosen.iter().all(|c| allowed.iter().any(|o| o.value == *c)) {
            return Err("一覧から選んでください。".into());
        }
        return Ok(match spec.kind {
            Kind::Peers => NewValue::Pairs(
                chosen.iter().filter_map(|c| c.split_once(':')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
            ),
            _ => NewValue::Texts(chosen.iter().map(|c| (*c).to_owned()).collect()),
        });
    }
    match spec.kind {
        Kind::Text | Kind::LongText => Ok(NewValue::Text(given.to_owned())),
        Kind::Number => given
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(NewValue::Int)
            .ok_or_else(|| "0 以上の整数（半角数字）で入力してください。".into()),
        Kind::Flag | Kind::FlagOn => match given {
            "true" => Ok(NewValue::Bool(true)),
            "false" => Ok(NewValue::Bool(false)),
            _ => Err("一覧から選んでください。".into()),
        },
        Kind::Date => chrono::NaiveDate::parse_from_str(given, "%Y-%m-%d")
            .map(|_| NewValue::Text(given.to_owned()))
            .map_err(|_| "日付（例: 2026-04-01）で入力してください。".into()),
        Kind::Choice(_)
        | Kind::Person
        | Kind::Vendor
        | Kind::System
        | Kind::Segment
        | Kind::Systems
        | Kind::Assets
        | Kind::Peers => {
            let allowed = options(spec.kind, data, given, true);
            if allowed.iter().any(|o| o.value == given) {
                Ok(NewValue::Text(given.to_owned()))
            } else {
                Err("一覧から選んでください。".into())
            }
        }
    }
}

/// The messages of the checks, each beside the field whose line it points at, else for the form.
fn place_problems(group: &mut GroupView, diagnostics: &[SourceDiagnostic]) {
    let labels: Vec<(String, String)> = group
        .fields
        .iter()
        .map(|f| (f.name.rsplit('.').next().unwrap_or_default().to_owned(), f.label.clone()))
        .collect();
    for d in diagnostics {
        let text = match &d.hint {
            Some(hint) => format!("{}（{hint}）", d.message),
            None => d.message.clone(),
        };
        let text = in_words(&text, &labels);
        let whole = d.source_line.as_deref().unwrap_or("");
        let line = whole.trim().trim_start_matches("- ");
        // On a flow mapping's line (`{ person: ueno, deputy: ueno }`), the key written last
        // before the column the check points at.
        let before: String = whole.chars().take(d.column.max(1)).collect();
        let leaf = |f: &FieldView| f.name.rsplit('.').next().unwrap_or_default().to_owned();
        let in_flow = |f: &FieldView| {
            [format!("{{ {}:", leaf(f)), format!(", {}:", leaf(f)), format!("{{{}:", leaf(f))]
                .iter()
                .filter_map(|k| before.rfind(k.as_str()))
                .max()
        };
        let flow = group.fields.iter().enumerate().filter_map(|(i, f)| Some((in_flow(f)?, i))).max().map(|(_, i)| i);
        let at = flow.or_else(|| group.fields.iter().position(|f| line.starts_with(&format!("{}:", leaf(f)))));
        match at {
            Some(index) => group.fields[index].problems.push(text),
            None => group.problems.push(text),
        }
    }
}

// ---- pages of one section (facility, rules, training, audit) ----

/// A page that edits one top-level mapping of the profile.
pub(super) struct Section {
    /// The page's address.
    path: &'static str,
    /// The profile's key of the mapping.
    key: &'static str,
    /// The schema definition of the mapping (for labels and help).
    definition: &'static str,
    title: &'static str,
    intro: &'static str,
    fields: &'static [FieldSpec],
}

/// The facility's basic facts.
pub(super) const FACILITY_PAGE: Section = Section {
    path: "/facility",
    key: "facility",
    definition: "Facility",
    title: "施設の基本情報",
    intro: "規程の表紙や本文に載る施設の情報です。",
    fields: &FACILITY,
};

/// How the facility is organised: what decides its reference pattern and scope (the
/// questionnaire's answers, changeable later) and its committee's meetings.
pub(super) const ORGANIZATION_PAGE: Section = Section {
    path: "/organization",
    key: "organization",
    definition: "Organization",
    title: "体制",
    intro: "システムの運用を専任で担当する職員の有無、電子署名やスキャナによる電子化の有無など、参照パターンと規程の範囲を決める答えです。はじめの質問で答えたものを、ここで直せます。",
    fields: &ORGANIZATION,
};

const ORGANIZATION: [FieldSpec; 6] = [
    field("dedicated_it_staff", Kind::Flag, true),
    field("e_signature", Kind::Flag, true),
    field("scanning", Kind::Flag, true),
    field("paper_charts", Kind::Flag, false),
    field("staff_count", Kind::Number, false),
    field("committee.meets", Kind::Text, false),
];

/// The rules of passwords, media and devices.
pub(super) const RULES_PAGE: Section = Section {
    path: "/rules",
    key: "rules",
    definition: "Rules",
    title: "運用のルール",
    intro: "パスワードや USB メモリなどの決まりです。空欄のものは課題一覧（まだ決めていないこと）に載ります。値は施設で決めたものを入れてください（おすすめの値はありません）。",
    fields: &RULES,
};

/// Training and drills a year.
pub(super) const TRAINING_PAGE: Section = Section {
    path: "/training",
    key: "training",
    definition: "Training",
    title: "教育・訓練",
    intro: "職員への教育と訓練を年に何回行うかです。空欄のものは課題一覧に載ります。",
    fields: &TRAINING,
};

/// Checks and audits a year.
pub(super) const AUDIT_PAGE: Section = Section {
    path: "/audit",
    key: "audit",
    definition: "Audit",
    title: "点検・監査",
    intro: "自己点検と内部監査を年に何回行うかです。空欄のものは課題一覧に載ります。",
    fields: &AUDIT,
};

/// The network.
pub(super) const NETWORK_PAGE: Section = Section {
    path: "/network",
    key: "network",
    definition: "Network",
    title: "ネットワーク",
    intro: "インターネットへの接続とその出口（回線と出口のルータ・UTM）、無線LANの利用、施設の外からの接続があるかどうかです（VPN装置・ルータとその接続先は同じ画面の下で、ネットワークの区画は「ネットワークの区画」の画面で入力します）。",
    fields: &NETWORK,
};

const NETWORK: [FieldSpec; 7] = [
    field("internet", Kind::FlagOn, true),
    nested("exit.line", "InternetExit", Kind::Text, false),
    nested("exit.isp", "InternetExit", Kind::Text, false),
    nested("exit.device", "InternetExit", Kind::Text, false),
    nested("exit.managed_by", "InternetExit", Kind::Vendor, false),
    field("wireless_lan", Kind::Flag, true),
    field("remote_access", Kind::Flag, true),
];

const RULES: [FieldSpec; 8] = [
    field("password_min_length", Kind::Number, false),
    field("password_change_days", Kind::Number, false),
    field("lockout_attempts", Kind::Number, false),
    field("screen_lock_minutes", Kind::Number, false),
    field("log_retention_years", Kind::Number, false),
    field("external_media", Kind::Choice("Permission"), false),
    field("take_out", Kind::Choice("Permission"), false),
    field("personal_devices", Kind::Choice("Permission"), false),
];

const TRAINING: [FieldSpec; 2] =
    [field("education_per_year", Kind::Number, false), field("drills_per_year", Kind::Number, false)];

const AUDIT: [FieldSpec; 2] =
    [field("self_checks_per_year", Kind::Number, false), field("internal_audits_per_year", Kind::Number, false)];

fn section_group(section: &Section, data: &Value, value_of: &dyn Fn(&str) -> String) -> GroupView {
    GroupView {
        heading: section.title.into(),
        anchor: section.key.into(),
        item_name: "",
        item: None,
        action: section.path.into(),
        submit: "保存する",
        remove: false,
        fields: fields(section.fields, section.definition, "field-", data, value_of),
        problems: Vec::new(),
    }
}

/// A section's form as the file is (for a page that shows it above a list).
pub(super) fn section_group_as_filed(section: &Section, data: &Value) -> GroupView {
    section_group(section, data, &|key| shown(data[section.key].get(key)))
}

fn section_page(state: &AppState, section: &Section, version: String, groups: Vec<GroupView>) -> FormPage {
    FormPage::new(state, version, (section.title, section.intro), section.path, String::new(), groups)
}

/// A section's page as the file is.
pub(super) fn show_section(state: &AppState, section: &Section, saved: bool) -> Response {
    let Some(current) = ready(state) else { return Redirect::to("/start").into_response() };
    let current = match current {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = &current.data;
    let group = section_group(section, data, &|key| shown(data[section.key].get(key)));
    let mut page = section_page(state, section, edit::version(&current.text), vec![group]);
    page.saved = saved;
    state.pages.render("form.html", &page)
}

/// Saves a section's form.
pub(super) async fn save_section(
    state: &Arc<AppState>,
    section: &Section,
    posted: HashMap<String, String>,
) -> Response {
    let current = match current(state) {
        Ok(c) => c,
        Err(failure) => return failure.into_response(),
    };
    let data = current.data.clone();
    let posted = gather(section.fields, posted, &data);
    let saved_value = |key: &str| shown(data[section.key].get(key));
    let parent = [Step::Key(section.key.into())];
    let read = read_form(&posted, section.fields, &parent, &saved_value, &data);
    let outcome = submit(state, read).await;
    let input = |key: &str| posted.get(key).cloned().unwrap_or_default();
    let mut group = section_group(section, &data, &input);
    let (status, version) = match outcome {
        Submitted::Saved => return Redirect::to(&format!("{}?saved=1", section.path)).into_response(),
        Submitted::Failed(failure) => return failure.into_response(),
        Submitted::Rejected { status, version, diagnostics, problems } => {
            mark(&mut group, &problems, &diagnostics, status, &saved_value);
            (status, version)
        }
    };
    let mut page = section_page(state, section, version, vec![group]);
    page.conflict = status == StatusCode::CONFLICT;
    page.invalid = status == StatusCode::UNPROCESSABLE_ENTITY;
    state.pages.render_with(status, "form.html", &page)
}

/// The two handlers of each section's page: `GET` shows it, `POST` saves its form. The routes
/// are in `app.rs`.
macro_rules! section_handlers {
    ($($page:ident: $show:ident, $save:ident;)*) => {$(
        /// The section's page.
        pub(super) async fn $show(State(state): State<Arc<AppState>>, Query(after): Query<AfterSave>) -> Response {
            show_section(&state, &$page, after.saved.is_some())
        }

        /// The section's form.
        pub(super) async fn $save(
            State(state): State<Arc<AppState>>,
            Form(posted): Form<HashMap<String, String>>,
        ) -> Response {
            save_section(&state, &$page, posted).await
        }
    )*};
}

section_handlers! {
    FACILITY_PAGE: facility, save_facility;
    ORGANIZATION_PAGE: organization, save_organization;
    RULES_PAGE: rules, save_rules;
    TRAINING_PAGE: training, save_training;
    AUDIT_PAGE: audit, save_audit;
}

/// `POST /network` (the page itself is the VPN devices' list, [`super::lists::network`]).
pub(super) async fn save_network(
    State(state): State<Arc<AppState>>,
    Form(posted): Form<HashMap<String, String>>,
) -> Response {
    save_section(&state, &NETWORK_PAGE, posted).await
}

// ---- shared by the pages ----

/// The file as it is, or `None` when there is no profile yet.
pub(super) fn ready(state: &AppState) -> Option<Result<Current, Failure>> {
    state.profile.exists().then(|| current(state))
}

/// What became of a posted form.
pub(super) enum Submitted {
    Saved,
    Failed(Failure),
    /// Nothing written: 422 (problems) or 409 (changed meanwhile); the version to resubmit on.
    Rejected {
        status: StatusCode,
        version: String,
        diagnostics: Vec<SourceDiagnostic>,
        problems: HashMap<String, String>,
    },
}

/// Reads the form's fields into changes (sync: the field readers stay off the await points).
pub(super) fn read_form(
    posted: &HashMap<String, String>,
    specs: &[FieldSpec],
    parent: &[Step],
    current: &dyn Fn(&str) -> String,
    data: &Value,
) -> Result<(String, Vec<Change>), Submitted> {
    let seen = posted.get("file_version").cloned().unwrap_or_default();
    let (changes, problems) = changes(specs, parent, posted, current, data);
    if !problems.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Err(Submitted::Rejected { status, version: seen, diagnostics: Vec::new(), problems });
    }
    Ok((seen, changes))
}

/// Saves the changes read from a form made on version `seen`.
pub(super) async fn submit(state: &Arc<AppState>, read: Result<(String, Vec<Change>), Submitted>) -> Submitted {
    let (seen, changes) = match read {
        Ok(read) => read,
        Err(rejected) => return rejected,
    };
    if changes.is_empty() && edit::version(&crate::load::read_text(&state.profile).unwrap_or_default()) == seen {
        return Submitted::Saved;
    }
    let task = {
        let state = state.clone();
        let seen = seen.clone();
        tokio::task::spawn_blocking(move || edit::save(&state, &seen, &changes))
    };
    match task.await {
        Ok(Ok(Saved::Done)) => Submitted::Saved,
        Ok(Ok(Saved::Conflict(text))) => Submitted::Rejected {
            status: StatusCode::CONFLICT,
            version: edit::version(&text),
            diagnostics: Vec::new(),
            problems: HashMap::new(),
        },
        Ok(Ok(Saved::Invalid(diagnostics))) => {
            let data = current(state).map(|c| c.data).unwrap_or_default();
            Submitted::Rejected {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                version: seen,
                diagnostics: diagnostics.into_iter().map(|d| readable(d, &data)).collect(),
                problems: HashMap::new(),
            }
        }
        Ok(Err(error)) => Submitted::Failed(Failure(format!("{error:#}"))),
        Err(error) => Submitted::Failed(Failure::from(error)),
    }
}

/// A check's message with the keys it quotes (`` `ueno` ``) of people, systems and vendors put
/// as their names: the checks are worded for the profile's editor, the page for the clinic.
fn readable(mut diagnostic: SourceDiagnostic, data: &Value) -> SourceDiagnostic {
    let mut names: Vec<(String, String)> = named(data, "systems");
    names.extend(named(data, "vendors"));
    names.extend(people(data));
    diagnostic.message = named_keys(&diagnostic.message, &names);
    diagnostic.hint = diagnostic.hint.as_deref().map(|hint| named_keys(hint, &names));
    diagnostic
}

/// `text` with each quoted key of `names` put as its name.
fn named_keys(text: &str, names: &[(String, String)]) -> String {
    names.iter().fold(text.to_owned(), |text, (key, name)| text.replace(&format!("`{key}`"), &format!("「{name}」")))
}

/// A check's message with the form's keys it names put as their labels, and `true`/`false` as
/// はい/いいえ: 「remote_maintenance: true を書き」 becomes 「「リモート保守を行うか」を「はい」にし」
/// in spirit, if not in grammar; the checks are worded for the profile's editor.
fn in_words(text: &str, labels: &[(String, String)]) -> String {
    let mut text = text.to_owned();
    for (key, label) in labels {
        for (written, yes_no) in [(format!("{key}: true"), "はい"), (format!("{key}: false"), "いいえ")] {
            text = text.replace(&written, &format!("「{label}」を「{yes_no}」"));
        }
        text = text.replace(&format!("`{key}`"), &format!("「{label}」"));
        text = replace_word(&text, key, &format!("「{label}」"));
    }
    let text = replace_word(&text, "true", "「はい」");
    replace_word(&text, "false", "「いいえ」")
}

/// `text` with each `word` that stands alone (no ASCII letter, digit or `_` beside it) replaced.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back().or_else(|| out.chars().next_back());
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        out.push_str(if part(before) || part(after) { word } else { by });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// Puts the problems beside their fields; under a conflict, shows the value saved meanwhile
/// where it differs from the input.
pub(super) fn mark(
    group: &mut GroupView,
    problems: &HashMap<String, String>,
    diagnostics: &[SourceDiagnostic],
    status: StatusCode,
    saved_value: &dyn Fn(&str) -> String,
) {
    for field in &mut group.fields {
        if let Some(problem) = problems.get(&field.name) {
            field.problems.push(problem.clone());
        }
    }
    place_problems(group, diagnostics);
    if status == StatusCode::CONFLICT {
        for field in &mut group.fields {
            let saved = saved_value(&field.name);
            if saved != field.value {
                // A choice is shown by its label (a name, はい/いいえ), never its key.
                let label = |value: &str| {
                    field.options.iter().find(|o| o.value == value).map_or(value.to_owned(), |o| o.label.clone())
                };
                let words: Vec<String> = saved.lines().map(label).collect();
                field.saved_meanwhile = Some(words.join("、"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checks_message_names_the_forms_fields_by_their_labels() {
        let labels = [
            ("remote_maintenance".to_owned(), "リモート保守を行うか".to_owned()),
            ("remote_transport".to_owned(), "リモート保守の通信方式".to_owned()),
        ];
        let hint =
            "リモート保守を行うなら remote_maintenance: true を書き、行わないなら remote_transport を消してください";
        let said = in_words(hint, &labels);
        assert_eq!(said, "リモート保守を行うなら 「リモート保守を行うか」を「はい」 を書き、行わないなら 「リモート保守の通信方式」 を消してください");
        assert_eq!(in_words("`remote_transport_x` true_ly", &labels), "`remote_transport_x` true_ly");
    }
}
