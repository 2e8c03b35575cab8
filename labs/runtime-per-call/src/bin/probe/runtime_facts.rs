//! Small experiments behind the claims about building runtimes: what a current-thread runtime
//! starts, what works without `enable_all()`, whether thread-local runtimes take concurrent
//! callers, and where `spawn_blocking` inside `block_on` really runs.
//!
//! Each returns plain observations (thread counts, which call panicked and with what, which
//! thread ran what); [`crate::claims`] turns them into verdicts.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread::ThreadId;
use std::time::Duration;

use runtime_per_call::footprint::process_status;
use runtime_per_call::per_thread::RuntimePerThread;
use runtime_per_call::{Bridge, work};
use tokio::runtime::{Builder, Runtime};

/// Threads of the process around a current-thread runtime.
#[derive(Debug, Clone)]
pub struct CurrentThreadThreads {
    /// Threads the runtime added by being built.
    pub added_by_build: isize,
    /// Threads it added once its work had written and read a file with `tokio::fs`.
    pub added_by_fs: isize,
}

/// Builds a current-thread runtime and has it write and read a temporary file.
pub fn current_thread_threads() -> anyhow::Result<CurrentThreadThreads> {
    let before = process_status()?.threads as isize;
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let built = process_status()?.threads as isize;
    let path = std::env::temp_dir().join(format!("rpc-probe-{}.txt", std::process::id()));
    runtime.block_on(async {
        tokio::fs::write(&path, b"probe").await?;
        let back = tokio::fs::read(&path).await?;
        tokio::fs::remove_file(&path).await?;
        anyhow::ensure!(back == b"probe", "the file read back differs");
        Ok(())
    })?;
    // Read while the runtime is alive: its blocking-pool thread idles for 10 s before exiting.
    let after_fs = process_status()?.threads as isize;
    drop(runtime);
    Ok(CurrentThreadThreads {
        added_by_build: built - before,
        added_by_fs: after_fs - before,
    })
}

/// What one operation did on a runtime built without `enable_all()`.
#[derive(Debug, Clone)]
pub struct WithoutDrivers {
    /// What was tried, as the chapter names it.
    pub operation: &'static str,
    /// `None` when it worked; the panic message when it panicked.
    pub panic: Option<String>,
}

/// One operation to try on a runtime, by the name the chapter gives it.
type Attempt = (&'static str, Box<dyn Fn(&Runtime)>);

/// Tries a sleep, a timeout, binding a TCP listener and reading a file on a current-thread
/// runtime built with no driver enabled.
pub fn without_drivers() -> anyhow::Result<Vec<WithoutDrivers>> {
    let runtime = Builder::new_current_thread().build()?;
    // The default hook would print each expected panic to the probe's stderr.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let tries: Vec<Attempt> = vec![
        (
            "`tokio::time::sleep`",
            Box::new(|rt: &Runtime| {
                rt.block_on(tokio::time::sleep(Duration::from_millis(1)));
            }),
        ),
        (
            "`tokio::time::timeout`",
            Box::new(|rt: &Runtime| {
                let _ = rt.block_on(tokio::time::timeout(Duration::from_millis(1), async {}));
            }),
        ),
        (
            "`TcpListener::bind`",
            Box::new(|rt: &Runtime| {
                let _ = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"));
            }),
        ),
        (
            "`tokio::fs::read`",
            Box::new(|rt: &Runtime| {
                let _ = rt.block_on(tokio::fs::read("/proc/self/status"));
            }),
        ),
    ];
    let results = tries
        .iter()
        .map(|(operation, attempt)| WithoutDrivers {
            operation,
            panic: catch_unwind(AssertUnwindSafe(|| attempt(&runtime)))
                .err()
                .map(|payload| panic_message(payload.as_ref())),
        })
        .collect();
    std::panic::set_hook(hook);
    Ok(results)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_string())
}

/// Thread-local runtimes called from several threads at the same moment.
#[derive(Debug, Clone)]
pub struct ConcurrentThreadLocal {
    /// Threads released together.
    pub threads: usize,
    /// Calls each made.
    pub calls: u64,
    /// Answers that were not [`work::checksum`] of their key.
    pub wrong: u64,
    /// Runtimes the bridge built.
    pub runtimes: usize,
}

/// `threads` threads released by one barrier each make `calls` calls through one
/// thread-local bridge.
///
/// A second barrier after every thread's first call keeps them all alive, each with its
/// runtime, before any goes on: on a machine with fewer cores than threads, a thread could
/// otherwise finish and exit before another starts, and the `thread_local` crate would hand
/// its runtime to the newcomer, which would make the calls one after another again.
pub fn concurrent_thread_local(threads: usize, calls: u64) -> ConcurrentThreadLocal {
    let bridge = RuntimePerThread::current_thread();
    let start = Barrier::new(threads);
    let all_in = Barrier::new(threads);
    let wrong = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for caller in 0..threads as u64 {
            let (bridge, start, all_in, wrong) = (&bridge, &start, &all_in, &wrong);
            scope.spawn(move || {
                start.wait();
                for i in 0..calls {
                    if i == 1 {
                        all_in.wait();
                    }
                    let key = caller << 32 | i;
                    if bridge.call(key) != Ok(work::checksum(key)) {
                        wrong.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    ConcurrentThreadLocal {
        threads,
        calls,
        wrong: wrong.into_inner(),
        runtimes: bridge.runtimes_built(),
    }
}

/// Where things ran when blocking work was wrapped in `spawn_blocking` inside `block_on`.
#[derive(Debug, Clone)]
pub struct BlockingInsideBlockOn {
    /// The `block_on` future ran on the thread that called `block_on`.
    pub future_on_caller: bool,
    /// The blocking closure ran on neither: on a blocking-pool thread.
    pub closure_elsewhere: bool,
    /// Turns a companion task on the same runtime got while the work blocked, inline.
    pub companion_turns_inline: u64,
    /// The same, with the work in `spawn_blocking`.
    pub companion_turns_spawned: u64,
}

/// How long the blocking work blocks.
pub const BLOCKING_WORK: Duration = Duration::from_millis(20);

/// On a current-thread runtime (a thread-local bridge's kind): the blocking work inline in the
/// `block_on` future, then in `spawn_blocking`, with a companion task counting its turns.
pub fn blocking_inside_block_on() -> anyhow::Result<BlockingInsideBlockOn> {
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let caller = std::thread::current().id();
    let turns = |spawned: bool| -> anyhow::Result<(u64, ThreadId, ThreadId)> {
        let counter = Arc::new(AtomicU64::new(0));
        let companion_counter = Arc::clone(&counter);
        runtime.block_on(async move {
            let companion = tokio::spawn(async move {
                loop {
                    companion_counter.fetch_add(1, Ordering::Relaxed);
                    tokio::task::yield_now().await;
                }
            });
            // Let the companion start, so both runs count from a running companion.
            tokio::task::yield_now().await;
            let future_thread = std::thread::current().id();
            let before = counter.load(Ordering::Relaxed);
            let closure_thread = if spawned {
                tokio::task::spawn_blocking(block_for_a_while).await?
            } else {
                block_for_a_while()
            };
            let during = counter.load(Ordering::Relaxed) - before;
            companion.abort();
            Ok((during, future_thread, closure_thread))
        })
    };
    let (inline, future_thread, _) = turns(false)?;
    let (spawned, _, closure_thread) = turns(true)?;
    Ok(BlockingInsideBlockOn {
        future_on_caller: future_thread == caller,
        closure_elsewhere: closure_thread != caller,
        companion_turns_inline: inline,
        companion_turns_spawned: spawned,
    })
}

/// Blocks this thread (without `std::thread::sleep`, which clippy.toml bans) and says which
/// thread it was.
fn block_for_a_while() -> ThreadId {
    let until = std::time::Instant::now() + BLOCKING_WORK;
    // `park_timeout` may return early (spuriously); loop until the time is really up.
    while std::time::Instant::now() < until {
        std::thread::park_timeout(until - std::time::Instant::now());
    }
    std::thread::current().id()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_drivers_timers_and_sockets_panic_and_files_work() {
        let tries = without_drivers().expect("a runtime builds");
        let panicked = |op: &str| {
            tries
                .iter()
                .find(|t| t.operation.contains(op))
                .map(|t| t.panic.is_some())
        };
        assert_eq!(panicked("sleep"), Some(true));
        assert_eq!(panicked("timeout"), Some(true));
        assert_eq!(panicked("TcpListener"), Some(true));
        assert_eq!(panicked("fs::read"), Some(false));
    }

    #[test]
    fn concurrent_callers_each_get_a_runtime_and_right_answers() {
        let c = concurrent_thread_local(4, 10);
        assert_eq!((c.wrong, c.runtimes), (0, 4));
    }

    #[test]
    fn the_block_on_future_runs_on_the_caller_and_spawn_blocking_elsewhere() {
        let b = blocking_inside_block_on().expect("a runtime builds");
        assert!(b.future_on_caller && b.closure_elsewhere, "{b:?}");
        // Inline, the only thread of the runtime is blocked: the companion cannot run.
        assert_eq!(b.companion_turns_inline, 0);
        // Handed off, the caller's thread drives the companion while the work blocks elsewhere.
        assert!(b.companion_turns_spawned > 0, "{b:?}");
    }
}
