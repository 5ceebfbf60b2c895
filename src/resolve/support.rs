//! Devices of the 台帳 past their OS/support end as of a date: one sentence each, the same in the
//! 台帳, the 課題一覧 and the yearly checklist's answers.

use chrono::NaiveDate;

use crate::load::Profile;
use crate::wareki;
use crate::wording::Wording;

/// The devices of the 台帳 past their OS/support end as of `date`, one sentence each — the same
/// sentence the 台帳 and the 課題一覧 print.
pub fn support_ended(profile: &Profile, date: NaiveDate, wording: &Wording) -> Vec<String> {
    profile.data.assets.iter().filter_map(|a| support_ended_sentence(a, date, wording)).collect()
}

/// The sentence for a device whose support ended before `date`, or none.
pub fn support_ended_sentence(
    asset: &crate::load::profile::Asset,
    date: NaiveDate,
    wording: &Wording,
) -> Option<String> {
    let end = asset.support_end.filter(|end| *end < date)?;
    Some(crate::w!(
        wording,
        "evidence.support_ended",
        asset = asset.name,
        os = asset.os.as_deref().unwrap_or(crate::w!(wording, "checklist.none")),
        end = wareki::format(end),
        date = wareki::format(date)
    ))
}
