//! The fixed text of the figures (`content/figures.yaml`) and the outside bodies of the
//! 連絡体制図 (`content/reporting.yaml`): what each body is called for and the one deadline kitei
//! could confirm. Names and numbers come only from the profile.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The file of the figures' text, below `content/`.
pub const FIGURES: &str = "figures.yaml";
/// The file of the outside bodies, below `content/`.
pub const REPORTING: &str = "reporting.yaml";

/// The fixed text of the figures other than the contact chart.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureText {
    /// The 組織体制図.
    pub org_chart: OrgText,
    /// The system/network 構成図.
    pub network_diagram: NetworkText,
}

/// The 組織体制図's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgText {
    /// Caption.
    pub caption: String,
    /// Role key → the duty printed under it.
    pub duties: BTreeMap<String, String>,
    /// The label before a deputy.
    pub deputy: String,
}

/// The 構成図's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkText {
    /// Caption.
    pub caption: String,
    /// Above the parties outside the premises.
    pub outside: String,
    /// At the foot of the premises' boundary.
    pub inside: String,
    /// network, servers, pcs, devices → the label of a group of devices in no segment.
    pub layers: BTreeMap<String, String>,
    /// Before such a label when the facility records segments.
    pub unsegmented: String,
    /// The internet's box.
    pub internet: String,
    /// 「回線」.
    pub line: String,
    /// The internet service provider.
    pub isp: String,
    /// The exit's device.
    pub exit: String,
    /// A VPN device.
    pub vpn: String,
    /// A VPN device's own line.
    pub own_line: String,
    /// 「接続先」.
    pub peers: String,
    /// A cloud system's line.
    pub cloud: String,
    /// A vendor's maintenance site.
    pub site: String,
    /// A remote-maintenance line.
    pub remote: String,
    /// 「管理」.
    pub managed_by: String,
    /// The facility as a manager.
    pub facility: String,
    /// 「システム」.
    pub system: String,
    /// A segment.
    pub segment: String,
    /// A wireless segment.
    pub wireless: String,
    /// The box counting what is not drawn (`{n}`: how many).
    pub more: String,
}

/// `reporting.yaml`'s shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reporting {
    pub(super) bodies: Vec<Body>,
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
