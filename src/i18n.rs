//! What kitei says to people, in Japanese or in English: one catalogue, not strings scattered
//! through the commands.
//!
//! kitei's users are the staff of Japanese medical facilities, so it speaks Japanese by default;
//! English with `--lang en`, or when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one
//! set) is not Japanese, such as `LANG=C` in a vendor's build log or kitei's own tests.
//!
//! Covered: every command's summaries and errors, every profile diagnostic (`load`: YAML text,
//! dates, `extends`, cross-references) with its hint, the labels (error, warning, help) and
//! `--help` of every command and option with clap's headings. Not covered: the parser's own words
//! in a YAML syntax error (quoted after the Japanese sentence) and clap's rarer parse errors.

use std::sync::OnceLock;

mod commands;
mod portfolio;
#[cfg(test)]
pub(crate) use commands::japanese as command_text_ja;
pub use commands::{command_label, command_text, CommandLabel, CommandMsg};
pub use portfolio::{label as report_label, PortfolioMsg, ReportLabel};

/// An event the documents report, by the name of what it concerns.
#[derive(Debug, Clone, Copy)]
pub enum ReportedEvent<'a> {
    /// A vendor's written role split confirmed (its contract's `confirmed`).
    ContractConfirmed(&'a str),
    /// A system's backup restored in a test (`last_restore_test`).
    RestoreTested(&'a str),
}

/// What went wrong in a template, as far as kitei can tell from tera's error.
#[derive(Debug, Clone, Copy)]
pub enum TemplateProblem<'a> {
    /// The template's syntax, at a line and column; what the parser expected, in its words.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's phrase (「expected tag or some content」).
        expected: &'a str,
    },
    /// A value the template names is not in what kitei hands it.
    UnknownVariable(&'a str),
    /// An unknown filter.
    UnknownFilter(&'a str),
    /// An unknown function.
    UnknownFunction(&'a str),
    /// An unknown test (`is …`).
    UnknownTest(&'a str),
    /// A template included or extended that does not exist.
    MissingTemplate(&'a str),
    /// A template that extends itself, directly or round a chain.
    Circular(&'a str),
    /// Anything else, in tera's words.
    Other(&'a str),
}

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
    // The screens of `kitei serve` are for a Japanese clinic's staff: Japanese unless `--lang en`
    // (its `--help` follows the locale like every command's).
    let command = arguments.iter().skip(1).find_map(|a| a.to_str().filter(|a| !a.starts_with('-')));
    let help = arguments.iter().any(|a| a == "--help" || a == "-h");
    if command == Some("serve") && !help {
        return Lang::Ja;
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
        /// The yearly checklist's dated entries, also listed in the 課題一覧.
        dated_items: usize,
    },
    /// One facility failed.
    Failed(&'a str),
    /// A document got a new 版.
    NewVersion(&'a str),
    /// A new 版 of a document, with its 改訂履歴 row's 改定箇所 and 理由 (the document's text).
    VersionLine {
        /// The document's id.
        id: &'a str,
        /// The 版.
        version: u32,
        /// 改定箇所.
        summary: &'a str,
        /// 理由.
        reason: &'a str,
    },
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
    /// YAML kitei cannot read (serde-saphyr's words, which name the syntax rule).
    YamlSyntax(&'a str),
    /// Hint for a syntax error.
    YamlSyntaxHint,
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
    /// A vendor records a remote-maintenance transport but no remote maintenance.
    TransportWithoutRemote(&'a str),
    /// Hint for that.
    TransportWithoutRemoteHint,
    /// A VPN device's peer names both a vendor and a system, or neither.
    VpnPeerNotOne(&'a str),
    /// Hint for that.
    VpnPeerNotOneHint,
    /// An internet exit in a profile that says it has no internet connection.
    ExitWithoutInternet,
    /// Hint for that.
    ExitWithoutInternetHint,
    /// Hint for a segment name listed twice.
    ListedTwiceNameHint,
    /// A profile that reaches the internet states no exit (a warning of `check`).
    InternetExitMissing {
        /// `file:line`.
        place: &'a str,
        /// Why the profile reaches the internet ([`Msg::ExitCause`]).
        cause: &'a str,
    },
    /// Why a profile reaches the internet: `network.internet`, a cloud system or a VPN device.
    ExitCause {
        /// 0: `internet: true`, 1: a cloud system, 2: a VPN device.
        kind: u8,
        /// The system's or device's name.
        name: &'a str,
    },
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
    // local edits, wording, templates, checklist
    /// A suggestion of a near name.
    DidYouMean2(&'a str),
    /// A local edits file named after no document.
    LocalNotADocument(&'a str),
    /// The documents a local edits file may be named after.
    LocalDocumentsAre(&'a str),
    /// An edit with none or several verbs.
    LocalOneVerb,
    /// An edit without a field its verb needs.
    LocalNeeds {
        /// The verb.
        verb: &'a str,
        /// The missing field.
        field: &'a str,
    },
    /// A second edit of one article.
    LocalSecondEdit(&'a str),
    /// An edit not accepted yet.
    LocalUnaccepted {
        /// Document id.
        document: &'a str,
        /// The verb.
        kind: &'a str,
        /// The edit's label.
        key: &'a str,
        /// The profile.
        profile: &'a str,
    },
    /// An edit whose built-in text changed since it was accepted.
    LocalChanged {
        /// Document id.
        document: &'a str,
        /// The verb.
        kind: &'a str,
        /// The edit's label.
        key: &'a str,
        /// The profile.
        profile: &'a str,
    },
    /// An edit of an article the document does not have.
    LocalNoArticle {
        /// The verb.
        kind: &'a str,
        /// The label.
        target: &'a str,
        /// Document id.
        document: &'a str,
    },
    /// Where article labels can be seen.
    LocalLabelsHint,
    /// A new article's label that the document already has.
    LocalLabelTaken(&'a str),
    /// A removed article that others cite.
    LocalRemoveCited {
        /// The label.
        label: &'a str,
        /// The citing articles ("" when outside any article).
        citing: &'a str,
    },
    /// `local status` found no edits.
    LocalNone(&'a str),
    /// `local accept` recorded edits.
    LocalAcceptedKeys {
        /// Document id.
        document: &'a str,
        /// The labels.
        keys: &'a str,
    },
    /// `local accept` was given labels no edit has.
    LocalNoSuchLabel {
        /// The labels.
        labels: &'a str,
        /// The profile.
        profile: &'a str,
    },
    /// An unknown area of `wording.yaml`.
    WordingUnknownArea(&'a str),
    /// An unknown key of `wording.yaml`.
    WordingUnknownKey(&'a str),
    /// A wording key no facility may replace.
    WordingProcessWide(&'a str),
    /// Remove the entry.
    WordingRemoveEntry,
    /// A replacement with other parameters than kitei's text.
    WordingParams {
        /// The key.
        key: &'a str,
        /// kitei's parameters ("" for none).
        want: &'a str,
        /// The replacement's ("" for none).
        have: &'a str,
    },
    /// kitei's own text of a key.
    WordingOriginal(&'a str),
    /// What went wrong in a template (the message of a [`Msg::TemplateFailed`]).
    TemplateProblem(TemplateProblem<'a>),
    /// A template error.
    TemplateFailed {
        /// Template name.
        template: &'a str,
        /// The error.
        message: &'a str,
    },
    /// `templates export` wrote the templates.
    TemplatesWrote {
        /// How many.
        count: usize,
        /// Where.
        dir: &'a str,
        /// kitei's version.
        version: &'a str,
    },
    /// No content for a checklist edition.
    ChecklistUnknownEdition {
        /// Asked.
        edition: &'a str,
        /// Shipped.
        available: &'a str,
    },
    /// A checklist item names an unknown requirement.
    ChecklistUnknownRequirement {
        /// Edition.
        edition: &'a str,
        /// Item key.
        item: &'a str,
        /// Guideline version.
        version: &'a str,
        /// Requirement id.
        id: &'a str,
    },
    /// The workbook could not be written.
    ChecklistWorkbook(&'a str),
    /// The checklist of a profile could not be answered.
    ChecklistCannotAnswer(&'a str),
    // facility files (load/read.rs), dates, ids
    /// An era date outside its era.
    OutsideEra {
        /// As written.
        written: &'a str,
        /// The era's name.
        era: &'a str,
        /// Its first day.
        first: &'a str,
        /// Its last day ("" for the current era).
        last: &'a str,
    },
    /// A facility id that Windows reserves for a device.
    ReservedId(&'a str),
    /// Two facility ids of a batch that differ only in case.
    CaseCollidingIds {
        /// The first id.
        first: &'a str,
        /// The second id.
        second: &'a str,
        /// The profiles, for the message.
        profiles: &'a str,
    },
    /// Standard output could not be written.
    StdoutFailed(&'a str),
    /// A facility file that is a FIFO, device, socket or folder.
    ReadNotRegular(&'a str),
    /// A facility file whose link leads outside the facility's folder.
    ReadOutside {
        /// The file.
        path: &'a str,
        /// The folder it must stay in.
        folder: &'a str,
    },
    /// A facility file that is a file of the system.
    ReadSystemFile(&'a str),
    /// A facility file over its kind's limit.
    ReadTooLarge {
        /// The file.
        path: &'a str,
        /// The limit in KB.
        limit_kb: u64,
    },
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
    /// `kitei init` wrote the starter profile.
    InitWrote(&'a str),
    /// `kitei serve` was given a folder holding several profiles.
    ServeWhichProfile(&'a str),
    /// `kitei serve` could not listen on the port.
    ServeCannotBind(u16),
    /// `kitei serve` is listening: open the URL (the URL itself is printed on its own line).
    ServeListening,
    /// A file exists and `--force` was not given.
    FileExists(&'a str),
    /// A file or folder could not be created.
    CannotCreate(&'a str),
    /// A file could not be written.
    CannotWriteTo(&'a str),
    /// A file could not be read (context of a system error).
    CannotReadFile(&'a str),
    /// A guideline id was renumbered.
    Renumbered {
        /// The old id.
        id: &'a str,
        /// The current id.
        current: &'a str,
    },
    /// No chapter, section or requirement with this id.
    NoSuchEntry {
        /// Guideline version.
        version: &'a str,
        /// The id.
        id: &'a str,
    },
    /// One line of `kitei diff`'s summary.
    DiffCounts {
        /// Document id.
        id: &'a str,
        /// Changed, added, removed, moved articles.
        counts: [usize; 4],
    },
    /// `--versions` without two numbers.
    VersionsTwo,
    /// `--versions` newer first.
    VersionsOrder {
        /// First given.
        old: u32,
        /// Second given.
        new: u32,
    },
    /// `kitei diff` without the new version.
    DiffNeedsNew,
    /// A folder without kitei's manifest.
    NoManifest(&'a str),
    /// No document with both 版.
    NoDocumentWithBoth {
        /// The folder.
        folder: &'a str,
        /// Older 版.
        old: u32,
        /// Newer 版.
        new: u32,
    },
    /// `--format` with nothing.
    FormatNeedsOne,
    /// Two profiles with one id.
    IdClash {
        /// The id.
        id: &'a str,
        /// The first file.
        first: &'a str,
        /// The second file.
        second: &'a str,
    },
    /// Hint after id clashes.
    IdClashHint,
    /// The bundled sample is missing.
    SampleMissing,
    /// A folder could not be listed.
    CannotList(&'a str),
    /// A glob pattern is malformed.
    BadPattern(&'a str),
    /// A glob pattern matches nothing.
    NoProfileMatches(&'a str),
    /// One facility's build was interrupted.
    FacilityInterrupted,
    /// `--strict`: requirements met by no document.
    StrictUncovered {
        /// How many.
        count: usize,
        /// Their ids.
        ids: &'a str,
    },
    /// `--strict`: matters left undecided.
    StrictOpenItems {
        /// How many.
        count: usize,
        /// Their ids.
        ids: &'a str,
    },
    // examples left in a profile
    /// `--strict`: example values of `kitei init` are still in the profile.
    StrictExamples {
        /// How many.
        count: usize,
        /// Where (`file:line`) and which values.
        ids: &'a str,
    },
    /// Output files edited by hand.
    HandEdited {
        /// The facility folder.
        folder: &'a str,
        /// The edited files.
        files: &'a str,
        /// Whether there is one file.
        one: bool,
    },
    /// A revision that would run backwards, with its hint.
    Backwards(&'a str),
    /// typst refused a document (a fault of kitei's: the source is kitei's own).
    TypesetFailed {
        /// Document.
        document: &'a str,
        /// typst's messages.
        message: &'a str,
    },
    /// Typesetting a document ran past its time limit.
    TypesetTimeout {
        /// Document.
        document: &'a str,
        /// The limit.
        seconds: u64,
    },
    /// A Word file could not be packaged.
    DocxFailed {
        /// Document.
        document: &'a str,
        /// The cause.
        cause: &'a str,
    },
    /// A guideline older than the previous build's.
    OlderGuideline {
        /// Previous build's version.
        previous: &'a str,
        /// Asked version.
        version: &'a str,
    },
    /// A new 版 dated before the previous one.
    DatedBefore {
        /// Document id.
        id: &'a str,
        /// New 版.
        new_version: u32,
        /// Its date.
        new_date: &'a str,
        /// Previous 版.
        old_version: u32,
        /// Its date.
        old_date: &'a str,
    },
    /// A new 版 dated the same day as the previous one.
    SameDate {
        /// Document id.
        id: &'a str,
        /// New 版.
        new_version: u32,
        /// Previous 版.
        old_version: u32,
        /// The date.
        date: &'a str,
    },
    /// Formats kept up to date because the folder holds them.
    AlsoKept(&'a str),
    /// Waiting for another build's lock.
    Waiting(&'a str),
    /// A file could not be written, with the reason.
    WriteFailed {
        /// The file.
        path: &'a str,
        /// The reason.
        cause: &'a str,
    },
    // approvals (kitei approve, kitei status, drafts)
    /// The approvals file could not be read or written.
    ApprovalsIo {
        /// The file.
        path: &'a str,
        /// The cause.
        cause: &'a str,
    },
    /// An event's `seq` is not the next number.
    ApprovalSeq {
        /// Expected number.
        expected: usize,
        /// Number found.
        found: u32,
    },
    /// A 施行日 before the approval date.
    EffectiveBeforeApproval,
    /// An event gives a document a 版 not after its previous one.
    ApprovalVersionBackwards {
        /// Document id.
        id: &'a str,
        /// The 版 given.
        version: u32,
        /// The 版 before.
        before: u32,
    },
    /// Approval refused: undecided matters remain.
    ApproveOpenItems {
        /// How many.
        count: usize,
        /// Their keys.
        ids: &'a str,
    },
    /// Approval refused: local edits not accepted.
    ApproveLocalEdits {
        /// How many.
        count: usize,
        /// The edits.
        edits: &'a str,
    },
    /// Nothing to approve.
    ApproveNothing,
    /// `--documents` names no approvable document.
    ApproveUnknownDocument {
        /// The id given.
        id: &'a str,
        /// The ids allowed.
        allowed: &'a str,
    },
    /// `--documents` names a document whose text is already approved.
    ApproveUnchanged {
        /// Document id.
        id: &'a str,
        /// Its approved 版.
        version: u32,
    },
    /// An approval dated before an event the approved text reports.
    ApproveBeforeReportedEvent {
        /// The approval date.
        date: &'a str,
        /// The event, by the name of what it concerns.
        event: ReportedEvent<'a>,
        /// The event's date.
        on: &'a str,
    },
    /// The profile's 制定日 is after its 施行日.
    EstablishedAfterEffective {
        /// `document.established`.
        established: &'a str,
        /// `document.effective_date`.
        effective: &'a str,
    },
    /// How to correct a 制定日 after the 施行日.
    EstablishedAfterEffectiveHint {
        /// `document.effective_date`.
        effective: &'a str,
    },
    /// The profile's 制定日 is not the date of the first approved 版.
    EstablishedNotFirstApproval {
        /// `document.established`.
        established: &'a str,
        /// The first approval's date.
        approved: &'a str,
        /// The approvals file.
        file: &'a str,
    },
    /// The first approval being recorded is not dated the profile's 制定日.
    EstablishedNotApprovalDate {
        /// `document.established`.
        established: &'a str,
        /// The date given to `kitei approve`.
        approved: &'a str,
    },
    /// How to make the 制定日 one fact.
    EstablishedHint {
        /// The first approval's date.
        approved: &'a str,
    },
    /// An approval dated before the last one.
    ApproveBeforeLast {
        /// The date given.
        date: &'a str,
        /// The last approval's date.
        last: &'a str,
    },
    /// The approval is recorded.
    ApprovalRecorded {
        /// The approvals file.
        path: &'a str,
        /// Its sequence number.
        seq: u32,
    },
    /// One document approved.
    ApprovedVersion {
        /// Document id.
        id: &'a str,
        /// Its new 版.
        version: u32,
    },
    /// The documents a build printed as 案.
    DraftsBuilt {
        /// How many.
        count: usize,
    },
    /// `kitei status`: the header of the table.
    StatusHeader,
    /// `kitei status`: never approved.
    StatusNeverApproved,
    /// `kitei status`: approved and current.
    StatusApproved,
    /// `kitei status`: the current text differs from the approved 版.
    StatusDraftOf,
    /// `kitei status`: a register.
    StatusRegister,
    /// `kitei status`: the label of the approval date.
    StatusApprovedOn,
    /// `kitei status`: the label of the effective date.
    StatusEffectiveOn,
    /// `kitei status`: the summary line.
    StatusSummary {
        /// Documents whose current text is not approved.
        drafts: usize,
        /// Undecided matters.
        open_items: usize,
        /// Local edits not accepted.
        local_edits: usize,
    },
    // output safety
    /// A file kitei did not write is where kitei would write.
    NotKiteis(&'a str),
    /// The build lock path is not a regular file.
    LockNotAFile(&'a str),
    /// A killed build's previous output was put back.
    SwapRecovered(&'a str),
    /// An output path of `kitei diff` is one of its inputs.
    DiffOverwritesInput(&'a str),
    /// `kitei init -o` names a symlink.
    InitSymlink(&'a str),
    /// `kitei templates export` cannot write some files; nothing was written.
    ExportBlocked(&'a str),
    /// A template to export exists (without `--force`).
    ExportExists(&'a str),
    /// A file is where a folder of templates goes.
    ExportNotAFolder(&'a str),
    /// A folder is where a template goes.
    ExportIsAFolder(&'a str),
    /// A local edit writes a marker only kitei may write.
    LocalMarker {
        /// The marker as written.
        marker: &'a str,
    },
    /// A local edit's label is outside the label characters.
    LocalLabel(&'a str),
    /// A template's output is larger than the limit.
    TemplateTooLarge {
        /// The template.
        template: &'a str,
        /// Its size in MB.
        megabytes: usize,
        /// The limit in MB.
        limit: usize,
    },
    /// Work used more memory than allowed; the process stops.
    OutOfMemory(&'a str),
    /// A wording value is longer than the limit.
    WordingTooLong {
        /// The key.
        key: &'a str,
        /// The limit in characters.
        limit: usize,
    },
    /// A wording replacement adds a marker of kitei's.
    WordingMarker {
        /// The key.
        key: &'a str,
        /// The marker.
        marker: &'a str,
    },
    /// A profile list has more entries than the limit.
    TooMany {
        /// The list's key.
        key: &'a str,
        /// Entries found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The heading of `kitei areas`.
    AreasHeading,
    /// The label before an error.
    Error,
    /// The label before a warning.
    Warning,
    /// The label before a hint.
    Help,
    // records and vendor answers (issue 19)
    /// A record id that is not a safe identifier.
    RecordBadId(&'a str),
    /// Hint for it.
    RecordBadIdHint,
    /// Two records with the same id.
    RecordDuplicateId(&'a str),
    /// Hint for it.
    RecordDuplicateIdHint,
    /// A scope naming nothing in the profile.
    RecordUnknownScope(&'a str),
    /// The nearest known scope.
    RecordScopeNear(&'a str),
    /// The known scopes.
    RecordScopeKnown(&'a str),
    /// `supersedes` naming no earlier record.
    RecordUnknownSupersedes(&'a str),
    /// Hint for it.
    RecordUnknownSupersedesHint,
    /// A period ending before it starts.
    RecordPeriodReversed(&'a str),
    /// A kind's required key left out.
    RecordNeeds {
        /// Record id.
        id: &'a str,
        /// Its kind.
        kind: &'a str,
        /// The key.
        field: &'a str,
    },
    /// The first lines of a new records file.
    RecordsHeader,
    /// The records file cannot take a block entry.
    RecordsNotAppendable,
    /// `kitei record` appended an entry.
    RecordAppended {
        /// The file.
        path: &'a str,
        /// The new id.
        id: &'a str,
    },
    /// `kitei record` without a kind or a file of answers.
    RecordNeedsKind,
    /// `kitei record` without a required option.
    RecordNeedsOption(&'a str),
    /// `--final` with 未確認 items left.
    ChecklistUnconfirmed(&'a str),
    /// A vendor key the profile does not list.
    UnknownVendor {
        /// Written.
        vendor: &'a str,
        /// Known keys.
        known: &'a str,
    },
    /// The vendor form was written.
    VendorFormWritten(&'a str),
    /// The answers file is too large.
    VendorFileTooLarge(u64),
    /// The answers file is not a workbook kitei can read.
    VendorFileNotXlsx,
    /// A part of the workbook expands far beyond its compressed size.
    VendorZipBomb,
    /// A sheet of the form is missing.
    VendorSheetMissing(&'a str),
    /// The meta sheet names another facility, vendor or edition.
    VendorMetaMismatch {
        /// Which value.
        what: &'a str,
        /// The cell.
        cell: &'a str,
    },
    /// An item key the edition does not have.
    VendorUnknownItem(&'a str),
    /// An item key listed twice.
    VendorDuplicateItem(&'a str),
    /// A row of the form missing or moved.
    VendorMissingRow(&'a str),
    /// The item text changed since the form was issued.
    VendorTextChanged(&'a str),
    /// A formula in the form.
    VendorFormula(&'a str),
    /// Merged cells in the form.
    VendorMerged(&'a str),
    /// Too many rows.
    VendorTooManyRows {
        /// The sheet.
        sheet: &'a str,
        /// The limit.
        max: usize,
    },
    /// An answer other than はい/いいえ.
    VendorBadAnswer(&'a str),
    /// A date that is not one.
    VendorBadDate(&'a str),
    /// Hint: issue the form again.
    VendorReissueHint,
    /// The vendor's answers were recorded.
    VendorAnswersRecorded {
        /// Vendor name.
        vendor: &'a str,
        /// はい.
        yes: usize,
        /// いいえ.
        no: usize,
        /// Blank (回答待ち).
        waiting: usize,
    },
    // portfolio (guideline version, batch summary, report, shards)
    /// A message of a vendor's portfolio.
    Portfolio(PortfolioMsg<'a>),
    /// A line of a command's report.
    Command(CommandMsg<'a>),
    /// A profile named directly that is not a `.yaml` file (refused unread).
    ProfileNotYaml(&'a str),
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
        Msg::Built { name, folder, documents, pattern, open_items, dated_items } => {
            let dated = match dated_items {
                0 => String::new(),
                n => format!("、チェックリストの目標日付き事項{n}件"),
            };
            format!(
                "作成 {name} → {folder}（{documents}文書、参照パターン{pattern}、課題一覧の未決事項{open_items}件{dated}）"
            )
        }
        Msg::Failed(path) => format!("失敗 {path}:"),
        Msg::NewVersion(line) => format!("  改版: {line}"),
        Msg::VersionLine { id, version, summary, reason } => format!("{id} 第{version}版（{summary}：{reason}）"),
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
        Msg::YamlSyntax(said) => format!("YAML の書き方に誤りがあります（{said}）"),
        Msg::YamlSyntaxHint => {
            "この行か前の行の字下げ、`:` の後の半角スペース、引用符やかっこの閉じ忘れを確認してください".to_owned()
        }
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
        Msg::TransportWithoutRemote(vendor) => {
            format!("事業者 `{vendor}` に remote_transport がありますが、remote_maintenance が true ではありません")
        }
        Msg::TransportWithoutRemoteHint => {
            "リモート保守を行うなら remote_maintenance: true を書き、行わないなら remote_transport を消してください".to_owned()
        }
        Msg::VpnPeerNotOne(device) => {
            format!("VPN 装置「{device}」の接続先（connects）の1つに vendor と system の両方が書かれているか、どちらも書かれていません")
        }
        Msg::VpnPeerNotOneHint => {
            "接続先ごとに、事業者の保守拠点なら vendor を、クラウドサービス等のシステムなら system を1つだけ書いてください".to_owned()
        }
        Msg::ExitWithoutInternet => {
            "インターネットへの出口（exit）が書かれていますが、internet が false です".to_owned()
        }
        Msg::ExitWithoutInternetHint => {
            "インターネットに接続しているなら internet: true を書き、接続していないなら exit を消してください".to_owned()
        }
        Msg::ListedTwiceNameHint => "区画ごとに別の名称を付けてください".to_owned(),
        Msg::InternetExitMissing { place, cause } => format!(
            "{place}: {cause}が、インターネットへの出口（network.exit: 回線と出口のルータ・UTM 等）が書かれていません。課題一覧（未決事項）に載ります"
        ),
        Msg::ExitCause { kind: 0, .. } => "インターネットに接続しています（internet: true）".to_owned(),
        Msg::ExitCause { kind: 1, name } => format!("クラウドサービス「{name}」をインターネット経由で使います"),
        Msg::ExitCause { name, .. } => format!("VPN 装置「{name}」がインターネットの回線を通ります"),
        Msg::OwnDeputy(name) => format!("`{name}` が自分の役割の代理者になっています"),
        Msg::OwnDeputyHint => "代理者は、担当者が不在のときに代わりを務める別の人です".to_owned(),
        Msg::ListedTwice { key, list } => format!("`{key}` が `{list}` に2回書かれています"),
        Msg::ListedTwiceHint => "項目ごとに別の `key` を付けてください".to_owned(),
        Msg::UnknownRef { kind, value } => {
            let what = match kind {
                RefKind::Person => "人（people）",
                RefKind::Vendor => "事業者（vendors）",
                RefKind::Area => "分野",
                RefKind::System => "システム（systems）",
                RefKind::Asset => "機器（assets の name）",
                RefKind::Segment => "区画（network.segments の name）",
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
        // local edits, wording, templates, checklist
        Msg::DidYouMean2(near) => format!("もしかして `{near}` ですか？"),
        Msg::LocalNotADocument(stem) => {
            format!("`{stem}` は kitei の文書ではありません。条文の編集ファイルは、変える文書の名前を付けます")
        }
        Msg::LocalDocumentsAre(list) => format!("文書: {list}"),
        Msg::LocalOneVerb => {
            "編集ごとに `replace`、`append`、`insert_after`、`remove` のどれか1つを書いてください".to_owned()
        }
        Msg::LocalNeeds { verb, field } => format!("`{verb}` には `{field}` が必要です"),
        Msg::LocalSecondEdit(key) => format!(
            "`{key}` の2つ目の編集です。条ごとに編集は1つにしてください（`replace` には複数の項を書けます）"
        ),
        Msg::LocalUnaccepted { document, kind, key, profile } => format!(
            "{document}: `{kind} {key}` はまだ受け入れられていません（kitei local accept {profile} {key}）"
        ),
        Msg::LocalChanged { document, kind, key, profile } => format!(
            "{document}: `{kind} {key}` を受け入れた後に標準の条文が変わりました（`kitei local status {profile}` で受け入れ時・現在の標準と自施設の文を確認し、`kitei local accept {profile} {key}`）"
        ),
        Msg::LocalNoArticle { kind, target, document } => format!(
            "`{kind} {target}`: {document} に `{target}` というラベルの条はありません（標準の条文が変わったか、ラベルの書き誤り）"
        ),
        Msg::LocalLabelsHint => {
            "条のラベルは、生成された Markdown の `<!-- article:ラベル -->` で確かめられます".to_owned()
        }
        Msg::LocalLabelTaken(label) => format!("`label: {label}`: この文書には既に `{label}` というラベルの条があります"),
        Msg::LocalRemoveCited { label, citing } => {
            let citing = if citing.is_empty() { "条の外" } else { citing };
            format!("`remove {label}`: 他の条が引いています（{citing}）。それらも置き換えるか、条を残してください")
        }
        Msg::LocalNone(profile) => format!("{profile} の隣に条文の編集（local/）はありません"),
        Msg::LocalAcceptedKeys { document, keys } => format!("受け入れました {document}: {keys}"),
        Msg::LocalNoSuchLabel { labels, profile } => {
            format!("{labels} というラベルの編集はありません（`kitei local status {profile}` で確認できます）")
        }
        Msg::WordingUnknownArea(area) => format!("wording の区分 `{area}` はありません"),
        Msg::WordingUnknownKey(key) => format!("wording の項目 `{key}` はありません"),
        Msg::WordingProcessWide(key) => {
            format!("`{key}` は全施設で一度だけ読まれるため、施設ごとには変えられません")
        }
        Msg::WordingRemoveEntry => "この項目を消してください".to_owned(),
        Msg::WordingParams { key, want, have } => {
            let (want, have) = (if want.is_empty() { "なし" } else { want }, if have.is_empty() { "なし" } else { have });
            format!("`{key}` の差し込み項目は {want} ですが、この文は {have} です")
        }
        Msg::WordingOriginal(text) => format!("kitei の文: {text}"),
        Msg::TemplateFailed { template, message } => format!("テンプレート `{template}`: {message}"),
        Msg::TemplateProblem(problem) => match problem {
            TemplateProblem::Syntax { line, column, expected } => {
                format!("{line}行{column}列の書き方を読めません（構文解析の説明: {expected}）")
            }
            TemplateProblem::UnknownVariable(name) => format!(
                "値 `{name}` はありません（テンプレートで使える値は、kitei templates export で書き出す標準のテンプレートにあります）"
            ),
            TemplateProblem::UnknownFilter(name) => format!("フィルタ `{name}` はありません"),
            TemplateProblem::UnknownFunction(name) => format!("関数 `{name}` はありません"),
            TemplateProblem::UnknownTest(name) => format!("判定 `is {name}` はありません"),
            TemplateProblem::MissingTemplate(name) => format!("テンプレート `{name}` が見つかりません"),
            TemplateProblem::Circular(name) => format!("テンプレート `{name}` の継承が循環しています"),
            TemplateProblem::Other(words) => format!("処理できません（{words}）"),
        },
        Msg::TemplatesWrote { count, dir, version } => {
            format!("{count} 個のテンプレートを {dir} に書き出しました（kitei {version}）")
        }
        Msg::ChecklistUnknownEdition { edition, available } => {
            format!("チェックリスト `{edition}` の内容は kitei にありません（使える版: {available}）")
        }
        Msg::ChecklistUnknownRequirement { edition, item, version, id } => format!(
            "チェックリスト {edition} の項目 `{item}`: ガイドライン第{version}版に遵守事項 `{id}` はありません"
        ),
        Msg::ChecklistWorkbook(cause) => format!("ワークブック（.xlsx）を書けません: {cause}"),
        Msg::ChecklistCannotAnswer(profile) => format!("{profile} のチェックリストに回答できません"),
        // facility files (load/read.rs), dates, ids
        Msg::OutsideEra { written, era, first, last } => format!(
            "`{written}` は{era}の期間（{first} 〜 {last}）の外の日付です。{era}元年が1年目です（西暦でも書けます: 2026-04-01）"
        ),
        Msg::ReservedId(id) => format!(
            "施設ID `{id}` は Windows が装置の名前として予約しているため、フォルダ名に使えません（CON、NUL、PRN、AUX、COM1〜9、LPT1〜9）"
        ),
        Msg::CaseCollidingIds { first, second, profiles } => format!(
            "施設ID `{first}` と `{second}` は大文字と小文字しか違わず、Windows や macOS では同じフォルダになります（{profiles}）。どちらかの id を変えてください"
        ),
        Msg::StdoutFailed(cause) => format!("標準出力に書き込めません: {cause}"),
        Msg::ReadNotRegular(path) => format!(
            "{path} は通常のファイルではありません（FIFO、デバイス、フォルダは読みません）。YAML やテンプレートのファイルを置いてください"
        ),
        Msg::ReadOutside { path, folder } => format!(
            "{path} はリンクで、施設のフォルダ {folder} の外を指しています。kitei はフォルダの外のファイルを読みません（ファイルそのものを置いてください）"
        ),
        Msg::ReadSystemFile(path) => {
            format!("{path} はシステムのファイル（/proc、/sys、/dev）です。kitei は読みません")
        }
        Msg::ReadTooLarge { path, limit_kb } => {
            format!("{path} は {limit_kb} KB を超えています。この種類のファイルの上限です")
        }
        Msg::UnknownGuideline { version, available } => {
            format!("ガイドライン第{version}版の内容は kitei にありません（使える版: {available}）")
        }
        Msg::ExampleLeft { place, value } => {
            format!("{place}: 「{value}」は `kitei init` が書いた例のままです。貴施設のものに書き換えてください")
        }
        Msg::CausedBy(cause) => format!("\n  原因: {cause}"),
        Msg::InitWrote(path) => format!("{path} を書き出しました。編集してから `kitei check {path}` を実行してください"),
        Msg::ServeWhichProfile(found) => format!("このフォルダにはプロファイルが複数あります（{found}）。開くファイルを指定してください"),
        Msg::ServeCannotBind(port) => format!("ポート {port} で待ち受けできません（--port で別の番号を指定してください）"),
        Msg::ServeListening => "上のアドレスをブラウザで開いてください（このパソコンからだけ開けます）。終了は Ctrl-C".to_owned(),
        Msg::FileExists(path) => format!("{path} は既にあります（上書きするときは --force を付けてください）"),
        Msg::CannotCreate(path) => format!("{path} を作成できません"),
        Msg::CannotWriteTo(path) => format!("{path} に書き込めません"),
        Msg::CannotReadFile(path) => format!("{path} を読めません"),
        Msg::Renumbered { id, current } => format!("注記: `{id}` は番号が変わり、現在は `{current}` です"),
        Msg::NoSuchEntry { version, id } => format!(
            "ガイドライン第{version}版に `{id}` という章・節・遵守事項はありません（`kitei guideline toc` で確認できます）"
        ),
        Msg::DiffCounts { id, counts: [changed, added, removed, moved] } => {
            format!("{id}: 変更 {changed} / 新設 {added} / 削除 {removed} / 移動 {moved}")
        }
        Msg::VersionsTwo => "--versions には2つの番号を指定してください（例: --versions 1,2）".to_owned(),
        Msg::VersionsOrder { old, new } => {
            format!("--versions {old},{new}: 古い版を先に指定してください（例: --versions {new},{old}）")
        }
        Msg::DiffNeedsNew => "新しい版（ファイルかフォルダ）も指定するか、--versions 旧,新 を指定してください".to_owned(),
        Msg::NoManifest(folder) => format!("{folder} に kitei の manifest.json がありません"),
        Msg::NoDocumentWithBoth { folder, old, new } => {
            format!("{folder} には第{old}版と第{new}版の両方がある文書がありません")
        }
        Msg::FormatNeedsOne => "--format には md、pdf、typ、docx の少なくとも1つを指定してください".to_owned(),
        Msg::IdClash { id, first, second } => format!("`{id}` は {first} と {second} の両方の施設IDです"),
        Msg::IdClashHint => {
            "  ヒント: 施設ごとに別の `id` が必要です（出力フォルダの名前になります）。何も作成していません".to_owned()
        }
        Msg::SampleMissing => "同梱のサンプルプロファイルがこのビルドにありません".to_owned(),
        Msg::CannotList(path) => format!("{path} の中身を一覧できません"),
        Msg::BadPattern(pattern) => format!("パターン `{pattern}` が正しくありません"),
        Msg::NoProfileMatches(pattern) => format!("`{pattern}` に当てはまるプロファイルがありません"),
        Msg::FacilityInterrupted => "中断しました: この施設の出力には何も書き込んでおらず、元のままです".to_owned(),
        Msg::StrictUncovered { count, ids } => format!("どの文書も満たしていない必須の遵守事項が{count}件あります: {ids}"),
        Msg::StrictOpenItems { count, ids } => format!(
            "未決事項が{count}件あります（課題一覧（未決事項）を参照）: {ids}\nヒント: プロファイルで決めるか、--strict を付けずに作成すると課題一覧付きの文書ができます"
        ),
        Msg::StrictExamples { count, ids } => format!(
            "`kitei init` が書いた例の値が{count}件残っています: {ids}\nヒント: 貴施設の値に書き換えてください（例の値は承認する文書に載せられません）"
        ),
        Msg::HandEdited { folder, files, .. } => format!(
            "kitei が書き出した後に手で編集されています（{folder}/manifest.json のハッシュと違います）: {files}\n  \
             ヒント: 変更はプロファイルか様式の差し替えに入れ、編集したファイルを削除してから作成し直してください（kitei は手で編集した文書を残すことも上書きすることもしません）"
        ),
        Msg::Backwards(problem) => {
            format!("{problem}\n  ヒント: 正しい --date を指定してください。本当に意図したときは --allow-backdate を付けます")
        }
        Msg::TypesetFailed { document, message } => format!(
            "{document} の PDF を組版できませんでした: {message}\n  ヒント: kitei の不具合です。プロファイルと kitei のバージョンを添えて報告してください（--format md なら Markdown は作成できます）"
        ),
        Msg::TypesetTimeout { document, seconds } => format!(
            "{document} の組版が {seconds} 秒を超えたため中止しました\n  ヒント: 文書が非常に大きい（システムや機器の数が多い）ときは、--format md で Markdown だけを作成できます"
        ),
        Msg::DocxFailed { document, cause } => format!("{document} の Word ファイルを作成できませんでした: {cause}"),
        Msg::OlderGuideline { previous, version } => format!(
            "前回の作成はガイドライン第{previous}版に準拠しています。第{version}版で作成すると、次の版が古いガイドラインに準拠することになります"
        ),
        Msg::DatedBefore { id, new_version, new_date, old_version, old_date } => {
            format!("{id} 第{new_version}版の日付 {new_date} が、第{old_version}版（{old_date}）より前になります")
        }
        Msg::SameDate { id, new_version, old_version, date } => format!(
            "{id} 第{new_version}版の日付が第{old_version}版と同じ（{date}）です。この改定の日付を --date で指定してください"
        ),
        Msg::AlsoKept(formats) => {
            format!("フォルダに既にあるため {formats} も更新しました（不要なら削除してください）")
        }
        Msg::Waiting(path) => format!("待機中: 別の kitei が {path} に書き込んでいます"),
        Msg::WriteFailed { path, cause } => format!("{path} に書き込めません: {cause}"),
        // approvals
        Msg::ApprovalsIo { path, cause } => format!("承認記録 {path} を読み書きできません: {cause}"),
        Msg::ApprovalSeq { expected, found } => {
            format!("承認記録の seq が {found} ですが、{expected} のはずです（記録は追記のみで、番号は 1 から順に振られます）")
        }
        Msg::EffectiveBeforeApproval => "施行日が承認日より前です".to_owned(),
        Msg::ApprovalVersionBackwards { id, version, before } => {
            format!("{id} の第{version}版が、それより前の記録の第{before}版の後になっていません")
        }
        Msg::ApproveOpenItems { count, ids } => format!(
            "課題一覧に未決事項が{count}件あるため承認できません: {ids}\n  ヒント: プロファイルで決めてから承認するか、\
             残したまま承認するときは --allow-open を付けます（未決事項は承認の記録と改訂履歴に載ります）"
        ),
        Msg::ApproveLocalEdits { count, edits } => format!(
            "確認していない施設独自の修正が{count}件あるため承認できません: {edits}\n  ヒント: kitei local status で確かめて \
             kitei local accept で受け入れるか、--allow-open を付けます"
        ),
        Msg::ApproveNothing => {
            "承認する案がありません: どの文書も現在の内容が承認済みの版と同じです（kitei status で確かめられます）".to_owned()
        }
        Msg::ApproveUnknownDocument { id, allowed } => {
            format!("--documents の {id} は承認できる文書ではありません\n  ヒント: 使える文書: {allowed}")
        }
        Msg::ApproveUnchanged { id, version } => {
            format!("{id} は現在の内容が第{version}版として承認済みです（承認する案がありません）")
        }
        Msg::ApproveBeforeReportedEvent { date, event, on } => format!(
            "承認日 {date} が、文書に記載される{}（{on}）より前です。承認の日にまだ起きていないことを記載した版になります\n  \
             ヒント: 正しい --date を指定してください。本当に意図したときは --allow-backdate を付けます",
            match event {
                ReportedEvent::ContractConfirmed(vendor) => format!("「{vendor}」との責任分界の確認"),
                ReportedEvent::RestoreTested(system) => format!("「{system}」のリストアの確認"),
            }
        ),
        Msg::EstablishedAfterEffective { established, effective } => format!(
            "制定日（document.established: {established}）が施行日（effective_date: {effective}）より後です。\
             制定より前に施行したことになり、施行日を遡らせた記載になります"
        ),
        Msg::EstablishedAfterEffectiveHint { effective } => format!(
            "制定日を施行日 {effective} 以前にするか、この行を削除してください（制定日は、最初に承認された版の日付として承認記録に残ります）"
        ),
        Msg::EstablishedNotFirstApproval { established, approved, file } => format!(
            "制定日（document.established: {established}）が、承認記録 {file} の最初の承認（第1版、{approved}）と一致しません。\
             制定日は最初に承認された版の日付であり、二つの日付を書くことはできません"
        ),
        Msg::EstablishedNotApprovalDate { established, approved } => format!(
            "最初の承認の日付 {approved} が、プロファイルの制定日（document.established: {established}）と一致しません。\
             制定日は最初に承認された版の日付です"
        ),
        Msg::EstablishedHint { approved } => format!(
            "この行を established: {approved} とするか、削除してください（承認日を変えるときは kitei approve の --date を直します）"
        ),
        Msg::ApproveBeforeLast { date, last } => format!(
            "承認日 {date} が前回の承認（{last}）より前です\n  ヒント: 正しい --date を指定してください。本当に意図したときは --allow-backdate を付けます"
        ),
        Msg::ApprovalRecorded { path, seq } => format!("承認を記録しました: {path}（第{seq}回）"),
        Msg::ApprovedVersion { id, version } => format!("  承認: {id} 第{version}版"),
        Msg::DraftsBuilt { count } => {
            format!("  案: {count}文書は承認前の案です（「案」と表示。kitei approve で版になります）")
        }
        Msg::StatusHeader => "文書                          状態".to_owned(),
        Msg::StatusNeverApproved => "案（未承認）".to_owned(),
        Msg::StatusApproved => "承認済み".to_owned(),
        Msg::StatusDraftOf => "改正案あり（承認済みの版と内容が違う）".to_owned(),
        Msg::StatusRegister => "台帳（基準日の記録。承認・版なし）".to_owned(),
        Msg::StatusApprovedOn => "承認日".to_owned(),
        Msg::StatusEffectiveOn => "施行日".to_owned(),
        Msg::StatusSummary { drafts, open_items, local_edits } => format!(
            "承認待ちの文書 {drafts}件、課題一覧の未決事項 {open_items}件、確認していない独自の修正 {local_edits}件"
        ),
        // output safety
        Msg::NotKiteis(path) => format!(
            "{path} は kitei が書いたファイルではありません（manifest.json に載っていません）が、kitei がここに書き出すところです\n  ヒント: このファイルをフォルダの外へ移してから作成し直してください"
        ),
        Msg::LockNotAFile(path) => format!(
            "作成中の印のファイル {path} が通常のファイルではありません（シンボリックリンク、FIFO など）\n  ヒント: 削除してから作成し直してください"
        ),
        Msg::SwapRecovered(path) => {
            format!("中断された前回の作成が残した出力を {path} に戻しました（版と履歴はそのまま続きます）")
        }
        Msg::DiffOverwritesInput(path) => format!(
            "出力先 {path} は比較する入力と同じ場所です。入力を上書きしないよう、別のフォルダを -o で指定してください"
        ),
        Msg::InitSymlink(path) => format!(
            "{path} はシンボリックリンクです。リンク先を書き換えないよう、--force でも書き込みません\n  ヒント: 通常のファイルのパスを -o で指定してください"
        ),
        Msg::ExportBlocked(problems) => {
            format!("次のファイルを書き出せないため、何も書き出していません:\n{problems}")
        }
        Msg::ExportExists(path) => format!("  {path}: 既にあります（編集した差し替えかもしれません。上書きするには --force）"),
        Msg::ExportNotAFolder(path) => format!("  {path}: ファイルです（ここにはフォルダが要ります）"),
        Msg::ExportIsAFolder(path) => format!("  {path}: フォルダです（ここにテンプレートのファイルを書きます）"),
        Msg::LocalMarker { marker } => format!(
            "`{marker}` は kitei の印で、自施設の文には書けません（条・章・附則・遵守事項の記録は kitei が作ります）\n  ヒント: 他の条を引くには [[ref:ラベル]]、項は空行、号は行頭の [[item]] で書きます"
        ),
        Msg::LocalLabel(label) => format!(
            "ラベル `{label}` に使えない文字があります（英小文字・数字・ハイフン・下線、64文字まで、先頭は英小文字か数字）"
        ),
        Msg::TemplateTooLarge { template, megabytes, limit } => format!(
            "テンプレート `{template}` の出力が {megabytes} MB になり、上限の {limit} MB を超えます（繰り返しや文字列の連結を確かめてください）"
        ),
        Msg::OutOfMemory(work) => format!(
            "{work} がメモリを使いすぎたため中止しました（テンプレートの繰り返しや文字列の連結を確かめてください）。出力のフォルダは書き換えていません"
        ),
        Msg::WordingTooLong { key, limit } => {
            format!("wording.yaml の `{key}` が {limit} 文字を超えています（文書の言い回しは短い文で書きます）")
        }
        Msg::WordingMarker { key, marker } => format!(
            "wording.yaml の `{key}` に kitei の印 `{marker}` があります（条・章・附則・遵守事項の記録は kitei が作ります。言い回しだけを変えてください）"
        ),
        Msg::TooMany { key, count, limit } => {
            format!("`{key}` が {count} 件あり、上限の {limit} 件を超えます（プロファイルを分けてください）")
        }
        Msg::AreasHeading => "vendors[].contract.covers に書ける分野（責任分界表の行）:".to_owned(),
        Msg::Error => "エラー".to_owned(),
        Msg::Warning => "警告".to_owned(),
        Msg::Help => "ヒント".to_owned(),
        // records and vendor answers (issue 19)
        Msg::RecordBadId(id) => format!("記録の id `{id}` は使えません"),
        Msg::RecordBadIdHint => "半角英数字と `-`、`_` だけで書いてください（例: training-2026-10-15）".to_owned(),
        Msg::RecordDuplicateId(id) => format!("記録の id `{id}` が2回使われています"),
        Msg::RecordDuplicateIdHint => "記録ごとに別の id を付けてください（訂正は supersedes を付けた新しい記録で）".to_owned(),
        Msg::RecordUnknownScope(value) => format!("`{value}` という機器・システム・事業者はプロファイルにありません"),
        Msg::RecordScopeNear(near) => format!("`{near}` の誤りではありませんか？"),
        Msg::RecordScopeKnown(known) => format!("書けるもの（機器の名称、systems と vendors の key）: {known}"),
        Msg::RecordUnknownSupersedes(id) => format!("supersedes の `{id}` は、この記録より前にありません"),
        Msg::RecordUnknownSupersedesHint => "訂正する記録の id を書いてください（訂正する記録は前に書かれている必要があります）".to_owned(),
        Msg::RecordPeriodReversed(id) => format!("記録 `{id}` の period は、to が from より前です"),
        Msg::RecordNeeds { id, kind, field } => format!("記録 `{id}`（{kind}）に `{field}` がありません"),
        Msg::RecordsHeader => "# 実施記録（研修、訓練、リストアテスト、ログ・アカウントの確認、パッチ、監査、事業者の回答など）。\n# 追記のみ: 書いた記録は直さず、誤りは supersedes を付けた新しい記録で訂正する。\n".to_owned(),
        Msg::RecordsNotAppendable => "records: がブロック形式の並び（各行が `  - id: …`）になっていないため、記録を追記できません".to_owned(),
        Msg::RecordAppended { path, id } => format!("記録 {id} を {path} に追記しました"),
        Msg::RecordNeedsKind => "記録の種類（training、restore-test など）か --vendor-answers FILE.xlsx を指定してください".to_owned(),
        Msg::RecordNeedsOption(option) => format!("{option} を指定してください"),
        Msg::ChecklistUnconfirmed(items) => format!("未確認の項目が残っているため、提出用に確定できません: {items}（実施の記録を加えるか、確認して記録してください）"),
        Msg::UnknownVendor { vendor, known } => format!("事業者 `{vendor}` はプロファイルにありません（vendors の key: {known}）"),
        Msg::VendorFormWritten(vendor) => format!("{vendor} の事業者確認用を作成しました"),
        Msg::VendorFileTooLarge(limit) => format!("回答ファイルが {limit} MB を超えています。事業者確認用はずっと小さいはずです"),
        Msg::VendorFileNotXlsx => "回答ファイルを Excel ブック（.xlsx）として読めません".to_owned(),
        Msg::VendorZipBomb => "回答ファイルの中身が、圧縮前の大きさとして不自然に大きいため読みません".to_owned(),
        Msg::VendorSheetMissing(sheet) => format!("回答ファイルにシート「{sheet}」がありません（発行した事業者確認用ではありません）"),
        Msg::VendorMetaMismatch { what, cell } => format!("{cell}: {what}が、この施設・事業者・年度版に発行した事業者確認用と合いません"),
        Msg::VendorUnknownItem(cell) => format!("{cell}: この年度版にない項目です"),
        Msg::VendorDuplicateItem(cell) => format!("{cell}: 同じ項目が2回あります"),
        Msg::VendorMissingRow(cell) => format!("{cell}: 発行した項目の行がありません（行が削除されたか、移されています）"),
        Msg::VendorTextChanged(cell) => format!("{cell}: 項目の文言が発行したときと違います"),
        Msg::VendorFormula(cell) => format!("{cell}: 数式があります。回答欄には「はい」か「いいえ」を直接入力してください"),
        Msg::VendorMerged(cell) => format!("{cell}: 結合されたセルがあります。事業者確認用のセルは結合しないでください"),
        Msg::VendorTooManyRows { sheet, max } => format!("シート「{sheet}」の行が {max} 行を超えています"),
        Msg::VendorBadAnswer(cell) => format!("{cell}: 回答は「はい」か「いいえ」で入力してください"),
        Msg::VendorBadDate(cell) => format!("{cell}: 日付として読めません（2026-10-01 や 令和8年10月1日）"),
        Msg::VendorReissueHint => "事業者確認用を作り直して（kitei checklist PROFILE --vendor-form VENDOR）、改めて回答を依頼してください".to_owned(),
        Msg::VendorAnswersRecorded { vendor, yes, no, waiting } => format!("{vendor} の回答を記録しました（はい {yes}、いいえ {no}、回答待ち {waiting}）"),
        Msg::Portfolio(message) => portfolio::japanese(message),
        Msg::Command(message) => commands::japanese(message),
        Msg::ProfileNotYaml(path) => {
            format!("{path} はプロファイルではありません（プロファイルは .yaml か .yml のファイルです。中身は読んでいません）")
        }
    }
}

fn english(message: Msg<'_>) -> String {
    match message {
        Msg::Built { name, folder, documents, pattern, open_items, dated_items } => {
            let dated = match dated_items {
                0 => String::new(),
                n => format!(", plus {n} dated checklist item(s)"),
            };
            format!(
                "built {name} → {folder} ({documents} documents, pattern {pattern}, {open_items} open item(s) in 課題一覧{dated})"
            )
        }
        Msg::Failed(path) => format!("failed {path}:"),
        Msg::NewVersion(line) => format!("  new 版: {line}"),
        Msg::VersionLine { id, version, summary, reason } => format!("{id} 第{version}版 ({summary}: {reason})"),
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
        Msg::YamlSyntax(said) => said.to_owned(),
        Msg::YamlSyntaxHint => {
            "check the indentation of this line or the one before, the space after `:`, and unclosed quotes or brackets"
                .to_owned()
        }
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
        Msg::TransportWithoutRemote(vendor) => {
            format!("vendor `{vendor}` has a remote_transport but remote_maintenance is not true")
        }
        Msg::TransportWithoutRemoteHint => {
            "write remote_maintenance: true if the vendor maintains remotely, else remove remote_transport".to_owned()
        }
        Msg::VpnPeerNotOne(device) => {
            format!("a peer in `connects` of the VPN device 「{device}」 names both a vendor and a system, or neither")
        }
        Msg::VpnPeerNotOneHint => {
            "write one `vendor` (its maintenance site) or one `system` (a cloud service) per peer".to_owned()
        }
        Msg::ExitWithoutInternet => "the network states an internet exit (`exit`) but `internet` is false".to_owned(),
        Msg::ExitWithoutInternetHint => {
            "write `internet: true` if the facility is connected, else remove `exit`".to_owned()
        }
        Msg::ListedTwiceNameHint => "give every segment its own name".to_owned(),
        Msg::InternetExitMissing { place, cause } => format!(
            "{place}: {cause}, but no internet exit (network.exit: the line and the router or UTM at the exit) is stated; it is listed in the open items"
        ),
        Msg::ExitCause { kind: 0, .. } => "the facility is connected to the internet (internet: true)".to_owned(),
        Msg::ExitCause { kind: 1, name } => format!("the cloud service 「{name}」 is reached over the internet"),
        Msg::ExitCause { name, .. } => format!("the VPN device 「{name}」 runs over the internet line"),
        Msg::OwnDeputy(name) => format!("`{name}` is named as the deputy of their own role"),
        Msg::OwnDeputyHint => "a deputy is another person who acts while the holder is absent".to_owned(),
        Msg::ListedTwice { key, list } => format!("`{key}` is listed twice in `{list}`"),
        Msg::ListedTwiceHint => "every entry needs its own `key`".to_owned(),
        Msg::UnknownRef { kind, value } => {
            let what = match kind {
                RefKind::Person => "person",
                RefKind::Vendor => "vendor",
                RefKind::Area => "area",
                RefKind::System => "system",
                RefKind::Asset => "asset",
                RefKind::Segment => "network segment",
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
        // local edits, wording, templates, checklist
        Msg::DidYouMean2(near) => format!("did you mean `{near}`?"),
        Msg::LocalNotADocument(stem) => {
            format!("`{stem}` is not a kitei document; local edits are named after the document they change")
        }
        Msg::LocalDocumentsAre(list) => format!("the documents are: {list}"),
        Msg::LocalOneVerb => {
            "each edit needs exactly one of `replace`, `append`, `insert_after` or `remove`".to_owned()
        }
        Msg::LocalNeeds { verb, field } => format!("`{verb}` needs `{field}`"),
        Msg::LocalSecondEdit(key) => {
            format!("a second edit of `{key}`; write one edit per article (a `replace` can hold several 項)")
        }
        Msg::LocalUnaccepted { document, kind, key, profile } => {
            format!("{document}: `{kind} {key}` is not accepted yet (kitei local accept {profile} {key})")
        }
        Msg::LocalChanged { document, kind, key, profile } => format!(
            "{document}: the built-in text under `{kind} {key}` changed since the edit was accepted (`kitei local status {profile}` shows the old and new built-in text and yours; then `kitei local accept {profile} {key}`)"
        ),
        Msg::LocalNoArticle { kind, target, document } => format!(
            "`{kind} {target}`: {document} has no article labelled `{target}` (the built-in text changed, or the label is mistyped)"
        ),
        Msg::LocalLabelsHint => {
            "article labels appear in the generated Markdown as `<!-- article:label -->`".to_owned()
        }
        Msg::LocalLabelTaken(label) => {
            format!("`label: {label}`: the document already has an article labelled `{label}`")
        }
        Msg::LocalRemoveCited { label, citing } => {
            let citing = if citing.is_empty() { "outside any article" } else { citing };
            format!("`remove {label}`: other articles cite it ({citing}); replace them too, or keep the article")
        }
        Msg::LocalNone(profile) => format!("no local edits beside {profile}"),
        Msg::LocalAcceptedKeys { document, keys } => format!("accepted {document}: {keys}"),
        Msg::LocalNoSuchLabel { labels, profile } => {
            format!("no local edit is labelled {labels} (see `kitei local status {profile}`)")
        }
        Msg::WordingUnknownArea(area) => format!("unknown wording area `{area}`"),
        Msg::WordingUnknownKey(key) => format!("unknown wording key `{key}`"),
        Msg::WordingProcessWide(key) => {
            format!("`{key}` cannot be replaced per facility (it is read once for all facilities)")
        }
        Msg::WordingRemoveEntry => "remove this entry".to_owned(),
        Msg::WordingParams { key, want, have } => {
            let (want, have) = (if want.is_empty() { "none" } else { want }, if have.is_empty() { "none" } else { have });
            format!("`{key}` takes the parameters {want} but this text has {have}")
        }
        Msg::WordingOriginal(text) => format!("kitei's text is: {text}"),
        Msg::TemplateFailed { template, message } => format!("template `{template}`: {message}"),
        Msg::TemplateProblem(problem) => match problem {
            TemplateProblem::Syntax { line, column, expected } => {
                format!("cannot read line {line}, column {column} (the parser says: {expected})")
            }
            TemplateProblem::UnknownVariable(name) => format!(
                "there is no value `{name}` (the values a template can use are in the built-in templates kitei templates export writes)"
            ),
            TemplateProblem::UnknownFilter(name) => format!("there is no filter `{name}`"),
            TemplateProblem::UnknownFunction(name) => format!("there is no function `{name}`"),
            TemplateProblem::UnknownTest(name) => format!("there is no test `is {name}`"),
            TemplateProblem::MissingTemplate(name) => format!("template `{name}` is not found"),
            TemplateProblem::Circular(name) => format!("template `{name}` extends itself round a chain"),
            TemplateProblem::Other(words) => format!("cannot process it ({words})"),
        },
        Msg::TemplatesWrote { count, dir, version } => format!("wrote {count} templates to {dir} (kitei {version})"),
        Msg::ChecklistUnknownEdition { edition, available } => {
            format!("kitei has no checklist edition `{edition}` (available: {available})")
        }
        Msg::ChecklistUnknownRequirement { edition, item, version, id } => {
            format!("checklist {edition}, item `{item}`: guideline {version} has no requirement `{id}`")
        }
        Msg::ChecklistWorkbook(cause) => format!("cannot write the workbook: {cause}"),
        Msg::ChecklistCannotAnswer(profile) => format!("cannot answer the checklist for {profile}"),
        // facility files (load/read.rs), dates, ids
        Msg::OutsideEra { written, era, first, last } => format!(
            "`{written}` is outside the era {era} ({first} – {last}); its first year is 元年 (a Western date works too: 2026-04-01)"
        ),
        Msg::ReservedId(id) => format!(
            "facility id `{id}` is a device name Windows reserves (CON, NUL, PRN, AUX, COM1-9, LPT1-9) and cannot name a folder"
        ),
        Msg::CaseCollidingIds { first, second, profiles } => format!(
            "facility ids `{first}` and `{second}` differ only in case and name the same folder on Windows and macOS ({profiles}); change one of the ids"
        ),
        Msg::StdoutFailed(cause) => format!("cannot write to standard output: {cause}"),
        Msg::ReadNotRegular(path) => {
            format!("{path} is not a regular file (kitei reads no FIFO, device or folder); put a YAML or template file there")
        }
        Msg::ReadOutside { path, folder } => format!(
            "{path} is a link that leads outside the facility's folder {folder}; kitei reads no file from outside it (put the file itself there)"
        ),
        Msg::ReadSystemFile(path) => format!("{path} is a file of the system (/proc, /sys, /dev); kitei does not read it"),
        Msg::ReadTooLarge { path, limit_kb } => {
            format!("{path} is larger than {limit_kb} KB, the limit for this kind of file")
        }
        Msg::UnknownGuideline { version, available } => {
            format!("kitei has no content for guideline version {version} (available: {available})")
        }
        Msg::ExampleLeft { place, value } => {
            format!("{place}: 「{value}」 is still the example `kitei init` wrote; write your facility's own")
        }
        Msg::CausedBy(cause) => format!("\n  caused by: {cause}"),
        Msg::InitWrote(path) => format!("wrote {path} — edit it, then run `kitei check {path}`"),
        Msg::ServeWhichProfile(found) => format!("this folder holds several profiles ({found}); name the one to open"),
        Msg::ServeCannotBind(port) => format!("cannot listen on port {port} (choose another with --port)"),
        Msg::ServeListening => "open the address above in a browser (it opens on this computer only); Ctrl-C stops".to_owned(),
        Msg::FileExists(path) => format!("{path} exists already (use --force to overwrite)"),
        Msg::CannotCreate(path) => format!("cannot create {path}"),
        Msg::CannotWriteTo(path) => format!("cannot write {path}"),
        Msg::CannotReadFile(path) => format!("cannot read {path}"),
        Msg::Renumbered { id, current } => format!("note: `{id}` was renumbered; it is now `{current}`"),
        Msg::NoSuchEntry { version, id } => {
            format!("guideline {version} has no chapter, section or requirement `{id}` (try `kitei guideline toc`)")
        }
        Msg::DiffCounts { id, counts: [changed, added, removed, moved] } => {
            format!("{id}: changed {changed} / added {added} / removed {removed} / moved {moved}")
        }
        Msg::VersionsTwo => "--versions takes two numbers, e.g. --versions 1,2".to_owned(),
        Msg::VersionsOrder { old, new } => {
            format!("--versions {old},{new}: give the older 版 first, e.g. --versions {new},{old}")
        }
        Msg::DiffNeedsNew => "give the new version too (a file or folder), or --versions OLD,NEW".to_owned(),
        Msg::NoManifest(folder) => format!("{folder} has no kitei manifest.json"),
        Msg::NoDocumentWithBoth { folder, old, new } => format!("no document in {folder} has both 版 {old} and 版 {new}"),
        Msg::FormatNeedsOne => "--format needs at least one of md, pdf, typ, docx".to_owned(),
        Msg::IdClash { id, first, second } => format!("`{id}` is the id of both {first} and {second}"),
        Msg::IdClashHint => {
            "  hint: each facility needs its own `id` (it names the output folder); nothing was built".to_owned()
        }
        Msg::SampleMissing => "the bundled sample profile is missing from this build".to_owned(),
        Msg::CannotList(path) => format!("cannot list {path}"),
        Msg::BadPattern(pattern) => format!("bad pattern `{pattern}`"),
        Msg::NoProfileMatches(pattern) => format!("no profile matches `{pattern}`"),
        Msg::FacilityInterrupted => {
            "interrupted: nothing was written for this facility; its previous output is unchanged".to_owned()
        }
        Msg::StrictUncovered { count, ids } => format!("{count} required requirement(s) are met by no document: {ids}"),
        Msg::StrictOpenItems { count, ids } => format!(
            "{count} matter(s) are still undecided (see 課題一覧（未決事項）): {ids}\nhint: set them in the profile, or build without --strict to get the documents with the 課題一覧"
        ),
        Msg::StrictExamples { count, ids } => format!(
            "{count} example value(s) written by `kitei init` are still in the profile: {ids}\nhint: replace them with your facility's own (an example cannot go into approved documents)"
        ),
        Msg::HandEdited { folder, files, one } => format!(
            "edited by hand since kitei wrote {} (the hash in {folder}/manifest.json differs): {files}\n  \
             hint: put the change into the profile or a template override, then delete the edited file \
             and build again (kitei neither keeps nor overwrites a hand-edited document)",
            if one { "it" } else { "them" }
        ),
        Msg::Backwards(problem) => {
            format!("{problem}\n  hint: give the right --date, or --allow-backdate if this is really intended")
        }
        Msg::TypesetFailed { document, message } => format!(
            "typst could not typeset `{document}`: {message}\n  hint: this is a fault of kitei; please report it with the profile and kitei's version (--format md still writes the Markdown)"
        ),
        Msg::TypesetTimeout { document, seconds } => format!(
            "typesetting `{document}` took longer than {seconds} s and was abandoned\n  hint: for a very large document (many systems or devices), --format md writes the Markdown alone"
        ),
        Msg::DocxFailed { document, cause } => format!("cannot write the Word file `{document}`: {cause}"),
        Msg::OlderGuideline { previous, version } => format!(
            "the previous build follows guideline {previous}; building for {version} would make the next 版 follow an older guideline"
        ),
        Msg::DatedBefore { id, new_version, new_date, old_version, old_date } => {
            format!("{id} 第{new_version}版 would be dated {new_date}, before 第{old_version}版 ({old_date})")
        }
        Msg::SameDate { id, new_version, old_version, date } => format!(
            "{id} 第{new_version}版 carries the same date as 第{old_version}版 ({date}); give this revision's date with --date"
        ),
        Msg::AlsoKept(formats) => {
            format!("also kept {formats} up to date: the folder already holds them (delete them to stop)")
        }
        Msg::Waiting(path) => format!("waiting: another kitei build is writing {path}"),
        Msg::WriteFailed { path, cause } => format!("cannot write {path}: {cause}"),
        // approvals
        Msg::ApprovalsIo { path, cause } => format!("cannot read or write the approvals file {path}: {cause}"),
        Msg::ApprovalSeq { expected, found } => {
            format!("approval event seq is {found}, expected {expected} (events are appended, numbered from 1)")
        }
        Msg::EffectiveBeforeApproval => "the effective date (施行日) is before the approval date".to_owned(),
        Msg::ApprovalVersionBackwards { id, version, before } => {
            format!("{id} 第{version}版 does not come after 第{before}版 of an earlier event")
        }
        Msg::ApproveOpenItems { count, ids } => format!(
            "cannot approve: the 課題一覧 has {count} undecided matter(s): {ids}\n  hint: decide them in the profile, \
             or pass --allow-open to approve with them open (they are recorded in the approval and the 改訂履歴)"
        ),
        Msg::ApproveLocalEdits { count, edits } => format!(
            "cannot approve: {count} local edit(s) are not accepted: {edits}\n  hint: review them with kitei local status \
             and accept them with kitei local accept, or pass --allow-open"
        ),
        Msg::ApproveNothing => {
            "nothing to approve: every document's current text is its approved 版 (see kitei status)".to_owned()
        }
        Msg::ApproveUnknownDocument { id, allowed } => {
            format!("--documents: {id} is not a document that can be approved\n  hint: documents: {allowed}")
        }
        Msg::ApproveUnchanged { id, version } => {
            format!("{id}: its current text is already approved as 第{version}版 (nothing to approve)")
        }
        Msg::ApproveBeforeReportedEvent { date, event, on } => format!(
            "approval date {date} is before {} ({on}), which the documents report: the 版 would state what had \
             not happened on its date\n  hint: give the right --date, or --allow-backdate if this is really intended",
            match event {
                ReportedEvent::ContractConfirmed(vendor) => format!("the role split confirmed with 「{vendor}」"),
                ReportedEvent::RestoreTested(system) => format!("the restore test of 「{system}」"),
            }
        ),
        Msg::EstablishedAfterEffective { established, effective } => format!(
            "the date of establishment (document.established: {established}) is after the effective date \
             (effective_date: {effective}): the rules would take effect before they were made, a backdated effect"
        ),
        Msg::EstablishedAfterEffectiveHint { effective } => format!(
            "make it {effective} or earlier, or remove the line (the 制定日 is recorded as the date of the first approved 版)"
        ),
        Msg::EstablishedNotFirstApproval { established, approved, file } => format!(
            "the date of establishment (document.established: {established}) is not the date of the first approval \
             in {file} (第1版, {approved}): the 制定日 is the first approved 版's date and cannot be stated twice"
        ),
        Msg::EstablishedNotApprovalDate { established, approved } => format!(
            "the first approval would be dated {approved}, but the profile's date of establishment is {established} \
             (document.established): the 制定日 is the first approved 版's date"
        ),
        Msg::EstablishedHint { approved } => format!(
            "write established: {approved} here or remove the line (to date the approval otherwise, give kitei approve another --date)"
        ),
        Msg::ApproveBeforeLast { date, last } => format!(
            "approval date {date} is before the last approval ({last})\n  hint: give the right --date, or --allow-backdate if this is really intended"
        ),
        Msg::ApprovalRecorded { path, seq } => format!("approval recorded: {path} (event {seq})"),
        Msg::ApprovedVersion { id, version } => format!("  approved: {id} 第{version}版"),
        Msg::DraftsBuilt { count } => {
            format!("  draft: {count} document(s) are drafts (marked 案; kitei approve makes them a 版)")
        }
        Msg::StatusHeader => "document                      state".to_owned(),
        Msg::StatusNeverApproved => "draft (never approved)".to_owned(),
        Msg::StatusApproved => "approved".to_owned(),
        Msg::StatusDraftOf => "draft differs from the approved 版".to_owned(),
        Msg::StatusRegister => "register (a record as of its 基準日; no approval, no 版)".to_owned(),
        Msg::StatusApprovedOn => "approved".to_owned(),
        Msg::StatusEffectiveOn => "in force".to_owned(),
        Msg::StatusSummary { drafts, open_items, local_edits } => format!(
            "{drafts} document(s) awaiting approval, {open_items} undecided matter(s), {local_edits} local edit(s) not accepted"
        ),
        // output safety
        Msg::NotKiteis(path) => format!(
            "{path} was not written by kitei (manifest.json does not list it) and kitei would replace it\n  hint: move it out of the folder and build again"
        ),
        Msg::LockNotAFile(path) => format!(
            "the build lock {path} is not a regular file (a symlink, a FIFO…)\n  hint: remove it and build again"
        ),
        Msg::SwapRecovered(path) => {
            format!("put back the output a killed build had moved aside at {path} (版 and history go on)")
        }
        Msg::DiffOverwritesInput(path) => {
            format!("the output {path} is one of the compared inputs; give another folder with -o so no input is overwritten")
        }
        Msg::InitSymlink(path) => format!(
            "{path} is a symlink; kitei does not write through it, even with --force\n  hint: give the path of a regular file with -o"
        ),
        Msg::ExportBlocked(problems) => format!("these files cannot be written, so nothing was written:\n{problems}"),
        Msg::ExportExists(path) => {
            format!("  {path}: already there (an override you may have edited; --force overwrites it)")
        }
        Msg::ExportNotAFolder(path) => format!("  {path}: a file, where a folder is needed"),
        Msg::ExportIsAFolder(path) => format!("  {path}: a folder, where a template goes"),
        Msg::LocalMarker { marker } => format!(
            "`{marker}` is kitei's marker and cannot be written in a local edit (articles, chapters, 附則 and what a place meets are kitei's)\n  hint: cite another article with [[ref:label]]; a blank line starts a 項, [[item]] at a line's start a 号"
        ),
        Msg::LocalLabel(label) => format!(
            "the label `{label}` has characters labels cannot have (lower-case letters, digits, `-` and `_`, at most 64, starting with a letter or digit)"
        ),
        Msg::TemplateTooLarge { template, megabytes, limit } => format!(
            "template `{template}` produced {megabytes} MB, over the limit of {limit} MB (check its loops and string concatenation)"
        ),
        Msg::OutOfMemory(work) => format!(
            "{work} used too much memory and was stopped (check the template's loops and string concatenation); no output folder was changed"
        ),
        Msg::WordingTooLong { key, limit } => {
            format!("`{key}` in wording.yaml is longer than {limit} characters (a document's wording is short sentences)")
        }
        Msg::WordingMarker { key, marker } => format!(
            "`{key}` in wording.yaml carries kitei's marker `{marker}` (articles, chapters, 附則 and coverage are kitei's; change only the words)"
        ),
        Msg::TooMany { key, count, limit } => {
            format!("`{key}` has {count} entries, over the limit of {limit} (split the profile)")
        }
        Msg::AreasHeading => "areas for vendors[].contract.covers (rows of the 責任分界表):".to_owned(),
        Msg::Error => "error".to_owned(),
        Msg::Warning => "warning".to_owned(),
        Msg::Help => "help".to_owned(),
        // records and vendor answers (issue 19)
        Msg::RecordBadId(id) => format!("record id `{id}` cannot be used"),
        Msg::RecordBadIdHint => "use letters, digits, `-` and `_` only (for example training-2026-10-15)".to_owned(),
        Msg::RecordDuplicateId(id) => format!("record id `{id}` is used twice"),
        Msg::RecordDuplicateIdHint => "give each record its own id (correct a record with a new one that supersedes it)".to_owned(),
        Msg::RecordUnknownScope(value) => format!("the profile has no asset, system or vendor `{value}`"),
        Msg::RecordScopeNear(near) => format!("did you mean `{near}`?"),
        Msg::RecordScopeKnown(known) => format!("known (asset names, system and vendor keys): {known}"),
        Msg::RecordUnknownSupersedes(id) => format!("supersedes names `{id}`, which is not an earlier record"),
        Msg::RecordUnknownSupersedesHint => "write the id of the record this one corrects (it must come earlier in the file)".to_owned(),
        Msg::RecordPeriodReversed(id) => format!("record `{id}`: period ends (to) before it starts (from)"),
        Msg::RecordNeeds { id, kind, field } => format!("record `{id}` ({kind}) has no `{field}`"),
        Msg::RecordsHeader => "# Records of what was done (training, drills, restore tests, reviews, patches, audits, vendor answers).\n# Append only: correct a record with a new one that supersedes it.\n".to_owned(),
        Msg::RecordsNotAppendable => "records: is not a block list (each entry a `  - id: …` line), so no entry can be appended".to_owned(),
        Msg::RecordAppended { path, id } => format!("appended record {id} to {path}"),
        Msg::RecordNeedsKind => "name the kind of record (training, restore-test, …) or give --vendor-answers FILE.xlsx".to_owned(),
        Msg::RecordNeedsOption(option) => format!("{option} is required"),
        Msg::ChecklistUnconfirmed(items) => format!("items are still 未確認 (no evidence), so the checklist cannot be final: {items} (record what was done, or confirm and record it)"),
        Msg::UnknownVendor { vendor, known } => format!("the profile has no vendor `{vendor}` (vendor keys: {known})"),
        Msg::VendorFormWritten(vendor) => format!("wrote the 事業者確認用 for {vendor}"),
        Msg::VendorFileTooLarge(limit) => format!("the answers file is larger than {limit} MB; a 事業者確認用 is far smaller"),
        Msg::VendorFileNotXlsx => "the answers file cannot be read as an Excel workbook (.xlsx)".to_owned(),
        Msg::VendorZipBomb => "a part of the answers file expands implausibly far; it is not read".to_owned(),
        Msg::VendorSheetMissing(sheet) => format!("the answers file has no sheet 「{sheet}」 (it is not an issued 事業者確認用)"),
        Msg::VendorMetaMismatch { what, cell } => format!("{cell}: the {what} does not match the form issued for this facility, vendor and edition"),
        Msg::VendorUnknownItem(cell) => format!("{cell}: this edition has no such item"),
        Msg::VendorDuplicateItem(cell) => format!("{cell}: the item is listed twice"),
        Msg::VendorMissingRow(cell) => format!("{cell}: the row of an issued item is missing (deleted or moved)"),
        Msg::VendorTextChanged(cell) => format!("{cell}: the item text differs from the issued form"),
        Msg::VendorFormula(cell) => format!("{cell}: holds a formula; type はい or いいえ into the answer cells"),
        Msg::VendorMerged(cell) => format!("{cell}: merged cells; the form's cells must not be merged"),
        Msg::VendorTooManyRows { sheet, max } => format!("sheet 「{sheet}」 has more than {max} rows"),
        Msg::VendorBadAnswer(cell) => format!("{cell}: the answer must be はい or いいえ"),
        Msg::VendorBadDate(cell) => format!("{cell}: not a date (2026-10-01 or 令和8年10月1日)"),
        Msg::VendorReissueHint => "issue the form again (kitei checklist PROFILE --vendor-form VENDOR) and ask for new answers".to_owned(),
        Msg::VendorAnswersRecorded { vendor, yes, no, waiting } => format!("recorded the answers of {vendor} (はい {yes}, いいえ {no}, awaiting {waiting})"),
        Msg::Portfolio(message) => portfolio::english(message),
        Msg::Command(message) => commands::english(message),
        Msg::ProfileNotYaml(path) => {
            format!("{path} is not a profile (a profile is a .yaml or .yml file; its content was not read)")
        }
    }
}

/// clap's parse error in Japanese (clap speaks English only), or `None` to let clap print it
/// (`--help`, `--version`, or in English).
pub fn command_line_error(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if current() == Lang::En {
        return None;
    }
    let context = |kind| error.get(kind).map(ToString::to_string).unwrap_or_default();
    let problem = match error.kind() {
        ErrorKind::UnknownArgument => format!("`{}` というオプションはありません", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("`{}` というコマンドはありません", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => format!(
            "{} に `{}` は指定できません（使える値: {}）",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("{} を指定してください", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "コマンドを指定してください".to_owned(),
        ErrorKind::ValueValidation => format!(
            "{} の値 `{}` が正しくありません",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("引数 `{}` はここでは使えません", context(ContextKind::InvalidArg))
        }
        _ => return None,
    };
    Some(format!("エラー: {problem}\n\n使い方は `--help` で確認できます"))
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
    /// An entry of `systems`.
    System,
    /// An entry of `assets`, by its name.
    Asset,
    /// A segment of `network.segments`, by its name.
    Segment,
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

/// Why a file could not be written or created, in words: never 「読む権限がありません」 for a
/// write (the system's own text is English).
pub fn write_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let ja = current() == Lang::Ja;
    match error.kind() {
        ErrorKind::NotFound if ja => "フォルダがありません".to_owned(),
        ErrorKind::PermissionDenied if ja => "書き込む権限がありません".to_owned(),
        ErrorKind::IsADirectory if ja => "同じ名前のフォルダがあります".to_owned(),
        ErrorKind::StorageFull if ja => "ディスクの空きがありません".to_owned(),
        ErrorKind::ReadOnlyFilesystem if ja => "読み取り専用の場所です".to_owned(),
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
    ("mapping start", "a mapping", "「項目: 値」の並び"),
    ("sequence start", "a list", "リスト（`- ` で始まる行）"),
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

/// `--help` in Japanese: (command path, argument id or "" for the command itself, text). The path
/// is the subcommands' names (`guideline toc`), "" for kitei itself, `*` for every command.
/// Defaults are added by [`localize`]; values with their own help are described here.
const HELP_JA: &[(&str, &str, &str)] = &[
    ("", "", "施設のプロファイルから、医療情報システムの安全管理に関するガイドラインに沿った情報セキュリティ規程類を作成します。"),
    ("*", "lang", "表示の言語（ja: 日本語、en: English。省略時はロケールに従う）"),
    ("*", "help", "ヘルプを表示する"),
    ("*", "version", "バージョンを表示する"),
    ("help", "", "このヘルプ、または指定したコマンドのヘルプを表示する"),
    ("help", "subcommand", "ヘルプを表示するコマンド"),
    ("approve", "", "現在の案を次の版として承認し、承認記録（プロファイルの隣の <名前>.approvals.yaml）に追記して、承認済みの規程類を作成する"),
    ("approve", "profile", "施設のプロファイル"),
    ("approve", "by", "承認する職（院長など）又はプロファイルの people の ID（職と氏名を記録する）"),
    ("approve", "date", "承認日（2026-04-01 又は 令和8年4月1日）"),
    ("approve", "effective", "施行日（省略時は承認日。承認日より前は不可）"),
    ("approve", "documents", "承認する文書の ID（カンマ区切り。省略時は案のすべて）"),
    ("approve", "allow_open", "未決事項や確認していない独自の修正が残っていても承認する（それらを承認記録に残す）"),
    ("approve", "reason", "改正の理由（改訂履歴の「理由」。省略時は変わった事柄から作る）"),
    ("approve", "output", "出力フォルダ（省略時は out）"),
    ("approve", "format", "出力の形式（md、pdf、typ、docx）"),
    ("approve", "allow_backdate", "前回の承認より前の日付の承認を認める"),
    ("approve", "guideline", "ガイドラインの版（省略時は出力フォルダの案が従う版、なければプロファイルの指定）"),
    ("approve", "templates", "様式の差し替えフォルダ（省略時はプロファイルの隣の templates/）"),
    ("status", "", "文書ごとに承認済みの版と日付、現在の案が承認済みの版と違うか、未決事項と未確認の独自の修正の数を示す。承認待ちの案があれば終了コード 1"),
    ("status", "profile", "施設のプロファイル"),
    ("status", "output", "出力フォルダ（省略時は out。以前の kitei で作った版を読む）"),
    ("status", "format", FORMAT_JA),
    ("build", "", "1施設または複数施設の規程類（Markdown と PDF）を作成する"),
    ("build", "profiles", "作成するプロファイル: ファイル、フォルダ（中の .yaml すべて）またはグロブ。省略時は同梱のサンプル"),
    ("build", "output", "出力フォルダ。各施設は <DIR>/<施設ID>/ に書き出す"),
    ("build", "format", "書き出す形式（md: Markdown、pdf: PDF、typ: PDF の typst ソース、docx: Word。大文字小文字は区別しない。出力フォルダに既にある形式も更新する）"),
    ("build", "date", "この改定の日付（2026-10-01 や 令和8年10月1日）。省略時はプロファイルの施行日"),
    ("build", "guideline", "準拠するガイドラインの版（6.0、7.0 など）。省略時はプロファイルの指定"),
    ("build", "templates", "様式の差し替えフォルダ（省略時はプロファイルの隣の templates/）"),
    ("build", "strict", "どの文書も満たしていない必須の遵守事項があれば失敗にする"),
    ("build", "jobs", "同時に作成する施設の数（省略時・上限はコア数）"),
    ("build", "allow_backdate", "前の版より前の日付や、前回より古いガイドラインの版での改定を認める"),
    ("build", "shard", "N分割のうち K 番目だけを作成する（例: 2/4）。ファイル名のハッシュで決まるため、N台が同じプロファイルを受け取れば各施設はちょうど1回作成される"),
    ("build", "set_guideline", "--guideline と共に: 作成に成功したら、各プロファイルの guideline: の行をその版に書き換える（付けないと、別の版を書いたプロファイルは止まる）"),
    ("check", "", "プロファイルを検証し、参照パターンと適用される遵守事項を表示する"),
    ("check", "profile", "検証するプロファイル"),
    ("check", "format", FORMAT_JA),
    ("check", "guideline", "ガイドラインの版（省略時はプロファイルの指定）"),
    ("init", "", "状況に合ったコメント付きのプロファイル雛形を書き出す"),
    ("init", "output", "書き出すファイル（省略時は標準出力）"),
    ("init", "hosting", "医療情報を扱うシステムの置き場所（on-premises: 施設内で保有・運用、cloud: クラウドサービス）"),
    ("init", "dedicated_staff", "システムの運用を専任で担う職員がいるか（yes / no）"),
    ("init", "e_signature", "法令で求められる記名押印・署名を電子署名で行うか（yes / no）"),
    ("init", "scanning", "紙の記録をスキャンして電子的に保存するか（yes / no）"),
    ("init", "force", "既にあるファイルを上書きする"),
    ("areas", "", "事業者との契約が担う分野（vendors[].contract.covers に書ける語）を一覧する"),
    ("areas", "version", "ガイドラインの版"),
    ("areas", "format", FORMAT_JA),
    ("schema", "", "プロファイルの JSON Schema を表示する（エディタの補完・検証用）"),
    ("schema", "manifest", "代わりに出力フォルダの manifest.json の JSON Schema を表示する"),
    ("schema", "check", "代わりに kitei check --format json の出力の JSON Schema を表示する"),
    ("report", "", "作成済みの全施設の状況一覧（参照パターン、未決事項、目標日付き事項、要確認の独自修正）を出力フォルダから作る"),
    ("report", "folders", "kitei build の出力フォルダ（out/ や、分割して作成した各フォルダ。施設のフォルダ単体も可）"),
    ("report", "format", "形式（md、csv、json、html。複数はカンマ区切り）"),
    ("report", "output", "書き出すファイル（形式が一つのとき）またはフォルダ（形式ごとに report.<形式>）。省略時は表示"),
    ("report", "date", "期限切れを判断する基準日（省略時は最も新しい作成日）"),
    ("guideline", "", "ガイドラインの目次・項目・版の間の変更を見る"),
    ("guideline toc", "", "各編の目次を表示する"),
    ("guideline toc", "version", "ガイドラインの版"),
    ("guideline toc", "format", FORMAT_JA),
    ("guideline diff", "", "2つの版の間の遵守事項の変更を一覧する（例: kitei guideline diff 6.0 7.0）"),
    ("guideline diff", "old", "前の版"),
    ("guideline diff", "new", "後の版"),
    ("guideline diff", "profile", "この施設に適用されるものだけを、変更が及ぶ文書・条とともに表示する"),
    ("guideline diff", "format", FORMAT_JA),
    ("guideline show", "", "章・節・遵守事項を表示する（例: management.15、control.14.1、management.15-4）"),
    ("guideline show", "id", "表示する章・節・遵守事項の ID"),
    ("guideline show", "version", "ガイドラインの版"),
    ("guideline show", "format", FORMAT_JA),
    ("guideline stats", "", "編・出典ごとの遵守事項の数と、公表本文と照合済みの数を表示する"),
    ("guideline stats", "version", "ガイドラインの版"),
    ("guideline stats", "format", FORMAT_JA),
    ("diff", "", "2つの版の文書を新旧対照表にする（終了コード 0: 同一、1: 差分あり）"),
    ("diff", "old", "旧版: Markdown の文書か施設の出力フォルダ（--versions のときは履歴を比べる出力フォルダ）"),
    ("diff", "new", "新版: Markdown の文書か出力フォルダ（--versions のときは省略）"),
    ("diff", "versions", "出力フォルダの履歴から2つの版を比べる（例: --versions 1,2）"),
    ("diff", "document", "この文書だけを比べる（出力フォルダのとき。例: operations-regulation）"),
    ("diff", "output", "対照表を表示せず、--format の形式でこのフォルダに書き出す"),
    ("diff", "full", "変更のない条も（略）とせず全文を表示する"),
    ("diff", "format", "--output で書き出す形式（md、pdf、docx）"),
    ("diff", "templates", "文書を書いたときの様式の差し替えフォルダ（その wording.yaml の条・項の書き方で条を見分ける）"),
    ("check", "date", "期限のある義務（二要素認証の導入時期など）を判断する基準日（省略時はプロファイルの施行日）"),
    ("checklist", "", "厚生労働省の年次サイバーセキュリティ対策チェックリストを、プロファイルと規程類から記入する（Markdown、PDF、XLSX）"),
    ("checklist", "profile", "施設のプロファイル"),
    ("checklist", "edition", "チェックリストの年度版（R7、R8）"),
    ("checklist", "date", "確認日（省略時はプロファイルの施行日）"),
    ("checklist", "output", "出力フォルダ（省略時は out/<施設ID>/checklist）"),
    ("checklist", "compare", "この年度版から追加・変更された項目も示す"),
    ("checklist", "final", "提出用: 未確認の項目が残っていれば何も書かずに失敗する（終了コード 1）"),
    ("checklist", "vendor_form", "この事業者（vendors の key）の空の事業者確認用（XLSX と PDF）を作成する"),
    ("record", "", "実施したこと（研修、リストアテストなど）や事業者の回答を、プロファイルの隣の記録ファイルに追記する"),
    ("record", "profile", "施設のプロファイル"),
    ("record", "kind", "記録の種類（training、drill、restore-test、log-review、account-review、patch、audit、2fa、attestation）"),
    ("record", "date", "実施した日（2026-10-01 や 令和8年10月1日）"),
    ("record", "by", "実施した者の役職（事務長、システム管理者など）"),
    ("record", "name", "実施した者の氏名（任意）"),
    ("record", "scope", "対象: 機器の名称、systems 又は vendors の key（カンマ区切り。省略時は施設全体）"),
    ("record", "result", "結果（pass: 問題なし、fail: 問題あり、partial: 一部に問題あり）"),
    ("record", "findings", "所見・指摘事項"),
    ("record", "attendees", "参加者数（研修・訓練）"),
    ("record", "scenario", "想定した事態（訓練）"),
    ("record", "patch_level", "適用したパッチの水準"),
    ("record", "period", "確認の対象期間（FROM,TO）"),
    ("record", "items", "確認したチェックリストの項目キー（attestation。カンマ区切り）"),
    ("record", "supersedes", "この記録が訂正する前の記録の id"),
    ("record", "vendor_answers", "事業者が記入して返送した事業者確認用（.xlsx）を取り込む"),
    ("schema", "records", "プロファイルではなく記録ファイル（<プロファイル>.records.yaml）の JSON Schema を表示する"),
    ("checklist", "guideline", "ガイドラインの版（省略時は --out にある前回の作成の版、なければプロファイルの指定）"),
    ("checklist", "out", "前回の作成の出力フォルダ（<施設ID>/manifest.json の版を使う。省略時は out）"),
    ("serve", "", "ブラウザで規程類を作成・確認・ダウンロードする（このパソコンだけで開くローカルの画面）"),
    ("serve", "profile", "プロファイル、またはそれを置くフォルダ（省略時は現在のフォルダ。プロファイルがなければ最初の質問から作る）"),
    ("serve", "port", "127.0.0.1 で待ち受けるポート番号（0: 空いている番号）"),
    ("serve", "no_open", "ブラウザを開かない（アドレスを表示するだけ）"),
    ("local", "", "施設独自の条文の修正（プロファイルの隣の local/<文書>.yaml）を確認し、承認する"),
    ("local status", "", "各修正の状態（承認済み・未承認・元の条文が変わったもの）を、元の条文の旧・新と施設の文とで示す。確認が必要な修正があれば終了コード 1"),
    ("local status", "profile", "施設のプロファイル"),
    ("local status", "guideline", "ガイドラインの版（省略時は --out にある前回の作成の版、なければプロファイルの指定）"),
    ("local status", "out", "前回の作成の出力フォルダ（<施設ID>/manifest.json の版を使う。省略時は out）"),
    ("local status", "templates", "様式の差し替えフォルダ（省略時はプロファイルの隣の templates/）"),
    ("local accept", "", "確認した修正について、現在の元の条文を承認済みとして記録する（以後の作成で警告せず、--strict も通る）"),
    ("local accept", "profile", "施設のプロファイル"),
    ("local accept", "guideline", "ガイドラインの版（省略時は --out にある前回の作成の版、なければプロファイルの指定）"),
    ("local accept", "out", "前回の作成の出力フォルダ（<施設ID>/manifest.json の版を使う。省略時は out）"),
    ("local accept", "templates", "様式の差し替えフォルダ（省略時はプロファイルの隣の templates/）"),
    ("local accept", "labels", "承認する条のラベル"),
    ("local accept", "all", "すべての修正を承認する"),
    ("templates", "", "組み込みの様式。ファイル単位で差し替えるときの出発点"),
    ("templates export", "", "組み込みの様式を DIR（省略時は templates/）に書き出す。条単位の変更には、改版後も残る local/<文書>.yaml を使うこと"),
    ("templates export", "dir", "書き出すフォルダ"),
    ("templates export", "force", "既にあるファイルを上書きする"),
    ("completions", "", "シェルの補完スクリプトを表示する"),
    ("completions", "shell", "シェル（bash、elvish、fish、powershell、zsh）"),
];

const FORMAT_JA: &str = "出力の形式（text: 人が読む形、json: プログラム用でキーは変わらない）";

/// The command line's help, in the current language.
pub fn localize(command: clap::Command) -> clap::Command {
    localize_for(command, current())
}

fn localize_for(mut command: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return command;
    }
    // Building first adds clap's own `--help`, `--version` and `help`, which are translated too.
    command.build();
    localize_command(command, "", "")
}

/// Translates `command` (at `path` in [`HELP_JA`]) and its subcommands, found under `children`:
/// clap's `help` mirrors its parent's subcommands, which read as they do there.
fn localize_command(mut command: clap::Command, path: &str, children: &str) -> clap::Command {
    let entry = |arg: &str| {
        HELP_JA
            .iter()
            .find(|(p, a, _)| *p == path && *a == arg)
            .or_else(|| HELP_JA.iter().find(|(p, a, _)| *p == "*" && *a == arg))
    };
    if let Some((_, _, about)) = entry("") {
        command = command.about(*about).long_about(None::<&str>);
    }
    let layout = template(&command);
    command = command.help_template(layout);
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let Some((_, _, help)) = entry(&id) else { continue };
        command = command.mut_arg(&id, |arg| {
            let defaults: Vec<String> =
                arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            let help = if defaults.is_empty() || !arg.get_action().takes_values() {
                (*help).to_owned()
            } else {
                format!("{help}［既定: {}］", defaults.join(","))
            };
            arg.help(help).long_help(None::<&str>).hide_default_value(true).hide_possible_values(true)
        });
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub_path = if children.is_empty() { name.clone() } else { format!("{children} {name}") };
        command = if name == "help" {
            // clap's own `help` reads the same under every command.
            command.mut_subcommand(&name, |sub| localize_command(sub, "help", children))
        } else {
            command.mut_subcommand(&name, |sub| localize_command(sub, &sub_path, &sub_path))
        };
    }
    command
}

/// clap's help layout with Japanese headings, each shown only when the command has such entries.
fn template(command: &clap::Command) -> String {
    let mut template = "{about-with-newline}\n使い方: {usage}\n".to_owned();
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        template.push_str("\nコマンド:\n{subcommands}\n");
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        template.push_str("\n引数:\n{positionals}\n");
    }
    if command.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        template.push_str("\nオプション:\n{options}\n");
    }
    template.push_str("{after-help}");
    template
}

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
    fn the_screens_of_serve_are_japanese_unless_english_is_asked_for() {
        let args = |list: &[&str]| -> Vec<std::ffi::OsString> { list.iter().map(Into::into).collect() };
        assert_eq!(from_arguments(&args(&["kitei", "serve", "--no-open"])), Lang::Ja);
        assert_eq!(from_arguments(&args(&["kitei", "--lang", "en", "serve"])), Lang::En);
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

    /// Words that show an English sentence (identifiers and file formats are not sentences).
    const ENGLISH: &[&str] =
        &["the", "of", "to", "and", "is", "for", "this", "with", "an", "Print", "Usage", "Options"];

    fn english_in(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| ENGLISH.contains(word)).collect()
    }

    #[test]
    fn every_command_and_option_has_japanese_help() {
        fn walk(command: &mut clap::Command, path: &str) {
            let help = command.render_long_help().to_string();
            assert!(english_in(&help).is_empty(), "{path}: {help}");
            for sub in command.get_subcommands_mut() {
                let path = format!("{path} {}", sub.get_name());
                walk(sub, &path);
            }
        }
        let mut command = localize_for(<crate::cmd::Cli as clap::CommandFactory>::command(), Lang::Ja);
        walk(&mut command, "kitei");
        let mut english = <crate::cmd::Cli as clap::CommandFactory>::command();
        assert!(!english_in(&english.render_long_help().to_string()).is_empty(), "the check sees English");
    }

    #[test]
    fn every_diagnostic_has_a_japanese_text() {
        let kinds = ["u32", "bool", "a sequence", "struct Facility", "a date (2026-04-01)"];
        let messages = [
            Msg::FullWidthIndent,
            Msg::YamlTag("binary"),
            Msg::ValueTooLong { chars: 2000, max: 1000 },
            Msg::InvisibleChar { code: 0x202e, what: "a bidirectional control that reorders text" },
            Msg::InvisibleChar { code: 0x1b, what: "ESCAPE, a terminal control sequence" },
            Msg::AliasBomb,
            Msg::ImplausibleYear { year: 1900, written: "1900-01-01", first: 1989, last: 2099 },
            Msg::NotOnCalendar("2026-02-30"),
            Msg::NotADate("April 1"),
            Msg::ExtendsTooDeep(8),
            Msg::BaseNotYaml("/etc/passwd"),
            Msg::BaseUnreadable { written: "base.yaml", cause: &io_reason(&std::io::ErrorKind::NotFound.into()) },
            Msg::BaseNotFile("dir.yaml"),
            Msg::BaseOutside { written: "../base.yaml", env: "KITEI_BASES" },
            Msg::NotAMapping,
            Msg::BadFacilityId("a b"),
            Msg::NoSystems,
            Msg::MonthOutOfRange(13),
            Msg::TransportWithoutRemote("acme"),
            Msg::TransportWithoutRemoteHint,
            Msg::VpnPeerNotOne("保守用VPNルータ"),
            Msg::ExitWithoutInternet,
            Msg::InternetExitMissing { place: "p.yaml:3", cause: "x" },
            Msg::ExitCause { kind: 0, name: "" },
            Msg::ExitCause { kind: 1, name: "クラウド電子カルテ" },
            Msg::ExitCause { kind: 2, name: "VPNルータ" },
            Msg::UnknownRef { kind: RefKind::Asset, value: "受付PC" },
            Msg::UnknownRef { kind: RefKind::Segment, value: "事務系" },
            Msg::OwnDeputy("sato"),
            Msg::ListedTwice { key: "rececon", list: "systems" },
            Msg::UnknownRef { kind: RefKind::Vendor, value: "acme" },
            Msg::RefDidYouMean { near: "sato", list: "people", names: "sato, suzuki" },
            Msg::CannotRead { path: "p.yaml", cause: "ファイルがありません" },
            Msg::NotRegularFile,
            Msg::TooLarge(4),
            Msg::NotUtf8("p.yaml"),
            Msg::UnknownGuideline { version: "5.0", available: "6.0, 7.0" },
            Msg::ExampleLeft { place: "p.yaml:3", value: "例）みどり内科" },
        ];
        let hints = [
            Msg::FullWidthIndentHint,
            Msg::YamlTagHint,
            Msg::ValueTooLongHint,
            Msg::InvisibleCharHint,
            Msg::AliasBombHint,
            Msg::ExtendsTooDeepHint,
            Msg::BadFacilityIdHint,
            Msg::BadFileNameIdHint,
            Msg::NoSystemsHint,
            Msg::OwnDeputyHint,
            Msg::ListedTwiceHint,
            Msg::ListedTwiceNameHint,
            Msg::VpnPeerNotOneHint,
            Msg::ExitWithoutInternetHint,
            Msg::RefListEmpty("vendors"),
        ];
        let kinds = kinds.iter().flat_map(|k| [Msg::Expected { expected: k, found: "x" }, Msg::ExpectedHint(k)]);
        for message in messages.into_iter().chain(hints).chain(kinds) {
            let (ja, en) = (japanese(message), english(message));
            assert!(english_in(&ja).is_empty(), "{ja}");
            assert!(!ja.is_ascii(), "{ja}");
            assert_ne!(ja, en);
        }
    }
}
