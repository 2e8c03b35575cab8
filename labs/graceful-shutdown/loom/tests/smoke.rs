//! Without the `loom` feature: the protocols that never miss the signal, once on real
//! threads, as a smoke test.
//!
//! Real threads try whichever interleavings the OS happens to produce, so these tests can only
//! ever pass; the proof is the loom model in `models.rs`. The losing protocol is left out: on
//! real threads it would hang only some of the time.

#![cfg(not(feature = "loom"))]

use std::sync::Arc;
use std::thread;

use graceful_shutdown_loom::{Listen, Shutdown};

#[test]
fn the_correct_protocols_hear_the_signal() {
    for listen in [Listen::BeforeCheck, Listen::Latch] {
        for _ in 0..100 {
            let shutdown = Arc::new(Shutdown::new());
            let signaller = {
                let shutdown = Arc::clone(&shutdown);
                thread::spawn(move || shutdown.signal())
            };
            shutdown.wait_for_stop(listen);
            signaller.join().unwrap();
        }
    }
}
