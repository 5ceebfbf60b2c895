//! Figures drawn in a document's PDF, built from the same view its template receives.
//!
//! The 連絡体制図 of the 非常時・インシデント対応手順書 shows who calls whom: the person who finds
//! an incident, the 企画管理者, the people inside the facility, each vendor with its contact, and
//! the outside bodies with the contact the profile records and what each is called for. What each
//! body is called for (and the one deadline kitei could confirm, the 個人情報保護委員会's) is
//! content (`content/reporting.yaml`); names and numbers come only from the profile.

use super::typeset::diagram::{self, ChartNode, Column, ContactChart, Layer, Link, NetworkChart, Spot};
use crate::load::figures::{Body, NetworkText, OrgText};
use crate::load::open_items::Checks;
use crate::load::profile::AssetKind;
use crate::load::SharedContent;
use crate::render::DocumentView;
use crate::w;
use crate::wording::Wording;

/// The figure marker the incident procedure's template writes where the chart goes.
pub(crate) const CONTACT_CHART: &str = "contact-chart";
/// The marker of the 組織体制図.
pub(crate) const ORG_CHART: &str = "org-chart";
/// The marker of the system/network 構成図 (asset register).
pub(crate) const NETWORK_DIAGRAM: &str = "network-diagram";

/// The figures of document `id`: (marker name, typst code).
pub(crate) fn for_document(
    id: &str,
    view: &DocumentView,
    wording: &Wording,
    shared: &SharedContent,
) -> Vec<(String, String)> {
    match id {
        "incident-procedure" | "bcp" | "cyber-response-plan" => vec![
            (CONTACT_CHART.to_owned(), diagram::contact_chart(&contact_chart(view, wording, shared), wording)),
            (ORG_CHART.to_owned(), org_chart(view, &shared.figures.org_chart)),
        ],
        "asset-register" => {
            vec![(NETWORK_DIAGRAM.to_owned(), network_diagram(view, &shared.figures.network_diagram, wording))]
        }
        _ => Vec::new(),
    }
}

/// The typst code of the 組織体制図: the 経営層's post on top, then the posts that answer to it
/// (the CISO where separate, the 企画管理者, the committee, the auditor), then the operations post
/// under the 企画管理者. Every name and title comes from the view; the duty lines from content.
pub(crate) fn org_chart(view: &DocumentView, w: &OrgText) -> String {
    let duty = |key: &str| w.duties.get(key).cloned().into_iter();
    let post = |key: &str| {
        view.responsibility.posts.get(key).map(|p| {
            let mut lines = vec![format!("{}　{}", p.position, p.name)];
            lines.extend(p.deputies.iter().map(|d| format!("{}：{d}", w.deputy)));
            lines.extend(duty(key));
            ChartNode::new(p.title.clone(), lines)
        })
    };
    let mut middle = Vec::new();
    if view.responsibility.ciso_separate {
        let c = &view.responsibility.ciso;
        middle.push(ChartNode::new(
            c.title.clone(),
            std::iter::once(format!("{}　{}", c.position, c.name)).chain(duty("ciso")).collect(),
        ));
    }
    let management = middle.len();
    middle.extend(post("management"));
    if let Some(committee) = &view.committee {
        middle.push(ChartNode::new(
            committee.name.clone(),
            std::iter::once(format!("{}　{}", committee.chair.position, committee.chair.name))
                .chain(duty("committee"))
                .collect(),
        ));
    }
    middle.extend(post("audit"));
    let layers = [
        Layer { label: None, link: Link::None, nodes: post("governance").into_iter().collect() },
        Layer { label: None, link: Link::From(0), nodes: middle },
        Layer { label: None, link: Link::From(management), nodes: post("operations").into_iter().collect() },
    ];
    diagram::layered_chart(&w.caption, &layers)
}

/// The typst code of the system/network 構成図: what the profile records and nothing else. Outside
/// the premises: the cloud services and the vendors' maintenance sites, above the lines they are
/// reached by (the internet, a VPN device's own line); at the boundary: the exit's router or UTM
/// and the VPN devices; inside: the segments with their systems and devices. Lines join only what
/// the profile states joined; devices in no segment are drawn in groups without lines. An exit the
/// facility needs but has not recorded is drawn as 「未定（課題一覧 N）」.
pub(crate) fn network_diagram(view: &DocumentView, w: &NetworkText, wording: &Wording) -> String {
    diagram::network_chart(&network_chart(view, w, wording))
}

/// The 構成図's boxes and links (see [`network_diagram`]).
pub(crate) fn network_chart(view: &DocumentView, w: &NetworkText, wording: &Wording) -> NetworkChart {
    let net = &view.network;
    let managed = |manager: &str| format!("{}：{manager}", w.managed_by);
    let outside = net
        .outside
        .iter()
        .map(|o| {
            let lines = if o.cloud {
                std::iter::once(w.cloud.clone()).chain(o.provider.clone()).collect()
            } else {
                std::iter::once(w.site.clone())
                    .chain(o.transport.as_ref().map(|t| format!("{}：{t}", w.remote)))
                    .collect()
            };
            ChartNode::new(o.name.clone(), lines)
        })
        .collect();
    let mut lines = Vec::new();
    if net.draws_internet() {
        let mut detail = Vec::new();
        if let Some(exit) = &net.exit {
            detail.push(format!("{}：{}", w.line, exit.line));
            detail.extend(exit.isp.as_ref().map(|isp| format!("{}：{isp}", w.isp)));
        }
        lines.push(ChartNode::new(w.internet.clone(), detail));
    }
    let own_line = |i: usize| Spot::Line(i + usize::from(net.draws_internet()));
    lines.extend(net.lines.iter().map(|l| ChartNode::new(l.clone(), vec![w.own_line.clone()])));
    let mut boundary = Vec::new();
    if net.uses_internet {
        boundary.push(match &net.exit {
            Some(exit) => ChartNode::new(exit.device.clone(), vec![w.exit.clone(), managed(&exit.manager)]),
            None => ChartNode::new(
                w.exit.clone(),
                net.exit_open.map(|no| w!(wording, "figures.undecided", no = no)).into_iter().collect(),
            ),
        });
    }
    let vpn_at = |i: usize| Spot::Boundary(i + usize::from(net.uses_internet));
    for v in &net.vpn {
        let mut detail = vec![w.vpn.clone(), managed(&v.manager)];
        if !v.peer_names.is_empty() {
            detail.push(format!("{}：{}", w.peers, v.peer_names.join("、")));
        }
        boundary.push(ChartNode::new(v.name.clone(), detail));
    }
    let segments = net
        .segments
        .iter()
        .map(|s| Column {
            head: ChartNode::new(s.name.clone(), vec![if s.wireless { w.wireless.clone() } else { w.segment.clone() }]),
            members: capped(
                s.systems.iter().chain(&s.assets).map(|m| ChartNode::new(m.name.clone(), vec![m.detail.clone()])),
                MEMBERS_DRAWN,
                w,
            ),
        })
        .collect();
    let mut links = Vec::new();
    let internet = Spot::Line(0);
    for (i, o) in net.outside.iter().enumerate() {
        if o.over_internet && net.draws_internet() {
            links.push((Spot::Outside(i), internet));
        }
    }
    for (i, v) in net.vpn.iter().enumerate() {
        let line = v.line_index.map_or(internet, own_line);
        links.extend(v.peers.iter().map(|&p| (Spot::Outside(p), line)));
        links.push((line, vpn_at(i)));
        links.extend(v.segment.map(|s| (vpn_at(i), Spot::Segment(s))));
    }
    if net.uses_internet {
        links.push((internet, Spot::Boundary(0)));
        let open = net.segments.iter().enumerate().filter(|(_, s)| s.internet);
        links.extend(open.map(|(i, _)| (Spot::Boundary(0), Spot::Segment(i))));
    }
    let in_segment = |name: &str| net.segments.iter().any(|s| s.assets.iter().any(|a| a.name == name));
    let drawn = |name: &str| in_segment(name) || net.boundary_devices().any(|d| d == name);
    let device = |a: &crate::render::views::AssetView| {
        let mut lines = vec![a.location.clone()];
        lines.extend(a.os.clone());
        if let Some(system) = &a.system {
            lines.push(format!("{}：{system}", w.system));
        }
        lines.push(managed(&a.vendor.clone().unwrap_or_else(|| w.facility.clone())));
        if a.remote_maintenance {
            lines.push(w.remote.clone());
        }
        ChartNode::new(a.name.clone(), lines)
    };
    let of_kinds = |kinds: &[AssetKind]| {
        let nodes = view.assets.iter().filter(|a| kinds.contains(&a.category) && !drawn(&a.name)).map(device);
        capped(nodes, LOOSE_DRAWN, w)
    };
    let label = |key: &str| {
        let layer = w.layers.get(key).cloned().unwrap_or_default();
        if net.segments.is_empty() {
            layer
        } else {
            format!("{}（{layer}）", w.unsegmented)
        }
    };
    let loose = [
        (label("network"), of_kinds(&[AssetKind::Network])),
        (label("servers"), of_kinds(&[AssetKind::Server])),
        (label("pcs"), of_kinds(&[AssetKind::Pc])),
        (label("devices"), of_kinds(&[AssetKind::MedicalDevice, AssetKind::Media])),
    ]
    .into_iter()
    .filter(|(_, nodes)| !nodes.is_empty())
    .collect();
    NetworkChart {
        caption: w.caption.clone(),
        outside_label: w.outside.clone(),
        inside_label: w.inside.clone(),
        outside,
        lines,
        boundary,
        segments,
        loose,
        links,
    }
}

/// The most systems and devices drawn under one segment, and in one group of devices in no
/// segment: the rest are counted in one box (the list under the drawing names them all).
const MEMBERS_DRAWN: usize = 6;
const LOOSE_DRAWN: usize = 8;

/// The first `max` nodes, and a box counting the others when there are more.
fn capped(nodes: impl Iterator<Item = ChartNode>, max: usize, w: &NetworkText) -> Vec<ChartNode> {
    let mut all: Vec<ChartNode> = nodes.collect();
    if all.len() > max {
        let more = all.len() - (max - 1);
        all.truncate(max - 1);
        all.push(ChartNode::new(w.more.replace("{n}", &more.to_string()), Vec::new()));
    }
    all
}

/// The 連絡体制図 of a facility.
pub(crate) fn contact_chart(view: &DocumentView, wording: &Wording, shared: &SharedContent) -> ContactChart {
    let role = |key: &str| view.roles.get(key);
    let person = |key: &str| role(key).map(|r| format!("{}　{}", r.position, r.name)).into_iter().collect::<Vec<_>>();
    let title = |key: &str, fallback: &str| role(key).map(|r| r.title.clone()).unwrap_or_else(|| fallback.to_owned());
    let mut inside = vec![ChartNode::new(
        title("governance", w!(wording, "figures.governance")),
        vec![
            format!("{}　{}", view.facility.head.position, view.facility.head.name),
            w!(wording, "figures.governance_duty").to_owned(),
        ],
    )];
    inside.push(ChartNode::new(title("operations", w!(wording, "figures.operations")), {
        let mut lines = person("operations");
        lines.push(w!(wording, "figures.operations_duty").to_owned());
        lines
    }));
    if let Some(committee) = &view.committee {
        inside.push(ChartNode::new(
            committee.name.clone(),
            vec![
                w!(wording, "figures.chair", name = committee.chair.name),
                w!(wording, "figures.committee_duty").to_owned(),
            ],
        ));
    }
    let vendors = view
        .vendors
        .iter()
        .map(|v| {
            let mut lines: Vec<String> = v.department.iter().cloned().collect();
            lines.push(
                v.phone
                    .as_ref()
                    .map(|p| w!(wording, "figures.phone", phone = p))
                    .unwrap_or_else(|| w!(wording, "figures.no_contact").to_owned()),
            );
            if let Some(hours) = &v.hours {
                lines.push(hours.clone());
            }
            ChartNode::new(v.name.clone(), lines)
        })
        .collect();
    let bodies = shared.reporting.iter().map(|b| body_node(b, view, &shared.open_items, wording)).collect();
    ContactChart {
        discoverer: ChartNode::new(
            w!(wording, "figures.discoverer"),
            vec![w!(wording, "figures.discoverer_duty").to_owned()],
        ),
        leader: ChartNode::new(title("management", w!(wording, "roles.safety_manager")), {
            let mut lines = person("management");
            lines.push(w!(wording, "figures.leader_duty").to_owned());
            lines
        }),
        inside,
        vendors,
        bodies,
    }
}

/// A body's box: its registered contact, or — when none is registered — the 課題一覧 row that asks
/// for it (「未定（課題一覧 3）」); a body nobody must register (its reports go through a form) shows
/// only when and how to report. Never an instruction to the tool's user.
fn body_node(body: &Body, view: &DocumentView, checks: &Checks, wording: &Wording) -> ChartNode {
    let (contacts, open_items) = (&view.contacts, &view.open_items);
    let kind_label = match body.kind.as_str() {
        "police" => w!(wording, "contacts.police"),
        "prefecture" => w!(wording, "contacts.prefecture"),
        "mhlw" => w!(wording, "contacts.mhlw"),
        "ppc" => w!(wording, "contacts.ppc"),
        _ => w!(wording, "contacts.other"),
    };
    let mut lines: Vec<String> = Vec::new();
    match contacts.iter().find(|c| c.kind == kind_label) {
        Some(c) => {
            lines.push(c.name.clone());
            lines.push(w!(wording, "figures.phone", phone = c.phone));
            if let Some(note) = &c.note {
                lines.push(note.clone());
            }
        }
        None => {
            let row = contact_kind(&body.kind)
                .and_then(|kind| crate::resolve::open_items::emergency_contact_key(checks, kind))
                .and_then(|key| open_items.iter().find(|item| item.key == key));
            if let Some(row) = row {
                lines.push(w!(wording, "figures.undecided", no = row.no));
            }
        }
    }
    lines.push(body.when.clone());
    if let Some(deadline) = &body.deadline {
        lines.push(deadline.clone());
    }
    ChartNode::new(body.label.clone(), lines)
}

/// The profile's contact kind a body of `content/reporting.yaml` stands for.
fn contact_kind(kind: &str) -> Option<crate::load::profile::ContactKind> {
    use crate::load::profile::ContactKind;
    match kind {
        "police" => Some(ContactKind::Police),
        "prefecture" => Some(ContactKind::Prefecture),
        "mhlw" => Some(ContactKind::Mhlw),
        "ppc" => Some(ContactKind::Ppc),
        _ => None,
    }
}
