//! What std alone decides: each refused case pinned to rustc's exact error lines, and the
//! case the guides' table says fails, compiling.
//!
//! The probe's own module compiles the cases (`src/bin/probe/rustc.rs`), so the test and the
//! chapter's table ask the compiler the same questions. rustc's whole message for each is in
//! `tests/std-fail/<case>.stderr`, as trybuild would pin it: the error, the culprit type and
//! the bound that required it. After a toolchain update changes the wording, rewrite them with
//! `PIN=overwrite cargo test -p send-sync --test std_cases` and review the diff.

#[path = "../src/bin/probe/rustc.rs"]
#[expect(
    dead_code,
    reason = "the probe's table renderer; the test needs only the compiler"
)]
mod rustc;

use std::path::PathBuf;

fn pinned(name: &str) -> PathBuf {
    // cargo runs an integration test in its package's directory.
    PathBuf::from("tests/std-fail").join(format!("{name}.stderr"))
}

#[test]
fn std_decides_each_case_for_the_pinned_reason() {
    let compiled = rustc::compile_all().expect("rustc on PATH (or $RUSTC)");
    if std::env::var("PIN").is_ok_and(|v| v == "overwrite") {
        for case in compiled.iter().filter(|case| !case.stderr.is_empty()) {
            std::fs::write(pinned(case.name), &case.stderr).expect("the pinned message's file");
        }
        return;
    }
    let wrong: Vec<String> = compiled
        .iter()
        .filter(|case| !case.as_pinned)
        .map(|case| {
            format!(
                "{} (compiled: {}); rustc said\n{}",
                case.name, case.compiled, case.stderr
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "not as pinned in tests/std-fail/*.stderr:\n{}",
        wrong.join("\n")
    );
}
