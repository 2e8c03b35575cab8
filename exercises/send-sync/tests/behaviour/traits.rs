//! Whether the converter is `Send` and `Sync`, read at compile time, without requiring it.
//!
//! A method found on a type's inherent impl wins over a trait's method of the same name, and
//! an inherent impl whose bounds do not hold is not a candidate at all. So
//! `Probe::<T>::threaded()` is the bounded inherent method (the threaded suite, built for `T`)
//! when `T: Send + Sync`, and the trait's fallback (`None`) otherwise. Stable Rust, no unsafe;
//! the same rule the `impls` crate relies on.

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::{Mutex, PoisonError};

use exercise_send_sync::Converter;
use exercise_send_sync::ffi::{self, RawSession};

use crate::Api;

/// Each task's answer or panic message, the converter's count, the session's overlaps.
pub type TaskAnswers = (Vec<Result<String, String>>, u64, u64);

/// The threaded tests, instantiated for one `Send + Sync` converter type.
#[derive(Clone, Copy)]
pub struct Suite {
    /// `exclusion::second_caller` on a fresh converter.
    pub exclusion: fn() -> (send_sync::exclusion::Exclusion, u64),
    /// Answers, the count and the session's overlaps after `threads` × `calls` calls.
    pub hammer: fn(usize, usize) -> (Vec<String>, u64, u64),
    /// One call on a thread the converter was moved to: answer, count.
    pub moved: fn() -> (String, u64),
    /// Calls from `tasks` tasks on a multi-threaded runtime: each task's answer or panic.
    pub from_tasks: fn(usize) -> TaskAnswers,
}

struct Probe<T>(PhantomData<T>);

trait NotSend {
    const SEND: bool = false;
}
impl<T> NotSend for Probe<T> {}
impl<T: Send> Probe<T> {
    const SEND: bool = true;
}

trait NotSync {
    const SYNC: bool = false;
}
impl<T> NotSync for Probe<T> {}
impl<T: Sync> Probe<T> {
    const SYNC: bool = true;
}

trait NotShareable {
    fn threaded(&self) -> Option<Suite> {
        None
    }
}
impl<T> NotShareable for Probe<T> {}
impl<T: Api + Send + Sync + 'static> Probe<T> {
    fn threaded(&self) -> Option<Suite> {
        Some(Suite {
            exclusion: crate::exclusion::run::<T>,
            hammer: crate::shared::hammer::<T>,
            moved: crate::shared::moved::<T>,
            from_tasks: crate::from_tasks::run::<T>,
        })
    }
}

/// Whether `Converter` is `Send`, and whether it is `Sync`.
pub fn of_converter() -> (bool, bool) {
    (Probe::<Converter>::SEND, Probe::<Converter>::SYNC)
}

/// The threaded suite for `Converter`; panics, saying why, if it cannot be shared.
pub fn suite() -> Suite {
    Probe::<Converter>(PhantomData)
        .threaded()
        .unwrap_or_else(|| {
            let (send, sync) = of_converter();
            panic!(
                "the converter cannot be shared between threads (Send: {send}, Sync: {sync}), so \
             no host thread can call it"
            )
        })
}

/// A converter known to be `Send + Sync`: the probe must find the suite for it. Also keeps the
/// suite compiled (and linted) when the answer under test is not shareable.
struct Locked(Mutex<(RawSession, u64)>);

impl Api for Locked {
    fn open(session: RawSession) -> Self {
        Locked(Mutex::new((session, 0)))
    }
    fn convert(&self, input: &str) -> String {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 += 1;
        ffi::convert(&state.0, input)
    }
    fn calls(&self) -> u64 {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).1
    }
}

/// `Send` but not `Sync`, like the guides' `Cell` counter: the probe must refuse it.
struct Counted(RawSession, Cell<u64>);

impl Api for Counted {
    fn open(session: RawSession) -> Self {
        Counted(session, Cell::new(0))
    }
    fn convert(&self, input: &str) -> String {
        self.1.set(self.1.get() + 1);
        ffi::convert(&self.0, input)
    }
    fn calls(&self) -> u64 {
        self.1.get()
    }
}

#[test]
fn the_probe_tells_a_shareable_type_from_one_that_is_not() {
    // Read at compile time: if the probe's rule ever changed, this binary would not build.
    const {
        assert!(Probe::<Locked>::SEND && Probe::<Locked>::SYNC);
        assert!(Probe::<Counted>::SEND && !Probe::<Counted>::SYNC);
        assert!(!Probe::<std::rc::Rc<u8>>::SEND && !Probe::<std::rc::Rc<u8>>::SYNC);
    }
    assert!(Probe::<Counted>(PhantomData).threaded().is_none());
    let suite = Probe::<Locked>(PhantomData)
        .threaded()
        .expect("the threaded suite for a Send + Sync type");
    let (answer, calls) = (suite.moved)();
    assert_eq!((answer.as_str(), calls), ("1:MOVED", 1));
}
