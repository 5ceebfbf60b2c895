//! A rendered document's structure as data: its articles (label, number, caption), 項 and 号,
//! headings, tables, lists and figures, read once from the Markdown the render stage wrote.
//!
//! Why not read the printed text: the article heading form, the 項 and 号 numbering and every
//! heading are the facility's wording (`wording.yaml`). Matching 「第」「条」 or 「２　」 would
//! break the PDF, the Word file and the 新旧対照表 silently the day a facility changes them. So the
//! structure is recovered the way [`super::structure`] made it: an article by its
//! `<!-- article:label -->` mark, its number as [`article_number`] writes it in *this* wording,
//! and a 項 or 号 only when the paragraph starts with the one mark the article's next 項 or 号
//! carries in this wording ([`paragraph_mark`], [`item_mark`]). The Markdown stays the document's
//! stored form (an old version is compared from its `.md` file); every later stage reads this.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::w;
use crate::wording::Wording;

/// An article's number as headings, references and the 目次 print it (「第12条」).
pub(crate) fn article_number(wording: &Wording, n: usize) -> String {
    w!(wording, "structure.article_number", n = n)
}

/// An article's caption as its heading prints it (「（パスワードの管理）」).
pub(crate) fn article_caption(wording: &Wording, title: &str) -> String {
    w!(wording, "structure.article_caption", title = title)
}

/// The mark that starts the `n`-th 項 of an article (「２　」; the first 項 has none).
pub(crate) fn paragraph_mark(wording: &Wording, n: usize) -> String {
    w!(wording, "structure.paragraph_mark", n = full_width(n))
}

/// The mark that starts the `n`-th 号 of a 項 (「（１）」).
pub(crate) fn item_mark(wording: &Wording, n: usize) -> String {
    w!(wording, "structure.item_mark", n = full_width(n))
}

/// Full-width digits (２, １０) as Japanese regulations print 項 and 号 numbers.
fn full_width(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect()
}

/// A document: its Markdown and the blocks it is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// The Markdown (what `.md` files hold, and what converters walk for inline text).
    pub markdown: String,
    /// The top-level blocks.
    pub blocks: Vec<Block>,
}

/// One top-level block of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Its bytes in the Markdown.
    pub range: Range<usize>,
    /// What it is.
    pub kind: Kind,
}

/// What a block is. Texts are as printed: Markdown escapes and emphasis marks taken out, one line
/// per source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading that is not an article's (a chapter, a section, the 附則, the 改訂履歴).
    Heading {
        /// 1 for the title.
        level: u8,
        /// Its text.
        text: String,
        /// What identifies it across versions when its text names articles (「別表第2」 of
        /// 「別表第2（第3条関係）」), from its `<!-- section:KEY -->` mark.
        key: Option<String>,
    },
    /// An article's heading.
    Article(Article),
    /// A paragraph.
    Paragraph {
        /// Its place in an article.
        role: Role,
        /// Its text.
        text: String,
    },
    /// A table: its rows of cells, the header row first (the rule row is no row).
    Table(Vec<Vec<String>>),
    /// A list: the text of each item (nested items in order, as their own entries).
    List(Vec<String>),
    /// Where a figure goes (`<!-- figure:NAME -->`).
    Figure(String),
    /// Anything else (a quote, code, a footnote, a rule, another comment): its text, if any.
    Other(String),
}

/// An article's heading, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Article {
    /// Its label (`password`), stable across versions and renumbering.
    pub label: String,
    /// Its number (1 for the first article of the document).
    pub n: usize,
    /// The number as printed (「第12条」).
    pub number: String,
    /// The caption as printed (「（パスワードの管理）」), empty when the heading has none.
    pub caption: String,
}

impl Article {
    /// The whole heading as printed.
    pub(crate) fn heading(&self) -> String {
        format!("{}{}", self.number, self.caption)
    }
}

/// A paragraph's place in an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Role {
    /// Outside articles, or an article's first 項 (which prints no number).
    #[default]
    Text,
    /// The `n`-th 項 of an article (from 2).
    Paragraph(usize),
    /// The `n`-th 号 of a 項.
    Item(usize),
}

/// The Markdown options every stage parses a document with.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The label of an `<!-- article:label -->` mark.
pub(crate) fn article_label(html: &str) -> Option<&str> {
    let label = html.trim().strip_prefix("<!-- article:")?.strip_suffix("-->")?.trim();
    (!label.is_empty() && !label.contains(char::is_whitespace)).then_some(label)
}

/// The key of a `<!-- section:KEY -->` mark.
fn section_key(html: &str) -> Option<&str> {
    let key = html.trim().strip_prefix("<!-- section:")?.strip_suffix("-->")?.trim();
    (!key.is_empty()).then_some(key)
}

/// The name of a `<!-- figure:NAME -->` mark.
pub(crate) fn figure_name(html: &str) -> Option<&str> {
    let name = html.trim().strip_prefix("<!-- figure:")?.strip_suffix("-->")?.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')).then_some(name)
}

impl Document {
    /// Reads `markdown`, written in `wording`.
    pub(crate) fn parse(markdown: impl Into<String>, wording: &Wording) -> Self {
        let markdown = markdown.into();
        let blocks = Self::blocks(&markdown, wording);
        Self { markdown, blocks }
    }

    fn blocks(markdown: &str, wording: &Wording) -> Vec<Block> {
        let mut reader =
            Reader { wording, blocks: Vec::new(), pending_label: None, pending_key: None, articles: 0, place: None };
        let mut depth = 0usize;
        let mut start = 0usize;
        let mut events: Vec<Event<'_>> = Vec::new();
        for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
            match &event {
                Event::Start(_) => {
                    if depth == 0 {
                        start = range.start;
                        events.clear();
                    }
                    depth += 1;
                    events.push(event);
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    events.push(event);
                    if depth == 0 {
                        reader.block(start..range.end, &events);
                    }
                }
                _ if depth == 0 => reader.block(range.clone(), std::slice::from_ref(&event)),
                _ => events.push(event),
            }
        }
        reader.blocks
    }

    /// The articles, in order.
    #[cfg(test)]
    pub(crate) fn articles(&self) -> impl Iterator<Item = &Article> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            Kind::Article(a) => Some(a),
            _ => None,
        })
    }

    /// The role of the paragraph starting at byte `start` (for converters walking their own
    /// parse of the same Markdown).
    pub(crate) fn role_at(&self, start: usize) -> Role {
        match self.block_at(start).map(|b| &b.kind) {
            Some(Kind::Paragraph { role, .. }) => *role,
            _ => Role::Text,
        }
    }

    /// The top-level block starting at byte `start`.
    fn block_at(&self, start: usize) -> Option<&Block> {
        self.index_at(start).map(|i| &self.blocks[i])
    }

    /// The index of the top-level block starting at byte `start`.
    fn index_at(&self, start: usize) -> Option<usize> {
        self.blocks.binary_search_by_key(&start, |b| b.range.start).ok()
    }

    /// The article whose heading starts at byte `start`, when it is printed in the form of
    /// Japanese law — caption on its own line, the number starting the first sentence: its heading
    /// is in this wording (a number and a caption) and its first block is a paragraph of text. The
    /// PDF and the Word file ask this of every heading, so they print the same articles so.
    pub(crate) fn legal_article_at(&self, start: usize) -> Option<&Article> {
        let i = self.index_at(start)?;
        let Kind::Article(article) = &self.blocks[i].kind else { return None };
        let opens_with_text =
            matches!(self.blocks.get(i + 1).map(|b| &b.kind), Some(Kind::Paragraph { role: Role::Text, .. }));
        (opens_with_text && !article.number.is_empty() && !article.caption.is_empty()).then_some(article)
    }

    /// Whether the block starting at byte `start` is an article's heading.
    pub(crate) fn article_at(&self, start: usize) -> bool {
        self.block_at(start).is_some_and(|b| matches!(b.kind, Kind::Article(_)))
    }

    /// The title (the first level-1 heading).
    pub(crate) fn title(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match &b.kind {
            Kind::Heading { level: 1, text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    /// The value of the row `key` of the title block (the table before the first section).
    pub(crate) fn title_block_value(&self, key: &str) -> Option<&str> {
        self.blocks
            .iter()
            .take_while(|b| !matches!(&b.kind, Kind::Heading { level: 2.., .. } | Kind::Article(_)))
            .filter_map(|b| match &b.kind {
                Kind::Table(rows) => Some(rows),
                _ => None,
            })
            .flatten()
            .find(|cells| cells.len() == 2 && cells[0] == key)
            .map(|cells| cells[1].as_str())
    }
}

/// Where the reader stands inside an article: the last 項 and 号 numbers seen.
struct Place {
    paragraph: usize,
    item: usize,
}

struct Reader<'w> {
    wording: &'w Wording,
    blocks: Vec<Block>,
    pending_label: Option<String>,
    pending_key: Option<String>,
    articles: usize,
    place: Option<Place>,
}

impl Reader<'_> {
    fn block(&mut self, range: Range<usize>, events: &[Event<'_>]) {
        let kind = match events.first() {
            Some(Event::Start(Tag::Heading { level, .. })) => self.heading(*level as u8, events),
            Some(Event::Start(Tag::Paragraph)) => {
                let text = text_of(events);
                Kind::Paragraph { role: self.role(&text), text }
            }
            Some(Event::Start(Tag::Table(_))) => Kind::Table(rows_of(events)),
            Some(Event::Start(Tag::List(_))) => Kind::List(items_of(events)),
            Some(Event::Start(Tag::HtmlBlock)) | Some(Event::Html(_)) => {
                let html: String = events
                    .iter()
                    .filter_map(|e| match e {
                        Event::Html(h) => Some(h.as_ref()),
                        _ => None,
                    })
                    .collect();
                if let Some(label) = article_label(&html) {
                    self.pending_label = Some(label.to_owned());
                    Kind::Other(String::new())
                } else if let Some(key) = section_key(&html) {
                    self.pending_key = Some(key.to_owned());
                    Kind::Other(String::new())
                } else if let Some(name) = figure_name(&html) {
                    Kind::Figure(name.to_owned())
                } else {
                    Kind::Other(String::new())
                }
            }
            _ => Kind::Other(text_of(events)),
        };
        self.blocks.push(Block { range, kind });
    }

    fn heading(&mut self, level: u8, events: &[Event<'_>]) -> Kind {
        let text = text_of(events);
        let key = self.pending_key.take();
        let Some(label) = self.pending_label.take() else {
            self.place = None;
            return Kind::Heading { level, text, key };
        };
        self.articles += 1;
        self.place = Some(Place { paragraph: 1, item: 0 });
        let number = article_number(self.wording, self.articles);
        let (number, caption) = match text.strip_prefix(&number) {
            Some(caption) if !number.is_empty() => (number.clone(), trim_space(caption).to_owned()),
            // Not written in this wording (an old file): the whole heading is the caption.
            _ => (String::new(), text),
        };
        Kind::Article(Article { label, n: self.articles, number, caption })
    }

    fn role(&mut self, text: &str) -> Role {
        let Some(place) = self.place.as_mut() else { return Role::Text };
        // A wording may print no mark at all; then no paragraph can be told by one.
        let starts = |mark: String| !mark.trim().is_empty() && text.starts_with(&mark);
        if starts(paragraph_mark(self.wording, place.paragraph + 1)) {
            place.paragraph += 1;
            place.item = 0;
            Role::Paragraph(place.paragraph)
        } else if starts(item_mark(self.wording, place.item + 1)) {
            place.item += 1;
            Role::Item(place.item)
        } else {
            Role::Text
        }
    }
}

fn trim_space(text: &str) -> &str {
    text.trim_start_matches([' ', '\u{3000}'])
}

/// The printed text of a block's events: soft and hard breaks as new lines.
fn text_of(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::TaskListMarker(done) => out.push_str(if *done { "☑ " } else { "☐ " }),
            _ => {}
        }
    }
    out
}

fn rows_of(events: &[Event<'_>]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(text)) = (rows.last_mut(), cell.take()) {
                    row.push(text.trim().to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(cell) = cell.as_mut() {
                    cell.push(' ');
                }
            }
            _ => {}
        }
    }
    rows
}

fn items_of(events: &[Event<'_>]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Item) => {
                open.push(items.len());
                items.push(String::new());
            }
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&i) = open.last() {
                    items[i].push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&i) = open.last() {
                    items[i].push('\n');
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(&i) = open.last() {
                    items[i].push_str(if *done { "☑ " } else { "☐ " });
                }
            }
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::embedded;

    const REGULATION: &str = "# 規程\n\n| 項目 | 内容 |\n|---|---|\n| 版 | 第1版 |\n\n### 第1章　総則\n\n<!-- article:purpose -->\n#### 第1条（目的）\n\nこの規程は…\n\n２　職員は…\n\n（１）一つ目\n\n（２）二つ目\n\n３　三項\n\n（１）また一つ目\n\n<!-- figure:contact-chart -->\n\n<!-- article:scope -->\n#### 第2条（\\*範囲\\*）\n\n３　番号の飛んだ項は本文\n\n- 項目\n  - 入れ子\n";

    /// The roles of the document's paragraphs, in order.
    fn roles(doc: &Document) -> Vec<Role> {
        doc.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Paragraph { role, .. } => Some(*role),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn articles_paragraphs_and_items_are_read_by_mark_and_wording() {
        let doc = Document::parse(REGULATION, embedded());
        let articles: Vec<_> = doc.articles().collect();
        assert_eq!(articles.len(), 2);
        assert_eq!(
            (articles[0].label.as_str(), articles[0].number.as_str(), articles[0].caption.as_str()),
            ("purpose", "第1条", "（目的）")
        );
        assert_eq!(articles[1].caption, "（*範囲*）", "as printed, escapes taken out");
        let roles = roles(&doc);
        use Role::*;
        assert_eq!(roles, vec![Text, Paragraph(2), Item(1), Item(2), Paragraph(3), Item(1), Text]);
        assert!(doc.blocks.iter().any(|b| b.kind == Kind::Figure("contact-chart".into())));
        assert!(doc.blocks.iter().any(|b| b.kind == Kind::List(vec!["項目".into(), "入れ子".into()])));
        assert_eq!(doc.title(), Some("規程"));
        assert_eq!(doc.title_block_value("版"), Some("第1版"));
    }

    #[test]
    fn another_wording_is_read_in_its_own_marks_and_the_japanese_surface_means_nothing() {
        let yaml = "structure:\n  article_number: \"Art. {n}\"\n  article_caption: \" – {title}\"\n  paragraph_mark: \"{n}. \"\n";
        let wording = embedded().with_overrides(std::path::Path::new("wording.yaml"), yaml).unwrap();
        let md = "<!-- article:a -->\n#### Art. 1 – Purpose\n\nText.\n\n２．Looks like a 項 but is not.\n\n２. Second.\n\n（１）Item.\n";
        let doc = Document::parse(md, &wording);
        let article = doc.articles().next().unwrap();
        assert_eq!((article.number.as_str(), article.caption.as_str()), ("Art. 1", "– Purpose"));
        let roles = roles(&doc);
        assert_eq!(roles, vec![Role::Text, Role::Text, Role::Paragraph(2), Role::Item(1)]);
        let start = doc.blocks.iter().find(|b| matches!(b.kind, Kind::Paragraph { role: Role::Paragraph(2), .. }));
        assert_eq!(doc.role_at(start.unwrap().range.start), Role::Paragraph(2));
    }

    #[test]
    fn a_heading_not_in_this_wording_is_all_caption() {
        let doc = Document::parse("<!-- article:a -->\n#### Article 1: Purpose\n\nText.\n", embedded());
        let article = doc.articles().next().unwrap();
        assert_eq!((article.number.as_str(), article.caption.as_str()), ("", "Article 1: Purpose"));
    }
}
