//! What kitei says to people, in Japanese or in English: one catalogue, not strings scattered
//! through the commands.
//!
//! kitei's users are the staff of Japanese medical facilities, so it speaks Japanese by default;
//! English with `--lang en`, or when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one
//! set) is not Japanese, such as `LANG=C` in a vendor's build log or kitei's own tests.
//!
//! Covered so far: the build's progress and summary lines, `check`'s and `diff`'s summaries, the
//! labels of every diagnostic (error, warning, help), the commonest profile diagnostics (unknown,
//! missing and duplicate keys, unknown values) and `--help` for the commands and the build's
//! options. Other diagnostics are still English.

use std::sync::OnceLock;

/// A language kitei speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 日本語.
    Ja,
    /// English.
    En,
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Fixes the language for the rest of the process (the first call wins).
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language in use: as set, else from the locale.
pub fn current() -> Lang {
    // Unit tests compare English text whatever the machine's locale.
    *CURRENT.get_or_init(|| if cfg!(test) { Lang::En } else { from_locale() })
}

/// The language the locale asks for: Japanese for `ja*` (or no locale at all), else English.
pub fn from_locale() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    match locale {
        None => Lang::Ja,
        Some(value) if value.starts_with("ja") => Lang::Ja,
        Some(_) => Lang::En,
    }
}

/// `--lang` from the raw arguments (needed before clap prints `--help`), else the locale.
pub fn from_arguments(arguments: &[std::ffi::OsString]) -> Lang {
    let mut iter = arguments.iter().filter_map(|a| a.to_str());
    while let Some(argument) = iter.next() {
        let value = match argument.strip_prefix("--lang") {
            Some("") => iter.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value.map(str::to_ascii_lowercase).as_deref() {
            Some("ja") => return Lang::Ja,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    from_locale()
}

/// A message of the catalogue.
#[derive(Debug, Clone, Copy)]
pub enum Msg<'a> {
    /// One facility built.
    Built {
        /// Facility name.
        name: &'a str,
        /// Output folder.
        folder: &'a str,
        /// Number of documents.
        documents: usize,
        /// Reference pattern.
        pattern: &'a str,
        /// Matters the profile leaves undecided (listed in the 課題一覧).
        open_items: usize,
    },
    /// One facility failed.
    Failed(&'a str),
    /// A document got a new 版.
    NewVersion(&'a str),
    /// Something the build did.
    Note(&'a str),
    /// Required requirements met by no document.
    Uncovered {
        /// How many.
        count: usize,
        /// Their ids.
        ids: &'a str,
    },
    /// The columns of the batch summary.
    SummaryHeader,
    /// The last line of a batch.
    BatchTotal {
        /// Built.
        built: usize,
        /// Failed.
        failed: usize,
    },
    /// The batch was interrupted.
    Interrupted,
    /// `--jobs` above the core count.
    JobsCapped {
        /// Asked.
        asked: usize,
        /// Cores.
        cores: usize,
    },
    /// A folder argument holds no profile.
    EmptyFolder(&'a str),
    /// Nothing to build at all.
    NoProfiles,
    /// `kitei diff` found no difference.
    NoDifferences(usize),
    /// `kitei diff` wrote a file.
    Wrote(&'a str),
    /// `kitei check` found the profile valid.
    Valid {
        /// Facility id.
        facility: &'a str,
        /// Guideline version.
        guideline: &'a str,
    },
    /// A key the profile's schema does not have.
    UnknownKey(&'a str),
    /// A value outside the allowed ones.
    UnknownValue(&'a str),
    /// Hint for an unknown key or value: the nearest allowed one and the list.
    DidYouMean {
        /// The nearest allowed name.
        near: &'a str,
        /// All allowed names.
        allowed: &'a str,
        /// Keys (true) or values (false).
        keys: bool,
    },
    /// Hint for an unknown key or value without a near one.
    AllowedAre {
        /// All allowed names.
        allowed: &'a str,
        /// Keys (true) or values (false).
        keys: bool,
    },
    /// A required key is missing.
    MissingKey(&'a str),
    /// Hint for a missing key.
    MissingKeyHint(&'a str),
    /// A key written twice in one mapping (`key` is empty when unknown).
    DuplicateKey(&'a str),
    /// Hint for a duplicate key.
    DuplicateKeyHint,
    /// The label before an error.
    Error,
    /// The label before a warning.
    Warning,
    /// The label before a hint.
    Help,
}

/// The message in the current language.
pub fn text(message: Msg<'_>) -> String {
    match current() {
        Lang::Ja => japanese(message),
        Lang::En => english(message),
    }
}

fn japanese(message: Msg<'_>) -> String {
    match message {
        Msg::Built { name, folder, documents, pattern, open_items } => {
            format!(
                "作成 {name} → {folder}（{documents}文書、参照パターン{pattern}、課題一覧の未決事項{open_items}件）"
            )
        }
        Msg::Failed(path) => format!("失敗 {path}:"),
        Msg::NewVersion(line) => format!("  改版: {line}"),
        Msg::Note(note) => format!("  注記: {note}"),
        Msg::Uncovered { count, ids } => format!("どの文書も満たしていない必須の遵守事項が{count}件あります: {ids}"),
        Msg::SummaryHeader => format!("{:<28} {:>6} {:>6} {:>6} {:>6}", "施設", "文書", "改版", "警告", "エラー"),
        Msg::BatchTotal { built, failed } => format!("作成 {built}件、失敗 {failed}件"),
        Msg::Interrupted => "中断しました: まだ書き出していない施設の出力は元のままです".to_owned(),
        Msg::JobsCapped { asked, cores } => {
            format!("--jobs {asked} はこの機械のコア数（{cores}）を超えるため、同時に{cores}施設ずつ作成します")
        }
        Msg::EmptyFolder(folder) => format!("フォルダ {folder} にプロファイル（.yaml / .yml）がありません"),
        Msg::NoProfiles => {
            "作成するプロファイルがありません: 指定したフォルダに .yaml / .yml ファイルがありません".to_owned()
        }
        Msg::NoDifferences(count) => format!("差分はありません（{count}文書を比較）"),
        Msg::Wrote(path) => format!("書き出し {path}"),
        Msg::Valid { facility, guideline } => {
            format!("{facility}: プロファイルは有効です（ガイドライン{guideline}）。")
        }
        Msg::UnknownKey(found) => format!("`{found}` という項目（キー）はありません"),
        Msg::UnknownValue(found) => format!("`{found}` は使える値ではありません"),
        Msg::DidYouMean { near, allowed, keys } => {
            format!("`{near}` の誤りではありませんか？ ここで使える{}: {allowed}", if keys { "項目" } else { "値" })
        }
        Msg::AllowedAre { allowed, keys } => format!("ここで使える{}: {allowed}", if keys { "項目" } else { "値" }),
        Msg::MissingKey(field) => format!("必須の項目 `{field}` がありません"),
        Msg::MissingKeyHint(field) => {
            format!("この階層に `{field}:` を加えてください（内容は `kitei schema` で確認できます）")
        }
        Msg::DuplicateKey("") => "同じ項目（キー）がこの階層に2回書かれています".to_owned(),
        Msg::DuplicateKey(key) => format!("項目 `{key}` がこの階層に2回書かれています"),
        Msg::DuplicateKeyHint => "1つの項目は1回だけ書けます: 2つをまとめるか、一方を削除してください".to_owned(),
        Msg::Error => "エラー".to_owned(),
        Msg::Warning => "警告".to_owned(),
        Msg::Help => "ヒント".to_owned(),
    }
}

fn english(message: Msg<'_>) -> String {
    match message {
        Msg::Built { name, folder, documents, pattern, open_items } => {
            format!("built {name} → {folder} ({documents} documents, pattern {pattern}, {open_items} open item(s) in 課題一覧)")
        }
        Msg::Failed(path) => format!("failed {path}:"),
        Msg::NewVersion(line) => format!("  new 版: {line}"),
        Msg::Note(note) => format!("  note: {note}"),
        Msg::Uncovered { count, ids } => format!("{count} required requirement(s) are met by no document: {ids}"),
        Msg::SummaryHeader => {
            format!("{:<28} {:>9} {:>8} {:>9} {:>7}", "facility", "documents", "changed", "warnings", "errors")
        }
        Msg::BatchTotal { built, failed } => format!("{built} built, {failed} failed"),
        Msg::Interrupted => "interrupted: facilities not yet written were left as they were".to_owned(),
        Msg::JobsCapped { asked, cores } => {
            format!("--jobs {asked} is more than the {cores} cores of this machine; building {cores} at once")
        }
        Msg::EmptyFolder(folder) => format!("the folder {folder} holds no profile (.yaml or .yml file)"),
        Msg::NoProfiles => "no profile to build: the folder(s) given hold no .yaml or .yml file".to_owned(),
        Msg::NoDifferences(count) => format!("no differences ({count} document(s) compared)"),
        Msg::Wrote(path) => format!("wrote {path}"),
        Msg::Valid { facility, guideline } => format!("{facility}: the profile is valid (guideline {guideline})."),
        Msg::UnknownKey(found) => format!("unknown key `{found}`"),
        Msg::UnknownValue(found) => format!("unknown value `{found}`"),
        Msg::DidYouMean { near, allowed, keys } => {
            format!("did you mean `{near}`? Allowed {}: {allowed}", if keys { "keys here" } else { "values" })
        }
        Msg::AllowedAre { allowed, keys } => {
            format!("allowed {}: {allowed}", if keys { "keys here" } else { "values" })
        }
        Msg::MissingKey(field) => format!("missing required key `{field}`"),
        Msg::MissingKeyHint(field) => format!("add `{field}:` to this mapping (see `kitei schema` for what it holds)"),
        Msg::DuplicateKey("") => "the key appears twice in this mapping".to_owned(),
        Msg::DuplicateKey(key) => format!("the key `{key}` appears twice in this mapping"),
        Msg::DuplicateKeyHint => "each key may appear once: merge the two entries or delete one".to_owned(),
        Msg::Error => "error".to_owned(),
        Msg::Warning => "warning".to_owned(),
        Msg::Help => "help".to_owned(),
    }
}

/// `--help` in Japanese: (subcommand, argument id or "" for the command itself, text).
const HELP_JA: &[(&str, &str, &str)] = &[
    ("", "", "施設のプロファイルから、医療情報システムの安全管理に関するガイドラインに沿った情報セキュリティ規程類を作成します。"),
    ("", "lang", "表示の言語（ja: 日本語、en: English。省略時はロケールに従う）"),
    ("build", "", "1施設または複数施設の規程類（Markdown と PDF）を作成する"),
    ("build", "profiles", "作成するプロファイル: ファイル、フォルダ（中の .yaml すべて）またはグロブ。省略時は同梱のサンプル"),
    ("build", "output", "出力フォルダ。各施設は <DIR>/<施設ID>/ に書き出す"),
    ("build", "format", "書き出す形式（md, pdf, typ。大文字小文字は区別しない。出力フォルダに既にある形式も更新する）"),
    ("build", "date", "この改定の日付（2026-10-01 や 令和8年10月1日）。省略時はプロファイルの施行日"),
    ("build", "guideline", "準拠するガイドラインの版（6.0、7.0 など）。省略時はプロファイルの指定"),
    ("build", "templates", "様式の差し替えフォルダ（省略時はプロファイルの隣の templates/）"),
    ("build", "strict", "どの文書も満たしていない必須の遵守事項があれば失敗にする"),
    ("build", "jobs", "同時に作成する施設の数（省略時・上限はコア数）"),
    ("build", "allow_backdate", "前の版より前の日付や、前回より古いガイドラインの版での改定を認める"),
    ("check", "", "プロファイルを検証し、参照パターンと適用される遵守事項を表示する"),
    ("init", "", "状況に合ったコメント付きのプロファイル雛形を書き出す"),
    ("areas", "", "事業者との契約が担う分野（vendors[].contract.covers に書ける語）を一覧する"),
    ("schema", "", "プロファイルの JSON Schema を表示する（エディタの補完・検証用）"),
    ("guideline", "", "ガイドラインの目次・項目・版の間の変更を見る"),
    ("diff", "", "2つの版の文書を新旧対照表にする（終了コード 0: 同一、1: 差分あり）"),
    ("completions", "", "シェルの補完スクリプトを表示する"),
];

/// The command line's help, in the current language.
pub fn localize(command: clap::Command) -> clap::Command {
    localize_for(command, current())
}

fn localize_for(command: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return command;
    }
    let mut command = command.help_template(JA_TEMPLATE);
    for (sub, arg, help) in HELP_JA {
        command = match (*sub, *arg) {
            ("", "") => command.about(*help),
            ("", arg) => command.mut_arg(arg, |a| a.help(*help)),
            (sub, "") => command.mut_subcommand(sub, |s| s.about(*help).help_template(JA_TEMPLATE)),
            (sub, arg) => command.mut_subcommand(sub, |s| s.mut_arg(arg, |a| a.help(*help))),
        };
    }
    command
}

const JA_TEMPLATE: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_flag_wins_over_the_locale() {
        let args: Vec<std::ffi::OsString> = ["kitei", "--lang", "en", "build"].iter().map(Into::into).collect();
        assert_eq!(from_arguments(&args), Lang::En);
        let args: Vec<std::ffi::OsString> = ["kitei", "build", "--lang=JA"].iter().map(Into::into).collect();
        assert_eq!(from_arguments(&args), Lang::Ja);
    }

    #[test]
    fn every_message_has_both_languages() {
        let messages = [Msg::Failed("p"), Msg::BatchTotal { built: 1, failed: 0 }, Msg::Error, Msg::NoProfiles];
        for message in messages {
            assert_ne!(japanese(message), english(message));
        }
    }

    #[test]
    fn japanese_help_names_only_real_commands_and_arguments() {
        // mut_arg/mut_subcommand panic on an unknown name; building the help proves the table right.
        let mut command = localize_for(<crate::cmd::Cli as clap::CommandFactory>::command(), Lang::Ja);
        command.build();
        assert!(command.render_help().to_string().contains("規程類"));
    }
}
