//! Work that may not run for ever: a template override or a typst document that loops.
//!
//! The work runs on its own thread; the caller waits at most a given time and then abandons it
//! (the thread cannot be killed, but the build fails cleanly instead of hanging, and a batch goes
//! on with the other facilities). Render and typeset both use this.

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
pub fn run<T: Send + 'static>(
    name: String,
    stack: usize,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Abandoned> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name(name)
        .stack_size(stack)
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|_| Abandoned::NotStarted)?;
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
}
