//! How big the blocking pool really gets: a burst of blocking calls, and the process's
//! threads before, during and after it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::runtime::Runtime;

use super::{block_thread, os_threads};

/// What the blocking pool looked like around a burst of blocking calls.
#[derive(Debug, Clone)]
pub struct BlockingPool {
    /// Blocking calls started at once.
    pub calls: usize,
    /// OS threads of the process before the first call.
    pub threads_before: Option<usize>,
    /// The most calls that were running at the same moment.
    pub peak_concurrent: usize,
    /// OS threads right after the burst, while the pool's threads sit idle.
    pub threads_after: Option<usize>,
    /// OS threads once idle pool threads have had time to exit (keep-alive shortened).
    pub threads_after_keep_alive: Option<usize>,
    /// The keep-alive used for that last measurement.
    pub keep_alive: Duration,
}

/// Starts `calls` blocking calls at once on a default multi-thread runtime and counts how
/// many run at the same time. Each call blocks for `hold`.
pub fn blocking_pool(calls: usize, hold: Duration) -> std::io::Result<BlockingPool> {
    let keep_alive = Duration::from_millis(100);
    let runtime = build_with_keep_alive(keep_alive)?;
    let threads_before = os_threads();
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    runtime.block_on(async {
        let tasks: Vec<_> = (0..calls)
            .map(|_| {
                let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
                tokio::task::spawn_blocking(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    block_thread(hold);
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("the blocking calls do not panic");
        }
    });
    let threads_after = os_threads();
    // Three keep-alive periods: ample for every idle thread to notice and exit.
    block_thread(3 * keep_alive);
    let threads_after_keep_alive = os_threads();
    Ok(BlockingPool {
        calls,
        threads_before,
        peak_concurrent: peak.load(Ordering::SeqCst),
        threads_after,
        threads_after_keep_alive,
        keep_alive,
    })
}

/// A multi-thread runtime with Tokio's defaults except the blocking threads' keep-alive.
fn build_with_keep_alive(keep_alive: Duration) -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .thread_keep_alive(keep_alive)
        .build()
}
