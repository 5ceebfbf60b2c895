//! The starter profile: what `kitei init` and the first visit of `kitei serve` write.
//!
//! Both ask the same four questions that decide the reference pattern and write the same text,
//! so the one function lives here, below both commands. The profile written answers them, names
//! example people, systems and vendors to be replaced, and builds as it is. What only the facility
//! can decide (its rules, deputies, recovery targets, the date its role split with a vendor was
//! confirmed) is left out and shown as commented examples: until the facility writes them they are
//! open items of the 課題一覧, never kitei's defaults printed as its decisions.

use std::path::Path;

use crate::i18n::{text, Msg};

/// Why the starter profile was not written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StarterError {
    /// The path is a symbolic link.
    #[error("{}", text(Msg::InitSymlink(.0)))]
    Symlink(String),
    /// The file exists and overwriting was not asked for.
    #[error("{}", text(Msg::FileExists(.0)))]
    Exists(String),
    /// The file could not be written.
    #[error("{}", text(Msg::CannotCreate(.path)))]
    Write {
        /// The file, as shown.
        path: String,
        /// The cause.
        #[source]
        source: crate::write::WriteError,
    },
}

/// The answers to the four questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct StarterAnswers {
    /// The systems that hold medical information are cloud services (else on the premises).
    pub cloud: bool,
    /// There are staff dedicated to running the systems.
    pub dedicated_staff: bool,
    /// Electronic signatures replace legally required seals and signatures.
    pub e_signature: bool,
    /// Paper records are scanned and kept electronically.
    pub scanning: bool,
}

/// Writes the starter profile for `answers` to `path`, atomically; refused when `path` is a
/// symbolic link, or exists and `force` is not set.
pub(crate) fn write(path: &Path, answers: &StarterAnswers, force: bool) -> Result<(), StarterError> {
    let shown = path.display().to_string();
    if path.is_symlink() {
        return Err(StarterError::Symlink(shown));
    }
    if path.exists() && !force {
        return Err(StarterError::Exists(shown));
    }
    // Atomic: a link planted after the check above is replaced, never written through.
    crate::write::write_file_atomic(path, starter_profile(answers).as_bytes())
        .map_err(|source| StarterError::Write { path: shown, source })
}

/// The starter profile: a tera template with the four answers (and what follows from them) as
/// its only values. It is a file of `templates/` so that its text reads as the YAML it writes.
const STARTER_PROFILE: &str = include_str!("../templates/starter/profile.yaml");

/// The starter profile text for these answers.
pub(crate) fn starter_profile(answers: &StarterAnswers) -> String {
    let cloud = answers.cloud;
    let mut context = tera::Context::new();
    context.insert("cloud", &cloud);
    context.insert("hosting", if cloud { "cloud" } else { "on-premises" });
    context.insert("backup_by", if cloud { "vendor" } else { "facility" });
    context.insert("staff", &answers.dedicated_staff);
    context.insert("e_signature", &answers.e_signature);
    context.insert("scanning", &answers.scanning);
    // No escaping: the values are kitei's own words, and the file is YAML, not Markdown. The
    // template is ours and compiled into the binary; a unit test renders every combination.
    tera::Tera::one_off(STARTER_PROFILE, &context, false).expect("the embedded starter template renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_gives_a_profile_without_template_syntax() {
        for bits in 0..16u8 {
            let answers = StarterAnswers {
                cloud: bits & 1 != 0,
                dedicated_staff: bits & 2 != 0,
                e_signature: bits & 4 != 0,
                scanning: bits & 8 != 0,
            };
            let text = starter_profile(&answers);
            assert!(!text.contains("{{") && !text.contains("{%"), "{text}");
            assert!(text.contains(&format!("dedicated_it_staff: {}", answers.dedicated_staff)), "{text}");
        }
    }
}
