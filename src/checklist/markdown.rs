//! The filled checklist as Markdown (and, through the typeset stage, as PDF): one table per form
//! with はい/いいえ, 確認日, 目標日 and the evidence, then the open items, the 2FA renewals and the
//! provenance of every item.

use std::fmt::Write as _;

use super::answer::{Answer, FilledChecklist, FilledForm};
use super::{open_items, Change, Edition};
use crate::render::escape_markdown as esc;
use crate::wareki;

/// The document body (everything after the title block).
pub fn body(filled: &FilledChecklist<'_>, compare: Option<(&Edition, &[Change])>) -> String {
    let mut out = String::new();
    let edition = filled.edition;
    let _ = writeln!(out, "## 1. この表について\n");
    let _ = writeln!(
        out,
        "この表は、{}（{}公表）に、{}のプロファイルと規程類から kitei が答えを記入したものである。各項目の根拠欄に、その項目を満たす文書と条を示す。「いいえ」の項目には、当該年度中の目標日を記入し、課題として挙げる（5）。\n",
        esc(&edition.title),
        esc(&edition.published),
        esc(&filled.facility_name)
    );
    let _ = writeln!(out, "{}\n", esc(&edition.usage.text));
    if let Some(note) = &edition.base_note {
        let _ = writeln!(out, "**注意**　{}\n", esc(note));
    }
    let unverified = edition.items.iter().filter(|i| !i.verified).count();
    if unverified > 0 {
        let _ = writeln!(
            out,
            "**注意**　{}項目は、番号又は文言を公開資料で確かめられなかった（「確認状況」欄に「未確認」と示す）。提出前に厚生労働省の原本と照合すること。\n",
            unverified
        );
    }
    let _ = writeln!(out, "| 項目 | 内容 |\n|---|---|");
    let _ = writeln!(out, "| 施設名 | {} |", esc(&filled.facility_name));
    let _ = writeln!(out, "| 確認日 | {} |", wareki::format(filled.checked));
    let _ = writeln!(out, "| 目標日の期限（年度末） | {} |", wareki::format(filled.fiscal_year_end));
    let _ = writeln!(out, "| 課題の担当 | {} |\n", esc(&filled.owner));
    let _ = writeln!(out, "## 2. {}\n", esc(&filled.facility.title));
    form_table(&mut out, filled, &filled.facility);
    let _ = writeln!(out, "## 3. 事業者確認用\n");
    if filled.vendors.is_empty() {
        let _ = writeln!(out, "事業者と契約していないため、事業者確認用による確認は要しない。\n");
    } else {
        let _ = writeln!(
            out,
            "契約している事業者ごとに、契約と責任分界の書面から分かる範囲で記入した。「いいえ」の項目は、事業者確認用を送付して事業者の回答を求める。\n"
        );
        for (n, form) in filled.vendors.iter().enumerate() {
            let _ = writeln!(out, "### 3.{} {}\n", n + 1, esc(form.vendor.as_deref().unwrap_or_default()));
            form_table(&mut out, filled, form);
        }
    }
    two_factor_section(&mut out, filled);
    open_items_section(&mut out, filled);
    provenance(&mut out, edition);
    if let Some((old, changes)) = compare {
        compare_section(&mut out, old, edition, changes);
    }
    out
}

fn form_table(out: &mut String, filled: &FilledChecklist<'_>, form: &FilledForm<'_>) {
    let _ = writeln!(out, "| 番号 | 確認項目 | 回答 | 確認日 | 目標日 | 根拠 |\n|---|---|---|---|---|---|");
    for a in &form.items {
        let basis: Vec<String> = a.evidence.iter().chain(&a.facts).chain(&a.reason).map(|s| esc(s)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            esc(&a.item.display_number()),
            esc(&a.item.text),
            if a.answer == Answer::No { "**いいえ**" } else { a.answer.label() },
            wareki::format(filled.checked),
            a.target.map(wareki::format).unwrap_or_else(|| "―".to_owned()),
            if basis.is_empty() { "―".to_owned() } else { basis.join("。") }
        );
    }
    out.push('\n');
}

fn two_factor_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let rule = &filled.two_factor_rule;
    let _ = writeln!(out, "## 4. 二要素認証の導入期限\n");
    let _ = writeln!(out, "{}（出典: {}）\n", esc(rule.text.trim()), esc(rule.source.trim()));
    if filled.two_factor.is_empty() {
        let _ = writeln!(out, "全ての医療情報システムが二要素認証を用いている。\n");
        return;
    }
    for due in &filled.two_factor {
        let _ = writeln!(out, "- {}", esc(&due.message(rule)));
    }
    out.push('\n');
}

fn open_items_section(out: &mut String, filled: &FilledChecklist<'_>) {
    let items = open_items(filled);
    let _ = writeln!(out, "## 5. 課題（課題一覧に載せる事項）\n");
    if items.is_empty() {
        let _ = writeln!(out, "課題はない。\n");
        return;
    }
    let _ = writeln!(out, "| 課題 | 対応 | 目標日 | 担当 |\n|---|---|---|---|");
    for item in &items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&item.title),
            esc(&item.action),
            wareki::format(item.due),
            esc(&item.owner)
        );
    }
    out.push('\n');
}

fn provenance(out: &mut String, edition: &Edition) {
    let _ = writeln!(out, "## 6. 項目の出典と確認状況\n");
    let _ = writeln!(out, "公表: {}\n", esc(edition.published_source.trim()));
    let _ = writeln!(out, "| 番号 | ガイドラインの参照 | 確認状況 | 出典 |\n|---|---|---|---|");
    for item in &edition.items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&item.display_number()),
            if item.guideline.is_empty() { "―".to_owned() } else { esc(&item.guideline.join("、")) },
            if item.verified { "確認済み" } else { "未確認" },
            esc(&item.source)
        );
    }
    out.push('\n');
}

fn compare_section(out: &mut String, old: &Edition, new: &Edition, changes: &[Change]) {
    let _ = writeln!(out, "## 7. {}からの変更\n", esc(&old.title));
    if changes.is_empty() {
        let _ = writeln!(out, "kitei が持つ項目の範囲では、追加・変更・削除された項目はない。\n");
        if new.base_note.is_some() {
            let _ = writeln!(
                out,
                "（{}の項目は{}から引き継いでいるため、実際の変更は原本で確かめること。）\n",
                esc(&new.key),
                esc(&old.key)
            );
        }
        return;
    }
    let _ = writeln!(out, "| 区分 | 番号 | 確認項目 |\n|---|---|---|");
    for change in changes {
        let (kind, key, edition) = match change {
            Change::Added(k) => ("追加", k, new),
            Change::Changed(k) => ("変更", k, new),
            Change::Removed(k) => ("削除", k, old),
        };
        if let Some(item) = edition.items.iter().find(|i| &i.key == key) {
            let _ = writeln!(out, "| {kind} | {} | {} |", esc(&item.display_number()), esc(&item.text));
        }
    }
    out.push('\n');
}
