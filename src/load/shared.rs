//! The content files every facility's documents share besides the guideline, loaded once.
//!
//! Legal facts, the vendor-security labels, the open-item checks, the figures' text, the outside
//! bodies of the 連絡体制図 and the dated 2FA rule: a [`crate::pipeline::Session`] loads them with
//! the guideline from its [`Content`] and hands them on, so a test's replaced file is the one used
//! and a broken file is an error at its file and line (never a document printed without it).

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::figures::{Body, FigureText, Reporting};
use super::legal::Legal;
use super::obligations::{RawObligations, TwoFactorRule};
use super::open_items::Checks;
use super::vendor_security::VendorSecurity;
use super::{Content, LoadError};
use crate::yaml;

/// The shared content files, parsed and checked.
#[derive(Debug, Clone)]
pub struct SharedContent {
    /// `legal.yaml`.
    pub legal: Legal,
    /// `vendor-security.yaml`.
    pub vendor_security: VendorSecurity,
    /// `open-items.yaml`.
    pub open_items: Checks,
    /// `figures.yaml`.
    pub figures: FigureText,
    /// `reporting.yaml`: the outside bodies of the 連絡体制図.
    pub reporting: Vec<Body>,
    /// `checklists/obligations.yaml`: the dated 2FA rule.
    pub two_factor: TwoFactorRule,
}

impl SharedContent {
    /// Loads every shared file of `content`.
    pub fn load(content: &Content) -> Result<Self, LoadError> {
        let open_items = text(content, "open-items.yaml")?;
        Ok(Self {
            legal: file(content, "legal.yaml")?,
            vendor_security: file(content, "vendor-security.yaml")?,
            open_items: super::open_items::parse(open_items)?,
            figures: file(content, super::figures::FIGURES)?,
            reporting: file::<Reporting>(content, super::figures::REPORTING)?.bodies,
            two_factor: file::<RawObligations>(content, super::obligations::FILE)?.two_factor,
        })
    }

    /// The embedded content's files, loaded once per process: for unit tests, which have no
    /// session (the unit tests below keep the embedded files valid).
    #[cfg(any(test, feature = "fuzzing"))]
    pub fn embedded() -> &'static Self {
        static SHARED: std::sync::OnceLock<SharedContent> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Self::load(&Content::embedded()).unwrap_or_else(|e| panic!("{e}")))
    }
}

/// The text of a content file, or an error naming it.
fn text<'a>(content: &'a Content, path: &str) -> Result<&'a str, LoadError> {
    content.text(path).ok_or_else(|| LoadError::Io {
        path: shown(path),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "not in kitei's content"),
    })
}

/// A content file, deserialized (an error names its line and column).
fn file<T: DeserializeOwned>(content: &Content, path: &str) -> Result<T, LoadError> {
    Ok(yaml::parse(&shown(path), text(content, path)?)?)
}

/// The path a content author sees (`content/legal.yaml`).
fn shown(path: &str) -> PathBuf {
    Path::new("content").join(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_shared_content_loads() {
        let shared = SharedContent::load(&Content::embedded()).unwrap();
        assert!(!shared.legal.anchors.is_empty() && !shared.reporting.is_empty());
    }

    #[test]
    fn a_broken_shared_file_is_an_error_at_its_line_not_empty_output() {
        let broken = Content::embedded().with_file("figures.yaml", "org_chart:\n  caption: [unclosed\n".to_owned());
        let error = SharedContent::load(&broken).unwrap_err().to_string();
        assert!(error.contains("content/figures.yaml:"), "{error}");
        let missing = Content::embedded().without_file("legal.yaml");
        assert!(SharedContent::load(&missing).unwrap_err().to_string().contains("content/legal.yaml"));
    }

    #[test]
    fn the_figure_text_has_every_layer_and_duty() {
        let w = &SharedContent::embedded().figures;
        assert!(!w.org_chart.caption.is_empty() && !w.network_diagram.caption.is_empty());
        for key in ["governance", "ciso", "management", "operations", "committee", "audit"] {
            assert!(w.org_chart.duties.contains_key(key), "{key}");
        }
        for key in ["network", "servers", "pcs", "devices"] {
            assert!(w.network_diagram.layers.contains_key(key), "{key}");
        }
    }

    #[test]
    fn the_reporting_content_has_the_four_bodies() {
        let bodies = &SharedContent::embedded().reporting;
        let kinds: Vec<&str> = bodies.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(kinds, ["mhlw", "prefecture", "police", "ppc"]);
        assert!(bodies.iter().all(|b| !b.source.is_empty()));
    }
}
