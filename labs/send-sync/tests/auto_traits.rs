//! What compiles: each converter's `Send` and `Sync`, asserted at compile time.
//!
//! Each assertion is a call to a function whose bound is the trait: if a type lost the trait,
//! this file would not compile and the test binary would fail to build. What must *not*
//! compile is in `compile_fail.rs`, pinned to rustc's message.

use std::cell::{Cell, RefCell};

use send_sync::Converter;
use send_sync::ffi::{self, RawSession};
use send_sync::fixed::Fixed;
use send_sync::refcell::RefCellConverter;
use send_sync::tokio_mutex::TokioMutex;
use send_sync::unguarded::Unguarded;

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

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
