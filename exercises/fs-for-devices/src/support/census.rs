//! The instruments: who is waiting on the port, and how, counted from the process itself.
//!
//! A reader that waits for data waits in one of two places, and Linux shows both:
//!
//! - **in `read(2)`, on a thread**: `/proc/self/task/<tid>/syscall` names the system call each
//!   thread of the process is inside right now, with its arguments; a thread inside `read` on a
//!   descriptor that `/proc/self/fd` says is open on the FIFO is a thread held by an idle
//!   reader, whoever started it (Tokio's blocking pool, `std::thread`, a worker);
//! - **on the reactor, on no thread**: `/proc/self/fdinfo/<epoll fd>` lists every descriptor
//!   registered with an `epoll` instance (`tfd:` lines); Tokio's reactor is one.
//!
//! [`census`] sorts every descriptor open on the FIFO into those two (or neither, for a
//! reader that has not started to wait yet), and [`settled`] waits until no reader is left
//! in neither. Waiting on that is waiting for an event, not for time: a reader that waits at
//! all ends in one of the two places, so a test can then judge where without a sleep.
//! [`busy_blocking_threads`] asks Tokio's runtime metrics for the blocking pool's side.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::os::fd::RawFd;
use std::path::Path;
use std::time::{Duration, Instant};

use tokio::runtime::Handle;

use super::fifo::Fifo;

/// The number of `read` in this architecture's system call table, as `/proc/<tid>/syscall`
/// shows it.
#[cfg(target_arch = "x86_64")]
const SYS_READ: u64 = 0;
#[cfg(target_arch = "aarch64")]
const SYS_READ: u64 = 63;

/// Where the readers of one FIFO wait, at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Census {
    /// Descriptors open on the FIFO, the `Fifo`'s own left out: one per reader.
    pub open: usize,
    /// Threads inside `read(2)` on one of them.
    pub in_read: usize,
    /// Of those descriptors, the ones registered with an `epoll` (Tokio's reactor).
    pub on_reactor: usize,
}

impl Census {
    /// Every reader waits somewhere: on a thread in `read(2)` or on the reactor.
    pub fn is_settled(&self) -> bool {
        self.in_read + self.on_reactor >= self.open
    }
}

/// Counts where the readers of `fifo` wait, now.
pub fn census(fifo: &Fifo) -> io::Result<Census> {
    let own: HashSet<RawFd> = fifo.own_fds().into_iter().collect();
    let readers: HashSet<RawFd> = fds_open_on(fifo.path())?
        .into_iter()
        .filter(|fd| !own.contains(fd))
        .collect();
    let registered = fds_on_epoll()?;
    let in_read = threads_in_read()?
        .into_iter()
        .filter(|fd| readers.contains(fd))
        .count();
    Ok(Census {
        open: readers.len(),
        in_read,
        on_reactor: readers.intersection(&registered).count(),
    })
}

/// How long [`settled`] waits before it says a reader waits nowhere it can see. Never reached
/// by a reader that waits in `read(2)` or on the reactor (either takes microseconds); only by a
/// reader that spins, or a test that expects a reader that was never started.
pub const SETTLE_BOUND: Duration = Duration::from_secs(10);

/// Waits until every reader of `fifo` waits in `read(2)` or on the reactor, and says where.
/// It yields between looks, so the readers' tasks run meanwhile on any runtime.
pub async fn settled(fifo: &Fifo) -> io::Result<Census> {
    let bound = Instant::now() + SETTLE_BOUND;
    loop {
        let census = census(fifo)?;
        if census.is_settled() {
            return Ok(census);
        }
        if Instant::now() > bound {
            return Err(io::Error::other(format!(
                "a reader waits neither in read(2) nor on the reactor: {census:?}"
            )));
        }
        tokio::task::yield_now().await;
        // A real thread on its way into `read(2)` needs the CPU more than this loop does.
        std::thread::yield_now();
    }
}

/// Waits until `done(census)` holds for `fifo` (for a state the test knows is coming, such as
/// a parked thread returning once data arrives), with the same bound as [`settled`].
pub async fn until(fifo: &Fifo, done: impl Fn(&Census) -> bool) -> io::Result<Census> {
    let bound = Instant::now() + SETTLE_BOUND;
    loop {
        let census = census(fifo)?;
        if done(&census) {
            return Ok(census);
        }
        if Instant::now() > bound {
            return Err(io::Error::other(format!(
                "the readers never reached the state waited for: {census:?}"
            )));
        }
        tokio::task::yield_now().await;
        std::thread::yield_now();
    }
}

/// The descriptors of this process open on `path`.
fn fds_open_on(path: &Path) -> io::Result<Vec<RawFd>> {
    let mut fds = Vec::new();
    for entry in fs::read_dir("/proc/self/fd")? {
        let entry = entry?;
        // A descriptor closed between the listing and the look is open on nothing.
        let Ok(target) = fs::read_link(entry.path()) else {
            continue;
        };
        if target == path
            && let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse().ok())
        {
            fds.push(fd);
        }
    }
    Ok(fds)
}

/// The descriptors registered with any `epoll` instance of this process.
fn fds_on_epoll() -> io::Result<HashSet<RawFd>> {
    let mut registered = HashSet::new();
    for entry in fs::read_dir("/proc/self/fd")? {
        let entry = entry?;
        let is_epoll = fs::read_link(entry.path())
            .is_ok_and(|target| target.as_os_str() == "anon_inode:[eventpoll]");
        if !is_epoll {
            continue;
        }
        let info = Path::new("/proc/self/fdinfo").join(entry.file_name());
        let Ok(info) = fs::read_to_string(info) else {
            continue;
        };
        // `tfd:       12 events:       19 data: ...`, one line per registered descriptor.
        for line in info.lines() {
            if let Some(fd) = line
                .strip_prefix("tfd:")
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|fd| fd.parse().ok())
            {
                registered.insert(fd);
            }
        }
    }
    Ok(registered)
}

/// The descriptor each thread of this process is inside `read(2)` on, one entry per thread.
fn threads_in_read() -> io::Result<Vec<RawFd>> {
    let mut fds = Vec::new();
    for task in fs::read_dir("/proc/self/task")? {
        // A thread may end between the listing and the read: it is in no call.
        let Ok(syscall) = fs::read_to_string(task?.path().join("syscall")) else {
            continue;
        };
        // "running" (on a CPU, in no call), or the call's number then its arguments in hex.
        let mut fields = syscall.split_whitespace();
        let Some(Ok(number)) = fields.next().map(str::parse::<u64>) else {
            continue;
        };
        let Some(Ok(fd)) = fields
            .next()
            .map(|a| RawFd::from_str_radix(a.trim_start_matches("0x"), 16))
        else {
            continue;
        };
        if number == SYS_READ {
            fds.push(fd);
        }
    }
    Ok(fds)
}

/// Threads of the runtime's blocking pool that are running something (not idle): a
/// `spawn_blocking` closure, or a `tokio::fs` operation, which is one.
pub fn busy_blocking_threads(handle: &Handle) -> usize {
    let metrics = handle.metrics();
    metrics
        .num_blocking_threads()
        .saturating_sub(metrics.num_idle_blocking_threads())
}

/// `spawn_blocking` jobs waiting for a thread of the blocking pool.
pub fn queued_blocking_jobs(handle: &Handle) -> usize {
    handle.metrics().blocking_queue_depth()
}
