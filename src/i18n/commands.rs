//! What the commands print as reports on the terminal: the lines of `kitei check`, `checklist`,
//! `guideline toc|show|diff|stats`, `local status` and `status`, and the notes a build gives
//! about a facility's template overrides. One nested catalogue so that the shared
//! [`super::Msg`] gains a single variant; the fixed words of a report are [`CommandLabel`]s.
//!
//! The guideline's own text (titles, requirement labels, an owner's 所管 term) is quoted as it
//! is, in Japanese, in both languages: it is the guideline's, not kitei's.

/// A report line with values.
#[derive(Debug, Clone, Copy)]
pub enum CommandMsg<'a> {
    /// `check`: the reference pattern.
    CheckPattern(&'a str),
    /// `check`: a system in the guideline's scope, and where it runs.
    PatternSystem {
        /// The system's name.
        name: &'a str,
        /// Whether it holds medical information (else it only reaches it).
        holds: bool,
        /// Whether it is a cloud service (else on the premises).
        cloud: bool,
    },
    /// `check`: paper charts, yet systems in scope.
    PatternPaperCharts,
    /// `check`: every system in scope is a cloud service (`true`), or some run on the premises.
    PatternAllCloud(bool),
    /// `check`: whether there are dedicated operations staff.
    PatternStaff(bool),
    /// `check`: the pattern reached, as `IV` and as the guideline prints it (「Ⅳ」).
    PatternConclusion {
        /// In Latin letters.
        latin: &'a str,
        /// In the guideline's numerals.
        numeral: &'a str,
    },
    /// `check`: how the requirements apply.
    CheckSummary {
        /// Carried out by the facility.
        required: usize,
        /// Simplified by the pattern (a vendor's contract covers them).
        delegated: usize,
        /// Not applicable.
        not_applicable: usize,
    },
    /// `check`: the rows of the 責任分界表.
    CheckDuties {
        /// Rows the facility carries out.
        by_facility: usize,
        /// Rows a vendor carries out.
        by_vendor: usize,
        /// Rows a national service's operator carries out.
        by_operator: usize,
    },
    /// `check`: who carries out a row in normal times and in an emergency.
    CheckDutyRow {
        /// Normal times.
        normal: &'a str,
        /// An emergency.
        emergency: &'a str,
    },
    /// `checklist`: the answers counted.
    ChecklistCounts {
        /// The edition.
        edition: &'a str,
        /// はい.
        yes: usize,
        /// いいえ.
        no: usize,
        /// 未確認.
        unconfirmed: usize,
        /// 事業者確認用 forms.
        vendors: usize,
    },
    /// `guideline toc`: a volume and its readers.
    VolumeReaders {
        /// The volume's title.
        title: &'a str,
        /// Its readers.
        readers: &'a str,
    },
    /// `guideline show`: where an entry comes from.
    EntrySource(&'a str),
    /// `guideline show`: an entry's title in the revision summary.
    SeedTitle(&'a str),
    /// `guideline show`: how a pattern applies a requirement.
    PatternNote {
        /// The pattern's id.
        pattern: &'a str,
        /// How it applies.
        note: &'a str,
    },
    /// `guideline diff`: the headline.
    GuidelineChanges {
        /// The earlier edition.
        old: &'a str,
        /// The later edition.
        new: &'a str,
        /// How many changes.
        count: usize,
    },
    /// `guideline diff`: the id a moved requirement had.
    FormerId(&'a str),
    /// `guideline stats`: the headline.
    StatsTitle {
        /// The guideline's title.
        title: &'a str,
        /// Its edition.
        edition: &'a str,
        /// Requirements.
        count: usize,
    },
    /// `guideline stats`: the verified share.
    StatsVerified {
        /// Verified.
        verified: usize,
        /// All.
        total: usize,
        /// Per cent.
        percent: f64,
    },
    /// `guideline stats`: kitei's own items numbered like published ones.
    StatsKiteiOwn {
        /// How many.
        count: usize,
        /// Their ids.
        ids: &'a str,
    },
    /// A 版 number (the term is the same in both languages, as in the documents).
    Version(u32),
    /// A value in brackets after a text: （…） or ( …).
    Bracketed(&'a str),
    /// An override folder's subfolder that holds no template chapters.
    OverrideNotAFolder(&'a str),
    /// An override folder's file that is no template.
    OverrideNotATemplate(&'a str),
    /// The templates a facility's folder overrides.
    OverridesFrom {
        /// The folder.
        dir: &'a str,
        /// The templates.
        names: &'a str,
    },
    /// The facility's `wording.yaml` is in use.
    WordingFrom(&'a str),
    /// An override exported from an older built-in template.
    OverrideDrifted(&'a str),
    /// An override without a kitei-base line.
    OverrideWithoutBase(&'a str),
    /// An override's `[[meets:ID]]` whose id now names a published item, not what it meant.
    MeetsPublished {
        /// The template.
        template: &'a str,
        /// The id.
        id: &'a str,
        /// The published item's name.
        name: &'a str,
        /// The id of what it meant before.
        old: &'a str,
    },
    /// An override that replaces no document and that no other override uses.
    OverrideUnmatched {
        /// The override.
        name: &'a str,
        /// The nearest document template, if any.
        near: Option<&'a str>,
        /// Every document template.
        documents: &'a str,
    },
    /// An override whose brackets nest too deep.
    TemplateNesting {
        /// How deep.
        deepest: usize,
        /// The limit.
        max: usize,
    },
    /// Overrides that include or import each other in a cycle.
    TemplateCycle(&'a str),
    /// Includes nested deeper than the limit.
    TemplateTooDeep {
        /// The limit.
        max: usize,
        /// The chain.
        chain: &'a str,
    },
    /// A template's `[[meets:ID]]` naming no requirement of the guideline.
    MeetsUnknown {
        /// The template.
        template: &'a str,
        /// The id.
        id: &'a str,
        /// The guideline version.
        version: &'a str,
    },
    /// `[[ref:LABEL]]` naming no article.
    RefUnknown(&'a str),
    /// Two articles with one label.
    LabelTwice(&'a str),
    /// A marker kitei cannot read.
    MarkerMalformed(&'a str),
    /// A template's `[[meets:ID]]` naming a renumbered requirement.
    MeetsRenumbered {
        /// The template.
        template: &'a str,
        /// The id.
        id: &'a str,
        /// Its current id.
        current: &'a str,
        /// The requirement's name.
        name: &'a str,
    },
}

/// The fixed words of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandLabel {
    /// `check`: the heading of the requirements a vendor carries out.
    CheckDelegated,
    /// `check`: the heading of the systems without two-factor authentication.
    CheckTwoFactor,
    /// `check`: the heading of the requirements that do not apply.
    CheckExcluded,
    /// `check`: the rows that are the facility's as a whole.
    CheckFacilityWide,
    /// `guideline show`: the heading of an entry's requirements.
    Requirements,
    /// `guideline show`: simplified by contract for the cloud patterns.
    CloudSimplified,
    /// `guideline show`: never simplified.
    NotSimplified,
    /// The owner (所管).
    Owner,
    /// The source (出典).
    Source,
    /// The pattern mark printed in the guideline.
    PatternMark,
    /// The section a requirement belongs to.
    Section,
    /// The area of the 責任分界表.
    Area,
    /// The heading of how each pattern applies a requirement.
    Applies,
    /// A pattern that need not refer to it.
    NotReferred,
    /// A pattern that may simplify it by contract.
    SimplifiedByContract,
    /// A pattern that refers to it.
    Referred,
    /// A condition.
    Condition,
    /// A note.
    Note,
    /// The text before a change.
    Before,
    /// The text after a change.
    After,
    /// A source checked against the published text.
    Verified,
    /// A source not checked yet.
    NotVerified,
    /// A requirement added.
    Added,
    /// A requirement changed.
    Changed,
    /// A requirement removed.
    Removed,
    /// A requirement moved.
    Moved,
    /// `guideline stats`: the column of volumes.
    StatsVolume,
    /// `guideline stats`: all items.
    StatsItems,
    /// `guideline stats`: published items.
    StatsOfficial,
    /// `guideline stats`: kitei's supplements.
    StatsSupplements,
    /// `guideline stats`: from the guideline's text.
    StatsText,
    /// `guideline stats`: from the revision summary.
    StatsSeed,
    /// `local status`: accepted.
    LocalAccepted,
    /// `local status`: not accepted yet.
    LocalUnaccepted,
    /// `local status`: the built-in text changed since.
    LocalChanged,
    /// `local status`: the built-in text when the edit was accepted.
    LocalBuiltinThen,
    /// `local status`: the built-in text now.
    LocalBuiltinNow,
    /// `local status`: what changed in the built-in text.
    LocalBuiltinChanges,
    /// `local status`: the facility's text.
    LocalText,
    /// `local status`: an article the edit removes.
    LocalRemoved,
    /// Between the items of a list in a line.
    Separator,
}

/// The report line in the current language.
pub fn command_text(message: CommandMsg<'_>) -> String {
    super::text(super::Msg::Command(message))
}

/// The label in the current language.
pub fn command_label(label: CommandLabel) -> &'static str {
    let (ja, en) = label_texts(label);
    match super::current() {
        super::Lang::Ja => ja,
        super::Lang::En => en,
    }
}

fn label_texts(label: CommandLabel) -> (&'static str, &'static str) {
    use CommandLabel as L;
    match label {
        L::CheckDelegated => ("契約により事業者が実施する遵守事項:", "requirements a vendor carries out under contract:"),
        L::CheckTwoFactor => (
            "二要素認証を用いていないシステム（第7.0版: 令和9年4月1日以降の最初の更新時に導入）:",
            "systems without two-factor authentication (guideline 7.0: introduced at the first renewal from 令和9年4月1日):",
        ),
        L::CheckExcluded => ("適用除外:", "not applicable:"),
        L::CheckFacilityWide => ("施設全体", "facility-wide"),
        L::Requirements => ("遵守事項:", "requirements:"),
        L::CloudSimplified => ("クラウド型（Ⅱ・Ⅳ）は契約により簡略化可", "cloud (Ⅱ, Ⅳ): may be simplified by contract"),
        L::NotSimplified => ("簡略化不可", "never simplified"),
        L::Owner => ("所管", "owner"),
        L::Source => ("出典", "source"),
        L::PatternMark => ("参照パターン表示", "pattern mark"),
        L::Section => ("関連する節", "section"),
        L::Area => ("責任分界の領域", "area of responsibility"),
        L::Applies => ("適用:", "applies:"),
        L::NotReferred => ("参照を要しない（本文の参照パターン表示による）", "need not refer to it (the pattern mark in the text)"),
        L::SimplifiedByContract => ("事業者との契約に含まれる場合は簡略化可", "may be simplified when a vendor's contract covers it"),
        L::Referred => ("参照する", "refers to it"),
        L::Condition => ("条件", "condition"),
        L::Note => ("注", "note"),
        L::Before => ("改正前", "before"),
        L::After => ("改正後", "after"),
        L::Verified => ("確認済み", "verified"),
        L::NotVerified => ("未確認（推測を含む）", "not verified (may include guesses)"),
        L::Added => ("新設", "added"),
        L::Changed => ("変更", "changed"),
        L::Removed => ("削除", "removed"),
        L::Moved => ("移動", "moved"),
        L::StatsVolume => ("編", "volume"),
        L::StatsItems => ("項目", "items"),
        L::StatsOfficial => ("公表", "publ."),
        L::StatsSupplements => ("補足", "suppl."),
        L::StatsText => ("本文", "text"),
        L::StatsSeed => ("概要", "summ."),
        L::LocalAccepted => ("受け入れ済み", "accepted"),
        L::LocalUnaccepted => ("まだ受け入れられていません", "not accepted yet"),
        L::LocalChanged => {
            ("受け入れた後に標準の条文が変わりました", "the built-in text changed since the edit was accepted")
        }
        L::LocalBuiltinThen => ("受け入れたときの標準の条文", "built-in when accepted"),
        L::LocalBuiltinNow => ("現在の標準の条文", "built-in now"),
        L::LocalBuiltinChanges => ("標準の条文の変わったところ", "what changed in the built-in text"),
        L::LocalText => ("自施設の文", "local"),
        L::LocalRemoved => ("（削除）", "(removed)"),
        L::Separator => ("、", ", "),
    }
}

pub(crate) fn japanese(message: CommandMsg<'_>) -> String {
    use CommandMsg as M;
    match message {
        M::CheckPattern(pattern) => format!("参照パターン {pattern}"),
        M::PatternSystem { name, holds, cloud } => format!(
            "「{name}」は{}システムであり、{}である。",
            if holds { "医療情報を扱う" } else { "医療情報へのアクセスが生じる" },
            if cloud { "クラウドサービス型" } else { "施設内に保有（オンプレミス型）" }
        ),
        M::PatternPaperCharts => {
            "診療録は紙運用であるが、上記のシステムで医療情報に触れるため、ガイドラインの対象となる。".to_owned()
        }
        M::PatternAllCloud(true) => {
            "医療情報に関わるシステムはすべてクラウドサービス型であり、施設に保有しない運用である。".to_owned()
        }
        M::PatternAllCloud(false) => {
            "医療情報に関わるシステムの一部または全部を施設内に保有して運用している。".to_owned()
        }
        M::PatternStaff(true) => "システム運用専任の担当者がいる。".to_owned(),
        M::PatternStaff(false) => "システム運用専任の担当者がいない。".to_owned(),
        M::PatternConclusion { numeral, .. } => format!("よって参照パターン{numeral}とする。"),
        M::CheckSummary { required, delegated, not_applicable } => format!(
            "遵守事項: 自施設で実施 {required}、参照パターンにより簡略化（契約に含まれる） {delegated}、適用除外 {not_applicable}"
        ),
        M::CheckDuties { by_facility, by_vendor, by_operator: 0 } => {
            format!("責任分界（責任分界表の各行）: 施設が実施 {by_facility}、事業者が実施 {by_vendor}")
        }
        M::CheckDuties { by_facility, by_vendor, by_operator } => format!(
            "責任分界（責任分界表の各行）: 施設が実施 {by_facility}、事業者が実施 {by_vendor}、運営機関が実施 {by_operator}"
        ),
        M::CheckDutyRow { normal, emergency } => format!("通常時 {normal} ／ 非常時 {emergency}"),
        M::ChecklistCounts { edition, yes, no, unconfirmed, vendors } => {
            format!("{edition}: はい {yes}、いいえ {no}、未確認 {unconfirmed}（事業者確認用 {vendors}件）")
        }
        M::VolumeReaders { title, readers } => format!("{title}（読者: {readers}）"),
        M::EntrySource(source) => format!("（出典: {source}）"),
        M::SeedTitle(title) => format!("（改定概要資料での表題: {title}）"),
        M::PatternNote { pattern, note } => format!("パターン{pattern}: {note}"),
        M::GuidelineChanges { old, new, count } => format!("{old} → {new}: 遵守事項の変更 {count} 件"),
        M::FormerId(id) => format!("（旧 {id}）"),
        M::StatsTitle { title, edition, count } => format!("{title} {edition}: 遵守事項 {count} 項目"),
        M::StatsVerified { verified, total, percent } => {
            format!("公表版の本文で確認し出典（頁）を記録した項目: {verified} / {total}（{percent:.1} %）")
        }
        M::StatsKiteiOwn { count, ids } => format!("公表版の番号の形をした kitei 独自の項目: {count} 件（{ids}）"),
        M::Version(version) => format!("第{version}版"),
        M::Bracketed(text) => format!("（{text}）"),
        M::OverrideNotAFolder(path) => format!("{path} は使いません: テンプレートの章のフォルダではありません"),
        M::OverrideNotATemplate(path) => {
            format!("{path} は使いません: テンプレートではありません（テンプレートは .md ファイル）")
        }
        M::OverridesFrom { dir, names } => format!("{dir} のテンプレートで差し替え: {names}"),
        M::WordingFrom(path) => format!("{path} の文言を使います"),
        M::OverrideDrifted(name) => format!(
            "差し替えテンプレート {name} は古い標準の {name} から書き出されたもので、標準はその後変わりました\
             （`kitei templates export DIR` で空のフォルダに書き出して比べ、新しい kitei-base 行を写してください）"
        ),
        M::OverrideUnmatched { name, near: Some(near), .. } => {
            format!("差し替えテンプレート {name} はどの文書も差し替えません。{near} の誤りではありませんか？")
        }
        M::OverrideUnmatched { name, near: None, documents } => {
            format!("差し替えテンプレート {name} はどの文書も差し替えません（文書: {documents}）")
        }
        M::TemplateNesting { deepest, max } => {
            format!("括弧が {deepest} 重になっています。差し替えテンプレートの入れ子は {max} 重までです")
        }
        M::TemplateCycle(chain) => format!("テンプレートが互いを循環して読み込んでいます: {chain}"),
        M::TemplateTooDeep { max, chain } => {
            format!("include・import・extends の入れ子が {max} 段を超えています: {chain}")
        }
        M::MeetsUnknown { template, id, version } => format!(
            "テンプレート `{template}` は `[[meets:{id}]]` としていますが、ガイドライン第{version}版に遵守事項 `{id}` はありません"
        ),
        M::RefUnknown(label) => format!(
            "`[[ref:{label}]]` の条がありません（条は `[[article:ラベル|見出し]]` で定めます）"
        ),
        M::LabelTwice(label) => format!("`{label}` というラベルの条が二つあります"),
        M::MarkerMalformed(marker) => format!("`{marker}` は読めない目印です"),
        M::MeetsPublished { template, id, name, old } => format!(
            "テンプレート `{template}`: `[[meets:{id}]]` — 番号を公表版に合わせたため `{id}` は公表版の {name} になり、以前の意味は `{old}` です。この箇所がどちらを満たすか確かめてください"
        ),
        M::MeetsRenumbered { template, id, current, name } => format!(
            "テンプレート `{template}`: `[[meets:{id}]]` は番号の変わった遵守事項です。現在は `{current}`（{name}）なので、テンプレートを直してください"
        ),
        M::OverrideWithoutBase(name) => format!(
            "差し替えテンプレート {name} には kitei-base 行がないため、標準が変わっても kitei は知らせられません"
        ),
    }
}

pub(super) fn english(message: CommandMsg<'_>) -> String {
    use CommandMsg as M;
    match message {
        M::CheckPattern(pattern) => format!("reference pattern {pattern}"),
        M::PatternSystem { name, holds, cloud } => format!(
            "「{name}」 {} medical information and {}.",
            if holds { "holds" } else { "gives access to" },
            if cloud { "is a cloud service" } else { "runs on the premises" }
        ),
        M::PatternPaperCharts => {
            "The charts are on paper, but the systems above touch medical information, so the guideline applies."
                .to_owned()
        }
        M::PatternAllCloud(true) => {
            "Every system touching medical information is a cloud service; the facility holds none.".to_owned()
        }
        M::PatternAllCloud(false) => {
            "The facility holds and runs some or all of the systems touching medical information.".to_owned()
        }
        M::PatternStaff(true) => "There are dedicated system operations staff.".to_owned(),
        M::PatternStaff(false) => "There are no dedicated system operations staff.".to_owned(),
        M::PatternConclusion { latin, .. } => format!("Hence reference pattern {latin}."),
        M::CheckSummary { required, delegated, not_applicable } => format!(
            "requirements: carried out by the facility {required}, simplified by the reference pattern (in a contract) {delegated}, not applicable {not_applicable}"
        ),
        M::CheckDuties { by_facility, by_vendor, by_operator: 0 } => format!(
            "division of responsibility (rows of the 責任分界表): the facility {by_facility}, a vendor {by_vendor}"
        ),
        M::CheckDuties { by_facility, by_vendor, by_operator } => format!(
            "division of responsibility (rows of the 責任分界表): the facility {by_facility}, a vendor {by_vendor}, \
             a national service's operator {by_operator}"
        ),
        M::CheckDutyRow { normal, emergency } => format!("normal: {normal} / emergency: {emergency}"),
        M::ChecklistCounts { edition, yes, no, unconfirmed, vendors } => format!(
            "{edition}: はい (yes) {yes}, いいえ (no) {no}, 未確認 (unconfirmed) {unconfirmed} ({vendors} vendor form(s))"
        ),
        M::VolumeReaders { title, readers } => format!("{title} (readers: {readers})"),
        M::EntrySource(source) => format!("(source: {source})"),
        M::SeedTitle(title) => format!("(title in the revision summary: {title})"),
        M::PatternNote { pattern, note } => format!("pattern {pattern}: {note}"),
        M::GuidelineChanges { old, new, count } => format!("{old} → {new}: {count} requirement change(s)"),
        M::FormerId(id) => format!(" (formerly {id})"),
        M::StatsTitle { title, edition, count } => format!("{title} {edition}: {count} requirements"),
        M::StatsVerified { verified, total, percent } => format!(
            "items checked against the published text, with their page: {verified} / {total} ({percent:.1} %)"
        ),
        M::StatsKiteiOwn { count, ids } => format!("kitei's own items numbered like published ones: {count} ({ids})"),
        M::Version(version) => format!("第{version}版"),
        M::Bracketed(text) => format!(" ({text})"),
        M::OverrideNotAFolder(path) => format!("ignored {path}: not a folder of template chapters"),
        M::OverrideNotATemplate(path) => format!("ignored {path}: not a template (templates are .md files)"),
        M::OverridesFrom { dir, names } => format!("template overrides from {dir}: {names}"),
        M::WordingFrom(path) => format!("wording from {path}"),
        M::OverrideDrifted(name) => format!(
            "template override {name} was exported from an older built-in {name}; the built-in has changed since \
             (run `kitei templates export DIR` into an empty folder and compare, then copy the new base line)"
        ),
        M::OverrideUnmatched { name, near: Some(near), .. } => {
            format!("template override {name} replaces no document; did you mean {near}?")
        }
        M::OverrideUnmatched { name, near: None, documents } => {
            format!("template override {name} replaces no document (documents: {documents})")
        }
        M::TemplateNesting { deepest, max } => {
            format!("brackets nest {deepest} deep; a template override may nest at most {max}")
        }
        M::TemplateCycle(chain) => format!("templates include or import each other in a cycle: {chain}"),
        M::TemplateTooDeep { max, chain } => {
            format!("includes, imports and extends nest more than {max} deep: {chain}")
        }
        M::MeetsUnknown { template, id, version } => format!(
            "template `{template}` declares `[[meets:{id}]]`, but guideline {version} has no requirement `{id}`"
        ),
        M::RefUnknown(label) => {
            format!("`[[ref:{label}]]` names no article (articles are declared with `[[article:label|見出し]]`)")
        }
        M::LabelTwice(label) => format!("two articles are labelled `{label}`"),
        M::MarkerMalformed(marker) => format!("malformed marker `{marker}`"),
        M::MeetsPublished { template, id, name, old } => format!(
            "template `{template}`: `[[meets:{id}]]` — since the numbering was matched to the published guideline, `{id}` is the published item {name}; what it meant before is now `{old}`: check which one this place meets"
        ),
        M::MeetsRenumbered { template, id, current, name } => format!(
            "template `{template}`: `[[meets:{id}]]` names a renumbered requirement; it is now `{current}` ({name}): update the template"
        ),
        M::OverrideWithoutBase(name) => format!(
            "template override {name} has no kitei-base line, so kitei cannot warn when the built-in changes under it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_japanese_and_english() {
        use CommandLabel as L;
        let all = [
            L::CheckDelegated,
            L::CheckTwoFactor,
            L::CheckExcluded,
            L::CheckFacilityWide,
            L::Requirements,
            L::Owner,
            L::Applies,
            L::Before,
            L::After,
            L::LocalAccepted,
            L::LocalUnaccepted,
            L::LocalChanged,
            L::LocalBuiltinNow,
            L::LocalText,
            L::LocalRemoved,
        ];
        for label in all {
            let (ja, en) = label_texts(label);
            assert!(!ja.is_ascii() && ja != en, "{label:?}");
        }
    }

    #[test]
    fn every_message_has_japanese_and_english() {
        let messages = [
            CommandMsg::CheckPattern("A"),
            CommandMsg::PatternSystem { name: "EHR", holds: true, cloud: false },
            CommandMsg::PatternPaperCharts,
            CommandMsg::PatternAllCloud(true),
            CommandMsg::PatternAllCloud(false),
            CommandMsg::PatternStaff(true),
            CommandMsg::PatternStaff(false),
            CommandMsg::PatternConclusion { latin: "IV", numeral: "Ⅳ" },
            CommandMsg::CheckSummary { required: 1, delegated: 2, not_applicable: 3 },
            CommandMsg::ChecklistCounts { edition: "R8", yes: 1, no: 2, unconfirmed: 3, vendors: 1 },
            CommandMsg::GuidelineChanges { old: "6.0", new: "7.0", count: 3 },
            CommandMsg::OverrideNotATemplate("templates/x.txt"),
            CommandMsg::OverridesFrom { dir: "templates", names: "bcp.md" },
            CommandMsg::WordingFrom("templates/wording.yaml"),
            CommandMsg::OverrideDrifted("bcp.md"),
            CommandMsg::OverrideWithoutBase("bcp.md"),
        ];
        for message in messages {
            let (ja, en) = (japanese(message), english(message));
            assert!(!ja.is_ascii() && ja != en, "{ja}");
        }
    }
}
