//! The `kitei` binary: parse the command line, run the command, report errors, set the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kitei::cmd::Cli::parse();
    match kitei::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", kitei::cmd::report(&error));
            ExitCode::from(2)
        }
    }
}
