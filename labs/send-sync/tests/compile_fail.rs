//! What does not compile, pinned to rustc's reason; and what the guides say fails, and does
//! compile.
//!
//! trybuild compiles `compile-fail/*.rs` and compares the compiler's message with the
//! `.stderr` file beside each, so every case pins the *reason* (which trait, which type), not
//! merely that something fails. `compile-pass/*.rs` must compile and run. All cases run in one
//! `TestCases`, which builds their dependencies once. After a toolchain update changes the
//! wording, regenerate with `TRYBUILD=overwrite cargo test -p send-sync --test compile_fail`
//! and review the diff. The probe compiles the std-only cases again with rustc for the
//! chapter's claims table.

#[test]
fn the_compiler_decides_what_crosses_threads() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile-fail/*.rs");
    cases.pass("tests/compile-pass/*.rs");
}
