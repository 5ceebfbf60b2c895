//! A vendor's filled 事業者確認用 turned into a records entry: the workbook is read and checked
//! against the facility ([`crate::emit::vendor_import`]) and becomes one `vendor-answers` entry.
//! `kitei record --vendor-answers` and the records page of `kitei serve` both go through
//! [`received`], so a workbook recorded either way gives the same entry.

use chrono::NaiveDate;

use super::Session;
use crate::emit::vendor_import::{import, Expect, ImportError};
use crate::load::Profile;
use crate::records::{NewRecord, RecordKind, YesNo};

/// The entry a workbook makes, and what it holds.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    /// The entry to append.
    pub entry: NewRecord,
    /// The vendor's name.
    pub vendor: String,
    /// Answers はい.
    pub yes: usize,
    /// Answers いいえ.
    pub no: usize,
    /// Items left blank (回答待ち).
    pub waiting: usize,
}

/// Who recorded it and when, when the person recording says so (by default: the latest date the
/// vendor wrote, else the form's issue date; and the vendor's name as the performer).
#[derive(Debug, Clone, Default)]
pub(crate) struct Recorded {
    /// The date.
    pub date: Option<NaiveDate>,
    /// The post.
    pub by: Option<String>,
    /// The name.
    pub name: Option<String>,
}

/// Reads the workbook `bytes` for the facility `profile` into a `vendor-answers` entry.
pub(crate) fn received(
    session: &Session,
    profile: &Profile,
    bytes: &[u8],
    recorded: Recorded,
) -> Result<Received, ImportError> {
    let wording = crate::wording::embedded();
    let load = |key: &str| crate::checklist::load_edition(session.content(), key, wording).ok();
    let expect = Expect {
        facility: &profile.id,
        vendors: profile.data.vendors.iter().map(|v| v.key.as_str()).collect(),
        edition: &load,
        wording,
    };
    let imported = import(bytes, &expect)?;
    let vendor = profile.data.vendors.iter().find(|v| v.key == imported.vendor);
    let name = vendor.map(|v| v.name.clone()).unwrap_or_else(|| imported.vendor.clone());
    let latest_answer = imported.answers.iter().filter_map(|a| a.date).max();
    let yes = imported.answers.iter().filter(|a| a.answer == YesNo::Yes).count();
    let no = imported.answers.len() - yes;
    let entry = NewRecord {
        kind: Some(RecordKind::VendorAnswers),
        performed_on: Some(recorded.date.or(latest_answer).unwrap_or(imported.issued_on)),
        post: recorded.by.unwrap_or_else(|| name.clone()),
        name: recorded.name,
        vendor: Some(imported.vendor.clone()),
        edition: Some(imported.edition.clone()),
        file_sha256: Some(imported.file_sha256.clone()),
        answers: imported.answers,
        ..NewRecord::default()
    };
    Ok(Received { entry, vendor: name, yes, no, waiting: imported.waiting })
}
