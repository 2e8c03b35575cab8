//! The contract every channel in this lab keeps, and what a send can answer.
//!
//! Each variant module (`anti`, `fixed`, `shed_newest`, `shed_oldest`, `spawned_send`)
//! offers the same three things, with the same meaning:
//!
//! - `channel(capacity, counters) -> (Sender, Receiver)`: a fresh channel that counts what it
//!   accepts, refuses, evicts and hands out in the shared [`Counters`];
//! - `Sender::send(&self, event) -> Result<Sent, Closed>`: hands one event over. Only `fixed`
//!   awaits here (for room); the others answer at once, which is why the modules do not share
//!   a trait and [`crate::variants`] calls each by name;
//! - `Receiver::recv(&mut self) -> Option<Event>`: the next event, `None` once every sender
//!   is gone and the queue is empty.
//!
//! [`Sent`] says what became of an event the channel took; [`Closed`] hands back an event
//! nobody will ever receive.
//!
//! [`Counters`]: crate::stats::Counters

use crate::event::Event;

/// What became of one event handed to a sender (and to [`Producer::send`]).
///
/// [`Producer::send`]: crate::variants::Producer::send
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
