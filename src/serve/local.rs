//! The facility's local edits (`local/<document>.yaml`) in the page. The list shows each edit with
//! its state — accepted, not yet accepted, or the built-in text changed under it — the built-in
//! text now, what changed in it since the edit was accepted, and the facility's own text, with a
//! button that accepts it through [`crate::pipeline::local::accept`], as `kitei local accept`
//! does (until an edit is accepted, an approval refuses it). The editor rewrites one article of
//! the 規程 as a `replace` edit, starting from the facility's text or the built-in one.
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
    saved: bool,
    edits: Vec<EditView>,
    articles: Vec<ArticleChoice>,
}

/// `?accepted=1` after accepting, `?saved=1` after writing an article.
#[derive(Debug, Deserialize)]
pub(super) struct Shown {
    #[serde(default)]
    accepted: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /local`.
pub(super) async fn show(State(state): State<Arc<AppState>>, Query(shown): Query<Shown>) -> Result<Response, Failure> {
    let found = with_rendered(&state, |rendered| {
        let edits = rendered
            .documents
            .iter()
            .flat_map(|d| d.local.iter().map(move |r| edit_view(d.spec.title, r)))
            .collect::<Vec<_>>();
        (edits, article_choices(rendered))
    })
    .await?;
    Ok(match found {
        Ok((edits, articles)) => {
            let view = LocalView {
                csrf: state.secrets.form().to_owned(),
                accepted: shown.accepted.is_some(),
                saved: shown.saved.is_some(),
                edits,
                articles,
            };
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
    Some(crate::render::unescape_markdown(title))
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
    crate::render::unescape_markdown(lines.join("\n").trim())
}

/// The document whose articles the page edits: the 規程 (the one document made of articles).
const EDITED: &str = "operations-regulation";

/// One article to pick.
#[derive(Serialize)]
struct ArticleChoice {
    label: String,
    title: String,
    edited: bool,
}

/// The editor of one article.
#[derive(Serialize)]
struct EditorView {
    csrf: String,
    file_version: String,
    label: String,
    builtin_title: String,
    title: String,
    builtin: String,
    text: String,
    problems: Vec<String>,
}

/// `?article=label`.
#[derive(Debug, Deserialize)]
pub(super) struct Pick {
    article: String,
}

/// What the editor posts.
#[derive(Debug, Deserialize)]
pub(super) struct EditForm {
    article: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    file_version: String,
}

/// The edits file of the 規程 beside the profile, and its text ("" when there is none).
fn edits_file(state: &AppState) -> anyhow::Result<(std::path::PathBuf, String)> {
    let folder = state.profile.parent().unwrap_or(std::path::Path::new(".")).join(crate::render::local::FOLDER);
    let path = folder.join(format!("{EDITED}.yaml"));
    let text = if path.exists() {
        crate::load::read::read(&path, crate::load::read::Kind::LocalEdits, folder.parent().unwrap_or(&folder))?
    } else {
        String::new()
    };
    Ok((path, text))
}

/// The choices of articles for the list page.
fn article_choices(rendered: &crate::pipeline::Rendered) -> Vec<ArticleChoice> {
    let Some(document) = rendered.documents.iter().find(|d| d.spec.id == EDITED) else { return Vec::new() };
    document
        .articles
        .iter()
        .map(|a| ArticleChoice {
            label: a.label.clone(),
            title: a.title.clone(),
            edited: document.local.iter().any(|r| r.key == a.label),
        })
        .collect()
}

/// `GET /local/edit?article=label`: the article's text, the facility's if it rewrote it, else
/// the built-in one, ready to change.
pub(super) async fn editor(State(state): State<Arc<AppState>>, Query(pick): Query<Pick>) -> Result<Response, Failure> {
    let task_state = state.clone();
    let view = tokio::task::spawn_blocking(move || editor_view(&task_state, &pick.article, None, Vec::new())).await?;
    Ok(match view {
        Ok(Some(view)) => state.pages.render("local_edit.html", &view),
        Ok(None) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(error) => Failure(format!("{error:#}")).into_response(),
    })
}

fn editor_view(
    state: &AppState,
    label: &str,
    posted: Option<&EditForm>,
    problems: Vec<String>,
) -> anyhow::Result<Option<EditorView>> {
    let source = ProfileSource::read(&state.profile)?;
    let options = RenderOptions { guideline: None, templates: None, date: None };
    let rendered = state.session.render(&source, &options)?;
    let Some(document) = rendered.documents.iter().find(|d| d.spec.id == EDITED) else { return Ok(None) };
    let Some(article) = document.articles.iter().find(|a| a.label == label) else { return Ok(None) };
    let (_, file) = edits_file(state)?;
    let set = crate::pipeline::local_edits(&state.profile)?;
    let current = set.document(EDITED).and_then(|d| {
        d.edits.iter().find_map(|e| match &e.edit {
            crate::render::local::Edit::Replace { label: l, title, text } if l == label => {
                Some((title.clone(), text.clone()))
            }
            _ => None,
        })
    });
    let (title, text) = match (posted, current) {
        (Some(form), _) => (form.title.clone(), form.text.clone()),
        (None, Some((title, text))) => (title.unwrap_or_else(|| article.title.clone()), text),
        (None, None) => (article.title.clone(), article.text.clone()),
    };
    Ok(Some(EditorView {
        csrf: state.secrets.form().to_owned(),
        file_version: super::edit::version(&file),
        label: label.to_owned(),
        builtin_title: article.title.clone(),
        title,
        builtin: article.text.clone(),
        text,
        problems,
    }))
}

/// `POST /local/edit`: writes the article's new text as a `replace` edit of the 規程 (the one
/// already there is changed in place, comments kept) and records it as reviewed against the
/// built-in text the page showed. A stale page, a marker only kitei may write or an empty text
/// is refused with the reason, and nothing is written.
pub(super) async fn save_edit(
    State(state): State<Arc<AppState>>,
    Form(form): Form<EditForm>,
) -> Result<Response, Failure> {
    let task_state = state.clone();
    let outcome = tokio::task::spawn_blocking(move || -> anyhow::Result<Result<(), EditorView>> {
        let _saving = task_state.saving.lock().unwrap_or_else(|e| e.into_inner());
        let problems = match write_edit(&task_state, &form)? {
            None => return Ok(Ok(())),
            Some(problems) => problems,
        };
        let view = editor_view(&task_state, &form.article, Some(&form), problems)?
            .ok_or_else(|| anyhow::anyhow!("その条は見つかりませんでした。画面を開き直してください。"))?;
        Ok(Err(view))
    })
    .await?;
    Ok(match outcome {
        Ok(Ok(())) => Redirect::to("/local?saved=1").into_response(),
        Ok(Err(view)) => {
            state.pages.render_with(axum::http::StatusCode::UNPROCESSABLE_ENTITY, "local_edit.html", &view)
        }
        Err(error) => Failure(format!("{error:#}")).into_response(),
    })
}

/// Writes the edit, or says why not (nothing written then).
fn write_edit(state: &AppState, form: &EditForm) -> anyhow::Result<Option<Vec<String>>> {
    use super::edit::{patch, Change, NewValue, Step};
    let (path, old) = edits_file(state)?;
    if form.file_version != super::edit::version(&old) {
        return Ok(Some(vec![
            "この間に、施設で変えた条のファイルがほかの画面やプログラムで変わりました。あなたの入力はそのまま残してあります。もう一度保存してください。".to_owned(),
        ]));
    }
    if form.text.trim().is_empty() {
        return Ok(Some(vec![
            "条の文を入力してください（条を削除するときは、ファイルに remove を書きます）。".to_owned()
        ]));
    }
    let set = crate::pipeline::local_edits(&state.profile)?;
    let existing = set.document(EDITED).and_then(|d| {
        d.edits.iter().position(
            |e| matches!(&e.edit, crate::render::local::Edit::Replace { label, .. } if *label == form.article),
        )
    });
    let title = form.title.trim();
    let text = form.text.replace("\r\n", "\n");
    let base = if old.trim().is_empty() { "edits: []\n".to_owned() } else { old.clone() };
    let changes = match existing {
        Some(index) => {
            let at = |key: &str| vec![Step::Key("edits".into()), Step::Index(index), Step::Key(key.into())];
            vec![
                Change { path: at("text"), value: NewValue::Text(text.clone()) },
                Change {
                    path: at("title"),
                    value: if title.is_empty() { NewValue::Absent } else { NewValue::Text(title.to_owned()) },
                },
            ]
        }
        None => {
            let mut fields = vec![("replace".to_owned(), NewValue::Text(form.article.clone()))];
            if !title.is_empty() {
                fields.push(("title".to_owned(), NewValue::Text(title.to_owned())));
            }
            fields.push(("text".to_owned(), NewValue::Text(text.clone())));
            vec![Change { path: vec![Step::Key("edits".into())], value: NewValue::Append(fields) }]
        }
    };
    let new = match patch(&base, &changes) {
        Ok(new) => new,
        Err(error) => return Ok(Some(vec![error.to_string()])),
    };
    if let Err(error) = crate::render::local::check_proposed(&path, &new) {
        return Ok(Some(vec![error.to_string()]));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    crate::write::write_file_atomic(&path, new.as_bytes())?;
    // The page showed the built-in text the edit is written against: that is the review.
    let source = ProfileSource::read(&state.profile)?;
    let options = RenderOptions { guideline: None, templates: None, date: None };
    let rendered = state.session.render(&source, &options)?;
    accept(&state.profile, &rendered.documents, Chosen::Keys(std::slice::from_ref(&form.article)))?;
    Ok(None)
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
