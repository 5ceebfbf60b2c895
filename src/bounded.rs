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
//!
//! The limit is CPU time of the working thread (on Linux), not wall time: with many builds at once
//! (`--jobs` far above the core count) a valid template waits for a core most of the time and would
//! be blamed for a loop it does not have. Wall time still ends work that blocks without using the
//! CPU, at [`WALL_FACTOR`] times the limit.
//!
//! Memory is bounded too: a template that doubles a string in a loop reaches gigabytes in well
//! under its CPU time. While bounded work runs, the caller looks at the process's resident memory
//! at every poll; past [`memory_limit`] the work cannot be stopped (a thread cannot be killed), so
//! the process ends with a message naming the work (exit 1). Nothing half-written remains: every
//! output is written whole or not at all, and a swap in progress is recovered by the next build.

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Wall time allowed, as a multiple of the CPU-time limit.
const WALL_FACTOR: u32 = 6;

/// How often the caller looks at the worker's CPU time.
const POLL: Duration = Duration::from_millis(50);

/// What the worker sends: first its CPU clock, then the result.
enum Message<T> {
    Clock(Option<CpuClock>),
    Done(T),
}

/// Why bounded work produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abandoned {
    /// The thread could not be started.
    NotStarted,
    /// It ran past the limit.
    TimedOut,
    /// It stopped without a result (it panicked).
    Died,
}

/// Runs `work` on a thread named `name` with `stack` bytes of stack, waiting at most `limit`.
/// Rayon work that `work` starts runs on that same thread.
pub(crate) fn run<T: Send + 'static>(
    name: String,
    stack: usize,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Abandoned> {
    let (sender, receiver) = mpsc::channel::<Message<T>>();
    let name_of_work = name.clone();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(move |_| name.clone())
        .stack_size(stack)
        // A panic drops `sender`, which the caller sees as `Died`; rayon would otherwise abort.
        .panic_handler(|_| {})
        .build()
        .map_err(|_| Abandoned::NotStarted)?;
    pool.spawn(move || {
        let _ = sender.send(Message::Clock(CpuClock::of_this_thread()));
        let _ = sender.send(Message::Done(work()));
    });
    wait(&receiver, limit, &name_of_work)
}

/// Resident memory past which bounded work ends the process: 2 GiB, plus 1 GiB for each core
/// beyond the first (a batch builds one facility per core). A build of 1,000 systems and 1,000
/// assets peaks at about 1.4 GB (`benches/bench.sh`), so two of them at once stay below on two
/// cores.
pub(crate) fn memory_limit() -> u64 {
    static LIMIT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
        (2 << 30) + (1 << 30) * cores.saturating_sub(1)
    })
}

/// The process's resident memory in bytes (Linux; elsewhere unknown).
fn resident_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        Some(pages * u64::try_from(page).ok()?)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// Ends the process: the work named `name` holds more memory than [`memory_limit`].
fn out_of_memory(name: &str) -> ! {
    eprintln!(
        "{}: {}",
        crate::i18n::text(crate::i18n::Msg::Error),
        crate::i18n::text(crate::i18n::Msg::OutOfMemory(name))
    );
    std::process::exit(1)
}

/// Waits for the result until the worker has used `limit` of CPU time (or, without a CPU clock,
/// of wall time), or [`WALL_FACTOR`] times `limit` of wall time has passed.
/// Ends the process when memory passes [`memory_limit`] meanwhile.
fn wait<T>(receiver: &mpsc::Receiver<Message<T>>, limit: Duration, name: &str) -> Result<T, Abandoned> {
    let started = Instant::now();
    let mut clock = None;
    loop {
        match receiver.recv_timeout(POLL) {
            Ok(Message::Done(result)) => return Ok(result),
            Ok(Message::Clock(found)) => clock = found,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(Abandoned::Died),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let elapsed = started.elapsed();
                let used = clock.as_ref().and_then(CpuClock::used).unwrap_or(elapsed);
                if used > limit || elapsed > limit * WALL_FACTOR {
                    return Err(Abandoned::TimedOut);
                }
                if resident_bytes().is_some_and(|bytes| bytes > memory_limit()) {
                    out_of_memory(name);
                }
            }
        }
    }
}

/// The CPU-time clock of one thread.
struct CpuClock {
    #[cfg(target_os = "linux")]
    id: libc::clockid_t,
}

impl CpuClock {
    #[cfg(target_os = "linux")]
    fn of_this_thread() -> Option<Self> {
        let mut id: libc::clockid_t = 0;
        // SAFETY: pthread_self is always valid for the calling thread; `id` is a valid out-pointer.
        let status = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut id) };
        (status == 0).then_some(Self { id })
    }

    #[cfg(not(target_os = "linux"))]
    fn of_this_thread() -> Option<Self> {
        None
    }

    /// CPU time the thread has used; `None` once the thread is gone.
    #[cfg(target_os = "linux")]
    fn used(&self) -> Option<Duration> {
        let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `time` is a valid out-pointer; an exited thread's clock gives an error, not UB.
        let status = unsafe { libc::clock_gettime(self.id, &mut time) };
        (status == 0).then(|| Duration::new(time.tv_sec as u64, time.tv_nsec as u32))
    }

    #[cfg(not(target_os = "linux"))]
    fn used(&self) -> Option<Duration> {
        None
    }
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
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let spins = run("spins".into(), 1 << 20, limit, move || {
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                std::hint::spin_loop();
            }
        });
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(spins, Err(Abandoned::TimedOut));
        // A panic reports at once; the generous limit only leaves time to print its backtrace.
        let generous = Duration::from_secs(60);
        assert_eq!(run("panics".into(), 1 << 20, generous, || -> u8 { panic!("bug") }), Err(Abandoned::Died));
    }

    #[test]
    fn waiting_without_using_the_cpu_is_not_counted_until_the_wall_limit() {
        let limit = Duration::from_millis(100);
        // Sleeps 300 ms: three times the CPU limit in wall time, but almost no CPU time.
        let slept = run("sleeps".into(), 1 << 20, limit, || std::thread::sleep(Duration::from_millis(300)));
        assert_eq!(slept, Ok(()));
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
