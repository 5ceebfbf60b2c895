//! `kitei init`: a complete, commented starter profile for the facility's situation.
//!
//! The four questions that decide the reference pattern are flags; the profile written answers
//! them, names example people, systems and vendors to be replaced, and builds as it is. What only
//! the facility can decide (its rules, deputies, recovery targets, the date its role split with
//! a vendor was confirmed) is left out and shown as commented examples: until the facility writes
//! them they are open items of the 課題一覧, never kitei's defaults printed as its decisions.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};

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

/// Runs `kitei init`.
pub(super) fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let text = starter_profile(&args)?;
    match &args.output {
        Some(path) => {
            let shown = path.display().to_string();
            if path.is_symlink() {
                bail!(crate::i18n::text(crate::i18n::Msg::InitSymlink(&shown)));
            }
            if path.exists() && !args.force {
                bail!(crate::i18n::text(crate::i18n::Msg::FileExists(&shown)));
            }
            // Atomic: a link planted after the check above is replaced, never written through.
            crate::write::write_file_atomic(path, text.as_bytes())
                .with_context(|| crate::i18n::text(crate::i18n::Msg::CannotCreate(&shown)))?;
            eprintln!("{}", crate::i18n::text(crate::i18n::Msg::InitWrote(&path.display().to_string())));
        }
        None => out!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The starter profile: a tera template with the four answers (and what follows from them) as
/// its only values. It is a file of `templates/` so that its text reads as the YAML it writes.
const STARTER_PROFILE: &str = include_str!("../../templates/starter/profile.yaml");

/// The starter profile text.
pub(super) fn starter_profile(args: &InitArgs) -> anyhow::Result<String> {
    let cloud = args.hosting == HostingArg::Cloud;
    let mut context = tera::Context::new();
    context.insert("cloud", &cloud);
    context.insert("hosting", if cloud { "cloud" } else { "on-premises" });
    context.insert("backup_by", if cloud { "vendor" } else { "facility" });
    context.insert("staff", &args.dedicated_staff.yes());
    context.insert("e_signature", &args.e_signature.yes());
    context.insert("scanning", &args.scanning.yes());
    // No escaping: the values are kitei's own words, and the file is YAML, not Markdown.
    Ok(tera::Tera::one_off(STARTER_PROFILE, &context, false)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_gives_a_profile_without_template_syntax() {
        for hosting in [HostingArg::Cloud, HostingArg::OnPremises] {
            for answer in [YesNo::Yes, YesNo::No] {
                let args = InitArgs {
                    output: None,
                    hosting,
                    dedicated_staff: answer,
                    e_signature: answer,
                    scanning: answer,
                    force: false,
                };
                let text = starter_profile(&args).unwrap();
                assert!(!text.contains("{{") && !text.contains("{%"), "{text}");
                assert!(text.contains(&format!("dedicated_it_staff: {}", answer.yes())));
            }
        }
    }
}
