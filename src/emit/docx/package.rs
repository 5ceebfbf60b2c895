//! The parts of a `.docx` package (WordprocessingML in a ZIP) and the page design they carry.
//!
//! Styles use Word's built-in names where Word has one (`heading 1` shows as 見出し 1 in Japanese
//! Word, `Body Text` as 本文, `List Bullet` as 箇条書き, `Title` as 表題), so a facility can change
//! the look of every heading in Word's style gallery; kitei's own styles are named in Japanese
//! (項, 号, 表本文). Fonts are named as Japanese Windows installs them, with 游明朝 / 游ゴシック as
//! the alternates Word falls back to. The ZIP has fixed timestamps: same input, same bytes.

use std::io::Write;

use zip::write::SimpleFileOptions;

/// Body font (BIZ UDP明朝 as Windows names it).
pub(super) const MINCHO: &str = "BIZ UDP明朝 Medium";
/// Heading font.
pub(super) const GOTHIC: &str = "BIZ UDPゴシック";
const MINCHO_ALT: &str = "游明朝";
const GOTHIC_ALT: &str = "游ゴシック";

/// Page geometry, in twentieths of a point.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) margin_x: u32,
    pub(super) margin_top: u32,
    pub(super) margin_bottom: u32,
    pub(super) landscape: bool,
}

impl Page {
    /// A4 portrait with the PDF's margins (20 mm sides, 24 mm top, 22 mm bottom).
    pub(super) const PORTRAIT: Page =
        Page { width: 11906, height: 16838, margin_x: 1134, margin_top: 1361, margin_bottom: 1247, landscape: false };
    /// A4 landscape, 15 mm margins (the 新旧対照表).
    pub(super) const LANDSCAPE: Page =
        Page { width: 16838, height: 11906, margin_x: 850, margin_top: 850, margin_bottom: 850, landscape: true };

    /// Width between the margins.
    pub(super) fn text_width(&self) -> u32 {
        self.width - 2 * self.margin_x
    }
}

/// What goes into the package besides the body.
pub(super) struct Parts<'a> {
    pub(super) title: &'a str,
    pub(super) facility: &'a str,
    /// `<w:body>` content, without the section properties.
    pub(super) body: &'a str,
    pub(super) page: Page,
    /// Whether the first page (the cover) has no header and footer.
    pub(super) cover: bool,
    /// The wording (the names of kitei's paragraph styles).
    pub(super) wording: &'static crate::wording::Wording,
    /// Pictures, in the order of their relationships `rIdFig1`, `rIdFig2`, … (PNG).
    pub(super) media: &'a [Vec<u8>],
}

/// The `.docx` bytes.
pub(super) fn package(parts: &Parts<'_>) -> Result<Vec<u8>, zip::result::ZipError> {
    let media_rels: String = (1..=parts.media.len())
        .map(|n| format!(r#"<Relationship Id="rIdFig{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/figure{n}.png"/>"#))
        .collect();
    let files: [(&str, String); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("docProps/core.xml", core(parts)),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS.replace("</Relationships>", &format!("{media_rels}</Relationships>")),
        ),
        ("word/document.xml", document(parts)),
        ("word/styles.xml", styles(parts.wording)),
        ("word/settings.xml", SETTINGS.to_owned()),
        ("word/fontTable.xml", font_table()),
        ("word/header1.xml", header(parts)),
        ("word/footer1.xml", FOOTER.to_owned()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in files {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    // PNG is compressed already.
    let stored = options.compression_method(zip::CompressionMethod::Stored);
    for (n, png) in parts.media.iter().enumerate() {
        zip.start_file(format!("word/media/figure{}.png", n + 1), stored)?;
        zip.write_all(png)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Text as XML character data: markup characters escaped, characters XML 1.0 forbids dropped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The DrawingML namespaces a picture in the body uses.
const DRAWING_NS: &str = r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="840"/><w:characterSpacingControl w:val="compressPunctuation"/><w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// Page N / M, centred.
const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> / </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#;

fn core(parts: &Parts<'_>) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>ja-JP</dc:language></cp:coreProperties>"#,
        escape(parts.title),
        escape(parts.facility)
    )
}

/// Title on the left, facility on the right, a rule under them.
fn header(parts: &Parts<'_>) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="right" w:pos="{}"/></w:tabs><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="969696"/></w:pBdr></w:pPr><w:r><w:t>{}</w:t></w:r><w:r><w:tab/><w:t>{}</w:t></w:r></w:p></w:hdr>"#,
        parts.page.text_width(),
        escape(parts.title),
        escape(parts.facility)
    )
}

fn document(parts: &Parts<'_>) -> String {
    let page = parts.page;
    let orient = if page.landscape { r#" w:orient="landscape""# } else { "" };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS} {DRAWING_NS}><w:body>{}<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="{}" w:h="{}"{orient}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="567" w:footer="567" w:gutter="0"/>{}<w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>"#,
        parts.body,
        page.width,
        page.height,
        page.margin_top,
        page.margin_x,
        page.margin_bottom,
        page.margin_x,
        if parts.cover { "<w:titlePg/>" } else { "" }
    )
}

fn font_table() -> String {
    let font = |name: &str, alt: &str, family: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="80"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}{}{}{}</w:fonts>"#,
        font(MINCHO, MINCHO_ALT, "roman"),
        font(GOTHIC, GOTHIC_ALT, "modern"),
        font(MINCHO_ALT, MINCHO, "roman"),
        font(GOTHIC_ALT, GOTHIC, "modern")
    )
}

/// Run fonts: all scripts in one face.
pub(super) fn fonts(face: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{face}" w:eastAsia="{face}" w:hAnsi="{face}" w:cs="{face}"/>"#)
}

/// A paragraph style.
struct Style {
    id: &'static str,
    name: &'static str,
    based_on: &'static str,
    ppr: String,
    rpr: String,
}

fn styles(wording: &'static crate::wording::Wording) -> String {
    let gothic_bold = |size: u32| format!("{}<w:b/><w:sz w:val=\"{size}\"/>", fonts(GOTHIC));
    let heading = |id, name, level: u32, size| Style {
        id,
        name,
        based_on: "Normal",
        ppr: format!(r#"<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="{level}"/>"#),
        rpr: gothic_bold(size),
    };
    let plain = |id, name, ppr: &str, rpr: String| Style { id, name, based_on: "Normal", ppr: ppr.to_owned(), rpr };
    let list = [
        heading("Heading1", "heading 1", 0, 32),
        heading("Heading2", "heading 2", 1, 27),
        heading("Heading3", "heading 3", 2, 22),
        plain(
            "BodyText",
            "Body Text",
            r#"<w:spacing w:after="120"/><w:ind w:firstLineChars="100" w:firstLine="210"/><w:jc w:val="both"/>"#,
            String::new(),
        ),
        plain(
            "ArticleCaption",
            crate::w!(wording, "docx.style_article_caption"),
            r#"<w:keepNext/><w:spacing w:before="240" w:after="0"/><w:ind w:left="210"/>"#,
            String::new(),
        ),
        plain(
            "Article",
            crate::w!(wording, "docx.style_article"),
            r#"<w:spacing w:after="120"/><w:ind w:left="210" w:hangingChars="100" w:hanging="210"/><w:jc w:val="both"/>"#,
            String::new(),
        ),
        plain(
            "Kou",
            crate::w!(wording, "docx.style_kou"),
            r#"<w:spacing w:after="120"/><w:ind w:left="210" w:hangingChars="100" w:hanging="210"/><w:jc w:val="both"/>"#,
            String::new(),
        ),
        plain(
            "Gou",
            crate::w!(wording, "docx.style_gou"),
            r#"<w:spacing w:after="60"/><w:ind w:left="840" w:hanging="630"/><w:jc w:val="both"/>"#,
            String::new(),
        ),
        plain(
            "ListBullet",
            "List Bullet",
            r#"<w:spacing w:after="60"/><w:ind w:left="420" w:hanging="210"/>"#,
            String::new(),
        ),
        plain(
            "TableText",
            crate::w!(wording, "docx.style_table_text"),
            r#"<w:spacing w:after="0" w:line="260" w:lineRule="auto"/><w:jc w:val="left"/>"#,
            "<w:sz w:val=\"17\"/>".to_owned(),
        ),
        plain(
            "TableHeading",
            crate::w!(wording, "docx.style_table_heading"),
            r#"<w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/>"#,
            gothic_bold(17),
        ),
        plain("Title", "Title", r#"<w:spacing w:before="480" w:after="960"/><w:jc w:val="center"/>"#, gothic_bold(44)),
        plain(
            "Subtitle",
            "Subtitle",
            r#"<w:spacing w:before="2400" w:after="240"/><w:jc w:val="center"/>"#,
            format!("{}<w:sz w:val=\"28\"/>", fonts(GOTHIC)),
        ),
        plain(
            "Note",
            crate::w!(wording, "docx.style_note"),
            r#"<w:spacing w:after="120"/><w:jc w:val="right"/>"#,
            "<w:sz w:val=\"18\"/>".to_owned(),
        ),
        plain("Header", "header", "", format!("{}<w:sz w:val=\"16\"/><w:color w:val=\"5A5A5A\"/>", fonts(GOTHIC))),
        plain("Footer", "footer", "", "<w:sz w:val=\"16\"/>".to_owned()),
    ];
    let defined: String = list
        .iter()
        .map(|s| {
            format!(
                r#"<w:style w:type="paragraph" w:customStyle="{}" w:styleId="{}"><w:name w:val="{}"/><w:basedOn w:val="{}"/><w:qFormat/><w:pPr>{}</w:pPr><w:rPr>{}</w:rPr></w:style>"#,
                u8::from(!s.name.is_ascii()),
                s.id,
                s.name,
                s.based_on,
                s.ppr,
                s.rpr
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>{defined}<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        fonts(MINCHO)
    )
}
