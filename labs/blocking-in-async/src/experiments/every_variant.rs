//! Every handler under the same steady load, on one runtime flavour: the heartbeat's
//! lateness, the throughput and what tokio-metrics' task monitors saw.

use std::time::Duration;

use evidence::Variants;

use crate::contract::Job;
use crate::load::{self, Monitors, Steady};
use crate::runtime::Flavor;
use crate::variants::Variant;

/// How much work one request does and how long each run lasts.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The job every variant gets (its cost calibrated to about a millisecond per kind).
    pub job: Job,
    /// How long each steady run lasts.
    pub run: Duration,
    /// Concurrent clients in each steady run.
    pub clients: usize,
}

/// One steady run of one variant on one flavour, with its task metrics.
#[derive(Debug, Clone)]
pub struct VariantRun {
    /// The variant measured.
    pub variant: Variant,
    /// The runtime it ran on.
    pub flavor: Flavor,
    /// Throughput and heartbeat lateness.
    pub steady: Steady,
    /// What the request futures' monitor saw.
    pub requests: tokio_metrics::TaskMetrics,
    /// What the heartbeat task's monitor saw.
    pub heartbeat: tokio_metrics::TaskMetrics,
}

/// Runs every variant that can run on `flavor` under a steady load.
pub fn every_variant(flavor: Flavor, setup: &Setup) -> std::io::Result<Vec<VariantRun>> {
    let mut runs = Vec::new();
    for variant in Variant::all().iter().copied().filter(|v| v.runs_on(flavor)) {
        // A fresh runtime per variant, so no variant inherits another's threads or queues.
        let runtime = flavor.runtime()?;
        // tokio-metrics' default thresholds (50 µs), inside the 10–100 µs the guides quote.
        let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
        let steady = runtime.block_on(load::steady(
            variant,
            setup.clients,
            setup.run,
            &setup.job,
            &monitors,
        ));
        runs.push(VariantRun {
            variant,
            flavor,
            steady,
            requests: monitors.requests.cumulative(),
            heartbeat: monitors.heartbeat.cumulative(),
        });
    }
    Ok(runs)
}
