//! Work that may not run for ever: a template override or a typst document that loops.
//!
//! The work runs on its own thread; the caller waits at most a given time and then abandons it
//! (the thread cannot be killed, but the build fails cleanly instead of hanging, and a batch goes
//! on with the other facilities). Render and typeset both use this.
//!
//! The thread is the single worker of its own rayon pool rather than a bare thread. typst lays out
//! page runs with rayon and krilla compresses every page's content stream in a `rayon::spawn`; from
//! a bare thread those jobs go to rayon's global pool and the compile waits for them. In a batch,
//! where every core is already busy with a facility, that hand-off was a queue all compiles shared
//! (ten times the context switches, a fifth more wall time for the same CPU time). Inside a
//! one-thread pool the same jobs simply run on the compiling thread.

use std::sync::mpsc;
use std::time::Duration;

/// Why bounded work produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abandoned {
    /// The thread could not be started.
    NotStarted,
    /// It ran past the limit.
    TimedOut,
    /// It stopped without a result (it panicked).
    Died,
}

/// Runs `work` on a thread named `name` with `stack` bytes of stack, waiting at most `limit`.
/// Rayon work that `work` starts runs on that same thread.
pub fn run<T: Send + 'static>(
    name: String,
    stack: usize,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Abandoned> {
    let (sender, receiver) = mpsc::channel();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(move |_| name.clone())
        .stack_size(stack)
        // A panic drops `sender`, which the caller sees as `Died`; rayon would otherwise abort.
        .panic_handler(|_| {})
        .build()
        .map_err(|_| Abandoned::NotStarted)?;
    pool.spawn(move || {
        let _ = sender.send(work());
    });
    receiver.recv_timeout(limit).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => Abandoned::TimedOut,
        mpsc::RecvTimeoutError::Disconnected => Abandoned::Died,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_timeouts_and_panics_are_told_apart() {
        let limit = Duration::from_millis(200);
        assert_eq!(run("ok".into(), 1 << 20, limit, || 7), Ok(7));
        assert_eq!(
            run("slow".into(), 1 << 20, limit, || std::thread::sleep(Duration::from_secs(5))),
            Err(Abandoned::TimedOut)
        );
        // A panic reports at once; the generous limit only leaves time to print its backtrace.
        let generous = Duration::from_secs(60);
        assert_eq!(run("panics".into(), 1 << 20, generous, || -> u8 { panic!("bug") }), Err(Abandoned::Died));
    }

    #[test]
    fn rayon_work_inside_runs_on_the_bounded_thread() {
        use rayon::prelude::*;
        let same_thread = run("nested".into(), 1 << 20, Duration::from_secs(60), || {
            let me = std::thread::current().id();
            (0..256).into_par_iter().map(|_| std::thread::current().id()).all(|id| id == me)
        });
        assert_eq!(same_thread, Ok(true), "typst's and krilla's rayon jobs must not go to the global pool");
    }
}
