//! Whether Tokio adds workers when all of them block: every worker blocked at once, plainly
//! or through `block_in_place`, with the process's threads counted meanwhile.

use std::time::Duration;

use crate::heartbeat::{self, Heartbeat, Lateness};
use crate::runtime::Flavor;

use super::{block_thread, os_threads};

/// What happened while every worker of a multi-thread runtime blocked.
#[derive(Debug, Clone)]
pub struct AllBlocked {
    /// Whether the blocking went through `block_in_place`.
    pub in_place: bool,
    /// The runtime's worker threads.
    pub workers: usize,
    /// OS threads before the workers blocked.
    pub threads_before: Option<usize>,
    /// OS threads while they were blocked.
    pub threads_during: Option<usize>,
    /// The heartbeat's lateness over the blocked period.
    pub lateness: Lateness,
}

/// Blocks every worker of a multi-thread runtime for `hold`, plainly or through
/// `block_in_place`, and looks at the process's threads and the heartbeat meanwhile.
pub fn all_workers_blocked(hold: Duration) -> std::io::Result<Vec<AllBlocked>> {
    let mut results = Vec::new();
    for in_place in [false, true] {
        let workers = Flavor::MultiThread.workers();
        let runtime = Flavor::MultiThread.runtime()?;
        let heartbeat = runtime.block_on(async { Heartbeat::start(heartbeat::PERIOD) });
        // Let the runtime settle (the heartbeat take a few beats) before counting threads.
        block_thread(Duration::from_millis(20));
        let threads_before = os_threads();
        let blockers: Vec<_> = (0..workers)
            .map(|_| {
                runtime.spawn(async move {
                    if in_place {
                        tokio::task::block_in_place(|| block_thread(hold));
                    } else {
                        block_thread(hold);
                    }
                })
            })
            .collect();
        // Halfway through the hold, count the threads from outside the runtime.
        block_thread(hold / 2);
        let threads_during = os_threads();
        for blocker in blockers {
            runtime
                .block_on(blocker)
                .expect("the blockers do not panic");
        }
        let lateness = heartbeat.stop();
        results.push(AllBlocked {
            in_place,
            workers,
            threads_before,
            threads_during,
            lateness,
        });
    }
    Ok(results)
}
