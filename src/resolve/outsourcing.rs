//! Whether a facility is a 保守委託機関 (guideline 7.0's fifth volume).
//!
//! A small facility without dedicated operations staff that has contracted the security updates of
//! every server — including a PC on which the EHR runs locally — to vendors, in writing, may follow
//! the 保守委託機関編 and is then deemed to comply with the other volumes. kitei reads this from the
//! profile: no dedicated staff, and every system in scope has a vendor whose contract says
//! `security_updates: true` and `written_role_split: true`.

use serde::Serialize;

use crate::load::Profile;

/// The decision with its reasons.
#[derive(Debug, Clone, Serialize)]
pub struct OutsourcingDecision {
    /// Whether the facility qualifies.
    pub qualifies: bool,
    /// Why (or why not), one reason per line, in Japanese.
    pub reasoning: Vec<String>,
}

/// Decides whether the facility qualifies as a 保守委託機関.
pub fn maintenance_outsourced(profile: &Profile, wording: &crate::wording::Wording) -> OutsourcingDecision {
    let data = &profile.data;
    let mut reasoning = Vec::new();
    let mut qualifies = true;
    if data.organization.dedicated_it_staff {
        qualifies = false;
        reasoning.push(crate::w!(wording, "pattern.staff").to_owned());
    } else {
        reasoning.push(crate::w!(wording, "pattern.no_staff").to_owned());
    }
    for system in &data.systems {
        let vendor = system.vendor.as_ref().and_then(|v| profile.vendor(&v.value));
        match vendor {
            Some(v) if v.contract.security_updates && v.contract.written_role_split => {
                reasoning.push(crate::w!(wording, "outsourcing.written", system = system.name, vendor = v.name));
            }
            Some(v) => {
                qualifies = false;
                reasoning.push(crate::w!(wording, "outsourcing.not_written", system = system.name, vendor = v.name));
            }
            None => {
                qualifies = false;
                reasoning.push(crate::w!(wording, "outsourcing.no_vendor", system = system.name));
            }
        }
    }
    reasoning.push(
        if qualifies {
            crate::w!(wording, "outsourcing.qualifies")
        } else {
            crate::w!(wording, "outsourcing.does_not_qualify")
        }
        .to_owned(),
    );
    OutsourcingDecision { qualifies, reasoning }
}
