//! Typesetting, part of emit: a composed document becomes a PDF, in-process.
//!
//! The Markdown body is converted to typst markup ([`markup`]), wrapped in kitei's page design
//! (A4, cover page, 目次, 明朝 body, ゴシック headings, running header, page N / M) and compiled
//! in a [`world::SealedWorld`]. Every value from the profile enters the typst source either as
//! escaped markup or as a string literal; nothing a facility writes can run as typst code.

pub(crate) mod diagram;
pub(crate) mod markup;
pub(crate) mod picture;
pub(crate) mod world;

use std::time::Duration;

use thiserror::Error;

use crate::bounded::{self, Abandoned};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::render::document::Document;
use crate::w;
use markup::{document_to_typst, escape, string_literal};
use world::SealedWorld;

/// How long one document may take before kitei gives up on it.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(60);

/// Why typesetting failed.
#[derive(Debug, Error)]
pub(crate) enum TypesetError {
    /// typst reported errors.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::TypesetFailed { document, message }))]
    Compile {
        /// Document id.
        document: String,
        /// typst's messages.
        message: String,
    },
    /// The compile did not finish in time.
    #[error("{}", crate::i18n::text(crate::i18n::Msg::TypesetTimeout { document, seconds: *seconds }))]
    Timeout {
        /// Document id.
        document: String,
        /// Limit.
        seconds: u64,
    },
}

/// What the cover page and running header show.
#[derive(Debug, Clone)]
pub(crate) struct Cover {
    /// Stable id (the PDF identifier is derived from it).
    pub ident: String,
    /// Document title.
    pub title: String,
    /// Facility name.
    pub facility: String,
    /// Rows of the cover table: (項目, 内容).
    pub rows: Vec<(String, String)>,
    /// The document date (typst's `today`).
    pub date: chrono::NaiveDate,
    /// The mark of a 案 (draft), printed large behind every page and in the running header;
    /// empty for an approved 版 or a register.
    pub draft_mark: String,
    /// The facility's wording (the 目次 heading).
    pub wording: &'static crate::wording::Wording,
}

/// Typesets `markdown` (the document body) with `cover` into PDF bytes.
pub(crate) fn typeset(cover: &Cover, markdown: &str) -> Result<Vec<u8>, TypesetError> {
    typeset_with_figures(cover, &Document::parse(markdown, cover.wording), &[])
}

/// Typesets like [`typeset`], drawing each `(name, typst code)` figure where the body has the
/// template marker `<!-- figure:name -->`.
pub(crate) fn typeset_with_figures(
    cover: &Cover,
    document: &Document,
    figures: &[(String, String)],
) -> Result<Vec<u8>, TypesetError> {
    compile_with_timeout(&cover.ident, typst_source_with_figures(cover, document, figures), cover.date)
}

/// The typst source of [`typeset_with_figures`].
pub(crate) fn typst_source_with_figures(cover: &Cover, document: &Document, figures: &[(String, String)]) -> String {
    markup::with_figures(&typst_source(cover, document), figures)
}

/// Compiles a complete typst source that kitei generated (e.g. a 新旧対照表) into PDF bytes,
/// in a worker thread that is abandoned if it runs past the time limit.
pub(crate) fn compile_with_timeout(
    ident: &str,
    source: String,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, TypesetError> {
    let owned = ident.to_owned();
    let work = move || compile_pdf(&owned, source, date);
    let document = ident.to_owned();
    match bounded::run(format!("typeset {ident}"), 64 * 1024 * 1024, COMPILE_TIMEOUT, work) {
        Ok(result) => result,
        Err(Abandoned::TimedOut) => Err(TypesetError::Timeout { document, seconds: COMPILE_TIMEOUT.as_secs() }),
        Err(Abandoned::NotStarted) => {
            Err(TypesetError::Compile { document, message: "no thread could be started for the typesetter".to_owned() })
        }
        Err(Abandoned::Died) => Err(TypesetError::Compile {
            document,
            message: "the typesetter stopped unexpectedly (a bug in kitei or typst)".to_owned(),
        }),
    }
}

/// The complete typst source for a document (also what `kitei build --format typ` writes).
///
/// The facility's name is set last, as the document's author (a set rule applies to what follows
/// it, here nothing, while the PDF's metadata still gets it), and reaches the running header
/// through a `metadata` on the cover: so no style that every paragraph carries names the
/// facility. typst memoizes layout by the content *and its styles*; with the name out of the
/// styles, a batch lays out the paragraphs, tables and headings its facilities share once.
pub(crate) fn typst_source(cover: &Cover, document: &Document) -> String {
    let mut source = preamble(cover, wants_outline(&document.markdown, cover.wording));
    let contents = w!(cover.wording, "typeset.contents_heading").strip_prefix("## ");
    source.push_str(&document_to_typst(document, contents));
    if !source.ends_with('\n') {
        source.push('\n');
    }
    source.push_str(&format!("#set document(author: {})\n", string_literal(&cover.facility)));
    source
}

/// Lays out a complete typst source of kitei's in the sealed world; typst's errors become one
/// [`TypesetError::Compile`] for `ident`.
fn layout(ident: &str, source: String, date: chrono::NaiveDate) -> Result<PagedDocument, TypesetError> {
    let world = SealedWorld::new(source, date);
    typst::compile(&world).output.map_err(|e| compile_error(ident, &e))
}

/// typst's diagnostics as one error.
fn compile_error(ident: &str, diagnostics: &[typst::diag::SourceDiagnostic]) -> TypesetError {
    TypesetError::Compile {
        document: ident.to_owned(),
        message: diagnostics.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; "),
    }
}

fn compile_pdf(ident: &str, source: String, date: chrono::NaiveDate) -> Result<Vec<u8>, TypesetError> {
    let large = is_large(&source);
    let document = layout(ident, source, date)?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("kitei {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| compile_error(ident, &e));
    // typst memoizes across compiles; without eviction a batch of hundreds of documents keeps
    // every intermediate result (gigabytes). Entries unused for CACHE_MAX_AGE compiles go, and a
    // large document's go at once: they are hundreds of MB that no other document shares (a
    // profile of 1,000 systems peaked at 1.6 GB keeping them, under 1 GB without).
    typst::comemo::evict(if large { 0 } else { CACHE_MAX_AGE });
    pdf
}

/// How many compiles a memoized typst result survives without being used: about two facilities'
/// documents (13 and the checklist's), so that in a batch the next facility's same document finds
/// the layout of every paragraph, table and heading it shares (all but those naming the facility;
/// see [`typst_source`]). Each document's entries are used again about once a facility, however
/// many facilities run at once. Measured on 20 clinics: 4 compiles kept 290 MB and laid everything
/// out again; 32 keep 370 MB and take a third less CPU; 64 kept 450 MB for nothing more.
const CACHE_MAX_AGE: usize = 32;

/// Whether a document's text (Markdown or typst source) is large enough to be typeset alone and
/// leave no memoized results behind. The samples' largest document (the 運用管理規程) is under
/// 80 KB; a facility with hundreds of systems reaches megabytes.
pub(crate) fn is_large(text: &str) -> bool {
    text.len() > 256 * 1024
}

const MINCHO: &str = "\"BIZ UDPMincho\"";
const GOTHIC: &str = "\"BIZ UDPGothic\"";

/// kitei's page design. Values enter only as string literals.
///
/// Justified text breaks lines greedily (`linebreaks: "simple"`): in Japanese every character is
/// a break opportunity, so Knuth–Plass finds nothing better, and it took a third of the layout
/// time of the 運用管理規程.
fn preamble(cover: &Cover, outline: bool) -> String {
    let title = string_literal(&cover.title);
    let cover_title = title_lines(&cover.title);
    let outline = if outline {
        format!(
            "#outline(title: [{}], depth: 3, indent: 1.5em)\n#pagebreak()\n",
            escape(w!(cover.wording, "typeset.contents"))
        )
    } else {
        String::new()
    };
    let facility = string_literal(&cover.facility);
    let rows: String = cover.rows.iter().map(|(k, v)| cover_row(k, v)).collect();
    let (background, header_mark) = draft_marks(&cover.draft_mark);
    let cover_mark = if cover.draft_mark.is_empty() {
        String::new()
    } else {
        let mark = string_literal(&format!("【{}】", cover.draft_mark));
        format!("#align(right, text(font: {GOTHIC}, weight: \"bold\", size: 16pt, {mark}))")
    };
    format!(
        r#"#set document(title: {title}, date: none)
#set text(lang: "ja", region: "JP", font: ({MINCHO},), size: 10pt)
#set par(justify: true, linebreaks: "simple", leading: 0.85em, spacing: 1.1em)
#set smartquote(enabled: false)
#show heading: set text(font: {GOTHIC}, weight: "bold")
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): set text(size: 13.5pt)
#show heading.where(level: 3): set text(size: 12pt)
#show heading.where(level: 4): set text(size: 10.5pt)
#show heading: it => block(above: 1.4em, below: 0.8em, it)
#show strong: set text(font: {GOTHIC}, weight: "bold")
#show raw: set text(font: {GOTHIC})
#show table: set text(size: 8.5pt)
#show table: set par(justify: false, leading: 0.5em)
#set page(paper: "a4", margin: (x: 20mm, top: 24mm, bottom: 22mm), numbering: "1 / 1",{background}
  header: context {{ if here().page() > 1 {{ set text(font: {GOTHIC}, size: 8pt, fill: luma(90)); {header_mark}{title} ; h(1fr); query(<kitei-facility>).map(m => m.value).join() ; v(-4pt); line(length: 100%, stroke: 0.4pt + luma(150)) }} }},
  footer: context {{ if here().page() > 1 {{ set text(size: 8pt); align(center, counter(page).display("1 / 1", both: true)) }} }})
#page(header: none, footer: none)[
  #metadata({facility}) <kitei-facility>
  {cover_mark}
  #v(5cm)
  #align(center)[
    #text(font: {GOTHIC}, size: 14pt, {facility})
    #v(1.2em)
    #text(font: {GOTHIC}, weight: "bold", size: 22pt, {cover_title})
    #v(4em)
    #block(width: 70%)[#table(columns: (30%, 70%), align: (center, left), stroke: 0.5pt, inset: 8pt, {rows})]
  ]
]
{outline}"#
    )
}

/// A row of the cover table; an empty value is a space to sign by hand.
fn cover_row(key: &str, value: &str) -> String {
    if value.is_empty() {
        return format!("[{}], [#v(2.4em)],", string_to_content(key));
    }
    format!("[{}], [{}],", string_to_content(key), string_to_content(value))
}

/// The page background (a large, light 「案」 on every page) and the running header's prefix of a
/// draft; nothing for an approved document.
fn draft_marks(mark: &str) -> (String, String) {
    if mark.is_empty() {
        return (String::new(), String::new());
    }
    let literal = string_literal(mark);
    let bracketed = string_literal(&format!("【{mark}】"));
    let background =
        format!("\n  background: rotate(-30deg, text(font: {GOTHIC}, size: 160pt, fill: luma(235), {literal})),");
    (background, format!("text(fill: black, weight: \"bold\", {bracketed}); h(0.5em); "))
}

/// Documents shorter than this (in characters of Markdown, about six A4 pages) get no 目次 page.
const OUTLINE_MIN_CHARS: usize = 12_000;

/// Whether the PDF gets a 目次 page: not when the document has its own 目次 (a regulation lists
/// its chapters in legal form; two 目次 would be one too many), nor when it is only a few pages.
fn wants_outline(markdown: &str, wording: &crate::wording::Wording) -> bool {
    !markdown.lines().any(|l| l.trim() == w!(wording, "typeset.contents_heading"))
        && markdown.chars().count() >= OUTLINE_MIN_CHARS
}

/// The cover title as a typst expression; a long title with a parenthetical part breaks before
/// the parenthesis (「…事業継続計画」 / 「（サイバー攻撃対応）」) instead of inside a word.
fn title_lines(title: &str) -> String {
    match title.split_once('（') {
        Some((main, rest)) if title.chars().count() > 16 && !main.is_empty() => {
            format!("{} + linebreak() + {}", string_literal(main), string_literal(&format!("（{rest}")))
        }
        _ => string_literal(title),
    }
}

/// A string as a content block of escaped markup (for table cells).
fn string_to_content(text: &str) -> String {
    markup::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cover() -> Cover {
        Cover {
            ident: "test".into(),
            title: "テスト文書 \"#read\"".into(),
            facility: "試験クリニック #{panic()}".into(),
            rows: vec![("版".into(), "第1版".into())],
            date: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            draft_mark: String::new(),
            wording: crate::wording::embedded(),
        }
    }

    #[test]
    fn a_document_compiles_deterministically() {
        let a = typeset(&cover(), "## 目的\n\nこの規程は、*強調*を含む。\n").unwrap();
        let b = typeset(&cover(), "## 目的\n\nこの規程は、*強調*を含む。\n").unwrap();
        assert!(a.starts_with(b"%PDF-"));
        assert_eq!(a, b);
    }

    #[test]
    fn a_draft_is_marked_on_every_page_and_its_cover() {
        let draft = Cover { draft_mark: "案\"#x".into(), ..cover() };
        let source = typst_source(&draft, &doc("## 目的\n"));
        assert!(source.contains("background: rotate("), "{source}");
        assert!(source.contains("\"【案\\\"#x】\""), "the mark is a string literal: {source}");
        assert!(!typst_source(&cover(), &doc("## 目的\n")).contains("background:"));
        assert!(typeset(&draft, "## 目的\n").unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn short_documents_and_regulations_get_no_outline_page() {
        assert!(!wants_outline("## 目的\n\n短い文書。\n", crate::wording::embedded()));
        let long = "本文。".repeat(5000);
        assert!(wants_outline(&long, crate::wording::embedded()));
        assert!(!wants_outline(&format!("## 目次\n\n- 第1章\n\n{long}"), crate::wording::embedded()));
        assert!(typst_source(&cover(), &doc("## 目的\n")).matches("outline(").count() == 0);
    }

    fn doc(markdown: &str) -> Document {
        Document::parse(markdown, crate::wording::embedded())
    }

    #[test]
    fn articles_print_with_the_caption_above_and_the_number_starting_the_text() {
        let md = "<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は、目的を定める。\n次の行。\n\n２　二項。\n\n（１）一号。\n\n<!-- article:terms -->\n#### 第2条（定義）\n\n| 表 |\n|---|\n\n#### 第3条（見出しだけ）\n\n本文。\n";
        let out = typst_source(&cover(), &doc(md));
        let opening = "#block(below: 0.5em, sticky: true)[#h(1em)（目的）]\n#par(hanging-indent: 1em)[#strong[第1条]　この規程は、目的を定める。次の行。]";
        assert!(out.contains(opening), "{out}");
        assert!(out.contains("#par(hanging-indent: 1em)[２　二項。]"), "{out}");
        assert!(out.contains("#pad(left: 1em)[#par(hanging-indent: 3em)[（１）一号。]]"), "{out}");
        assert!(
            out.contains("#heading(level: 4)[第2条（定義）]"),
            "an article opening with a table keeps its heading: {out}"
        );
        assert!(
            out.contains("#heading(level: 4)[第3条（見出しだけ）]"),
            "a heading without an article mark is a heading: {out}"
        );
        assert!(typst::syntax::parse(&out).errors_and_warnings().0.is_empty(), "{out}");
        assert!(typeset(&cover(), md).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn an_article_a_contents_entry_links_to_keeps_its_heading_and_label() {
        let md = "## 目次\n\n- 第1条（目的）\n\n<!-- article:a -->\n### 第1条（目的）\n\n本文。\n";
        let out = typst_source(&cover(), &doc(md));
        assert!(out.contains("#heading(level: 3)[第1条（目的）]<toc-1>"), "{out}");
        assert!(typeset(&cover(), md).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_facilitys_article_form_is_printed_in_legal_form_too() {
        let yaml = "structure:\n  article_number: \"第{n}條\"\n  article_caption: \"【{title}】\"\n";
        let wording = crate::wording::embedded().with_overrides(std::path::Path::new("w.yaml"), yaml).unwrap();
        let md = "<!-- article:purpose -->\n#### 第1條【目的】\n\nこの規程は、目的を定める。\n";
        let out = typst_source(&cover(), &Document::parse(md, &wording));
        assert!(out.contains("[#h(1em)【目的】]\n#par(hanging-indent: 1em)[#strong[第1條]　この規程は"), "{out}");
    }

    #[test]
    fn the_facility_is_named_in_no_style_so_a_batch_shares_layout() {
        let (a, b) = (cover(), Cover { facility: "ひかり内科".into(), ..cover() });
        let (a, b) = (typst_source(&a, &doc("## 目的\n\n本文。\n")), typst_source(&b, &doc("## 目的\n\n本文。\n")));
        let differing: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(a.lines().count(), b.lines().count());
        // Only the cover's content (its metadata and the name printed on it) and the author, set
        // after everything else: no set or show rule that the body's paragraphs carry.
        assert_eq!(differing.len(), 3, "{differing:?}");
        assert!(differing[0].1.trim_start().starts_with("#metadata(\"ひかり内科\") <kitei-facility>"), "{differing:?}");
        assert!(differing[1].1.trim_start().starts_with("#text("), "{differing:?}");
        assert_eq!(differing[2].1, "#set document(author: \"ひかり内科\")");
        assert_eq!(b.lines().last(), Some(differing[2].1), "the author is set last");
        let pdf = typeset(&cover(), "## 目的\n\n本文。\n").unwrap();
        assert!(has_author(&pdf), "the PDF still names the facility as its author");
    }

    /// Whether a PDF's metadata names an author (typst writes it in the document information).
    fn has_author(pdf: &[u8]) -> bool {
        pdf.windows(b"/Author".len()).any(|w| w == b"/Author")
    }

    #[test]
    fn a_long_title_breaks_before_its_parenthesis() {
        let t = title_lines("医療情報システムに関する事業継続計画（サイバー攻撃対応）");
        assert!(t.contains("linebreak()") && t.contains("（サイバー攻撃対応）"), "{t}");
        assert!(!title_lines("責任分界表").contains("linebreak"));
    }

    #[test]
    fn the_fonts_are_the_embedded_japanese_faces() {
        let families = world::font_families();
        assert!(families.iter().any(|f| f == "BIZ UDPMincho"), "{families:?}");
        assert!(families.iter().any(|f| f == "BIZ UDPGothic"), "{families:?}");
    }

    #[test]
    fn the_world_hands_out_no_files() {
        let source = "#read(\"/etc/passwd\")".to_owned();
        let err = compile_pdf("x", source, cover().date).unwrap_err();
        assert!(err.to_string().contains("denied") || err.to_string().contains("access"), "{err}");
    }
}
