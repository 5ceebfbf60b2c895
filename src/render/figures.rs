//! Figures drawn in a document's PDF, built from the same view its template receives.
//!
//! The 連絡体制図 of the 非常時・インシデント対応手順書 shows who calls whom: the person who finds
//! an incident, the 企画管理者, the people inside the facility, each vendor with its contact, and
//! the outside bodies with the contact the profile records and what each is called for. What each
//! body is called for (and the one deadline kitei could confirm, the 個人情報保護委員会's) is
//! content (`content/reporting.yaml`); names and numbers come only from the profile.

use serde::Deserialize;

use super::views::{ContactView, DocumentView};
use crate::load::Content;
use crate::typeset::diagram::{self, ChartNode, ContactChart};
use crate::w;

/// The figure marker the incident procedure's template writes where the chart goes.
pub const CONTACT_CHART: &str = "contact-chart";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reporting {
    bodies: Vec<Body>,
}

/// An outside body of the chart, as content describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The profile's contact kind (`police`, `prefecture`, `mhlw`, `ppc`).
    pub kind: String,
    /// Label.
    pub label: String,
    /// When it is called.
    pub when: String,
    /// A confirmed deadline.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Where that comes from.
    pub source: String,
}

/// The outside bodies of the chart, from the embedded content.
pub fn bodies() -> Vec<Body> {
    let text = Content::embedded().text("reporting.yaml").unwrap_or_default();
    crate::load::yaml::parse::<Reporting>(std::path::Path::new("content/reporting.yaml"), text)
        .map(|r| r.bodies)
        .unwrap_or_default()
}

/// The figures of document `id`: (marker name, typst code).
pub fn for_document(id: &str, view: &DocumentView) -> Vec<(String, String)> {
    match id {
        "incident-procedure" | "bcp" | "cyber-response-plan" => {
            vec![(CONTACT_CHART.to_owned(), diagram::contact_chart(&contact_chart(view)))]
        }
        _ => Vec::new(),
    }
}

/// The 連絡体制図 of a facility.
pub fn contact_chart(view: &DocumentView) -> ContactChart {
    let role = |key: &str| view.roles.get(key);
    let person = |key: &str| role(key).map(|r| format!("{}　{}", r.position, r.name)).into_iter().collect::<Vec<_>>();
    let title = |key: &str, fallback: &str| role(key).map(|r| r.title.clone()).unwrap_or_else(|| fallback.to_owned());
    let mut inside = vec![ChartNode::new(
        title("governance", w!("figures.governance")),
        vec![
            format!("{}　{}", view.facility.head.position, view.facility.head.name),
            w!("figures.governance_duty").to_owned(),
        ],
    )];
    inside.push(ChartNode::new(title("operations", w!("figures.operations")), {
        let mut lines = person("operations");
        lines.push(w!("figures.operations_duty").to_owned());
        lines
    }));
    if let Some(committee) = &view.committee {
        inside.push(ChartNode::new(
            committee.name.clone(),
            vec![w!("figures.chair", name = committee.chair.name), w!("figures.committee_duty").to_owned()],
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
                    .map(|p| w!("figures.phone", phone = p))
                    .unwrap_or_else(|| w!("figures.no_contact").to_owned()),
            );
            if let Some(hours) = &v.hours {
                lines.push(hours.clone());
            }
            ChartNode::new(v.name.clone(), lines)
        })
        .collect();
    let bodies = bodies().iter().map(|b| body_node(b, &view.contacts)).collect();
    ContactChart {
        discoverer: ChartNode::new(w!("figures.discoverer"), vec![w!("figures.discoverer_duty").to_owned()]),
        leader: ChartNode::new(title("management", w!("roles.safety_manager")), {
            let mut lines = person("management");
            lines.push(w!("figures.leader_duty").to_owned());
            lines
        }),
        inside,
        vendors,
        bodies,
    }
}

fn body_node(body: &Body, contacts: &[ContactView]) -> ChartNode {
    let kind_label = match body.kind.as_str() {
        "police" => w!("contacts.police"),
        "prefecture" => w!("contacts.prefecture"),
        "mhlw" => w!("contacts.mhlw"),
        "ppc" => w!("contacts.ppc"),
        _ => w!("contacts.other"),
    };
    let mut lines: Vec<String> = Vec::new();
    match contacts.iter().find(|c| c.kind == kind_label) {
        Some(c) => {
            lines.push(c.name.clone());
            lines.push(w!("figures.phone", phone = c.phone));
            if let Some(note) = &c.note {
                lines.push(note.clone());
            }
        }
        None => lines.push(w!("figures.no_contact_fill_in").to_owned()),
    }
    lines.push(body.when.clone());
    if let Some(deadline) = &body.deadline {
        lines.push(deadline.clone());
    }
    ChartNode::new(body.label.clone(), lines)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reporting_content_loads_with_the_four_bodies() {
        let bodies = super::bodies();
        let kinds: Vec<&str> = bodies.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(kinds, ["mhlw", "prefecture", "police", "ppc"]);
        assert!(bodies.iter().all(|b| !b.source.is_empty()));
    }
}
