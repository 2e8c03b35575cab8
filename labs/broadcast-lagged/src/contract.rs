//! The contract every subscriber in this lab keeps: take the events of one channel, in order,
//! until the channel closes, and say what happened.
//!
//! A subscriber is an `async fn(receiver, &Consumer) -> Report`. The [`Consumer`] is what it
//! does with each event (under paused time, a handler that takes a fixed time, so a slow
//! subscriber is slow by an exact amount) and its clock; the [`Report`] is the witness: which
//! events were handled, how many the subscriber *knows* it missed, and why and when it
//! stopped. The tests judge every variant on that report alone.

use std::time::Duration;

use tokio::time::Instant;

/// One event on the bus: its sequence number, from 0, in the order it was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event(pub u64);

/// Why a subscriber stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The channel closed (every sender gone) and everything left in it was taken.
    Closed,
    /// The subscriber stopped while the channel was still open or still held events for it
    /// (the anti-pattern, on its first `RecvError::Lagged`).
    Quit,
}

/// What a subscriber did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The sequence numbers it handled, in the order it handled them.
    pub delivered: Vec<u64>,
    /// How many events it knows it missed (and says so).
    pub skipped: u64,
    /// Why it stopped.
    pub ended: Ended,
    /// When it stopped, on the [`Consumer`]'s clock.
    pub ended_at: Duration,
}

impl Report {
    /// Whether every one of `sent` events is either delivered or reported as skipped, each
    /// delivered once and in order.
    pub fn accounts_for(&self, sent: u64) -> bool {
        let in_order = self.delivered.windows(2).all(|w| w[0] < w[1]);
        let all_sent = self.delivered.iter().all(|&seq| seq < sent);
        in_order && all_sent && self.delivered.len() as u64 + self.skipped == sent
    }
}

/// What a subscriber does with an event, and the clock its report is stamped with.
#[derive(Debug, Clone)]
pub struct Consumer {
    started: Instant,
    per_event: Duration,
}

impl Consumer {
    /// A consumer whose clock starts now and whose handler takes `per_event` (zero: it keeps
    /// up with anything).
    pub fn new(per_event: Duration) -> Consumer {
        Consumer {
            started: Instant::now(),
            per_event,
        }
    }

    /// Handles one event: Tokio's timer stands for the work, so under paused time a slow
    /// subscriber is slow by exactly `per_event` and costs nothing to run.
    pub async fn handle(&self, event: Event) {
        std::hint::black_box(event);
        if !self.per_event.is_zero() {
            tokio::time::sleep(self.per_event).await;
        }
    }

    /// A report, stamped now.
    pub fn report(&self, delivered: Vec<u64>, skipped: u64, ended: Ended) -> Report {
        Report {
            delivered,
            skipped,
            ended,
            ended_at: self.started.elapsed(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(delivered: Vec<u64>, skipped: u64) -> Report {
        Report {
            delivered,
            skipped,
            ended: Ended::Closed,
            ended_at: Duration::ZERO,
        }
    }

    #[test]
    fn accounting_needs_every_event_once_and_in_order() {
        assert!(report(vec![3, 4, 5], 3).accounts_for(6));
        assert!(
            !report(vec![3, 4, 5], 0).accounts_for(6),
            "three unreported"
        );
        assert!(!report(vec![4, 3, 5], 3).accounts_for(6), "out of order");
        assert!(!report(vec![3, 3, 5], 3).accounts_for(6), "one twice");
        assert!(!report(vec![3, 4, 6], 3).accounts_for(6), "one never sent");
    }
}
