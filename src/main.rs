//! The `kitei` binary: parse the command line, run the command, report errors, set the exit code.

use std::process::ExitCode;

use clap::FromArgMatches;

/// typst allocates many small, short-lived objects from several threads at once; mimalloc serves
/// them faster than the system allocator (measured in `benches/bench.sh`, see the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    restore_default_sigpipe();
    keep_freed_memory();
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    kitei::i18n::set(kitei::i18n::from_arguments(&arguments));
    let command = kitei::i18n::localize(<kitei::cmd::Cli as clap::CommandFactory>::command());
    let cli = match command.try_get_matches_from(arguments).and_then(|m| kitei::cmd::Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(error) => match kitei::i18n::command_line_error(&error) {
            Some(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
            None => error.exit(),
        },
    };
    match kitei::cmd::run(cli) {
        Ok(code) => code,
        // The reader of a pipe went away (`kitei … | head`): end quietly, as other tools do.
        Err(error) if kitei::cmd::is_closed_pipe(&error) => ExitCode::from(141),
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

/// mimalloc hands freed memory back to the system after a short delay. typst frees and allocates
/// again much the same memory for every document, so in a batch that only buys page faults and
/// pages the kernel must zero again (a tenth of the CPU time, measured with `perf`). Kept memory
/// never exceeds the peak, which a batch reaches within its first facilities.
fn keep_freed_memory() {
    // SAFETY: sets a process-wide option; called once, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// `mi_option_purge_delay` of `mimalloc.h` (the same in mimalloc 2 and 3); the Rust bindings do
/// not name it. -1 means "never purge".
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
