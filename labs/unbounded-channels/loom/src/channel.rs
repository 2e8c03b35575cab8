//! A bounded channel: what `tokio::sync::mpsc::channel` is, stripped to what the models need.
//!
//! A queue of at most `capacity` values behind a mutex, and two condition variables: senders
//! wait on `not_full`, the receiver on `not_empty`. `send` waits while the queue is full,
//! exactly like an awaited `send` on a full Tokio channel; that wait is what can close a
//! cycle. Every wait sits in a `while` loop, so a wake-up that finds the condition false
//! again (another sender took the slot) only waits again.
//!
//! Two choices keep the state space small enough for loom to explore:
//!
//! - a side notifies only when someone is actually waiting on the other side (the counts live
//!   under the same lock), because every `notify_one` is one more point where loom must try
//!   every thread;
//! - there is no closing: each model knows how many messages every thread handles.

use std::collections::VecDeque;

use crate::sync::{Arc, Condvar, Mutex, MutexGuard};

/// One end of a bounded channel; clone it for every thread that sends or receives.
#[derive(Debug)]
pub struct Bounded<T> {
    shared: Arc<Shared<T>>,
}

#[derive(Debug)]
struct Shared<T> {
    state: Mutex<State<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

#[derive(Debug)]
struct State<T> {
    queue: VecDeque<T>,
    /// Threads blocked in `send`, waiting for a slot.
    senders_waiting: usize,
    /// Threads blocked in `recv`, waiting for a value.
    receivers_waiting: usize,
}

impl<T> Clone for Bounded<T> {
    fn clone(&self) -> Self {
        Bounded {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> Bounded<T> {
    /// A channel that holds at most `capacity` (> 0) values.
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "a channel needs room for at least one value");
        Bounded {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    queue: VecDeque::with_capacity(capacity),
                    senders_waiting: 0,
                    receivers_waiting: 0,
                }),
                capacity,
                not_empty: Condvar::new(),
                not_full: Condvar::new(),
            }),
        }
    }

    /// Queues `value`, first waiting while the channel is full.
    pub fn send(&self, value: T) {
        let mut state = self.lock();
        while state.queue.len() == self.shared.capacity {
            state.senders_waiting += 1;
            state = wait(&self.shared.not_full, state);
            state.senders_waiting -= 1;
        }
        state.queue.push_back(value);
        let wake = state.receivers_waiting > 0;
        drop(state);
        if wake {
            self.shared.not_empty.notify_one();
        }
    }

    /// Takes the oldest value, first waiting while the channel is empty.
    pub fn recv(&self) -> T {
        let mut state = self.lock();
        loop {
            if let Some(value) = state.queue.pop_front() {
                // One slot freed: one waiting sender may go on.
                let wake = state.senders_waiting > 0;
                drop(state);
                if wake {
                    self.shared.not_full.notify_one();
                }
                return value;
            }
            state.receivers_waiting += 1;
            state = wait(&self.shared.not_empty, state);
            state.receivers_waiting -= 1;
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.shared
            .state
            .lock()
            .expect("no thread panics while holding the lock")
    }
}

fn wait<'a, S>(condvar: &Condvar, guard: MutexGuard<'a, S>) -> MutexGuard<'a, S> {
    condvar
        .wait(guard)
        .expect("no thread panics while holding the lock")
}
