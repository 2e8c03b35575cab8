//! # Unbounded channels
//!
//! Events arrive faster than their consumer can handle them (a slow database, a remote API,
//! a disk), and a channel sits in between. With `mpsc::unbounded_channel` the producer never
//! notices: the queue, the memory it holds and the time each event waits all grow for as long
//! as the overload lasts, until the process runs out of memory and loses the whole backlog.
//!
//! There is no fix that keeps every event *and* the producer's pace *and* bounded memory; a
//! bounded queue makes you choose which to give up, and each choice is a variant here:
//!
//! | variant | module | what it does | gives up |
//! | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `unbounded_channel`: queues everything | memory and latency, without limit |
//! | `fixed` | [`fixed`] | bounded channel, `send().await` waits for room | the producer's pace (backpressure) |
//! | `shed-newest` | [`shed_newest`] | bounded channel, `try_send`; a full channel drops the new event and counts it | the newest events |
//! | `shed-oldest` | [`shed_oldest`] | a ring that evicts the oldest queued event and counts it | the oldest events |
//! | `spawned-send` | [`spawned_send`] | bounded channel, but each send runs in a spawned task | memory, as `anti`: the queue moved into the scheduler |
//!
//! All of them sit behind one pair of ends, [`Producer`] and [`Consumer`], made by
//! [`channel`], so the tests, the benches in `benches/unbounded-channels.rs`, the demo and the
//! probe run the same code against each. Every variant counts what it accepts, refuses, evicts
//! and delivers in the same [`stats::Counters`], which is how the queue's depth is read from
//! outside.
//!
//! The other modules: [`event`] is what flows, [`sink`] the slow consumer's work,
//! [`scenario`] a producer at a fixed arrival rate against a sink, with the latency and depth
//! it saw, [`load`] the benches' bursts. [`actors`] is the risk bounded channels bring: two actors that send to each other
//! over full bounded channels wait for each other forever, and the design that cannot.

pub mod actors;
pub mod anti;
pub mod event;
pub mod fixed;
pub mod load;
pub mod scenario;
pub mod shed_newest;
pub mod shed_oldest;
pub mod sink;
pub mod spawned_send;
pub mod stats;

use std::sync::Arc;

pub use event::Event;
use stats::{Counters, Snapshot};

/// What became of one event handed to [`Producer::send`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// It is in the queue.
    Queued,
    /// The queue was full and this event was dropped (and counted).
    DroppedNewest,
    /// It is in the queue, and the oldest queued event was dropped (and counted) to make room.
    DroppedOldest,
}

/// The consumer is gone; here is the event back (boxed: an error that carries a large
/// event by value would make every `Result` of `send` that large, even on success).
#[derive(Debug)]
pub struct Closed(pub Box<Event>);

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the consumer is gone; event {} was not sent", self.0.seq)
    }
}

impl std::error::Error for Closed {}

/// Every channel in this lab, by the name the benches, demo and book use.
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

impl Variant {
    /// Every variant, anti-pattern first.
    pub const ALL: [Variant; 5] = [
        Variant::Anti,
        Variant::Fixed,
        Variant::ShedNewest,
        Variant::ShedOldest,
        Variant::SpawnedSend,
    ];

    /// The name used on command lines, in bench ids and in the book.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Anti => "anti",
            Variant::Fixed => "fixed",
            Variant::ShedNewest => "shed-newest",
            Variant::ShedOldest => "shed-oldest",
            Variant::SpawnedSend => "spawned-send",
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
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
