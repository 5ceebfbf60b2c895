//! Word output: a rendered document, or a 新旧対照表, as a `.docx`.
//!
//! Japanese facilities approve and circulate their 規程 in Word. The same Markdown body the PDF is
//! typeset from becomes WordprocessingML here, from pulldown-cmark events: headings become Word's
//! 見出し 1–3, a 項 (`２　…`) and a 号 (`（１）…`) get their own styles with hanging indents,
//! tables repeat their header row on every page, and the cover, running header (title, facility)
//! and page numbers (N / M) match the PDF. Text only ever enters as escaped character data.
//!
//! Written directly rather than with a DOCX crate: docx-rs (the maintained, widely used writer)
//! cannot mark a table row as a repeating header (`w:tblHeader`), which every long table here
//! needs; rdocx covers it but brings a layout engine, HTML and PDF stacks (a 54 MB crate) for
//! what is ten small XML parts. [`zip`] writes the package.

mod comparison;
mod package;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use thiserror::Error;

pub(crate) use comparison::comparison;
use package::{escape, fonts, Page, Parts, GOTHIC};

use crate::emit::typeset::markup::figure_name;
use crate::emit::typeset::picture::Picture;
use crate::emit::typeset::Cover;
use crate::render::document::{Document, Role};

/// Why a `.docx` could not be written.
#[derive(Debug, Error)]
#[error("{}", crate::i18n::text(crate::i18n::Msg::DocxFailed { document, cause: &source.to_string() }))]
pub(crate) struct DocxError {
    /// Document id.
    pub document: String,
    /// The cause.
    pub source: zip::result::ZipError,
}

/// The `.docx` of a document: cover, then `markdown` (the body and 改訂履歴), with each named
/// picture where the body has its figure marker `<!-- figure:NAME -->` (the PDF's figures).
pub(crate) fn document(
    cover: &Cover,
    document: &Document,
    pictures: &[(String, Picture)],
) -> Result<Vec<u8>, DocxError> {
    let mut body = cover_page(cover);
    let (wordml, placed) = markdown_to_wordml_with(document, Page::PORTRAIT.text_width(), cover.wording, pictures);
    body.push_str(&wordml);
    let media: Vec<Vec<u8>> = placed.iter().map(|&i| pictures[i].1.png.clone()).collect();
    // A 案 says so in the running header of every page.
    let title = match cover.draft_mark.as_str() {
        "" => cover.title.clone(),
        mark => format!("【{mark}】{}", cover.title),
    };
    let parts = Parts {
        title: &title,
        facility: &cover.facility,
        body: &body,
        page: Page::PORTRAIT,
        cover: true,
        wording: cover.wording,
        media: &media,
    };
    package::package(&parts).map_err(|source| DocxError { document: cover.ident.clone(), source })
}

/// Facility, title, the cover table, a page break.
fn cover_page(cover: &Cover) -> String {
    let mut out = String::new();
    if !cover.draft_mark.is_empty() {
        let mark = format!("【{}】", cover.draft_mark);
        out.push_str(&paragraph("Subtitle", &run(&mark, RunStyle { bold: true, ..RunStyle::default() })));
    }
    out.push_str(&paragraph("Subtitle", &run(&cover.facility, RunStyle::default())));
    out.push_str(&paragraph("Title", &run(&cover.title, RunStyle::default())));
    let rows: Vec<Vec<Cell>> = cover.rows.iter().map(|(k, v)| vec![Cell::text(k), Cell::text(v)]).collect();
    out.push_str(&table(&rows, 0, &[2000, 4600], true));
    out.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    out
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    underline: bool,
    gothic: bool,
}

fn run(text: &str, style: RunStyle) -> String {
    let mut rpr = String::new();
    if style.gothic || style.bold {
        rpr.push_str(&fonts(GOTHIC));
    }
    if style.bold {
        rpr.push_str("<w:b/>");
    }
    if style.underline {
        rpr.push_str(r#"<w:u w:val="single"/>"#);
    }
    let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
    format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text))
}

fn paragraph(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

/// A table cell: its runs, and the length of its text (for column widths).
#[derive(Debug, Clone, Default)]
struct Cell {
    runs: String,
    width: usize,
}

impl Cell {
    fn text(text: &str) -> Self {
        Self { runs: run(text, RunStyle::default()), width: display_width(text) }
    }
}

/// Display cells of `text` (CJK count two).
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if crate::diagnostic::is_wide(c) { 2 } else { 1 }).sum()
}

/// Column widths (twips) summing to `total`, from the widest text in each column: wide columns
/// get more, none less than a short word.
fn column_widths(rows: &[Vec<Cell>], total: u32) -> Vec<u32> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let weights: Vec<f64> = (0..columns)
        .map(|c| {
            let widest = rows.iter().filter_map(|r| r.get(c)).map(|cell| cell.width).max().unwrap_or(0);
            (widest.clamp(4, 60) as f64).sqrt()
        })
        .collect();
    let sum: f64 = weights.iter().sum::<f64>().max(1.0);
    weights.iter().map(|w| (f64::from(total) * w / sum) as u32).collect()
}

/// A ruled table (rules above, under the header and below, light rules between rows); the first
/// `header_rows` repeat on every page. `boxed` draws every cell border (the cover table).
fn table(rows: &[Vec<Cell>], header_rows: usize, widths: &[u32], boxed: bool) -> String {
    let borders = if boxed {
        r#"<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>"#
    } else {
        r#"<w:top w:val="single" w:sz="8"/><w:bottom w:val="single" w:sz="8"/><w:insideH w:val="single" w:sz="2" w:color="BFBFBF"/>"#
    };
    let total: u32 = widths.iter().sum();
    let jc = if boxed { r#"<w:jc w:val="center"/>"# } else { "" };
    let grid: String = widths.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>{jc}<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for (index, row) in rows.iter().enumerate() {
        let header = index < header_rows;
        out.push_str("<w:tr>");
        if header {
            out.push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        }
        for (column, width) in widths.iter().enumerate() {
            let cell = row.get(column).cloned().unwrap_or_default();
            let shading = if header {
                r#"<w:tcBorders><w:bottom w:val="single" w:sz="6"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>"#
            } else {
                ""
            };
            let style = if header { "TableHeading" } else { "TableText" };
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{}</w:tc>"#,
                paragraph(style, &cell.runs)
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out.push_str(&paragraph("TableText", ""));
    out
}

/// Markdown (kitei's document bodies) as WordprocessingML body content.
/// Under the 目次 heading, Word's own table of contents (headings of levels 1–3, linked, with page
/// numbers), built by Word when the file is opened (`w:updateFields` in the settings); the
/// document's own list of chapters follows it.
const TOC_FIELD: &str =
    r#"<w:p><w:fldSimple w:instr=" TOC \o &quot;1-3&quot; \h \z \u "><w:r><w:t></w:t></w:r></w:fldSimple></w:p>"#;

/// The body of a `.docx` (no cover, no pictures), for the fuzzers.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn body_xml(document: &Document, wording: &crate::wording::Wording) -> String {
    markdown_to_wordml_with(document, Page::PORTRAIT.text_width(), wording, &[]).0
}

#[cfg(test)]
fn markdown_to_wordml(markdown: &str, text_width: u32, wording: &crate::wording::Wording) -> String {
    markdown_to_wordml_with(&Document::parse(markdown, wording), text_width, wording, &[]).0
}

/// Like [`markdown_to_wordml`], placing `pictures` at their figure markers; also returns which
/// pictures were placed, in order (the `n`-th is `word/media/figure{n}.png`, relationship
/// `rIdFig{n}`, numbered from 1).
fn markdown_to_wordml_with(
    document: &Document,
    text_width: u32,
    wording: &crate::wording::Wording,
    pictures: &[(String, Picture)],
) -> (String, Vec<usize>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut writer = Writer {
        text_width,
        bullet: crate::w!(wording, "docx.bullet").to_owned(),
        contents: crate::w!(wording, "typeset.contents_heading").to_owned(),
        ..Writer::default()
    };
    let mut placed = Vec::new();
    // Articles in legal form, by where their heading starts: the caption becomes a paragraph of
    // its own and the number starts the first sentence, as in the PDF.
    let mut in_legal_heading = false;
    for (event, range) in Parser::new_ext(&document.markdown, options).into_offset_iter() {
        if in_legal_heading {
            in_legal_heading = !matches!(event, Event::End(TagEnd::Heading(_)));
            continue;
        }
        if let (Event::Start(Tag::Heading { .. }), Some(article)) = (&event, document.legal_article_at(range.start)) {
            writer.close_paragraph();
            writer.out.push_str(&paragraph("ArticleCaption", &run(&article.caption, RunStyle::default())));
            writer.article_number = Some(article.number.clone());
            in_legal_heading = true;
            continue;
        }
        if matches!(event, Event::Start(Tag::Paragraph)) {
            writer.role = document.role_at(range.start);
        }
        let figure = match &event {
            Event::Html(html) if !writer.in_table => figure_name(html),
            _ => None,
        };
        match figure.and_then(|name| pictures.iter().position(|(n, _)| n == name)) {
            Some(i) => {
                writer.close_paragraph();
                placed.push(i);
                writer.out.push_str(&drawing(placed.len(), &pictures[i].1, text_width));
            }
            None => writer.event(&event),
        }
    }
    (writer.out, placed)
}

/// A paragraph holding picture `n` (numbered from 1), centred, as wide as printed in the PDF
/// (narrower if the text width is less).
fn drawing(n: usize, picture: &Picture, text_width: u32) -> String {
    const EMU_PER_POINT: f64 = 12_700.0;
    let fit = (f64::from(text_width) / 20.0 / picture.width_pt).min(1.0);
    let cx = (picture.width_pt * fit * EMU_PER_POINT).round() as u64;
    let cy = (picture.height_pt * fit * EMU_PER_POINT).round() as u64;
    format!(
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="図{n}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="figure{n}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdFig{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

#[derive(Default)]
struct Writer {
    out: String,
    text_width: u32,
    /// The paragraph being written: its runs and its plain text.
    runs: String,
    text: String,
    open: bool,
    heading: Option<HeadingLevel>,
    strong: usize,
    /// Open lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The table being written: rows of cells, and how many are header rows.
    rows: Vec<Vec<Cell>>,
    header_rows: usize,
    in_table: bool,
    cell: Cell,
    last_char: Option<char>,
    soft_break: bool,
    /// The wording's bullet and 目次 heading.
    bullet: String,
    contents: String,
    /// The place in its article of the paragraph being written (its 項 or 号), from the
    /// document's structure.
    role: Role,
    /// The number of the article in legal form whose first sentence comes next (「第1条」).
    article_number: Option<String>,
    /// Whether the paragraph being written is an article's first sentence.
    article_opening: bool,
}

impl Writer {
    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) => self.text(text, false),
            Event::Code(text) => self.text(text, true),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.push_runs("<w:r><w:br/></w:r>"),
            Event::TaskListMarker(done) => self.text(if *done { "☑ " } else { "☐ " }, false),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]"), false),
            Event::Rule => self.out.push_str(&paragraph("BodyText", "")),
            // Raw HTML and math are never passed through; kitei's article labels vanish.
            Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Paragraph if !self.in_table && !self.in_list_item() => {
                self.open_paragraph();
                if let Some(number) = self.article_number.take() {
                    self.article_opening = true;
                    self.runs
                        .push_str(&run(&format!("{number}\u{3000}"), RunStyle { bold: true, ..RunStyle::default() }));
                }
            }
            Tag::Heading { level, .. } => {
                self.open_paragraph();
                self.heading = Some(*level);
            }
            Tag::List(first) => {
                self.close_paragraph();
                self.lists.push(*first);
            }
            Tag::Item => {
                self.open_paragraph();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.\u{a0}", *n - 1)
                    }
                    _ => self.bullet.clone(),
                };
                self.text(&marker, false);
            }
            Tag::Table(_) => {
                self.close_paragraph();
                self.in_table = true;
                self.rows.clear();
                self.header_rows = 0;
            }
            Tag::TableHead | Tag::TableRow => self.rows.push(Vec::new()),
            Tag::TableCell => self.cell = Cell::default(),
            Tag::Strong | Tag::Emphasis => self.strong += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph if !self.in_table && !self.in_list_item() => self.close_paragraph(),
            TagEnd::Heading(_) => {
                self.close_paragraph();
                self.heading = None;
            }
            TagEnd::Item => self.close_paragraph(),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::TableHead => self.header_rows = self.rows.len(),
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.cell);
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
                self.last_char = None;
            }
            TagEnd::Table => {
                self.in_table = false;
                let widths = column_widths(&self.rows, self.text_width);
                self.out.push_str(&table(&self.rows, self.header_rows, &widths, false));
            }
            TagEnd::Strong | TagEnd::Emphasis => self.strong = self.strong.saturating_sub(1),
            _ => {}
        }
    }

    fn in_list_item(&self) -> bool {
        !self.lists.is_empty()
    }

    fn open_paragraph(&mut self) {
        self.close_paragraph();
        self.open = true;
    }

    fn close_paragraph(&mut self) {
        if !self.open {
            return;
        }
        let style = self.paragraph_style();
        self.out.push_str(&paragraph(style, &self.runs));
        if self.heading.is_some() && Some(self.text.trim()) == self.contents.strip_prefix("## ") {
            self.out.push_str(TOC_FIELD);
        }
        self.runs.clear();
        self.text.clear();
        self.role = Role::Text;
        self.article_opening = false;
        self.open = false;
        self.last_char = None;
        self.soft_break = false;
    }

    /// 見出し by level; in an article, 項 and 号 by their place (never by reading 「２　」), else 本文.
    fn paragraph_style(&self) -> &'static str {
        match self.heading {
            Some(HeadingLevel::H1 | HeadingLevel::H2) => return "Heading1",
            Some(HeadingLevel::H3) => return "Heading2",
            Some(_) => return "Heading3",
            None => {}
        }
        if !self.lists.is_empty() {
            return "ListBullet";
        }
        if self.article_opening {
            return "Article";
        }
        match self.role {
            Role::Paragraph(_) => "Kou",
            Role::Item(_) => "Gou",
            Role::Text => "BodyText",
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        let mut text = text.to_owned();
        if std::mem::take(&mut self.soft_break) {
            let next = text.chars().next();
            let cjk = |c: Option<char>| c.is_some_and(crate::diagnostic::is_wide);
            if !(cjk(self.last_char) || cjk(next)) {
                text.insert(0, ' ');
            }
        }
        self.last_char = text.chars().last().or(self.last_char);
        let style = RunStyle { bold: self.strong > 0 || self.heading.is_some(), underline: false, gothic: code };
        let xml = run(&text, style);
        if self.in_table {
            self.cell.runs.push_str(&xml);
            self.cell.width += display_width(&text);
        } else {
            if !self.open {
                self.open_paragraph();
            }
            self.text.push_str(&text);
            self.runs.push_str(&xml);
        }
    }

    fn push_runs(&mut self, xml: &str) {
        if self.in_table {
            self.cell.runs.push_str(xml);
        } else {
            self.runs.push_str(xml);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cover() -> Cover {
        Cover {
            ident: "t".into(),
            title: "運用管理規程 <&>".into(),
            facility: "試験クリニック".into(),
            rows: vec![("版".into(), "第1版".into())],
            date: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            draft_mark: String::new(),
            wording: crate::wording::embedded(),
        }
    }

    fn doc(markdown: &str) -> Document {
        Document::parse(markdown, crate::wording::embedded())
    }

    #[test]
    fn a_figure_marker_becomes_its_picture_scaled_to_the_text_width() {
        let picture = Picture { png: vec![1, 2, 3], width_pt: 600.0, height_pt: 300.0 };
        let pictures = [("org-chart".to_owned(), picture)];
        let markdown = "前文。\n\n<!-- figure:org-chart -->\n\n<!-- figure:unknown -->\n\n後文。\n";
        let (xml, placed) = markdown_to_wordml_with(&doc(markdown), 9000, crate::wording::embedded(), &pictures);
        assert_eq!(placed, [0]);
        // 9,000 twips = 450 pt of text width: 600 × 300 pt scaled to 450 × 225 pt, in EMU.
        assert!(xml.contains(r#"<wp:extent cx="5715000" cy="2857500"/>"#), "{xml}");
        assert!(xml.contains(r#"r:embed="rIdFig1""#));
        assert!(xml.find("前文").unwrap() < xml.find("<w:drawing>").unwrap());
        assert!(xml.find("<w:drawing>").unwrap() < xml.find("後文").unwrap());
        assert_eq!(xml.matches("<w:drawing>").count(), 1, "an unknown figure is left out");
    }

    #[test]
    fn the_contents_heading_carries_a_toc_field() {
        let xml = markdown_to_wordml("## 目次\n\n- 第1章　総則\n\n## 第1章　総則\n", 9000, crate::wording::embedded());
        assert_eq!(xml.matches(r#"w:instr=" TOC \o &quot;1-3&quot; \h"#).count(), 1, "{xml}");
        assert!(xml.find("TOC").unwrap() < xml.find("第1章").unwrap());
    }

    #[test]
    fn articles_get_word_styles() {
        let xml = markdown_to_wordml(
            "### 第1章　総則\n\n<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n２　職員は…\n\n（１）一つ目\n",
            9000,
            crate::wording::embedded(),
        );
        assert!(xml.contains(r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:rPr>"#), "{xml}");
        // In legal form, as in the PDF: the caption on its own line, the number opening the text.
        assert!(!xml.contains(r#"<w:pStyle w:val="Heading3"/>"#), "{xml}");
        assert!(xml.contains(r#"<w:pStyle w:val="ArticleCaption"/></w:pPr><w:r><w:t xml:space="preserve">（目的）"#));
        let opening = xml.split(r#"<w:pStyle w:val="Article"/>"#).nth(1).unwrap_or_default();
        assert!(
            opening.contains(r#"<w:b/></w:rPr><w:t xml:space="preserve">第1条　</w:t></w:r><w:r><w:t xml:space="preserve">この規程は…"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<w:pStyle w:val="Kou"/></w:pPr><w:r><w:t xml:space="preserve">２　職員は…"#));
        assert!(xml.contains(r#"<w:pStyle w:val="Gou"/>"#));
        assert!(!xml.contains("article:purpose"));
        // Outside an article, 「２　」 is text.
        let xml = markdown_to_wordml("## 連絡先\n\n２　階の受付\n", 9000, crate::wording::embedded());
        assert!(!xml.contains(r#"w:val="Kou""#), "{xml}");
    }

    #[test]
    fn a_facilitys_numbering_gets_the_same_styles() {
        let yaml = "structure:\n  paragraph_mark: \"{n}．\"\n  item_mark: \"{n}）\"\n";
        let wording = crate::wording::embedded().with_overrides(std::path::Path::new("w.yaml"), yaml).unwrap();
        let xml = markdown_to_wordml(
            "<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n２．職員は…\n\n１）一つ目\n\n２　これは本文\n",
            9000,
            &wording,
        );
        assert!(xml.contains(r#"<w:pStyle w:val="Kou"/></w:pPr><w:r><w:t xml:space="preserve">２．職員は…"#), "{xml}");
        assert!(xml.contains(r#"<w:pStyle w:val="Gou"/></w:pPr><w:r><w:t xml:space="preserve">１）一つ目"#), "{xml}");
        assert!(
            xml.contains(r#"<w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t xml:space="preserve">２　これは本文"#),
            "{xml}"
        );
    }

    #[test]
    fn tables_repeat_their_header_row_and_text_is_escaped() {
        let xml = markdown_to_wordml(
            "| 版 | 理由 |\n|---|---|\n| 第1版 | <b>&amp; \\<x\\> |\n",
            9000,
            crate::wording::embedded(),
        );
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1, "{xml}");
        assert!(xml.contains(">&amp;<") && xml.contains(">&lt;x<") && xml.contains(">&gt;<"), "{xml}");
        assert!(!xml.contains("<b>"));
    }

    #[test]
    fn a_document_is_a_deterministic_zip_with_the_parts_word_needs() {
        let a = document(&cover(), &doc("## 目的\n\n本文。\n"), &[]).unwrap();
        assert_eq!(a, document(&cover(), &doc("## 目的\n\n本文。\n"), &[]).unwrap());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let names: Vec<String> =
            (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned()).collect();
        for part in
            ["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml"]
        {
            assert!(names.iter().any(|n| n == part), "{part}: {names:?}");
        }
        let mut header = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/header1.xml").unwrap(), &mut header).unwrap();
        assert!(header.contains("運用管理規程 &lt;&amp;&gt;") && header.contains("試験クリニック"), "{header}");
    }
}
