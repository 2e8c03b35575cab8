//! The judge of the library's rule: does a wrapper let a second caller in while one is inside?
//!
//! Running many threads and hoping two calls interleave catches a bad wrapper only when the
//! scheduler obliges. This check makes the interleaving happen instead. It parks one call
//! inside the library ([`RawSession::hold_next_call`]), starts a second caller, and waits
//! until that caller has shown what the wrapper does with it:
//!
//! - it entered the library: the session counts an [`Exclusion::Overlapped`];
//! - it came back without entering (a `try_lock` that gave up, a cached answer):
//!   [`Exclusion::ReturnedWhileHeld`];
//! - it is asleep in the kernel, blocked on the wrapper's lock or on a reply from the thread
//!   that owns the session: [`Exclusion::Waited`], the right answer. On Linux the caller's
//!   state is read from `/proc/thread-self`; the test never guesses from elapsed time.
//!
//! Only then is the parked call released. Every outcome is decided by an event, so a wrapper
//! that lets two threads in is caught on every run, on a quiet machine or a loaded one.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::ffi::RawSession;

/// What a second caller met while a first call was parked inside the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// It waited outside the library until the first call returned: the rule kept. Both
    /// answers, first call's first.
    Waited(String, String),
    /// It entered the library while the first call was inside.
    Overlapped,
    /// It returned this answer while the first call was still inside, without entering.
    ReturnedWhileHeld(String),
    /// The first call never reached the library.
    FirstNeverEntered,
    /// A caller panicked (its message).
    Panicked(String),
}

/// How long any one step may take before the check reports it: a bound against hangs, never
/// the way an outcome is decided.
const BOUND: Duration = Duration::from_secs(10);

/// How often the wait for the first call looks whether it returned instead.
const SLICE: Duration = Duration::from_millis(10);

/// Parks a call `call(converter, "first")` inside `session`, calls `call(converter,
/// "second")` from another thread, and reports what the second caller met.
pub fn second_caller<C: Sync>(
    converter: &C,
    session: &RawSession,
    call: impl Fn(&C, &str) -> String + Sync,
) -> Exclusion {
    let held = session.hold_next_call();
    thread::scope(|scope| {
        let call = &call;
        let first = scope.spawn(move || call(converter, "first"));
        // Waits in slices so that a first call that returns without entering this session
        // (a session of its own, a cached answer) is reported at once, not after the bound.
        let deadline = Instant::now() + BOUND;
        let entered = loop {
            if held.wait_entered(SLICE) {
                break true;
            }
            if first.is_finished() || Instant::now() >= deadline {
                break false;
            }
        };
        if !entered {
            drop(held);
            return match first.join() {
                Err(panic) => Exclusion::Panicked(panic_message(panic.as_ref())),
                Ok(_) => Exclusion::FirstNeverEntered,
            };
        }
        let (tid_tx, tid_rx) = mpsc::channel();
        let second = scope.spawn(move || {
            // Sent before the call, so that anything seen asleep afterwards is the call.
            let _ = tid_tx.send(this_thread_id());
            call(converter, "second")
        });
        let tid = tid_rx.recv().ok().flatten();
        let deadline = Instant::now() + BOUND;
        let outcome = loop {
            if session.overlaps() > 0 {
                break Some(Exclusion::Overlapped);
            }
            if second.is_finished() {
                break None;
            }
            if asleep(tid.as_deref(), deadline) {
                // Asleep, and still no overlap: re-check once, the order of the two reads
                // matters only if it entered between them.
                if session.overlaps() > 0 {
                    break Some(Exclusion::Overlapped);
                }
                break Some(Exclusion::Waited(String::new(), String::new()));
            }
            thread::yield_now();
        };
        drop(held);
        let first = first.join();
        let second = second.join();
        match (outcome, first, second) {
            (_, Err(panic), _) | (_, _, Err(panic)) => {
                Exclusion::Panicked(panic_message(panic.as_ref()))
            }
            (Some(Exclusion::Waited(..)), Ok(first), Ok(second)) => {
                if session.overlaps() > 0 {
                    Exclusion::Overlapped
                } else {
                    Exclusion::Waited(first, second)
                }
            }
            (Some(outcome), _, _) => outcome,
            (None, _, Ok(second)) => {
                if session.overlaps() > 0 {
                    Exclusion::Overlapped
                } else {
                    Exclusion::ReturnedWhileHeld(second)
                }
            }
        }
    })
}

/// `/proc/<pid>/task/<tid>` of the calling thread, where the kernel publishes its state.
fn this_thread_id() -> Option<String> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    Some(format!("/proc/{}", link.to_string_lossy()))
}

/// Whether the thread at `task` is blocked in the kernel (state `S` or `D`). Where `/proc`
/// does not exist, answers true once the bound has passed: the one place this check falls
/// back on time, and only away from Linux.
fn asleep(task: Option<&str>, deadline: Instant) -> bool {
    let Some(task) = task else {
        return Instant::now() >= deadline;
    };
    let Ok(stat) = std::fs::read_to_string(format!("{task}/stat")) else {
        return false;
    };
    // `pid (comm) S ...`: the state follows the last `)`, since `comm` may contain one.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    matches!(state, Some('S' | 'D'))
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}
