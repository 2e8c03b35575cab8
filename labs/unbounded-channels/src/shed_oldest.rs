//! A fix for sources that cannot wait, when the latest events matter most: when the queue is
//! full, throw out the *oldest* queued event to make room, and count it.
//!
//! Tokio's `mpsc` cannot do this (a sender cannot take anything out of the queue), so this is
//! a small queue of our own: a `VecDeque` of fixed capacity behind a `std::sync::Mutex`, and a
//! `Notify` to wake the consumer. The producer never waits, memory stays bounded by the
//! capacity, order is kept, and whatever the consumer takes out is at most `capacity` events
//! old.
//!
//! Right for state that supersedes itself: positions, prices, progress, "latest reading".
//! Wrong when each event is a command that must happen exactly once; there, block (`fixed`)
//! or refuse visibly (`shed_newest`) so the sender can retry.
//!
//! Decisions a reader may question:
//!
//! - a blocking `Mutex` in async code is fine here: it is never held across an `.await`, and
//!   every critical section is a push or a pop;
//! - the evicted event is dropped after the lock is released: freeing memory is not work the
//!   lock has to wait for;
//! - `Notify::notify_one` stores a permit when nobody waits yet, so a consumer that found the
//!   queue empty and is about to wait cannot miss the event pushed in between;
//! - `tokio::sync::broadcast` also drops the oldest (a slow receiver gets `Lagged(n)`, which
//!   counts them), but it clones every event and keeps each slot's value until it is
//!   overwritten; for one consumer this queue says exactly what it does.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::Counters;

/// What both ends share.
#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    /// Wakes the consumer when an event arrives or the last sender leaves.
    ready: Notify,
    capacity: usize,
    counters: Arc<Counters>,
}

#[derive(Debug)]
struct State {
    events: VecDeque<Event>,
    /// Live `Sender`s; at zero, an empty queue means the end.
    senders: usize,
    /// Whether the `Receiver` still exists; without it, sending is pointless.
    receiver_alive: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // No code panics while holding the lock, so poisoning cannot happen; if it somehow
        // did, the queue itself is still consistent (each operation is one push or pop).
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Sending end: never waits; evicts the oldest queued event when the queue is full.
#[derive(Debug)]
pub struct Sender {
    shared: Arc<Shared>,
}

/// Receiving end.
#[derive(Debug)]
pub struct Receiver {
    shared: Arc<Shared>,
}

/// A queue that holds at most `capacity` events (`capacity` > 0) and evicts the oldest.
pub fn channel(capacity: usize, counters: Arc<Counters>) -> (Sender, Receiver) {
    assert!(capacity > 0, "a queue needs room for at least one event");
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            // Allocated once, up front: the queue's memory is fixed from the start.
            events: VecDeque::with_capacity(capacity),
            senders: 1,
            receiver_alive: true,
        }),
        ready: Notify::new(),
        capacity,
        counters,
    });
    (
        Sender {
            shared: Arc::clone(&shared),
        },
        Receiver { shared },
    )
}

impl Sender {
    /// Queues `event`, evicting (and counting) the oldest queued event if the queue is full.
    pub fn send(&self, event: Event) -> Result<Sent, Closed> {
        let evicted = {
            let mut state = self.shared.lock();
            if !state.receiver_alive {
                return Err(Closed(Box::new(event)));
            }
            let evicted = if state.events.len() == self.shared.capacity {
                self.shared.counters.evicted();
                state.events.pop_front()
            } else {
                None
            };
            self.shared.counters.accepted();
            state.events.push_back(event);
            evicted
        };
        self.shared.ready.notify_one();
        Ok(match evicted {
            Some(_oldest) => Sent::DroppedOldest, // dropped here, after the lock is gone
            None => Sent::Queued,
        })
    }
}

impl Clone for Sender {
    fn clone(&self) -> Self {
        self.shared.lock().senders += 1;
        Sender {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let last = {
            let mut state = self.shared.lock();
            state.senders -= 1;
            state.senders == 0
        };
        if last {
            // The consumer may be waiting on an empty queue that will now never fill.
            self.shared.ready.notify_one();
        }
    }
}

impl Receiver {
    /// The next event, or `None` once every sender is gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<Event> {
        loop {
            {
                let mut state = self.shared.lock();
                if let Some(event) = state.events.pop_front() {
                    return Some(event);
                }
                if state.senders == 0 {
                    return None;
                }
            }
            // Lock released before waiting; a push in between left a permit (see the module doc).
            self.shared.ready.notified().await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let abandoned = {
            let mut state = self.shared.lock();
            state.receiver_alive = false;
            std::mem::take(&mut state.events)
        };
        // Free what nobody will read now, not when the last sender goes away.
        drop(abandoned);
    }
}
