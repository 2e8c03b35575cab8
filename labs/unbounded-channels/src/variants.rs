//! The list of channels: one name per way of connecting the producer to the consumer, and
//! the one place that builds and drives each.
//!
//! [`Variant`] derives clap's `ValueEnum` (and serde, with the same kebab-case names, for the
//! probe's JSON), so its names and order are written once, here, and read everywhere through
//! [`evidence::Variants`]: `Variant::all()`, `variant.name()`, `Variant::named("fixed")`.
//! [`channel`] builds a variant behind one pair of ends, [`Producer`] and [`Consumer`], so
//! that tests, benches, demo and probe drive every variant with the same code. This is the
//! only file that imports every variant module; the variants themselves know only the
//! contract.

use std::sync::Arc;

use evidence::Variants;

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::{Counters, Snapshot};
use crate::{anti, fixed, shed_newest, shed_oldest, spawned_send};

/// Every channel in this lab, by the name the benches, demo and book use; the anti-pattern
/// first, then the reference fix, then the rest (the order of every table and plot).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// An unbounded channel: queues everything.
    Anti,
    /// A bounded channel whose sender awaits room (backpressure).
    Fixed,
    /// A bounded channel that drops (and counts) the new event when full.
    ShedNewest,
    /// A bounded queue that evicts (and counts) the oldest event when full.
    ShedOldest,
    /// A bounded channel fed by a spawned task per send: unbounded in disguise.
    SpawnedSend,
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// A channel of the given variant; `capacity` (> 0) is ignored by `anti`, which has none.
pub fn channel(variant: Variant, capacity: usize) -> (Producer, Consumer) {
    // Checked here for every variant, so `anti` cannot hide a zero that the others reject.
    assert!(capacity > 0, "a channel needs room for at least one event");
    let counters = Counters::shared();
    let (tx, rx) = match variant {
        Variant::Anti => {
            let (tx, rx) = anti::channel(Arc::clone(&counters));
            (Tx::Anti(tx), Rx::Anti(rx))
        }
        Variant::Fixed => {
            let (tx, rx) = fixed::channel(capacity, Arc::clone(&counters));
            (Tx::Fixed(tx), Rx::Fixed(rx))
        }
        Variant::ShedNewest => {
            let (tx, rx) = shed_newest::channel(capacity, Arc::clone(&counters));
            (Tx::ShedNewest(tx), Rx::ShedNewest(rx))
        }
        Variant::ShedOldest => {
            let (tx, rx) = shed_oldest::channel(capacity, Arc::clone(&counters));
            (Tx::ShedOldest(tx), Rx::ShedOldest(rx))
        }
        Variant::SpawnedSend => {
            let (tx, rx) = spawned_send::channel(capacity, Arc::clone(&counters));
            (Tx::SpawnedSend(tx), Rx::SpawnedSend(rx))
        }
    };
    (
        Producer {
            tx,
            counters: Arc::clone(&counters),
        },
        Consumer { rx, counters },
    )
}

/// The sending end of any variant. Clone it for more producers.
#[derive(Debug, Clone)]
pub struct Producer {
    tx: Tx,
    counters: Arc<Counters>,
}

/// The receiving end of any variant.
#[derive(Debug)]
pub struct Consumer {
    rx: Rx,
    counters: Arc<Counters>,
}

/// One enum rather than a trait object: each variant's `send` is a different kind of
/// function (async or not), and a `match` keeps the benches free of boxing.
#[derive(Debug, Clone)]
enum Tx {
    Anti(anti::Sender),
    Fixed(fixed::Sender),
    ShedNewest(shed_newest::Sender),
    ShedOldest(shed_oldest::Sender),
    SpawnedSend(spawned_send::Sender),
}

#[derive(Debug)]
enum Rx {
    Anti(anti::Receiver),
    Fixed(fixed::Receiver),
    ShedNewest(shed_newest::Receiver),
    ShedOldest(shed_oldest::Receiver),
    SpawnedSend(spawned_send::Receiver),
}

impl Producer {
    /// Hands `event` to the channel. Only `fixed` ever waits here; the others return at once.
    pub async fn send(&self, event: Event) -> Result<Sent, Closed> {
        match &self.tx {
            Tx::Anti(tx) => tx.send(event),
            Tx::Fixed(tx) => tx.send(event).await,
            Tx::ShedNewest(tx) => tx.send(event),
            Tx::ShedOldest(tx) => tx.send(event),
            Tx::SpawnedSend(tx) => tx.send(event),
        }
    }

    /// The channel's counts now.
    pub fn stats(&self) -> Snapshot {
        self.counters.snapshot()
    }

    /// The channel's live counters, for a thread that samples them while the channel works.
    pub fn counters(&self) -> Arc<Counters> {
        Arc::clone(&self.counters)
    }
}

impl Consumer {
    /// The next event, or `None` once every producer is gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<Event> {
        let event = match &mut self.rx {
            Rx::Anti(rx) => rx.recv().await,
            Rx::Fixed(rx) => rx.recv().await,
            Rx::ShedNewest(rx) => rx.recv().await,
            Rx::ShedOldest(rx) => rx.recv().await,
            Rx::SpawnedSend(rx) => rx.recv().await,
        };
        if event.is_some() {
            self.counters.received();
        }
        event
    }

    /// The channel's counts now.
    pub fn stats(&self) -> Snapshot {
        self.counters.snapshot()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_names_are_the_command_line_names() {
        for &variant in Variant::all() {
            let json = serde_json::to_string(&variant).expect("a variant serialises");
            assert_eq!(json, format!("\"{}\"", variant.name()));
            let back: Variant = serde_json::from_str(&json).expect("and reads back");
            assert_eq!(back, variant);
        }
    }
}
