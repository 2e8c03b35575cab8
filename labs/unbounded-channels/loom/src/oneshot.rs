//! A one-value slot: what `tokio::sync::oneshot` is, stripped to what the models need.
//!
//! The property that matters is that [`Oneshot::put`] never waits: the slot has room for its
//! one value by construction. A reply sent this way cannot be part of a cycle of waits.

use crate::sync::{Arc, Condvar, Mutex};

/// A slot for one value; clone it to give one end to each of two threads.
#[derive(Debug)]
pub struct Oneshot<T> {
    shared: Arc<(Mutex<Slot<T>>, Condvar)>,
}

#[derive(Debug)]
struct Slot<T> {
    value: Option<T>,
    /// Whether the taker is blocked waiting; `put` notifies only then.
    taker_waiting: bool,
}

impl<T> Clone for Oneshot<T> {
    fn clone(&self) -> Self {
        Oneshot {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> Default for Oneshot<T> {
    fn default() -> Self {
        let slot = Slot {
            value: None,
            taker_waiting: false,
        };
        Oneshot {
            shared: Arc::new((Mutex::new(slot), Condvar::new())),
        }
    }
}

impl<T> Oneshot<T> {
    /// An empty slot.
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts the value in the slot and wakes the taker if it waits. Never waits itself.
    pub fn put(&self, value: T) {
        let (slot, filled) = &*self.shared;
        let mut slot = slot
            .lock()
            .expect("no thread panics while holding the lock");
        slot.value = Some(value);
        let wake = slot.taker_waiting;
        drop(slot);
        if wake {
            filled.notify_one();
        }
    }

    /// Waits for the value and takes it.
    pub fn take(&self) -> T {
        let (slot, filled) = &*self.shared;
        let mut slot = slot
            .lock()
            .expect("no thread panics while holding the lock");
        loop {
            if let Some(value) = slot.value.take() {
                return value;
            }
            slot.taker_waiting = true;
            slot = filled
                .wait(slot)
                .expect("no thread panics while holding the lock");
            slot.taker_waiting = false;
        }
    }
}
