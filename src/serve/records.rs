//! Recording what was done (研修, 訓練, 復元試験, ログやアカウントの確認, パッチ, 監査 …) from
//! the browser: the same entry `kitei record` appends to `<profile>.records.yaml`, built by
//! [`records::append`] (which checks the whole file against the profile before anything is
//! written), and the list of what is on record. A checklist answer becomes はい only from such a
//! record, so this page is how a clinic without IT staff turns its 未確認 into facts.
//!
//! The file is append-only: a mistake is corrected by a new entry that supersedes the old one, as
//! on the command line. The write holds the server's save lock, so two tabs never interleave.

use std::sync::Arc;

use axum::extract::{Form, Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::pages::Failure;
use super::state::AppState;
use crate::load::Profile;
use crate::pipeline::ProfileSource;
use crate::records::{self, NewRecord, Outcome, Record, RecordKind};

/// One choice of a select.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// One entry on record, as the list shows it.
#[derive(Serialize)]
struct EntryView {
    date: String,
    kind: String,
    by: String,
    scope: String,
    result: &'static str,
    findings: String,
    superseded: bool,
}

/// The page.
#[derive(Serialize)]
struct RecordsView {
    csrf: String,
    saved: bool,
    problems: Vec<String>,
    kinds: Vec<Choice>,
    scopes: Vec<Choice>,
    results: Vec<Choice>,
    supersedable: Vec<Choice>,
    input: RecordForm,
    entries: Vec<EntryView>,
}

/// What the form posts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct RecordForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    post: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    findings: String,
    #[serde(default)]
    attendees: String,
    #[serde(default)]
    scenario: String,
    #[serde(default)]
    patch_level: String,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    supersedes: String,
}

/// `?saved=1` after a successful append.
#[derive(Debug, Deserialize)]
pub(super) struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /records`.
pub(super) async fn show(State(state): State<Arc<AppState>>, Query(shown): Query<Shown>) -> Result<Response, Failure> {
    let page_state = state.clone();
    let view = tokio::task::spawn_blocking(move || {
        let input = RecordForm { result: "pass".into(), ..RecordForm::default() };
        page(&page_state, input, Vec::new(), shown.saved.is_some())
    })
    .await?;
    Ok(match view {
        Ok(view) => state.pages.render("records.html", &view),
        Err(error) => Failure(format!("{error:#}")).into_response(),
    })
}

/// `POST /records/add`: appends the entry, or shows the page again with what to fix (nothing is
/// written then).
pub(super) async fn add(State(state): State<Arc<AppState>>, Form(form): Form<RecordForm>) -> Result<Response, Failure> {
    let task_state = state.clone();
    let entry = entry(&form);
    let outcome = tokio::task::spawn_blocking(move || append_entry(&task_state, form, |_| entry)).await?;
    Ok(respond(&state, outcome))
}

/// `POST /records/vendor-answers?csrf=…`: a vendor's filled 事業者確認用 (the `.xlsx` the facility
/// sent it), read through the same code as `kitei record --vendor-answers` and appended as one
/// entry; a workbook that is not the facility's form, or is changed or hostile, is refused with the
/// cell at fault and nothing is written.
pub(super) async fn upload(State(state): State<Arc<AppState>>, mut multipart: Multipart) -> Result<Response, Failure> {
    let mut bytes: Option<Vec<u8>> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| Failure(e.body_text()))? {
        if field.name() == Some("file") {
            bytes = Some(field.bytes().await.map_err(|e| Failure(e.body_text()))?.to_vec());
        }
    }
    let task_state = state.clone();
    let blank = RecordForm { result: "pass".into(), ..RecordForm::default() };
    let outcome = tokio::task::spawn_blocking(move || {
        use crate::pipeline::vendor_answers::{received, Recorded};
        append_entry(&task_state, blank, |profile| match bytes.filter(|b| !b.is_empty()) {
            None => Err(vec!["取り込む回答のファイル（.xlsx）を選んでください。".to_owned()]),
            Some(bytes) => received(&task_state.session, profile, &bytes, Recorded::default())
                .map(|got| got.entry)
                .map_err(|refused| [Some(refused.message), refused.hint].into_iter().flatten().collect()),
        })
    })
    .await?;
    Ok(respond(&state, outcome))
}

/// Under the save lock, appends the entry `make` gives for the profile (the whole file checked by
/// [`records::append`] before it is written), or gives the page again with `form` kept and what
/// to fix; nothing is written then.
fn append_entry(
    state: &AppState,
    form: RecordForm,
    make: impl FnOnce(&Profile) -> Result<NewRecord, Vec<String>>,
) -> anyhow::Result<Result<(), RecordsView>> {
    let _saving = state.saving.lock().unwrap_or_else(|e| e.into_inner());
    let profile = load(state)?;
    let problems = match make(&profile) {
        Err(problems) => problems,
        Ok(entry) => {
            let path = records::path_beside(&profile.path);
            match records::append(&path, &profile, &entry) {
                Ok((text, _id)) => {
                    crate::write::write_file_atomic(&path, text.as_bytes())?;
                    return Ok(Ok(()));
                }
                Err(error) => vec![error.to_string()],
            }
        }
    };
    Ok(Err(page(state, form, problems, false)?))
}

/// The answer to an append: back to the list, the page with what to fix (422), or the error.
fn respond(state: &AppState, outcome: anyhow::Result<Result<(), RecordsView>>) -> Response {
    match outcome {
        Ok(Ok(())) => Redirect::to("/records?saved=1").into_response(),
        Ok(Err(view)) => state.pages.render_with(StatusCode::UNPROCESSABLE_ENTITY, "records.html", &view),
        Err(error) => Failure(format!("{error:#}")).into_response(),
    }
}

fn load(state: &AppState) -> anyhow::Result<Profile> {
    let source = ProfileSource::read(&state.profile)?;
    Ok(state.session.load(&source, None)?.1)
}

/// The entry the form describes, or what is missing, in the page's words.
fn entry(form: &RecordForm) -> Result<NewRecord, Vec<String>> {
    let mut problems = Vec::new();
    let kind = RecordKind::from_key(&form.kind).filter(|k| *k != RecordKind::VendorAnswers);
    if kind.is_none() {
        problems.push("何を行ったかを選んでください。".to_owned());
    }
    let date = |written: &str, what: &str, problems: &mut Vec<String>| -> Option<NaiveDate> {
        match written.trim() {
            "" => None,
            written => crate::load::dates::parse(written)
                .map_err(|_| {
                    problems.push(format!("{what}は、日付の形（2026-10-01 又は 令和8年10月1日）で入力してください。"))
                })
                .ok(),
        }
    };
    let performed_on = date(&form.date, "実施した日", &mut problems);
    if form.date.trim().is_empty() {
        problems.push("実施した日を入力してください。".to_owned());
    }
    if form.post.trim().is_empty() {
        problems.push("実施した人の役職を入力してください（例: 事務長）。".to_owned());
    }
    let attendees = match form.attendees.trim() {
        "" => None,
        written => match written.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push("参加者数は数字で入力してください。".to_owned());
                None
            }
        },
    };
    let from = date(&form.period_from, "対象期間の初日", &mut problems);
    let to = date(&form.period_to, "対象期間の末日", &mut problems);
    let period = match (from, to) {
        (Some(from), Some(to)) if from <= to => Some((from, to)),
        (Some(_), Some(_)) => {
            problems.push("対象期間の初日は、末日より前の日にしてください。".to_owned());
            None
        }
        (None, None) => None,
        _ => {
            problems.push("対象期間は、初日と末日の両方を入力してください。".to_owned());
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(NewRecord {
        kind,
        performed_on,
        post: form.post.trim().to_owned(),
        name: text(&form.name),
        scope: text(&form.scope).into_iter().collect(),
        result: match form.result.as_str() {
            "fail" => Outcome::Fail,
            "partial" => Outcome::Partial,
            _ => Outcome::Pass,
        },
        findings: text(&form.findings),
        attendees,
        scenario: text(&form.scenario),
        patch_level: text(&form.patch_level),
        period,
        supersedes: text(&form.supersedes),
        ..NewRecord::default()
    })
}

/// The page for `input` (the form as posted, or blank), with the records on file.
fn page(state: &AppState, input: RecordForm, problems: Vec<String>, saved: bool) -> anyhow::Result<RecordsView> {
    let profile = load(state)?;
    let on_file = records::load_beside(&profile)?;
    let wording = crate::wording::embedded();
    let choice = |value: &str, label: String, current: &str| Choice {
        value: value.to_owned(),
        label,
        selected: value == current,
    };
    let kinds = RecordKind::ALL
        .into_iter()
        .filter(|k| *k != RecordKind::VendorAnswers)
        .map(|k| choice(k.key(), k.label(wording).to_owned(), &input.kind))
        .collect();
    let data = &profile.data;
    let scopes = std::iter::once(choice("", "施設全体".to_owned(), &input.scope))
        .chain(data.systems.iter().map(|s| choice(&s.key, format!("システム: {}", s.name), &input.scope)))
        .chain(data.assets.iter().map(|a| choice(&a.name, format!("機器: {}", a.name), &input.scope)))
        .chain(data.vendors.iter().map(|v| choice(&v.key, format!("事業者: {}", v.name), &input.scope)))
        .collect();
    let results = [("pass", "問題なし"), ("partial", "一部に問題あり"), ("fail", "問題あり")]
        .into_iter()
        .map(|(value, label)| choice(value, label.to_owned(), &input.result))
        .collect();
    let superseded =
        |r: &Record| on_file.entries.iter().any(|o| o.supersedes.as_ref().is_some_and(|s| s.value == r.id.value));
    let scope_name = |key: &str| -> String {
        data.systems
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.name.clone())
            .or_else(|| data.vendors.iter().find(|v| v.key == key).map(|v| v.name.clone()))
            .unwrap_or_else(|| key.to_owned())
    };
    let entries: Vec<EntryView> = on_file
        .entries
        .iter()
        .rev()
        .map(|r| EntryView {
            date: crate::wareki::format(r.performed_on),
            kind: r.kind.label(wording).to_owned(),
            by: match &r.performed_by.name {
                Some(name) => format!("{}　{name}", r.performed_by.post),
                None => r.performed_by.post.clone(),
            },
            scope: if let Some(vendor) = &r.vendor {
                scope_name(&vendor.value)
            } else if r.scope.is_empty() {
                "施設全体".to_owned()
            } else {
                r.scope.iter().map(|s| scope_name(&s.value)).collect::<Vec<_>>().join("、")
            },
            result: match r.result {
                Outcome::Pass => "問題なし",
                Outcome::Partial => "一部に問題あり",
                Outcome::Fail => "問題あり",
            },
            findings: r.findings.clone().unwrap_or_default(),
            superseded: superseded(r),
        })
        .collect();
    let supersedable = std::iter::once(choice("", "（訂正ではない）".to_owned(), &input.supersedes))
        .chain(on_file.entries.iter().filter(|r| !superseded(r)).map(|r| {
            let label = format!("{} {}", crate::wareki::format(r.performed_on), r.kind.label(wording));
            choice(&r.id.value, label, &input.supersedes)
        }))
        .collect();
    Ok(RecordsView {
        csrf: state.secrets.form().to_owned(),
        saved,
        problems,
        kinds,
        scopes,
        results,
        supersedable,
        input,
        entries,
    })
}
