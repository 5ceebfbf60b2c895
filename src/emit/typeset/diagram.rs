//! Diagrams drawn with typst's own shapes (`place`, `rect`, `line`, `polygon`), generated from
//! structured data: no package, nothing read from disk, every label a string literal.
//!
//! The 連絡体制図 is laid out in rows from top to bottom: who discovers an incident, the
//! 企画管理者 who leads the response, the people the 企画管理者 calls inside the facility, then the
//! vendors and the outside bodies. Coordinates are computed here, so typst only paints.

use std::fmt::Write as _;

use super::markup::string_literal;
use crate::w;

/// A box of the chart: a bold title and a few lines under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChartNode {
    /// Bold first line.
    pub title: String,
    /// Further lines (name, phone, what the contact is for).
    pub lines: Vec<String>,
}

impl ChartNode {
    /// A node with a title and lines.
    pub(crate) fn new(title: impl Into<String>, lines: Vec<String>) -> Self {
        Self { title: title.into(), lines }
    }
}

/// The 連絡体制図 of a facility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactChart {
    /// Who finds the incident (first row).
    pub discoverer: ChartNode,
    /// Who leads the response (second row).
    pub leader: ChartNode,
    /// Whom the leader informs inside the facility (third row, at most four).
    pub inside: Vec<ChartNode>,
    /// Vendors (rows of four).
    pub vendors: Vec<ChartNode>,
    /// Outside bodies (rows of four).
    pub bodies: Vec<ChartNode>,
}

/// Page text width in mm (A4 with 20 mm margins).
const WIDTH: f64 = 170.0;
const PER_ROW: usize = 4;
const GAP: f64 = 4.0;
const ROW_GAP: f64 = 10.0;
/// Left edge of the trunk that runs down to the outside rows.
const TRUNK_X: f64 = 1.5;

struct Placed {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Placed {
    fn top_center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y)
    }
    fn bottom_center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h)
    }
}

/// The typst code of the chart (a `figure` holding a fixed-size block).
pub(crate) fn contact_chart(chart: &ContactChart, wording: &crate::wording::Wording) -> String {
    let mut shapes = String::new();
    let mut y = 0.0;
    let discoverer = place_row(&mut shapes, std::slice::from_ref(&chart.discoverer), &mut y, 11.0, 60.0);
    let leader = place_row(&mut shapes, std::slice::from_ref(&chart.leader), &mut y, 15.0, 70.0);
    arrow(&mut shapes, discoverer[0].bottom_center(), leader[0].top_center());
    let inside = place_row(&mut shapes, &chart.inside, &mut y, 15.0, 0.0);
    fan_out(&mut shapes, leader[0].bottom_center(), &inside);
    let mut from = leader[0].bottom_center();
    for (label, nodes) in
        [(w!(wording, "figures.vendors"), &chart.vendors), (w!(wording, "figures.bodies"), &chart.bodies)]
    {
        for (n, chunk) in nodes.chunks(PER_ROW).enumerate() {
            if n == 0 {
                y += 1.0;
                label_text(&mut shapes, label, y);
                y += 4.5;
            }
            let height = chunk.iter().map(node_height).fold(12.0, f64::max);
            let row = place_row(&mut shapes, chunk, &mut y, height, 0.0);
            trunk(&mut shapes, from, &row);
            from = (TRUNK_X, row[0].y - ROW_GAP / 2.0);
        }
    }
    format!(
        "#figure(caption: {caption}, block(width: {WIDTH}mm, height: {y:.1}mm, breakable: false, {{\n{shapes}}}))\n",
        caption = string_literal(w!(wording, "figures.contact_chart_caption")),
    )
}

/// How a layer of a [`layered_chart`] hangs from the layer above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    /// Not connected: the layers are drawn as groups, and no line claims a connection the data
    /// does not state.
    None,
    /// Arrows from the node at this index of the layer above into every node of this layer.
    From(usize),
}

/// A layer of a [`layered_chart`]: an optional label above it and its nodes (rows of four).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layer {
    /// Small grey label above the layer.
    pub label: Option<String>,
    /// How it hangs from the layer above.
    pub link: Link,
    /// Its nodes.
    pub nodes: Vec<ChartNode>,
}

/// The typst code of a chart drawn in layers from top to bottom (a `figure` holding a fixed-size
/// block); an empty layer is left out, and a link to it from below falls back to no link.
pub(crate) fn layered_chart(caption: &str, layers: &[Layer]) -> String {
    let mut shapes = String::new();
    let mut y = 0.0;
    let mut above: Vec<Placed> = Vec::new();
    for layer in layers.iter().filter(|l| !l.nodes.is_empty()) {
        if let Some(label) = &layer.label {
            y += 1.0;
            label_text(&mut shapes, label, y);
            y += 4.5;
        }
        let source = match layer.link {
            Link::From(i) => above.get(i).map(Placed::bottom_center),
            Link::None => None,
        };
        let mut placed = Vec::new();
        let mut from = source;
        for chunk in layer.nodes.chunks(PER_ROW) {
            let height = chunk.iter().map(node_height).fold(12.0, f64::max);
            let fixed = if chunk.len() == 1 && layer.nodes.len() == 1 { 70.0 } else { 0.0 };
            let row = place_row(&mut shapes, chunk, &mut y, height, fixed);
            match from {
                Some(point) if placed.is_empty() => fan_out(&mut shapes, point, &row),
                Some(point) => trunk(&mut shapes, point, &row),
                None => {}
            }
            if let Some(first) = row.first() {
                from = source.map(|_| (TRUNK_X, first.y - ROW_GAP / 2.0));
                if placed.is_empty() && source.is_some() && layer.nodes.len() > PER_ROW {
                    // The later rows hang from the same bus: extend it to the left edge.
                    line(
                        &mut shapes,
                        (TRUNK_X, first.y - ROW_GAP / 2.0),
                        (first.top_center().0, first.y - ROW_GAP / 2.0),
                    );
                }
            }
            placed.extend(row);
        }
        above = placed;
    }
    format!(
        "#figure(caption: {caption}, block(width: {WIDTH}mm, height: {y:.1}mm, breakable: false, {{\n{shapes}}}))\n",
        caption = string_literal(caption),
    )
}

/// An estimated height for a node: about fifteen characters a line in a quarter-width box.
fn node_height(node: &ChartNode) -> f64 {
    let lines: usize =
        std::iter::once(&node.title).chain(&node.lines).map(|l| l.chars().count().div_ceil(13).max(1)).sum();
    4.0 + lines as f64 * 3.6
}

/// Places a row of nodes; `fixed` > 0 gives every node that width, centred as a group.
fn place_row(out: &mut String, nodes: &[ChartNode], y: &mut f64, height: f64, fixed: f64) -> Vec<Placed> {
    let n = nodes.len().max(1) as f64;
    let w = if fixed > 0.0 { fixed } else { (WIDTH - 6.0 - GAP * (n - 1.0)) / n.max(PER_ROW as f64 / 2.0) };
    let total = w * n + GAP * (n - 1.0);
    let start = if fixed > 0.0 || n < PER_ROW as f64 { (WIDTH - total) / 2.0 } else { 6.0 };
    let placed: Vec<Placed> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let p = Placed { x: start + i as f64 * (w + GAP), y: *y, w, h: height };
            node_box(out, node, &p);
            p
        })
        .collect();
    *y += height + ROW_GAP;
    placed
}

fn node_box(out: &mut String, node: &ChartNode, p: &Placed) {
    let mut body =
        format!("text(font: \"BIZ UDPGothic\", weight: \"bold\", size: 7.5pt, {})", string_literal(&node.title));
    for line in &node.lines {
        let _ = write!(body, "; linebreak(); text(size: 6.8pt, {})", string_literal(line));
    }
    let _ = writeln!(
        out,
        "  place(top + left, dx: {:.1}mm, dy: {:.1}mm, rect(width: {:.1}mm, height: {:.1}mm, stroke: 0.6pt + luma(60), fill: luma(246), radius: 1.5pt, inset: 2pt, align(center + horizon, par(justify: false, leading: 0.35em, {{ {body} }}))))",
        p.x, p.y, p.w, p.h
    );
}

fn label_text(out: &mut String, label: &str, y: f64) {
    let _ = writeln!(
        out,
        "  place(top + left, dx: 6mm, dy: {y:.1}mm, text(font: \"BIZ UDPGothic\", size: 7pt, fill: luma(80), {}))",
        string_literal(label)
    );
}

fn line(out: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
    let _ = writeln!(
        out,
        "  place(top + left, line(start: ({x1:.1}mm, {y1:.1}mm), end: ({x2:.1}mm, {y2:.1}mm), stroke: 0.6pt + luma(60)))"
    );
}

/// A downward arrow ending at `to`.
fn arrow(out: &mut String, from: (f64, f64), to: (f64, f64)) {
    line(out, from, (to.0, to.1 - 1.6));
    let (x, y) = to;
    let _ = writeln!(
        out,
        "  place(top + left, polygon(fill: luma(60), ({x:.1}mm, {y:.1}mm), ({:.1}mm, {:.1}mm), ({:.1}mm, {:.1}mm)))",
        x - 1.1,
        y - 2.2,
        x + 1.1,
        y - 2.2
    );
}

/// Lines from `from` down to a bus above the row, then an arrow into each node.
fn fan_out(out: &mut String, from: (f64, f64), row: &[Placed]) {
    let Some(first) = row.first() else { return };
    let bus = first.y - ROW_GAP / 2.0;
    line(out, from, (from.0, bus));
    let xs: Vec<f64> = row.iter().map(|p| p.top_center().0).chain([from.0]).collect();
    let (min, max) = xs.iter().fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
    line(out, (min, bus), (max, bus));
    for p in row {
        arrow(out, (p.top_center().0, bus), p.top_center());
    }
}

/// From `from` along the left edge down to the bus above `row`, then into each node.
fn trunk(out: &mut String, from: (f64, f64), row: &[Placed]) {
    let Some(first) = row.first() else { return };
    let bus = first.y - ROW_GAP / 2.0;
    if (from.0 - TRUNK_X).abs() > f64::EPSILON {
        let turn = from.1 + ROW_GAP / 2.0 - 1.0;
        line(out, from, (from.0, turn.min(bus)));
        line(out, (TRUNK_X, turn.min(bus)), (from.0, turn.min(bus)));
        line(out, (TRUNK_X, turn.min(bus)), (TRUNK_X, bus));
    } else {
        line(out, from, (TRUNK_X, bus));
    }
    let last = row.last().map(|p| p.top_center().0).unwrap_or(TRUNK_X);
    line(out, (TRUNK_X, bus), (last, bus));
    for p in row {
        arrow(out, (p.top_center().0, bus), p.top_center());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> ContactChart {
        let node =
            |t: &str| ChartNode::new(t, vec!["#read(\"/etc/passwd\") ]\\".to_owned(), "03-0000-0000".to_owned()]);
        ContactChart {
            discoverer: node("発見した職員"),
            leader: node("企画管理者 \"#{panic()}\""),
            inside: vec![node("院長"), node("システム運用担当者")],
            vendors: (0..5).map(|i| node(&format!("事業者{i}"))).collect(),
            bodies: vec![node("厚生労働省"), node("都道府県"), node("警察"), node("個人情報保護委員会")],
        }
    }

    #[test]
    fn hostile_labels_stay_text_and_the_chart_compiles() {
        let code = contact_chart(&chart(), crate::wording::embedded());
        let source = format!("#set text(font: \"BIZ UDPMincho\")\n{code}");
        let pdf =
            super::super::compile_with_timeout("chart", source, chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert!(pdf.unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_layered_chart_draws_every_node_links_only_where_asked_and_compiles() {
        let node = |t: &str| ChartNode::new(t, vec!["#read(\"/etc/passwd\")".to_owned()]);
        let layers = [
            Layer { label: Some("top \"]".to_owned()), link: Link::None, nodes: vec![node("A")] },
            Layer { label: None, link: Link::From(0), nodes: (0..6).map(|i| node(&format!("B{i}"))).collect() },
            Layer { label: None, link: Link::None, nodes: Vec::new() },
            Layer { label: Some("C".to_owned()), link: Link::None, nodes: vec![node("C0"), node("C1")] },
        ];
        let code = layered_chart("caption", &layers);
        assert_eq!(code.matches("rect(").count(), 1 + 6 + 2);
        // Six arrows into layer B, none into C.
        assert_eq!(code.matches("polygon(").count(), 6);
        let source = format!("#set text(font: \"BIZ UDPMincho\")\n{code}");
        let pdf =
            super::super::compile_with_timeout("layers", source, chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert!(pdf.unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn every_node_is_drawn() {
        let code = contact_chart(&chart(), crate::wording::embedded());
        for label in ["発見した職員", "院長", "事業者4", "個人情報保護委員会"] {
            assert!(code.contains(&string_literal(label)), "{label}");
        }
        assert_eq!(code.matches("rect(").count(), 1 + 1 + 2 + 5 + 4);
    }
}
