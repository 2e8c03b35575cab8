//! The slow consumer: what handling one event costs.
//!
//! Three ways to be slow, one per kind of measurement:
//!
//! - [`Sink::Sleep`] waits on Tokio's timer: a database or an API round trip, where the
//!   consumer is idle while it waits. Tests run it on paused time, so a "10 µs" sink costs
//!   no real time and every run is identical.
//! - [`Sink::Spin`] keeps a CPU busy for a fixed wall-clock time: the probe's sink, because
//!   Tokio's timer ticks in milliseconds and cannot sleep for 10 µs. It spins on the clock,
//!   so its rate holds even when another process takes the CPU for a while.
//! - [`Sink::Work`] does a fixed amount of arithmetic per event: the benches' sink, whose
//!   cost does not depend on any clock at all.
//!
//! Spinning inside a task holds its worker, which is usually a bug (see the blocking lab).
//! Here it is the model of a CPU-bound handler, kept to microseconds per event, and it yields
//! to the scheduler after every event, as a well-behaved handler does: otherwise one poll of
//! the consumer would handle a whole cooperative budget of events (over a millisecond) and
//! tokio-console would rightly flag it.

use std::hint::black_box;
use std::time::Duration;

use crate::event::Event;

/// What handling one event costs the consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Waits this long on Tokio's timer (virtual time under `start_paused`).
    Sleep(Duration),
    /// Keeps the thread busy for this long of real time.
    Spin(Duration),
    /// Runs this many rounds of a hash over the event.
    Work(u32),
    /// Costs nothing: a consumer that keeps up.
    Free,
}

impl Sink {
    /// Handles `event`, taking as long as this sink takes.
    pub async fn handle(&self, event: &Event) {
        match *self {
            Sink::Sleep(cost) => tokio::time::sleep(cost).await,
            Sink::Spin(cost) => {
                spin(cost);
                tokio::task::yield_now().await;
            }
            Sink::Work(rounds) => {
                black_box(work(event, rounds));
            }
            Sink::Free => {
                black_box(event.seq);
            }
        }
    }
}

/// Busy-waits for `cost` of real time.
fn spin(cost: Duration) {
    let start = std::time::Instant::now();
    while start.elapsed() < cost {
        std::hint::spin_loop();
    }
}

/// `rounds` passes of a multiplicative hash over the event's body.
pub fn work(event: &Event, rounds: u32) -> u64 {
    let mut hash = event.seq;
    for _ in 0..rounds {
        for chunk in event.body.chunks_exact(8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8"));
            hash = (hash ^ word)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(23);
        }
    }
    hash
}
