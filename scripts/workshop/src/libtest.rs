//! Reading what a libtest binary prints, and trimming it to what a learner needs.
//!
//! libtest's stable output is its human "pretty" format; the JSON format still needs nightly.
//! The parts we rely on have not changed shape in years:
//!
//! ```text
//! running 2 tests
//! test callers_share_one_runtime ... FAILED
//! test one_caller ... ok
//!
//! failures:
//!
//! ---- callers_share_one_runtime stdout ----
//!
//! thread 'callers_share_one_runtime' panicked at tests/behaviour.rs:20:5:
//! assertion failed: elapsed < Duration::from_secs(1)
//! note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
//!
//!
//! failures:
//!     callers_share_one_runtime
//!
//! test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
//! ```
//!
//! A learner needs the name of each failed test and its panic message. Everything else (the
//! backtrace advice, the repeated list of names, pages of a test's own logging) is noise that
//! pushes the message off the screen, so [`trim`] keeps the panic and only the tail of the rest.

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `... ok`
    Ok,
    /// `... FAILED`
    Failed,
    /// `... ignored`
    Ignored,
}

/// What one run of a test binary reported.
#[derive(Debug, Default)]
pub struct Report {
    /// Each test that finished, in the order it finished.
    pub results: Vec<(String, Status)>,
    /// The `---- <name> stdout ----` sections: each failed test's captured output.
    sections: Vec<(String, String)>,
    /// Whether the closing `test result:` line was printed, i.e. libtest got to the end.
    pub finished: bool,
}

impl Report {
    /// How many tests ended with `status`.
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|(_, s)| *s == status).count()
    }

    /// The names of the tests that ended with `status`, sorted (they finish in any order).
    pub fn names(&self, status: Status) -> Vec<String> {
        let mut names: Vec<String> = self
            .results
            .iter()
            .filter(|(_, s)| *s == status)
            .map(|(n, _)| n.clone())
            .collect();
        names.sort();
        names
    }

    /// The trimmed failure message of `test`, if libtest printed one.
    pub fn message(&self, test: &str) -> Option<String> {
        self.sections
            .iter()
            .find(|(name, _)| name == test)
            .map(|(_, section)| trim(section, test))
    }
}

/// Reads libtest's pretty output. Unknown lines are skipped, so a test that prints with
/// `--nocapture`-style output (or a future libtest line) cannot confuse it.
pub fn parse(stdout: &str) -> Report {
    let mut report = Report::default();
    let mut in_failures = false;
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in stdout.lines() {
        if in_failures {
            if let Some(name) = line
                .strip_prefix("---- ")
                .and_then(|l| l.strip_suffix(" stdout ----"))
            {
                report.close(current.take());
                current = Some((name.to_string(), Vec::new()));
                continue;
            }
            // The second `failures:` line starts the list of names: the sections are over.
            if line == "failures:" {
                report.close(current.take());
                in_failures = false;
                continue;
            }
            if let Some((_, lines)) = current.as_mut() {
                lines.push(line);
                continue;
            }
        }
        if line == "failures:" {
            in_failures = true;
        } else if line.starts_with("test result: ") {
            report.finished = true;
        } else if let Some((name, status)) = result_line(line) {
            report.results.push((name, status));
        }
    }
    report.close(current);
    report
}

impl Report {
    fn close(&mut self, section: Option<(String, Vec<&str>)>) {
        if let Some((name, lines)) = section {
            self.sections.push((name, lines.join("\n")));
        }
    }
}

/// `test <name> ... ok|FAILED|ignored[, reason]`.
fn result_line(line: &str) -> Option<(String, Status)> {
    let (name, result) = line.strip_prefix("test ")?.rsplit_once(" ... ")?;
    let status = match result.split([',', ' ']).next()? {
        "ok" => Status::Ok,
        "FAILED" => Status::Failed,
        "ignored" => Status::Ignored,
        _ => return None,
    };
    Some((name.to_string(), status))
}

/// How many lines of a test's own output (before or around its panic) to keep.
const OUTPUT_LINES: usize = 10;
/// How many lines of one panic message to keep; an assertion on a long Debug value can be huge.
const PANIC_LINES: usize = 20;

/// Trims a failed test's section to its panic messages and the tail of its other output.
///
/// A panic starts at a `thread '...' panicked at <file>:<line>:<col>:` line and runs to the
/// next blank line (libtest separates them). We drop the "run with RUST_BACKTRACE" notes and
/// any backtrace, keep each panic (capped at [`PANIC_LINES`]), and of everything else keep the
/// last [`OUTPUT_LINES`] lines, saying how many were left out.
pub fn trim(section: &str, test: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let mut panics: Vec<Vec<String>> = Vec::new();
    let mut in_panic = false;
    let mut in_backtrace = false;
    for line in section.lines() {
        if line.starts_with("note: run with `RUST_BACKTRACE")
            || line.starts_with("note: Some details are omitted")
        {
            in_panic = false;
            continue;
        }
        if line == "stack backtrace:" {
            in_backtrace = true;
            continue;
        }
        if in_backtrace {
            // Frames are indented; the first line that is not ends the backtrace.
            if line.starts_with(' ') {
                continue;
            }
            in_backtrace = false;
        }
        if is_panic_line(line) {
            panics.push(vec![shorten_panic_line(line, test)]);
            in_panic = true;
            continue;
        }
        if in_panic {
            if line.trim().is_empty() {
                in_panic = false;
            } else if let Some(panic) = panics.last_mut() {
                panic.push(line.to_string());
            }
            continue;
        }
        output.push(line);
    }

    let mut kept: Vec<String> = Vec::new();
    let output = strip_blank_ends(&output);
    if output.len() > OUTPUT_LINES {
        kept.push(format!(
            "({} earlier lines of output left out)",
            output.len() - OUTPUT_LINES
        ));
    }
    kept.extend(
        output[output.len().saturating_sub(OUTPUT_LINES)..]
            .iter()
            .map(|l| l.to_string()),
    );
    for panic in panics {
        kept.extend(panic.iter().take(PANIC_LINES).cloned());
        if panic.len() > PANIC_LINES {
            kept.push(format!(
                "({} more lines of this message left out)",
                panic.len() - PANIC_LINES
            ));
        }
    }
    kept.join("\n")
}

/// `thread '<name>' panicked at <place>:`; recent Rust also puts the thread id after the name:
/// `thread '<name>' (<id>) panicked at <place>:`.
fn is_panic_line(line: &str) -> bool {
    line.starts_with("thread '") && line.contains(" panicked at ")
}

/// The test's own thread is named after the test, which the heading already shows, and its id
/// means nothing to a learner: `thread 'x' (123) panicked at f.rs:1:2:` becomes
/// `panicked at f.rs:1:2:`. A panic on another thread (a spawned one, a runtime worker) keeps
/// its thread name, which tells where it happened.
///
/// A panic inside a dependency names its place by the full path into cargo's registry
/// (`/home/me/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.54.1/src/...`);
/// from `tokio-1.54.1/` on is all that says anything.
fn shorten_panic_line(line: &str, test: &str) -> String {
    let own = format!("thread '{test}' ");
    let mut line = match (line.starts_with(&own), line.find(" panicked at ")) {
        (true, Some(at)) => line[at + 1..].to_string(),
        _ => line.to_string(),
    };
    let registry = "/registry/src/";
    if let (Some(start), Some(at)) = (line.find("panicked at /"), line.find(registry)) {
        let after_index = line[at + registry.len()..]
            .find('/')
            .map(|i| at + registry.len() + i + 1);
        if let Some(end) = after_index {
            let place = start + "panicked at ".len();
            line.replace_range(place..end, "");
        }
    }
    line
}

fn strip_blank_ends<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |i| i + 1);
    &lines[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\
running 3 tests
test slow ... ignored, needs a quiet machine
test callers_share_one_runtime ... FAILED
test one_caller ... ok

failures:

---- callers_share_one_runtime stdout ----
calling 8 times
calling from thread 3

thread 'callers_share_one_runtime' panicked at tests/behaviour.rs:20:5:
assertion `left == right` failed: every call started a runtime
  left: 8
 right: 1
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    callers_share_one_runtime

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn reads_results_and_messages() {
        let report = parse(OUTPUT);
        assert!(report.finished);
        assert_eq!(report.names(Status::Failed), ["callers_share_one_runtime"]);
        assert_eq!(report.count(Status::Ok), 1);
        assert_eq!(report.count(Status::Ignored), 1);
        assert_eq!(
            report.message("callers_share_one_runtime").unwrap(),
            "calling 8 times\ncalling from thread 3\n\
             panicked at tests/behaviour.rs:20:5:\n\
             assertion `left == right` failed: every call started a runtime\n  left: 8\n right: 1"
        );
    }

    #[test]
    fn a_run_cut_short_has_results_but_no_summary() {
        let report = parse("running 2 tests\ntest quick ... ok\n");
        assert!(!report.finished);
        assert_eq!(report.names(Status::Ok), ["quick"]);
    }

    #[test]
    fn long_output_keeps_its_tail_and_the_whole_panic() {
        let mut section: Vec<String> = (0..30).map(|i| format!("log line {i}")).collect();
        section.push("thread 'x' (4242) panicked at src/lib.rs:1:1:".into());
        section.push("boom".into());
        section.push("stack backtrace:".into());
        section.push("   0: std::panicking::begin_panic".into());
        let trimmed = trim(&section.join("\n"), "x");
        assert!(trimmed.starts_with("(20 earlier lines of output left out)\nlog line 20\n"));
        assert!(trimmed.ends_with("log line 29\npanicked at src/lib.rs:1:1:\nboom"));
    }

    #[test]
    fn a_panic_on_another_thread_keeps_its_name() {
        let section = "thread 'tokio-runtime-worker' (7) panicked at src/bridge.rs:9:5:\n\
                       Cannot start a runtime from within a runtime.";
        assert_eq!(trim(section, "nested"), section);
    }

    #[test]
    fn a_panic_in_a_dependency_names_the_crate_not_the_registry() {
        let section = "thread 'nested' (7) panicked at /root/.cargo/registry/src/\
                       index.crates.io-1949cf8c6b5b557f/tokio-1.54.1/src/runtime/mod.rs:89:9:\n\
                       Cannot start a runtime from within a runtime.";
        assert_eq!(
            trim(section, "nested"),
            "panicked at tokio-1.54.1/src/runtime/mod.rs:89:9:\nCannot start a runtime from within a runtime."
        );
    }
}
