//! The second fix: any non-blocking descriptor under `tokio::io::unix::AsyncFd`.
//!
//! `pipe::Receiver` checks that its path is a FIFO; a virtio serial port or a tty is a
//! character device and would be refused. `AsyncFd` takes any descriptor that `epoll` can
//! watch: open it with `O_NONBLOCK`, register it, and read when the reactor says it is
//! readable. It is what `pipe::Receiver` does inside, written out: the loop below is the
//! whole of it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use nix::fcntl::OFlag;
use tokio::io::unix::AsyncFd;
use tokio::io::{AsyncRead, ReadBuf};

use crate::contract::Opened;

/// A port read through the reactor.
#[derive(Debug)]
pub struct ReactorPort {
    fd: AsyncFd<File>,
}

impl AsyncRead for ReactorPort {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            // Parks the task on the reactor until `epoll` reports the port readable.
            let mut ready = ready!(self.fd.poll_read_ready(cx))?;
            let unfilled = buf.initialize_unfilled();
            // `try_io` clears the readiness when the read says `EWOULDBLOCK` (another reader
            // got there first, or the event was stale), and the loop waits again.
            match ready.try_io(|fd| fd.get_ref().read(unfilled)) {
                Ok(result) => {
                    let n = result?;
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(_would_block) => continue,
            }
        }
    }
}

/// Opens the port non-blocking and registers it with the reactor.
pub async fn open(path: &Path) -> Opened {
    // Without `O_NONBLOCK` the reactor still reports readiness, but a read after a stale
    // report (or after another reader took the bytes) would block the worker in `read(2)`.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(OFlag::O_NONBLOCK.bits())
        .open(path)?;
    Ok(Box::pin(ReactorPort {
        fd: register(file)?,
    }))
}

/// Registers `file` with the reactor.
#[expect(
    deprecated,
    reason = "Tokio 1.54 deprecates `AsyncFd::new` for the `unsafe fn register`, whose contract \
              is that the descriptor stays open and the same while registered; the workspace \
              forbids `unsafe`, and an owned `File` that only `ReactorPort` can reach keeps \
              that contract by construction"
)]
fn register(file: File) -> io::Result<AsyncFd<File>> {
    AsyncFd::new(file)
}
