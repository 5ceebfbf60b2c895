//! `kitei init`: a complete, commented starter profile for the facility's situation.
//!
//! The four questions that decide the reference pattern are flags; the text is
//! [`crate::starter`]'s, the same `kitei serve` writes on a first visit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::starter::{starter_profile, StarterAnswers};

/// Arguments of `kitei init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the profile (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Where the systems that hold medical information run.
    #[arg(long, default_value = "cloud")]
    pub hosting: HostingArg,
    /// Whether there are staff dedicated to running the systems.
    #[arg(long, default_value = "no")]
    pub dedicated_staff: YesNo,
    /// Whether electronic signatures replace legally required seals and signatures.
    #[arg(long, default_value = "no")]
    pub e_signature: YesNo,
    /// Whether paper records are scanned and kept electronically.
    #[arg(long, default_value = "no")]
    pub scanning: YesNo,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Hosting answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HostingArg {
    /// The facility holds and runs its systems.
    OnPremises,
    /// The systems are cloud services.
    Cloud,
}

/// Yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl YesNo {
    fn yes(self) -> bool {
        self == Self::Yes
    }
}

impl InitArgs {
    /// The answers the flags give.
    fn answers(&self) -> StarterAnswers {
        StarterAnswers {
            cloud: self.hosting == HostingArg::Cloud,
            dedicated_staff: self.dedicated_staff.yes(),
            e_signature: self.e_signature.yes(),
            scanning: self.scanning.yes(),
        }
    }
}

/// Runs `kitei init`.
pub(super) fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    match &args.output {
        Some(path) => {
            crate::starter::write(path, &args.answers(), args.force)?;
            eprintln!("{}", crate::i18n::text(crate::i18n::Msg::InitWrote(&path.display().to_string())));
        }
        None => out!("{}", starter_profile(&args.answers())),
    }
    Ok(ExitCode::SUCCESS)
}
