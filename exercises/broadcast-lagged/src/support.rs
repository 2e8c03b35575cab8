//! The exercise's harness: a publisher, your subscriber, and the record of what it did. You do
//! not need to change this file.
//!
//! [`drive`] runs one `broadcast` channel on the current runtime under paused time: it spawns
//! your subscriber, checks that it *waits* while nothing is sent (a loop that polls the
//! channel over and over is caught here), sends the scenario's bursts (the first before your
//! subscriber has run at all, so a burst larger than the channel makes it lag at once), lets
//! it catch up, closes the channel and checks that it then stops, and not before.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::sync::broadcast;

/// What your subscriber does with each event: [`Inbox::handle`] it (it records the event and
/// takes the scenario's time per event). Cheap to clone; every clone is the same inbox.
#[derive(Debug, Clone)]
pub struct Inbox {
    handled: Arc<Mutex<Vec<u64>>>,
    per_event: Duration,
}

impl Inbox {
    fn new(per_event: Duration) -> Inbox {
        Inbox {
            handled: Arc::new(Mutex::new(Vec::new())),
            per_event,
        }
    }

    /// Handles one event: records it, then takes the scenario's time per event.
    pub async fn handle(&self, event: u64) {
        self.handled
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(event);
        if !self.per_event.is_zero() {
            tokio::time::sleep(self.per_event).await;
        }
    }

    fn handled(&self) -> Vec<u64> {
        self.handled
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// What the publisher sends, and how fast the subscriber handles it.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The `broadcast` channel's capacity.
    pub capacity: usize,
    /// Events per burst, sent back to back (numbered 0, 1, 2, ... across all bursts).
    pub bursts: Vec<u64>,
    /// The publisher's pause after each burst.
    pub pause: Duration,
    /// The subscriber's time to handle one event.
    pub per_event: Duration,
}

/// How the subscriber's run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// It returned once the channel was closed: right.
    Closed,
    /// It returned while the publisher was still there.
    BeforeClose,
    /// The channel closed and it did not return.
    NeverReturned,
    /// It was polled this many times while nothing at all was sent: it polls instead of
    /// waiting for the channel to wake it.
    Busy(u64),
}

/// What the subscriber did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Events sent.
    pub sent: u64,
    /// Events handled, in the order they were handled.
    pub handled: Vec<u64>,
    /// What it returned as skipped (`None` if it never returned).
    pub skipped: Option<u64>,
    /// How it ended.
    pub end: End,
}

impl Outcome {
    /// Everything wrong with this outcome, or `Ok`: it ended on close, handled events in
    /// order, each once, and handled + skipped = sent.
    pub fn judge(&self) -> Result<(), String> {
        if self.end != End::Closed {
            return Err(format!("the subscriber ended {:?}: {self:?}", self.end));
        }
        if let Some(w) = self.handled.windows(2).find(|w| w[0] >= w[1]) {
            return Err(format!("event {} handled after event {}", w[1], w[0]));
        }
        let skipped = self.skipped.unwrap_or(0);
        let handled = self.handled.len() as u64;
        if handled + skipped != self.sent {
            return Err(format!(
                "{} sent, {handled} handled and {skipped} reported skipped: {} unaccounted for",
                self.sent,
                i128::from(self.sent) - i128::from(handled) - i128::from(skipped)
            ));
        }
        Ok(())
    }
}

/// The most polls a subscriber may take while nothing is sent: its first, and a spare.
const IDLE_POLLS: u64 = 2;

/// Runs `subscriber` through `scenario` on the current runtime (which must have paused time).
pub async fn drive<F, Fut>(scenario: &Scenario, subscriber: F) -> Outcome
where
    F: FnOnce(broadcast::Receiver<u64>, Inbox) -> Fut,
    Fut: Future<Output = u64> + Send + 'static,
{
    let (tx, rx) = broadcast::channel(scenario.capacity);
    let inbox = Inbox::new(scenario.per_event);
    let polls = Arc::new(AtomicU64::new(0));
    let task = tokio::spawn(Counted {
        inner: Box::pin(subscriber(rx, inbox.clone())),
        polls: Arc::clone(&polls),
    });
    let outcome = |end: End, skipped: Option<u64>, sent: u64| Outcome {
        sent,
        handled: inbox.handled(),
        skipped,
        end,
    };

    // Nothing sent yet: a subscriber that waits is polled once. Yields first (a loop that
    // spins without a timer would keep paused time from ever moving), then a quiet second.
    for _ in 0..50 {
        tokio::task::yield_now().await;
    }
    if polls.load(Ordering::Relaxed) > IDLE_POLLS {
        task.abort();
        return outcome(End::Busy(polls.load(Ordering::Relaxed)), None, 0);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    if polls.load(Ordering::Relaxed) > IDLE_POLLS {
        task.abort();
        return outcome(End::Busy(polls.load(Ordering::Relaxed)), None, 0);
    }

    let mut seq = 0;
    for &burst in &scenario.bursts {
        for _ in 0..burst {
            // No receiver left means the subscriber has returned; that shows below.
            let _ = tx.send(seq);
            seq += 1;
        }
        tokio::time::sleep(scenario.pause).await;
    }
    // Time to handle everything still in the channel, and a second more.
    let per_event = u32::try_from(scenario.capacity + 1).expect("a small capacity");
    tokio::time::sleep(scenario.per_event * per_event + Duration::from_secs(1)).await;
    if task.is_finished() {
        let skipped = task.await.ok();
        return outcome(End::BeforeClose, skipped, seq);
    }

    drop(tx);
    // A subscriber waiting in `recv` is woken by the close and returns in a poll or two.
    for _ in 0..50 {
        if task.is_finished() {
            break;
        }
        tokio::task::yield_now().await;
    }
    if !task.is_finished() {
        task.abort();
        return outcome(End::NeverReturned, None, seq);
    }
    let skipped = task.await.ok();
    outcome(End::Closed, skipped, seq)
}

/// Runs `subscriber` through `scenario` on a fresh current-thread runtime with paused time.
pub fn drive_paused<F, Fut>(scenario: &Scenario, subscriber: F) -> Outcome
where
    F: FnOnce(broadcast::Receiver<u64>, Inbox) -> Fut,
    Fut: Future<Output = u64> + Send + 'static,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime")
        .block_on(drive(scenario, subscriber))
}

/// A future that counts its polls.
struct Counted<F> {
    inner: Pin<Box<F>>,
    polls: Arc<AtomicU64>,
}

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls.fetch_add(1, Ordering::Relaxed);
        self.inner.as_mut().poll(cx)
    }
}
