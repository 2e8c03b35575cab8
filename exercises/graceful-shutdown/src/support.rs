//! What the workers work with, and the harness the tests drive them with. You do not need to
//! edit this file.
//!
//! [`Signal`] is the shutdown signal from outside (a SIGINT): raising it wakes the listeners
//! that exist at that moment, and nobody else, as `ctrl_c()` does. [`Ledger`] is the work:
//! [`Ledger::sync`] takes a while, [`Ledger::flush`] must run once a worker has stopped. The
//! harness ([`drive`]) starts `run`, raises the signal at a chosen instant, and records how
//! the shutdown went.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::runtime::{Builder, RngSeed};
use tokio::sync::Notify;
use tokio::sync::futures::Notified;
use tokio::time::Instant;

/// The shutdown signal: edge-triggered, like SIGINT.
#[derive(Debug, Clone, Default)]
pub struct Signal {
    notify: Arc<Notify>,
}

impl Signal {
    /// A listener: completes when the signal is raised *after* this call.
    pub fn notified(&self) -> Notified<'_> {
        self.notify.notified()
    }

    fn raise(&self) {
        self.notify.notify_waiters();
    }
}

/// How the service runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// How many workers; worker ids are `0..workers`.
    pub workers: usize,
    /// How often each worker starts a sync.
    pub tick: Duration,
    /// The base length of a sync: syncs last from half of it to twice it.
    pub job: Duration,
}

#[derive(Debug, Default)]
struct Log {
    synced: AtomicU64,
    flushed: AtomicU64,
    flushes: AtomicU64,
}

/// The workers' work, and the record of what they did.
#[derive(Debug)]
pub struct Ledger {
    config: Config,
    logs: Vec<Log>,
}

impl Ledger {
    /// One sync of worker `id`; takes a while. Safe to drop half-way: it then counts nothing.
    pub async fn sync(&self, id: usize) {
        let log = &self.logs[id];
        let k = log.synced.load(Ordering::Relaxed);
        let step = 1 + (id as u64 + k) % 4;
        let lasts = self.config.job * u32::try_from(step).expect("at most 4") / 2;
        tokio::time::sleep(lasts).await;
        log.synced.fetch_add(1, Ordering::Relaxed);
    }

    /// Writes out every sync worker `id` finished. Must happen before the service returns.
    pub fn flush(&self, id: usize) {
        let log = &self.logs[id];
        log.flushed
            .store(log.synced.load(Ordering::Relaxed), Ordering::Relaxed);
        log.flushes.fetch_add(1, Ordering::Relaxed);
    }

    fn synced(&self) -> u64 {
        self.logs
            .iter()
            .map(|l| l.synced.load(Ordering::Relaxed))
            .sum()
    }

    fn unflushed(&self) -> Vec<usize> {
        (0..self.logs.len())
            .filter(|&id| {
                let log = &self.logs[id];
                log.flushes.load(Ordering::Relaxed) == 0
                    || log.flushed.load(Ordering::Relaxed) != log.synced.load(Ordering::Relaxed)
            })
            .collect()
    }
}

/// One shutdown to try.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// The service.
    pub config: Config,
    /// When the signal is raised, after the service starts (at least 1 ms).
    pub signal_at: Duration,
    /// The seed of `select!`'s random choice among ready branches.
    pub seed: u64,
}

/// How `run` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned, this long after the signal.
    Returned(Duration),
    /// It was still running long after the signal (ten times the longest sync and a tick).
    Hung,
    /// It panicked.
    Panicked(String),
}

/// What a shutdown did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shutdown {
    /// How `run` ended.
    pub outcome: Outcome,
    /// The workers whose finished syncs were not all flushed when `run` ended.
    pub unflushed: Vec<usize>,
    /// Syncs that finished after `run` had returned: workers left running.
    pub synced_after: u64,
}

/// Runs `crate::run` through `scenario` on a paused clock and records the shutdown.
pub fn drive(scenario: Scenario) -> Shutdown {
    let runtime = Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .rng_seed(RngSeed::from_bytes(&scenario.seed.to_le_bytes()))
        .build()
        .expect("a paused runtime");
    runtime.block_on(async {
        let config = scenario.config;
        let ledger = Arc::new(Ledger {
            config,
            logs: (0..config.workers).map(|_| Log::default()).collect(),
        });
        let signal = Signal::default();
        // The flushes are read the moment `run` returns, in the same poll: a process would
        // exit right there, before any worker that is merely scheduled gets to run.
        let mut service = tokio::spawn({
            let (signal, ledger) = (signal.clone(), Arc::clone(&ledger));
            async move {
                crate::run(config, signal, Arc::clone(&ledger)).await;
                ledger.unflushed()
            }
        });
        tokio::time::sleep(scenario.signal_at).await;
        signal.raise();
        let raised = Instant::now();
        let hang = (config.job * 2 + config.tick) * 10;
        let (outcome, unflushed) = match tokio::time::timeout(hang, &mut service).await {
            Ok(Ok(unflushed)) => (Outcome::Returned(raised.elapsed()), unflushed),
            Ok(Err(err)) => (Outcome::Panicked(err.to_string()), ledger.unflushed()),
            Err(_) => (Outcome::Hung, ledger.unflushed()),
        };
        service.abort();
        let before = ledger.synced();
        tokio::time::sleep(config.job * 2 + config.tick * 2).await;
        Shutdown {
            outcome,
            unflushed,
            synced_after: ledger.synced() - before,
        }
    })
}
