//! A real FIFO for every test, bench and demo: made with `mkfifo` in a temporary directory,
//! with its write end already open, and gone when it is dropped (a failing test's too).
//!
//! A FIFO has one trap for a test: opening its read end blocks until a writer opens the other
//! end, and opening the write end blocks until a reader exists. [`Fifo::new`] never waits on
//! either: it first opens a read end with `O_NONBLOCK` (which returns at once, writer or not),
//! then the write end (which finds that reader and returns at once). After that, a reader that
//! opens the path finds a writer and never waits in `open`. The first read end, the *keeper*,
//! never reads: bytes in a pipe go to whichever `read(2)` asks first, and it never asks.
//!
//! Dropping the `Fifo` closes the write end first: every reader still blocked in `read(2)` on
//! it (the anti-pattern's abandoned reads) gets end-of-file and returns, and so does one still
//! blocked in `open(2)`, so a runtime that waits for its blocking threads at shutdown is never
//! left waiting on this FIFO.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::stat::Mode;

/// A named pipe in a temporary directory, with a writer attached.
#[derive(Debug)]
pub struct Fifo {
    /// The write end; `None` once [`Fifo::hang_up`] closed it.
    writer: Option<File>,
    /// A read end that never reads: it lets the writer open without waiting for a reader.
    keeper: Option<File>,
    /// The FIFO's path with every symlink resolved: what `/proc/self/fd` shows for it.
    path: PathBuf,
    /// Declared last, so dropped last: the directory goes after both ends are closed.
    _dir: tempfile::TempDir,
}

impl Fifo {
    /// Makes the FIFO and opens its write end; neither step can block.
    pub fn new() -> io::Result<Fifo> {
        let dir = tempfile::Builder::new()
            .prefix("fs-for-devices-")
            .tempdir()?;
        // Canonical, because the census in `census` compares it with `/proc/self/fd` links.
        let path = dir.path().canonicalize()?.join("port");
        nix::unistd::mkfifo(&path, Mode::S_IRUSR | Mode::S_IWUSR).map_err(io::Error::from)?;
        let keeper = OpenOptions::new()
            .read(true)
            .custom_flags(OFlag::O_NONBLOCK.bits())
            .open(&path)?;
        // A blocking write end: a test's writes behave as a device's peer would, and a write
        // larger than the pipe's buffer waits for the reader instead of failing.
        let writer = OpenOptions::new().write(true).open(&path)?;
        Ok(Fifo {
            writer: Some(writer),
            keeper: Some(keeper),
            path,
            _dir: dir,
        })
    }

    /// The FIFO's path, what a reader opens.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes all of `bytes`; blocks while the pipe's buffer (64 KiB on Linux) is full.
    pub fn write(&self, bytes: &[u8]) -> io::Result<()> {
        let mut writer = self.writer()?;
        writer.write_all(bytes)
    }

    /// The write end, for a writer thread (`&File` implements `Write`).
    pub fn writer(&self) -> io::Result<&File> {
        self.writer
            .as_ref()
            .ok_or_else(|| io::Error::new(io::ErrorKind::BrokenPipe, "the FIFO was hung up"))
    }

    /// Closes the write end: every reader gets end-of-file once the buffer is drained.
    pub fn hang_up(&mut self) {
        self.writer = None;
    }

    /// Whether bytes written are still in the pipe, read by no one yet. The keeper is a read
    /// end of the same pipe, so `poll(2)` on it says whether the pipe holds anything.
    pub fn has_unread(&self) -> io::Result<bool> {
        let Some(keeper) = &self.keeper else {
            return Ok(false);
        };
        let mut fds = [PollFd::new(keeper.as_fd(), PollFlags::POLLIN)];
        nix::poll::poll(&mut fds, PollTimeout::ZERO).map_err(io::Error::from)?;
        Ok(fds[0]
            .revents()
            .is_some_and(|events| events.contains(PollFlags::POLLIN)))
    }

    /// The descriptors the `Fifo` itself holds on the path (the keeper and the writer): the
    /// census leaves them out, they are no reader's.
    pub fn own_fds(&self) -> Vec<RawFd> {
        [self.keeper.as_ref(), self.writer.as_ref()]
            .into_iter()
            .flatten()
            .map(AsRawFd::as_raw_fd)
            .collect()
    }
}

impl Drop for Fifo {
    fn drop(&mut self) {
        // Writer first: a read blocked on this FIFO returns end-of-file, now.
        self.writer = None;
        // A reader that opened the path after a hang-up waits in `open(2)` for a writer that
        // will never come. A write end opened and closed at once releases it; it then reads
        // end-of-file. `O_NONBLOCK`, so this open never waits (the keeper is a reader).
        let _release = OpenOptions::new()
            .write(true)
            .custom_flags(OFlag::O_NONBLOCK.bits())
            .open(&self.path);
        self.keeper = None;
    }
}
