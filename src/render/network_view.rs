//! The network as the documents state it: the internet exit, the segments and what sits in them,
//! the VPN devices with what each connects, and the parties outside the premises.
//!
//! One view feeds both the 構成図 (emit draws its lines from it) and the list under it in the
//! 台帳, the BCP and the cyber plan, so the Markdown, the 新旧対照表 and the drawing state the same
//! connections. Every reference is resolved to a name here: no document prints a profile key.

use serde::Serialize;

use crate::load::profile::{Hosting, NetworkDevice};
use crate::load::Profile;
use crate::w;
use crate::wording::Wording;

/// The internet exit the profile states.
#[derive(Debug, Clone, Serialize)]
pub struct ExitView {
    /// The line (回線) and its provider.
    pub line: String,
    /// The internet service provider, if stated.
    pub isp: Option<String>,
    /// The router, UTM or firewall at the exit.
    pub device: String,
    /// Who manages that device: a vendor's name, or the facility.
    pub manager: String,
}

/// A segment of the facility's network.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    /// Its name (電子カルテ系).
    pub name: String,
    /// Whether it reaches the internet exit.
    pub internet: bool,
    /// Whether it is a wireless LAN.
    pub wireless: bool,
    /// The systems used in it, by name, with their kind and hosting for the drawing.
    pub systems: Vec<MemberView>,
    /// The devices of the 台帳 in it, by name.
    pub assets: Vec<MemberView>,
    /// The VPN devices that connect into it, by name.
    pub vpn: Vec<String>,
}

/// A system or device in a segment.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    /// Name.
    pub name: String,
    /// What it is, ready to print (「電子カルテ・クラウドサービス」, 「端末PC・受付」).
    pub detail: String,
}

/// A VPN device and what it connects.
#[derive(Debug, Clone, Serialize)]
pub struct VpnView {
    /// Name.
    pub name: String,
    /// Who manages it: a vendor's name, or the facility.
    pub manager: String,
    /// Indices into [`NetworkView::outside`] of the parties it connects.
    pub peers: Vec<usize>,
    /// Their names, in the same order.
    pub peer_names: Vec<String>,
    /// Its own line (a closed network), if it does not run over the internet line.
    pub line: Option<String>,
    /// The index of that line in [`NetworkView::lines`].
    pub line_index: Option<usize>,
    /// The index of its segment in [`NetworkView::segments`].
    pub segment: Option<usize>,
    /// That segment's name.
    pub segment_name: Option<String>,
}

/// A party outside the premises: a cloud service or a vendor's maintenance site.
#[derive(Debug, Clone, Serialize)]
pub struct OutsideView {
    /// The system's or the vendor's name.
    pub name: String,
    /// Whether it is a cloud service (else a vendor's maintenance site).
    pub cloud: bool,
    /// A cloud service's vendor (or, for a national service, its operator).
    pub provider: Option<String>,
    /// A vendor's remote-maintenance transport, ready to print.
    pub transport: Option<String>,
    /// The VPN devices that connect it, by index into [`NetworkView::vpn`].
    pub via: Vec<usize>,
    /// Their names.
    pub via_names: Vec<String>,
    /// Whether it is reached over the internet without a VPN device (a cloud service no VPN
    /// device connects).
    pub over_internet: bool,
}

/// The network facts of a facility.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkView {
    /// Internet connection.
    pub internet: bool,
    /// VPN devices: name and who manages them.
    pub vpn_devices: Vec<(String, String)>,
    /// Wireless LAN.
    pub wireless_lan: bool,
    /// Remote access.
    pub remote_access: bool,
    /// Whether the facility reaches the internet (`internet: true`, a cloud service reached over
    /// it, or a VPN device over its line): it then has an exit, stated or undecided.
    pub uses_internet: bool,
    /// The exit the profile states.
    pub exit: Option<ExitView>,
    /// The number of the 課題一覧 row that asks for the exit, when it is not stated.
    pub exit_open: Option<usize>,
    /// The segments.
    pub segments: Vec<SegmentView>,
    /// The VPN devices with what they connect.
    pub vpn: Vec<VpnView>,
    /// Cloud services and vendors' maintenance sites.
    pub outside: Vec<OutsideView>,
    /// Lines other than the internet's (VPN devices' own), distinct, in order of first use.
    pub lines: Vec<String>,
}

impl NetworkView {
    /// The network of `profile`. `transport` gives a vendor's remote-maintenance transport as
    /// printed (none: it does not maintain remotely).
    pub(super) fn new(
        profile: &Profile,
        wording: &Wording,
        system_detail: &dyn Fn(&str) -> String,
        operator: &dyn Fn(&str) -> Option<String>,
        transport: &dyn Fn(&str) -> Option<String>,
    ) -> Self {
        let data = &profile.data;
        let network = &data.network;
        let vendor_name = |key: &str| profile.vendor(key).map(|v| v.name.clone());
        let manager = |device: Option<&crate::load::profile::Ref>| {
            device.and_then(|v| vendor_name(&v.value)).unwrap_or_else(|| w!(wording, "views.facility").to_owned())
        };
        let mut outside: Vec<OutsideView> = Vec::new();
        let mut system_at = std::collections::BTreeMap::new();
        for s in data.systems.iter().filter(|s| s.hosting == Hosting::Cloud) {
            system_at.insert(s.key.as_str(), outside.len());
            outside.push(OutsideView {
                name: s.name.clone(),
                cloud: true,
                provider: operator(&s.key).or_else(|| s.vendor.as_ref().and_then(|v| vendor_name(&v.value))),
                transport: None,
                via: Vec::new(),
                via_names: Vec::new(),
                over_internet: false,
            });
        }
        let mut vendor_at = std::collections::BTreeMap::new();
        let peer_vendors = network.vpn_devices.iter().flat_map(|d| &d.connects).filter_map(|p| p.vendor.as_ref());
        let remote = data.vendors.iter().filter(|v| v.contract.remote_maintenance).map(|v| v.key.as_str());
        for key in peer_vendors.map(|r| r.value.as_str()).chain(remote) {
            if vendor_at.contains_key(key) {
                continue;
            }
            let Some(vendor) = profile.vendor(key) else { continue };
            vendor_at.insert(key, outside.len());
            outside.push(OutsideView {
                name: vendor.name.clone(),
                cloud: false,
                provider: None,
                transport: transport(key),
                via: Vec::new(),
                via_names: Vec::new(),
                over_internet: false,
            });
        }
        let segments: Vec<SegmentView> = network
            .segments
            .iter()
            .map(|segment| SegmentView {
                name: segment.name.clone(),
                internet: segment.internet,
                wireless: segment.wireless,
                systems: segment
                    .systems
                    .iter()
                    .filter_map(|r| data.systems.iter().find(|s| s.key == r.value))
                    .map(|s| MemberView { name: s.name.clone(), detail: system_detail(&s.key) })
                    .collect(),
                assets: segment
                    .assets
                    .iter()
                    .filter_map(|r| data.assets.iter().find(|a| a.name == r.value))
                    .map(|a| MemberView {
                        name: a.name.clone(),
                        detail: format!("{}・{}", a.kind.label(wording), a.location),
                    })
                    .collect(),
                vpn: Vec::new(),
            })
            .collect();
        let mut view = Self {
            internet: network.internet,
            vpn_devices: network.vpn_devices.iter().map(|d| (d.name.clone(), manager(d.managed_by.as_ref()))).collect(),
            wireless_lan: network.wireless_lan,
            remote_access: network.remote_access,
            uses_internet: network.internet_use(&data.systems).is_some(),
            exit: network.exit.as_ref().map(|e| ExitView {
                line: e.line.clone(),
                isp: e.isp.clone(),
                device: e.device.clone(),
                manager: manager(e.managed_by.as_ref()),
            }),
            exit_open: None,
            segments,
            vpn: Vec::new(),
            outside,
            lines: Vec::new(),
        };
        for (i, device) in network.vpn_devices.iter().enumerate() {
            let manager = manager(device.managed_by.as_ref());
            let vpn = view.vpn_view(device, i, &system_at, &vendor_at, manager, wording);
            view.vpn.push(vpn);
        }
        for party in view.outside.iter_mut() {
            party.over_internet = party.cloud && party.via.is_empty();
        }
        view
    }

    /// One VPN device, linking its peers and segment back to it.
    fn vpn_view(
        &mut self,
        device: &NetworkDevice,
        index: usize,
        system_at: &std::collections::BTreeMap<&str, usize>,
        vendor_at: &std::collections::BTreeMap<&str, usize>,
        manager: String,
        wording: &Wording,
    ) -> VpnView {
        let mut peers = Vec::new();
        for peer in &device.connects {
            let at = match (&peer.system, &peer.vendor) {
                (Some(system), _) => system_at.get(system.value.as_str()).copied(),
                (None, Some(vendor)) => vendor_at.get(vendor.value.as_str()).copied(),
                (None, None) => None,
            };
            if let Some(at) = at.filter(|at| !peers.contains(at)) {
                peers.push(at);
                self.outside[at].via.push(index);
                self.outside[at].via_names.push(device.name.clone());
            }
        }
        let line_index = device.line.as_ref().map(|line| match self.lines.iter().position(|l| l == line) {
            Some(at) => at,
            None => {
                self.lines.push(line.clone());
                self.lines.len() - 1
            }
        });
        let segment = device.segment.as_ref().and_then(|s| self.segments.iter().position(|g| g.name == s.value));
        if let Some(at) = segment {
            self.segments[at].vpn.push(device.name.clone());
        }
        VpnView {
            name: device.name.clone(),
            manager,
            peer_names: peers
                .iter()
                .map(|&at| match &self.outside[at] {
                    o if o.cloud => o.name.clone(),
                    o => w!(wording, "views.maintenance_site", vendor = o.name),
                })
                .collect(),
            peers,
            line: device.line.clone(),
            line_index,
            segment,
            segment_name: segment.map(|at| self.segments[at].name.clone()),
        }
    }

    /// The devices the drawing shows at the boundary (the exit's device and the VPN devices), so
    /// that the 台帳's entry of the same name is not drawn twice.
    pub fn boundary_devices(&self) -> impl Iterator<Item = &str> {
        self.exit.iter().map(|e| e.device.as_str()).chain(self.vpn.iter().map(|v| v.name.as_str()))
    }

    /// Whether the drawing shows the internet: the facility reaches it.
    pub fn draws_internet(&self) -> bool {
        self.uses_internet || self.exit.is_some()
    }
}
