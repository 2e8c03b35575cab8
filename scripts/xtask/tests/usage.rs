//! Usage errors of `cargo xtask` exit with 2, as clap's own do, and name what is valid.

use std::process::Command;

fn xtask(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_step_or_lab_is_a_usage_error_that_lists_the_valid_names() {
    let (code, stderr) = xtask(&["test", "--skip", "nope"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("unknown step `nope`") && stderr.contains("clippy"),
        "{stderr}"
    );
    let (code, stderr) = xtask(&["report", "no-such-lab"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("runtime-per-call"), "{stderr}");
}
