//! A stand-in for a C library's session handle, with the C library's one rule.
//!
//! Bindings to C often hand Rust an opaque handle, a pointer or an integer, that the type
//! system knows nothing about. This library's documentation says what most do: *a session may
//! be used from any thread, but calls on one session must not overlap*. Rust cannot check that
//! rule for a handle that is a plain number, so here the handle ([`RawSession`]) is `Send`,
//! `Sync` and `Clone`, exactly like a copied pointer, and the wrapper around it must serialise
//! the calls itself.
//!
//! The "library" keeps its state the way C code does: [`convert`] reads the session's counter
//! and writes it back plus one, two separate steps, so two overlapping calls can hand out the
//! same number. Unlike C it also notices: every call marks the session busy on entry, and an
//! entry that finds it already busy is counted as an overlap ([`RawSession::overlaps`]).
//!
//! For the tests that must catch an overlap every time, not when the scheduler happens to
//! interleave two calls, [`RawSession::hold_next_call`] parks the next call inside the library
//! until the test lets it go: while it is held, any wrapper that lets a second caller in is
//! caught in the act ([`crate::exclusion`]).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The library's handle: as freely copied and shared as the pointer it stands for.
#[derive(Debug, Clone)]
pub struct RawSession {
    slot: Arc<Slot>,
}

/// What the "C library" keeps per session.
#[derive(Debug, Default)]
struct Slot {
    /// Set while a call is inside the library.
    busy: AtomicBool,
    /// The session's own counter, updated in two steps as `s->n++` would be.
    sequence: AtomicU64,
    /// Calls that entered while another was inside: the rule broken.
    overlaps: AtomicU64,
    /// The test hook that parks one call inside the library.
    gate: Gate,
}

/// Opens a session (`session_open()` in the C header).
pub fn open() -> RawSession {
    RawSession {
        slot: Arc::new(Slot::default()),
    }
}

/// Converts `input` on `session` (`session_convert()`): the call that must not overlap.
///
/// Returns `"<n>:<INPUT>"`, `n` being this session's call number: a wrapper that serialises
/// the calls gets 1, 2, 3, ... with no number twice.
pub fn convert(session: &RawSession, input: &str) -> String {
    let slot = &session.slot;
    // Acquire/release: a call that finds the session free sees everything the last one wrote.
    if slot.busy.swap(true, Ordering::AcqRel) {
        slot.overlaps.fetch_add(1, Ordering::SeqCst);
    }
    slot.gate.pass();
    // Two steps on purpose: this is the unsynchronised C update the rule protects.
    let number = slot.sequence.load(Ordering::Relaxed) + 1;
    let output = format!("{number}:{}", input.to_ascii_uppercase());
    slot.sequence.store(number, Ordering::Relaxed);
    slot.busy.store(false, Ordering::Release);
    output
}

impl RawSession {
    /// How many calls entered while another was still inside.
    pub fn overlaps(&self) -> u64 {
        self.slot.overlaps.load(Ordering::SeqCst)
    }

    /// How many calls the session has numbered (fewer than were made if two overlapped).
    pub fn numbered(&self) -> u64 {
        self.slot.sequence.load(Ordering::Relaxed)
    }

    /// Parks the next call inside the library, after it has marked the session busy, until
    /// the returned [`Held`] is released or dropped.
    pub fn hold_next_call(&self) -> Held<'_> {
        let mut state = self.slot.gate.state.lock().expect("the gate's lock");
        *state = GateState::Armed;
        Held {
            gate: &self.slot.gate,
        }
    }
}

/// One call parked inside the library.
#[derive(Debug)]
pub struct Held<'a> {
    gate: &'a Gate,
}

impl Held<'_> {
    /// Waits until the parked call is inside, for at most `bound`; false if it never came.
    pub fn wait_entered(&self, bound: Duration) -> bool {
        let state = self.gate.state.lock().expect("the gate's lock");
        let (state, _) = self
            .gate
            .changed
            .wait_timeout_while(state, bound, |state| *state == GateState::Armed)
            .expect("the gate's lock");
        *state == GateState::Holding
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        *self.gate.state.lock().expect("the gate's lock") = GateState::Open;
        self.gate.changed.notify_all();
    }
}

/// The hook: open (calls pass), armed (the next call will be parked), holding (one is).
#[derive(Debug, Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum GateState {
    #[default]
    Open,
    Armed,
    Holding,
}

impl Gate {
    fn pass(&self) {
        let mut state = self.state.lock().expect("the gate's lock");
        if *state != GateState::Armed {
            return;
        }
        *state = GateState::Holding;
        self.changed.notify_all();
        // Parked until the test drops its `Held`: a condition, not a timer.
        let _released = self
            .changed
            .wait_while(state, |state| *state == GateState::Holding)
            .expect("the gate's lock");
    }
}
