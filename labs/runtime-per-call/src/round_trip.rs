//! The limit under the shared runtime: one hand-off to another thread and back, no runtime.
//!
//! A call through the shared runtime ([`crate::fixed`]) runs its future on the calling
//! thread, but the lookup spawns a task, and a task spawned from outside the runtime runs on
//! one of its workers. So every call wakes a worker and then waits to be woken back: two
//! cross-thread wake-ups. [`RoundTrip`] makes exactly that round trip to one long-lived thread
//! over std channels (each `recv` parks its thread, each `send` unparks the other) and computes
//! the same answer, so no bridge whose work runs on another thread can beat it. The bench
//! times it as the `limit` row, and the probe counts its context switches next to the
//! bridges' (see [`crate::hops`]).

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::work;

/// One long-lived helper thread that answers each key it is sent.
pub struct RoundTrip {
    keys: Option<Sender<u64>>,
    answers: Receiver<u64>,
    thread: Option<JoinHandle<()>>,
}

impl RoundTrip {
    /// Starts the helper thread.
    pub fn new() -> RoundTrip {
        let (keys, requests) = mpsc::channel::<u64>();
        let (replies, answers) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("round-trip".into())
            .spawn(move || {
                // Ends when `RoundTrip` drops its sender.
                for key in requests {
                    let _ = replies.send(work::checksum(key));
                }
            })
            .expect("the OS refused a thread");
        RoundTrip {
            keys: Some(keys),
            answers,
            thread: Some(thread),
        }
    }

    /// Hands `key` to the helper thread and waits for its answer.
    pub fn call(&self, key: u64) -> u64 {
        let keys = self.keys.as_ref().expect("set until dropped");
        keys.send(key)
            .expect("the thread lives as long as RoundTrip");
        self.answers.recv().expect("the thread answers every key")
    }
}

impl Default for RoundTrip {
    fn default() -> Self {
        RoundTrip::new()
    }
}

impl Drop for RoundTrip {
    fn drop(&mut self) {
        drop(self.keys.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_the_lookup() {
        let limit = RoundTrip::new();
        for key in [0, 7, u64::MAX] {
            assert_eq!(limit.call(key), work::checksum(key));
        }
    }
}
