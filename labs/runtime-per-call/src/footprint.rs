//! What a bridge costs the process, read from the process itself.
//!
//! Timing belongs to criterion; this module answers the other question a user of a binding
//! asks: after my host threads have called in, how many threads does the process run and how
//! much memory does it hold? Linux reports both in `/proc/self/status` (`Threads:` and
//! `VmRSS:`), so we read them there, while the calling threads are still alive: a runtime
//! that belongs to a thread must be counted while that thread exists.
//!
//! Resident memory is process-wide, so each measurement is meant to run in a fresh process
//! (the `probe` binary starts one per variant).

use std::io;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::contract::Bridge;
use crate::variants::Variant;

/// A snapshot of `/proc/self/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessStatus {
    /// Threads in the process, the main thread included.
    pub threads: usize,
    /// Resident set size in bytes.
    pub rss_bytes: u64,
}

/// Reads the current process's thread count and resident memory.
pub fn process_status() -> io::Result<ProcessStatus> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    parse_status(&status).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "/proc/self/status lacks Threads: or VmRSS:",
        )
    })
}

/// Parses the `Threads:` and `VmRSS:` lines of a `/proc/<pid>/status` text.
pub fn parse_status(status: &str) -> Option<ProcessStatus> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
    };
    Some(ProcessStatus {
        threads: usize::try_from(field("Threads:")?).ok()?,
        // The kernel reports kB (KiB, despite the name).
        rss_bytes: field("VmRSS:")? * 1024,
    })
}

/// Threads and memory before and after `callers` threads made `calls` calls each.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Footprint {
    /// The bridge measured.
    pub variant: Variant,
    /// How many host threads called in.
    pub callers: usize,
    /// Calls each host thread made.
    pub calls_per_caller: u64,
    /// Runtimes the bridge built in total.
    pub runtimes_built: usize,
    /// Before the bridge existed.
    pub before: ProcessStatus,
    /// After every call returned, with every host thread still alive.
    pub after: ProcessStatus,
}

impl Footprint {
    /// Threads the bridge added beyond the host threads themselves.
    pub fn threads_added_by_bridge(&self) -> isize {
        self.after.threads as isize - self.before.threads as isize - self.callers as isize
    }

    /// Resident memory gained between before and after, in bytes (may be negative).
    pub fn rss_added(&self) -> i64 {
        self.after.rss_bytes as i64 - self.before.rss_bytes as i64
    }
}

/// Makes `calls` calls from each of `callers` fresh threads, then reads the process status
/// while all of them are still alive.
pub fn measure(variant: Variant, callers: usize, calls: u64) -> io::Result<Footprint> {
    measure_paced(variant, callers, calls, Duration::ZERO)
}

/// Like [`measure`], with each host thread waiting `pause` after every call, the way a host
/// that calls now and then would (and so that a watcher such as tokio-console, which connects
/// a few tens of milliseconds after start, sees the calls happen).
pub fn measure_paced(
    variant: Variant,
    callers: usize,
    calls: u64,
    pause: Duration,
) -> io::Result<Footprint> {
    let before = process_status()?;
    let bridge: Arc<dyn Bridge> = Arc::from(variant.bridge());
    // Two rendezvous points: "every call is done" and "the reading is taken".
    let calls_done = Barrier::new(callers + 1);
    let reading_taken = Barrier::new(callers + 1);
    let after = std::thread::scope(|scope| {
        for caller in 0..callers {
            let (bridge, calls_done, reading_taken) = (&bridge, &calls_done, &reading_taken);
            scope.spawn(move || {
                for i in 0..calls {
                    let key = (caller as u64) << 32 | i;
                    bridge.call(key).expect("a plain thread may always call");
                    wait(pause);
                }
                calls_done.wait();
                reading_taken.wait();
            });
        }
        calls_done.wait();
        let after = process_status();
        reading_taken.wait();
        after
    })?;
    Ok(Footprint {
        variant,
        callers,
        calls_per_caller: calls,
        runtimes_built: bridge.runtimes_built(),
        before,
        after,
    })
}

/// Blocks this host thread for `pause` (not a runtime's thread: blocking is what it does).
fn wait(pause: Duration) {
    let until = Instant::now() + pause;
    // `park_timeout` may wake early; nothing unparks these threads, so loop on the clock.
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        if left.is_zero() {
            break;
        }
        std::thread::park_timeout(left);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernel_format() {
        let text = "Name:\tprobe\nVmRSS:\t   2048 kB\nThreads:\t7\n";
        assert_eq!(
            parse_status(text),
            Some(ProcessStatus {
                threads: 7,
                rss_bytes: 2048 * 1024
            })
        );
    }

    #[test]
    fn a_missing_field_is_none() {
        assert_eq!(parse_status("Threads:\t3\n"), None);
    }
}
