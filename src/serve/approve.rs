//! The approve button: the current draft becomes the next 版, recorded by the same function as
//! `kitei approve` ([`crate::pipeline::approve::record`]), then built into the output folder.
//!
//! The refusals are worded for the page, not the terminal: the command line's own (「--allow-open
//! を付けます」, the open items' keys) name flags and profile keys a clinic never sees, so the page
//! refuses first, with the 課題一覧's words and the checkbox the form has.

use std::sync::Arc;

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::pages::Failure;
use super::state::AppState;
use crate::i18n::{text, Msg};
use crate::pipeline::approve::{record, ApproveRequest, DateRefused, Reported};
use crate::pipeline::{BuildConfig, Formats, ProfileSource, RenderOptions};

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
    if form.allow_open.is_none() {
        refuse_open(state, &source, date)?;
    }
    let request =
        ApproveRequest { by: &form.by, date, allow_open: form.allow_open.is_some(), ..ApproveRequest::default() };
    let (event, _) = record(&source, &state.output, &request).map_err(|error| {
        if error.to_string() == text(Msg::ApproveNothing) {
            anyhow::anyhow!("承認する案がありません。どの文書も、承認済みの版と同じ内容です。")
        } else if let Some(refused) = error.downcast_ref::<DateRefused>() {
            anyhow::anyhow!(date_refused(refused))
        } else {
            error
        }
    })?;
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

/// A refused approval date in the page's words: the form has a date field, not the command
/// line's `--date` and `--allow-backdate`.
fn date_refused(refused: &DateRefused) -> String {
    match refused {
        DateRefused::BeforeLast { date, last } => format!(
            "承認日（{}）が、前に承認した日（{}）より前です。改訂履歴が逆になるため承認していません。承認日を確かめて、もう一度承認してください。",
            crate::wareki::format(*date),
            crate::wareki::format(*last)
        ),
        DateRefused::BeforeReportedEvent { date, event, on } => {
            let what = match event {
                Reported::ContractConfirmed(vendor) => format!("「{vendor}」との責任分界の確認"),
                Reported::RestoreTested(system) => format!("「{system}」のリストアの確認"),
            };
            format!(
                "承認日（{}）が、文書に書かれている{what}の日（{}）より前です。承認の日にまだ起きていないことを書いた版になるため承認していません。承認日を確かめて、もう一度承認してください。",
                crate::wareki::format(*date),
                crate::wareki::format(*on)
            )
        }
    }
}

/// Refuses, in the page's words, a draft with undecided matters or unreviewed local edits when
/// the form's 「残っていても承認する」 is not ticked (what `record` refuses with the CLI's words).
fn refuse_open(state: &AppState, source: &ProfileSource, date: NaiveDate) -> anyhow::Result<()> {
    let options = RenderOptions { guideline: None, templates: None, date: Some(date) };
    let rendered = state.session.render(source, &options)?;
    let open: Vec<&str> = rendered
        .resolution
        .open_items
        .iter()
        .filter(|i| rendered.undecided.contains(&i.key))
        .map(|i| i.item.as_str())
        .collect();
    if !open.is_empty() {
        anyhow::bail!(
            "課題一覧に、まだ決めていないことが{}件あるため承認していません。\n・{}\n決めてから承認するか、承認の欄の「まだ決めていないことが残っていても承認する」に印を付けてから、もう一度承認してください（残っていることは承認の記録に載ります）。",
            open.len(),
            open.join("\n・")
        );
    }
    if !rendered.local_warnings.is_empty() {
        anyhow::bail!(
            "規程の文面を施設で直したところのうち、まだ確かめていないものが{}件あるため承認していません。\n・{}\n「施設で変えた条」の画面で見比べて確認してから承認するか、「まだ決めていないことが残っていても承認する」に印を付けてください。",
            rendered.local_warnings.len(),
            rendered.local_warnings.join("\n・")
        );
    }
    Ok(())
}
