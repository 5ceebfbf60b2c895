//! Stage 4, typeset: a rendered document becomes a PDF, in-process.
//!
//! The Markdown body is converted to typst markup ([`markup`]), wrapped in kitei's page design
//! (A4, cover page, 目次, 明朝 body, ゴシック headings, running header, page N / M) and compiled
//! in a [`world::SealedWorld`]. Every value from the profile enters the typst source either as
//! escaped markup or as a string literal; nothing a facility writes can run as typst code.

pub mod diagram;
pub mod markup;
pub mod world;

use std::time::Duration;

use thiserror::Error;

use crate::bounded::{self, Abandoned};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use markup::{markdown_to_typst, string_literal};
use world::SealedWorld;

/// How long one document may take before kitei gives up on it.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(60);

/// Why typesetting failed.
#[derive(Debug, Error)]
pub enum TypesetError {
    /// typst reported errors.
    #[error("typst could not typeset `{document}`: {message}")]
    Compile {
        /// Document id.
        document: String,
        /// typst's messages.
        message: String,
    },
    /// The compile did not finish in time.
    #[error("typesetting `{document}` took longer than {seconds} s and was abandoned")]
    Timeout {
        /// Document id.
        document: String,
        /// Limit.
        seconds: u64,
    },
}

/// What the cover page and running header show.
#[derive(Debug, Clone)]
pub struct Cover {
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
}

/// Typesets `markdown` (the document body) with `cover` into PDF bytes.
pub fn typeset(cover: &Cover, markdown: &str) -> Result<Vec<u8>, TypesetError> {
    typeset_with_figures(cover, markdown, &[])
}

/// Typesets like [`typeset`], drawing each `(name, typst code)` figure where the body has the
/// template marker `<!-- figure:name -->`.
pub fn typeset_with_figures(
    cover: &Cover,
    markdown: &str,
    figures: &[(String, String)],
) -> Result<Vec<u8>, TypesetError> {
    compile_with_timeout(&cover.ident, typst_source_with_figures(cover, markdown, figures), cover.date)
}

/// The typst source of [`typeset_with_figures`].
pub fn typst_source_with_figures(cover: &Cover, markdown: &str, figures: &[(String, String)]) -> String {
    markup::with_figures(&typst_source(cover, markdown), figures)
}

/// Compiles a complete typst source that kitei generated (e.g. a 新旧対照表) into PDF bytes,
/// in a worker thread that is abandoned if it runs past the time limit.
pub fn compile_with_timeout(ident: &str, source: String, date: chrono::NaiveDate) -> Result<Vec<u8>, TypesetError> {
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
pub fn typst_source(cover: &Cover, markdown: &str) -> String {
    let mut source = preamble(cover);
    source.push_str(&markdown_to_typst(markdown));
    source
}

fn compile_pdf(ident: &str, source: String, date: chrono::NaiveDate) -> Result<Vec<u8>, TypesetError> {
    let world = SealedWorld::new(source, date);
    let failed = |diagnostics: &[typst::diag::SourceDiagnostic]| TypesetError::Compile {
        document: ident.to_owned(),
        message: diagnostics.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; "),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|e| failed(&e))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("kitei {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| failed(&e));
    // typst memoizes across compiles; without eviction a batch of hundreds of documents keeps
    // every intermediate result (gigabytes). Entries unused for a few compiles go.
    typst::comemo::evict(CACHE_MAX_AGE);
    pdf
}

/// How many compiles a memoized typst result survives without being used.
const CACHE_MAX_AGE: usize = 4;

const MINCHO: &str = "\"BIZ UDPMincho\"";
const GOTHIC: &str = "\"BIZ UDPGothic\"";

/// kitei's page design. Values enter only as string literals.
///
/// Justified text breaks lines greedily (`linebreaks: "simple"`): in Japanese every character is
/// a break opportunity, so Knuth–Plass finds nothing better, and it took a third of the layout
/// time of the 運用管理規程.
fn preamble(cover: &Cover) -> String {
    let title = string_literal(&cover.title);
    let facility = string_literal(&cover.facility);
    let rows: String =
        cover.rows.iter().map(|(k, v)| format!("[{}], [{}],", string_to_content(k), string_to_content(v))).collect();
    format!(
        r#"#set document(title: {title}, author: {facility}, date: none)
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
#set page(paper: "a4", margin: (x: 20mm, top: 24mm, bottom: 22mm), numbering: "1 / 1",
  header: context {{ if here().page() > 1 {{ set text(font: {GOTHIC}, size: 8pt, fill: luma(90)); {title} ; h(1fr); {facility} ; v(-4pt); line(length: 100%, stroke: 0.4pt + luma(150)) }} }},
  footer: context {{ if here().page() > 1 {{ set text(size: 8pt); align(center, counter(page).display("1 / 1", both: true)) }} }})
#page(header: none, footer: none)[
  #v(5cm)
  #align(center)[
    #text(font: {GOTHIC}, size: 14pt, {facility})
    #v(1.2em)
    #text(font: {GOTHIC}, weight: "bold", size: 22pt, {title})
    #v(4em)
    #block(width: 70%)[#table(columns: (30%, 70%), align: (center, left), stroke: 0.5pt, inset: 8pt, {rows})]
  ]
]
#outline(title: [目次], depth: 3, indent: 1.5em)
#pagebreak()
"#
    )
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
