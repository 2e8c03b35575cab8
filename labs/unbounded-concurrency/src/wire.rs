//! Holding a paused clock while a request or a response is on the wire.
//!
//! Under `start_paused`, Tokio moves the clock to the next timer as soon as no task can run.
//! Against a real socket that is too soon: when the client has written a request and every
//! task is waiting, the runtime looks at its sockets once (a poll with no wait), finds the
//! request there, and advances the clock *as well*, to the next timer, before the server has
//! even read the request. A burst of a thousand connects then reaches the server in batches,
//! as if each batch came one latency after the last, and the server never sees the job's
//! true peak (it saw 129 of 1 000 at once in this lab, before this module).
//!
//! [`Wire`] counts what is on the wire: requests the client has sent and not had an answer
//! to, less those the server is handling. While that is above zero it holds the clock, with
//! the one tool Tokio gives for it: a `spawn_blocking` task inhibits auto-advance on a
//! current-thread runtime until it ends (Tokio's own blocking work must not see time jump).
//! The task waits on a condition variable until the wire is empty, then ends; Tokio's
//! release of it wakes the runtime. On a clock that is not paused, leave the `Wire` out.

use std::sync::{Arc, Condvar, Mutex};

/// The count of requests and responses on the wire, shared by client and server.
#[derive(Debug, Clone, Default)]
pub struct Wire {
    shared: Arc<(Mutex<State>, Condvar)>,
}

#[derive(Debug, Default)]
struct State {
    /// Requests the client has sent and not had a response to.
    awaited: isize,
    /// Requests inside the server's handler.
    handling: isize,
    /// Whether a blocking task is holding the clock.
    holding: bool,
}

impl State {
    fn on_the_wire(&self) -> bool {
        self.awaited > self.handling
    }
}

impl Wire {
    /// An empty wire.
    pub fn new() -> Wire {
        Wire::default()
    }

    fn change(&self, change: impl FnOnce(&mut State)) {
        let (lock, changed) = &*self.shared;
        let mut state = lock.lock().expect("no holder panics");
        change(&mut state);
        if state.on_the_wire()
            && !state.holding
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            state.holding = true;
            let shared = Arc::clone(&self.shared);
            // Its inhibit starts here, at the spawn, not when a thread picks it up.
            drop(runtime.spawn_blocking(move || {
                let (lock, changed) = &*shared;
                let mut state = lock.lock().expect("no holder panics");
                while state.on_the_wire() {
                    state = changed.wait(state).expect("no holder panics");
                }
                state.holding = false;
            }));
        }
        changed.notify_all();
    }

    /// The client sends a request: on the wire until [`Awaited`] is dropped.
    pub fn send(&self) -> Awaited {
        self.change(|s| s.awaited += 1);
        Awaited(self.clone())
    }

    /// The server's handler got a request: off the wire until [`Handling`] is dropped, when
    /// its response goes on it.
    pub fn arrive(&self) -> Handling {
        self.change(|s| s.handling += 1);
        Handling(self.clone())
    }
}

/// A request the client awaits; drop it when the response is in (or the request is dropped).
#[derive(Debug)]
pub struct Awaited(Wire);

impl Drop for Awaited {
    fn drop(&mut self) {
        self.0.change(|s| s.awaited -= 1);
    }
}

/// A request in the server's handler; drop it as the response is handed back.
#[derive(Debug)]
pub struct Handling(Wire);

impl Drop for Handling {
    fn drop(&mut self) {
        self.0.change(|s| s.handling -= 1);
    }
}
