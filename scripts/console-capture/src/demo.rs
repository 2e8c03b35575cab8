//! A lab's demo: built with its `console` feature, started in its own process group, and never
//! left behind.
//!
//! Every lab's `demo` binary follows one convention (see `labs/runtime-per-call/src/bin/demo.rs`):
//! `demo <variant> --console-port <port> --hold <secs>`, built with `--features console`, runs
//! the variant's workload while serving console-subscriber on 127.0.0.1:<port>, prints a line
//! starting `holding for` when the workload is over, then stays alive for `<secs>` so a client
//! can read the final state. The capture relies on that line to know when the numbers are
//! complete.
//!
//! The demo runs as the leader of a new process group, and [`Demo`] kills the whole group when
//! it is stopped or dropped: on success, on every error path, and when Ctrl-C cancels the
//! capture (the terminal's Ctrl-C reaches only the foreground group, which the demo is not in).

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

/// The line a demo prints when its workload is over.
pub const HOLD_MARKER: &str = "holding for";

/// How many of the demo's last output lines an error message quotes.
const TAIL_LINES: usize = 20;

/// The cargo that runs us (cargo sets `$CARGO` for `cargo run`), else the one on `PATH`.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Checks that `lab` has a `demo` binary and a `console` feature, and says what is missing.
pub async fn check(root: &Path, lab: &str) -> Result<()> {
    let output = cargo()
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run `cargo metadata`")?;
    if !output.status.success() {
        bail!("`cargo metadata` failed; is every Cargo.toml in the workspace valid?");
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .context("`cargo metadata` printed something that is not JSON")?;
    check_metadata(&metadata, lab)
}

/// The checks of [`check`], on `cargo metadata`'s output.
fn check_metadata(metadata: &serde_json::Value, lab: &str) -> Result<()> {
    let package = metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == lab))
        .with_context(|| format!("the workspace has no package `{lab}` (expected labs/{lab})"))?;
    let has_demo = package["targets"].as_array().is_some_and(|targets| {
        targets.iter().any(|t| {
            t["name"] == "demo"
                && t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "bin"))
        })
    });
    if !has_demo {
        bail!(
            "lab `{lab}` has no `demo` binary (labs/{lab}/src/bin/demo.rs): there is nothing to run under tokio-console"
        );
    }
    if package["features"].get("console").is_none() {
        bail!(
            "lab `{lab}`'s demo has no `console` feature, so it cannot serve tokio-console. Add \
             `console = [\"dep:console-subscriber\", \"tokio/tracing\"]` to [features] in \
             labs/{lab}/Cargo.toml and serve the console behind it, as labs/runtime-per-call does"
        );
    }
    Ok(())
}

/// Builds `lab`'s demo in release with its `console` feature and returns the executable.
///
/// Release, because the demo's behaviour should be the one the benches measure; console's
/// instrumentation still inflates every poll, which the chapter says.
pub async fn build(root: &Path, lab: &str) -> Result<PathBuf> {
    println!("building {lab}'s demo: cargo build --release -p {lab} --features console --bin demo");
    let output = cargo()
        .current_dir(root)
        .args([
            "build",
            "--release",
            "-p",
            lab,
            "--features",
            "console",
            "--bin",
            "demo",
        ])
        // Diagnostics still go to the terminal; stdout carries one JSON message per artifact.
        .args(["--message-format", "json-render-diagnostics"])
        .stderr(Stdio::inherit())
        // Ctrl-C cancels the capture, and with it the build.
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run `cargo build`")?;
    if !output.status.success() {
        bail!("building {lab}'s demo failed (cargo's errors are above)");
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "demo")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .with_context(|| format!("cargo built {lab} but did not report a `demo` executable"))
}

/// The last lines the demo printed, on either stream.
#[derive(Default)]
struct Output {
    lines: Vec<String>,
}

impl Output {
    fn push(&mut self, line: String) {
        if self.lines.len() == TAIL_LINES {
            self.lines.remove(0);
        }
        self.lines.push(line);
    }
}

/// A running demo, in a process group of its own.
pub struct Demo {
    child: Child,
    group: Pid,
    output: Arc<Mutex<Output>>,
    readers: Vec<tokio::task::JoinHandle<()>>,
    workload_ended: watch::Receiver<Option<SystemTime>>,
}

impl Demo {
    /// Starts `exe <variant> --console-port <port> --hold <hold_secs> <extra...>`.
    pub fn start(
        exe: &Path,
        variant: &str,
        extra: &[String],
        port: u16,
        hold_secs: u64,
    ) -> Result<Demo> {
        let mut child = Command::new(exe)
            .arg(variant)
            .args([
                "--console-port",
                &port.to_string(),
                "--hold",
                &hold_secs.to_string(),
            ])
            .args(extra)
            // A backtrace captured by the panic hook is a long poll of its own: the snapshot's
            // long-poll lint would flag a lab whose tasks panic on purpose for it.
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own group, so one killpg reaches it and anything it starts.
            .process_group(0)
            // A second line of defence if we are unwound without running Drop's killpg.
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", exe.display()))?;
        let pid = child
            .id()
            .context("the demo exited before we could read its pid")?;
        // With process_group(0) the group's id is the leader's pid.
        let group = Pid::from_raw(i32::try_from(pid)?);
        let output = Arc::new(Mutex::new(Output::default()));
        let (ended_tx, workload_ended) = watch::channel(None);
        let stdout = child.stdout.take().context("no stdout pipe")?;
        let stderr = child.stderr.take().context("no stderr pipe")?;
        // Both pipes are read to the end, always: a demo blocked on a full pipe would hang.
        let readers = vec![
            tokio::spawn(read_lines(stdout, Arc::clone(&output), Some(ended_tx))),
            tokio::spawn(read_lines(stderr, Arc::clone(&output), None)),
        ];
        Ok(Demo {
            child,
            group,
            output,
            readers,
            workload_ended,
        })
    }

    /// The exit status, if the demo has exited.
    pub fn exited(&mut self) -> Result<Option<ExitStatus>> {
        Ok(self.child.try_wait()?)
    }

    /// Whether the demo has already reported the end of its workload.
    pub fn workload_ended_at(&self) -> Option<SystemTime> {
        *self.workload_ended.borrow()
    }

    /// The demo's last lines of output once it has exited: its pipes are read to the end
    /// first (for at most a second), so that its last words, usually the error, are in.
    pub async fn last_words(&mut self) -> String {
        let readers = std::mem::take(&mut self.readers);
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(1), futures_join(readers)).await;
        self.tail()
    }

    /// The demo's last lines of output, indented, for an error message.
    pub fn tail(&self) -> String {
        let output = self.output.lock().unwrap_or_else(|p| p.into_inner());
        if output.lines.is_empty() {
            return "  (it printed nothing)".to_string();
        }
        output
            .lines
            .iter()
            .map(|l| format!("  | {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Kills the whole group and waits for the demo, so that nothing is left behind.
    pub async fn stop(mut self) {
        self.kill();
        let _ = self.child.wait().await;
    }

    fn kill(&self) {
        // Harmless if the group is already gone.
        let _ = killpg(self.group, Signal::SIGKILL);
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        // Every path that does not reach `stop` (an error, a timeout, Ctrl-C cancelling the
        // capture) still takes the group down; the runtime reaps the child.
        self.kill();
    }
}

/// Waits for every reader task.
async fn futures_join(readers: Vec<tokio::task::JoinHandle<()>>) {
    for reader in readers {
        let _ = reader.await;
    }
}

/// Copies a pipe into `output`, line by line; on stdout, also watches for the marker.
async fn read_lines(
    pipe: impl AsyncRead + Unpin,
    output: Arc<Mutex<Output>>,
    marker: Option<watch::Sender<Option<SystemTime>>>,
) {
    let mut lines = BufReader::new(pipe).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(marker) = &marker
            && line.trim_start().starts_with(HOLD_MARKER)
        {
            marker.send_replace(Some(SystemTime::now()));
        }
        output.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(features: serde_json::Value, bin: &str) -> serde_json::Value {
        serde_json::json!({"packages": [{
            "name": "lab",
            "features": features,
            "targets": [{"name": bin, "kind": ["bin"]}, {"name": "lab", "kind": ["lib"]}],
        }]})
    }

    #[test]
    fn a_lab_needs_a_demo_with_a_console_feature() {
        let ok = metadata(
            serde_json::json!({"console": ["dep:console-subscriber"]}),
            "demo",
        );
        assert!(check_metadata(&ok, "lab").is_ok());
        let no_feature = metadata(serde_json::json!({}), "demo");
        let err = check_metadata(&no_feature, "lab").unwrap_err().to_string();
        assert!(
            err.contains("no `console` feature") && err.contains("labs/lab/Cargo.toml"),
            "{err}"
        );
        let no_demo = metadata(serde_json::json!({"console": []}), "probe");
        assert!(
            check_metadata(&no_demo, "lab")
                .unwrap_err()
                .to_string()
                .contains("no `demo` binary")
        );
        assert!(
            check_metadata(&ok, "other")
                .unwrap_err()
                .to_string()
                .contains("no package `other`")
        );
    }
}
