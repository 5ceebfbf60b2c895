//! The wording for two vendor facts (`content/vendor-security.yaml`): how a vendor's remote
//! maintenance reaches the facility (`contract.remote_transport`) and whether the vendor gave its
//! BCP 手順書 (`contract.bcp_procedure`).
//!
//! The list of accepted transports carries its public source as a citation a facility can print
//! (the copies it was read in, and which part is the facility's own supplement, stay in YAML
//! comments); labels and the open items' wording live in content, not here.

use serde::{Deserialize, Serialize};

use super::profile::RemoteTransport;

/// The parsed content file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VendorSecurity {
    /// Remote-maintenance transports.
    pub transport: Transport,
    /// The vendor's BCP 手順書.
    pub bcp_procedure: BcpProcedure,
}

/// Remote-maintenance transports.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Transport {
    /// What the list is and which part of it is kitei's own.
    pub note: String,
    /// Where the methods are stated.
    pub source: String,
    /// Printed when a remote vendor's transport is not recorded.
    pub unknown: String,
    /// The methods, by profile key.
    pub methods: Vec<Method>,
    /// The open item when a remote vendor's transport is not recorded.
    pub open_item: ItemWording,
    /// The open item when the recorded transport is `other`.
    pub other_item: ItemWording,
}

/// One method.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// The profile's spelling.
    pub key: String,
    /// Label.
    pub label: String,
}

/// The vendor's BCP 手順書.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BcpProcedure {
    /// What is recorded and which part is kitei's own.
    pub note: String,
    /// Printed for `true`.
    pub provided: String,
    /// Printed for `false`.
    pub not_provided: String,
    /// Printed when the profile does not say.
    pub unknown: String,
    /// The open item when the profile does not say.
    pub open_item: ItemWording,
}

/// An open item's wording; `{vendor}` stands for the vendor's name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemWording {
    /// What is to be decided.
    pub item: String,
    /// Why it matters.
    pub why: String,
}

impl ItemWording {
    /// The item with the vendor's name filled in.
    pub fn item_for(&self, vendor: &str) -> String {
        self.item.replace("{vendor}", vendor)
    }
}

impl VendorSecurity {
    /// The label of a transport (its key if the content lacks it).
    pub fn transport_label(&self, transport: RemoteTransport) -> String {
        self.transport
            .methods
            .iter()
            .find(|m| m.key == transport.key())
            .map_or_else(|| transport.key().to_owned(), |m| m.label.clone())
    }

    /// How a vendor's BCP 手順書 fact prints.
    pub fn bcp_label(&self, provided: Option<bool>) -> &str {
        match provided {
            Some(true) => &self.bcp_procedure.provided,
            Some(false) => &self.bcp_procedure.not_provided,
            None => &self.bcp_procedure.unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_content_parses_labels_every_transport_and_names_its_source() {
        let content = &crate::load::SharedContent::embedded().vendor_security;
        let all = [
            RemoteTransport::LeasedLine,
            RemoteTransport::IpVpn,
            RemoteTransport::IpsecIke,
            RemoteTransport::TlsClientAuth,
            RemoteTransport::Other,
        ];
        for t in all {
            assert!(content.transport.methods.iter().any(|m| m.key == t.key()), "{t:?}");
        }
        assert_eq!(content.transport.methods.len(), all.len());
        assert!(content.transport.source.contains("システム運用編 13"));
        for printed in [&content.transport.note, &content.transport.source, &content.bcp_procedure.note] {
            assert!(!printed.contains("kitei") && !printed.contains("wic-net"), "{printed}");
        }
        assert!(content.transport.open_item.item_for("X社").starts_with("X社"));
        assert_eq!(content.transport_label(RemoteTransport::IpVpn), "IP-VPN（閉域網）");
    }
}
