//! The contract every service in this lab keeps: start `workers` workers that sync every
//! `tick`, and when the outside world raises the shutdown [`Signal`], make every worker stop
//! and flush what it synced, then return.
//!
//! Every variant is an `async fn(Config, Signal, Arc<Ledger>)`, so the tests, the bench, the
//! demo and the probe run each of them the same way. [`Signal`] is the outside world's signal,
//! edge-triggered as SIGINT is for `tokio::signal::ctrl_c()`: raising it wakes the listeners
//! that exist at that moment, and nobody else. [`Ledger`] is the workers' work (a sync job that
//! takes time, a flush) and the witness of what they did.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::sync::futures::Notified;

/// The shutdown signal from outside the service (a SIGINT, an orchestrator's request).
///
/// Raising it wakes every [`Notified`] future that exists at that moment
/// (`Notify::notify_waiters`) and stores nothing: a listener created a moment later waits for
/// the next signal, which never comes. That is what `ctrl_c()` does too: each call subscribes
/// afresh, and a SIGINT delivered while no `ctrl_c()` future exists is seen by nobody.
#[derive(Debug, Clone, Default)]
pub struct Signal {
    notify: Arc<Notify>,
}

impl Signal {
    /// A signal nobody has raised yet.
    pub fn new() -> Signal {
        Signal::default()
    }

    /// A listener: completes when the signal is raised *after* this call.
    pub fn notified(&self) -> Notified<'_> {
        self.notify.notified()
    }

    /// Raises the signal: wakes every listener that exists now.
    pub fn raise(&self) {
        self.notify.notify_waiters();
    }
}

/// How the service runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// How many workers.
    pub workers: usize,
    /// How often each worker starts a sync.
    pub tick: Duration,
    /// The base length of a sync; see [`Config::job_length`].
    pub job: Duration,
}

impl Config {
    /// The lab's usual service: four workers, a sync every 100 ms, syncs of 50 to 200 ms.
    pub const USUAL: Config = Config {
        workers: 4,
        tick: Duration::from_millis(100),
        job: Duration::from_millis(100),
    };

    /// How long sync `k` of worker `worker` takes: `job × (1 + (worker + k) mod 4) / 2`, so
    /// syncs of half to twice `job`, different for each worker. Some are shorter than the
    /// tick (the worker waits in its `select!` between them), some longer (the next tick is
    /// due as soon as the sync ends).
    pub fn job_length(&self, worker: usize, k: u64) -> Duration {
        let step = 1 + (worker as u64 + k) % 4;
        self.job * u32::try_from(step).expect("at most 4") / 2
    }
}

/// One worker's record.
#[derive(Debug, Default)]
struct WorkerLog {
    /// Syncs started.
    started: AtomicU64,
    /// Syncs finished.
    synced: AtomicU64,
    /// Syncs written out by the last flush.
    flushed: AtomicU64,
    /// Times [`Ledger::flush`] was called.
    flushes: AtomicU64,
}

/// The workers' work, and the record of what they did.
#[derive(Debug)]
pub struct Ledger {
    config: Config,
    workers: Vec<WorkerLog>,
}

/// What one worker had done when it was looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerRecord {
    /// Syncs finished.
    pub synced: u64,
    /// Syncs the last flush wrote out.
    pub flushed: u64,
    /// Flushes.
    pub flushes: u64,
}

impl WorkerRecord {
    /// Whether every finished sync was flushed.
    pub fn is_flushed(&self) -> bool {
        self.flushes > 0 && self.flushed == self.synced
    }
}

impl Ledger {
    /// A ledger for `config.workers` workers.
    pub fn new(config: Config) -> Ledger {
        Ledger {
            config,
            workers: (0..config.workers).map(|_| WorkerLog::default()).collect(),
        }
    }

    /// One sync of `worker`: takes its time (Tokio's timer, exact under paused time), then
    /// counts. Cancel safe: dropped half-way, it counts nothing, and the next one redoes it.
    pub async fn sync(&self, worker: usize) {
        let log = &self.workers[worker];
        log.started.fetch_add(1, Ordering::Relaxed);
        let k = log.synced.load(Ordering::Relaxed);
        tokio::time::sleep(self.config.job_length(worker, k)).await;
        log.synced.fetch_add(1, Ordering::Relaxed);
    }

    /// Writes out every sync `worker` finished: what must happen before the process exits.
    pub fn flush(&self, worker: usize) {
        let log = &self.workers[worker];
        log.flushed
            .store(log.synced.load(Ordering::Relaxed), Ordering::Relaxed);
        log.flushes.fetch_add(1, Ordering::Relaxed);
    }

    /// What each worker has done so far.
    pub fn records(&self) -> Vec<WorkerRecord> {
        self.workers
            .iter()
            .map(|log| WorkerRecord {
                synced: log.synced.load(Ordering::Relaxed),
                flushed: log.flushed.load(Ordering::Relaxed),
                flushes: log.flushes.load(Ordering::Relaxed),
            })
            .collect()
    }

    /// Syncs started by all workers together (the bench waits on it to know they are busy).
    pub fn started(&self) -> u64 {
        self.workers
            .iter()
            .map(|log| log.started.load(Ordering::Relaxed))
            .sum()
    }

    /// Syncs finished by all workers together.
    pub fn synced(&self) -> u64 {
        self.records().iter().map(|r| r.synced).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syncs_range_from_half_to_twice_the_base() {
        let config = Config::USUAL;
        let lengths: Vec<u64> = (0..4)
            .map(|k| config.job_length(1, k).as_millis() as u64)
            .collect();
        assert_eq!(lengths, [100, 150, 200, 50]);
    }

    #[test]
    fn a_flush_writes_out_what_was_synced() {
        let ledger = Ledger::new(Config::USUAL);
        assert!(!ledger.records()[0].is_flushed(), "never flushed");
        ledger.flush(0);
        assert!(ledger.records()[0].is_flushed());
    }
}
