//! The bench's floor: the port read with no runtime at all.
//!
//! A thread blocks in `read(2)` on the FIFO while another writes a message into it: the write,
//! the kernel waking the reader, the copy out. Every variant pays that; none can beat it. What
//! a fix adds on top is the reactor's bookkeeping (`epoll` reporting the FIFO readable, the
//! task woken and polled); what the anti-pattern adds is a hand-off to a blocking thread and
//! back per read.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// A blocking line reader on the FIFO at `path` (a writer must already be open on it).
pub fn open(path: &Path) -> io::Result<BufReader<File>> {
    Ok(BufReader::new(OpenOptions::new().read(true).open(path)?))
}

/// Reads `lines` lines, blocking in `read(2)` while the FIFO is empty.
pub fn read_lines(reader: &mut BufReader<File>, lines: usize, line: &mut String) -> io::Result<()> {
    for _ in 0..lines {
        line.clear();
        if reader.read_line(line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
    Ok(())
}

/// Pins the calling thread, and every thread it starts afterwards, to one core (the first the
/// process may use). The bench calls it first: with the writer and the reader on two cores, a
/// wake-up that lands on an idle core costs tens of microseconds on a virtual machine, more than
/// anything the variants do, and which core it lands on changes from run to run. On one core
/// the bench measures each variant's own path: the system calls, the hops between threads, the
/// reactor's bookkeeping.
pub fn one_core() -> io::Result<usize> {
    use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
    use nix::unistd::Pid;
    let allowed = sched_getaffinity(Pid::from_raw(0)).map_err(io::Error::from)?;
    let core = (0..CpuSet::count())
        .find(|&cpu| allowed.is_set(cpu).unwrap_or(false))
        .ok_or_else(|| io::Error::other("no core allowed"))?;
    let mut one = CpuSet::new();
    one.set(core).map_err(io::Error::from)?;
    sched_setaffinity(Pid::from_raw(0), &one).map_err(io::Error::from)?;
    Ok(core)
}
