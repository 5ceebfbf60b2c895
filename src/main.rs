//! The `kitei` binary: parse the command line, run the command, report errors, set the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = kitei::cmd::Cli::parse();
    match kitei::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", kitei::cmd::report(&error));
            ExitCode::from(2)
        }
    }
}

/// `kitei … | head` should end quietly, as other command-line tools do, not panic on a closed pipe.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
