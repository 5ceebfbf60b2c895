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

/// Where a box of a [`NetworkChart`] sits: the index of its node in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Spot {
    /// A party outside the premises (a cloud service, a vendor's maintenance site).
    Outside(usize),
    /// A line (the internet's, or a VPN device's own).
    Line(usize),
    /// A device at the premises' boundary (the exit's router or UTM, a VPN device).
    Boundary(usize),
    /// A segment of the facility's network.
    Segment(usize),
}

/// A segment of a [`NetworkChart`]: its box and what sits in it, hung below it on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    /// The segment.
    pub head: ChartNode,
    /// Its systems and devices.
    pub members: Vec<ChartNode>,
}

/// The system/network 構成図: the parties outside the premises, the lines, the devices at the
/// boundary and the segments with what sits in them, joined only by the links the data states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NetworkChart {
    /// Caption.
    pub caption: String,
    /// Label of the area outside the premises.
    pub outside_label: String,
    /// Label of the premises (printed at the boundary's foot).
    pub inside_label: String,
    /// Cloud services and vendors' maintenance sites.
    pub outside: Vec<ChartNode>,
    /// Lines.
    pub lines: Vec<ChartNode>,
    /// Devices at the boundary.
    pub boundary: Vec<ChartNode>,
    /// Segments.
    pub segments: Vec<Column>,
    /// Devices of no segment, in labelled groups, drawn without lines.
    pub loose: Vec<(String, Vec<ChartNode>)>,
    /// The connections, each between two boxes of different rows.
    pub links: Vec<(Spot, Spot)>,
}

/// Vertical room between two lanes of connections in a gap.
const LANE: f64 = 1.4;
/// Left of the boxes: the lanes that carry a connection past a row (x of the first; at most five).
const GUTTER: f64 = 0.8;

/// A box of the [`NetworkChart`] being laid out.
struct Slot {
    spot: Option<Spot>,
    node: ChartNode,
    members: Vec<(ChartNode, f64)>,
    x: f64,
    w: f64,
}

/// A row of boxes (or of segment columns) being laid out.
struct Row {
    label: Option<String>,
    inside: bool,
    slots: Vec<Slot>,
    /// The height of its boxes (a column adds its members below).
    head: f64,
    height: f64,
    y: f64,
}

/// One connection routed through the gaps between rows.
struct Route {
    from: (usize, usize),
    to: (usize, usize),
    /// Lane numbers: in the gap below `from`'s row, and (when rows lie between) in the gap above
    /// `to`'s row, with a gutter lane.
    lanes: (usize, Option<(usize, usize)>),
}

/// The typst code of the 構成図 (a `figure` holding a fixed-size block). Coordinates are computed
/// here from estimated text heights that err on the tall side, so no label runs into another.
pub(crate) fn network_chart(chart: &NetworkChart) -> String {
    let mut rows: Vec<Row> = Vec::new();
    let mut push = |label: Option<String>, inside: bool, group: &[(Option<Spot>, ChartNode, Vec<ChartNode>)]| {
        for (n, chunk) in group.chunks(PER_ROW).enumerate() {
            let count = chunk.len() as f64;
            let w = (WIDTH - 6.0 - GAP * (count - 1.0)) / count.max(PER_ROW as f64 / 2.0);
            let total = w * count + GAP * (count - 1.0);
            // Centred right of the gutter, where the lanes that pass a row run.
            let start = 6.0 + (WIDTH - 6.0 - total) / 2.0;
            let head = chunk.iter().map(|(_, node, _)| fitted_height(node, w)).fold(9.0, f64::max);
            let slots: Vec<Slot> = chunk
                .iter()
                .enumerate()
                .map(|(i, (spot, node, members))| Slot {
                    spot: *spot,
                    node: node.clone(),
                    members: members.iter().map(|m| (m.clone(), fitted_height(m, w - 4.0).max(7.0))).collect(),
                    x: start + i as f64 * (w + GAP),
                    w,
                })
                .collect();
            let height = slots
                .iter()
                .map(|s| {
                    head + s.members.iter().map(|(_, h)| h + 2.0).sum::<f64>()
                        + if s.members.is_empty() { 0.0 } else { 1.0 }
                })
                .fold(head, f64::max);
            let label = if n == 0 { label.clone() } else { None };
            rows.push(Row { label, inside, slots, head, height, y: 0.0 });
        }
    };
    let plain = |nodes: &[ChartNode], spot: fn(usize) -> Spot| {
        nodes.iter().enumerate().map(|(i, n)| (Some(spot(i)), n.clone(), Vec::new())).collect::<Vec<_>>()
    };
    let label = Some(chart.outside_label.clone());
    push(label.clone().filter(|_| !chart.outside.is_empty()), false, &plain(&chart.outside, Spot::Outside));
    push(label.filter(|_| chart.outside.is_empty()), false, &plain(&chart.lines, Spot::Line));
    push(None, true, &plain(&chart.boundary, Spot::Boundary));
    let columns: Vec<_> = chart
        .segments
        .iter()
        .enumerate()
        .map(|(i, c)| (Some(Spot::Segment(i)), c.head.clone(), c.members.clone()))
        .collect();
    push(None, true, &columns);
    for (label, nodes) in &chart.loose {
        let group: Vec<_> = nodes.iter().map(|n| (None, n.clone(), Vec::new())).collect();
        push(Some(label.clone()), true, &group);
    }
    let find = |spot: Spot| {
        rows.iter().enumerate().find_map(|(r, row)| row.slots.iter().position(|s| s.spot == Some(spot)).map(|i| (r, i)))
    };
    // Route every link: one lane in the gap under the upper box's row, and for a link past rows
    // between, a gutter lane down the left and a lane in the gap above the lower box's row.
    let mut lanes = vec![0usize; rows.len() + 1];
    let mut gutters = 0usize;
    let mut routes: Vec<Route> = Vec::new();
    let mut links: Vec<(Spot, Spot)> = chart.links.clone();
    links.dedup();
    for (a, b) in links {
        let (Some(a), Some(b)) = (find(a), find(b)) else { continue };
        let (from, to) = if a.0 <= b.0 { (a, b) } else { (b, a) };
        if from.0 == to.0 || routes.iter().any(|r| r.from == from && r.to == to) {
            continue;
        }
        let first = lanes[from.0 + 1];
        lanes[from.0 + 1] += 1;
        let far = (to.0 > from.0 + 1).then(|| {
            let lane = lanes[to.0];
            lanes[to.0] += 1;
            gutters += 1;
            (lane, (gutters - 1) % 5)
        });
        routes.push(Route { from, to, lanes: (first, far) });
    }
    // Heights: a label strip, the boundary's top, the lanes, then the row.
    let mut y = 0.0;
    let mut boundary_top = None;
    let mut gap_top = vec![0.0; rows.len() + 1];
    for (r, row) in rows.iter_mut().enumerate() {
        if row.inside && boundary_top.is_none() {
            y += if r == 0 { 0.0 } else { 2.0 };
            boundary_top = Some(y);
            y += 2.0;
        } else if r > 0 {
            y += 2.0;
        }
        gap_top[r] = y;
        let n = lanes[r];
        if n > 0 {
            y += 4.0 + (n - 1) as f64 * LANE;
        } else if r > 0 {
            y += 3.0;
        }
        if row.label.is_some() {
            y += 5.5;
        }
        row.y = y;
        y += row.height;
    }
    let mut shapes = String::new();
    let lane_y = |r: usize, lane: usize, gap_top: &[f64]| gap_top[r] + 2.0 + lane as f64 * LANE;
    for row in &rows {
        if let Some(label) = &row.label {
            label_text(&mut shapes, label, row.y - 4.5);
        }
        for slot in &row.slots {
            let p = Placed { x: slot.x, y: row.y, w: slot.w, h: row.head };
            node_box(&mut shapes, &slot.node, &p);
            let mut my = row.y + row.head + 3.0;
            let spine = slot.x + 2.0;
            let mut last = None;
            for (member, h) in &slot.members {
                let m = Placed { x: slot.x + 4.0, y: my, w: slot.w - 4.0, h: *h };
                node_box(&mut shapes, member, &m);
                line(&mut shapes, (spine, my + h / 2.0), (m.x, my + h / 2.0));
                last = Some(my + h / 2.0);
                my += h + 2.0;
            }
            if let Some(last) = last {
                line(&mut shapes, (spine, row.y + row.head), (spine, last));
            }
        }
    }
    // Ports: each box's links spread along its edge, ordered by where the other end lies.
    let centre = |(r, i): (usize, usize)| rows[r].slots[i].x + rows[r].slots[i].w / 2.0;
    let port = |at: (usize, usize), other: (usize, usize), down: bool| {
        let mut mine: Vec<(f64, (usize, usize))> = routes
            .iter()
            .filter_map(|route| match down {
                true if route.from == at => Some((centre(route.to), route.to)),
                false if route.to == at => Some((centre(route.from), route.from)),
                _ => None,
            })
            .collect();
        mine.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = mine.iter().position(|(_, o)| *o == other).unwrap_or(0);
        let slot = &rows[at.0].slots[at.1];
        slot.x + slot.w * (k + 1) as f64 / (mine.len() + 1) as f64
    };
    for route in &routes {
        let (from, to) = (route.from, route.to);
        let start = (port(from, to, true), rows[from.0].y + rows[from.0].head);
        let end = (port(to, from, false), rows[to.0].y);
        let first = lane_y(from.0 + 1, route.lanes.0, &gap_top);
        match route.lanes.1 {
            None => {
                line(&mut shapes, start, (start.0, first));
                line(&mut shapes, (start.0, first), (end.0, first));
                line(&mut shapes, (end.0, first), end);
            }
            Some((lane, gutter)) => {
                let gx = GUTTER + gutter as f64;
                let second = lane_y(to.0, lane, &gap_top);
                line(&mut shapes, start, (start.0, first));
                line(&mut shapes, (start.0, first), (gx, first));
                line(&mut shapes, (gx, first), (gx, second));
                line(&mut shapes, (gx, second), (end.0, second));
                line(&mut shapes, (end.0, second), end);
            }
        }
    }
    if let Some(top) = boundary_top {
        y += 1.5;
        let _ = writeln!(
            shapes,
            "  place(top + right, dx: -2mm, dy: {y:.1}mm, text(font: \"BIZ UDPGothic\", size: 7pt, fill: luma(80), {}))",
            string_literal(&chart.inside_label)
        );
        y += 5.0;
        let _ = writeln!(
            shapes,
            "  place(top + left, dx: 0mm, dy: {top:.1}mm, rect(width: {WIDTH}mm, height: {:.1}mm, stroke: (paint: luma(110), thickness: 0.6pt, dash: \"dashed\")))",
            y - top
        );
        y += 1.0;
    }
    // A drawing taller than a page is shrunk to fit it (text and all), never cut.
    let block = format!("block(width: {WIDTH}mm, height: {y:.1}mm, breakable: false, {{\n{shapes}}})");
    let body = if y > MAX_HEIGHT {
        format!("scale(x: {f:.1}%, y: {f:.1}%, reflow: true, {block})", f = MAX_HEIGHT / y * 100.0)
    } else {
        block
    };
    format!("#figure(caption: {caption}, {body})\n", caption = string_literal(&chart.caption))
}

/// The tallest drawing that fits a page with its caption (A4, 20 mm margins, a running header).
const MAX_HEIGHT: f64 = 225.0;

/// A node's height in a box `width` mm wide, from the width of its text: a CJK character takes
/// an em, a Latin one about 0.62 em, and a line is filled to nine tenths at most (Japanese line
/// breaking may end a line early). Errs on the tall side: a box too low lets its text overprint
/// the box below.
fn fitted_height(node: &ChartNode, width: f64) -> f64 {
    let usable = ((width - 2.2) * 0.9).max(5.0);
    let lines = |text: &str, size: f64| {
        let ems: f64 = text.chars().map(|c| if c.is_ascii() { 0.62 } else { 1.0 }).sum();
        (ems * size * 0.3528 / usable).ceil().max(1.0)
    };
    let title = lines(&node.title, 7.5);
    let body: f64 = node.lines.iter().map(|l| lines(l, 6.8)).sum();
    2.8 + title * 3.8 + body * 3.45
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

    /// The boxes a chart's code places: (x, y, width, height) in mm, the dashed boundary aside.
    fn boxes(code: &str) -> Vec<(f64, f64, f64, f64)> {
        let number = |text: &str, key: &str| {
            let at = text.find(key).unwrap() + key.len();
            text[at..].split("mm").next().unwrap().parse::<f64>().unwrap()
        };
        code.lines()
            .filter(|l| l.contains("rect(") && !l.contains("dash"))
            .map(|l| (number(l, "dx: "), number(l, "dy: "), number(l, "rect(width: "), number(l, "height: ")))
            .collect()
    }

    fn network() -> NetworkChart {
        let node = |t: &str, n: usize| ChartNode::new(t, (0..n).map(|i| format!("#read(\"x\") 説明{i}")).collect());
        NetworkChart {
            caption: "構成図".into(),
            outside_label: "施設の外".into(),
            inside_label: "施設内".into(),
            outside: (0..6).map(|i| node(&format!("クラウド{i}"), 2)).collect(),
            lines: vec![node("インターネット", 2), node("閉域網（IP-VPN）", 1)],
            boundary: vec![node("UTM", 2), node("VPN装置A", 3), node("VPN装置B", 3)],
            segments: (0..5)
                .map(|i| Column {
                    head: node(&format!("区画{i}"), 1),
                    members: (0..i)
                        .map(|m| node(&format!("とても長い名称の電子カルテ端末（病棟・外来 計{m}台）"), 1))
                        .collect(),
                })
                .collect(),
            loose: vec![("サーバ".into(), vec![node("DB", 2), node("AP", 2)])],
            links: vec![
                (Spot::Outside(0), Spot::Line(0)),
                (Spot::Outside(5), Spot::Line(0)),
                (Spot::Outside(1), Spot::Line(1)),
                (Spot::Line(0), Spot::Boundary(0)),
                (Spot::Line(0), Spot::Boundary(2)),
                (Spot::Line(1), Spot::Boundary(1)),
                (Spot::Boundary(0), Spot::Segment(0)),
                (Spot::Boundary(0), Spot::Segment(4)),
                (Spot::Boundary(1), Spot::Segment(2)),
            ],
        }
    }

    #[test]
    fn the_network_chart_draws_every_box_apart_and_compiles() {
        let chart = network();
        let code = network_chart(&chart);
        let found = boxes(&code);
        let members: usize = chart.segments.iter().map(|c| c.members.len()).sum();
        assert_eq!(found.len(), 6 + 2 + 3 + 5 + members + 2);
        for (i, a) in found.iter().enumerate() {
            for b in &found[i + 1..] {
                let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
            assert!(a.0 >= 6.0 - 1e-9 && a.0 + a.2 <= WIDTH + 1e-9, "{a:?} leaves the gutter and the page free");
        }
        assert!(code.contains("dash: \"dashed\""), "the premises are drawn");
        assert!(code.contains("scale(x: "), "a drawing taller than a page is shrunk to fit it");
        let source = format!("#set text(font: \"BIZ UDPMincho\")\n{code}");
        let pdf =
            super::super::compile_with_timeout("network", source, chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert!(pdf.unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn the_network_chart_is_the_same_each_time_and_links_only_what_it_is_given() {
        let chart = network();
        assert_eq!(network_chart(&chart), network_chart(&chart));
        let unlinked = NetworkChart { links: Vec::new(), ..network() };
        let lines = |code: &str| code.matches("line(start").count();
        let members: usize = unlinked.segments.iter().map(|c| c.members.len()).sum();
        let spines = unlinked.segments.iter().filter(|c| !c.members.is_empty()).count();
        assert_eq!(lines(&network_chart(&unlinked)), members + spines, "only the segments' own lines");
        assert!(lines(&network_chart(&chart)) > members + spines + 9 * 3 - 1);
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
