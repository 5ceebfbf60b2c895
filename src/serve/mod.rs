//! `kitei serve`: the rulebook in a browser, for a clinic without IT staff.
//!
//! Most clinics and pharmacies have nobody who edits YAML. This module is a small local web
//! application over the same profile file and the same pipeline as the command line: a first-visit
//! questionnaire writes the starter profile, pages edit parts of it, the dashboard shows the
//! pattern, the 課題一覧 and the documents, and downloads build the files. It sits on top of the
//! pipeline like [`crate::cmd`]; only `cmd/serve.rs` imports it.
//!
//! Why it is safe to leave running on a shared PC: it binds `127.0.0.1` only, refuses any other
//! Host (DNS rebinding), needs the random token printed at start (then an HttpOnly cookie),
//! refuses cross-site writes, and no URL names a file (see [`security`]).

mod app;
mod approve;
mod checklist;
mod dashboard;
mod download;
mod edit;
mod forms;
mod lists;
mod local;
mod pages;
mod records;
mod roles;
mod schema_text;
mod secrets;
mod security;
mod start;
mod state;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context};

use crate::i18n::{text, Msg};

/// Checked settings of `kitei serve`.
#[derive(Debug, Clone)]
pub(crate) struct ServeConfig {
    /// The profile file (it need not exist yet: the questionnaire writes it).
    pub profile: PathBuf,
    /// The output root (`<output>/<facility-id>/` receives downloads' builds).
    pub output: PathBuf,
    /// The port (0: any free port).
    pub port: u16,
}

impl ServeConfig {
    /// The settings for `target` (a profile file or a folder; default: the current folder): a
    /// folder means its one profile, or `profile.yaml` there when it has none yet.
    pub(crate) fn locate(target: Option<&Path>, port: u16) -> anyhow::Result<Self> {
        let target = target.unwrap_or(Path::new("."));
        let profile = if target.is_dir() { profile_in(target)? } else { target.to_owned() };
        let folder = profile.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Ok(Self { output: folder.join("out"), profile, port })
    }
}

/// The one profile in `folder` (records and approvals files aside), or `profile.yaml` if none.
fn profile_in(folder: &Path) -> anyhow::Result<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| text(Msg::CannotRead { path: &folder.display().to_string(), cause: "" }))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|p| !is_side_file(p))
        .collect();
    found.sort();
    match found.len() {
        0 => Ok(folder.join("profile.yaml")),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
            bail!(text(Msg::ServeWhichProfile(&names.join(", "))))
        }
    }
}

/// Files kept beside a profile that are not profiles.
fn is_side_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.ends_with(".records.yaml") || crate::approvals::is_approvals_file(path) || name.ends_with(".schema.json")
}

/// A bound server, not yet answering: its URL can be printed before [`Server::run`].
pub(crate) struct Server {
    listener: TcpListener,
    state: Arc<state::AppState>,
}

impl Server {
    /// Binds `127.0.0.1:<port>` (never another address) and makes this run's secrets.
    pub(crate) fn bind(config: ServeConfig) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, config.port)))
            .with_context(|| text(Msg::ServeCannotBind(config.port)))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let state = Arc::new(state::AppState::new(config, port)?);
        Ok(Self { listener, state })
    }

    /// The URL to open, with this run's token.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.state.port, self.state.secrets.token())
    }

    /// Answers requests until Ctrl-C, on a current-thread runtime of its own thread.
    pub(crate) fn run(self) -> anyhow::Result<()> {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let stop = Mutex::new(Some(stop));
        ctrlc::set_handler(move || {
            if let Some(stop) = stop.lock().unwrap_or_else(|e| e.into_inner()).take() {
                let _ = stop.send(());
            }
        })?;
        let thread = std::thread::Builder::new()
            .name("kitei-serve".into())
            .spawn(move || serve_until(self.listener, self.state, stopped))?;
        thread.join().map_err(|_| anyhow::anyhow!("the server thread panicked"))?
    }
}

/// The runtime's loop: axum on the listener until `stopped` fires.
fn serve_until(
    listener: TcpListener,
    state: Arc<state::AppState>,
    stopped: tokio::sync::oneshot::Receiver<()>,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let router = app::router(state);
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await?;
        Ok::<(), anyhow::Error>(())
    })
}

/// Opens `url` in the desktop's browser; a failure only means the user opens it by hand.
pub(crate) fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests;
