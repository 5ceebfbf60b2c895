//! Messages of a vendor's portfolio: the guideline version a command follows, the batch summary,
//! `kitei report` and shards. One nested catalogue so that the shared [`super::Msg`] gains a
//! single variant.

/// A portfolio message.
#[derive(Debug, Clone, Copy)]
pub enum PortfolioMsg<'a> {
    /// The guideline version a command uses and where it came from (kind 0: --guideline, 1: the
    /// last build's manifest at `from`, 2: the profile, 3: the default).
    VersionUsed {
        /// Version.
        version: &'a str,
        /// Where it came from (see above).
        kind: u8,
        /// The manifest path for kind 1.
        from: &'a str,
    },
    /// `build --guideline V` on a profile that says another version.
    GuidelineMismatch {
        /// `file:line`.
        at: &'a str,
        /// The profile's version.
        profile: &'a str,
        /// The asked version.
        asked: &'a str,
        /// Whether the profile has the key (else it is to be added after that line).
        present: bool,
    },
    /// The last build followed a newer version than the profile says.
    GuidelineBehind {
        /// `file:line`.
        at: &'a str,
        /// The last build's version.
        previous: &'a str,
        /// The profile's version.
        profile: &'a str,
        /// Whether the profile has the key.
        present: bool,
    },
    /// `--set-guideline` rewrote the profile's line.
    GuidelineSet {
        /// `file:line`.
        at: &'a str,
        /// The version written.
        version: &'a str,
    },
    /// The batch summary's header.
    SummaryHeader,
    /// A facility whose output is unchanged.
    Unchanged {
        /// Facility name.
        name: &'a str,
        /// Its folder.
        folder: &'a str,
    },
    /// The same change in several facilities.
    Grouped {
        /// How many facilities.
        count: usize,
        /// The change.
        line: &'a str,
    },
    /// The heading of the grouped changes.
    GroupedHeading,
    /// Facilities of a batch folder whose versions did not differ.
    DiffUnchanged {
        /// How many.
        count: usize,
        /// Their ids.
        ids: &'a str,
    },
    /// A batch folder holds no facility with `manifest.json`.
    NoFacilities(&'a str),
    /// `--shard K/N` is malformed.
    BadShard(&'a str),
    /// A shard's share of the batch.
    ShardShare {
        /// K.
        index: usize,
        /// N.
        count: usize,
        /// Profiles in this shard.
        chosen: usize,
        /// Profiles in all.
        total: usize,
    },
    /// `kitei report` found nothing to report.
    ReportEmpty(&'a str),
    /// `kitei report` wrote a file.
    ReportWritten(&'a str),
    /// Two shard folders hold the same facility.
    ReportDuplicate {
        /// Facility id.
        id: &'a str,
        /// The first folder.
        first: &'a str,
        /// The second folder.
        second: &'a str,
    },
}

/// Japanese.
pub(super) fn japanese(message: PortfolioMsg<'_>) -> String {
    use PortfolioMsg as P;
    match message {
        P::VersionUsed { version, kind, from } => match kind {
            0 => format!("ガイドライン第{version}版を使います（--guideline の指定）"),
            1 => format!("ガイドライン第{version}版を使います（前回の作成 {from}）"),
            2 => format!("ガイドライン第{version}版を使います（プロファイルの guideline:）"),
            _ => format!("ガイドライン第{version}版を使います（既定）"),
        },
        P::GuidelineMismatch { at, profile, asked, present } => {
            let fix = if present { "この行を次のように書き換えて" } else { "この行の後に次の行を加えて" };
            format!(
                "{at}: プロファイルはガイドライン第{profile}版ですが、--guideline {asked} が指定されました（施設が準拠する版はプロファイルに一つだけ書きます）\n  \
                 ヒント: {fix}ください: guideline: \"{asked}\"（--set-guideline を付けると作成後に書き換えます）"
            )
        }
        P::GuidelineBehind { at, previous, profile, present } => {
            let fix = if present { "この行を次のように書き換えてください" } else { "この行の後に次の行を加えてください" };
            format!(
                "{at}: 前回の作成はガイドライン第{previous}版に準拠していますが、プロファイルは第{profile}版です\n  \
                 ヒント: {fix}: guideline: \"{previous}\"（本当に古い版に戻すときは --allow-backdate）"
            )
        }
        P::GuidelineSet { at, version } => format!("{at}: guideline: \"{version}\" に書き換えました"),
        P::SummaryHeader => format!(
            "{:<24} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6} {:>4} {:>4}",
            "施設", "型", "文書", "改版", "未決", "期日", "要確認", "警告", "エラー"
        ),
        P::Unchanged { name, folder } => format!("変更なし {name} → {folder}"),
        P::Grouped { count, line } => format!("  {count}施設: {line}"),
        P::GroupedHeading => "改版（同じ改版をまとめて表示）:".to_owned(),
        P::DiffUnchanged { count, ids } => format!("変更なし {count}施設: {ids}"),
        P::NoFacilities(folder) => format!(
            "{folder} に施設の出力（manifest.json）がありません\n  ヒント: kitei build の出力フォルダ（out/ や out/<施設ID>/）を指定してください"
        ),
        P::BadShard(written) => {
            format!("--shard {written} は K/N の形ではありません（例: --shard 1/4。K は 1 から N まで）")
        }
        P::ShardShare { index, count, chosen, total } => {
            format!("分割 {index}/{count}: {total}施設のうち {chosen}施設を作成します")
        }
        P::ReportEmpty(folders) => format!(
            "{folders} に施設の出力（<施設ID>/manifest.json）がありません\n  ヒント: 先に kitei build を実行してください"
        ),
        P::ReportWritten(path) => format!("書き出しました: {path}"),
        P::ReportDuplicate { id, first, second } => {
            format!("施設 {id} が {first} と {second} の両方にあります（同じ施設を二つの分割で作成していませんか）")
        }
    }
}

/// English.
pub(super) fn english(message: PortfolioMsg<'_>) -> String {
    use PortfolioMsg as P;
    match message {
        P::VersionUsed { version, kind, from } => match kind {
            0 => format!("using guideline {version} (from --guideline)"),
            1 => format!("using guideline {version} (from the last build, {from})"),
            2 => format!("using guideline {version} (from the profile's guideline:)"),
            _ => format!("using guideline {version} (the default)"),
        },
        P::GuidelineMismatch { at, profile, asked, present } => {
            let fix = if present { "change this line to" } else { "add after this line" };
            format!(
                "{at}: the profile follows guideline {profile} but --guideline {asked} was given (the version a facility follows is stated once, in its profile)\n  \
                 help: {fix}: guideline: \"{asked}\" (or add --set-guideline to have the build rewrite it)"
            )
        }
        P::GuidelineBehind { at, previous, profile, present } => {
            let fix = if present { "change this line to" } else { "add after this line" };
            format!(
                "{at}: the last build follows guideline {previous} but the profile says {profile}\n  \
                 help: {fix}: guideline: \"{previous}\" (to really go back, --allow-backdate)"
            )
        }
        P::GuidelineSet { at, version } => format!("{at}: set guideline: \"{version}\""),
        P::SummaryHeader => format!(
            "{:<24} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6} {:>4} {:>4}",
            "facility", "pat", "docs", "new", "open", "due", "review", "warn", "err"
        ),
        P::Unchanged { name, folder } => format!("unchanged {name} → {folder}"),
        P::Grouped { count, line } => format!("  {count} facilities: {line}"),
        P::GroupedHeading => "new 版 (identical ones grouped):".to_owned(),
        P::DiffUnchanged { count, ids } => format!("no change in {count} facilities: {ids}"),
        P::NoFacilities(folder) => format!(
            "{folder} holds no facility output (manifest.json)\n  help: give a kitei build output folder (out/ or out/<id>/)"
        ),
        P::BadShard(written) => format!("--shard {written} is not K/N (e.g. --shard 1/4, K from 1 to N)"),
        P::ShardShare { index, count, chosen, total } => {
            format!("shard {index}/{count}: building {chosen} of {total} facilities")
        }
        P::ReportEmpty(folders) => format!(
            "{folders} holds no facility output (<id>/manifest.json)\n  help: run kitei build first"
        ),
        P::ReportWritten(path) => format!("wrote {path}"),
        P::ReportDuplicate { id, first, second } => {
            format!("facility {id} is in both {first} and {second} (was it built by two shards?)")
        }
    }
}

/// The words of `kitei report`'s tables and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportLabel {
    /// The report's title.
    Title,
    /// 「基準日」.
    AsOf,
    /// The facilities section.
    Facilities,
    /// A facility.
    Facility,
    /// Its reference pattern.
    Pattern,
    /// Guideline version.
    Guideline,
    /// The last build's date.
    BuildDate,
    /// Documents (approved / all).
    Documents,
    /// Undecided matters.
    Open,
    /// Dated checklist items.
    Dated,
    /// Overdue dated items.
    Overdue,
    /// Local edits to review.
    Review,
    /// Vendors' answers awaited.
    Vendors,
    /// The dated items section (overdue first).
    DatedSection,
    /// The per-item section.
    SharedItems,
    /// A matter.
    Item,
    /// The profile field that closes it.
    Field,
    /// Due date.
    Due,
    /// Who decides.
    Owner,
    /// How many facilities.
    Count,
    /// The vendors section.
    VendorSection,
    /// A vendor.
    Vendor,
    /// 「期限切れ」 marker.
    OverdueMark,
    /// Nothing to list.
    Nothing,
}

/// A label of `kitei report` in the language in use.
pub fn label(label: ReportLabel) -> &'static str {
    use ReportLabel as L;
    let (ja, en) = match label {
        L::Title => ("規程類の状況一覧", "Rulebook status by facility"),
        L::AsOf => ("基準日", "As of"),
        L::Facilities => ("施設ごとの状況", "Facilities"),
        L::Facility => ("施設", "Facility"),
        L::Pattern => ("参照パターン", "Pattern"),
        L::Guideline => ("ガイドライン", "Guideline"),
        L::BuildDate => ("作成日", "Built for"),
        L::Documents => ("文書（承認済み/全体）", "Documents (approved/all)"),
        L::Open => ("未決事項", "Open items"),
        L::Dated => ("目標日付き事項", "Dated items"),
        L::Overdue => ("期限切れ", "Overdue"),
        L::Review => ("要確認の独自修正", "Local edits to review"),
        L::Vendors => ("事業者の回答待ち", "Vendor answers awaited"),
        L::DatedSection => ("目標日付き事項（期限切れを先に）", "Dated items (overdue first)"),
        L::SharedItems => ("事項ごとの施設（同じ未決事項を持つ施設）", "Open items shared by facilities"),
        L::Item => ("事項", "Item"),
        L::Field => ("決めるプロファイルの項目", "Profile field that closes it"),
        L::Due => ("目標日", "Due"),
        L::Owner => ("決定する者", "Owner"),
        L::Count => ("施設数", "Facilities"),
        L::VendorSection => ("事業者ごとの回答待ち", "Awaited answers by vendor"),
        L::Vendor => ("事業者", "Vendor"),
        L::OverdueMark => ("期限切れ", "overdue"),
        L::Nothing => ("なし", "none"),
    };
    match super::current() {
        super::Lang::Ja => ja,
        super::Lang::En => en,
    }
}
