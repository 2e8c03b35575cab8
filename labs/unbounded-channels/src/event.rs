//! What flows through the channel: one event of a few hundred bytes, stamped when it is sent.
//!
//! The size is a log record's or a sensor reading's, so that a queue of them grows at a rate
//! a reader can picture. The body lives inline (no `Box`), so the memory a queue holds is the
//! channel's own buffer: exactly what the anti-pattern lets grow.

use tokio::time::Instant;

/// Bytes of payload in every event.
pub const BODY_BYTES: usize = 240;

/// One event, as the producer hands it to the channel.
#[derive(Debug, Clone)]
pub struct Event {
    /// Position in the producer's sequence, from 0; gaps at the consumer are dropped events.
    pub seq: u64,
    /// When the producer started sending it. Tokio's `Instant`, so tests on paused time
    /// measure latency in virtual time.
    pub sent_at: Instant,
    /// The payload; its content does not matter, its size does.
    pub body: [u8; BODY_BYTES],
}

impl Event {
    /// Bytes one event occupies in a queue.
    pub const SIZE: usize = size_of::<Event>();

    /// Event number `seq`, stamped now.
    pub fn new(seq: u64) -> Self {
        Event {
            seq,
            sent_at: Instant::now(),
            // Not all zeros, so a sink that reads it does real work.
            body: [seq as u8; BODY_BYTES],
        }
    }
}
