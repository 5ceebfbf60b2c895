//! `kitei serve`: the local web application, for a facility that does not edit YAML.
//!
//! This only parses the flags and prints where to go; the server is [`crate::serve`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::i18n::{text, Msg};
use crate::serve::{open_browser, ServeConfig, Server};

/// Arguments of `kitei serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The profile, or a folder holding it (default: the current folder; a folder without a
    /// profile gets one from the first visit's questions).
    pub profile: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8470)]
    pub port: u16,
    /// Do not open the browser (print the address only).
    #[arg(long)]
    pub no_open: bool,
}

/// Runs `kitei serve` until Ctrl-C.
pub(super) fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let server = Server::bind(ServeConfig::locate(args.profile.as_deref(), args.port)?)?;
    let url = server.url();
    outln!("{url}");
    eprintln!("{}", text(Msg::ServeListening));
    if !args.no_open {
        open_browser(&url);
    }
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
