//! What every request can reach: the port, this run's secrets, the profile and output paths, the
//! pipeline's session, the page templates and the save lock.

use std::path::PathBuf;
use std::sync::Mutex;

use super::pages::Pages;
use super::secrets::Secrets;
use super::ServeConfig;
use crate::load::Content;
use crate::pipeline::Session;

/// What every request can reach.
pub(super) struct AppState {
    /// The port we listen on (the Host and Origin we accept).
    pub(super) port: u16,
    /// This run's token, cookie and form secrets.
    pub(super) secrets: Secrets,
    /// The profile file.
    pub(super) profile: PathBuf,
    /// The output root.
    pub(super) output: PathBuf,
    /// The pipeline's shared content and guidelines.
    pub(super) session: Session,
    /// The page templates.
    pub(super) pages: Pages,
    /// Held while a save compares and writes the profile, so two saves never interleave.
    pub(super) saving: Mutex<()>,
}

impl AppState {
    /// The state for `config`, listening on `port`.
    pub(super) fn new(config: ServeConfig, port: u16) -> anyhow::Result<Self> {
        Ok(Self {
            port,
            secrets: Secrets::new().map_err(|e| anyhow::anyhow!("random source: {e}"))?,
            profile: config.profile,
            output: config.output,
            session: Session::new(Content::embedded()),
            pages: Pages::new()?,
            saving: Mutex::new(()),
        })
    }
}
