//! The harness every test, the probe and the demo drive a service with: start it, raise the
//! signal at a chosen instant, and judge the shutdown.
//!
//! Under paused time ([`paused_runtime`]) every instant is exact and a run costs
//! microseconds, and with a fixed seed for `select!`'s random branch order the run is the same
//! on every machine: a schedule is `(signal_at, seed)`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::runtime::{Builder, RngSeed, Runtime};
use tokio::time::Instant;

use crate::contract::{Config, Ledger, Signal, WorkerRecord};

/// One shutdown to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// The service.
    pub config: Config,
    /// When the signal is raised, after the service starts (at least 1 ms: the service's
    /// first poll comes first).
    pub signal_at: Duration,
}

impl Scenario {
    /// How long after the signal the service may take before the harness calls it hung: ten
    /// times the longest sync and a tick (3 s for [`Config::USUAL`]), so only a service that
    /// will not stop reaches it. Virtual time: waiting costs only the ticks it runs.
    pub fn hang(&self) -> Duration {
        (self.config.job * 2 + self.config.tick) * 10
    }
}

/// How the service's `run` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned, this long after the signal.
    Returned(Duration),
    /// It had not returned [`Scenario::hang`] after the signal.
    Hung,
    /// It panicked, with this message.
    Panicked(String),
}

/// What a shutdown did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shutdown {
    /// How `run` ended.
    pub outcome: Outcome,
    /// Each worker's record when `run` ended (or when the harness gave up).
    pub workers: Vec<WorkerRecord>,
    /// Syncs finished after `run` had returned: workers it left running.
    pub synced_after: u64,
}

impl Shutdown {
    /// How long after the signal `run` returned, if it did.
    pub fn latency(&self) -> Option<Duration> {
        match self.outcome {
            Outcome::Returned(latency) => Some(latency),
            _ => None,
        }
    }

    /// Workers whose finished syncs were not all flushed when `run` ended.
    pub fn unflushed(&self) -> usize {
        self.workers.iter().filter(|w| !w.is_flushed()).count()
    }

    /// Whether the shutdown was clean: `run` returned, every worker flushed everything, and
    /// no worker was left behind.
    pub fn is_clean(&self) -> bool {
        self.latency().is_some() && self.unflushed() == 0 && self.synced_after == 0
    }
}

/// A current-thread runtime on paused time, `select!`'s random choices drawn from `seed`.
pub fn paused_runtime(seed: u64) -> Runtime {
    Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .rng_seed(RngSeed::from_bytes(&seed.to_le_bytes()))
        .build()
        .expect("a paused current-thread runtime")
}

/// Starts `run`, raises the signal at `scenario.signal_at`, and judges the shutdown. Call it
/// inside a runtime with time enabled (paused or not).
pub async fn drive<F, Fut>(scenario: Scenario, run: F) -> Shutdown
where
    F: FnOnce(Config, Signal, Arc<Ledger>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let config = scenario.config;
    let ledger = Arc::new(Ledger::new(config));
    let signal = Signal::new();
    // Spawned, so that a panic in it is caught as an outcome instead of failing the caller.
    // The records are read the moment `run` returns, in the same poll: a process would exit
    // right there, before any worker that is merely scheduled gets to run.
    let service = run(config, signal.clone(), Arc::clone(&ledger));
    let mut service = tokio::spawn({
        let ledger = Arc::clone(&ledger);
        async move {
            service.await;
            ledger.records()
        }
    });
    tokio::time::sleep(scenario.signal_at).await;
    signal.raise();
    let raised = Instant::now();
    let mut at_return = None;
    let outcome = match tokio::time::timeout(scenario.hang(), &mut service).await {
        Ok(Ok(records)) => {
            at_return = Some(records);
            Outcome::Returned(raised.elapsed())
        }
        Ok(Err(err)) if err.is_panic() => {
            let panic = err.into_panic();
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            Outcome::Panicked(message)
        }
        Ok(Err(err)) => Outcome::Panicked(err.to_string()),
        Err(_) => Outcome::Hung,
    };
    service.abort();
    let workers = at_return.unwrap_or_else(|| ledger.records());
    // Long enough for a left-behind worker to finish a sync of any length.
    let before = ledger.synced();
    tokio::time::sleep(config.job * 2 + config.tick * 2).await;
    let synced_after = ledger.synced() - before;
    Shutdown {
        outcome,
        workers,
        synced_after,
    }
}
