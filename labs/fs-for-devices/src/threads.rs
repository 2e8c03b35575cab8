//! The instruments: who is waiting, and on what, counted from the process itself.
//!
//! Two counts, because each sees what the other cannot:
//!
//! - [`parked_in_read`] reads `/proc/self/task/*/syscall`: the system call each thread of the
//!   process is inside right now, with its arguments. A thread inside `read(2)` on a
//!   descriptor that `/proc/self/fd` says is open on the FIFO is a thread held by an idle
//!   reader, whoever spawned it (Tokio's blocking pool, `std::thread`, anything).
//! - [`busy_blocking_threads`] asks Tokio's runtime metrics: threads of the blocking pool
//!   minus its idle ones, the threads running a `spawn_blocking` closure (or a `tokio::fs`
//!   operation, which is one).

use std::fs;
use std::io;
use std::path::Path;

use tokio::runtime::Handle;

/// The number of `read` in this architecture's system call table, as `/proc/<tid>/syscall`
/// shows it.
#[cfg(target_arch = "x86_64")]
const SYS_READ: u64 = 0;
#[cfg(target_arch = "aarch64")]
const SYS_READ: u64 = 63;

/// Threads of this process inside `read(2)` on a descriptor open on `path`, at this instant.
pub fn parked_in_read(path: &Path) -> io::Result<usize> {
    let mut parked = 0;
    for task in fs::read_dir("/proc/self/task")? {
        // A thread may end between the listing and the read: it is parked nowhere.
        let Ok(syscall) = fs::read_to_string(task?.path().join("syscall")) else {
            continue;
        };
        let mut fields = syscall.split_whitespace();
        // "running" (on a CPU, in no call), or the call's number then its arguments in hex.
        let Some(Ok(number)) = fields.next().map(str::parse::<u64>) else {
            continue;
        };
        let Some(Ok(fd)) = fields
            .next()
            .map(|a| u64::from_str_radix(a.trim_start_matches("0x"), 16))
        else {
            continue;
        };
        if number != SYS_READ {
            continue;
        }
        let on = fs::read_link(format!("/proc/self/fd/{fd}"));
        if on.is_ok_and(|target| target == path) {
            parked += 1;
        }
    }
    Ok(parked)
}

/// Threads of the runtime's blocking pool that are running something (not idle).
pub fn busy_blocking_threads(handle: &Handle) -> usize {
    let metrics = handle.metrics();
    metrics
        .num_blocking_threads()
        .saturating_sub(metrics.num_idle_blocking_threads())
}
