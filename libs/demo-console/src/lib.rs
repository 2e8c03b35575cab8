//! Every lab's demo under tokio-console, written once.
//!
//! A demo built with its lab's `console` feature serves its tasks to tokio-console, so a
//! reader can watch the anti-pattern and its fix live and `console-capture` can record the
//! chapters' snapshots. Each demo flattens [`ConsoleArgs`] into its command line and calls
//! [`ConsoleArgs::serve`] before its workload and [`ConsoleArgs::hold`] (or
//! [`ConsoleArgs::hold_async`]) after it. Built without the feature, both are no-ops (`--hold`
//! says why), and none of console-subscriber's gRPC stack is compiled.
//!
//! `--stall-report PATH` does the same for the project's stall detector: every runtime the
//! lab builds for its demo passes its builder through [`watch`], which installs the detector
//! when the flag was given (and does nothing otherwise), and the demo writes every detector's
//! [`stall_detector::Report`] to `PATH` as JSON, every 100 ms and when its workload ends, so
//! a demo that has to be killed still leaves its last report. `cargo xtask stalls` reads them.
//!
//! Two decisions a reader may question:
//!
//! - the server binds to 127.0.0.1 whatever the environment says: a demo is not a server;
//! - console-subscriber binds in a background thread and only logs a failure, so a port in use
//!   would go unnoticed; [`ConsoleArgs::serve`] tries the port first and fails with a message
//!   that says what to do.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use stall_detector::StallDetector;

/// The flags every demo takes for tokio-console.
#[derive(Debug, Clone, clap::Args)]
pub struct ConsoleArgs {
    /// With `--features console`: seconds to stay alive after the workload, for tokio-console.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub hold: u64,
    /// With `--features console`: the loopback port tokio-console connects to (not 0: the
    /// reader has to know the port to connect, and console-subscriber would not say which it got).
    #[arg(long, default_value_t = 6669, value_parser = clap::value_parser!(u16).range(1..))]
    pub console_port: u16,
    /// Watch every runtime of the demo with the stall detector and write its reports to this
    /// file as JSON (every 100 ms, and when the workload ends).
    #[arg(long, value_name = "PATH")]
    pub stall_report: Option<PathBuf>,
}

/// Where `--stall-report` goes, once `serve` has read the flag.
static STALL_REPORT: OnceLock<PathBuf> = OnceLock::new();
/// The detectors of every runtime built so far.
static DETECTORS: Mutex<Vec<StallDetector>> = Mutex::new(Vec::new());

/// Installs the stall detector on a runtime the demo is about to build, if `--stall-report`
/// asked for it; does nothing otherwise (benches and tests build through here too).
pub fn watch(builder: &mut tokio::runtime::Builder) -> &mut tokio::runtime::Builder {
    if STALL_REPORT.get().is_some() {
        let detector = stall_detector::install(builder);
        DETECTORS
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(detector);
    }
    builder
}

/// Wraps a future that Tokio polls without a task hook (a `LocalSet`'s `run_until`, a
/// `block_on` future) so that the detector of the runtime built last watches it too, when
/// `--stall-report` asked for one; returns it unchanged in effect otherwise.
#[track_caller]
pub fn watched<F: std::future::Future>(future: F) -> impl std::future::Future<Output = F::Output> {
    let detectors = DETECTORS.lock().unwrap_or_else(|p| p.into_inner());
    let detector = detectors
        .last()
        .cloned()
        .unwrap_or_else(StallDetector::disabled);
    detector.watch(future)
}

/// Writes every detector's report to the `--stall-report` file, through a temporary file so a
/// reader never sees half of one.
fn write_stall_reports() {
    let Some(path) = STALL_REPORT.get() else {
        return;
    };
    // Held to the end: the reporting thread and the demo's last write must not share the
    // temporary file, or one's rename publishes the other's half-written (even empty) file.
    let detectors = DETECTORS.lock().unwrap_or_else(|p| p.into_inner());
    let reports: Vec<_> = detectors.iter().map(StallDetector::report).collect();
    let text: String = reports.iter().map(|r| r.to_string()).collect();
    let partial = path.with_extension("partial");
    let written = serde_json::to_vec_pretty(&reports)
        .map_err(std::io::Error::other)
        .and_then(|json| std::fs::write(&partial, json))
        .and_then(|()| std::fs::rename(&partial, path))
        // The same, as the detector prints it, for a reader.
        .and_then(|()| std::fs::write(path.with_extension("txt"), text));
    if let Err(err) = written {
        eprintln!("cannot write the stall report to {}: {err}", path.display());
    }
    drop(detectors);
}

impl ConsoleArgs {
    /// The loopback address the console server listens on.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.console_port))
    }

    /// Starts the tokio-console server, or says why it cannot; does nothing without the
    /// `console` feature.
    pub fn serve(&self) -> anyhow::Result<()> {
        if let Some(path) = &self.stall_report
            && STALL_REPORT.set(path.clone()).is_ok()
        {
            // A plain thread that lives as long as the process: the demo may end in a
            // deadlock that only its own watchdog stops, and the last report must be there.
            std::thread::Builder::new()
                .name("stall-report".into())
                .spawn(|| {
                    loop {
                        #[expect(
                            clippy::disallowed_methods,
                            reason = "a plain thread pacing itself, not async code"
                        )]
                        std::thread::sleep(Duration::from_millis(100));
                        write_stall_reports();
                    }
                })?;
        }
        #[cfg(feature = "console")]
        {
            let address = self.address();
            if let Err(err) = std::net::TcpListener::bind(address) {
                anyhow::bail!(
                    "cannot serve tokio-console on {address}: {err}. Is another demo still \
                     running? Stop it, or pick another port with --console-port"
                );
            }
            console_subscriber::ConsoleLayer::builder()
                .server_addr(address)
                .init();
        }
        Ok(())
    }

    /// Keeps the process alive for `--hold` seconds so tokio-console can read its final state
    /// (a deadlocked thread included). For demos whose workload ran outside async code.
    pub fn hold(&self) {
        if self.announce() {
            #[expect(
                clippy::disallowed_methods,
                reason = "a plain thread waiting, not async code"
            )]
            std::thread::sleep(Duration::from_secs(self.hold));
        }
    }

    /// [`ConsoleArgs::hold`] for demos that are already inside a Tokio runtime.
    pub async fn hold_async(&self) {
        if self.announce() {
            tokio::time::sleep(Duration::from_secs(self.hold)).await;
        }
    }

    /// Says whether there is anything to hold for, and prints the line `console-capture`
    /// waits for: the workload is over.
    fn announce(&self) -> bool {
        // The workload is over: the stall report is final (the hold adds nothing to it).
        write_stall_reports();
        if self.hold == 0 {
            return false;
        }
        if cfg!(not(feature = "console")) {
            eprintln!("--hold only helps with tokio-console: rebuild with `--features console`");
            return false;
        }
        println!(
            "holding for {} s: connect with `tokio-console http://{}`",
            self.hold,
            self.address()
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::ConsoleArgs;

    #[derive(Debug, Parser)]
    struct Demo {
        #[command(flatten)]
        console: ConsoleArgs,
    }

    #[test]
    fn port_zero_is_refused_and_the_hold_is_bounded() {
        assert!(Demo::try_parse_from(["demo", "--console-port", "0"]).is_err());
        assert!(Demo::try_parse_from(["demo", "--hold", "601"]).is_err());
        let demo = Demo::try_parse_from(["demo", "--console-port", "7000"]).unwrap();
        assert_eq!(demo.console.address().to_string(), "127.0.0.1:7000");
    }
}
