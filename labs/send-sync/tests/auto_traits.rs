//! Each converter's `Send` and `Sync`, asserted at compile time, both ways.
//!
//! What must hold is a call to a function whose bound is the trait: if a type lost the trait,
//! this file would not compile and the test binary would fail to build. What must *not* hold
//! is read without requiring it ([`Impls`]) and asserted in a `const` block, so a type that
//! gained a trait (an `unsafe impl Sync` slipped in) fails the build too. rustc's own message
//! for each refusal is pinned in `std_cases.rs`.

use std::cell::{Cell, RefCell};

use send_sync::Converter;
use send_sync::anti::Anti;
use send_sync::ffi::{self, RawSession};
use send_sync::fixed::Fixed;
use send_sync::refcell::RefCellConverter;
use send_sync::tokio_mutex::TokioMutex;
use send_sync::unguarded::Unguarded;

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

/// `Impls::<T>::SEND` is `true` exactly when `T: Send` (and `SYNC` for `Sync`), for a concrete
/// `T`: an inherent associated item whose impl's bounds hold wins over a trait's item of the
/// same name, and one whose bounds fail is not a candidate, so the trait's `false` is found.
/// Stable Rust, no unsafe; the rule the `impls` crate relies on.
struct Impls<T>(std::marker::PhantomData<T>);

trait NotSend {
    const SEND: bool = false;
}
impl<T> NotSend for Impls<T> {}
impl<T: Send> Impls<T> {
    const SEND: bool = true;
}

trait NotSync {
    const SYNC: bool = false;
}
impl<T> NotSync for Impls<T> {}
impl<T: Sync> Impls<T> {
    const SYNC: bool = true;
}

// The probe itself, on the std types whose answers rustc pins in `std_cases.rs`: if the rule
// it relies on changed, these would stop building before any verdict below could mislead.
const _: () = {
    assert!(!Impls::<std::rc::Rc<u32>>::SEND && !Impls::<std::rc::Rc<u32>>::SYNC);
    assert!(Impls::<Cell<u32>>::SEND && !Impls::<Cell<u32>>::SYNC);
    assert!(Impls::<std::sync::Mutex<u32>>::SEND && Impls::<std::sync::Mutex<u32>>::SYNC);
};

// The guide's converter cannot leave its thread: `Rc` is neither `Send` nor `Sync`.
const _: () = assert!(!Impls::<Anti>::SEND && !Impls::<Anti>::SYNC);
// The `RefCell` variant can move, and cannot be shared: the guides' table names the wrong one.
const _: () = assert!(Impls::<RefCellConverter>::SEND && !Impls::<RefCellConverter>::SYNC);

#[test]
fn the_fixes_and_the_unguarded_converter_are_send_and_sync() {
    assert_send::<Fixed>();
    assert_sync::<Fixed>();
    assert_send::<TokioMutex>();
    assert_sync::<TokioMutex>();
    // The type system accepts it: the library's rule is invisible to it (tests/exclusion.rs).
    assert_send::<Unguarded>();
    assert_sync::<Unguarded>();
    // The library's handle is as shareable as the pointer it stands for.
    assert_send::<RawSession>();
    assert_sync::<RawSession>();
}

#[test]
fn cells_are_send_whatever_the_table_says() {
    assert_send::<Cell<u64>>();
    assert_send::<RefCell<u64>>();
    assert_send::<RefCell<Cell<u64>>>();
    assert_send::<RefCellConverter>();
}

#[test]
fn a_refcell_converter_moved_to_another_thread_works_there() {
    let converter = RefCellConverter::open(ffi::open());
    let (answer, calls) = std::thread::spawn(move || {
        let answer = converter.convert("moved");
        (answer, converter.calls())
    })
    .join()
    .expect("the thread");
    assert_eq!(answer, "1:MOVED");
    assert_eq!(calls, 1);
}

#[test]
fn a_static_reference_to_a_runtime_may_leave_its_thread() {
    // What makes seed 001's `&'static Runtime` unsound: safe code may send it anywhere.
    assert_send::<&'static tokio::runtime::Runtime>();
    assert_send::<tokio::runtime::Handle>();
}
