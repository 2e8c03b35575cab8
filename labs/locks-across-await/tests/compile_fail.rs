//! The first symptom of a `std::sync::Mutex` guard held across an `.await`: the future is
//! not `Send`, so it cannot be spawned onto a Tokio runtime, not even a current-thread one
//! (`tokio::spawn` always asks for `Send`).
//!
//! trybuild compiles `compile-fail/*.rs` and compares the compiler's message with the
//! `.stderr` file beside each: the test pins the *reason* (the `MutexGuard` is not `Send` and
//! is held across the `.await`), not merely that something fails to compile. After a
//! toolchain update changes the wording, regenerate with `TRYBUILD=overwrite cargo test -p
//! locks-across-await --test compile_fail` and review the diff.

#[test]
fn a_std_guard_held_across_an_await_cannot_be_spawned() {
    trybuild::TestCases::new().compile_fail("tests/compile-fail/*.rs");
}
