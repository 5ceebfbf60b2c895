//! Reviewing the facility's local edits (`local/<document>.yaml`) in the page: each edit with its
//! state — accepted, not yet accepted, or the built-in text changed under it — the built-in text
//! now, what changed in it since the edit was accepted, and the facility's own text; and a
//! button that accepts it through [`crate::pipeline::local::accept`], as `kitei local accept`
//! does. Until an edit is accepted, an approval refuses it.
//!
//! The texts are shown as a person reads them: the structure markers the templates use
//! (`[[para]]`, `[[item]]`, the article line) are taken out, and every text is escaped by the
//! page's template.

use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::dashboard::with_rendered;
use super::pages::Failure;
use super::state::AppState;
use crate::diff::{inline_diff, Span};
use crate::pipeline::local::{accept, Chosen};
use crate::pipeline::{ProfileSource, RenderOptions};
use crate::render::local::{Report, State as EditState};

/// One edit.
#[derive(Serialize)]
struct EditView {
    key: String,
    document: String,
    article: String,
    kind: &'static str,
    state: &'static str,
    needs_review: bool,
    builtin: String,
    /// The built-in text when accepted and now, changed runs marked (as in a 新旧対照表), when it
    /// changed under the edit.
    then: Vec<Span>,
    now: Vec<Span>,
    local: String,
}

/// The page.
#[derive(Serialize)]
struct LocalView {
    csrf: String,
    accepted: bool,
    edits: Vec<EditView>,
}

/// `?accepted=1` after accepting.
#[derive(Debug, Deserialize)]
pub(super) struct Shown {
    #[serde(default)]
    accepted: Option<String>,
}

/// `GET /local`.
pub(super) async fn show(State(state): State<Arc<AppState>>, Query(shown): Query<Shown>) -> Result<Response, Failure> {
    let edits = with_rendered(&state, |rendered| {
        rendered
            .documents
            .iter()
            .flat_map(|d| d.local.iter().map(move |r| edit_view(d.spec.title, r)))
            .collect::<Vec<_>>()
    })
    .await?;
    Ok(match edits {
        Ok(edits) => {
            let view = LocalView { csrf: state.secrets.form().to_owned(), accepted: shown.accepted.is_some(), edits };
            state.pages.render("local.html", &view)
        }
        Err(error) => Failure(error).into_response(),
    })
}

/// What the accept button posts: one edit's key, or `*` for all.
#[derive(Debug, Deserialize)]
pub(super) struct AcceptForm {
    key: String,
}

/// `POST /local/accept`.
pub(super) async fn accept_edit(
    State(state): State<Arc<AppState>>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, Failure> {
    let task = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let _saving = state.saving.lock().unwrap_or_else(|e| e.into_inner());
        let source = ProfileSource::read(&state.profile)?;
        let options = RenderOptions { guideline: None, templates: None, date: None };
        let rendered = state.session.render(&source, &options)?;
        let keys = [form.key.clone()];
        let chosen = if form.key == "*" { Chosen::All } else { Chosen::Keys(&keys) };
        let outcome = accept(&state.profile, &rendered.documents, chosen)?;
        if !outcome.unknown.is_empty() {
            anyhow::bail!("その変更は見つかりませんでした。画面を開き直してください。");
        }
        Ok(())
    });
    Ok(match task.await? {
        Ok(()) => Redirect::to("/local?accepted=1").into_response(),
        Err(error) => Failure(format!("{error:#}")).into_response(),
    })
}

fn edit_view(document: &str, report: &Report) -> EditView {
    let (now, then) = match &report.accepted {
        Some(then) if report.state == EditState::Changed => inline_diff(&readable(then), &readable(&report.builtin)),
        _ => (Vec::new(), Vec::new()),
    };
    EditView {
        key: report.key.clone(),
        document: document.to_owned(),
        article: title(&report.builtin).unwrap_or_else(|| title(&report.local).unwrap_or_default()),
        kind: match report.kind {
            "replace" => "条の書き換え",
            "append" => "項の追加",
            "insert_after" => "条の追加",
            _ => "条の削除",
        },
        state: match report.state {
            EditState::Accepted => "確認済み",
            EditState::Unaccepted => "まだ確認していません",
            EditState::Changed => "確認した後に、もとの文が変わりました",
        },
        needs_review: report.state != EditState::Accepted,
        builtin: readable(&report.builtin),
        then,
        now,
        local: readable(&report.local),
    }
}

/// The 見出し of an article's text (its `[[article:label|見出し]]` line).
fn title(text: &str) -> Option<String> {
    let line = text.lines().next()?.trim();
    let (_, title) = line.strip_prefix("[[article:")?.strip_suffix("]]")?.split_once('|')?;
    Some(crate::diff::unescape(title))
}

/// An article's text as a person reads it: no article line, no `[[para]]`/`[[item]]` markers, no
/// Markdown escapes.
fn readable(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("[[article:"))
        .map(|l| match (l.strip_prefix("[[para]]"), l.strip_prefix("[[item]]")) {
            (Some(rest), _) => rest.trim_start().to_owned(),
            (_, Some(rest)) => format!("・{}", rest.trim_start()),
            _ => l.to_owned(),
        })
        .collect();
    crate::diff::unescape(lines.join("\n").trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_shown_without_the_templates_markers() {
        let text = "[[article:password|パスワードの管理]]\n\n利用者は…\n\n[[para]]職員は…\n[[item]]一つ目\n\\*印";
        assert_eq!(title(text).as_deref(), Some("パスワードの管理"));
        assert_eq!(readable(text), "利用者は…\n\n職員は…\n・一つ目\n*印");
    }
}
