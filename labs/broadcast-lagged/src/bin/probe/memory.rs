//! `memory.md`: the heap a `broadcast` channel holds, against its capacity and its number of
//! subscribers, full; and one bounded `mpsc` queue per subscriber, full, for comparison.
//!
//! Counted by the probe's global allocator: the heap in use after building and filling,
//! minus the heap before. The events are the lab's `Event(u64)`, eight bytes, so what shows is
//! the channel's own cost per slot; a bigger event adds its size once per slot in a ring, and
//! once per slot per subscriber in the queues.

use std::fmt::Write as _;

use broadcast_lagged::Event;
use evidence::number::bytes;
use tokio::sync::{broadcast, mpsc};

use crate::heap;

/// Capacities measured.
pub const CAPACITIES: [usize; 4] = [16, 256, 1_024, 4_096];

/// Bytes held by a `broadcast` of `capacity` with `subscribers` receivers, filled.
pub fn ring(capacity: usize, subscribers: usize) -> usize {
    let before = heap();
    let (tx, rx) = broadcast::channel(capacity);
    let receivers: Vec<_> = (1..subscribers).map(|_| tx.subscribe()).collect();
    for seq in 0..capacity as u64 {
        tx.send(Event(seq)).expect("receivers are alive");
    }
    let held = heap().saturating_sub(before);
    drop((tx, rx, receivers));
    held
}

/// Bytes held by `subscribers` bounded `mpsc` queues of `capacity`, filled.
pub fn queues(capacity: usize, subscribers: usize) -> usize {
    let before = heap();
    let queues: Vec<_> = (0..subscribers)
        .map(|_| {
            let (tx, rx) = mpsc::channel(capacity);
            for seq in 0..capacity as u64 {
                tx.try_send(Event(seq)).expect("the queue has room");
            }
            (tx, rx)
        })
        .collect();
    let held = heap().saturating_sub(before);
    drop(queues);
    held
}

pub fn table() -> String {
    let mut out = String::from(
        "Heap held by a full channel of 8-byte events (counted by the probe's allocator):\n\n\
         | capacity | `broadcast`, 1 subscriber | `broadcast`, 16 | 16 `mpsc` queues |\n\
         | ---: | ---: | ---: | ---: |\n",
    );
    let mut per_slot = Vec::new();
    for capacity in CAPACITIES {
        let one = ring(capacity, 1);
        let _ = writeln!(
            out,
            "| {capacity} | {} | {} | {} |",
            bytes(one as f64),
            bytes(ring(capacity, 16) as f64),
            bytes(queues(capacity, 16) as f64)
        );
        per_slot.push(one as f64 / capacity as f64);
    }
    let largest = *CAPACITIES.last().expect("capacities");
    let _ = write!(
        out,
        "\nThe ring grows with its capacity (about {} a slot at {largest}) and not with its \
         subscribers: each receiver is a position in the same ring. One queue per subscriber \
         holds every event once per subscriber.\n",
        bytes(per_slot.last().copied().unwrap_or(0.0))
    );
    out
}

/// The ring with 1 and with 16 subscribers at `capacity`, and 16 queues.
pub fn at(capacity: usize) -> (usize, usize, usize) {
    (ring(capacity, 1), ring(capacity, 16), queues(capacity, 16))
}
