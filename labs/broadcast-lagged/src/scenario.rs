//! One publisher, a few subscribers, and a burst: the workload every test, the probe, the
//! demo and the bench run each variant on.
//!
//! The publisher sends its events in bursts, back to back, and pauses between them; each
//! subscriber handles an event in its own fixed time. Everything runs on one current-thread
//! runtime, so the schedule is exact: the subscribers are spawned first but polled only when
//! the publisher first waits, which means a first burst larger than the channel's capacity
//! makes every `broadcast` subscriber lag before it has read anything. Under paused time
//! (the tests, the probe) the handlers' times are exact too; with zero handler times and no
//! pause (the bench) nothing touches the timer and the run is as fast as the channel.

use std::time::Duration;

use tokio::sync::{broadcast, mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::contract::{Consumer, Event, Report};
use crate::variants::Variant;

/// What the publisher sends and how fast each subscriber takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The channel's capacity (for `fan-out`, each subscriber's queue).
    pub capacity: usize,
    /// The events of each burst, sent back to back.
    pub bursts: Vec<u64>,
    /// The publisher's pause after each burst (zero: it only yields to the subscribers).
    pub pause: Duration,
    /// Each subscriber's time to handle one event.
    pub subscribers: Vec<Duration>,
}

impl Scenario {
    /// How many events the publisher sends.
    pub fn sent(&self) -> u64 {
        self.bursts.iter().sum()
    }
}

/// What happened in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Events the publisher sent (or tried to).
    pub sent: u64,
    /// One report per subscriber, in the scenario's order.
    pub reports: Vec<Report>,
    /// Sends that failed: a `broadcast` or `watch` send fails only when no receiver is left.
    pub send_errors: u64,
    /// When the publisher had sent its last event and dropped its sender.
    pub publisher_done_at: Duration,
}

/// The publisher's pause after a burst.
async fn pause(pause: Duration) {
    if pause.is_zero() {
        tokio::task::yield_now().await;
    } else {
        tokio::time::sleep(pause).await;
    }
}

/// Runs `variant` through `scenario` on the current runtime (paused or not).
pub async fn run(variant: Variant, scenario: &Scenario) -> Run {
    let started = Instant::now();
    let mut send_errors = 0;
    let mut seq = 0;
    let handles: Vec<JoinHandle<Report>>;
    match variant.channel() {
        Channel::Broadcast => {
            let (tx, _) = broadcast::channel(scenario.capacity);
            handles = spawn_each(scenario, |consumer| {
                let rx = tx.subscribe();
                async move { variant.on_broadcast(rx, &consumer).await }
            });
            for &burst in &scenario.bursts {
                for _ in 0..burst {
                    send_errors += u64::from(tx.send(Event(seq)).is_err());
                    seq += 1;
                }
                pause(scenario.pause).await;
            }
        }
        Channel::Watch => {
            let (tx, _) = watch::channel(None);
            handles = spawn_each(scenario, |consumer| {
                let rx = tx.subscribe();
                async move { crate::latest::run(rx, &consumer).await }
            });
            for &burst in &scenario.bursts {
                for _ in 0..burst {
                    send_errors += u64::from(tx.send(Some(Event(seq))).is_err());
                    seq += 1;
                }
                pause(scenario.pause).await;
            }
        }
        Channel::FanOut => {
            let mut queues = Vec::new();
            handles = spawn_each(scenario, |consumer| {
                let (tx, rx) = mpsc::channel(scenario.capacity);
                queues.push(tx);
                async move { crate::fan_out::run(rx, &consumer).await }
            });
            for &burst in &scenario.bursts {
                for _ in 0..burst {
                    for queue in &queues {
                        // Waits while this subscriber's queue is full: the backpressure.
                        send_errors += u64::from(queue.send(Event(seq)).await.is_err());
                    }
                    seq += 1;
                }
                pause(scenario.pause).await;
            }
        }
    }
    // Every sender is gone here (the match arms own them): the subscribers see the close.
    let publisher_done_at = started.elapsed();
    let mut reports = Vec::with_capacity(handles.len());
    for handle in handles {
        reports.push(handle.await.expect("no subscriber panics"));
    }
    Run {
        sent: seq,
        reports,
        send_errors,
        publisher_done_at,
    }
}

/// Spawns one subscriber per entry of `scenario.subscribers`, each with its own consumer.
fn spawn_each<F, Fut>(scenario: &Scenario, mut subscriber: F) -> Vec<JoinHandle<Report>>
where
    F: FnMut(Consumer) -> Fut,
    Fut: Future<Output = Report> + Send + 'static,
{
    scenario
        .subscribers
        .iter()
        .map(|&per_event| tokio::spawn(subscriber(Consumer::new(per_event))))
        .collect()
}

/// Runs `variant` through `scenario` on a fresh current-thread runtime with paused time: the
/// exact run the tests see, for the probe and the demo.
pub fn run_paused(variant: Variant, scenario: &Scenario) -> Run {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime")
        .block_on(run(variant, scenario))
}

/// Which channel a variant's subscribers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// One `broadcast` ring shared by every subscriber.
    Broadcast,
    /// One `watch` slot: the newest value only.
    Watch,
    /// One bounded `mpsc` queue per subscriber.
    FanOut,
}
