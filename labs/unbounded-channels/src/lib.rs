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
//! Every variant keeps one contract ([`contract`]), and [`variants`] puts all of them behind
//! one pair of ends, [`Producer`] and [`Consumer`], made by [`channel`], so the tests, the
//! benches in `benches/unbounded-channels.rs`, the demo and the probe run the same code
//! against each. Every variant counts what it accepts, refuses, evicts
//! and delivers in the same [`stats::Counters`], which is how the queue's depth is read from
//! outside.
//!
//! The other modules: [`event`] is what flows, [`sink`] the slow consumer's work,
//! [`scenario`] a producer at a fixed arrival rate against a sink, with the latency and depth
//! it saw, [`load`] the benches' bursts, [`limit`] the same burst through a bare Tokio channel
//! (the bench's floor). [`actors`] is the risk bounded channels bring: two
//! actors that send to each other over full bounded channels wait for each other forever, and
//! the design that cannot.

pub mod actors;
pub mod anti;
pub mod contract;
pub mod event;
pub mod fixed;
pub mod limit;
pub mod load;
pub mod scenario;
pub mod shed_newest;
pub mod shed_oldest;
pub mod sink;
pub mod spawned_send;
pub mod stats;
pub mod variants;

pub use contract::*;
pub use event::Event;
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use variants::{Consumer, Producer, Variant, channel};
