//! A test that must crash its process, run where the crash cannot take the other tests along.
//!
//! Some evidence is a failure that ends the process: loom panics from inside its scheduler
//! when it finds a deadlock, and that aborts the whole test binary. Such a test is marked
//! `#[ignore]`, and a normal test runs it through [`run_ignored`]: this very test binary,
//! started again with only that test selected, in a child process. The normal test then reads
//! the child's exit status and its report, and passes when the failure is the expected one.

use std::process::Command;

/// What the child test printed, and how it ended.
#[derive(Debug, Clone)]
pub struct ChildReport {
    /// Whether the child test passed.
    pub succeeded: bool,
    /// Its standard output and then its standard error.
    pub output: String,
}

impl ChildReport {
    /// The first line of the report that contains `needle` (empty if none does).
    pub fn line_with(&self, needle: &str) -> &str {
        self.output
            .lines()
            .find(|line| line.contains(needle))
            .unwrap_or_default()
    }

    /// Whether the child failed and its report says `needle`: the failure that was expected.
    pub fn failed_with(&self, needle: &str) -> bool {
        !self.succeeded && self.output.contains(needle)
    }
}

/// Runs the ignored test `name` of the current test binary, alone, in a child process.
///
/// Panics if the binary cannot be started again: then there is no evidence either way.
pub fn run_ignored(name: &str) -> ChildReport {
    let output = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            // One thread: the child runs a single test, and its report stays in one piece.
            "--test-threads=1",
        ])
        // The expected failure's message is the evidence, not a backtrace of loom's scheduler.
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("cannot start the test binary again");
    ChildReport {
        succeeded: output.status.success(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_expected_only_when_the_child_failed_and_said_so() {
        let failed = ChildReport {
            succeeded: false,
            output: "running 1 test\ndeadlock; threads = [0, 1]\n".into(),
        };
        assert!(failed.failed_with("deadlock"));
        assert!(!failed.failed_with("a deposit was lost"));
        assert_eq!(failed.line_with("deadlock"), "deadlock; threads = [0, 1]");
        let passed = ChildReport {
            succeeded: true,
            ..failed
        };
        assert!(!passed.failed_with("deadlock"));
    }
}
