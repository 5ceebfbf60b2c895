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
    /// A full-width space used as indentation.
    FullWidthIndent,
    /// Hint for a full-width indentation.
    FullWidthIndentHint,
    /// A YAML tag (`!!binary`, `!custom`).
    YamlTag(&'a str),
    /// Hint for a YAML tag.
    YamlTagHint,
    /// A value longer than kitei accepts.
    ValueTooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Hint for a long value.
    ValueTooLongHint,
    /// An invisible character (control, bidi, zero-width).
    InvisibleChar {
        /// Its code point.
        code: u32,
        /// What it is, as [`crate::diagnostic::invisible`] names it.
        what: &'a str,
    },
    /// Hint for an invisible character.
    InvisibleCharHint,
    /// Aliases that expand too far.
    AliasBomb,
    /// Hint for an alias bomb.
    AliasBombHint,
    /// A value of the wrong kind (`expected` is serde's noun, such as `u32` or `a sequence`).
    Expected {
        /// What was expected.
        expected: &'a str,
        /// What was written.
        found: &'a str,
    },
    /// Hint for a value of the wrong kind.
    ExpectedHint(&'a str),
    /// A date with an implausible year.
    ImplausibleYear {
        /// The year read.
        year: i32,
        /// The date as written.
        written: &'a str,
        /// The first year accepted.
        first: i32,
        /// The last year accepted.
        last: i32,
    },
    /// A date that is not on the calendar (2026-02-30).
    NotOnCalendar(&'a str),
    /// A text that is no date kitei reads.
    NotADate(&'a str),
    /// `extends` chains too deep.
    ExtendsTooDeep(usize),
    /// Hint for a deep `extends` chain.
    ExtendsTooDeepHint,
    /// The merged profile could not be written out.
    MergeFailed(&'a str),
    /// `extends` names a file that is not YAML.
    BaseNotYaml(&'a str),
    /// `extends` names a file that cannot be read.
    BaseUnreadable {
        /// As written.
        written: &'a str,
        /// The system's reason.
        cause: &'a str,
    },
    /// `extends` names something that is not a regular file.
    BaseNotFile(&'a str),
    /// `extends` names a file outside the allowed folders.
    BaseOutside {
        /// As written.
        written: &'a str,
        /// The environment variable naming another folder.
        env: &'a str,
    },
    /// A profile whose top level is not a mapping.
    NotAMapping,
    /// A facility id unusable as a folder name.
    BadFacilityId(&'a str),
    /// Hint for a bad facility id.
    BadFacilityIdHint,
    /// A file name unusable as a facility id.
    BadFileNameId(&'a str),
    /// Hint for a bad file name.
    BadFileNameIdHint,
    /// No information system listed.
    NoSystems,
    /// Hint for no systems.
    NoSystemsHint,
    /// A month outside 1–12.
    MonthOutOfRange(u8),
    /// A person named as their own deputy.
    OwnDeputy(&'a str),
    /// Hint for an own deputy.
    OwnDeputyHint,
    /// A key listed twice in a list.
    ListedTwice {
        /// The key.
        key: &'a str,
        /// The list.
        list: &'a str,
    },
    /// Hint for a key listed twice.
    ListedTwiceHint,
    /// A reference to a person, vendor or area that is not listed.
    UnknownRef {
        /// What is referred to.
        kind: RefKind,
        /// The reference.
        value: &'a str,
    },
    /// Hint: the nearest known name.
    RefDidYouMean {
        /// The nearest.
        near: &'a str,
        /// The list.
        list: &'a str,
        /// Every known name.
        names: &'a str,
    },
    /// Hint: the list is empty.
    RefListEmpty(&'a str),
    /// Hint: the known names.
    RefKnown {
        /// The list.
        list: &'a str,
        /// Every known name.
        names: &'a str,
    },
    /// A file that cannot be read.
    CannotRead {
        /// The file.
        path: &'a str,
        /// The reason, from [`io_reason`].
        cause: &'a str,
    },
    /// A profile path that is not a regular file.
    NotRegularFile,
    /// A profile larger than the limit.
    TooLarge(u64),
    /// A file that is not UTF-8.
    NotUtf8(&'a str),
    /// No content for a guideline version.
    UnknownGuideline {
        /// Asked.
        version: &'a str,
        /// Shipped.
        available: &'a str,
    },
    /// An `例）` example of `kitei init` left in the profile.
    ExampleLeft {
        /// `file:line`.
        place: &'a str,
        /// The example.
        value: &'a str,
    },
    /// One more cause of an error.
    CausedBy(&'a str),
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
            format!("作成 {name} → {folder}（{documents}文書、参照パターン{pattern}、課題一覧の未決事項{open_items}件）")
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
        Msg::FullWidthIndent => "全角スペース（U+3000）で字下げされています".to_owned(),
        Msg::FullWidthIndentHint => {
            "YAML の字下げは半角スペースです: 日本語入力を切って、スペースを打ち直してください".to_owned()
        }
        Msg::YamlTag(tag) => format!("YAML のタグ `!{tag}` はプロファイルでは使えません"),
        Msg::YamlTagHint => "`!` のタグを付けず、値をそのまま文字で書いてください".to_owned(),
        Msg::ValueTooLong { chars, max } => format!("この値は{chars}文字あります。書けるのは{max}文字までです"),
        Msg::ValueTooLongHint => {
            "名前や備考ならもっと短いはずです: 貼り付けたファイルや閉じ忘れた引用符がないか確認してください".to_owned()
        }
        Msg::InvisibleChar { code, what } => {
            format!("この行に U+{code:04X}（{}）があります。文書に入れられない文字です", invisible_ja(what))
        }
        Msg::InvisibleCharHint => {
            "見えないまま文字を隠したり並べ替えたりする文字です: 削除してください（見えなければ値を打ち直してください）"
                .to_owned()
        }
        Msg::AliasBomb => "この YAML は展開すると大きくなりすぎます（別名 `*name` の繰り返しや深い入れ子）".to_owned(),
        Msg::AliasBombHint => "プロファイルにアンカーや別名はほとんど要りません: 値をそのまま書いてください".to_owned(),
        Msg::Expected { expected, found } => format!("ここには{}を書きます（`{found}` と書かれています）", kind_ja(expected)),
        Msg::ExpectedHint(expected) => format!("{}を書いてください", kind_ja(expected)),
        Msg::ImplausibleYear { year, written, first, last } => {
            format!("`{written}` の年（{year}年）は規程の日付としてありえません（{first}年〜{last}年が使えます）")
        }
        Msg::NotOnCalendar(written) => format!("`{written}` は暦にない日付です"),
        Msg::NotADate(written) => {
            format!("`{written}` は日付として読めません: 2026-04-01、2026/04/01、令和8年4月1日、R8.4.1 のいずれかで書いてください")
        }
        Msg::ExtendsTooDeep(max) => format!("`extends` が{max}段を超えてつながっています"),
        Msg::ExtendsTooDeepHint => "循環がないか確認してください（元のプロファイルが、自分を継承するファイルを継承している）".to_owned(),
        Msg::MergeFailed(cause) => format!("元のプロファイルと合わせられません: {cause}"),
        Msg::BaseNotYaml(written) => {
            format!("`extends: {written}` はプロファイルではありません。継承元は .yaml か .yml のファイルです")
        }
        Msg::BaseUnreadable { written, cause } => format!("継承元 `{written}` を読めません: {cause}"),
        Msg::BaseNotFile(written) => format!("継承元 `{written}` は通常のファイルではありません"),
        Msg::BaseOutside { written, env } => format!(
            "継承元 `{written}` はプロファイルのフォルダの外にあります。継承元はその中か、{env} で指定したフォルダの中に置いてください"
        ),
        Msg::NotAMapping => "プロファイルは「項目: 値」の並び（マッピング）で書きます".to_owned(),
        Msg::BadFacilityId(id) => format!("施設ID `{id}` はフォルダ名に使えません"),
        Msg::BadFacilityIdHint => {
            "半角英数字と `-`、`_` だけを使い、64文字以内にしてください（例: `sakura-clinic`）".to_owned()
        }
        Msg::BadFileNameId(stem) => format!("ファイル名 `{stem}` は施設IDに使えません"),
        Msg::BadFileNameIdHint => {
            "プロファイルの先頭に `id: your-facility`（半角英数字と `-`、`_`）を加えてください".to_owned()
        }
        Msg::NoSystems => "情報システムが1つも書かれていません".to_owned(),
        Msg::NoSystemsHint => {
            "少なくとも医療情報を表示するシステム（オンライン資格確認端末、レセコンなど）を書いてください".to_owned()
        }
        Msg::MonthOutOfRange(month) => format!("{month}月は1〜12の範囲にありません"),
        Msg::OwnDeputy(name) => format!("`{name}` が自分の役割の代理者になっています"),
        Msg::OwnDeputyHint => "代理者は、担当者が不在のときに代わりを務める別の人です".to_owned(),
        Msg::ListedTwice { key, list } => format!("`{key}` が `{list}` に2回書かれています"),
        Msg::ListedTwiceHint => "項目ごとに別の `key` を付けてください".to_owned(),
        Msg::UnknownRef { kind, value } => {
            let what = match kind {
                RefKind::Person => "人（people）",
                RefKind::Vendor => "事業者（vendors）",
                RefKind::Area => "分野",
            };
            format!("`{value}` という{what}は書かれていません")
        }
        Msg::RefDidYouMean { near, list, names } => {
            format!("`{near}` の誤りではありませんか？ `{list}` にあるもの: {names}")
        }
        Msg::RefListEmpty(list) => format!("`{list}` が空です: この key の項目を加えてください"),
        Msg::RefKnown { list, names } => format!("`{list}` にあるもの: {names}"),
        Msg::CannotRead { path, cause } => format!("{path} を読めません: {cause}"),
        Msg::NotRegularFile => "通常のファイルではありません（プロファイルは .yaml ファイルです）".to_owned(),
        Msg::TooLarge(limit) => format!("{limit} MB を超えています。プロファイルはずっと小さいはずです"),
        Msg::NotUtf8(path) => format!("{path}: UTF-8 のテキストではありません（UTF-8 で保存してください）"),
        Msg::UnknownGuideline { version, available } => {
            format!("ガイドライン第{version}版の内容は kitei にありません（使える版: {available}）")
        }
        Msg::ExampleLeft { place, value } => {
            format!("{place}: 「{value}」は `kitei init` が書いた例のままです。貴施設のものに書き換えてください")
        }
        Msg::CausedBy(cause) => format!("\n  原因: {cause}"),
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
        Msg::FullWidthIndent => "a full-width space (U+3000 IDEOGRAPHIC SPACE) is used as indentation".to_owned(),
        Msg::FullWidthIndentHint => {
            "YAML indents with ordinary half-width spaces: switch off the Japanese input mode and retype the spaces"
                .to_owned()
        }
        Msg::YamlTag(tag) => format!("the YAML tag `!{tag}` is not used in a profile"),
        Msg::YamlTagHint => "write the value as plain text, without a `!` tag (kitei decodes no binary data)".to_owned(),
        Msg::ValueTooLong { chars, max } => format!("this value is {chars} characters long; kitei accepts at most {max}"),
        Msg::ValueTooLongHint => {
            "a name or a note is far shorter: look for a pasted file or a quotation mark left open".to_owned()
        }
        Msg::InvisibleChar { code, what } => {
            format!("this line holds U+{code:04X} ({what}), which a document must not contain")
        }
        Msg::InvisibleCharHint => {
            "it can hide or reorder text unseen: delete it (retype the value if you cannot see it)".to_owned()
        }
        Msg::AliasBomb => {
            "this YAML expands too far (aliases `*name` repeated or nested too deeply) for a profile".to_owned()
        }
        Msg::AliasBombHint => "a profile needs few anchors and aliases, if any: write the values out".to_owned(),
        Msg::Expected { expected, found } => format!("expected {}, found `{found}`", kind_en(expected)),
        Msg::ExpectedHint(expected) => format!("write {} here", kind_en(expected)),
        Msg::ImplausibleYear { year, written, first, last } => {
            format!("the year {year} in `{written}` is not plausible for a 規程 (kitei accepts {first}–{last})")
        }
        Msg::NotOnCalendar(written) => format!("`{written}` is not a date of the calendar"),
        Msg::NotADate(written) => {
            format!("`{written}` is not a date kitei can read; write 2026-04-01, 2026/04/01, 令和8年4月1日 or R8.4.1")
        }
        Msg::ExtendsTooDeep(max) => format!("`extends` chains more than {max} files deep"),
        Msg::ExtendsTooDeepHint => {
            "look for a cycle: a base profile that extends one of the files that extend it".to_owned()
        }
        Msg::MergeFailed(cause) => format!("cannot merge with the base profile: {cause}"),
        Msg::BaseNotYaml(written) => {
            format!("`extends: {written}` names a file that is not a profile; a base is a .yaml or .yml file")
        }
        Msg::BaseUnreadable { written, cause } => format!("cannot read the base `{written}`: {cause}"),
        Msg::BaseNotFile(written) => format!("the base `{written}` is not a regular file"),
        Msg::BaseOutside { written, env } => format!(
            "the base `{written}` lies outside the profile's folder; a base must be inside it, or inside the folder named by {env}"
        ),
        Msg::NotAMapping => "a profile must be a mapping of keys to values".to_owned(),
        Msg::BadFacilityId(id) => format!("facility id `{id}` cannot be used as a folder name"),
        Msg::BadFacilityIdHint => {
            "use letters, digits, `-` and `_` only (for example `sakura-clinic`), at most 64 characters".to_owned()
        }
        Msg::BadFileNameId(stem) => format!("the file name `{stem}` cannot serve as the facility id"),
        Msg::BadFileNameIdHint => {
            "add `id: your-facility` (letters, digits, `-`, `_`) at the top of the profile".to_owned()
        }
        Msg::NoSystems => "the profile lists no information system".to_owned(),
        Msg::NoSystemsHint => {
            "list at least the systems that show medical information, e.g. オンライン資格確認 terminals or the レセコン"
                .to_owned()
        }
        Msg::MonthOutOfRange(month) => format!("month {month} is not between 1 and 12"),
        Msg::OwnDeputy(name) => format!("`{name}` is named as the deputy of their own role"),
        Msg::OwnDeputyHint => "a deputy is another person who acts while the holder is absent".to_owned(),
        Msg::ListedTwice { key, list } => format!("`{key}` is listed twice in `{list}`"),
        Msg::ListedTwiceHint => "every entry needs its own `key`".to_owned(),
        Msg::UnknownRef { kind, value } => {
            let what = match kind {
                RefKind::Person => "person",
                RefKind::Vendor => "vendor",
                RefKind::Area => "area",
            };
            format!("unknown {what} `{value}`")
        }
        Msg::RefDidYouMean { near, list, names } => format!("did you mean `{near}`? Known in `{list}`: {names}"),
        Msg::RefListEmpty(list) => format!("`{list}` is empty: add an entry with this key"),
        Msg::RefKnown { list, names } => format!("known in `{list}`: {names}"),
        Msg::CannotRead { path, cause } => format!("cannot read {path}: {cause}"),
        Msg::NotRegularFile => "not a regular file (a profile is a .yaml file)".to_owned(),
        Msg::TooLarge(limit) => format!("larger than {limit} MB; a profile is far smaller"),
        Msg::NotUtf8(path) => format!("{path}: the file is not valid UTF-8 text (save it as UTF-8)"),
        Msg::UnknownGuideline { version, available } => {
            format!("kitei has no content for guideline version {version} (available: {available})")
        }
        Msg::ExampleLeft { place, value } => {
            format!("{place}: 「{value}」 is still the example `kitei init` wrote; write your facility's own")
        }
        Msg::CausedBy(cause) => format!("\n  caused by: {cause}"),
        Msg::Error => "error".to_owned(),
        Msg::Warning => "warning".to_owned(),
        Msg::Help => "help".to_owned(),
    }
}

/// What a reference in a profile names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// An entry of `people`.
    Person,
    /// An entry of `vendors`.
    Vendor,
    /// An area of `content/areas.yaml`.
    Area,
}

/// A file's unreadability in words (the system's own text is English).
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let ja = current() == Lang::Ja;
    match error.kind() {
        ErrorKind::NotFound if ja => "ファイルがありません".to_owned(),
        ErrorKind::PermissionDenied if ja => "読む権限がありません".to_owned(),
        ErrorKind::IsADirectory if ja => "フォルダです（ファイルを指定してください）".to_owned(),
        _ => error.to_string(),
    }
}

/// The names [`crate::diagnostic::invisible`] gives, in Japanese.
const INVISIBLE_JA: &[(&str, &str)] = &[
    ("ESCAPE, a terminal control sequence", "ESC、端末の制御文字"),
    ("a control character", "制御文字"),
    ("a bidirectional control that reorders text", "文字の並びを入れ替える双方向制御文字"),
    ("a zero-width character", "幅のない文字"),
    ("an invisible character", "見えない文字"),
];

fn invisible_ja(what: &str) -> &str {
    INVISIBLE_JA.iter().find(|(en, _)| *en == what).map_or(what, |(_, ja)| ja)
}

/// The kinds of value serde names (`u32`, `a sequence`…): (serde's words, English, Japanese).
const KINDS: &[(&str, &str, &str)] = &[
    ("u8", "a whole number", "整数"),
    ("u16", "a whole number", "整数"),
    ("u32", "a whole number", "整数"),
    ("u64", "a whole number", "整数"),
    ("i32", "a whole number", "整数"),
    ("i64", "a whole number", "整数"),
    ("bool", "true or false", "true か false"),
    ("boolean", "true or false", "true か false"),
    ("a sequence", "a list", "リスト（`- ` で始まる行）"),
    ("a map", "a mapping", "「項目: 値」の並び"),
    ("a string", "a text", "文字"),
    ("a date", "a date", "日付（2026-04-01 や 令和8年4月1日）"),
];

fn kind(expected: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    KINDS.iter().find(|(serde, _, _)| *serde == expected).or_else(|| {
        let expected = expected.trim();
        if expected.starts_with("struct ") {
            return KINDS.iter().find(|(serde, _, _)| *serde == "a map");
        }
        KINDS.iter().find(|(serde, _, _)| serde.contains(' ') && expected.starts_with(serde))
    })
}

fn kind_en(expected: &str) -> &str {
    kind(expected).map_or(expected, |(_, en, _)| en)
}

fn kind_ja(expected: &str) -> &str {
    kind(expected).map_or(expected, |(_, _, ja)| ja)
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
