//! # The lost wake-up, for loom
//!
//! The `graceful-shutdown` lab's anti-pattern is a protocol bug: a worker *checks* whether
//! the shutdown came and then *waits* for it, and the signal is an event delivered only to the
//! waiters registered when it is raised. This crate restates that protocol with std-style
//! primitives so that loom can try every interleaving of a worker and a signaller. It is a
//! model of the mechanism, not of Tokio: [`Event`] behaves as `Notify::notify_waiters` and the
//! `Notified` futures do (a generation counter a listener captures when it is created), but it
//! is written here, in a few lines, on a mutex and a condition variable.
//!
//! - [`Listen::AfterCheck`] is the anti-pattern: the worker looks at the stop flag (in the lab:
//!   the sync in the tick branch has just ended and nothing said stop), and only *then*
//!   creates its listener (the next turn's `notified()`). A signal that lands between the two
//!   is lost, and the worker waits forever: loom reports the deadlock.
//! - [`Listen::BeforeCheck`] creates (and enables) the listener first, then checks: a signal
//!   either comes before the check, which sees the flag, or after the listener exists, which
//!   hears it. That is the pinned `notified()` with `enable()` of the lab's
//!   `pinned-notified`.
//! - [`Listen::Latch`] has no event at all: the worker waits until a *state* says stop, as a
//!   `CancellationToken` or a `watch` makes it (the lab's `fixed` and `watch`).
//!
//! `cargo test -p graceful-shutdown-loom --features loom --release` runs the models; without
//! the feature the same protocols run once on std threads.

/// The primitives the protocols use: loom's under the `loom` feature, std's otherwise.
pub mod sync {
    #[cfg(feature = "loom")]
    pub use loom::sync::atomic::{AtomicBool, Ordering};
    #[cfg(feature = "loom")]
    pub use loom::sync::{Arc, Condvar, Mutex};
    #[cfg(feature = "loom")]
    pub use loom::thread;
    #[cfg(not(feature = "loom"))]
    pub use std::sync::atomic::{AtomicBool, Ordering};
    #[cfg(not(feature = "loom"))]
    pub use std::sync::{Arc, Condvar, Mutex};
    #[cfg(not(feature = "loom"))]
    pub use std::thread;
}

use sync::{AtomicBool, Condvar, Mutex, Ordering};

/// An edge-triggered event, as `Notify::notify_waiters`: raising it wakes the listeners that
/// exist, and a listener created later waits for the next raise.
#[derive(Debug, Default)]
pub struct Event {
    /// How many times the event was raised; a listener waits for it to move.
    generation: Mutex<u64>,
    raised: Condvar,
}

/// A listener of an [`Event`]: the generation it was created at (what `notified()` captures).
#[derive(Debug, Clone, Copy)]
pub struct Listener(u64);

impl Event {
    /// Creates a listener: it hears every raise from now on.
    pub fn listen(&self) -> Listener {
        Listener(*self.generation.lock().unwrap())
    }

    /// Blocks until the event is raised after `listener` was created.
    pub fn wait(&self, listener: Listener) {
        let mut generation = self.generation.lock().unwrap();
        while *generation == listener.0 {
            generation = self.raised.wait(generation).unwrap();
        }
    }

    /// Raises the event: wakes every listener created before.
    pub fn raise(&self) {
        *self.generation.lock().unwrap() += 1;
        self.raised.notify_all();
    }
}

/// When the worker creates its listener, or whether it waits on a state instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listen {
    /// Check the flag, then create the listener (a fresh `notified()` per turn).
    AfterCheck,
    /// Create the listener, then check the flag (one pinned, enabled `notified()`).
    BeforeCheck,
    /// Wait until the stop state is set (a `CancellationToken`, a `watch`).
    Latch,
}

/// The shutdown, as the worker and the signaller share it.
#[derive(Debug, Default)]
pub struct Shutdown {
    /// Set by the signaller before it raises the event: "stop requested".
    stop: AtomicBool,
    event: Event,
    /// The latch: the stop state under a lock, for [`Listen::Latch`].
    latch: Mutex<bool>,
    latched: Condvar,
}

impl Shutdown {
    /// A shutdown nobody has asked for.
    pub fn new() -> Self {
        Shutdown::default()
    }

    /// The signaller: ask every worker to stop.
    pub fn signal(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.event.raise();
        *self.latch.lock().unwrap() = true;
        self.latched.notify_all();
    }

    /// The worker, between two syncs: returns once it knows it must stop (or never).
    pub fn wait_for_stop(&self, listen: Listen) {
        match listen {
            Listen::AfterCheck => {
                if self.stop.load(Ordering::SeqCst) {
                    return;
                }
                // The gap: a signal now is raised to no listener.
                let listener = self.event.listen();
                self.event.wait(listener);
            }
            Listen::BeforeCheck => {
                let listener = self.event.listen();
                if self.stop.load(Ordering::SeqCst) {
                    return;
                }
                self.event.wait(listener);
            }
            Listen::Latch => {
                let mut stop = self.latch.lock().unwrap();
                while !*stop {
                    stop = self.latched.wait(stop).unwrap();
                }
            }
        }
    }
}
