//! The heartbeat: a task that wakes on a fixed schedule and records how late it woke.
//!
//! It is the symptom as a user sees it. A service's own heartbeat, a keep-alive ping, a
//! timeout, a request that only needed a microsecond of CPU: each waits for its worker
//! thread, and blocking code on that thread makes them late. The heartbeat puts a number on
//! it.
//!
//! Every deadline counts, including the ones that passed while the heartbeat could not run
//! at all. A heartbeat that only timed the ticks it managed to take would record one late
//! tick for a 50 ms freeze and call the other 49 "missed": it would measure less lateness the
//! worse the freeze (the mistake known as coordinated omission). Here, when the heartbeat
//! finally runs, every deadline that has passed is recorded as late by the time it waited,
//! and [`Heartbeat::stop`] does the same for deadlines the heartbeat never got to see.
//!
//! The floor is not zero: Tokio's timer wheel has millisecond resolution, so a heartbeat on an
//! idle runtime is typically late by a fraction of a millisecond. Blocking shows up as
//! lateness well above that floor.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_metrics::TaskMonitor;

/// The heartbeat's period: Tokio's timer resolution, the finest schedule it can keep.
pub const PERIOD: Duration = Duration::from_millis(1);

/// A running heartbeat task. Stop it to read its lateness.
#[derive(Debug)]
pub struct Heartbeat {
    schedule: Arc<Mutex<Schedule>>,
    task: JoinHandle<()>,
}

/// The deadlines and what was recorded so far, shared by the task and [`Heartbeat::stop`].
#[derive(Debug)]
struct Schedule {
    period: Duration,
    next: Instant,
    lateness: Vec<Duration>,
}

impl Schedule {
    /// Records every deadline up to `now` as late by `now - deadline`.
    fn catch_up(&mut self, now: Instant) {
        while self.next <= now {
            self.lateness.push(now - self.next);
            self.next += self.period;
        }
    }
}

impl Heartbeat {
    /// Spawns a heartbeat on the current runtime, first deadline one `period` from now.
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub fn start(period: Duration) -> Heartbeat {
        Self::spawn(period, None)
    }

    /// Like [`start`](Heartbeat::start), with the task instrumented by `monitor`, so its
    /// scheduling delay can be compared with the lateness it measures itself.
    pub fn start_monitored(period: Duration, monitor: &TaskMonitor) -> Heartbeat {
        Self::spawn(period, Some(monitor))
    }

    fn spawn(period: Duration, monitor: Option<&TaskMonitor>) -> Heartbeat {
        let schedule = Arc::new(Mutex::new(Schedule {
            period,
            next: Instant::now() + period,
            lateness: Vec::new(),
        }));
        let shared = Arc::clone(&schedule);
        let beat = async move {
            loop {
                let next = lock(&shared).next;
                tokio::time::sleep_until(next).await;
                lock(&shared).catch_up(Instant::now());
            }
        };
        let task = match monitor {
            Some(monitor) => tokio::spawn(monitor.instrument(beat)),
            None => tokio::spawn(beat),
        };
        Heartbeat { schedule, task }
    }

    /// Stops the heartbeat and returns the lateness of every deadline up to now.
    pub fn stop(self) -> Lateness {
        self.task.abort();
        let mut schedule = lock(&self.schedule);
        // Deadlines the task never got to see were late by at least this much.
        schedule.catch_up(Instant::now());
        Lateness::from_samples(std::mem::take(&mut schedule.lateness))
    }
}

/// Locks the schedule. The lock is never held across an `.await` or while blocking, and a
/// panic while holding it cannot leave the schedule half-updated, so poisoning is ignored.
fn lock(schedule: &Mutex<Schedule>) -> MutexGuard<'_, Schedule> {
    schedule
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The lateness of every deadline of a heartbeat, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lateness {
    sorted: Vec<Duration>,
}

impl Lateness {
    /// The distribution of these samples.
    pub fn from_samples(mut samples: Vec<Duration>) -> Lateness {
        samples.sort_unstable();
        Lateness { sorted: samples }
    }

    /// Adds another run's samples.
    pub fn merge(&mut self, other: Lateness) {
        self.sorted.extend(other.sorted);
        self.sorted.sort_unstable();
    }

    /// How many deadlines were recorded.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether no deadline passed at all.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The `q`-quantile (0.5 for the median), by the nearest-rank method: always one of the
    /// recorded samples, never an interpolation. Zero when there are no samples.
    pub fn quantile(&self, q: f64) -> Duration {
        if self.sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = (q.clamp(0.0, 1.0) * self.sorted.len() as f64).ceil() as usize;
        self.sorted[rank.clamp(1, self.sorted.len()) - 1]
    }

    /// The median lateness.
    pub fn p50(&self) -> Duration {
        self.quantile(0.50)
    }

    /// The 99th percentile.
    pub fn p99(&self) -> Duration {
        self.quantile(0.99)
    }

    /// The worst lateness.
    pub fn max(&self) -> Duration {
        self.sorted.last().copied().unwrap_or_default()
    }
}
