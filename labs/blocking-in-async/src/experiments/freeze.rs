//! Whether one blocked worker freezes the runtime: clients of the anti-pattern, from one to as
//! many as there are workers, beside the heartbeat.

use std::time::Duration;

use evidence::Variants;

use crate::contract::Job;
use crate::heartbeat::Lateness;
use crate::load::{self, Monitors};
use crate::runtime::Flavor;
use crate::variants::Variant;

/// The heartbeat while some handlers block their workers.
#[derive(Debug, Clone)]
pub struct FreezeRun {
    /// The runtime flavour.
    pub flavor: Flavor,
    /// Its worker threads.
    pub workers: usize,
    /// Clients whose every request blocks its worker.
    pub blocking_clients: usize,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
}

/// Runs `blocking_clients` clients of the `anti` variant (each request blocks its worker for
/// `job.pause`) for `run`, on each flavour, for each client count.
pub fn freeze(job: &Job, run: Duration) -> std::io::Result<Vec<FreezeRun>> {
    let mut runs = Vec::new();
    for &flavor in Flavor::all() {
        let workers = flavor.workers();
        let counts: Vec<usize> = match flavor {
            Flavor::CurrentThread => vec![1],
            // Fewer blocked handlers than workers, then exactly as many.
            Flavor::MultiThread => (1..=workers).collect(),
        };
        for blocking_clients in counts {
            let runtime = flavor.runtime()?;
            let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
            let steady = runtime.block_on(load::steady(
                Variant::Anti,
                blocking_clients,
                run,
                job,
                &monitors,
            ));
            runs.push(FreezeRun {
                flavor,
                workers,
                blocking_clients,
                lateness: steady.lateness,
            });
        }
    }
    Ok(runs)
}
