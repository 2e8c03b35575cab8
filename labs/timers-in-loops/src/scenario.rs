//! One run of a loop: an inbox fed at a steady rate for a while, then closed.
//!
//! A producer task sends message `i` at exactly `i × message_every` after the start (so the
//! rate does not depend on how fast the loop is), keeps the inbox open until `run_for`, then
//! drops it; every variant returns once its inbox is closed and empty. Under paused time
//! (`#[tokio::test(start_paused = true)]`, or [`paused_runtime`]) every instant is exact and
//! a run of an hour takes microseconds.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use crate::contract::{Actions, Message, Record, Work};

/// Messages the inbox holds before the producer waits: a stalled loop makes the producer wait
/// (back-pressure) instead of growing a queue without bound.
pub const INBOX: usize = 256;

/// One experiment: the loop's period, the messages it gets, how long, and its action's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// How often the periodic action should run.
    pub period: Duration,
    /// One message every this long; `None`: no message at all.
    pub message_every: Option<Duration>,
    /// How long the inbox stays open.
    pub run_for: Duration,
    /// What each tick's action costs.
    pub work: Work,
}

impl Scenario {
    /// How many ticks a loop that keeps its period starts before `run_for`, give or take
    /// one (a first tick at 0 or at one period): `run_for / period`.
    pub fn expected_ticks(&self) -> u64 {
        (self.run_for.as_nanos() / self.period.as_nanos()) as u64
    }
}

/// Runs `the_loop` on an inbox fed as `scenario` says, and returns what it did.
///
/// `the_loop` gets the inbox, the period and the actions, and must return once the inbox is
/// closed. The actions are shared (`Arc`) because the loop and this function both hold them.
pub async fn run<F, Fut>(scenario: Scenario, the_loop: F) -> Record
where
    F: FnOnce(mpsc::Receiver<Message>, Duration, Arc<Actions>) -> Fut,
    Fut: Future<Output = ()>,
{
    let (inbox, messages) = mpsc::channel(INBOX);
    let start = Instant::now();
    let actions = Arc::new(Actions::new(scenario.work));
    let producer = tokio::spawn(produce(inbox, start, scenario));
    the_loop(messages, scenario.period, Arc::clone(&actions)).await;
    producer.await.expect("the producer does not panic");
    actions.record()
}

/// Sends message `i` at `start + i × every` while that is before `run_for`, then closes.
async fn produce(inbox: mpsc::Sender<Message>, start: Instant, scenario: Scenario) {
    let end = start + scenario.run_for;
    if let Some(every) = scenario.message_every {
        for i in 1.. {
            let at = start + every * i;
            if at >= end {
                break;
            }
            sleep_until(at).await;
            if inbox.send(Message(u64::from(i))).await.is_err() {
                return; // The loop is gone: nobody to feed.
            }
        }
    }
    sleep_until(end).await;
}

/// A current-thread runtime whose clock is paused: time jumps to the next timer whenever
/// every task waits, so a run's instants are exact and free. For the probe and the demo; the
/// tests use `#[tokio::test(start_paused = true)]`, which builds the same.
pub fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime builds")
}
