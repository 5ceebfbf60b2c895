//! Markdown → typst markup, from pulldown-cmark events.
//!
//! No crate does this safely (see stack.md), so this converter is ours. Its one rule: every piece
//! of text becomes escaped typst text — each ASCII punctuation character is backslash-escaped, and
//! structure is expressed only through function calls we write (`#strong[…]`, `#table(…)`). A
//! Markdown soft break between Japanese characters becomes nothing (typst would show a space), and
//! no newline is ever emitted inside a paragraph.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::render::document::{Document, Role};

pub(crate) use crate::render::document::figure_name;

/// The typst comment left where a figure goes. Escaped text never contains it (`/` and `*` are
/// backslash-escaped), so only a template's marker can produce it.
pub(crate) fn figure_placeholder(name: &str) -> String {
    format!("/*kitei-figure:{name}*/")
}

/// Replaces each figure placeholder in `typst` by its drawing; unknown figures vanish.
pub(crate) fn with_figures(typst: &str, figures: &[(String, String)]) -> String {
    let mut out = typst.to_owned();
    for (name, code) in figures {
        out = out.replace(&figure_placeholder(name), code);
    }
    out
}

/// Converts Markdown to typst markup (without a 目次 plan: what the tests check).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn markdown_to_typst(markdown: &str) -> String {
    convert(markdown, None, None)
}

/// Converts a rendered document to typst markup. The list under the heading `contents` (a
/// document's own 目次) gets each entry's page number and a link to its heading. The document's
/// structure gives an article in the form of Japanese law (its caption on a line of its own,
/// indented one character; its number, bold, starting the first sentence), and each 項 and 号
/// hanging its lines after its mark, as the Word file does. The structure comes from
/// [`Document`], never from reading 「第」「条」 in the text.
pub(crate) fn document_to_typst(document: &Document, contents: Option<&str>) -> String {
    convert(&document.markdown, contents, Some(document))
}

fn convert(markdown: &str, contents: Option<&str>, structure: Option<&Document>) -> String {
    let (events, starts): (Vec<Event<'_>>, Vec<usize>) =
        Parser::new_ext(markdown, options()).into_offset_iter().map(|(event, range)| (event, range.start)).unzip();
    let footnotes = collect_footnotes(&events);
    let mut column_widths = table_column_widths(&events);
    column_widths.reverse();
    let contents = contents.map(|title| contents_plan(&events, title)).unwrap_or_default();
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 2),
        footnotes,
        column_widths,
        contents,
        ..Writer::default()
    };
    let legal = |start: usize| structure.and_then(|d| d.legal_article_at(start));
    let (mut skip_depth, mut in_legal_heading) = (0usize, false);
    for (event, start) in events.iter().zip(starts) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => skip_depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => skip_depth -= 1,
            _ if skip_depth > 0 => {}
            // An article in legal form prints no heading: its caption and number go with its
            // first sentence. The heading still counts, as the 目次's links count headings (and
            // one a 目次 entry links to keeps its heading, so the link has its label).
            _ if in_legal_heading => in_legal_heading = !matches!(event, Event::End(TagEnd::Heading(_))),
            Event::Start(Tag::Heading { .. })
                if legal(start).is_some() && !writer.contents.is_target(writer.headings) =>
            {
                writer.headings += 1;
                writer.article = legal(start).map(|a| (a.number.clone(), a.caption.clone()));
                in_legal_heading = true;
            }
            Event::Start(Tag::Paragraph) => {
                writer.role = structure.map_or(Role::Text, |d| d.role_at(start));
                writer.event(event);
            }
            event => writer.event(event),
        }
    }
    writer.out
}

/// Which list is a document's own 目次, and the heading each of its entries names.
#[derive(Debug, Default)]
struct ContentsPlan {
    /// The ordinal (0-based, among all lists) of the 目次 list.
    list: Option<usize>,
    /// For each entry of that list, the ordinal of the heading it names (if one matches).
    entries: Vec<Option<usize>>,
}

impl ContentsPlan {
    /// The label of a heading an entry names (a label is its heading ordinal).
    fn is_target(&self, heading: usize) -> bool {
        self.entries.contains(&Some(heading))
    }
}

/// Finds the list right under the heading titled `title` and, for each of its entries, the first
/// later heading (of level 2 or 3, after the previous entry's) whose text begins the entry's text:
/// 「第1章　総則（第1条―第6条）」 names 「第1章　総則」, 「附則」 names 「附則」.
fn contents_plan(events: &[Event<'_>], title: &str) -> ContentsPlan {
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut lists = 0usize;
    let (mut list, mut list_after) = (None, 0usize);
    let mut entries: Vec<String> = Vec::new();
    let (mut in_heading, mut list_depth, mut in_entry) = (false, 0usize, false);
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                headings.push((heading_level(*level), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::List(None)) if list_depth == 0 => {
                let under_title = headings.last().is_some_and(|(_, text)| text.trim() == title);
                if list.is_none() && under_title && list_after == headings.len() {
                    list = Some(lists);
                    in_entry = true;
                }
                lists += 1;
                list_depth += 1;
            }
            Event::Start(Tag::List(_)) => {
                lists += 1;
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 {
                    in_entry = false;
                }
            }
            Event::Start(Tag::Item) if in_entry && list_depth == 1 => entries.push(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if in_heading {
                    if let Some((_, heading)) = headings.last_mut() {
                        heading.push_str(text);
                    }
                } else if in_entry {
                    if let Some(entry) = entries.last_mut() {
                        entry.push_str(text);
                    }
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Table(_)) if list_depth == 0 => {
                list_after = usize::MAX;
            }
            _ => {}
        }
        if matches!(event, Event::End(TagEnd::Heading(_))) {
            list_after = headings.len();
        }
    }
    let Some(list) = list else { return ContentsPlan::default() };
    let mut next = headings.iter().position(|(_, text)| text.trim() == title).map_or(0, |i| i + 1);
    let entries = entries
        .iter()
        .map(|entry| {
            let found = (next..headings.len()).find(|&i| {
                let (level, text) = &headings[i];
                (2..=3).contains(level) && !text.trim().is_empty() && entry.trim().starts_with(text.trim())
            });
            if let Some(i) = found {
                next = i + 1;
            }
            found
        })
        .collect();
    ContentsPlan { list: Some(list), entries }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// What the column-width estimate knows of one column: its longest text, and the widest piece of
/// text that must not break.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct ColumnText {
    /// The longest cell, in display cells (a Japanese character counts two).
    longest: usize,
    /// The widest piece that may not wrap, in em: a whole short cell (a date, 「24時間」, a
    /// heading), or a run of Latin letters and digits (a telephone number, an address).
    unbreakable: f64,
    /// The widest run of Latin letters and digits alone, in em: what may not wrap when a table
    /// has too many columns to keep its short cells whole.
    token: f64,
    /// Whether a body cell of this column is empty: the table is a form to fill in by hand.
    blank: bool,
}

/// Column facts of each table, in document order, from the text of its cells.
///
/// typst can size `auto` columns itself, but only by laying out every cell twice; for tables of
/// hundreds of rows (the 適用宣言書) that doubles the cost of the whole document. Widths estimated
/// from the text give the same look at a fraction of the cost.
fn table_column_widths(events: &[Event<'_>]) -> Vec<Vec<ColumnText>> {
    let mut tables = Vec::new();
    let mut current: Vec<ColumnText> = Vec::new();
    let mut column = 0usize;
    let mut cell = String::new();
    let mut in_head = false;
    for event in events {
        match event {
            Event::Start(Tag::Table(alignments)) => current = vec![ColumnText::default(); alignments.len()],
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut current)),
            Event::Start(Tag::TableHead) => (column, in_head) = (0, true),
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => {
                if let Some(facts) = current.get_mut(column) {
                    facts.longest = facts.longest.max(display_cells(&cell));
                    facts.unbreakable = facts.unbreakable.max(unbreakable_em(&cell));
                    facts.token = facts.token.max(token_em(&cell));
                    facts.blank |= !in_head && cell.trim().is_empty();
                }
                column += 1;
            }
            Event::Text(text) | Event::Code(text) => cell.push_str(text),
            _ => {}
        }
    }
    tables
}

/// Display cells of `text`: two for a Japanese character, one otherwise.
fn display_cells(text: &str) -> usize {
    text.chars().map(|c| if crate::diagnostic::is_wide(c) { 2 } else { 1 }).sum()
}

/// A cell of at most this many display cells never wraps (「令和８年４月１日」 is 16).
const SHORT_CELL: usize = 16;

/// Estimated printed width in em of a Japanese character, and (generously: the faces are
/// proportional, digits about 0.5 em) of any other.
const WIDE_EM: f64 = 1.0;
const NARROW_EM: f64 = 0.62;

fn text_em(text: &str) -> f64 {
    text.chars().map(|c| if crate::diagnostic::is_wide(c) { WIDE_EM } else { NARROW_EM }).sum()
}

/// The widest piece of `text` that may not wrap, in em (see [`ColumnText::unbreakable`]).
fn unbreakable_em(text: &str) -> f64 {
    let text = text.trim();
    if display_cells(text) <= SHORT_CELL {
        return text_em(text);
    }
    token_em(text)
}

/// The widest run of `text` without a space or a Japanese character, in em.
fn token_em(text: &str) -> f64 {
    text.split(|c: char| c.is_whitespace() || crate::diagnostic::is_wide(c)).map(text_em).fold(0.0, f64::max)
}

/// Renders each footnote definition's content once, so a reference can inline it as `#footnote[…]`.
fn collect_footnotes(events: &[Event<'_>]) -> HashMap<String, String> {
    let mut footnotes = HashMap::new();
    let mut current: Option<(String, Writer)> = None;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => current = Some((label.to_string(), Writer::default())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, writer)) = current.take() {
                    footnotes.insert(label, writer.out.trim().to_owned());
                }
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if current.is_some() => {}
            event => {
                if let Some((_, writer)) = current.as_mut() {
                    writer.event(event);
                }
            }
        }
    }
    footnotes
}

#[derive(Default)]
struct Writer {
    out: String,
    footnotes: HashMap<String, String>,
    /// Last character of text written, to decide what a soft break becomes.
    last_char: Option<char>,
    pending_soft_break: bool,
    /// Estimated widths of the tables still to come (next one last).
    column_widths: Vec<Vec<ColumnText>>,
    /// Nesting depth of content blocks (list items, table cells, quotes).
    depth: usize,
    /// Columns of the table being written, and whether its header row is being written.
    table_columns: usize,
    in_table_head: bool,
    /// Whether the table being written is a form (see [`ColumnText::blank`]).
    in_form: bool,
    in_code_block: bool,
    code: String,
    /// For each open wrapper tag, whether it was written (false: flattened past [`MAX_NESTING`]).
    wrappers: Vec<bool>,
    /// The document's own 目次, if it has one.
    contents: ContentsPlan,
    /// Headings and lists started so far, and entries of the 目次 list.
    headings: usize,
    lists: usize,
    entries: usize,
    /// Whether the list being written is the 目次 (depth of lists open, 0 outside any).
    in_contents: bool,
    list_depth: usize,
    /// The article in legal form whose first sentence comes next: its number and caption.
    article: Option<(String, String)>,
    /// The place in its article of the paragraph starting (its 項 or 号).
    role: Role,
    /// What closes the paragraph being written (the calls its structure opened).
    paragraph_close: &'static str,
}

/// How many quotes, lists and inline styles may nest before deeper ones are flattened. typst's
/// parser refuses very deep nesting; no real document comes near this.
const MAX_NESTING: usize = 24;

/// Tags that wrap their content in a typst call, and so add a level of nesting.
fn is_wrapper(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_wrapper_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

impl Writer {
    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) if is_wrapper(tag) => {
                let flatten = self.wrappers.iter().filter(|open| **open).count() >= MAX_NESTING;
                self.wrappers.push(!flatten);
                if !flatten {
                    self.start(tag);
                }
            }
            Event::End(tag) if is_wrapper_end(tag) => {
                if self.wrappers.pop().unwrap_or(true) {
                    self.end(tag);
                }
            }
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => self.code.push_str(text),
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.flush_soft_break(code.chars().next());
                self.out.push_str(&format!("#raw({})", string_literal(code)));
                self.last_char = code.chars().last();
            }
            Event::SoftBreak => self.pending_soft_break = true,
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.block("#line(length: 100%, stroke: 0.5pt)"),
            Event::FootnoteReference(label) => {
                let content = self.footnotes.get(label.as_ref()).cloned().unwrap_or_default();
                self.out.push_str(&format!("#footnote[{content}]"));
            }
            Event::TaskListMarker(done) => self.out.push_str(if *done { "☑ " } else { "☐ " }),
            // A template's `<!-- figure:NAME -->` (profile text cannot produce one: its `<` is
            // escaped) leaves a placeholder that [`with_figures`] replaces by a drawing.
            Event::Html(html) if figure_name(html).is_some() && !self.in_container() => {
                let name = figure_name(html).unwrap_or_default();
                self.block(&figure_placeholder(name));
            }
            // Raw HTML and math are never passed through: the document must not run anything a
            // string smuggled in. HTML comments (kitei's article labels) simply vanish.
            Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.begin_block();
                let role = std::mem::take(&mut self.role);
                if let Some((number, caption)) = self.article.take() {
                    // The caption one character in, kept with the sentence; the number bold.
                    self.out.push_str(&format!(
                        "#block(below: 0.5em, sticky: true)[#h(1em){}]\n#par(hanging-indent: 1em)[#strong[{}]　",
                        escape(&caption),
                        escape(&number)
                    ));
                    self.last_char = Some('　');
                    self.paragraph_close = "]";
                } else if matches!(role, Role::Paragraph(_)) {
                    self.out.push_str("#par(hanging-indent: 1em)[");
                    self.paragraph_close = "]";
                } else if matches!(role, Role::Item(_)) {
                    self.out.push_str("#pad(left: 1em)[#par(hanging-indent: 3em)[");
                    self.paragraph_close = "]]";
                }
            }
            Tag::Heading { level, .. } => {
                self.begin_block();
                self.headings += 1;
                self.out.push_str(&format!("#heading(level: {})[", heading_level(*level)));
            }
            Tag::BlockQuote(_) => {
                self.begin_block();
                self.depth += 1;
                self.out.push_str("#quote(block: true)[");
            }
            Tag::CodeBlock(_) => {
                self.begin_block();
                self.in_code_block = true;
                self.code.clear();
            }
            Tag::List(start) => {
                self.begin_block();
                self.list_depth += 1;
                if self.list_depth == 1 && self.contents.list == Some(self.lists) {
                    self.in_contents = true;
                }
                self.lists += 1;
                match start {
                    _ if self.in_contents && self.list_depth == 1 => self.out.push_str("#stack(spacing: 0.75em, "),
                    Some(n) => self.out.push_str(&format!("#enum(start: {n}, tight: true, ")),
                    None => self.out.push_str("#list(tight: true, "),
                }
            }
            Tag::Item => {
                self.depth += 1;
                match self.contents_target() {
                    Some(heading) => self.out.push_str(&format!("link(<toc-{heading}>)[")),
                    None => self.out.push('['),
                }
            }
            Tag::Table(alignments) => {
                self.begin_block();
                let widths = self.column_widths.pop().unwrap_or_default();
                self.table_columns = alignments.len().max(1);
                self.in_form = widths.iter().any(|c| c.blank);
                self.out.push_str(&table_open(alignments, &widths));
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.out.push_str(HEAD_OPEN);
            }
            Tag::TableRow => {}
            Tag::TableCell => {
                self.depth += 1;
                self.out.push_str(if self.in_table_head { HEAD_CELL_OPEN } else { "[" });
            }
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            // Only web and mail links are live in the PDF; a `file:` or other link would point the
            // reader's viewer at their own disk, so its text is printed without the link.
            Tag::Link { dest_url, .. } if is_web_link(dest_url) => {
                self.out.push_str(&format!("#link({})[", string_literal(dest_url)));
            }
            Tag::Link { .. } => self.out.push_str("#text["),
            Tag::Image { .. } => self.out.push_str("#emph["),
            Tag::FootnoteDefinition(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {}
            Tag::Superscript => self.out.push_str("#super["),
            Tag::Subscript => self.out.push_str("#sub["),
        }
    }

    fn end(&mut self, tag: &TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let close = std::mem::take(&mut self.paragraph_close);
                self.end_block(close);
            }
            // A heading the 目次 names carries a label its entry links to.
            TagEnd::Heading(_) if self.contents.is_target(self.headings - 1) => {
                let label = format!("]<toc-{}>", self.headings - 1);
                self.end_block(&label);
            }
            TagEnd::Heading(_) => self.end_block("]"),
            TagEnd::BlockQuote(_) => {
                self.depth -= 1;
                self.end_block("]");
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                let code = std::mem::take(&mut self.code);
                self.out.push_str(&format!("#raw(block: true, {})", string_literal(code.trim_end_matches('\n'))));
                self.end_block("");
            }
            TagEnd::List(_) => {
                self.list_depth -= 1;
                if self.list_depth == 0 {
                    self.in_contents = false;
                }
                self.end_block(")");
            }
            TagEnd::Item => {
                self.depth -= 1;
                // An entry of the 目次: a dotted leader and the page its heading is on.
                if let Some(heading) = self.contents_target() {
                    self.out.push_str(&format!(
                        "#box(width: 1fr, repeat[．])#context counter(page).at(<toc-{heading}>).first()"
                    ));
                }
                if self.in_contents && self.list_depth == 1 {
                    self.entries += 1;
                }
                self.out.push_str("],");
            }
            TagEnd::Table => {
                self.out.push_str(&table_close(self.table_columns));
                self.end_block(")");
            }
            // pulldown-cmark puts header cells directly in TableHead (no TableRow).
            TagEnd::TableHead => {
                self.in_table_head = false;
                self.out.push_str(HEAD_CLOSE);
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell => {
                self.depth -= 1;
                if self.in_form && !self.in_table_head && self.out.ends_with('[') {
                    self.out.push_str(FORM_BLANK);
                }
                self.out.push_str("],");
            }
            TagEnd::Link => {
                self.out.push(']');
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript => self.out.push(']'),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        self.flush_soft_break(text.chars().next());
        escape_into(&mut self.out, text);
        if let Some(c) = text.chars().last() {
            self.last_char = Some(c);
        }
    }

    /// A Markdown soft break: nothing between Japanese characters, a space otherwise.
    fn flush_soft_break(&mut self, next: Option<char>) {
        if std::mem::take(&mut self.pending_soft_break) {
            let cjk = |c: Option<char>| c.is_some_and(crate::diagnostic::is_wide);
            if !(cjk(self.last_char) || cjk(next)) {
                self.out.push(' ');
            }
        }
    }

    /// Starts a block: at top level on a fresh line; inside a container (list item, cell) separated
    /// by a paragraph break.
    fn begin_block(&mut self) {
        self.pending_soft_break = false;
        self.last_char = None;
        if self.in_container() {
            if !self.out.ends_with('[') {
                self.out.push_str("#parbreak()");
            }
        } else if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push_str(if self.out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    }

    fn end_block(&mut self, close: &str) {
        self.out.push_str(close);
        if !self.in_container() {
            self.out.push_str("\n\n");
        }
    }

    fn block(&mut self, markup: &str) {
        self.begin_block();
        self.out.push_str(markup);
        self.end_block("");
    }

    /// The heading the 目次 entry being written names (entries of the 目次 list only).
    fn contents_target(&self) -> Option<usize> {
        if !(self.in_contents && self.list_depth == 1) {
            return None;
        }
        self.contents.entries.get(self.entries).copied().flatten()
    }

    /// Inside a list item, table cell or quote, where blocks are separated by `#parbreak()`.
    fn in_container(&self) -> bool {
        self.depth > 0
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Bounds of a column's share, in display cells: wide enough for a four-character Japanese word,
/// and no column more than this many times as wide as the narrowest.
const MIN_COLUMN: usize = 8;
const MAX_COLUMN: usize = 36;

/// The width of a table in em of its text: A4 less the margins (170 mm) at 8.5 pt.
const TABLE_WIDTH_EM: f64 = 56.6;
/// The space between columns, in em (`column-gutter` below).
const GUTTER_EM: f64 = 1.2;
/// Room added to an unbreakable width for the estimate's error.
const SLACK_EM: f64 = 0.6;

/// The typst `columns` of a table: each column a share (`fr`) of its longest text, except that a
/// column whose share would be narrower than its widest unbreakable piece gets that width fixed
/// (in em), and the others share what is left.
fn column_sizes(columns: &[ColumnText]) -> Vec<String> {
    let share = |c: &ColumnText| c.longest.clamp(MIN_COLUMN, MAX_COLUMN) as f64;
    let mut fixed: Vec<Option<f64>> = vec![None; columns.len()];
    let mut available = TABLE_WIDTH_EM - GUTTER_EM * columns.len().saturating_sub(1) as f64;
    // Short cells stay whole where the page has room for all of them; a table of many columns
    // keeps only its Latin runs (numbers, dates in figures) whole.
    let whole: f64 = columns.iter().map(|c| c.unbreakable + SLACK_EM).sum();
    let keep_whole = whole <= available;
    let minimum = |c: &ColumnText| if keep_whole { c.unbreakable } else { c.token };
    loop {
        let total: f64 = columns.iter().zip(&fixed).filter(|(_, f)| f.is_none()).map(|(c, _)| share(c)).sum();
        let squeezed = columns
            .iter()
            .enumerate()
            .find(|(i, c)| fixed[*i].is_none() && share(c) / total * available < minimum(c) + SLACK_EM);
        // Fixing the last flexible column, or more than the page holds, helps nothing.
        let rest_needs = |skip: usize| -> f64 {
            columns.iter().enumerate().filter(|(j, _)| *j != skip && fixed[*j].is_none()).map(|(_, c)| minimum(c)).sum()
        };
        match squeezed {
            Some((i, c))
                if fixed.iter().filter(|f| f.is_none()).count() > 1
                    && available - minimum(c) - SLACK_EM >= rest_needs(i) =>
            {
                let width = minimum(c) + SLACK_EM;
                fixed[i] = Some(width);
                available -= width;
            }
            _ => break,
        }
    }
    columns
        .iter()
        .zip(&fixed)
        .map(|(c, f)| match f {
            Some(width) => format!("{width:.1}em"),
            None => format!("{}fr", share(c)),
        })
        .collect()
}

// Tables are ruled, not boxed: a heavy rule above and below, a light one under the header, and
// space between rows and columns instead of a line around every cell. Cell borders and insets
// each cost typst a stroke pass and a padding layout per cell, together about a third of the
// time of the 300-row tables (measured by compiling the 適用宣言書 repeatedly in-process); the
// few header cells keep an inset so the rules clear their text. The header, rules included,
// repeats on every page a table runs over.

/// How a table and its header open.
const TABLE_STYLE: &str = "stroke: none, inset: 0pt, column-gutter: 1.2em, row-gutter: 0.8em";
const HEAD_OPEN: &str = "table.header(table.hline(y: 0, stroke: 0.8pt), ";
const HEAD_CELL_OPEN: &str = "table.cell(inset: (y: 0.35em))[";
const HEAD_CLOSE: &str = "table.hline(y: 0, position: bottom, stroke: 0.4pt),),";

/// A form (a table with blank cells to write in) is boxed, every cell ruled, and a blank cell is
/// as tall as two lines of handwriting.
const FORM_STYLE: &str = "stroke: 0.5pt, inset: (x: 4pt, y: 5pt), column-gutter: 0pt, row-gutter: 0pt";
const FORM_BLANK: &str = "#box(height: 2.2em)";

fn table_open(alignments: &[Alignment], widths: &[ColumnText]) -> String {
    let align: Vec<&str> = alignments
        .iter()
        .map(|a| match a {
            Alignment::Center => "center",
            Alignment::Right => "right",
            Alignment::Left | Alignment::None => "left",
        })
        .collect();
    // Short columns keep their natural share; long text columns are capped so that no column
    // squeezes the others to a character per line; no column is narrower than what may not wrap.
    let facts: Vec<ColumnText> =
        (0..alignments.len().max(1)).map(|i| widths.get(i).copied().unwrap_or_default()).collect();
    let columns = column_sizes(&facts);
    let style = if facts.iter().any(|c| c.blank) { FORM_STYLE } else { TABLE_STYLE };
    format!("#table(columns: ({},), align: ({},), {style}, ", columns.join(", "), align.join(", "))
}

/// The closing rule: the top border of an empty last row, so that the row gap keeps it clear of
/// the text. (A `table.hline` at the end would also be drawn at the foot of every page the table
/// breaks on, touching the last row there.)
fn table_close(columns: usize) -> String {
    format!("table.cell(colspan: {columns}, stroke: (top: 0.8pt))[],")
}

/// Writes `text` as typst markup that displays exactly `text`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Escapes `text` as typst markup.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// A typst string literal holding `text`.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a link may be live in a PDF: `http:`, `https:` or `mailto:`.
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::syntax::{parse, SyntaxKind, SyntaxNode};

    /// Every node kind that a text-only markup tree may contain.
    fn only_text(node: &SyntaxNode) -> bool {
        matches!(
            node.kind(),
            SyntaxKind::Markup | SyntaxKind::Text | SyntaxKind::Escape | SyntaxKind::Space | SyntaxKind::Shorthand
        ) && node.children().all(only_text)
    }

    const HOSTILE: &[&str] = &[
        "#read(\"/etc/passwd\")",
        "\\#read(\"/etc/passwd\")",
        "#import \"@preview/x:0.1.0\"",
        "= heading",
        "- item",
        "1. item",
        "/ term: x",
        "$x$",
        "<label> @ref",
        "// comment",
        "/* comment",
        "[",
        "]",
        "*bold*",
        "_emph_",
        "`code`",
        "{{ x }}",
        "{% if %}",
        "<b>html</b>",
        "https://example.com/a_b*c",
        "絵文字😀",
        "#{panic()}",
        "\\",
        "~~~",
        "'quote' \"double\"",
    ];

    #[test]
    fn escaped_text_parses_as_text_only() {
        for s in HOSTILE {
            let escaped = escape(s);
            let tree = parse(&escaped);
            assert!(only_text(&tree), "{s:?} became {escaped:?}: {tree:#?}");
        }
    }

    #[test]
    fn soft_breaks_between_japanese_vanish() {
        let out = markdown_to_typst("日本語の\n文章である。\nSecond\nline");
        assert!(out.contains("日本語の文章である。Second line"), "{out}");
        assert!(!out.trim().contains('\n'));
    }

    #[test]
    fn structures_become_function_calls() {
        let out = markdown_to_typst("# 見出し\n\n- a\n  1. b\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n**強調**と*斜体*\n");
        assert!(out.contains("#heading(level: 1)[見出し]"), "{out}");
        assert!(out.contains("#list(tight: true, [a#parbreak()#enum(start: 1, tight: true, [b],)],)"), "{out}");
        assert!(
            out.contains(&format!(
                "#table(columns: (8fr, 8fr,), align: (left, right,), {TABLE_STYLE}, {HEAD_OPEN}{HEAD_CELL_OPEN}x],\
                 {HEAD_CELL_OPEN}y],{HEAD_CLOSE}[1],[2],table.cell(colspan: 2, stroke: (top: 0.8pt))[],)"
            )),
            "{out}"
        );
        assert!(out.contains("#strong[強調]と#emph[斜体]"), "{out}");
    }

    #[test]
    fn no_column_is_narrower_than_its_telephone_number_date_or_short_heading() {
        let long = "長い説明の文章である。".repeat(4);
        let md = format!(
            "| 事業者 | 担当 | 窓口 | 電話 | 受付時間 |\n|---|---|---|---|---|\n\
             | 株式会社メディクラウド | {long} | カスタマーサポート | 0120-111-222 | {long} |\n\
             | 改定日 | 目標復旧時間 | x | 03-5000-1234 | 24 時間 |\n"
        );
        let events: Vec<Event<'_>> = Parser::new_ext(&md, options()).collect();
        let facts = &table_column_widths(&events)[0];
        assert!((facts[3].unbreakable - 12.0 * NARROW_EM).abs() < 1e-9, "{facts:?}");
        assert!((facts[1].unbreakable - 6.0).abs() < 1e-9, "a short cell stays whole: {facts:?}");
        let sizes = column_sizes(facts);
        assert_eq!(sizes[3], format!("{:.1}em", 12.0 * NARROW_EM + SLACK_EM), "{sizes:?}");
        assert!(sizes[1].ends_with("fr") && sizes[4].ends_with("fr"), "{sizes:?}");
        assert!(unbreakable_em("令和８年４月１日") >= 8.0);
        // A table of short columns keeps plain shares.
        let short = column_sizes(&[ColumnText { longest: 4, unbreakable: 2.0, token: 0.0, blank: false }; 3]);
        assert_eq!(short, ["8fr", "8fr", "8fr"]);
        // Nine columns of short cells cannot all stay whole: only their numbers do.
        let many = column_sizes(&[ColumnText { longest: 14, unbreakable: 7.0, token: 4.0, blank: false }; 9]);
        assert!(many.iter().all(|s| s == "14fr"), "{many:?}");
        let mut dated = [ColumnText { longest: 30, unbreakable: 7.0, token: 0.0, blank: false }; 9];
        dated[7] = ColumnText { longest: 10, unbreakable: 7.0, token: 6.2, blank: false };
        assert_eq!(column_sizes(&dated)[7], format!("{:.1}em", 6.2 + SLACK_EM));
    }

    #[test]
    fn a_table_with_blank_cells_is_a_boxed_form_with_room_to_write() {
        let out = markdown_to_typst("| 日付 | 記入欄 |\n|---|---|\n| 申請日 |  |\n|  |  |\n");
        assert!(out.contains(FORM_STYLE), "{out}");
        assert_eq!(out.matches(FORM_BLANK).count(), 3, "{out}");
        assert!(!markdown_to_typst("| a |\n|---|\n| b |\n").contains(FORM_STYLE));
    }

    #[test]
    fn odd_markdown_still_gives_valid_typst() {
        let cases = [
            "- [ ] task\n- [x] done\n",
            "> quote\n>\n> > nested\n",
            "```\ncode ] [ #x\n```\n",
            "| a |\n|---|\n| `x|y` |\n",
            "[link](http://x.y/_a_ \"t\")",
            "![img](x.png)",
            "***x***",
            "~~s~~",
            "1. a\n\n   para\n2. b\n",
            "# \n",
            "x  \ny",
            "<b>html</b>\n\n<div>\nblock\n</div>\n",
            "[^n]\n\n[^n]: a\n    more\n",
            "* * *",
            "\\",
            "[",
            "]]",
            "`` ` ``",
        ];
        // Found by the markdown_to_typst fuzzer: nesting deeper than typst's parser accepts.
        let deep_quotes = format!("{}[~", ">".repeat(138));
        let deep_lists: String = (0..100).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        let deep_emphasis = format!("{}x{}", "*_".repeat(60), "_*".repeat(60));
        let cases = cases.iter().map(|c| c.to_string()).chain([deep_quotes, deep_lists, deep_emphasis]);
        for case in cases {
            let out = markdown_to_typst(&case);
            assert!(parse(&out).errors_and_warnings().0.is_empty(), "{case:?} → {out:?}");
        }
    }

    #[test]
    fn footnotes_are_inlined() {
        let out = markdown_to_typst("本文[^1]。\n\n[^1]: 注記。\n");
        assert!(out.contains("本文#footnote[注記。]。"), "{out}");
    }

    #[test]
    fn a_documents_own_contents_links_each_entry_to_its_heading_and_page() {
        let markdown = "## 目次\n\n- 第1章　総則（第1条―第2条）\n- 附録\n- 附則\n\n### 第1章　総則\n\n本文。\n\n### 第1章の2\n\n## 附則\n\n施行する。\n";
        let out = convert(markdown, Some("目次"), None);
        assert!(out.contains("#stack(spacing: 0.75em, link(<toc-1>)["), "{out}");
        assert!(out.contains("#context counter(page).at(<toc-1>).first()],"), "{out}");
        assert!(out.contains("[附録],"), "an entry naming no heading stays plain: {out}");
        assert!(out.contains("#heading(level: 3)[第1章　総則]<toc-1>"), "{out}");
        assert!(out.contains("#heading(level: 3)[第1章の2]\n"), "a heading no entry names has no label: {out}");
        assert!(out.contains("#heading(level: 2)[附則]<toc-3>"), "{out}");
        // Under another title (a facility's wording), or with text between heading and list, no 目次.
        assert!(!convert(markdown, Some("もくじ"), None).contains("toc-"));
        let apart = markdown.replace("## 目次\n\n", "## 目次\n\n前文。\n\n");
        assert!(!convert(&apart, Some("目次"), None).contains("toc-"));
    }
}
